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
