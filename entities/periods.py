"""The period an aggregating page covers: `?start=YYYY-MM-DD&end=YYYY-MM-DD` in the URL.

Pages parse the query string with `period_parse`, hand the `Period` to their selectors (which
filter by `period.start` and `period.end`, either of which may be open), and render the shared
form `templates/entities/workbench/_period.html`. A date that cannot be read is not an error
page: the bound is dropped and the form says what was wrong.
"""

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass, field

_ISO_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")


@dataclass(frozen=True)
class Period:
    """A closed date range; `start` or `end` None leaves that side open."""

    start: dt.date | None = None
    end: dt.date | None = None
    # True when the page chose the range (the overview's latest month), not the analyst.
    is_default: bool = False
    errors: tuple[str, ...] = field(default=())

    @property
    def is_set(self) -> bool:
        return self.start is not None or self.end is not None


def _read_date(raw: str, label: str) -> tuple[dt.date | None, str]:
    raw = raw.strip()
    if not raw:
        return None, ""
    if not _ISO_DATE.match(raw):
        return None, _bad(raw, label)
    try:
        return dt.date.fromisoformat(raw), ""
    except ValueError:  # 2016-02-30
        return None, _bad(raw, label)


def _bad(raw: str, label: str) -> str:
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    return f"The {label} date “{shown}” is not a date: write it as YYYY-MM-DD, e.g. 2016-09-05."


def period_parse(
    *, params: Mapping[str, str], default: Period | None = None, max_years: int = 100
) -> Period:
    """The period asked for in `params` (`start`, `end`); `default` when neither is given.

    A bound that is not a YYYY-MM-DD date is left open and explained in `errors`; an end
    before the start swaps nothing silently: both are dropped and the error says so.
    """
    start, start_error = _read_date(params.get("start", "") or "", "start")
    end, end_error = _read_date(params.get("end", "") or "", "end")
    if start_error:
        start = None
    if end_error:
        end = None
    errors = [e for e in (start_error, end_error) if e]
    if start and end and end < start:
        errors.append(
            f"The end date {end.isoformat()} is before the start date {start.isoformat()}: "
            "choose an end on or after the start."
        )
        start = end = None
    if start and end and (end - start).days > max_years * 366:
        errors.append(f"Choose a period of at most {max_years} years.")
        start = end = None
    if start is None and end is None and default is not None:
        return Period(default.start, default.end, is_default=True, errors=tuple(errors))
    return Period(start, end, errors=tuple(errors))


def month_before(day: dt.date) -> dt.date:
    """The same day one month earlier (the last day of that month when it is shorter)."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


def latest_month(newest: dt.date | None) -> Period | None:
    """The reports from the first day of the month before the newest report's up to its date
    (one to two months), or None when there is none.

    Whole calendar months, so the overview's rankings read the monthly rollups
    (entities.selectors.whole_months); a month to the day would make them read every mention of
    the period.
    """
    if newest is None:
        return None
    return Period(month_before(newest).replace(day=1), newest, is_default=True)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from `first`'s to `last`'s, both included."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months
