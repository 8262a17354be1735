"""The extraction engine: article text -> actors with roles, places, meetings, with provenance.

Pure Python and spaCy; no Django. See `extract` and `extract_many`.
"""

from articles.extraction.extractor import EXTRACTOR_VERSION, extract, extract_many
from articles.extraction.model import load_nlp

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_many", "load_nlp"]
