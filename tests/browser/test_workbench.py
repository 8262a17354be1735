"""The analyst's workbench in a real browser: choose a period, export a filtered list and read it
back, merge from the duplicates queue, jump to a fact's sentence."""

import csv
import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from entities.models import Actor, Correction
from entities.tests.analysts import analysts_group
from entities.tests.factories import build_world, make_actor, make_article, mention

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, django_user_model, *, analyst: bool = True):
    user = django_user_model.objects.create_user("analyst", password="s3cret-pass")
    if analyst:
        user.groups.add(analysts_group())
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", "s3cret-pass")
    page.locator("form.stack button[type=submit]").click()
    expect(page.locator(".account-name")).to_have_text("analyst")


def _old_envoy():
    envoy = make_actor("Old Envoy", country="GB")
    article = make_article("Old Envoy spoke in Geneva in June.", published=dt.date(2016, 6, 1))
    mention(article, "Old Envoy", actor=envoy)
    return envoy


def test_choose_a_period_on_the_overview(page, live_server, local_only, shot):
    build_world(3)
    _old_envoy()
    page.goto(live_server.url + "/")
    note = page.locator(".period-note")
    expect(note).to_contain_text("Showing 2017-03-01 – 2017-04-05, the latest months of reports.")
    expect(page.locator(".ranked", has_text="Old Envoy")).to_have_count(0)
    note.get_by_role("link", name="Change").click()
    page.fill("#p-start", "2016-01-01")
    page.fill("#p-end", "2016-12-31")
    page.get_by_role("button", name="Show period").click()
    expect(page).to_have_url(re.compile(r"/\?start=2016-01-01&end=2016-12-31$"))
    expect(note).to_contain_text("Showing 2016-01-01 – 2016-12-31.")
    expect(page.locator("ol.ranked li a", has_text="Old Envoy")).to_be_visible()
    shot(page, "workbench-01-period")
    # A date typed into the address bar that is not one is explained, not a server error.
    page.goto(live_server.url + "/?start=2016-02-30")
    expect(page.locator(".period-errors")).to_contain_text("“2016-02-30” is not a date")
    assert local_only == []


def test_export_a_filtered_list_and_read_it_back(page, live_server, local_only, tmp_path):
    build_world(3)
    page.goto(live_server.url + "/actors/")
    page.select_option("select[name=country]", "TR")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("table.table tbody tr")).to_have_count(3)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    assert download.suggested_filename == "actors.csv"
    path = tmp_path / "actors.csv"
    download.save_as(path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    assert {row["country"] for row in rows} == {"TR"}
    assert {row["name"] for row in rows} == {f"Mevlüt Guest{i}" for i in range(3)}
    assert local_only == []


def test_merge_from_the_duplicates_queue(page, live_server, django_user_model, local_only, shot):
    kept = make_actor("Jaish al-Fatah", kind="armed_group")
    other = make_actor("Jeish al-Fath", kind="armed_group")
    text = "Jaish al-Fatah took the hill. Jeish al-Fath fighters held it. Jaish al-Fatah left."
    article = make_article(text)
    mention(article, "Jaish al-Fatah", actor=kept)
    mention(article, "Jaish al-Fatah", actor=kept, occurrence=1)
    mention(article, "Jeish al-Fath", actor=other)
    _log_in(page, live_server, django_user_model)
    page.locator(".mainnav").get_by_role("link", name="Duplicates").click()
    row = page.locator(".dup-row", has_text="Jeish al-Fath")
    expect(row).to_contain_text("Jaish al-Fatah")
    shot(page, "workbench-02-duplicates")
    row.get_by_placeholder("Why (optional)").fill("One coalition, two spellings.")
    row.get_by_role("button", name="Merge into “Jaish al-Fatah”").click()
    expect(page.locator(".message-success")).to_contain_text(
        "Merged actor “Jeish al-Fath”", timeout=15_000
    )
    expect(page.locator(".dup-row", has_text="Jeish al-Fath")).to_have_count(0)
    assert not Actor.objects.filter(pk=other.pk).exists()
    assert Correction.objects.get().why == "One coalition, two spellings."
    page.goto(live_server.url + kept.get_absolute_url())
    expect(page.locator("#corrections")).to_contain_text("One coalition, two spellings.")
    expect(page.locator(".aliases")).to_contain_text("Jeish al-Fath")
    assert local_only == []


def test_a_provenance_link_highlights_its_sentence(page, live_server, local_only):
    world = build_world(1)
    host = world["actors"][0]
    page.goto(live_server.url + host.get_absolute_url())
    page.locator("#sentences").get_by_role("link", name="in context").last.click()
    expect(page).to_have_url(re.compile(r"/articles/\d+/#s-\d+$"))
    target = page.locator(".text-sentence:target")
    expect(target).to_contain_text(f"{host.name.split()[-1]} spoke later.")
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert local_only == []
