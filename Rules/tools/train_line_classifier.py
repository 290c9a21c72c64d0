#!/usr/bin/env python3
"""Trains Rules/en/lines.model, the strip stage's line classifier, on WCXB (CC BY 4.0).

  python3 Rules/tools/train_line_classifier.py ../shared/corpora/wcxb-dev-articles.jsonl.gz \
      --bin .build/release/unspun --out Rules/en/lines.model

1. Split: pages whose id number is divisible by 5 are held out (never trained or tuned on);
   the rest train. Both plain-text inputs of each page are used: `extract_text` (an extractor's
   output with residue) and `page_text` (the whole page).
2. Features: `unspun strip --emit-features` writes the features of every line the rules leave,
   so training sees exactly what the stage computes, in every classifier pass (a line the first
   pass keeps is classified again, with fewer neighbours, once lines near it are gone).
3. Labels: a line belongs to the article when at least half of its word 4-grams stand in the
   gold text (all of its words, for lines under four words), as the benchmark's line oracle.
4. Model: logistic regression (numpy, L2), each page's lines weighted by their words so that
   every page counts alike; then the smoothing weight and the threshold are chosen on the
   training pages by the benchmark's own metric (word 4-gram F1) on what `unspun strip` itself
   writes with each candidate model (every pass and round included), keeping extract recall high.
"""
import argparse, collections, gzip, importlib.util, json, os, re, shutil, subprocess, sys, tempfile
import numpy as np

TOKEN = re.compile(r"\w+", re.UNICODE)


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score_strip", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def label(line, gold_words, gold_shingles):
    t = TOKEN.findall(line)
    if not t:
        return 0
    if len(t) < 4:
        return int(all(x in gold_words for x in t))
    sh = [tuple(t[i:i + 4]) for i in range(len(t) - 3)]
    return int(sum(s in gold_shingles for s in sh) / len(sh) >= 0.5)


def records(cases, field):
    """The cases' FIELD as `{"id", "text"}` JSONL, as score_strip.py feeds a command."""
    return "".join(json.dumps({"id": c["id"], "text": c[field] or ""}, ensure_ascii=False) + "\n" for c in cases).encode()


def emit(binary, cases, field):
    """Runs `unspun strip --emit-features`; returns {doc id: [(pass, line, features)]} in order."""
    with tempfile.TemporaryDirectory() as tmp:
        features = os.path.join(tmp, "features.jsonl")
        subprocess.run([binary, "strip", "--format", "jsonl", "--emit-features", features], input=records(cases, field),
                       stdout=subprocess.DEVNULL, check=True)
        docs = collections.defaultdict(list)
        for line in open(features, encoding="utf-8"):
            record = json.loads(line)
            docs[record["id"]].append((record["pass"], record["line"], record["features"]))
        return docs


def write_model(path, weights, names, params, threshold, header=()):
    with open(path, "w", encoding="utf-8") as out:
        for line in header:
            out.write(f"# {line}\n" if line else "\n")
        out.write(f"threshold: {threshold}\n")
        out.write(f"smooth: self {params[0]}\nsmooth: neighbours {params[1]}\nsmooth: bias {params[2]}\n\n")
        for name, value in zip(names, weights):
            out.write(f"feature: {name} {value:.6f}\n")


def evaluate(scorer, binary, rules, cases, field):
    """Scores what `unspun strip --rules RULES` writes for the cases' FIELD, as score_strip.py does."""
    result = subprocess.run([binary, "strip", "--format", "jsonl", "--rules", rules], input=records(cases, field),
                            capture_output=True, check=True)
    texts = {}
    for line in result.stdout.decode().splitlines():
        record = json.loads(line)
        texts[record["id"]] = record.get("text", "")
    return scorer.prf([scorer.tp_fp_fn(c["gold"] or "", texts[c["id"]]) for c in cases])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--bin", default=".build/release/unspun")
    ap.add_argument("--out", default="Rules/en/lines.model")
    ap.add_argument("--scorer", default="../shared/eval/score_strip.py")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-extract-recall", type=float, default=0.935)  # the recall floor
    a = ap.parse_args()
    scorer = load_scorer(a.scorer)
    rows = [json.loads(l) for l in gzip.open(a.corpus, "rt", encoding="utf-8")]
    train = [r for r in rows if int(r["id"].rsplit("-", 1)[1]) % 5 != 0]
    golds = {r["id"]: r["gold"] or "" for r in train}

    data = {}
    for field in ("extract_text", "page_text"):
        data[field] = emit(a.bin, train, field)
    X, y, w = [], [], []
    for field, docs in data.items():
        for doc_id, lines in docs.items():
            g = TOKEN.findall(golds[doc_id])
            gw, gs = set(g), {tuple(g[i:i + 4]) for i in range(len(g) - 3)}
            sizes = [max(1, len(TOKEN.findall(text))) for _, text, _ in lines]
            total = sum(sizes)
            for (_, text, features), size in zip(lines, sizes):
                X.append(features); y.append(label(text, gw, gs)); w.append(size / total)
    X, y, w = np.array(X), np.array(y, dtype=float), np.array(w)
    w = w * len(w) / w.sum()
    print(f"training lines {len(y)} (article {int(y.sum())}), pages {len(train)} x 2 inputs", file=sys.stderr)

    # Logistic regression by Newton's method with an L2 penalty (none on the bias).
    weights = np.zeros(X.shape[1])
    penalty = np.full(X.shape[1], a.l2); penalty[0] = 0
    for _ in range(30):
        p = 1 / (1 + np.exp(-(X @ weights)))
        gradient = X.T @ (w * (p - y)) + penalty * weights
        hessian = (X * (w * p * (1 - p))[:, None]).T @ X + np.diag(penalty) + 1e-6 * np.eye(X.shape[1])
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-6:
            break

    names = json.loads(subprocess.run([a.bin, "strip", "--list-features"], capture_output=True, check=True).stdout)
    rules_dir = os.path.dirname(os.path.dirname(os.path.abspath(a.out)))
    best = None
    with tempfile.TemporaryDirectory() as tmp:
        rules = os.path.join(tmp, "Rules")
        shutil.copytree(rules_dir, rules)
        candidate = os.path.join(rules, os.path.basename(os.path.dirname(a.out)), os.path.basename(a.out))
        for neighbour_w in (0.3, 0.6, 0.9):
            params = (1.0, neighbour_w, 0.0)
            for threshold in (0.2, 0.3, 0.4, 0.5):
                write_model(candidate, weights, names, params, threshold)
                pe, re_, fe = evaluate(scorer, a.bin, rules, train, "extract_text")
                pp, rp, fp = evaluate(scorer, a.bin, rules, train, "page_text")
                key = (re_ >= a.min_extract_recall, fe + fp)
                print(f"  neighbours {neighbour_w} threshold {threshold}: extract F1 {fe:.3f} (P {pe:.3f} R {re_:.3f}), "
                      f"page F1 {fp:.3f} (P {pp:.3f} R {rp:.3f})", file=sys.stderr)
                if best is None or key > best[0]:
                    best = (key, params, threshold, (pe, re_, fe), (pp, rp, fp))
    _, params, threshold, extract, page = best
    write_model(a.out, weights, names, params, threshold, header=(
        "The strip stage's line classifier: logistic regression over LineFeatures, then context",
        "smoothing with the two lines either side. Generated by Rules/tools/train_line_classifier.py",
        f"on the WCXB dev split (CC BY 4.0), {len(train)} training pages (ids not divisible by 5),",
        "both plain-text inputs of each. Training-split scores of `unspun strip` (word 4-gram):",
        f"  extract_text F1 {extract[2]:.3f} (P {extract[0]:.3f} R {extract[1]:.3f}); "
        f"page_text F1 {page[2]:.3f} (P {page[0]:.3f} R {page[1]:.3f})",
        "Do not edit by hand: change the features or the script and train again.", ""))
    print(f"wrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
