"""A batch of articles on its way into the store: what each article brings, what it had before, and
what is resolved so far."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from entities.models import (
    Place,
    Role,
)
from extraction.normalize import name_key

if TYPE_CHECKING:
    from articles.models import Article
    from extraction.types import (
        Extraction,
    )


class ArticleFacts(NamedTuple):
    """One article's extraction to store. `previous=False` says the article never had facts
    stored (it was never processed), which saves looking for them; when in doubt, leave it True."""

    article: Article
    extraction: Extraction
    previous: bool = True


@dataclass
class Previous:
    """What an article produced before: its meeting sources' sentence starts by meeting, its
    mentions' ids by MENTION_FIELDS and their date, and the events it reported."""

    sources: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    events: set[int] = field(default_factory=set)
    mentions: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(list))
    # The date its mentions were counted under (their `published`; None when undated or none).
    published: dt.date | None = None


@dataclass
class StoredActors:
    """The stored actor of each ActorFact (None when the fact was unusable), and by name."""

    ids: list[int | None]
    by_name: dict[str, int] = field(default_factory=dict)

    def lookup(self, name: str | None) -> int | None:
        if not name:
            return None
        return self.by_name.get(name) or self.by_name.get(name_key(name))


@dataclass
class Touched:
    """The actors and places whose counters a batch may have changed (entities.services.counters):
    those its stored and new mentions, meetings and events name."""

    actors: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)
    # (place id, date) of the events it stored or left without a report: their event months.
    event_days: set[tuple[int | None, dt.date | None]] = field(default_factory=set)


@dataclass
class Resolved:
    """A batch whose actors, places and roles are stored: what its mentions and meetings name."""

    items: Sequence[ArticleFacts]
    actors: list[StoredActors]  # per article
    places: dict[str, Place]  # by gazetteer key
    roles: list[dict[tuple[int, int], Role]]  # per article, by (fact, role) index
    previous: dict[int, Previous]  # by article id, for articles stored before
    touched: Touched = field(default_factory=Touched)
