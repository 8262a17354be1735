"""Turn what people upload into an article's title and text, or say clearly why not.

Pure input handling, shared by the upload form, the API and the importer: decoding bytes, reducing
HTML to the words of the report, size and sanity checks. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

from bs4 import BeautifulSoup, Comment, NavigableString
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
ACCEPTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
TITLE_MAX_CHARS = 200  # a title taken from the text's first line
TITLE_STORED_MAX_CHARS = 500
SOURCE_NAME_MAX_CHARS = 200
SOURCE_URL_MAX_CHARS = 2000
# Above this share of control characters a "text" file is really binary data.
_CONTROL_SHARE_LIMIT = 0.05
# Unicode's control characters (category Cc: C0, DEL and C1) other than tab, newlines and feeds.
_UNWANTED_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# Page furniture that is never part of the report.
_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "figure",
]
_BLOCK_TAGS = {
    "address",
    "article",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
# Markers that survive whitespace folding and become paragraph and line breaks afterwards.
_PARAGRAPH = "\u2029"
_LINE = "\u2028"
_SPACES = re.compile(r"[^\S\u2028\u2029]+")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


class ArticleRejected(ValueError):
    """The upload cannot become an article; `message` tells the person what to do instead."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class ArticleInput:
    """A checked article, ready for `articles.services.article_create`."""

    title: str
    text: str
    source_url: str = ""
    source_name: str = ""
    published: dt.date | None = None


def size_limit_text() -> str:
    limit = settings.ARTICLE_MAX_BYTES
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    if limit >= 1024:
        return f"{limit / 1024:g} KB"
    return f"{limit} bytes"


def _too_large(size: int) -> ArticleRejected:
    return ArticleRejected(
        f"The article is {size:,} bytes, over the {size_limit_text()} limit. "
        "Split it into separate reports or upload only the article's text.",
        "too_large",
    )


def size_check(size: int) -> None:
    if size > settings.ARTICLE_MAX_BYTES:
        raise _too_large(size)


def bytes_decode(data: bytes) -> str:
    """Bytes of a text file to str: a BOM decides, then UTF-8, then Windows-1252.

    Binary data (NUL bytes without a UTF-16 BOM, or many control characters) is rejected rather
    than stored as garbage.
    """
    size_check(len(data))
    if data.startswith(b"\xef\xbb\xbf"):
        return _decoded(data[3:], "utf-8", "UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data, "utf-16", "UTF-16")
    if b"\x00" in data:
        raise ArticleRejected(
            "The file contains binary data (NUL bytes), not text. "
            "Upload a .txt, .md or .html file, or paste the article's text.",
            "binary",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ArticleRejected(
                "The file is not readable text: it is neither UTF-8 nor Windows-1252. "
                "Save it as UTF-8 and upload it again.",
                "undecodable",
            ) from None
    _binary_check(text)
    return text


def _decoded(data: bytes, codec: str, label: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise ArticleRejected(
            f"The file starts with a {label} byte-order mark but is not valid {label}. "
            "Save it again as UTF-8 and upload it again.",
            "undecodable",
        ) from None
    _binary_check(text)
    return text


def _binary_check(text: str) -> None:
    if "\x00" in text:
        raise ArticleRejected(
            "The text contains NUL characters, which no article contains. "
            "Upload the article as plain text or HTML.",
            "binary",
        )
    if not text:
        return
    controls = len(_UNWANTED_CONTROLS.findall(text))
    if controls / len(text) > _CONTROL_SHARE_LIMIT:
        raise ArticleRejected(
            "The file looks like binary data (many control characters), not text. "
            "Upload a .txt, .md or .html file, or paste the article's text.",
            "binary",
        )


def html_to_text(html: str) -> str:
    """The article's words from an HTML page: furniture dropped, one blank line between paragraphs.

    An <article> (the longest, if several) or <main> element is preferred over the whole <body>.
    """
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    # A page's masthead goes; an <article>'s own <header> holds its headline and stays.
    for tag in soup.find_all("header"):
        if tag.find_parent("article") is None:
            tag.decompose()
    articles = soup.find_all("article")
    if articles:
        root = max(articles, key=lambda tag: len(tag.get_text(" ", strip=True)))
    else:
        root = soup.find("main") or soup.find("body") or soup
    for br in root.find_all("br"):
        br.replace_with(NavigableString(_LINE))
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before(NavigableString(_PARAGRAPH))
        tag.insert_after(NavigableString(_PARAGRAPH))
    raw = root.get_text()
    return _markers_to_breaks(_SPACES.sub(" ", raw))


def _markers_to_breaks(folded: str) -> str:
    paragraphs = []
    for block in folded.split(_PARAGRAPH):
        lines = [line.strip() for line in block.split(_LINE)]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def text_tidy(text: str) -> str:
    """Line endings to \\n, trailing spaces and surrounding blank lines removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n").strip()


def upload_read(*, name: str, data: bytes) -> str:
    """The article text of an uploaded file, by its extension."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        shown = suffix or "no extension"
        raise ArticleRejected(
            f"Files of type {shown} are not accepted. "
            "Upload a .txt, .md, .html or .htm file, or paste the article's text.",
            "unsupported_type",
        )
    text = bytes_decode(data)
    if suffix in HTML_SUFFIXES:
        text = html_to_text(text)
    return text_tidy(text)


def title_from_text(text: str) -> str:
    """The first non-empty line, without Markdown heading marks, cut at a word near 200 chars."""
    for line in text.splitlines():
        line = _MARKDOWN_HEADING.sub("", line).strip()
        if line:
            return title_trim(line)
    return ""


def title_clean(title: str | None) -> str:
    """A title given by a person: white space folded, cut to what the database holds."""
    return " ".join((title or "").split())[:TITLE_STORED_MAX_CHARS]


def title_trim(title: str) -> str:
    title = " ".join(title.split())
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[: TITLE_MAX_CHARS - 1]
    if " " in cut[TITLE_MAX_CHARS // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def text_check(text: str) -> str:
    """A pasted or decoded text, tidied; empty, oversized or binary text is rejected."""
    size_check(len(text.encode("utf-8", errors="surrogatepass")))
    _binary_check(text)
    text = text_tidy(text)
    if not text:
        raise ArticleRejected(
            "The article has no text. Paste the report's text or choose a file that contains it.",
            "empty",
        )
    return text


def published_parse(value: str | dt.date | None) -> dt.date | None:
    """A publication date from YYYY-MM-DD (or a date); not in the future, not before 1900."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raw = str(value).strip()
        try:
            value = dt.date.fromisoformat(raw[:10]) if len(raw) >= 10 else None
        except ValueError:
            value = None
        if value is None:
            raise ArticleRejected(
                f"The publication date {raw!r} is not a date: write it as YYYY-MM-DD, "
                "e.g. 2018-12-29, or leave it empty.",
                "bad_date",
            )
    latest = dt.date.today() + dt.timedelta(days=1)
    if value.year < 1900 or value > latest:
        raise ArticleRejected(
            f"The publication date {value.isoformat()} is out of range: it must be between "
            f"1900-01-01 and today. Check the date, or leave it empty.",
            "bad_date",
        )
    return value


def source_url_check(value: str | None) -> str:
    url = (value or "").strip()
    if not url:
        return ""
    if len(url) > SOURCE_URL_MAX_CHARS:
        raise ArticleRejected(
            f"The source address is longer than {SOURCE_URL_MAX_CHARS} characters. "
            "Use the article's own address without tracking parameters.",
            "bad_url",
        )
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ArticleRejected(
            f"The source address {url[:100]!r} is not a web address. "
            "Use a full address starting with http:// or https://, or leave it empty.",
            "bad_url",
        ) from None
    return url


def article_input_clean(
    *,
    text: str,
    title: str = "",
    source_url: str | None = "",
    source_name: str | None = "",
    published: str | dt.date | None = None,
) -> ArticleInput:
    """Everything checked at once, in the order a person would fix it."""
    text = text_check(text)
    title = title_clean(title) or title_from_text(text)
    return ArticleInput(
        title=title,
        text=text,
        source_url=source_url_check(source_url),
        source_name=" ".join((source_name or "").split())[:SOURCE_NAME_MAX_CHARS],
        published=published_parse(published),
    )
