"""A NUL character in any query parameter of any page or endpoint is a 400, never a 500."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Every parameter a page, filter or the API reads, and one that nothing reads.
PARAMETERS = [
    "q", "page", "kind", "country", "sort", "actor", "place", "from", "to", "status", "search",
    "ordering", "format", "page_size", "participant", "bbox", "name", "next", "unread",
]  # fmt: skip


def list_pages(patterns=None, prefix: str = "") -> list[str]:
    """Every URL of the URLconf that takes no argument: the list pages, forms and endpoints."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        pattern = entry.pattern
        if getattr(pattern, "converters", None) or pattern.regex.groups:
            continue
        route = str(pattern).lstrip("^").rstrip("$").replace("\\", "")
        if isinstance(entry, URLResolver):
            found += list_pages(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            found.append("/" + prefix + route)
    return sorted(set(found))


def test_the_loop_covers_the_pages_and_the_api():
    pages = list_pages()
    for url in ["/", "/actors/", "/places/", "/meetings/", "/network/", "/articles/",
                "/articles/upload/", "/accounts/login/", "/api/v1/", "/api/v1/actors/",
                "/api/v1/places/", "/api/v1/meetings/", "/api/v1/articles/", "/api/v1/docs/",
                "/admin/"]:  # fmt: skip
        assert url in pages


@pytest.mark.parametrize("url", list_pages())
def test_a_null_character_in_any_parameter_is_a_400(client, url):
    for name in PARAMETERS:
        response = client.get(url, {name: "Aleppo\x00"})
        assert response.status_code == 400, (url, name, response.status_code)
        if url.startswith("/api/"):
            error = response.json()["error"]
            assert (error["status"], error["code"]) == (400, "null_characters")
            assert error["details"] == {name: ["Null characters are not allowed."]}
        else:
            assert b"Bad Request" in response.content


def test_a_null_character_in_a_parameter_name_is_a_400_too(client):
    assert client.get("/meetings/?act%00or=x").status_code == 400
    response = client.get("/api/v1/actors/?na%00me=x")
    assert response.json()["error"]["details"] == {
        "na\\x00me": ["Null characters are not allowed."]
    }


def test_parameters_without_null_characters_pass(client):
    assert (
        client.get("/meetings/", {"actor": "sergei-lavrov", "place": "moscow"}).status_code == 200
    )
    assert client.get("/articles/", {"q": "Aleppo"}).status_code == 200
    assert client.get("/api/v1/actors/", {"search": "Lavrov"}).status_code == 200
