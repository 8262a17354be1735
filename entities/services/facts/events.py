"""Events: one event per type, place and day, with each report's own toll."""

from __future__ import annotations

import datetime as dt
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q

from entities.models import (
    Event,
    EventActor,
    EventSource,
    Place,
)
from entities.services.facts.batch import ArticleFacts, Resolved, StoredActors
from entities.services.facts.rows import clip, span_bounds
from extraction.normalize import name_key

if TYPE_CHECKING:
    from articles.models import Article
    from extraction.types import (
        EventFact,
        PlaceFact,
    )


# ... and while matching events ("EVNT").
EVENT_LOCK_SPACE = 0x45564E54
EVENT_TYPES = {choice.value for choice in Event.Type}
EVENT_BASES = {choice.value for choice in EventActor.Basis}
TOLL_FIELDS = (
    "killed",
    "killed_civilians",
    "killed_children",
    "killed_women",
    "killed_combatants",
    "wounded",
)
# A toll above this is a misread number (a year, a running total of a war), not one event's.
TOLL_MAX = 100_000


@dataclass
class _EventSide:
    side: str
    basis: str
    actor_id: int | None
    name: str
    key: str

    @property
    def identity(self) -> tuple[str, int | str]:
        return ("actor", self.actor_id) if self.actor_id else ("name", self.key)


@dataclass
class _EventReport:
    type: str
    place: Place | None
    geo_precision: int | None
    admin1: str
    date: dt.date | None
    sides: list[_EventSide]
    toll: dict[str, int | None]
    sentences: list[tuple[int, int]]
    # The report gives no day: the event is dated by the report's own day (ACLED's time
    # precision 2, "within the week"), which no other report's event can be matched on.
    dated_by_report: bool = False

    @property
    def key(self) -> tuple:
        return (self.type, self.place.pk if self.place else None, self.date)

    @property
    def mergeable(self) -> bool:
        """Only a report with a place and a day of its own can be another report's event:
        nothing else tells two undated or unplaced strikes apart."""
        return self.place is not None and self.date is not None and not self.dated_by_report

    @property
    def date_precision(self) -> str:
        if self.date is None:
            return "unknown"
        return "week" if self.dated_by_report else "day"


@dataclass
class _EventCandidate:
    event: Event
    identities: set[tuple]
    claimed_by: set[int] = field(default_factory=set)  # articles that already reported it
    changed: bool = False

    @property
    def key(self) -> tuple:
        return (self.event.type, self.event.place_id, self.event.date)


def events_store(batch: Resolved) -> None:
    """Each article's event reports, joined to the stored event they describe (same type, place
    and day, and an actor in common or none named) or stored as new ones, article after article.

    A fixed number of queries for the whole batch: lock, candidates, their sides, then one insert
    each for new events, sources and sides.
    """
    reported: list[tuple[Article, list[_EventReport]]] = []
    for item, view in zip(batch.items, batch.actors, strict=True):
        reports = [
            report
            for fact in item.extraction.events
            if (
                report := _event_report(
                    article=item.article, fact=fact, actors=view, batch=batch, item=item
                )
            )
            is not None
        ]
        if reports:
            reported.append((item.article, reports))
    if not reported:
        return
    _events_lock(keys={r.key for _, reports in reported for r in reports if r.mergeable})
    old_ids = {
        pk
        for article, _ in reported
        if (previous := batch.previous.get(article.pk)) is not None
        for pk in previous.events
    }
    candidates = _event_candidates(
        reports=[r for _, reports in reported for r in reports], old_ids=old_ids
    )

    placements: list[tuple[Article, _EventReport, _EventCandidate]] = []
    new: list[_EventCandidate] = []
    for article, reports in reported:
        previous = batch.previous.get(article.pk)
        own = previous.events if previous is not None else set()
        for report in reports:
            match = _event_match(report, candidates, article_id=article.pk, own=own)
            if match is None:
                match = _EventCandidate(
                    event=Event(
                        type=report.type,
                        date=report.date,
                        date_precision=report.date_precision,
                        place=report.place,
                        geo_precision=report.geo_precision,
                        admin1=report.admin1,
                    ),
                    identities=set(),
                )
                candidates.append(match)
                new.append(match)
            elif not match.event.admin1 and report.admin1:
                match.event.admin1, match.changed = report.admin1, True
            match.claimed_by.add(article.pk)
            match.identities.update(side.identity for side in report.sides)
            placements.append((article, report, match))

    if new:
        Event.objects.bulk_create([c.event for c in new])
        batch.touched.places.update(c.event.place_id for c in new)
        batch.touched.event_days.update((c.event.place_id, c.event.date) for c in new)
    changed = [c.event for c in candidates if c.changed and c.event.pk]
    if changed:
        Event.objects.bulk_update(changed, ["admin1"])
    sources = [
        EventSource(
            event=candidate.event,
            article=article,
            sentence=" ".join(article.text[start:end].strip() for start, end in report.sentences),
            sentence_start=report.sentences[0][0],
            sentence_end=report.sentences[-1][1],
            spans=[[start, end] for start, end in report.sentences],
            **report.toll,
        )
        for article, report, candidate in placements
    ]
    EventSource.objects.bulk_create(sources)
    EventActor.objects.bulk_create(
        [
            EventActor(
                event=source.event,
                source=source,
                actor_id=side.actor_id,
                name=side.name,
                name_key=side.key,
                side=side.side,
                basis=side.basis,
            )
            for source, (_, report, _) in zip(sources, placements, strict=True)
            for side in report.sides
        ]
    )


def _event_report(
    *, article: Article, fact: EventFact, actors: StoredActors, batch: Resolved, item: ArticleFacts
) -> _EventReport | None:
    """A usable report of an event, or None: an unknown type, or no sentence inside the text."""
    if fact.type not in EVENT_TYPES:
        return None
    sentences: dict[int, int] = {}
    for span in fact.spans:
        bounds = span_bounds(span, article.text)
        if bounds is not None:
            sentences.setdefault(bounds[2], bounds[3])
    if not sentences:
        return None
    place = batch.places.get(fact.place) if fact.place else None
    place_fact = item.extraction.place(fact.place) if place is not None else None
    basis = fact.perpetrator_basis if fact.perpetrator_basis in EVENT_BASES else "reported"
    sides: dict[tuple[str, str], _EventSide] = {}
    for side, names, side_basis in (
        ("perpetrator", fact.perpetrators, basis),
        ("target", fact.targets, "reported"),
    ):
        for name in names or []:
            name = clip(name if isinstance(name, str) else "", 300)
            key = name_key(name)[:300]
            if key and (side, key) not in sides:
                sides[(side, key)] = _EventSide(side, side_basis, actors.lookup(name), name, key)
    date = fact.date if isinstance(fact.date, dt.date) else None
    dated_by_report = date is None and article.published is not None
    return _EventReport(
        type=fact.type,
        place=place,
        geo_precision=geo_precision(place_fact) if place is not None else None,
        admin1=clip(fact.admin1, 100),
        date=article.published if dated_by_report else date,
        dated_by_report=dated_by_report,
        sides=list(sides.values()),
        toll={name: _toll(getattr(fact, name, None)) for name in TOLL_FIELDS},
        sentences=sorted(sentences.items()),
    )


def geo_precision(place: PlaceFact | None) -> int | None:
    """ACLED's geo_precision from the kind of place the report names: 1 for a town, village,
    city district or site; 2 for an area that is part of a governorate ("Eastern Ghouta"), or a
    river or lake; 3 for a governorate (a region directly under its country) or a country; and
    no better than the place's own point (2 or 3 when the report located it by another place)."""
    if place is None:
        return None
    if place.kind in ("city", "site"):
        by_kind = 1
    elif place.kind == "water":
        by_kind = 2
    elif place.kind == "region":
        by_kind = 2 if place.parents and place.parents[0].kind == "region" else 3
    else:
        by_kind = 3
    # A village placed at a nearby town's or its governorate's point is only that precise.
    return max(by_kind, place.geo_precision or 1)


def _toll(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= TOLL_MAX else None


def _events_lock(*, keys: set[tuple]) -> None:
    """Serialize the workers storing reports of one type, place and day, until they commit, so
    that two reports of one new event stored at once make one event (see `_meetings_lock`)."""
    if connection.vendor != "postgresql" or not keys:
        return
    codes = sorted({zlib.crc32(repr(key).encode()) & 0x7FFFFFFF for key in keys})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, k) FROM ("
            " SELECT unnest(%s::int[]) AS k ORDER BY 1) AS events",
            [EVENT_LOCK_SPACE, codes],
        )


def _event_candidates(*, reports: list[_EventReport], old_ids: set[int]) -> list[_EventCandidate]:
    """Stored events the reports could be: the articles' own (a re-run) and any of the same type,
    place and day. Two queries for the whole batch."""
    query = Q(pk__in=old_ids)
    for type_, place_id, date in {r.key for r in reports if r.mergeable}:
        query |= Q(type=type_, place_id=place_id, date=date, date_precision="day")
    events = list(Event.objects.filter(query).order_by("pk"))
    identities: dict[int, set[tuple]] = defaultdict(set)
    if events:
        for event_id, actor_id, key in EventActor.objects.filter(
            event_id__in=[e.pk for e in events]
        ).values_list("event_id", "actor_id", "name_key"):
            identities[event_id].add(("actor", actor_id) if actor_id else ("name", key))
    return [_EventCandidate(event=e, identities=identities[e.pk]) for e in events]


def _event_match(
    report: _EventReport, candidates: list[_EventCandidate], *, article_id: int, own: set[int]
) -> _EventCandidate | None:
    """The event this report describes: the one this article reported before under the same
    type, place and day (a re-run keeps its id), else one of another report with the same
    type, place and day whose actors overlap this report's, or where either names none."""
    free = [c for c in candidates if article_id not in c.claimed_by and c.key == report.key]
    for candidate in free:
        if candidate.event.pk in own:
            return candidate
    if not report.mergeable:
        return None
    reported = {side.identity for side in report.sides}
    for candidate in free:
        if candidate.event.date_precision != "day":  # only its own report dated it
            continue
        if not reported or not candidate.identities or reported & candidate.identities:
            return candidate
    return None
