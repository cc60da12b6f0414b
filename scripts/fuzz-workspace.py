#!/usr/bin/python3
"""Mutation fuzzing of workspace files on open, on the dev build (ASan + UBSan), on demand.

Builds seed workspaces with `residency-atlas import` (the bundled sample; with a second snapshot,
a pack and audit records), then mutates them — bytes flipped, pages overwritten, the file
truncated or extended, and SQL-level damage (rows forged, a trigger, a view, a column added, the
schema version changed) — and runs `check`, `workspace info` and `audit verify` on each copy.
A case fails when the exit code is not 0, 1 or 2, when it runs over 60 s, when a sanitizer
reports anything, or when the command changed the mutated file. Failing inputs are kept.

    scripts/fuzz-workspace.py [--seconds 300] [--seed N] [--out DIR]

Build first: cmake --preset dev && cmake --build --preset dev. Results: docs/reliability.md.
"""
import argparse
import collections
import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, 'build', 'dev', 'bin', 'residency-atlas')
SAMPLE = os.path.join(ROOT, 'resources', 'samples', 'northwind-ai.yaml')
SQL_DAMAGE = [
    "UPDATE flows SET carries = 'no-such-dataset' WHERE row_id = (SELECT MIN(row_id) FROM flows)",
    "UPDATE workloads SET kind = 'spaceship' WHERE row_id = 2",
    "UPDATE datasets SET categories = 'personal,,x' WHERE row_id = 1",
    "UPDATE workloads SET tags = '[[1,2' WHERE row_id = 3",
    "UPDATE flows SET added_in = 99 WHERE row_id = 4",
    "UPDATE flows SET seq = NULL WHERE row_id = 5",
    "UPDATE audit_log SET hash = 'x' WHERE seq = 1",
    "DELETE FROM snapshots WHERE id = 1",
    "CREATE TRIGGER t AFTER INSERT ON snapshots BEGIN DELETE FROM audit_log; END",
    "CREATE VIEW v AS SELECT 1",
    "ALTER TABLE flows ADD COLUMN x TEXT",
    "UPDATE meta SET value = '0' WHERE key = 'schema_version'",
    "UPDATE meta SET value = 'abc' WHERE key = 'schema_version'",
    "DELETE FROM meta WHERE key = 'application'",
    "UPDATE sources SET name = NULL WHERE id = 1",
    "UPDATE workloads SET id = (SELECT id FROM datasets LIMIT 1) WHERE row_id = 1",
]


def run(args, env):
    return subprocess.run([BINARY] + args, capture_output=True, timeout=60, env=env)


def make_seed(scratch, env):
    seed = os.path.join(scratch, 'seed.ratlas')
    run(['import', SAMPLE, '--out', seed], env)
    edited = os.path.join(scratch, 'edited.yaml')
    with open(SAMPLE) as f:
        text = f.read().replace('volume_gb_per_day: 40', 'volume_gb_per_day: 41')
    with open(edited, 'w') as f:
        f.write(text)
    run(['import', edited, '--out', seed], env)
    run(['workspace', 'add-pack', seed, os.path.join(ROOT, 'tests', 'data', 'policies', 'only-low.yaml')], env)
    return seed


def mutate(rnd, seed, target):
    shutil.copy(seed, target)
    kind = rnd.random()
    if kind < 0.4:
        with open(target, 'r+b') as f:
            data = bytearray(f.read())
            for _ in range(rnd.choice((1, 2, 4, 16))):
                i = rnd.randrange(len(data))
                data[i] = rnd.randrange(256)
            f.seek(0)
            f.write(data)
        return 'bytes'
    if kind < 0.55:
        with open(target, 'r+b') as f:
            size = os.path.getsize(target)
            page = rnd.randrange(max(1, size // 4096))
            f.seek(page * 4096 + rnd.choice((0, 8, 100)))
            f.write(os.urandom(rnd.choice((16, 512, 4096))))
        return 'page'
    if kind < 0.7:
        size = os.path.getsize(target)
        with open(target, 'r+b') as f:
            f.truncate(rnd.randrange(size) if rnd.random() < 0.7 else size + rnd.randrange(1, 9000))
        return 'length'
    db = sqlite3.connect(target)
    try:
        db.execute(rnd.choice(SQL_DAMAGE))
        db.commit()
    except sqlite3.DatabaseError:
        pass
    db.close()
    return 'sql'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--seconds', type=int, default=300)
    parser.add_argument('--seed', type=int, default=int(time.time()))
    parser.add_argument('--out', default=os.path.join(tempfile.gettempdir(), 'atlas-fuzz-workspace'))
    a = parser.parse_args()
    rnd = random.Random(a.seed)
    env = dict(os.environ, QT_QPA_PLATFORM='offscreen', ASAN_OPTIONS='detect_leaks=1:abort_on_error=0',
               UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1', ATLAS_USER='fuzz',
               LSAN_OPTIONS='suppressions=' + os.path.join(ROOT, 'tests', 'lsan.supp') + ':print_suppressions=0')
    tally = collections.Counter()
    failures = 0
    os.makedirs(a.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        seed = make_seed(scratch, env)
        end = time.time() + a.seconds
        case = 0
        while time.time() < end:
            case += 1
            target = os.path.join(scratch, 'case.ratlas')
            for suffix in ('-wal', '-shm'):
                if os.path.exists(target + suffix):
                    os.remove(target + suffix)
            how = mutate(rnd, seed, target)
            before = hashlib.sha256(open(target, 'rb').read()).hexdigest()
            for command in (['check', target], ['workspace', 'info', target], ['audit', 'verify', target]):
                try:
                    r = run(command, env)
                    code = r.returncode
                    bad = code not in (0, 1, 2) or b'Sanitizer' in r.stderr or b'runtime error' in r.stderr
                except subprocess.TimeoutExpired:
                    code, bad, r = 'timeout', True, None
                changed = hashlib.sha256(open(target, 'rb').read()).hexdigest() != before
                tally[(how, code)] += 1
                if bad or (changed and code == 2):
                    failures += 1
                    kept = os.path.join(a.out, 'failure-%d-%d.ratlas' % (a.seed, case))
                    shutil.copy(target, kept)
                    with open(kept + '.txt', 'wb') as f:
                        f.write(('%s -> %s (changed: %s)\n' % (' '.join(command), code, changed)).encode())
                        if r is not None:
                            f.write(r.stderr)
    print('cases: %d, seed %d' % (case, a.seed))
    for (how, code), n in sorted(tally.items(), key=str):
        print('  %-7s exit %-7s %d' % (how, code, n))
    print('failures: %d' % failures)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
