"""The articles API: list and filters, detail with extracted facts, upload, reprocess."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from articles.models import Article
from articles.tests.support import MORE, long_report
from tests.api.world import add_rows, build_world

pytestmark = pytest.mark.django_db

REPORT = long_report("Lavrov met Cavusoglu in Moscow on Saturday.")


@pytest.fixture
def analyst(django_user_model):
    return django_user_model.objects.create_user("analyst", password="pw-analyst-1")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", password="pw-editor-1", is_staff=True)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


# --- Reading ---------------------------------------------------------------------------------


def test_list_newest_first_without_text_with_counts(api, api_world):
    body = api.get("/api/v1/articles/").json()
    assert [row["title"] for row in body["results"]] == [
        "Queued report",
        "Shoigu in Damascus",
        "Lavrov meets Cavusoglu",
    ]
    first = body["results"][2]
    assert "text" not in first
    assert first["mention_count"] == 4 and first["meeting_count"] == 1
    assert body["results"][1]["meeting_count"] == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=queued", ["Queued report"]),
        ("status=done", ["Shoigu in Damascus", "Lavrov meets Cavusoglu"]),
        ("published_after=2019-01-01", ["Queued report", "Shoigu in Damascus"]),
        ("published_before=2019-03-01", ["Shoigu in Damascus", "Lavrov meets Cavusoglu"]),
        ("published_after=2019-01-01&published_before=2019-12-31", ["Shoigu in Damascus"]),
        ("search=damascus", ["Shoigu in Damascus"]),
        ("search=ministers", ["Queued report", "Shoigu in Damascus", "Lavrov meets Cavusoglu"]),
        ("source_name=example%20news&status=queued", ["Queued report"]),
        ("ordering=title", ["Lavrov meets Cavusoglu", "Queued report", "Shoigu in Damascus"]),
    ],
)
def test_filters(api, api_world, query, expected):
    assert titles(api.get(f"/api/v1/articles/?{query}")) == expected


@pytest.mark.parametrize("query", ["status=lost", "published_after=2018-31-12", "page="])
def test_bad_filters_are_400(api, api_world, query):
    response = api.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["error"]["details"]


def test_detail_with_extracted_facts(api, api_world):
    article = api_world.articles[0]
    body = api.get(f"/api/v1/articles/{article.pk}/").json()
    assert body["text"] == article.text
    assert [(a["slug"], a["mention_count"]) for a in body["actors"]] == [
        ("sergey-lavrov", 2),
        ("mevlut-cavusoglu", 1),
    ]
    assert [(p["slug"], p["latitude"]) for p in body["places"]] == [("moscow", 55.75)]
    [meeting] = body["meetings"]
    assert meeting["id"] == api_world.meetings[0].pk
    assert meeting["place"] == "moscow" and meeting["date"] == "2018-12-29"
    assert sorted(meeting["participants"]) == ["mevlut-cavusoglu", "sergey-lavrov"]
    assert meeting["sentences"] == ["The ministers met in the capital."]


def test_detail_groups_several_meetings_of_one_article(api, api_world):
    body = api.get(f"/api/v1/articles/{api_world.articles[1].pk}/").json()
    assert sorted(m["id"] for m in body["meetings"]) == sorted(
        [api_world.meetings[1].pk, api_world.meetings[2].pk]
    )
    undated = next(m for m in body["meetings"] if m["id"] == api_world.meetings[2].pk)
    assert undated["date"] is None and undated["place"] is None


def test_missing_article_is_a_json_404(api, api_world):
    response = api.get("/api/v1/articles/999999/")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": "No Article matches the given query.",
            "details": {},
        }
    }


def test_list_takes_a_fixed_number_of_queries(api, django_assert_num_queries):
    api_world = build_world()
    with django_assert_num_queries(1):  # the page with both counts (one page: no count)
        few = api.get("/api/v1/articles/").json()["results"]
    add_rows(api_world, 12)
    with django_assert_num_queries(1):
        many = api.get("/api/v1/articles/?format=json&search=report").json()["results"]
    assert 3 <= len(few) < len(many)


def test_detail_takes_a_fixed_number_of_queries(api, django_assert_num_queries):
    api_world = build_world()
    add_rows(api_world, 5)
    # article, mentions with actor/place/role, meeting sources with meeting/place, participants
    with django_assert_num_queries(4):
        body = api.get(f"/api/v1/articles/{api_world.articles[1].pk}/").json()
    assert len(body["meetings"]) == 2


# --- Uploading -------------------------------------------------------------------------------


def test_anonymous_upload_is_refused(api):
    response = api.post("/api/v1/articles/", {"text": REPORT}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert not Article.objects.exists()


def test_json_upload_creates_and_queues(api, analyst, django_capture_on_commit_callbacks):
    api.force_authenticate(analyst)
    with django_capture_on_commit_callbacks() as callbacks:
        response = api.post(
            "/api/v1/articles/",
            {
                "text": REPORT,
                "source_url": "https://example.org/a",
                "source_name": "  Example   News ",
                "published": "2018-12-29",
            },
            format="json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    article = Article.objects.get()
    assert body["id"] == article.pk and body["duplicate"] is False
    assert response["Location"] == body["url"]
    assert article.title == "Lavrov met Cavusoglu in Moscow on Saturday."
    assert article.source_name == "Example News"
    assert article.published == dt.date(2018, 12, 29)
    assert article.uploaded_by == analyst
    assert article.status == "queued"
    assert len(callbacks) == 1  # sent to the worker after commit


def test_same_text_again_is_200_with_the_existing_article(
    api, analyst, django_capture_on_commit_callbacks
):
    api.force_authenticate(analyst)
    first = api.post("/api/v1/articles/", {"text": REPORT, "title": "One"}, format="json")
    with django_capture_on_commit_callbacks() as callbacks:
        again = api.post(
            "/api/v1/articles/", {"text": "  " + REPORT.replace("\n\n", "\n")}, format="json"
        )
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["title"] == "One"
    assert Article.objects.count() == 1
    assert callbacks == []


def test_multipart_file_upload(api, analyst):
    api.force_authenticate(analyst)
    html = (
        b"<html><body><nav>Menu</nav><article><h1>Shoigu visits Damascus</h1>"
        b"<p>Shoigu met Assad.</p><p>" + MORE.encode() + b"</p></article></body></html>"
    )
    response = api.post(
        "/api/v1/articles/",
        {"file": SimpleUploadedFile("report.html", html, "text/html"), "source_name": "SANA"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    article = Article.objects.get()
    assert article.title == "Shoigu visits Damascus"
    assert "Menu" not in article.text and "Shoigu met Assad." in article.text
    assert article.source_name == "SANA"


@pytest.mark.parametrize(
    ("payload", "field", "code", "says"),
    [
        ({"text": "   \n "}, "text", "empty", "no text"),
        ({}, "text", "invalid", "Send the article's text"),
        ({"text": 42}, "text", "invalid", "Not a valid string"),
        ({"text": REPORT, "published": "29 December"}, "published", "bad_date", "YYYY-MM-DD"),
        ({"text": REPORT, "published": "2999-01-01"}, "published", "bad_date", "out of range"),
        ({"text": REPORT, "source_url": "example.org"}, "source_url", "bad_url", "http://"),
        ({"text": "bin\x00ary"}, "text", "null_characters_not_allowed", "Null characters"),
        ({"text": "\x01\x02" * 50 + "words"}, "text", "binary", "binary data"),
        ({"text": REPORT, "published": "2018-01-01garbage"}, "published", "bad_date", "not a date"),
        ({"text": "Lavrov met Cavusoglu."}, "text", "too_short", "fewer than the 200"),
        ({"text": REPORT.replace("Lavrov", "\ufffd")}, "text", "invalid_utf8", "not valid UTF-8"),
    ],
)
def test_bad_uploads_are_400_naming_the_field(api, analyst, payload, field, code, says):
    api.force_authenticate(analyst)
    response = api.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert says in error["details"][field][0]
    assert not Article.objects.exists()


def test_a_body_that_is_not_utf8_is_refused_and_nothing_is_saved(api, analyst):
    api.force_authenticate(analyst)
    body = '{"text": "Turkish Foreign Minister Mevlüt Çavuşoğlu ..."}'.encode("cp1254")
    response = api.post("/api/v1/articles/", body, content_type="application/json")
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_multipart_text_fields_that_are_not_utf8_are_refused(api, analyst):
    api.force_authenticate(analyst)
    boundary = "BoUnDaRy"
    body = b"".join(
        [
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n'.encode(),
            "Mevlüt Çavuşoğlu".encode("cp1254"),
            f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="report.txt"\r\nContent-Type: text/plain\r\n\r\n'.encode(),
            REPORT.encode(),
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    response = api.post(
        "/api/v1/articles/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400, response.content
    assert "not valid UTF-8" in response.json()["error"]["details"]["title"][0]
    assert not Article.objects.exists()


def test_html_file_fills_title_date_and_outlet_left_empty(api, analyst):
    api.force_authenticate(analyst)
    html = (
        "<html><head><title>Shoigu visits Damascus - Example News</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2017-09-12">'
        "</head><body><article><h1>Shoigu visits Damascus</h1>"
        f"<p>Russian Defence Minister Sergei Shoigu met Bashar al-Assad in Damascus.</p><p>{MORE}</p>"
        "</article></body></html>"
    ).encode()
    response = api.post(
        "/api/v1/articles/",
        {"file": SimpleUploadedFile("report.html", html, "text/html")},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    article = Article.objects.get()
    assert (article.title, article.published, article.source_name) == (
        "Shoigu visits Damascus",
        dt.date(2017, 9, 12),
        "Example News",
    )


def test_text_and_file_together_are_refused(api, analyst):
    api.force_authenticate(analyst)
    response = api.post(
        "/api/v1/articles/",
        {"text": REPORT, "file": SimpleUploadedFile("a.txt", b"Other text.")},
        format="multipart",
    )
    assert response.status_code == 400
    assert "not both" in response.json()["error"]["details"]["text"][0]


def test_binary_file_is_400(api, analyst):
    api.force_authenticate(analyst)
    response = api.post(
        "/api/v1/articles/",
        {"file": SimpleUploadedFile("a.txt", b"\x89PNG\x00\x00\x01")},
        format="multipart",
    )
    assert response.status_code == 400
    assert "binary" in response.json()["error"]["details"]["file"][0]


def test_unsupported_file_type_is_415(api, analyst):
    api.force_authenticate(analyst)
    response = api.post(
        "/api/v1/articles/",
        {"file": SimpleUploadedFile("report.pdf", b"%PDF-1.4 text")},
        format="multipart",
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_type"
    assert ".pdf" in response.json()["error"]["message"]


def test_unsupported_request_content_type_is_415(api, analyst):
    api.force_authenticate(analyst)
    response = api.post("/api/v1/articles/", "text=x", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_malformed_json_is_400(api, analyst):
    api.force_authenticate(analyst)
    response = api.post("/api/v1/articles/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_oversized_text_and_file_are_413(api, analyst, settings):
    settings.ARTICLE_MAX_BYTES = 100
    api.force_authenticate(analyst)
    response = api.post("/api/v1/articles/", {"text": "word " * 50}, format="json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    response = api.post(
        "/api/v1/articles/",
        {"file": SimpleUploadedFile("big.txt", b"word " * 50)},
        format="multipart",
    )
    assert response.status_code == 413
    assert "over the 100 bytes limit" in response.json()["error"]["message"]


def test_oversized_body_is_413_before_parsing(api, analyst, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api.force_authenticate(analyst)
    response = api.post("/api/v1/articles/", {"text": "x" * 2000}, format="json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_uploads_are_throttled_by_their_own_scope(api, analyst, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(
        ScopedRateThrottle, "THROTTLE_RATES", {"uploads": "2/minute", "user": None, "anon": None}
    )
    api.force_authenticate(analyst)
    for index in range(2):
        response = api.post(
            "/api/v1/articles/", {"text": long_report(f"Report {index}.")}, format="json"
        )
        assert response.status_code == 201
    response = api.post("/api/v1/articles/", {"text": long_report("Report 3.")}, format="json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    # Reading is not counted against the upload scope.
    assert api.get("/api/v1/articles/").status_code == 200


def test_session_upload_needs_the_csrf_token(analyst):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(analyst)  # a session, as a browser has after the login page
    response = client.post("/api/v1/articles/", {"text": REPORT}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]


# --- Reprocessing ----------------------------------------------------------------------------


def test_reprocess_is_for_staff(api, api_world, analyst, staff, django_capture_on_commit_callbacks):
    article = api_world.articles[0]
    url = f"/api/v1/articles/{article.pk}/reprocess/"
    assert api.post(url).status_code == 401
    api.force_authenticate(analyst)
    refused = api.post(url)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    api.force_authenticate(staff)
    with django_capture_on_commit_callbacks() as callbacks:
        response = api.post(url)
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    article.refresh_from_db()
    assert article.status == "queued"
    assert len(callbacks) == 1


def test_reprocess_of_a_missing_article_is_404(api, staff):
    api.force_authenticate(staff)
    assert api.post("/api/v1/articles/424242/reprocess/").status_code == 404


def test_reprocess_only_by_post(api, api_world, staff):
    api.force_authenticate(staff)
    response = api.get(f"/api/v1/articles/{api_world.articles[0].pk}/reprocess/")
    assert response.status_code == 405
