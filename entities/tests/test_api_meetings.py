"""The meetings API: participants with their roles then, sources, filters, CSV, query counts."""

import csv
import io

import pytest

from tests.api.world import add_rows, build_world

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_detail_has_participants_roles_place_and_sources(api, api_world):
    meeting = api_world.meetings[0]
    body = api.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert body["date"] == "2018-12-29" and body["kind"] == "in_person"
    assert body["place"]["slug"] == "moscow"
    participants = {row["slug"]: row for row in body["participants"]}
    assert set(participants) == {"sergey-lavrov", "mevlut-cavusoglu"}
    assert participants["sergey-lavrov"]["role"]["title"] == "Foreign Minister"
    assert participants["mevlut-cavusoglu"]["role"] is None
    [source] = body["sources"]
    assert source["sentence"] == "The ministers met in the capital."  # cut by its offsets
    assert source["article"]["id"] == api_world.articles[0].pk
    assert source["article"]["title"] == "Lavrov meets Cavusoglu"
    assert source["article"]["source_url"] == "https://example.org/lavrov-meets-cavusoglu"
    assert source["article"]["url"].endswith(f"/api/v1/articles/{api_world.articles[0].pk}/")


def test_list_newest_first_undated_last(api, api_world):
    first, second, undated = api_world.meetings
    assert ids(api.get("/api/v1/meetings/")) == [second.pk, first.pk, undated.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("participant=sergei-shoigu", [1]),
        ("participant=mevlut-cavusoglu", [0, 2]),
        ("participant=nobody", []),
        ("place=moscow", [0]),
        ("country=SY", [1]),
        ("country=ru", [0]),
        ("date_after=2019-01-01", [1]),
        ("date_before=2019-01-01", [0]),
        ("date_after=2018-12-29&date_before=2019-03-01", [0, 1]),
        ("kind=phone", [1]),
        ("search=shoigu", [1]),
        ("search=damascus", [1]),
    ],
)
def test_filters(api, api_world, query, expected):
    found = ids(api.get(f"/api/v1/meetings/?{query}"))
    by_id = {meeting.pk: index for index, meeting in enumerate(api_world.meetings)}
    assert sorted(by_id[pk] for pk in found) == expected


def test_ordering(api, api_world):
    pks = sorted(meeting.pk for meeting in api_world.meetings)
    assert ids(api.get("/api/v1/meetings/?ordering=id")) == pks
    assert ids(api.get("/api/v1/meetings/?ordering=-id")) == pks[::-1]
    assert api.get("/api/v1/meetings/?ordering=sentence").status_code == 400


@pytest.mark.parametrize("query", ["date_after=2019-13-01", "kind=lunch", "date_before="])
def test_bad_filters_are_400(api, api_world, query):
    response = api.get(f"/api/v1/meetings/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["error"]["details"]


def test_non_numeric_id_is_a_json_404(api, api_world):
    response = api.get("/api/v1/meetings/first/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_csv_flattens_place_and_joins_participants(api, api_world):
    response = api.get("/api/v1/meetings/?format=csv&place=moscow")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["place.name"] == "Moscow"
    assert row["participants"] == "Mevlüt Çavuşoğlu; Sergey Lavrov"
    assert row["source_count"] == "1"


@pytest.mark.parametrize(
    "url", ["/api/v1/meetings/", "/api/v1/meetings/?participant=sergey-lavrov&format=csv"]
)
def test_list_takes_a_fixed_number_of_queries(api, django_assert_num_queries, url):
    api_world = build_world(extra_meetings=3)
    # page with place and source count, participants with actor and role (one page: no count)
    with django_assert_num_queries(2):
        few = api.get(url)
    add_rows(api_world, 12)
    with django_assert_num_queries(2):
        many = api.get(url)
    assert 3 <= _rows(few) < _rows(many)


def _rows(response) -> int:
    if response["Content-Type"].startswith("text/csv"):
        return len(list(csv.DictReader(io.StringIO(response.content.decode()))))
    return len(response.json()["results"])


def test_list_has_source_counts_not_sentences(api, api_world):
    row = api.get("/api/v1/meetings/?place=moscow").json()["results"][0]
    assert row["source_count"] == 1
    assert "sources" not in row


def test_detail_takes_a_fixed_number_of_queries(api, api_world, django_assert_num_queries):
    # meeting with place and source count, participants, sources with article
    with django_assert_num_queries(3):
        api.get(f"/api/v1/meetings/{api_world.meetings[0].pk}/")


def test_place_filter_takes_the_places_inside(api, world):
    """The API and the meetings page share MeetingFilter: a governorate's slug finds the
    meetings held in its towns."""
    governorate = world["governorate"]
    found = api.get("/api/v1/meetings/", {"place": governorate.slug}).json()["results"]
    assert len(found) == 5
    assert {row["place"]["name"] for row in found} == {"Town0", "Town1", "Town2"}
