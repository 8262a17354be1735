"""The stored counters of actors and places, and the monthly rollups they are summed from.

Two levels, both recomputed from the facts rather than moved by F() deltas, so whatever happened
before (a merge folding two actors' mentions into one, a cascade, an article processed twice, a
drift) a refresh puts them right:

1. The monthly rollups (ActorMonth, PlaceMonth): mentions, distinct articles and the first and
   last publication day of each (actor or place, month). A refresh recounts only the touched
   pairs: the fact store passes the months of the batch's articles, so the cost of storing an
   article stays bounded by one month of mentions of what it names, however busy the actor
   (the synthetic top actor is in 631,000 of a million articles).
2. The counters on Actor and Place: sums over the row's rollups (a few hundred rows at most),
   plus its mentions in undated articles, plus meetings and events counted directly.

Whatever changes the facts (storing an article's facts, a merge, an alias rejection, deleting
articles, a changed publication date) calls `actors_counters_refresh` / `places_counters_refresh`
with the rows it touched, and the months when it knows them, inside its own transaction, so both
levels commit or roll back with the facts.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import (
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncMonth

from entities.models import (
    Actor,
    ActorMonth,
    Event,
    Meeting,
    MeetingParticipant,
    Mention,
    Place,
    PlaceMonth,
)

# Rows recounted per UPDATE: keeps each statement's id list and its lock footprint small.
CHUNK_SIZE = 2000

ROLLUP_FIELDS = ("mention_count", "article_count", "first_day", "last_day")


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


def _counters(rollup: type[ActorMonth | PlaceMonth], target: str) -> dict:
    """The counters Actor and Place share, as expressions for `.update()`: sums of the rollups
    plus the mentions in undated articles (which have no month; few, and found from the
    undated articles' side by articles_published_idx)."""
    months = rollup.objects.all()
    undated = Mention.objects.filter(article__published__isnull=True)
    return {
        "mention_count": _count(months, target, Sum("mention_count")) + _count(undated, target),
        "article_count": _count(months, target, Sum("article_count"))
        + _count(undated, target, Count("article_id", distinct=True)),
        "last_seen": _aggregate(months, target, Max("last_day")),
    }


def _month_ranges(months: Iterable[dt.date]) -> Q:
    """Articles published in any of these months (each a range, which the date index serves)."""
    found = Q(pk__in=[])
    for month in sorted(set(months)):
        following = (month + dt.timedelta(days=32)).replace(day=1)
        found |= Q(article__published__gte=month, article__published__lt=following)
    return found


def _recount(target: str, ids: list[int], months: list[dt.date] | None) -> QuerySet:
    """The rollup rows of `ids` (in `months`, or all), counted from their mentions."""
    mentions = Mention.objects.filter(**{f"{target}_id__in": ids}, article__published__isnull=False)
    if months is not None:
        mentions = mentions.filter(_month_ranges(months))
    return (
        mentions.annotate(month=TruncMonth("article__published"))
        .order_by()
        .values(f"{target}_id", "month")
        .annotate(
            mention_count=Count("*"),
            article_count=Count("article_id", distinct=True),
            first_day=Min("article__published"),
            last_day=Max("article__published"),
        )
    )


def _rollups_refresh(
    rollup: type[ActorMonth | PlaceMonth], target: str, ids: list[int], months
) -> None:
    """Recount the (row, month) pairs of `ids` x `months` (every month of `ids` when None):
    upsert the pairs that have mentions, delete those that no longer do. Three queries."""
    owner = f"{target}_id"
    counted = [
        rollup(
            **{owner: row[owner]},
            month=_as_date(row["month"]),
            **{f: row[f] for f in ROLLUP_FIELDS},
        )
        for row in _recount(target, ids, months)
    ]
    region = rollup.objects.filter(**{f"{owner}__in": ids})
    if months is not None:
        region = region.filter(month__in=sorted(set(months)))
    kept = {(getattr(row, owner), row.month) for row in counted}
    gone = [
        pk
        for pk, who, month in region.values_list("pk", owner, "month")
        if (who, month) not in kept
    ]
    if gone:
        rollup.objects.filter(pk__in=gone).delete()
    if counted:
        rollup.objects.bulk_create(
            counted,
            update_conflicts=True,
            unique_fields=[target, "month"],
            update_fields=list(ROLLUP_FIELDS),
        )


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _months(months: Iterable[dt.date | None] | None) -> list[dt.date] | None:
    if months is None:
        return None
    return sorted({month.replace(day=1) for month in months if month is not None})


def actors_counters_refresh(
    *, actor_ids: Iterable[int], months: Iterable[dt.date | None] | None = None
) -> int:
    """Recount these actors' monthly rollups and stored counters from their mentions and
    meetings.

    months: the publication months (any day of them) of the articles whose facts changed; only
    those rollup rows are recounted. None recounts every month of these actors (a merge or
    a correction that moved mentions of any date). One UPDATE per CHUNK_SIZE actors; ids of
    actors that no longer exist are ignored. Returns the number of actors updated.
    """
    ids = sorted({pk for pk in actor_ids if pk is not None})
    months = _months(months)
    updated = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        if months != []:
            _rollups_refresh(ActorMonth, "actor", chunk, months)
        updated += Actor.objects.filter(pk__in=chunk).update(
            **_counters(ActorMonth, "actor"),
            meeting_count=_count(MeetingParticipant.objects.all(), "actor"),
        )
    return updated


def places_counters_refresh(
    *, place_ids: Iterable[int], months: Iterable[dt.date | None] | None = None
) -> int:
    """Recount these places' monthly rollups and stored counters from their mentions, meetings
    and events; `months` as for actors_counters_refresh. Returns the number of places updated."""
    ids = sorted({pk for pk in place_ids if pk is not None})
    months = _months(months)
    updated = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        if months != []:
            _rollups_refresh(PlaceMonth, "place", chunk, months)
        updated += Place.objects.filter(pk__in=chunk).update(
            **_counters(PlaceMonth, "place"),
            meeting_count=_count(Meeting.objects.all(), "place"),
            event_count=_count(Event.objects.all(), "place"),
        )
    return updated


def articles_counters_refresh(*, article_ids: Iterable[int]) -> None:
    """Recount the actors and places these articles name: after a change to what counts in
    them besides their facts (their publication date: its old month is not known here, so every
    month of what they name is recounted)."""
    named = Mention.objects.filter(article_id__in=list(article_ids))
    actors_counters_refresh(
        actor_ids=named.filter(actor__isnull=False).values_list("actor_id", flat=True)
    )
    places_counters_refresh(
        place_ids=named.filter(place__isnull=False).values_list("place_id", flat=True)
    )


def rollups_rebuild() -> tuple[int, int]:
    """Rewrite both monthly rollups from all mentions, one INSERT ... SELECT each (set-based: a
    million articles in a few minutes, no rows through Python). Returns the rows written."""
    written = []
    with transaction.atomic():
        for rollup, target in ((ActorMonth, "actor"), (PlaceMonth, "place")):
            rollup.objects.all().delete()
            select = (
                Mention.objects.filter(**{f"{target}__isnull": False})
                .filter(article__published__isnull=False)
                .annotate(month=TruncMonth("article__published"))
                .order_by()
                .values(f"{target}_id", "month")
                .annotate(
                    mention_count=Count("*"),
                    article_count=Count("article_id", distinct=True),
                    first_day=Min("article__published"),
                    last_day=Max("article__published"),
                )
            )
            sql, params = select.query.sql_with_params()
            columns = ", ".join([f"{target}_id", "month", *ROLLUP_FIELDS])
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {rollup._meta.db_table} ({columns}) {sql}", params)
                written.append(cursor.rowcount)
    return written[0], written[1]


def counters_rebuild(*, chunk_size: int = CHUNK_SIZE) -> tuple[int, int]:
    """Rebuild the monthly rollups (rollups_rebuild), then recount every actor and place from
    them, `chunk_size` rows per UPDATE, by primary-key ranges (no id list of the whole table is
    held). Each chunk commits on its own when called outside a transaction, so a rebuild of a
    large database never holds all rows locked. Returns the (actors, places) updated."""
    rollups_rebuild()
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
            # months=[]: the rollups were just rebuilt; only the counters are summed.
            total += refresh(**{field: ids, "months": []})
            after = ids[-1]
        totals.append(total)
    return totals[0], totals[1]
