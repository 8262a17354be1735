"""The Content-Security-Policy: sent on every page, strict for scripts, and kept by the templates
(no inline script or style that it would block)."""

import re

import pytest
from django.test import Client

from conflict_tracker.security import tile_image_source
from entities.tests.factories import build_world

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.fixture
def pages(db) -> list[str]:
    world = build_world(3)
    actor, place = world["actors"][0], world["cities"][0]
    meeting = place.meetings.first()
    article = world["articles"][0]
    return [
        "/", "/actors/", f"/actors/{actor.slug}/", "/places/", f"/places/{place.slug}/",
        "/meetings/", f"/meetings/{meeting.pk}/", "/network/", "/articles/",
        f"/articles/{article.pk}/", "/accounts/login/", "/api/v1/docs/", "/api/v1/redoc/",
    ]  # fmt: skip


def test_every_page_sends_a_strict_policy(client: Client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["base-uri"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in policy["script-src"] + policy["default-src"], url
        # The map's tiles (OpenStreetMap by default) are images from their own server.
        assert "https://tile.openstreetmap.org" in policy["img-src"], url


def test_only_the_docs_pages_relax_the_policy_for_their_bundles(client: Client, pages):
    assert "'unsafe-inline'" not in directives(client.get("/"))["style-src"]
    assert "data:" not in directives(client.get("/"))["img-src"]
    assert "data:" in directives(client.get("/api/v1/docs/"))["img-src"]
    redoc = directives(client.get("/api/v1/redoc/"))
    assert "'unsafe-inline'" in redoc["style-src"]
    assert redoc["worker-src"] == ["blob:"]
    assert redoc["script-src"] == ["'self'"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.I)


def test_pages_hold_no_inline_script_or_style(client: Client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert not INLINE_STYLE.search(html), (url, INLINE_STYLE.search(html))


def test_the_inline_checks_can_fail():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script id="p" type="application/json">[]</script>')
    assert not INLINE_SCRIPT.search('<script src="/static/js/map.js" defer></script>')
    assert INLINE_STYLE.search("<style>body{}</style>")
    assert INLINE_STYLE.search('<div style="color:red">')
    assert INLINE_STYLE.search('<img src=x onerror="alert(1)">')


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://tiles.local:8080/{z}/{x}/{y}.png", "http://tiles.local:8080"),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("", None),
        ("javascript://x/{z}", None),
    ],
)
def test_tile_image_source(url, source):
    assert tile_image_source(url) == source
