"""Extraction results as the JSON objects the `extract` command prints (see the eval README)."""

from __future__ import annotations

from typing import Any

from extraction.types import ActorFact, EventFact, Extraction, MeetingFact, PlaceFact, Span


def extraction_json(extraction: Extraction, *, spans: bool = True) -> dict[str, Any]:
    places = {p.key: p for p in extraction.places}
    meetings = [m for m in extraction.meetings if m.kind == "in_person"]
    communications = [m for m in extraction.meetings if m.kind != "in_person"]
    return {
        "actors": [_actor(a, spans) for a in extraction.actors],
        "places": [_place(p, spans) for p in extraction.places],
        "meetings": [_meeting(m, places, spans) for m in meetings],
        "communications": [_meeting(m, places, spans) for m in communications],
        "events": [_event(e, places, spans) for e in extraction.events],
        "extractor_version": extraction.extractor_version,
    }


def _span(s: Span) -> dict[str, Any]:
    return {
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "sentence": [s.sentence_start, s.sentence_end],
    }


def _actor(a: ActorFact, spans: bool) -> dict[str, Any]:
    roles = [
        {"title": r.title, "country": r.country, "organization": r.organization} for r in a.roles
    ]
    out: dict[str, Any] = {
        "name": a.name,
        "kind": a.kind,
        "aliases": a.aliases,
        "country": a.country,
        "roles": roles,
        "renamed_from": next((p.name for p in a.predecessors if p.how == "renamed"), None),
        "predecessors": [{"name": p.name, "year": p.year, "how": p.how} for p in a.predecessors],
    }
    if spans:
        out["mentions"] = [_span(s) for s in a.mentions]
    return out


def _place(p: PlaceFact, spans: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": p.key,
        "name": p.name,
        "kind": p.kind,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "geonames_id": p.geonames_id,
        "aliases": p.aliases,
        "admin1": p.admin1,
        "geo_precision": p.geo_precision,
        "located_by": p.located_by,
    }
    if spans:
        out["mentions"] = [_span(s) for s in p.mentions]
    return out


def _meeting(m: MeetingFact, places: dict[str, PlaceFact], spans: bool) -> dict[str, Any]:
    place = places.get(m.place) if m.place else None
    out: dict[str, Any] = {
        "participants": m.participants,
        "place": place.name if place else None,
        "place_key": m.place,
        "date": m.date.isoformat() if m.date else None,
        "date_precision": m.date_precision,
        "kind": m.kind,
    }
    if spans:
        out["sentences"] = [_span(s) for s in m.spans]
    return out


def _event(e: EventFact, places: dict[str, PlaceFact], spans: bool) -> dict[str, Any]:
    place = places.get(e.place) if e.place else None
    out: dict[str, Any] = {
        "type": e.type,
        "perpetrators": e.perpetrators,
        "perpetrator_basis": e.perpetrator_basis,
        "targets": e.targets,
        "place": place.name if place else None,
        "place_key": e.place,
        "admin1": e.admin1,
        "date": e.date.isoformat() if e.date else None,
        "killed": e.killed,
        "killed_civilians": e.killed_civilians,
        "killed_children": e.killed_children,
        "killed_women": e.killed_women,
        "killed_combatants": e.killed_combatants,
        "wounded": e.wounded,
    }
    if spans:
        out["sentences"] = [_span(s) for s in e.spans]
    return out
