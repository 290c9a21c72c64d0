#!/usr/bin/env python3
"""Harm of `unspun repair` on clean text: changed words per 1,000 over the WCXB gold texts
(human-checked article text, so every change there is a false positive).

  python3 Tests/Benchmarks/repair_harm.py ../shared/corpora/wcxb-dev-articles.jsonl.gz [--bin .build/release/unspun] [--pack science] [--lm MODEL|none]

The default model (Rules/en/news.lm) counted these very texts: for harm on unseen text, see
unspin_eval.py, which measures each half with the model of the other.

Prints the total, the rate, and every rule that fired with its before/after text.
"""
import argparse, collections, gzip, json, re, subprocess, sys

WORD = re.compile(r"\w+", re.UNICODE)

ap = argparse.ArgumentParser()
ap.add_argument("corpus")
ap.add_argument("--bin", default=".build/release/unspun")
ap.add_argument("--pack", action="append", default=[])
ap.add_argument("--lm")
a = ap.parse_args()

rows = [json.loads(l) for l in gzip.open(a.corpus, "rt", encoding="utf-8")]
records = "".join(json.dumps({"id": r["id"], "text": r["gold"] or ""}, ensure_ascii=False) + "\n" for r in rows)
cmd = [a.bin, "repair", "--format", "jsonl"] + sum((["--pack", p] for p in a.pack), []) + (["--lm", a.lm] if a.lm else [])
out = subprocess.run(cmd, input=records.encode(), capture_output=True, check=True).stdout.decode()
words = sum(len(WORD.findall(r["gold"] or "")) for r in rows)
changed, fired = 0, collections.Counter()
examples = {}
spun_docs = 0
for line in out.split("\n"):
    if not line: continue
    rec = json.loads(line)
    md = rec.get("metadata", {})
    if md.get("spin_score", 0) >= 1.5:
        spun_docs += 1
    for e in md.get("edits", []):
        changed += max(len(WORD.findall(e["before"])), len(WORD.findall(e["after"])))
        fired[e["rule"]] += 1
        examples.setdefault(e["rule"], (rec["id"], e["before"], e["after"]))
print(f"documents {len(rows)}  words {words}  changed words {changed}  per 1,000 words {1000 * changed / words:.3f}")
print(f"documents with a spin score >= 1.5: {spun_docs}")
for rule, n in fired.most_common():
    doc, before, after = examples[rule]
    print(f"  {n:4d}  {rule}  e.g. {doc}: {before!r} -> {after!r}")
