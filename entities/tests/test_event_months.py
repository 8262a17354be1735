"""The places' event months (PlaceEventMonth) stay what the events say through storing, re-runs,
deletions, merges and their undoing, and towns in play read from them give what counting the
events gives."""

import dataclasses
import datetime as dt
import itertools
from collections import Counter

import pytest

from entities import selectors
from entities.models import Event, Place, PlaceEventMonth
from entities.services import article_facts_replace, articles_facts_remove, counters_rebuild
from entities.services.corrections import duplicate_merge
from entities.services.undo import correction_undo
from entities.tests.test_events_store import (
    KAFRANBEL,
    SARAQIB,
    STRIKE_TEXT,
    article_make,
    extraction,
    sentence,
    strike,
)

D = dt.date
COUNTRY = Place.Kind.COUNTRY
pytestmark = pytest.mark.django_db


def counted_from_events() -> dict[tuple[int, dt.date], int]:
    """Every (place, month) with its number of events, counted in Python from the events."""
    return dict(
        Counter(
            (place_id, day.replace(day=1))
            for place_id, day in Event.objects.values_list("place_id", "date")
            if place_id is not None and day is not None
        )
    )


def stored() -> dict[tuple[int, dt.date], int]:
    return {(row.place_id, row.month): row.event_count for row in PlaceEventMonth.objects.all()}


PUBLISHED = D(2019, 3, 30)


def report(text: str, *events, published: dt.date = PUBLISHED):
    article = article_make(text, published=published)
    article_facts_replace(
        article=article, extraction=extraction(*events, places=[SARAQIB, KAFRANBEL])
    )
    return article


def test_stored_events_are_counted_per_place_and_month_of_their_own_date():
    report(
        STRIKE_TEXT,
        strike(date=D(2019, 3, 5)),
        strike(type="shelling", date=D(2019, 2, 27)),
        strike(type="shelling", place="sy:kafranbel", date=D(2019, 3, 1)),
        strike(type="armed_clash", date=None),  # dated by its report: 30 March
    )
    saraqib, kafranbel = Place.objects.get(key="sy:saraqib"), Place.objects.get(key="sy:kafranbel")
    assert stored() == {
        (saraqib.pk, D(2019, 3, 1)): 2,
        (saraqib.pk, D(2019, 2, 1)): 1,
        (kafranbel.pk, D(2019, 3, 1)): 1,
    }


def test_a_rerun_and_a_deletion_take_their_events_months_with_them():
    first = report(STRIKE_TEXT, strike(), strike(type="shelling", date=D(2019, 2, 27)))
    second = report(STRIKE_TEXT + " Later.", strike())  # the same strike: one event, two sources
    assert stored() == counted_from_events()
    assert sum(stored().values()) == 2

    article_facts_replace(article=first, extraction=extraction(strike()))
    assert stored() == counted_from_events()
    assert list(stored().values()) == [1]  # February's row is gone, not left at zero

    articles_facts_remove(articles=[second])
    assert (
        stored()
        == counted_from_events()
        == {(Place.objects.get(key="sy:saraqib").pk, D(2019, 3, 1)): 1}
    )
    articles_facts_remove(articles=[first])
    assert stored() == {}


def test_a_place_merge_and_its_undo_move_the_event_months():
    report(
        STRIKE_TEXT,
        strike(),
        strike(type="shelling", place="sy:kafranbel", date=D(2019, 3, 2)),
        strike(type="shelling", place="sy:kafranbel", date=D(2019, 1, 9)),
    )
    saraqib, kafranbel = Place.objects.get(key="sy:saraqib"), Place.objects.get(key="sy:kafranbel")
    correction = duplicate_merge(kind="place", keep_id=saraqib.pk, other_id=kafranbel.pk, user=None)
    assert (
        stored()
        == counted_from_events()
        == {
            (saraqib.pk, D(2019, 3, 1)): 2,
            (saraqib.pk, D(2019, 1, 1)): 1,
        }
    )
    correction_undo(correction_id=correction.pk, user=None)
    assert stored() == counted_from_events()
    assert stored()[(kafranbel.pk, D(2019, 1, 1))] == 1


def test_counters_rebuild_rewrites_the_event_months():
    report(STRIKE_TEXT, strike(), strike(type="shelling", place="sy:kafranbel"))
    expected = stored()
    PlaceEventMonth.objects.all().delete()
    PlaceEventMonth.objects.create(
        place=Place.objects.get(key="sy:saraqib"), month=D(2001, 1, 1), event_count=7
    )
    counters_rebuild()
    assert stored() == expected == counted_from_events()


@pytest.fixture
def season(db):
    """Events at two towns from December 2018 to March 2019, and one in the country itself."""
    for index, day in enumerate(
        [D(2018, 12, 31), D(2019, 1, 1), D(2019, 1, 31), D(2019, 2, 14), D(2019, 3, 5)]
    ):
        text = f"Report {index}. " + STRIKE_TEXT
        place = "sy:kafranbel" if index % 2 else "sy:saraqib"
        fact = strike(text=text, place=place, date=day, spans=[sentence(text, 1)])
        extra = [dataclasses.replace(fact, type="shelling")] if index < 2 else []
        report(text, fact, *extra, published=day)
    syria = Place.objects.get(kind=COUNTRY)
    Event.objects.create(type="airstrike", date=D(2019, 1, 5), date_precision="day", place=syria)


WINDOW_DAYS = [D(2018, 12, 1), D(2018, 12, 31), D(2019, 1, 1), D(2019, 1, 15), D(2019, 1, 31)]
WINDOW_DAYS += [D(2019, 2, 28), D(2019, 3, 1), D(2019, 3, 31)]


def test_towns_in_play_from_the_months_equal_counting_the_events(season):
    for start, end in itertools.product([None, *WINDOW_DAYS], WINDOW_DAYS):
        if start and start > end:
            continue
        window = selectors.ActivityWindow(start=start, end=end, historical=True)
        expected = Counter(
            name
            for name, day in Event.objects.exclude(place__kind=COUNTRY).values_list(
                "place__name", "date"
            )
            if (start is None or day >= start) and day <= end
        )
        ranked = selectors.towns_in_play(window=window)
        assert {p.name: p.window_events for p in ranked} == dict(expected), (start, end)
        assert [p.window_events for p in ranked] == sorted(expected.values(), reverse=True)


def test_towns_in_play_of_whole_months_reads_the_months(season, django_assert_num_queries):
    PlaceEventMonth.objects.filter(month=D(2019, 1, 1)).update(event_count=50)
    january = selectors.ActivityWindow(start=D(2019, 1, 1), end=D(2019, 1, 31), historical=True)
    with django_assert_num_queries(2):
        ranked = selectors.towns_in_play(window=january)
    assert [p.window_events for p in ranked] == [50, 50]
    # A window that cuts a month counts the events.
    part = selectors.ActivityWindow(start=D(2019, 1, 1), end=D(2019, 1, 30), historical=True)
    assert [p.window_events for p in selectors.towns_in_play(window=part)] == [2]
