#!/usr/bin/python3
"""Mutation fuzzing of `residency-atlas import` on the dev build (ASan + UBSan), on demand.

Takes the import fixtures (tests/data/import) and a few inventories as seeds, mutates them
(half of the JSON ones as documents: a value replaced, a member dropped or copied, a list item
doubled or dropped — valid JSON of unexpected shapes; the rest as bytes: flips, inserted JSON
tokens and member names the readers look for, deletions, copies, truncations; gzipped seeds
inside the gzip), sometimes forces a format with --from,
and runs `import` on each. A case fails when the exit code is not 0, 1 or 2, when it runs over
60 s, or when a sanitizer reports anything; failing inputs are kept with their stderr.

    scripts/fuzz-import.py [--seconds 900] [--workers 2] [--seed N] [--out DIR]

Build first: cmake --preset dev && cmake --build --preset dev. Results: docs/reliability.md.
"""
import argparse
import collections
import glob
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, 'build', 'dev', 'bin', 'residency-atlas')
TOKENS = [b'{', b'}', b'[', b']', b'"', b',', b':', b'null', b'true', b'-1e999', b'"\\u0000"', b'"\\ud800"',
          b'\n', b'""', b'{"a":', b'[[[[[[[[', b']]]]', b'\xff', b'\xc3', b'\x00', b'\r\n', b';', b'\t',
          b'12345678901234567890', b'"region":', b'"location":', b'"awsRegion":', b'"eu-west-1"', b'"us-east-1a"',
          b'"europe-west3"', b'"Microsoft.Storage/storageAccounts"', b'"tags":', b'"configuration":',
          b'"resources":', b'"instances":', b'"attributes":', b'"arn:aws:s3:::x"', b'"asset_type":',
          b'"resource":', b'"data":', b'"labels":', b'"replicationConfiguration":', b'"destination":',
          b'"bucket":', b'"secondaryLocation":', b'"Standard_GRS"']
# Values that keep the document valid: what a reader must cope with where a string stood.
VALUES = [b'null', b'true', b'0', b'-1', b'1e308', b'""', b'"x"', b'[]', b'{}', b'["a"]', b'{"k": "v"}',
          b'"global"', b'"EU"', b'"eu"', b'"us-east-1-bos-1a"', b'"europe-west3-a"', b'"westeurope"',
          b'"unknown"', b'"\u00e9t\u00e9"', b'"' + b'a' * 5000 + b'"', b'"arn:aws:s3:::b/c"', b'"//x/y/z"',
          b'"/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/st"']


def seeds():
    files = [f for f in glob.glob(os.path.join(ROOT, 'tests/data/import/**/*'), recursive=True)
             if os.path.isfile(f) and not f.endswith(('.md', '.tsv'))]
    return sorted(files) + sorted(glob.glob(os.path.join(ROOT, 'tests/data/inventory/*.yaml')))[:5]


def mutate(rnd, data):
    b = bytearray(data)
    for _ in range(rnd.choice((1, 1, 1, 2, 2, 3, 6))):
        if not b:
            b = bytearray(b'{}')
        i = rnd.randrange(len(b))
        op = rnd.choice((0, 1, 2, 3, 4, 5, 5, 5, 5, 6))
        if op == 0:
            b[i] = rnd.randrange(256)
        elif op == 1:
            b[i:i] = rnd.choice(TOKENS)
        elif op == 2:
            del b[i:i + rnd.randint(1, 64)]
        elif op == 3:
            j = rnd.randrange(len(b))
            b[i:i] = b[j:j + rnd.randint(1, 200)]
        elif op == 4:
            b = b[:i]
        elif op == 5:  # a quoted string becomes another value (mostly still valid JSON)
            q = b.find(b'"', i)
            e = b.find(b'"', q + 1) if q >= 0 else -1
            if e > q >= 0:
                b[q:e + 1] = rnd.choice(VALUES if rnd.random() < 0.8 else TOKENS)
        else:
            j = rnd.randrange(len(b))
            b[i], b[j] = b[j], b[i]
    return bytes(b)


def mutate_tree(rnd, node, depth=0):
    """Changes one place of a parsed JSON document: a value replaced, a member dropped or copied,
    a list item doubled or dropped. The result is valid JSON of an unexpected shape."""
    if isinstance(node, dict) and node and rnd.random() < 0.7:
        key = rnd.choice(list(node))
        if rnd.random() < 0.6:
            node[key] = mutate_tree(rnd, node[key], depth + 1)
        elif rnd.random() < 0.5:
            del node[key]
        else:
            node[key.upper() if rnd.random() < 0.5 else key + '_'] = node[key]
        return node
    if isinstance(node, list) and node and rnd.random() < 0.7:
        i = rnd.randrange(len(node))
        r = rnd.random()
        if r < 0.6:
            node[i] = mutate_tree(rnd, node[i], depth + 1)
        elif r < 0.8:
            node.insert(i, node[i])
        else:
            del node[i]
        return node
    return rnd.choice([None, True, 0, -1, 1e308, '', 'x', [], {}, ['a'], {'k': 'v'}, 'global', 'EU', 'eu',
                       'us-east-1-bos-1a', 'europe-west3-a', 'westeurope', 'unknown', 'été', 'a' * 5000,
                       'arn:aws:s3:::b/c', '//x/y/z', str(node) if not isinstance(node, (dict, list)) else 'y'])


def mutate_json(rnd, data):
    """Structured mutation of a JSON or NDJSON document; None when it is neither."""
    try:
        text = data.decode('utf-8-sig')
    except UnicodeDecodeError:  # gzip that is not (a broken fixture), UTF-16
        return None
    try:
        doc = json.loads(text)
        return json.dumps(mutate_tree(rnd, doc), ensure_ascii=rnd.random() < 0.5).encode()
    except ValueError:
        pass
    lines = [l for l in text.splitlines() if l.strip()]
    try:
        docs = [json.loads(l) for l in lines]
    except ValueError:
        return None
    if not docs:
        return None
    i = rnd.randrange(len(docs))
    docs[i] = mutate_tree(rnd, docs[i])
    return '\n'.join(json.dumps(d) for d in docs).encode() + b'\n'


def worker(args):
    index, seconds, seed, out = args
    rnd = random.Random(seed * 1000 + index)
    pool = seeds()
    tally = collections.Counter()
    failures = []
    end = time.time() + seconds
    env = dict(os.environ, QT_QPA_PLATFORM='offscreen', ASAN_OPTIONS='detect_leaks=1:abort_on_error=0',
               UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1',
               LSAN_OPTIONS='suppressions=' + os.path.join(ROOT, 'tests', 'lsan.supp') + ':print_suppressions=0')
    with tempfile.TemporaryDirectory() as scratch:
        n = 0
        while time.time() < end:
            source = rnd.choice(pool)
            data = open(source, 'rb').read()
            if source.endswith('.gz') and rnd.random() < 0.8:
                try:
                    data = gzip.compress(mutate(rnd, gzip.decompress(data)))
                except (OSError, EOFError):
                    data = mutate(rnd, data)
            else:
                structured = mutate_json(rnd, data) if rnd.random() < 0.5 else None
                data = structured if structured is not None else mutate(rnd, data)
            case = os.path.join(scratch, os.path.basename(source))
            with open(case, 'wb') as f:
                f.write(data)
            command = [BINARY, 'import', case, '--out', os.path.join(scratch, 'out.yaml')]
            if rnd.random() < 0.2:
                command[2:2] = ['--from', rnd.choice(['aws-config', 'gcp-assets', 'azure', 'terraform', 'csv', 'inventory'])]
            try:
                run = subprocess.run(command, capture_output=True, timeout=60, env=env)
                code, err = run.returncode, run.stderr
            except subprocess.TimeoutExpired:
                code, err = 'timeout', b''
            n += 1
            tally[code] += 1
            reported = any(s in err for s in (b'AddressSanitizer', b'LeakSanitizer', b'runtime error'))
            if code not in (0, 1, 2) or reported:
                keep = os.path.join(out, f'failure-{index}-{n}-{os.path.basename(source)}')
                with open(keep, 'wb') as f:
                    f.write(data)
                with open(keep + '.txt', 'wb') as f:
                    f.write(f'exit {code}: {" ".join(command[:-2])}\n'.encode() + err[-8000:])
                failures.append(keep)
    return tally, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seconds', type=float, default=900)
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--seed', type=int, default=int(time.time()))
    parser.add_argument('--out', default=os.path.join(tempfile.gettempdir(), 'atlas-fuzz'))
    args = parser.parse_args()
    if not os.access(BINARY, os.X_OK):
        sys.exit(f'{BINARY} is missing: build the dev preset first')
    os.makedirs(args.out, exist_ok=True)
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(worker, [(i, args.seconds, args.seed, args.out) for i in range(args.workers)]))
    tally = sum((t for t, _ in results), collections.Counter())
    failures = [f for _, fs in results for f in fs]
    print(f'seed {args.seed}: {sum(tally.values())} cases; exit codes ' +
          ', '.join(f'{k}: {v}' for k, v in sorted(tally.items(), key=lambda kv: str(kv[0]))) +
          f'; {len(failures)} failures')
    for f in failures:
        print('  ' + f)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
