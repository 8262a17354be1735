"""The upload answers at once with no broker (the embedded default), and the article page shows
the article's progress until its facts are in."""

import re
import threading

import pytest
from playwright.sync_api import expect

from articles import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = (
    "Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Mevlut Cavusoglu in "
    "Moscow on Saturday to discuss the situation in Idlib. Cavusoglu said the talks were useful. "
    "The two ministers agreed to meet again in Ankara next month, officials said."
)


@pytest.fixture
def held_processing(settings, monkeypatch):
    """The embedded default (no broker, uploads in the web process's background thread), with
    that thread held before it extracts until the test releases it."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.UPLOADS_IN_BACKGROUND = True
    release, finished = threading.Event(), threading.Event()
    real = services.articles_process

    def held(**kwargs):
        release.wait(30)  # were the upload request itself to run this, it would go on
        try:
            real(**kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(services, "articles_process", held)
    yield release
    release.set()
    finished.wait(120)


def test_upload_answers_at_once_and_the_article_page_reaches_done(
    page, live_server, django_user_model, local_only, held_processing, shot
):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    django_user_model.objects.create_user("analyst", password="s3cret-pass")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", "s3cret-pass")
    page.locator("form.stack button[type=submit]").click()
    page.get_by_role("link", name="Upload article").first.click()
    page.fill("textarea[name=text]", REPORT)
    page.fill("input[name=title]", "Lavrov and Cavusoglu meet in Moscow")
    page.fill("input[name=published]", "2018-12-29")
    page.get_by_role("button", name="Upload").click()

    # The article page, while the extraction has not even started.
    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    expect(page.locator("[data-status-label]")).to_have_text("Queued")
    expect(page.locator("[data-status-note]")).to_have_text("Waiting for the extractor.")
    shot(page, "upload-01-queued")
    held_processing.set()
    # The page polls its status and reloads itself with the facts once they are stored.
    expect(page.locator("[data-status-label]")).to_have_text("Done", timeout=120_000)
    expect(page.locator("a.hl-person", has_text="Sergei Lavrov").first).to_be_visible()
    expect(page.locator(".meeting-list .meeting-item")).to_have_count(1)
    shot(page, "upload-02-done")
    assert errors == []
    assert local_only == []
