#!/usr/bin/env python3
"""Generates crates/fhir/data/ from the official FHIR R4 package (hl7.fhir.r4.examples 4.0.1).

Usage: python3 tools/fhir-gen/generate.py PACKAGE_DIR crates/fhir/data

Standard library only. The output is deterministic (sorted keys, stable order), so running
it twice gives byte-identical files; the crate's staleness test relies on that.
"""

import json
import os
import sys

sys.dont_write_bytecode = True  # keep tools/fhir-gen free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from model import Model, load_package  # noqa: E402
from search import FULL_TEXT, build_search, counts, report  # noqa: E402
from structures import build_structures  # noqa: E402
from valuesets import Terminology  # noqa: E402

CONFORMANCE_CATEGORIES = {"Foundation.Conformance", "Foundation.Terminology"}
DEFINITIONAL_CATEGORIES = {"Specialized.Definitional Artifacts"}


def build_resource_types(model):
    out = {}
    for name in model.resource_types():
        category = model.category(name)
        out[name] = {
            "category": category,
            "domainResource": model.base_of(name) == "DomainResource",
            "conformance": category in CONFORMANCE_CATEGORIES,
            "definitional": category in DEFINITIONAL_CATEGORIES,
        }
    return {"fhirVersion": "4.0.1", "resourceTypes": out}


def build_compartment(resources, search):
    comp = next(r for _, r in resources
                if r.get("resourceType") == "CompartmentDefinition" and r.get("id") == "patient")
    out, missing = {}, []
    for entry in comp["resource"]:
        params = entry.get("param", [])
        if not params:
            continue
        known = {p["code"] for p in search["params"].get(entry["code"], [])}
        missing += ["%s.%s" % (entry["code"], p) for p in params if p not in known]
        out[entry["code"]] = params
    return {"compartment": "Patient", "resources": out}, missing


def dump(value, depth):
    """JSON with the first `depth` levels of objects one entry per line, the rest compact."""
    if depth == 0 or not isinstance(value, dict) or not value:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    items = [json.dumps(k, ensure_ascii=False) + ":" + dump(v, depth - 1)
             for k, v in sorted(value.items())]
    return "{\n" + ",\n".join(items) + "\n}"


def write(out_dir, name, text):
    with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text if text.endswith("\n") else text + "\n")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    package_dir, out_dir = argv[1], argv[2]
    os.makedirs(out_dir, exist_ok=True)
    resources = load_package(package_dir)
    model = Model(resources)
    terminology = Terminology(resources)

    types = build_resource_types(model)
    search, skipped, dropped = build_search(model, resources)
    compartment, missing = build_compartment(resources, search)
    structures = build_structures(model, terminology)

    write(out_dir, "resource-types.json", dump(types, 2))
    write(out_dir, "search-parameters.json", dump(search, 2))
    write(out_dir, "compartment-patient.json", dump(compartment, 2))
    write(out_dir, "structures.json", dump(structures, 2))
    write(out_dir, "search-report.md", report(search, skipped, dropped))
    summarize(types, search, skipped, dropped, compartment, missing, structures)
    return 0


def summarize(types, search, skipped, dropped, compartment, missing, structures):
    total, supported, simple_total, simple_supported = counts(search)
    print("resource types: %d" % len(types["resourceTypes"]))
    print("search parameters: %d (%d supported); non-composite, non-special: %d of %d (%.1f %%)"
          % (total, supported, simple_supported, simple_total,
             100.0 * simple_supported / max(simple_total, 1)))
    print("definitions left out: %d; paths dropped: %d" % (len(skipped), len(dropped)))
    for base, params in sorted(search["params"].items()):
        for p in params:
            if not p["supported"] and p["type"] not in ("composite", "special") \
                    and p["code"] not in FULL_TEXT:
                print("  unsupported %s.%s (%s): %s" % (base, p["code"], p["type"], p["reason"]))
    print("patient compartment: %d resource types" % len(compartment["resources"]))
    for m in missing:
        print("  compartment parameter not found: " + m)
    print("structure nodes: %d; primitive types: %d; expanded required value sets: %d"
          % (len(structures["nodes"]), len(structures["primitives"]),
             len(structures["valueSets"])))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
