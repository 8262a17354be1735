import datetime as dt

import pytest

from extraction.dates import (
    find_dates,
    month_day,
    month_only,
    reference_date,
    relative,
    weekday_after,
    weekday_on_or_before,
)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.mark.parametrize(
    "published", [dt.date(2018, 12, 29) + dt.timedelta(days=i) for i in range(14)]
)
@pytest.mark.parametrize("weekday", range(7))
def test_weekday_is_the_latest_such_day_on_or_before_publication(published, weekday):
    day = weekday_on_or_before(published, weekday)
    assert day.weekday() == weekday
    assert 0 <= (published - day).days <= 6


def test_same_weekday_as_publication_is_the_publication_day():
    saturday = dt.date(2018, 12, 29)
    assert weekday_on_or_before(saturday, 5) == saturday


def test_weekday_across_a_year_boundary():
    # Tuesday 2019-01-01; "on Friday" is 2018-12-28.
    assert weekday_on_or_before(dt.date(2019, 1, 1), 4) == dt.date(2018, 12, 28)


@pytest.mark.parametrize("weekday", range(7))
def test_next_weekday_is_strictly_after(weekday):
    published = dt.date(2020, 2, 18)
    day = weekday_after(published, weekday)
    assert day.weekday() == weekday and 1 <= (day - published).days <= 7


def test_month_day_takes_publication_year():
    assert month_day(dt.date(2018, 12, 29), 12, 27) == dt.date(2018, 12, 27)


def test_month_day_far_after_publication_is_last_year():
    assert month_day(dt.date(2019, 1, 3), 12, 27) == dt.date(2018, 12, 27)


def test_month_day_a_few_days_ahead_stays_this_year():
    assert month_day(dt.date(2018, 12, 29), 12, 31) == dt.date(2018, 12, 31)


def test_explicit_year_wins():
    assert month_day(dt.date(2018, 12, 29), 12, 30, 2016) == dt.date(2016, 12, 30)


def test_invalid_day_gives_none():
    assert month_day(dt.date(2018, 6, 1), 2, 30) is None


def test_leap_day_outside_leap_year_goes_back():
    assert month_day(dt.date(2021, 3, 1), 2, 29) == dt.date(2020, 2, 29)
    assert month_day(dt.date(2020, 3, 5), 2, 29) == dt.date(2020, 2, 29)


def test_month_only_later_month_is_last_year():
    assert month_only(dt.date(2025, 2, 12), 12) == dt.date(2024, 12, 1)
    assert month_only(dt.date(2025, 2, 12), 1) == dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("phrase", "expected", "precision"),
    [
        ("yesterday", dt.date(2018, 12, 28), "day"),
        ("today", dt.date(2018, 12, 29), "day"),
        ("this morning", dt.date(2018, 12, 29), "day"),
        ("last night", dt.date(2018, 12, 28), "day"),
        ("last week", dt.date(2018, 12, 17), "week"),
        ("earlier this month", dt.date(2018, 12, 1), "month"),
        ("last month", dt.date(2018, 11, 1), "month"),
    ],
)
def test_relative_phrases(phrase, expected, precision):
    assert relative(dt.date(2018, 12, 29), phrase) == (expected, precision)


def test_last_month_in_january_is_december_of_last_year():
    assert relative(dt.date(2019, 1, 15), "last month") == (dt.date(2018, 12, 1), "month")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("talks on Tuesday", dt.date(2015, 5, 12)),
        ("met on May 11", dt.date(2015, 5, 11)),
        ("signed on 3 May", dt.date(2015, 5, 3)),
        ("the Jan. 9, 2015 attack", dt.date(2015, 1, 9)),
        ("agreed on Dec. 30 [2014]", dt.date(2014, 12, 30)),
    ],
)
def test_find_dates_resolves(text, expected):
    found = find_dates(text, dt.date(2015, 5, 13))
    assert [d.date for d in found] == [expected]
    assert text[found[0].start : found[0].end] == found[0].text


def test_find_dates_offsets_are_shifted():
    found = find_dates("met on Sunday", dt.date(2024, 12, 22), offset=100)
    assert found[0].start == 104 and found[0].date == dt.date(2024, 12, 22)


def test_modal_may_is_not_a_month():
    assert find_dates("the ministers may meet", dt.date(2020, 1, 1)) == []


def test_next_weekday_is_marked_future():
    found = find_dates("they will meet next Monday", dt.date(2020, 2, 18))
    assert found[0].future and found[0].date == dt.date(2020, 2, 24)


def test_last_weekday_on_that_weekday_is_a_week_before():
    [found] = find_dates("they met last Thursday", dt.date(2018, 6, 21))  # a Thursday
    assert found.date == dt.date(2018, 6, 14)


def test_plain_weekday_on_that_weekday_is_the_same_day():
    [found] = find_dates("they met on Thursday", dt.date(2018, 6, 21))
    assert found.date == dt.date(2018, 6, 21)


def test_a_day_after_by_or_until_is_a_deadline_ahead_not_a_day_past():
    published = dt.date(2018, 9, 17)
    [deadline] = find_dates("Heavy weapons must be withdrawn by October 10.", published)
    assert deadline.date == dt.date(2018, 10, 10) and deadline.future
    [held] = find_dates("The two met on October 10 in Sochi.", published)
    assert held.date == dt.date(2017, 10, 10) and not held.future
    [dated] = find_dates("The truce held until October 10, 2017.", published)
    assert dated.date == dt.date(2017, 10, 10)


def test_by_a_weekday_is_a_day_already_past():
    [friday] = find_dates("By Friday the rebels had retaken the villages.", dt.date(2015, 2, 23))
    assert friday.date == dt.date(2015, 2, 20) and not friday.future


# A feed collected the report days after its own dateline: the dateline is the reference.
@pytest.mark.parametrize(
    "text",
    [
        "4 March 2016 Shells hit the old city on Friday.",
        "Published March 4 2016 Shells hit the old city on Friday.",
        "Date of publication: 4 March 2016. Shells hit the old city on Friday.",
        "Shells hit old city, monitor says Reuters Friday 4 Mar 2016 Shells hit it on Friday.",
        "Shells hit old city Fri Mar 4 2016 Shells hit it on Friday.",
        "Last updated at Mar 4 2016 Shells hit the old city on Friday.",
    ],
)
def test_the_reports_own_dateline_is_the_reference(text):
    assert reference_date(text, dt.date(2016, 3, 12)) == dt.date(2016, 3, 4)


@pytest.mark.parametrize(
    "text",
    [
        # a date told in the headline is an event's, not the report's
        "Remembering the protests of 15 March 2011 in Daraa, five years on.",
        "Shells hit the old city on 4 March 2016, a monitor said.",
        # a dateline far from the publication date is more likely wrong than the feed
        "4 March 2014 Shells hit the old city on Friday.",
        "Shells hit the old city on Friday.",
    ],
)
def test_publication_date_stays_without_a_dateline_near_it(text):
    assert reference_date(text, dt.date(2016, 3, 12)) == dt.date(2016, 3, 12)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("04-03-2016 Shells hit the old city on Friday.", dt.date(2016, 3, 12)),
        ("04.03.2016Get short URL Shells hit the old city on Friday.", dt.date(2016, 3, 5)),
        # the feed filed it months off: the report's first words are its own date
        ("04-03-2016 Shells hit the old city on Friday.", dt.date(2016, 8, 2)),
        ("4 March 2016 Shells hit the old city on Friday.", dt.date(2015, 12, 1)),
    ],
)
def test_a_day_first_numeric_or_opening_dateline_is_the_reference(text, published):
    assert reference_date(text, published) == dt.date(2016, 3, 4)


def test_numeric_dates_are_read_day_first():
    [found] = find_dates("Fighting resumed on 13.04.2017 near the town.", dt.date(2017, 4, 20))
    assert (found.date, found.precision) == (dt.date(2017, 4, 13), "day")
    assert find_dates("Ref 45-13-2014 was filed.", dt.date(2017, 4, 20)) == []


def test_no_reference_without_a_publication_date():
    assert reference_date("4 March 2016 Shells hit the old city.", None) is None


def test_the_parts_of_the_report_s_day_are_found_in_text():
    found = find_dates(
        "Jets struck the town last night and again this morning.", dt.date(2016, 10, 11)
    )
    assert [(d.text, d.date) for d in found] == [
        ("last night", dt.date(2016, 10, 10)),
        ("this morning", dt.date(2016, 10, 11)),
    ]


def test_a_date_that_names_a_street_or_a_movement_is_no_day():
    found = find_dates(
        "Shells fell on April 7th Street and the 8 March Square.", dt.date(2016, 11, 7)
    )
    assert found == []
    [found] = find_dates("Shells fell on April 7 near the square.", dt.date(2016, 11, 7))
    assert found.date == dt.date(2016, 4, 7)


@pytest.mark.parametrize("text", ["Saturday's blast killed 12.", "Saturdays blast killed 12."])
def test_a_weekday_s_possessive_is_that_day(text):
    [found] = find_dates(text, dt.date(2016, 10, 11))
    assert found.date == dt.date(2016, 10, 8)
