"""Small display helpers for the dashboard templates; none of them touches the database."""

import datetime as dt

from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()

# Countries that come up in Syria reporting; any other code is shown as it is.
COUNTRY_NAMES = {
    "AE": "United Arab Emirates",
    "CN": "China",
    "DE": "Germany",
    "EG": "Egypt",
    "FR": "France",
    "GB": "United Kingdom",
    "IL": "Israel",
    "IQ": "Iraq",
    "IR": "Iran",
    "JO": "Jordan",
    "KZ": "Kazakhstan",
    "LB": "Lebanon",
    "PS": "Palestine",
    "QA": "Qatar",
    "RU": "Russia",
    "SA": "Saudi Arabia",
    "SY": "Syria",
    "TR": "Turkey",
    "UA": "Ukraine",
    "US": "United States",
    "YE": "Yemen",
}


@register.filter
def country_name(code: str) -> str:
    """'SY' -> 'Syria'; unknown codes are returned unchanged."""
    return COUNTRY_NAMES.get((code or "").upper(), code or "")


@register.filter
def country_choices(codes) -> list[tuple[str, str]]:
    """Country codes -> (code, name) pairs, for a select."""
    return [(code, country_name(code)) for code in codes]


@register.filter
def meeting_when(meeting) -> str:
    """A meeting's date as precise as the sources allow: '5 Apr 2017', 'Apr 2017', '2017'."""
    date: dt.date | None = meeting.date
    if date is None:
        return "Date unknown"
    precision = meeting.date_precision
    if precision == "year":
        return f"{date:%Y}"
    if precision == "month":
        return f"{date:%b %Y}"
    if precision == "week":
        return f"Week of {date.day} {date:%b %Y}"
    return f"{date.day} {date:%b %Y}"


@register.filter
def event_when(event) -> str:
    """An event's day, or the day of the report that told it with no day of its own."""
    date: dt.date | None = event.date
    if date is None:
        return "Date unknown"
    if event.date_precision == "week":
        return f"By {date.day} {date:%b %Y}"
    return f"{date.day} {date:%b %Y}"


@register.filter
def initials(name: str) -> str:
    """'Sergei Shoigu' -> 'SS', for the avatar circle of an actor."""
    words = [word for word in (name or "").split() if word[:1].isalpha()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


@register.filter
def highlight_mention(mention) -> str:
    """The mention's sentence with the mentioned words marked; every piece of text is escaped."""
    sentence = mention.sentence or ""
    start = mention.start - mention.sentence_start
    end = mention.end - mention.sentence_start
    if not (0 <= start < end <= len(sentence)):
        return conditional_escape(sentence)
    return format_html("{}<mark>{}</mark>{}", sentence[:start], sentence[start:end], sentence[end:])
