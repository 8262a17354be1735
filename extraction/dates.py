"""Resolve the date expressions of news reports against the publication date.

Pure functions: no spaCy, no clock. "On Saturday" in an article of Saturday is that same day; a
weekday names the most recent such day on or before publication; a month and day without a year
takes the publication year unless that lands more than a few days after publication.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extraction.types import DatePrecision

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# A month's or a weekday's name as a regex word, for rules that read around dates (any case).
MONTH_WORD = "(?:" + "|".join(k for k in MONTHS if len(k) == 3) + ")[a-z]*"
WEEKDAY_WORD = "(?:" + "|".join(WEEKDAYS) + ")"
# A date without a year may be reported a little ahead of time ("talks on December 31" in an
# article of December 29); beyond this slack it is taken to be last year's date.
FUTURE_SLACK_DAYS = 7
# A date followed by one of these is the name of a street, a square or a movement.
_NAMED_AFTER_RE = re.compile(
    r"(?:th|st|nd|rd)?\s+(?-i:Street|St\.|Road|Square|Avenue|Boulevard|Bridge|Roundabout|Hospital"
    r"|School|Mosque|Brigade|Brigades|Battalion|Movement|Revolution|Uprising|Coalition|Alliance)\b"
)
# Words that make the date after them a deadline ("by October 10").
_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|until|till|no\s+later\s+than|deadline\s+of)\s+(?:the\s+)?$", re.I
)

_MONTH = (
    r"(?P<{g}>(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?))\.?"
)
_YEAR = r"(?:,?\s*\[?(?P<{g}>(?:19|20)\d\d)\]?)?"
_DATE_RE = re.compile(
    "|".join(
        [
            # "December 27", "Dec. 27, 2016", "Jan. 23"
            r"\b"
            + _MONTH.format(g="m1")
            + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b"
            + _YEAR.format(g="y1"),
            # "27 December", "29 December, 2018"
            r"\b(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _MONTH.format(g="m2")
            + r"\b"
            + _YEAR.format(g="y2"),
            # "in January", "earlier in March 2017"
            r"\b(?:in|since|during|early|late|mid-?)\s+"
            + _MONTH.format(g="m3")
            + r"\b"
            + _YEAR.format(g="y3"),
            # "01-10-2014", "02.10.2017": day first, as the region's and the wires' datelines
            r"\b(?P<d4>\d{1,2})(?P<sep>[-.])(?P<m4>\d{1,2})(?P=sep)(?P<y4>(?:19|20)\d\d)(?!\d)",
            r"\b(?P<wd>(?:last|this|next|on|early|late)\s+)?(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]?s(?=\s+[a-z]))?\b",
            r"\b(?P<rel>yesterday|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|last\s+week|this\s+week|last\s+month|earlier\s+this\s+month|this\s+month|earlier\s+this\s+week|last\s+year|earlier\s+this\s+year)\b",
        ]
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text, already resolved."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: DatePrecision
    future: bool = False  # "next Monday": a plan, not a report


def weekday_on_or_before(published: dt.date, weekday: int) -> dt.date:
    """The most recent `weekday` (0 = Monday) on or before `published`."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def weekday_after(published: dt.date, weekday: int) -> dt.date:
    """The first `weekday` strictly after `published` ("next Monday")."""
    return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)


def month_day(published: dt.date, month: int, day: int, year: int | None = None) -> dt.date | None:
    """Month and day, with the year from `published` unless given; None if no such date."""
    if year is not None:
        return _safe_date(year, month, day)
    candidate = _safe_date(published.year, month, day)
    if candidate is None:
        # February 29 outside a leap year: try last year.
        return _safe_date(published.year - 1, month, day)
    if (candidate - published).days > FUTURE_SLACK_DAYS:
        return _safe_date(published.year - 1, month, day)
    return candidate


def month_only(published: dt.date, month: int, year: int | None = None) -> dt.date:
    """The first of the month: "in January" is this year's January unless that is still ahead."""
    if year is not None:
        return dt.date(year, month, 1)
    if month > published.month:
        return dt.date(published.year - 1, month, 1)
    return dt.date(published.year, month, 1)


def relative(published: dt.date, phrase: str) -> tuple[dt.date, DatePrecision]:
    """'yesterday', 'last week', 'earlier this month'... -> (date, precision)."""
    words = " ".join(phrase.lower().split())
    if words in ("yesterday", "last night"):
        return published - dt.timedelta(days=1), "day"
    if words in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return published, "day"
    if words == "last week":
        return _monday(published) - dt.timedelta(days=7), "week"
    if words in ("this week", "earlier this week"):
        return _monday(published), "week"
    if words == "last month":
        first = published.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1), "month"
    if words in ("this month", "earlier this month"):
        return published.replace(day=1), "month"
    if words == "last year":
        return dt.date(published.year - 1, 1, 1), "year"
    return dt.date(published.year, 1, 1), "year"


def find_dates(text: str, published: dt.date, offset: int = 0) -> list[DateMention]:
    """Every date expression of `text` resolved against `published`; offsets shifted by `offset`.

    A day and month with no year after "by", "until" or "no later than" is a deadline: the next
    such day, not the last one ("withdrawn by October 10" in a September report is this October).
    """
    found: list[DateMention] = []
    for m in _DATE_RE.finditer(text):
        if _NAMED_AFTER_RE.match(text, m.end()):
            continue  # "April 7th Street", "the 8 March Revolution": a name, not a day
        resolved = _resolve(m, published)
        if resolved is None:
            continue
        date, precision, future = resolved
        if (
            _is_month_day(m)
            and date < published
            and not _has_year(m)
            and _DEADLINE_BEFORE.search(text, max(0, m.start() - 20), m.start())
        ):
            ahead = _safe_date(date.year + 1, date.month, date.day)
            if ahead is not None:
                date, future = ahead, True
        found.append(
            DateMention(m.start() + offset, m.end() + offset, m.group(0), date, precision, future)
        )
    return found


def _resolve(m: re.Match[str], published: dt.date) -> tuple[dt.date, DatePrecision, bool] | None:
    g = m.groupdict()
    for mk, dk, yk in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
        if g.get(mk):
            year = int(g[yk]) if g.get(yk) else None
            date = month_day(published, _month(g[mk]), int(g[dk]), year)
            if date is None:
                return None
            return date, "day", date > published + dt.timedelta(days=FUTURE_SLACK_DAYS)
    if g.get("m4"):
        date = _safe_date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
        if date is None:
            return None
        return date, "day", date > published + dt.timedelta(days=FUTURE_SLACK_DAYS)
    if g.get("m3"):
        year = int(g["y3"]) if g.get("y3") else None
        date = month_only(published, _month(g["m3"]), year)
        return date, "month", date > published
    if g.get("w"):
        weekday = WEEKDAYS.index(g["w"].lower())
        qualifier = (g.get("wd") or "").strip().lower()
        if qualifier == "next":
            return weekday_after(published, weekday), "day", True
        day = weekday_on_or_before(published, weekday)
        if qualifier == "last" and day == published:
            day -= dt.timedelta(days=7)  # "last Thursday" in a Thursday article
        return day, "day", False
    if g.get("rel"):
        date, precision = relative(published, g["rel"])
        return date, precision, False
    return None


def _is_month_day(m: re.Match[str]) -> bool:
    """'October 10' or '10 October', not a weekday ("by Friday" is a day already past)."""
    return bool(m.groupdict().get("m1") or m.groupdict().get("m2"))


def _has_year(m: re.Match[str]) -> bool:
    return any(m.groupdict().get(key) for key in ("y1", "y2", "y3", "y4"))


def _month(word: str) -> int:
    return MONTHS[
        word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower()[:3]
    ]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# Where a report's own dateline sits: at the very start ("7 July 2015 A suicide bomber..."),
# after a "published" label, or after a weekday ("... Monitor AFP Sunday 5 Jun 2016 Dozens of...").
DATELINE_REACH = 150
DATELINE_TRUSTED_DAYS = 31
# A full date that opens the text is the report's own even when the feed's date is months off
# ("01-10-2014 Twin car bombs in Homs..." filed under 10 June 2014); a year off, it may be a
# retrospective's subject rather than its date.
DATELINE_OPENING_TRUSTED_DAYS = 366
_DATELINE_LABEL_RE = re.compile(
    r"(?:^\W*|\b(?:published|date of publication|posted|updated)(?:\s+(?:on|at))?\s*:?\s*"
    r"|\b(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)$",
    re.I,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def reference_date(text: str, published: dt.date | None) -> dt.date | None:
    """The day the report's relative dates count from: its own dateline, when its opening holds
    one within DATELINE_TRUSTED_DAYS of `published` (DATELINE_OPENING_TRUSTED_DAYS when the
    date is the text's first words), else `published`. A feed's publication
    date is sometimes the day it was collected, days after the report's own; "on Sunday"
    belongs to the report's Sunday."""
    if published is None:
        return None
    for mention in find_dates(text[:DATELINE_REACH], published):
        if mention.precision != "day" or not _YEAR_RE.search(mention.text):
            continue
        label = _DATELINE_LABEL_RE.search(text, 0, mention.start)
        if not label:
            continue
        # the report's first words: its own date line, whatever day the feed filed it under
        trusted = DATELINE_OPENING_TRUSTED_DAYS if label.start() == 0 else DATELINE_TRUSTED_DAYS
        if abs((mention.date - published).days) <= trusted:
            return mention.date
        return published
    return published
