#!/usr/bin/env python3
"""Mojibake repairs of `unspun normalize` beside ftfy's `fix_encoding`, text by text.

  .venv/bin/python Tests/Benchmarks/mojibake_vs_ftfy.py ../shared/corpora/wcxb-dev-texts.jsonl.gz \
      [--binary .build/release/unspun]

Every string field of every record but `id` and `url` is one text (WCXB: the reviewed article
and the twelve tools' inputs, 793 x 13). A text counts as repaired by Unspun when normalize
records an edit whose rule names `mojibake`, and by ftfy when `fix_encoding` changes it.
Prints both counts, then every text where one repairs and the other does not (Unspun's edits, or
ftfy's changed lines). Exits 1 when Unspun repairs a text ftfy leaves alone. Needs ftfy
(`pip install ftfy==6.3.1` in the venv); the product itself does not.
"""
import argparse, gzip, json, subprocess, sys

import ftfy


def texts(corpus):
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for field, value in record.items():
                if field not in ("id", "url") and isinstance(value, str):
                    yield f"{record['id']}:{field}", value


def unspun_repairs(binary, items):
    records = "".join(json.dumps({"id": key, "text": text}) + "\n" for key, text in items)
    result = subprocess.run([binary, "normalize", "--format", "jsonl"], input=records.encode(), capture_output=True)
    if result.returncode != 0:
        sys.exit(f"unspun normalize failed (exit {result.returncode}): {result.stderr.decode(errors='replace')[-500:]}")
    repairs = {}
    for line in result.stdout.split(b"\n"):
        if line.strip():
            record = json.loads(line)
            edits = [e for e in record.get("metadata", {}).get("edits", []) if "mojibake" in e["rule"]]
            if edits:
                repairs[record["id"]] = edits
    return repairs


def changed_lines(before, after):
    pairs = zip(before.split("\n"), after.split("\n"))
    return [(old, new) for old, new in pairs if old != new]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--binary", default=".build/release/unspun")
    args = parser.parse_args()
    items = list(texts(args.corpus))
    ours = unspun_repairs(args.binary, items)
    by_key = dict(items)
    fixed = {key: ftfy.fix_encoding(text) for key, text in items}
    theirs = {key: text for key, text in fixed.items() if text != by_key[key]}
    only_ours = [key for key in ours if key not in theirs]
    only_theirs = [key for key in theirs if key not in ours]
    print(f"{len(items)} texts; mojibake repaired by unspun normalize in {len(ours)}, by ftfy fix_encoding in {len(theirs)}, "
          f"by both in {len(ours) - len(only_ours)}")
    print(f"unspun repairs where ftfy makes none: {len(only_ours)}")
    for key in only_ours:
        for edit in ours[key]:
            print(f"  {key} {edit['rule']}: {edit['before']!r} -> {edit['after']!r}")
    print(f"ftfy repairs where unspun makes none: {len(only_theirs)}")
    for key in only_theirs:
        for old, new in changed_lines(by_key[key], theirs[key])[:3]:
            print(f"  {key}: {old[:160]!r} -> {new[:160]!r}")
    sys.exit(1 if only_ours else 0)


if __name__ == "__main__":
    main()
