"""The places API: filters, bounding box, GeoJSON for QGIS and Leaflet, CSV, query counts."""

import csv
import io

import jsonschema
import pytest

from tests.api.world import add_rows, build_world

pytestmark = pytest.mark.django_db

# RFC 7946 as a JSON Schema, for what this API emits: a FeatureCollection of Features whose
# geometry is a Point or null (section 3.2), positions [longitude, latitude] (3.1.1), `id` a
# string or number (3.2), no `crs` member (4), properties an object or null (3.2).
POSITION = {
    "type": "array",
    "minItems": 2,
    "maxItems": 3,
    "prefixItems": [
        {"type": "number", "minimum": -180, "maximum": 180},
        {"type": "number", "minimum": -90, "maximum": 90},
    ],
    "items": {"type": "number"},
}
POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {"type": {"const": "Point"}, "coordinates": POSITION},
}
FEATURE = {
    "type": "object",
    "required": ["type", "geometry", "properties"],
    "properties": {
        "type": {"const": "Feature"},
        "id": {"type": ["string", "number"]},
        "geometry": {"oneOf": [{"type": "null"}, POINT]},
        "properties": {"type": ["object", "null"]},
    },
    "not": {"required": ["crs"]},
}
FEATURE_COLLECTION = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": FEATURE},
    },
    "not": {"required": ["crs"]},
}


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def test_list_with_counts(api, api_world):
    body = api.get("/api/v1/places/").json()
    assert [row["slug"] for row in body["results"]] == [
        "aleppo",
        "damascus",
        "moscow",
        "unknown-site",
    ]
    moscow = body["results"][2]
    assert moscow["mention_count"] == 1 and moscow["meeting_count"] == 1
    assert (moscow["latitude"], moscow["longitude"]) == (55.75, 37.62)


def test_detail_by_slug(api, api_world):
    body = api.get("/api/v1/places/damascus/").json()
    assert body["name"] == "Damascus" and body["country"] == "SY"
    assert api.get("/api/v1/places/atlantis/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=RU", ["moscow"]),
        ("country=sy", ["aleppo", "damascus", "unknown-site"]),
        ("kind=site", ["unknown-site"]),
        ("search=alep", ["aleppo"]),
        # Syria's box: Damascus and Aleppo, not Moscow nor a place without coordinates.
        ("bbox=35.5,32.3,42.4,37.4", ["aleppo", "damascus"]),
        ("bbox=36,33,37,34", ["damascus"]),
        ("bbox=%2036.0%20,33,37,34", ["damascus"]),
        # Crossing the antimeridian: from 170E eastwards round to 38E.
        ("bbox=170,34,38,60", ["aleppo", "moscow"]),
        ("ordering=-mention_count,name", ["aleppo", "damascus", "moscow", "unknown-site"]),
    ],
)
def test_filters(api, api_world, query, expected):
    assert slugs(api.get(f"/api/v1/places/?{query}")) == expected


@pytest.mark.parametrize(
    ("bbox", "says"),
    [
        ("1,2,3", "four numbers"),
        ("a,b,c,d", "decimal degrees"),
        ("35,32,42,91", "max_lat 91.0 is outside -90..90"),
        ("-181,0,0,0", "min_lon -181.0 is outside -180..180"),
        ("35,37,42,32", "north of max_lat"),
        ("nan,0,1,1", "outside"),
    ],
)
def test_bad_bbox_is_a_400_that_says_what_is_wrong(api, api_world, bbox, says):
    response = api.get("/api/v1/places/", {"bbox": bbox})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_bbox"
    assert says in error["details"]["bbox"][0]


def test_geojson_is_a_valid_feature_collection(api, api_world):
    response = api.get("/api/v1/places/?format=geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    jsonschema.validate(body, FEATURE_COLLECTION)
    features = {feature["id"]: feature for feature in body["features"]}
    # The place without coordinates is left out; the rest are all there, unpaginated.
    assert set(features) == {"aleppo", "damascus", "moscow"}
    damascus = features["damascus"]
    assert damascus["geometry"] == {"type": "Point", "coordinates": [36.29, 33.51]}
    assert damascus["properties"] == {
        "name": "Damascus",
        "kind": "city",
        "country": "SY",
        "slug": "damascus",
        # DRF's reverse keeps the format asked for: the link is the place's own Feature.
        "url": "http://testserver/api/v1/places/damascus/?format=geojson",
        "mention_count": 1,
        "meeting_count": 1,
        "geo_precision": 1,
    }


def test_geojson_follows_the_filters(api, api_world):
    body = api.get("/api/v1/places/?format=geojson&bbox=35.5,32.3,42.4,37.4").json()
    jsonschema.validate(body, FEATURE_COLLECTION)
    assert sorted(feature["id"] for feature in body["features"]) == ["aleppo", "damascus"]


def test_geojson_schema_catches_swapped_coordinates():
    """The validator used above can fail: [lat, lon] of a far-north place is rejected."""
    swapped = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [10.0, 120.0]},
                "properties": {},
            }
        ],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(swapped, FEATURE_COLLECTION)


def test_geojson_detail_is_a_feature(api, api_world):
    body = api.get("/api/v1/places/moscow/?format=geojson").json()
    jsonschema.validate(body, FEATURE)
    assert body["geometry"]["coordinates"] == [37.62, 55.75]
    unplaced = api.get("/api/v1/places/unknown-site/?format=geojson").json()
    jsonschema.validate(unplaced, FEATURE)
    assert unplaced["geometry"] is None


def test_csv_export(api, api_world):
    response = api.get("/api/v1/places/?format=csv&country=SY")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["slug"] for row in rows] == ["aleppo", "damascus", "unknown-site"]
    assert rows[0]["latitude"] == "36.2" and rows[2]["latitude"] == ""


def test_unknown_format_is_a_404(api, api_world):
    response = api.get("/api/v1/places/?format=kml")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_places_are_read_only(api, api_world, django_user_model):
    assert api.post("/api/v1/places/", {"name": "x"}, format="json").status_code == 401
    api.force_authenticate(django_user_model.objects.create_user("analyst"))
    assert api.post("/api/v1/places/", {"name": "x"}, format="json").status_code == 405


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/places/", 2),  # page with counts, aliases (one page: no count)
        ("/api/v1/places/?format=geojson", 1),  # every place, counts in the same query
        ("/api/v1/places/?format=csv&bbox=35.5,32.3,42.4,37.4", 2),
    ],
)
def test_lists_take_a_fixed_number_of_queries(api, django_assert_num_queries, url, queries):
    api_world = build_world(extra_meetings=3)
    with django_assert_num_queries(queries):
        few = api.get(url)
    add_rows(api_world, 12)
    with django_assert_num_queries(queries):
        many = api.get(url)
    assert 3 <= _rows(few) < _rows(many)


def _rows(response) -> int:
    if response["Content-Type"].startswith("text/csv"):
        return len(response.content.decode().strip().splitlines()) - 1
    body = response.json()
    return len(body["features"] if "features" in body else body["results"])


@pytest.mark.parametrize("query", ["page=0", "page=x", "page_size=5000"])
def test_geojson_still_checks_page_parameters(api, api_world, query):
    response = api.get(f"/api/v1/places/?format=geojson&{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_null_characters_are_a_400_not_a_database_error(api, api_world):
    response = api.get("/api/v1/places/", {"search": "Dam\x00ascus"})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"search": ["Null characters are not allowed."]}
    assert api.get("/api/v1/places/dam%00ascus/").status_code == 400
