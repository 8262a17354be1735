"""Rows that two workers may race to insert, their slugs, and small cleaners of stored values."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.db import IntegrityError, connection, transaction
from django.utils.text import slugify

if TYPE_CHECKING:
    from extraction.types import (
        Span,
    )


SLUG_MAX = 300


def _slug_base(name: str, fallback: str) -> str:
    return slugify(name)[: SLUG_MAX - 10].strip("-") or fallback


def slugs_new(model, names: list[str], fallback: str) -> list[str]:
    """A slug for each new row: its name's own slug when these are distinct, unchecked.

    A taken slug is rare, so rather than look first, the insert ignores that row and
    `row_create` picks the next free one, as `slugs_pick` would have.
    """
    bases = [_slug_base(name, fallback) for name in names]
    if len(set(bases)) < len(bases):
        return slugs_pick(model, names, fallback)
    return bases


def slugs_pick(model, names: list[str], fallback: str) -> list[str]:
    """A free slug for each name: name, name-2, ... name-9, checked in one query."""
    bases = [_slug_base(name, fallback) for name in names]
    candidates = {f"{base}-{n}" if n > 1 else base for base in bases for n in range(1, 10)}
    taken = set(model.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug = next(
            (c for n in range(1, 10) if (c := f"{base}-{n}" if n > 1 else base) not in taken),
            f"{base}-{secrets.token_hex(3)}",
        )
        taken.add(slug)
        slugs.append(slug)
    return slugs


def row_create(model, lookup: dict, fields: dict, name: str, fallback: str):
    """Create one row that a concurrent worker may also be creating: the unique key decides."""
    for attempt in range(5):
        slug = slugs_pick(model, [name], fallback)[0]
        if attempt:
            slug = f"{slug[: SLUG_MAX - 8]}-{secrets.token_hex(3)}"
        try:
            with transaction.atomic():
                return model.objects.create(**lookup, **fields, slug=slug)
        except IntegrityError:
            existing = model.objects.filter(**lookup).first()
            if existing is None and fields.get("geonames_id"):
                existing = model.objects.filter(geonames_id=fields["geonames_id"]).first()
            if existing is not None:
                return existing
    raise IntegrityError(f"Could not create {model.__name__} {lookup!r}: no free slug.")


def rows_insert(model, rows: list) -> bool:
    """Insert new rows in one statement that sets their ids, when none of them conflicts.

    Conflicts are rare (a taken slug, a racing worker), so this is tried first; a savepoint
    contains the IntegrityError, and False tells the caller to insert ignoring conflicts and read
    the ids back.
    """
    if not connection.features.can_return_rows_from_bulk_insert:
        return False
    try:
        with transaction.atomic():
            model.objects.bulk_create(rows)
    except IntegrityError:
        return False
    return True


def span_bounds(span: Span, text: str) -> tuple[int, int, int, int] | None:
    start, end = span.start, span.end
    if not (0 <= start < end <= len(text)):
        return None
    sentence_start, sentence_end = span.sentence_start, span.sentence_end
    if not (0 <= sentence_start <= start and end <= sentence_end <= len(text)):
        sentence_start, sentence_end = start, end
    return start, end, sentence_start, sentence_end


def clip(value: str | None, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def country_code(value: str | None) -> str:
    value = (value or "").strip().upper()
    return value if len(value) == 2 and value.isalpha() else ""
