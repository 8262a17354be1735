"""Reads of actors, places, meetings, events and mentions, each stating what it fetches (no N+1)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Greatest, RowNumber, TruncMonth
from django.db.models.lookups import Contains
from django.shortcuts import get_object_or_404
from django.utils import dateformat

from articles.models import Article
from conflict_tracker.links import ID, SLUG, address_maker
from conflict_tracker.paging import COUNT_LIMIT, bounded_count
from entities.acled import AcledRecord
from entities.models import (
    Actor,
    ActorAlias,
    ActorMonth,
    ActorYear,
    Event,
    EventActor,
    EventSource,
    Follow,
    Meeting,
    MeetingPair,
    MeetingParticipant,
    MeetingSource,
    Mention,
    Place,
    PlaceAlias,
    PlaceEventMonth,
    PlaceMonth,
    PlaceYear,
    Role,
)
from entities.periods import months_between
from extraction.normalize import name_key

# --- API reads (actors, places, meetings) ---------------------------------------------------


def count_of(model, field: str) -> Subquery:
    """A correlated COUNT(*) of `model` rows whose `field` is the outer row.

    A subquery per count keeps two to-many counts from multiplying each other's joins.
    """
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def actor_list() -> QuerySet[Actor]:
    """Actors with their aliases (`alias_list`) and stored counters: two queries."""
    return Actor.objects.with_aliases()


def actor_detail_list() -> QuerySet[Actor]:
    """`actor_list` plus the roles each actor held (`role_list`, with their organization)."""
    return actor_list().prefetch_related(
        Prefetch(
            "roles",
            queryset=Role.objects.select_related("organization"),
            to_attr="role_list",
        )
    )


def actor_mention_list(*, actor: Actor) -> QuerySet[Mention]:
    """The sentences that name an actor, newest article first, with the article and the role;
    `sentence` is cut from the article's text in the same query."""
    return (
        Mention.objects.filter(actor=actor)
        .with_sentence()
        .select_related("article", "role", "role__organization")
        .defer("article__text")
        .order_by("-article__published", "article_id", "start")
    )


def meeting_list() -> QuerySet[Meeting]:
    """Meetings with place, participants (`participant_list`, with the role held then) and
    `source_count`: two queries. Newest first, undated last."""
    newest_first = (F("date").desc(nulls_last=True), "-id")
    return (
        Meeting.objects.select_related("place")
        .annotate(source_count=count_of(MeetingSource, "meeting"))
        .order_by(*newest_first)
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=MeetingParticipant.objects.select_related(
                    "actor", "role", "role__organization"
                ).order_by("actor__name"),
                to_attr="participant_list",
            )
        )
    )


def meeting_detail_list() -> QuerySet[Meeting]:
    """`meeting_list` plus the sentences that report each meeting (`source_list`, with the
    article and the `sentence` cut from its text, oldest article first)."""
    return meeting_list().prefetch_related(
        Prefetch(
            "sources",
            queryset=MeetingSource.objects.with_sentence()
            .select_related("article")
            .defer("article__text"),
            to_attr="source_list",
        )
    )


def actor_counterpart_list(*, actor: Actor) -> QuerySet[Actor]:
    """Who met `actor`, with `meetings_together` and `last_met`, most frequent first."""
    return (
        Actor.objects.filter(participations__meeting__participations__actor=actor)
        .exclude(pk=actor.pk)
        .annotate(
            # A row per meeting the two shared (a meeting lists an actor once): no DISTINCT.
            meetings_together=Count("participations__meeting"),
            last_met=Max("participations__meeting__date"),
        )
        .order_by("-meetings_together", "name")
    )


def place_list() -> QuerySet[Place]:
    """Places with aliases (`alias_list`), parent, the place an approximate one was located by,
    and stored counters: two queries."""
    return Place.objects.select_related("parent", "located_near").with_aliases()


# --- Dashboard pages (server-rendered analyst views) ------------------------------------------
# Each function below states what it fetches; templates touch nothing else. Every page issues a
# fixed number of queries whatever the number of rows.

DASHBOARD_PAGE_SIZE = 25


@dataclass
class ActivityWindow:
    """The period "recent activity" covers: 30 days up to today, or up to the newest article."""

    start: dt.date
    end: dt.date
    historical: bool


def in_period(field: str, period) -> Q:
    """Rows whose date `field` lies in `period` (anything with `start` and `end`, either of them
    None for an open side); an empty Q when there is no period."""
    within = Q()
    if period is not None and period.start is not None:
        within &= Q(**{f"{field}__gte": period.start})
    if period is not None and period.end is not None:
        within &= Q(**{f"{field}__lte": period.end})
    return within


def _subquery_count(queryset: QuerySet, outer: str) -> Coalesce:
    """A correlated COUNT(*) of `queryset` rows whose `outer` field equals the outer row's pk."""
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _participants_prefetch() -> Prefetch:
    """A meeting's participants with the role each held then, in one query for any number of rows."""
    return Prefetch(
        "participations",
        queryset=MeetingParticipant.objects.select_related("actor", "role__organization").order_by(
            "actor__name"
        ),
        to_attr="participant_list",
    )


def meeting_rows() -> QuerySet[Meeting]:
    """Meetings for any list: place (with parent), participants with roles, number of sources.

    select_related("place__parent"); prefetch participations -> participant_list (actor, role,
    role.organization); annotate source_count (subquery). Three queries with pagination's count.
    """
    return (
        Meeting.objects.select_related("place__parent")
        .prefetch_related(_participants_prefetch())
        .annotate(source_count=_subquery_count(MeetingSource.objects.all(), "meeting"))
        .order_by(F("date").desc(nulls_last=True), "-id")
    )


def meeting_rows_with_evidence() -> QuerySet[Meeting]:
    """meeting_rows plus each meeting's first report (the earliest published): its sentence and
    article (prefetch sources -> evidence_list, at most one row per meeting, select_related
    article without its text). One query more than meeting_rows."""
    return meeting_rows().prefetch_related(
        Prefetch(
            "sources",
            queryset=MeetingSource.objects.with_sentence()
            .select_related("article")
            .only(
                "meeting_id",
                "sentence_start",
                "sentence_end",
                "article__id",
                "article__title",
                "article__published",
            )
            .order_by(F("article__published").asc(nulls_last=True), "article_id", "sentence_start")[
                :1
            ],
            to_attr="evidence_list",
        )
    )


def activity_window_get(*, days: int = 30, today: dt.date | None = None) -> ActivityWindow:
    """One query: the newest article date. Historical data gets the window ending at that date."""
    today = today or dt.date.today()
    newest = Article.objects.aggregate(newest=Max("published"))["newest"]
    if newest is None or newest >= today - dt.timedelta(days=days):
        return ActivityWindow(start=today - dt.timedelta(days=days), end=today, historical=False)
    return ActivityWindow(start=newest - dt.timedelta(days=days), end=newest, historical=True)


def report_newest_date() -> dt.date | None:
    """One query: the publication date of the newest report, which ends the overview's default
    period (the latest months of reports)."""
    return Article.objects.aggregate(newest=Max("published"))["newest"]


def home_counts(*, articles: int) -> dict[str, int]:
    """COUNT queries of actors, places and meetings, beside the articles the caller counted
    (the pipeline health's status counts, from articles.selectors.article_total)."""
    return {
        "actors": Actor.objects.count(),
        "places": Place.objects.count(),
        "meetings": Meeting.objects.count(),
        "articles": articles,
    }


@dataclass(frozen=True)
class WholeMonths:
    """A period as whole calendar months, for the monthly rollups: `first` and `last` months
    (first days), either None for an open side."""

    first: dt.date | None
    last: dt.date | None

    def q(self, prefix: str = "") -> Q:
        """A filter for ActorMonth/PlaceMonth rows in these months (through `prefix`)."""
        months = Q()
        if self.first is not None:
            months &= Q(**{f"{prefix}month__gte": self.first})
        if self.last is not None:
            months &= Q(**{f"{prefix}month__lte": self.last})
        return months

    def split(self) -> tuple[tuple[int | None, int | None] | None, Q | None]:
        """The whole calendar years inside these months, as (first, last) years (either None
        for an open side) or None when there are none, and a filter for the monthly rows
        outside them (the months before the first whole year and after the last), or None
        when there are no such months."""
        first_year = None
        if self.first is not None:
            first_year = self.first.year + (self.first.month != 1)
        last_year = None
        if self.last is not None:
            last_year = self.last.year - (self.last.month != 12)
        if first_year is not None and last_year is not None and first_year > last_year:
            return None, self.q()
        edges = []
        if self.first is not None and self.first.month != 1:
            edges.append(Q(month__gte=self.first, month__lt=dt.date(first_year, 1, 1)))
        if self.last is not None and self.last.month != 12:
            edges.append(Q(month__gt=dt.date(last_year, 12, 1), month__lte=self.last))
        found = None
        for edge in edges:
            found = edge if found is None else found | edge
        return (first_year, last_year), found


def _years_q(years: tuple[int | None, int | None]) -> Q:
    """A filter for ActorYear/PlaceYear rows of these years (either side open)."""
    first, last = years
    found = Q()
    if first is not None:
        found &= Q(year__gte=dt.date(first, 1, 1))
    if last is not None:
        found &= Q(year__lte=dt.date(last, 1, 1))
    return found


def _ranked(rollup, target: str, months: "WholeMonths", limit: int) -> list[tuple[int, int]]:
    """The `limit` (row id, articles) pairs of most articles in `months`, most first.

    The whole years of the period come from the yearly rollup, the months around them from the
    monthly one. One year alone is the yearly index read backwards (no grouping: a year at a
    million reports took 310 ms summed from its 280,000 monthly actor rows); otherwise one
    grouped query over the rows of both tables (UNION ALL)."""
    years, edges = months.split()
    if years is None or edges is None:
        rows = (
            rollup.objects.filter(months.q())
            if years is None
            else YEARS[rollup].objects.filter(_years_q(years))
        )
        if years is not None and years[0] is not None and years[0] == years[1]:
            rows = rows.order_by("-article_count", target)
            return list(rows.values_list(target, "article_count")[:limit])
        return list(
            rows.order_by()
            .values(target)
            .annotate(n=Sum("article_count"))
            .order_by("-n", target)
            .values_list(target, "n")[:limit]
        )
    by_month = rollup.objects.filter(edges).order_by()
    by_year = YEARS[rollup].objects.filter(_years_q(years)).order_by()
    parts = []
    params: list = []
    for part in (by_year, by_month):
        sql, part_params = part.values(
            owner=F(target), n=F("article_count")
        ).query.sql_with_params()
        parts.append(sql)
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT owner, SUM(n) AS total FROM ({parts[0]} UNION ALL {parts[1]}) AS counted "
            "GROUP BY owner ORDER BY total DESC, owner LIMIT %s",
            [*params, limit],
        )
        return [(owner, int(total)) for owner, total in cursor.fetchall()]


YEARS = {ActorMonth: ActorYear, PlaceMonth: PlaceYear}


def _month_after(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def whole_months(period) -> WholeMonths | None:
    """The whole months `period` covers, or None when it cuts a month that has reports outside
    it (then only the mentions can answer exactly).

    A start must be a month's first day. An end inside a month is as good as its month's last
    day when nothing is published after it in that month: the overview's default period ends on
    the newest report's date. That takes one indexed query (articles_published_idx).
    """
    start = period.start if period is not None else None
    end = period.end if period is not None else None
    if start is not None and start.day != 1:
        return None
    if end is not None and _month_after(end) - end > dt.timedelta(days=1):
        later = Article.objects.filter(published__gt=end, published__lt=_month_after(end))
        if later.exists():
            return None
    return WholeMonths(start, end.replace(day=1) if end is not None else None)


def _most_active(model, rollup, target: str, window, limit: int) -> list:
    """The `limit` rows of `model` named in most articles in `window`, annotated
    window_articles, most first, then by name.

    Whole months: two queries, the monthly rollup summed per row (an index-only range scan of
    entities_<model>month_month_idx, 280,000 rows for a year at a million reports: 95 ms, where
    grouping the joined rows took 270 ms), then the 2 x `limit` best rows, ordered by name
    among equals here. Otherwise: one query over the mentions themselves, exact but slow.
    """
    months = whole_months(window)
    if months is None:
        return list(
            model.objects.filter(
                # One filter() call: the date test and the count use the same mention join.
                Q(mentions__isnull=False) & in_period("mentions__published", window)
            )
            .annotate(window_articles=Count("mentions__article", distinct=True))
            .order_by("-window_articles", "name")[:limit]
        )
    counts = dict(_ranked(rollup, target, months, limit * 2))
    rows = list(model.objects.filter(pk__in=list(counts)))
    for row in rows:
        row.window_articles = counts[row.pk]
    return sorted(rows, key=lambda row: (-row.window_articles, row.name))[:limit]


def active_actor_list(*, window: ActivityWindow, limit: int = 10) -> list[Actor]:
    """Actors mentioned most in the window, annotated window_articles (see _most_active)."""
    return _most_active(Actor, ActorMonth, "actor", window, limit)


def active_place_list(*, window: ActivityWindow, limit: int = 10) -> list[Place]:
    """Places mentioned most in the window, annotated window_articles (see _most_active)."""
    return _most_active(Place, PlaceMonth, "place", window, limit)


def map_place_list(*, window: ActivityWindow | None = None, limit: int = 300) -> list[dict]:
    """The `limit` most active places with coordinates, as plain dicts ready for json_script
    (name, slug, url, kind, lat, lon, count). Countries are left out: a dot at a country's
    centre would outweigh every town in it.

    With a window: articles naming each place inside it, from the monthly rollups when the
    window is whole months, else from the mentions (two or three queries). Without: all-time
    mentions, the stored counter (two queries).
    """
    if window is None or (window.start is None and window.end is None):
        ranked = Place.objects.filter(mention_count__gt=0).by_mentions()[: limit * 2]
        return _map_points(dict(ranked.values_list("pk", "mention_count")), limit=limit)
    months = whole_months(window)
    if months is not None:
        ranked = _ranked(PlaceMonth, "place", months, limit * 2)
        activity = [{"place_id": pk, "n": n} for pk, n in ranked]
    else:
        activity = (
            Mention.objects.filter(place__isnull=False)
            .filter(in_period("published", window))
            .order_by()
            .values("place_id")
            .annotate(n=Count("article_id", distinct=True))
            .order_by("-n")[: limit * 2]
        )
    return _map_points({row["place_id"]: row["n"] for row in activity}, limit=limit)


def _map_points(counts: dict[int, int], *, limit: int) -> list[dict]:
    rows = (
        Place.objects.filter(pk__in=list(counts), latitude__isnull=False, longitude__isnull=False)
        .exclude(kind=Place.Kind.COUNTRY)
        .values("pk", "name", "slug", "kind", "latitude", "longitude", "geo_precision")
    )
    place_url = address_maker("place_detail", placeholder=SLUG)
    return sorted(
        (
            {
                "name": row["name"],
                "slug": row["slug"],
                "url": place_url(row["slug"]),
                "kind": row["kind"],
                "lat": row["latitude"],
                "lon": row["longitude"],
                "approximate": (row["geo_precision"] or 1) > 1,
                "count": counts[row["pk"]],
            }
            for row in rows
        ),
        key=lambda point: -point["count"],
    )[:limit]


# Actors


def _other_names(actor: Actor) -> list[str]:
    """The spellings of a fetched actor's alias_list other than its display name."""
    return [alias.name for alias in actor.alias_list if alias.name != actor.name]


# --- Name search ---------------------------------------------------------------------------------
# Actors and places by name or alias, for the pages and the API's `?q=`. Best match first:
# an exact name (rank 0), then a name that starts with the words (1), then the rest (2), most
# similar first. PostgreSQL matches by trigrams (pg_trgm, GIN indexes on the four name columns):
# a substring or a word close to the query. SQLite keeps a plain substring match of the keys.


class _NameContains(Contains):
    """`icontains` that PostgreSQL writes as `name ILIKE '%q%'`, which the GIN trigram index on
    the column serves (Django's own `UPPER(name) LIKE UPPER(...)` cannot use it)."""

    def as_postgresql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} ILIKE {rhs_sql}", [*lhs_params, *rhs_params]


# How many names (and as many aliases) that neither equal nor start with the query a search
# lists, closest first.
SEARCH_CLOSE_LIMIT = 100


class _WordDistance(Func):
    """`column <->> 'query'`: 1 - the query's word similarity to the column, the column first so
    that a GiST trigram index on it returns rows in this order (a nearest-neighbour scan)."""

    arg_joiner = " <->> "
    template = "%(expressions)s"
    output_field = FloatField()


def _search_words(q: str) -> tuple[str, str]:
    """The query as typed (spaces folded, at most a name's length) and its name_key."""
    text = " ".join(q.split())[:300]
    return text, name_key(text)


def _name_search(
    queryset: QuerySet,
    *,
    q: str,
    aliases: type[ActorAlias] | type[PlaceAlias],
    owner: str,
    own_key: bool,
) -> QuerySet:
    """Rows of `queryset` whose name or an alias (an `aliases` row pointing at it by `owner`)
    matches `q`, annotated with search_rank and search_similarity; order with SEARCH_ORDER.

    own_key: the row's `key` column is the name_key of its name (actors; a place's key is its
    gazetteer key). An empty query matches everything, unranked.
    """
    text, key = _search_words(q)
    if not key:
        return queryset.annotate(search_rank=Value(0), search_similarity=Value(0.0))
    mine = aliases.objects.filter(**{owner: OuterRef("pk")})
    exact = Q(name__iexact=text) | Exists(mine.filter(key=key))
    prefix = Q(name__istartswith=text) | Exists(mine.filter(key__startswith=key))
    if own_key:
        exact |= Q(key=key)
        prefix |= Q(key__startswith=key)
    if connection.vendor == "postgresql":
        # Every name or alias equal to the query or starting with it (ranks 0 and 1), then only
        # the SEARCH_CLOSE_LIMIT closest of the rest by word distance, read in distance order
        # from the GiST indexes: a short query ("al") is in most names, and ranking them all
        # took over a second at a million reports. Names as written (any case), and keys (no
        # accents or punctuation: "Mevlut" finds Mevlüt). One id list from index scans of each
        # table: an OR with a subquery would scan them all.
        model = queryset.model
        starts = Q(name__istartswith=text) | (Q(key__startswith=key) if own_key else Q())
        close = Q(_NameContains(F("name"), text)) | Q(name__trigram_word_similar=text)
        close_key = Q(key__contains=key) | Q(key__trigram_word_similar=key)
        own_field, own_text = ("key", key) if own_key else ("name", text)
        ids = (
            model.objects.filter(starts)
            .order_by()
            .values("pk")
            .union(aliases.objects.filter(key__startswith=key).order_by().values(owner))
            .union(
                model.objects.filter(close_key if own_key else close)
                .order_by(_WordDistance(F(own_field), Value(own_text)))
                .values("pk")[:SEARCH_CLOSE_LIMIT]
            )
            .union(
                aliases.objects.filter(close_key)
                .order_by(_WordDistance(F("key"), Value(key)))
                .values(owner)[:SEARCH_CLOSE_LIMIT]
            )
        )
        matches = Q(pk__in=ids)
        alias_similarity = (
            mine.annotate(s=TrigramWordSimilarity(text, "name")).order_by("-s").values("s")[:1]
        )
        # Only the close matches (rank 2) are ordered by how close they are: the equal and
        # prefix ones are ordered by the page's sort, and their similarity is not computed (a
        # subquery per row: 2,500 names start with "al" at a million reports).
        similarity = Case(
            When(prefix, then=Value(1.0)),
            default=Greatest(
                TrigramWordSimilarity(text, "name"),
                Coalesce(Subquery(alias_similarity, output_field=FloatField()), 0.0),
            ),
            output_field=FloatField(),
        )
    else:
        own = Q(key__contains=key) if own_key else Q(name__icontains=text)
        matches = own | Q(pk__in=aliases.objects.filter(key__contains=key).values(owner))
        similarity = Value(0.0)
    rank = Case(When(exact, then=0), When(prefix, then=1), default=2)
    return queryset.filter(matches).annotate(search_rank=rank, search_similarity=similarity)


SEARCH_ORDER = ("search_rank", "-search_similarity")


def actor_search(actors: QuerySet[Actor], *, q: str) -> QuerySet[Actor]:
    """`actors` whose name or an alias matches `q`, with search_rank and search_similarity.
    "HTS" finds Hayat Tahrir al-Sham (alias HTS, rank 0) before Human Rights Watch (rank 2)."""
    return _name_search(actors, q=q, aliases=ActorAlias, owner="actor", own_key=True)


def place_search(places: QuerySet[Place], *, q: str) -> QuerySet[Place]:
    """`places` whose name or an alias matches `q`, with search_rank and search_similarity."""
    return _name_search(places, q=q, aliases=PlaceAlias, owner="place", own_key=False)


# What each sort orders by: stored counters, each served by an index (entities.models).
ACTOR_PAGE_ORDER = {
    "mentions": ("-mention_count", "name", "pk"),
    "last_seen": (F("last_seen").desc(nulls_last=True), "name", "pk"),
    "name": ("name", "pk"),
}


def _page_of(ordered: QuerySet, rows: QuerySet, *, page, per_page: int) -> Page:
    """A page of `rows` in the order of `ordered`: the database orders and counts the matching
    ids (two queries), then fetches only the page's rows with their prefetches (one query
    each)."""
    result = Paginator(ordered.values_list("pk", flat=True), per_page).get_page(page)
    ids = list(result.object_list)
    by_id = rows.in_bulk(ids)
    result.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return result


def _searched(rows: QuerySet) -> bool:
    """Was `rows` narrowed by a name search (actor_search, place_search), which ranks matches?"""
    return "search_rank" in rows.query.annotations


def actor_search_page(
    *,
    actors: QuerySet[Actor] | None = None,
    sort: str = "mentions",
    page: str | int | None = 1,
    per_page: int = DASHBOARD_PAGE_SIZE,
) -> Page:
    """One page of `actors` (all of them, or as entities.filters.ActorFilter narrowed them: the
    filters of the page, its export and the API are one FilterSet), ordered and paginated by the
    database.

    sort: "mentions" (default), "last_seen" or "name"; after a name search the best matches come
    first and `sort` orders each rank. Four queries: the count and the page's ids (ordered by the
    database on the stored counters), then the page's actors and their aliases (prefetch ->
    alias_list).
    """
    actors = Actor.objects.all() if actors is None else actors
    order = ACTOR_PAGE_ORDER.get(sort, ACTOR_PAGE_ORDER["mentions"])
    if _searched(actors):
        order = (*SEARCH_ORDER, *order)
    rows = Actor.objects.with_aliases()
    result = _page_of(actors.order_by(*order), rows, page=page, per_page=per_page)
    for actor in result.object_list:
        actor.other_names = _other_names(actor)
    return result


def actor_country_list() -> list[str]:
    """One query: the distinct affiliation countries, for the filter."""
    return list(
        Actor.objects.exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct()
    )


@dataclass
class ActorDetail:
    actor: Actor
    roles: list[Role]
    meetings: list[Meeting]
    meeting_count: int
    counterparts: list[Actor]
    places: list[Place]
    timeline: list[dict]
    network: dict
    # Articles naming it in the period (all time: the stored counter): the count of the
    # paginated sentences, so the page need not count them.
    article_count: int = 0


def _role_recent_sources(actor: Actor, *, count: int = 3) -> QuerySet[Mention]:
    """The `count` newest mentions attesting each of the actor's roles, with the article and the
    sentence. The newest are ranked in a subquery of ids first, by the date each mention keeps
    of its article (entities_mention_role_pub_idx), so the sentence is cut from the text of
    these few rows only and no other source's article is read."""
    newest = (F("published").desc(nulls_last=True), F("pk").asc())
    ranked = (
        Mention.objects.filter(role__actor=actor)
        .annotate(rank=Window(RowNumber(), partition_by=F("role_id"), order_by=newest))
        .filter(rank__lte=count)
        .values("pk")
    )
    return (
        Mention.objects.filter(pk__in=ranked)
        .with_sentence()
        .select_related("article")
        .defer("article__text")
        .order_by(*newest)
    )


def actor_detail_get(*, slug: str, meetings_limit: int = 20, period=None) -> ActorDetail:
    """Everything the actor page shows except the paginated sentences (see actor_sentence_list).

    `period` (entities.periods.Period) narrows meetings, counterparts, places and the timeline
    to meetings held and articles published in it; roles are shown whatever the period.

    Queries: actor (+ aliases prefetch -> alias_list), roles (select_related organization,
    annotate source_count, prefetch the three newest sourcing mentions -> recent_sources with
    their article), meeting count, newest meetings (meeting_rows), counterparts (annotate
    meetings_together), linked places (annotate articles_together, and meetings_attended),
    monthly timeline.
    """
    actor = get_object_or_404(
        Actor.objects.prefetch_related(
            Prefetch("aliases", queryset=ActorAlias.objects.order_by("name"), to_attr="alias_list")
        ),
        slug=slug,
    )
    actor.other_names = _other_names(actor)
    roles = list(
        Role.objects.filter(actor=actor)
        .select_related("organization")
        .annotate(source_count=_subquery_count(Mention.objects.all(), "role"))
        .prefetch_related(
            Prefetch(
                "mentions",
                queryset=_role_recent_sources(actor),
                to_attr="recent_sources",
            )
        )
        .order_by(F("last_attested").desc(nulls_last=True), "title")
    )
    took_part = Exists(MeetingParticipant.objects.filter(meeting=OuterRef("pk"), actor=actor))
    held = in_period("date", period)
    meeting_count = Meeting.objects.filter(took_part, held).count()
    meetings = list(meeting_rows().filter(took_part, held)[:meetings_limit])
    # Counted by the other participant's id, then those 15 actors fetched by primary key: a
    # row per meeting the two shared (a meeting lists an actor once), so no DISTINCT.
    together = list(
        MeetingParticipant.objects.filter(
            Q(meeting__participations__actor=actor) & in_period("meeting__date", period)
        )
        .exclude(actor=actor)
        .values_list("actor_id")
        .annotate(n=Count("meeting_id"))
        .order_by("-n", "actor_id")[:15]
    )
    counterparts = _rows_counted(together, Actor.objects.all(), "meetings_together")
    named = Mention.objects.filter(in_period("published", period), actor=actor)
    recent = _recent_article_ids(named)
    places = _named_most_with(recent, Place, limit=15)
    # Counted apart for these few places: as a subquery it would run once per co-mention.
    met_at = dict(
        Meeting.objects.filter(took_part, held, place__in=[p.pk for p in places])
        .order_by()
        .values_list("place_id")
        .annotate(n=Count("pk"))
    )
    for place in places:
        place.meetings_attended = met_at.get(place.pk, 0)
    timeline = _monthly_articles(ActorMonth.objects.filter(actor=actor), named, period=period)
    article_count = actor.article_count
    if period is not None and period.is_set:
        article_count = sum(row["count"] for row in timeline)
    return ActorDetail(
        actor=actor,
        roles=roles,
        meetings=meetings,
        meeting_count=meeting_count,
        counterparts=counterparts,
        places=places,
        timeline=_timeline_bars(timeline, period=period),
        network=_ego_network(actor, counterparts),
        article_count=article_count,
    )


def _monthly_articles(rollup_rows: QuerySet, named: QuerySet[Mention], *, period) -> list[dict]:
    """Articles per month ({"month", "count"}) naming an actor or a place, in `period`: its
    monthly rollup rows (one query, at most a row per month). A month the period cuts is counted
    from `named` (its mentions, already narrowed to the period) when reports that name it fall
    outside the period in that month: one more query, bounded by that month's articles.
    """
    start = period.start if period is not None else None
    end = period.end if period is not None else None
    if start is not None:
        rollup_rows = rollup_rows.filter(month__gte=start.replace(day=1))
    if end is not None:
        rollup_rows = rollup_rows.filter(month__lte=end.replace(day=1))
    counts, cut = {}, []
    for month, count, first_day, last_day in rollup_rows.values_list(
        "month", "article_count", "first_day", "last_day"
    ):
        counts[month] = count
        if (start is not None and first_day < start) or (end is not None and last_day > end):
            cut.append(month)
    if cut:
        in_cut = Q(pk__in=[])
        for month in cut:
            in_cut |= Q(published__gte=month, published__lt=_month_after(month))
        exact = dict(
            named.filter(in_cut)
            .annotate(month=TruncMonth("published"))
            .order_by()
            .values("month")
            .annotate(count=Count("article_id", distinct=True))
            .values_list("month", "count")
        )
        for month in cut:
            counts[month] = exact.get(month, 0)
    return [{"month": month, "count": n} for month, n in sorted(counts.items()) if n]


# A chart spanning more months than this is drawn over the months that have data instead.
TIMELINE_MAX_MONTHS = 240


def _timeline_bars(rows: list[dict], *, period=None) -> list[dict]:
    """One bar per calendar month, to scale in time: months without articles are zero bars.

    The axis spans the period where it is bounded and the data elsewhere. Each bar carries its
    height as a percentage of the busiest month, that height in 5 % steps for the CSS (`step`,
    0 for an empty month) and its tooltip (`label`), made here once rather than by three
    template filters per bar: an actor's ten years are 120 bars.
    """
    if not rows:
        return []
    counts = {_month(row["month"]): row["count"] for row in rows}
    first, last = min(counts), max(counts)
    if period is not None and period.start is not None:
        first = min(first, period.start.replace(day=1))
    if period is not None and period.end is not None:
        last = max(last, period.end.replace(day=1))
    months = months_between(first, last)
    if len(months) > TIMELINE_MAX_MONTHS:
        months = months_between(min(counts), max(counts))
    peak = max(counts.values()) or 1
    bars = []
    for month in months:
        count = counts.get(month, 0)
        percent = round(100 * count / peak)
        bars.append(
            {
                "month": month,
                "count": count,
                "percent": percent,
                "step": max(5, min(100, 5 * round(percent / 5))) if count else 0,
                "label": f"{dateformat.format(month, 'M Y')}: {count} article{'' if count == 1 else 's'}",
            }
        )
    return bars


def _month(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.replace(day=1)


def _ego_network(actor: Actor, counterparts: list[Actor]) -> dict:
    """The actor and who they met, as cytoscape elements (plain data, no queries)."""
    nodes = [_node(actor, center=True)] + [_node(other) for other in counterparts]
    edges = [
        {
            "data": {
                "id": f"e{actor.pk}-{other.pk}",
                "source": f"a{actor.pk}",
                "target": f"a{other.pk}",
                "weight": other.meeting_count,
            }
        }
        for other in counterparts
    ]
    return {"nodes": nodes, "edges": edges}


def _node(actor: Actor, *, center: bool = False) -> dict:
    return {
        "data": {
            "id": f"a{actor.pk}",
            "label": actor.name,
            "kind": actor.kind,
            "slug": actor.slug,
            "url": actor.get_absolute_url(),
            "center": center,
        }
    }


# How many of the newest articles naming an actor or place count for "linked" actors and places:
# a busy actor is named in thousands of articles, and the page must stay fast.
RECENT_ARTICLES = 500


def _newest_articles(mentions: QuerySet[Mention]) -> QuerySet[Mention]:
    """The distinct (published, article_id) of `mentions`, newest first: for one actor or place,
    a backward range scan of its (owner, published, article) index that stops after the slice
    taken of it, however many articles name it (Mention.published is its article's date)."""
    return (
        mentions.order_by(F("published").desc(), F("article_id").desc())
        .values("published", "article_id")
        .distinct()
    )


def _recent_article_ids(mentions: QuerySet[Mention]) -> QuerySet[Mention]:
    """Ids of the newest RECENT_ARTICLES articles with one of `mentions` (a subquery)."""
    return _newest_articles(mentions)[:RECENT_ARTICLES].values("article_id")


def _named_most_with(recent: QuerySet[Mention], model: type[Actor] | type[Place], *, limit: int):
    """The `limit` actors or places (`model`) named in most of the articles `recent` lists
    (_recent_article_ids), each with `articles_together`; most first, then by name. Two
    queries: the mentions counted by their actor or place id (the older id first among equal
    counts), then those rows by primary key. Joining every mention to its actor or place
    before counting took three times as long (29 -> 9 ms for a city at a million reports)."""
    field = f"{model._meta.model_name}_id"
    counts = list(
        Mention.objects.filter(article_id__in=recent, **{f"{field}__isnull": False})
        .values_list(field)
        .annotate(n=Count("article_id", distinct=True))
        .order_by("-n", field)[:limit]
    )
    return _rows_counted(counts, model.objects.all(), "articles_together")


def _rows_counted(counts: list[tuple[int, int]], rows: QuerySet, attribute: str) -> list:
    """The rows of `rows` whose ids `counts` ranks ((id, count) pairs, counted apart from the
    rows), each with its count as `attribute`, most first, then by name: one query, by primary
    key. A row deleted between the two queries is left out."""
    by_id = rows.in_bulk([pk for pk, _ in counts])
    for pk, n in counts:
        if pk in by_id:
            setattr(by_id[pk], attribute, n)
    return sorted(by_id.values(), key=lambda row: (-getattr(row, attribute), row.name))


class ArticlesNaming:
    """Articles naming an actor or a place, newest first, each with the mentions in it: a
    sequence the paginator and the feeds slice.

    A slice is one query for the articles (only the list columns, no text) whose ids are that
    slice of _newest_articles (the mentions' index, not the articles'), and one for their
    `mentions` -> found_mentions (select_related role), ordered by position. `count()` counts
    the distinct articles; the pages pass the stored counter instead.
    """

    def __init__(self, mentions: QuerySet[Mention]):
        self.mentions = mentions

    def count(self) -> int:
        return _newest_articles(self.mentions).count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        ids = _newest_articles(self.mentions)[key].values("article_id")
        return list(
            Article.objects.filter(pk__in=ids)
            .only("pk", "title", "published", "source_name")
            .order_by(F("published").desc(), "-pk")
            .prefetch_related(
                Prefetch(
                    "mentions",
                    queryset=self.mentions.with_sentence().select_related("role").order_by("start"),
                    to_attr="found_mentions",
                )
            )
        )


def _article_sentence_list(mentions: QuerySet[Mention]) -> ArticlesNaming:
    """Articles naming an actor or a place, newest first, each with the mentions in it (see
    ArticlesNaming: paginated on the mentions' (owner, published, article) index, so a page
    costs the same however often the name occurs)."""
    return ArticlesNaming(mentions)


def actor_sentence_list(*, actor: Actor, period=None) -> ArticlesNaming:
    """The articles naming an actor (published in `period`, if given), newest first, with the
    sentences naming them."""
    return _article_sentence_list(
        Mention.objects.filter(in_period("published", period), actor=actor)
    )


def followed_sentence_list(*, mentions: QuerySet[Mention]) -> ArticlesNaming:
    """The articles of `mentions` (those naming what an analyst follows), newest first, with the
    sentences naming it."""
    return _article_sentence_list(mentions)


# Places


def place_search_page(
    *,
    places: QuerySet[Place] | None = None,
    page: str | int | None = 1,
    per_page: int = DASHBOARD_PAGE_SIZE,
) -> Page:
    """One page of `places` (all, or as entities.filters.PlaceFilter narrowed them), most
    mentioned first (best matches first after a name search), ordered and paginated by the
    database. Three queries: the count and the page's ids (ordered on the stored counter), then
    the page's places with their parent (select_related).
    """
    places = Place.objects.all() if places is None else places
    order: tuple = ("-mention_count", "name", "pk")
    if _searched(places):
        order = (*SEARCH_ORDER, *order)
    rows = Place.objects.select_related("parent")
    return _page_of(places.order_by(*order), rows, page=page, per_page=per_page)


def place_country_list() -> list[str]:
    """One query: the distinct country codes of places, for the filter."""
    return list(
        Place.objects.exclude(country_code="")
        .order_by("country_code")
        .values_list("country_code", flat=True)
        .distinct()
    )


@dataclass
class PlaceDetail:
    place: Place
    hierarchy: list[Place]
    meetings: list[Meeting]
    meeting_count: int
    met_here: list[Actor]
    co_mentioned: list[Actor]
    affiliated: list[Actor]
    nearby: list[Place]
    map_points: list[dict]
    # Articles naming it in the period (all time: the stored counter), as for ActorDetail.
    article_count: int = 0


def places_inside(place: Place) -> list[int]:
    """The ids of a place and of everything inside it (up to three levels: country > region >
    city): one query from the primary key and parent indexes, read once per place object.

    The meetings and events are then matched against a list of ids, which PostgreSQL estimates
    well: given a subquery, or a join to the parents' parents, it read every place, and chose
    to count a city's events by reading all three million."""
    ids = getattr(place, "_inside_ids", None)
    if ids is None:
        children = Place.objects.filter(parent=place).values("pk")
        inside = Place.objects.filter(Q(pk=place.pk) | Q(parent=place) | Q(parent__in=children))
        ids = place._inside_ids = list(inside.values_list("pk", flat=True))
    return ids


def _within(place: Place) -> Q:
    """Meetings at a place or at anything inside it."""
    return Q(place__in=places_inside(place))


def place_detail_get(*, slug: str, radius_degrees: float = 0.5, period=None) -> PlaceDetail:
    """Everything the place page shows except the paginated sentences (see place_sentence_list).

    `period` narrows meetings, who met there and who is named alongside to meetings held and
    articles published in it; affiliated actors and nearby places are all-time.

    Queries: place (select_related parent__parent__parent, located_near), meeting count, newest meetings held
    there or inside it (meeting_rows), participants met there (annotate meetings_here), actors
    co-mentioned in its newest RECENT_ARTICLES articles (annotate articles_together), affiliated
    actors (countries only), nearby places in a bounding box (stored mention_count).
    """
    place = get_object_or_404(
        Place.objects.select_related("parent__parent__parent", "located_near"), slug=slug
    )
    hierarchy: list[Place] = []
    ancestor = place.parent
    while ancestor is not None:
        hierarchy.insert(0, ancestor)
        # Three levels were fetched; the next one up would cost a query.
        ancestor = ancestor.parent if len(hierarchy) < 3 else None

    held_here = Meeting.objects.filter(_within(place), in_period("date", period))
    meeting_count = held_here.count()
    meetings = list(meeting_rows().filter(_within(place), in_period("date", period))[:20])
    met_here = list(
        Actor.objects.filter(participations__meeting__in=held_here)
        .annotate(meetings_here=Count("participations__meeting"))  # an actor once a meeting
        .order_by("-meetings_here", "name")[:20]
    )
    named = Mention.objects.filter(in_period("published", period), place=place)
    recent = _recent_article_ids(named)
    article_count = place.article_count
    if period is not None and period.is_set:
        months = _monthly_articles(PlaceMonth.objects.filter(place=place), named, period=period)
        article_count = sum(row["count"] for row in months)
    co_mentioned = _named_most_with(recent, Actor, limit=20)
    affiliated = []
    if place.kind == Place.Kind.COUNTRY and place.country_code:
        affiliated = list(Actor.objects.filter(country=place.country_code).by_mentions()[:30])
    nearby = []
    if place.latitude is not None and place.longitude is not None and place.kind != "country":
        nearby = list(
            Place.objects.filter(
                latitude__range=(place.latitude - radius_degrees, place.latitude + radius_degrees),
                longitude__range=(
                    place.longitude - radius_degrees,
                    place.longitude + radius_degrees,
                ),
            )
            .exclude(pk=place.pk)
            .filter(mention_count__gt=0)
            .by_mentions()[:12]
        )
    points = [
        _point(p, count)
        for p, count in [(place, None)] + [(n, n.mention_count) for n in nearby]
        if p.latitude is not None and p.longitude is not None
    ]
    return PlaceDetail(
        place=place,
        hierarchy=hierarchy,
        meetings=meetings,
        meeting_count=meeting_count,
        met_here=met_here,
        co_mentioned=co_mentioned,
        affiliated=affiliated,
        nearby=nearby,
        map_points=points,
        article_count=article_count,
    )


def place_map_points(*, places: list[Place], count_attr: str) -> list[dict]:
    """Already fetched places with coordinates as map points, sized by each place's `count_attr`
    (no query). Countries are left out, as on the overview's map."""
    return [
        _point(place, getattr(place, count_attr))
        for place in places
        if place.latitude is not None
        and place.longitude is not None
        and place.kind != Place.Kind.COUNTRY
    ]


def meeting_map_points(*, meeting: Meeting) -> list[dict]:
    """The meeting's place as a map point, if it has coordinates (no query: already fetched)."""
    place = meeting.place
    if place is None or place.latitude is None or place.longitude is None:
        return []
    return [_point(place, None)]


def _point(place: Place, count: int | None) -> dict:
    return {
        "name": place.name,
        "slug": place.slug,
        "url": place.get_absolute_url(),
        "kind": place.kind,
        "lat": place.latitude,
        "lon": place.longitude,
        "approximate": place.approximate,
        "count": count,
        "current": count is None,
    }


def place_sentence_list(*, place: Place, period=None) -> ArticlesNaming:
    """The articles naming a place (published in `period`, if given), newest first, with the
    sentences naming it."""
    return _article_sentence_list(
        Mention.objects.filter(in_period("published", period), place=place)
    )


# Following


# The newest reports and meetings listed per followed actor or place.
FOLLOW_NEWS_LIMIT = 10


@dataclass
class FollowNews:
    """What is new about one followed actor or place since the analyst last looked."""

    follow: Follow
    reports: list[tuple[Article, list[str]]]  # (article, its sentences naming it), newest first
    meetings: list[Meeting]
    more_reports: bool = False


def follow_list(*, user) -> list[Follow]:
    """The user's follows with their actor or place, in name order. One query."""
    follows = Follow.objects.filter(user=user).select_related("actor", "place")
    return sorted(follows, key=lambda f: (f.actor or f.place).name.lower())


def follow_news(*, user) -> list[FollowNews]:
    """Per followed actor or place: the reports processed and the meetings stored since the user
    last looked. Four queries however many follows: the follows, the new mentions (with their
    article), the new meetings (with place) and their participants."""
    follows = follow_list(user=user)
    if not follows:
        return []
    oldest = min(f.seen_at for f in follows)
    actor_ids = [f.actor_id for f in follows if f.actor_id]
    place_ids = [f.place_id for f in follows if f.place_id]
    mentions = (
        Mention.objects.filter(
            Q(actor_id__in=actor_ids) | Q(place_id__in=place_ids),
            article__processed_at__gt=oldest,
            article__status=Article.Status.DONE,
        )
        .with_sentence()
        .select_related("article")
        .only(
            "actor_id",
            "place_id",
            "sentence_start",
            "article__id",
            "article__title",
            "article__published",
            "article__processed_at",
            "article__source_name",
        )
        .order_by("-article__processed_at", "-article_id", "sentence_start")
    )
    meetings = list(
        meeting_rows()
        .filter(
            Q(participations__actor_id__in=actor_ids) | Q(place_id__in=place_ids),
            created_at__gt=oldest,
        )
        .distinct()
    )
    news = {f.pk: FollowNews(follow=f, reports=[], meetings=[]) for f in follows}
    by_target = {("actor", f.actor_id) if f.actor_id else ("place", f.place_id): f for f in follows}
    sentences: dict[tuple[int, int], list[str]] = {}
    for m in mentions:
        follow = by_target.get(("actor", m.actor_id) if m.actor_id else ("place", m.place_id))
        if follow is None or m.article.processed_at <= follow.seen_at:
            continue
        item = news[follow.pk]
        key = (follow.pk, m.article.pk)
        if key not in sentences:
            if len(item.reports) >= FOLLOW_NEWS_LIMIT:
                item.more_reports = True
                continue
            sentences[key] = []
            item.reports.append((m.article, sentences[key]))
        if m.sentence not in sentences[key]:
            sentences[key].append(m.sentence)
    for meeting in meetings:
        ids = {p.actor_id for p in meeting.participant_list}
        for follow in follows:
            if meeting.created_at <= follow.seen_at:
                continue
            if follow.actor_id in ids or (follow.place_id and follow.place_id == meeting.place_id):
                news[follow.pk].meetings.append(meeting)
    return [news[f.pk] for f in follows]


def followed_ids(*, user) -> tuple[set[int], set[int]]:
    """The ids of the actors and the places the user follows (for the follow buttons)."""
    if not user.is_authenticated:
        return set(), set()
    rows = Follow.objects.filter(user=user).values_list("actor_id", "place_id")
    return {a for a, _ in rows if a}, {p for _, p in rows if p}


# Meetings


def meeting_country_list() -> list[str]:
    """One query: the countries meetings were held in, for the filter. Each place is looked up
    in the meetings' place index (EXISTS), instead of joining every meeting to its place."""
    return list(
        Place.objects.filter(Exists(Meeting.objects.filter(place=OuterRef("pk"))))
        .exclude(country_code="")
        .order_by("country_code")
        .values_list("country_code", flat=True)
        .distinct()
    )


def meeting_detail_get(*, pk: int) -> Meeting:
    """A meeting with its place chain, participants (roles then) and every reporting sentence.

    select_related place__parent__parent; prefetch participations -> participant_list and
    sources -> source_list (select_related article). Three queries.
    """
    return get_object_or_404(
        Meeting.objects.select_related("place__parent__parent").prefetch_related(
            _participants_prefetch(),
            Prefetch(
                "sources",
                queryset=MeetingSource.objects.with_sentence()
                .select_related("article")
                .defer("article__text")
                .order_by(
                    F("article__published").desc(nulls_last=True), "article_id", "sentence_start"
                ),
                to_attr="source_list",
            ),
        ),
        pk=pk,
    )


# Network


def _network_meetings(
    *, date_from: dt.date | None, date_to: dt.date | None, country: str
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.all()
    if date_from:
        meetings = meetings.filter(date__gte=date_from)
    if date_to:
        meetings = meetings.filter(date__lte=date_to)
    if country:
        meetings = meetings.filter(place__country_code=country.upper())
    return meetings


def _met_ids(meetings: QuerySet[Meeting], actor_ids) -> QuerySet[MeetingParticipant]:
    """A subquery: the actors who took part in one of `meetings` with one of `actor_ids` (them
    included)."""
    shared = meetings.filter(participations__actor_id__in=actor_ids).values("pk")
    return MeetingParticipant.objects.filter(meeting__in=shared).values("actor_id")


NETWORK_DEPTHS = (1, 2)


def _pairs_kept() -> bool:
    """Does the database keep MeetingPair (PostgreSQL's triggers, migration 0025)?"""
    return connection.vendor == "postgresql"


def network_graph(
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    country: str = "",
    focus: Actor | None = None,
    depth: int = 1,
    limit: int = 200,
) -> dict:
    """Who met whom: the `limit` most frequent pairs as cytoscape elements. Two queries.

    An edge joins two participants of the same meeting, weighted by the number of meetings;
    over all meetings the pairs are read from MeetingPair where PostgreSQL keeps it, else
    counted from the participants; filtered by the meetings' date range and the country they
    were held in. With `focus`, only
    the actor and those within `depth` meetings of them (1: who met them; 2: and who met those),
    with every pair among them; the focus's own pairs come first. The neighbourhood is a
    subquery of the pairs' query, so the count stays two however far it reaches.
    """
    other: dict = {}  # conditions on the other participant of each pair
    pairs = MeetingParticipant.objects.all()
    if focus is not None:
        meetings = _network_meetings(date_from=date_from, date_to=date_to, country=country)
        reached = _met_ids(meetings, [focus.pk])
        if depth > 1:
            reached = _met_ids(meetings, reached)
        other["actor_id__in"] = reached
        pairs = pairs.filter(actor_id__in=reached)
    if date_from:
        pairs = pairs.filter(meeting__date__gte=date_from)
    if date_to:
        pairs = pairs.filter(meeting__date__lte=date_to)
    if country:
        pairs = pairs.filter(meeting__place__country_code=country.upper())
    order: list = ["-weight", "actor_id", "other"]
    if focus is None and not (date_from or date_to or country) and _pairs_kept():
        # Every meeting: the pairs the triggers keep, read in this order from their index.
        top_pairs = MeetingPair.objects.values(
            actor_id=F("first_id"), other=F("second_id"), weight=F("meeting_count")
        )
    else:
        top_pairs = pairs.pair_counts(**other)
    if focus is not None:
        touches = Q(actor_id=focus.pk) | Q(other=focus.pk)
        top_pairs = top_pairs.annotate(
            own=Case(When(touches, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        order.insert(0, "own")
    top = list(top_pairs.order_by(*order)[:limit])
    ids = {row["actor_id"] for row in top} | {row["other"] for row in top}
    actors = Actor.objects.filter(pk__in=ids).only("pk", "name", "slug", "kind", "country")
    met_count = dict.fromkeys(ids, 0)
    for row in top:
        met_count[row["actor_id"]] += row["weight"]
        met_count[row["other"]] += row["weight"]
    first_ring = {
        row["other"] if row["actor_id"] == focus.pk else row["actor_id"]
        for row in top
        if focus is not None and focus.pk in (row["actor_id"], row["other"])
    }
    nodes = []
    for actor in actors:
        is_focus = focus is not None and actor.pk == focus.pk
        node = _node(actor, center=is_focus)
        node["data"]["weight"] = met_count[actor.pk]
        node["data"]["country"] = actor.country
        if focus is not None:
            node["data"]["ring"] = 0 if is_focus else 1 if actor.pk in first_ring else 2
        nodes.append(node)
    by_id = {node["data"]["id"]: node["data"] for node in nodes}
    edges = [
        {
            "data": {
                "id": f"e{row['actor_id']}-{row['other']}",
                "source": f"a{row['actor_id']}",
                "target": f"a{row['other']}",
                "weight": row["weight"],
            }
        }
        for row in top
    ]
    nodes.sort(key=lambda node: (not node["data"]["center"], -node["data"]["weight"]))
    pairs_table = [
        {
            "a": by_id[edge["data"]["source"]],
            "b": by_id[edge["data"]["target"]],
            "weight": edge["data"]["weight"],
        }
        for edge in edges
    ]
    drawn = {node["data"]["kind"] for node in nodes}
    return {
        "nodes": nodes,
        "edges": edges,
        "pairs": pairs_table,
        "kinds": [(kind, label) for kind, label in Actor.Kind.choices if kind in drawn],
    }


def actor_by_slug(*, slug: str) -> Actor | None:
    """One query (none for an empty slug): the actor a filter names, or None."""
    return Actor.objects.filter(slug=slug).first() if slug else None


def place_by_slug(*, slug: str) -> Place | None:
    """One query (none for an empty slug): the place a filter names, or None."""
    return Place.objects.filter(slug=slug).first() if slug else None


# Events

CONTROL_TYPES = [Event.Type.TERRITORY_CAPTURED, Event.Type.WITHDRAWAL]


def _toll_subquery(aggregate) -> Subquery:
    """A correlated MIN or MAX of the sources' killed figures (NULL when no report gives one)."""
    rows = (
        EventSource.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(n=aggregate("killed"))
        .values("n")
    )
    return Subquery(rows, output_field=IntegerField())


def _links_prefetch() -> Prefetch:
    return Prefetch(
        "actor_links",
        queryset=EventActor.objects.select_related("actor").order_by("side", "name", "pk"),
        to_attr="link_list",
    )


def _sources_prefetch() -> Prefetch:
    return Prefetch(
        "sources",
        queryset=EventSource.objects.select_related("article")
        .defer("article__text")
        .order_by(F("article__published").asc(nulls_last=True), "article_id"),
        to_attr="source_list",
    )


def event_rows() -> QuerySet[Event]:
    """Events for any list: place (with parent), sides, number of reports, killed range.

    select_related("place__parent"); prefetch actor_links -> link_list (select_related actor);
    annotate source_count, killed_min, killed_max (subqueries). Three queries with pagination's
    count.
    """
    return (
        Event.objects.select_related("place__parent")
        .prefetch_related(_links_prefetch())
        .annotate(
            source_count=_subquery_count(EventSource.objects.all(), "event"),
            killed_min=_toll_subquery(Min),
            killed_max=_toll_subquery(Max),
        )
        .order_by(F("date").desc(nulls_last=True), "-id")
    )


def event_export_rows() -> QuerySet[Event]:
    """event_rows plus every report with its article (prefetch sources -> source_list): what an
    ACLED row or a GeoJSON feature needs. Four queries for any number of events."""
    return event_rows().prefetch_related(_sources_prefetch())


def event_detail_get(*, pk: int) -> Event:
    """An event with its place chain, sides and every report (article, toll, sentences).

    select_related place__parent__parent; prefetch actor_links -> link_list and sources ->
    source_list (select_related article). Three queries.
    """
    return get_object_or_404(
        Event.objects.select_related("place__parent__parent").prefetch_related(
            _links_prefetch(), _sources_prefetch()
        ),
        pk=pk,
    )


def event_within(place: Place) -> Q:
    """Events at a place or anything inside it, found through their place index."""
    return Q(place__in=places_inside(place))


def event_side_filter(*, side: str, actor: Actor) -> Q:
    """Events where `actor` is on `side`, found through the actor's links (their index)."""
    links = EventActor.objects.filter(actor=actor, side=side).values("event_id")
    return Q(pk__in=links)


def event_type_list() -> list[tuple[str, str]]:
    return list(Event.Type.choices)


def event_governorate_list() -> list[str]:
    """One query: the governorates events are reported in, for the filter.

    On PostgreSQL a loose index scan of entities_event_admin1_idx: one probe for the next name
    after each name found (a recursive query), instead of reading three million events to keep
    fourteen names."""
    if connection.vendor != "postgresql":
        return list(
            Event.objects.exclude(admin1="")
            .order_by("admin1")
            .values_list("admin1", flat=True)
            .distinct()
        )
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE names (name) AS (
                (SELECT admin1 FROM {table} WHERE admin1 > '' ORDER BY admin1 LIMIT 1)
                UNION ALL
                SELECT (SELECT admin1 FROM {table} WHERE admin1 > names.name
                        ORDER BY admin1 LIMIT 1)
                FROM names WHERE names.name IS NOT NULL
            ) SELECT name FROM names WHERE name IS NOT NULL"""
        )
        return [name for (name,) in cursor.fetchall()]


# Lists and sections count events up to this many and say "more than" beyond: counting the
# 170,000 events of the most active side at a million reports cost more than the rest of its page.
EVENT_COUNT_LIMIT = COUNT_LIMIT


@dataclass
class EventSection:
    """The newest events of an actor or a place, and how many there are in all, counted up to
    EVENT_COUNT_LIMIT (`capped` when there are more)."""

    events: list[Event]
    count: int
    limit: int = EVENT_COUNT_LIMIT

    @property
    def capped(self) -> bool:
        return self.count > self.limit


def actor_event_sections(
    *, actor: Actor, limit: int = 10, count_limit: int = EVENT_COUNT_LIMIT
) -> dict[str, EventSection]:
    """The actor's events as perpetrator and as target: a bounded count and event_rows each,
    four queries (plus one for the sides, shared, and none when it has no event)."""
    sections = {}
    for side in ("perpetrator", "target"):
        side_filter = event_side_filter(side=side, actor=actor)
        links = EventActor.objects.filter(actor=actor, side=side)
        count = links.order_by("event_id").values("event_id").distinct()[: count_limit + 1].count()
        events = list(event_rows().filter(side_filter)[:limit]) if count else []
        sections[side] = EventSection(events=events, count=count, limit=count_limit)
    return sections


def place_event_section(
    *, place: Place, limit: int = 15, count_limit: int = EVENT_COUNT_LIMIT
) -> EventSection:
    """What happened at the place or inside it: a bounded count and the newest event_rows."""
    count = bounded_count(Event.objects.filter(event_within(place)), count_limit)
    events = list(event_rows().filter(event_within(place))[:limit]) if count else []
    return EventSection(events=events, count=count, limit=count_limit)


@dataclass
class ControlTimeline:
    """Who took or left a place: the newest `limit` steps, oldest first, and whether there were
    more before them."""

    steps: list[Event]
    earlier: bool


def place_control_timeline(*, place: Place, limit: int = 30) -> ControlTimeline:
    """Who took or left the place (or a place inside it), oldest first, undated last: its
    territory_captured and withdrawal events with their sides (who took / who left) and
    reports (prefetch link_list and source_list with article). The newest `limit` of them, read
    newest first through the list index. Three queries."""
    newest = list(
        Event.objects.filter(event_within(place), type__in=CONTROL_TYPES)
        .select_related("place")
        .prefetch_related(_links_prefetch(), _sources_prefetch())
        .order_by(F("date").desc(nulls_last=True), "-id")[: limit + 1]
    )
    steps = sorted(newest[:limit], key=lambda e: (e.date is None, e.date, e.pk))
    return ControlTimeline(steps=steps, earlier=len(newest) > limit)


def _calendar_months(period) -> WholeMonths | None:
    """The months `period` covers when it starts on a month's first day and ends on a month's
    last (either side may be open), else None. Stricter than whole_months: an event's date is
    its own, which may fall after the newest report's."""
    start = period.start if period is not None else None
    end = period.end if period is not None else None
    if start is not None and start.day != 1:
        return None
    if end is not None and _month_after(end) - end != dt.timedelta(days=1):
        return None
    return WholeMonths(start, end.replace(day=1) if end is not None else None)


def towns_in_play(*, window: ActivityWindow, limit: int = 10) -> list[Place]:
    """The places with most events dated inside the window, annotated window_events: most
    first, then by name. Two queries: the events counted per place id, countries left out by
    their ids (a hashed subquery of the small place table), then the few places with their
    parent. Among equal counts at the cut, the older place is kept.

    Whole calendar months are summed from the places' event months (PlaceEventMonth, an
    index-only range scan: a year of the synthetic million is 71,000 rows there), other windows
    count the events themselves (an index-only range scan of entities_event_date_place_idx).
    Joining every counted row to its place to group by name took half again as long (30 -> 19
    ms for a year at a million reports); grouping the joined places and their parents, as one
    query did, cost a second."""
    months = _calendar_months(window)
    countries = Place.objects.filter(kind=Place.Kind.COUNTRY).values("pk")
    if months is not None:
        counted = (
            PlaceEventMonth.objects.filter(months.q())
            .exclude(place_id__in=countries)
            .order_by()
            .values("place_id")
            .annotate(n=Sum("event_count"))
        )
    else:
        counted = (
            Event.objects.filter(in_period("date", window), place__isnull=False)
            .exclude(place_id__in=countries)
            .order_by()
            .values("place_id")
            .annotate(n=Count("pk"))
        )
    ranked = list(counted.order_by("-n", "place_id").values_list("place_id", "n")[:limit])
    return _rows_counted(ranked, Place.objects.select_related("parent"), "window_events")


def event_map_points(*, window: ActivityWindow | None = None, limit: int = 500) -> list[dict]:
    """Events with coordinates as plain dicts for json_script (type, label, date, place, lat,
    lon, killed, url), newest first; inside the window when given. One query."""
    events = Event.objects.filter(
        place__latitude__isnull=False, place__longitude__isnull=False
    ).annotate(killed_max=_toll_subquery(Max))
    events = events.filter(in_period("date", window))
    rows = events.order_by(F("date").desc(nulls_last=True), "-id").values(
        "pk",
        "type",
        "date",
        "place__name",
        "place__latitude",
        "place__longitude",
        "place__geo_precision",
        "killed_max",
    )[:limit]
    labels = dict(Event.Type.choices)
    event_url = address_maker("event_detail", placeholder=ID)
    return [
        {
            "name": f"{labels[row['type']]}, {row['place__name']}",
            "type": row["type"],
            "date": row["date"].isoformat() if row["date"] else None,
            "lat": row["place__latitude"],
            "lon": row["place__longitude"],
            "approximate": (row["place__geo_precision"] or 1) > 1,
            "killed": row["killed_max"] or 0,
            "url": event_url(row["pk"]),
        }
        for row in rows
    ]


def event_map_points_for(*, event: Event) -> list[dict]:
    """The event's place as a map point, if it has coordinates (no query: already fetched)."""
    place = event.place
    if place is None or place.latitude is None or place.longitude is None:
        return []
    return [_point(place, None)]


def event_acled_records(*, events: QuerySet[Event]) -> list[AcledRecord]:
    """The ACLED records of `events` (event_rows, filtered), for the CSV and GeoJSON exports.

    Three queries of plain values, however many events: the events with their place and
    killed_max, their sides (with the actor's name), their reports (oldest first, with the
    article's outlet and title). Model instances would cost seconds for ten thousand events.
    """
    rows = list(
        events.prefetch_related(None).values(
            "pk",
            "type",
            "date",
            "date_precision",
            "admin1",
            "geo_precision",
            "place__name",
            "place__latitude",
            "place__longitude",
            "killed_max",
            "source_count",
        )
    )
    chosen = events.order_by().values("pk")
    sides: dict[int, dict[str, dict[tuple, str]]] = defaultdict(lambda: defaultdict(dict))
    for event_id, side, actor_id, actor_name, name, key in EventActor.objects.filter(
        event__in=chosen
    ).values_list("event_id", "side", "actor_id", "actor__name", "name", "name_key"):
        identity = ("actor", actor_id) if actor_id else ("name", key)
        sides[event_id][side].setdefault(identity, actor_name if actor_id else name)
    reports: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for event_id, sentence, outlet, title in (
        EventSource.objects.filter(event__in=chosen)
        .order_by("event_id", F("article__published").asc(nulls_last=True), "article_id")
        .values_list("event_id", "sentence", "article__source_name", "article__title")
    ):
        reports[event_id].append((sentence, (outlet or title).strip()))

    def names(event_id: int, side: str) -> list[str]:
        return sorted(sides[event_id][side].values(), key=str.lower)

    return [
        AcledRecord(
            pk=row["pk"],
            type=row["type"],
            date=row["date"],
            date_precision=row["date_precision"],
            admin1=row["admin1"],
            location=row["place__name"] or "",
            latitude=row["place__latitude"],
            longitude=row["place__longitude"],
            geo_precision=row["geo_precision"],
            perpetrators=names(row["pk"], "perpetrator"),
            targets=names(row["pk"], "target"),
            outlets=[outlet for _, outlet in reports[row["pk"]]],
            notes=reports[row["pk"]][0][0] if reports[row["pk"]] else "",
            fatalities=row["killed_max"] or 0,
            source_count=row["source_count"],
        )
        for row in rows
    ]
