"""Places a report locates by another place ("the village of X, east of Homs"): stored at that
place's point with ACLED's geo_precision, linked to it, shown as approximate, improved by a
later report that places them better, never moving a gazetteer point."""

import datetime as dt

import pytest

from entities.models import Place
from entities.services import article_facts_replace
from entities.services.facts import geo_precision
from entities.tests.test_facts import article_make, span
from extraction.types import Extraction, PlaceFact

SYRIA = PlaceFact("cc:SY", "Syria", "country", "SY", 35.0, 38.0, geonames_id=163843)
HOMS_GOVERNORATE = PlaceFact(
    "gn:169575", "Homs Governorate", "region", "SY", 34.6, 38.3, parents=[SYRIA]
)
HOMS = PlaceFact(
    "gn:169577",
    "Homs",
    "city",
    "SY",
    34.727,
    36.723,
    geonames_id=169577,
    parents=[HOMS_GOVERNORATE, SYRIA],
    admin1="Homs",
)


def village(*, precision: int, by: PlaceFact, text: str, name: str = "Kafr Zeitoun") -> PlaceFact:
    """A village no gazetteer lists, given the point of `by`."""
    return PlaceFact(
        "text:homs:kafr zeitoun",
        name,
        "city",
        "SY",
        by.lat,
        by.lon,
        parents=[HOMS_GOVERNORATE, SYRIA],
        mentions=[span(text, name)],
        admin1="Homs",
        geo_precision=precision,
        located_by=by.key,
    )


def store(text: str, *places: PlaceFact, day: int = 1) -> None:
    article = article_make(text, published=dt.date(2017, 3, day))
    article_facts_replace(article=article, extraction=Extraction(places=list(places)))


@pytest.mark.django_db
def test_a_located_village_takes_the_towns_point_and_names_it():
    text = "Shells hit Kafr Zeitoun, east of Homs city."
    homs = PlaceFact(**{**HOMS.__dict__, "mentions": [span(text, "Homs")]})
    store(text, village(precision=2, by=homs, text=text), homs)

    place = Place.objects.select_related("located_near", "parent").get(key="text:homs:kafr zeitoun")
    assert (place.latitude, place.longitude) == (HOMS.lat, HOMS.lon)
    assert place.geo_precision == Place.GeoPrecision.NEAR_TOWN
    assert place.approximate
    assert place.located_near.key == "gn:169577"
    assert place.parent.key == "gn:169575"
    town = Place.objects.get(key="gn:169577")
    assert town.geo_precision == Place.GeoPrecision.POINT and not town.approximate


@pytest.mark.django_db
def test_a_later_report_that_places_it_better_moves_it_and_a_vaguer_one_does_not():
    first = "Clashes were reported in Kafr Zeitoun in the Homs countryside."
    governorate = PlaceFact(**{**HOMS_GOVERNORATE.__dict__, "mentions": [span(first, "Homs")]})
    store(first, village(precision=3, by=governorate, text=first), governorate)
    place = Place.objects.get(key="text:homs:kafr zeitoun")
    assert (place.geo_precision, place.latitude) == (3, HOMS_GOVERNORATE.lat)
    assert place.located_near.key == "gn:169575"

    second = "Shells hit Kafr Zeitoun, east of Homs city."
    homs = PlaceFact(**{**HOMS.__dict__, "mentions": [span(second, "Homs")]})
    store(second, village(precision=2, by=homs, text=second), homs, day=2)
    place.refresh_from_db()
    assert (place.geo_precision, place.latitude, place.longitude) == (2, HOMS.lat, HOMS.lon)
    assert place.located_near.key == "gn:169577"

    third = "Kafr Zeitoun was quiet, activists in the Homs countryside said."
    governorate = PlaceFact(**{**HOMS_GOVERNORATE.__dict__, "mentions": [span(third, "Homs")]})
    store(third, village(precision=3, by=governorate, text=third), governorate, day=3)
    place.refresh_from_db()
    assert (place.geo_precision, place.latitude) == (2, HOMS.lat)
    assert place.located_near.key == "gn:169577"


@pytest.mark.django_db
def test_a_gazetteer_point_never_moves_for_a_located_one():
    text = "Fighting in Homs, near the town of Homs."
    homs = PlaceFact(**{**HOMS.__dict__, "mentions": [span(text, "Homs")]})
    store(text, homs)
    located = PlaceFact(
        **{**HOMS.__dict__, "lat": 34.0, "lon": 37.0, "geo_precision": 3, "located_by": "gn:1"}
    )
    store(text + " Again.", located, day=2)
    town = Place.objects.get(key="gn:169577")
    assert (town.latitude, town.longitude, town.geo_precision) == (34.727, 36.723, 1)
    assert town.located_near is None


@pytest.mark.django_db
def test_a_place_without_a_point_has_no_precision():
    text = "Residents fled Kafr Zeitoun."
    unlocated = PlaceFact(
        "text:kafr zeitoun",
        "Kafr Zeitoun",
        "region",
        None,
        None,
        None,
        mentions=[span(text, "Kafr Zeitoun")],
    )
    store(text, unlocated)
    place = Place.objects.get(key="text:kafr zeitoun")
    assert (place.latitude, place.geo_precision, place.approximate) == (None, None, False)


def test_an_events_precision_is_no_better_than_its_places_point():
    text = "Shells hit Kafr Zeitoun, east of Homs city."
    assert geo_precision(village(precision=2, by=HOMS, text=text)) == 2
    assert geo_precision(village(precision=3, by=HOMS_GOVERNORATE, text=text)) == 3
    assert geo_precision(HOMS) == 1
    assert geo_precision(HOMS_GOVERNORATE) == 3


@pytest.mark.django_db
def test_the_place_page_map_and_api_say_the_point_is_approximate(client, api):
    text = "Shells hit Kafr Zeitoun, east of Homs city."
    homs = PlaceFact(**{**HOMS.__dict__, "mentions": [span(text, "Homs")]})
    store(text, village(precision=2, by=homs, text=text), homs)
    place = Place.objects.get(key="text:homs:kafr zeitoun")

    page = client.get(place.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Approximate: no gazetteer lists it" in html
    assert 'href="/places/' in html and ">Homs</a>, the town a report puts it in or near" in html
    points = page.context["detail"].map_points
    assert [p["approximate"] for p in points if p["slug"] == place.slug] == [True]

    town = client.get(Place.objects.get(key="gn:169577").get_absolute_url())
    assert "Approximate:" not in town.content.decode()

    data = api.get(f"/api/v1/places/{place.slug}/").json()
    assert (data["geo_precision"], data["located_near"]) == (
        2,
        Place.objects.get(key="gn:169577").slug,
    )
    features = api.get("/api/v1/places/?format=geojson").json()["features"]
    precision = {f["id"]: f["properties"]["geo_precision"] for f in features}
    assert precision[place.slug] == 2 and precision[Place.objects.get(key="gn:169577").slug] == 1
