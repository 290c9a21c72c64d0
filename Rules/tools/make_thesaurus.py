#!/usr/bin/env python3
"""Builds Rules/en/thesaurus.tsv, the repair stage's inverse thesaurus: for each word or phrase a
spinner could have put in (the spun side), the words it could have replaced (the candidates).
A spinner swaps c for w when w is in c's synonym list, so the table maps w -> every such c.

  python3 Rules/tools/make_thesaurus.py > Rules/en/thesaurus.tsv
  python3 Rules/tools/make_thesaurus.py --sources wordnet,mythes,aiksaurus > MY_RULES/en/thesaurus.tsv

Sources (Debian packages; see thesauri.py): WordNet 3.0 (wordnet-base) and LibreOffice's en_US
thesaurus (mythes-en-us, itself built from WordNet), the shipped table; and, on request, Aiksaurus
(libaiksaurus-1.2-data, from the Moby thesaurus), whose GPL-2+ licence keeps it out of the shipped
rules: a table with it is built on the user's machine and passed with --rules. Kept: lowercase ASCII words and phrases of at
most three words on both sides; candidates that SemCor tagged at least once (WordNet's sense
counts), since a spinner's input is ordinary article wording; no one-word spun side that is a
function word. Candidates are marked with the letters of their sources: w (WordNet), m (mythes),
a (Aiksaurus).
"""
import argparse, collections, re, sys
sys.path.insert(0, __import__("os").path.dirname(__file__))
import thesauri

PLAIN = re.compile(r"^[a-z][a-z'-]*( [a-z][a-z'-]*){0,2}$")
FUNCTION = set("a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those he she they we you i me him her them us my his their our your not no do does did have has had will would can could should may might must up out off over so than then there here who what which when where why how all any some more most".split())

READERS = {
    "wordnet": ("w", thesauri.wordnet),
    "mythes": ("m", thesauri.mythes),
    "aiksaurus": ("a", lambda: ((head, group) for head, groups in thesauri.aiksaurus_meanings().items() for group in groups)),
}
ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
ap.add_argument("--sources", default="wordnet,mythes", help="comma-separated: " + ", ".join(READERS))
sources = ap.parse_args().sources.split(",")
unknown = [s for s in sources if s not in READERS]
if unknown:
    ap.error(f"unknown source {unknown[0]!r}; known: {', '.join(READERS)}")

senses = thesauri.wordnet_senses()
common = {w for w, (_, count) in senses.items() if count > 0}
table = collections.defaultdict(dict)
for letter, groups in ((READERS[s][0], READERS[s][1]()) for s in sources):
    for head, synonyms in groups:
        if head not in common or not PLAIN.match(head):
            continue
        for spun in synonyms:
            if spun != head and PLAIN.match(spun) and spun not in FUNCTION:
                marks = table[spun].setdefault(head, "")
                if letter not in marks:
                    table[spun][head] = marks + letter
print("# Inverse thesaurus for the repair stage's statistical restorer (Rules/tools/make_thesaurus.py).")
print("# SPUN<TAB>CANDIDATE:SOURCES|...  sources: w = WordNet 3.0 (Princeton University, WordNet 3.0")
print("# licence), m = LibreOffice en_US thesaurus th_en_US_v2 (Debian mythes-en-us; generated from WordNet;")
print("# Debian's copyright file puts dictionaries/en/* under Kevin Atkinson's permissive licence)" + ("." if "aiksaurus" not in sources else ","))
if "aiksaurus" in sources:
    print("# a = Aiksaurus 1.2 (Debian libaiksaurus-1.2-data; Copyright 2001-2003 Jared Davis; from Grady Ward's")
    print("# Moby thesaurus; GPL-2 or later: see /usr/share/common-licenses/GPL-2). Not for the shipped rules.")
print(f"# {len(table)} spun words and phrases, {sum(len(c) for c in table.values())} candidates.")
# WordNet's licence asks for its notice in every copy (from Debian's copy of it).
notice = open("/usr/share/doc/wordnet-base/copyright", encoding="utf-8").read().split("License: WordNet3.0", 1)[1].split("\nFiles:", 1)[0]
print("#\n# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence:")
for line in notice.strip("\n").split("\n"):
    print("#" + ("" if line.strip() == "." else line.rstrip()))
for spun in sorted(table):
    print(spun + "\t" + "|".join(f"{c}:{m}" for c, m in sorted(table[spun].items())))
