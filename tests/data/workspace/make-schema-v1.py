#!/usr/bin/env python3
"""Writes schema-v1.ratlas: a workspace as Residency Atlas schema version 1 wrote it (before
scenarios and map positions), with one snapshot of two workloads, a dataset and a flow, and an
audit chain of one record. The migration test opens a copy of it. Version 1's statements are
history: they never change, so this script does not either."""
import hashlib, os, sqlite3, sys

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema-v1.ratlas")
if os.path.exists(path):
    os.remove(path)
db = sqlite3.connect(path)
common = ("row_id INTEGER PRIMARY KEY, added_in INTEGER NOT NULL REFERENCES snapshots(id), "
          "removed_in INTEGER REFERENCES snapshots(id), seq DOUBLE PRECISION NOT NULL, present INTEGER NOT NULL, "
          "source INTEGER REFERENCES sources(id), line INTEGER NOT NULL, col INTEGER NOT NULL, digest TEXT NOT NULL, ")
statements = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE snapshots (id INTEGER PRIMARY KEY, created TEXT NOT NULL, user_name TEXT NOT NULL, action TEXT NOT NULL, label TEXT NOT NULL, format_version INTEGER NOT NULL, organisation TEXT, as_of TEXT, overlay INTEGER NOT NULL)",
    "CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, command TEXT, at TEXT, user_name TEXT)",
    "CREATE TABLE sites (" + common + "id TEXT NOT NULL, name TEXT, country TEXT, operator TEXT)",
    "CREATE TABLE datasets (" + common + "id TEXT NOT NULL, name TEXT, classification TEXT, categories TEXT, origin TEXT, consent_training INTEGER, consent_analytics INTEGER, retention_days INTEGER, redacted INTEGER, key_custody TEXT, key_location TEXT, localisation TEXT)",
    "CREATE TABLE workloads (" + common + "id TEXT NOT NULL, name TEXT, kind TEXT, location TEXT, operator TEXT, operator_hq TEXT, holds TEXT, external INTEGER, certifications TEXT, tags TEXT)",
    "CREATE TABLE flows (" + common + "id TEXT NOT NULL, from_workload TEXT, to_workload TEXT, carries TEXT, form TEXT, purpose TEXT, basis TEXT, encrypted INTEGER, protections TEXT, volume_gb_per_day DOUBLE PRECISION)",
    "CREATE TABLE access (" + common + "id TEXT NOT NULL, role TEXT, from_location TEXT, to_workload TEXT, datasets TEXT, purpose TEXT, basis TEXT)",
    "CREATE TABLE waivers (" + common + "id TEXT NOT NULL, rule TEXT, subject TEXT, reason TEXT, approved_by TEXT, expires TEXT)",
    "CREATE TABLE imports (id INTEGER PRIMARY KEY, snapshot INTEGER NOT NULL REFERENCES snapshots(id), file_name TEXT NOT NULL, bytes BIGINT NOT NULL, sha256 TEXT NOT NULL, importer TEXT NOT NULL, importer_version TEXT NOT NULL, imported_at TEXT NOT NULL, user_name TEXT NOT NULL, resources INTEGER NOT NULL, workloads INTEGER NOT NULL, datasets INTEGER NOT NULL, flows INTEGER NOT NULL, skipped INTEGER NOT NULL, assumed INTEGER NOT NULL, notes TEXT NOT NULL)",
    "CREATE TABLE packs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, content TEXT NOT NULL, added_at TEXT NOT NULL, active INTEGER NOT NULL)",
    "CREATE TABLE catalog_overrides (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, content TEXT NOT NULL, added_at TEXT NOT NULL, active INTEGER NOT NULL)",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_name TEXT NOT NULL, action TEXT NOT NULL, entity_kind TEXT NOT NULL, entity_id TEXT NOT NULL, snapshot INTEGER, before_value TEXT NOT NULL, after_value TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
]
for t in ["sites", "datasets", "workloads", "flows", "access", "waivers"]:
    statements.append(f"CREATE INDEX {t}_head ON {t} (removed_in, seq)")
statements.append("CREATE INDEX imports_snapshot ON imports (snapshot)")
for s in statements:
    db.execute(s)
db.executemany("INSERT INTO meta VALUES (?, ?)", [("application", "residency-atlas-workspace"), ("schema_version", "1"),
                                                  ("created", "2026-11-20T09:00:00Z")])
at = "2026-11-20T09:00:00.000Z"
db.execute("INSERT INTO snapshots VALUES (1, ?, 'fixture', 'import', 'import estate.yaml', 1, 'Fixture Ltd', '2026-11-20', 0)", (at,))
db.execute("INSERT INTO sources VALUES (1, 'estate.yaml', 'file', NULL, NULL, NULL)")
d = "0" * 32
db.execute("INSERT INTO datasets (added_in, seq, present, source, line, col, digest, id, name, classification, categories, origin) "
           "VALUES (1, 1024, 31, 1, 3, 5, ?, 'patients', 'Patient records', 'restricted', 'personal,health', 'EU')", (d,))
db.execute("INSERT INTO workloads (added_in, seq, present, source, line, col, digest, id, name, kind, location, holds, external) "
           "VALUES (1, 1024, 79, 1, 9, 5, ?, 'ehr', 'EHR store', 'database', 'aws:eu-central-1', 'patients', 0)", (d,))
db.execute("INSERT INTO workloads (added_in, seq, present, source, line, col, digest, id, name, kind, location, external) "
           "VALUES (1, 2048, 15, 1, 14, 5, ?, 'trainer', 'Trainer', 'training', 'aws:us-east-1', 0)", (d,))
db.execute("INSERT INTO flows (added_in, seq, present, source, line, col, digest, id, from_workload, to_workload, carries, form, purpose, basis) "
           "VALUES (1, 1024, 63, 1, 19, 5, ?, 'eu-to-us', 'ehr', 'trainer', 'patients', 'raw', 'training', 'none')", (d,))
fields = ["1", at, "fixture", "import", "snapshot", "import estate.yaml", "1", "{}", '{"files":[]}', "0" * 64]
h = hashlib.sha256("\x1f".join(fields).encode()).hexdigest()
db.execute("INSERT INTO audit_log VALUES (1, ?, 'fixture', 'import', 'snapshot', 'import estate.yaml', 1, '{}', '{\"files\":[]}', ?, ?)",
           (at, "0" * 64, h))
db.execute("INSERT INTO meta VALUES ('audit_head', ?)", ("1:" + h,))
db.commit()
db.close()
print(path)
