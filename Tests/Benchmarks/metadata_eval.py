#!/usr/bin/env python3
"""How often `unspun strip` finds a page's author, publication date and title, and how often it
gives a wrong one, against WCXB's reviewed metadata (`author`, `date`, `title`).

Runs strip over each input (whole pages as text: `page_text` from the articles file,
`page_html-text` from the texts file; an extractor's output: `extract_trafilatura`), then, for
the held-out pages (ids whose number is divisible by 5, chosen before any tuning) and for all:

  found   pages where the value given matches, over the pages that have one
  wrong   pages where a value is given and the page's is a different one, over all pages
  extra   pages where a value is given and the page has none (WCXB leaves some unreviewed)

An author matches when the names given (`metadata.authors`, else `byline`) are the page's,
compared without case, punctuation or credentials after a comma ("Jane Doe, MD"); a date when
the ISO day is the same; a title when the words are the same, case and punctuation aside.

  python3 Tests/Benchmarks/metadata_eval.py --articles ../shared/corpora/wcxb-dev-articles.jsonl.gz \\
      --texts ../shared/corpora/wcxb-dev-texts.jsonl.gz [--bin .build/release/unspun] [--show author]
"""
import argparse, gzip, json, re, subprocess

FIELDS = [("page_text", "articles"), ("page_html-text", "texts"), ("extract_trafilatura", "texts")]


def words(text):
    return re.findall(r"\w+", (text or "").lower())


def author_names(text):
    """A gold author string as a set of names: "A, B and C" or "A & B"; credentials dropped."""
    parts = re.split(r"\s*(?:,|&|\band\b|;)\s*", text or "")
    names = [" ".join(words(p)) for p in parts]
    names = [n for n in names if len(n.split()) >= 2 or (len(names) == 1 and n)]
    return set(names)


def author_match(given, gold):
    got = {" ".join(words(n)) for n in given}
    want = author_names(gold)
    first = " ".join(words((gold or "").split(",")[0]))
    return bool(got) and (got == want or got == {first} or " ".join(sorted(got)) == " ".join(words(gold)))


def strip(binary, cases):
    source = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in cases)
    out = subprocess.run([binary, "strip", "--page-metadata", "--format", "jsonl"], input=source.encode(), capture_output=True, check=True).stdout
    return {r["id"]: r.get("metadata") or {} for r in map(json.loads, out.decode().splitlines())}


def score(pages, results):
    rows = {}
    for page in pages:
        md = results.get(page["id"], {})
        given = md.get("authors") or ([md["byline"]] if md.get("byline") else [])
        checks = {
            "author": (page["author"], given, lambda: author_match(given, page["author"])),
            "date": (page["date"], md.get("date"), lambda: md.get("date") == page["date"]),
            "title": (page["title"], md.get("title"), lambda: words(md.get("title")) == words(page["title"])),
        }
        for name, (gold, value, match) in checks.items():
            row = rows.setdefault(name, {"pages": 0, "have": 0, "found": 0, "wrong": 0, "extra": 0})
            row["pages"] += 1
            if gold:
                row["have"] += 1
                ok = bool(value) and match()
                row["found"] += ok
                row["wrong"] += bool(value) and not ok
            elif value:
                row["extra"] += 1
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", required=True)
    ap.add_argument("--texts", required=True)
    ap.add_argument("--bin", default=".build/release/unspun")
    ap.add_argument("--show", help="print the misses of one field (author, date, title) on the tuning part")
    ap.add_argument("--field", help="only this input field")
    a = ap.parse_args()
    articles = [json.loads(l) for l in gzip.open(a.articles, "rt", encoding="utf-8")]
    texts = {r["id"]: r for r in (json.loads(l) for l in gzip.open(a.texts, "rt", encoding="utf-8"))}
    for page in articles:
        page["date"] = (page.get("date") or "")[:10] or None
    print("| input | part | field | pages with it | found | wrong | given where none |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for field, source in FIELDS:
        if a.field and a.field != field:
            continue
        text = lambda p: p[field] if source == "articles" else texts[p["id"]][field]
        results = strip(a.bin, [(p["id"], text(p)) for p in articles])
        held = [p for p in articles if int(p["id"].rsplit("-", 1)[1]) % 5 == 0]
        for part, pages in [("held-out", held), ("all", articles)]:
            for name, r in score(pages, results).items():
                have = max(r["have"], 1)
                print(f"| {field} | {part} | {name} | {r['have']} | {r['found']} ({100 * r['found'] / have:.0f}%) "
                      f"| {r['wrong']} ({100 * r['wrong'] / r['pages']:.1f}%) | {r['extra']} |")
        if a.show:
            for p in articles:
                if int(p["id"].rsplit("-", 1)[1]) % 5 == 0:
                    continue
                md = results.get(p["id"], {})
                value = {"author": md.get("authors") or md.get("byline"), "date": md.get("date"), "title": md.get("title")}[a.show]
                gold = p[a.show]
                if gold and not (score([p], {p["id"]: md})[a.show]["found"]):
                    print(f"MISS {p['id']} {field} gold={gold!r} got={value!r}")


if __name__ == "__main__":
    main()
