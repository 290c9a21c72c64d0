#!/usr/bin/env python3
"""Scores `unspun clean` grouping on a generated dump (make_dump.py), beside MinHash-LSH.

  python3 Tests/Benchmarks/group_eval.py DUMP.jsonl [--bin .build/release/unspun] [--out /tmp/group-eval]

Prints, for Unspun and for datasketch MinHash-LSH (word 5-grams, 128 permutations, threshold
0.3, connected components): pair precision, recall and F1 against the known stories, and the
share of spun copies grouped with their original. Then, for Unspun's reference repair, the word
error rate of spun copies against their original's cleaned text, before and after.
"""
import argparse, collections, itertools, json, os, re, subprocess, sys, time


def pairs(clusters):
    out = set()
    for members in clusters.values():
        out.update(itertools.combinations(sorted(members), 2))
    return out


def score(predicted, truth, docs):
    p, t = pairs(predicted), pairs(truth)
    tp = len(p & t)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(t) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    where = {d: c for c, members in predicted.items() for d in members}
    spun = [d for d, r in docs.items() if r["role"] == "spun" and r.get("original") in docs]
    together = sum(where.get(d) == where.get(docs[d]["original"]) for d in spun)
    return precision, recall, f1, together, len(spun)


def minhash_lsh(records):
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=0.3, num_perm=128)
    hashes = {}
    for r in records:
        words = re.findall(r"\w+", r["text"].lower())
        m = MinHash(num_perm=128)
        for i in range(max(1, len(words) - 4)):
            m.update(" ".join(words[i:i + 5]).encode())
        hashes[r["id"]] = m
        lsh.insert(r["id"], m)
    parent = {i: i for i in hashes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for i, m in hashes.items():
        for j in lsh.query(m):
            parent[find(i)] = find(j)
    clusters = collections.defaultdict(list)
    for i in hashes:
        clusters[find(i)].append(i)
    return clusters


def wer(reference, hypothesis):
    from rapidfuzz.distance import Levenshtein
    ref, hyp = reference.split(), hypothesis.split()
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


def revert_stage(text, edits, stage):
    """The text before the edits of `stage` (the last stage that edited it)."""
    data = text.encode()
    mine = sorted((e for e in edits if e["stage"] == stage), key=lambda e: e["start"])
    out, cursor, shift = [], 0, 0
    for e in mine:
        start = e["start"] + shift
        after = e["after"].encode()
        out.append(data[cursor:start]); out.append(e["before"].encode())
        cursor = start + len(after)
        shift += len(after) - (e["end"] - e["start"])
    out.append(data[cursor:])
    return b"".join(out).decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--bin", default=".build/release/unspun")
    ap.add_argument("--out", default="/tmp/group-eval")
    a = ap.parse_args()
    records = [json.loads(l) for l in open(a.dump, encoding="utf-8")]
    docs = {r["id"]: r["metadata"]["truth"] for r in records}
    truth = collections.defaultdict(list)
    for d, t in docs.items():
        truth[t["story"]].append(d)
    t0 = time.time()
    subprocess.run([a.bin, "clean", a.dump, "--out", a.out, "--quiet"], check=True)
    unspun_seconds = time.time() - t0
    cleaned = {}
    for line in open(os.path.join(a.out, "documents.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        cleaned[r["id"]] = r
    predicted = collections.defaultdict(list)
    for d, r in cleaned.items():
        predicted[r["metadata"]["story"]].append(d)
    t0 = time.time()
    lsh = minhash_lsh(records)
    lsh_seconds = time.time() - t0
    print(f"dump: {len(records)} documents, {len(truth)} stories, "
          f"{sum(1 for t in docs.values() if t['role'] == 'spun')} spun copies")
    print(f"{'method':34} {'pair P':>7} {'pair R':>7} {'pair F1':>7}  spun copies with their original")
    for name, clusters, seconds in (("unspun clean", predicted, unspun_seconds), ("MinHash-LSH 5-grams t=0.3 (datasketch)", lsh, lsh_seconds)):
        p, r, f, together, spun = score(clusters, truth, docs)
        print(f"{name:34} {p:7.3f} {r:7.3f} {f:7.3f}  {together}/{spun} ({100 * together / max(spun, 1):.1f}%)  [{seconds:.1f} s]")
    before, after, count = 0.0, 0.0, 0
    for d, t in docs.items():
        if t["role"] != "spun" or t.get("original") not in cleaned or d not in cleaned:
            continue
        original = cleaned[t["original"]]["text"]
        text = cleaned[d]["text"]
        edits = cleaned[d]["metadata"].get("edits", [])
        unrepaired = revert_stage(text, edits, "reference")
        before += wer(original, unrepaired); after += wer(original, text); count += 1
    if count:
        print(f"reference repair, {count} spun copies with their original present: word error rate against the original "
              f"{before / count:.3f} before, {after / count:.3f} after")


if __name__ == "__main__":
    main()
