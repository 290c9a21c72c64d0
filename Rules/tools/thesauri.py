"""Readers for the open thesauri Debian installs, shared by make_thesaurus.py (the restorer's
candidate table) and Tests/Benchmarks/unspin_eval.py (the spinners that make the test set).

Each reader yields (headword, [synonyms]) groups, one per sense, lowercase, spaces between words.
  wordnet   WordNet 3.0, /usr/share/wordnet (Debian wordnet-base; WordNet 3.0 licence)
  mythes    LibreOffice's en_US thesaurus, /usr/share/mythes/th_en_US_v2.dat (Debian mythes-en-us;
            generated from WordNet; Debian's copyright file puts dictionaries/en/* under Kevin
            Atkinson's permissive licence); plain entries and "(similar term)"
  aiksaurus Aiksaurus 1.2 (Debian libaiksaurus-1.2-data, from the Moby thesaurus; GPL-2+), read
            through the `aiksaurus` command; only the spinner uses it, nothing ships from it
"""
import os, re, subprocess

WORDNET = "/usr/share/wordnet"
MYTHES = "/usr/share/mythes/th_en_US_v2.dat"


def _wordnet_lines(pos, kind):
    with open(os.path.join(WORDNET, f"{kind}.{pos}"), encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):
                yield line.split()


def wordnet_senses():
    """word -> (synset lemma lists, most frequent sense first; SemCor tag count of the word)."""
    senses = {}
    for pos in ("noun", "verb", "adj", "adv"):
        synsets = {}
        for parts in _wordnet_lines(pos, "data"):
            count = int(parts[3], 16)
            synsets[parts[0]] = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]).replace("_", " ").lower() for i in range(count)]
        for parts in _wordnet_lines(pos, "index"):
            synset_count, pointer_count = int(parts[2]), int(parts[3])
            tagged = int(parts[5 + pointer_count])
            offsets = parts[6 + pointer_count:6 + pointer_count + synset_count]
            word = parts[0].replace("_", " ")
            lemmas, count = senses.get(word, ([], 0))
            senses[word] = (lemmas + [synsets[o] for o in offsets], count + tagged)
    return senses


def wordnet():
    for word, (synsets, _) in wordnet_senses().items():
        for lemmas in synsets:
            yield word, [l for l in lemmas if l != word]


def mythes(path=MYTHES):
    with open(path, encoding="utf-8", errors="replace") as f:
        f.readline()
        head = None
        for line in f:
            parts = line.rstrip("\n").split("|")
            if not line.startswith("("):
                head = parts[0].lower()
                continue
            terms = [re.sub(r" \(similar term\)$", "", p).lower() for p in parts[1:] if not p.endswith("term)") or p.endswith("(similar term)")]
            yield head, [t for t in terms if "(" not in t and t != head]


def aiksaurus(word):
    """Aiksaurus synonyms of one word (all its meanings), or []."""
    out = subprocess.run(["aiksaurus", word], capture_output=True, text=True).stdout
    if "***" in out.split("\n", 1)[0]:
        return []
    return [w.strip().lower() for line in out.split("\n") if not line.startswith("===") for w in line.split(",") if w.strip() and w.strip().lower() != word]
