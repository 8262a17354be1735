"""The spaCy pipeline, loaded lazily once per process with only the components the extractor uses.

The extractor reads named entities, sentence boundaries and the dependency parse (meeting
participants are the arguments of the meeting verb). The parser needs the shared token-to-vector
layer and sets sentence boundaries itself, so the sentence recognizer stays off; the tagger,
attribute ruler and lemmatizer are not even loaded.
"""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc

from extraction import config

UNUSED_COMPONENTS = ("tagger", "attribute_ruler", "lemmatizer")


@functools.cache
def load_nlp(name: str | None = None) -> Language:
    """The named spaCy model (else the configured one, else the small English model) ready for
    `extract`.

    Raises RuntimeError naming what to install when no candidate model can be loaded.
    """
    import spacy

    requested = name or config.current().spacy_model
    candidates = (requested,) if requested else config.DEFAULT_MODELS
    errors: list[str] = []
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED_COMPONENTS))
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
            continue
        return prepare(nlp)
    raise RuntimeError(
        "No spaCy English model could be loaded ("
        + "; ".join(errors)
        + "). Install one, e.g. `pip install en_core_web_sm` (spaCy 3.8 models), "
        "or name an installed model in SPACY_MODEL."
    )


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and sidebars have no final period, and
    the parser would otherwise read a headline and the dateline under it as one clause."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def prepare(nlp: Language) -> Language:
    """Sentence boundaries: the parser's when there is one, else the sentence recognizer's (enabled
    when the model ships one disabled, as the small models do), else punctuation rules."""
    if "senter" in nlp.disabled and not nlp.has_pipe("parser"):
        nlp.enable_pipe("senter")
    if nlp.has_pipe("parser") and not nlp.has_pipe("line_breaks"):
        nlp.add_pipe("line_breaks", before="parser")
    if (
        not nlp.has_pipe("senter")
        and not nlp.has_pipe("parser")
        and not nlp.has_pipe("sentencizer")
    ):
        nlp.add_pipe("sentencizer", first=True)
    return nlp
