"""Compiles the FHIRPath subset used by R4 search parameters into walkable JSON paths.

A compiled path is a list of steps over the resource's JSON (`component`, `valueQuantity`)
with optional filters on a step, and the FHIR type found at its end. Choice elements are
expanded into one path per allowed type, so the runtime never interprets FHIRPath.
"""

import re

from model import json_name

# FHIR types each search-parameter type can index; anything else is dropped from the paths.
INDEXABLE = {
    "token": {"code", "boolean", "string", "id", "uri", "url", "canonical", "oid", "uuid",
              "Coding", "CodeableConcept", "Identifier", "ContactPoint"},
    "string": {"string", "markdown", "code", "id", "uri", "url", "canonical",
               "HumanName", "Address"},
    "date": {"date", "dateTime", "instant", "Period", "Timing"},
    "reference": {"Reference", "canonical", "uri", "url", "Resource"},
    "quantity": {"Quantity", "SimpleQuantity", "MoneyQuantity", "Age", "Duration", "Count",
                 "Distance", "Money", "Range"},
    "number": {"decimal", "integer", "positiveInt", "unsignedInt"},
    "uri": {"uri", "url", "canonical", "oid", "uuid"},
}

IDENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")
CALL = re.compile(r"^([A-Za-z]+)\((.*)\)$", re.S)
CAST_PAREN = re.compile(r"^\((.+) as ([A-Za-z]+)\)(.*)$", re.S)
EXISTS_NOT_FALSE = re.compile(r"^(\w+)\.(\w+)\.exists\(\) and \1\.\2 != false$")


class CompileError(Exception):
    pass


def split_top(expr, sep):
    """Splits at `sep` outside parentheses and quotes."""
    parts, depth, quote, cur = [], 0, False, []
    for ch in expr:
        if ch == "'":
            quote = not quote
        elif not quote and ch == "(":
            depth += 1
        elif not quote and ch == ")":
            depth -= 1
        if ch == sep and depth == 0 and not quote:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return [p for p in parts if p]


def head_of(part):
    """The first identifier of a union part: `Observation` in `(Observation.value as X)`."""
    m = re.match(r"^\(*([A-Za-z_][A-Za-z0-9_]*)", part)
    return m.group(1) if m else ""


def tokenize(part):
    """Turns one union part into a list of operations: ("name", n, index), ("cast", T), ..."""
    m = CAST_PAREN.match(part)
    if m:
        inner, cast, rest = m.groups()
        ops = tokenize(inner) + [("cast", cast)]
        rest = rest.strip()
        if rest:
            if not rest.startswith("."):
                raise CompileError("unexpected text after cast: " + rest)
            ops += tokenize(rest[1:])
        return ops
    ops = []
    for seg in split_top(part, "."):
        ident = IDENT.match(seg)
        call = CALL.match(seg)
        if ident:
            index = int(ident.group(2)) if ident.group(2) is not None else None
            ops.append(("name", ident.group(1), index))
        elif call:
            ops.append(call_op(call.group(1), call.group(2).strip()))
        else:
            raise CompileError("unsupported FHIRPath: " + seg)
    return ops


def call_op(fn, arg):
    if fn in ("as", "ofType"):
        return ("cast", arg)
    if fn == "extension":
        return ("extension", unquote(arg))
    if fn == "where":
        m = re.match(r"^resolve\(\) is ([A-Za-z]+)$", arg)
        if m:
            return ("where", {"target": m.group(1)})
        m = re.match(r"^hasExtension\('([^']*)'\)$", arg)
        if m:
            return ("where", {"hasExtension": m.group(1)})
        m = re.match(r"^([A-Za-z]+)\s*=\s*'([^']*)'$", arg)
        if m:
            return ("where", {"equals": [m.group(1), m.group(2)]})
    raise CompileError("unsupported FHIRPath function: %s(%s)" % (fn, arg))


def unquote(arg):
    if len(arg) >= 2 and arg[0] == arg[-1] == "'":
        return arg[1:-1]
    raise CompileError("expected a quoted string: " + arg)


class Alt:
    """One way of walking the JSON: the steps so far, the node reached and its FHIR type."""

    def __init__(self, steps, node, ftype):
        self.steps, self.node, self.ftype = steps, node, ftype


def compile_part(model, resource_type, part):
    """All (steps, type) alternatives of one union part, before filtering by search type."""
    ops = tokenize(part)
    if ops and ops[0][0] == "name" and ops[0][1] == resource_type:
        ops = ops[1:]
    elif ops and ops[0][0] == "name" and ops[0][1] in ("Resource", "DomainResource"):
        ops = ops[1:]
    alts = [Alt([], resource_type, resource_type)]
    i = 0
    while i < len(ops):
        op = ops[i]
        cast = ops[i + 1][1] if i + 1 < len(ops) and ops[i + 1][0] == "cast" else None
        if op[0] == "name":
            alts = step_name(model, alts, op[1], op[2], cast)
            i += 2 if cast else 1
        elif op[0] == "extension":
            alts = [Alt(a.steps + [{"n": "extension", "url": op[1]}], "Extension", "Extension")
                    for a in alts]
            i += 1
        elif op[0] == "where":
            for a in alts:
                a.steps[-1] = add_filter(a.steps[-1], op[1])
            i += 1
        else:
            raise CompileError("cast without an element: " + part)
    if ops and ops[-1][0] == "extension":
        alts = step_name(model, alts, "value", None, None)
    return [(a.steps, a.ftype) for a in alts]


def add_filter(step, filt):
    step = {"n": step} if isinstance(step, str) else dict(step)
    if set(filt) & set(step):
        raise CompileError("two filters on one step")
    step.update(filt)
    return step


def step_name(model, alts, name, index, cast):
    out = []
    for a in alts:
        path, el = model.child(a.node, name)
        if el is None:
            continue
        types = model.element_types(el)
        inline = model.inline_node(path, el)
        if inline is not None:
            out.append(Alt(a.steps + [step(name, index)], inline, "BackboneElement"))
            continue
        is_choice = path.endswith("[x]")
        if cast is not None:
            if cast not in types:
                continue
            types = [cast]
        for t in types:
            key = json_name(name, t) if is_choice else name
            out.append(Alt(a.steps + [step(key, index)], t, t))
    if not out:
        raise CompileError("no element %s under %s" % (name, ", ".join(a.node for a in alts)))
    return out


def step(name, index):
    return name if index is None else {"n": name, "index": index}


def compile_expression(model, resource_type, kind, parts):
    """Compiles the union parts that apply to `resource_type`.

    Returns (paths, dropped): paths the runtime can index for this search type, and the
    alternatives dropped because their FHIR type cannot be indexed as `kind`.
    """
    paths, dropped = [], []
    for part in parts:
        for steps, ftype in compile_part(model, resource_type, part):
            entry = {"steps": steps, "type": ftype}
            if kind in INDEXABLE and ftype not in INDEXABLE[kind]:
                dropped.append(entry)
            elif entry not in paths:
                paths.append(entry)
    return paths, dropped
