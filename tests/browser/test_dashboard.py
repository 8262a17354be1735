"""End to end: log in, upload a report, watch it processed, follow person -> meeting -> city."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = (
    "Russian Foreign Minister Sergei Lavrov met Syrian President Bashar al-Assad in Damascus "
    "on Tuesday to discuss the ceasefire in Aleppo. Lavrov said the talks were constructive. "
    "Fighting continued near Idlib, where the Syrian Democratic Forces reported clashes. "
    "A statement quoted <script>alert('x')</script> as a slogan seen on a wall."
)


def _log_in(page, live_server, django_user_model):
    django_user_model.objects.create_user("analyst", password="s3cret-pass", is_staff=True)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log in").click()
    page.fill("#id_username", "analyst")
    page.fill("#id_password", "s3cret-pass")
    page.locator("form.stack button[type=submit]").click()
    expect(page.locator(".account-name")).to_have_text("analyst")


def test_upload_then_follow_person_meeting_city(
    page, live_server, django_user_model, local_only, processing, shot
):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_viewport_size({"width": 1366, "height": 900})
    _log_in(page, live_server, django_user_model)

    page.get_by_role("link", name="Upload article").first.click()
    page.fill("textarea[name=text]", REPORT)
    page.fill("input[name=title]", "Lavrov meets Assad in Damascus")
    page.fill("input[name=source_name]", "Test Wire")
    page.fill("input[name=published]", "2017-04-04")
    shot(page, "01-upload-form")
    # Without a broker the task runs in the upload request: loading spaCy takes a while.
    page.get_by_role("button", name="Upload").click(no_wait_after=True)

    # The article page: its status reaches done, the names are highlighted and linked.
    expect(page).to_have_url(re.compile(r"/articles/\d+/$"), timeout=120_000)
    expect(page.locator("[data-status-label]")).to_have_text("Done", timeout=60_000)
    expect(page.locator("a.hl-person").first).to_be_visible()
    expect(page.locator(".text-body")).to_contain_text("<script>alert('x')</script>")
    shot(page, "02-article-done")

    page.locator("a.hl-person", has_text="Sergei Lavrov").first.click()
    expect(page.locator("h1")).to_have_text("Sergei Lavrov")
    expect(page.locator("[data-network] canvas").first).to_be_attached()
    expect(page.locator(".meeting-list .chip", has_text="Bashar al-Assad").first).to_be_visible()
    shot(page, "03-person")

    page.locator(".meeting-list .meeting-when a").first.click()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    expect(page.locator(".sentences")).to_contain_text("met Syrian President Bashar al-Assad")
    expect(page.locator(".map .leaflet-interactive").first).to_be_attached()
    shot(page, "04-meeting")

    page.locator(".entity-facts a", has_text="Damascus").first.click()
    expect(page.locator("h1")).to_have_text("Damascus")
    expect(page.locator(".map .leaflet-interactive").first).to_be_attached()
    expect(page.locator(".crumbs")).to_contain_text("Syria")
    shot(page, "05-city")

    page.locator(".mainnav").get_by_role("link", name="Network").click()
    expect(page.locator("[data-network] canvas").first).to_be_attached()
    shot(page, "06-network")

    page.locator(".mainnav").get_by_role("link", name="Overview").click()
    expect(page.locator(".map .leaflet-interactive")).not_to_have_count(0)
    shot(page, "07-home")

    page.locator(".mainnav").get_by_role("link", name="Actors").click()
    page.fill("#f-q", "lavrov")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("table.table tbody tr")).to_have_count(1)
    shot(page, "08-actors")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    shot(page, "09-home-mobile")
    page.locator(".mainnav").get_by_role("link", name="Meetings").click()
    shot(page, "10-meetings-mobile")

    assert errors == []
    assert dialogs == []  # the article's <script> never ran
    assert local_only == []  # no request left the server


def test_article_status_updates_live_while_processing(page, live_server, local_only, shot):
    article = Article.objects.create(
        title="Pending report",
        text="Nothing yet.",
        content_hash="f" * 64,
        status=Article.Status.PROCESSING,
    )
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    expect(page.locator("[data-status-label]")).to_have_text("Processing")
    shot(page, "11-article-processing")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error="No text.")
    # The page polls status.json, sees the change and reloads with the error shown.
    expect(page.locator("[data-status-error]")).to_have_text("No text.", timeout=15_000)
    expect(page.locator("[data-status-label]")).to_have_text("Failed")
    assert local_only == []
