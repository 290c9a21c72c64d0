#!/usr/bin/env python3
"""How much thesaurus spinning `unspun repair` undoes with no original at hand, per spinner and
rate, on WCXB gold texts the language model did not count, and its harm on the clean texts.

Split fixed before looking: half "even" = ids with an even number, "odd" = the rest. For each
half H, the model is built from the other half's gold texts (`unspun lm build`), H is spun by
each spinner at each rate (spin_eval.spin: content words and two-word phrases, case kept), and
`unspun repair --lm MODEL` runs over the spun texts and over H's clean texts.

Spinners (see Rules/tools/thesauri.py):
  wordnet    WordNet 3.0, the lemmas of a word's most frequent synset   (the restorer reads it)
  mythes     LibreOffice en_US thesaurus, every sense, similar terms     (the restorer reads it)
  aiksaurus  Aiksaurus (Moby-derived), every meaning                     (the restorer does NOT)

Reported per half, spinner and rate: substitutions, the share within reach (the original is
among the restorer's candidates for the wording that stands there: the most any restorer reading
that table could undo), share undone (restored exactly), edits and their precision (spin_eval.score: an edit counts when the covered words read as the original),
WER against the original before and after (word alignment by difflib), documents with an edit.
Harm: changed words per 1,000 on the half's clean gold texts (as repair_harm.py counts them).

  python3 Tests/Benchmarks/unspin_eval.py ../shared/corpora/wcxb-dev-articles.jsonl.gz [--halves even,odd] [--rates 0.1,0.3] [--repair-args "..."]
      [--model-texts N]   (the model from only the other half's first N texts: the curve of model size)
"""
import argparse, difflib, gzip, json, os, random, re, shlex, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "Rules", "tools"))
import gold_texts, spin_eval, thesauri

WORD = re.compile(r"\w+", re.UNICODE)


def spinners(texts, cache, names):
    """name -> choices(phrase) for the three spinners."""
    senses = thesauri.wordnet_senses()
    mythes = {}
    for head, terms in thesauri.mythes():
        mythes.setdefault(head, []).extend(t for t in terms if t not in mythes.get(head, []))
    aik = json.load(open(cache)) if os.path.exists(cache) else {}
    missing = sorted({w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)} - set(aik)) if "aiksaurus" in names else []
    for word in missing:
        aik[word] = thesauri.aiksaurus(word) if len(word) >= 3 and word not in spin_eval.STOP else []
    if missing:
        json.dump(aik, open(cache, "w"))
    return {
        "wordnet": lambda low: [l for lemmas in senses.get(low, ([], 0))[0][:1] for l in lemmas],
        "mythes": lambda low: mythes.get(low, []),
        "aiksaurus": lambda low: aik.get(low, []),
    }


def wer(reference, hypothesis):
    a, b = reference.lower().split(), hypothesis.lower().split()
    errors = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            errors += max(i2 - i1, j2 - j1)
    return errors, len(a)


def candidate_table(path):
    """spun wording (lowercase) -> its candidates, from a thesaurus table (make_thesaurus.py's)."""
    table = {}
    for line in open(path, encoding="utf-8"):
        if not line.startswith("#") and "\t" in line:
            spun, candidates = line.rstrip("\n").split("\t", 1)
            table[spun] = {entry.rsplit(":", 1)[0] for entry in candidates.split("|")}
    return table


def repair(binary, model, records, extra):
    data = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in records)
    cmd = [binary, "repair", "--format", "jsonl", "--lm", model] + extra
    out = subprocess.run(cmd, input=data.encode(), capture_output=True, check=True).stdout.decode()
    return {r["id"]: r for r in (json.loads(l) for l in out.split("\n") if l)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--bin", default=".build/release/unspun")
    ap.add_argument("--halves", default="even,odd")
    ap.add_argument("--rates", default="0.1,0.3")
    ap.add_argument("--spinners", default="wordnet,mythes,aiksaurus")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--repair-args", default="")
    ap.add_argument("--model-texts", type=int, default=0, help="count only the other half's first N texts (0: all)")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "unspin_eval"))
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    rows = [json.loads(l) for l in gzip.open(a.corpus, "rt", encoding="utf-8")]
    parity = lambda r: "even" if int(r["id"].rsplit("-", 1)[1]) % 2 == 0 else "odd"
    spin_with = spinners([r["gold"] or "" for r in rows], os.path.join(a.work, "aiksaurus.json"), a.spinners.split(","))
    extra = shlex.split(a.repair_args)
    thesaurus = extra[extra.index("--lm-thesaurus") + 1] if "--lm-thesaurus" in extra else os.path.join(HERE, "..", "..", "Rules", "en", "thesaurus.tsv")
    table = candidate_table(thesaurus)
    for half in a.halves.split(","):
        other = "odd" if half == "even" else "even"
        size = f"-{a.model_texts}" if a.model_texts else ""
        model = os.path.join(a.work, f"{other}{size}.lm")
        corpus = os.path.join(a.work, f"gold-{other}{size}.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            for n, (id, text) in enumerate(gold_texts.texts(a.corpus, other)):
                if a.model_texts and n >= a.model_texts:
                    break
                f.write(json.dumps({"id": id, "text": text}, ensure_ascii=False) + "\n")
        subprocess.run([a.bin, "lm", "build", corpus, "--out", model, "--header", f"{gold_texts.HEADER}, {other} ids"], check=True, capture_output=True)
        held = [r for r in rows if parity(r) == half]
        clean = repair(a.bin, model, [(r["id"], r["gold"] or "") for r in held], extra)
        words = sum(len(WORD.findall(r["gold"] or "")) for r in held)
        changed = sum(max(len(WORD.findall(e["before"])), len(WORD.findall(e["after"])))
                      for rec in clean.values() for e in rec.get("metadata", {}).get("edits", []))
        tokens = subprocess.run([a.bin, "lm", "info", model], capture_output=True, text=True).stdout.split("tokens ")[-1].split(",")[0]
        print(f"half {half} ({len(held)} texts, {words} words; model from the {other} half, {tokens} tokens): harm {changed} changed words, {1000 * changed / words:.3f} per 1,000")
        for name in a.spinners.split(","):
            for rate in (float(x) for x in a.rates.split(",")):
                rng = random.Random(a.seed)
                cases = [(r["id"], r["gold"] or "") + spin_eval.spin(r["gold"] or "", spin_with[name], rate, rng, phrase_words=2) for r in held]
                result = repair(a.bin, model, [(i, s) for i, _, s, _ in cases], extra)
                correct = wrong = restored = total = touched = reach = 0
                before = after = length = 0
                for i, original, spun, subs in cases:
                    edits = [e for e in result[i].get("metadata", {}).get("edits", []) if e["stage"] == "repair"]
                    c, w, r = spin_eval.score(spun, subs, edits)
                    correct += c; wrong += w; restored += r; total += len(subs); touched += bool(edits)
                    reach += sum(o.lower() in table.get(spun[s:e].lower(), ()) for s, e, o in subs)
                    e1, n = wer(original, spun); e2, _ = wer(original, result[i]["text"])
                    before += e1; after += e2; length += n
                edits = correct + wrong
                print(f"  {name:9s} rate {rate:.1f}: substitutions {total:6d}, within reach {reach / max(total, 1):.3f}, undone {restored / max(total, 1):.3f}, edits {edits:5d} "
                      f"precision {correct / edits if edits else float('nan'):.3f}, WER {before / length:.4f} -> {after / length:.4f}, documents edited {touched}/{len(cases)}")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
