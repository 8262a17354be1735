"""Meetings: one meeting however many reports tell of it, matched by people, place and day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q

from entities.models import (
    Meeting,
    MeetingParticipant,
    MeetingSource,
    Place,
    Role,
)
from entities.services.facts.batch import Resolved, StoredActors, Touched
from entities.services.facts.rows import span_bounds

if TYPE_CHECKING:
    from articles.models import Article
    from extraction.types import (
        MeetingFact,
        PlaceFact,
    )


MEETING_KINDS = {choice.value for choice in Meeting.Kind}
PRECISIONS = ["day", "week", "month", "year", "unknown"]  # finest first
# Meetings reported on neighbouring days are one meeting (time zones, "late on Monday").
DAY_SLACK = dt.timedelta(days=1)
MEETING_LOCK_SPACE = 0x4D454554


@dataclass
class _MeetingCandidate:
    meeting: Meeting
    participants: set[int]
    place_lineage: set[int]  # the place and its ancestors
    changed: bool = False


@dataclass
class _MeetingReport:
    kind: str
    participants: list[int]
    place: Place | None
    place_lineage: set[int]
    date: dt.date | None
    precision: str
    sentences: list[tuple[int, int]]


def meetings_store(batch: Resolved) -> None:
    """Each article's meeting reports, joined to the meetings they describe or stored as new
    ones, article after article, so that the second of two reports of one meeting joins the
    first's. The participant locks for the whole batch are taken first, in one order."""
    reported = []
    for item, view, roles in zip(batch.items, batch.actors, batch.roles, strict=True):
        lineages = _place_lineages(places=batch.places, place_facts=item.extraction.places)
        reports = [
            report
            for report in (
                _meeting_report(
                    article=item.article,
                    fact=fact,
                    actors=view,
                    places=batch.places,
                    lineages=lineages,
                )
                for fact in item.extraction.meetings
            )
            if report is not None
        ]
        if reports:
            reported.append((item.article, reports, view, roles))
    if not reported:
        return
    _meetings_lock(
        actor_ids={a for _, reports, _, _ in reported for r in reports for a in r.participants}
    )
    for article, reports, view, roles in reported:
        previous = batch.previous.get(article.pk)
        _meetings_place(
            article=article,
            reports=reports,
            actors=view,
            roles=roles,
            old_sources=previous.sources if previous is not None else {},
            touched=batch.touched,
        )


def _meetings_place(
    *,
    article: Article,
    reports: list[_MeetingReport],
    actors: StoredActors,
    roles: dict[tuple[int, int], Role],
    old_sources: dict[int, set[int]],
    touched: Touched,
) -> None:
    candidates = _meeting_candidates(reports=reports, old_ids=set(old_sources))
    role_by_actor: dict[int, int] = {}
    for (fact_index, _), role in sorted(roles.items()):
        role_by_actor.setdefault(actors.ids[fact_index], role.pk)

    placements: list[tuple[_MeetingReport, _MeetingCandidate]] = []
    pending: list[tuple[_MeetingReport, _MeetingCandidate]] = []
    for report in reports:
        match = _meeting_match(report, candidates, old_sources)
        if match is None:
            match = _MeetingCandidate(
                meeting=Meeting(
                    kind=report.kind,
                    date=report.date,
                    date_precision=report.precision,
                    place=report.place,
                ),
                participants=set(),
                place_lineage=set(report.place_lineage),
            )
            candidates.append(match)
            pending.append((report, match))
        else:
            touched.places.add(match.meeting.place_id)  # the place it had, if refined away
            _meeting_refine(match, report)
        touched.places.add(match.meeting.place_id)
        touched.actors.update(report.participants)
        match.participants.update(report.participants)
        placements.append((report, match))

    new_meetings = [c.meeting for _, c in pending]
    if new_meetings:
        Meeting.objects.bulk_create(new_meetings)
    changed = [c.meeting for c in candidates if c.changed and c.meeting.pk]
    if changed:
        Meeting.objects.bulk_update(changed, ["place", "date", "date_precision"])

    participants, sources = {}, {}
    for report, candidate in placements:
        meeting = candidate.meeting
        for actor_id in report.participants:
            participants.setdefault(
                (meeting.pk, actor_id),
                MeetingParticipant(
                    meeting=meeting, actor_id=actor_id, role_id=role_by_actor.get(actor_id)
                ),
            )
        for start, end in report.sentences:
            sources.setdefault(
                (meeting.pk, start),
                MeetingSource(
                    meeting=meeting,
                    article=article,
                    sentence=article.text[start:end],
                    sentence_start=start,
                    sentence_end=end,
                ),
            )
    MeetingParticipant.objects.bulk_create(
        [participants[k] for k in sorted(participants)], ignore_conflicts=True
    )
    MeetingSource.objects.bulk_create([sources[k] for k in sorted(sources)], ignore_conflicts=True)


def _meetings_lock(*, actor_ids: set[int]) -> None:
    """Serialize the workers storing meetings with a participant in common, until they commit.

    Meetings have no natural unique key, so two workers storing two reports of one new meeting at
    once would each create it. With this transaction-scoped lock per participant (taken in one
    order, so never deadlocking) the second waits, then finds the first's meeting and joins it.
    """
    if connection.vendor != "postgresql" or not actor_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, k) FROM ("
            " SELECT unnest(%s::int[]) AS k ORDER BY 1) AS participants",
            [MEETING_LOCK_SPACE, sorted({a % 2147483647 for a in actor_ids})],
        )


def _meeting_report(
    *,
    article: Article,
    fact: MeetingFact,
    actors: StoredActors,
    places: dict[str, Place],
    lineages: dict[str, set[int]],
) -> _MeetingReport | None:
    participants = sorted({a for a in (actors.lookup(n) for n in fact.participants) if a})
    if not participants:
        return None
    sentences = {}
    for span in fact.spans:
        bounds = span_bounds(span, article.text)
        if bounds is not None:
            sentences.setdefault(bounds[2], bounds[3])
    if not sentences:
        return None
    place = places.get(fact.place) if fact.place else None
    lineage = lineages.get(fact.place, set()) if place is not None else set()
    precision = fact.date_precision if fact.date_precision in PRECISIONS else "day"
    date = fact.date
    if date is None:
        precision = "unknown"
    return _MeetingReport(
        kind=fact.kind if fact.kind in MEETING_KINDS else "in_person",
        participants=participants,
        place=place,
        place_lineage=lineage,
        date=date,
        precision=precision,
        sentences=sorted(sentences.items()),
    )


def _place_lineages(
    *, places: dict[str, Place], place_facts: list[PlaceFact]
) -> dict[str, set[int]]:
    """Each place key -> the ids of the place and its ancestors, from the gazetteer's chains and the
    stored parent links (no queries)."""
    lineages = {}
    for fact in place_facts:
        ids = set()
        for node in [fact, *fact.parents]:
            place = places.get(node.key)
            if place is not None:
                ids.add(place.pk)
                if place.parent_id:
                    ids.add(place.parent_id)
        lineages[fact.key] = ids
    return lineages


def _lineage_of(place: Place) -> set[int]:
    """The place and the ancestors already loaded on it (no queries)."""
    ids, node, seen = set(), place, 0
    while node is not None and seen < 6:
        ids.add(node.pk)
        node = node.parent if node.parent_id and Place.parent.is_cached(node) else None
        seen += 1
    return ids


def _meeting_candidates(
    *, reports: list[_MeetingReport], old_ids: set[int]
) -> list[_MeetingCandidate]:
    """Stored meetings that could be the ones reported: this article's own, and any on nearby
    dates sharing a participant. Two queries for all reports."""
    nearby = Q()
    actor_ids = set()
    for report in reports:
        actor_ids.update(report.participants)
        window = _date_window(report.date, report.precision)
        if window is None:
            if report.place is not None:
                nearby |= Q(kind=report.kind, date_precision="unknown", place=report.place)
            continue
        low, high = window
        nearby |= Q(
            kind=report.kind,
            date__range=(low - dt.timedelta(days=32), high + dt.timedelta(days=32)),
        )
        nearby |= Q(kind=report.kind, date_precision="year", date__year__in={low.year, high.year})
    query = Q(pk__in=old_ids)
    if nearby:
        shared = MeetingParticipant.objects.filter(actor_id__in=actor_ids).values("meeting_id")
        query |= nearby & Q(pk__in=shared)
    meetings = (
        Meeting.objects.filter(query)
        .select_related("place__parent__parent__parent")
        .prefetch_related("participations")
        .order_by("pk")
    )
    return [
        _MeetingCandidate(
            meeting=m,
            participants={p.actor_id for p in m.participations.all()},
            place_lineage=_lineage_of(m.place) if m.place_id else set(),
        )
        for m in meetings
    ]


def _meeting_match(
    report: _MeetingReport,
    candidates: list[_MeetingCandidate],
    old_sources: dict[int, set[int]],
) -> _MeetingCandidate | None:
    """The meeting this report describes: the one its sentences reported before (a re-run),
    else one of the same kind, a compatible place, an overlapping date and the same people."""
    starts = {start for start, _ in report.sentences}
    for candidate in candidates:
        meeting = candidate.meeting
        if (
            meeting.pk in old_sources
            and meeting.kind == report.kind
            and old_sources[meeting.pk] & starts
            and candidate.participants & set(report.participants)
        ):
            return candidate
    if report.precision == "unknown":
        return _undated_match(report, candidates)
    best, best_score = None, None
    for candidate in candidates:
        meeting = candidate.meeting
        shared = candidate.participants & set(report.participants)
        if (
            meeting.kind != report.kind
            or not _same_people(candidate.participants, set(report.participants))
            or not _places_compatible(report, candidate)
            or not _dates_overlap(
                (report.date, report.precision), (meeting.date, meeting.date_precision)
            )
        ):
            continue
        same_place = report.place is not None and report.place.pk == meeting.place_id
        distance = abs((report.date - meeting.date).days)
        score = (-len(shared), not same_place, distance, meeting.pk or 0)
        if best_score is None or score < best_score:
            best, best_score = candidate, score
    return best


def _same_people(stored: set[int], reported: set[int]) -> bool:
    """Two reports name the same meeting's people when one list holds the other (a later report
    adds a delegate) or they share at least half of all the names: one person in common is not
    enough (Kerry met Johnson in London on Sunday and Lavrov on Saturday)."""
    shared = stored & reported
    if not shared:
        return False
    return shared in (stored, reported) or 2 * len(shared) >= len(stored | reported)


def _undated_match(
    report: _MeetingReport, candidates: list[_MeetingCandidate]
) -> _MeetingCandidate | None:
    """An undated report is the undated meeting of the same kind, at the same place, between the
    same participants: nothing else tells two such reports apart, and no date keeps them apart."""
    if report.place is None:
        return None
    for candidate in candidates:
        meeting = candidate.meeting
        if (
            meeting.kind == report.kind
            and meeting.date_precision == "unknown"
            and meeting.place_id == report.place.pk
            and candidate.participants == set(report.participants)
        ):
            return candidate
    return None


def _places_compatible(report: _MeetingReport, candidate: _MeetingCandidate) -> bool:
    """Unknown fits anything; otherwise one place must contain the other (Moscow is in Russia)."""
    place_id = candidate.meeting.place_id
    if report.place is None or place_id is None:
        return True
    return place_id in report.place_lineage or report.place.pk in candidate.place_lineage


def _date_window(date: dt.date | None, precision: str) -> tuple[dt.date, dt.date] | None:
    if date is None or precision == "unknown":
        return None
    if precision == "week":
        monday = date - dt.timedelta(days=date.weekday())
        return monday, monday + dt.timedelta(days=6)
    if precision == "month":
        first = date.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    if precision == "year":
        return date.replace(month=1, day=1), date.replace(month=12, day=31)
    return date, date


def _dates_overlap(one: tuple, other: tuple) -> bool:
    """Same or neighbouring day; a week, month or year overlapping the other's date or span."""
    first, second = _date_window(*one), _date_window(*other)
    if first is None or second is None:
        return False
    return first[0] <= second[1] + DAY_SLACK and second[0] <= first[1] + DAY_SLACK


def _meeting_refine(candidate: _MeetingCandidate, report: _MeetingReport) -> None:
    """A finer date or a more exact place from this report improves the stored meeting."""
    meeting = candidate.meeting
    if report.date is not None and PRECISIONS.index(report.precision) < PRECISIONS.index(
        meeting.date_precision
    ):
        meeting.date, meeting.date_precision = report.date, report.precision
        candidate.changed = True
    if (
        report.place is not None
        and report.place.pk != meeting.place_id
        and (meeting.place_id is None or meeting.place_id in report.place_lineage)
    ):
        meeting.place = report.place
        candidate.place_lineage = set(report.place_lineage)
        candidate.changed = True
