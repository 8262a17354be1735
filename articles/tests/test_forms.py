import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from articles.forms import ArticleUploadForm
from articles.tests.support import MORE, long_report

HEADLINE = "Lavrov met Cavusoglu in Moscow on Saturday."
TEXT = long_report(HEADLINE)


def form_with(data=None, file=None) -> ArticleUploadForm:
    files = {"file": file} if file else {}
    return ArticleUploadForm(data={"text": "", **(data or {})}, files=files)


def test_pasted_text_becomes_an_article_input():
    form = form_with(
        {
            "text": f"\r\n{TEXT}\r\n",
            "source_url": "https://example.org/a",
            "source_name": "TASS",
            "published": "2018-12-29",
        }
    )
    assert form.is_valid(), form.errors
    article = form.cleaned_data["article"]
    assert (article.title, article.text, article.published, article.source_name) == (
        HEADLINE,
        TEXT,
        dt.date(2018, 12, 29),
        "TASS",
    )


def test_html_file_is_reduced_to_its_text():
    html = f"<html><body><nav>Home</nav><article><h1>Talks</h1><p>{HEADLINE}</p><p>{MORE}</p>"
    html = html.encode()
    form = form_with({"title": "Given title"}, SimpleUploadedFile("report.html", html))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["article"].text == f"Talks\n\n{TEXT}"
    assert form.cleaned_data["article"].title == "Given title"


def test_text_or_file_but_not_both_and_not_neither():
    both = form_with({"text": TEXT}, SimpleUploadedFile("a.txt", TEXT.encode()))
    assert not both.is_valid()
    assert both.non_field_errors() == ["Paste the text or choose a file, not both."]
    neither = form_with({"title": "Only a title"})
    assert not neither.is_valid()
    assert neither.errors["text"][0].startswith("Paste the report's text")


def test_rejections_are_shown_on_the_field_to_fix():
    binary = form_with(file=SimpleUploadedFile("a.txt", b"\x00\x01\x02PK"))
    assert not binary.is_valid()
    assert "binary data" in binary.errors["file"][0]
    pdf = form_with(file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
    assert not pdf.is_valid()
    assert "Files of type .pdf are not accepted" in pdf.errors["file"][0]
    date = form_with({"text": TEXT, "published": "yesterday"})
    assert not date.is_valid()
    assert "YYYY-MM-DD" in date.errors["published"][0]
    url = form_with({"text": TEXT, "source_url": "www.example.org"})
    assert not url.is_valid()
    assert "http://" in url.errors["source_url"][0]


def test_file_over_the_limit_is_rejected_before_reading(settings):
    settings.ARTICLE_MAX_BYTES = 2 * 1024 * 1024
    big = SimpleUploadedFile("big.txt", b"a" * (2 * 1024 * 1024 + 10))
    form = form_with(file=big)
    assert not form.is_valid()
    assert "over the 2 MB limit" in form.errors["file"][0]
