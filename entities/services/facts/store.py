"""Replace what a batch of articles produced with what the extractor now finds (the package's
entry points; see the package's docstring for what a re-run keeps)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from entities.models import (
    Event,
    EventSource,
    Meeting,
    MeetingParticipant,
    MeetingSource,
    Mention,
    Role,
)
from entities.services.counters import (
    counters_apply,
    meetings_counters_refresh,
    place_event_months_refresh,
)
from entities.services.facts.actors import actors_store
from entities.services.facts.batch import ArticleFacts, Previous, Resolved
from entities.services.facts.events import events_store
from entities.services.facts.meetings import meetings_store
from entities.services.facts.mentions import MENTION_FIELDS, mentions_store
from entities.services.facts.places import places_store
from entities.services.facts.roles import roles_store

if TYPE_CHECKING:
    from articles.models import Article
    from extraction.types import (
        Extraction,
    )


def article_facts_replace(
    *, article: Article, extraction: Extraction, previous: bool = True
) -> None:
    """Replace everything `article` produced before with the facts in `extraction`."""
    articles_facts_replace([ArticleFacts(article, extraction, previous)])


def articles_facts_replace(items: Sequence[ArticleFacts]) -> None:
    """Replace what each article produced before with its extraction, all in one transaction.

    The result is the same as storing the articles one after the other (a later article joins
    the actors an earlier one created, and its reports of a meeting the earlier one reported), but
    the queries are shared: a fixed number for the whole batch, plus a few for each article that
    reports a meeting. The same article must not appear twice.
    """
    if not items:
        return
    with transaction.atomic(savepoint=False):
        previous = _previous_facts([item.article for item in items if item.previous])
        old_meetings = {pk for p in previous.values() for pk in p.sources}
        old_events = {pk for p in previous.values() for pk in p.events}
        role_field = MENTION_FIELDS.index("role_id")
        old_roles = {row[role_field] for p in previous.values() for row in p.mentions} - {None}

        actors = actors_store([item.extraction.actors for item in items])
        places = places_store([fact for item in items for fact in item.extraction.places])
        roles = roles_store(items=items, actors=actors)
        resolved = Resolved(items, actors, places, roles, previous)
        tally = mentions_store(resolved)
        meetings_store(resolved)
        events_store(resolved)

        # Meetings, events and roles that only these articles attested, and no longer do; their
        # participants and places lose a meeting or an event.
        touched = resolved.touched
        if old_meetings:
            orphans = Meeting.objects.filter(pk__in=old_meetings, sources__isnull=True)
            touched.actors.update(
                MeetingParticipant.objects.filter(meeting__in=orphans).values_list(
                    "actor_id", flat=True
                )
            )
            touched.places.update(orphans.values_list("place_id", flat=True))
            orphans.delete()
        if old_events:
            orphans = Event.objects.filter(pk__in=old_events, sources__isnull=True)
            gone = set(orphans.values_list("place_id", "date"))
            touched.places.update(place_id for place_id, _ in gone)
            touched.event_days.update(gone)
            orphans.delete()
        if old_roles:
            Role.objects.filter(pk__in=old_roles, mentions__isnull=True).delete()

        # The counters and monthly rollups of what these articles name, moved by the difference
        # their mentions made (deltas: bounded work, whatever the history of what they name);
        # meetings and events counted again for what they touched, and the event months of the
        # places and months where events came or went.
        counters_apply(tally)
        meetings_counters_refresh(actor_ids=touched.actors, place_ids=touched.places)
        dated = {(place_id, day) for place_id, day in touched.event_days if place_id and day}
        if dated:
            place_event_months_refresh(
                place_ids={place_id for place_id, _ in dated}, months={day for _, day in dated}
            )


def articles_facts_remove(*, articles: Sequence[Article]) -> None:
    """Remove everything these articles produced, before they are deleted: as storing an empty
    extraction, so meetings, events and roles that only they attested go too and the counters of
    what they named are recounted, in the caller's transaction."""
    from extraction.types import Extraction

    articles_facts_replace([ArticleFacts(article, Extraction()) for article in articles])


def _previous_facts(articles: list[Article]) -> dict[int, Previous]:
    """Each article's stored facts, read in three queries; its meeting and event sources are
    deleted (they are written again), its mentions are kept for `mentions_store` to compare."""
    found = {article.pk: Previous() for article in articles}
    if not found:
        return found
    for article_id, meeting_id, start in MeetingSource.objects.filter(
        article_id__in=list(found)
    ).values_list("article_id", "meeting_id", "sentence_start"):
        found[article_id].sources[meeting_id].add(start)
    for pk, article_id, published, *row in Mention.objects.filter(
        article_id__in=list(found)
    ).values_list("pk", "article_id", "published", *MENTION_FIELDS):
        found[article_id].mentions[tuple(row)].append(pk)
        found[article_id].published = published
    for article_id, event_id in EventSource.objects.filter(article_id__in=list(found)).values_list(
        "article_id", "event_id"
    ):
        found[article_id].events.add(event_id)
    if any(p.sources for p in found.values()):
        MeetingSource.objects.filter(article_id__in=list(found)).delete()
    if any(p.events for p in found.values()):
        EventSource.objects.filter(article_id__in=list(found)).delete()  # and their actor links
    return found
