"""Analysts' corrections: merge two records or say they are not the same; reject an alias, a
role, a meeting participant, a whole meeting or a mention's link; add a participant; fix an
actor's kind or country; split an alias off into its own actor.

Each correction is one transaction that changes the facts, leaves behind what later processing
obeys (a rejection row the fact store reads, entities.services.facts), and records a `Correction`
(who, when, what, why) whose `state` holds what the undo (entities.services.undo) puts back.
Asked for something that is no longer there (a record merged away since the page was shown), it
raises CorrectionError and changes nothing.
"""

import re

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q

from entities.models import (
    Actor,
    ActorAlias,
    ActorDistinct,
    AliasRejection,
    Correction,
    Meeting,
    MeetingParticipant,
    MeetingRejection,
    MeetingSource,
    Mention,
    MentionRejection,
    ParticipantRejection,
    Place,
    PlaceDistinct,
    Role,
    RoleRejection,
)
from entities.services.counters import actors_counters_refresh, places_counters_refresh
from entities.services.facts.rows import slugs_pick
from entities.services.merge import MergeError, actor_merge, place_merge
from entities.services.snapshots import snapshot, snapshots
from extraction.normalize import name_key

KINDS = {"actor": (Actor, ActorDistinct), "place": (Place, PlaceDistinct)}
WHY_MAX_CHARS = 2000


class CorrectionError(ValueError):
    """The correction cannot be made as asked; the message says why and what to do."""


def _pair(kind: str, first_id: int, second_id: int) -> tuple:
    if kind not in KINDS:
        raise CorrectionError("Choose actors or places.")
    if first_id == second_id:
        raise CorrectionError("Choose two different records.")
    model = KINDS[kind][0]
    rows = model.objects.select_for_update().in_bulk([first_id, second_id])
    if len(rows) < 2:
        raise CorrectionError(
            f"One of the two {kind}s no longer exists (merged or deleted since the page was "
            "shown). Reload the queue."
        )
    return rows[first_id], rows[second_id]


def _why(why: str) -> str:
    why = (why or "").strip()
    if len(why) > WHY_MAX_CHARS:
        raise CorrectionError(f"Say why in at most {WHY_MAX_CHARS} characters.")
    return why


def _subject(kind: str, record, other=None) -> dict:
    if kind == "actor":
        return {"actor": record, "other_actor": other}
    return {"place": record, "other_place": other}


@transaction.atomic
def duplicate_merge(
    *, kind: str, keep_id: int, other_id: int, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Fold record `other_id` into `keep_id` (entities.services.merge) and record it."""
    why = _why(why)
    keep, other = _pair(kind, keep_id, other_id)
    what = f"Merged {kind} “{other.name}” (#{other.pk}) into “{keep.name}” (#{keep.pk})."
    state = _actor_merge_state(keep, other) if kind == "actor" else _place_merge_state(keep, other)
    try:
        if kind == "actor":
            keep = actor_merge(keep=keep, others=[other])
        else:
            keep = place_merge(keep=keep, others=[other])
    except MergeError as error:
        raise CorrectionError(str(error)) from None
    return Correction.objects.create(
        action=Correction.Action.MERGE,
        what=what,
        why=why,
        user=user,
        state=state,
        **_subject(kind, keep),
    )


def _actor_merge_state(keep: Actor, other: Actor) -> dict:
    """What splitting `other` back off `keep` needs: its row, spellings, rejections, the roles
    it held or was the organization of, its mentions (with their roles), its participations and
    event links, and which meetings and spellings `keep` had before."""
    roles = Role.objects.filter(Q(actor=other) | Q(organization=other))
    return {
        "kind": "actor",
        "other": snapshot(other),
        "keep_country": keep.country,
        "keep_alias_keys": list(keep.aliases.values_list("key", flat=True)),
        "keep_meetings": list(keep.participations.values_list("meeting_id", flat=True)),
        "aliases": list(other.aliases.values("name", "key", "match_key")),
        "rejections": list(other.alias_rejections.values("key", "name")),
        "roles": snapshots(roles),
        "mentions": list(other.mentions.values_list("pk", "role_id")),
        "participations": list(other.participations.values_list("meeting_id", "role_id")),
        "event_links": list(other.event_links.values_list("pk", flat=True)),
    }


def _place_merge_state(keep: Place, other: Place) -> dict:
    """What splitting `other` back off `keep` needs: its row, spellings, redirects, and the
    mentions, meetings, events and child places that point at it, and `keep` as it was."""
    return {
        "kind": "place",
        "other": snapshot(other),
        "keep": snapshot(keep),
        "keep_alias_keys": list(keep.aliases.values_list("key", flat=True)),
        "aliases": list(other.aliases.values("name", "key")),
        "redirects": list(other.redirects.values_list("old_key", flat=True)),
        "mentions": list(other.mentions.values_list("pk", flat=True)),
        "meetings": list(other.meetings.values_list("pk", flat=True)),
        "events": list(other.events.values_list("pk", flat=True)),
        "children": list(other.children.exclude(pk=keep.pk).values_list("pk", flat=True)),
    }


@transaction.atomic
def duplicate_dismiss(
    *, kind: str, first_id: int, second_id: int, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Remember that two records are not the same (the queue never proposes them again)."""
    why = _why(why)
    first, second = _pair(kind, first_id, second_id)
    low, high = sorted((first, second), key=lambda record: record.pk)
    distinct_model = KINDS[kind][1]
    created = True
    try:
        with transaction.atomic():
            distinct_model.objects.create(first=low, second=high)
    except IntegrityError:
        created = False  # another analyst said so a moment ago: the pair is remembered either way
    what = (
        f"“{first.name}” (#{first.pk}) and “{second.name}” (#{second.pk}) are not the same {kind}."
    )
    return Correction.objects.create(
        action=Correction.Action.NOT_SAME,
        what=what,
        why=why,
        user=user,
        state={"kind": kind, "pair": [low.pk, high.pk], "created": created},
        **_subject(kind, first, second),
    )


@transaction.atomic
def _alias_locked(*, actor_id: int, alias_id: int, since: str) -> ActorAlias:
    """The actor's alias, locked for the correction, with its actor; a clear error when it is no
    longer this actor's (`since`: what may have happened to it since the page was shown)."""
    alias = (
        ActorAlias.objects.select_for_update()
        .select_related("actor")
        .filter(pk=alias_id, actor_id=actor_id)
        .first()
    )
    if alias is None:
        raise CorrectionError(
            f"That spelling is no longer a name of this actor ({since} since the page was "
            "shown). Reload the page."
        )
    return alias


def alias_reject(
    *, actor_id: int, alias_id: int, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Say a spelling is not this actor: the alias goes, the mentions written that way no longer
    point at the actor, and processing (entities.services.facts) never attaches it again."""
    why = _why(why)
    alias = _alias_locked(actor_id=actor_id, alias_id=alias_id, since="rejected or merged")
    actor = alias.actor
    if alias.key == actor.key:
        raise CorrectionError(
            f"“{alias.name}” is the actor's own name, not an alias: merge the actor into the right "
            "one from the duplicates queue or the admin instead."
        )
    state = {"alias": snapshot(alias), "rejected_before": False}
    alias.delete()
    try:
        with transaction.atomic():
            AliasRejection.objects.create(actor=actor, key=alias.key, name=alias.name)
    except IntegrityError:
        state["rejected_before"] = True  # the alias came back by a merge: the rejection stands
    mentions = Mention.objects.filter(actor=actor, text__iexact=alias.name)
    state["mentions"] = snapshots(mentions)
    unlinked, _ = mentions.delete()
    if unlinked:
        actors_counters_refresh(actor_ids=[actor.pk])
    what = f"Rejected “{alias.name}” as a name of “{actor.name}” (#{actor.pk})"
    if unlinked == 1:
        what += "; 1 mention no longer points at it."
    elif unlinked:
        what += f"; {unlinked} mentions no longer point at it."
    else:
        what += "."
    return Correction.objects.create(
        action=Correction.Action.REJECT_ALIAS,
        actor=actor,
        what=what,
        why=why,
        user=user,
        state=state,
    )


def _role_label(role: Role) -> str:
    held_for = role.organization.name if role.organization_id else role.country
    return f"{role.title} ({held_for})" if held_for else role.title


@transaction.atomic
def role_reject(
    *, actor_id: int, role_id: int, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Say an office is not this actor's: the role goes (its mentions and participations keep
    their rows, without it), and processing never attaches it to the actor again."""
    why = _why(why)
    role = (
        Role.objects.select_for_update(of=("self",))
        .select_related("actor", "organization")
        .filter(pk=role_id, actor_id=actor_id)
        .first()
    )
    if role is None:
        raise CorrectionError(
            "That role is no longer stored for this actor (rejected or merged since the page was "
            "shown). Reload the page."
        )
    actor = role.actor
    state = {
        "role": snapshot(role),
        "mentions": list(role.mentions.values_list("pk", flat=True)),
        "participations": list(
            MeetingParticipant.objects.filter(role=role).values_list("pk", flat=True)
        ),
    }
    what = f"Rejected the role “{_role_label(role)}” of “{actor.name}” (#{actor.pk})."
    role.delete()
    correction = Correction.objects.create(
        action=Correction.Action.REJECT_ROLE,
        actor=actor,
        what=what,
        why=why,
        user=user,
        state=state,
    )
    RoleRejection.objects.create(
        actor=actor,
        title_key=role.title_key,
        country=role.country if not role.organization_id else "",
        organization_id=role.organization_id,
        correction=correction,
    )
    return correction


def _meeting(meeting_id: int) -> Meeting:
    meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
    if meeting is None:
        raise CorrectionError(
            "That meeting is no longer stored (rejected since the page was shown). Reload the "
            "meetings list."
        )
    return meeting


@transaction.atomic
def participant_reject(
    *, meeting_id: int, actor_id: int, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Say an actor did not take part in a meeting; re-processing its reports obeys."""
    why = _why(why)
    meeting = _meeting(meeting_id)
    participation = (
        MeetingParticipant.objects.select_related("actor")
        .filter(meeting=meeting, actor_id=actor_id)
        .first()
    )
    if participation is None:
        raise CorrectionError(
            "That actor is no longer a participant of this meeting. Reload the page."
        )
    actor = participation.actor
    state = {"participation": snapshot(participation)}
    participation.delete()
    correction = Correction.objects.create(
        action=Correction.Action.REJECT_PARTICIPANT,
        actor=actor,
        meeting=meeting,
        what=f"“{actor.name}” (#{actor.pk}) did not take part in meeting #{meeting.pk}.",
        why=why,
        user=user,
        state=state,
    )
    ParticipantRejection.objects.create(meeting=meeting, actor=actor, correction=correction)
    actors_counters_refresh(actor_ids=[actor.pk])
    return correction


def actor_by_name(name: str) -> Actor:
    """The one actor called `name` (its address, its name or one of its spellings), else a
    CorrectionError saying what to type instead."""
    name = " ".join((name or "").split())
    if not name:
        raise CorrectionError("Type the name of the actor to add.")
    found = Actor.objects.filter(slug=name).first()
    if found is not None:
        return found
    key = name_key(name)[:300]
    found = list(
        Actor.objects.filter(Q(key=key) | Q(aliases__key=key)).distinct().order_by("pk")[:6]
    )
    if not found:
        raise CorrectionError(
            f"No actor is called “{name}”. Check the spelling on the actors list, or type the "
            "actor's address (the last part of its page's URL)."
        )
    if len(found) > 1:
        choices = ", ".join(f"{actor.name} ({actor.slug})" for actor in found)
        raise CorrectionError(
            f"Several actors are called “{name}”: {choices}. Type the one you mean by its "
            "address in brackets."
        )
    return found[0]


@transaction.atomic
def participant_add(
    *, meeting_id: int, name: str, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Add an actor the extractor missed to a meeting (picked by name). A rejection of the same
    actor at this meeting is lifted; processing keeps the participant (participants are the union
    over a meeting's reports)."""
    why = _why(why)
    meeting = _meeting(meeting_id)
    actor = actor_by_name(name)
    if MeetingParticipant.objects.filter(meeting=meeting, actor=actor).exists():
        raise CorrectionError(f"“{actor.name}” is already a participant of this meeting.")
    rejection = ParticipantRejection.objects.filter(meeting=meeting, actor=actor).first()
    state = {"rejection": snapshot(rejection) if rejection else None}
    if rejection is not None:
        rejection.delete()
    participation = MeetingParticipant.objects.create(meeting=meeting, actor=actor)
    state["participation"] = participation.pk
    actors_counters_refresh(actor_ids=[actor.pk])
    return Correction.objects.create(
        action=Correction.Action.ADD_PARTICIPANT,
        actor=actor,
        meeting=meeting,
        what=f"Added “{actor.name}” (#{actor.pk}) as a participant of meeting #{meeting.pk}.",
        why=why,
        user=user,
        state=state,
    )


@transaction.atomic
def meeting_reject(*, meeting_id: int, user: AbstractBaseUser | None, why: str = "") -> Correction:
    """Say a meeting did not happen: it is deleted (lists, map, network and API lose it), and the
    sentences that reported it never make a meeting again when their articles are processed."""
    why = _why(why)
    meeting = _meeting(meeting_id)
    participations = list(
        MeetingParticipant.objects.filter(meeting=meeting)
        .select_related("actor")
        .order_by("actor__name", "pk")
    )
    sources = list(MeetingSource.objects.filter(meeting=meeting))
    state = {
        "meeting": snapshot(meeting),
        "participations": snapshots(participations),
        "sources": snapshots(sources),
        "rejections": snapshots(ParticipantRejection.objects.filter(meeting=meeting)),
    }
    names = " and ".join(p.actor.name for p in participations) or "no one"
    when = f" on {meeting.date:%Y-%m-%d}" if meeting.date else ""
    first = participations[0].actor if participations else None
    correction = Correction.objects.create(
        action=Correction.Action.REJECT_MEETING,
        actor=first,
        place_id=meeting.place_id,
        what=f"Rejected meeting #{meeting.pk} of {names}{when}: it did not happen as reported.",
        why=why,
        user=user,
        state=state,
    )
    MeetingRejection.objects.bulk_create(
        [
            MeetingRejection(
                article_id=source.article_id,
                sentence_start=source.sentence_start,
                participants=sorted(p.actor_id for p in participations),
                correction=correction,
            )
            for source in sources
        ]
    )
    meeting.delete()
    actors_counters_refresh(actor_ids=[p.actor_id for p in participations])
    if meeting.place_id:
        places_counters_refresh(place_ids=[meeting.place_id])
    return correction


@transaction.atomic
def mention_unlink(
    *,
    mention_id: int,
    actor_id: int | None = None,
    place_id: int | None = None,
    user: AbstractBaseUser | None,
    why: str = "",
) -> Correction:
    """Say these words of this sentence do not name this actor (or place): the mention goes, and
    processing the article again does not link them to it."""
    why = _why(why)
    mention = (
        Mention.objects.select_for_update(of=("self",))
        .select_related("actor", "place")
        .filter(pk=mention_id, actor_id=actor_id, place_id=place_id)
        .first()
    )
    if mention is None or (actor_id is None) == (place_id is None):
        raise CorrectionError(
            "That mention is no longer linked here (unlinked or re-processed since the page was "
            "shown). Reload the page."
        )
    target = mention.actor or mention.place
    state = {"mention": snapshot(mention)}
    mention.delete()
    correction = Correction.objects.create(
        action=Correction.Action.REJECT_MENTION,
        actor=mention.actor,
        place=mention.place,
        what=(
            f"“{mention.text}” in article #{mention.article_id} (at {mention.start}) does not "
            f"name “{target.name}” (#{target.pk})."
        ),
        why=why,
        user=user,
        state=state,
    )
    MentionRejection.objects.create(
        article_id=mention.article_id,
        start=mention.start,
        end=mention.end,
        actor_id=actor_id,
        place_id=place_id,
        correction=correction,
    )
    if actor_id:
        actors_counters_refresh(actor_ids=[actor_id])
    else:
        places_counters_refresh(place_ids=[place_id])
    return correction


COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


def actor_kind_set(*, actor: Actor, kind: str) -> None:
    """Give an actor a kind, its spellings too (they carry it); CorrectionError when another
    actor already has that name under that kind."""
    try:
        with transaction.atomic():
            Actor.objects.filter(pk=actor.pk).update(kind=kind)
            ActorAlias.objects.filter(actor=actor).update(kind=kind)
    except IntegrityError:
        raise CorrectionError(
            f"Another actor is already called “{actor.name}” (or one of its spellings) as a "
            f"{Actor.Kind(kind).label.lower()}: merge the two from the duplicates queue instead."
        ) from None


@transaction.atomic
def actor_fix(
    *, actor_id: int, kind: str, country: str, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Set an actor's kind and country of affiliation; processing of later articles keeps them
    (`kind_fixed`, `country_fixed`, read by entities.services.facts.actors)."""
    why = _why(why)
    country = (country or "").strip().upper()
    if kind not in Actor.Kind.values:
        raise CorrectionError("Choose a kind: person, organization or armed group.")
    if country and not COUNTRY_RE.match(country):
        raise CorrectionError(
            f"“{country}” is not a country code: use two letters (SY, RU, TR), or none."
        )
    actor = Actor.objects.select_for_update().filter(pk=actor_id).first()
    if actor is None:
        raise CorrectionError("That actor no longer exists (merged since the page was shown).")
    if kind == actor.kind and country == actor.country and actor.kind_fixed and actor.country_fixed:
        raise CorrectionError("That is already its kind and country: nothing to change.")
    state = {
        "kind": actor.kind,
        "country": actor.country,
        "kind_fixed": actor.kind_fixed,
        "country_fixed": actor.country_fixed,
    }
    if kind != actor.kind:
        actor_kind_set(actor=actor, kind=kind)
    Actor.objects.filter(pk=actor.pk).update(country=country, kind_fixed=True, country_fixed=True)
    changes = []
    if kind != state["kind"]:
        changes.append(f"kind {state['kind']} → {kind}")
    if country != state["country"]:
        changes.append(f"country {state['country'] or 'none'} → {country or 'none'}")
    said = "; ".join(changes) or f"kept {kind}, {country or 'no country'}"
    return Correction.objects.create(
        action=Correction.Action.FIX_ACTOR,
        actor=actor,
        what=f"Fixed “{actor.name}” (#{actor.pk}): {said}. Later articles will not change them.",
        why=why,
        user=user,
        state=state,
    )


@transaction.atomic
def alias_split(
    *, actor_id: int, alias_id: int, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Make a wrong spelling an actor of its own: the alias and the mentions written that way
    move to the new actor, and the spelling is rejected for the old one, so processing attaches
    it to the new actor from now on."""
    why = _why(why)
    alias = _alias_locked(actor_id=actor_id, alias_id=alias_id, since="rejected, split or merged")
    actor = alias.actor
    if alias.key == actor.key:
        raise CorrectionError(f"“{alias.name}” is the actor's own name: it cannot be split off.")
    try:
        with transaction.atomic():
            new = Actor.objects.create(
                kind=actor.kind,
                key=alias.key,
                name=alias.name,
                slug=slugs_pick(Actor, [alias.name], "actor")[0],
            )
    except IntegrityError:
        raise CorrectionError(
            f"An actor called “{alias.name}” already exists: merge the two from the duplicates "
            "queue instead."
        ) from None
    ActorAlias.objects.filter(pk=alias.pk).update(actor=new)
    mentions = Mention.objects.filter(actor=actor, text__iexact=alias.name)
    moved = list(mentions.values_list("pk", "role_id"))
    Mention.objects.filter(pk__in=[pk for pk, _ in moved]).update(actor=new, role=None)
    rejected_before = AliasRejection.objects.filter(actor=actor, key=alias.key).exists()
    if not rejected_before:
        AliasRejection.objects.create(actor=actor, key=alias.key, name=alias.name)
    actors_counters_refresh(actor_ids=[actor.pk, new.pk])
    count = f"{len(moved)} mention{'s' if len(moved) != 1 else ''}"
    return Correction.objects.create(
        action=Correction.Action.SPLIT_ALIAS,
        actor=actor,
        other_actor=new,
        what=(
            f"Split “{alias.name}” off “{actor.name}” (#{actor.pk}) into an actor of its own "
            f"(#{new.pk}); {count} moved with it."
        ),
        why=why,
        user=user,
        state={
            "new_actor": new.pk,
            "alias": alias.pk,
            "mentions": moved,
            "rejected_before": rejected_before,
        },
    )
