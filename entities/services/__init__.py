"""Writes to actors, places, meetings and mentions. Only this package writes those tables."""

from entities.services.facts import article_facts_replace
from entities.services.merge import MergeError, actor_merge, place_merge

__all__ = ["article_facts_replace", "MergeError", "actor_merge", "place_merge"]
