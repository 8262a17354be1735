"""Following actors and places, and marking what is new as seen."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from entities.models import Actor, Follow, Place


def follow_toggle(*, user, actor: Actor | None = None, place: Place | None = None) -> bool:
    """Follow the actor or place, or stop following it; whether the user follows it now.

    What is new is counted from the moment of following. Two clicks racing end with one row:
    the unique constraint decides, not a check before the insert."""
    if (actor is None) == (place is None):
        raise ValueError("Follow exactly one actor or one place.")
    target = {"actor": actor} if actor is not None else {"place": place}
    deleted, _ = Follow.objects.filter(user=user, **target).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Follow.objects.create(user=user, seen_at=timezone.now(), **target)
    except IntegrityError:
        pass  # the other click created it
    return True


def follows_mark_seen(*, user) -> int:
    """Everything new about what the user follows is seen now; how many follows were marked."""
    return Follow.objects.filter(user=user).update(seen_at=timezone.now())
