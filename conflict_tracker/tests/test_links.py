"""Addresses made once per response must be the addresses reverse() gives for each row."""

import pytest
from rest_framework.request import Request
from rest_framework.reverse import reverse
from rest_framework.test import APIRequestFactory

from conflict_tracker.links import ID, SLUG, RowLinkField, address_maker
from entities.serializers import ActorRefSerializer, EventSerializer
from tests.api.world import build_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["", "?format=json", "?page=2&format=csv"])
def test_made_addresses_are_reverses(query):
    request = Request(APIRequestFactory().get(f"/api/v1/actors/{query}"))
    for viewname, placeholder, keys in [
        ("api-actor-detail", SLUG, ["sergey-lavrov", "abu-mohammad-al-julani", "x1"]),
        ("api-event-detail", ID, [1, 42, 918273645]),
    ]:
        make = address_maker(viewname, placeholder=placeholder, request=request)
        for key in keys:
            assert make(key) == reverse(viewname, args=[key], request=request)
    # A character a path must quote is quoted as reverse() quotes it.
    make = address_maker("api-actor-detail", placeholder=SLUG)
    assert make("deir ez-zor") == reverse("api-actor-detail", args=["deir ez-zor"])
    assert "%20" in make("deir ez-zor")


def test_row_links_match_drf_links_and_resolve_once_per_response():
    world = build_world()
    request = Request(APIRequestFactory().get("/api/v1/events/?format=json"))
    context = {"request": request}
    rows = EventSerializer(world.events, many=True, context=context).data
    for event, row in zip(world.events, rows, strict=True):
        assert row["url"] == reverse("api-event-detail", args=[event.pk], request=request)
    assert len(context["address_makers"]) >= 1
    actor = world.actors["lavrov"]
    assert ActorRefSerializer(actor, context=context).data["url"] == reverse(
        "api-actor-detail", args=[actor.slug], request=request
    )


def test_a_row_without_a_key_has_no_link():
    field = RowLinkField("api-event-detail")
    field.bind("url", ActorRefSerializer())

    class Row:
        pk = None

    assert field.get_url(Row(), "api-event-detail", None, None) is None
