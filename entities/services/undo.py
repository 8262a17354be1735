"""Undo an analyst's correction: put back what it changed, from what it recorded in `state`, and
lift the rejection that processing obeyed. The undo is itself a Correction (`undo_of`), one per
correction (a unique key), so a second undo, or one from a stale page, is refused.

What cannot come back is said, not faked: an undone merge splits back what the merge moved (the
other record's spellings, mentions, roles, meetings and events as they were then), but mentions
that later processing stored on the kept record through the merged spelling stay with it, and
the other record's followers and corrections are not restored.
"""

from collections import defaultdict

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from entities.models import (
    Actor,
    ActorAlias,
    ActorDistinct,
    AliasRejection,
    Correction,
    EventActor,
    Meeting,
    MeetingParticipant,
    MeetingRejection,
    MeetingSource,
    Mention,
    MentionRejection,
    ParticipantRejection,
    Place,
    PlaceAlias,
    PlaceDistinct,
    PlaceRedirect,
    Role,
    RoleRejection,
)
from entities.services.corrections import CorrectionError, _why, actor_kind_set
from entities.services.counters import actors_counters_refresh, places_counters_refresh
from entities.services.merge import actor_merge
from entities.services.snapshots import restored

# articles.Article, without importing the articles app here (entities.services load first).
Article = Mention.article.field.related_model
COUNTERS_ZERO = {"mention_count": 0, "article_count": 0, "meeting_count": 0, "last_seen": None}


def _insert(row, message: str) -> None:
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        raise CorrectionError(message) from None


def _actor(correction: Correction) -> Actor:
    if correction.actor_id is None:
        raise CorrectionError(
            "The actor this correction was made on no longer exists (merged or deleted since): "
            "it cannot be undone here."
        )
    return Actor.objects.select_for_update().get(pk=correction.actor_id)


def _mentions_restore(rows: list[dict]) -> set[int]:
    """Put back mentions whose words are not linked to anything now; their targets' ids."""
    if not rows:
        return set()
    taken = set(
        Mention.objects.filter(article_id__in={row["article_id"] for row in rows}).values_list(
            "article_id", "start", "end"
        )
    )
    articles = dict(
        Article.objects.filter(pk__in={row["article_id"] for row in rows}).values_list(
            "pk", "published"
        )
    )
    back = [
        restored(Mention, row, id=None)
        for row in rows
        if (row["article_id"], row["start"], row["end"]) not in taken
        and row["article_id"] in articles
    ]
    for mention in back:
        # The article's date now, whatever the snapshot kept.
        mention.published = articles[mention.article_id]
    Mention.objects.bulk_create(back)
    return {mention.actor_id or mention.place_id for mention in back}


def _reject_alias(correction: Correction) -> dict:
    actor = _actor(correction)
    alias = correction.state["alias"]
    holder = ActorAlias.objects.filter(kind=actor.kind, key=alias["key"]).first()
    if holder is not None and holder.actor_id != actor.pk:
        raise CorrectionError(
            f"“{alias['name']}” is now a name of another actor (#{holder.actor_id}): reject or "
            "split it there first."
        )
    if holder is None:
        ActorAlias.objects.create(
            actor=actor,
            kind=actor.kind,
            name=alias["name"],
            key=alias["key"],
            match_key=alias.get("match_key", ""),
        )
    if not correction.state.get("rejected_before"):
        AliasRejection.objects.filter(actor=actor, key=alias["key"]).delete()
    _mentions_restore(correction.state.get("mentions", []))
    actors_counters_refresh(actor_ids=[actor.pk])
    return {"actor": actor}


def _not_same(correction: Correction) -> dict:
    state = correction.state
    model = ActorDistinct if state["kind"] == "actor" else PlaceDistinct
    if state.get("created"):
        model.objects.filter(first_id=state["pair"][0], second_id=state["pair"][1]).delete()
    return {}


def _reject_role(correction: Correction) -> dict:
    actor = _actor(correction)
    RoleRejection.objects.filter(correction=correction).delete()
    role = restored(Role, correction.state["role"])
    if role.organization_id and not Actor.objects.filter(pk=role.organization_id).exists():
        role.organization_id = None
    if not Role.objects.filter(pk=role.pk).exists():
        _insert(role, "The actor holds that role again (stored since): nothing to put back.")
    Mention.objects.filter(
        pk__in=correction.state["mentions"], actor=actor, role__isnull=True
    ).update(role=role)
    MeetingParticipant.objects.filter(
        pk__in=correction.state["participations"], actor=actor, role__isnull=True
    ).update(role=role)
    return {"actor": actor}


def _reject_participant(correction: Correction) -> dict:
    row = correction.state["participation"]
    meeting = Meeting.objects.filter(pk=row["meeting_id"]).first()
    if meeting is None:
        raise CorrectionError(
            f"Meeting #{row['meeting_id']} no longer exists (rejected since): undo that first."
        )
    actor = _actor(correction)
    ParticipantRejection.objects.filter(correction=correction).delete()
    role_id = row["role_id"] if Role.objects.filter(pk=row["role_id"] or 0).exists() else None
    MeetingParticipant.objects.get_or_create(
        meeting=meeting, actor=actor, defaults={"role_id": role_id}
    )
    actors_counters_refresh(actor_ids=[actor.pk])
    return {"actor": actor, "meeting": meeting}


def _add_participant(correction: Correction) -> dict:
    removed, _ = MeetingParticipant.objects.filter(pk=correction.state["participation"]).delete()
    if not removed:
        raise CorrectionError(
            "That participant is no longer at the meeting (rejected since, or the meeting was): "
            "nothing to undo."
        )
    rejection = correction.state.get("rejection")
    if rejection:
        ParticipantRejection.objects.bulk_create(
            [restored(ParticipantRejection, rejection, id=None)], ignore_conflicts=True
        )
    if correction.actor_id:
        actors_counters_refresh(actor_ids=[correction.actor_id])
    return {"actor": correction.actor, "meeting": correction.meeting}


def _reject_meeting(correction: Correction) -> dict:
    state = correction.state
    meeting = restored(Meeting, state["meeting"])
    if Meeting.objects.filter(pk=meeting.pk).exists():
        raise CorrectionError("That meeting is back already: nothing to undo.")
    if meeting.place_id and not Place.objects.filter(pk=meeting.place_id).exists():
        meeting.place_id = None
    MeetingRejection.objects.filter(correction=correction).delete()
    _insert(meeting, "That meeting could not be put back: reload the page and try again.")
    actors = set(
        Actor.objects.filter(
            pk__in=[row["actor_id"] for row in state["participations"]]
        ).values_list("pk", flat=True)
    )
    roles = set(
        Role.objects.filter(
            pk__in=[row["role_id"] for row in state["participations"] if row["role_id"]]
        ).values_list("pk", flat=True)
    )
    MeetingParticipant.objects.bulk_create(
        [
            restored(
                MeetingParticipant, row, role_id=row["role_id"] if row["role_id"] in roles else None
            )
            for row in state["participations"]
            if row["actor_id"] in actors
        ]
    )
    articles = set(
        Article.objects.filter(pk__in=[row["article_id"] for row in state["sources"]]).values_list(
            "pk", flat=True
        )
    )
    MeetingSource.objects.bulk_create(
        [restored(MeetingSource, row) for row in state["sources"] if row["article_id"] in articles]
    )
    ParticipantRejection.objects.bulk_create(
        [
            restored(ParticipantRejection, row)
            for row in state["rejections"]
            if row["actor_id"] in actors
        ],
        ignore_conflicts=True,
    )
    actors_counters_refresh(actor_ids=actors)
    if meeting.place_id:
        places_counters_refresh(place_ids=[meeting.place_id])
    return {"actor": correction.actor, "place": correction.place, "meeting": meeting}


def _reject_mention(correction: Correction) -> dict:
    row = correction.state["mention"]
    target = Actor if row["actor_id"] else Place
    if not target.objects.filter(pk=row["actor_id"] or row["place_id"]).exists():
        raise CorrectionError("The actor or place of that mention no longer exists.")
    MentionRejection.objects.filter(correction=correction).delete()
    _mentions_restore([row])
    if row["actor_id"]:
        actors_counters_refresh(actor_ids=[row["actor_id"]])
    else:
        places_counters_refresh(place_ids=[row["place_id"]])
    return {"actor": correction.actor, "place": correction.place}


def _fix_actor(correction: Correction) -> dict:
    actor = _actor(correction)
    state = correction.state
    if actor.kind != state["kind"]:
        actor_kind_set(actor=actor, kind=state["kind"])
    Actor.objects.filter(pk=actor.pk).update(
        country=state["country"],
        kind_fixed=state["kind_fixed"],
        country_fixed=state["country_fixed"],
    )
    return {"actor": actor}


def _split_alias(correction: Correction) -> dict:
    actor = _actor(correction)
    new = Actor.objects.filter(pk=correction.state["new_actor"]).first()
    if new is None:
        raise CorrectionError(
            "The actor split off no longer exists (merged or deleted since): nothing to fold back."
        )
    key = new.key
    actor_merge(keep=actor, others=[new])
    by_role = defaultdict(list)
    for pk, role_id in correction.state["mentions"]:
        if role_id:
            by_role[role_id].append(pk)
    live = set(Role.objects.filter(pk__in=list(by_role), actor=actor).values_list("pk", flat=True))
    for role_id, pks in by_role.items():
        if role_id in live:
            Mention.objects.filter(pk__in=pks, actor=actor).update(role_id=role_id)
    if not correction.state.get("rejected_before"):
        AliasRejection.objects.filter(actor=actor, key=key).delete()
    return {"actor": actor}


def _merge_actor(correction: Correction) -> dict:
    state = correction.state
    keep = _actor(correction)
    other = restored(Actor, state["other"], **COUNTERS_ZERO)
    if Actor.objects.filter(pk=other.pk).exists():
        raise CorrectionError("That actor exists again: nothing to split back.")
    spelling_keys = {alias["key"] for alias in state["aliases"]} | {other.key}
    ActorAlias.objects.filter(actor=keep, key__in=spelling_keys).exclude(
        key__in=state["keep_alias_keys"]
    ).delete()
    _insert(
        other,
        f"Another actor now has the name or address of “{other.name}”: it cannot be split back.",
    )
    ActorAlias.objects.bulk_create(
        [ActorAlias(actor=other, kind=other.kind, **alias) for alias in state["aliases"]],
        ignore_conflicts=True,
    )
    AliasRejection.objects.bulk_create(
        [AliasRejection(actor=other, **rejection) for rejection in state["rejections"]],
        ignore_conflicts=True,
    )
    for row in state["roles"]:
        role = restored(Role, row)
        if Role.objects.filter(pk=role.pk).exists():
            Role.objects.filter(pk=role.pk).update(
                actor_id=role.actor_id, organization_id=role.organization_id
            )
        else:
            _insert(role, f"A role of “{other.name}” could not be put back: reload and retry.")
    mention_ids = [pk for pk, _ in state["mentions"]]
    Mention.objects.filter(pk__in=mention_ids, actor=keep).update(actor=other)
    by_role = defaultdict(list)
    for pk, role_id in state["mentions"]:
        by_role[role_id].append(pk)
    for role_id, pks in by_role.items():
        Mention.objects.filter(pk__in=pks, actor=other).update(role_id=role_id)
    meetings = set(
        Meeting.objects.filter(
            pk__in=[meeting_id for meeting_id, _ in state["participations"]]
        ).values_list("pk", flat=True)
    )
    MeetingParticipant.objects.bulk_create(
        [
            MeetingParticipant(meeting_id=meeting_id, actor=other, role_id=role_id)
            for meeting_id, role_id in state["participations"]
            if meeting_id in meetings
        ],
        ignore_conflicts=True,
    )
    MeetingParticipant.objects.filter(actor=keep, meeting_id__in=meetings).exclude(
        meeting_id__in=state["keep_meetings"]
    ).delete()
    EventActor.objects.filter(pk__in=state["event_links"], actor=keep).update(actor=other)
    if not state["keep_country"] and keep.country == other.country:
        Actor.objects.filter(pk=keep.pk).update(country="")
    actors_counters_refresh(actor_ids=[keep.pk, other.pk])
    return {"actor": keep, "other_actor": other}


def _merge_place(correction: Correction) -> dict:
    state = correction.state
    if correction.place_id is None:
        raise CorrectionError("The place kept by this merge no longer exists.")
    keep = Place.objects.select_for_update().get(pk=correction.place_id)
    other = restored(Place, state["other"], **COUNTERS_ZERO, event_count=0)
    if Place.objects.filter(pk=other.pk).exists():
        raise CorrectionError("That place exists again: nothing to split back.")
    before = state["keep"]
    if before["geonames_id"] is None and keep.geonames_id == other.geonames_id:
        keep.geonames_id = None
    if before["latitude"] is None or before["longitude"] is None:
        keep.latitude, keep.longitude = before["latitude"], before["longitude"]
    keep.parent_id = before["parent_id"]
    if keep.parent_id == other.pk:
        keep.parent_id = None  # put back below, once the other place exists again
    keep.save(update_fields=["geonames_id", "latitude", "longitude", "parent"])
    if other.parent_id and not Place.objects.filter(pk=other.parent_id).exists():
        other.parent_id = None
    spelling_keys = {alias["key"] for alias in state["aliases"]}
    PlaceAlias.objects.filter(place=keep, key__in=spelling_keys).exclude(
        key__in=state["keep_alias_keys"]
    ).delete()
    PlaceRedirect.objects.filter(old_key=other.key, place=keep).delete()
    _insert(other, f"Another place now has the key or address of “{other.name}”.")
    if before["parent_id"] == other.pk:
        Place.objects.filter(pk=keep.pk).update(parent=other)
    PlaceAlias.objects.bulk_create(
        [PlaceAlias(place=other, **alias) for alias in state["aliases"]], ignore_conflicts=True
    )
    PlaceRedirect.objects.filter(old_key__in=state["redirects"], place=keep).update(place=other)
    Mention.objects.filter(pk__in=state["mentions"], place=keep).update(place=other)
    Meeting.objects.filter(pk__in=state["meetings"], place=keep).update(place=other)
    keep.events.filter(pk__in=state["events"]).update(place=other)
    Place.objects.filter(pk__in=state["children"], parent=keep).update(parent=other)
    places_counters_refresh(place_ids=[keep.pk, other.pk])
    return {"place": keep, "other_place": other}


def _merge(correction: Correction) -> dict:
    if correction.state["kind"] == "actor":
        return _merge_actor(correction)
    return _merge_place(correction)


UNDO = {
    Correction.Action.MERGE: _merge,
    Correction.Action.NOT_SAME: _not_same,
    Correction.Action.REJECT_ALIAS: _reject_alias,
    Correction.Action.REJECT_ROLE: _reject_role,
    Correction.Action.REJECT_PARTICIPANT: _reject_participant,
    Correction.Action.ADD_PARTICIPANT: _add_participant,
    Correction.Action.REJECT_MEETING: _reject_meeting,
    Correction.Action.REJECT_MENTION: _reject_mention,
    Correction.Action.FIX_ACTOR: _fix_actor,
    Correction.Action.SPLIT_ALIAS: _split_alias,
}


@transaction.atomic
def correction_undo(
    *, correction_id: int, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Undo a correction and record the undo (shown where the correction was)."""
    why = _why(why)
    correction = Correction.objects.select_for_update().filter(pk=correction_id).first()
    if correction is None:
        raise CorrectionError("That correction no longer exists. Reload the page.")
    if correction.action == Correction.Action.UNDO:
        raise CorrectionError("An undo cannot be undone: make the correction again instead.")
    if Correction.objects.filter(undo_of=correction).exists():
        raise CorrectionError("That correction was undone already (reload the page to see it).")
    if not correction.state:
        raise CorrectionError(
            "That correction was recorded before corrections could be undone: make the opposite "
            "change by hand (the duplicates queue or the admin)."
        )
    changed = UNDO[correction.action](correction)
    correction.refresh_from_db()  # the records it names may be gone (SET_NULL) or back
    subject = {
        f"{name}_id": changed[name].pk if changed.get(name) else getattr(correction, f"{name}_id")
        for name in ("actor", "other_actor", "place", "other_place", "meeting")
    }
    try:
        with transaction.atomic():
            return Correction.objects.create(
                action=Correction.Action.UNDO,
                undo_of=correction,
                what=f"Undid: {correction.what}",
                why=why,
                user=user,
                **subject,
            )
    except IntegrityError:
        raise CorrectionError("That correction was undone already (reload the page).") from None
