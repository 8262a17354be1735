"""Merging duplicate actors and places, as analysts do from the admin.

A merge moves everything that points at the duplicates onto the one kept, in one transaction, and
leaves behind what later processing needs to follow it: the duplicates' spellings become aliases of
the kept actor (articles resolve actors through aliases), and a merged place's gazetteer key
redirects to the kept place.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from entities.models import (
    Actor,
    ActorAlias,
    ActorMonth,
    Event,
    EventActor,
    Meeting,
    MeetingParticipant,
    Mention,
    Place,
    PlaceAlias,
    PlaceMonth,
    PlaceRedirect,
    Role,
)
from entities.services.counters import (
    actors_counters_refresh,
    place_event_months_refresh,
    places_counters_refresh,
)
from extraction.normalize import match_key, name_key

# The stored counters a merge recounts on the record it keeps (entities.services.counters).
COUNTERS = ["mention_count", "article_count", "meeting_count", "last_seen"]


class MergeError(ValueError):
    """The merge was asked for something that cannot be merged; nothing was changed."""


def _others(keep, others: Iterable) -> list:
    duplicates = [other for other in others if other.pk != keep.pk]
    if not duplicates:
        raise MergeError(
            "Choose at least two different records: the one to keep and its duplicates."
        )
    return duplicates


@transaction.atomic
def actor_merge(*, keep: Actor, others: Iterable[Actor]) -> Actor:
    """Fold `others` into `keep`: aliases, roles, mentions, meeting participations and the
    events it is a side of move over, and the kept actor's counters are recounted."""
    duplicates = _others(keep, others)
    keep = Actor.objects.select_for_update().get(pk=keep.pk)
    duplicate_ids = [actor.pk for actor in duplicates]

    _actor_aliases_move(keep=keep, duplicates=duplicates)
    for role in Role.objects.filter(
        Q(actor_id__in=duplicate_ids) | Q(organization_id__in=duplicate_ids)
    ):
        _role_move(
            role=role,
            actor_id=keep.pk if role.actor_id in duplicate_ids else role.actor_id,
            organization_id=keep.pk
            if role.organization_id in duplicate_ids
            else role.organization_id,
        )
    # The kept actor's rollups change in the months its duplicates were named.
    months = list(
        ActorMonth.objects.filter(actor_id__in=duplicate_ids).values_list("month", flat=True)
    )
    Mention.objects.filter(actor_id__in=duplicate_ids).update(actor=keep)
    EventActor.objects.filter(actor_id__in=duplicate_ids).update(actor=keep)
    _participations_move(keep=keep, duplicate_ids=duplicate_ids)

    if not keep.country:
        keep.country = next((actor.country for actor in duplicates if actor.country), "")
    keep.save(update_fields=["country", "updated_at"])
    Actor.objects.filter(pk__in=duplicate_ids).delete()
    actors_counters_refresh(actor_ids=[keep.pk], months=months)
    keep.refresh_from_db(fields=COUNTERS)
    return keep


def _actor_aliases_move(*, keep: Actor, duplicates: list[Actor]) -> None:
    taken = set(ActorAlias.objects.filter(kind=keep.kind, actor=keep).values_list("key", flat=True))
    spellings = [(actor.name, actor.key) for actor in duplicates]
    spellings += ActorAlias.objects.filter(actor__in=duplicates).values_list("name", "key")
    # The duplicates' own rows go first so their (kind, key) pairs are free to be reused by `keep`.
    ActorAlias.objects.filter(actor__in=duplicates).delete()
    new_aliases = []
    for name, key in spellings:
        key = key or name_key(name)
        if key and key not in taken:
            taken.add(key)
            new_aliases.append(
                ActorAlias(
                    actor=keep, kind=keep.kind, name=name, key=key, match_key=match_key(name)[:300]
                )
            )
    ActorAlias.objects.bulk_create(new_aliases)


def _role_move(*, role: Role, actor_id: int, organization_id: int | None) -> None:
    """Point a role at the kept actor; if that actor already holds the same role, fold the two."""
    twin = (
        Role.objects.filter(
            actor_id=actor_id, title_key=role.title_key, organization_id=organization_id
        )
        .filter(Q(organization_id__isnull=False) | Q(country=role.country))
        .exclude(pk=role.pk)
        .first()
    )
    if twin is None:
        role.actor_id = actor_id
        role.organization_id = organization_id
        role.save(update_fields=["actor", "organization"])
        return
    dates = [d for d in (twin.first_attested, role.first_attested) if d]
    twin.first_attested = min(dates) if dates else None
    dates = [d for d in (twin.last_attested, role.last_attested) if d]
    twin.last_attested = max(dates) if dates else None
    twin.save(update_fields=["first_attested", "last_attested"])
    Mention.objects.filter(role=role).update(role=twin)
    MeetingParticipant.objects.filter(role=role).update(role=twin)
    role.delete()


def _participations_move(*, keep: Actor, duplicate_ids: list[int]) -> None:
    kept = {p.meeting_id: p for p in MeetingParticipant.objects.filter(actor=keep)}
    for participation in MeetingParticipant.objects.filter(actor_id__in=duplicate_ids).order_by(
        "pk"
    ):
        existing = kept.get(participation.meeting_id)
        if existing is None:
            participation.actor = keep
            participation.save(update_fields=["actor"])
            kept[participation.meeting_id] = participation
            continue
        if existing.role_id is None and participation.role_id is not None:
            existing.role_id = participation.role_id
            existing.save(update_fields=["role"])
        participation.delete()


@transaction.atomic
def place_merge(*, keep: Place, others: Iterable[Place]) -> Place:
    """Fold `others` into `keep`: aliases, mentions, meetings, events and child places move over,
    and the kept place's counters are recounted."""
    duplicates = _others(keep, others)
    keep = Place.objects.select_for_update().get(pk=keep.pk)
    duplicate_ids = [place.pk for place in duplicates]
    if keep.pk in {place.parent_id for place in duplicates} or keep.parent_id in duplicate_ids:
        # A town merged with its own governorate would leave the hierarchy pointing at itself.
        keep.parent_id = next(
            (p.parent_id for p in duplicates if p.parent_id not in {keep.pk, None}), None
        )

    taken = set(PlaceAlias.objects.filter(place=keep).values_list("key", flat=True))
    spellings = [(place.name, name_key(place.name)) for place in duplicates]
    spellings += PlaceAlias.objects.filter(place__in=duplicates).values_list("name", "key")
    PlaceAlias.objects.filter(place__in=duplicates).delete()
    new_aliases = []
    for name, key in spellings:
        if key and key not in taken:
            taken.add(key)
            new_aliases.append(PlaceAlias(place=keep, name=name, key=key))
    PlaceAlias.objects.bulk_create(new_aliases)

    PlaceRedirect.objects.filter(place_id__in=duplicate_ids).update(place=keep)
    PlaceRedirect.objects.bulk_create(
        [PlaceRedirect(old_key=place.key, place=keep) for place in duplicates]
    )
    # The kept place's rollups change in the months its duplicates were named.
    months = list(
        PlaceMonth.objects.filter(place_id__in=duplicate_ids).values_list("month", flat=True)
    )
    Mention.objects.filter(place_id__in=duplicate_ids).update(place=keep)
    Meeting.objects.filter(place_id__in=duplicate_ids).update(place=keep)
    Event.objects.filter(place_id__in=duplicate_ids).update(place=keep)
    Place.objects.filter(parent_id__in=duplicate_ids).exclude(pk=keep.pk).update(parent=keep)

    if keep.geonames_id is None:
        keep.geonames_id = next((p.geonames_id for p in duplicates if p.geonames_id), None)
        # The duplicate still holds the id until it is deleted below.
        Place.objects.filter(pk__in=duplicate_ids).update(geonames_id=None)
    if keep.latitude is None or keep.longitude is None:
        located = next(
            (p for p in duplicates if p.latitude is not None and p.longitude is not None), None
        )
        if located:
            keep.latitude, keep.longitude = located.latitude, located.longitude
    Place.objects.filter(pk__in=duplicate_ids).delete()
    keep.save()
    # After the save, which writes every field, so the recount is not overwritten.
    places_counters_refresh(place_ids=[keep.pk], months=months)
    place_event_months_refresh(place_ids=[keep.pk])  # its events moved, of any date
    keep.refresh_from_db(fields=[*COUNTERS, "event_count"])
    return keep


def actors_dedupe(*, dry_run: bool = False) -> list[tuple[Actor, list[Actor]]]:
    """Merge the actors whose names share a match key (one real-world name stored as two rows,
    e.g. by kind or spelling, before the store matched by that key). The row with the most
    mentions (then the oldest) is kept. Returns the (kept, merged) groups; `dry_run` only lists.
    """
    groups: dict[str, list[Actor]] = {}
    for actor in Actor.objects.order_by("pk"):
        key = match_key(actor.name)
        if key:
            groups.setdefault(key, []).append(actor)
    merged = []
    for actors in groups.values():
        if len(actors) < 2:
            continue
        keep = max(actors, key=lambda a: (a.mention_count, -a.pk))
        others = [a for a in actors if a.pk != keep.pk]
        if not dry_run:
            keep = actor_merge(keep=keep, others=others)
        merged.append((keep, others))
    return merged
