import pytest


def _engine_available() -> bool:
    try:
        from extraction import EXTRACTOR_VERSION, extract  # noqa: F401
    except ImportError:
        return False
    return True


needs_engine = pytest.mark.skipif(
    not _engine_available(), reason="extraction.extract is not available yet"
)

# Two outlets' reports of one meeting, written for these tests.
REPORT_TASS = (
    "Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Mevlut Cavusoglu "
    "in Moscow on Saturday to discuss the situation in the Syrian city of Manbij.\n\n"
    "Lavrov said Russia and Turkey would coordinate their military operations in Syria. "
    "Cavusoglu thanked his Russian counterpart for the talks."
)
REPORT_ANADOLU = (
    "Turkish Foreign Minister Mevlut Cavusoglu held talks with Russian Foreign Minister "
    "Sergei Lavrov in Moscow on Saturday, the Turkish foreign ministry said.\n\n"
    "The two ministers discussed Manbij and the Idlib de-escalation zone. "
    "Cavusoglu said Ankara expected the Kurdish YPG militia to leave Manbij."
)


# A paragraph written for these tests that makes a one-line report long enough for the minimum
# article length (settings.ARTICLE_MIN_CHARS, 200 characters by default).
MORE = (
    "The two ministers also discussed humanitarian access to the Idlib de-escalation zone, the "
    "return of refugees to their homes and the next round of talks in Astana, officials said. "
    "No date was set for that round."
)


def long_report(headline: str) -> str:
    """`headline` as the first paragraph of a report long enough to be accepted."""
    return f"{headline}\n\n{MORE}"
