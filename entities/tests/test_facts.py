"""Storing extracted facts: hand-built extractions, as the extractor's contract describes them."""

import dataclasses
import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article, content_hash
from entities.models import (
    Actor,
    ActorAlias,
    Meeting,
    MeetingParticipant,
    MeetingSource,
    Mention,
    Place,
    PlaceAlias,
    PlaceRedirect,
    Role,
)
from entities.services import (
    ArticleFacts,
    actor_merge,
    article_facts_replace,
    articles_facts_replace,
)
from extraction.types import (
    ActorFact,
    Extraction,
    MeetingFact,
    PlaceFact,
    RoleFact,
    Span,
)

MOSCOW_TEXT = (
    "Russian Defence Minister Sergei Shoigu met Turkish Foreign Minister Mevlut Cavusoglu "
    "in Moscow on Saturday. Shoigu said the talks on Manbij were useful."
)
TASS_TEXT = (
    "Mevlut Cavusoglu held talks with Sergei Shoigu and Sergei Lavrov in Moscow. "
    "The ministers discussed the situation in northern Syria."
)


def span(text: str, phrase: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    sentence_start = text.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = text.find(". ", end)
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    return Span(start, end, phrase, sentence_start, sentence_end)


def article_make(text: str, published=dt.date(2018, 12, 29), **fields) -> Article:
    return Article.objects.create(
        title=fields.pop("title", text[:40]),
        text=text,
        content_hash=content_hash(text),
        published=published,
        **fields,
    )


RUSSIA = PlaceFact("cc:RU", "Russia", "country", "RU", 60.0, 100.0, geonames_id=2017370)
MOSCOW = PlaceFact(
    "gn:524901",
    "Moscow",
    "city",
    "RU",
    55.75,
    37.62,
    geonames_id=524901,
    parents=[PlaceFact("gn:524894", "Moscow Oblast", "region", "RU", 55.7, 37.5), RUSSIA],
)
SYRIA = PlaceFact("cc:SY", "Syria", "country", "SY", 35.0, 38.0, geonames_id=163843)
MANBIJ = PlaceFact(
    "gn:166365",
    "Manbij",
    "city",
    "SY",
    36.528,
    37.955,
    geonames_id=166365,
    parents=[PlaceFact("gn:170063", "Aleppo Governorate", "region", "SY", 36.2, 37.2), SYRIA],
)


def moscow_extraction(*, date=dt.date(2018, 12, 29), precision="day", kind="in_person"):
    text = MOSCOW_TEXT
    moscow = PlaceFact(**{**MOSCOW.__dict__, "mentions": [span(text, "Moscow")]})
    manbij = PlaceFact(**{**MANBIJ.__dict__, "mentions": [span(text, "Manbij")]})
    return Extraction(
        actors=[
            ActorFact(
                "Sergei Shoigu",
                "person",
                aliases=["Shoigu"],
                country="RU",
                roles=[RoleFact("Defence Minister", "RU", spans=[span(text, "Defence Minister")])],
                mentions=[span(text, "Sergei Shoigu"), span(text, "Shoigu", 1)],
            ),
            ActorFact(
                "Mevlut Cavusoglu",
                "person",
                country="TR",
                roles=[RoleFact("Foreign Minister", "TR", spans=[span(text, "Foreign Minister")])],
                mentions=[span(text, "Mevlut Cavusoglu")],
            ),
        ],
        places=[moscow, manbij],
        meetings=[
            MeetingFact(
                ["Sergei Shoigu", "Mevlut Cavusoglu"],
                place="gn:524901",
                date=date,
                date_precision=precision,
                kind=kind,
                spans=[span(text, "Russian Defence Minister")],
            )
        ],
        extractor_version="test-1",
    )


def tass_extraction(*, date=dt.date(2018, 12, 29), place="gn:524901"):
    text = TASS_TEXT
    places = [PlaceFact(**{**MOSCOW.__dict__, "mentions": [span(text, "Moscow")]})]
    if place == "cc:RU":
        places = [PlaceFact(**{**RUSSIA.__dict__, "mentions": [span(text, "Moscow")]})]
    return Extraction(
        actors=[
            ActorFact("Mevlut Cavusoglu", "person", mentions=[span(text, "Mevlut Cavusoglu")]),
            ActorFact("Sergei Shoigu", "person", mentions=[span(text, "Sergei Shoigu")]),
            ActorFact("Sergei Lavrov", "person", country="RU", mentions=[span(text, "Lavrov")]),
        ],
        places=places,
        meetings=[
            MeetingFact(
                ["Mevlut Cavusoglu", "Sergei Shoigu", "Sergei Lavrov"],
                place=place,
                date=date,
                date_precision="day",
                spans=[span(text, "Mevlut Cavusoglu held talks")],
            )
        ],
    )


def snapshot() -> dict:
    """Every stored fact, by content (no primary keys except meetings', which must be stable)."""
    return {
        "actors": sorted(Actor.objects.values_list("kind", "key", "name", "slug", "country")),
        "aliases": sorted(ActorAlias.objects.values_list("actor__key", "kind", "key", "name")),
        "places": sorted(
            Place.objects.values_list("key", "name", "kind", "slug", "parent__key", "geonames_id")
        ),
        "place_aliases": sorted(PlaceAlias.objects.values_list("place__key", "key")),
        "roles": sorted(
            Role.objects.values_list(
                "actor__key", "title_key", "country", "first_attested", "last_attested"
            )
        ),
        "mentions": sorted(
            Mention.objects.values_list(
                "article_id",
                "actor__key",
                "place__key",
                "role__title_key",
                "text",
                "start",
                "end",
                "sentence_start",
                "sentence_end",
            ),
            key=str,
        ),
        "meetings": sorted(
            Meeting.objects.values_list("pk", "kind", "date", "date_precision", "place__key"),
            key=str,
        ),
        "participants": sorted(
            MeetingParticipant.objects.values_list("meeting_id", "actor__key", "role__title_key"),
            key=str,
        ),
        "sources": sorted(
            MeetingSource.objects.with_sentence().values_list(
                "meeting_id", "article_id", "sentence_start", "sentence_end", "sentence"
            )
        ),
    }


@pytest.mark.django_db
def test_stores_actors_places_roles_mentions_and_meeting():
    article = article_make(MOSCOW_TEXT)
    article_facts_replace(article=article, extraction=moscow_extraction())

    shoigu = Actor.objects.get(key="sergei shoigu")
    assert (shoigu.kind, shoigu.name, shoigu.country, shoigu.slug) == (
        "person",
        "Sergei Shoigu",
        "RU",
        "sergei-shoigu",
    )
    assert set(shoigu.aliases.values_list("key", flat=True)) == {"sergei shoigu", "shoigu"}
    moscow = Place.objects.get(key="gn:524901")
    assert moscow.parent.key == "gn:524894"
    assert moscow.parent.parent.key == "cc:RU"
    assert Place.objects.get(key="gn:166365").parent.parent.key == "cc:SY"
    role = Role.objects.get(actor=shoigu)
    assert (role.title, role.title_key, role.country) == (
        "Defence Minister",
        "defence minister",
        "RU",
    )
    assert role.first_attested == role.last_attested == dt.date(2018, 12, 29)

    mentions = list(Mention.objects.filter(article=article).with_sentence().order_by("start"))
    assert [m.text for m in mentions] == [
        "Sergei Shoigu",
        "Mevlut Cavusoglu",
        "Moscow",
        "Shoigu",
        "Manbij",
    ]
    first = mentions[0]
    assert first.role == role  # "Defence Minister Sergei Shoigu" attests the role
    assert first.sentence == MOSCOW_TEXT[: MOSCOW_TEXT.index("Saturday.") + 9]
    assert mentions[3].role is None
    assert mentions[3].sentence == "Shoigu said the talks on Manbij were useful."

    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.date, meeting.date_precision, meeting.place) == (
        "in_person",
        dt.date(2018, 12, 29),
        "day",
        moscow,
    )
    assert set(meeting.participants.values_list("key", flat=True)) == {
        "sergei shoigu",
        "mevlut cavusoglu",
    }
    assert MeetingParticipant.objects.get(meeting=meeting, actor=shoigu).role == role
    source = MeetingSource.objects.with_sentence().get()
    assert (source.article, source.sentence_start) == (article, 0)
    assert source.sentence.startswith("Russian Defence Minister Sergei Shoigu met")


@pytest.mark.django_db
def test_processing_twice_leaves_identical_rows():
    moscow, tass = article_make(MOSCOW_TEXT), article_make(TASS_TEXT)
    article_facts_replace(article=moscow, extraction=moscow_extraction())
    article_facts_replace(article=tass, extraction=tass_extraction())
    before = snapshot()

    article_facts_replace(article=moscow, extraction=moscow_extraction())
    article_facts_replace(article=tass, extraction=tass_extraction())
    article_facts_replace(article=moscow, extraction=moscow_extraction())

    assert snapshot() == before
    assert len(before["mentions"]) == 5 + 4


@pytest.mark.django_db
def test_two_outlets_about_one_meeting_make_one_meeting_with_two_sources():
    moscow, tass = article_make(MOSCOW_TEXT), article_make(TASS_TEXT)
    article_facts_replace(article=moscow, extraction=moscow_extraction())
    article_facts_replace(article=tass, extraction=tass_extraction(date=dt.date(2018, 12, 30)))

    meeting = Meeting.objects.get()
    assert set(meeting.sources.values_list("article_id", flat=True)) == {moscow.pk, tass.pk}
    assert set(meeting.participants.values_list("key", flat=True)) == {
        "sergei shoigu",
        "mevlut cavusoglu",
        "sergei lavrov",
    }
    assert Actor.objects.filter(key="sergei shoigu").count() == 1
    assert meeting.date == dt.date(2018, 12, 29)


@pytest.mark.django_db
def test_less_exact_place_and_date_join_and_the_exact_one_wins():
    tass, moscow = article_make(TASS_TEXT), article_make(MOSCOW_TEXT)
    article_facts_replace(article=tass, extraction=tass_extraction(place="cc:RU"))
    article_facts_replace(
        article=moscow, extraction=moscow_extraction(date=dt.date(2018, 12, 1), precision="month")
    )
    meeting = Meeting.objects.get()
    assert meeting.place.key == "gn:524901"  # Moscow is in Russia: the city is kept
    assert (meeting.date, meeting.date_precision) == (dt.date(2018, 12, 29), "day")
    assert meeting.sources.count() == 2


@pytest.mark.parametrize(
    "change",
    [
        {"date": dt.date(2018, 12, 27)},  # two days apart
        {"place": "gn:166365"},  # Manbij is not in Moscow
    ],
)
@pytest.mark.django_db
def test_different_day_or_place_is_another_meeting(change):
    moscow, tass = article_make(MOSCOW_TEXT), article_make(TASS_TEXT)
    article_facts_replace(article=moscow, extraction=moscow_extraction())
    extraction = tass_extraction(**({"date": change["date"]} if "date" in change else {}))
    if "place" in change:
        extraction.places.append(MANBIJ)
        extraction.meetings[0].place = change["place"]
    article_facts_replace(article=tass, extraction=extraction)
    assert Meeting.objects.count() == 2


@pytest.mark.django_db
def test_a_phone_call_is_never_merged_with_a_meeting():
    moscow, tass = article_make(MOSCOW_TEXT), article_make(TASS_TEXT)
    article_facts_replace(article=moscow, extraction=moscow_extraction(kind="phone"))
    article_facts_replace(article=tass, extraction=tass_extraction())
    assert sorted(Meeting.objects.values_list("kind", flat=True)) == ["in_person", "phone"]


@pytest.mark.django_db
def test_no_shared_participant_is_another_meeting():
    moscow = article_make(MOSCOW_TEXT)
    article_facts_replace(article=moscow, extraction=moscow_extraction())
    text = "Sergei Lavrov met Geir Pedersen in Moscow."
    other = article_make(text)
    article_facts_replace(
        article=other,
        extraction=Extraction(
            actors=[
                ActorFact("Sergei Lavrov", "person", mentions=[span(text, "Sergei Lavrov")]),
                ActorFact("Geir Pedersen", "person", mentions=[span(text, "Geir Pedersen")]),
            ],
            places=[MOSCOW],
            meetings=[
                MeetingFact(
                    ["Sergei Lavrov", "Geir Pedersen"],
                    place="gn:524901",
                    date=dt.date(2018, 12, 29),
                    date_precision="day",
                    spans=[span(text, "Sergei Lavrov")],
                )
            ],
        ),
    )
    assert Meeting.objects.count() == 2


def _pair_meeting(text: str, pair: tuple[str, str], date: dt.date, place=None) -> Extraction:
    return Extraction(
        actors=[ActorFact(name, "person", mentions=[span(text, name)]) for name in pair],
        places=[MOSCOW] if place else [],
        meetings=[
            MeetingFact(
                list(pair),
                place=place,
                date=date,
                date_precision="day",
                spans=[span(text, pair[0])],
            )
        ],
    )


@pytest.mark.django_db
def test_one_person_in_common_does_not_make_two_meetings_one():
    """A minister who meets one counterpart on Saturday and another on Sunday held two meetings."""
    first_text = "Sergei Lavrov met Geir Pedersen in Moscow on Sunday."
    second_text = "On Saturday Sergei Lavrov met Staffan de Mistura."
    first, second = article_make(first_text), article_make(second_text)
    pedersen = ("Sergei Lavrov", "Geir Pedersen")
    de_mistura = ("Sergei Lavrov", "Staffan de Mistura")
    article_facts_replace(
        article=first,
        extraction=_pair_meeting(first_text, pedersen, dt.date(2018, 12, 30), "gn:524901"),
    )
    article_facts_replace(
        article=second, extraction=_pair_meeting(second_text, de_mistura, dt.date(2018, 12, 29))
    )
    assert Meeting.objects.count() == 2


@pytest.mark.django_db
def test_a_report_that_names_fewer_of_the_people_joins_the_meeting():
    first_text = "Sergei Lavrov met Geir Pedersen in Moscow on Sunday."
    first = article_make(first_text)
    pair = ("Sergei Lavrov", "Geir Pedersen")
    article_facts_replace(
        article=first,
        extraction=_pair_meeting(first_text, pair, dt.date(2018, 12, 30), "gn:524901"),
    )
    text = "Sergei Lavrov, Geir Pedersen and Mevlut Cavusoglu met in Moscow on Sunday."
    trio = ("Sergei Lavrov", "Geir Pedersen", "Mevlut Cavusoglu")
    extraction = Extraction(
        actors=[ActorFact(name, "person", mentions=[span(text, name)]) for name in trio],
        places=[MOSCOW],
        meetings=[
            MeetingFact(
                list(trio),
                place="gn:524901",
                date=dt.date(2018, 12, 30),
                date_precision="day",
                spans=[span(text, "Sergei Lavrov")],
            )
        ],
    )
    article_facts_replace(article=article_make(text), extraction=extraction)
    meeting = Meeting.objects.get()
    assert meeting.participants.count() == 3
    assert meeting.sources.count() == 2


@pytest.mark.django_db
def test_rerun_without_the_meeting_removes_it_only_where_it_has_no_other_source():
    moscow, tass = article_make(MOSCOW_TEXT), article_make(TASS_TEXT)
    article_facts_replace(article=moscow, extraction=moscow_extraction())
    extraction = moscow_extraction()
    extraction.meetings = []
    article_facts_replace(article=moscow, extraction=extraction)
    assert not Meeting.objects.exists()

    article_facts_replace(article=moscow, extraction=moscow_extraction())
    article_facts_replace(article=tass, extraction=tass_extraction())
    article_facts_replace(article=moscow, extraction=extraction)
    meeting = Meeting.objects.get()
    assert list(meeting.sources.values_list("article_id", flat=True)) == [tass.pk]


@pytest.mark.django_db
def test_roles_widen_with_each_report_and_unattested_roles_go():
    first = article_make(MOSCOW_TEXT, published=dt.date(2017, 3, 1))
    article_facts_replace(article=first, extraction=moscow_extraction())
    later_text = MOSCOW_TEXT.replace("useful", "very useful")
    later = article_make(later_text, published=dt.date(2019, 5, 2))
    article_facts_replace(article=later, extraction=moscow_extraction())
    role = Role.objects.get(actor__key="sergei shoigu")
    assert (role.first_attested, role.last_attested) == (dt.date(2017, 3, 1), dt.date(2019, 5, 2))

    stripped = moscow_extraction()
    stripped.actors[1].roles = []
    article_facts_replace(article=first, extraction=stripped)
    article_facts_replace(article=later, extraction=stripped)
    assert not Role.objects.filter(actor__key="mevlut cavusoglu").exists()


@pytest.mark.django_db
def test_later_articles_follow_an_analysts_merge_through_aliases():
    kept = Actor.objects.create(kind="person", name="Sergei Shoigu", key="sergei shoigu", slug="s")
    # What a merge leaves behind: the removed actor's spelling is now the kept actor's alias.
    ActorAlias.objects.create(actor=kept, kind="person", name="Sergey Shoygu", key="sergey shoygu")
    text = "Sergey Shoygu arrived in Damascus."
    article = article_make(text)
    article_facts_replace(
        article=article,
        extraction=Extraction(
            actors=[ActorFact("Sergey Shoygu", "person", mentions=[span(text, "Sergey Shoygu")])]
        ),
    )
    assert Actor.objects.count() == 1
    assert Mention.objects.get().actor == kept


@pytest.mark.django_db
def test_a_persons_one_word_alias_does_not_join_a_relative():
    bashar = Actor.objects.create(
        kind="person", name="Bashar al-Assad", key="bashar al assad", slug="b"
    )
    ActorAlias.objects.create(actor=bashar, kind="person", name="Assad", key="assad")
    text = "Hafez al-Assad ruled Syria. Assad died in 2000."
    article = article_make(text)
    article_facts_replace(
        article=article,
        extraction=Extraction(
            actors=[
                ActorFact(
                    "Hafez al-Assad",
                    "person",
                    aliases=["Assad"],
                    mentions=[span(text, "Hafez al-Assad"), span(text, "Assad", 1)],
                ),
                ActorFact("People's Protection Units", "armed_group", aliases=["YPG"]),
            ]
        ),
    )
    hafez = Actor.objects.get(key="hafez al assad")
    assert set(Mention.objects.values_list("actor_id", flat=True)) == {hafez.pk}
    assert ActorAlias.objects.get(key="assad").actor == bashar  # the spelling stays Bashar's
    assert Actor.objects.get(key="peoples protection units").kind == "armed_group"


def _one_person_report(text: str, name: str, *aliases: str) -> None:
    facts = [ActorFact(name, "person", aliases=list(aliases), mentions=[span(text, name)])]
    article_facts_replace(article=article_make(text), extraction=Extraction(actors=facts))


@pytest.mark.django_db
def test_a_one_word_person_of_another_report_is_not_a_longer_names_part():
    # "Hussein" alone is another man than Shadi al-Hussein, whose surname it also is; the
    # one-word name still finds its own actor, and the full name its own.
    _one_person_report(
        "Shadi al-Hussein rushed to the site. Hussein said ten died.", "Shadi al-Hussein", "Hussein"
    )
    _one_person_report("Pilgrims visited the shrine, Hussein told the crowd.", "Hussein")
    _one_person_report("Later, Hussein told reporters the road was open.", "Hussein")
    _one_person_report("Shadi al-Hussein returned on Monday.", "Shadi al-Hussein")
    shadi = Actor.objects.get(key="shadi al hussein")
    alone = Actor.objects.get(key="hussein")
    assert Actor.objects.count() == 2
    assert shadi.mention_count == 2 and alone.mention_count == 2


@pytest.mark.django_db
def test_an_organization_joins_by_its_short_form_and_same_slug_gets_a_suffix():
    ypg = Actor.objects.create(
        kind="armed_group",
        name="People's Protection Units",
        key="peoples protection units",
        slug="peoples-protection-units",
    )
    ActorAlias.objects.create(actor=ypg, kind="armed_group", name="YPG", key="ypg")
    Actor.objects.create(kind="person", name="Lavrov", key="lavrov", slug="sergei-lavrov")
    text = "The Kurdish YPG militia said Sergei Lavrov was wrong."
    article = article_make(text)
    article_facts_replace(
        article=article,
        extraction=Extraction(
            actors=[
                ActorFact(
                    "Kurdish YPG militia",
                    "armed_group",
                    aliases=["YPG"],
                    mentions=[span(text, "YPG")],
                ),
                ActorFact("Sergei Lavrov", "person", mentions=[span(text, "Sergei Lavrov")]),
            ]
        ),
    )
    assert Mention.objects.get(text="YPG").actor == ypg
    assert Actor.objects.get(key="sergei lavrov").slug == "sergei-lavrov-2"


@pytest.mark.django_db
def test_places_join_by_geonames_id_and_keep_an_analysts_parent():
    syria = Place.objects.create(
        key="syria:country", name="Syria", kind="country", slug="syria", geonames_id=163843
    )
    text = "Fighting continued in Manbij."
    article = article_make(text)
    manbij = PlaceFact(**{**MANBIJ.__dict__, "mentions": [span(text, "Manbij")]})
    article_facts_replace(article=article, extraction=Extraction(places=[manbij]))
    assert Place.objects.get(key="gn:170063").parent == syria
    assert Place.objects.count() == 3
    assert Mention.objects.get().place.key == "gn:166365"


@pytest.mark.django_db
def test_places_follow_an_analysts_merge_through_redirects():
    kept = Place.objects.create(key="syria:moscow", name="Moscow (city)", kind="city", slug="m")
    PlaceRedirect.objects.create(old_key="gn:524901", place=kept)
    text = "Talks were held in Moscow."
    article = article_make(text)
    moscow = PlaceFact(**{**MOSCOW.__dict__, "geonames_id": None, "parents": [],
                          "mentions": [span(text, "Moscow")]})  # fmt: skip
    article_facts_replace(article=article, extraction=Extraction(places=[moscow]))
    assert list(Place.objects.values_list("key", flat=True)) == ["syria:moscow"]
    assert Mention.objects.get().place == kept


def _bulk_extraction(text: str, copies: int) -> Extraction:
    actors = [
        ActorFact(
            f"Person Number{i}",
            "person",
            aliases=[f"Number{i}"],
            roles=[RoleFact("Commander", "SY", spans=[span(text, f"Person Number{i}")])],
            mentions=[span(text, f"Person Number{i}"), span(text, f"Number{i} ", 1)],
        )
        for i in range(copies)
    ]
    places = [
        PlaceFact(
            **{**MANBIJ.__dict__, "mentions": [span(text, "Manbij", i) for i in range(copies)]}
        )
    ]
    meetings = [
        MeetingFact(
            [f"Person Number{i}", f"Person Number{i + 1}"],
            place="gn:166365",
            date=dt.date(2018, 1, 1) + dt.timedelta(days=3 * i),
            date_precision="day",
            spans=[span(text, f"Person Number{i}")],
        )
        for i in range(copies - 1)
    ]
    return Extraction(actors=actors, places=places, meetings=meetings)


@pytest.mark.parametrize("copies", [3, 12])
@pytest.mark.django_db
def test_queries_do_not_grow_with_mentions(copies, django_assert_max_num_queries):
    text = " ".join(
        f"Person Number{i} met people in Manbij. Number{i} said so." for i in range(copies)
    )
    article = article_make(text)
    extraction = _bulk_extraction(text, copies)
    # 47: five of them read the analysts' rejections (mentions, spellings, roles, meetings,
    # participants), six move the monthly rollups and six the yearly ones (insert, read,
    # update; actors and places).
    with django_assert_max_num_queries(47):
        article_facts_replace(article=article, extraction=extraction)
    with django_assert_max_num_queries(47):
        article_facts_replace(article=article, extraction=extraction)
    assert Mention.objects.count() == copies * 3
    assert Meeting.objects.count() == copies - 1


@pytest.mark.django_db
def test_a_batch_merges_across_its_articles_as_one_after_another_would():
    """The second article's short form joins the organization the first one creates, and its
    report of the meeting joins the first's, though neither was stored before the batch."""
    first_text = "The Kurdish Workers Front (KWF) met Sergei Lavrov in Moscow."
    second_text = "The KWF said Sergei Lavrov promised help."
    first, second = article_make(first_text), article_make(second_text)
    moscow = PlaceFact(**{**MOSCOW.__dict__, "mentions": [span(first_text, "Moscow")]})
    articles_facts_replace(
        [
            ArticleFacts(
                first,
                Extraction(
                    actors=[
                        ActorFact(
                            "Kurdish Workers Front",
                            "armed_group",
                            aliases=["KWF"],
                            mentions=[span(first_text, "Kurdish Workers Front")],
                        ),
                        ActorFact(
                            "Sergei Lavrov", "person", mentions=[span(first_text, "Sergei Lavrov")]
                        ),
                    ],
                    places=[moscow],
                    meetings=[
                        MeetingFact(
                            ["Kurdish Workers Front", "Sergei Lavrov"],
                            place="gn:524901",
                            date=dt.date(2018, 12, 29),
                            date_precision="day",
                            spans=[span(first_text, "met")],
                        )
                    ],
                ),
            ),
            ArticleFacts(
                second,
                Extraction(
                    actors=[
                        ActorFact("KWF", "armed_group", mentions=[span(second_text, "KWF")]),
                        ActorFact(
                            "Sergei Lavrov", "person", mentions=[span(second_text, "Sergei Lavrov")]
                        ),
                    ],
                    meetings=[
                        MeetingFact(
                            ["KWF", "Sergei Lavrov"],
                            date=dt.date(2018, 12, 30),
                            date_precision="day",
                            spans=[span(second_text, "promised")],
                        )
                    ],
                ),
            ),
        ]
    )
    front = Actor.objects.get(kind="armed_group")
    assert front.key == "kurdish workers front"
    assert set(front.mentions.values_list("article_id", flat=True)) == {first.pk, second.pk}
    assert Actor.objects.count() == 2
    meeting = Meeting.objects.get()
    assert set(meeting.sources.values_list("article_id", flat=True)) == {first.pk, second.pk}
    assert meeting.place.key == "gn:524901"


@pytest.mark.django_db
def test_a_batchs_queries_do_not_grow_with_its_articles(django_assert_num_queries):
    """Only meeting reports cost queries per article (matching them to stored meetings)."""
    made = iter(range(100))

    def batch(count):
        items = []
        for _ in range(count):
            text = f"{MOSCOW_TEXT} Report {next(made)}."
            extraction = dataclasses.replace(moscow_extraction(), meetings=[])
            items.append(ArticleFacts(article_make(text), extraction, previous=False))
        return items

    articles_facts_replace(batch(1))  # creates the actors, places and roles
    two, ten = batch(2), batch(10)
    with CaptureQueriesContext(connection) as for_two:
        articles_facts_replace(two)
    with django_assert_num_queries(len(for_two.captured_queries)):
        articles_facts_replace(ten)
    assert Mention.objects.count() == 13 * 5


def race(first, second) -> list[Exception]:
    """Run `first` in a transaction held open for a second after it, and `second` meanwhile, in
    two threads with their own connections, as two workers would; the errors they raised."""
    stored, errors = threading.Event(), []

    def worker_one():
        try:
            with transaction.atomic():
                first()
                stored.set()
                time.sleep(1.0)  # the other worker now waits on our uncommitted rows
        except Exception as exc:  # pragma: no cover - reported by the caller
            errors.append(exc)
        finally:
            stored.set()
            connection.close()

    def worker_two():
        try:
            stored.wait(10)
            second()
        except Exception as exc:  # pragma: no cover - reported by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker_one), threading.Thread(target=worker_two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_workers_meeting_the_same_new_actor_make_one_row():
    """One worker's insert is uncommitted while the other stores the same new actor: the second
    waits on the unique index, then reads the first's row."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serializes writers, so there is no race to test.")
    text_a = "Abu Mohammad al-Jolani met tribal leaders in Idlib."
    text_b = "Abu Mohammad al-Jolani spoke in Idlib on Monday."
    first, second = article_make(text_a), article_make(text_b)

    def extraction(text):
        return Extraction(
            actors=[
                ActorFact(
                    "Abu Mohammad al-Jolani",
                    "person",
                    aliases=["Jolani"],
                    mentions=[span(text, "Abu Mohammad al-Jolani")],
                )
            ]
        )

    errors = race(
        lambda: article_facts_replace(article=first, extraction=extraction(text_a)),
        lambda: article_facts_replace(article=second, extraction=extraction(text_b)),
    )
    assert errors == []
    actor = Actor.objects.get()
    assert actor.key == "abu mohammad al jolani"
    assert set(Mention.objects.values_list("actor_id", flat=True)) == {actor.pk}
    assert Mention.objects.count() == 2
    assert ActorAlias.objects.filter(actor=actor).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_storing_batches_with_the_same_new_actors_make_one_row_each():
    """Two batches name the same new actors and place, in opposite orders; the first batch's
    rows are uncommitted while the second stores its own: one row each, and no deadlock."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serializes writers, so there is no race to test.")
    names = ["Hayat Tahrir al-Sham", "Jaish al-Izza", "Faylaq al-Sham"]
    text = "Hayat Tahrir al-Sham, Jaish al-Izza and Faylaq al-Sham fought near Manbij."

    def batch(order, tag):
        items = []
        for n in range(3):
            article_text = f"{text} Report {tag}{n}."
            actors = [
                ActorFact(name, "armed_group", mentions=[span(article_text, name)])
                for name in (names if order > 0 else names[::-1])
            ]
            manbij = PlaceFact(**{**MANBIJ.__dict__, "mentions": [span(article_text, "Manbij")]})
            extraction = Extraction(actors=actors, places=[manbij])
            items.append(ArticleFacts(article_make(article_text), extraction, previous=False))
        return items

    first, second = batch(1, "a"), batch(-1, "b")
    errors = race(lambda: articles_facts_replace(first), lambda: articles_facts_replace(second))
    assert errors == []
    assert sorted(Actor.objects.values_list("name", flat=True)) == sorted(names)
    assert Place.objects.filter(key="gn:166365").count() == 1
    assert Mention.objects.filter(actor__isnull=False).count() == 6 * 3
    assert Mention.objects.filter(place__key="gn:166365").count() == 6


@pytest.mark.django_db(transaction=True)
def test_two_workers_storing_reports_of_one_new_meeting_make_one_meeting():
    """The first worker's meeting is uncommitted while the second stores its own report of it: the
    second waits for the first to commit, then joins its meeting."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serializes writers, so there is no race to test.")
    moscow, tass = article_make(MOSCOW_TEXT), article_make(TASS_TEXT)
    # Everything but the meeting is stored already, so the workers collide on nothing else.
    for article, extraction in ((moscow, moscow_extraction()), (tass, tass_extraction())):
        extraction.meetings = []
        article_facts_replace(article=article, extraction=extraction)
    errors = race(
        lambda: article_facts_replace(article=moscow, extraction=moscow_extraction()),
        lambda: article_facts_replace(article=tass, extraction=tass_extraction()),
    )
    assert errors == []
    meeting = Meeting.objects.get()
    assert set(meeting.sources.values_list("article_id", flat=True)) == {moscow.pk, tass.pk}


@pytest.mark.django_db
def test_reprocessing_after_an_analysts_merges_keeps_them():
    from entities.services import actor_merge, place_merge

    moscow_article, tass_article = article_make(MOSCOW_TEXT), article_make(TASS_TEXT)
    article_facts_replace(article=moscow_article, extraction=moscow_extraction())
    article_facts_replace(article=tass_article, extraction=tass_extraction())
    shoigu = Actor.objects.get(key="sergei shoigu")
    cavusoglu = Actor.objects.get(key="mevlut cavusoglu")
    actor_merge(keep=shoigu, others=[cavusoglu])  # an analyst's (odd) decision
    moscow = Place.objects.get(key="gn:524901")
    place_merge(keep=Place.objects.get(key="cc:RU"), others=[moscow])
    before = snapshot()

    article_facts_replace(article=moscow_article, extraction=moscow_extraction())
    article_facts_replace(article=tass_article, extraction=tass_extraction())

    assert not Actor.objects.filter(key="mevlut cavusoglu").exists()
    assert not Place.objects.filter(key="gn:524901").exists()
    assert snapshot() == before


# One real-world actor, one row -----------------------------------------------------------------


def one_actor_article(text: str, name: str, kind: str, **fields) -> tuple[Article, Extraction]:
    fact = ActorFact(name, kind, mentions=[span(text, name)], **fields)
    return article_make(text), Extraction(actors=[fact])


@pytest.mark.parametrize(
    ("first", "later", "kind"),
    [
        ("Jaish al-Fatah", "Jeish al-Fath", "armed_group"),
        ("Syrian Coalition", "Syrian Coalitions", "organization"),
        ("Walid al-Moualem", "Walid Muallem", "person"),
    ],
)
@pytest.mark.django_db
def test_spellings_in_later_articles_join_the_actor(first, later, kind):
    article, extraction = one_actor_article(f"{first} spoke on Monday.", first, kind)
    article_facts_replace(article=article, extraction=extraction)
    article, extraction = one_actor_article(f"On Tuesday {later} spoke again.", later, kind)
    article_facts_replace(article=article, extraction=extraction)

    actor = Actor.objects.get()
    assert actor.name == first
    assert sorted(actor.aliases.values_list("name", flat=True)) == sorted([first, later])
    assert Mention.objects.filter(actor=actor).count() == 2


@pytest.mark.django_db
def test_different_given_names_stay_different_actors_across_articles():
    for text, name in [
        ("Bashar al-Assad spoke.", "Bashar al-Assad"),
        ("Ammar al-Assad spoke.", "Ammar al-Assad"),
    ]:
        article, extraction = one_actor_article(text, name, "person")
        article_facts_replace(article=article, extraction=extraction)
    assert sorted(Actor.objects.values_list("name", flat=True)) == [
        "Ammar al-Assad",
        "Bashar al-Assad",
    ]


@pytest.mark.django_db
def test_one_name_given_two_kinds_is_one_row():
    article, extraction = one_actor_article("Midan Karam said so.", "Midan Karam", "organization")
    article_facts_replace(article=article, extraction=extraction)
    article, extraction = one_actor_article("Later Midan Karam left.", "Midan Karam", "person")
    article_facts_replace(article=article, extraction=extraction)
    assert list(Actor.objects.values_list("name", "kind")) == [("Midan Karam", "organization")]
    assert Mention.objects.filter(actor__name="Midan Karam").count() == 2


@pytest.mark.django_db
def test_two_kinds_of_one_name_in_one_batch_are_one_row():
    first, one = one_actor_article("Midan Karam said so.", "Midan Karam", "organization")
    second, other = one_actor_article("Later Midan Karam left.", "Midan Karam", "person")
    articles_facts_replace([ArticleFacts(first, one, False), ArticleFacts(second, other, False)])
    assert Actor.objects.count() == 1


@pytest.mark.django_db
def test_the_knowledge_base_decides_the_kind_of_a_stored_actor():
    article, extraction = one_actor_article("Hezbollah said so.", "Hezbollah", "person")
    article_facts_replace(article=article, extraction=extraction)
    article, extraction = one_actor_article(
        "Then Hezbollah fighters left.", "Hezbollah", "armed_group", known=True
    )
    article_facts_replace(article=article, extraction=extraction)
    actor = Actor.objects.get()
    assert actor.kind == "armed_group"
    assert set(actor.aliases.values_list("kind", flat=True)) == {"armed_group"}


@pytest.mark.django_db
def test_reprocessing_keeps_an_analysts_merge_of_two_spellings():
    conquest, extraction_a = one_actor_article(
        "Army of Conquest fighters.", "Army of Conquest", "armed_group"
    )
    fatah, extraction_b = one_actor_article(
        "Jeish al-Fath fighters.", "Jeish al-Fath", "armed_group"
    )
    article_facts_replace(article=conquest, extraction=extraction_a)
    article_facts_replace(article=fatah, extraction=extraction_b)
    assert Actor.objects.count() == 2
    kept = Actor.objects.get(name="Jeish al-Fath")
    actor_merge(keep=kept, others=[Actor.objects.get(name="Army of Conquest")])

    article_facts_replace(article=conquest, extraction=extraction_a)
    article_facts_replace(article=fatah, extraction=extraction_b)
    later, extraction_c = one_actor_article(
        "Jaish al-Fateh fighters.", "Jaish al-Fateh", "armed_group"
    )
    article_facts_replace(article=later, extraction=extraction_c)
    assert list(Actor.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Mention.objects.filter(actor=kept).count() == 3


@pytest.mark.django_db
def test_an_alias_the_merge_moved_without_a_match_key_is_still_found():
    kept = Actor.objects.create(kind="person", name="Sergei Shoigu", key="sergei shoigu", slug="s")
    ActorAlias.objects.create(actor=kept, kind="person", name="Shoygu Sergey", key="shoygu sergey")
    article, extraction = one_actor_article("Shoygu Sergey came.", "Shoygu Sergey", "person")
    article_facts_replace(article=article, extraction=extraction)
    assert Mention.objects.get().actor == kept


# Undated meetings ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_undated_reports_of_one_place_and_pair_are_one_meeting():
    moscow, tass = article_make(MOSCOW_TEXT), article_make(TASS_TEXT)
    article_facts_replace(
        article=moscow, extraction=moscow_extraction(date=None, precision="unknown")
    )
    undated = tass_extraction()
    undated.meetings[0].participants = ["Mevlut Cavusoglu", "Sergei Shoigu"]
    undated.meetings[0].date, undated.meetings[0].date_precision = None, "unknown"
    article_facts_replace(article=tass, extraction=undated)

    meeting = Meeting.objects.get()
    assert meeting.sources.count() == 2 and meeting.date_precision == "unknown"


@pytest.mark.parametrize("change", ["participants", "place"])
@pytest.mark.django_db
def test_undated_reports_of_other_pairs_or_places_stay_apart(change):
    moscow, tass = article_make(MOSCOW_TEXT), article_make(TASS_TEXT)
    article_facts_replace(
        article=moscow, extraction=moscow_extraction(date=None, precision="unknown")
    )
    undated = tass_extraction(place="cc:RU")
    undated.meetings[0].date, undated.meetings[0].date_precision = None, "unknown"
    if change == "participants":
        undated.meetings[0].place = "gn:524901"
        undated.places = tass_extraction().places
    else:
        undated.meetings[0].participants = ["Mevlut Cavusoglu", "Sergei Shoigu"]
    article_facts_replace(article=tass, extraction=undated)
    assert Meeting.objects.count() == 2
