"""Reads of articles, each stating what it fetches (no N+1)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from articles.models import Article, ArticleTally
from entities.models import Meeting, MeetingParticipant, MeetingSource, Mention

# --- Text search --------------------------------------------------------------------------------

SEARCH_CONFIG = "english"


def article_search_vector() -> SearchVector:
    """Title and text as one document: the expression of the GIN index articles_text_search."""
    return SearchVector("title", "text", config=SEARCH_CONFIG)


def article_text_search(articles: QuerySet[Article], *, q: str) -> QuerySet[Article]:
    """`articles` whose title or text matches `q`.

    PostgreSQL: full-text search in web-search syntax (`sarin attack`, `"chlorine gas"`,
    `idlib -aleppo`, `sarin or chlorine`), English stemming ("attacks" finds "attacked"), served
    by the GIN index on the same expression. SQLite: the words as one substring of the title,
    the outlet or the text.
    """
    text = " ".join(q.split())
    if not text:
        return articles
    if connection.vendor == "postgresql":
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return articles.alias(document=article_search_vector()).filter(document=query)
    return articles.filter(
        Q(title__icontains=text) | Q(source_name__icontains=text) | Q(text__icontains=text)
    )


# --- API reads --------------------------------------------------------------------------------


def article_list() -> QuerySet[Article]:
    """Articles without their text, with mention and meeting-source counts: one query."""
    mentions = (
        Mention.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("*"))
        .values("n")
    )
    meetings = (
        MeetingSource.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("meeting", distinct=True))
        .values("n")
    )
    return Article.objects.defer("text").annotate(
        mention_count=Coalesce(Subquery(mentions, output_field=IntegerField()), 0),
        meeting_count=Coalesce(Subquery(meetings, output_field=IntegerField()), 0),
    )


def article_detail_list() -> QuerySet[Article]:
    """Articles with what was extracted from them: mentions (`mention_list`, with actor, place
    and role) and meeting sources (`meeting_source_list`, with the meeting, its place, its
    participants and the `sentence` cut from the text): five queries for one article."""
    return Article.objects.prefetch_related(
        Prefetch(
            "mentions",
            queryset=Mention.objects.select_related("actor", "place", "role").order_by("start"),
            to_attr="mention_list",
        ),
        Prefetch(
            "meeting_sources",
            queryset=MeetingSource.objects.with_sentence()
            .select_related("meeting", "meeting__place")
            .prefetch_related(
                Prefetch(
                    "meeting__participations",
                    queryset=MeetingParticipant.objects.select_related("actor", "role").order_by(
                        "actor__name"
                    ),
                    to_attr="participant_list",
                )
            )
            .order_by("sentence_start"),
            to_attr="meeting_source_list",
        ),
    )


# --- Dashboard pages --------------------------------------------------------------------------


def article_search_list(*, q: str = "", status: str = "") -> QuerySet[Article]:
    """article_list (no text; mention_count, meeting_count) filtered by a search of title and
    text (article_text_search) and status, newest first. One query per page plus pagination's
    count."""
    articles = article_text_search(article_list(), q=q)
    if status:
        articles = articles.filter(status=status)
    # Plain DESC (undated last on SQLite, first on PostgreSQL) lets the published index serve it.
    return articles.order_by("-published", "-created_at", "-pk")


def article_total() -> int:
    """One query: how many articles there are, from ArticleTally where PostgreSQL's triggers
    keep it; a count of the rows on SQLite (and if the tally's row was removed by hand)."""
    if connection.vendor == "postgresql":
        total = ArticleTally.objects.filter(pk=1).values_list("total", flat=True).first()
        if total is not None:
            return total
    return Article.objects.count()


def article_status_counts() -> dict[str, int]:
    """Two queries: how many articles are in each status, every status present (zero if none).
    See _counted_by_status."""
    return _counted_by_status()[0]


def _counted_by_status(**also) -> tuple[dict[str, int], dict[str, int]]:
    """Two queries: the articles in each status, and the aggregates `also` over the rows of the
    rare statuses (queued, processing, failed).

    Only those rows are read, through the index that starts with the status; "done" is the
    total (article_total) less them. Grouping a million rows by status read every one of them
    (43 ms)."""
    pending = [s for s in Article.Status.values if s != Article.Status.DONE]
    counts = Article.objects.filter(status__in=pending).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in pending}, **also
    )
    by_status = {status: counts.pop(status) for status in pending}
    by_status[Article.Status.DONE] = article_total() - sum(by_status.values())
    return {status: by_status[status] for status in Article.Status.values}, counts


@dataclass
class PipelineHealth:
    """Articles by status, and how many are stuck: queued for longer than the sweep waits
    (broker or workers down), or processing past the task time limit (their worker died)."""

    status_counts: dict[str, int]
    queued_too_long: int
    processing_too_long: int
    queued_after_minutes: int
    processing_after_minutes: int


def article_pipeline_health() -> PipelineHealth:
    """Two queries: the status counts and the stuck counts of the overview page, read from the
    rare statuses' rows only (_counted_by_status), so the overview never reads every article's
    row (a million of them cost a second)."""
    now = timezone.now()
    queued_after = settings.ARTICLE_REQUEUE_AFTER_SECONDS
    processing_after = settings.CELERY_TASK_TIME_LIMIT
    status_counts, stuck = _counted_by_status(
        queued_too_long=Count(
            "pk",
            filter=Q(
                status=Article.Status.QUEUED,
                queued_at__lt=now - dt.timedelta(seconds=queued_after),
            ),
        ),
        processing_too_long=Count(
            "pk",
            filter=Q(
                status=Article.Status.PROCESSING,
                updated_at__lt=now - dt.timedelta(seconds=processing_after),
            ),
        ),
    )
    return PipelineHealth(
        status_counts=status_counts,
        queued_too_long=stuck["queued_too_long"],
        processing_too_long=stuck["processing_too_long"],
        queued_after_minutes=max(1, round(queued_after / 60)),
        processing_after_minutes=max(1, round(processing_after / 60)),
    )


@dataclass
class Segment:
    """A run of article text, linked to what it names when it is a mention."""

    text: str
    mention: Mention | None = None


@dataclass
class ArticleDetail:
    article: Article
    segments: list[Segment]
    actors: list[dict]
    places: list[dict]
    roles: list[dict]
    meetings: list[Meeting]


def article_detail_get(*, pk: int) -> ArticleDetail:
    """An article with its text cut into plain and highlighted segments, and the facts drawn from
    it: article_detail_list (five queries). Segments keep raw text; templates escape it."""
    article = get_object_or_404(article_detail_list(), pk=pk)
    mentions = article.mention_list
    actors: dict[int, dict] = {}
    places: dict[int, dict] = {}
    roles: dict[int, dict] = {}
    for mention in mentions:
        if mention.actor_id:
            entry = actors.setdefault(mention.actor_id, {"actor": mention.actor, "count": 0})
            entry["count"] += 1
        elif mention.place_id:
            entry = places.setdefault(mention.place_id, {"place": mention.place, "count": 0})
            entry["count"] += 1
        if mention.role_id and mention.actor_id:
            roles.setdefault(mention.role_id, {"role": mention.role, "actor": mention.actor})
    meetings: dict[int, Meeting] = {}
    for source in article.meeting_source_list:
        meetings.setdefault(source.meeting_id, source.meeting)
    return ArticleDetail(
        article=article,
        segments=highlight_segments(article.text, mentions),
        actors=sorted(actors.values(), key=lambda e: (-e["count"], e["actor"].name)),
        places=sorted(places.values(), key=lambda e: (-e["count"], e["place"].name)),
        roles=list(roles.values()),
        meetings=list(meetings.values()),
    )


def highlight_segments(text: str, mentions: list[Mention]) -> list[Segment]:
    """Cuts `text` at mention spans (sorted by start); overlapping or out-of-range spans are
    skipped, so every character of the text appears exactly once."""
    segments: list[Segment] = []
    cursor = 0
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.start < cursor or mention.end > len(text) or mention.start >= mention.end:
            continue
        if mention.start > cursor:
            segments.append(Segment(text[cursor : mention.start]))
        segments.append(Segment(text[mention.start : mention.end], mention))
        cursor = mention.end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments
