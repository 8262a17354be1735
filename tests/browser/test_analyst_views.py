"""The meetings and network pages as an analyst uses them in a real browser: meetings of one kind
(and their export), and the network focused on one actor."""

import csv
import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from entities.tests.factories import build_world, make_actor, make_article, make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALL = "Sergei Host0 spoke by phone with Mevlüt Guest1 about the truce on Friday."


def test_filter_meetings_by_kind_and_export_them(page, live_server, local_only, tmp_path, shot):
    world = build_world(3)
    host, guest = world["actors"][0], world["actors"][3]
    article = make_article(CALL, title="A call about the truce", published=dt.date(2017, 4, 7))
    make_meeting([host, guest], kind="phone", date=dt.date(2017, 4, 7), sources=[(article, CALL)])
    page.goto(live_server.url + "/meetings/")
    expect(page.locator(".meeting-list .meeting-item")).to_have_count(7)
    page.select_option("select[name=kind]", label="Phone call")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"/meetings/\?kind=phone"))
    rows = page.locator(".meeting-list .meeting-item")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".badge")).to_have_text("Phone call")
    # The row quotes its report, linked to the sentence in the article.
    expect(rows.first.locator(".meeting-evidence q")).to_have_text(CALL)
    shot(page, "meetings-by-kind")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    path = tmp_path / "meetings.csv"
    download_info.value.save_as(path)
    with path.open(encoding="utf-8", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert [row["kind"] for row in exported] == ["phone"]
    rows.first.locator(".meeting-evidence a").click()
    expect(page).to_have_url(re.compile(rf"/articles/{article.pk}/#s-0$"))
    assert local_only == []


def test_focus_the_network_on_an_actor(page, live_server, local_only, shot):
    world = build_world(3)
    host0 = world["actors"][0]
    loner = make_actor("Distant Envoy", kind="organization")
    stranger = make_actor("Unrelated Person")
    make_meeting([loner, stranger], date=dt.date(2017, 4, 1))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/network/")
    expect(page.locator(".network.network-ready")).to_be_attached()
    legend = page.locator("[data-network-legend]")
    expect(legend).to_contain_text("Organization")
    expect(legend).to_contain_text("9 actors")

    page.select_option("select[name=actor]", label="Sergei Host0")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(rf"\?actor={host0.slug}"))
    expect(page.locator("[data-network-focus]")).to_have_text("Sergei Host0")
    expect(page.locator(".network.network-ready")).to_be_attached()
    # Only the kinds drawn: the organization is not in this neighbourhood.
    expect(legend).not_to_contain_text("Organization")
    expect(legend).to_contain_text("Person")
    expect(legend).to_contain_text("Armed group")
    expect(legend).to_contain_text("5 actors")
    drawn = page.evaluate(
        "JSON.parse(document.getElementById('network-elements').textContent)"
        ".nodes.map(n => n.data.label).sort()"
    )
    assert drawn == sorted(
        [
            "Sergei Host0",
            "Mevlüt Guest0",
            "Mevlüt Guest1",
            "Mevlüt Guest2",
            "Syrian Democratic Forces",
        ]
    )
    shot(page, "network-focus-1")

    page.select_option("select[name=depth]", label="Two meetings away")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"depth=2"))
    expect(legend).to_contain_text("7 actors")
    expect(legend).to_contain_text("Two meetings away")
    expect(page.locator(".network.network-ready")).to_be_attached()
    shot(page, "network-focus-2")

    page.get_by_role("link", name="Show everyone").click()
    expect(legend).to_contain_text("9 actors")
    assert errors == []
    assert local_only == []
