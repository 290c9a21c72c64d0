#!/usr/bin/env python3
"""The two inputs of the batch issue's scale checks, cut from a synthetic dump (bench_clean.py
makes bench-data/synthetic-1000mb.jsonl):

  python3 Tests/Benchmarks/make_scale_inputs.py bench-data/synthetic-1000mb.jsonl --files DIR [--count 10000]
      DIR/0000/doc-000000.txt ...: the texts of the first COUNT records, one .txt file each
  python3 Tests/Benchmarks/make_scale_inputs.py bench-data/synthetic-1000mb.jsonl --gz PATH [--copies 2]
      PATH (.jsonl.gz): the dump COPIES times over, each pass with its own id suffix, so that
      every id stays unique (about 2 GB of JSONL for two copies of the 1 GB dump)
"""
import argparse, gzip, json, os


def write_files(dump, folder, count):
    with open(dump, encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= count:
                break
            sub = os.path.join(folder, f"{number // 1000:04d}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"doc-{number:06d}.txt"), "w", encoding="utf-8") as out:
                out.write(json.loads(line)["text"])


def write_gz(dump, path, copies):
    with gzip.open(path + ".partial", "wt", encoding="utf-8", compresslevel=1) as out:
        for copy in range(copies):
            with open(dump, encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    record["id"] = f"{record['id']}~{copy}"
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(path + ".partial", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump")
    parser.add_argument("--files")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--gz")
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    if not args.files and not args.gz:
        parser.error("give --files DIR, --gz PATH or both")
    if args.files:
        write_files(args.dump, args.files, args.count)
    if args.gz:
        write_gz(args.dump, args.gz, args.copies)


if __name__ == "__main__":
    main()
