#!/usr/bin/env python3
"""Validates the inventory JSON Schema against the bundled sample and broken fixtures.

Usage: check_schema.py SCHEMA SAMPLE BROKEN_DIR

The sample must pass, and so must the sample with an `x-` extension key added at top level; each
fixture in EXPECTED_FAILURES must fail. Exit 0 on success, 1 on any
failure (each printed), 77 when the Python `jsonschema` module is missing (ctest
SKIP_RETURN_CODE). YAML is read with the YAML 1.2 core schema the importer uses: dates stay
strings, a quoted "30" is a string, yes/no/on/off are strings.
"""
import json
import os
import re
import sys

# Fixtures whose only defect is something the schema can see.
EXPECTED_FAILURES = [
    "classification-not-in-enum.yaml",
    "unknown-category.yaml",
    "workload-kind-not-in-enum.yaml",
    "negative-volume.yaml",
    "invalid-id-uppercase.yaml",
    "top-level-flow-typo.yaml",      # unknown top-level key 'flow' (an error since revision 2)
    "json-top-level-key-typo.json",  # unknown top-level key 'Flows'
    "training-basis-not-in-enum.yaml",
    "geo-redundant-not-a-boolean.yaml",
    "assessed-not-a-date.yaml",
]


def core_loader(yaml):
    """A SafeLoader whose plain-scalar resolution is the YAML 1.2 core schema (as the importer)."""

    class Core12Loader(yaml.SafeLoader):
        pass

    Core12Loader.yaml_implicit_resolvers = {}
    add = Core12Loader.add_implicit_resolver
    add("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
    add("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"))
    add("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
    add("tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
        list("-+.0123456789"))

    def construct_int(loader, node):
        return int(loader.construct_scalar(node), 10)  # 010 is 10, not octal

    def construct_bool(loader, node):
        return loader.construct_scalar(node).lower() == "true"

    Core12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Core12Loader.add_constructor("tag:yaml.org,2002:bool", construct_bool)
    return Core12Loader


def load(path, yaml, loader):
    with open(path, encoding="utf-8") as f:
        if path.endswith(".json"):
            return json.load(f)
        return yaml.load(f, Loader=loader)


def main(argv):
    if len(argv) != 4:
        print("usage: check_schema.py SCHEMA SAMPLE BROKEN_DIR", file=sys.stderr)
        return 1
    schema_path, sample_path, broken_dir = argv[1:]
    try:
        import jsonschema
    except ImportError:
        print("SKIP: the Python module 'jsonschema' is not installed "
              "(apt-get install python3-jsonschema)")
        return 77
    try:
        import yaml
    except ImportError:
        print("FAIL: the Python module 'yaml' (PyYAML) is not installed")
        return 1
    loader = core_loader(yaml)

    failures = []
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except Exception as e:  # unreadable, not JSON, or not a valid draft 2020-12 schema
        print(f"FAIL: {schema_path}: {e}")
        return 1
    validator = jsonschema.Draft202012Validator(schema)

    sample = load(sample_path, yaml, loader)
    errors = sorted(validator.iter_errors(sample), key=lambda e: list(e.path))
    for e in errors:
        failures.append(f"{sample_path}: /{'/'.join(map(str, e.path))}: {e.message}")
    if not errors:
        print(f"ok: {os.path.basename(sample_path)} passes")

    # Top-level keys starting with x- are extensions: accepted, like in the importer.
    if isinstance(sample, dict):
        extended = dict(sample)
        extended["x-owner"] = {"team": "platform"}
        errors = list(validator.iter_errors(extended))
        for e in errors:
            failures.append(f"{sample_path} with an x-owner key: /{'/'.join(map(str, e.path))}: {e.message}")
        if not errors:
            print(f"ok: {os.path.basename(sample_path)} with an x- extension key passes")

    for name in EXPECTED_FAILURES:
        path = os.path.join(broken_dir, name)
        if not os.path.isfile(path):
            failures.append(f"{path}: missing fixture")
            continue
        errors = list(validator.iter_errors(load(path, yaml, loader)))
        if errors:
            first = errors[0]
            print(f"ok: {name} fails: /{'/'.join(map(str, first.path))}: {first.message}")
        else:
            failures.append(f"{path}: passes the schema but should fail")

    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
