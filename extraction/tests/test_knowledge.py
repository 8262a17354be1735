"""The curated knowledge: every data file validates, and the lookups behave as the engine expects."""

import json
import shutil
from pathlib import Path

import pytest

from extraction.knowledge import (
    ACTOR_KINDS,
    DATA_DIR,
    Knowledge,
    KnownActor,
    Title,
    get_knowledge,
    is_acronym,
    load_knowledge,
)
from extraction.normalize import name_key

OWN_FILES = (
    "organizations.json",
    "persons.json",
    "agencies.json",
    "titles.json",
    "demonyms.json",
    "stopwords.json",
    "collectives.json",
)
# Codes people write for a country that are not its ISO alpha-2 code.
NOT_ISO = {"UK", "EL", "KS", "XK", "UN", "EU"}


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return get_knowledge()


def _read(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _name_entries():
    for file in ("organizations.json", "persons.json", "agencies.json"):
        for entry in _read(file):
            yield file, entry


# The data files ----------------------------------------------------------------------------------


def test_real_data_loads():
    knowledge = load_knowledge()
    assert len(knowledge.actors) > 250
    assert len(knowledge.agencies) > 40


def test_get_knowledge_is_cached():
    assert get_knowledge() is get_knowledge()


@pytest.mark.parametrize("file", ["organizations.json", "persons.json", "agencies.json"])
def test_name_entries_have_the_schema(file):
    fields = {"name", "aliases", "country"} | ({"kind"} if file == "organizations.json" else set())
    entries = _read(file)
    assert entries, file
    for entry in entries:
        optional = {"predecessors"} if file == "organizations.json" else set()
        assert fields <= set(entry) <= fields | optional, entry
        assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"]
        assert all(isinstance(a, str) and a.strip() == a and a for a in entry["aliases"]), entry
        if file == "organizations.json":
            assert entry["kind"] in {"organization", "armed_group"}, entry


def test_country_codes_are_iso_alpha2():
    codes = [(file, entry["name"], entry["country"]) for file, entry in _name_entries()]
    codes += [
        ("demonyms.json", word, code) for word, code in _read("demonyms.json")["countries"].items()
    ]
    for file, name, code in codes:
        if code is None:
            continue
        assert len(code) == 2 and code.isascii() and code.isupper(), (file, name, code)
        assert code not in NOT_ISO, (file, name, code)


def test_names_are_unique_across_actor_files():
    names = [e["name"] for f, e in _name_entries() if f != "agencies.json"]
    assert len(names) == len(set(names))
    keys = [name_key(n) for n in names]
    assert len(keys) == len(set(keys)), "two actors differ only in case, accents or punctuation"


def test_no_alias_is_claimed_by_two_actors():
    claimed: dict[str, str] = {}
    for file, entry in _name_entries():
        if file == "agencies.json":
            continue
        for alias in (entry["name"], *entry["aliases"]):
            key = alias.replace(".", "") if is_acronym(alias) else name_key(alias)
            owner = claimed.setdefault(key, entry["name"])
            assert owner == entry["name"], f"{alias!r}: {owner!r} and {entry['name']!r}"


def test_agency_names_are_no_actor_names(kb):
    for agency in kb.agencies:
        for alias in (agency.name, *agency.aliases):
            assert kb.actor(alias) is None, alias


def test_actor_names_are_neither_stopwords_nor_titles(kb):
    for actor in kb.actors:
        for alias in (actor.name, *actor.aliases):
            assert not kb.is_stopword(alias), (actor.name, alias)
            assert kb.title(alias) is None, (actor.name, alias)


def test_kinds_are_valid(kb):
    assert {a.kind for a in kb.actors} == set(ACTOR_KINDS)


def test_ethnic_words_are_no_demonyms():
    demonyms = {name_key(w) for w in _read("demonyms.json")["countries"]}
    not_countries = {name_key(w) for w in _read("demonyms.json")["not_countries"]}
    assert not demonyms & not_countries


def test_title_variants_are_lowercase_and_owned_once(kb):
    seen: dict[str, str] = {}
    for title in kb.titles:
        assert title.title.lower() in title.variants
        for variant in title.variants:
            assert variant == variant.lower()
            assert seen.setdefault(name_key(variant), title.title) == title.title, variant


def test_titles_and_variants_are_ordered_longest_first(kb):
    longest = [len(t.variants[0]) for t in kb.titles]
    assert longest == sorted(longest, reverse=True)
    for title in kb.titles:
        assert [len(v) for v in title.variants] == sorted(map(len, title.variants), reverse=True)
    assert [len(r) for r in kb.ranks] == sorted(map(len, kb.ranks), reverse=True)


# Lookups -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("YPG", "People's Protection Units"),
        ("the YPG", "People's Protection Units"),
        ("YPG's", "People's Protection Units"),
        ("People’s Protection Units", "People's Protection Units"),
        ("Tahrir al-Sham", "Hayat Tahrir al-Sham"),
        ("HTS", "Hayat Tahrir al-Sham"),
        ("Jabhat Fateh al-Sham", "Jabhat Fateh al-Sham"),
        ("al-Nusra Front", "Jabhat al-Nusra"),
        ("Revolutionary Guards", "Islamic Revolutionary Guard Corps"),
        ("U.N.", "United Nations"),
        ("UN", "United Nations"),
        ("Syria Civil Defence", "White Helmets"),
        ("Etilaf", "Syrian National Coalition"),
        ("U.S.-led coalition", "US-led coalition"),
        ("MİT", "National Intelligence Organization"),
        ("MIT", "National Intelligence Organization"),
        ("the Kremlin", "Kremlin"),
        ("HEZBOLLAH", "Hezbollah"),
    ],
)
def test_organizations_by_name_or_alias(kb, text, name):
    actor = kb.actor(text)
    assert actor is not None, text
    assert actor.name == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jeish al-Fath", "Jaish al-Fatah"),
        ("Jaysh el-Fateh", "Jaish al-Fatah"),
        ("The Syrian Coalition", "Syrian National Coalition"),
        ("Syrian Coalitions", "Syrian National Coalition"),
        ("Hizbolla", "Hezbollah"),
        ("Ahrar as-Sham", "Ahrar al-Sham"),
        ("Walid al-Mouallem", "Walid Muallem"),
    ],
)
def test_transliterations_find_the_known_actor(kb, text, name):
    assert kb.actor(text).name == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hezballah", "Hezbollah"),
        ("Daesht", "Islamic State"),
        ("ISISL", "Islamic State"),
        ("Tayyip Erdoan", "Recep Tayyip Erdogan"),
        ("United Nation", "United Nations"),
    ],
)
def test_a_one_letter_typo_finds_the_known_actor(kb, text, name):
    assert kb.actor(text).name == name


@pytest.mark.parametrize(
    "text",
    [
        "Ammar al-Assad",  # another given name: another person
        "Melania Trump",
        "Assadi",  # a loyalist, not Assad with a stray letter
        "Hamad",  # a name one letter from Hamas, too short to be a typo
        "UNHCR",  # the refugee agency, two edits from the Human Rights Council's UNHRC
        "Regime",
    ],
)
def test_near_names_that_are_not_typos(kb, text):
    found = kb.actor(text)
    assert found is None or found.name not in (
        "Bashar al-Assad",
        "Donald Trump",
        "Hamas",
        "UN Human Rights Council",
    ), found


@pytest.mark.parametrize("given_name", ["Karim", "Karin", "Kerrim"])
def test_a_given_name_one_letter_from_a_known_surname_is_nobody(kb, given_name):
    """'Karim Haddad' told after John Kerry: the lone word 'Karim' is not a typo of 'Kerry'."""
    assert kb.actor(given_name) is None


def test_a_typo_near_two_actors_finds_neither(data_copy):
    twins = [
        {"name": "Liwa Omari", "kind": "armed_group", "aliases": [], "country": "SY"},
        {"name": "Liwa Amari", "kind": "armed_group", "aliases": [], "country": "SY"},
    ]
    _edit(data_copy / "organizations.json", lambda data: data.extend(twins))
    knowledge = load_knowledge(data_copy)
    assert knowledge.actor("Liwa Omari").name == "Liwa Omari"
    assert knowledge.actor("Liwa Emari") is None


def test_renamed_groups_are_linked_not_merged(kb):
    nusra, jfs, hts = kb.actor("Nusra Front"), kb.actor("JFS"), kb.actor("HTS")
    assert len({nusra, jfs, hts}) == 3
    assert [(p.name, p.year, p.how) for p in jfs.predecessors] == [
        ("Jabhat al-Nusra", 2016, "renamed")
    ]
    assert [(p.name, p.how) for p in hts.predecessors] == [("Jabhat Fateh al-Sham", "merged")]
    assert kb.successors("Jabhat al-Nusra") == [jfs]


def test_islamic_state_spellings_are_one_actor(kb):
    spellings = ["ISIL", "ISIS", "IS", "Daesh", "Islamic State", "Islamic State group", "Isis"]
    found = {kb.actor(s) for s in spellings}
    assert len(found) == 1
    (actor,) = found
    assert actor.name == "Islamic State" and actor.kind == "armed_group"


@pytest.mark.parametrize("text", ["is", "Is", "un", "who", "mit", "sdf", "ypg"])
def test_acronyms_match_only_in_capitals(kb, text):
    assert kb.actor(text) is None


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Çavuşoğlu", "Mevlut Cavusoglu", "TR"),
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", "TR"),
        ("Sergey Lavrov", "Sergei Lavrov", "RU"),
        ("Sergey Shoigu", "Sergei Shoigu", "RU"),
        ("Abu Mohammed al-Jolani", "Ahmed al-Sharaa", "SY"),
        ("Jawlani", "Ahmed al-Sharaa", "SY"),
        ("Bashar Assad", "Bashar al-Assad", "SY"),
        ("Assad's", "Bashar al-Assad", "SY"),
        ("Walid al-Moualem", "Walid Muallem", "SY"),
        ("Mazlum Kobani", "Mazloum Abdi", "SY"),
        ("İbrahim Kalın", "Ibrahim Kalin", "TR"),
        ("Qasem Soleimani", "Qassem Soleimani", "IR"),
        ("Hassan Nasrallah", "Hassan Nasrallah", "LB"),
        ("Staffan de Mistura", "Staffan de Mistura", None),
    ],
)
def test_persons_by_spelling_variant(kb, text, name, country):
    actor = kb.actor(text)
    assert actor is not None, text
    assert (actor.name, actor.kind, actor.country) == (name, "person", country)


def test_affiliation_countries(kb):
    assert kb.actor("YPG").country == "SY"
    assert kb.actor("Hezbollah").country == "LB"
    assert kb.actor("IRGC").country == "IR"
    assert kb.actor("Wagner Group").country == "RU"
    assert kb.actor("United Nations").country is None


def test_arabic_article_may_be_dropped(kb):
    # Only "Hafez al-Assad" and "Hafez Assad" are listed; "Hafiz Assad" is derived.
    assert kb.actor("Hafiz Assad").name == "Hafez al-Assad"


def _knowing(*actors: KnownActor) -> Knowledge:
    """A knowledge base of these actors alone: no agencies, titles, demonyms or stopwords."""
    return Knowledge(
        actors=list(actors),
        agencies=[],
        titles=[],
        ranks=[],
        honorifics=[],
        demonyms={},
        not_countries=[],
        stopwords=[],
    )


def test_dropping_the_article_never_merges_two_actors():
    one = KnownActor("Omar al-Rashid", "person", (), "SY")
    two = KnownActor("Omar el-Rashid", "person", (), "IQ")
    kb = _knowing(one, two)
    assert kb.actor("Omar al-Rashid") == one
    assert kb.actor("Omar el-Rashid") == two
    assert kb.actor("Omar Rashid") is None


def test_unknown_names_are_not_found(kb):
    for text in ["Omar Rashid", "Monday", "Syrian", "", "the"]:
        assert kb.actor(text) is None, text


@pytest.mark.parametrize(
    "text", ["Reuters", "REUTERS", "AFP", "Agence France-Presse", "SANA", "TASS", "Anadolu", "AA"]
)
def test_agencies(kb, text):
    assert kb.is_agency(text)


@pytest.mark.parametrize("text", ["Hezbollah", "Sergei Lavrov", "aa", "Monitor"])
def test_non_agencies(kb, text):
    assert not kb.is_agency(text)


@pytest.mark.parametrize(
    ("bare", "outlet"),
    [("al-Mayadeen", "Al Mayadeen TV"), ("Petra", "Petra news agency"), ("Sabah", "Daily Sabah")],
)
def test_outlets_named_like_a_town_or_a_person_need_their_full_name(kb, bare, outlet):
    assert not kb.is_agency(bare)
    assert kb.is_agency(outlet)


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Russian", "RU"),
        ("Turkish", "TR"),
        ("U.S.", "US"),
        ("US", "US"),
        ("American", "US"),
        ("British", "GB"),
        ("Emirati", "AE"),
        ("Kazakh", "KZ"),
        ("Kurdish", None),
        ("Alawite", None),
        ("us", None),
    ],
)
def test_demonym_country(kb, word, country):
    assert kb.demonym_country(word) == country


@pytest.mark.parametrize("word", ["Kurdish", "Alawite", "Sunni", "Druze", "Turkmen", "Shi'ite"])
def test_ethnic_and_sectarian_words_are_not_countries(kb, word):
    assert kb.is_not_country_adjective(word)
    assert kb.demonym_country(word) is None


def test_demonyms_are_not_flagged_as_ethnic(kb):
    assert not kb.is_not_country_adjective("Russian")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("defence minister", "Defense Minister"),
        ("Minister of Defense", "Defense Minister"),
        ("Defence Minister", "Defense Minister"),
        ("foreign minister", "Foreign Minister"),
        ("Minister of Foreign Affairs", "Foreign Minister"),
        ("spy chief", "Intelligence Chief"),
        ("MIT chief", "Intelligence Chief"),
        ("spokeswoman", "Spokesman"),
        ("presidential spokesman", "Spokesman"),
        ("UN Secretary-General", "Secretary-General"),
        ("chief of the general staff", "Chief of General Staff"),
        ("the President", "President"),
        ("Defense Secretary", "Secretary of Defense"),
    ],
)
def test_titles(kb, text, title):
    found = kb.title(text)
    assert isinstance(found, Title)
    assert found.title == title


def test_unknown_title(kb):
    assert kb.title("Sergei Lavrov") is None


def test_ranks_and_honorifics(kb):
    assert {"General", "Lt. Gen.", "Major General", "Brigadier General", "Admiral"} <= set(kb.ranks)
    assert kb.is_rank("Lt. Gen.")
    assert kb.is_rank("Sheikh")
    assert not kb.is_rank("Foreign Minister")


@pytest.mark.parametrize(
    "text",
    [
        "File Photo",
        "REUTERS Photo",
        "Monday",
        "Syrian",
        "Kurdish",
        "President",
        "Defence",
        "Regime",
    ],
)
def test_stopwords(kb, text):
    assert kb.is_stopword(text)


@pytest.mark.parametrize("text", ["Hezbollah", "Sergei Lavrov", "Security Council", "Manbij"])
def test_names_are_not_stopwords(kb, text):
    assert not kb.is_stopword(text)


@pytest.mark.parametrize(
    ("noun", "kind"),
    [
        ("government", "organization"),
        ("Government forces", "armed_group"),
        ("fighters", "armed_group"),
        ("the administration", "organization"),
        ("Lavrov", None),
        ("Syrian", None),
    ],
)
def test_collective_nouns(kb, noun, kind):
    assert kb.collective_kind(noun) == kind


def test_collective_nouns_alone_are_stopwords(kb):
    assert kb.is_stopword("Rebels")
    assert kb.is_stopword("government forces")


# Malformed files fail loudly ---------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in OWN_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_copy_of_the_data_loads(data_copy):
    assert load_knowledge(data_copy).actor("YPG").name == "People's Protection Units"


def test_invalid_json_names_the_file(data_copy):
    (data_copy / "organizations.json").write_text('[{"name": "YPG",', encoding="utf-8")
    with pytest.raises(ValueError, match=r"organizations\.json.*not valid JSON"):
        load_knowledge(data_copy)


def test_missing_file_names_the_file(data_copy):
    (data_copy / "stopwords.json").unlink()
    with pytest.raises(ValueError, match=r"stopwords\.json.*missing"):
        load_knowledge(data_copy)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"name": "Fake Brigade", "kind": "militia", "aliases": [], "country": "SY"}, "kind"),
        ({"name": "Fake Brigade", "kind": "armed_group", "aliases": [], "country": "Syria"}, "ISO"),
        ({"name": "Fake Brigade", "kind": "armed_group", "aliases": [], "country": "sy"}, "ISO"),
        ({"name": "Fake Brigade", "kind": "armed_group", "aliases": []}, "missing"),
        ({"name": " Fake", "kind": "armed_group", "aliases": [], "country": None}, "trimmed"),
        ({"name": "Fake Brigade", "kind": "armed_group", "aliases": "FB", "country": None}, "list"),
        ({"name": "Hezbollah", "kind": "armed_group", "aliases": [], "country": "LB"}, "twice"),
    ],
)
def test_bad_organization_entry_names_file_and_entry(data_copy, entry, problem):
    _edit(data_copy / "organizations.json", lambda data: data.append(entry))
    with pytest.raises(ValueError, match=r"organizations\.json") as excinfo:
        load_knowledge(data_copy)
    assert problem in str(excinfo.value)
    assert entry["name"] in str(excinfo.value)


def test_unknown_predecessor_is_refused(data_copy):
    entry = {
        "name": "Fake Brigade",
        "kind": "armed_group",
        "aliases": [],
        "country": "SY",
        "predecessors": [{"name": "Nobody Brigade", "year": 2015, "how": "renamed"}],
    }
    _edit(data_copy / "organizations.json", lambda data: data.append(entry))
    with pytest.raises(ValueError, match=r"organizations\.json.*Nobody Brigade"):
        load_knowledge(data_copy)


def test_alias_claimed_by_two_actors_is_refused(data_copy):
    fake = {"name": "Fake Person", "aliases": ["Lavrov"], "country": "RU"}
    _edit(data_copy / "persons.json", lambda data: data.append(fake))
    with pytest.raises(ValueError, match=r"persons\.json.*'Lavrov'.*Sergei Lavrov.*Fake Person"):
        load_knowledge(data_copy)


def test_acronym_claimed_by_two_actors_is_refused(data_copy):
    fake = {
        "name": "Yet Another Group",
        "kind": "armed_group",
        "aliases": ["Y.P.G."],
        "country": None,
    }
    _edit(data_copy / "organizations.json", lambda data: data.append(fake))
    with pytest.raises(ValueError, match=r"organizations\.json.*Y\.P\.G\."):
        load_knowledge(data_copy)


def test_title_variant_in_two_titles_is_refused(data_copy):
    def add(data):
        data["titles"].append({"title": "War Minister", "variants": ["defence minister"]})

    _edit(data_copy / "titles.json", add)
    with pytest.raises(ValueError, match=r"titles\.json.*'defence minister'"):
        load_knowledge(data_copy)


def test_uppercase_title_variant_is_refused(data_copy):
    def add(data):
        data["titles"].append({"title": "Vizier", "variants": ["Grand Vizier"]})

    _edit(data_copy / "titles.json", add)
    with pytest.raises(ValueError, match=r"titles\.json.*Vizier.*lowercase"):
        load_knowledge(data_copy)


def test_bad_demonym_code_is_refused(data_copy):
    _edit(data_copy / "demonyms.json", lambda data: data["countries"].update({"Atlantean": "ATL"}))
    with pytest.raises(ValueError, match=r"demonyms\.json.*Atlantean"):
        load_knowledge(data_copy)


def test_collective_kind_must_be_an_actor_kind(data_copy):
    _edit(data_copy / "collectives.json", lambda data: data["nouns"].update({"mob": "crowd"}))
    with pytest.raises(ValueError, match=r"collectives\.json.*mob.*kind"):
        load_knowledge(data_copy)


def test_stopwords_must_be_strings(data_copy):
    _edit(data_copy / "stopwords.json", lambda data: data["stopwords"].append(7))
    with pytest.raises(ValueError, match=r"stopwords\.json"):
        load_knowledge(data_copy)


def test_a_short_word_folds_onto_a_known_name_only_one_letter_away():
    kerri = KnownActor("Nabil Kerri", "person", ("Kerri",), "LB")
    assaf = KnownActor("Omar Assaf", "person", ("Assaf",), "SY")
    town = KnownActor("Kafarnabal Council", "organization", ("Kafarnabal",), "SY")
    kb = _knowing(kerri, assaf, town)
    assert kb.actor("Kari") is None  # folds onto "Kerri", two letters from it
    assert kb.actor("Asaf") == assaf  # one letter from "Assaf"
    assert kb.actor("Kefernebel") == town  # long enough to trust the folding
