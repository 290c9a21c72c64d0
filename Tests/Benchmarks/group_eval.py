#!/usr/bin/env python3
"""Scores `unspun clean` grouping on a generated dump (make_dump.py), beside MinHash-LSH.

  python3 Tests/Benchmarks/group_eval.py DUMP.jsonl [--bin .build/release/unspun] [--out /tmp/group-eval] [--datatrove] [--misses]

Prints, for Unspun and for datasketch MinHash-LSH (word 5-grams, 128 permutations, threshold
0.3, connected components), and with --datatrove for datatrove's four MinHash stages (at its
defaults, 14 buckets x 8 hashes, and at 32 buckets x 2): pair precision, recall and F1 against
the known stories, the share of spun copies grouped with their original, and the same pair
figures over the stories in other scripts (Cyrillic, Han). For Unspun also: how often the
canonical copy is the story's original (with --misses, each story where it is not: the
original, the copy chosen and its kind, and each story that joins documents of two), how many documents strip emptied, and the word error
rate against the original's cleaned text of spun copies (before and after reference repair;
merged ones against the copy as it was before spinning, the borrowed paragraphs included) beside the non-spun
syndicated copies' (the floor that residue and cuts leave).
"""
import argparse, collections, glob, itertools, json, os, re, shutil, subprocess, sys, tempfile, time


def pairs(clusters):
    out = set()
    for members in clusters.values():
        out.update(itertools.combinations(sorted(members), 2))
    return out


def score(predicted, truth, docs, only=None):
    p, t = pairs(predicted), pairs(truth)
    if only is not None:
        p = {x for x in p if x[0] in only and x[1] in only}
        t = {x for x in t if x[0] in only and x[1] in only}
    tp = len(p & t)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(t) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    where = {d: c for c, members in predicted.items() for d in members}
    spun = [d for d, r in docs.items() if r["role"] == "spun" and r.get("original") in docs and (only is None or d in only)]
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


def datatrove_minhash(dump, buckets=None, hashes=None):
    """Clusters from datatrove's four MinHash stages (signatures, buckets, clusters, filter) run
    locally on one task each; documents it keeps unclustered are their own cluster."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                                   MinhashDedupFilter, MinhashDedupSignature)
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    config = MinhashConfig() if buckets is None else MinhashConfig(num_buckets=buckets, hashes_per_bucket=hashes)
    work = tempfile.mkdtemp(prefix="datatrove-")
    folder, name = os.path.dirname(os.path.abspath(dump)), os.path.basename(dump)
    reader = lambda: JsonlReader(folder, glob_pattern=name, id_key="id", text_key="text")
    run = lambda steps, tasks=1: LocalPipelineExecutor(pipeline=steps, tasks=tasks, workers=1,
                                                       logging_dir=os.path.join(work, "logs", str(time.time()))).run()
    run([reader(), MinhashDedupSignature(output_folder=f"{work}/sigs", config=config)])
    run([MinhashDedupBuckets(input_folder=f"{work}/sigs", output_folder=f"{work}/buckets", config=config)], config.num_buckets)
    run([MinhashDedupCluster(input_folder=f"{work}/buckets", output_folder=f"{work}/remove", config=config, save_cluster_id=True)])
    run([reader(), MinhashDedupFilter(input_folder=f"{work}/remove", load_cluster_ids=True,
                                       exclusion_writer=JsonlWriter(f"{work}/removed", compression=None)),
         JsonlWriter(f"{work}/kept", compression=None)])
    clusters = collections.defaultdict(list)
    for path in glob.glob(f"{work}/kept/*") + glob.glob(f"{work}/removed/*"):
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            cluster = r["metadata"].get("minhash_cluster_id", -1)
            clusters[("c", cluster) if cluster != -1 else ("d", r["id"])].append(r["id"])
    shutil.rmtree(work)
    return clusters


NON_LATIN = re.compile(r"[\u0400-\u04ff\u4e00-\u9fff]")


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
    return b"".join(out).decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--bin", default=".build/release/unspun")
    ap.add_argument("--out", default="/tmp/group-eval")
    ap.add_argument("--datatrove", action="store_true", help="also datatrove's MinHash deduplication (PyPI datatrove)")
    ap.add_argument("--no-baselines", action="store_true", help="Unspun only (no datasketch)")
    ap.add_argument("--misses", action="store_true", help="list the stories whose canonical copy is not the original")
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
    methods = [("unspun clean", predicted, unspun_seconds)]
    baselines = [] if a.no_baselines else [("MinHash-LSH 5-grams t=0.3 (datasketch)", lambda: minhash_lsh(records))]
    if a.datatrove:
        baselines += [("datatrove MinHash, defaults 14x8", lambda: datatrove_minhash(a.dump)),
                      ("datatrove MinHash, 32 buckets x 2", lambda: datatrove_minhash(a.dump, 32, 2))]
    for name, method in baselines:
        t0 = time.time()
        clusters = method()
        methods.append((name, clusters, time.time() - t0))
    stories_of = collections.defaultdict(list)
    for d, t in docs.items():
        stories_of[t["story"]].append(d)
    text_of = {r["id"]: r["text"] for r in records}
    non_latin = {d for members in stories_of.values() if any(NON_LATIN.search(text_of[m]) for m in members
                                                            if docs[m]["role"] == "original") for d in members}
    print(f"dump: {len(records)} documents, {len(truth)} stories, "
          f"{sum(1 for t in docs.values() if t['role'] == 'spun')} spun copies "
          f"({sum(1 for t in docs.values() if t['role'] == 'spun' and t.get('merged'))} merged), "
          f"{len(non_latin)} documents in {len({docs[d]['story'] for d in non_latin})} stories in other scripts")
    print(f"{'method':38} {'pair P':>7} {'pair R':>7} {'pair F1':>7}  {'spun copies with their original':34} other scripts: P / R / F1")
    for name, clusters, seconds in methods:
        p, r, f, together, spun = score(clusters, truth, docs)
        np_, nr, nf, _, _ = score(clusters, truth, docs, only=non_latin)
        spun_text = f"{together}/{spun} ({100 * together / max(spun, 1):.1f}%)"
        print(f"{name:38} {p:7.3f} {r:7.3f} {f:7.3f}  {spun_text:34} {np_:.3f} / {nr:.3f} / {nf:.3f}  [{seconds:.1f} s]")
    with_copies = [members for members in stories_of.values() if len(members) > 1]
    originals = [next((m for m in members if docs[m]["role"] == "original"), None) for members in with_copies]
    right = sum(1 for o in originals if o in cleaned and cleaned[o]["metadata"].get("canonical") is True)
    print(f"canonical copy is the original: {right}/{len(with_copies)} stories with copies ({100 * right / max(len(with_copies), 1):.1f}%)")
    if a.misses:
        for o in originals:
            if o in cleaned and cleaned[o]["metadata"].get("canonical") is not True:
                chosen = next(d for d in predicted[cleaned[o]["metadata"]["story"]] if cleaned[d]["metadata"].get("canonical") is True)
                role = docs[chosen]["role"] + (", merged" if docs[chosen].get("merged") else "")
                print(f"  {o}: canonical {chosen} ({role}), {len(predicted[cleaned[o]['metadata']['story']])} members")
        for story, members in sorted(predicted.items()):
            if len({docs[d]["story"] for d in members}) > 1:
                print(f"  false pairs in {story}: " + ", ".join(f"{d} ({docs[d]['role']})" for d in sorted(members)))
    emptied = [d for d, r in cleaned.items() if not r["text"].strip() and text_of[d].strip()]
    alone = sum(1 for d in emptied if len(predicted[cleaned[d]["metadata"]["story"]]) == 1 and len(stories_of[docs[d]["story"]]) > 1)
    print(f"documents strip emptied: {len(emptied)}, of them alone in their story though it has copies: {alone}")
    rates = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for d, t in docs.items():
        if d not in cleaned or t["role"] not in ("spun", "copy"):
            continue
        original = next((m for m in stories_of[t["story"]] if docs[m]["role"] == "original"), None)
        if original not in cleaned:
            continue
        reference = t.get("unspun") or cleaned[original]["text"]
        text = cleaned[d]["text"]
        unrepaired = revert_stage(text, cleaned[d]["metadata"].get("edits", []), "reference")
        kind = "copies, not spun" if t["role"] == "copy" else ("spun copies, merged" if t.get("merged") else "spun copies, not merged")
        for key in (kind, "spun copies, all") if t["role"] == "spun" else (kind,):
            rates[key][0] += wer(reference, unrepaired); rates[key][1] += wer(reference, text); rates[key][2] += 1
    for kind in ("copies, not spun", "spun copies, not merged", "spun copies, merged", "spun copies, all"):
        if kind in rates:
            before, after, count = rates[kind]
            print(f"word error rate against the original, {kind} ({count}): {before / count:.3f} before reference repair, {after / count:.3f} after")


if __name__ == "__main__":
    main()
