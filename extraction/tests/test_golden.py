"""Golden cases: short reports written for these tests, with what an analyst reads in them."""

import datetime as dt

import pytest

from extraction import extract
from extraction.tests.conftest import assert_spans_exact

CASES = [
    {
        "published": "2019-09-17",
        "text": (
            "ANKARA, Turkey — Turkish President Recep Tayyip Erdogan hosted his Russian and "
            "Iranian counterparts, Vladimir Putin and Hassan Rouhani, in Ankara on Monday for a "
            "summit on Syria's Idlib province.\nRouhani told reporters after the talks that "
            "foreign troops must leave Syria.\nSeparately, Erdogan held a phone call with US "
            "President Donald Trump on Sunday."
        ),
        "actors": {
            "Recep Tayyip Erdogan": ("TR", {"President"}),
            "Vladimir Putin": ("RU", {"President"}),
            "Hassan Rouhani": ("IR", {"President"}),
            "Donald Trump": ("US", {"President"}),
        },
        "places": {"Ankara", "Turkey", "Syria", "United States"},
        "meetings": [
            ({"Recep Tayyip Erdogan", "Vladimir Putin", "Hassan Rouhani"}, "Ankara", "2019-09-16")
        ],
        "calls": [{"Recep Tayyip Erdogan", "Donald Trump"}],
    },
    {
        "published": "2016-02-14",
        "text": (
            "The head of the High Negotiations Committee, Riyad Hijab, said the opposition would "
            "not return to Geneva while sieges continued. Hijab met French Foreign Minister "
            "Jean-Marc Ayrault in Paris last week.\nThe Islamic State group (ISIS) seized "
            "villages near Tal Rifaat, north of Aleppo, according to the Syrian Observatory."
        ),
        "actors": {
            "Riyad Hijab": (None, {"Head"}),
            "Jean-Marc Ayrault": ("FR", {"Foreign Minister"}),
            "High Negotiations Committee": (None, set()),
            "Islamic State": (None, set()),
            "Syrian Observatory for Human Rights": (None, set()),
        },
        "places": {"Geneva", "Paris", "Tal Rifaat", "Aleppo"},
        "meetings": [({"Riyad Hijab", "Jean-Marc Ayrault"}, "Paris", "2016-02-01")],
        "calls": [],
    },
    {
        "published": "2017-11-23",
        "text": (
            "SOCHI, Russia - Syrian President Bashar al-Assad flew to Sochi on Monday for talks "
            "with Russian President Vladimir Putin, the Kremlin said. Putin later spoke by "
            "telephone with Saudi King Salman. Putin will host Rouhani and Erdogan in Sochi on "
            "Wednesday."
        ),
        "actors": {
            "Bashar al-Assad": ("SY", {"President"}),
            "Vladimir Putin": ("RU", {"President"}),
            "Kremlin": ("RU", set()),
        },
        "places": {"Sochi", "Russia"},
        "meetings": [({"Bashar al-Assad", "Vladimir Putin"}, "Sochi", "2017-11-20")],
        "calls": [{"Vladimir Putin", "Salman bin Abdulaziz"}],
    },
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:30])
def test_golden(nlp, case):
    text = case["text"]
    result = extract(text, published=dt.date.fromisoformat(case["published"]), nlp=nlp)
    actors = {a.name: a for a in result.actors}
    for name, (country, titles) in case["actors"].items():
        assert name in actors, f"missing {name}: {sorted(actors)}"
        if country:
            assert actors[name].country == country
        assert titles <= {r.title for r in actors[name].roles}
    assert case["places"] <= {p.name for p in result.places}
    found = [
        (set(m.participants), result.place(m.place).name if m.place else None, m.date.isoformat())
        for m in result.meetings
        if m.kind == "in_person"
    ]
    assert found == case["meetings"]
    calls = [set(m.participants) for m in result.meetings if m.kind != "in_person"]
    assert calls == case["calls"]
    assert_spans_exact(text, result)
