#!/usr/bin/env python3
"""A spun test set beyond the seeds, and how much of it `unspun repair` undoes.

Spins clean article text (WCXB gold texts of the held-out split: ids whose number is divisible
by 5) with a thesaurus independent of Unspun's rules: WordNet 3.0 from Debian's wordnet-base
(/usr/share/wordnet). Each content word is, at the given rate, swapped for another lemma of its
most common synset, multi-word lemmas included ("sit" -> "sit down", "become" -> "go"), keeping
its case, the way free article spinners work. Then runs `unspun repair` and scores every edit:

  correct   the edit restores the original wording of spun words it covers
  wrong     the edit touches only unspun text, or leaves the covered words still different

  precision = correct / (correct + wrong)      recall = substitutions restored / substitutions

  python3 Tests/Benchmarks/spin_eval.py ../shared/corpora/wcxb-dev-articles.jsonl.gz [--rates 0.05,0.1,0.2] [--bin .build/release/unspun]
"""
import argparse, gzip, json, os, random, re, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Rules", "tools"))
import thesauri

STOP = set("a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those he she they we you i me him her them us my his their our your not no do does did have has had will would can could should may might must".split())


def spin(text, choices, rate, rng, phrase_words=1):
    """Returns the spun text and its substitutions (spun_start, spun_end, original).

    `choices(phrase)` lists the replacements a thesaurus offers for a lowercase word or phrase;
    phrases of up to `phrase_words` words are tried first, longest first."""
    words = list(re.finditer(r"[A-Za-z]+", text))
    out, subs, pos, length, i = [], [], 0, 0, 0
    while i < len(words):
        for n in range(min(phrase_words, len(words) - i), 0, -1):
            group = words[i:i + n]
            if any(text[a.end():b.start()] != " " for a, b in zip(group, group[1:])):
                continue
            low = " ".join(m.group(0) for m in group).lower()
            options = [] if (n == 1 and (low in STOP or len(low) < 3)) else [c for c in choices(low) if c.lower() != low and c.isascii()]
            if options:
                break
        start, end = group[0].start(), group[-1].end()
        out.append(text[pos:start]); length += start - pos
        pos = end
        word = text[start:end]
        if not options or rng.random() >= rate:
            out.append(word); length += len(word)
            i += 1 if not options else n
            pos = start + len(word)
            continue
        new = rng.choice(options)
        if word.isupper() and len(word) > 1:
            new = new.upper()
        elif word[0].isupper():
            new = new[0].upper() + new[1:]
        subs.append((length, length + len(new), word))
        out.append(new); length += len(new)
        i += n
    out.append(text[pos:])
    return "".join(out), subs


def score(spun, subs, edits):
    """Scores edits (byte offsets) against the substitutions (character offsets)."""
    b = spun.encode()
    to_char = lambda off: len(b[:off].decode("utf-8", "ignore"))
    correct = wrong = 0
    restored = set()
    for e in edits:
        s, t = to_char(e["start"]), to_char(e["end"])
        covered = [i for i, (a, z, _) in enumerate(subs) if a < t and z > s]
        if not covered:
            wrong += 1
            continue
        lo, hi = min(s, subs[covered[0]][0]), max(t, subs[covered[-1]][1])
        original, cursor = [], lo
        for i in covered:
            a, z, word = subs[i]
            original.append(spun[cursor:a]); original.append(word); cursor = z
        original.append(spun[cursor:hi])
        result = spun[lo:s] + e["after"] + spun[t:hi]
        if " ".join(result.lower().split()) == " ".join("".join(original).lower().split()):
            correct += 1
            restored.update(covered)
        else:
            wrong += 1
    return correct, wrong, len(restored)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--rates", default="0.05,0.1,0.2")
    ap.add_argument("--bin", default=".build/release/unspun")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rows = [json.loads(l) for l in gzip.open(a.corpus, "rt", encoding="utf-8")]
    held_out = [r for r in rows if int(r["id"].rsplit("-", 1)[1]) % 5 == 0]
    senses = {word: synsets for word, (synsets, _) in thesauri.wordnet_senses().items()}
    print(f"held-out gold texts: {len(held_out)}; thesaurus: WordNet 3.0, {len(senses)} words")
    for rate in (float(x) for x in a.rates.split(",")):
        rng = random.Random(a.seed)
        first_sense = lambda low: [l for lemmas in senses.get(low, [])[:1] for l in lemmas]
        cases = [(r["id"],) + spin(r["gold"] or "", first_sense, rate, rng) for r in held_out]
        records = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t, _ in cases)
        out = subprocess.run([a.bin, "repair", "--format", "jsonl"], input=records.encode(), capture_output=True, check=True).stdout.decode()
        result = {json.loads(l)["id"]: json.loads(l) for l in out.split("\n") if l}
        correct = wrong = restored = total = judged = 0
        for i, text, subs in cases:
            md = result[i].get("metadata", {})
            c, w, r = score(text, subs, [e for e in md.get("edits", []) if e["stage"] == "repair"])
            correct += c; wrong += w; restored += r; total += len(subs)
            judged += md.get("spin_score", 0) >= 1.5 and len(subs) > 0
        precision = correct / (correct + wrong) if correct + wrong else float("nan")
        print(f"rate {rate:.2f}: substitutions {total}, edits {correct + wrong} (correct {correct}, wrong {wrong}), "
              f"precision {precision:.3f}, recall {restored / max(total, 1):.4f}, documents judged spun {judged}/{len(cases)}")


if __name__ == "__main__":
    main()
