"""CSV exports: text that a spreadsheet would run as a formula is written as text."""

import csv
import io

import pytest

from conflict_tracker.api_defaults import flatten_row
from tests.api.world import make_actor, make_place


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+7 dead", "'+7 dead"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Aleppo", "Aleppo"),
        ("a=b", "a=b"),
        (-33.5, "-33.5"),  # numbers stay numbers
        (-4, "-4"),
        (["=A1", "Damascus"], "'=A1; Damascus"),
        ([{"name": "-Lavrov"}], "'-Lavrov"),
    ],
)
def test_cells_that_start_like_formulas_are_quoted(value, cell):
    assert flatten_row({"field": value}) == {"field": cell}


def test_nested_objects_are_quoted_column_by_column():
    row = flatten_row({"place": {"name": "=cmd|' /C calc'!A0", "latitude": -12.5}})
    assert row == {"place.name": "'=cmd|' /C calc'!A0", "place.latitude": "-12.5"}


@pytest.mark.django_db
def test_csv_export_of_hostile_names(api):
    make_actor('=HYPERLINK("http://evil.example","Lavrov")', country="RU")
    make_place("@Aleppo", lat=36.2, lon=-37.16)
    actors = list(
        csv.DictReader(io.StringIO(api.get("/api/v1/actors/?format=csv").content.decode()))
    )
    assert actors[0]["name"] == '\'=HYPERLINK("http://evil.example","Lavrov")'
    places = list(
        csv.DictReader(io.StringIO(api.get("/api/v1/places/?format=csv").content.decode()))
    )
    assert (places[0]["name"], places[0]["longitude"]) == ("'@Aleppo", "-37.16")
