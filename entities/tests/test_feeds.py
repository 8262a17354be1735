"""Atom feeds of actors and places: the newest reports naming them, each linking to its sentence."""

import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


@pytest.mark.django_db
def test_an_actor_feed_lists_the_reports_naming_it_newest_first(
    client, world, django_assert_max_num_queries
):
    org = world["org"]
    with django_assert_max_num_queries(3):
        found = entries(client.get(f"/actors/{org.slug}/feed/"))
    titles = [e.findtext(f"{ATOM}title") for e in found]
    assert titles == ["Talks in Town0", "Talks in Town1", "Talks in Town2"]
    first = found[0]
    link = first.find(f"{ATOM}link").get("href")
    article = world["articles"][0]
    start = article.mentions.filter(actor=org).order_by("start").first().sentence_start
    assert link.endswith(f"/articles/{article.pk}/#s-{start}")
    assert "The SDF said Town0 was calm." in first.findtext(f"{ATOM}summary")
    assert first.findtext(f"{ATOM}published").startswith("2017-04-05")


@pytest.mark.django_db
def test_a_place_feed_lists_the_reports_naming_it(client, world):
    town = world["cities"][1]
    found = entries(client.get(f"/places/{town.slug}/feed/"))
    assert [e.findtext(f"{ATOM}title") for e in found] == ["Talks in Town1"]


@pytest.mark.django_db
def test_pages_announce_their_feed_and_an_unknown_slug_is_a_404(client, world):
    org = world["org"]
    page = client.get(f"/actors/{org.slug}/").content.decode()
    assert f'href="/actors/{org.slug}/feed/"' in page
    assert client.get("/actors/no-such-actor/feed/").status_code == 404
    assert client.get("/places/no-such-place/feed/").status_code == 404


@pytest.mark.django_db
def test_the_feed_of_what_an_analyst_follows_is_at_a_private_address(
    client, django_assert_max_num_queries
):
    import datetime as dt

    from django.contrib.auth import get_user_model

    from entities.feeds import following_feed_token
    from entities.services.follows import follow_toggle
    from entities.tests.factories import make_actor, make_article, make_place, mention

    analyst = get_user_model().objects.create_user("watcher", password="pw")
    other = get_user_model().objects.create_user("someone-else", password="pw")
    haddad, idlib = make_actor("Karim Haddad"), make_place("Idlib", kind="city")
    follow_toggle(user=analyst, actor=haddad)
    follow_toggle(user=analyst, place=idlib)
    follow_toggle(user=other, actor=make_actor("Nadia Sayegh"))
    older = make_article("Karim Haddad spoke in Hama.", published=dt.date(2017, 3, 1))
    mention(older, "Karim Haddad", actor=haddad)
    newer = make_article("Shelling hit Idlib at dawn.", published=dt.date(2017, 3, 9))
    mention(newer, "Idlib", place=idlib)
    make_article("Nadia Sayegh visited Homs.", published=dt.date(2017, 3, 10))

    url = f"/following/feed/{following_feed_token(analyst)}/"
    with django_assert_max_num_queries(4):  # the user, the reports, their mentions
        found = entries(client.get(url))
    assert [e.findtext(f"{ATOM}summary") for e in found] == [
        "Shelling hit Idlib at dawn.",
        "Karim Haddad spoke in Hama.",
    ]
    assert client.get("/following/feed/not-a-token/").status_code == 404
    forged = following_feed_token(analyst).replace(":", ";", 1)
    assert client.get(f"/following/feed/{forged}/").status_code == 404
    client.force_login(analyst)
    assert url in client.get("/following/").content.decode()
