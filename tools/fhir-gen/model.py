"""Loads the FHIR R4 package and indexes the base StructureDefinitions by element path.

Everything else in the generator asks this module "what is the element at this path,
what types may it hold, does it have children" instead of reading snapshots itself.
"""

import json
import os

SD_PREFIX = "http://hl7.org/fhir/StructureDefinition/"
SYSTEM_PREFIX = "http://hl7.org/fhirpath/System."
FHIR_TYPE_EXT = SD_PREFIX + "structuredefinition-fhir-type"
REGEX_EXT = SD_PREFIX + "regex"
CATEGORY_EXT = SD_PREFIX + "structuredefinition-category"

# Constraint profiles on Quantity that base resources use as element types.
QUANTITY_PROFILES = {
    SD_PREFIX + "SimpleQuantity": "SimpleQuantity",
    SD_PREFIX + "MoneyQuantity": "MoneyQuantity",
}

NUMBER_PRIMITIVES = {"decimal", "integer", "positiveInt", "unsignedInt"}


def load_package(package_dir):
    """Every resource in the package as (file name, parsed JSON), in file-name order."""
    out = []
    for name in sorted(os.listdir(package_dir)):
        if not name.endswith(".json") or name == "package.json" or name.startswith("."):
            continue
        with open(os.path.join(package_dir, name), encoding="utf-8") as f:
            out.append((name, json.load(f)))
    return out


def json_name(base, type_code):
    """The JSON property name of one variant of a choice element: value + Quantity."""
    suffix = "Quantity" if type_code in QUANTITY_PROFILES.values() else type_code
    return base + suffix[0].upper() + suffix[1:]


class Model:
    """The base (non-profile) StructureDefinitions, indexed by element path."""

    def __init__(self, resources):
        self.sds = {}
        for _, res in resources:
            if res.get("resourceType") == "StructureDefinition" and is_base_definition(res):
                self.sds[res["id"]] = res
        # Element paths are rooted at the definition's own name (SimpleQuantity.value).
        self.elements = {}
        self.children = {}
        for name, sd in sorted(self.sds.items()):
            snapshot = sd["snapshot"]["element"]
            root = snapshot[0]["path"]
            for el in snapshot:
                path = name + el["path"][len(root):]
                self.elements[path] = el
                parent = path.rpartition(".")[0]
                if parent:
                    self.children.setdefault(parent, []).append(path)

    def resource_types(self):
        return sorted(
            n for n, sd in self.sds.items()
            if sd["kind"] == "resource" and sd.get("derivation") == "specialization"
            and not sd.get("abstract")
        )

    def complex_types(self):
        """Concrete complex datatypes, plus the Quantity profiles used as element types."""
        return sorted(
            n for n, sd in self.sds.items()
            if sd["kind"] == "complex-type" and not sd.get("abstract")
        )

    def primitive_types(self):
        return sorted(n for n, sd in self.sds.items() if sd["kind"] == "primitive-type")

    def base_of(self, name):
        return self.sds[name].get("baseDefinition", "").rpartition("/")[2]

    def category(self, name):
        for ext in self.sds[name].get("extension", []):
            if ext["url"] == CATEGORY_EXT:
                return ext["valueString"].replace("&amp;", "&")
        return None

    def child(self, node_path, name):
        """(path, element) of `name` under `node_path`; choice elements match without [x]."""
        for path in (node_path + "." + name, node_path + "." + name + "[x]"):
            if path in self.elements:
                return path, self.elements[path]
        return None, None

    def has_children(self, path):
        return path in self.children

    def element_types(self, el):
        """FHIR type codes of an element; System.* types are mapped to their FHIR type."""
        if el.get("base", {}).get("path") == "Resource.id":
            return ["id"]
        out = []
        for t in el.get("type", []):
            code = t["code"]
            if code.startswith(SYSTEM_PREFIX):
                code = next(
                    (x["valueUrl"] for x in t.get("extension", []) if x["url"] == FHIR_TYPE_EXT),
                    "string",
                )
            for profile in t.get("profile", []):
                code = QUANTITY_PROFILES.get(profile, code)
            if code not in out:
                out.append(code)
        return out

    def inline_node(self, path, el):
        """The node path of a backbone element's own children, or None for typed elements.

        `Questionnaire.item.item` refers back to `Questionnaire.item` (contentReference).
        """
        if "contentReference" in el:
            ref = el["contentReference"].lstrip("#")
            return path.split(".")[0] + ref[ref.index("."):]
        if self.has_children(path):
            return path
        return None

    def primitive_regex(self, name):
        for el in self.sds[name]["snapshot"]["element"]:
            if el["path"].endswith(".value"):
                for t in el.get("type", []):
                    for ext in t.get("extension", []):
                        if ext["url"] == REGEX_EXT:
                            return ext["valueString"]
        return None


def is_base_definition(sd):
    """True for the core definitions: resources, datatypes, primitives, Quantity profiles."""
    url = sd.get("url", "")
    if not url.startswith(SD_PREFIX) or "snapshot" not in sd:
        return False
    if url in QUANTITY_PROFILES:
        return True
    if sd.get("kind") == "logical":
        return False
    return sd.get("derivation", "specialization") == "specialization"
