"""The seed articles through datatrove: JsonlReader -> UnspunFilter -> JsonlWriter.

Run from the repository root, with unspun on PATH (or UNSPUN_BINARY set):
    python Sources/Integrations/python/examples/datatrove_seeds.py
"""
import gzip
import json
import pathlib

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from unspun.datatrove import UnspunFilter

# datatrove reads JSONL: one record per seed article.
inputs = pathlib.Path("/tmp/unspun-datatrove/in")
inputs.mkdir(parents=True, exist_ok=True)
with open(inputs / "seeds.jsonl", "w") as file:
    for path in sorted(pathlib.Path("Fixtures/seeds").glob("*.txt")):
        file.write(json.dumps({"id": path.name, "text": path.read_text()}) + "\n")

LocalPipelineExecutor(
    pipeline=[
        JsonlReader(str(inputs)),
        UnspunFilter(exclusion_writer=JsonlWriter("/tmp/unspun-datatrove/rejected")),
        JsonlWriter("/tmp/unspun-datatrove/clean"),
    ],
    tasks=1,
    logging_dir="/tmp/unspun-datatrove/logs",
    skip_completed=False,
).run()

with gzip.open("/tmp/unspun-datatrove/clean/00000.jsonl.gz", "rt") as file:
    for doc in map(json.loads, file):
        metadata = doc["metadata"]
        repairs = [e for e in metadata.get("edits", []) if e["stage"] == "repair"]
        print(f'{doc["id"]}: {len(metadata.get("removed", []))} lines removed, {len(repairs)} repairs, '
              f'byline {metadata.get("byline")!r}; starts "{doc["text"][:40]}"')
