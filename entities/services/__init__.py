"""Writes to actors, places, meetings and mentions. Only this package writes those tables."""

from entities.services.merge import MergeError, actor_merge, place_merge

__all__ = ["MergeError", "actor_merge", "place_merge"]
