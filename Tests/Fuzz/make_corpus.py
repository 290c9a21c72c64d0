#!/usr/bin/env python3
"""Seeds the fuzzer's corpus from the seed articles: each as text for every stage selector
(first byte 1-4) and as a JSONL record (first byte 0). See FuzzTarget.swift."""
import glob, json, os, sys

seeds, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
for number, path in enumerate(sorted(glob.glob(os.path.join(seeds, "*.txt")))):
    text = open(path, "rb").read()[:3000]
    for selector in (1, 2, 3, 4):
        open(os.path.join(out, f"seed{number}-{selector}"), "wb").write(bytes([selector]) + text)
    record = json.dumps({"id": str(number), "text": text.decode("utf-8", "ignore")}).encode()
    open(os.path.join(out, f"seed{number}-jsonl"), "wb").write(b"\0" + record + b"\n")
