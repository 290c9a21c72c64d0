#!/usr/bin/env python3
"""Generates a synthetic syndicated news dump with known stories, from real article text.

  python3 Tests/Benchmarks/make_dump.py ../shared/corpora/wcxb-dev-articles.jsonl.gz OUT.jsonl \
      [--stories 300] [--synthetic] [--hard] [--seed 1] [--seeds Fixtures/seeds]

Stories are the WCXB gold texts of the held-out split (ids divisible by 5) and, beyond those or
with --synthetic, new articles made of sentences drawn from the whole corpus. Each story gets an
original (sometimes with an agency dateline and credit) and 0-4 copies of these kinds:
  copy     real boilerplate lines added, paragraphs cut from the end or middle, quote style
           switched, US spellings made British
  spun     spun with WordNet synonyms (see spin_eval.py) at a rate of 0.1, 0.2 or 0.3
  merged   most of this story's paragraphs with some of another story's
Borrowed text stays under a third of the copy's words, counted alike in every script (words():
each Han or kana character is a word, so a copy borrowing Chinese paragraphs is not mostly
Chinese), and where scripts mix under a third of its characters too (minority()).
With --hard (the heavy-spinning dump of issue #17), spun copies are spun instead at 0.3, 0.45 or
0.6 of the words the thesaurus offers a swap for, with Aiksaurus (Debian libaiksaurus-1.2-data,
from the Moby thesaurus, GPL-2+; nothing in Unspun reads it: its restorer is built from WordNet
and MyThes), phrases of up to three words swapped both ways ("according to" -> "by virtue of",
"government" -> "balance of power"); 40% of them are merged with a third of another story's
paragraphs (spun too, never more than a third of the copy's words; truth.borrowed holds them
unspun, truth.unspun the whole copy before spinning), copies may carry an agency credit, and
3% of the stories each are Russian (Debian fortunes-ru, GPL-2) and Chinese (Debian fortunes-zh,
GPL-3+) texts, copied (not spun) like the rest. With --seeds, the five seed articles
are added with their known grouping. The truth is in metadata.truth ({story, role, rate,
original, merged, borrowed, unspun}); Unspun never reads it.
"""
import argparse, glob, gzip, json, os, random, re, sys

sys.path.insert(0, os.path.dirname(__file__))
from spin_eval import spin, thesauri  # noqa: E402

FORTUNES = "/usr/share/games/fortunes"

BOILERPLATE = [
    "Share current article via Email Share current article via Facebook Share current article via Twitter",
    "Get breaking National news",
    "For news impacting Canada and around the globe, sign up for breaking news alerts delivered directly to you when they happen.",
    "Advertisement", "Story continues below advertisement", "Related Articles", "Sign up for our newsletter",
    "This website uses cookies to improve your experience.", "© 2025 Example Media Ltd. All rights reserved.",
    "Leave a comment", "Read more: Markets fall as oil climbs", "Privacy Policy | Terms of Use | Contact Us",
    "Skip to content", "You may also like", "Facebook | Twitter | LinkedIn | Email | Print",
]
AGENCIES = [("Reuters", "(Reporting by {a}; editing by {b})"), ("AP", "Associated Press writer {a} contributed to this report."),
            ("AFP", "—With files from AFP")]
CITIES = ["LONDON", "WASHINGTON", "BERLIN", "TOKYO", "NAIROBI", "SYDNEY", "OTTAWA", "PARIS"]
NAMES = ["Anna Smith", "John Doe", "Maria Garcia", "Wei Chen", "Olga Petrova", "Samuel Okoro"]
UK = {"color": "colour", "honor": "honour", "favor": "favour", "center": "centre", "organization": "organisation",
      "recognized": "recognised", "program": "programme", "defense": "defence", "analyze": "analyse", "traveled": "travelled"}


def paragraphs(text):
    parts = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return parts


def switch_quotes(text, rng):
    if "“" in text or "’" in text:
        return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    text = re.sub(r'"([^"\n]*)"', "“\\1”", text)
    return re.sub(r"(\w)'(\w)", "\\1’\\2", text)


def british(text):
    for us, uk in UK.items():
        text = re.sub(r"\b%s\b" % us, uk, text)
        text = re.sub(r"\b%s\b" % us.capitalize(), uk.capitalize(), text)
    return text


def fortunes(paths):
    """The texts of fortune files: entries between lines holding "%", attributions ("-- Name")
    and terminal colour codes dropped, lines joined."""
    texts = []
    for path in paths:
        raw = re.sub(r"\x1b\[[0-9;]*m", "", open(path, encoding="utf-8", errors="replace").read())
        for entry in re.split(r"\n%\n", raw):
            lines = [l.strip() for l in entry.split("\n") if l.strip() and not l.strip().startswith("--")]
            text = (" " if any(c.isascii() and c.isalpha() for c in "".join(lines)) else "").join(lines)
            if len(text) >= 20 and "\ufffd" not in text:
                texts.append(text)
    return texts


def foreign_pools():
    """Russian and Chinese texts for stories in other scripts (empty when the packages are missing)."""
    russian = fortunes(sorted(glob.glob(os.path.join(FORTUNES, "ru", "*.u8"))))
    chinese = fortunes(sorted(glob.glob(os.path.join(FORTUNES, "*.u8"))))
    return [pool for pool in (russian, chinese) if pool]


def aiksaurus_choices():
    """choices(phrase) for spin(): the words of the phrase's first Aiksaurus meaning."""
    meanings = thesauri.aiksaurus_meanings()
    return lambda low: [w for w in (meanings.get(low) or [[]])[0] if w != low]


def wordnet_choices():
    """choices(phrase) for spin(): the other lemmas of the word's most common WordNet synset."""
    senses = thesauri.wordnet_senses()
    return lambda low: [l for lemmas in senses.get(low, ([], 0))[0][:1] for l in lemmas]


# Han and kana, written without spaces: each character counts as one word (ICU's dictionary
# breaks make a word of one or two), their punctuation separates like a space.
UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
UNSPACED_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"


def words(text):
    """The number of words in `text`, the same in any script: a space-separated run counts one,
    and each Han or kana character one (so a Chinese paragraph is not one word). For text
    without those, len(text.split())."""
    spaced = re.sub(f"[{UNSPACED}{UNSPACED_PUNCTUATION}]", " ", text).split()
    return len(spaced) + len(re.findall(f"[{UNSPACED}]", text))


def minority(theirs, mine):
    """Whether paragraphs `theirs` added to `mine` make under a third of the whole: in words,
    and, where Han or kana is on either side, in characters too (a Han character carries less
    than a word, a word more letters than it: a mixed copy is then its own story's by either
    count). Text without them is counted in words alone."""
    if sum(words(p) for p in theirs) > sum(words(p) for p in mine) // 2:
        return False
    if not any(re.search(f"[{UNSPACED}]", p) for p in theirs + mine):
        return True
    return sum(len(p) for p in theirs) <= sum(len(p) for p in mine) // 2


def borrow(paras, budget):
    """The first of `paras` within `budget` words; the first paragraph's first sentences when
    even it is longer."""
    taken = []
    for p in paras:
        if sum(words(x) for x in taken) + words(p) > budget:
            break
        taken.append(p)
    if not taken:
        count = 0
        for sentence in re.split(r"(?<=[.!?])\s+", paras[0]):
            count += words(sentence)
            if count > budget:
                break
            taken.append(sentence)
        taken = [" ".join(taken)] if taken else []
    return taken


def make_copy(paras, rng):
    paras = list(paras)
    if len(paras) > 4 and rng.random() < 0.5:
        keep = max(3, int(len(paras) * rng.uniform(0.6, 0.9)))
        paras = paras[:keep]
    elif len(paras) > 5:
        del paras[rng.randrange(1, len(paras) - 1)]
    for _ in range(rng.randint(1, 3)):
        paras.insert(rng.choice([0, len(paras), rng.randrange(len(paras) + 1)]), rng.choice(BOILERPLATE))
    text = "\n\n".join(paras)
    if rng.random() < 0.5:
        text = switch_quotes(text, rng)
    return british(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--stories", type=int, default=300)
    ap.add_argument("--synthetic", action="store_true", help="all stories made of drawn sentences (for large dumps)")
    ap.add_argument("--hard", action="store_true", help="heavy spinning, merged spun copies, stories in other scripts (issue #17)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds", help="add the seed articles from this folder with their known grouping")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    rows = [json.loads(l) for l in gzip.open(a.corpus, "rt", encoding="utf-8")]
    golds = [r["gold"] for r in rows if r["gold"] and int(r["id"].rsplit("-", 1)[1]) % 5 == 0 and len(r["gold"].split()) > 150]
    pool = [s for r in rows if r["gold"] for s in re.split(r"(?<=[.!?])\s+", r["gold"]) if 8 <= len(s.split()) <= 60]
    choices = aiksaurus_choices() if a.hard else wordnet_choices()
    foreign = foreign_pools() if a.hard else []
    stories, foreign_stories = [], set()
    for index in range(a.stories):
        if foreign and rng.random() < 0.06:
            texts = rng.sample(foreign[index % len(foreign)], rng.randint(8, 20))
            stories.append([" ".join(texts[i:i + 2]) for i in range(0, len(texts), 2)])
            foreign_stories.add(index)
        elif not a.synthetic and index < len(golds):
            stories.append(paragraphs(golds[index]))
        else:
            sentences = rng.sample(pool, rng.randint(12, 30))
            stories.append([" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)])
    out = open(a.out, "w", encoding="utf-8")
    count = 0

    def write(doc_id, text, truth):
        nonlocal count
        out.write(json.dumps({"id": doc_id, "text": text, "metadata": {"truth": truth}}, ensure_ascii=False) + "\n")
        count += 1

    for index, paras in enumerate(stories):
        story = f"s{index:06d}"
        original = list(paras)
        if rng.random() < 0.4:
            agency, credit = rng.choice(AGENCIES)
            original[0] = f"{rng.choice(CITIES)} ({agency}) - {original[0]}"
            original.append(credit.format(a=rng.choice(NAMES), b=rng.choice(NAMES)))
        write(f"{story}-original", "\n\n".join(original), {"story": story, "role": "original"})
        for copy_index in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
            kind = rng.choice(["copy", "copy", "spun", "spun", "merged"])
            if index in foreign_stories and kind == "spun":
                kind = "copy"
            doc_id = f"{story}-{kind}-{copy_index}"
            if kind == "copy":
                text = make_copy(paras, rng)
                if a.hard and rng.random() < 0.3:
                    agency, credit = rng.choice(AGENCIES)
                    text += "\n\n" + credit.format(a=rng.choice(NAMES), b=rng.choice(NAMES))
                write(doc_id, text, {"story": story, "role": "copy"})
            elif kind == "spun" and a.hard:
                rate = rng.choice([0.3, 0.45, 0.6])
                truth = {"story": story, "role": "spun", "rate": rate, "original": f"{story}-original", "merged": False}
                mine = list(paras)
                others = [i for i in range(len(stories)) if i != index and i not in foreign_stories]
                if others and rng.random() < 0.4:
                    other = stories[rng.choice(others)]
                    # A third of the other story's paragraphs, within the budget that keeps the
                    # copy mostly its own story's (as for merged copies below).
                    borrowed = borrow(other[:max(1, len(other) // 3)], sum(words(p) for p in mine) // 2)
                    at = rng.randrange(1, len(mine) + 1) if borrowed else len(mine)
                    mine[at:at] = borrowed
                    if borrowed:
                        truth.update({"merged": True, "borrowed": "\n\n".join(borrowed), "unspun": "\n\n".join(mine)})
                text, _ = spin("\n\n".join(mine), choices, rate, rng, phrase_words=3)
                write(doc_id, text, truth)
            elif kind == "spun":
                rate = rng.choice([0.1, 0.2, 0.3])
                text, _ = spin("\n\n".join(paras), choices, rate, rng)
                write(doc_id, text, {"story": story, "role": "spun", "rate": rate, "original": f"{story}-original"})
            else:
                other = stories[rng.randrange(len(stories))]
                if other is paras:
                    continue
                mine = paras[:max(2, int(len(paras) * 0.7))]
                # The copy must mostly derive from its own story: the borrowed part stays under
                # a third of the copy's words and, when scripts mix, of its characters too.
                theirs = []
                for p in other:
                    if not minority(theirs + [p], mine):
                        break
                    theirs.append(p)
                if not theirs:
                    continue
                write(doc_id, "\n\n".join(mine + theirs), {"story": story, "role": "merged"})
    if a.seeds:
        gold = json.load(open(os.path.join(a.seeds, "gold.json"), encoding="utf-8"))
        for group_index, group in enumerate(gold["stories"]):
            for name in group:
                text = open(os.path.join(a.seeds, name), encoding="utf-8").read()
                role = "spun" if name.startswith("000") else ("original" if gold.get("canonical", {}).get(name) == name or len(group) == 1 else "copy")
                truth = {"story": f"seed{group_index}", "role": role}
                if role == "spun":
                    truth.update({"rate": None, "original": "001_daba5862246ab67d.txt"})
                write(name, text, truth)
    out.close()
    print(f"wrote {count} documents in {len(stories)} stories to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
