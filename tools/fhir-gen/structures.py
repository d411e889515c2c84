"""Builds structures.json: what the validator needs from the snapshots, keyed by node path.

A node is a resource type, a complex datatype, or a backbone element (`Patient.contact`).
Each node lists its elements by name (`value[x]` for choices) with cardinality, types, the
node of inline children, whether `_summary` keeps it, and the ValueSet of a required binding
when it can be expanded.
"""

from model import NUMBER_PRIMITIVES

BOUND_TYPES = {"code", "Coding", "CodeableConcept"}


def build_structures(model, terminology):
    nodes, bound = {}, set()
    for name in model.resource_types() + model.complex_types():
        for path in element_paths(model, name):
            el = model.elements[path]
            if el["max"] == "0":
                continue
            parent, _, last = path.rpartition(".")
            entry = element_entry(model, terminology, path, el, bound)
            nodes.setdefault(parent, {})[last] = entry
    value_sets = {url: terminology.expand(url) for url in sorted(bound)}
    primitives = {
        name: primitive_entry(model, name) for name in model.primitive_types()
    }
    return {"nodes": nodes, "primitives": primitives, "valueSets": value_sets}


def element_paths(model, name):
    """Every element path of a definition except its root, in snapshot order."""
    out, todo = [], [name]
    while todo:
        path = todo.pop(0)
        for child in model.children.get(path, []):
            out.append(child)
            todo.append(child)
    return out


def element_entry(model, terminology, path, el, bound):
    entry = {"min": el["min"], "max": el["max"]}
    if el.get("isSummary"):
        entry["summary"] = True
    inline = model.inline_node(path, el)
    if inline is not None:
        entry["types"] = ["BackboneElement"]
        entry["node"] = inline
    else:
        entry["types"] = model.element_types(el)
    binding = el.get("binding", {})
    if binding.get("strength") == "required" and set(entry["types"]) & BOUND_TYPES:
        url = binding.get("valueSet", "").split("|")[0]
        if url and terminology.expand(url) is not None:
            entry["valueSet"] = url
            bound.add(url)
    return entry


def primitive_entry(model, name):
    if name == "boolean":
        json_type = "boolean"
    elif name in NUMBER_PRIMITIVES:
        json_type = "number"
    else:
        json_type = "string"
    entry = {"json": json_type}
    regex = model.primitive_regex(name)
    if regex is not None:
        entry["regex"] = regex
    return entry
