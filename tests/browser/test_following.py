"""Follow an actor in a real browser, upload a report naming them, and find it under Following."""

import re

import pytest
from playwright.sync_api import expect

from entities.tests.factories import make_actor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = (
    "Russian Foreign Minister Sergei Lavrov arrived in Ankara on Wednesday for talks on the "
    "crossings into Idlib province. Lavrov told reporters the ceasefire would hold. Aid convoys "
    "waited at the border for a second day, the local council said in a statement."
)


def test_follow_an_actor_and_see_a_new_upload_since_you_last_looked(
    page, live_server, django_user_model, local_only, processing, shot
):
    lavrov = make_actor("Sergei Lavrov", country="RU", aliases=("Lavrov",))
    django_user_model.objects.create_user("reader", password="s3cret-pass")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "reader")
    page.fill("#id_password", "s3cret-pass")
    page.locator("form.stack button[type=submit]").click()

    page.goto(live_server.url + lavrov.get_absolute_url())
    page.locator("form.follow-form button").click()
    expect(page.locator("form.follow-form button")).to_have_text("Following · stop")
    page.get_by_role("link", name="Following").first.click()
    expect(page.locator(".follow-news")).to_contain_text("No new reports.")

    page.get_by_role("link", name="Upload article").first.click()
    page.fill("textarea[name=text]", REPORT)
    page.fill("input[name=title]", "Lavrov in Ankara")
    page.fill("input[name=published]", "2017-04-05")
    page.get_by_role("button", name="Upload").click(no_wait_after=True)
    expect(page).to_have_url(re.compile(r"/articles/\d+/$"), timeout=120_000)
    expect(page.locator("[data-status-label]")).to_have_text("Done", timeout=60_000)

    page.get_by_role("link", name="Following").first.click()
    news = page.locator(".follow-news", has_text="Sergei Lavrov")
    expect(news).to_contain_text("Lavrov in Ankara")
    expect(news).to_contain_text("arrived in Ankara on Wednesday")
    shot(page, "following-01-new-report")
    page.get_by_role("button", name="Mark all as seen").click()
    expect(page.locator(".follow-news")).to_contain_text("No new reports.")
    assert local_only == []
