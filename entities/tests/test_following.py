"""Following actors and places, and "since you last looked"."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from entities.models import Follow
from entities.selectors import follow_news
from entities.services.follows import follow_toggle, follows_mark_seen
from entities.tests.factories import make_actor, make_article, make_meeting, make_place, mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client):
    user = get_user_model().objects.create_user("reader", password="pw")
    client.force_login(user)
    return user


def _report(text: str, *, actor=None, place=None, words: str, processed_at):
    article = make_article(text, processed_at=processed_at)
    mention(article, words, actor=actor, place=place)
    return article


def test_follow_toggle_follows_then_stops_and_never_makes_two_rows(analyst):
    actor = make_actor("Karim Haddad")
    assert follow_toggle(user=analyst, actor=actor) is True
    assert Follow.objects.filter(user=analyst, actor=actor).count() == 1
    assert follow_toggle(user=analyst, actor=actor) is False
    assert not Follow.objects.exists()
    with pytest.raises(ValueError):
        follow_toggle(user=analyst)


def test_news_lists_only_what_came_after_the_last_look(analyst, django_assert_max_num_queries):
    actor, town = make_actor("Karim Haddad"), make_place("Nadira")
    other = make_actor("Lina Aziz")
    follow_toggle(user=analyst, actor=actor)
    follow_toggle(user=analyst, place=town)
    looked = timezone.now() - dt.timedelta(hours=1)
    Follow.objects.update(seen_at=looked)
    before = looked - dt.timedelta(hours=1)
    after = looked + dt.timedelta(minutes=5)
    _report("Karim Haddad spoke. Old.", actor=actor, words="Karim Haddad", processed_at=before)
    new = _report(
        "Karim Haddad spoke again.", actor=actor, words="Karim Haddad", processed_at=after
    )
    _report("Shelling hit Nadira.", place=town, words="Nadira", processed_at=after)
    _report("Lina Aziz spoke.", actor=other, words="Lina Aziz", processed_at=after)
    meeting = make_meeting([actor, other], place=town)
    with django_assert_max_num_queries(4):
        news = follow_news(user=analyst)
    by_name = {(n.follow.actor or n.follow.place).name: n for n in news}
    assert [a.pk for a, _ in by_name["Karim Haddad"].reports] == [new.pk]
    assert by_name["Karim Haddad"].reports[0][1] == ["Karim Haddad spoke again."]
    assert [m.pk for m in by_name["Karim Haddad"].meetings] == [meeting.pk]
    assert len(by_name["Nadira"].reports) == 1 and by_name["Nadira"].meetings == [meeting]

    follows_mark_seen(user=analyst)
    assert all(not n.reports and not n.meetings for n in follow_news(user=analyst))


def test_following_from_the_page_and_reading_since_you_last_looked(client, analyst):
    actor = make_actor("Karim Haddad")
    page = client.get(actor.get_absolute_url()).content.decode()
    assert f'action="/actors/{actor.slug}/follow/"' in page and ">Follow<" in page
    response = client.post(f"/actors/{actor.slug}/follow/")
    assert response.status_code == 302
    assert "Following · stop" in client.get(actor.get_absolute_url()).content.decode()
    Follow.objects.update(seen_at=timezone.now() - dt.timedelta(hours=1))
    _report(
        "Karim Haddad arrived in the city.",
        actor=actor,
        words="Karim Haddad",
        processed_at=timezone.now() - dt.timedelta(minutes=1),
    )
    listing = client.get("/following/").content.decode()
    assert "Karim Haddad arrived in the city." in listing
    assert client.post("/following/seen/").status_code == 302
    assert "No new reports." in client.get("/following/").content.decode()


def test_following_needs_a_signed_in_user(client):
    actor = make_actor("Karim Haddad")
    assert client.get("/following/").status_code == 302
    assert client.post(f"/actors/{actor.slug}/follow/").status_code == 302
    assert client.get(f"/actors/{actor.slug}/follow/").status_code in (302, 405)
    assert not Follow.objects.exists()
