"""Page furniture in plain text: menus, share bars, tag lists and sidebars of other stories.

Text copied or scraped from a news site often keeps what surrounded the report: "Print Tweet
Views 729", "Tags Syria Aleppo airstrikes", "Related News" followed by a dozen headlines of other
stories glued into one line, "Subscribe to our Youtube channel", "Copyright 2018 ...", a footer
menu. Read as prose, those headlines become false meetings and the buttons become actors.

`furniture_spans(text)` finds such spans; `strip_furniture(text)` removes them (what ingest
stores); `furniture_blank(text)` replaces them with spaces so that offsets into the text stay
valid (what the extractor reads). Precision comes first: where the end of a sidebar cannot be told
from the start of a real sentence, the span stops early and some furniture stays.

Pure Python: no Django, no spaCy. The vocabulary lives in `data/furniture.json`.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]
_FAR = sys.maxsize

_DATA = Path(__file__).parent / "data" / "furniture.json"

# A tag list or a heading's list of headlines longer than this is not trusted to be one.
_TAGS_MAX_WORDS = 40
_RUN_MAX_CHARS = 2500
# Text between two furniture spans that is absorbed into them: a few bare words, e.g. a site name.
_GAP_MAX_CHARS = 40
_GAP_MAX_WORDS = 4
# Consecutive short title-like lines (a sidebar or a menu of several entries) from this many on.
_LINE_RUN_MIN = 4
_LINE_MAX_WORDS = 14
_LINE_PUNCTUATION_END = tuple(".,;:\"'\u201d\u2019")


@dataclass(frozen=True)
class _Vocabulary:
    navigation: re.Pattern[str]
    buttons: tuple[re.Pattern[str], ...]  # share bars, follow and subscribe calls, comment widgets
    headings: re.Pattern[str]
    openers: frozenset[str]
    function_words: frozenset[str]
    verbs: frozenset[str]
    abbreviations: frozenset[str]  # words before a full stop that does not end a sentence


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    networks = _alternation(data["social_networks"])
    unambiguous_comments = [
        p for p in data["comment_widgets"] if " " in p and p != "Community standards"
    ]
    comment_item = rf"(?:{_alternation(data['comment_widgets'])}|Comment\s+via\s+(?:{networks}|[A-Z][a-z]+(?:\s+News)?))"
    share = rf"(?:{_alternation(data['share'] + ['Follow'])})(?![\w-])"
    return _Vocabulary(
        navigation=re.compile(rf"(?:{_alternation(data['navigation'])})(?![\w-])"),
        # Each pattern starts with its words, so that the regex engine can skip ahead to them.
        buttons=(
            re.compile(rf"{share}(?:[\s|·•]*{share})+[\s|·•]*(?:Views\s+\d[\d,]*)?"),
            re.compile(
                rf"(?:Follow|Like|Join|Find|Watch)\s+us\s+on\s+(?:{networks})(?![\w-])"
                rf"(?:\s+(?:and|or)\s+(?:{networks}))?[.!]?"
            ),
            re.compile(
                rf"(?:Subscribe|SUBSCRIBE|Follow|FOLLOW|Like|Join)\s+(?:[A-Z][\w&.-]*\s+){{0,4}}"
                rf"on\s+(?:{networks})(?![\w-])[.!]?"
            ),
            re.compile(r"(?:FOLLOW|SUBSCRIBE|SHARE|ADVERTISEMENT|Advertisement)(?![\w-])"),
            re.compile(rf"{comment_item}(?:\s*{comment_item})+"),
            re.compile(rf"(?:{_alternation(unambiguous_comments)})(?![\w-])"),
        ),
        headings=re.compile(rf"(?:{_alternation(data['list_headings'])})(?![\w-]):?"),
        openers=frozenset(data["sentence_openers"]),
        function_words=frozenset(data["function_words"]),
        verbs=frozenset(data["verbs"]),
        abbreviations=frozenset(data["abbreviations"]),
    )


# --- sentences and words --------------------------------------------------------------------

_END_MARK = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s|$)")
_WORD = re.compile(r"\S+")


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    """A full stop after an abbreviation ("Gen.", "U.N.", a single initial) ends nothing."""
    if match.group()[0] != ".":
        return True
    before = text[max(0, match.start() - 60) : match.start()]
    token = before[before.rfind(" ") + 1 :].lstrip("(\"'\u201c")
    if not token or len(token) == 1 or "." in token:
        return False
    return token.lower() not in _vocabulary().abbreviations


def _sentence_ends(text: str, start: int, stop: int, marks: str = ".!?") -> Iterator[int]:
    """Positions just after each sentence end in text[start:stop]."""
    for match in _END_MARK.finditer(text, start, stop):
        if match.group()[0] in marks and _is_sentence_end(text, match):
            yield match.end()


def _sentence_around(text: str, start: int, end: int, limit: int = 300) -> Span:
    """The sentence that holds text[start:end], or just that stretch when the sentence is long."""
    left = max(text.rfind("\n", max(0, start - limit), start) + 1, start - limit, 0)
    sentence_start = left
    for stop in _sentence_ends(text, left, start):
        sentence_start = stop
    if sentence_start == left and left != 0 and text[left - 1] != "\n":
        sentence_start = start
    right = _next_end(text, end, limit)
    return sentence_start, right if right is not None else end


def _next_end(text: str, pos: int, limit: int) -> int | None:
    """Just after the next sentence end or line break within `limit` characters of `pos`."""
    stop = min(len(text), pos + limit)
    newline = text.find("\n", pos, stop)
    bound = newline if newline >= 0 else stop
    for end in _sentence_ends(text, pos, bound):
        return end
    if newline >= 0 or stop == len(text):
        return bound
    return None


def _word_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of `pattern` that start a word. (Checked here rather than by a look-behind in the
    pattern, which would keep the regex engine from skipping ahead to the first letters.)"""
    for match in pattern.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-"):
            yield match


def _is_capitalised(word: str) -> bool:
    word = word.lstrip("\"'(\u201c-")
    return bool(word) and word[0].isupper()


def _is_lower(word: str) -> bool:
    word = word.lstrip("\"'(\u201c")
    return bool(word) and (word[0].islower() or word[0].isdigit())


def _bare(word: str) -> str:
    return word.strip("\"'()\u201c\u201d,;:-")


# --- detectors ---------------------------------------------------------------------------------

_COPYRIGHT = re.compile(r"(?:Copyright|COPYRIGHT)(?![\w-])|©|\(c\)(?=\s*(?:19|20)\d\d)")
_COPYRIGHT_YEAR = re.compile(r"\s*(?:©|\(c\)|\S{1,3})?\s*(?:19|20)\d\d")
_RIGHTS = re.compile(r"All\s+[Rr]ights\s+[Rr]eserved\b\.?")
_SUBSCRIBE_TO = re.compile(
    r"(?:Subscribe|Sign\s+up)\s+(?:to|for)\s+(?:our|the)\s+"
    r"(?:\w+\s+){0,3}(?:channel|newsletter|podcast|alerts|feed|updates)\b"
)
_NEWSLETTER = re.compile(
    r"(?:[Ww]e\s+(?:won'?t|will\s+not|do\s+not|don'?t|never)\s+spam\s+you"
    r"|respect\s+your\s+privacy|Unsubscribe\s+at\s+any\s+time|Don'?t\s+miss\s+out\s+on)\b"
)
_READ_MORE = re.compile(
    r"(?:Read|READ)\s+(?:more|More|MORE)(?![\w-])(?:\s+(?:here|on\s+(?:\S+\s+){0,5}?here))?:?"
)
_SLIDESHOW = re.compile(r"Slideshow\s*\(\d+\s+Images?\)")
_TOPIC = re.compile(r"Topic\s+(?:\S+\s+){1,12}?\(\d[\d,]*\)")
_TAGS = re.compile(r"(?:Tags|TAGS)(?![\w-]):?")


def _copyright_spans(text: str) -> Iterator[Span]:
    for match in _word_matches(_COPYRIGHT, text):
        is_word = match.group() in ("Copyright", "COPYRIGHT")
        if is_word and not _COPYRIGHT_YEAR.match(text, match.end()):
            continue  # "Copyright law ...": a year must follow the word
        end = _next_end(text, match.end(), 160)
        yield match.start(), end if end is not None else match.end()
    for match in _word_matches(_RIGHTS, text):
        yield match.span()


# A wire report's sign-off: the names or initials of its writers and editors after the last
# sentence, alone or slash-separated ("... properties. Hazem Sabbagh", "... properties. M. al-Frieh/H. Said").
# Each name is one to three capitalised words, each may open with initials ("H.", "H.Zain") or a
# particle ("al-Frieh"). A fragment with a lowercase word is not a sign-off.
_SIGNOFF_WORD = r"(?:[A-Z]\.\s?)*(?:(?:al|el|Al|El)-)?[A-Z][\w'\u2019-]*"
_SIGNOFF_PART = rf"{_SIGNOFF_WORD}(?:[ \t]+{_SIGNOFF_WORD}){{0,2}}"
_SIGNOFF = re.compile(
    rf"(?:(?<=[.!?\"'\u201d\u2019)])[ \t]+|\n\s*)({_SIGNOFF_PART}(?:[ \t]*/[ \t]*{_SIGNOFF_PART})*)\s*\Z"
)
_SIGNOFF_TAIL_CHARS = 120


def _signoff_spans(text: str) -> Iterator[Span]:
    """The writers' sign-off at the end of a wire report: names or initials, joined by slashes."""
    offset = max(0, len(text) - _SIGNOFF_TAIL_CHARS)
    match = _SIGNOFF.search(text, offset)
    if match is not None:
        yield match.span(1)


# A wire report's credit line: who reported, wrote and edited it ("Reporting by Leila Haddad in
# Beirut; Editing by Tom Reed and Ana Ruiz"), opening a sentence, up to the sentence's end, with
# the agency's standards line when it follows ("Our Standards:The Thomson Reuters Trust
# Principles."). Any other lowercase word makes it prose ("Reporting by Reuters showed ...").
_CREDITS = re.compile(
    r"(?:Additional\s+[Rr]eporting|Reporting|Writing|Editing|Compiled|Written)\s+by\s+(?=[A-Z])"
)
_CREDIT_WORDS = frozenset(
    [
        "and",
        "in",
        "by",
        "reporting",
        "writing",
        "editing",
        "additional",
        "compiled",
        "written",
        "newsroom",
        "bureau",
        "at",
        "from",
        "al",
        "el",
        "bin",
    ]
)
_CREDIT_MAX_CHARS = 500


def _credit_spans(text: str) -> Iterator[Span]:
    """Wire credit lines: names of the report's writers and editors, not of anyone in it."""
    for match in _word_matches(_CREDITS, text):
        before = text[max(0, match.start() - 3) : match.start()].rstrip(" \t")
        if before and before[-1] not in ".!?;\"'()\n\u201d":
            continue
        bracketed = before[-1:] == "("
        if bracketed:
            close = text.find(")", match.end(), match.end() + _CREDIT_MAX_CHARS)
            end = close + 1 if close >= 0 else None
        else:
            end = _next_end(text, match.end(), _CREDIT_MAX_CHARS)
        if end is None:
            continue
        words = [w.strip(".,;:()") for w in text[match.start() : end].split()]
        if all(not w or w[0].isupper() or w.lower() in _CREDIT_WORDS for w in words):
            yield match.start() - bracketed, end


def _sentence_spans(text: str, pattern: re.Pattern[str]) -> Iterator[Span]:
    """The sentences that hold a match of `pattern` (a newsletter's or channel's pitch)."""
    for match in _word_matches(pattern, text):
        yield _sentence_around(text, match.start(), match.end())


def _navigation_spans(text: str) -> Iterator[Span]:
    """Clusters of three or more menu entries with at most three bare words between them."""
    matches = list(_word_matches(_vocabulary().navigation, text))
    cluster: list[re.Match[str]] = []
    for match in [*matches, None]:
        if match is not None and cluster and _is_bare_gap(text[cluster[-1].end() : match.start()]):
            cluster.append(match)
            continue
        if len(cluster) >= 4 or (len(cluster) == 3 and any(" " in m.group() for m in cluster)):
            yield cluster[0].start(), cluster[-1].end()
        cluster = [match] if match is not None else []


_BARE_GAP = re.compile(r"[ \t|·•/-]*(?:(?:[A-Z][\w&'-]*|with|to|of|and|&|us)[ \t|·•/-]+){0,4}")


def _is_bare_gap(gap: str) -> bool:
    return _BARE_GAP.fullmatch(gap) is not None


def _line_run_spans(text: str) -> Iterator[Span]:
    """Four or more consecutive short title-like lines: a sidebar or menu laid out one a line."""
    run: list[Span] = []
    previous = ""
    for number, match in enumerate(re.finditer(r"[^\n]+", text)):
        line = match.group().strip()
        if _is_title_line(line):
            # A headline, byline and dateline open many reports; a list after "...:" is content.
            if not run and (number == 0 or previous.endswith(":")):
                previous = line
                continue
            run.append(match.span())
        else:
            if len(run) >= _LINE_RUN_MIN:
                yield run[0][0], run[-1][1]
            run = []
        previous = line
    if len(run) >= _LINE_RUN_MIN:
        yield run[0][0], run[-1][1]


def _is_title_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _LINE_MAX_WORDS or line.endswith(_LINE_PUNCTUATION_END):
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    visible = line.replace(" ", "")
    if 2 * sum(c.isalpha() for c in visible) < len(visible):
        return False  # a row of figures, not a title
    return not any(True for _ in _sentence_ends(line, 0, len(line), ".!"))


def _base_spans(text: str) -> list[Span]:
    vocab = _vocabulary()
    spans: list[Span] = []
    spans.extend(_copyright_spans(text))
    for pattern in vocab.buttons:
        spans.extend(m.span() for m in _word_matches(pattern, text))
    spans.extend(_sentence_spans(text, _SUBSCRIBE_TO))
    spans.extend(_sentence_spans(text, _NEWSLETTER))
    spans.extend(_navigation_spans(text))
    spans.extend(m.span() for m in _word_matches(_READ_MORE, text))
    spans.extend(m.span() for m in _word_matches(_SLIDESHOW, text))
    spans.extend(m.span() for m in _word_matches(_TOPIC, text))
    spans.extend(_line_run_spans(text))
    spans.extend(_signoff_spans(text))
    spans.extend(_credit_spans(text))
    return _merged(text, spans)


def _merged(text: str, spans: list[Span]) -> list[Span]:
    """Sorted, overlapping spans joined, and spans with only a few bare words between them joined."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and (start <= merged[-1][1] or _absorbed(text[merged[-1][1] : start])):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _absorbed(gap: str) -> bool:
    if not gap.strip():
        return True
    if len(gap) > _GAP_MAX_CHARS or "\n" in gap or any(c in gap for c in ".!?,;:"):
        return False
    words = gap.split()
    return len(words) <= _GAP_MAX_WORDS and not any(
        w in _vocabulary().function_words for w in words
    )


def _covered(spans: list[Span], start: int, end: int, text: str) -> bool:
    """Whether text[start:end] is white space or furniture from end to end."""
    pos = start
    for s, e in spans:
        if e <= pos:
            continue
        if s >= end:
            break
        if not _absorbed(text[pos:s]):
            return False
        pos = max(pos, e)
    return pos >= end or _absorbed(text[pos:end])


def _span_at(spans: list[Span], pos: int) -> Span | None:
    index = bisect.bisect_right(spans, (pos, _FAR)) - 1 if spans else -1
    if index >= 0 and spans[index][0] <= pos < spans[index][1]:
        return spans[index]
    return None


def _after_boundary(text: str, pos: int, spans: list[Span]) -> bool:
    """Whether `pos` starts a block: text start, after a line, a sentence end, a number or furniture."""
    window = max(0, pos - 200)
    before = text[window:pos].rstrip(" \t")
    if (not before and window == 0) or before.endswith(
        ("\n", ".", "!", "?", '"', "'", ")", "]", "|", ":", "\u201d")
    ):
        return True
    if before and before[-1].isdigit():
        return True
    index = bisect.bisect_right(spans, (pos, _FAR)) - 1
    while index >= 0 and spans[index][1] > pos:
        index -= 1
    return index >= 0 and pos - spans[index][1] < 200 and not text[spans[index][1] : pos].strip()


# --- tag lists and lists of other stories' headlines --------------------------------------------


def _words(text: str, start: int, stop: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, stop))


def _run_stop(text: str, start: int, spans: list[Span], max_chars: int) -> tuple[int, bool]:
    """Where a list that starts at `start` must end, and whether a sentence ends there.

    The list runs to the first of: a sentence end, a line break, other furniture, the text's end.
    """
    limit = min(len(text), start + max_chars)
    stop = limit
    for s, _ in spans:
        if s >= start:
            stop = min(stop, s)
            break
    newline = text.find("\n", start, stop)
    if newline >= 0:
        stop = newline
    for end in _sentence_ends(text, start, stop, ".!"):
        return end, True
    return stop, False


def _opener_cut(text: str, words: list[re.Match[str]]) -> int | None:
    """Where a real sentence starts after a glued list of headlines: the first capitalised
    opener ("The", "At", "Nearly") before a lowercase word. None when there is none: the end of a
    headline cannot be told from a sentence's subject, so nothing is cut."""
    vocab = _vocabulary()
    for i in range(1, len(words) - 1):
        word, bare = words[i].group(), _bare(words[i].group())
        previous = _bare(words[i - 1].group())
        if (
            bare in vocab.openers
            and previous not in vocab.function_words
            and _is_lower(words[i + 1].group())
        ):
            return words[i].start() + word.index(bare[0])
    return None


def _is_verbish(word: str) -> bool:
    return word in _vocabulary().verbs or (len(word) > 4 and word.endswith("ed"))


def _starts_sentence(words: list[str], i: int) -> bool:
    """Whether capitalised words[i] starts a sentence: an opener, or a few words on two of them
    lowercase and one a function word or a verb ("Syrian regime warplanes bombed")."""
    vocab = _vocabulary()
    if words[i] in vocab.openers:
        return True
    window = words[i + 1 : i + 5]
    lower = [w for w in window if w and w[0].islower()]
    return len(lower) >= 2 and any(w in vocab.function_words or _is_verbish(w) for w in lower)


def _tag_spans(text: str, spans: list[Span]) -> Iterator[Span]:
    vocab = _vocabulary()
    for match in _word_matches(_TAGS, text):
        if _span_at(spans, match.start()) is not None:
            continue
        before = _words(text, max(0, match.start() - 40), match.start())
        if (
            before
            and _is_capitalised(before[-1].group())
            and not _after_boundary(text, match.start(), spans)
        ):
            continue  # part of a name, "Price Tags"
        stop, sentence = _run_stop(text, match.end(), spans, 400)
        words = _words(text, match.end(), stop)
        if not words:
            continue
        bounded = stop >= len(text) or text[stop] == "\n" or _span_at(spans, stop) is not None
        if not sentence and bounded:
            # Up to the end of the text, a line or other furniture: the whole run is the list.
            if len(words) <= _TAGS_MAX_WORDS:
                yield match.start(), stop
            continue
        # A sentence follows: the list ends where a capitalised word starts it.
        bare = [_bare(w.group()) for w in words[: _TAGS_MAX_WORDS + 5]]
        for i in range(1, min(len(bare), _TAGS_MAX_WORDS + 1)):
            if _is_capitalised(bare[i]) and _starts_sentence(bare, i):
                yield match.start(), words[i - 1].end()
                break
        else:
            if sentence and len(words) <= 12 and not any(w in vocab.function_words for w in bare):
                yield match.start(), stop


def _heading_spans(text: str, spans: list[Span]) -> Iterator[Span]:
    """A heading such as "Related News" and the headlines of other stories that follow it."""
    for match in _word_matches(_vocabulary().headings, text):
        if _span_at(spans, match.start()) is not None:
            continue
        multiword = " " in match.group().strip(":")
        if not (multiword or match.group().endswith(":")) and not _after_boundary(
            text, match.start(), spans
        ):
            continue
        following = _words(text, match.end(), min(len(text), match.end() + 60))
        if not following or not (
            _is_capitalised(following[0].group()) or following[0].group()[0].isdigit()
        ):
            continue
        end = _heading_run_end(text, match, spans)
        yield match.start(), end


def _heading_run_end(text: str, match: re.Match[str], spans: list[Span]) -> int:
    pos = match.end()
    limit = min(len(text), match.start() + _RUN_MAX_CHARS)
    while pos < limit:
        inside = _span_at(spans, pos)
        if inside is not None:
            pos = inside[1]
            continue
        stop, sentence = _run_stop(text, pos, spans, limit - pos)
        if stop >= len(text) and not sentence:
            return len(text)
        if not sentence and _span_at(spans, stop) is not None:
            pos = stop
            continue
        if not sentence:
            if stop < len(text) and text[stop] == "\n":
                # One headline a line: the list goes on while the lines look like headlines.
                line_end = text.find("\n", stop + 1)
                line_end = len(text) if line_end < 0 else line_end
                if _is_title_line(text[stop + 1 : line_end].strip()):
                    pos = line_end
                    continue
                return stop
            break
        if text[stop:].strip() and _covered(spans, stop, len(text), text):
            # Only furniture after it: the sentence belongs to the sidebar (a headline with a
            # full stop, a slogan). A last sentence with nothing after it is the report's own.
            return len(text)
        line_start = text.rfind("\n", match.end(), stop)
        if line_start >= 0:
            return line_start
        cut = _opener_cut(text, _words(text, match.end(), stop))
        return cut if cut is not None else match.end()
    return len(text) if pos >= len(text) else match.end()


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of page furniture in `text`, sorted and not overlapping."""
    if not text:
        return []
    spans = _base_spans(text)
    spans = _merged(text, [*spans, *_tag_spans(text, spans)])
    spans = _merged(text, [*spans, *_heading_spans(text, spans)])
    return [(s, e) for s, e in spans if text[s:e].strip()]


def furniture_blank(text: str) -> str:
    """`text` with its furniture replaced by spaces (line breaks kept): offsets stay valid."""
    spans = furniture_spans(text)
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def strip_furniture(text: str) -> str:
    """`text` without its furniture; what is left around a removed stretch is joined by a space,
    or by the line break it held."""
    spans = furniture_spans(text)
    if not spans:
        return text
    out, pos = "", 0
    for start, end in spans:
        out = out + text[pos:start]
        removed = text[start:end]
        out = out.rstrip(" \t")
        if "\n\n" in removed:
            out = out.rstrip("\n") + "\n\n"
        elif "\n" in removed:
            out = out.rstrip("\n") + "\n"
        elif out and not out.endswith("\n"):
            out += " "
        pos = end
        while pos < len(text) and text[pos] in " \t":
            pos += 1
    out += text[pos:]
    lines = [line.rstrip() for line in out.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
