"""Expands ValueSets from the CodeSystems in the package, where that is possible offline.

A ValueSet is expandable when every include is a whole complete CodeSystem, a list of
concepts, a hierarchy filter (is-a, descendent-of) on a complete CodeSystem, or another
expandable ValueSet. Anything else (external systems, other filters) returns None, and the
validator then does not enforce the binding.
"""

HIERARCHY_FILTERS = {"is-a", "descendent-of"}


class Terminology:
    def __init__(self, resources):
        self.value_sets = {}
        self.code_systems = {}
        for _, res in resources:
            rt = res.get("resourceType")
            if rt == "ValueSet" and "url" in res:
                self.value_sets.setdefault(res["url"], res)
            elif rt == "CodeSystem" and "url" in res:
                self.code_systems.setdefault(res["url"], res)
        self.cache = {}

    def expand(self, url):
        """{system: sorted codes} for a ValueSet url (version suffix ignored), or None."""
        url = url.split("|")[0]
        if url not in self.cache:
            self.cache[url] = None  # guards against import cycles
            self.cache[url] = self._expand(url)
        return self.cache[url]

    def _expand(self, url):
        vs = self.value_sets.get(url)
        if vs is None or "compose" not in vs:
            return None
        result = {}
        for inc in vs["compose"].get("include", []):
            part = self._include(inc)
            if part is None:
                return None
            for system, codes in part.items():
                result.setdefault(system, set()).update(codes)
        for exc in vs["compose"].get("exclude", []):
            if "concept" in exc and "system" in exc and not exc.get("filter"):
                result.get(exc["system"], set()).difference_update(c["code"] for c in exc["concept"])
        return {s: sorted(c) for s, c in sorted(result.items()) if c}

    def _include(self, inc):
        if "valueSet" in inc:
            if "system" in inc:
                return None
            merged = {}
            for ref in inc["valueSet"]:
                sub = self.expand(ref)
                if sub is None:
                    return None
                for system, codes in sub.items():
                    merged.setdefault(system, set()).update(codes)
            return merged
        system = inc.get("system")
        if system is None:
            return None
        if "concept" in inc:
            return {system: {c["code"] for c in inc["concept"]}}
        concepts = self._complete_concepts(system)
        if concepts is None:
            return None
        if "filter" in inc:
            return self._filtered(system, concepts, inc["filter"])
        return {system: set(all_codes(concepts))}

    def _complete_concepts(self, system):
        cs = self.code_systems.get(system)
        if cs is None or cs.get("content") != "complete":
            return None
        return cs.get("concept", [])

    def _filtered(self, system, concepts, filters):
        codes = None
        for f in filters:
            if f.get("property") != "concept" or f.get("op") not in HIERARCHY_FILTERS:
                return None
            if has_property_hierarchy(concepts):
                return None
            root = find(concepts, f.get("value"))
            if root is None:
                return None
            below = set(all_codes(root.get("concept", [])))
            if f["op"] == "is-a":
                below.add(root["code"])
            codes = below if codes is None else codes & below
        return {system: codes or set()}


def all_codes(concepts):
    for c in concepts:
        yield c["code"]
        yield from all_codes(c.get("concept", []))


def find(concepts, code):
    for c in concepts:
        if c["code"] == code:
            return c
        hit = find(c.get("concept", []), code)
        if hit is not None:
            return hit
    return None


def has_property_hierarchy(concepts):
    """True when parents are given by properties, which nesting-based filters would miss."""
    for c in concepts:
        if any(p.get("code") in ("parent", "child", "subsumedBy") for p in c.get("property", [])):
            return True
        if has_property_hierarchy(c.get("concept", [])):
            return True
    return False
