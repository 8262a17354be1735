"""Analysts' corrections: merge two records, say two records are not the same, reject an alias.

Each correction is one transaction that changes the facts and records a `Correction` (who, when,
what, why), so the entity's page can list it. Asked for something that is no longer there (a
record merged away since the page was shown), it raises CorrectionError and changes nothing.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from entities.models import (
    Actor,
    ActorAlias,
    ActorDistinct,
    AliasRejection,
    Correction,
    Mention,
    Place,
    PlaceDistinct,
)
from entities.services.counters import actors_counters_refresh
from entities.services.merge import MergeError, actor_merge, place_merge

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
    try:
        if kind == "actor":
            keep = actor_merge(keep=keep, others=[other])
        else:
            keep = place_merge(keep=keep, others=[other])
    except MergeError as error:
        raise CorrectionError(str(error)) from None
    return Correction.objects.create(
        action=Correction.Action.MERGE, what=what, why=why, user=user, **_subject(kind, keep)
    )


@transaction.atomic
def duplicate_dismiss(
    *, kind: str, first_id: int, second_id: int, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Remember that two records are not the same (the queue never proposes them again)."""
    why = _why(why)
    first, second = _pair(kind, first_id, second_id)
    low, high = sorted((first, second), key=lambda record: record.pk)
    distinct_model = KINDS[kind][1]
    try:
        with transaction.atomic():
            distinct_model.objects.create(first=low, second=high)
    except IntegrityError:
        pass  # another analyst said so a moment ago: the pair is remembered either way
    what = (
        f"“{first.name}” (#{first.pk}) and “{second.name}” (#{second.pk}) are not the same {kind}."
    )
    return Correction.objects.create(
        action=Correction.Action.NOT_SAME,
        what=what,
        why=why,
        user=user,
        **_subject(kind, first, second),
    )


@transaction.atomic
def alias_reject(
    *, actor_id: int, alias_id: int, user: AbstractBaseUser | None, why: str = ""
) -> Correction:
    """Say a spelling is not this actor: the alias goes, the mentions written that way no longer
    point at the actor, and processing (entities.services.facts) never attaches it again."""
    why = _why(why)
    alias = (
        ActorAlias.objects.select_for_update()
        .select_related("actor")
        .filter(pk=alias_id, actor_id=actor_id)
        .first()
    )
    if alias is None:
        raise CorrectionError(
            "That spelling is no longer a name of this actor (rejected or merged since the page "
            "was shown). Reload the page."
        )
    actor = alias.actor
    if alias.key == actor.key:
        raise CorrectionError(
            f"“{alias.name}” is the actor's own name, not an alias: merge the actor into the right "
            "one from the duplicates queue or the admin instead."
        )
    alias.delete()
    try:
        with transaction.atomic():
            AliasRejection.objects.create(actor=actor, key=alias.key, name=alias.name)
    except IntegrityError:
        pass  # rejected before (the alias came back by a merge): the rejection stands
    unlinked, _ = Mention.objects.filter(actor=actor, text__iexact=alias.name).delete()
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
        action=Correction.Action.REJECT_ALIAS, actor=actor, what=what, why=why, user=user
    )
