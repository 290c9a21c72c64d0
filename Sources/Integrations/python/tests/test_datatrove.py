import gzip
import json

import pytest
from conftest import dump_path, read_jsonl, run_binary, write_jsonl

pytest.importorskip("datatrove")
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from unspun.datatrove import UnspunFilter, UnspunFormatter, UnspunStoryGrouper  # noqa: E402


def written(folder):
    records = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as file:
            records += [json.loads(line) for line in file]
    return records


def run(steps, logs, tasks=1):
    executor = LocalPipelineExecutor(pipeline=steps, tasks=tasks, logging_dir=str(logs))
    executor.run()
    return executor


def strip_through_datatrove(inputs, tmp_path):
    run([JsonlReader(str(inputs.parent), glob_pattern=inputs.name), UnspunFilter(stages=("strip",)),
         JsonlWriter(str(tmp_path / "out"))], tmp_path / "logs")
    return written(tmp_path / "out")


def test_filter_gives_the_texts_and_metadata_of_unspun_strip(seeds_jsonl, tmp_path):
    mine = strip_through_datatrove(seeds_jsonl, tmp_path)
    theirs = run_binary("strip", "--format", "jsonl", str(seeds_jsonl))
    assert [(r["id"], r["text"]) for r in mine] == [(r["id"], r["text"]) for r in theirs]
    for a, b in zip(mine, theirs):
        assert {k: a["metadata"][k] for k in b["metadata"]} == b["metadata"]
    assert any(r["metadata"]["removed"] for r in mine)


def test_rejects_go_to_the_exclusion_writer_with_the_reason_and_stats_count(tmp_path):
    inputs = write_jsonl(tmp_path / "in" / "d.jsonl", [
        {"id": "ok", "text": "Share on Facebook\nThey had to tug back."},
        {"id": "page", "text": "<html><body><p>Not extracted.</p></body></html>"},
    ])
    step = UnspunFilter(exclusion_writer=JsonlWriter(str(tmp_path / "rejected")), no_classifier=True)
    executor = run([JsonlReader(str(inputs.parent)), step, JsonlWriter(str(tmp_path / "out"))], tmp_path / "logs")
    assert [r["id"] for r in written(tmp_path / "out")] == ["ok"]
    [rejected] = written(tmp_path / "rejected")
    assert rejected["id"] == "page" and "looks like HTML" in rejected["metadata"]["filter_reason"]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    counters = {k: v["total"] if isinstance(v, dict) else v
                for step_stats in stats if "Unspun" in step_stats["name"] for k, v in step_stats["stats"].items()}
    assert counters["dropped_unspun_rejected"] == 1 and counters["forwarded"] == 1 and counters["edits_repair"] == 1
    assert executor is not None


def test_formatter_keeps_rejects_and_cleans_the_rest():
    docs = [__import__("datatrove").data.Document(text=t, id=str(i)) for i, t in enumerate(["They had to tug back.", "<html><p>x</p></html>"])]
    out = list(UnspunFormatter(stages=("repair",)).run(iter(docs)))
    assert out[0].text == "They had to pull back." and "looks like HTML" in out[1].metadata["unspun_rejected"]
    assert UnspunFormatter(stages=("repair",)).format("They had to tug back.") == "They had to pull back."


def clean_through_datatrove(inputs, tmp_path, tasks=1):
    run([JsonlReader(str(inputs.parent), glob_pattern=inputs.name), UnspunFilter(), JsonlWriter(str(tmp_path / "filtered"))],
        tmp_path / "logs1", tasks=tasks)
    run([UnspunStoryGrouper(str(tmp_path / "filtered"), str(tmp_path / "clean")), JsonlWriter(str(tmp_path / "grouped"))],
        tmp_path / "logs2")
    return read_jsonl(tmp_path / "clean" / "documents.jsonl"), written(tmp_path / "grouped")


def test_filter_then_grouper_gives_the_texts_and_stories_of_unspun_clean(seeds_jsonl, tmp_path):
    documents, grouped = clean_through_datatrove(seeds_jsonl, tmp_path)
    run_binary("clean", str(seeds_jsonl), "--out", str(tmp_path / "reference"), "--quiet")
    reference = read_jsonl(tmp_path / "reference" / "documents.jsonl")
    assert [(d["id"], d["text"], d["metadata"]["story"]) for d in documents] == [(d["id"], d["text"], d["metadata"]["story"]) for d in reference]
    assert [d["text"] for d in grouped] == [d["text"] for d in reference]
    # The same metadata too, apart from the file datatrove's reader names.
    assert [{k: v for k, v in d["metadata"].items() if k != "file_path"} for d in documents] == [d["metadata"] for d in reference]
    assert any(d["metadata"].get("spun") for d in reference)


@pytest.mark.skipif(dump_path() is None, reason="set UNSPUN_TEST_DUMP to a generated dump (make python-test does)")
def test_a_generated_dump_through_datatrove_gives_what_the_binary_gives(tmp_path):
    dump = dump_path()
    mine = strip_through_datatrove(dump, tmp_path / "strip")
    theirs = run_binary("strip", "--format", "jsonl", str(dump))
    assert len(mine) == len(theirs) >= 10_000
    assert [(r["id"], r["text"]) for r in mine] == [(r["id"], r["text"]) for r in theirs]
    documents, _ = clean_through_datatrove(dump, tmp_path / "clean", tasks=2)
    run_binary("clean", str(dump), "--out", str(tmp_path / "reference"), "--quiet")
    reference = read_jsonl(tmp_path / "reference" / "documents.jsonl")
    by_id = {d["id"]: (d["text"], d["metadata"]["story"]) for d in documents}
    assert len(by_id) == len(reference) >= 10_000
    assert sum(by_id[d["id"]] == (d["text"], d["metadata"]["story"]) for d in reference) == len(reference)


def test_documents_handed_over_one_at_a_time_share_one_process():
    from datatrove.data import Document

    step = UnspunFilter(stages=("repair",))
    docs = [Document(text=f"Story {i}: they had to tug back.", id=str(i)) for i in range(3)]
    assert step.filter(docs[0]) is True
    pids = [p.pid for p in step._one_at_a_time._processes]
    assert [step.filter(d) for d in docs[1:]] == [True, True]
    assert [p.pid for p in step._one_at_a_time._processes] == pids
    assert docs[2].text == "Story 2: they had to pull back."
    assert step.filter(Document(text="<html><p>x</p></html>", id="h"))[0] is False
