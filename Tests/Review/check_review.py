#!/usr/bin/env python3
"""`make review-test`: the review page of the seeds' `clean`, rendered in headless Chromium.

Takes screenshots of the summary, a document and a story (kept in OUT), then reads the DOM
after the page's script ran (chromium --dump-dom) and checks that
  - every line the seeds' gold marks as boilerplate or metadata is shown struck through
    (inside a <del class="rm">) in its document's view;
  - every repair of seed 000 (phrase rules and sentences from the original) is highlighted:
    a <mark> with its rule and the input's wording, one per edit;
  - the filters find what the index says (spun copies only; a kind).

  python3 Tests/Review/check_review.py --binary .build/debug/unspun --out .build/review-test
"""
import argparse, json, os, re, shutil, subprocess, sys, urllib.parse
from collections import Counter
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "Fixtures", "seeds")
SPUN_SEED = "000_3426c261a624ab91.txt"


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


class Marks(HTMLParser):
    """The struck-through lines (without their label) and the highlighted repairs of a page."""

    def __init__(self):
        super().__init__()
        self.stack, self.struck, self.marks, self.rows, self.buffer = [], [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        self.stack.append((tag, classes))
        if tag == "del" and "rm" in classes and "data-rule" in attrs:
            self.buffer = []
        elif tag == "mark" and "data-rule" in attrs:
            self.marks.append((classes[0] if classes else "", attrs["data-rule"], attrs.get("data-was", "")))
        elif tag == "a" and (attrs.get("href") or "").startswith("#doc/"):
            self.rows.append(urllib.parse.unquote(attrs["href"][5:]))

    def handle_endtag(self, tag):
        if not self.stack:
            return
        opened, classes = self.stack.pop()
        if opened == "del" and "rm" in classes and self.buffer is not None:
            self.struck.append(squash("".join(self.buffer)))
            self.buffer = None

    def handle_data(self, data):
        if self.buffer is not None and not any("tag" in c for _, c in self.stack):
            self.buffer.append(data)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("no chromium on PATH: apt-get install chromium (make review-test does)")


def browse(page, view, *flags):
    url = "file://" + page + "#" + view
    done = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--virtual-time-budget=10000", *flags, url], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit(f"chromium failed on {view}: {done.stderr[-2000:]}")
    return done.stdout


def dom(page, view):
    html = browse(page, view, "--dump-dom")
    if f'data-ready="#{view}"' not in html and f'data-ready="#{urllib.parse.unquote(view)}"' not in html:
        sys.exit(f"the page's script did not finish the view #{view}")
    parsed = Marks()
    parsed.feed(html)
    return parsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "unspun"))
    ap.add_argument("--out", default=os.path.join(ROOT, ".build", "review-test"))
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    clean = os.path.join(out, "clean")
    os.makedirs(out, exist_ok=True)
    subprocess.run([a.binary, "clean", SEEDS, "--out", clean, "--quiet"], check=True)
    page = os.path.join(out, "review.html")
    subprocess.run([a.binary, "review", clean, "--html", page], check=True)
    documents = {d["id"]: d for d in map(json.loads, open(os.path.join(clean, "documents.jsonl"), encoding="utf-8"))}
    gold = json.load(open(os.path.join(SEEDS, "gold.json"), encoding="utf-8"))["documents"]
    story = documents[SPUN_SEED]["metadata"]["story"]

    shots = {"summary": "summary", "document": "doc/" + urllib.parse.quote(SPUN_SEED)}
    failures, checked = [], Counter()
    for doc_id in gold:
        view = "doc/" + urllib.parse.quote(doc_id)
        seen = dom(page, view)
        struck = seen.struck
        lines = [(e.get("kind") or "boilerplate", e["line"]) for e in gold[doc_id].get("boilerplate", [])]
        lines += [(e["field"], e.get("line") or e.get("prefix")) for e in gold[doc_id].get("metadata", [])]
        for kind, line in lines:
            checked["gold lines"] += 1
            if not any(squash(line) in s for s in struck):
                failures.append(f"{doc_id}: gold {kind} line not struck through: {line[:80]!r}")
        if doc_id == SPUN_SEED:
            wanted = Counter((e["rule"], e["before"]) for e in documents[doc_id]["metadata"]["edits"] if e["stage"] in ("repair", "reference"))
            shown = Counter((rule, was) for cls, rule, was in seen.marks if cls in ("rp", "ref"))
            checked["seed 000 repairs"] = sum(wanted.values())
            for (rule, before), count in wanted.items():
                if shown[(rule, before)] < count:
                    failures.append(f"{doc_id}: repair {rule} of {before[:60]!r} not highlighted")
    # Filters: spun copies only; a kind the seeds have.
    spun = {d for d, r in documents.items() if r["metadata"].get("spun")}
    listed = set(dom(page, "docs?spun=1").rows)
    checked["filters"] += 1
    if listed != spun:
        failures.append(f"spun-only filter lists {sorted(listed)}, the dump's spun copies are {sorted(spun)}")
    summary_dom = browse(page, "summary", "--dump-dom")
    index = re.search(r'<option value="(\d+)">signup</option>', browse(page, "docs", "--dump-dom"))
    if index:
        with_signup = {d for d, r in documents.items() if any(x["kind"] == "signup" for x in r["metadata"].get("removed", []))}
        listed = set(dom(page, f"docs?kind={index.group(1)}").rows)
        checked["filters"] += 1
        if listed != with_signup:
            failures.append(f"kind filter 'signup' lists {sorted(listed)}, expected {sorted(with_signup)}")
    else:
        failures.append("no 'signup' kind in the documents view's filter")
    if "<svg" not in summary_dom:
        failures.append("the summary has no chart")

    # The page numbers stories in the order they first appear in documents.jsonl.
    stories = list(dict.fromkeys(r["metadata"]["story"] for r in documents.values()))
    shots["story"] = f"story/{stories.index(story)}"
    for name, view in shots.items():
        shot = os.path.join(out, f"review-{name}.png")
        browse(page, view, f"--screenshot={shot}", "--window-size=1300,1000")
        if not os.path.getsize(shot):
            failures.append(f"no screenshot of {name}")
    print(f"review page {page}: {os.path.getsize(page)} bytes; checked {dict(checked)}; screenshots in {out}")
    for failure in failures:
        print("FAIL", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
