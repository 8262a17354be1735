"""The corrections from the pages where analysts see the facts: forms for analysts only, POST
with CSRF, 403 for readers, clear messages for bad or stale input, undo from the corrections
list, and a fixed number of queries however many corrections a page lists."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from entities.models import Actor, Correction, Meeting, MeetingParticipant, Mention, Role
from entities.services.corrections import participant_reject, role_reject
from entities.services.undo import correction_undo
from entities.tests import test_corrections
from entities.tests.analysts import analysts_group
from entities.tests.test_corrections import governor

world = test_corrections.world  # the article, its actors, place and meeting


@pytest.fixture
def analyst(db, django_user_model):
    user = django_user_model.objects.create_user("ana", password="pw-for-tests")
    user.groups.add(analysts_group())
    return user


@pytest.fixture
def reader(db, django_user_model):
    return django_user_model.objects.create_user("reader", password="pw-for-tests")


def _posts(world) -> list[tuple[str, dict]]:
    """Every correction form: (action URL, fields)."""
    haddad, aziz, homs, meeting = world["haddad"], world["aziz"], world["homs"], world["meeting"]
    alias = haddad.aliases.exclude(key=haddad.key).order_by("pk").first()
    return [
        (f"/actors/{aziz.slug}/reject-role/", {"role": governor(aziz).pk}),
        (f"/actors/{haddad.slug}/split-alias/", {"alias": alias.pk}),
        (f"/actors/{aziz.slug}/fix/", {"kind": "armed_group", "country": "LB"}),
        (
            f"/actors/{aziz.slug}/unlink-mention/",
            {"mention": Mention.objects.filter(actor=aziz).first().pk},
        ),
        (
            f"/places/{homs.slug}/unlink-mention/",
            {"mention": Mention.objects.filter(place=homs).first().pk},
        ),
        (f"/meetings/{meeting.pk}/reject-participant/", {"actor": aziz.pk}),
        (f"/meetings/{meeting.pk}/add-participant/", {"name": "Nobody"}),
        (f"/meetings/{meeting.pk}/reject/", {}),
    ]


def test_readers_get_403_guests_the_login_page_and_get_is_refused(client, world, reader):
    for url, data in _posts(world):
        assert client.get(url).status_code == 405, url
        assert client.post(url, data).status_code == 302, url  # to the login page
    client.force_login(reader)
    for url, data in _posts(world):
        assert client.post(url, data).status_code == 403, url
    assert not Correction.objects.exists()
    assert Meeting.objects.exists() and Role.objects.filter(actor=world["aziz"]).exists()


def test_every_form_needs_the_csrf_token(world, analyst):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(analyst)
    for url, data in _posts(world):
        assert strict.post(url, data).status_code == 403, url
    assert not Correction.objects.exists()


def test_pages_offer_the_forms_to_analysts_only(client, world, analyst, reader):
    pages = {
        world["aziz"].get_absolute_url(): ["Not theirs", "Fix kind or country", "not Samir Aziz?"],
        world["homs"].get_absolute_url(): ["not Homs?"],
        world["meeting"].get_absolute_url(): [
            "Not a participant",
            "Add a missing participant",
            "Reject this meeting",
        ],
    }
    client.force_login(reader)
    for url, texts in pages.items():
        html = client.get(url).content.decode()
        assert not any(text in html for text in texts), url
    client.force_login(analyst)
    for url, texts in pages.items():
        html = client.get(url).content.decode()
        assert all(text in html for text in texts), url


def test_an_analyst_corrects_and_undoes_from_the_pages(client, world, analyst):
    client.force_login(analyst)
    meeting, aziz = world["meeting"], world["aziz"]
    page = client.post(
        f"/meetings/{meeting.pk}/reject-participant/",
        {"actor": aziz.pk, "why": "He was in Beirut."},
        follow=True,
    ).content.decode()
    assert "did not take part in meeting" in page and "He was in Beirut." in page
    correction = Correction.objects.get()
    assert (correction.user, correction.meeting) == (analyst, meeting)
    assert f'action="/corrections/{correction.pk}/undo/"' in page
    page = client.post(
        f"/corrections/{correction.pk}/undo/",
        {"next": meeting.get_absolute_url()},
        follow=True,
    ).content.decode()
    assert "Undid: " in page and "Undone by ana" in page
    assert MeetingParticipant.objects.filter(meeting=meeting, actor=aziz).exists()
    # A second undo, from a page shown before the first: a message, not an error page.
    again = client.post(f"/corrections/{correction.pk}/undo/", follow=True)
    assert again.status_code == 200 and "undone already" in again.content.decode()


def test_a_rejected_meeting_leaves_the_pages_and_the_api(client, world, analyst):
    client.force_login(analyst)
    meeting = world["meeting"]
    response = client.post(f"/meetings/{meeting.pk}/reject/", {"why": "A phone call."})
    assert response.status_code == 302
    assert response["Location"] == f"{world['haddad'].get_absolute_url()}#corrections"
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert f"/meetings/{meeting.pk}/" not in client.get("/meetings/").content.decode()
    assert client.get("/api/v1/meetings/").json()["count"] == 0
    assert "Rejected meeting" in client.get(world["homs"].get_absolute_url()).content.decode()


def test_bad_input_gives_a_message_not_a_server_error(client, world, analyst):
    client.force_login(analyst)
    meeting, aziz = world["meeting"], world["aziz"]
    cases = [
        (f"/meetings/{meeting.pk}/add-participant/", {"name": "Nobody Here"}, "No actor is called"),
        (f"/meetings/{meeting.pk}/add-participant/", {"name": aziz.name}, "already a participant"),
        (f"/meetings/{meeting.pk}/reject-participant/", {"actor": "x"}, "form was incomplete"),
        (f"/meetings/{meeting.pk + 9}/reject/", {}, "no longer stored"),
        (f"/actors/{aziz.slug}/fix/", {"kind": "tribe"}, "Choose a kind"),
        (f"/actors/{aziz.slug}/reject-role/", {"role": 10**6}, "no longer stored for this actor"),
        (f"/actors/{aziz.slug}/unlink-mention/", {"mention": 10**6}, "no longer linked here"),
        ("/corrections/999999/undo/", {}, "no longer exists"),
    ]
    for url, data, message in cases:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, url
        assert message in response.content.decode(), url
    assert not Correction.objects.exists()
    # A `next` pointing off the site is not followed.
    response = client.post(
        f"/meetings/{meeting.pk}/add-participant/",
        {"name": "Nobody Here", "next": "https://example.com/"},
    )
    assert response["Location"] == meeting.get_absolute_url()


def _corrections_made(world, analyst, rounds: int) -> None:
    meeting, aziz = world["meeting"], world["aziz"]
    for _ in range(rounds):
        first = participant_reject(meeting_id=meeting.pk, actor_id=aziz.pk, user=analyst)
        correction_undo(correction_id=first.pk, user=analyst)
        role = governor(aziz)
        second = role_reject(actor_id=aziz.pk, role_id=role.pk, user=analyst)
        correction_undo(correction_id=second.pk, user=analyst)


@pytest.mark.parametrize("page", ["actor", "place", "meeting"])
def test_pages_listing_corrections_keep_a_fixed_query_count(
    client, world, analyst, django_assert_max_num_queries, page
):
    """An analyst's view (session, user, permissions, forms) of a page with corrections, some
    undone: the same queries for 4 corrections as for 12."""
    url = {
        "actor": world["aziz"].get_absolute_url(),
        "place": world["homs"].get_absolute_url(),
        "meeting": world["meeting"].get_absolute_url(),
    }[page]
    limit = {"actor": 24, "place": 19, "meeting": 8}[page]
    client.force_login(analyst)
    _corrections_made(world, analyst, 1)
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _corrections_made(world, analyst, 3)
    Actor.objects.filter(pk=world["aziz"].pk).update(description="Seen often.")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    if page != "place":
        assert html.count("Undone by ana") >= 3
