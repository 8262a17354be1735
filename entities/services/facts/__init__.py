"""Store what the extractor found in articles, replacing what each article produced before.

Called by the article pipeline inside one short transaction per batch of articles. Everything is
looked up and written in bulk (a fixed number of queries per batch, not per article or mention),
and every insert that two workers could race on relies on a unique constraint, never on a check
before the insert: new rows are inserted in one statement inside a savepoint, and only when that
conflicts (a racing worker, a taken slug) again with `ON CONFLICT DO NOTHING`, then read back.

What a re-run removes and what it keeps:
- The article's meeting sources are deleted and written again; of its mentions, only those that
  differ from what the run finds are deleted or written.
- A meeting or a role that this article alone attested (no source or mention left afterwards) is
  deleted; the primary keys of those found again are kept, so pages keep their addresses.
- Actors and places stay even when no mention is left: analysts edit and merge them.
- A merged meeting's participants are the union over its reports, and a role's first/last attested
  dates only widen; a re-run of one report does not shrink them while other reports remain.

The modules, in the order a batch passes through them: `store` (the entry points and what a
re-run removes), `actors`, `places`, `roles`, `mentions`, `meetings`, `events`; `batch` holds what
they hand each other, `rows` the race-safe inserts and slugs they share.
"""

from entities.services.facts.batch import ArticleFacts
from entities.services.facts.events import geo_precision
from entities.services.facts.store import (
    article_facts_replace,
    articles_facts_remove,
    articles_facts_replace,
)

__all__ = [
    "ArticleFacts",
    "article_facts_replace",
    "articles_facts_remove",
    "articles_facts_replace",
    "geo_precision",
]
