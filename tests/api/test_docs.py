"""Schema and documentation pages: served locally, with no request to another server."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_schema_lists_every_endpoint_with_its_errors(client: Client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert set(schema["paths"]) == {
        "/api/v1/articles/",
        "/api/v1/articles/{id}/",
        "/api/v1/articles/{id}/reprocess/",
        "/api/v1/actors/",
        "/api/v1/actors/{slug}/",
        "/api/v1/actors/{slug}/meetings/",
        "/api/v1/actors/{slug}/mentions/",
        "/api/v1/actors/{slug}/counterparts/",
        "/api/v1/places/",
        "/api/v1/places/{slug}/",
        "/api/v1/meetings/",
        "/api/v1/meetings/{id}/",
    }
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"400", "401", "403", "404", "405", "406", "429"} <= codes, (method, path)
            error = operation["responses"]["404"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/Error"}
    upload = schema["paths"]["/api/v1/articles/"]["post"]
    assert {"200", "201", "413", "415"} <= set(upload["responses"])
    assert set(upload["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    places = schema["paths"]["/api/v1/places/"]["get"]["responses"]["200"]["content"]
    geojson = places["application/geo+json"]["schema"]
    assert geojson["properties"]["type"]["enum"] == ["FeatureCollection"]
    assert places["text/csv"]["schema"]["type"] == "string"


def test_reads_are_documented_as_open_and_writes_as_signed_in(client: Client, settings):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert {} in schema["paths"]["/api/v1/actors/"]["get"]["security"]
    assert {} not in schema["paths"]["/api/v1/articles/"]["post"]["security"]


def test_schema_generates_without_errors(tmp_path):
    call_command("spectacular", "--validate", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/places/" in (tmp_path / "schema.yaml").read_text()


EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)


def _page_and_scripts(client: Client, url: str) -> str:
    """A docs page with the start-up script Swagger UI loads from the view itself (`?script`)."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    if url == "/api/v1/docs/":
        script = client.get(url, {"script": ""})
        assert script["Content-Type"].startswith("application/javascript")
        assert '<script src="/api/v1/docs/?script=">' in html
        html += script.content.decode()
    return html


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_load_nothing_from_other_servers(client: Client, url):
    html = _page_and_scripts(client, url)
    assert not EXTERNAL.search(html), html
    assert "fonts.googleapis.com" not in html
    assert "/static/drf_spectacular_sidecar/" in html
    assert "/api/v1/schema/" in html


def test_swagger_online_validator_is_off(client: Client):
    assert '"validatorUrl": null' in _page_and_scripts(client, "/api/v1/docs/")


def test_the_external_link_check_can_fail():
    assert EXTERNAL.search('<link rel="stylesheet" href="https://fonts.googleapis.com/css2">')
    assert EXTERNAL.search("<script src='//cdn.example/x.js'></script>")


def test_unknown_api_address_is_a_json_404(client: Client):
    response = client.post("/api/v1/nothing/here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "/api/v1/docs/" in response.json()["error"]["message"]


def test_api_root_lists_the_collections(client: Client):
    body = client.get("/api/v1/").json()
    assert set(body) == {"name", "docs", "schema", "articles", "actors", "places", "meetings"}


def test_any_unknown_path_is_json_even_with_a_newline(client: Client):
    response = client.get("/api/v1/articles/x%0Ay/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_the_api_root_names_the_product_and_links_its_docs(client: Client):
    body = client.get("/api/v1/", HTTP_ACCEPT="application/json").json()
    assert body["name"] == "Conflict Tracker API"
    assert body["docs"].endswith("/api/v1/docs/") and body["schema"].endswith("/api/v1/schema/")
    assert body["actors"].endswith("/api/v1/actors/")
    page = client.get("/api/v1/", HTTP_ACCEPT="text/html").content.decode()
    assert "<title>Conflict Tracker API" in page


def test_the_admin_carries_the_product_name_and_links_the_api_docs(admin_client: Client):
    page = admin_client.get("/admin/").content.decode()
    assert "Conflict Tracker administration" in page
    assert 'href="/api/v1/docs/"' in page
