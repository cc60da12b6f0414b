#!/usr/bin/env python3
"""Generates the Residency Atlas fact catalog (resources/catalog/*.yaml).

Inputs:
  * the hand-curated tables in tables/ (legal facts, operators, per-provider curation);
  * the shipped third-party region catalogs (see ../SOURCES.md for repo, commit, licence):
      regions.json      jasonwilbur/mcp-server-cloud-regions data/regions.json @152e9e55 (MIT)
      partitions.json   boto/botocore botocore/data/partitions.json @e3ae2081 (Apache-2.0)
      azure-regions.json Green-Software-Foundation/carbon-aware-sdk ... @a1c51dbd (MIT, UTF-16LE;
                        cross-check, logical locations, paired regions)
  * Debian iso-codes 4.15.0 /usr/share/iso-codes/json/iso_3166-1.json (country codes and names).

The output is deterministic (no timestamps; fixed key and entry order) and hand-readable: one
flow-style mapping per line for countries, regions, zones, multi-regions and adequacy entries.
The generator validates what it writes and exits non-zero on any problem.

Usage: python3 generate.py [--samples DIR] [--iso-codes FILE] [--out DIR] [--check]
  --check  generate in memory and compare with the files on disk (no writing); exit 1 if stale.

Needs Python 3.9+ and PyYAML.
"""

import argparse
import datetime
import hashlib
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TABLES = HERE / "tables"
REPO = HERE.parents[2] if len(HERE.parents) > 2 else HERE   # resources/catalog/generate
DEFAULT_OUT = HERE.parent
DEFAULT_SAMPLES = REPO.parent / "shared" / "samples" / "region-catalogs"
DEFAULT_ISO = Path("/usr/share/iso-codes/json/iso_3166-1.json")

# The inputs this catalog was derived from. A different file means different facts: the
# generator refuses it until the pins, sources and dates below are updated together.
PINNED_SHA256 = {
    "regions.json": "1b0aeda614084c1cf9e257a7564ab747d3364f51cc1a5fab03c35141f1bbad5d",
    "partitions.json": "0caf9dfe139339c47a64e10e61f7ae436e7fb1c94353a4f862b1409d17b3545c",
    "azure-regions.json": "59c26c824ec56c785dd223e2044fe2231f2de4934190818cb8cc124ac7a66c92",
    "iso_3166-1.json": "f01b812b57fba9f31ff621bf33e7c7570a01964dbeb5be2167e94decf538c89f",
}

SRC_REGIONS = "jasonwilbur/mcp-server-cloud-regions data/regions.json @152e9e55 (MIT)"
SRC_PARTITIONS = "botocore partitions.json @e3ae2081 (Apache-2.0)"
SRC_AZURE = ("Green-Software-Foundation/carbon-aware-sdk azure-regions.json @a1c51dbd (MIT), "
             "az account list-locations of 2021-11-02")
SRC_ISO = "Debian iso-codes 4.15.0 iso_3166-1.json"
ASOF_PARTITIONS = "2026-08-07"   # botocore snapshot HEAD 0e6e2404 (samples/PROVENANCE.md)
ASOF_AZURE = "2021-11-02"        # the file's own header line
ASOF_ISO = "2023-04-27"          # iso-codes 4.15.0 release date (its CHANGELOG)

PROVIDERS = ["aws", "azure", "gcp", "oci"]
CONFIDENCE = {"high", "medium", "low"}
REGIMES = {"allowlist", "open", "negative_list", "approval", "basis_required"}
# Regimes under which a transfer can be found non-adequate: a finding then cites the origin's
# transfer law (policy-rules Revision 2, `{origin.transfer_law}`), so the law must be named.
REGIMES_NEEDING_TRANSFER_LAW = {"allowlist", "negative_list", "approval", "basis_required"}
# Revision 2b: the law as of a date. Any dated fact may carry effective_from / effective_until.
VALIDITY_KEYS = ["effective_from", "effective_until"]
BASES = {"adequacy", "scc", "bcr", "consent", "derogation", "contract"}
BASIS_RULE_WHEN = {"mandate_applies", "always"}
PRIOR_STEP_KINDS = {"notification", "assessment"}
MANDATE_SCOPES = {"dataset", "handler"}
CONDITIONS = {"dpf", "dpf-uk", "dpf-ch"}
REACHES = {"hq", "hq_or_parent"}
MANDATE_KINDS = {"storage", "primary_copy"}
ZONE_KINDS = {"local_zone", "wavelength_zone"}
# docs/inventory-format.md, Datasets (field categories)
CATEGORIES = {
    "personal", "health", "financial", "payment", "biometric", "children", "government", "defence",
    "credentials", "location", "prompts", "transcripts", "model_outputs", "tool_traces",
    "contracts", "source_code", "pricing", "ip", "logs", "metrics", "usage", "licensed",
    "public_web", "synthetic"}

PROV_KEYS = ["source", "as_of", "confidence", "verified", "note"]
KEY_ORDER = {
    "country": ["code", "name", "jurisdiction"] + PROV_KEYS,
    "adequacy": ["to", "condition", "partial"] + VALIDITY_KEYS + PROV_KEYS,
    "jurisdiction": (["id", "name", "law", "transfer_law", "transfer_regime"] + VALIDITY_KEYS
                     + ["adequacy", "restricted", "basis_rules", "prior_steps"] + PROV_KEYS),
    "basis_rule": ["id", "when", "not_counted", "instead"] + VALIDITY_KEYS + PROV_KEYS,
    "prior_step": ["id", "kind", "name"] + VALIDITY_KEYS + PROV_KEYS,
    "operator": ["id", "name", "hq_country", "parent_country", "sovereign"] + PROV_KEYS,
    "law": ["id", "jurisdiction", "name", "reaches"] + PROV_KEYS,
    "mandate": (["id", "jurisdiction", "name", "categories", "kind", "conditional", "scope",
                 "processing_abroad_hours"] + VALIDITY_KEYS + PROV_KEYS),
    # The pair is a fact of its own with its own provenance (azure-regions.json, 2021), which may
    # differ from the region entry's source: it follows the region's provenance fields.
    "region": (["code", "name", "city", "country", "partition", "operator", "sovereign"] + PROV_KEYS
               + ["paired", "paired_source", "paired_as_of"]),
    "zone": ["code", "region", "kind", "city", "country"] + PROV_KEYS,
    "multi_region": ["code", "name", "jurisdiction", "regions", "countries"] + PROV_KEYS,
}

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Failure(Exception):
    pass


ERRORS = []


def error(msg):
    ERRORS.append(msg)


def as_date(value, where):
    """Normalises a date from a table (PyYAML gives datetime.date) to 'YYYY-MM-DD'."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and DATE_RE.match(value):
        datetime.date.fromisoformat(value)
        return value
    raise Failure(f"{where}: as_of {value!r} is not a YYYY-MM-DD date")


def load_table(name):
    with open(TABLES / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_pin(path):
    digest = sha256(path)
    if digest != PINNED_SHA256[path.name]:
        raise Failure(f"{path}: sha256 {digest} differs from the pinned input "
                      f"{PINNED_SHA256[path.name]}; update sources, dates and pins together")


def prov(entry, where, allowed_extra=()):
    """Copies the provenance fields of a table entry, normalising and checking them."""
    out = {}
    if not entry.get("source"):
        raise Failure(f"{where}: no source")
    out["source"] = str(entry["source"])
    out["as_of"] = as_date(entry.get("as_of"), where)
    if "confidence" in entry:
        if entry["confidence"] not in CONFIDENCE:
            raise Failure(f"{where}: confidence {entry['confidence']!r}")
        if entry["confidence"] != "high":
            out["confidence"] = entry["confidence"]
    if "verified" in entry:
        if not isinstance(entry["verified"], bool):
            raise Failure(f"{where}: verified must be true or false")
        if entry["verified"] is False:
            out["verified"] = False
    if entry.get("note"):
        out["note"] = str(entry["note"])
    return out


def code(value, where):
    """A two-letter code from a table. PyYAML reads a bare NO as False: insist on strings."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}", value):
        raise Failure(f"{where}: {value!r} is not a quoted two-letter code")
    return value


# --------------------------------------------------------------------------------------------
# Countries

def build_countries(iso_path):
    table = load_table("countries.yaml")
    with open(iso_path, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    eea = table["eea"]
    eea_members = {code(c, "countries.yaml eea") for c in eea["members"]}
    if len(eea_members) != 30:
        raise Failure(f"countries.yaml: the EEA has 30 members, table has {len(eea_members)}")
    others = {code(o["code"], "countries.yaml others"): o for o in table["others"]}
    notes = {code(k, "countries.yaml notes"): v for k, v in table["notes"].items()}
    countries = []
    for entry in sorted(iso, key=lambda e: e["alpha_2"]):
        c = entry["alpha_2"]
        name = entry.get("common_name") or entry["name"]
        out = {"code": c, "name": name}
        if c in eea_members:
            out["jurisdiction"] = code(eea["jurisdiction"], "eea")
            out["source"] = f"{SRC_ISO} (code, name); jurisdiction: {eea['source']}"
            out["as_of"] = as_date(eea["as_of"], "eea")
        elif c in others:
            o = others[c]
            out["jurisdiction"] = code(o["jurisdiction"], f"others {c}")
            out["source"] = f"{SRC_ISO} (code, name); jurisdiction: {o['source']}"
            out["as_of"] = as_date(o["as_of"], f"others {c}")
        else:
            out["jurisdiction"] = c
            out["source"] = (f"{SRC_ISO} (code, name); own jurisdiction "
                             "(docs/inventory-format.md, Jurisdiction ids)")
            out["as_of"] = ASOF_ISO
        if c in notes:
            out["note"] = notes[c]
        countries.append(out)
    iso_codes = {e["alpha_2"] for e in iso}
    for c in eea_members | set(others) | set(notes):
        if c not in iso_codes:
            error(f"countries.yaml: {c} is not an ISO 3166-1 code")
    return countries


# --------------------------------------------------------------------------------------------
# Jurisdictions, operators, laws (hand-curated, re-emitted in canonical form)

def validity(entry, where):
    """effective_from / effective_until of a dated fact, checked: both dates, from <= until."""
    out = {}
    for k in VALIDITY_KEYS:
        if k in entry:
            out[k] = as_date(entry[k], f"{where} {k}")
    if len(out) == 2 and out["effective_from"] > out["effective_until"]:
        raise Failure(f"{where}: effective_from after effective_until")
    return out


def basis_rules(j, where):
    out = []
    for r in j.get("basis_rules") or []:
        w = f"{where} basis rule {r.get('id')}"
        if r.get("when") not in BASIS_RULE_WHEN:
            raise Failure(f"{w}: when {r.get('when')!r}")
        bad = [b for b in r.get("not_counted") or [] if b not in BASES]
        if bad or not r.get("not_counted"):
            raise Failure(f"{w}: not_counted must list bases from {sorted(BASES)}")
        e = {"id": r["id"], "when": r["when"], "not_counted": list(r["not_counted"]),
             "instead": str(r["instead"])}
        e.update(validity(r, w))
        e.update(prov(r, w))
        out.append(e)
    return out


def prior_steps(j, where):
    out = []
    for r in j.get("prior_steps") or []:
        w = f"{where} prior step {r.get('id')}"
        if r.get("kind") not in PRIOR_STEP_KINDS:
            raise Failure(f"{w}: kind {r.get('kind')!r}")
        e = {"id": r["id"], "kind": r["kind"], "name": str(r["name"])}
        e.update(validity(r, w))
        e.update(prov(r, w))
        out.append(e)
    return out


def build_jurisdictions():
    out = []
    for j in load_table("jurisdictions.yaml")["jurisdictions"]:
        jid = j["id"]
        where = f"jurisdictions.yaml {jid}"
        e = {"id": jid, "name": j["name"], "law": j["law"]}
        regime = j.get("transfer_regime")
        if "transfer_law" in j:
            tl = j["transfer_law"]
            if not isinstance(tl, str) or not tl.strip():
                raise Failure(f"{where}: transfer_law must be a non-empty text")
            if regime is None:
                raise Failure(f"{where}: transfer_law without a transfer_regime")
            e["transfer_law"] = tl.strip()
        elif regime in REGIMES_NEEDING_TRANSFER_LAW:
            raise Failure(f"{where}: transfer_regime {regime} needs transfer_law (the law and "
                          "articles governing transfers out, as a finding cites them)")
        if regime is not None:
            if regime not in REGIMES:
                raise Failure(f"{where}: transfer_regime {regime!r}")
            e["transfer_regime"] = regime
        e.update(validity(j, where))
        if regime == "allowlist":
            if "adequacy" not in j:
                raise Failure(f"{where}: allowlist without an adequacy list")
            adequacy = []
            for a in j["adequacy"] or []:
                w = f"{where} adequacy {a.get('to')}"
                ae = {"to": a["to"]}
                if "condition" in a:
                    if a["condition"] not in CONDITIONS:
                        raise Failure(f"{w}: condition {a['condition']!r}")
                    ae["condition"] = a["condition"]
                if "partial" in a:
                    ae["partial"] = a["partial"]
                ae.update(validity(a, w))
                ae.update(prov(a, w))
                adequacy.append(ae)
            e["adequacy"] = adequacy
        elif "adequacy" in j:
            raise Failure(f"{where}: adequacy list on a {regime} regime")
        if regime == "negative_list":
            e["restricted"] = list(j.get("restricted") or [])
        elif "restricted" in j:
            raise Failure(f"{where}: restricted list on a {regime} regime")
        if j.get("basis_rules"):
            e["basis_rules"] = basis_rules(j, where)
        if j.get("prior_steps"):
            e["prior_steps"] = prior_steps(j, where)
        e.update(prov(j, where))
        out.append(e)
    return out


def build_operators():
    out = []
    for o in load_table("operators.yaml")["operators"]:
        where = f"operators.yaml {o['id']}"
        e = {"id": o["id"], "name": o["name"], "hq_country": code(o["hq_country"], where)}
        if "parent_country" in o:
            e["parent_country"] = code(o["parent_country"], where)
        if o.get("sovereign"):
            e["sovereign"] = True
        e.update(prov(o, where))
        out.append(e)
    return out


def build_laws():
    t = load_table("laws.yaml")
    laws, mandates = [], []
    for law in t["extraterritorial_laws"]:
        where = f"laws.yaml {law['id']}"
        if law["reaches"] not in REACHES:
            raise Failure(f"{where}: reaches {law['reaches']!r}")
        e = {"id": law["id"], "jurisdiction": law["jurisdiction"], "name": law["name"],
             "reaches": law["reaches"]}
        e.update(prov(law, where))
        laws.append(e)
    for m in t["localisation_mandates"]:
        where = f"laws.yaml {m['id']}"
        if m["kind"] not in MANDATE_KINDS:
            raise Failure(f"{where}: kind {m['kind']!r}")
        for c in m["categories"]:
            if c not in CATEGORIES:
                raise Failure(f"{where}: category {c!r} is not an inventory category")
        if not isinstance(m["conditional"], bool):
            raise Failure(f"{where}: conditional must be true or false")
        e = {"id": m["id"], "jurisdiction": m["jurisdiction"], "name": m["name"],
             "categories": list(m["categories"]), "kind": m["kind"],
             "conditional": m["conditional"]}
        if "scope" in m:
            if m["scope"] not in MANDATE_SCOPES:
                raise Failure(f"{where}: scope {m['scope']!r}")
            if not m["conditional"]:
                raise Failure(f"{where}: scope applies to conditional mandates only")
            e["scope"] = m["scope"]
        if "processing_abroad_hours" in m:
            h = m["processing_abroad_hours"]
            if not isinstance(h, int) or isinstance(h, bool) or h <= 0 or m["kind"] != "storage":
                raise Failure(f"{where}: processing_abroad_hours must be a positive whole number on a storage mandate")
            e["processing_abroad_hours"] = h
        e.update(validity(m, where))
        e.update(prov(m, where))
        mandates.append(e)
    return laws, mandates


# --------------------------------------------------------------------------------------------
# Regions

def load_regions_json(samples):
    path = samples / "regions.json"
    check_pin(path)
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    as_of = data["metadata"]["lastUpdated"]
    by_provider = {p: {} for p in PROVIDERS}
    for r in data["regions"]:
        if r["provider"] in by_provider:
            if r["regionCode"] in by_provider[r["provider"]]:
                error(f"regions.json: duplicate {r['provider']}:{r['regionCode']}")
            by_provider[r["provider"]][r["regionCode"]] = r
    return by_provider, as_date(as_of, "regions.json metadata.lastUpdated")


def seed_region(r, as_of, partition=None, extra_source=""):
    loc = r["location"]
    e = {"code": r["regionCode"], "name": r["displayName"]}
    if loc.get("city"):
        e["city"] = loc["city"]
    e["country"] = loc["countryCode"]
    if partition:
        e["partition"] = partition
    e["source"] = SRC_REGIONS + extra_source
    e["as_of"] = as_of
    return e


def build_aws(samples, rj, rj_asof):
    t = load_table("aws.yaml")
    path = samples / "partitions.json"
    check_pin(path)
    with open(path, encoding="utf-8") as f:
        partitions = json.load(f)["partitions"]
    pseudo = re.compile(t["pseudo_region_pattern"])
    described = {}          # code -> (partition, description)
    skipped = []
    for p in partitions:
        for c, info in sorted(p["regions"].items()):
            if pseudo.search(c):
                skipped.append(c)
                continue
            if not re.match(p["regionRegex"], c):
                error(f"partitions.json: {c} does not match its partition's regionRegex")
            described[c] = (p["id"], info["description"])
    table = t["description_country"]
    overrides = t.get("overrides") or {}
    regions = []
    for c in sorted(set(described) | set(rj)):
        if c not in described:
            error(f"aws {c}: in regions.json but not in partitions.json")
            continue
        partition, desc = described[c]
        if c not in table:
            error(f"aws {c}: no description_country entry for '{desc}' in tables/aws.yaml")
            continue
        derived = table[c]
        dcountry = code(derived["country"], f"aws.yaml {c}")
        if c in rj:
            r = rj[c]
            e = seed_region(r, rj_asof, partition, f"; partition: {SRC_PARTITIONS}")
            if e["country"] != dcountry:
                error(f"aws {c}: regions.json says {e['country']}, description '{desc}' "
                      f"gives {dcountry}")
            expected = t["region_type_partition"].get(r["regionType"])
            if expected != partition:
                error(f"aws {c}: regionType {r['regionType']} but partition {partition}")
        else:
            e = {"code": c, "name": desc}
            if derived.get("city"):
                e["city"] = derived["city"]
            e["country"] = dcountry
            e["partition"] = partition
            e["source"] = (f"{SRC_PARTITIONS} description '{desc}'; "
                           + derived.get("derived_from", "country derived from the description"))
            e["as_of"] = ASOF_PARTITIONS
            e["confidence"] = derived.get("confidence", "medium")
            if derived.get("verified") is False:
                e["verified"] = False
            note = derived.get("note") or (t["iso_note"] if partition.startswith("aws-iso")
                                           else None)
            if note:
                e["note"] = note
        ov = overrides.get(c)
        if ov:
            if "operator" in ov:
                e["operator"] = ov["operator"]
            if ov.get("sovereign"):
                e["sovereign"] = True
            if "extra_source" in ov:
                e["source"] += "; " + ov["extra_source"]
            if "note" in ov:
                e["note"] = ov["note"]
        regions.append(e)
    order = [p["id"] for p in partitions]
    regions.sort(key=lambda e: (order.index(e["partition"]), e["code"]))

    zones = []
    uz = t["unverified_zone"]
    for z in t["zones"]:
        where = f"aws.yaml zone {z['code']}"
        if z["kind"] not in ZONE_KINDS:
            raise Failure(f"{where}: kind {z['kind']!r}")
        e = {"code": z["code"], "region": z["region"], "kind": z["kind"], "city": z["city"],
             "country": code(z["country"], where)}
        e.update(prov(uz if z.get("unverified") else z, where))
        zones.append(e)
    return {"regions": regions, "zones": zones, "multi_regions": [], "skipped": skipped}


def load_azure_locations(samples):
    path = samples / "azure-regions.json"
    check_pin(path)
    text = path.read_bytes().decode("utf-16")          # UTF-16LE with BOM
    lines = text.splitlines()
    if not lines[0].lstrip().startswith("//"):
        raise Failure("azure-regions.json: expected a leading // comment line")
    return json.loads("\n".join(lines[1:]))


def azure_pair(code, location):
    """The region a 2021 location entry pairs with, or None.

    metadata.pairedRegion is a list. Some entries name only themselves (australiacentral,
    australiacentral2): that is no pair to replicate to, so they get none. A list of several takes
    the first entry that is not the region itself (the file's order); the file of 2021-11-02 has
    no such list, the rule is for a regenerated file."""
    names = [p.get("name") for p in (location["metadata"].get("pairedRegion") or [])]
    return next((n for n in names if n and n != code), None)


def build_azure(samples, rj, rj_asof):
    t = load_table("azure.yaml")
    locations = load_azure_locations(samples)
    physical = {l["name"]: l for l in locations if l["metadata"]["regionType"] == "Physical"}
    logical = {l["name"]: l for l in locations if l["metadata"]["regionType"] == "Logical"}
    loc_country = t["physical_location_country"]
    regions = []
    for c, r in sorted(rj.items()):
        partition = t["region_type_partition"][r["regionType"]]
        e = seed_region(r, rj_asof, partition)
        notes = []
        if r.get("status") != "ga":
            notes.append(f"Status '{r.get('status')}' in regions.json.")
        if partition == "AzureChinaCloud":
            notes.append(t["china_note"])
            e["operator"] = t["china_operator"]
        if notes:
            e["note"] = " ".join(notes)
        if c in physical:
            pl = physical[c]["metadata"].get("physicalLocation")
            if pl is not None:
                if pl not in loc_country:
                    error(f"azure {c}: physicalLocation {pl!r} missing from tables/azure.yaml")
                elif loc_country[pl] != e["country"]:
                    error(f"azure {c}: regions.json says {e['country']}, azure-regions.json "
                          f"physicalLocation {pl!r} = {loc_country[pl]}")
        regions.append(e)
    extra = sorted(set(physical) - set(rj))
    for c in extra:
        m = physical[c]["metadata"]
        country = t["geography_group_country"].get(m.get("geographyGroup"))
        if not country:
            error(f"azure {c}: physical region only in azure-regions.json and its geographyGroup "
                  f"{m.get('geographyGroup')!r} is not a single country")
            continue
        regions.append({"code": c, "name": physical[c]["displayName"], "country": country,
                        "partition": "AzureCloud",
                        "source": f"{SRC_AZURE} (metadata.geographyGroup)",
                        "as_of": ASOF_AZURE, "confidence": "medium",
                        "note": t["extra_physical_note"]})
    regions.sort(key=lambda e: (list(t["region_type_partition"].values()).index(e["partition"]),
                                e["code"]))

    # Paired regions (geo-redundant storage replicates there), only as the 2021 file states them:
    # regions newer than the file get none; nothing is inferred from names. Directional, as listed
    # (westus3 -> eastus although eastus -> westus): not symmetrised.
    codes = {e["code"] for e in regions}
    self_paired = []
    for e in regions:
        loc = physical.get(e["code"])
        if loc is None:
            continue
        pair = azure_pair(e["code"], loc)
        if pair is None:
            if loc["metadata"].get("pairedRegion"):
                self_paired.append(e["code"])
            continue
        if pair not in codes:
            error(f"azure {e['code']}: paired region {pair} is not a catalogued region")
            continue
        e["paired"] = pair
        e["paired_source"] = f"{SRC_AZURE} (metadata.pairedRegion)"
        e["paired_as_of"] = ASOF_AZURE

    multi = []
    for c, l in sorted(logical.items()):
        if c in t["skip_logical"]:
            continue
        if c not in t["logical"]:
            error(f"azure: logical location {c} has no entry in tables/azure.yaml")
            continue
        spec = t["logical"][c]
        e = {"code": c, "name": f"{l['displayName']} (Azure logical location)"}
        src = f"{SRC_AZURE} (regionType Logical)"
        if "country" in spec:
            e["jurisdiction"] = code(spec["country"], f"azure.yaml logical {c}")   # mapped below
            e["_country"] = e["jurisdiction"]
            e["source"] = src
            e["as_of"] = ASOF_AZURE
            e["confidence"] = "medium"
            e["note"] = t["country_geography_note"]
        elif "group_country" in spec:
            gc = code(spec["group_country"], f"azure.yaml logical {c}")
            if l["metadata"].get("geographyGroup") != gc:
                error(f"azure: {c} geographyGroup is {l['metadata'].get('geographyGroup')!r}")
            e["jurisdiction"] = gc
            e["_country"] = gc
            e["source"] = src + " metadata.geographyGroup"
            e["as_of"] = ASOF_AZURE
            e["confidence"] = "medium"
            e["note"] = t["stage_note"]
        else:
            e["source"] = src
            e["as_of"] = ASOF_AZURE
            e["note"] = spec["note"]
        multi.append(e)
    for c in t["logical"]:
        if c not in logical:
            error(f"tables/azure.yaml: logical {c} is not in azure-regions.json")
    only_rj = sorted(set(rj) - set(physical))
    return {"regions": regions, "zones": [], "multi_regions": multi,
            "extra_from_azure_file": extra, "only_in_regions_json": only_rj,
            "self_paired": self_paired}


def build_gcp(rj, rj_asof):
    t = load_table("gcp.yaml")
    regions = [seed_region(r, rj_asof) for _, r in sorted(rj.items())]
    multi = []
    for m in t["multi_regions"]:
        where = f"gcp.yaml {m['code']}"
        e = {"code": m["code"], "name": m["name"]}
        if "jurisdiction" in m:
            e["jurisdiction"] = m["jurisdiction"]
        if "regions" in m:
            e["regions"] = list(m["regions"])
        if "countries" in m:
            e["countries"] = [code(c, where) for c in m["countries"]]
        e.update(prov(m, where))
        multi.append(e)
    return {"regions": regions, "zones": [], "multi_regions": multi}


def build_oci(rj, rj_asof):
    t = load_table("oci.yaml")
    realm_re = re.compile(t["realm_from_notes"])
    regions = []
    for c, r in sorted(rj.items()):
        m = realm_re.search(r.get("notes") or "")
        partition = f"oc{m.group(1)}" if m else t["default_partition"][r["regionType"]]
        src = "" if not m else f" (realm from its notes: '{r['notes']}')"
        e = seed_region(r, rj_asof, partition, src)
        if r["regionType"] == "sovereign":
            e["operator"] = t["sovereign_operator"]
            e["sovereign"] = True
            e["note"] = t["sovereign_note"]
        regions.append(e)
    kinds = ["commercial", "government", "sovereign"]
    regions.sort(key=lambda e: (kinds.index(rj[e["code"]]["regionType"]), e["partition"],
                                e["code"]))
    return {"regions": regions, "zones": [], "multi_regions": []}


# --------------------------------------------------------------------------------------------
# YAML emitter: deterministic, hand-readable

PLAIN_RE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:'\"\n]*")


QUOTED_KEYS = {"source", "note", "partial", "law", "transfer_law", "instead",
               "paired_source"}                                  # free text: always double-quoted


def scalar(v, quote=False):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(scalar(x) for x in v) + "]"
    s = str(v)
    if DATE_RE.match(s):
        return s
    if not quote and s and PLAIN_RE.fullmatch(s) and not s.endswith(" ") and yaml.safe_load(s) == s:
        return s
    return json.dumps(s, ensure_ascii=False)


def ordered(entry, kind):
    keys = KEY_ORDER[kind]
    unknown = [k for k in entry if k not in keys and not k.startswith("_")]
    if unknown:
        raise Failure(f"{kind} {entry.get('code') or entry.get('id')}: unexpected keys {unknown}")
    return [(k, entry[k]) for k in keys if k in entry]


def flow(entry, kind):
    return "{" + ", ".join(f"{k}: {scalar(v, k in QUOTED_KEYS)}"
                           for k, v in ordered(entry, kind)) + "}"


def block(entry, kind, indent, nested_kind=None):
    pad = " " * indent
    lines = []
    first = True
    for k, v in ordered(entry, kind):
        lead = pad + ("- " if first else "  ")
        first = False
        if isinstance(v, list) and v and isinstance(v[0], dict):
            lines.append(f"{lead}{k}:")
            nested = nested_kind.get(k) if isinstance(nested_kind, dict) else nested_kind
            lines.extend(f"{pad}    - {flow(x, nested)}" for x in v)
        else:
            lines.append(f"{lead}{k}: {scalar(v, k in QUOTED_KEYS)}")
    return lines


def header(what):
    return [f"# Residency Atlas fact catalog: {what}.",
            "# GENERATED by resources/catalog/generate/generate.py from generate/tables/ and the",
            "# sources listed in resources/catalog/SOURCES.md. Do not edit: change the tables, re-run.",
            "catalog: 1"]


def render_blocks(what, sections):
    lines = header(what)
    for name, kind, entries, nested in sections:
        lines.append(f"{name}:")
        for e in entries:
            lines.extend(block(e, kind, 2, nested))
    return "\n".join(lines) + "\n"


def render_flows(what, top, sections):
    lines = header(what)
    for k, v in top:
        lines.append(f"{k}: {scalar(v)}")
    for name, kind, entries, comments in sections:
        if not entries:
            lines.append(f"{name}: []")
            continue
        lines.append(f"{name}:")
        last = None
        for e in entries:
            if comments and comments(e) != last:
                last = comments(e)
                lines.append(f"  # {last}")
            lines.append(f"  - {flow(e, kind)}")
    return "\n".join(lines) + "\n"


def strip_private(entries):
    return [{k: v for k, v in e.items() if not k.startswith("_")} for e in entries]


# --------------------------------------------------------------------------------------------
# Validation

def validate(countries, jurisdictions, operators, laws, mandates, providers):
    country_jur = {c["code"]: c["jurisdiction"] for c in countries}
    jur_ids = {j["id"] for j in jurisdictions}

    def check_jur(ref, where):
        """A jurisdiction reference: a catalogued id, or a country that is its own jurisdiction."""
        if ref in jur_ids:
            return
        if ref in country_jur:
            if country_jur[ref] != ref:
                error(f"{where}: {ref} belongs to jurisdiction {country_jur[ref]}: use that id")
            return
        error(f"{where}: unknown jurisdiction {ref!r}")

    def check_country(ref, where):
        if ref not in country_jur:
            error(f"{where}: unknown country {ref!r}")

    def unique(items, key, what):
        seen = set()
        for it in items:
            if it[key] in seen:
                error(f"duplicate {what} {it[key]}")
            seen.add(it[key])

    def check_prov(e, where):
        if not e.get("source"):
            error(f"{where}: no source")
        if not isinstance(e.get("as_of"), str) or not DATE_RE.match(e["as_of"]):
            error(f"{where}: as_of {e.get('as_of')!r} is not YYYY-MM-DD")
        else:
            try:
                datetime.date.fromisoformat(e["as_of"])
            except ValueError:
                error(f"{where}: as_of {e['as_of']} is not a date")
        if e.get("confidence", "high") not in CONFIDENCE:
            error(f"{where}: confidence {e.get('confidence')!r}")

    unique(countries, "code", "country")
    for c in countries:
        check_prov(c, f"country {c['code']}")
        if c["jurisdiction"] != c["code"] and c["jurisdiction"] not in jur_ids:
            error(f"country {c['code']}: jurisdiction {c['jurisdiction']} has no entry")
    # One id may have several entries (the law as of a date): their periods must not overlap.
    periods = {}
    for j in jurisdictions:
        periods.setdefault(j["id"], []).append((j.get("effective_from", "0000-00-00"),
                                                 j.get("effective_until", "9999-99-99")))
    for jid, ps in periods.items():
        ps.sort()
        for (_, until), (start, _) in zip(ps, ps[1:]):
            if start <= until:
                error(f"jurisdiction {jid}: entries with overlapping effective periods")
    for j in jurisdictions:
        where = f"jurisdiction {j['id']}"
        check_prov(j, where)
        if j["id"] in country_jur and country_jur[j["id"]] != j["id"]:
            error(f"{where}: is a country of jurisdiction {country_jur[j['id']]}")
        if j["id"] not in country_jur and not any(v == j["id"] for v in country_jur.values()):
            error(f"{where}: no country belongs to it")
        if j.get("transfer_regime") in REGIMES_NEEDING_TRANSFER_LAW and not j.get("transfer_law"):
            error(f"{where}: {j['transfer_regime']} regime without transfer_law")
        if "transfer_law" in j and "transfer_regime" not in j:
            error(f"{where}: transfer_law without a transfer_regime")
        tos = [a["to"] for a in j.get("adequacy", [])]
        if len(tos) != len(set(tos)):
            error(f"{where}: duplicate adequacy destination")
        for a in j.get("adequacy", []):
            check_prov(a, f"{where} adequacy {a['to']}")
            check_jur(a["to"], f"{where} adequacy")
            if a["to"] == j["id"]:
                error(f"{where}: adequacy to itself")
        for r in j.get("restricted", []):
            check_jur(r, f"{where} restricted")
    unique(operators, "id", "operator")
    op_ids = {o["id"] for o in operators}
    for o in operators:
        check_prov(o, f"operator {o['id']}")
        check_country(o["hq_country"], f"operator {o['id']} hq_country")
        if "parent_country" in o:
            check_country(o["parent_country"], f"operator {o['id']} parent_country")
    unique(laws + mandates, "id", "law or mandate")
    for x in laws + mandates:
        check_prov(x, f"law {x['id']}")
        check_jur(x["jurisdiction"], f"law {x['id']}")
    for p, data in providers.items():
        if p not in op_ids:
            error(f"provider {p} has no operator entry")
        regs = data["regions"]
        region_codes = {r["code"] for r in regs}
        all_codes = ([r["code"] for r in regs] + [z["code"] for z in data["zones"]]
                     + [m["code"].lower() for m in data["multi_regions"]])
        dups = sorted({c for c in all_codes if all_codes.count(c) > 1})
        if dups:
            error(f"{p}: duplicate codes {dups}")
        if any(c.lower() in ("global", "aws-global") for c in all_codes):
            error(f"{p}: 'global' is resolved literally and must not be catalogued")
        for r in regs:
            where = f"{p}:{r['code']}"
            check_prov(r, where)
            check_country(r["country"], where)
            if r.get("operator", p) not in op_ids:
                error(f"{where}: unknown operator {r.get('operator')}")
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", r["code"]):
                error(f"{where}: code is not lower-case")
            pair_keys = [k for k in ("paired", "paired_source", "paired_as_of") if k in r]
            if pair_keys and len(pair_keys) != 3:
                error(f"{where}: paired, paired_source and paired_as_of go together")
            elif pair_keys:
                if r["paired"] not in region_codes or r["paired"] == r["code"]:
                    error(f"{where}: paired {r['paired']!r} is not another region of {p}")
                check_prov({"source": r["paired_source"], "as_of": r["paired_as_of"]},
                           f"{where} paired")
        for z in data["zones"]:
            where = f"{p} zone {z['code']}"
            check_prov(z, where)
            check_country(z["country"], where)
            if z["region"] not in region_codes:
                error(f"{where}: unknown region {z['region']}")
            if not z["code"].startswith(z["region"] + "-"):
                error(f"{where}: does not start with its region code")
        for m in data["multi_regions"]:
            where = f"{p} multi-region {m['code']}"
            check_prov(m, where)
            if "jurisdiction" in m:
                check_jur(m["jurisdiction"], where)
            for r in m.get("regions", []):
                if r not in region_codes:
                    error(f"{where}: unknown region {r}")
            for c in m.get("countries", []):
                check_country(c, where)
            if sum(k in m for k in ("jurisdiction", "regions", "countries")) > 1:
                error(f"{where}: give one of jurisdiction, regions, countries")
            if not any(k in m for k in ("jurisdiction", "regions", "countries")) \
                    and not m.get("note"):
                error(f"{where}: unresolvable multi-region without a note")


# Residency spot checks from the brief and docs/sources/cloud-formats.md §6:
# (provider, code) -> country.
SPOT_CHECKS = {
    ("aws", "ap-east-1"): "HK", ("gcp", "asia-east2"): "HK", ("azure", "eastasia"): "HK",
    ("gcp", "asia-east1"): "TW", ("aws", "ap-east-2"): "TW",
    ("aws", "eu-central-2"): "CH", ("gcp", "europe-west6"): "CH", ("azure", "switzerlandnorth"): "CH",
    ("aws", "eu-west-2"): "GB", ("gcp", "europe-west2"): "GB", ("azure", "uksouth"): "GB",
    ("aws", "eusc-de-east-1"): "DE", ("aws", "cn-north-1"): "CN", ("aws", "us-gov-west-1"): "US",
    ("oci", "eu-frankfurt-2"): "DE",
}
# Pairs (azure-regions.json 2021); None: no pair (newer than the file, or only itself listed).
SPOT_PAIRS = {
    ("azure", "northeurope"): "westeurope", ("azure", "westeurope"): "northeurope",
    ("azure", "brazilsouth"): "southcentralus", ("azure", "eastasia"): "southeastasia",
    ("azure", "southeastasia"): "eastasia", ("azure", "italynorth"): None,
    ("azure", "polandcentral"): None, ("azure", "australiacentral"): None,
    ("aws", "eu-central-1"): None,
}
SPOT_JURISDICTIONS = {"HK": "HK", "TW": "TW", "MO": "MO", "CH": "CH", "GB": "UK", "DE": "EU",
                      "NO": "EU", "IS": "EU", "LI": "EU", "IE": "EU", "US": "US", "CN": "CN"}


def spot_check(countries, providers):
    jur = {c["code"]: c["jurisdiction"] for c in countries}
    for c, j in SPOT_JURISDICTIONS.items():
        if jur.get(c) != j:
            error(f"spot check: country {c} should be jurisdiction {j}, is {jur.get(c)}")
    for (p, c), country in SPOT_CHECKS.items():
        got = next((r["country"] for r in providers[p]["regions"] if r["code"] == c), None)
        if got != country:
            error(f"spot check: {p}:{c} should be in {country}, is {got}")
    for (p, c), pair in SPOT_PAIRS.items():
        got = next((r.get("paired") for r in providers[p]["regions"] if r["code"] == c), None)
        if got != pair:
            error(f"spot check: {p}:{c} should pair with {pair}, pairs with {got}")
    zones = {z["code"]: z for z in providers["aws"]["zones"]}
    if zones.get("us-east-1-qro-1a", {}).get("country") != "MX":
        error("spot check: aws zone us-east-1-qro-1a should be in MX")


def normalise(value):
    """Parsed YAML → the generator's representation (dates as ISO strings)."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES,
                    help="folder with regions.json, partitions.json, azure-regions.json")
    ap.add_argument("--iso-codes", type=Path, default=DEFAULT_ISO)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true",
                    help="compare with the files on disk instead of writing")
    args = ap.parse_args()

    check_pin(args.iso_codes)
    countries = build_countries(args.iso_codes)
    jurisdictions = build_jurisdictions()
    operators = build_operators()
    laws, mandates = build_laws()
    rj, rj_asof = load_regions_json(args.samples)
    providers = {
        "aws": build_aws(args.samples, rj["aws"], rj_asof),
        "azure": build_azure(args.samples, rj["azure"], rj_asof),
        "gcp": build_gcp(rj["gcp"], rj_asof),
        "oci": build_oci(rj["oci"], rj_asof),
    }
    # Azure logical geographies named after a country carry that country's jurisdiction.
    country_jur = {c["code"]: c["jurisdiction"] for c in countries}
    for m in providers["azure"]["multi_regions"]:
        if "_country" in m:
            m["jurisdiction"] = country_jur[m["_country"]]
    for data in providers.values():
        data["multi_regions"] = strip_private(data["multi_regions"])

    validate(countries, jurisdictions, operators, laws, mandates, providers)
    spot_check(countries, providers)
    if ERRORS:
        for e in ERRORS:
            print("error:", e, file=sys.stderr)
        return 1

    files = {
        "countries.yaml": (render_flows("countries (ISO 3166-1 alpha-2 → jurisdiction)", [],
                                        [("countries", "country", countries, None)]),
                           {"countries": countries}),
        "jurisdictions.yaml": (render_blocks("jurisdictions and transfer regimes",
                                             [("jurisdictions", "jurisdiction", jurisdictions,
                                               {"adequacy": "adequacy", "basis_rules": "basis_rule",
                                                "prior_steps": "prior_step"})]),
                               {"jurisdictions": jurisdictions}),
        "operators.yaml": (render_blocks("cloud operators",
                                         [("operators", "operator", operators, None)]),
                           {"operators": operators}),
        "laws.yaml": (render_blocks("extraterritorial laws and localisation mandates",
                                    [("extraterritorial_laws", "law", laws, None),
                                     ("localisation_mandates", "mandate", mandates, None)]),
                      {"extraterritorial_laws": laws, "localisation_mandates": mandates}),
    }
    group = {"aws": lambda e: f"partition {e['partition']}",
             "azure": lambda e: f"cloud {e['partition']}",
             "gcp": None,
             "oci": lambda e: f"realm {e['partition']}"}
    for p, data in providers.items():
        text = render_flows(f"{p} regions, zones and multi-regions", [("provider", p)],
                            [("regions", "region", data["regions"], group[p]),
                             ("zones", "zone", data["zones"], None),
                             ("multi_regions", "multi_region", data["multi_regions"], None)])
        files[f"regions-{p}.yaml"] = (text, {"provider": p, "regions": data["regions"],
                                              "zones": data["zones"],
                                              "multi_regions": data["multi_regions"]})

    # Every file must parse back to exactly what was meant (quoting of NO, dates, colons, …).
    for name, (text, expected) in files.items():
        parsed = normalise(yaml.safe_load(text))
        want = dict(expected, catalog=1)
        if parsed != want:
            for k in want:
                if parsed.get(k) != want[k]:
                    print(f"error: {name}: '{k}' does not round-trip", file=sys.stderr)
            return 1
        if name.startswith(("regions-", "countries")):
            for line in text.splitlines():
                if line.startswith("  - ") and not (line.startswith("  - {") and line.endswith("}")):
                    print(f"error: {name}: not one flow mapping per line: {line}", file=sys.stderr)
                    return 1

    stale = []
    for name, (text, _) in files.items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("stale:", ", ".join(stale), file=sys.stderr)
        return 1

    # Summary
    print(f"countries: {len(countries)}; jurisdictions: {len(jurisdictions)} "
          f"({sum('transfer_regime' in j for j in jurisdictions)} with a regime); "
          f"operators: {len(operators)}; laws: {len(laws)}; mandates: {len(mandates)}")
    for p, data in providers.items():
        parts = {}
        for r in data["regions"]:
            parts[r.get("partition", "-")] = parts.get(r.get("partition", "-"), 0) + 1
        detail = ", ".join(f"{k} {v}" for k, v in parts.items())
        print(f"{p}: {len(data['regions'])} regions ({detail}), {len(data['zones'])} zones, "
              f"{len(data['multi_regions'])} multi-regions")
    print("aws pseudo-regions skipped:", ", ".join(providers["aws"]["skipped"]))
    print("azure physical regions only in azure-regions.json:",
          ", ".join(providers["azure"]["extra_from_azure_file"]))
    print("azure regions newer than azure-regions.json (2021):",
          len(providers["azure"]["only_in_regions_json"]))
    print("azure regions with a paired region:",
          sum("paired" in r for r in providers["azure"]["regions"]),
          "(listed as paired only with themselves, no pair: "
          + ", ".join(providers["azure"]["self_paired"]) + ")")
    unverified = []
    for j in jurisdictions:
        if j.get("verified") is False:
            unverified.append(f"jurisdiction {j['id']}")
        unverified += [f"jurisdiction {j['id']} adequacy {a['to']}"
                       for a in j.get("adequacy", []) if a.get("verified") is False]
    unverified += [f"operator {o['id']}" for o in operators if o.get("verified") is False]
    unverified += [f"law {x['id']}" for x in laws + mandates if x.get("verified") is False]
    for p, data in providers.items():
        for kind in ("regions", "zones", "multi_regions"):
            unverified += [f"{p} {kind[:-1]} {e['code']}" for e in data[kind]
                           if e.get("verified") is False]
    print(f"verified: false ({len(unverified)}):", "; ".join(unverified))
    print("checked" if args.check else f"written to {args.out}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as exc:
        print("error:", exc, file=sys.stderr)
        sys.exit(1)
