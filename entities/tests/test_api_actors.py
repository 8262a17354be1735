"""The actors API: list, filters, detail and its sub-resources, access, CSV, query counts."""

import csv
import io

import pytest

from tests.api.world import add_rows, build_world

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def test_list_shows_aliases_and_counts(api, api_world):
    body = api.get("/api/v1/actors/").json()
    assert body["count"] == 4
    lavrov = next(row for row in body["results"] if row["slug"] == "sergey-lavrov")
    assert lavrov["aliases"] == ["Lavrov", "Sergei Lavrov"]
    assert lavrov["mention_count"] == 2
    assert lavrov["meeting_count"] == 3
    assert lavrov["url"] == "http://testserver/api/v1/actors/sergey-lavrov/"


def test_list_is_ordered_by_name_and_orderable(api, api_world):
    assert slugs(api.get("/api/v1/actors/")) == [
        "mevlut-cavusoglu",
        "peoples-protection-units",
        "sergei-shoigu",
        "sergey-lavrov",
    ]
    assert slugs(api.get("/api/v1/actors/?ordering=-meeting_count,name"))[0] == "sergey-lavrov"


def test_unknown_ordering_is_a_400_naming_the_allowed_fields(api, api_world):
    response = api.get("/api/v1/actors/?ordering=password")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "mention_count" in error["details"]["ordering"][0]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=armed_group", ["peoples-protection-units"]),
        ("country=ru", ["sergei-shoigu", "sergey-lavrov"]),
        ("name=Sergei%20Lavrov", ["sergey-lavrov"]),
        ("name=CAVUSOGLU", ["mevlut-cavusoglu"]),
        ("name=Mevl%C3%BCt%20%C3%87avu%C5%9Fo%C4%9Flu", ["mevlut-cavusoglu"]),
        ("name=Lavro", []),
        ("search=ypg", ["peoples-protection-units"]),
        ("search=shoigu", ["sergei-shoigu"]),
        ("active_after=2019-01-01", ["peoples-protection-units", "sergei-shoigu"]),
        ("active_before=2019-01-01", ["mevlut-cavusoglu", "sergey-lavrov"]),
        ("active_after=2019-02-01&active_before=2019-03-31", ["sergei-shoigu"]),
    ],
)
def test_filters(api, api_world, query, expected):
    assert slugs(api.get(f"/api/v1/actors/?{query}")) == expected


def test_active_range_needs_one_article_in_range_not_two_halves(api, api_world):
    # Lavrov is mentioned only in 2018-12-29; Shoigu only in 2019-03-01: neither is in 2019-01.
    assert slugs(api.get("/api/v1/actors/?active_after=2019-01-01&active_before=2019-01-31")) == []


@pytest.mark.parametrize(
    "query", ["kind=pope", "active_after=yesterday", "kind=", "page_size=0", "page_size=x"]
)
def test_bad_filters_are_400_with_details(api, api_world, query):
    response = api.get(f"/api/v1/actors/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["error"]["status"] == 400
    assert set(body["error"]["details"]) == {query.split("=")[0]}


def test_page_size_and_pages(api, api_world):
    first = api.get("/api/v1/actors/?page_size=3").json()
    assert len(first["results"]) == 3 and first["next"]
    second = api.get("/api/v1/actors/?page_size=3&page=2").json()
    assert [row["slug"] for row in second["results"]] == ["sergey-lavrov"]
    missing = api.get("/api/v1/actors/?page=9")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_detail_has_roles_aliases_counts_and_links(api, api_world):
    body = api.get("/api/v1/actors/sergey-lavrov/").json()
    assert body["name"] == "Sergey Lavrov"
    assert body["roles"] == [
        {
            "title": "Foreign Minister",
            "country": "RU",
            "organization": None,
            "first_attested": "2018-01-01",
            "last_attested": "2019-01-01",
        }
    ]
    assert body["mention_count"] == 2 and body["meeting_count"] == 3
    assert body["counterparts_url"].endswith("/api/v1/actors/sergey-lavrov/counterparts/")


def test_unknown_actor_is_a_json_404(api, api_world):
    response = api.get("/api/v1/actors/nobody/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_meetings_of_an_actor(api, api_world):
    body = api.get("/api/v1/actors/mevlut-cavusoglu/meetings/").json()
    assert body["count"] == 2
    ids = {row["id"] for row in body["results"]}
    assert ids == {api_world.meetings[0].pk, api_world.meetings[2].pk}


def test_mentions_of_an_actor(api, api_world):
    body = api.get("/api/v1/actors/sergey-lavrov/mentions/").json()
    assert [row["start"] for row in body["results"]] == [0, 40]
    assert body["results"][0]["role"] == "Foreign Minister"
    assert body["results"][0]["article"]["id"] == api_world.articles[0].pk


def test_counterparts_with_counts(api, api_world):
    body = api.get("/api/v1/actors/sergey-lavrov/counterparts/").json()
    rows = [(row["slug"], row["meetings_together"], row["last_met"]) for row in body["results"]]
    assert rows == [("mevlut-cavusoglu", 2, "2018-12-29"), ("sergei-shoigu", 1, "2019-03-01")]


def test_sub_resources_of_an_unknown_actor_are_404(api, api_world):
    for name in ("meetings", "mentions", "counterparts"):
        assert api.get(f"/api/v1/actors/nobody/{name}/").status_code == 404


def test_csv_export_flattens_lists(api, api_world):
    response = api.get("/api/v1/actors/?format=csv&kind=person")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    lavrov = next(row for row in rows if row["slug"] == "sergey-lavrov")
    assert lavrov["aliases"] == "Lavrov; Sergei Lavrov"
    assert lavrov["meeting_count"] == "3"
    assert len(rows) == 3


def test_errors_stay_json_when_csv_was_asked_for(api, api_world):
    response = api.get("/api/v1/actors/?format=csv&kind=pope")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "invalid_choice"


def test_read_only_for_everyone(api, api_world, django_user_model):
    assert api.post("/api/v1/actors/", {"name": "x"}).status_code == 401
    api.force_authenticate(django_user_model.objects.create_user("analyst"))
    response = api.delete("/api/v1/actors/sergey-lavrov/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_login_required_when_configured(api, api_world, api_login_required, django_user_model):
    response = api.get("/api/v1/actors/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["error"]["code"] == "not_authenticated"
    user = django_user_model.objects.create_user("analyst")
    api.force_authenticate(user)
    assert api.get("/api/v1/actors/").status_code == 200


def test_token_authentication(api, api_world, django_user_model, api_login_required):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=django_user_model.objects.create_user("analyst"))
    assert api.get("/api/v1/actors/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    bad = api.get("/api/v1/actors/", HTTP_AUTHORIZATION="Token nope")
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "authentication_failed"


def test_anonymous_reads_are_throttled(api, api_world, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": None})
    assert api.get("/api/v1/actors/").status_code == 200
    assert api.get("/api/v1/actors/").status_code == 200
    response = api.get("/api/v1/actors/")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert response.json()["error"]["details"]["wait"] > 0
    assert "Retry-After" in response


# count + page + one query per Prefetch(...); sub-resources first look up the actor.
# A page that holds every row needs no COUNT (conflict_tracker/tests/test_paging.py pins the one
# query more that a page followed by others takes).
LIST_QUERIES = {
    "/api/v1/actors/": 2,
    "/api/v1/actors/?search=envoy": 2,
    "/api/v1/actors/sergey-lavrov/meetings/": 3,
    "/api/v1/actors/sergey-lavrov/mentions/": 2,
    "/api/v1/actors/sergey-lavrov/counterparts/": 2,
}


@pytest.mark.parametrize(("url", "queries"), LIST_QUERIES.items())
def test_lists_take_a_fixed_number_of_queries(api, django_assert_num_queries, url, queries):
    """Pinned like DRF's own tests: the same count with a few rows and with many more."""
    api_world = build_world(extra_meetings=3)
    with django_assert_num_queries(queries):
        few = api.get(url).json()["results"]
    add_rows(api_world, 12)
    with django_assert_num_queries(queries):
        many = api.get(url).json()["results"]
    assert 3 <= len(few) < len(many)


def test_detail_takes_a_fixed_number_of_queries(api, api_world, django_assert_num_queries):
    with django_assert_num_queries(3):  # actor with counts, aliases, roles
        api.get("/api/v1/actors/sergey-lavrov/")


def test_actor_list_query_count_does_not_grow_with_the_page(api, django_assert_max_num_queries):
    build_world(extra_meetings=10)
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/actors/?page_size=3")
    assert len(response.json()["results"]) == 3
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/actors/?page_size=100")
    assert len(response.json()["results"]) == 14


def test_country_is_two_letters_compared_exactly(api, api_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        body = api.get("/api/v1/actors/", {"country": "ru"}).json()
    assert {row["country"] for row in body["results"]} == {"RU"}
    page_query = queries.captured_queries[-2]["sql"]  # the page; the last one is the aliases
    assert "'RU'" in page_query and "UPPER(" not in page_query
    refused = api.get("/api/v1/actors/", {"country": "Russia"})
    assert refused.status_code == 400
    assert "give two letters" in refused.json()["error"]["details"]["country"][0]
