"""Reads of the analyst's workbench: the duplicates queue and the corrections of a record.

The queue reuses the quality report's duplicate finders (entities.quality), leaves out the pairs
an analyst said are not the same, and adds a sample sentence of each record as evidence.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery

from entities import quality
from entities.models import Actor, ActorDistinct, Correction, Mention, Place, PlaceDistinct

ANALYST_PERMISSION = "entities.add_correction"
QUEUE_LENGTH = 25
# The candidates are found over every actor or place (seconds on a large database), so they are
# cached until the records change (the key holds their count and highest id: a merge or a new
# record changes it; new mentions of known records do not, so counts may lag by the cache's
# life). Dismissed pairs are filtered after the cache.
QUEUE_CACHE_SECONDS = 600


def is_analyst(user: User | AnonymousUser) -> bool:
    """Signed in and allowed to correct (the Analysts group, or a superuser)."""
    return user.is_authenticated and user.has_perm(ANALYST_PERMISSION)


@dataclass
class Evidence:
    """One side of a candidate pair: the record's summary, and a sentence naming it."""

    summary: quality.EntitySummary
    sentence: str = ""
    article_id: int | None = None
    sentence_start: int | None = None

    @property
    def kind_label(self) -> str:
        """'Armed group' for 'armed_group': the label of an actor's or a place's kind."""
        labels = dict(Actor.Kind.choices) | dict(Place.Kind.choices)
        return labels.get(self.summary.kind, self.summary.kind)


@dataclass
class QueueRow:
    kind: str  # "actor" or "place"
    score: float
    reasons: tuple[str, ...]
    keep: Evidence  # the more mentioned of the two: a merge keeps it
    other: Evidence


def _candidates(kind: str) -> list[quality.DuplicateCandidate]:
    model = Actor if kind == "actor" else Place
    rows = model.objects.aggregate(n=Count("pk"), top=Max("pk"))
    key = f"workbench:duplicates:{kind}:{rows['n']}:{rows['top']}"
    found = cache.get(key)
    if found is None:
        if kind == "actor":
            found = quality.actor_duplicate_list()
        else:
            found = quality.place_duplicate_list()
        cache.set(key, found, QUEUE_CACHE_SECONDS)
    return found


def _samples(kind: str, ids: list[int]) -> dict[int, Mention]:
    """Two queries: a mention of each record (in the newest article naming it, which the
    (actor, published, article) and (place, published, article) indexes find without a sort),
    with its sentence (cut from the article's text in the query) and anchor."""
    model = Actor if kind == "actor" else Place
    latest = (
        Mention.objects.filter(**{kind: OuterRef("pk")})
        .order_by(F("published").desc(), F("article_id").desc())
        .values("pk")[:1]
    )
    picked = dict(
        model.objects.filter(pk__in=ids)
        .annotate(mention_id=Subquery(latest))
        .values_list("pk", "mention_id")
    )
    mentions = (
        Mention.objects.with_sentence()
        .only("pk", "article_id", "actor_id", "place_id", "sentence_start")
        .in_bulk([pk for pk in picked.values() if pk is not None])
    )
    return {record: mentions[pk] for record, pk in picked.items() if pk in mentions}


def duplicate_queue_get(*, kind: str, limit: int = QUEUE_LENGTH) -> list[QueueRow]:
    """Likely duplicate actors or places, best first, without dismissed pairs, with evidence.

    Queries: the dismissed pairs, the cache key, two more on a cache miss (the finders), and two
    for the sample sentences: four or six whatever the number of rows.
    """
    distinct_model = ActorDistinct if kind == "actor" else PlaceDistinct
    dismissed = set(distinct_model.objects.values_list("first_id", "second_id"))
    rows = []
    for candidate in _candidates(kind):
        pair = tuple(sorted((candidate.first.id, candidate.second.id)))
        if pair in dismissed:
            continue
        keep, other = candidate.first, candidate.second
        if (other.mention_count, -other.id) > (keep.mention_count, -keep.id):
            keep, other = other, keep
        rows.append(
            QueueRow(
                kind=kind,
                score=candidate.score,
                reasons=candidate.reasons,
                keep=Evidence(keep),
                other=Evidence(other),
            )
        )
        if len(rows) >= limit:
            break
    samples = _samples(kind, [e.summary.id for row in rows for e in (row.keep, row.other)])
    for row in rows:
        for evidence in (row.keep, row.other):
            sample = samples.get(evidence.summary.id)
            if sample is not None:
                evidence.sentence = sample.sentence
                evidence.article_id = sample.article_id
                evidence.sentence_start = sample.sentence_start
    return rows


def correction_list(
    *, actor: Actor | None = None, place: Place | None = None, meeting=None
) -> QuerySet:
    """One query: the corrections of an actor, a place (either side of a pair) or a meeting,
    newest first, with who made them and the undo that undid them, if any (select_related
    user, undone_by and its user: the list offers "Undo" or says who undid it)."""
    if actor is not None:
        which = Q(actor=actor) | Q(other_actor=actor)
    elif place is not None:
        which = Q(place=place) | Q(other_place=place)
    else:
        which = Q(meeting=meeting)
    return (
        Correction.objects.filter(which)
        .select_related("user", "undone_by__user")
        .order_by("-created_at", "-pk")
    )
