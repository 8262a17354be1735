"""Mentions: where each actor, place and role is named, kept when a re-run finds them again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from entities.models import (
    Mention,
    Place,
    Role,
)
from entities.services.facts.batch import Resolved, StoredActors
from entities.services.facts.rows import clip, span_bounds

if TYPE_CHECKING:
    from articles.models import Article
    from extraction.types import (
        Extraction,
        Span,
    )


# What tells a mention from another of the same article: a re-run keeps the rows equal in these.
MENTION_FIELDS = (
    "actor_id",
    "place_id",
    "role_id",
    "text",
    "start",
    "end",
    "sentence",
    "sentence_start",
    "sentence_end",
)
# First key of the PostgreSQL advisory locks taken while matching meetings ("MEET").


def _mention(text: str, bounds, span: Span, **target) -> Mention:
    start, end, sentence_start, sentence_end = bounds
    return Mention(
        **target,
        text=clip(span.text or text[start:end], 300),
        start=start,
        end=end,
        sentence=text[sentence_start:sentence_end],
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )


def mentions_store(batch: Resolved) -> None:
    """Write the articles' mentions. A re-run keeps the stored rows it would write again (the
    ids in `previous`) and changes only the others: one DELETE and one INSERT for the batch."""
    new: list[Mention] = []
    gone: list[int] = []
    for item, view, roles in zip(batch.items, batch.actors, batch.roles, strict=True):
        rows = _mention_rows(
            article=item.article,
            extraction=item.extraction,
            actors=view,
            places=batch.places,
            roles=roles,
        )
        previous = batch.previous.get(item.article.pk)
        old = previous.mentions if previous is not None else {}
        for row in rows:
            same = old.get(tuple(getattr(row, name) for name in MENTION_FIELDS))
            if same:
                same.pop()
            else:
                new.append(row)
        gone.extend(pk for pks in old.values() for pk in pks)
    # Mentions kept, removed or added: every target the articles named before or name now.
    actor_at, place_at = MENTION_FIELDS.index("actor_id"), MENTION_FIELDS.index("place_id")
    for previous in batch.previous.values():
        for row in previous.mentions:
            batch.touched.actors.add(row[actor_at])
            batch.touched.places.add(row[place_at])
    batch.touched.actors.update(m.actor_id for m in new)
    batch.touched.places.update(m.place_id for m in new)
    batch.touched.actors.discard(None)
    batch.touched.places.discard(None)
    if gone:
        Mention.objects.filter(pk__in=gone).delete()
    if new:
        Mention.objects.bulk_create(new)


def _mention_rows(
    *,
    article: Article,
    extraction: Extraction,
    actors: StoredActors,
    places: dict[str, Place],
    roles: dict[tuple[int, int], Role],
) -> list[Mention]:
    """The article's mentions, in text order."""
    text = article.text
    rows: dict[tuple, Mention] = {}
    for index, fact in enumerate(extraction.actors):
        actor_id = actors.ids[index]
        if actor_id is None:
            continue
        for span in fact.mentions:
            bounds = span_bounds(span, text)
            if bounds is not None:
                rows.setdefault(
                    ("actor", actor_id, bounds[0], bounds[1]),
                    _mention(text, bounds, span, article_id=article.pk, actor_id=actor_id),
                )
    # A role's words attest it through the nearest mention of its holder in the same sentence,
    # or, when the sentence names the holder only by title, through a mention of those words.
    for (fact_index, role_index), role in sorted(roles.items()):
        actor_id = actors.ids[fact_index]
        for span in extraction.actors[fact_index].roles[role_index].spans:
            bounds = span_bounds(span, text)
            if bounds is None:
                continue
            near = [
                m
                for (kind, owner, _, _), m in rows.items()
                if kind == "actor" and owner == actor_id and m.sentence_start == bounds[2]
            ]
            if near:
                nearest = min(near, key=lambda m: (_gap(m, bounds), m.start))
                nearest.role_id = role.pk
            else:
                mention = _mention(text, bounds, span, article_id=article.pk, actor_id=actor_id)
                mention.role_id = role.pk
                rows.setdefault(("actor", actor_id, bounds[0], bounds[1]), mention)
    for fact in extraction.places:
        place = places.get(fact.key)
        if place is None:
            continue
        for span in fact.mentions:
            bounds = span_bounds(span, text)
            if bounds is not None:
                rows.setdefault(
                    ("place", place.pk, bounds[0], bounds[1]),
                    _mention(text, bounds, span, article_id=article.pk, place_id=place.pk),
                )
    return [rows[key] for key in sorted(rows, key=lambda k: (k[2], k[3], k[0], k[1]))]


def _gap(mention: Mention, bounds) -> int:
    start, end = bounds[0], bounds[1]
    return max(0, start - mention.end, mention.start - end)
