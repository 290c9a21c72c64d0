#!/usr/bin/env python3
"""`unspun clean` at scale: MB/s, documents/s and peak RSS from 100 MB to 1 GB, beside the
Python tools a user would otherwise chain (jusText on lines, then datasketch MinHash-LSH).

  python3 Tests/Benchmarks/bench_clean.py CORPUS.jsonl.gz [--binary .build/release/unspun]
      [--mb 1000] [--steps 100,250,500,1000] [--baseline-mb 100] [--data bench-data]

The dump comes from make_dump.py --synthetic (articles drawn from the corpus's sentences, with
copies, spun copies and merged copies), generated once into --data and cut into prefixes of
each step's size. Each step runs `unspun clean PREFIX --out DIR --quiet` under /usr/bin/time.
The Python pipeline runs on one core over the --baseline-mb prefix (the same records as that
step) when jusText and datasketch are importable; it prints why not otherwise.
"""
import argparse, html, json, os, re, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
STORIES_PER_MB = 135  # make_dump.py --synthetic writes about 7.6 KB per story's documents


def make_dump(corpus, path, megabytes):
    if os.path.exists(path) and os.path.getsize(path) >= megabytes * 1_000_000 * 0.98:
        return
    print(f"generating a {megabytes} MB synthetic dump into {path} (once; several minutes)", flush=True)
    raw = path + ".raw"
    subprocess.run([sys.executable, os.path.join(HERE, "make_dump.py"), corpus, raw, "--synthetic",
                    "--stories", str(int(megabytes * STORIES_PER_MB * 1.05)), "--seed", "11"], check=True)
    cut(raw, path, megabytes)
    os.remove(raw)


def cut(source, target, megabytes):
    """The first whole lines of `source` up to `megabytes`."""
    limit = megabytes * 1_000_000
    written = 0
    with open(source, "rb") as src, open(target + ".partial", "wb") as dst:
        for line in src:
            if written + len(line) > limit:
                break
            dst.write(line)
            written += len(line)
    os.replace(target + ".partial", target)


def cpu_ticks():
    """(steal, total) clock ticks of all cores so far, from /proc/stat (Linux), else None."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return fields[7] if len(fields) > 7 else 0, sum(fields[:8])
    except OSError:
        return None


def run_clean(binary, path, out):
    """Wall seconds, peak RSS (MB), CPU seconds of the process, the share of the machine's time
    its hypervisor stole meanwhile (a virtual machine's cores are not all ours), and the report."""
    subprocess.run(["rm", "-rf", out], check=True)
    before = cpu_ticks()
    started = time.time()
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", binary, "clean", path, "--out", out],
                            capture_output=True, text=True)
    seconds = time.time() - started
    after = cpu_ticks()
    if result.returncode not in (0, 3):
        sys.exit(f"unspun clean failed (exit {result.returncode}): {result.stderr[-2000:]}")
    _, peak_kb, user, system = result.stderr.strip().splitlines()[-1].split()
    steal = (after[0] - before[0]) / max(1, after[1] - before[1]) if before and after else 0.0
    with open(os.path.join(out, "report.json")) as f:
        report = json.load(f)
    # The summary line ends "(... MB/s: cleaning 27.0 s, grouping 5.1 s, writing 24.2 s)".
    steps = re.findall(r"(cleaning|grouping|writing) ([0-9.]+) s", result.stderr)
    return seconds, int(peak_kb) / 1024, float(user) + float(system), steal, report, "/".join(value for _, value in steps)


def python_baseline(path):
    try:
        import justext
        from datasketch import MinHash, MinHashLSH
    except ImportError as error:
        print(f"  (Python comparison skipped: {error}; `make bench` installs jusText, lxml_html_clean and datasketch into .venv)")
        return
    records = [json.loads(line) for line in open(path, encoding="utf-8")]
    size = os.path.getsize(path) / 1e6
    stoplist = justext.get_stoplist("English")
    started = time.process_time()
    kept = []
    for record in records:
        lines = [l for l in record["text"].split("\n") if l.strip()]
        page = "<html><body>" + "".join(f"<p>{html.escape(l)}</p>" for l in lines) + "</body></html>"
        kept.append("\n".join(p.text for p in justext.justext(page.encode(), stoplist) if not p.is_boilerplate))
    justext_seconds = time.process_time() - started
    started = time.process_time()
    lsh = MinHashLSH(threshold=0.3, num_perm=128)
    hashes = []
    for index, text in enumerate(kept):
        words = re.findall(r"\w+", text.lower())
        m = MinHash(num_perm=128)
        for i in range(max(1, len(words) - 4)):
            m.update(" ".join(words[i:i + 5]).encode())
        lsh.insert(str(index), m)
        hashes.append(m)
    pairs = sum(len(lsh.query(m)) - 1 for m in hashes)
    minhash_seconds = time.process_time() - started
    total = justext_seconds + minhash_seconds
    print(f"  jusText on lines          {size / justext_seconds:7.1f} MB/s  {justext_seconds:7.1f} s CPU")
    print(f"  datasketch MinHash-LSH    {size / minhash_seconds:7.1f} MB/s  {minhash_seconds:7.1f} s CPU  ({pairs} candidate pairs)")
    print(f"  both, one after the other {size / total:7.1f} MB/s on one core "
          f"({len(records) / total:.0f} documents/s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--binary", default=".build/release/unspun")
    parser.add_argument("--mb", type=int, default=1000)
    parser.add_argument("--steps", default="100,250,500,1000")
    parser.add_argument("--baseline-mb", type=int, default=100)
    parser.add_argument("--data", default="bench-data")
    args = parser.parse_args()
    os.makedirs(args.data, exist_ok=True)
    full = os.path.join(args.data, f"synthetic-{args.mb}mb.jsonl")
    make_dump(args.corpus, full, args.mb)
    steps = sorted({int(s) for s in args.steps.split(",") if int(s) <= args.mb} | {args.baseline_mb})
    print(f"unspun clean, {os.cpu_count()} cores, synthetic dump from {args.corpus}")
    print(f"  {'input':>8} {'documents':>10} {'seconds':>8} {'MB/s':>6} {'docs/s':>7} {'peak RSS':>9} {'s per 100 MB':>12} {'CPU s':>7} {'stolen':>7}  clean/group/write s")
    for step in steps:
        path = full if step == args.mb else os.path.join(args.data, f"synthetic-{step}mb.jsonl")
        if step != args.mb:
            cut(full, path, step)
        size = os.path.getsize(path) / 1e6
        seconds, peak, cpu, steal, report, steps_seconds = run_clean(args.binary, path, os.path.join(args.data, "clean-out"))
        documents = report["documents"]["read"]
        print(f"  {size:6.0f} MB {documents:10d} {seconds:8.1f} {size / seconds:6.1f} {documents / seconds:7.0f} "
              f"{peak:6.0f} MB {seconds * 100 / size:12.1f} {cpu:7.1f} {steal:6.0%}  {steps_seconds}", flush=True)
    print("  (CPU s: user + system time of the process; stolen: share of the cores' time the hypervisor took meanwhile;")
    print("   clean/group/write: seconds of pass 1, grouping and pass 2, from clean's summary line)")
    print(f"the Python pipeline on the {args.baseline_mb} MB input (one core):")
    python_baseline(os.path.join(args.data, f"synthetic-{args.baseline_mb}mb.jsonl") if args.baseline_mb != args.mb else full)


if __name__ == "__main__":
    main()
