"""Turn what people upload into an article's title and text, or say clearly why not.

Pure input handling, shared by the upload form, the API and the importer: decoding bytes, reducing
HTML to the words of the report, size and sanity checks. Nothing here touches the database.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from bs4 import BeautifulSoup, Comment, NavigableString
from bs4.dammit import EncodingDetector
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from extraction.furniture import strip_furniture

logger = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class UploadedText:
    """What a file gives: its article text and, from an HTML page, what the page says of itself
    (headline, publication date, outlet, address), used where the person left a field empty."""

    text: str
    title: str = ""
    published: dt.date | None = None
    source_name: str = ""
    source_url: str = ""


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


def bytes_decode(data: bytes, *, html: bool = False) -> str:
    """Bytes of a file to str, the way a browser reads them.

    A byte-order mark decides; then, for HTML, the page's own <meta charset>; then UTF-8; then
    the Windows code page whose reading of the bytes looks most like real text (Turkish
    "Çavuşoğlu" in Windows-1254 is not read as Windows-1252 "Çavuþoðlu"). Binary data (NUL bytes
    without a UTF-16 BOM, or many control characters) is rejected rather than stored as garbage.
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
    declared = _declared_codec(data) if html else None
    text = None
    for codec in (declared, "utf-8"):
        if codec is None:
            continue
        try:
            text = data.decode(codec)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        text = _legacy_decode(data)
    _binary_check(text)
    return text


# Single-byte code pages tried, in this order (the first wins a tie), for bytes that are neither
# marked nor UTF-8: Western, Turkish, Central European, Cyrillic, Greek, Arabic, Hebrew, Baltic.
_LEGACY_CODECS = ("cp1252", "cp1254", "cp1250", "cp1251", "cp1253", "cp1256", "cp1255", "cp1257")
# Letters with marks that are common in the names and words of news in Latin script.
_COMMON_LATIN = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžčćđłńśźżğışățșÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜŒŠŽČĆĐŁŃŚŹŻĞİŞĂȚȘß"
)
_COMMON_SYMBOLS = frozenset("“”‘’„–—…•€«»°·£§©®™\u00a0")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# HTML's rule: pages that declare Latin-1 or ASCII are read as Windows-1252, Latin-5 as 1254.
_HTML_CODEC_ALIASES = {"iso8859_1": "cp1252", "ascii": "cp1252", "iso8859_9": "cp1254"}


def _declared_codec(data: bytes) -> str | None:
    """The codec a page declares in its first bytes (<meta charset> or http-equiv), if known."""
    label = EncodingDetector.find_declared_encoding(data[:4096], is_html=True)
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return "utf-8"  # a page that says UTF-16 in itself is read as UTF-8 (it has no BOM)
    return _HTML_CODEC_ALIASES.get(name.replace("-", "_"), name)


def _legacy_decode(data: bytes) -> str:
    best, best_score = None, None
    for codec in _LEGACY_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best_score is None or score > best_score:
            best, best_score = text, score
    if best is None:
        raise ArticleRejected(
            "The file is not readable text: it is not UTF-8 nor any common Windows encoding. "
            "Save it as UTF-8 and upload it again.",
            "undecodable",
        )
    return best


def _script(char: str) -> str:
    if char.isascii():
        return "LATIN"
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def _plausibility(text: str) -> int:
    """How much `text` looks like real words: common accented letters and words in one script
    count for it; rare letters, words mostly of accented letters, mixed scripts and stray symbols
    count against it."""
    score = 0
    for word in _LETTER_RUN.findall(text):
        if word.isascii():
            continue
        scripts = {_script(c) for c in word}
        odd = [c for c in word if not c.isascii()]
        if len(scripts) > 1:
            score -= 3
        elif any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False)):
            score -= len(word)  # a capital inside a word: Greek read as Cyrillic, "ухнбнфЮизке"
        elif scripts != {"LATIN"}:
            score += len(word)
        elif len(word) >= 3 and 2 * len(odd) > len(word):
            score -= len(odd)  # "Ðîññèÿ": Cyrillic read as Latin
        else:
            score += sum(1 if c in _COMMON_LATIN else -1 for c in odd)
    for char in text:
        if char.isascii() or char.isalpha() or char in _COMMON_SYMBOLS:
            continue
        score -= 3 if unicodedata.category(char) == "Cc" else 1
    return score


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


def upload_parse(*, name: str, data: bytes) -> UploadedText:
    """The article text of an uploaded file, by its extension, with what an HTML page says of
    itself."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        shown = suffix or "no extension"
        raise ArticleRejected(
            f"Files of type {shown} are not accepted. "
            "Upload a .txt, .md, .html or .htm file, or paste the article's text.",
            "unsupported_type",
        )
    if suffix in HTML_SUFFIXES:
        return html_read(bytes_decode(data, html=True))
    return UploadedText(text=text_tidy(bytes_decode(data)))


def upload_read(*, name: str, data: bytes) -> str:
    """The article text of an uploaded file, by its extension."""
    return upload_parse(name=name, data=data).text


def html_read(html: str) -> UploadedText:
    """An HTML page's main text (trafilatura; the whole page read by `html_to_text` when it
    finds nothing) with the page's headline, date, outlet and address."""
    document = _trafilatura_read(html)
    text = ""
    if document is not None and document.text:
        # trafilatura gives one block a line; the article keeps them as paragraphs.
        text = "\n\n".join(line.strip() for line in document.text.splitlines() if line.strip())
    if not text.strip():
        return UploadedText(text=text_tidy(html_to_text(html)))
    return UploadedText(
        text=text_tidy(text),
        title=title_clean(document.title),
        published=_page_date(document.date),
        source_name=" ".join((document.sitename or "").split())[:SOURCE_NAME_MAX_CHARS],
        source_url=_page_url(document.url),
    )


def _trafilatura_read(html: str):
    import trafilatura  # loads lxml and date parsers: only where HTML is read

    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # Only the date the page states for itself, not one guessed from its text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a page trafilatura cannot parse is read by BeautifulSoup instead
        logger.warning("trafilatura could not read an HTML page", exc_info=True)
        return None


def _page_date(value: str | None) -> dt.date | None:
    try:
        return published_parse(value)
    except ArticleRejected:
        return None


def _page_url(value: str | None) -> str:
    try:
        return source_url_check(value)
    except ArticleRejected:
        return ""


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
    """A pasted or decoded text, tidied and without page furniture (share bars, tag lists, other
    stories' headlines); empty, oversized, binary, too short or non-prose text is rejected."""
    size_check(len(text.encode("utf-8", errors="surrogatepass")))
    _binary_check(text)
    _surrogate_check(text)
    text = text_tidy(text)
    if not text:
        raise ArticleRejected(
            "The article has no text. Paste the report's text or choose a file that contains it.",
            "empty",
        )
    text = text_tidy(strip_furniture(text))
    minimum = settings.ARTICLE_MIN_CHARS
    if len(text) < minimum:
        raise ArticleRejected(
            f"The article has {len(text)} characters of text (not counting menus, share buttons "
            f"and lists of other stories), fewer than the {minimum} a report needs. Paste or "
            "upload the whole report, not only its headline or teaser.",
            "too_short",
        )
    _prose_check(text)
    return text


# Above this many characters without a full stop, question or exclamation mark, text is not prose
# (news reports, even with commas stripped, end a sentence well within it).
PROSE_MAX_RUN_CHARS = 1000
# Below this share of letters among the characters that are not white space, it is not prose.
PROSE_MIN_LETTER_SHARE = 0.6
_SENTENCE_MARKS = re.compile(r"[.!?\u3002\u061f\u06d4]")


def _prose_check(text: str) -> None:
    visible = [c for c in text if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    if visible and letters / len(visible) < PROSE_MIN_LETTER_SHARE:
        raise ArticleRejected(
            f"The text is mostly not words: only {100 * letters // len(visible)}% of its "
            "characters are letters (it looks like a table, code or data). Upload the report's "
            "prose, not the data behind it.",
            "not_prose",
        )
    longest = max(len(run) for run in _SENTENCE_MARKS.split(text))
    if longest > PROSE_MAX_RUN_CHARS:
        raise ArticleRejected(
            f"The text has {longest:,} characters in a row without a full stop, question mark "
            "or exclamation mark: it looks like a list, a menu or text whose punctuation was "
            "lost, not sentences of a report. Upload the report with its punctuation.",
            "not_prose",
        )


def _surrogate_check(text: str) -> None:
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise ArticleRejected(
            "The text contains an invalid character (a lone UTF-16 surrogate, e.g. a broken "
            "\\ud83d escape). Send the text as valid UTF-8.",
            "invalid_text",
        )


def typed_text_check(value: str, *, what: str = "text") -> None:
    """Text that came through a form or an API body decoded as UTF-8: a replacement character
    there means bytes that were not UTF-8, which must be sent again rather than stored broken."""
    if "\ufffd" in value:
        raise ArticleRejected(
            f"The {what} contains bytes that are not valid UTF-8 (shown as \ufffd). Send it "
            "again as UTF-8, or upload the file itself: files in other encodings are read "
            "correctly.",
            "invalid_utf8",
        )


def published_parse(value: str | dt.date | None) -> dt.date | None:
    """A publication date from YYYY-MM-DD (or a date); not in the future, not before 1900."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raw = str(value).strip()
        value = _iso_date(raw)
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


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(raw: str) -> dt.date | None:
    """YYYY-MM-DD, or an ISO date and time ("2018-01-01T09:30:00Z"); nothing else after it."""
    try:
        if _ISO_DATE.fullmatch(raw):
            return dt.date.fromisoformat(raw)
        if _ISO_DATE.match(raw) and raw[10:11] in ("T", " "):
            return dt.datetime.fromisoformat(raw).date()
    except ValueError:
        return None
    return None


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


def upload_input_clean(
    *,
    upload: UploadedText,
    title: str = "",
    source_url: str | None = "",
    source_name: str | None = "",
    published: str | dt.date | None = None,
) -> ArticleInput:
    """An uploaded file checked like pasted text; a field the person left empty is filled from
    what the page says of itself (an HTML page's headline, date, outlet and address)."""
    return article_input_clean(
        text=upload.text,
        title=title or upload.title,
        source_url=source_url or upload.source_url,
        source_name=source_name or upload.source_name,
        published=published or upload.published,
    )
