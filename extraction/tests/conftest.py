"""Fixtures for extraction tests: the real model once per session, or a blank pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language

from extraction import extract, load_nlp
from extraction.types import Extraction


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


def blank_pipeline(patterns: list[tuple[str, str]]) -> Language:
    """A blank English pipeline that tags exactly the given (label, phrase) pairs."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    ruler = pipeline.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": phrase} for label, phrase in patterns])
    return pipeline


@pytest.fixture
def blank():
    return blank_pipeline


def run(text: str, nlp: Language, published: str | None = "2018-12-29") -> Extraction:
    date = dt.date.fromisoformat(published) if published else None
    return extract(text, published=date, nlp=nlp)


def actor(result: Extraction, name: str):
    found = [a for a in result.actors if a.name == name]
    assert len(found) == 1, f"{name!r} not exactly once in {[a.name for a in result.actors]}"
    return found[0]


def place(result: Extraction, name: str):
    found = [p for p in result.places if p.name == name]
    assert len(found) == 1, f"{name!r} not exactly once in {[p.name for p in result.places]}"
    return found[0]


def assert_spans_exact(text: str, result: Extraction) -> None:
    spans = [s for a in result.actors for s in a.mentions]
    spans += [s for p in result.places for s in p.mentions]
    spans += [s for m in result.meetings for s in m.spans]
    spans += [s for a in result.actors for r in a.roles for s in r.spans]
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert s.sentence_start <= s.start <= s.end <= s.sentence_end <= len(text)
