import datetime as dt

import pytest

from articles import ingest
from articles.ingest import ArticleRejected

REPORT = "Lavrov met Cavusoglu in Moscow.\n\nThey discussed Idlib."


def rejected_code(func, *args, **kwargs) -> str:
    with pytest.raises(ArticleRejected) as info:
        func(*args, **kwargs)
    assert info.value.message  # always something a person can act on
    return info.value.code


@pytest.mark.parametrize(
    "data",
    [
        REPORT.encode("utf-8"),
        b"\xef\xbb\xbf" + REPORT.encode("utf-8"),
        REPORT.encode("utf-16"),  # with BOM, native order
        b"\xfe\xff" + REPORT.encode("utf-16-be"),
        b"\xff\xfe" + REPORT.encode("utf-16-le"),
    ],
)
def test_decodes_utf8_and_utf16_with_bom(data):
    assert ingest.bytes_decode(data) == REPORT


def test_non_utf8_falls_back_to_windows_1252():
    assert ingest.bytes_decode("Café – “quote”".encode("cp1252")) == "Café – “quote”"


def test_rejects_binary_and_undecodable_input():
    assert rejected_code(ingest.bytes_decode, b"%PDF-1.4\x00\x01\x02binary") == "binary"
    assert rejected_code(ingest.bytes_decode, bytes(range(1, 32)) * 10 + b"text") == "binary"
    assert rejected_code(ingest.bytes_decode, b"\x81\x8d\x8f\x90\x9d not cp1252") == "undecodable"
    assert (
        rejected_code(ingest.bytes_decode, b"\xff\xfe\x00\xd8") == "undecodable"
    )  # lone surrogate


def test_size_limit_comes_from_settings(settings):
    settings.ARTICLE_MAX_BYTES = 2 * 1024 * 1024
    with pytest.raises(ArticleRejected) as info:
        ingest.text_check("x" * (2 * 1024 * 1024 + 1))
    assert info.value.code == "too_large"
    assert "over the 2 MB limit" in info.value.message
    settings.ARTICLE_MAX_BYTES = 10
    assert rejected_code(ingest.upload_read, name="a.txt", data=b"01234567890") == "too_large"


def test_html_keeps_the_article_and_its_paragraphs():
    html = """<html><head><title>Site</title><style>p{}</style><script>var x=1;</script></head>
    <body><header>Menu Home</header><nav><a>World</a></nav>
    <main><p>Ignored main when an article exists</p></main>
    <article><header><h1>Talks in   Moscow</h1></header>
      <p>Russian Defence Minister <b>Sergei Shoigu</b>
         met his Turkish counterpart.</p>
      <p>They discussed Manbij.<br>And Idlib.</p>
      <aside>Related: other story</aside>
      <!-- a comment -->
    </article><footer>Copyright</footer></body></html>"""
    assert ingest.html_to_text(html) == (
        "Talks in Moscow\n\n"
        "Russian Defence Minister Sergei Shoigu met his Turkish counterpart.\n\n"
        "They discussed Manbij.\nAnd Idlib."
    )


def test_html_without_article_uses_main_then_body():
    assert (
        ingest.html_to_text("<body><nav>x</nav><main><p>A</p><p>B</p></main><p>C</p></body>")
        == "A\n\nB"
    )
    assert ingest.html_to_text("<body><div>A</div>B <i>c</i></body>") == "A\n\nB c"


def test_upload_read_by_extension():
    assert ingest.upload_read(name="r.HTML", data=b"<p>One</p><p>Two</p>") == "One\n\nTwo"
    assert ingest.upload_read(name="r.md", data=b"# Title\r\n\r\nBody  \r\n") == "# Title\n\nBody"
    assert ingest.upload_read(name="r.txt", data=b"\n\n  Plain\n") == "Plain"
    assert rejected_code(ingest.upload_read, name="r.pdf", data=b"%PDF") == "unsupported_type"
    assert rejected_code(ingest.upload_read, name="README", data=b"x") == "unsupported_type"


def test_title_from_text():
    assert ingest.title_from_text("\n\n  ## Talks in Moscow  \nBody") == "Talks in Moscow"
    long_line = "word " * 100
    title = ingest.title_from_text(long_line)
    assert len(title) <= ingest.TITLE_MAX_CHARS
    assert title.endswith("word…")


def test_article_input_clean_checks_everything():
    cleaned = ingest.article_input_clean(
        text="  Lavrov met Cavusoglu.\r\n",
        title="",
        source_url=" https://example.org/a ",
        source_name="  Reuters ",
        published="2018-12-29",
    )
    assert cleaned == ingest.ArticleInput(
        title="Lavrov met Cavusoglu.",
        text="Lavrov met Cavusoglu.",
        source_url="https://example.org/a",
        source_name="Reuters",
        published=dt.date(2018, 12, 29),
    )
    assert rejected_code(ingest.article_input_clean, text=" \n\t ") == "empty"
    assert rejected_code(ingest.article_input_clean, text="a\x00b") == "binary"
    assert rejected_code(ingest.article_input_clean, text="a", published="29/12/2018") == "bad_date"
    assert rejected_code(ingest.article_input_clean, text="a", published="2018-02-30") == "bad_date"
    assert rejected_code(ingest.article_input_clean, text="a", published="3018-01-01") == "bad_date"
    assert (
        rejected_code(ingest.article_input_clean, text="a", source_url="example.org") == "bad_url"
    )
    assert (
        rejected_code(ingest.article_input_clean, text="a", source_url="ftp://x.org/") == "bad_url"
    )
