from unspun import clean_texts, input_spans


def test_spans_map_every_stage_back_to_the_input():
    text = "Caf\u00e9 &amp; more\r\nGet breaking National news\r\nThey had to tug   back."
    [result] = clean_texts([text], no_classifier=True)
    spans = input_spans(result["text"], result["metadata"])
    by_stage = {(s.stage, s.rule): text[s.start:s.end] for s in spans}
    assert by_stage[("repair", "spin:tug-back")] == "tug   back"  # normalize folded the spaces first
    assert any(stage == "strip" and "Get breaking National news" in seen for (stage, _), seen in by_stage.items())
    assert by_stage[("normalize", "html-entity")] == "&amp;"
