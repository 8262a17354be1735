"""The API's lists count up to a limit, and serve every page past it by reading one row ahead."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger

from articles.models import Article
from conflict_tracker.paging import LookaheadPaginator
from tests.api.world import add_rows, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    api_world = build_world()
    add_rows(api_world, 12)
    return api_world


def _articles():
    return Article.objects.order_by("pk")


def test_last_page_knows_its_count_without_counting(world, django_assert_num_queries):
    total = _articles().count()
    paginator = LookaheadPaginator(_articles(), total + 5)
    with django_assert_num_queries(1):
        page = paginator.page(1)
        assert paginator.count == total and not paginator.capped
    assert not page.has_next() and len(page) == total


def test_a_page_with_more_after_it_counts_them_once(world, django_assert_num_queries):
    total = _articles().count()
    paginator = LookaheadPaginator(_articles(), 4)
    with django_assert_num_queries(2):
        page = paginator.page(2)
        assert paginator.count == total
    assert page.has_next() and [a.pk for a in page] == [a.pk for a in _articles()[4:8]]


def test_count_stops_at_the_limit_and_later_pages_are_still_served(world, monkeypatch):
    monkeypatch.setattr(LookaheadPaginator, "limit", 5)
    total = _articles().count()
    assert total > 10
    paginator = LookaheadPaginator(_articles(), 4)
    assert paginator.page(1).has_next()
    assert paginator.count == 6 and paginator.capped  # limit + 1: "more than 5"
    deep = LookaheadPaginator(_articles(), 4).page(3)  # rows 9 to 12, past the limit
    assert [a.pk for a in deep] == [a.pk for a in _articles()[8:12]]


def test_page_numbers_are_checked(world):
    paginator = LookaheadPaginator(_articles(), 4)
    with pytest.raises(PageNotAnInteger):
        paginator.page("two")
    with pytest.raises(EmptyPage):
        paginator.page(0)
    with pytest.raises(EmptyPage):
        paginator.page(1000)
    with pytest.raises(EmptyPage):  # no query: its OFFSET would be out of a bigint's range
        paginator.page(726853103606898688)
    assert len(LookaheadPaginator(Article.objects.none(), 4).page(1)) == 0


def test_api_says_whether_its_count_is_exact(api, world, monkeypatch):
    total = Article.objects.count()
    body = api.get("/api/v1/articles/", {"page_size": 4}).json()
    assert (body["count"], body["count_exact"]) == (total, True)

    monkeypatch.setattr(LookaheadPaginator, "limit", 5)
    body = api.get("/api/v1/articles/", {"page_size": 4}).json()
    assert (body["count"], body["count_exact"]) == (5, False)
    seen, url = [], "/api/v1/articles/?page_size=4"
    while url:  # a client walks `next` past the limit to the last row
        body = api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == total
    assert body["count_exact"] and body["count"] == total  # the last page knows the total


def test_api_has_no_numbered_last_page_past_the_limit(api, world, monkeypatch):
    assert api.get("/api/v1/articles/", {"page_size": 4, "page": "last"}).status_code == 200
    monkeypatch.setattr(LookaheadPaginator, "limit", 5)
    response = api.get("/api/v1/articles/", {"page_size": 4, "page": "last"})
    assert response.status_code == 404
    assert "follow `next`" in response.json()["error"]["message"]
    assert api.get("/api/v1/articles/", {"page": 99}).status_code == 404
    assert api.get("/api/v1/articles/", {"page": 726853103606898688}).status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/events/", "/api/v1/actors/", "/api/v1/articles/"])
def test_a_page_followed_by_others_takes_one_query_more(api, world, url, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as whole:
        assert api.get(url, {"page_size": 1000}).json()["next"] is None
    with django_assert_num_queries(len(whole) + 1):
        assert api.get(url, {"page_size": 2}).json()["next"]
