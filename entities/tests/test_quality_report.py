import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from entities.tests.factories import make_actor, make_article, make_meeting, mention


@pytest.fixture
def untidy(db):
    article = make_article("Tags Aleppo Syria rebels. Rebels said Jaish al-Fatah took the hill.")
    tags = make_actor("Tags Aleppo", kind="organization")
    mention(article, "Tags Aleppo", actor=tags)
    for spelling in ("Jaish al-Fatah", "Jeish al-Fateh", "Jaysh al-Fatah"):
        make_actor(spelling, kind="armed_group")
    make_actor("Bashar al-Assad", aliases=("Assad",))
    make_actor("Hafez al-Assad", aliases=("al-Assad",))
    make_meeting([make_actor("Omar al-Bashir"), make_actor("Mohammed bin Salman")])


def _run(*args) -> str:
    out = StringIO()
    call_command("quality_report", *args, stdout=out)
    return out.getvalue()


def test_text_report_prints_every_section(untidy):
    out = _run()

    assert "== Likely duplicate actors [duplicate-actors]: 3 found, 3 shown ==" in out
    assert "Jaish al-Fatah [#" in out
    assert "== Likely junk actors [junk-actors]:" in out
    assert "Tags Aleppo [#" in out
    assert "'asad' (Assad, al-Assad): " in out
    assert "- Omar al-Bashir: not named in any source sentence" in out
    assert "[duplicate-places]: 0 found, 0 shown" in out


def test_one_section_as_json_with_a_limit(untidy):
    report = json.loads(_run("--section", "duplicate-actors", "--limit", "1", "--format", "json"))

    assert list(report) == ["duplicate-actors"]
    section = report["duplicate-actors"]
    assert section["total"] == 3
    assert len(section["rows"]) == 1
    row = section["rows"][0]
    assert row["score"] == 1.0
    assert {row["first"]["name"], row["second"]["name"]} <= {
        "Jaish al-Fatah",
        "Jeish al-Fateh",
        "Jaysh al-Fatah",
    }
    assert row["reasons"][0].startswith("same name once folded")


def test_unknown_section_is_refused(db):
    with pytest.raises(CommandError, match="invalid choice"):
        _run("--section", "everything")
