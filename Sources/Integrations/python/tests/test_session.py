import pytest
from conftest import run_binary, seed_records

from unspun import Session, UnspunError, clean_texts

HTML = "<html><body><p>Not extracted.</p></body></html>"


def test_clean_texts_matches_the_binary_in_order():
    records = seed_records()
    mine = list(clean_texts(records))
    stdin = "".join(__import__("json").dumps(r) + "\n" for r in records).encode()
    normalized = run_binary("normalize", "--format", "jsonl", stdin=stdin)
    stripped = run_binary("strip", "--format", "jsonl", stdin="".join(__import__("json").dumps(r) + "\n" for r in normalized).encode())
    repaired = run_binary("repair", "--format", "jsonl", stdin="".join(__import__("json").dumps(r) + "\n" for r in stripped).encode())
    assert [r["id"] for r in mine] == [r["id"] for r in records]
    assert mine == repaired


def test_a_rejected_record_raises_with_its_id_and_the_binarys_reason():
    records = [{"id": "fine", "text": "They had to tug back."}, {"id": 42, "text": HTML}]
    results = clean_texts(records, stages=("repair",))
    assert next(results)["text"] == "They had to pull back."
    with pytest.raises(UnspunError) as caught:
        next(results)
    assert caught.value.id == 42 and "looks like HTML" in caught.value.reason and caught.value.stage == "repair"


def test_rejects_can_be_yielded_in_place_and_later_stages_name_them_too():
    records = [HTML, "Plain text.", {"id": "x", "text": "bad \udc80 surrogate"}, "Up to now fine."]
    results = list(clean_texts(records, on_reject="yield"))
    assert [type(r).__name__ for r in results] == ["UnspunError", "dict", "UnspunError", "dict"]
    assert "not valid UTF-8" in results[2].reason and results[2].id == "x"
    assert "id" not in results[1]  # no id came in, none goes out


def test_other_fields_and_options_pass_through():
    record = {"id": "a", "text": "Share on Facebook\nThey had to tug back.", "url": "https://example.com", "metadata": {"lang": "en"}}
    [result] = clean_texts([record], stages=("strip", "repair"), no_classifier=True)
    assert result["url"] == "https://example.com" and result["metadata"]["lang"] == "en"
    with pytest.raises(TypeError):
        list(clean_texts([record], stages=("normalize",), pack=["science"]))


def test_one_session_serves_many_calls_and_survives_an_early_stop():
    with Session(("repair",)) as session:
        pids = [p.pid for p in session._processes]
        for _ in session.process(["They had to tug back."] * 50):
            break  # stop early: the rest is drained
        for round in range(3):
            texts = [r["text"] for _, r in session.process([f"Round {round}: they had to tug back."])]
            assert texts == [f"Round {round}: they had to pull back."]
        assert [p.pid for p in session._processes] == pids
        assert all(p.poll() is None for p in session._processes)
