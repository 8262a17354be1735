"""The article's sentences: model sentences cut at line breaks, and no sentence over the budget."""

from itertools import pairwise

from extraction.document import MAX_SENTENCE_TOKENS, Document
from extraction.tests.conftest import assert_spans_exact, blank_pipeline, run

# A report whose sentence ends were stripped: words keep coming and no sentence ever ends.
RUN_WITHOUT_STOPS = " ".join(
    f"shelling hit the eastern quarter of Nadira again on day {n} and residents fled west"
    for n in range(200)
)


def tokens_in(doc, start: int, end: int) -> int:
    return sum(1 for token in doc if start <= token.idx < end)


def test_a_run_without_sentence_ends_is_cut_at_the_token_budget():
    nlp = blank_pipeline([])
    doc = nlp(RUN_WITHOUT_STOPS)
    article = Document.read(RUN_WITHOUT_STOPS, doc, None)

    assert len(doc) > 10 * MAX_SENTENCE_TOKENS
    assert max(tokens_in(doc, s, e) for s, e in article.sentences) <= MAX_SENTENCE_TOKENS
    # The pieces follow each other and together hold every word of the text.
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(article.sentences))
    pieces = " ".join(RUN_WITHOUT_STOPS[s:e] for s, e in article.sentences)
    assert pieces.split() == RUN_WITHOUT_STOPS.split()


def test_the_cut_does_not_split_a_name():
    """A name that straddles the budget goes whole to the next piece."""
    lead = " ".join(["rain"] * (MAX_SENTENCE_TOKENS - 2))
    text = f"{lead} Brigadier Salim Aboud Haddad inspected the lines " + " ".join(["again"] * 200)
    nlp = blank_pipeline([("PERSON", "Salim Aboud Haddad")])
    article = Document.read(text, nlp(text), None)

    name = text.index("Salim")
    start, end = article.sentence_bounds(name)
    assert start <= name and name + len("Salim Aboud Haddad") <= end
    assert len(article.sentences) > 1


def test_ordinary_sentences_are_left_whole():
    text = (
        "Foreign ministers of three countries met in the capital on Monday and agreed, after "
        "long talks that ran late into the night, to meet again.\nA second line follows."
    )
    nlp = blank_pipeline([])
    article = Document.read(text, nlp(text), None)
    assert [text[s:e] for s, e in article.sentences] == [text.split("\n")[0], text.split("\n")[1]]


def test_no_fact_of_a_run_without_stops_comes_from_an_over_long_sentence():
    """What the rules read is what the facts point at: every span's sentence is within budget."""
    nlp = blank_pipeline([("GPE", "Nadira"), ("PERSON", "Karim Haddad")])
    text = RUN_WITHOUT_STOPS + " Karim Haddad met Walid Saleh in Nadira on Monday"
    result = run(text, nlp)
    spans = [s for p in result.places for s in p.mentions]
    spans += [s for a in result.actors for s in a.mentions]
    assert len(spans) >= 200
    doc = nlp(text)
    assert max(tokens_in(doc, s.sentence_start, s.sentence_end) for s in spans) <= (
        MAX_SENTENCE_TOKENS
    )
    assert_spans_exact(text, result)
