"""Article text in, actors, places and meetings out, each fact with the spans it came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from extraction.actors import ActorGroup, group_actors
from extraction.dates import reference_date
from extraction.document import Document
from extraction.events import find_events
from extraction.furniture import furniture_blank
from extraction.locating import locate_places, located_fact
from extraction.meetings import find_meetings
from extraction.mentions import NameMention, find_mentions
from extraction.model import load_nlp
from extraction.places import context_countries, group_places, place_fact
from extraction.resources import get_resources
from extraction.roles import assign_roles, person_country
from extraction.types import ActorFact, Extraction, RoleFact
from extraction.version import EXTRACTOR_VERSION

# Longer texts are read up to this many characters (at a paragraph break when there is one):
# news reports are far shorter, and the model's memory grows with the text.
MAX_CHARS = 100_000


def extract(
    text: str,
    *,
    published: dt.date | None = None,
    title: str = "",
    nlp: Language | None = None,
) -> Extraction:
    """Extract actors, places and meetings from one article.

    `title` (the headline) only helps decide which countries the story is about; facts and
    offsets come from `text`. Raises ValueError when `text` is not a string. Empty text gives an empty Extraction; text
    beyond MAX_CHARS is not read (the result covers the beginning only).
    """
    text = _checked(text)
    if not text.strip():
        return Extraction(extractor_version=EXTRACTOR_VERSION)
    pipeline = nlp if nlp is not None else load_nlp()
    return _from_doc(text, pipeline(_readable(text)), published, title)


def extract_many(
    items: Iterable[tuple[str, dt.date | None]],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
) -> Iterator[Extraction]:
    """`extract` over many (text, published) pairs, batching the model through `nlp.pipe`."""
    pipeline = nlp if nlp is not None else load_nlp()
    pending: list[tuple[str, dt.date | None]] = []

    def texts() -> Iterator[str]:
        for text, published in items:
            text = _checked(text)
            pending.append((text, published))
            yield _readable(text)

    for doc in pipeline.pipe(texts(), batch_size=batch_size):
        text, published = pending.pop(0)
        if not text.strip():
            yield Extraction(extractor_version=EXTRACTOR_VERSION)
        else:
            yield _from_doc(text, doc, published)


def _checked(text: object) -> str:
    if not isinstance(text, str):
        raise ValueError(f"article text must be a string, not {type(text).__name__}")
    return text


def _readable(text: str) -> str:
    """The part of `text` that is read: all of it, or its first MAX_CHARS characters, with page
    furniture (share bars, tag lists, other stories' headlines) blanked to spaces of equal length
    so that offsets into `text` stay valid."""
    if len(text) <= MAX_CHARS:
        return furniture_blank(text)
    cut = text.rfind("\n", MAX_CHARS // 2, MAX_CHARS)
    return furniture_blank(text[: cut if cut > 0 else MAX_CHARS])


def _from_doc(text: str, doc: Doc, published: dt.date | None, title: str = "") -> Extraction:
    res = get_resources()
    read = doc.text
    article = Document.read(read, doc, reference_date(read, published))
    article.titles = list(res.title_re.finditer(read))
    context = context_countries(article, [], res, title)
    mentions = find_mentions(article, res, context)
    context = context_countries(article, mentions, res, title)
    actors = group_actors(article, mentions, res)
    roles = assign_roles(article, mentions, actors, res, home=_home(mentions))
    places = group_places(article, mentions, res)
    located = locate_places(article, places, mentions, res)
    meetings = find_meetings(article, mentions, actors, places, res)
    place_facts = [
        located_fact(place_fact(article, g, res), located.get(g.key), res)
        for g in places
        if not (g.street and g.key not in located)  # a street of no city the report names
    ]
    used = {m.place for m in meetings if m.place}
    place_facts = [p for p in place_facts if p.mentions or p.key in used]
    result = Extraction(
        actors=[_actor_fact(article, g, roles.get(i, [])) for i, g in enumerate(actors)],
        places=place_facts,
        meetings=meetings,
        extractor_version=EXTRACTOR_VERSION,
    )
    result.events = find_events(article, result.actors, result.places, meetings=meetings)
    return result


def _home(mentions: list[NameMention]) -> str | None:
    """The country the story is about: the most named country, Syria when it is named at all."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.entry is not None and m.entry.kind == "country" and m.entry.country:
            counts[m.entry.country] = counts.get(m.entry.country, 0) + 1
    if "SY" in counts:
        return "SY"
    return max(counts, key=counts.__getitem__) if counts else None


def _actor_fact(article: Document, group: ActorGroup, roles: list[RoleFact]) -> ActorFact:
    name = group.name
    seen: list[str] = []
    for m in group.mentions:
        if m.text != name and m.text not in seen:
            seen.append(m.text)
    country = group.known.country if group.known is not None else None
    country = country or person_country(roles)
    if group.kind == "person" and country:
        for role in roles:
            if role.country is None and not role.organization:
                role.country = country
    return ActorFact(
        name=name,
        kind=group.kind,  # type: ignore[arg-type]
        aliases=seen,
        country=country,
        roles=roles,
        mentions=[article.span(m.start, m.end) for m in group.mentions],
        predecessors=list(group.known.predecessors) if group.known is not None else [],
        known=group.known is not None,
    )
