"""Roles: offices held by actors, widened as later reports attest them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db.models import Case, DateField, F, Q, Value, When

from entities.models import (
    Role,
)
from entities.services.facts.batch import ArticleFacts, StoredActors
from entities.services.facts.rows import country_code, rows_insert
from extraction.normalize import name_key

if TYPE_CHECKING:
    pass


def roles_store(
    *, items: Sequence[ArticleFacts], actors: list[StoredActors]
) -> list[dict[tuple[int, int], Role]]:
    """Upsert each (actor, title, country or organization); widen its attested dates to the
    publication dates of the articles attesting it. Per article: (fact, role) index -> Role."""
    wanted: dict[tuple[int, int, int], tuple] = {}
    days: dict[tuple, set[dt.date]] = defaultdict(set)
    for position, (item, view) in enumerate(zip(items, actors, strict=True)):
        for fact_index, fact in enumerate(item.extraction.actors):
            actor_id = view.ids[fact_index]
            if actor_id is None:
                continue
            for role_index, role in enumerate(fact.roles):
                title = " ".join((role.title or "").split())[:200]
                title_key = name_key(title)[:200]
                if not title_key:
                    continue
                organization_id = view.lookup(role.organization)
                if organization_id == actor_id:
                    organization_id = None
                country = country_code(role.country)
                held_for = ("org", organization_id) if organization_id else ("cc", country)
                wanted[(position, fact_index, role_index)] = (
                    actor_id,
                    title_key,
                    held_for,
                    title,
                    country,
                )
                if item.article.published:
                    days[(actor_id, title_key, held_for)].add(item.article.published)
    by_article: list[dict[tuple[int, int], Role]] = [{} for _ in items]
    if not wanted:
        return by_article

    def fetch() -> dict[tuple, Role]:
        rows = Role.objects.filter(
            actor_id__in={w[0] for w in wanted.values()},
            title_key__in={w[1] for w in wanted.values()},
        )
        return {
            (
                r.actor_id,
                r.title_key,
                ("org", r.organization_id) if r.organization_id else ("cc", r.country),
            ): r
            for r in rows
        }

    existing = fetch()
    new = {}
    for actor_id, title_key, held_for, title, country in wanted.values():
        lookup = (actor_id, title_key, held_for)
        if lookup not in existing and lookup not in new:
            attested = days.get(lookup)
            new[lookup] = Role(
                actor_id=actor_id,
                title=title,
                title_key=title_key,
                country=country,
                organization_id=held_for[1] if held_for[0] == "org" else None,
                first_attested=min(attested) if attested else None,
                last_attested=max(attested) if attested else None,
            )
    if new:
        rows = [new[k] for k in sorted(new, key=str)]
        if rows_insert(Role, rows):
            existing.update(new)
        else:
            Role.objects.bulk_create(rows, ignore_conflicts=True)
            existing = fetch()
    narrow: dict[tuple[dt.date, dt.date], set[int]] = defaultdict(set)
    for (position, fact_index, role_index), w in wanted.items():
        role = existing.get(w[:3])
        if role is None:
            continue
        by_article[position][(fact_index, role_index)] = role
        attested = days.get(w[:3])
        if not attested:
            continue
        low, high = min(attested), max(attested)
        if (
            role.first_attested is None
            or role.first_attested > low
            or role.last_attested is None
            or role.last_attested < high
        ):
            narrow[(low, high)].add(role.pk)
    for (low, high), role_ids in sorted(narrow.items()):
        _roles_widen(role_ids=role_ids, low=low, high=high)
    return by_article


def _roles_widen(*, role_ids: set[int], low: dt.date, high: dt.date) -> None:
    """One conditional UPDATE, evaluated row by row, so concurrent workers only ever widen."""
    low_value = Value(low, output_field=DateField())
    high_value = Value(high, output_field=DateField())
    earlier = Q(first_attested__isnull=True) | Q(first_attested__gt=low)
    later = Q(last_attested__isnull=True) | Q(last_attested__lt=high)
    Role.objects.filter(earlier | later, pk__in=role_ids).update(
        first_attested=Case(When(earlier, then=low_value), default=F("first_attested")),
        last_attested=Case(When(later, then=high_value), default=F("last_attested")),
    )
