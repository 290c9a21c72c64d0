"""Shared inputs: the repository's seeds as JSONL records, and the binary's own outputs."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from unspun import find_binary

ROOT = Path(__file__).resolve().parents[4]
SEEDS = ROOT / "Fixtures" / "seeds"


def seed_records():
    return [{"id": path.name, "text": path.read_text(encoding="utf-8")} for path in sorted(SEEDS.glob("*.txt"))]


def write_jsonl(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        for record in records:
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path):
    with open(path, encoding="utf-8") as file:
        return [json.loads(line) for line in file]


def run_binary(*args, stdin=None):
    """The binary's own JSONL output for a command (its reference answer)."""
    done = subprocess.run([find_binary(), *args], input=stdin, capture_output=True)
    assert done.returncode in (0, 3), done.stderr.decode()
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


@pytest.fixture
def seeds_jsonl(tmp_path):
    return write_jsonl(tmp_path / "seeds" / "seeds.jsonl", seed_records())


def dump_path():
    """A generated dump (make python-test makes one of 10,000 documents), if given."""
    path = os.environ.get("UNSPUN_TEST_DUMP")
    return Path(path) if path else None
