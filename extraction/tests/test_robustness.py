import datetime as dt
import random

import pytest

from extraction import EXTRACTOR_VERSION, extract, extract_many
from extraction.extractor import MAX_CHARS
from extraction.tests.conftest import assert_spans_exact


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_text_gives_an_empty_result(nlp, text):
    result = extract(text, nlp=nlp)
    assert result.actors == [] and result.places == [] and result.meetings == []
    assert result.extractor_version == EXTRACTOR_VERSION


@pytest.mark.parametrize("value", [None, b"bytes", 42])
def test_non_text_is_a_value_error(nlp, value):
    with pytest.raises(ValueError, match="must be a string"):
        extract(value, nlp=nlp)


def test_binary_junk_does_not_crash(nlp):
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(20_000)).decode("latin-1")
    result = extract(junk, published=dt.date(2020, 1, 1), nlp=nlp)
    assert_spans_exact(junk, result)


def test_replacement_characters_and_stripped_punctuation(nlp):
    text = "Assads forces shelled Idlib on Monday \ufffd\ufffd Turkish Defence Minister Hulusi Akar said"
    result = extract(text, published=dt.date(2019, 5, 8), nlp=nlp)
    assert "Idlib" in {p.name for p in result.places}
    assert_spans_exact(text, result)


def test_very_long_text_is_read_up_to_the_limit(nlp):
    paragraph = "Rebels shelled Idlib on Monday, Syrian Defense Minister Ali Ayyoub said.\n"
    text = paragraph * (5_000_000 // len(paragraph))
    result = extract(text, published=dt.date(2019, 5, 8), nlp=nlp)
    assert "Idlib" in {p.name for p in result.places}
    assert max(s.end for p in result.places for s in p.mentions) <= MAX_CHARS
    assert_spans_exact(text, result)


def test_non_english_text(nlp):
    text = "Президент России Владимир Путин встретился в Москве. 叙利亚 الرئيس السوري"
    result = extract(text, published=dt.date(2020, 1, 1), nlp=nlp)
    assert_spans_exact(text, result)


def test_extract_many_keeps_order_and_handles_empty(nlp):
    items = [
        ("Shelling hit Aleppo on Monday.", dt.date(2020, 1, 6)),
        ("", None),
        ("Troops entered Manbij.", None),
    ]
    results = list(extract_many(items, nlp=nlp, batch_size=2))
    assert [sorted(p.name for p in r.places) for r in results] == [["Aleppo"], [], ["Manbij"]]


def test_extract_many_equals_extract(nlp):
    text = "Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Javad Zarif in Moscow on Monday."
    one = extract(text, published=dt.date(2016, 12, 20), nlp=nlp)
    [many] = list(extract_many([(text, dt.date(2016, 12, 20))], nlp=nlp))
    assert one == many


def test_missing_model_names_what_to_install():
    from extraction import load_nlp

    with pytest.raises(RuntimeError, match="pip install en_core_web_sm"):
        load_nlp("no_such_model_for_this_test")


def test_loaded_pipeline_runs_only_what_is_used(nlp):
    # The parser (with its tok2vec) reads meeting participants and sets sentence boundaries.
    assert nlp.pipe_names == ["tok2vec", "line_breaks", "parser", "ner"]
