#!/usr/bin/env python3
"""Writes schema-v2.ratlas: a workspace as Residency Atlas schema version 2 wrote it (before the
columns of inventory revision 2b), with one snapshot of a dataset, two workloads, a flow and an
access entry, and an audit chain of one record. Unlike schema-v1.ratlas its rows carry the
content digests version 2 computed (contentDigest in workspace/workspacecodec.cpp, reproduced
below), so the migration test can check that a migrated row keeps its digest: `audit verify`
accepts it and a save of the same inventory rewrites nothing. Version 2's statements are
history: they never change, so this script does not either."""
import hashlib, os, sqlite3, struct

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema-v2.ratlas")
if os.path.exists(path):
    os.remove(path)
db = sqlite3.connect(path)
common = ("row_id INTEGER PRIMARY KEY, added_in INTEGER NOT NULL REFERENCES snapshots(id), "
          "removed_in INTEGER REFERENCES snapshots(id), seq DOUBLE PRECISION NOT NULL, present INTEGER NOT NULL, "
          "source INTEGER REFERENCES sources(id), line INTEGER NOT NULL, col INTEGER NOT NULL, digest TEXT NOT NULL, ")
columns = {
    "datasets": ["id", "name", "classification", "categories", "origin", "consent_training", "consent_analytics",
                 "retention_days", "redacted", "key_custody", "key_location", "localisation"],
    "workloads": ["id", "name", "kind", "location", "operator", "operator_hq", "holds", "external", "certifications",
                  "tags"],
    "flows": ["id", "from_workload", "to_workload", "carries", "form", "purpose", "basis", "encrypted", "protections",
              "volume_gb_per_day"],
    "access": ["id", "role", "from_location", "to_workload", "datasets", "purpose", "basis"],
}
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
# Version 2's step.
statements.append("CREATE TABLE scenarios (id INTEGER PRIMARY KEY, name TEXT NOT NULL, snapshot INTEGER REFERENCES snapshots(id), patterns TEXT NOT NULL, options TEXT NOT NULL, summary TEXT NOT NULL, kept_at TEXT NOT NULL, user_name TEXT NOT NULL)")
statements.append("CREATE TABLE map_positions (view TEXT NOT NULL, node TEXT NOT NULL, x DOUBLE PRECISION NOT NULL, y DOUBLE PRECISION NOT NULL, PRIMARY KEY (view, node))")
for s in statements:
    db.execute(s)


def digest(values):
    """contentDigest of version 2: per value a type byte and its bytes, then a zero byte; a null
    is the byte 1 alone. Text as UTF-16LE, integers as 64-bit little-endian."""
    h = hashlib.sha256()
    for v in values:
        if v is None:
            h.update(b"\x01")
            continue
        if isinstance(v, str):
            h.update(b"\x02" + v.encode("utf-16-le"))
        elif isinstance(v, float):
            h.update(b"\x04" + struct.pack("<d", v))
        else:
            h.update(b"\x03" + struct.pack("<q", v))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def insert(table, seq, present, line, content):
    """One row as version 2's store wrote it: every content column, '' for an empty string."""
    values = [content.get(c) for c in columns[table]]
    names = ", ".join(columns[table])
    marks = ", ".join("?" * len(values))
    db.execute(f"INSERT INTO {table} (added_in, seq, present, source, line, col, digest, {names}) "
               f"VALUES (1, ?, ?, 1, ?, 5, ?, {marks})", [seq, present, line, digest([present] + values)] + values)


db.executemany("INSERT INTO meta VALUES (?, ?)", [("application", "residency-atlas-workspace"), ("schema_version", "2"),
                                                  ("created", "2026-11-20T09:00:00Z")])
at = "2026-11-20T09:00:00.000Z"
db.execute("INSERT INTO snapshots VALUES (1, ?, 'fixture', 'import', 'import estate.yaml', 1, 'Fixture Ltd', '2026-11-20', 0)", (at,))
db.execute("INSERT INTO sources VALUES (1, 'estate.yaml', 'file', NULL, NULL, NULL)")
insert("datasets", 1024.0, 31, 3, {"id": "patients", "name": "Patient records", "classification": "restricted",
                                   "categories": "personal,health", "origin": "EU"})
insert("workloads", 1024.0, 79, 9, {"id": "ehr", "name": "EHR store", "kind": "database", "location": "aws:eu-central-1",
                                    "operator": "", "operator_hq": "", "holds": "patients", "external": 0})
insert("workloads", 2048.0, 15, 14, {"id": "trainer", "name": "Trainer", "kind": "training", "location": "aws:us-east-1",
                                     "operator": "", "operator_hq": "", "external": 0})
insert("flows", 1024.0, 63, 19, {"id": "eu-to-us", "from_workload": "ehr", "to_workload": "trainer", "carries": "patients",
                                 "form": "raw", "purpose": "training", "basis": "none"})
insert("access", 1024.0, 29, 26, {"id": "eu-support", "role": "", "from_location": "DE", "to_workload": "ehr",
                                  "datasets": "patients", "purpose": "", "basis": "none"})
fields = ["1", at, "fixture", "import", "snapshot", "import estate.yaml", "1", "{}", '{"files":[]}', "0" * 64]
h = hashlib.sha256("\x1f".join(fields).encode()).hexdigest()
db.execute("INSERT INTO audit_log VALUES (1, ?, 'fixture', 'import', 'snapshot', 'import estate.yaml', 1, '{}', '{\"files\":[]}', ?, ?)",
           (at, "0" * 64, h))
db.execute("INSERT INTO meta VALUES ('audit_head', ?)", ("1:" + h,))
db.commit()
db.close()
print(path)
