"""The stored counters of actors and places, and their monthly rollups, equal a count from
scratch after every change."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.admin.sites import AdminSite
from django.core.management import call_command

from articles.admin import ArticleAdmin
from articles.models import Article, content_hash
from articles.services import articles_delete
from entities.models import (
    Actor,
    ActorMonth,
    ActorYear,
    Event,
    Meeting,
    MeetingParticipant,
    Mention,
    Place,
    PlaceMonth,
    PlaceYear,
)
from entities.services import (
    actor_merge,
    article_facts_replace,
    counters_rebuild,
    place_merge,
)
from entities.services.corrections import alias_reject
from extraction.types import ActorFact, EventFact, Extraction, MeetingFact, PlaceFact, Span

FIRST = (
    "Colonel Rami Haddad met Nadia Karam in Qaryat Zaytun on Monday. "
    "Haddad later spoke about Qaryat Zaytun and Tall Safsaf. "
    "Shelling hit Tall Safsaf at dawn."
)
SECOND = "Nadia Karam visited Tall Safsaf. Karam met Colonel Rami Haddad there on Friday."

ZAYTUN = PlaceFact("test:zaytun", "Qaryat Zaytun", "city", "SY", 35.1, 36.7)
SAFSAF = PlaceFact("test:safsaf", "Tall Safsaf", "city", "SY", 35.3, 36.9)


def span(text: str, phrase: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    sentence_start = text.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = text.find(". ", start)
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    return Span(start, start + len(phrase), phrase, sentence_start, sentence_end)


def place(fact: PlaceFact, text: str, *phrases: tuple[str, int]) -> PlaceFact:
    return PlaceFact(**{**fact.__dict__, "mentions": [span(text, p, n) for p, n in phrases]})


def first_extraction(*, with_meeting: bool = True, with_event: bool = True) -> Extraction:
    text = FIRST
    return Extraction(
        actors=[
            ActorFact(
                "Rami Haddad",
                "person",
                aliases=["Haddad"],
                mentions=[span(text, "Rami Haddad"), span(text, "Haddad", 1)],
            ),
            ActorFact("Nadia Karam", "person", mentions=[span(text, "Nadia Karam")]),
        ],
        places=[
            place(ZAYTUN, text, ("Qaryat Zaytun", 0), ("Qaryat Zaytun", 1)),
            place(SAFSAF, text, ("Tall Safsaf", 0), ("Tall Safsaf", 1)),
        ],
        meetings=[
            MeetingFact(
                ["Rami Haddad", "Nadia Karam"],
                place="test:zaytun",
                date=dt.date(2019, 6, 3),
                date_precision="day",
                spans=[span(text, "Colonel Rami Haddad")],
            )
        ]
        if with_meeting
        else [],
        events=[
            EventFact(
                type="shelling",
                place="test:safsaf",
                date=dt.date(2019, 6, 5),
                spans=[span(text, "Shelling hit")],
            )
        ]
        if with_event
        else [],
    )


def second_extraction() -> Extraction:
    text = SECOND
    return Extraction(
        actors=[
            ActorFact("Rami Haddad", "person", mentions=[span(text, "Rami Haddad")]),
            ActorFact(
                "Nadia Karam",
                "person",
                aliases=["Karam"],
                mentions=[span(text, "Nadia Karam"), span(text, "Karam", 1)],
            ),
        ],
        places=[place(SAFSAF, text, ("Tall Safsaf", 0))],
        meetings=[
            MeetingFact(
                ["Nadia Karam", "Rami Haddad"],
                place="test:safsaf",
                date=dt.date(2019, 7, 12),
                date_precision="day",
                spans=[span(text, "Karam met")],
            )
        ],
    )


def article(text: str, published: dt.date) -> Article:
    return Article.objects.create(
        title=text[:30], text=text, content_hash=content_hash(text), published=published
    )


def counted_from_scratch() -> tuple[dict, dict]:
    """Every actor's and place's counters, counted in Python from the rows themselves."""
    actors = {pk: [0, set(), 0, None] for pk in Actor.objects.values_list("pk", flat=True)}
    places = {pk: [0, set(), 0, 0, None] for pk in Place.objects.values_list("pk", flat=True)}
    published = dict(Article.objects.values_list("pk", "published"))
    for actor_id, place_id, article_id in Mention.objects.values_list(
        "actor_id", "place_id", "article_id"
    ):
        row = actors[actor_id] if actor_id else places[place_id]
        row[0] += 1
        row[1].add(article_id)
        day = published[article_id]
        last = row[-1]
        row[-1] = day if last is None or (day is not None and day > last) else last
    for actor_id in MeetingParticipant.objects.values_list("actor_id", flat=True):
        actors[actor_id][2] += 1
    for place_id in Meeting.objects.exclude(place=None).values_list("place_id", flat=True):
        places[place_id][2] += 1
    for place_id in Event.objects.exclude(place=None).values_list("place_id", flat=True):
        places[place_id][3] += 1
    return (
        {pk: (m, len(a), meet, last) for pk, (m, a, meet, last) in actors.items()},
        {pk: (m, len(a), meet, ev, last) for pk, (m, a, meet, ev, last) in places.items()},
    )


def stored() -> tuple[dict, dict]:
    actors = Actor.objects.values_list(
        "pk", "mention_count", "article_count", "meeting_count", "last_seen"
    )
    places = Place.objects.values_list(
        "pk", "mention_count", "article_count", "meeting_count", "event_count", "last_seen"
    )
    return (
        {pk: tuple(rest) for pk, *rest in actors},
        {pk: tuple(rest) for pk, *rest in places},
    )


def rollups_from_scratch() -> tuple[dict, dict]:
    """Every (actor, month) and (place, month) with its mentions, distinct articles, and first
    and last publication day, counted in Python from the mentions (undated articles left out)."""
    rows: tuple[dict, dict] = ({}, {})
    published = dict(Article.objects.values_list("pk", "published"))
    for actor_id, place_id, article_id in Mention.objects.values_list(
        "actor_id", "place_id", "article_id"
    ):
        day = published[article_id]
        if day is None:
            continue
        which, pk = (0, actor_id) if actor_id else (1, place_id)
        row = rows[which].setdefault((pk, day.replace(day=1)), [0, set(), day, day])
        row[0] += 1
        row[1].add(article_id)
        row[2], row[3] = min(row[2], day), max(row[3], day)
    return tuple(
        {key: (m, len(a), first, last) for key, (m, a, first, last) in found.items()}
        for found in rows
    )


def rollups_stored() -> tuple[dict, dict]:
    fields = ("month", "mention_count", "article_count", "first_day", "last_day")
    return (
        {
            (pk, month): tuple(rest)
            for pk, month, *rest in ActorMonth.objects.values_list("actor_id", *fields)
        },
        {
            (pk, month): tuple(rest)
            for pk, month, *rest in PlaceMonth.objects.values_list("place_id", *fields)
        },
    )


def years_from_scratch() -> tuple[dict, dict]:
    """Every (actor, year) and (place, year) with its mentions and distinct articles."""
    return tuple(
        {(pk, year): (m, a) for (pk, year), (m, a) in _sum_by_year(months).items()}
        for months in rollups_from_scratch()
    )


def _sum_by_year(months: dict) -> dict:
    years: dict = {}
    for (pk, month), (mentions, articles, _, _) in months.items():
        row = years.setdefault((pk, month.replace(month=1)), [0, 0])
        row[0] += mentions
        row[1] += articles
    return years


def years_stored() -> tuple[dict, dict]:
    fields = ("year", "mention_count", "article_count")
    return (
        {(pk, y): (m, a) for pk, y, m, a in ActorYear.objects.values_list("actor_id", *fields)},
        {(pk, y): (m, a) for pk, y, m, a in PlaceYear.objects.values_list("place_id", *fields)},
    )


def assert_counters_right() -> tuple[dict, dict]:
    now = stored()
    assert now == counted_from_scratch()
    assert rollups_stored() == rollups_from_scratch()
    assert years_stored() == years_from_scratch()
    return now


@pytest.fixture
def two_articles(db):
    first = article(FIRST, dt.date(2019, 6, 4))
    second = article(SECOND, dt.date(2019, 7, 13))
    article_facts_replace(article=first, extraction=first_extraction())
    article_facts_replace(article=second, extraction=second_extraction())
    return first, second


def test_storing_keeps_the_counters(two_articles):
    actors, places = assert_counters_right()
    haddad = Actor.objects.get(name="Rami Haddad")
    assert actors[haddad.pk] == (3, 2, 2, dt.date(2019, 7, 13))
    safsaf = Place.objects.get(key="test:safsaf")
    # Named twice by the first report, once by the second; one meeting and one event there.
    assert places[safsaf.pk] == (3, 2, 1, 1, dt.date(2019, 7, 13))
    zaytun = Place.objects.get(key="test:zaytun")
    assert places[zaytun.pk] == (2, 1, 1, 0, dt.date(2019, 6, 4))


def test_storing_keeps_the_monthly_rollups(two_articles):
    haddad = Actor.objects.get(name="Rami Haddad")
    actors, _ = rollups_stored()
    assert actors[(haddad.pk, dt.date(2019, 6, 1))] == (
        2,
        1,
        dt.date(2019, 6, 4),
        dt.date(2019, 6, 4),
    )
    assert actors[(haddad.pk, dt.date(2019, 7, 1))] == (
        1,
        1,
        dt.date(2019, 7, 13),
        dt.date(2019, 7, 13),
    )
    assert len(actors) == 4  # two actors, two months each


def test_an_undated_article_counts_but_has_no_month(two_articles):
    undated = article(FIRST + " Undated copy.", None)
    article_facts_replace(article=undated, extraction=first_extraction())
    actors, _ = assert_counters_right()
    haddad = Actor.objects.get(name="Rami Haddad")
    assert actors[haddad.pk][:2] == (5, 3)
    assert ActorMonth.objects.filter(actor=haddad).count() == 2
    articles_delete(articles=[undated])
    assert_counters_right()


def test_reprocessing_gives_the_same_counters(two_articles):
    first, second = two_articles
    before = assert_counters_right()
    article_facts_replace(article=first, extraction=first_extraction())
    article_facts_replace(article=second, extraction=second_extraction())
    assert assert_counters_right() == before


def test_reprocessing_that_drops_facts_lowers_the_counters(two_articles):
    first, _ = two_articles
    article_facts_replace(
        article=first, extraction=first_extraction(with_meeting=False, with_event=False)
    )
    actors, places = assert_counters_right()
    haddad = Actor.objects.get(name="Rami Haddad")
    assert actors[haddad.pk][2] == 1  # the Qaryat Zaytun meeting is gone
    assert places[Place.objects.get(key="test:safsaf").pk][3] == 0  # and the shelling
    assert places[Place.objects.get(key="test:zaytun").pk][2] == 0


def test_actor_merge_recounts_the_kept_actor(two_articles):
    haddad = Actor.objects.get(name="Rami Haddad")
    karam = Actor.objects.get(name="Nadia Karam")
    kept = actor_merge(keep=haddad, others=[karam])
    actors, _ = assert_counters_right()
    assert actors[haddad.pk] == (6, 2, 2, dt.date(2019, 7, 13))
    assert (kept.mention_count, kept.meeting_count) == (6, 2)


def test_place_merge_recounts_the_kept_place(two_articles):
    safsaf = Place.objects.get(key="test:safsaf")
    zaytun = Place.objects.get(key="test:zaytun")
    kept = place_merge(keep=zaytun, others=[safsaf])
    _, places = assert_counters_right()
    assert places[zaytun.pk] == (5, 2, 2, 1, dt.date(2019, 7, 13))
    assert (kept.mention_count, kept.event_count) == (5, 1)


def test_deleting_an_article_recounts_what_it_named(two_articles):
    first, second = two_articles
    assert articles_delete(articles=[second]) == 1
    actors, places = assert_counters_right()
    haddad = Actor.objects.get(name="Rami Haddad")
    assert actors[haddad.pk] == (2, 1, 1, dt.date(2019, 6, 4))
    # The Tall Safsaf meeting only the deleted report attested is gone with it.
    assert places[Place.objects.get(key="test:safsaf").pk] == (2, 1, 0, 1, dt.date(2019, 6, 4))


def test_admin_delete_and_date_edit_recount(two_articles, rf, admin_user):
    first, second = two_articles
    admin = ArticleAdmin(Article, AdminSite())
    request = rf.post("/")
    request.user = admin_user
    admin.delete_queryset(request, Article.objects.filter(pk=second.pk))
    assert_counters_right()

    class Form:
        changed_data = ["published"]

    first.published = dt.date(2020, 1, 2)
    admin.save_model(request, first, Form(), change=True)
    actors, _ = assert_counters_right()
    assert actors[Actor.objects.get(name="Rami Haddad").pk][3] == dt.date(2020, 1, 2)


def test_alias_rejection_recounts_the_actor(two_articles):
    karam = Actor.objects.get(name="Nadia Karam")
    alias = karam.aliases.get(name="Karam")
    alias_reject(actor_id=karam.pk, alias_id=alias.pk, user=None)
    actors, _ = assert_counters_right()
    assert actors[karam.pk][0] == 2


def test_counters_rebuild_repairs_counters_written_around_the_service(two_articles):
    Actor.objects.update(mention_count=99, article_count=0, meeting_count=7, last_seen=None)
    Place.objects.update(mention_count=0, event_count=5)
    assert stored() != counted_from_scratch()
    out = StringIO()
    call_command("counters_rebuild", "--chunk-size", "1", stdout=out)
    assert_counters_right()
    assert "2 actors and 2 places" in out.getvalue()
    assert counters_rebuild(chunk_size=1) == (2, 2)


def test_counters_rebuild_rejects_a_bad_chunk_size(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="chunk size"):
        call_command("counters_rebuild", "--chunk-size", "0")


def test_an_admin_edit_does_not_overwrite_counters_recounted_meanwhile(
    two_articles, rf, admin_user
):
    from entities.admin import ActorAdmin

    haddad = Actor.objects.get(name="Rami Haddad")  # as the change form loaded it
    Actor.objects.filter(pk=haddad.pk).update(mention_count=41)  # a worker recounts meanwhile
    haddad.description = "Commands a brigade."
    request = rf.post("/")
    request.user = admin_user
    ActorAdmin(Actor, AdminSite()).save_model(request, haddad, form=None, change=True)
    assert Actor.objects.values_list("description", "mention_count").get(pk=haddad.pk) == (
        "Commands a brigade.",
        41,
    )


# Deltas: storing an article moves the counters by what its mentions changed, never by a recount.


def test_mentions_carry_their_articles_date_through_storing_and_date_edits(two_articles):
    first, second = two_articles
    dates = set(Mention.objects.filter(article=first).values_list("published", flat=True))
    assert dates == {dt.date(2019, 6, 4)}
    first.published = dt.date(2019, 7, 1)
    first.save(update_fields=["published"])
    from articles.services import article_published_change

    article_published_change(article=first)
    dates = set(Mention.objects.filter(article=first).values_list("published", flat=True))
    assert dates == {dt.date(2019, 7, 1)}
    assert_counters_right()


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2019, 6, 1),
        dt.date(2019, 6, 30),
        dt.date(2019, 7, 13),
        dt.date(2019, 8, 2),
        None,
        dt.date(2018, 12, 31),  # into another year: the yearly rows move too
        dt.date(2020, 1, 1),
    ],
)
def test_a_date_edit_moves_the_months_exactly(two_articles, day):
    first, second = two_articles
    from articles.services import article_published_change

    second.published = day
    second.save(update_fields=["published"])
    article_published_change(article=second)
    assert_counters_right()
    first.published = day
    first.save(update_fields=["published"])
    article_published_change(article=first)
    assert_counters_right()


def test_losing_the_first_or_last_report_of_a_month_moves_its_days_in(two_articles):
    first, second = two_articles
    early = article(SECOND + " An early copy.", dt.date(2019, 7, 2))
    late = article(SECOND + " A late copy.", dt.date(2019, 7, 28))
    article_facts_replace(article=early, extraction=second_extraction())
    article_facts_replace(article=late, extraction=second_extraction())
    haddad = Actor.objects.get(name="Rami Haddad")
    july = ActorMonth.objects.get(actor=haddad, month=dt.date(2019, 7, 1))
    assert (july.first_day, july.last_day, july.article_count) == (
        dt.date(2019, 7, 2),
        dt.date(2019, 7, 28),
        3,
    )
    article_facts_replace(article=early, extraction=Extraction())
    articles_delete(articles=[late])
    assert_counters_right()
    july.refresh_from_db()
    assert (july.first_day, july.last_day, july.article_count) == (
        dt.date(2019, 7, 13),
        dt.date(2019, 7, 13),
        1,
    )


def test_a_batch_of_articles_in_one_month_moves_the_counters_once_each(db):
    from entities.services import articles_facts_replace
    from entities.services.facts import ArticleFacts

    copies = [article(SECOND + f" Copy {n}.", dt.date(2019, 7, 1 + n)) for n in range(4)]
    articles_facts_replace([ArticleFacts(a, second_extraction()) for a in copies])
    assert_counters_right()
    # Again, with one of them no longer naming anyone: the others are kept as they are.
    items = [ArticleFacts(a, second_extraction()) for a in copies[1:]]
    articles_facts_replace([ArticleFacts(copies[0], Extraction()), *items])
    actors, _ = assert_counters_right()
    assert actors[Actor.objects.get(name="Nadia Karam").pk][:2] == (6, 3)


def test_storing_an_article_costs_the_same_whatever_the_history(db, django_assert_num_queries):
    def store(n: int) -> int:
        report = article(SECOND + f" Report {n}.", dt.date(2019, 7, 1 + n % 28))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            article_facts_replace(article=report, extraction=second_extraction(), previous=False)
        return len(queries)

    store(0)
    second = store(1)
    for n in range(2, 12):
        store(n)
    assert store(12) == second
    assert_counters_right()


def test_counters_rebuild_gives_mentions_their_articles_date(two_articles):
    first, _ = two_articles
    Mention.objects.filter(article=first).update(published=None)
    Article.objects.filter(pk=first.pk).update(published=dt.date(2019, 6, 20))
    counters_rebuild()
    assert set(Mention.objects.filter(article=first).values_list("published", flat=True)) == {
        dt.date(2019, 6, 20)
    }
    assert_counters_right()
