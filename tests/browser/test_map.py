"""The map with hundreds of places, offline: country outlines from the site's own copy of Natural
Earth, points grouped into clusters, names that never overlap, and no request leaving the site."""

import re

import pytest
from playwright.sync_api import expect

from entities.tests.factories import make_actor, make_article, make_place, mention

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRID = 15  # GRID * GRID places, packed into northern Syria


@pytest.fixture
def crowded():
    """225 places a few kilometres apart, each named in an article of the latest month; one
    place named in more articles than any other."""
    article = make_article("Reports from many villages. " * 4 + "Fighters of Jaish al-Nasr.")
    mention(article, "Jaish al-Nasr", actor=make_actor("Jaish al-Nasr", kind="armed_group"))
    places = []
    for row in range(GRID):
        for column in range(GRID):
            place = make_place(
                f"Village {row}-{column}", lat=35.5 + row * 0.05, lon=36.5 + column * 0.05
            )
            mention(article, "many villages", place=place)
            places.append(place)
    busiest = make_place("Deir ez-Zor", lat=35.33, lon=40.14)
    for n in range(3):
        mention(make_article(f"Deir ez-Zor report number {n}."), "Deir ez-Zor", place=busiest)
    return places


def _label_boxes(page) -> list[dict]:
    return page.locator(".map .leaflet-tooltip.map-label").evaluate_all(
        "labels => labels.map(l => l.getBoundingClientRect().toJSON())"
    )


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["right"] <= b["left"]
        or b["right"] <= a["left"]
        or a["bottom"] <= b["top"]
        or b["bottom"] <= a["top"]
    )


def test_hundreds_of_places_cluster_on_country_outlines_offline(
    page, live_server, local_only, crowded, shot
):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/?start=2017-01-01&end=2017-12-31")
    places_map = page.locator("[data-map=home-map-points]")
    page.wait_for_load_state("load")
    assert errors == []
    expect(places_map).to_have_class(re.compile(r"\bmap-ready\b"))
    expect(places_map).to_have_class(re.compile(r"\bmap-outlines-ready\b"))
    # The basemap: Natural Earth's countries, read from this site (no tile server set).
    assert any("/static/vendor/world-atlas/countries-50m.json" in url for url in requested)
    expect(places_map.locator(".leaflet-outlines-pane path").first).to_be_attached()
    assert places_map.locator(".leaflet-outlines-pane path").count() > 100
    expect(places_map.locator(".leaflet-tile")).to_have_count(0)
    # 226 places drawn as far fewer clusters and points, each cluster counting what it holds.
    clusters = places_map.locator(".map-cluster")
    expect(clusters.first).to_be_visible()
    shown = clusters.count() + places_map.locator(".map-dot").count()
    assert shown < 60
    held = sum(int(text) for text in clusters.all_inner_texts())
    assert held + places_map.locator(".map-dot").count() == GRID * GRID + 1
    # The busiest place keeps its name; no two names overlap.
    expect(places_map.locator(".map-label", has_text="Deir ez-Zor")).to_be_visible()
    boxes = _label_boxes(page)
    assert all(not _overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), boxes
    shot(page, "map-01-clusters")

    # A click on a cluster zooms in: it splits into smaller clusters or points.
    before = clusters.count()
    clusters.first.click()
    expect(places_map.locator(".map-dot")).not_to_have_count(0)
    page.wait_for_function(
        "n => document.querySelectorAll('[data-map=home-map-points] .map-cluster').length !== n",
        arg=before,
    )
    boxes = _label_boxes(page)
    assert all(not _overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), boxes
    shot(page, "map-02-zoomed")
    assert errors == []
    assert local_only == []  # nothing was requested outside the live server


def test_the_place_page_map_draws_outlines_and_the_place_unclustered(
    page, live_server, local_only, crowded
):
    place = crowded[0]
    page.goto(f"{live_server.url}/places/{place.slug}/")
    place_map = page.locator("[data-map=place-map-points]")
    expect(place_map.locator(".leaflet-outlines-pane path").first).to_be_attached()
    expect(place_map.locator(".map-dot-current")).to_have_count(1)
    expect(place_map.locator(".map-label", has_text=place.name)).to_be_visible()
    assert local_only == []


def test_the_actor_page_maps_the_places_named_with_it(page, live_server, local_only, crowded):
    page.goto(live_server.url + "/actors/")
    page.get_by_role("link", name="Jaish al-Nasr").click()
    actor_map = page.locator("[data-map=actor-map-points]")
    expect(actor_map.locator(".leaflet-outlines-pane path").first).to_be_attached()
    # The 15 places the page lists, grouped where they would overlap.
    dots = actor_map.locator(".map-dot").count()
    held = sum(int(n) for n in actor_map.locator(".map-cluster").all_inner_texts())
    assert dots + held == 15
    assert local_only == []
