#!/usr/bin/env python3
"""The change-record and idempotence properties over a real corpus (`make roundtrip`).

  python3 Tests/Benchmarks/roundtrip.py CORPUS.jsonl.gz [--binary .build/release/unspun] [--fields page_text,extract_text,gold]

For each field of the corpus (WCXB: whole pages, extractor output, reviewed articles):
  * rebuild: `normalize | strip | repair`, then `revert`, gives back every input text byte for
    byte; so does `clean` (reference repair included) on the same records;
  * idempotence: each stage run on its own output changes nothing;
  * every output line is valid UTF-8 and valid JSON with a string "text".
Exits 1 if any record breaks a property, naming it.
"""
import argparse, gzip, json, os, subprocess, sys, tempfile


def run(binary, args, stdin=None):
    result = subprocess.run([binary] + args, input=stdin, capture_output=True)
    if result.returncode not in (0, 3):
        sys.exit(f"unspun {' '.join(args)} failed (exit {result.returncode}): {result.stderr.decode(errors='replace')[-1000:]}")
    return result.stdout


def texts(output, what):
    found = {}
    for number, line in enumerate(output.split(b"\n"), 1):
        if not line.strip():
            continue
        record = json.loads(line.decode("utf-8", errors="strict"))  # raises on bad UTF-8 or JSON
        if not isinstance(record.get("text"), str):
            sys.exit(f"{what}: line {number} has no string text")
        found[record["id"]] = record["text"]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--binary", default=".build/release/unspun")
    parser.add_argument("--fields", default="page_text,extract_text,gold")
    args = parser.parse_args()
    cases = [json.loads(line) for line in gzip.open(args.corpus, "rt", encoding="utf-8")]
    failures = 0
    for field in args.fields.split(","):
        inputs = {str(c["id"]): c[field] for c in cases if (c.get(field) or "").strip()}
        source = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in inputs.items()).encode()
        cleaned = run(args.binary, ["repair"], run(args.binary, ["strip"], run(args.binary, ["normalize"], source)))
        texts(cleaned, f"{field}: normalize|strip|repair")
        back = texts(run(args.binary, ["revert"], cleaned), f"{field}: revert")
        lost = [i for i, t in inputs.items() if back.get(i) != t]
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "in.jsonl")
            open(path, "wb").write(source)
            run(args.binary, ["clean", path, "--out", os.path.join(folder, "out"), "--quiet"])
            clean_back = texts(run(args.binary, ["revert", os.path.join(folder, "out", "documents.jsonl")]), f"{field}: clean")
        clean_lost = [i for i, t in inputs.items() if clean_back.get(i) != t]
        unstable = {}
        for stage in ["normalize", "strip", "repair"]:
            once = run(args.binary, [stage], source)
            first, second = texts(once, f"{field}: {stage}"), texts(run(args.binary, [stage], once), f"{field}: {stage} twice")
            unstable[stage] = [i for i in first if second.get(i) != first[i]]
        print(f"{field}: {len(inputs)} records; rebuilt from the change record: {len(inputs) - len(lost)} (stages), "
              f"{len(inputs) - len(clean_lost)} (clean); stage run twice changes nothing: "
              + ", ".join(f"{s} {len(inputs) - len(u)}/{len(inputs)}" for s, u in unstable.items()))
        for name, ids in [("not rebuilt (stages)", lost), ("not rebuilt (clean)", clean_lost)] + [(f"{s} not idempotent", u) for s, u in unstable.items()]:
            if ids:
                failures += len(ids)
                print(f"  {name}: {', '.join(ids[:10])}{' ...' if len(ids) > 10 else ''}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
