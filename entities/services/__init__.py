"""Writes to actors, places, meetings, events and mentions. Only this package writes those tables."""

from entities.services.facts import ArticleFacts, article_facts_replace, articles_facts_replace
from entities.services.merge import MergeError, actor_merge, actors_dedupe, place_merge

__all__ = [
    "ArticleFacts",
    "article_facts_replace",
    "articles_facts_replace",
    "MergeError",
    "actor_merge",
    "actors_dedupe",
    "place_merge",
]
