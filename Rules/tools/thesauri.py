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
import os, re, struct, subprocess

WORDNET = "/usr/share/wordnet"
AIKSAURUS = "/usr/share/aiksaurus"
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


def aiksaurus_meanings(folder=AIKSAURUS):
    """word or phrase -> its Aiksaurus meanings (lists of words and phrases, lowercase), read from
    the data files themselves (words.dat: each entry a NUL-ended word, ':' between the words of a
    phrase, then its meanings' numbers as big-endian 16-bit values ending in 0xFFFF; meanings.dat:
    each meaning two title words then its members, ending in 0xFFFF): one read instead of a
    process per word."""
    with open(os.path.join(folder, "words.dat"), "rb") as f:
        data = f.read()
    words, word_meanings, i = [], [], 0
    while i < len(data):
        end = data.index(b"\0", i)
        words.append(data[i:end].decode("latin-1").replace(":", " ").lower())
        i, numbers = end + 1, []
        while data[i:i + 2] != b"\xff\xff":
            numbers.append(struct.unpack(">H", data[i:i + 2])[0])
            i += 2
        word_meanings.append(numbers)
        i += 2
    with open(os.path.join(folder, "meanings.dat"), "rb") as f:
        data = f.read()
    values = struct.unpack(f">{len(data) // 2}H", data)
    meanings, current = [], []
    for value in values:
        if value == 0xFFFF:
            meanings.append([words[w] for w in current[2:]])
            current = []
        else:
            current.append(value)
    return {word: [meanings[m] for m in numbers] for word, numbers in zip(words, word_meanings)}
