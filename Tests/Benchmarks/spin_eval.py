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

WN = "/usr/share/wordnet"
STOP = set("a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those he she they we you i me him her them us my his their our your not no do does did have has had will would can could should may might must".split())


def wordnet_lines(pos, kind):
    """The entry lines of one WordNet file (data.POS or index.POS), split into fields."""
    with open(os.path.join(WN, f"{kind}.{pos}"), encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):
                yield line.split()


def load_wordnet():
    """word -> list of lemma lists of its synsets, most frequent sense first (index.* order)."""
    senses = {}
    for pos in ("noun", "verb", "adj", "adv"):
        synsets = {}
        for parts in wordnet_lines(pos, "data"):
            count = int(parts[3], 16)
            synsets[parts[0]] = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]).replace("_", " ") for i in range(count)]
        for parts in wordnet_lines(pos, "index"):
            synset_count, pointer_count = int(parts[2]), int(parts[3])
            offsets = parts[6 + pointer_count:6 + pointer_count + synset_count]
            senses.setdefault(parts[0].replace("_", " "), []).extend(synsets[o] for o in offsets[:1])
    return senses


def spin(text, senses, rate, rng):
    """Returns the spun text and its substitutions (spun_start, spun_end, original)."""
    out, subs, pos = [], [], 0
    length = 0
    for m in re.finditer(r"[A-Za-z]+", text):
        word = m.group(0)
        out.append(text[pos:m.start()]); length += m.start() - pos
        pos = m.end()
        low = word.lower()
        choices = [l for lemmas in senses.get(low, [])[:1] for l in lemmas if l.lower() != low and l.isascii()]
        if low in STOP or len(low) < 3 or not choices or rng.random() >= rate:
            out.append(word); length += len(word)
            continue
        new = rng.choice(choices)
        if word.isupper() and len(word) > 1:
            new = new.upper()
        elif word[0].isupper():
            new = new[0].upper() + new[1:]
        subs.append((length, length + len(new), word))
        out.append(new); length += len(new)
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
    senses = load_wordnet()
    print(f"held-out gold texts: {len(held_out)}; thesaurus: WordNet 3.0, {len(senses)} words")
    for rate in (float(x) for x in a.rates.split(",")):
        rng = random.Random(a.seed)
        cases = [(r["id"],) + spin(r["gold"] or "", senses, rate, rng) for r in held_out]
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
