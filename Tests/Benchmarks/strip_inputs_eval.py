#!/usr/bin/env python3
"""Strip on every input of wcxb-dev-texts.jsonl.gz, held-out pages and all, beside C4 and jusText.

  python3 Tests/Benchmarks/strip_inputs_eval.py ../shared/corpora/wcxb-dev-texts.jsonl.gz \
      --bin .build/release/unspun [--fields page_inscriptis,gold] [--baselines] [--markdown]

Held-out pages are those whose id number is divisible by 5 (the split the line model was trained
on: it never saw them). Scores are the benchmark's (`../shared/eval/score_strip.py`, word 4-gram
F1, imported, not copied); strip runs once per input over all pages (each document is stripped on
its own, so the held-out figures are those pages' rows of the same run). For extractor inputs the
gap closed is (strip - as it stands) / (line oracle - as it stands).
"""
import argparse, gzip, importlib.util, json, os, subprocess, sys

FIELDS = ["page_inscriptis", "page_html-text", "page_resiliparse", "extract_trafilatura", "extract_trafilatura-precision",
          "extract_trafilatura-recall", "extract_readability", "extract_newspaper", "extract_goose3", "extract_boilerpipe",
          "extract_justext", "extract_resiliparse"]


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score_strip", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def held_out(case):
    return int(case["id"].rsplit("-", 1)[1]) % 5 == 0


def strip(binary, cases, field, extra):
    data = "".join(json.dumps({"id": c["id"], "text": c[field] or ""}, ensure_ascii=False) + "\n" for c in cases).encode()
    run = subprocess.run([binary, "strip", "--format", "jsonl", *extra], input=data, capture_output=True)
    if run.returncode not in (0, 3):
        sys.exit(f"strip failed on {field}: {run.stderr.decode()[-800:]}")
    out = {}
    for line in run.stdout.decode().split("\n"):
        if line.strip():
            record = json.loads(line)
            out[record["id"]] = record.get("text", "")
    return [out[c["id"]] for c in cases]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--bin", default=".build/release/unspun")
    ap.add_argument("--scorer", default="../shared/eval/score_strip.py")
    ap.add_argument("--fields", default=",".join(FIELDS))
    ap.add_argument("--baselines", action="store_true", help="also C4's line rules and jusText (slow)")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--training", action="store_true", help="score the training pages only (for tuning)")
    ap.add_argument("--strip-args", default="", help="extra arguments for unspun strip")
    a = ap.parse_args()
    scorer = load_scorer(a.scorer)
    cases = [json.loads(line) for line in gzip.open(a.corpus, "rt", encoding="utf-8")]
    parts = {"held-out": [i for i, c in enumerate(cases) if held_out(c)], "all": list(range(len(cases)))}
    if a.training:
        parts = {"training": [i for i, c in enumerate(cases) if not held_out(c)]}
    methods = ["none", "oracle", "strip"] + (["c4", "justext"] if a.baselines else [])
    rows = []
    for field in a.fields.split(","):
        outputs = {"none": [c[field] or "" for c in cases],
                   "oracle": [scorer.oracle_lines(c[field] or "", c["gold"] or "") for c in cases],
                   "strip": strip(a.bin, cases, field, a.strip_args.split())}
        if a.baselines:
            outputs["c4"] = [scorer.c4_lines(c[field] or "") for c in cases]
            outputs["justext"] = [scorer.justext_lines(c[field] or "") for c in cases]
        for part, indices in parts.items():
            scores = {m: scorer.prf([scorer.tp_fp_fn(cases[i]["gold"] or "", outputs[m][i]) for i in indices]) for m in methods}
            rows.append((field, part, scores))
            none, oracle, mine = scores["none"][2], scores["oracle"][2], scores["strip"][2]
            gap = (mine - none) / (oracle - none) if oracle > none else 0
            text = "  ".join(f"{m} {s[2]:.3f}" for m, s in scores.items())
            print(f"{field:30} {part:8} {text}  strip P {scores['strip'][0]:.3f} R {scores['strip'][1]:.3f} "
                  f"(as is R {scores['none'][1]:.3f})  gap {gap:+.0%}", flush=True)
    if a.markdown:
        head = ["input", "part", "as it stands", "line oracle"] + (["C4", "jusText"] if a.baselines else []) + ["unspun strip", "strip P / R", "gap closed"]
        print("| " + " | ".join(head) + " |\n" + "| --- " * len(head) + "|")
        for field, part, s in rows:
            none, oracle = s["none"][2], s["oracle"][2]
            gap = f"{(s['strip'][2] - none) / (oracle - none):.0%}" if field.startswith("extract") and oracle > none else ""
            cells = [field, part, f"{none:.3f}", f"{oracle:.3f}"] + ([f"{s['c4'][2]:.3f}", f"{s['justext'][2]:.3f}"] if a.baselines else [])
            cells += [f"{s['strip'][2]:.3f}", f"{s['strip'][0]:.3f} / {s['strip'][1]:.3f}", gap]
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
