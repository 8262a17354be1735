"""Events in a browser: the list, its type filter, an event's page, and the overview's event map."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from entities.tests.factories import make_actor, make_article, make_event, make_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRIKE = "Jets struck the bakery in Maarat Hurma on Sunday, killing six people."
STRIKE_2 = "A second strike on the bakery in Maarat Hurma killed eight, rescuers said on Monday."
CLASH = "Rebels and soldiers fought for hours on the edge of Kafr Nabl on Sunday."


@pytest.fixture
def events(db):
    town = make_place("Maarat Hurma", lat=35.59, lon=36.57)
    other = make_place("Kafr Nabl", lat=35.61, lon=36.56)
    rebels = make_actor("Jaish al-Nasr", kind="armed_group")
    one = make_article(STRIKE, title="Strike on a bakery", published=dt.date(2019, 5, 12))
    two = make_article(STRIKE_2, title="Rescuers count the dead", published=dt.date(2019, 5, 13))
    three = make_article(CLASH, title="Fighting at Kafr Nabl", published=dt.date(2019, 5, 12))
    strike = make_event(
        "airstrike",
        place=town,
        date=dt.date(2019, 5, 12),
        perpetrators=["Russia"],
        sources=[(one, STRIKE, {"killed": 6}), (two, STRIKE_2, {"killed": 8})],
    )
    make_event(
        "armed_clash",
        place=other,
        date=dt.date(2019, 5, 12),
        perpetrators=[rebels],
        sources=[(three, CLASH, {})],
    )
    return {"strike": strike}


def test_filter_events_by_type_and_open_one(page, live_server, local_only, events, shot):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    expect(page).to_have_url(re.compile(r"/events/$"))
    expect(page.locator(".event-item")).to_have_count(2)

    page.select_option("#f-type", "airstrike")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"type=airstrike"))
    expect(page.locator(".event-item")).to_have_count(1)
    expect(page.locator(".result-count")).to_have_text("1 event")
    shot(page, "events-01-filtered")

    page.locator(".event-item .meeting-when a").first.click()
    expect(page).to_have_url(re.compile(rf"/events/{events['strike'].pk}/$"))
    expect(page.locator("h1")).to_have_text("Air/drone strike in Maarat Hurma")
    expect(page.locator(".toll-ranges")).to_contain_text("6–8")
    expect(page.locator(".event-sources blockquote")).to_have_count(2)
    page.get_by_role("link", name="Rescuers count the dead").click()
    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    shot(page, "events-02-article")
    assert errors == []
    assert local_only == []


def test_overview_draws_events_on_the_map(page, live_server, local_only, events):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/")
    expect(page.locator("[data-map=home-event-points].map-ready")).to_be_visible()
    # Two kilometres apart, the two events share a cluster until it is clicked.
    cluster = page.locator("[data-map=home-event-points] .map-cluster")
    expect(cluster).to_have_text("2")
    cluster.click()
    expect(page.locator(".map-dot.map-event-airstrike")).to_have_count(1)
    expect(page.locator(".map-dot.map-event-armed_clash")).to_have_count(1)
    expect(page.locator("#towns-in-play li")).to_have_count(2)
    assert errors == []
