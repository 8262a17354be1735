"""Storing extracted events: hand-built extractions, as the extractor's contract describes them."""

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, content_hash
from entities.models import Actor, Event, EventActor, EventSource, Place
from entities.services import (
    ArticleFacts,
    actor_merge,
    article_facts_replace,
    articles_facts_replace,
    place_merge,
)
from entities.services.facts import geo_precision
from extraction.types import ActorFact, EventFact, Extraction, PlaceFact, Span

DAY = dt.date(2019, 3, 5)
STRIKE_TEXT = (
    "Russian jets struck the market of Saraqib on Tuesday, killing nine civilians. "
    "A local council member said the Free Syrian Army had left the town a week earlier."
)
SECOND_TEXT = (
    "Nine people, four of them children, died when aircraft bombed Saraqib on Tuesday. "
    "Rescuers said 11 were killed and 20 wounded by the evening."
)
SYRIA = PlaceFact("cc:SY", "Syria", "country", "SY", 35.0, 38.0)
IDLIB = PlaceFact("sy:idlib-governorate", "Idlib Governorate", "region", "SY", 35.8, 36.6)
SARAQIB = PlaceFact(
    "sy:saraqib", "Saraqib", "city", "SY", 35.86, 36.80, parents=[IDLIB, SYRIA], admin1="Idlib"
)
KAFRANBEL = PlaceFact(
    "sy:kafranbel", "Kafranbel", "city", "SY", 35.61, 36.56, parents=[IDLIB, SYRIA], admin1="Idlib"
)


def sentence(text: str, index: int) -> Span:
    """The index-th sentence of a text whose sentences end with '. '."""
    start = 0
    for _ in range(index):
        start = text.index(". ", start) + 2
    end = text.find(". ", start)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end], start, end)


def article_make(text: str, **fields) -> Article:
    return Article.objects.create(
        title=fields.pop("title", text[:40]),
        text=text,
        content_hash=content_hash(text),
        published=fields.pop("published", DAY),
        **fields,
    )


def strike(text: str = STRIKE_TEXT, **changes) -> EventFact:
    fact = EventFact(
        type="airstrike",
        perpetrators=["Russia"],
        perpetrator_basis="reported",
        targets=[],
        place="sy:saraqib",
        admin1="Idlib",
        date=DAY,
        killed=9,
        killed_civilians=9,
        spans=[sentence(text, 0)],
    )
    return dataclasses.replace(fact, **changes)


def extraction(*events: EventFact, actors=(), places=(SARAQIB,)) -> Extraction:
    return Extraction(actors=list(actors), places=list(places), events=list(events))


def snapshot() -> dict:
    """Every stored event row by content; events by primary key, which must be stable."""
    return {
        "events": sorted(
            Event.objects.values_list(
                "pk", "type", "date", "date_precision", "place__key", "geo_precision", "admin1"
            ),
            key=str,
        ),
        "sources": sorted(
            EventSource.objects.values_list(
                "event_id", "article_id", "sentence_start", "sentence_end", "spans", "killed"
            ),
            key=str,
        ),
        "sides": sorted(
            EventActor.objects.values_list(
                "event_id", "source__article_id", "actor__key", "name", "side", "basis"
            ),
            key=str,
        ),
    }


@pytest.mark.django_db
def test_an_event_is_stored_with_its_place_date_sides_toll_and_sentence():
    article = article_make(STRIKE_TEXT)
    fsa = ActorFact("Free Syrian Army", "armed_group", mentions=[])
    fact = strike(targets=["Free Syrian Army"], wounded=3)
    article_facts_replace(article=article, extraction=extraction(fact, actors=[fsa]))

    event = Event.objects.get()
    assert (event.type, event.date, event.date_precision) == ("airstrike", DAY, "day")
    assert (event.place.key, event.geo_precision, event.admin1) == ("sy:saraqib", 1, "Idlib")
    source = event.sources.get()
    assert source.article == article
    assert (
        source.sentence
        == "Russian jets struck the market of Saraqib on Tuesday, killing nine civilians."
    )
    assert (source.killed, source.killed_civilians, source.wounded) == (9, 9, 3)
    assert source.killed_children is None
    sides = {(s.side, s.name, s.actor.name if s.actor else None) for s in event.actor_links.all()}
    assert sides == {
        ("perpetrator", "Russia", None),  # a country with no actor in the article: its name
        ("target", "Free Syrian Army", "Free Syrian Army"),
    }


@pytest.mark.django_db
def test_a_country_perpetrator_is_the_articles_actor_of_that_name():
    article = article_make(STRIKE_TEXT)
    russia = ActorFact("Russia", "organization", mentions=[])
    article_facts_replace(article=article, extraction=extraction(strike(), actors=[russia]))
    link = EventActor.objects.get()
    assert link.actor == Actor.objects.get(name="Russia")
    assert (link.side, link.basis) == ("perpetrator", "reported")


@pytest.mark.django_db
def test_two_reports_of_one_event_are_one_event_with_each_reports_toll():
    first, second = article_make(STRIKE_TEXT), article_make(SECOND_TEXT)
    article_facts_replace(article=first, extraction=extraction(strike()))
    # The second report names no perpetrator, and gives another toll.
    later = strike(
        SECOND_TEXT,
        perpetrators=[],
        perpetrator_basis=None,
        killed=11,
        killed_civilians=None,
        killed_children=4,
        wounded=20,
        spans=[sentence(SECOND_TEXT, 0), sentence(SECOND_TEXT, 1)],
    )
    article_facts_replace(article=second, extraction=extraction(later))

    event = Event.objects.get()
    sources = {s.article_id: s for s in event.sources.all()}
    assert set(sources) == {first.pk, second.pk}
    assert (sources[first.pk].killed, sources[second.pk].killed) == (9, 11)
    assert sources[second.pk].killed_children == 4
    first_end = SECOND_TEXT.index(". ") + 1
    assert sources[second.pk].spans == [[0, first_end], [first_end + 1, len(SECOND_TEXT)]]
    assert sources[second.pk].sentence_end == len(SECOND_TEXT)


@pytest.mark.parametrize(
    "change",
    [
        {"date": DAY + dt.timedelta(days=1)},
        {"type": "shelling"},
        {"place": "sy:kafranbel"},
        {"perpetrators": ["Syrian government forces"]},  # both name sides, none in common
    ],
)
@pytest.mark.django_db
def test_another_day_type_place_or_perpetrator_is_another_event(change):
    first, second = article_make(STRIKE_TEXT), article_make(SECOND_TEXT)
    places = (SARAQIB, KAFRANBEL)
    article_facts_replace(article=first, extraction=extraction(strike(), places=places))
    later = strike(SECOND_TEXT, **change)
    article_facts_replace(article=second, extraction=extraction(later, places=places))
    assert Event.objects.count() == 2


@pytest.mark.django_db
def test_reprocessing_leaves_the_same_rows():
    first, second = article_make(STRIKE_TEXT), article_make(SECOND_TEXT)
    undated = EventFact(type="arrest", spans=[sentence(STRIKE_TEXT, 1)])
    article_facts_replace(article=first, extraction=extraction(strike(), undated))
    article_facts_replace(article=second, extraction=extraction(strike(SECOND_TEXT, killed=11)))
    before = snapshot()

    article_facts_replace(article=first, extraction=extraction(strike(), undated))
    article_facts_replace(article=second, extraction=extraction(strike(SECOND_TEXT, killed=11)))
    article_facts_replace(article=first, extraction=extraction(strike(), undated))

    assert snapshot() == before
    assert len(before["events"]) == 2
    assert len(before["sources"]) == 3


@pytest.mark.django_db
def test_a_rerun_without_the_event_removes_it_only_where_no_other_report_remains():
    first, second = article_make(STRIKE_TEXT), article_make(SECOND_TEXT)
    article_facts_replace(article=first, extraction=extraction(strike()))
    article_facts_replace(article=second, extraction=extraction(strike(SECOND_TEXT)))
    event = Event.objects.get()

    article_facts_replace(article=first, extraction=extraction())
    assert Event.objects.get().pk == event.pk
    assert list(event.sources.values_list("article_id", flat=True)) == [second.pk]
    assert list(event.actor_links.values_list("source__article_id", flat=True)) == [second.pk]

    article_facts_replace(article=second, extraction=extraction())
    assert not Event.objects.exists()
    assert not EventActor.objects.exists()


@pytest.mark.django_db
def test_events_without_place_and_date_are_stored_and_never_merged():
    first, second = article_make(STRIKE_TEXT), article_make(SECOND_TEXT, published=None)
    loose = {"place": None, "date": None, "admin1": None}
    article_facts_replace(article=first, extraction=extraction(strike(**loose)))
    article_facts_replace(article=second, extraction=extraction(strike(SECOND_TEXT, **loose)))
    events = list(Event.objects.order_by("pk"))
    assert len(events) == 2
    # no day of its own: the report's day, "within the week" (ACLED's time precision 2)
    assert [(e.place, e.date, e.date_precision, e.geo_precision) for e in events] == [
        (None, DAY, "week", None),
        (None, None, "unknown", None),
    ]
    assert [e.sources.get().article for e in events] == [first, second]


@pytest.mark.django_db
def test_events_dated_only_by_their_reports_are_never_merged_and_keep_their_rows():
    first, second = article_make(STRIKE_TEXT), article_make(SECOND_TEXT)
    undated = {"date": None}
    article_facts_replace(article=first, extraction=extraction(strike(**undated)))
    article_facts_replace(article=second, extraction=extraction(strike(SECOND_TEXT, **undated)))
    events = list(Event.objects.order_by("pk"))
    assert [(e.date, e.date_precision) for e in events] == [(DAY, "week")] * 2
    article_facts_replace(article=first, extraction=extraction(strike(**undated)))
    assert list(Event.objects.order_by("pk")) == events
    # a report that gives the day is not one the report only dated
    third = "Jets bombed the market of Saraqib on Tuesday, residents said."
    article_facts_replace(article=article_make(third), extraction=extraction(strike(third)))
    assert Event.objects.count() == 3


@pytest.mark.django_db
def test_unusable_parts_of_a_report_are_left_out_not_stored_half():
    article = article_make(STRIKE_TEXT)
    facts = [
        strike(type="invasion"),  # not an ACLED type we know
        strike(type="shelling", spans=[Span(500, 520, "x", 500, 520)]),  # outside the text
        strike(
            type="protest",
            killed=-3,
            wounded=10**9,
            killed_women=True,
            perpetrator_basis="rumoured",
            perpetrators=["", "  ", "Russia", "russia"],
            date="yesterday",
        ),
    ]
    article_facts_replace(article=article, extraction=extraction(*facts))
    event = Event.objects.get()
    assert (event.type, event.date, event.date_precision) == ("protest", DAY, "week")
    source = event.sources.get()
    assert (source.killed, source.wounded, source.killed_women) == (None, None, None)
    link = event.actor_links.get()
    assert (link.name, link.basis) == ("Russia", "reported")


@pytest.mark.django_db
def test_merging_actors_and_places_moves_their_events():
    article = article_make(STRIKE_TEXT)
    fsa = ActorFact("Free Syrian Army", "armed_group", mentions=[])
    fact = strike(targets=["Free Syrian Army"])
    article_facts_replace(article=article, extraction=extraction(fact, actors=[fsa]))
    kept_actor = Actor.objects.create(kind="armed_group", name="FSA", key="fsa", slug="fsa")
    actor_merge(keep=kept_actor, others=[Actor.objects.get(name="Free Syrian Army")])
    kept_place = Place.objects.create(kind="city", name="Sarakib", key="test:sarakib", slug="sk")
    place_merge(keep=kept_place, others=[Place.objects.get(key="sy:saraqib")])

    event = Event.objects.get()
    assert event.place == kept_place
    assert event.actor_links.get(side="target").actor == kept_actor


def test_geo_precision_follows_the_kind_of_place():
    ghouta = PlaceFact("sy:eastern-ghouta", "Eastern Ghouta", "region", "SY", 33.5, 36.4)
    ghouta.parents = [PlaceFact("sy:rif-dimashq", "Rif Dimashq", "region", "SY", 33.5, 36.5)]
    assert geo_precision(SARAQIB) == 1
    assert geo_precision(dataclasses.replace(SARAQIB, kind="site")) == 1
    assert geo_precision(ghouta) == 2
    assert geo_precision(dataclasses.replace(IDLIB, parents=[SYRIA])) == 3
    assert geo_precision(SYRIA) == 3
    assert geo_precision(None) is None


@pytest.mark.django_db
def test_a_batchs_queries_do_not_grow_with_its_event_reports(django_assert_num_queries):
    """Storing events costs a fixed number of queries per batch, first run and re-run alike."""
    made = iter(range(100))

    def batch(count, previous=False):
        items = []
        for _ in range(count):
            text = f"{STRIKE_TEXT} Report {next(made)}."
            facts = extraction(strike(text), strike(text, type="shelling", date=None))
            items.append(ArticleFacts(article_make(text), facts, previous=previous))
        return items

    articles_facts_replace(batch(1))  # creates the place
    two, ten = batch(2), batch(10)
    with CaptureQueriesContext(connection) as for_two:
        articles_facts_replace(two)
    with django_assert_num_queries(len(for_two.captured_queries)):
        articles_facts_replace(ten)
    assert Event.objects.count() == 1 + 13  # one merged strike, an undated shelling each
    assert EventSource.objects.count() == 13 * 2

    rerun_two = [ArticleFacts(i.article, i.extraction) for i in two]
    rerun_ten = [ArticleFacts(i.article, i.extraction) for i in ten]
    with CaptureQueriesContext(connection) as for_two:
        articles_facts_replace(rerun_two)
    with django_assert_num_queries(len(for_two.captured_queries)):
        articles_facts_replace(rerun_ten)
    assert EventSource.objects.count() == 13 * 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_storing_reports_of_one_new_event_make_one_event():
    """The first worker's event is uncommitted while the second stores its own report of it: the
    second waits on the type-place-day lock, then joins the first's event."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serializes writers, so there is no race to test.")
    from entities.tests.test_facts import race

    first, second = article_make(STRIKE_TEXT), article_make(SECOND_TEXT)
    # The place is stored already, so the workers collide on nothing but the event.
    article_facts_replace(article=first, extraction=extraction())
    errors = race(
        lambda: article_facts_replace(article=first, extraction=extraction(strike())),
        lambda: article_facts_replace(
            article=second, extraction=extraction(strike(SECOND_TEXT, perpetrators=[]))
        ),
    )
    assert errors == []
    event = Event.objects.get()
    assert set(event.sources.values_list("article_id", flat=True)) == {first.pk, second.pk}
