"""The period of aggregating pages: ?start=&end= parsed, applied, kept, and explained when wrong."""

import datetime as dt

import pytest

from entities import selectors
from entities.periods import Period, latest_month, month_before, months_between, period_parse
from entities.tests.factories import build_world, make_actor, make_article, mention

D = dt.date


@pytest.mark.parametrize(
    ("params", "start", "end", "errors"),
    [
        ({}, None, None, 0),
        ({"start": "2016-09-05"}, D(2016, 9, 5), None, 0),
        ({"start": "2016-09-05", "end": "2016-10-05"}, D(2016, 9, 5), D(2016, 10, 5), 0),
        ({"start": "5/9/2016", "end": "2016-10-05"}, None, D(2016, 10, 5), 1),
        ({"start": "20160905"}, None, None, 1),
        ({"end": "2016-02-30"}, None, None, 1),
        ({"start": "2016-10-05", "end": "2016-09-05"}, None, None, 1),
    ],
)
def test_period_parse(params, start, end, errors):
    period = period_parse(params=params)
    assert (period.start, period.end, len(period.errors)) == (start, end, errors)
    assert not period.is_default


def test_period_errors_say_what_to_write():
    period = period_parse(params={"start": "yesterday"})
    assert period.errors == (
        "The start date “yesterday” is not a date: write it as YYYY-MM-DD, e.g. 2016-09-05.",
    )
    swapped = period_parse(params={"start": "2016-10-05", "end": "2016-09-05"})
    assert "before the start date" in swapped.errors[0]


def test_default_applies_only_when_no_date_is_asked_for():
    default = latest_month(D(2016, 10, 5))
    assert (default.start, default.end) == (D(2016, 9, 1), D(2016, 10, 5))
    assert period_parse(params={}, default=default).is_default
    asked = period_parse(params={"end": "2016-01-31"}, default=default)
    assert (asked.start, asked.end, asked.is_default) == (None, D(2016, 1, 31), False)
    assert latest_month(None) is None


def test_month_arithmetic():
    assert month_before(D(2016, 3, 31)) == D(2016, 2, 29)
    assert month_before(D(2017, 1, 15)) == D(2016, 12, 15)
    assert months_between(D(2016, 11, 20), D(2017, 2, 1)) == [
        D(2016, 11, 1),
        D(2016, 12, 1),
        D(2017, 1, 1),
        D(2017, 2, 1),
    ]


def test_timeline_is_drawn_to_scale_with_empty_months(world):
    host = world["actors"][0]
    january = make_article(f"Earlier, {host.name} spoke in January.", published=D(2017, 1, 10))
    mention(january, host.name, actor=host)
    detail = selectors.actor_detail_get(slug=host.slug)
    bars = [(bar["month"], bar["count"]) for bar in detail.timeline]
    assert bars == [(D(2017, 1, 1), 1), (D(2017, 2, 1), 0), (D(2017, 3, 1), 0), (D(2017, 4, 1), 1)]
    # A period wider than the data draws its empty months too.
    period = Period(D(2016, 12, 1), D(2017, 5, 31))
    wide = selectors.actor_detail_get(slug=host.slug, period=period)
    assert [bar["month"] for bar in wide.timeline][0] == D(2016, 12, 1)
    assert len(wide.timeline) == 6
    assert [bar["percent"] for bar in wide.timeline] == [0, 100, 0, 0, 100, 0]
    assert [bar["step"] for bar in wide.timeline] == [0, 100, 0, 0, 100, 0]


def test_home_defaults_to_the_latest_month_and_says_so(client, world):
    old = make_actor("Old Envoy")
    article = make_article("Old Envoy spoke in 2016.", published=D(2016, 6, 1))
    mention(article, "Old Envoy", actor=old)
    html = client.get("/").content.decode()
    assert "2017-03-01 – 2017-04-05</strong>, the latest months of reports." in html
    assert 'href="#p-start">Change</a>' in html
    names = {a.name for a in client.get("/").context["active_actors"]}
    assert "Old Envoy" not in names


def test_home_period_from_the_url(client, world):
    old = make_actor("Old Envoy")
    article = make_article("Old Envoy spoke in 2016.", published=D(2016, 6, 1))
    mention(article, "Old Envoy", actor=old)
    response = client.get("/", {"start": "2016-01-01", "end": "2016-12-31"})
    assert [a.name for a in response.context["active_actors"]] == ["Old Envoy"]
    assert response.context["active_places"] == []
    assert response.context["latest_meetings"] == []
    assert response.context["map_points"] == []
    html = response.content.decode()
    assert 'value="2016-01-01"' in html and 'value="2016-12-31"' in html
    assert "2016-01-01 – 2016-12-31</strong>." in html


@pytest.mark.parametrize("path", ["/", "/network/", "actor", "place"])
def test_bad_dates_give_a_message_not_an_error(client, world, path):
    if path == "actor":
        path = world["actors"][0].get_absolute_url()
    elif path == "place":
        path = world["cities"][0].get_absolute_url()
    response = client.get(path, {"start": "2017-13-01", "end": "<b>soon</b>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The start date “2017-13-01” is not a date: write it as YYYY-MM-DD" in html
    assert "“&lt;b&gt;soon&lt;/b&gt;”" in html


def test_actor_page_narrowed_to_a_period(client, world):
    host = world["actors"][0]
    url = host.get_absolute_url()
    everything = client.get(url).context
    assert everything["detail"].meeting_count == 4
    narrowed = client.get(url, {"start": "2017-04-01", "end": "2017-04-30"}).context
    assert narrowed["detail"].meeting_count == 1  # the March meetings and the undated one drop
    assert narrowed["sentences"].paginator.count == 1
    nothing = client.get(url, {"start": "2018-01-01"}).context
    assert nothing["detail"].meeting_count == 0
    assert nothing["detail"].counterparts == []
    assert nothing["detail"].places == []
    assert nothing["sentences"].paginator.count == 0


def test_place_page_narrowed_to_a_period(client, world):
    city = world["cities"][0]
    everything = client.get(city.get_absolute_url()).context["detail"]
    narrowed = client.get(city.get_absolute_url(), {"end": "2017-03-31"}).context["detail"]
    assert everything.meeting_count == 3
    assert narrowed.meeting_count == 2
    assert narrowed.co_mentioned == []  # its only article is from April


def test_network_takes_the_period(client, world):
    april = client.get("/network/", {"start": "2017-04-01"}).context["graph"]
    march = client.get("/network/", {"end": "2017-03-31"}).context["graph"]
    assert len(april["edges"]) == 3
    assert len(march["edges"]) == 2


# Actor and place pages also list their events (as for test_views.PAGE_QUERIES); the overview's
# rankings read the monthly rollups in two queries each (selectors._most_active, towns_in_play).
# Actor and place pages count who and what is named or met with them by id, then fetch those
# rows by primary key (selectors._named_most_with): a query more for each such list.
PERIOD_QUERIES = {"/": 21, "actor": 19, "place": 17, "/network/": 3}


@pytest.mark.parametrize("page", list(PERIOD_QUERIES))
def test_pages_with_a_period_keep_their_query_count(
    client, world, django_assert_max_num_queries, page
):
    path = page
    if page == "actor":
        path = world["actors"][0].get_absolute_url()
    elif page == "place":
        path = world["cities"][0].get_absolute_url()
    params = {"start": "2017-01-01", "end": "2017-12-31"}
    build_world(3, prefix="B")  # more rows in the same period
    with django_assert_max_num_queries(PERIOD_QUERIES[page]):
        response = client.get(path, params)
    assert response.status_code == 200
    rows = {
        "/": lambda c: c["active_actors"],
        "actor": lambda c: c["detail"].meetings,
        "place": lambda c: c["detail"].meetings,
        "/network/": lambda c: c["graph"]["edges"],
    }[page](response.context)
    assert len(rows) >= 3


def test_empty_months_draw_no_bar_and_the_meetings_link_keeps_the_period(client, world):
    host = world["actors"][0]
    response = client.get(host.get_absolute_url(), {"start": "2017-01-01", "end": "2017-06-30"})
    html = response.content.decode()
    assert len(response.context["detail"].timeline) == 6
    assert html.count('class="timeline-col"') == 6
    assert html.count('class="timeline-bar') == 1  # April only
    assert '<div class="timeline-col" title="Feb 2017: 0 articles"></div>' in html
    assert 'title="Apr 2017: 1 article"><span class="timeline-bar bar-100">' in html
    assert f"?actor={host.slug}&amp;from=2017-01-01&amp;to=2017-06-30" in html
    city = world["cities"][0]
    html = client.get(city.get_absolute_url(), {"end": "2017-03-31"}).content.decode()
    assert f"?place={city.slug}&amp;to=2017-03-31" in html
