"""The stored counters of actors and places, the monthly rollups they are summed from, and the
yearly rollups summed from those (an article has one date: a year's distinct articles are the sum
of its months').

Two ways to keep them, both inside the caller's transaction so they commit or roll back with the
facts:

1. Deltas, for what happens to one article at a time (storing or re-storing its facts, deleting
   it, a new publication date): `Tally` collects, per (actor or place, article), the mentions
   before and after with the date they were counted under (`Mention.published`, the article's
   date when they were written), and `counters_apply` moves the rollup rows and the counters by
   the difference with F() expressions. The cost is a fixed number of statements per batch,
   whatever the history of what the articles name (the synthetic top actor is in 631,000 of a
   million articles): no recount of anything but the first and last day of a (row, month) that
   lost an article, two probes of the (actor|place, published) index.
2. Recounts, for what moves mentions of any date between rows (a merge, an alias rejection or
   split, an undo) and for `counters_rebuild`: `actors_counters_refresh` and
   `places_counters_refresh` recount the monthly rollups of the given rows (in the given months,
   or all of them) from their mentions, and the counters from the rollups (a few hundred rows
   at most) plus their mentions in undated articles, plus meetings and events counted directly.
   Whatever happened before (a cascade, a drift), a recount puts them right.

Places also have a monthly rollup of their events by the events' dates (`PlaceEventMonth`),
always recounted: the fact store recounts the (place, month) pairs its new and orphaned events
fall in (`place_event_months_refresh`), a place merge recounts all the kept place's months, and
so does a recount of a place's counters in every month (`places_counters_refresh` without
months).
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth, TruncYear

from entities.models import (
    Actor,
    ActorMonth,
    ActorYear,
    Event,
    Meeting,
    MeetingPair,
    MeetingParticipant,
    Mention,
    Place,
    PlaceEventMonth,
    PlaceMonth,
    PlaceYear,
)

# Rows recounted per UPDATE: keeps each statement's id list and its lock footprint small.
CHUNK_SIZE = 2000

ROLLUP_FIELDS = ("mention_count", "article_count", "first_day", "last_day")
YEAR_FIELDS = ("mention_count", "article_count")
# Each monthly rollup's yearly sums.
YEARS = {ActorMonth: ActorYear, PlaceMonth: PlaceYear}


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
    undated = Mention.objects.filter(published__isnull=True)
    return {
        "mention_count": _count(months, target, Sum("mention_count")) + _count(undated, target),
        "article_count": _count(months, target, Sum("article_count"))
        + _count(undated, target, Count("article_id", distinct=True)),
        "last_seen": _aggregate(months, target, Max("last_day")),
    }


def _month_ranges(months: Iterable[dt.date], field: str = "published") -> Q:
    """Rows whose date `field` lies in any of these months (each a range, which a date index
    serves)."""
    found = Q(pk__in=[])
    for month in sorted(set(months)):
        following = (month + dt.timedelta(days=32)).replace(day=1)
        found |= Q(**{f"{field}__gte": month, f"{field}__lt": following})
    return found


def _recount(target: str, ids: list[int], months: list[dt.date] | None) -> QuerySet:
    """The rollup rows of `ids` (in `months`, or all), counted from their mentions."""
    mentions = Mention.objects.filter(**{f"{target}_id__in": ids}, published__isnull=False)
    if months is not None:
        mentions = mentions.filter(_month_ranges(months))
    return (
        mentions.annotate(month=TruncMonth("published"))
        .order_by()
        .values(f"{target}_id", "month")
        .annotate(
            mention_count=Count("*"),
            article_count=Count("article_id", distinct=True),
            first_day=Min("published"),
            last_day=Max("published"),
        )
    )


def _rollups_refresh(
    rollup: type[ActorMonth | PlaceMonth], target: str, ids: list[int], months
) -> None:
    """Recount the (row, month) pairs of `ids` x `months` (every month of `ids` when None),
    then their (row, year) sums: upsert the pairs that have mentions, delete those that no
    longer do. Six queries."""
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
    _replace(rollup, target, "month", counted, region, ROLLUP_FIELDS)

    years = YEARS[rollup]
    sums = rollup.objects.filter(**{f"{owner}__in": ids})
    region = years.objects.filter(**{f"{owner}__in": ids})
    if months is not None:
        first_days = sorted({_year(month) for month in months})
        sums = sums.filter(month__year__in=[day.year for day in first_days])
        region = region.filter(year__in=first_days)
    counted = [
        years(
            **{owner: row[owner]},
            year=_as_date(row["first_day_of_year"]),
            mention_count=row["mentions"],
            article_count=row["articles"],
        )
        for row in sums.annotate(first_day_of_year=TruncYear("month"))
        .order_by()
        .values(owner, "first_day_of_year")
        .annotate(mentions=Sum("mention_count"), articles=Sum("article_count"))
    ]
    _replace(years, target, "year", counted, region, YEAR_FIELDS)


def _replace(rollup, target: str, bucket: str, counted: list, region: QuerySet, fields) -> None:
    """Make the rows of `region` those `counted`: delete the (owner, bucket) pairs not
    counted, upsert the others (two queries)."""
    owner = f"{target}_id"
    kept = {(getattr(row, owner), getattr(row, bucket)) for row in counted}
    gone = [
        pk for pk, who, when in region.values_list("pk", owner, bucket) if (who, when) not in kept
    ]
    if gone:
        rollup.objects.filter(pk__in=gone).delete()
    if counted:
        rollup.objects.bulk_create(
            counted,
            update_conflicts=True,
            unique_fields=[target, bucket],
            update_fields=list(fields),
        )


def _year(day: dt.date) -> dt.date:
    return day.replace(month=1, day=1)


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _months(months: Iterable[dt.date | None] | None) -> list[dt.date] | None:
    if months is None:
        return None
    return sorted({month.replace(day=1) for month in months if month is not None})


def event_months_select(events: QuerySet) -> QuerySet:
    """(place_id, month, event_count) of `events`, the dated ones with a place, per place and
    month of their own date."""
    return (
        events.filter(place__isnull=False, date__isnull=False)
        .annotate(month=TruncMonth("date"))
        .order_by()
        .values("place_id", "month")
        .annotate(event_count=Count("*"))
    )


def place_event_months_refresh(
    *, place_ids: Iterable[int], months: Iterable[dt.date | None] | None = None
) -> None:
    """Recount the event rollup rows of `place_ids` x `months` (any day of them; every month
    of these places when None) from their events: upsert the pairs that have events, delete
    those that no longer do. Three queries per CHUNK_SIZE places."""
    ids = sorted({pk for pk in place_ids if pk is not None})
    months = _months(months)
    if months == []:
        return
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        events = Event.objects.filter(place_id__in=chunk)
        region = PlaceEventMonth.objects.filter(place_id__in=chunk)
        if months is not None:
            events = events.filter(_month_ranges(months, "date"))
            region = region.filter(month__in=months)
        counted = [
            PlaceEventMonth(
                place_id=row["place_id"],
                month=_as_date(row["month"]),
                event_count=row["event_count"],
            )
            for row in event_months_select(events)
        ]
        _replace(PlaceEventMonth, "place", "month", counted, region, ["event_count"])


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
    and events; `months` as for actors_counters_refresh. With no months, their event months
    are recounted too (place_event_months_refresh). Returns the number of places updated."""
    ids = sorted({pk for pk in place_ids if pk is not None})
    months = _months(months)
    updated = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        if months != []:
            _rollups_refresh(PlaceMonth, "place", chunk, months)
        if months is None:
            place_event_months_refresh(place_ids=chunk)
        updated += Place.objects.filter(pk__in=chunk).update(
            **_counters(PlaceMonth, "place"),
            meeting_count=_count(Meeting.objects.all(), "place"),
            event_count=_count(Event.objects.all(), "place"),
        )
    return updated


def articles_counters_refresh(*, article_ids: Iterable[int]) -> None:
    """After a change of these articles' publication dates: their mentions take the new date
    and what they name moves from the old months to the new ones (deltas: the old date is the
    one their mentions still carry). Four queries, plus those of counters_apply."""
    ids = sorted(set(article_ids))
    tally = Tally()
    tally.count(ids, before=True)
    Mention.objects.filter(article_id__in=ids).update(
        published=Subquery(
            Mention.article.field.related_model.objects.filter(pk=OuterRef("article_id")).values(
                "published"
            )
        )
    )
    tally.count(ids, before=False)
    counters_apply(tally)


Key = tuple[int, int]  # (actor or place id, article id)


@dataclass
class Tally:
    """Per (actor or place, article): its mentions and the date they count under, before and
    after a change to some articles' facts or dates. `before` and `after` map "actor" and
    "place" to {(owner id, article id): (publication date or None, mentions)}."""

    before: dict[str, dict[Key, tuple[dt.date | None, int]]] = field(
        default_factory=lambda: {"actor": {}, "place": {}}
    )
    after: dict[str, dict[Key, tuple[dt.date | None, int]]] = field(
        default_factory=lambda: {"actor": {}, "place": {}}
    )

    def add(self, *, before: bool, article_id: int, day, owners: Counter) -> None:
        """One article's mentions by ("actor" | "place", owner id), counted under `day`."""
        side = self.before if before else self.after
        for (target, owner), n in owners.items():
            side[target][(owner, article_id)] = (day, n)

    def count(self, article_ids: list[int], *, before: bool) -> None:
        """Read these articles' mentions from the database (one query)."""
        rows = (
            Mention.objects.filter(article_id__in=article_ids)
            .order_by()
            .values_list("article_id", "published", "actor_id", "place_id")
            .annotate(n=Count("*"))
        )
        side = self.before if before else self.after
        for article_id, day, actor_id, place_id, n in rows:
            target, owner = ("actor", actor_id) if actor_id is not None else ("place", place_id)
            side[target][(owner, article_id)] = (day, n)


@dataclass
class _Move:
    """How one (owner, month) rollup row or one owner's counters move."""

    mentions: int = 0
    articles: int = 0
    first: dt.date | None = None  # earliest day added
    last: dt.date | None = None  # latest day added
    shrunk: bool = False  # lost an article: its first or last day may have to move in

    def add(self, day: dt.date | None, mentions: int, articles: int) -> None:
        self.mentions += mentions
        self.articles += articles
        if day is not None and articles > 0:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)

    @property
    def moves(self) -> bool:
        return bool(self.mentions or self.articles or self.first or self.shrunk)


def _moves(before: dict, after: dict) -> tuple[dict[int, _Move], dict[tuple, _Move]]:
    """The moves of each owner's counters and of each (owner, month) rollup row."""
    owners: dict[int, _Move] = defaultdict(_Move)
    months: dict[tuple, _Move] = defaultdict(_Move)
    for key in before.keys() | after.keys():
        owner = key[0]
        old, new = before.get(key), after.get(key)
        old_day, old_n = old if old is not None else (None, 0)
        new_day, new_n = new if new is not None else (None, 0)
        owners[owner].add(new_day, new_n - old_n, (new is not None) - (old is not None))
        if old is not None and new is not None and old_day == new_day:
            if old_day is not None and new_n != old_n:
                months[(owner, old_day.replace(day=1))].add(None, new_n - old_n, 0)
            continue
        if old is not None:
            owners[owner].shrunk = True
            if old_day is not None:
                month = months[(owner, old_day.replace(day=1))]
                month.add(None, -old_n, -1)
                month.shrunk = True
        if new is not None and new_day is not None:
            months[(owner, new_day.replace(day=1))].add(new_day, new_n, 1)
    return (
        {k: m for k, m in owners.items() if m.moves},
        {k: m for k, m in months.items() if m.moves},
    )


def _by_pk(pks: dict, values: dict, *, default) -> Case:
    """CASE pk WHEN ... THEN value ... ELSE default END, for one UPDATE of many rows."""
    return Case(
        *[When(pk=pk, then=Value(values[key])) for key, pk in pks.items() if key in values],
        default=default,
    )


def _rollups_move(rollup, target: str, months: dict[tuple, _Move]) -> None:
    """Move the (owner, month) rows by `months`: insert the missing ones, one UPDATE with the
    deltas (F() expressions, safe beside concurrent writers), delete those left without an
    article, and fetch the first and last day of those that lost one from the mentions index."""
    if not months:
        return
    owner = f"{target}_id"
    added = [key for key, move in months.items() if move.first is not None]
    if added:
        rollup.objects.bulk_create(
            [
                rollup(
                    **{owner: o},
                    month=m,
                    mention_count=0,
                    article_count=0,
                    first_day=months[(o, m)].first,
                    last_day=months[(o, m)].last,
                )
                for o, m in sorted(added)
            ],
            ignore_conflicts=True,
        )

    def days(chunk: dict) -> dict:
        firsts = {k: months[k].first for k in chunk if months[k].first is not None}
        lasts = {k: months[k].last for k in chunk if months[k].last is not None}
        return {
            "first_day": Least("first_day", _by_pk(chunk, firsts, default=F("first_day"))),
            "last_day": Greatest("last_day", _by_pk(chunk, lasts, default=F("last_day"))),
        }

    pks = _deltas_apply(rollup, owner, "month", months, extra=days)
    shrunk = [pks[key] for key, move in months.items() if move.shrunk and key in pks]
    if not shrunk:
        return
    rollup.objects.filter(pk__in=shrunk, article_count__lte=0).delete()
    by_month: dict[dt.date, list[int]] = defaultdict(list)
    for key, move in months.items():
        if move.shrunk and key in pks:
            by_month[key[1]].append(pks[key])
    for month, ids in sorted(by_month.items()):
        named = Mention.objects.filter(
            **{target: OuterRef(target)},
            published__gte=month,
            published__lt=(month + dt.timedelta(days=32)).replace(day=1),
        ).order_by()
        rollup.objects.filter(pk__in=ids).update(
            first_day=Subquery(named.order_by("published").values("published")[:1]),
            last_day=Subquery(named.order_by("-published").values("published")[:1]),
        )


def _deltas_apply(rollup, owner: str, bucket: str, moves: dict[tuple, _Move], extra=None) -> dict:
    """Lock the (owner, bucket) rows of `moves` in primary-key order and add their mention and
    article deltas, CHUNK_SIZE rows per UPDATE (F() expressions, safe beside concurrent
    writers); `extra(chunk)` gives more columns to set. Returns the rows' ids by key."""
    rows = (
        rollup.objects.select_for_update()
        .filter(**{f"{owner}__in": sorted({o for o, _ in moves})})
        .filter(**{f"{bucket}__in": sorted({b for _, b in moves})})
        .order_by("pk")
        .values_list("pk", owner, bucket)
    )
    pks = {(o, b): pk for pk, o, b in rows if (o, b) in moves}
    keys = sorted(pks, key=pks.get)
    for start in range(0, len(keys), CHUNK_SIZE):
        chunk = {key: pks[key] for key in keys[start : start + CHUNK_SIZE]}
        rollup.objects.filter(pk__in=list(chunk.values())).update(
            mention_count=F("mention_count")
            + _by_pk(chunk, {k: moves[k].mentions for k in chunk}, default=Value(0)),
            article_count=F("article_count")
            + _by_pk(chunk, {k: moves[k].articles for k in chunk}, default=Value(0)),
            **(extra(chunk) if extra else {}),
        )
    return pks


def _years_move(rollup, target: str, months: dict[tuple, _Move]) -> None:
    """Move the (owner, year) rows by the sum of their months' moves: insert the missing ones,
    one UPDATE with the deltas, delete those left without an article. An article has one date,
    so a year's distinct articles are the sum of its months'."""
    years: dict[tuple, _Move] = defaultdict(_Move)
    for (owner, month), move in months.items():
        year = years[(owner, _year(month))]
        year.add(move.first, move.mentions, move.articles)
        year.shrunk |= move.articles < 0
    years = {key: move for key, move in years.items() if move.mentions or move.articles}
    if not years:
        return
    owner = f"{target}_id"
    added = sorted(key for key, move in years.items() if move.first is not None)
    if added:
        rollup.objects.bulk_create(
            [rollup(**{owner: o}, year=y, mention_count=0, article_count=0) for o, y in added],
            ignore_conflicts=True,
        )
    pks = _deltas_apply(rollup, owner, "year", years)
    shrunk = [pks[key] for key, move in years.items() if move.shrunk and key in pks]
    if shrunk:
        rollup.objects.filter(pk__in=shrunk, article_count__lte=0).delete()


def _owners_move(model, rollup, target: str, owners: dict[int, _Move]) -> None:
    """Move the owners' counters by `owners` (F() deltas) and take `last_seen` from their newest
    rollup row (one probe of the (owner, month) index each)."""
    ids = sorted(owners)
    newest = rollup.objects.filter(**{target: OuterRef("pk")}).order_by("-month")
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = {pk: pk for pk in ids[start : start + CHUNK_SIZE]}
        model.objects.filter(pk__in=list(chunk)).update(
            mention_count=F("mention_count")
            + _by_pk(chunk, {k: owners[k].mentions for k in chunk}, default=Value(0)),
            article_count=F("article_count")
            + _by_pk(chunk, {k: owners[k].articles for k in chunk}, default=Value(0)),
            last_seen=Subquery(newest.values("last_day")[:1]),
        )


def counters_apply(tally: Tally) -> None:
    """Move the monthly rollups and the mention and article counters of everything `tally`
    counted by the difference between its `after` and `before` (see the module docstring).
    A fixed number of statements per CHUNK_SIZE rows, plus one per month in which a row lost an
    article."""
    for model, rollup, target in ((Actor, ActorMonth, "actor"), (Place, PlaceMonth, "place")):
        owners, months = _moves(tally.before[target], tally.after[target])
        _rollups_move(rollup, target, months)
        _years_move(YEARS[rollup], target, months)
        _owners_move(model, rollup, target, owners)


def meetings_counters_refresh(*, actor_ids: Iterable[int], place_ids: Iterable[int]) -> None:
    """Recount the meetings of these actors and the meetings and events of these places (an
    index-only count each; their mentions are left to counters_apply)."""
    actors = sorted({pk for pk in actor_ids if pk is not None})
    places = sorted({pk for pk in place_ids if pk is not None})
    for start in range(0, len(actors), CHUNK_SIZE):
        Actor.objects.filter(pk__in=actors[start : start + CHUNK_SIZE]).update(
            meeting_count=_count(MeetingParticipant.objects.all(), "actor")
        )
    for start in range(0, len(places), CHUNK_SIZE):
        Place.objects.filter(pk__in=places[start : start + CHUNK_SIZE]).update(
            meeting_count=_count(Meeting.objects.all(), "place"),
            event_count=_count(Event.objects.all(), "place"),
        )


def mentions_published_sync() -> int:
    """Give every mention its article's publication date where it differs (rows written around
    the fact store). Returns the rows changed."""
    article = Mention.article.field.related_model
    stale = Mention.objects.exclude(published=F("article__published")).exclude(
        published__isnull=True, article__published__isnull=True
    )
    return stale.update(
        published=Subquery(article.objects.filter(pk=OuterRef("article_id")).values("published"))
    )


def meeting_pairs_rebuild() -> int:
    """Rewrite the network's pairs (MeetingPair) from all participants, one INSERT ... SELECT,
    where PostgreSQL keeps them (SQLite has no pairs to rewrite). Returns the pairs written."""
    if connection.vendor != "postgresql":
        return 0
    sql, params = MeetingParticipant.objects.pair_counts().query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {MeetingPair._meta.db_table}")
        cursor.execute(
            f"INSERT INTO {MeetingPair._meta.db_table} (first_id, second_id, meeting_count) {sql}",
            params,
        )
        return cursor.rowcount


def rollups_rebuild() -> tuple[int, int]:
    """Rewrite both monthly rollups from all mentions, then the yearly ones from them, the
    places' event months from all events, and the network's meeting pairs, one INSERT ...
    SELECT each (set-based: a million articles in a few minutes, no rows through Python).
    Returns the monthly rows written."""
    written = []
    with transaction.atomic():
        mentions_published_sync()
        for rollup, target in ((ActorMonth, "actor"), (PlaceMonth, "place")):
            rollup.objects.all().delete()
            select = (
                Mention.objects.filter(**{f"{target}__isnull": False})
                .filter(published__isnull=False)
                .annotate(month=TruncMonth("published"))
                .order_by()
                .values(f"{target}_id", "month")
                .annotate(
                    mention_count=Count("*"),
                    article_count=Count("article_id", distinct=True),
                    first_day=Min("published"),
                    last_day=Max("published"),
                )
            )
            sql, params = select.query.sql_with_params()
            columns = ", ".join([f"{target}_id", "month", *ROLLUP_FIELDS])
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {rollup._meta.db_table} ({columns}) {sql}", params)
                written.append(cursor.rowcount)
            years = YEARS[rollup]
            years.objects.all().delete()
            select = (
                rollup.objects.annotate(first_day_of_year=TruncYear("month"))
                .order_by()
                .values(f"{target}_id", "first_day_of_year")
                .annotate(mentions=Sum("mention_count"), articles=Sum("article_count"))
                .values_list(f"{target}_id", "first_day_of_year", "mentions", "articles")
            )
            sql, params = select.query.sql_with_params()
            columns = ", ".join([f"{target}_id", "year", *YEAR_FIELDS])
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {years._meta.db_table} ({columns}) {sql}", params)
        PlaceEventMonth.objects.all().delete()
        sql, params = event_months_select(Event.objects.all()).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {PlaceEventMonth._meta.db_table} (place_id, month, event_count) "
                f"{sql}",
                params,
            )
        meeting_pairs_rebuild()
    return written[0], written[1]


def counters_rebuild(*, chunk_size: int = CHUNK_SIZE) -> tuple[int, int]:
    """Rebuild the monthly rollups (rollups_rebuild), then recount every actor and place from
    them, `chunk_size` rows per UPDATE, by primary-key ranges (no id list of the whole table is
    held). Each chunk commits on its own when called outside a transaction, so a rebuild of a
    large database never holds all rows locked. Returns the (actors, places) updated."""
    rollups_rebuild()
    totals = []
    for model, refresh, argument in (
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
            total += refresh(**{argument: ids, "months": []})
            after = ids[-1]
        totals.append(total)
    return totals[0], totals[1]
