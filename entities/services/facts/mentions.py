"""Mentions: where each actor, place and role is named, kept when a re-run finds them again."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from entities.models import (
    ActorAlias,
    AliasRejection,
    Mention,
    MentionRejection,
    Place,
    Role,
)
from entities.services.counters import Tally
from entities.services.facts.batch import Resolved, StoredActors
from entities.services.facts.rows import clip, span_bounds
from extraction.normalize import name_key

if TYPE_CHECKING:
    from articles.models import Article
    from extraction.types import (
        Extraction,
        Span,
    )


# What tells a mention from another of the same article: a re-run keeps the rows equal in these.
# The sentence is its offsets (the article's text holds it; no copy is stored).
MENTION_FIELDS = (
    "actor_id",
    "place_id",
    "role_id",
    "text",
    "start",
    "end",
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
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )


def _owners(rows) -> Counter:
    """Mentions by ("actor" | "place", id), from (actor_id, place_id, how many) triples."""
    found: Counter = Counter()
    for actor_id, place_id, n in rows:
        found[("actor", actor_id) if actor_id is not None else ("place", place_id)] += n
    return found


def mentions_store(batch: Resolved) -> Tally:
    """Write the articles' mentions, each with its article's date. A re-run keeps the stored
    rows it would write again (the ids in `previous`) and changes only the others: one DELETE and
    one INSERT for the batch (and an UPDATE for an article whose date changed since). Returns
    what each article's mentions were and are, for the counters (counters_apply)."""
    new: list[Mention] = []
    gone: list[int] = []
    redated: list[Article] = []
    tally = Tally()
    actor_at, place_at = MENTION_FIELDS.index("actor_id"), MENTION_FIELDS.index("place_id")
    corrections = _Corrections.load(batch)
    for item, view, roles in zip(batch.items, batch.actors, batch.roles, strict=True):
        article = item.article
        rows = corrections.obey(
            _mention_rows(
                article=article,
                extraction=item.extraction,
                actors=view,
                places=batch.places,
                roles=roles,
            )
        )
        previous = batch.previous.get(article.pk)
        old = previous.mentions if previous is not None else {}
        if old:
            counted = [(key[actor_at], key[place_at], len(pks)) for key, pks in old.items()]
            tally.add(
                before=True, article_id=article.pk, day=previous.published, owners=_owners(counted)
            )
            if previous.published != article.published:
                redated.append(article)
        tally.add(
            before=False,
            article_id=article.pk,
            day=article.published,
            owners=_owners((row.actor_id, row.place_id, 1) for row in rows),
        )
        for row in rows:
            row.published = article.published
            same = old.get(tuple(getattr(row, name) for name in MENTION_FIELDS))
            if same:
                same.pop()
            else:
                new.append(row)
        gone.extend(pk for pks in old.values() for pk in pks)
    # Mentions kept, removed or added: every target the articles named before or name now.
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
    for article in redated:  # the kept rows still carry the date the article had then
        Mention.objects.filter(article_id=article.pk).update(published=article.published)
    return tally


class _Corrections:
    """What analysts said about a batch's mentions: words that do not name an actor or place
    (MentionRejection), and spellings that are not an actor (AliasRejection; the mention goes to
    the one actor that spelling is now a name of, as after a split, or is dropped)."""

    def __init__(self, unlinked: set[tuple], respelled: dict[tuple[str, int], int | None]):
        self.unlinked = unlinked
        self.respelled = respelled

    @classmethod
    def load(cls, batch: Resolved) -> _Corrections:
        """Two queries, three when a spelling of the batch's actors was rejected."""
        article_ids = [item.article.pk for item in batch.items]
        unlinked = set(
            MentionRejection.objects.filter(article_id__in=article_ids).values_list(
                "article_id", "start", "end", "actor_id", "place_id"
            )
        )
        actor_ids = {a for view in batch.actors for a in view.ids if a is not None}
        rejected = set(
            AliasRejection.objects.filter(actor_id__in=actor_ids).values_list("key", "actor_id")
        )
        respelled: dict[tuple[str, int], int | None] = {}
        if rejected:
            owners: dict[str, set[int]] = {}
            for key, actor_id in ActorAlias.objects.filter(
                key__in={key for key, _ in rejected}
            ).values_list("key", "actor_id"):
                owners.setdefault(key, set()).add(actor_id)
            for key, actor_id in rejected:
                others = owners.get(key, set()) - {actor_id}
                respelled[(key, actor_id)] = others.pop() if len(others) == 1 else None
        return cls(unlinked, respelled)

    def obey(self, rows: list[Mention]) -> list[Mention]:
        if not self.unlinked and not self.respelled:
            return rows
        kept, seen = [], set()
        for row in rows:
            if row.actor_id is not None and self.respelled:
                key = (name_key(row.text)[:300], row.actor_id)
                if key in self.respelled:
                    if self.respelled[key] is None:
                        continue
                    row.actor_id, row.role_id = self.respelled[key], None
            link = (row.article_id, row.start, row.end, row.actor_id, row.place_id)
            if link not in self.unlinked and link not in seen:
                seen.add(link)
                kept.append(row)
        return kept


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
