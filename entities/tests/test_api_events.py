"""The events API: sides and toll range, filters, the ACLED-layout CSV, GeoJSON, query counts."""

import csv
import io

import pytest

from entities.acled import COLUMNS
from tests.api.world import add_rows

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def csv_rows(response) -> tuple[list[str], list[dict]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    reader = csv.DictReader(io.StringIO(response.content.decode()))
    return reader.fieldnames, list(reader)


def test_list_newest_first_with_sides_types_and_killed_range(api, api_world):
    strike, capture, protest = api_world.events
    body = api.get("/api/v1/events/").json()
    assert [row["id"] for row in body["results"]] == [capture.pk, strike.pk, protest.pk]
    row = body["results"][1]
    assert (row["type"], row["event_type"], row["sub_event_type"]) == (
        "airstrike",
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert (row["killed_min"], row["killed_max"], row["source_count"]) == (5, 8, 2)
    assert row["event_id_cnty"] == f"SYR{strike.pk}"
    assert row["perpetrators"] == [{"name": "Russia", "basis": "reported", "actor": None}]
    assert row["place"]["slug"] == "damascus" and row["admin1"] == "Damascus"
    captured = body["results"][0]
    assert captured["perpetrators"][0]["actor"]["slug"] == "peoples-protection-units"
    assert captured["perpetrators"][0]["basis"] == "claimed"
    assert captured["sub_event_type"] == "Non-state actor overtakes territory"


def test_detail_has_each_reports_sentence_and_toll(api, api_world):
    strike = api_world.events[0]
    body = api.get(f"/api/v1/events/{strike.pk}/").json()
    killed = {source["article"]["id"]: source["killed"] for source in body["sources"]}
    assert killed == {api_world.articles[0].pk: 8, api_world.articles[1].pk: 5}
    assert body["sources"][0]["sentence"] == "Lavrov meets Cavusoglu."  # oldest report first
    assert body["sources"][0]["spans"] == [[0, 23]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("type=airstrike", [0]),
        ("perpetrator=peoples-protection-units", [1]),
        ("perpetrator=RUSSIA", [0]),
        ("place=damascus", [0]),
        ("governorate=aleppo", [1]),
        ("date_after=2019-03-01&date_before=2019-12-31", [0]),
    ],
)
def test_filters(api, api_world, query, expected):
    assert ids(api.get(f"/api/v1/events/?{query}")) == [api_world.events[i].pk for i in expected]


@pytest.mark.parametrize(
    "query", ["type=bombing", "type=", "date_after=2019-02-30", "ordering=killed"]
)
def test_bad_filters_are_a_400_that_names_the_parameter(api, api_world, query):
    response = api.get(f"/api/v1/events/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.content.decode()


def test_csv_has_acleds_columns_in_order_and_one_row_per_event(api, api_world):
    strike, capture, protest = api_world.events
    for url in ("/api/v1/events.csv", "/api/v1/events/?format=csv"):
        header, rows = csv_rows(api.get(url))
        assert header == COLUMNS
        assert [row["event_id_cnty"] for row in rows] == [
            f"SYR{capture.pk}",
            f"SYR{strike.pk}",
            f"SYR{protest.pk}",
        ]
    row = rows[1]
    assert row == {
        "event_id_cnty": f"SYR{strike.pk}",
        "event_date": "2019-03-01",
        "year": "2019",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Russia",
        "actor2": "'=HYPERLINK(1)",  # a target named like a formula is written as text
        "admin1": "Damascus",
        "location": "Damascus",
        "latitude": "33.51",
        "longitude": "36.29",
        "geo_precision": "1",
        "source": "Example News",
        "notes": "Lavrov meets Cavusoglu.",
        "fatalities": "8",  # the highest report's figure
    }
    undated = rows[2]
    assert (undated["event_date"], undated["year"], undated["time_precision"]) == ("", "", "3")
    assert (undated["event_type"], undated["fatalities"], undated["location"]) == (
        "Protests",
        "0",
        "",
    )


def test_csv_dates_an_event_its_report_gave_no_day_within_the_week(api, api_world):
    strike = api_world.events[0]
    type(strike).objects.filter(pk=strike.pk).update(date_precision="week")
    _, rows = csv_rows(api.get("/api/v1/events.csv"))
    row = next(row for row in rows if row["event_id_cnty"] == f"SYR{strike.pk}")
    assert (row["event_date"], row["time_precision"]) == ("2019-03-01", "2")


def test_csv_of_no_event_still_has_the_header_and_follows_filters(api, api_world):
    header, rows = csv_rows(api.get("/api/v1/events.csv?type=chemical_attack"))
    assert header == COLUMNS and rows == []
    _, rows = csv_rows(api.get("/api/v1/events.csv?governorate=Aleppo"))
    assert [row["sub_event_type"] for row in rows] == ["Non-state actor overtakes territory"]


def test_geojson_features_of_located_events(api, api_world):
    strike, capture, _ = api_world.events
    for url in ("/api/v1/events.geojson", "/api/v1/events/?format=geojson"):
        response = api.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/geo+json")
        body = response.json()
        assert body["type"] == "FeatureCollection"
        assert [f["id"] for f in body["features"]] == [f"SYR{capture.pk}", f"SYR{strike.pk}"]
    feature = body["features"][1]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.29, 33.51]}
    assert feature["properties"]["fatalities"] == 8
    assert feature["properties"]["sub_event_type"] == "Air/drone strike"
    one = api.get(f"/api/v1/events/{strike.pk}/?format=geojson").json()
    assert one["type"] == "Feature" and one["id"] == f"SYR{strike.pk}"


def test_list_and_exports_take_a_fixed_number_of_queries(api, api_world, django_assert_num_queries):
    # Without the prefetch each event would read its sides (and sources) again.
    expected = {
        "/api/v1/events/": 2,  # page, sides (one page: no count)
        "/api/v1/events.csv": 4,  # bounded count, events, sides, sources with articles
        "/api/v1/events.geojson": 4,
        "/api/v1/events/{pk}/": 3,  # event, sides, sources
    }
    pk = api_world.events[0].pk
    for url, count in expected.items():
        with django_assert_num_queries(count):
            assert api.get(url.format(pk=pk)).status_code == 200
    add_rows(api_world, 5)
    for url, count in expected.items():
        with django_assert_num_queries(count):
            assert api.get(url.format(pk=pk)).status_code == 200
    assert len(api.get("/api/v1/events/").json()["results"]) == 8
    assert len(list(csv.reader(io.StringIO(api.get("/api/v1/events.csv").content.decode())))) == 9


@pytest.mark.parametrize("url", ["/api/v1/events.csv", "/api/v1/events.geojson"])
def test_an_export_too_large_to_build_is_refused_with_advice(api, api_world, monkeypatch, url):
    from entities import api as events_api

    whole = api.get(url)
    rows = (
        whole.content.count(b"\r\n") - 1 if url.endswith("csv") else len(whole.json()["features"])
    )
    assert rows >= 2
    monkeypatch.setattr(events_api, "EXPORT_LIMIT", rows - 1)
    response = api.get(url)
    assert response.status_code == 400
    message = response.json()["error"]["details"]["export"][0]
    assert f"More than {rows - 1} events match" in message and "Narrow the filters" in message
    monkeypatch.setattr(events_api, "EXPORT_LIMIT", rows)
    assert api.get(url).status_code == 200
