"""The extraction engine: article text -> actors with roles, places, meetings, with provenance.

Pure Python and spaCy; no Django. Importing this package or its light modules (`normalize`,
`types`, `version`) loads no spaCy: `extract`, `extract_many` and `load_nlp` are imported on first
use, so a web process that never extracts never pays for the model's libraries.
"""

import importlib

from extraction.version import EXTRACTOR_VERSION

_LAZY = {
    "extract": "extraction.extractor",
    "extract_many": "extraction.extractor",
    "load_nlp": "extraction.model",
}

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_many", "load_nlp"]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'extraction' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
