import threading
from urllib.parse import quote_from_bytes

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import services
from articles.models import Article, content_hash
from articles.tests.support import long_report
from entities.models import Actor, Meeting, MeetingSource, Mention, Place

HEADLINE = "Lavrov met Cavusoglu in Moscow on Saturday."
TEXT = long_report(HEADLINE)


@pytest.fixture
def analyst(client):
    user = get_user_model().objects.create_user("analyst", password="pw")
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_upload_needs_login(client):
    response = client.get(reverse("article_upload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_upload_form_renders(client, analyst):
    response = client.get(reverse("article_upload"))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b"2 MB" in response.content
    assert b"at least 200 characters" in response.content


@pytest.mark.django_db
def test_upload_saves_queues_and_redirects(client, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("article_upload"),
            {"text": TEXT, "source_name": "TASS", "published": "2018-12-29"},
        )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert (article.status, article.uploaded_by, article.title) == ("queued", analyst, HEADLINE)
    assert article.queued_at is not None
    assert len(callbacks) == 1  # sent to the worker only once the row is committed


@pytest.mark.django_db
def test_duplicate_upload_points_to_the_existing_article(client, analyst):
    existing = Article.objects.create(title="First", text=TEXT, content_hash=content_hash(TEXT))
    response = client.post(reverse("article_upload"), {"text": f"  {TEXT}\n"}, follow=False)
    assert response["Location"] == existing.get_absolute_url()
    assert Article.objects.count() == 1
    page = client.get(reverse("article_upload"))
    assert b"uploaded before" in page.content


@pytest.mark.django_db
def test_invalid_upload_shows_the_reason(client, analyst):
    response = client.post(reverse("article_upload"), {"text": TEXT, "published": "29.12.2018"})
    assert response.status_code == 200
    assert b"YYYY-MM-DD" in response.content
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_status_json_reports_progress_and_counts(client):
    article = Article.objects.create(
        title="t", text=TEXT, content_hash=content_hash(TEXT), status="done"
    )
    lavrov = Actor.objects.create(kind="person", name="Lavrov", key="lavrov", slug="lavrov")
    moscow = Place.objects.create(key="gn:524901", name="Moscow", kind="city", slug="moscow")
    for start in (0, 20):
        Mention.objects.create(
            article=article,
            actor=lavrov,
            text="Lavrov",
            start=start,
            end=start + 6,
            sentence_start=0,
            sentence_end=len(TEXT),
        )
    Mention.objects.create(
        article=article,
        place=moscow,
        text="Moscow",
        start=25,
        end=31,
        sentence_start=0,
        sentence_end=len(TEXT),
    )
    meeting = Meeting.objects.create()
    MeetingSource.objects.create(
        meeting=meeting, article=article, sentence_start=0, sentence_end=10
    )
    data = client.get(reverse("article_status", args=[article.pk])).json()
    assert data == {
        "id": article.pk,
        "status": "done",
        "error": "",
        "processed_at": None,
        "actors": 1,
        "places": 1,
        "meetings": 1,
    }
    assert client.get(reverse("article_status", args=[article.pk + 1])).status_code == 404


@pytest.mark.django_db
def test_reprocess_is_for_staff_and_post_only(client, analyst, django_capture_on_commit_callbacks):
    article = Article.objects.create(
        title="t", text=TEXT, content_hash=content_hash(TEXT), status="failed", error="boom"
    )
    url = reverse("article_reprocess", args=[article.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    article.refresh_from_db()
    assert article.status == "failed"  # not staff: nothing happened

    analyst.is_staff = True
    analyst.save()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url)
    assert response["Location"] == article.get_absolute_url()
    article.refresh_from_db()
    assert (article.status, article.error) == ("queued", "")
    assert len(callbacks) == 1


@pytest.fixture
def two_uploads_a_minute(monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(
        ScopedRateThrottle, "THROTTLE_RATES", {"uploads": "2/minute", "user": None, "anon": None}
    )


@pytest.mark.django_db
def test_upload_form_is_throttled_like_the_api(client, analyst, two_uploads_a_minute):
    for n in range(2):
        response = client.post(reverse("article_upload"), {"text": f"{TEXT} Report {n}."})
        assert response.status_code == 302
    response = client.post(reverse("article_upload"), {"text": f"{TEXT} Report 3."})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    page = response.content.decode()
    assert "Too many uploads: the limit is 2/minute. Nothing was saved" in page
    assert "Report 3." in page  # what was pasted is kept in the form
    assert Article.objects.count() == 2
    # Reading the form is not counted.
    assert client.get(reverse("article_upload")).status_code == 200


@pytest.mark.django_db
def test_upload_form_and_api_share_one_budget(client, analyst, two_uploads_a_minute):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(analyst)
    assert api.post("/api/v1/articles/", {"text": TEXT}, format="json").status_code == 201
    assert client.post(reverse("article_upload"), {"text": f"{TEXT} 2."}).status_code == 302
    assert client.post(reverse("article_upload"), {"text": f"{TEXT} 3."}).status_code == 429
    assert api.post("/api/v1/articles/", {"text": f"{TEXT} 4."}, format="json").status_code == 429


@pytest.mark.django_db
def test_text_typed_in_another_encoding_is_an_error_and_nothing_is_saved(client, analyst):
    # A form sent in Windows-1254 instead of UTF-8: "%C7avu%FEo%F0lu" is not UTF-8.
    body = "text=" + quote_from_bytes("Mevlüt Çavuşoğlu met Lavrov. ".encode("cp1254") * 10)
    response = client.post(
        reverse("article_upload"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "not valid UTF-8" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_html_upload_takes_title_date_and_outlet_from_the_page(client, analyst):
    html = (
        '<html><head><meta charset="windows-1254"><title>Talks in Sochi</title>'
        '<meta property="og:site_name" content="Example News">'
        '<meta name="date" content="2018-01-30">'
        "</head><body><article><h1>Talks in Sochi</h1>"
        "<p>Turkish Foreign Minister Mevlüt Çavuşoğlu met Sergei Lavrov in Sochi.</p>"
        f"<p>{long_report('They spoke for two hours.')}</p></article></body></html>"
    ).encode("cp1254")
    upload = SimpleUploadedFile("talks.html", html, content_type="text/html")
    response = client.post(reverse("article_upload"), {"file": upload, "text": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert (article.title, str(article.published), article.source_name) == (
        "Talks in Sochi",
        "2018-01-30",
        "Example News",
    )
    assert "Mevlüt Çavuşoğlu met Sergei Lavrov" in article.text


@pytest.mark.django_db
def test_reading_an_html_file_gives_the_fields_to_fill(client, analyst):
    html = (
        "<html><head><title>Talks in Sochi</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2018-01-30">'
        '<link rel="canonical" href="https://news.example.org/talks">'
        f"</head><body><article><h1>Talks in Sochi</h1><p>{TEXT}</p></article></body></html>"
    ).encode()
    upload = SimpleUploadedFile("talks.html", html, content_type="text/html")
    data = client.post(reverse("article_upload_read"), {"file": upload}).json()
    assert data.pop("chars") > 200  # the text that will be stored, headline and report
    assert data == {
        "title": "Talks in Sochi",
        "published": "2018-01-30",
        "source_name": "Example News",
        "source_url": "https://news.example.org/talks",
    }
    assert not Article.objects.exists()
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    refused = client.post(reverse("article_upload_read"), {"file": pdf})
    assert refused.status_code == 400
    assert "not accepted" in refused.json()["error"]


@pytest.mark.django_db
def test_the_upload_page_reads_a_chosen_html_file(client, analyst):
    page = client.get(reverse("article_upload")).content.decode()
    assert f'data-read-url="{reverse("article_upload_read")}"' in page
    assert "js/article-upload.js" in page


@pytest.fixture
def held_processing(settings, monkeypatch):
    """No broker, uploads in the background thread (the embedded default), and that thread held
    before it extracts until the test releases it: whatever the test sees before then was
    answered without waiting for the extraction."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.UPLOADS_IN_BACKGROUND = True
    release, finished = threading.Event(), threading.Event()
    real = services.articles_process

    def held(**kwargs):
        release.wait(30)  # were the upload request itself to run this, it would go on
        try:
            real(**kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(services, "articles_process", held)
    yield release, finished
    release.set()  # never leave the thread waiting, whatever the test did
    finished.wait(120)


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_upload_is_answered_before_it_is_processed(
    client, analyst, held_processing
):
    release, finished = held_processing
    response = client.post(
        reverse("article_upload"), {"text": TEXT, "source_name": "TASS", "published": "2018-12-29"}
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    status_url = reverse("article_status", args=[article.pk])
    assert client.get(status_url).json()["status"] == "queued"
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-article-status="{status_url}" data-status="queued"' in page
    release.set()
    assert finished.wait(120), "the background thread did not finish the article"
    status = client.get(status_url).json()
    assert status["status"] == "done"
    assert status["actors"] >= 2 and status["meetings"] == 1
