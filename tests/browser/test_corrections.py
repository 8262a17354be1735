"""Corrections in a real browser, obeyed when the article is processed again: an analyst rejects
an alias, a whole meeting, a participant; the article goes through the pipeline again
(`article_reprocess` then `article_process`, the worker's call); the correction holds, and an
undo brings the fact back.

The extractor is the one thing replaced: it returns the extraction written beside the article
(entities/tests/test_corrections.py), right and wrong facts alike, so the test knows exactly
what a re-run would store again without the correction.
"""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from articles.services import article_process, article_reprocess
from entities.models import Actor, Meeting
from entities.tests.analysts import analysts_group
from entities.tests.test_corrections import TEXT, extraction
from entities.tests.test_facts import article_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def processed(monkeypatch):
    """The article, processed by the pipeline with the written extraction; `again()` runs it
    through the pipeline once more."""
    monkeypatch.setattr("extraction.extract", lambda text, **_: extraction())
    article = article_make(TEXT, status=Article.Status.QUEUED)

    def again() -> None:
        article_reprocess(article=article, enqueue=False)
        article_process(article_id=article.pk, force=True)
        article.refresh_from_db()
        assert article.status == Article.Status.DONE, article.error

    again()
    return again


def _log_in(page, live_server, django_user_model):
    user = django_user_model.objects.create_user("analyst", password="s3cret-pass")
    user.groups.add(analysts_group())
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", "s3cret-pass")
    page.locator("form.stack button[type=submit]").click()
    expect(page.locator(".account-name")).to_have_text("analyst")


def test_reject_an_alias_reprocess_it_stays_rejected_then_undo(
    page, live_server, django_user_model, processed, local_only, shot
):
    haddad = Actor.objects.get(name="Rami Haddad")
    _log_in(page, live_server, django_user_model)
    page.goto(live_server.url + haddad.get_absolute_url())
    expect(page.locator(".aliases")).to_contain_text("Haddad Brigade")
    page.get_by_text("Reject a wrong name…").click()
    page.select_option("#reject-alias", label="Haddad Brigade")
    page.fill("#reject-why", "A brigade, not the minister.")
    page.get_by_role("button", name="Reject", exact=True).click()
    expect(page.locator(".message-success")).to_contain_text("Rejected “Haddad Brigade”")
    expect(page.locator(".entity-head")).not_to_contain_text("Haddad Brigade")

    processed()  # the article through the pipeline again
    page.reload()
    expect(page.locator(".entity-head")).not_to_contain_text("Haddad Brigade")
    assert not haddad.mentions.filter(text="Haddad Brigade").exists()
    correction = page.locator("#corrections li", has_text="Alias rejected")
    expect(correction).to_contain_text("A brigade, not the minister.")
    shot(page, "corrections-01-alias-rejected")

    correction.get_by_role("button", name="Undo").click()
    expect(page.locator(".message-success")).to_contain_text("Undid: Rejected “Haddad Brigade”")
    expect(page.locator(".aliases")).to_contain_text("Haddad Brigade")
    expect(correction).to_contain_text("Undone by analyst")
    expect(correction.get_by_role("button", name="Undo")).to_have_count(0)
    assert local_only == []


def test_reject_a_meeting_reprocess_it_stays_gone_then_undo(
    page, live_server, django_user_model, processed, local_only, shot
):
    meeting = Meeting.objects.get()
    _log_in(page, live_server, django_user_model)
    page.goto(live_server.url + meeting.get_absolute_url())
    page.fill("#meeting-why", "They spoke by phone.")
    page.get_by_role("button", name="Reject this meeting").click()
    expect(page.locator(".message-success")).to_contain_text(f"Rejected meeting #{meeting.pk}")
    expect(page.locator("h1")).to_have_text("Rami Haddad")  # the first participant's page

    processed()
    assert not Meeting.objects.exists()
    page.goto(live_server.url + "/meetings/")
    expect(page.locator(f'a[href="/meetings/{meeting.pk}/"]')).to_have_count(0)
    response = page.goto(live_server.url + meeting.get_absolute_url())
    assert response.status == 404
    page.goto(live_server.url + "/api/v1/meetings/?format=json")
    assert '"count":0' in page.content().replace(" ", "")

    page.goto(live_server.url + Actor.objects.get(name="Rami Haddad").get_absolute_url())
    correction = page.locator("#corrections li", has_text="Meeting rejected")
    shot(page, "corrections-02-meeting-rejected")
    correction.get_by_role("button", name="Undo").click()
    expect(page.locator(".message-success")).to_contain_text("Undid: Rejected meeting")
    page.goto(live_server.url + meeting.get_absolute_url())
    expect(page.locator(".participants")).to_contain_text("Samir Aziz")
    processed()
    assert Meeting.objects.get().pk == meeting.pk
    assert local_only == []


def test_reject_a_participant_then_undo_and_see_them_back(
    page, live_server, django_user_model, processed, local_only, shot
):
    meeting = Meeting.objects.get()
    _log_in(page, live_server, django_user_model)
    page.goto(live_server.url + meeting.get_absolute_url())
    shot(page, "corrections-03-meeting")
    aziz = page.locator(".participants li", has_text="Samir Aziz")
    aziz.get_by_role("button", name="Not a participant").click()
    expect(page.locator(".message-success")).to_contain_text("did not take part")
    expect(page.locator(".participants")).not_to_contain_text("Samir Aziz")
    processed()
    page.reload()
    expect(page.locator(".participants")).not_to_contain_text("Samir Aziz")
    page.locator("#corrections").get_by_role("button", name="Undo").click()
    expect(page.locator(".participants")).to_contain_text("Samir Aziz")
    expect(page.locator("#corrections")).to_contain_text("Undone by analyst")
    assert local_only == []
