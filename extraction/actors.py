"""Resolve actor mentions to real-world actors: one group per person or organization per article.

Persons: a surname alone ("Erdogan"), a spelling variant ("Sergey"/"Sergei", "Çavuşoğlu") or a
name without its Arabic article ("Bashar Assad") joins the fullest name it is compatible with.
Organizations: known aliases and acronyms from the knowledge base, acronyms defined in the text
("Syrian Democratic Forces (SDF)", "ABC, the ..."), and a single word that names a longer
organization of the same article ("the Observatory").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from extraction.document import Document
from extraction.knowledge import KnownActor, is_acronym, lookup_key
from extraction.mentions import NameMention
from extraction.normalize import match_key, name_key
from extraction.resources import Resources

PARTICLES = frozenset({"al", "el"})
FIRST_NAME_SIMILARITY = 75.0
SURNAME_SIMILARITY = 85.0
_ARMED_WORDS = re.compile(
    r"\b(?:forces|army|brigades?|battalions?|front|units|militias?|division|corps|legion|"
    r"guards?|movement|fighters|mujahideen|jaish|jaysh|jeish|liwaa?|alwiya|alwiyat|kataib|katibat"
    r"|jabhat|harakat|ahrar|faylaq|failaq|saraya|firqat)\b",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\s*\(([^()\n]{1,80})\)")
_PAREN_SPLIT = re.compile(r"\s*(?:,|;|\bor\b|\bformerly\b|\baka\b|\balso known as\b)\s*")
_ACRONYM_FIRST = re.compile(r"\b([A-Z][A-Z0-9]{1,7}),\s+the\s+")


@dataclass
class ActorGroup:
    kind: str
    mentions: list[NameMention] = field(default_factory=list)
    known: KnownActor | None = None
    extra_names: list[tuple[int, int]] = field(default_factory=list)  # alias spans from the text

    @property
    def tokens(self) -> list[str]:
        return person_tokens(self.name)

    @property
    def name(self) -> str:
        if self.known is not None:
            return self.known.name
        return best_name(self.mentions, self.kind)

    def first(self) -> int:
        return min(m.start for m in self.mentions)


def person_tokens(name: str) -> list[str]:
    """The words of a person's name as spelling-neutral keys: 'Walid al-Moualem' ->
    ['walid', 'mualam'], the same as 'Walid Muallem'."""
    return [t for t in match_key(name).split() if t not in PARTICLES]


def best_name(mentions: list[NameMention], kind: str) -> str:
    """The fullest form seen: most words, then most frequent, then earliest."""
    counts = Counter(m.text for m in mentions)
    order = {m.text: -i for i, m in reversed(list(enumerate(mentions)))}

    def rank(text: str) -> tuple:
        words = len(person_tokens(text)) if kind == "person" else len(text.split())
        acronym = is_acronym(text)
        return (not acronym, words, counts[text], order[text])

    return max(counts, key=rank)


def group_actors(
    article: Document, mentions: list[NameMention], res: Resources
) -> list[ActorGroup]:
    """Group the actor mentions (setting each mention's `group`) and return the groups."""
    actors = [m for m in mentions if m.is_actor]
    groups: list[ActorGroup] = []
    _group_persons([m for m in actors if m.kind == "person"], groups)
    _group_organizations([m for m in actors if m.kind != "person"], groups)
    _link_definitions(article, mentions, groups, res)
    _find_surnames(article, mentions, groups)
    _join_lost_apostrophes(mentions, groups, res)
    return _renumber(groups, mentions)


def _join_lost_apostrophes(
    mentions: list[NameMention], groups: list[ActorGroup], res: Resources
) -> None:
    """'Akidis forces', 'the EUs envoy': an owner whose apostrophe the page lost, tagged as a
    name of its own. When the name without its "s" is another actor's name, or a person's
    surname, of the same report, each such mention joins that actor as a possessive one; when
    it is a known actor's name, the mentions are that actor's."""
    owners: dict[str, int] = {}
    for i, g in enumerate(groups):
        for m in g.mentions:
            owners.setdefault(m.text, i)
        if g.kind == "person" and len(g.tokens) > 1:
            owners.setdefault(g.name.split()[-1], i)
    for i, g in enumerate(groups):
        if not g.mentions or g.known is not None:
            continue
        stems = {m.text[:-1] for m in g.mentions if _lost_apostrophe(m.text)}
        if len(stems) != 1 or len(stems) != len({m.text for m in g.mentions}):
            continue
        stem = stems.pop()
        owner = owners.get(stem)
        known = res.actor(stem) if owner is None else None
        if owner == i or owner is None and known is None:
            continue
        for m in g.mentions:
            m.end, m.text, m.possessive = m.end - 1, m.text[:-1], True
        if owner is None:
            g.known, g.kind = known, known.kind  # type: ignore[union-attr]
        else:
            _merge(groups, mentions, keep=owner, drop=i)


def _lost_apostrophe(text: str) -> bool:
    long_enough = len(text) >= 4 or len(text) == 3 and text[:2].isupper()  # "EUs"
    return long_enough and text.endswith("s") and not text.endswith(("ss", "'s", "’s"))


def _find_surnames(
    article: Document, mentions: list[NameMention], groups: list[ActorGroup]
) -> None:
    """'Hijab met ...' after 'Riyad Hijab': surname-only mentions the model did not tag."""
    owners: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        if g.kind != "person":
            continue
        full = [m.text for m in g.mentions if len(person_tokens(m.text)) > 1]
        surnames = {name.split()[-1] for name in full}
        for surname in surnames:
            if len(surname) > 2 and surname[0].isupper():
                owners.setdefault(surname, []).append(i)
    for surname, indexes in owners.items():
        if len(set(indexes)) == 1:
            _add_occurrences(article, mentions, {}, groups, indexes[0], surname)


def _group_persons(persons: list[NameMention], groups: list[ActorGroup]) -> None:
    by_known: dict[str, int] = {}
    singles: list[NameMention] = []
    for m in persons:
        tokens = person_tokens(m.text)
        if not tokens:
            continue
        if m.known is not None:
            index = by_known.get(m.known.name)
            if index is None:
                index = _compatible_group(groups, person_tokens(m.known.name), allow_known=False)
            if index is None:
                groups.append(ActorGroup("person"))
                index = len(groups) - 1
            groups[index].known = m.known
            by_known[m.known.name] = index
            _join(groups, index, m)
        elif len(tokens) == 1:
            singles.append(m)
        else:
            index = _compatible_group(groups, tokens, allow_known=True)
            if index is None:
                groups.append(ActorGroup("person"))
                index = len(groups) - 1
            _join(groups, index, m)
    for m in singles:
        token = person_tokens(m.text)[0]
        index = _group_by_single_name(groups, token, m.start)
        if index is None and _carriers(groups, token) > 1:
            continue  # "Assad" after Hafez and Maher al-Assad: not a guess, and no new person
        if index is None:
            groups.append(ActorGroup("person"))
            index = len(groups) - 1
        _join(groups, index, m)


def _carriers(groups: list[ActorGroup], token: str) -> int:
    return sum(
        1
        for g in groups
        if g.kind == "person" and any(person_tokens(m.text)[-1:] == [token] for m in g.mentions)
    )


def _join(groups: list[ActorGroup], index: int, m: NameMention) -> None:
    groups[index].mentions.append(m)
    m.group = index


def compatible(a: list[str], b: list[str]) -> bool:
    """Two written forms of one person's name: same surname (or a close spelling of it, "Shara"
    and "Sharaa") and compatible given names."""
    if not a or not b:
        return False
    if a[-1] != b[-1]:
        if len(a) < 2 or len(b) < 2 or fuzz.ratio(a[-1], b[-1]) < SURNAME_SIMILARITY:
            return False
        return fuzz.ratio(a[0], b[0]) >= FIRST_NAME_SIMILARITY
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if long_[-len(short) :] == short:
        return True
    first_a, first_b = a[0], b[0]
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    return fuzz.ratio(first_a, first_b) >= FIRST_NAME_SIMILARITY


def _compatible_group(
    groups: list[ActorGroup], tokens: list[str], *, allow_known: bool
) -> int | None:
    for i, g in enumerate(groups):
        if g.kind != "person" or (g.known is not None and not allow_known):
            continue
        names = [person_tokens(m.text) for m in g.mentions]
        if g.known is not None:
            names += [person_tokens(a) for a in (g.known.name, *g.known.aliases)]
        if any(len(n) > 1 and compatible(tokens, n) for n in names):
            return i
    return None


def _group_by_single_name(groups: list[ActorGroup], token: str, position: int) -> int | None:
    """The person whose name ends in (or contains) this word, when only one does.

    Of several (Bashar and Maher al-Assad), the surname alone is the one the knowledge base calls
    by it, else the one whose surname it is, else nobody: it is never a guess."""
    carriers: list[int] = []
    for i, g in enumerate(groups):
        if g.kind != "person":
            continue
        names = [person_tokens(m.text) for m in g.mentions]
        if g.known is not None:
            names += [person_tokens(a) for a in (g.known.name, *g.known.aliases)]
        if any(token in n[1:] or (n and n[-1] == token) for n in names if len(n) > 1):
            carriers.append(i)
    if len(carriers) <= 1:
        return carriers[0] if carriers else None
    by_alias = [
        i
        for i in carriers
        if groups[i].known is not None
        and any(person_tokens(a) == [token] for a in groups[i].known.aliases)
    ]
    if len(by_alias) == 1:
        return by_alias[0]
    by_surname = [
        i
        for i in carriers
        if any(person_tokens(m.text)[-1:] == [token] for m in groups[i].mentions)
    ]
    return by_surname[0] if len(by_surname) == 1 else None


def _group_organizations(orgs: list[NameMention], groups: list[ActorGroup]) -> None:
    by_key: dict[str, int] = {}
    singles: list[NameMention] = []
    for m in orgs:
        key = f"known:{m.known.name}" if m.known is not None else match_key(m.text)
        if not key:
            continue
        if m.known is None and len(m.text.split()) == 1 and not is_acronym(m.text):
            singles.append(m)
            continue
        index = by_key.get(key)
        if index is None:
            kind = m.known.kind if m.known is not None else _org_kind(m.text)
            groups.append(ActorGroup(kind, known=m.known))
            index = len(groups) - 1
            by_key[key] = index
        _join(groups, index, m)
    for m in singles:
        word = lookup_key(m.text)
        index = by_key.get(match_key(m.text))
        if index is None:
            index = _org_containing(groups, word, m.start)
        if index is None:
            groups.append(ActorGroup(_org_kind(m.text)))
            index = len(groups) - 1
            by_key[match_key(m.text)] = index
        _join(groups, index, m)


def _org_containing(groups: list[ActorGroup], word: str, position: int) -> int | None:
    best: tuple[int, int] | None = None
    for i, g in enumerate(groups):
        if g.kind == "person":
            continue
        if not any(word in name_key(m.text).split()[1:] for m in g.mentions):
            continue
        before = [m.start for m in g.mentions if m.start < position]
        distance = position - max(before) if before else 10**9
        if best is None or distance < best[0]:
            best = (distance, i)
    return None if best is None else best[1]


def _org_kind(name: str) -> str:
    return "armed_group" if _ARMED_WORDS.search(name) else "organization"


def _link_definitions(
    article: Document, mentions: list[NameMention], groups: list[ActorGroup], res: Resources
) -> None:
    """'Long Name (ABC)' and 'ABC (Long Name)' make the two one actor; 'ABC' is found elsewhere too."""
    text = article.text
    by_start = {m.start: m for m in mentions}
    for m in [m for m in mentions if m.is_actor and m.kind != "person" and m.group >= 0]:
        paren = _PARENTHESIS.match(text, m.end)
        if not paren:
            continue
        offset = paren.start(1)
        for part in _PAREN_SPLIT.split(paren.group(1)):
            start = text.find(part, offset, paren.end(1)) if part else -1
            if start < 0:
                continue
            offset = start + len(part)
            _define(article, mentions, by_start, groups, m.group, start, start + len(part), res)
    for acr in _ACRONYM_FIRST.finditer(text):
        after = by_start.get(acr.end())
        if after is not None and after.is_actor and after.kind != "person" and after.group >= 0:
            _define(article, mentions, by_start, groups, after.group, acr.start(1), acr.end(1), res)


def _define(
    article: Document,
    mentions: list[NameMention],
    by_start: dict[int, NameMention],
    groups: list[ActorGroup],
    group: int,
    start: int,
    end: int,
    res: Resources,
) -> None:
    alias = article.text[start:end].strip()
    if not alias or not alias[0].isupper() or res.is_stopword(alias):
        return
    existing = by_start.get(start)
    if existing is not None:
        if existing.is_actor and existing.group >= 0 and existing.group != group:
            _merge(groups, mentions, keep=group, drop=existing.group)
        return
    if res.gazetteer.country(alias) is not None:
        return
    _add_occurrences(article, mentions, by_start, groups, group, alias)


def _add_occurrences(
    article: Document,
    mentions: list[NameMention],
    by_start: dict[int, NameMention],
    groups: list[ActorGroup],
    group: int,
    alias: str,
) -> None:
    pattern = re.compile(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-]|['’][a-rt-z])")
    # The mentions are in text order: each hit is checked against those that start near it.
    starts = [m.start for m in mentions]
    longest = max((m.end - m.start for m in mentions), default=0)
    for hit in pattern.finditer(article.text):
        lo = bisect.bisect_left(starts, hit.start() - longest)
        hi = bisect.bisect_left(starts, hit.end())
        if any(m.start < hit.end() and hit.start() < m.end for m in mentions[lo:hi]):
            continue
        new = NameMention(hit.start(), hit.end(), alias, groups[group].kind, "DEFINED", group=group)
        mentions.append(new)
        by_start[new.start] = new
        groups[group].mentions.append(new)
    mentions.sort(key=lambda m: m.start)


def _merge(groups: list[ActorGroup], mentions: list[NameMention], *, keep: int, drop: int) -> None:
    target, source = groups[keep], groups[drop]
    for m in source.mentions:
        m.group = keep
        target.mentions.append(m)
    if target.known is None:
        target.known = source.known
    source.mentions = []


def _renumber(groups: list[ActorGroup], mentions: list[NameMention]) -> list[ActorGroup]:
    kept: list[ActorGroup] = []
    remap: dict[int, int] = {}
    for i, g in enumerate(groups):
        if g.mentions:
            remap[i] = len(kept)
            g.mentions.sort(key=lambda m: m.start)
            kept.append(g)
    for m in mentions:
        if m.is_actor:
            m.group = remap.get(m.group, -1)
    kept.sort(key=lambda g: g.first())
    order = {id(g): i for i, g in enumerate(kept)}
    for g in kept:
        for m in g.mentions:
            m.group = order[id(g)]
    return kept
