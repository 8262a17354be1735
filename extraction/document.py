"""The article being read: its text, sentences and word tokens, with character offsets."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.attrs import ENT_IOB, IDX, SENT_START
from spacy.tokens import Doc

from extraction.types import Span

# A word: an acronym with dots ("U.S."), an initial ("E."), or letters with inner hyphens and
# apostrophes ("al-Assad", "People's"); digits are allowed inside ("G-20").
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]\.(?=\s+[^\W\d_])|[^\W_][\w'’\-]*[\w]|[^\W_]")
_NEWLINE = re.compile(r"\n+")

# No sentence longer than this many tokens reaches the rules: a longer one is cut into pieces of
# at most this size. The rules scan a mention's sentence, so a text with no sentence end (a
# stripped or garbled upload) would cost the square of its length. Real report sentences stay
# far below it (the corpus's longest has 128 tokens).
MAX_SENTENCE_TOKENS = 150
_ENT_INSIDE = 1  # ENT_IOB value of a token inside (not beginning) a named entity


class Word(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def capitalized(self) -> bool:
        return self.text[0].isupper()


@dataclass
class Document:
    """An article's text as the rules read it: the model's parse, its sentences and words.
    (Not `articles.models.Article`, the stored report, which this package never sees.)"""

    text: str
    published: dt.date | None
    doc: Doc
    sentences: list[tuple[int, int]] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    titles: list[re.Match[str]] = field(default_factory=list)  # title words, found once
    _sentence_starts: list[int] = field(default_factory=list)
    _word_starts: list[int] = field(default_factory=list)

    @classmethod
    def read(cls, text: str, doc: Doc, published: dt.date | None) -> Document:
        article = cls(text=text, published=published, doc=doc)
        article.sentences = _sentences(text, doc)
        article._sentence_starts = [s for s, _ in article.sentences]
        article.words = [Word(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
        article._word_starts = [w.start for w in article.words]
        return article

    def sentence_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, position) - 1)

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.text)
        return self.sentences[self.sentence_index(position)]

    def span(self, start: int, end: int) -> Span:
        s_start, s_end = self.sentence_bounds(start)
        return Span(start, end, self.text[start:end], s_start, max(s_end, end))

    def word_index(self, position: int) -> int:
        """Index of the first word starting at or after `position`."""
        return bisect.bisect_left(self._word_starts, position)


def _sentences(text: str, doc: Doc) -> list[tuple[int, int]]:
    """The model's sentences, further cut at line breaks (headlines and datelines have no period)."""
    bounds: list[tuple[int, int]] = []
    model_sents = _model_sentences(text, doc)
    for start, end in model_sents:
        piece_start = start
        for m in _NEWLINE.finditer(text, start, end):
            _add(bounds, text, piece_start, m.start())
            piece_start = m.end()
        _add(bounds, text, piece_start, end)
    return _capped(bounds, text, doc)


def _capped(bounds: list[tuple[int, int]], text: str, doc: Doc) -> list[tuple[int, int]]:
    """The sentences, each longer than MAX_SENTENCE_TOKENS cut into pieces of at most that many
    tokens, cut where no named entity continues (within the last half of the budget)."""
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return bounds
    columns = doc.to_array([IDX, ENT_IOB])
    starts = columns[:, 0].tolist()
    inside = (columns[:, 1] == _ENT_INSIDE).tolist()
    capped: list[tuple[int, int]] = []
    for start, end in bounds:
        first, stop = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        while stop - first > MAX_SENTENCE_TOKENS:
            cut = first + MAX_SENTENCE_TOKENS
            while cut > first + MAX_SENTENCE_TOKENS // 2 and inside[cut]:
                cut -= 1
            if inside[cut]:  # an entity longer than half the budget is cut at the budget
                cut = first + MAX_SENTENCE_TOKENS
            _add(capped, text, start, starts[cut])
            start, first = starts[cut], cut
        _add(capped, text, start, end)
    return capped


def _model_sentences(text: str, doc: Doc) -> list[tuple[int, int]]:
    """Sentence bounds read from the SENT_START array (much faster than iterating doc.sents)."""
    if len(doc) == 0:
        return [(0, len(text))]
    starts = doc.to_array([SENT_START]).reshape(-1)
    first_chars = [doc[i].idx for i in range(1, len(doc)) if starts[i] == 1]
    bounds = [0, *first_chars, len(text)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def _add(bounds: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        bounds.append((start, end))
