"""Writes to actors, places, meetings, events and mentions. Only this package writes those tables."""

from entities.services.counters import (
    actors_counters_refresh,
    articles_counters_refresh,
    counters_rebuild,
    places_counters_refresh,
)
from entities.services.facts import (
    ArticleFacts,
    article_facts_replace,
    articles_facts_remove,
    articles_facts_replace,
)
from entities.services.merge import MergeError, actor_merge, actors_dedupe, place_merge

__all__ = [
    "ArticleFacts",
    "article_facts_replace",
    "articles_facts_remove",
    "articles_facts_replace",
    "actors_counters_refresh",
    "articles_counters_refresh",
    "counters_rebuild",
    "places_counters_refresh",
    "MergeError",
    "actor_merge",
    "actors_dedupe",
    "place_merge",
]
