"""The stored counters of actors and places: mentions, articles, meetings, events, last seen.

Lists and the API sort and show these columns instead of counting all mentions on every request.
Whatever changes the facts (storing an article's facts, a merge, an alias rejection, deleting
articles) calls `actors_counters_refresh` / `places_counters_refresh` with the rows it touched,
inside its own transaction, so the counters commit or roll back with the facts.

Each refresh *recomputes* the touched rows from the facts in one set-based UPDATE per model
rather than adding F() deltas: a recount is right whatever happened before (a merge folding two
actors' mentions into one, a mention deleted by a cascade, an article processed twice, a counter
that drifted), at the price of reading the touched rows' mentions, which their indexes serve.
"""

from collections.abc import Iterable

from django.db.models import Count, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from entities.models import Actor, Event, Meeting, MeetingParticipant, Mention, Place

# Rows recounted per UPDATE: keeps each statement's id list and its lock footprint small.
CHUNK_SIZE = 2000


def _aggregate(rows: QuerySet, field: str, value) -> Subquery:
    """A correlated subquery: the aggregate `value` over `rows` whose `field` is the outer row."""
    return Subquery(
        rows.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(value=value)
        .values("value")
    )


def _count(rows: QuerySet, field: str, value=None) -> Coalesce:
    counted = _aggregate(rows, field, value or Count("*"))
    return Coalesce(counted, 0, output_field=IntegerField())


def _counters(target: str) -> dict:
    """The counters Actor and Place share, as expressions for `.update()`."""
    mentions = Mention.objects.all()
    return {
        "mention_count": _count(mentions, target),
        "article_count": _count(mentions, target, Count("article_id", distinct=True)),
        "last_seen": _aggregate(mentions, target, Max("article__published")),
    }


def actors_counters_refresh(*, actor_ids: Iterable[int]) -> int:
    """Recount the stored counters of these actors from their mentions and meetings.

    One UPDATE per CHUNK_SIZE actors (one for any batch the pipeline stores); ids of actors that
    no longer exist are ignored. Returns the number of actors updated.
    """
    ids = sorted({pk for pk in actor_ids if pk is not None})
    updated = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        updated += Actor.objects.filter(pk__in=ids[start : start + CHUNK_SIZE]).update(
            **_counters("actor"),
            meeting_count=_count(MeetingParticipant.objects.all(), "actor"),
        )
    return updated


def places_counters_refresh(*, place_ids: Iterable[int]) -> int:
    """Recount the stored counters of these places from their mentions, meetings and events.

    One UPDATE per CHUNK_SIZE places; ids of places that no longer exist are ignored. Returns the
    number of places updated.
    """
    ids = sorted({pk for pk in place_ids if pk is not None})
    updated = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        updated += Place.objects.filter(pk__in=ids[start : start + CHUNK_SIZE]).update(
            **_counters("place"),
            meeting_count=_count(Meeting.objects.all(), "place"),
            event_count=_count(Event.objects.all(), "place"),
        )
    return updated


def articles_counters_refresh(*, article_ids: Iterable[int]) -> None:
    """Recount the actors and places these articles name: after a change to what counts in
    them besides their facts (their publication date, which is `last_seen`)."""
    named = Mention.objects.filter(article_id__in=list(article_ids))
    actors_counters_refresh(
        actor_ids=named.filter(actor__isnull=False).values_list("actor_id", flat=True)
    )
    places_counters_refresh(
        place_ids=named.filter(place__isnull=False).values_list("place_id", flat=True)
    )


def counters_rebuild(*, chunk_size: int = CHUNK_SIZE) -> tuple[int, int]:
    """Recount every actor and place, `chunk_size` rows per UPDATE, by primary-key ranges (no
    id list of the whole table is held). Each chunk commits on its own when called outside a
    transaction, so a rebuild of a large database never holds all rows locked. Returns the
    (actors, places) updated."""
    totals = []
    for model, refresh, field in (
        (Actor, actors_counters_refresh, "actor_ids"),
        (Place, places_counters_refresh, "place_ids"),
    ):
        total, after = 0, 0
        while True:
            ids = list(
                model.objects.filter(pk__gt=after)
                .order_by("pk")
                .values_list("pk", flat=True)[:chunk_size]
            )
            if not ids:
                break
            total += refresh(**{field: ids})
            after = ids[-1]
        totals.append(total)
    return totals[0], totals[1]
