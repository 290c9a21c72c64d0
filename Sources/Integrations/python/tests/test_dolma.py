import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import seed_records

pytest.importorskip("dolma")
from unspun import clean_texts  # noqa: E402


def test_dolma_tag_writes_removed_lines_and_repairs_as_spans_of_the_input(tmp_path):
    records = [dict(r, source="seeds") for r in seed_records()]
    documents = tmp_path / "documents"
    documents.mkdir()
    with gzip.open(documents / "seeds.jsonl.gz", "wt", encoding="utf-8") as file:
        for record in records:
            file.write(json.dumps(record) + "\n")
    dolma = Path(sys.executable).with_name("dolma")
    done = subprocess.run([str(dolma), "tag", "--documents", str(documents / "*.jsonl.gz"), "--taggers", "unspun",
                           "--tagger_modules", "unspun.dolma", "--experiment", "clean", "--processes", "1"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    [attributes] = (tmp_path / "attributes" / "clean").glob("*.jsonl.gz")
    with gzip.open(attributes, "rt", encoding="utf-8") as file:
        tagged = {row["id"]: row["attributes"] for row in map(json.loads, file)}
    cleaned = {r["id"]: r for r in clean_texts(records, stages=("strip", "repair"))}
    for record in records:
        spans = tagged[record["id"]]
        text, result = record["text"], cleaned[record["id"]]
        removed = [e["before"] for e in result["metadata"].get("edits", []) if e["stage"] == "strip"]
        assert [text[s:e] for s, e, _ in spans.get("clean__unspun__removed", [])] == removed
        repaired = [e["before"] for e in result["metadata"].get("edits", []) if e["stage"] == "repair"]
        assert [text[s:e] for s, e, _ in spans.get("clean__unspun__repaired", [])] == repaired
    assert tagged["000_3426c261a624ab91.txt"]["clean__unspun__repaired"], "seed 000 is spun"
