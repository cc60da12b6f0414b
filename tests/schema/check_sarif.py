#!/usr/bin/env python3
"""Runs `residency-atlas check --format sarif` and validates the log against the SARIF 2.1.0
schema; then checks that every result points at a real line of the inventory that names the
finding's subject. Usage: check_sarif.py BINARY INVENTORY SCHEMA. Exit 0 ok, 1 failure,
77 when the jsonschema module is missing (ctest SKIP_RETURN_CODE)."""
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("SKIP: python3-jsonschema is not installed")
    sys.exit(77)

binary, inventory, schema_path = sys.argv[1:4]
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out.sarif")
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    proc = subprocess.run([binary, "check", inventory, "--format", "sarif", "--output", out,
                           "--as-of", "2026-11-28"], env=env, capture_output=True, text=True)
    if proc.returncode != 1:
        print(f"FAIL: expected exit 1 (findings), got {proc.returncode}: {proc.stderr}")
        sys.exit(1)
    with open(out, encoding="utf-8") as f:
        log = json.load(f)
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
for e in errors[:20]:
    print("FAIL: schema:", "/".join(str(p) for p in e.path), e.message)
if errors:
    sys.exit(1)

run = log["runs"][0]
rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
problems = []
if sorted(rule_ids) != [f"RES-{i:03d}" for i in range(1, 21)]:
    problems.append(f"rules: {rule_ids}")
with open(inventory, encoding="utf-8") as f:
    lines = f.read().split("\n")
fired = set()
for r in run["results"]:
    fired.add(r["ruleId"])
    if rule_ids[r["ruleIndex"]] != r["ruleId"]:
        problems.append(f"ruleIndex mismatch for {r['ruleId']}")
    loc = r["locations"][0]["physicalLocation"]
    line = loc["region"]["startLine"]
    subject = r["properties"]["subject_id"]
    dataset = r["properties"]["dataset"]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    # The line is the subject's entry (its id) or, for a holding, the held dataset; for data a
    # workload receives, the flow that brings it (its root); for an implicit geo-redundant copy
    # (id~geo, id~pair), the store declared geo_redundant.
    root = r["properties"].get("root", "")
    via = root[len("flow:"):] if root.startswith("flow:") else None
    store = subject.split("~")[0]
    if store not in text and (dataset is None or dataset not in text) and (via is None or via not in text):
        problems.append(f"{r['ruleId']} {subject}: line {line} is {text.strip()!r}")
if fired != set(rule_ids):
    problems.append(f"rules that never fired on the sample: {sorted(set(rule_ids) - fired)}")
for p in problems:
    print("FAIL:", p)
if problems:
    sys.exit(1)
print(f"OK: {len(run['results'])} results valid against SARIF 2.1.0, every one on its subject's line")
