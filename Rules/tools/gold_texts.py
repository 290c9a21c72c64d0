#!/usr/bin/env python3
"""The WCXB gold texts as `{"id", "text"}` JSONL for `unspun lm build` (the default model,
Rules/en/news.lm), optionally one half by id number; `--header` prints the model's header.

  python3 Rules/tools/gold_texts.py ../shared/corpora/wcxb-dev-articles.jsonl.gz [--half even|odd] | unspun lm build --out news.lm --header "$(python3 Rules/tools/gold_texts.py --header)"
"""
import argparse, gzip, json, sys

HEADER = ("Unspun news model: WCXB gold texts (Web Content eXtraction Benchmark, development split; "
          "Murrough Foley, 2026; CC BY 4.0, https://creativecommons.org/licenses/by/4.0/)")


def texts(corpus, half=None):
    for line in gzip.open(corpus, "rt", encoding="utf-8"):
        row = json.loads(line)
        number = int(row["id"].rsplit("-", 1)[1])
        if half is None or (number % 2 == 0) == (half == "even"):
            yield row["id"], row["gold"] or ""


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--half", choices=["even", "odd"])
    ap.add_argument("--header", action="store_true")
    a = ap.parse_args()
    if a.header:
        print(HEADER + (f", {a.half} ids" if a.half else ", all 793 pages"))
    else:
        for id, text in texts(a.corpus, a.half):
            sys.stdout.write(json.dumps({"id": id, "text": text}, ensure_ascii=False) + "\n")
