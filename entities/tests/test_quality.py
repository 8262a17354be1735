import pytest

from entities.quality import (
    actor_duplicate_list,
    actor_junk_list,
    alias_shared_list,
    meeting_unnamed_list,
    name_fold,
    place_duplicate_list,
    sentence_flaw,
)
from entities.tests.factories import (
    make_actor,
    make_article,
    make_meeting,
    make_place,
    mention,
)


def _pairs(candidates) -> list[set[str]]:
    return [{c.first.name, c.second.name} for c in candidates]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Jaish al-Fatah", "Jeish al-Fateh"),
        ("Jaysh al-Fatah", "jaish el fatah"),
        ("The Free Syrian Army", "Free Syrian Army"),
        ("Mohammed Alloush", "Muhammad Aloush"),
        ("Khan Touman", "Khan Tuman"),
        ("Assad's", "al-Assad"),
        ("Ahrar ash-Sham", "Ahrar al-Sham"),
        ("Çavuşoğlu", "Cavusoglu"),
    ],
)
def test_name_fold_joins_spellings_of_one_name(one, other):
    assert name_fold(one) == name_fold(other)


@pytest.mark.parametrize(("one", "other"), [("Hamas", "Hama"), ("Homs", "Hama"), ("Idlib", "Deir")])
def test_name_fold_keeps_different_names_apart(one, other):
    assert name_fold(one) != name_fold(other)


@pytest.mark.parametrize(
    ("sentence", "flaw"),
    [
        ("The rebels said on Monday that the road to the town was open again.", ""),
        ("Rebel commanders met envoys in the town of Saraqib.", ""),
        ("They identify themselves as two students from Homs.", ""),
        ("Tags Aleppo Idlib Syria rebels shelling children", "page furniture"),
        ("Home | World | Middle East Rebels advance on the town", "page furniture"),
        ("Army Retakes Key Hill Near Northern Town As Talks Stall", "headline"),
        ("Ceasefire", "fragment"),
        ("a convoy of trucks and buses toward the border crossing", "no verb"),
    ],
)
def test_sentence_flaw(sentence, flaw):
    assert sentence_flaw(sentence) == flaw


def test_actor_duplicates_join_spellings_aliases_and_acronyms(db, django_assert_max_num_queries):
    make_actor("Jaish al-Fatah", kind="armed_group", aliases=("Army of Conquest",))
    make_actor("Jeish al-Fateh", kind="person")
    make_actor("Jaysh al-Fath", kind="armed_group")
    make_actor("Syrian National Coalition", kind="organization")
    make_actor("The Syrian Coalition", kind="organization")
    make_actor("Free Syrian Army", kind="armed_group")
    make_actor("FSA", kind="armed_group")
    make_actor("Conquest Army", kind="armed_group", aliases=("Army of Conquest Idlib", "Fatah"))
    # Look alike without being one: two people, two places of the compass, Hamas and Hama.
    make_actor("Hassan Nasrallah")
    make_actor("Hussein Nasrallah")
    make_actor("Eastern Command", kind="armed_group")
    make_actor("Western Command", kind="armed_group")
    make_actor("Hamas", kind="armed_group")
    make_actor("Hama", kind="organization")
    make_actor("Fatima Sayed Ahmad")  # initials FSA: a person's, not an expansion

    with django_assert_max_num_queries(2):
        found = actor_duplicate_list()

    pairs = _pairs(found)
    assert pairs[0] == {"Jaish al-Fatah", "Jeish al-Fateh"}
    assert {"Jaish al-Fatah", "Jaysh al-Fath"} in pairs
    assert {"Syrian National Coalition", "The Syrian Coalition"} in pairs
    assert {"Free Syrian Army", "FSA"} in pairs
    assert {"Hassan Nasrallah", "Hussein Nasrallah"} not in pairs
    assert {"Eastern Command", "Western Command"} not in pairs
    assert {"Hamas", "Hama"} not in pairs
    assert {"Fatima Sayed Ahmad", "FSA"} not in pairs
    first = found[0]
    assert first.score == 1.0
    assert "kinds differ: armed_group / person" in first.reasons
    assert first.first.aliases == ("Army of Conquest",) or first.second.aliases == (
        "Army of Conquest",
    )
    assert [c.priority for c in found] == sorted((c.priority for c in found), reverse=True)
    assert len(actor_duplicate_list(limit=2)) == 2


def test_actor_duplicates_find_a_shared_alias_and_demote_junk(db):
    make_actor("Ahrar al-Sham", kind="armed_group", aliases=("Harakat Ahrar al-Sham",))
    make_actor("Islamic Movement of Ahrar", kind="armed_group", aliases=("Harakat Ahrar ash-Sham",))
    make_actor("Tags Syria Idlib", kind="organization")
    make_actor("Tags Idlib", kind="organization")

    found = {frozenset((c.first.name, c.second.name)): c for c in actor_duplicate_list()}

    shared = found[frozenset(("Ahrar al-Sham", "Islamic Movement of Ahrar"))]
    assert any(r.startswith("shared alias") for r in shared.reasons)
    tags = found[frozenset(("Tags Syria Idlib", "Tags Idlib"))]
    assert "a junk name (see junk-actors)" in tags.reasons
    assert tags.score < shared.score


def test_place_duplicates_skip_parents_and_demote_distant_namesakes(
    db, django_assert_max_num_queries
):
    governorate = make_place("Idlib", kind="region", lat=35.8, lon=36.6)
    make_place("Idlib", lat=35.93, lon=36.63, parent=governorate)
    deir = make_place("Deir ez-Zor", lat=35.33, lon=40.14)
    deir.aliases.create(name="Deir Ezzor", key="deir ezzor")
    make_place("Deir Ezzour", kind="region", lat=35.3, lon=40.1)
    make_place("Tell Abyad", lat=36.69, lon=38.95)
    make_place("Tal Abyad", lat=36.7, lon=38.96)
    make_place("Tell Abiad", country="LB", lat=33.9, lon=35.5)

    with django_assert_max_num_queries(2):
        found = place_duplicate_list()

    pairs = _pairs(found)
    assert {"Idlib"} not in pairs  # the city in its own governorate
    assert {"Deir ez-Zor", "Deir Ezzour"} in pairs
    near = found[pairs.index({"Tell Abyad", "Tal Abyad"})]
    far = next(c for c in found if "Tell Abiad" in {c.first.name, c.second.name})
    assert near.score > far.score
    assert any(r.endswith("km apart") for r in far.reasons)
    assert "countries differ: SY / LB" in far.reasons


def test_junk_actors(db, django_assert_max_num_queries):
    text = (
        "Tags Aleppo Idlib Syria rebels shelling. "
        "Youtube Subscribe to our channel. "
        "The Syrian rebels said they shelled the base. "
        "Jaish al-Fatah fighters took the hill on Monday. "
        "Army Retakes Hill As Ceasefire Holds. "
        "Commanders of the rebels met in Idlib."
    )
    article = make_article(text)
    tags = make_actor("Tags Aleppo", kind="organization")
    youtube = make_actor("Youtube Subscribe")
    demonym = make_actor("Syrian", kind="organization")
    lowercase = make_actor("rebels", kind="armed_group")
    group = make_actor("Jaish al-Fatah", kind="armed_group")
    headline_only = make_actor("Army Retakes", kind="armed_group")
    make_actor("Unmentioned Brigade", kind="armed_group")
    mention(article, "Tags Aleppo", actor=tags)
    mention(article, "Youtube Subscribe", actor=youtube)
    mention(article, "Syrian", actor=demonym)
    mention(article, "rebels", actor=lowercase, occurrence=1)
    mention(article, "Jaish al-Fatah", actor=group)
    mention(article, "Army Retakes", actor=headline_only)

    with django_assert_max_num_queries(3):
        found = actor_junk_list()

    by_name = {j.actor.name: j for j in found}
    assert "Jaish al-Fatah" not in by_name
    assert found[0].actor.name in {"Tags Aleppo", "Youtube Subscribe"}
    assert "page-furniture word: tags" in by_name["Tags Aleppo"].reasons
    assert "page-furniture word: youtube, subscribe" in by_name["Youtube Subscribe"].reasons
    assert "an adjective or demonym, not a name" in by_name["Syrian"].reasons
    assert "one lowercase word" in by_name["rebels"].reasons
    assert by_name["Army Retakes"].reasons == ("never named in a proper sentence (headline)",)
    assert by_name["Army Retakes"].sample_sentence.startswith("Army Retakes Hill")
    assert by_name["Unmentioned Brigade"].reasons == ("no mentions",)
    assert by_name["Tags Aleppo"].score > by_name["Army Retakes"].score


def test_aliases_shared_by_two_people(db, django_assert_max_num_queries):
    bashar = make_actor("Bashar al-Assad", aliases=("Assad", "Bashar Assad"))
    hafez = make_actor("Hafez al-Assad", aliases=("al-Assad",))
    maher = make_actor("Maher Assads")  # no alias of his own: only his name
    make_actor("Sergei Lavrov", aliases=("Lavrov",))
    make_actor("Assad Brigade", kind="armed_group", aliases=("Assad Group",))
    make_actor("Ali Mamlouk")
    make_actor("Ali Mamluk")  # two names, no alias: the duplicates section's business

    with django_assert_max_num_queries(2):
        found = alias_shared_list()

    assert [s.key for s in found] == ["asad"]
    assert {p.id for p in found[0].people} == {bashar.pk, hafez.pk}
    assert found[0].spellings == ("Assad", "al-Assad")
    assert maher.pk not in {p.id for p in found[0].people}


def test_meetings_whose_sources_do_not_name_participants(db, django_assert_max_num_queries):
    text = (
        "Sergei Lavrov met John Kerry in Geneva on Friday. "
        "Kerry also spoke with the Turkish envoy. "
        "Category News Latest updates Bashir dissolves government MBS visits Cairo. "
        "Lavrov said the talks would go on."
    )
    article = make_article(text)
    lavrov = make_actor("Sergei Lavrov", aliases=("Lavrov",))
    kerry = make_actor("John Kerry", aliases=("Kerry",))
    envoy = make_actor("Feridun Sinirlioglu")
    bashir = make_actor("Omar al-Bashir", aliases=("Bashir",))
    mbs = make_actor("Mohammed bin Salman", aliases=("MBS",))
    named = make_meeting(
        [lavrov, kerry], sources=[(article, "Sergei Lavrov met John Kerry in Geneva on Friday.")]
    )
    missing = make_meeting(
        [kerry, envoy], sources=[(article, "Kerry also spoke with the Turkish envoy.")]
    )
    furniture = make_meeting(
        [bashir, mbs],
        sources=[
            (
                article,
                "Category News Latest updates Bashir dissolves government MBS visits Cairo.",
            ),
            (article, "Lavrov said the talks would go on."),
        ],
    )

    with django_assert_max_num_queries(5):
        found = meeting_unnamed_list()

    assert [m.meeting_id for m in found] == [furniture.pk, missing.pk]
    assert named.pk not in {m.meeting_id for m in found}
    assert {(u.name, u.reason) for u in found[0].unnamed} == {
        ("Omar al-Bashir", "named only in page furniture or a headline"),
        ("Mohammed bin Salman", "named only in page furniture or a headline"),
    }
    assert [(u.name, u.reason) for u in found[1].unnamed] == [
        ("Feridun Sinirlioglu", "not named in any source sentence")
    ]
    assert found[1].participants == ("Feridun Sinirlioglu", "John Kerry")


def test_oversized_blocks_are_split_not_dropped(db, monkeypatch):
    monkeypatch.setattr("entities.quality.MAX_BLOCK", 3)
    for name in ("Abu Omar al-Shishani", "Abu Bakr al-Baghdadi", "Abu Mohammad al-Jolani"):
        make_actor(name)
    make_actor("Abu Hamza al-Masri")
    make_actor("Abu Hamza al-Misri")

    pairs = _pairs(actor_duplicate_list())

    assert {"Abu Hamza al-Masri", "Abu Hamza al-Misri"} in pairs
    assert {"Abu Omar al-Shishani", "Abu Bakr al-Baghdadi"} not in pairs
