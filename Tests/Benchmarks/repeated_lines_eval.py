#!/usr/bin/env python3
"""The repetition cue of `unspun clean`, on a generated dump of sites that repeat their boilerplate.

  python3 Tests/Benchmarks/repeated_lines_eval.py ../shared/corpora/wcxb-dev-texts.jsonl.gz \
      --bin .build/release/unspun --work /tmp/repeated [--stories 15000] [--seed 1]

1. Sites: the held-out WCXB pages (ids divisible by 5, never trained on) are dealt into sites,
   three pages a site; a site's boilerplate is up to 24 lines of its pages' whole-page text
   (`page_inscriptis`) that are not in the page's gold (the benchmark's line oracle says so) nor
   in any gold text, half of them its header, half its footer.
2. Stories: articles made of paragraphs of two or three sentences drawn from the held-out gold
   texts; a third of the stories have one or two copies (the same article on the same or another
   site), which share their article lines by design and must keep them.
3. Documents: each site's header lines (each with probability 0.8), the article, its footer
   lines (0.8). The truth (which lines are article and which boilerplate) goes to a separate
   file; Unspun never sees it.
4. `unspun clean` with the cue and with `--no-repeated-lines`, side by side: the share of the
   repeated boilerplate lines removed and of the article lines lost (a line counts as kept when
   its text, spaces folded, stands in the document's output).
"""
import argparse, gzip, importlib.util, json, os, random, re, subprocess, sys, time

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
fold = lambda s: " ".join(s.split())


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score_strip", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(corpus, scorer, stories, seed, out, truth_out):
    rng = random.Random(seed)
    pages = [json.loads(l) for l in gzip.open(corpus, "rt", encoding="utf-8")]
    pages = [p for p in pages if int(p["id"].rsplit("-", 1)[1]) % 5 == 0]
    gold_text = "\n".join(fold(p["gold"] or "") for p in pages)
    sentences = sorted({s.strip() for p in pages for para in (p["gold"] or "").split("\n")
                        for s in SENTENCE.split(para) if len(s.split()) >= 5})
    sites = []
    for start in range(0, len(pages), 3):
        lines = []
        for page in pages[start:start + 3]:
            text = page["page_inscriptis"] or ""
            inside = set(scorer.oracle_lines(text, page["gold"] or "").split("\n"))
            for line in text.split("\n"):
                line = fold(line)
                if line and line not in inside and re.search(r"[A-Za-z]", line) and 1 <= len(line.split()) <= 30 \
                        and line not in gold_text and line not in lines:
                    lines.append(line)
        if len(lines) >= 6:
            picked = lines[:12] + lines[-12:] if len(lines) > 24 else lines
            half = len(picked) // 2
            sites.append((picked[:half], picked[half:]))
    docs, truth = [], []
    for story in range(stories):
        paragraphs = [" ".join(rng.sample(sentences, rng.choice((2, 3)))) for _ in range(rng.randint(6, 12))]
        copies = rng.choice((0, 0, 1, 2))
        home = rng.randrange(len(sites))
        for copy in range(copies + 1):
            site = home if copy == 0 or rng.random() < 0.5 else rng.randrange(len(sites))
            header, footer = sites[site]
            head = [l for l in header if rng.random() < 0.8]
            foot = [l for l in footer if rng.random() < 0.8]
            doc_id = f"s{story}-c{copy}"
            docs.append({"id": doc_id, "text": "\n".join(head) + "\n\n" + "\n\n".join(paragraphs) + "\n\n" + "\n".join(foot)})
            truth.append({"id": doc_id, "site": site, "story": story, "article": paragraphs, "boilerplate": head + foot})
    order = list(range(len(docs)))
    rng.shuffle(order)
    with open(out, "w", encoding="utf-8") as f:
        for i in order:
            f.write(json.dumps(docs[i], ensure_ascii=False) + "\n")
    with open(truth_out, "w", encoding="utf-8") as f:
        for i in order:
            f.write(json.dumps(truth[i], ensure_ascii=False) + "\n")
    return len(sites), len(docs)


def score(documents, truth):
    out = {}
    for line in open(documents, encoding="utf-8"):
        record = json.loads(line)
        out[record["id"]] = fold(record["text"])
    boiler = removed = article = lost = 0
    for t in truth:
        text = out[t["id"]]
        for line in t["boilerplate"]:
            boiler += 1
            removed += fold(line) not in text
        for para in t["article"]:
            article += 1
            lost += fold(para) not in text
    return removed / max(boiler, 1), lost / max(article, 1), boiler, article


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--work", default="/tmp/unspun-repeated")
    ap.add_argument("--stories", type=int, default=15000)
    ap.add_argument("--bin", default=".build/release/unspun")
    ap.add_argument("--scorer", default="../shared/eval/score_strip.py")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    dump, truth_path = os.path.join(a.work, "dump.jsonl"), os.path.join(a.work, "truth.jsonl")
    sites, count = generate(a.corpus, load_scorer(a.scorer), a.stories, a.seed, dump, truth_path)
    truth = [json.loads(l) for l in open(truth_path, encoding="utf-8")]
    print(f"dump: {count} documents, {a.stories} stories, {sites} sites")
    print("| run | repeated lines removed | article lines lost | repeated removed (report) | stories | seconds |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, extra in (("with the repetition cue", []), ("without (--no-repeated-lines)", ["--no-repeated-lines"])):
        folder = os.path.join(a.work, "out-" + ("off" if extra else "on"))
        started = time.time()
        run = subprocess.run([a.bin, "clean", dump, "--out", folder, "--quiet", *extra], capture_output=True, text=True)
        seconds = time.time() - started
        if run.returncode != 0:
            sys.exit(f"clean failed ({run.returncode}): {run.stderr[-1000:]}")
        report = json.load(open(os.path.join(folder, "report.json")))
        removed, lost, boiler, article = score(os.path.join(folder, "documents.jsonl"), truth)
        repeated = report.get("removed_lines_by_kind", {}).get("repeated", 0)
        print(f"| {name} | {removed:.2%} of {boiler:,} | {lost:.3%} of {article:,} | {repeated:,} | {report.get('stories')} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
