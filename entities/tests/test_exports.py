"""Exports of the list pages: what the page shows, filters kept, every page, streamed."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from entities import exports
from entities.tests.factories import (
    build_world,
    make_actor,
    make_article,
    make_meeting,
    make_place,
    mention,
)


def _read(response) -> list[dict]:
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _geojson(response) -> dict:
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(b"".join(response.streaming_content))


def test_actor_export_keeps_the_filters_and_the_order(client, world):
    params = {"kind": "person", "country": "TR", "sort": "name"}
    rows = _read(client.get("/actors/export.csv", params))
    shown = [actor.name for actor in client.get("/actors/", params).context["page"].object_list]
    assert [row["name"] for row in rows] == shown
    assert len(rows) == 3
    assert {(row["kind"], row["country"]) for row in rows} == {("person", "TR")}
    first = rows[0]
    assert first["other_names"].startswith("Çavuşoğlu")
    assert first["mentions"] == "1"
    assert first["url"].startswith("http://testserver/actors/")


def test_actor_export_has_every_page_not_only_the_one_shown(client, db, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_PAGE_SIZE", 4)
    for n in range(30):
        make_actor(f"Commander {n:02d}")
    make_actor("Someone Else")
    rows = _read(client.get("/actors/export.csv", {"q": "commander", "page": "2"}))
    assert sorted(row["name"] for row in rows) == [f"Commander {n:02d}" for n in range(30)]


def test_querysets_are_exported_in_slices_in_the_pages_order(client, world, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_PAGE_SIZE", 2)
    shown = client.get("/articles/").context["page"].object_list
    rows = _read(client.get("/articles/export.csv"))
    assert [int(row["id"]) for row in rows] == [article.pk for article in shown]
    assert len(rows) == 4
    meetings = client.get("/meetings/").context["page"].object_list
    rows = _read(client.get("/meetings/export.csv"))
    assert [int(row["id"]) for row in rows] == [meeting.pk for meeting in meetings]
    assert len(rows) == 6


def test_export_quotes_what_a_spreadsheet_would_run(client, db):
    make_actor('=HYPERLINK("http://example.com")', kind="organization")
    make_actor("@SUM(A1)", kind="organization")
    rows = _read(client.get("/actors/export.csv", {"kind": "organization"}))
    assert sorted(row["name"] for row in rows) == [
        '\'=HYPERLINK("http://example.com")',
        "'@SUM(A1)",
    ]


def test_place_export_csv_and_geojson(client, world):
    unplaced = make_place("Somewhere Unmapped")
    article = make_article("Somewhere Unmapped was quiet.")
    mention(article, "Somewhere Unmapped", place=unplaced)
    rows = _read(client.get("/places/export.csv", {"kind": "city", "country": "SY"}))
    assert {row["name"] for row in rows} == {"Town0", "Town1", "Town2", "Somewhere Unmapped"}
    town0 = next(row for row in rows if row["name"] == "Town0")
    assert (town0["within"], town0["latitude"], town0["meetings"]) == (
        "Aleppo Governorate",
        "36.0",
        "3",
    )
    geo = _geojson(client.get("/places/export.geojson", {"q": "town"}))
    assert geo["type"] == "FeatureCollection"
    names = {f["properties"]["name"]: f["geometry"]["coordinates"] for f in geo["features"]}
    assert names == {"Town0": [37.0, 36.0], "Town1": [37.05, 36.05], "Town2": [37.1, 36.1]}


def test_meeting_export_csv_and_geojson_follow_the_filters(client, world):
    host = world["actors"][0]
    params = {"actor": host.slug, "from": "2017-03-01", "to": "2017-03-31"}
    rows = _read(client.get("/meetings/export.csv", params))
    shown = client.get("/meetings/", params).context["page"].object_list
    assert [int(row["id"]) for row in rows] == [meeting.pk for meeting in shown]
    assert len(rows) == 2
    assert all(row["date"] == "2017-03-01" and host.name in row["participants"] for row in rows)
    everything = _read(client.get("/meetings/export.csv"))
    with_role = next(row for row in everything if "(Defense Minister)" in row["participants"])
    assert with_role["sources"] == "1"
    geo = _geojson(client.get("/meetings/export.geojson", {"actor": host.slug}))
    # The undated meeting with the armed group has no place: it is not on the map.
    assert len(geo["features"]) == 3
    assert geo["features"][0]["properties"]["place"] == "Town0"


def test_article_export_follows_search_and_status(client, world):
    rows = _read(client.get("/articles/export.csv", {"status": "done", "q": "Town1"}))
    assert [row["title"] for row in rows] == ["Talks in Town1"]
    failed = _read(client.get("/articles/export.csv", {"status": "failed"}))
    assert [row["status"] for row in failed] == ["failed"]
    assert len(_read(client.get("/articles/export.csv"))) == 4


def test_list_pages_link_to_their_export_with_the_filters(client, world):
    html = client.get("/actors/", {"kind": "person", "page": "1"}).content.decode()
    assert 'href="/actors/export.csv?kind=person"' in html
    html = client.get("/meetings/", {"country": "SY"}).content.decode()
    assert 'href="/meetings/export.csv?country=SY"' in html
    assert 'href="/meetings/export.geojson?country=SY"' in html
    assert 'href="/places/export.geojson' in client.get("/places/").content.decode()
    assert 'href="/articles/export.csv' in client.get("/articles/").content.decode()


EXPORT_QUERIES = {
    "/actors/export.csv": 6,
    "/places/export.csv": 6,
    "/places/export.geojson": 6,
    "/meetings/export.csv": 3,
    "/meetings/export.geojson": 3,
    "/articles/export.csv": 2,
}


@pytest.mark.parametrize("url", list(EXPORT_QUERIES))
def test_export_queries_are_fixed(client, world, django_assert_max_num_queries, url):
    build_world(3, prefix="B")
    with django_assert_max_num_queries(EXPORT_QUERIES[url]):
        response = client.get(url)
        content = b"".join(response.streaming_content)
    assert content.count(b"\n") >= 4  # a header (or the collection's start) and three rows


def test_meeting_export_follows_the_kind_filter(client, world):
    host, guest = world["actors"][0], world["actors"][1]
    call = make_meeting([host, guest], kind="phone", place=world["cities"][2])
    rows = _read(client.get("/meetings/export.csv", {"kind": "phone"}))
    assert [(int(row["id"]), row["kind"]) for row in rows] == [(call.pk, "phone")]
    geo = _geojson(client.get("/meetings/export.geojson", {"kind": "in_person"}))
    assert call.pk not in {f["properties"]["id"] for f in geo["features"]}
    assert {f["properties"]["kind"] for f in geo["features"]} == {"in_person"}


def test_meeting_export_refuses_filters_it_cannot_use(client, world):
    response = client.get("/meetings/export.csv", {"kind": "telepathy"})
    assert response.status_code == 400
    body = response.content.decode()
    assert body.startswith("Nothing was exported: some filters could not be used.")
    assert "- kind: Select a valid choice." in body
