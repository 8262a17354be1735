import datetime as dt

import pytest

from articles import ingest
from articles.ingest import ArticleRejected
from articles.tests.support import MORE, long_report

REPORT = "Lavrov met Cavusoglu in Moscow.\n\nThey discussed Idlib."
TEXT = long_report("Lavrov met Cavusoglu in Moscow.")


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
        text=f"  Lavrov met Cavusoglu.\r\n\r\n{MORE}\r\n",
        title="",
        source_url=" https://example.org/a ",
        source_name="  Reuters ",
        published="2018-12-29",
    )
    assert cleaned == ingest.ArticleInput(
        title="Lavrov met Cavusoglu.",
        text=long_report("Lavrov met Cavusoglu."),
        source_url="https://example.org/a",
        source_name="Reuters",
        published=dt.date(2018, 12, 29),
    )
    assert rejected_code(ingest.article_input_clean, text=" \n\t ") == "empty"
    assert rejected_code(ingest.article_input_clean, text="a\x00b") == "binary"
    assert (
        rejected_code(ingest.article_input_clean, text=TEXT, published="29/12/2018") == "bad_date"
    )
    assert (
        rejected_code(ingest.article_input_clean, text=TEXT, published="2018-02-30") == "bad_date"
    )
    assert (
        rejected_code(ingest.article_input_clean, text=TEXT, published="3018-01-01") == "bad_date"
    )
    assert (
        rejected_code(ingest.article_input_clean, text=TEXT, source_url="example.org") == "bad_url"
    )
    assert (
        rejected_code(ingest.article_input_clean, text=TEXT, source_url="ftp://x.org/") == "bad_url"
    )


# --- decoding like a browser -------------------------------------------------------------------

TURKISH = (
    "Turkish Foreign Minister Mevlüt Çavuşoğlu met his Russian counterpart in Antalya on Friday. "
    "Çavuşoğlu said the talks on Idlib were useful."
)


def test_a_turkish_windows_1254_file_is_read_as_turkish(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(TURKISH.encode("cp1254"))
    text = ingest.upload_read(name=path.name, data=path.read_bytes())
    assert text == TURKISH
    assert "Çavuþoðlu" not in text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Le ministre français a déclaré à l'Élysée que la trêve était fragile.", "cp1252"),
        ("Министр иностранных дел Сергей Лавров встретился с коллегой в Москве.", "cp1251"),
        ("Ο υπουργός Εξωτερικών συναντήθηκε με τον Σεργκέι Λαβρόφ στη Μόσχα.", "cp1253"),
    ],
)
def test_other_windows_code_pages_are_told_apart(text, codec):
    assert ingest.bytes_decode(text.encode(codec)) == text


def test_an_html_page_declares_its_own_encoding(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-9">'
        f"</head><body><p>{TURKISH}</p></body></html>"
    )
    path = tmp_path / "report.html"
    path.write_bytes(page.encode("cp1254"))
    assert ingest.bytes_decode(path.read_bytes(), html=True) == page
    # A byte-order mark comes before the page's own declaration.
    marked = b"\xef\xbb\xbf" + page.replace("iso-8859-9", "windows-1252").encode("utf-8")
    assert ingest.bytes_decode(marked, html=True) == page.replace("iso-8859-9", "windows-1252")


# --- HTML pages -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Lavrov and Cavusoglu meet in Sochi | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Lavrov and Cavusoglu meet in Sochi">
<meta property="article:published_time" content="2018-01-30T09:00:00+03:00">
<link rel="canonical" href="https://news.example.org/world/lavrov-cavusoglu-sochi">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/video">Video</a></nav>
<main><article>
<h1>Lavrov and Cavusoglu meet in Sochi</h1>
<p>Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Mevlut Cavusoglu in Sochi
on Tuesday to discuss the situation in Idlib province, the Russian foreign ministry said.</p>
<p>The two ministers agreed that the next round of talks on Syria would be held in Astana next
month, a diplomat who attended the meeting told reporters after it ended.</p>
<div class="share">Share Tweet Email</div>
</article></main>
<aside><h3>Related News</h3><ul><li><a href="/a">Putin meets Erdogan in Ankara</a></li>
<li><a href="/b">Aid convoy reaches Douma</a></li></ul></aside>
<footer>Copyright 2018 Example News. All rights reserved. Terms of Use Privacy Policy</footer>
</body></html>"""


def test_html_page_gives_its_main_text_and_what_it_says_of_itself():
    read = ingest.html_read(PAGE)
    assert read.text.startswith("Lavrov and Cavusoglu meet in Sochi\n\nRussian Foreign Minister")
    assert "a diplomat who attended the meeting told reporters after it ended." in read.text
    for furniture in ("Home", "Putin meets Erdogan", "Copyright", "Privacy Policy"):
        assert furniture not in read.text
    assert read.title == "Lavrov and Cavusoglu meet in Sochi"
    assert read.published == dt.date(2018, 1, 30)
    assert read.source_name == "Example News"
    assert read.source_url == "https://news.example.org/world/lavrov-cavusoglu-sochi"


def test_html_page_fields_fill_only_what_the_person_left_empty():
    upload = ingest.upload_parse(name="page.html", data=PAGE.encode())
    from_page = ingest.upload_input_clean(upload=upload)
    assert (from_page.title, from_page.published, from_page.source_name) == (
        "Lavrov and Cavusoglu meet in Sochi",
        dt.date(2018, 1, 30),
        "Example News",
    )
    given = ingest.upload_input_clean(
        upload=upload, title="Given", published="2018-02-01", source_name="TASS"
    )
    assert (given.title, given.published, given.source_name) == (
        "Given",
        dt.date(2018, 2, 1),
        "TASS",
    )


def test_page_trafilatura_finds_nothing_in_is_read_whole():
    assert ingest.html_read("<div>Tiny</div><div>page</div>").text == "Tiny\n\npage"


# --- what is accepted as an article -------------------------------------------------------------


@pytest.mark.parametrize("value", ["2018-01-01garbage", "2018-01-01 x", "2018-01-0", "20180101"])
def test_a_date_with_anything_after_it_is_rejected(value):
    assert rejected_code(ingest.published_parse, value) == "bad_date"


def test_an_iso_date_and_time_is_a_date():
    assert ingest.published_parse("2018-01-01T09:30:00Z") == dt.date(2018, 1, 1)


def test_stored_text_is_the_text_without_furniture():
    text = f"Print Tweet Views 120\n\n{TEXT}\n\nTags Syria Idlib Community standardsDiscussion"
    assert ingest.article_input_clean(text=text).text == TEXT


def test_text_shorter_than_the_minimum_after_cleaning_is_rejected(settings):
    short = "Lavrov met Cavusoglu in Moscow on Saturday, the ministry said. " * 2
    settings.ARTICLE_MIN_CHARS = 200
    assert rejected_code(ingest.article_input_clean, text=short) == "too_short"
    padded = short + "Share Tweet Email WhatsApp Print " * 5
    assert len(padded) > 200
    assert rejected_code(ingest.article_input_clean, text=padded) == "too_short"
    settings.ARTICLE_MIN_CHARS = 0
    assert ingest.article_input_clean(text=short).text == short.strip()


def test_text_that_is_not_prose_is_rejected():
    no_stops = " ".join(["government forces shelled the town"] * 40)
    with pytest.raises(ArticleRejected) as info:
        ingest.article_input_clean(text=no_stops)
    assert info.value.code == "not_prose"
    assert "without a full stop" in info.value.message
    table = "Idlib 2018 1203 455 12.5%\n" * 30
    with pytest.raises(ArticleRejected) as info:
        ingest.article_input_clean(text=table)
    assert info.value.code == "not_prose"
    assert "letters" in info.value.message


def test_replacement_characters_from_a_form_or_api_body_are_rejected():
    ingest.typed_text_check(TEXT)
    assert rejected_code(ingest.typed_text_check, "Lavrov met \ufffd\ufffdavu") == "invalid_utf8"


def test_a_lone_surrogate_is_rejected():
    assert rejected_code(ingest.article_input_clean, text=TEXT + "\ud83d") == "invalid_text"
