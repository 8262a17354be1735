"""Reads from the monthly and yearly rollups give what the mentions themselves give: "active
between" dates exact to the day, the most active of a period (whole years, whole months, and
both), and the actor page's monthly timeline."""

import datetime as dt
import itertools

import pytest

from articles.models import Article
from entities import selectors
from entities.models import Actor, Mention, Place
from entities.periods import Period, period_parse
from entities.services import article_facts_replace
from entities.tests.test_counters import ZAYTUN, article, place, span
from extraction.types import ActorFact, Extraction

D = dt.date
# Who each report names, by its publication date.
REPORTS = {
    D(2018, 3, 15): ["Layla Nasser"],
    D(2018, 12, 31): ["Omar Saleh", "Layla Nasser"],
    D(2019, 6, 4): ["Rami Haddad"],
    D(2019, 6, 20): ["Rami Haddad", "Nadia Karam"],
    D(2019, 7, 13): ["Nadia Karam"],
    D(2019, 9, 30): ["Rami Haddad"],
    D(2019, 10, 1): ["Nadia Karam", "Omar Saleh"],
    D(2020, 1, 1): ["Layla Nasser"],
    D(2020, 2, 10): ["Rami Haddad", "Layla Nasser"],
}


def _store(day: dt.date, names: list[str]) -> None:
    text = f"Report of {day:%d %B %Y}: " + " and ".join(names) + " spoke in Qaryat Zaytun."
    extraction = Extraction(
        actors=[ActorFact(name, "person", mentions=[span(text, name)]) for name in names],
        places=[place(ZAYTUN, text, ("Qaryat Zaytun", 0))],
    )
    article_facts_replace(article=article(text, day), extraction=extraction)


@pytest.fixture
def reports(db):
    for day, names in REPORTS.items():
        _store(day, names)


def _named_between(start, end) -> set[str]:
    mentions = Mention.objects.filter(actor__isnull=False)
    if start:
        mentions = mentions.filter(article__published__gte=start)
    if end:
        mentions = mentions.filter(article__published__lte=end)
    return set(mentions.values_list("actor__name", flat=True))


DAYS = [None, D(2019, 6, 1), D(2019, 6, 5), D(2019, 6, 20), D(2019, 6, 30), D(2019, 7, 31)]
DAYS += [D(2019, 9, 30), D(2019, 10, 1), D(2019, 12, 31)]
# Year boundaries: whole years are read from the yearly rollup.
DAYS += [D(2018, 1, 1), D(2018, 12, 31), D(2019, 1, 1), D(2020, 1, 1), D(2020, 12, 31)]


def test_active_between_is_exact_to_the_day(reports):
    for start, end in itertools.product(DAYS, DAYS):
        if start and end and end < start:
            continue
        found = set(Actor.objects.active_between(start, end).values_list("name", flat=True))
        assert found == _named_between(start, end), (start, end)


def test_active_inside_one_month_needs_a_report_inside_the_days(reports):
    # Haddad is named on 4 and 20 June: his June row spans the 10th-15th, but no report does.
    assert not Actor.objects.active_between(D(2019, 6, 10), D(2019, 6, 15)).exists()
    assert Place.objects.active_between(D(2019, 6, 4), D(2019, 6, 4)).count() == 1


def test_the_api_filter_reads_the_rollups(client, reports):
    response = client.get("/api/v1/actors/?active_after=2019-06-21&active_before=2019-09-30")
    assert sorted(a["name"] for a in response.json()["results"]) == ["Nadia Karam", "Rami Haddad"]


@pytest.mark.parametrize(
    "period",
    [
        Period(D(2019, 6, 1), D(2019, 7, 31)),  # whole months: the rollups
        Period(D(2019, 6, 1), D(2019, 10, 1)),  # ends on the newest report: still whole months
        Period(D(2019, 6, 5), D(2019, 9, 30)),  # starts inside June: the mentions
        Period(D(2019, 9, 1), None),
        Period(D(2019, 1, 1), D(2019, 12, 31)),  # one whole year: the yearly index alone
        Period(D(2018, 1, 1), D(2019, 12, 31)),  # two whole years
        Period(D(2018, 12, 1), D(2020, 1, 31)),  # December, a whole year, January: both
        Period(None, D(2019, 12, 31)),  # every year up to 2019
        Period(D(2019, 7, 1), D(2020, 2, 29)),  # no whole year
        None,
    ],
)
def test_most_active_of_a_period_equals_counting_the_mentions(reports, period):
    def expected(field: str) -> list[tuple[str, int]]:
        counts = {}
        for name, article_id in Mention.objects.filter(
            selectors.in_period("article__published", period), **{f"{field}__isnull": False}
        ).values_list(f"{field}__name", "article_id"):
            counts.setdefault(name, set()).add(article_id)
        return sorted(((n, len(a)) for n, a in counts.items()), key=lambda x: (-x[1], x[0]))

    actors = selectors.active_actor_list(window=period)
    assert [(a.name, a.window_articles) for a in actors] == expected("actor")
    places = selectors.active_place_list(window=period)
    assert [(p.name, p.window_articles) for p in places] == expected("place")
    points = selectors.map_place_list(window=period)
    assert [(p["name"], p["count"]) for p in points] == expected("place")


def test_whole_months_asks_only_about_an_end_inside_a_month(reports, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.whole_months(Period(D(2019, 6, 1), D(2019, 6, 30))) is not None
        assert selectors.whole_months(Period(D(2019, 6, 2), None)) is None
    with django_assert_num_queries(1):
        assert selectors.whole_months(Period(None, D(2019, 6, 19))) is None  # the 20th follows
    with django_assert_num_queries(1):
        assert selectors.whole_months(Period(None, D(2019, 6, 25))) is not None


@pytest.mark.parametrize(
    "period",
    [None, Period(D(2019, 6, 1), D(2019, 9, 30)), Period(D(2019, 6, 5), D(2019, 9, 29))],
)
def test_timeline_equals_counting_the_articles(reports, period, django_assert_max_num_queries):
    haddad = Actor.objects.get(name="Rami Haddad")
    articles = Article.objects.filter(
        selectors.in_period("published", period), mentions__actor=haddad
    ).distinct()
    expected = {}
    for day in articles.values_list("published", flat=True):
        expected[day.replace(day=1)] = expected.get(day.replace(day=1), 0) + 1
    named = Mention.objects.filter(selectors.in_period("article__published", period), actor=haddad)
    with django_assert_max_num_queries(2):
        rows = selectors._monthly_articles(haddad.months.all(), named, period=period)
    assert {row["month"]: row["count"] for row in rows} == expected


@pytest.mark.parametrize("query", ["", "?start=2019-06-01&end=2019-09-30", "?start=2019-06-05"])
def test_the_sentences_count_comes_from_the_counters(client, reports, query):
    haddad = Actor.objects.get(name="Rami Haddad")
    zaytun = Place.objects.get(key=ZAYTUN.key)
    period = period_parse(params=dict(p.split("=") for p in query[1:].split("&") if p))
    for page, mentions in (
        (haddad.get_absolute_url(), Mention.objects.filter(actor=haddad)),
        (zaytun.get_absolute_url(), Mention.objects.filter(place=zaytun)),
    ):
        named = mentions.filter(selectors.in_period("article__published", period))
        expected = named.values("article_id").distinct().count()
        assert client.get(page + query).context["sentences"].paginator.count == expected
