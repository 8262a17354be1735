"""Reads for the quality report: what an analyst or an engineer should look at.

Four checks, each a keyword-only selector returning plain dataclasses with the evidence, so a
"duplicates queue" page can reuse them:

- ``actor_duplicate_list`` / ``place_duplicate_list``: two rows that are likely one entity;
- ``actor_junk_list``: actors that are page furniture, headline fragments or adjectives;
- ``alias_shared_list``: one spelling held by two people;
- ``meeting_unnamed_list``: meetings whose participants their source sentences do not name.

Each selector issues a fixed number of queries whatever the number of rows. Duplicate detection
compares only names that share a blocking key (a folded name, an alias, an acronym, the first or
last word), never all pairs.
"""

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import combinations
from pathlib import Path

from django.db.models import Prefetch, QuerySet
from rapidfuzz import fuzz, process

from entities.models import (
    Actor,
    ActorAlias,
    Meeting,
    MeetingParticipant,
    MeetingSource,
    Mention,
    Place,
    PlaceAlias,
)
from extraction.normalize import name_key

DATA_FILE = Path(__file__).resolve().parent / "data" / "quality.json"
DEMONYMS_FILE = Path(__file__).resolve().parent.parent / "extraction" / "data" / "demonyms.json"

# Names at least this similar (rapidfuzz ratio of their folded forms, 0-100) are candidates.
FUZZY_CUTOFF = 88
# Two people's names must also agree word by word at least this much (Hassan vs Hussein: 73).
PERSON_WORD_CUTOFF = 75
# Blocks larger than this are split by their second word so a common first word ("Abu",
# "Syrian") does not make the comparison quadratic.
MAX_BLOCK = 2000
# Longer names (tag lists) are not indexed word pair by word pair.
MAX_NAME_WORDS = 8
# A junk score from which an actor is surely junk (a page-furniture word alone gives it).
SURE_JUNK = 5
# Places with the same name farther apart than this are probably two places.
FAR_KM = 100.0


@dataclass(frozen=True)
class _Words:
    name_articles: frozenset[str]
    acronym_skip: frozenset[str]
    transliteration: tuple[tuple[str, str], ...]
    furniture_words: frozenset[str]
    headline_words: frozenset[str]
    name_particles: frozenset[str]
    sentence_furniture: re.Pattern
    verbs: frozenset[str]
    subject_pronouns: frozenset[str]
    demonyms: frozenset[str]
    distinguishing: frozenset[str]


@cache
def _words() -> _Words:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    demonyms = json.loads(DEMONYMS_FILE.read_text(encoding="utf-8"))
    phrases = sorted(data["sentence_furniture"], key=len, reverse=True)
    return _Words(
        name_articles=frozenset(data["name_articles"]),
        acronym_skip=frozenset(data["acronym_skip"]),
        transliteration=tuple((a, b) for a, b in data["transliteration"]),
        furniture_words=frozenset(data["furniture_words"]),
        headline_words=frozenset(data["headline_words"]),
        name_particles=frozenset(data["name_particles"]),
        sentence_furniture=re.compile(
            r"\|\s|(?<![\w])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w])"
        ),
        verbs=frozenset(data["verbs"]),
        subject_pronouns=frozenset(data["subject_pronouns"]),
        demonyms=frozenset(
            name_key(w) for w in (*demonyms["countries"], *demonyms["not_countries"])
        ),
        distinguishing=frozenset(data["distinguishing_words"]),
    )


# --- Folding names ----------------------------------------------------------------------------

_DOUBLE = re.compile(r"(.)\1+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def _key(text: str) -> str:
    """`name_key`, with a fast path for plain ASCII (most names and sentences)."""
    if text.isascii():
        return _NON_WORD.sub(" ", text.lower().replace("'", "")).strip()
    return name_key(text)


_VOWEL_H = re.compile(r"(?<=[aeiou])h$")


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    if len(word) > 5 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        # A possessive with its apostrophe stripped ("Assads"), or a plural; short words keep
        # theirs (Hamas is not Hama).
        word = word[:-1]
    head, tail = word[:1], word[1:]
    for old, new in _words().transliteration:
        tail = tail.replace(old, new)
    word = _VOWEL_H.sub("", head + tail.replace("y", "i"))  # Fatah, Fateh -> fata
    return _DOUBLE.sub(r"\1", word)


@lru_cache(maxsize=200_000)
def name_fold(name: str) -> str:
    """The key two spellings of one name share: case, accents, punctuation, articles ("The",
    "al-"), possessive and plural endings and common transliteration variants folded away.

    'Jaish al-Fatah', 'Jeish al-Fateh' and 'Jaysh al-Fatah' all give 'jaish fata'.
    """
    words = _key(name).split()
    kept = [w for w in words if w not in _words().name_articles] or words
    return " ".join(_fold_word(w) for w in kept)


def is_acronym(name: str) -> bool:
    """'SDF', 'U.N.' and 'ISIL' are acronyms; 'Daesh' and 'US-led' are not."""
    letters = re.sub(r"[.\s]", "", name)
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def acronym_of(name: str) -> str:
    """The initials of an expansion: 'Syrian Observatory for Human Rights' -> 'SOHR'."""
    words = [w for w in _key(name).split() if w not in _words().acronym_skip]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


# --- Evidence ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntitySummary:
    """One actor or place as the report shows it."""

    id: int
    name: str
    kind: str
    slug: str
    country: str = ""
    aliases: tuple[str, ...] = ()
    mention_count: int = 0
    latitude: float | None = None
    longitude: float | None = None
    parent_id: int | None = None

    def label(self) -> str:
        where = f", {self.country}" if self.country else ""
        return f"{self.name} [#{self.id} {self.kind}{where}, {self.mention_count} mentions]"


@dataclass(frozen=True)
class DuplicateCandidate:
    """Two rows that are probably one entity; `score` (0-1) orders the queue, best first."""

    first: EntitySummary
    second: EntitySummary
    score: float
    reasons: tuple[str, ...]
    # The order of the queue: `score` weighed by how often the rarer of the two is mentioned,
    # so that the merges that fix most mentions come first.
    priority: float = 0.0


@dataclass(frozen=True)
class JunkActor:
    actor: EntitySummary
    score: int  # the sum of the reasons' weights; higher is surer
    reasons: tuple[str, ...]
    sample_sentence: str = ""


@dataclass(frozen=True)
class SharedAlias:
    """One spelling (folded) that two or more people hold, as a name or as an alias."""

    key: str
    spellings: tuple[str, ...]
    people: tuple[EntitySummary, ...]


@dataclass(frozen=True)
class UnnamedParticipant:
    name: str
    actor_id: int
    reason: str


@dataclass(frozen=True)
class MeetingIssue:
    meeting_id: int
    date: str
    place: str
    participants: tuple[str, ...]
    unnamed: tuple[UnnamedParticipant, ...]
    sentences: tuple[str, ...] = field(default=())


# --- Sentences --------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def sentence_flaw(sentence: str) -> str:
    """Why a stored sentence is not a proper sentence ('' if it is one): page furniture
    (tag lists, menus, "Related News"), a title-case headline, or a fragment without a verb."""
    words_ = _words()
    if words_.sentence_furniture.search(sentence):
        return "page furniture"
    words = _WORD.findall(sentence)
    if len(words) < 4:
        return "fragment"
    lower = [w.lower() for w in words if w[0].islower()]
    if len(lower) * 4 < len(words):
        return "headline"
    if not any(w in words_.verbs or (len(w) > 4 and w.endswith("ed")) for w in lower):
        # The word after a subject pronoun is its verb: 'They identify themselves as ...'.
        after_pronoun = zip(words, words[1:], strict=False)
        if not any(
            w.lower() in words_.subject_pronouns and v[0].islower() for w, v in after_pronoun
        ):
            return "no verb"
    return ""


# --- Loading summaries (two queries per model) ------------------------------------------------


def _actor_summaries(actors: QuerySet[Actor] | None = None) -> dict[int, EntitySummary]:
    actors = actors if actors is not None else Actor.objects.all()
    aliases: dict[int, list[str]] = defaultdict(list)
    rows = actors.values_list("id", "name", "kind", "slug", "country", "mention_count")
    summaries = {}
    for row in rows.order_by("id").iterator(chunk_size=5000):
        summaries[row[0]] = row
    alias_rows = ActorAlias.objects.filter(actor__in=actors).values_list("actor_id", "name")
    for actor_id, alias in alias_rows.order_by("actor_id", "name").iterator(chunk_size=5000):
        aliases[actor_id].append(alias)
    return {
        pk: EntitySummary(
            id=pk,
            name=name,
            kind=kind,
            slug=slug,
            country=country,
            aliases=tuple(a for a in aliases[pk] if a != name),
            mention_count=mentions,
        )
        for pk, (_, name, kind, slug, country, mentions) in summaries.items()
    }


def _place_summaries() -> dict[int, EntitySummary]:
    aliases: dict[int, list[str]] = defaultdict(list)
    for place_id, alias in PlaceAlias.objects.values_list("place_id", "name").iterator(
        chunk_size=5000
    ):
        aliases[place_id].append(alias)
    rows = Place.objects.values_list(
        "id",
        "name",
        "kind",
        "slug",
        "country_code",
        "mention_count",
        "latitude",
        "longitude",
        "parent_id",
    )
    return {
        pk: EntitySummary(
            id=pk,
            name=name,
            kind=kind,
            slug=slug,
            country=cc,
            aliases=tuple(sorted(a for a in set(aliases[pk]) if a != name)),
            mention_count=mentions,
            latitude=lat,
            longitude=lon,
            parent_id=parent,
        )
        for pk, name, kind, slug, cc, mentions, lat, lon, parent in rows.iterator(chunk_size=5000)
    }


# --- Duplicates -------------------------------------------------------------------------------


class _Pairs:
    """Evidence gathered per pair of ids: the best score and every reason."""

    def __init__(self) -> None:
        self.score: dict[tuple[int, int], float] = {}
        self.reasons: dict[tuple[int, int], list[str]] = defaultdict(list)

    def add(self, a: int, b: int, score: float, reason: str) -> None:
        if a == b:
            return
        pair = (a, b) if a < b else (b, a)
        self.score[pair] = max(self.score.get(pair, 0.0), score)
        if reason not in self.reasons[pair]:
            self.reasons[pair].append(reason)


def _spellings(entity: EntitySummary) -> Iterator[tuple[str, bool]]:
    yield entity.name, False
    for alias in entity.aliases:
        yield alias, True


def _exact_links(entities: Iterable[EntitySummary], pairs: _Pairs, *, people: bool) -> None:
    """Same folded name, a shared alias, or an acronym and its expansion."""
    by_fold: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)
    acronyms: dict[str, list[tuple[int, str]]] = defaultdict(list)
    expansions: dict[str, list[tuple[int, str]]] = defaultdict(list)
    kinds = {}
    for entity in entities:
        kinds[entity.id] = entity.kind
        for spelling, is_alias in _spellings(entity):
            folded = name_fold(spelling)
            if folded:
                by_fold[folded].append((entity.id, spelling, is_alias))
            if is_acronym(spelling):
                acronyms[re.sub(r"[.\s]", "", spelling)].append((entity.id, spelling))
            elif entity.kind != Actor.Kind.PERSON and (initials := acronym_of(spelling)):
                # People's initials ('Shahid Ahmad Abdo', SAA) would match every acronym.
                expansions[initials].append((entity.id, spelling))
    for folded, holders in by_fold.items():
        for (a, name_a, alias_a), (b, name_b, alias_b) in combinations(holders, 2):
            if a == b:
                continue
            if not alias_a and not alias_b:
                pairs.add(a, b, 1.0, f"same name once folded: {name_a!r} ~ {name_b!r}")
                continue
            # Two people sharing a one-word alias ("Assad") are namesakes, not one person: the
            # shared-alias section lists them.
            both_people = people and kinds[a] == kinds[b] == Actor.Kind.PERSON
            if both_people and len(folded.split()) < 2:
                continue
            score = 0.95 if len(folded.split()) > 1 else 0.9
            pairs.add(a, b, score, f"shared alias: {name_a!r} ~ {name_b!r}")
    for letters, short in acronyms.items():
        # Two letters stand for too many things (SA, IS) to be more than a hint.
        score = 0.85 if len(letters) > 2 else 0.6
        for a, acronym in short:
            for b, expansion in expansions.get(letters, ()):
                pairs.add(a, b, score, f"acronym: {acronym!r} = {expansion!r}")


def _blocks(folds: dict[int, str]) -> Iterator[list[int]]:
    """Ids whose folded names share a first or a last word; oversized blocks split further."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for pk, folded in folds.items():
        words = folded.split()
        if not words:
            continue
        blocks[("first", words[0])].append(pk)
        if len(words) > 1:
            blocks[("last", words[-1])].append(pk)
    for key, ids in blocks.items():
        if len(ids) <= MAX_BLOCK:
            yield ids
            continue
        finer: dict[str, list[int]] = defaultdict(list)
        for pk in ids:
            words = folds[pk].split()
            finer[words[1] if key[0] == "first" and len(words) > 1 else words[0]].append(pk)
        for sub in finer.values():
            # A still-oversized block of one very common name is compared on its first
            # MAX_BLOCK rows only; the exact-key links above already caught equal names.
            yield sub[:MAX_BLOCK]


def _people_words_agree(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return (
        fuzz.ratio(wa[0], wb[0]) >= PERSON_WORD_CUTOFF
        and fuzz.ratio(wa[-1], wb[-1]) >= PERSON_WORD_CUTOFF
    )


def _fuzzy_links(entities: dict[int, EntitySummary], pairs: _Pairs, *, people: bool) -> None:
    """Names close by edit distance (compared within blocks), or one name's words (two or more)
    all inside the other's (looked up in an index of word pairs)."""
    folds = {pk: name_fold(e.name) for pk, e in entities.items()}
    for ids in _blocks(folds):
        if len(ids) < 2:
            continue
        names = [folds[pk] for pk in ids]
        close = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        for i, j in zip(*close.nonzero(), strict=True):
            if i >= j or names[i] == names[j]:  # equal folds: an exact link already
                continue
            a, b = entities[ids[i]], entities[ids[j]]
            if _opposed(names[i], names[j]):
                continue
            both_people = people and a.kind == b.kind == Actor.Kind.PERSON
            if both_people and not _people_words_agree(names[i], names[j]):
                continue
            pairs.add(a.id, b.id, 0.9 * close[i, j] / 100, f"similar names ({close[i, j]:.0f})")
    _nested_links(entities, folds, pairs, people=people)


def _nested_links(
    entities: dict[int, EntitySummary], folds: dict[int, str], pairs: _Pairs, *, people: bool
) -> None:
    """Index every name by each pair of its words; a name of two or more words then finds the
    names that contain all of its words under its own first pair."""
    words = {pk: sorted(set(folded.split())) for pk, folded in folds.items()}
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pk, ws in words.items():
        for pair in combinations(ws[:MAX_NAME_WORDS], 2):
            by_pair[pair].append(pk)
    for pk, ws in words.items():
        if not 2 <= len(ws) <= MAX_NAME_WORDS:
            continue
        short = set(ws)
        for other in by_pair[(ws[0], ws[1])][:MAX_BLOCK]:
            if other == pk or len(words[other]) <= len(ws) or not short.issubset(words[other]):
                continue
            a, b = entities[pk], entities[other]
            if people and a.kind == b.kind == Actor.Kind.PERSON:
                continue  # 'Ali Mamlouk' inside 'Ali Mamlouk Abu Hassan': too often two people
            if not _opposed(folds[pk], folds[other]):
                _nested_link(a, b, folds[pk], folds[other], pairs)


@cache
def _distinguishing_folds() -> frozenset[str]:
    return frozenset(_fold_word(w) for w in _words().distinguishing)


def _opposed(fa: str, fb: str) -> bool:
    """Names that differ by a word telling two things apart: Eastern vs Western Ghouta."""
    distinguishing = _distinguishing_folds()
    only_a, only_b = set(fa.split()) - set(fb.split()), set(fb.split()) - set(fa.split())
    return bool(only_a & distinguishing and only_b & distinguishing)


def _nested_link(a: EntitySummary, b: EntitySummary, fa: str, fb: str, pairs: _Pairs) -> None:
    """One name's words (two or more) all inside the other's. Dropping an inner word ('Syrian
    Coalition' ~ 'Syrian National Coalition') or a leading one ('The National Coalition') keeps
    the head noun and is likely the same body; adding words ('... Coalition Media Office') more
    often names a part of it."""
    short, long_ = sorted((fa.split(), fb.split()), key=len)
    if len(short) < 2 or set(short) == set(long_):
        return
    if short[0] == long_[0] and short[-1] == long_[-1]:
        score, how = 0.88, "an inner word dropped"
    elif short[-1] == long_[-1]:
        score, how = 0.8, "a leading word dropped"
    else:
        score, how = 0.65, "words added"
    pairs.add(a.id, b.id, score, f"one name inside the other ({how}): {a.name!r} ~ {b.name!r}")


def _ranked(pairs: _Pairs, entities: dict[int, EntitySummary]) -> list[DuplicateCandidate]:
    found = [
        DuplicateCandidate(
            first=entities[a],
            second=entities[b],
            score=round(score, 3),
            reasons=tuple(pairs.reasons[(a, b)]),
            priority=round(
                score
                * (1 + math.log10(1 + min(entities[a].mention_count, entities[b].mention_count))),
                3,
            ),
        )
        for (a, b), score in pairs.score.items()
    ]
    found.sort(key=lambda c: (-c.priority, -c.score, c.first.id, c.second.id))
    return found


def _limited(rows: list, limit: int | None) -> list:
    return rows if limit is None else rows[:limit]


def actor_duplicate_list(*, limit: int | None = None) -> list[DuplicateCandidate]:
    """Pairs of actors that are likely one, best first (by `priority`). Kinds may differ: the extractor can
    file one group as a person in one report and an armed group in another. Two queries."""
    actors = _actor_summaries()
    pairs = _Pairs()
    _exact_links(actors.values(), pairs, people=True)
    _fuzzy_links(actors, pairs, people=True)
    junk = {pk for pk, actor in actors.items() if any(w >= 3 for w, _ in _name_flaws(actor.name))}
    for pair in pairs.score:
        a, b = actors[pair[0]], actors[pair[1]]
        if a.kind != b.kind:
            pairs.reasons[pair].append(f"kinds differ: {a.kind} / {b.kind}")
        if junk.intersection(pair):
            # Two tag lists are alike without being an entity: delete them, don't merge them.
            pairs.score[pair] /= 2
            pairs.reasons[pair].append("a junk name (see junk-actors)")
    return _limited(_ranked(pairs, actors), limit)


def _km(a: EntitySummary, b: EntitySummary) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def place_duplicate_list(*, limit: int | None = None) -> list[DuplicateCandidate]:
    """Pairs of places that are likely one, best first (by `priority`). A place and its own parent (Idlib city
    in Idlib Governorate) are not duplicates; two places far apart rank lower. Two queries."""
    places = _place_summaries()
    pairs = _Pairs()
    _exact_links(places.values(), pairs, people=False)
    _fuzzy_links(places, pairs, people=False)
    for pair in list(pairs.score):
        a, b = places[pair[0]], places[pair[1]]
        if a.parent_id == b.id or b.parent_id == a.id:
            del pairs.score[pair]
            continue
        km = _km(a, b)
        if km is not None:
            pairs.reasons[pair].append(f"{km:.0f} km apart")
            if km > FAR_KM:
                pairs.score[pair] /= 2
        if a.country and b.country and a.country != b.country:
            pairs.reasons[pair].append(f"countries differ: {a.country} / {b.country}")
    return _limited(_ranked(pairs, places), limit)


# --- Junk actors ------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _name_flaws(name: str) -> tuple[tuple[int, str], ...]:
    words_ = _words()
    tokens = _key(name).split()
    raw = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    flaws = []
    furniture = [t for t in tokens if t in words_.furniture_words]
    if furniture:
        flaws.append((5, f"page-furniture word: {', '.join(furniture)}"))
    if len(raw) == 1 and name == name.lower():
        flaws.append((3, "one lowercase word"))
    elif any(w[0].islower() and _key(w) not in words_.name_particles for w in raw):
        flaws.append((1, "lowercase word in the name"))
    if tokens and all(t in words_.demonyms for t in tokens):
        flaws.append((3, "an adjective or demonym, not a name"))
    if len(tokens) > 1 and tokens[-1] in words_.headline_words:
        flaws.append((2, f"ends with a headline word: {tokens[-1]}"))
    return tuple(flaws)


def actor_junk_list(*, limit: int | None = None) -> list[JunkActor]:
    """Actors that are probably not actors, surest first: page-furniture words ("Tags",
    "Subscribe"), one lowercase word, adjectives and demonyms, names that end in a headline
    verb, and actors never named in a proper sentence (only in headlines and tag lists).
    Three queries: actors with counts, their aliases, their mention sentences."""
    actors = _actor_summaries()
    proper: dict[int, int] = defaultdict(int)
    sample: dict[int, str] = {}
    shape: dict[str, str] = {}
    mentions = Mention.objects.filter(actor__isnull=False).with_sentence().order_by().distinct()
    for actor_id, sentence in mentions.values_list("actor_id", "sentence").iterator(
        chunk_size=5000
    ):
        flaw = shape.get(sentence)
        if flaw is None:
            flaw = shape[sentence] = sentence_flaw(sentence)
        if not flaw:
            proper[actor_id] += 1
        else:
            sample.setdefault(actor_id, sentence)
    found = []
    for actor in actors.values():
        flaws = list(_name_flaws(actor.name))
        if not actor.mention_count:
            flaws.append((2, "no mentions"))
        elif not proper[actor.id]:
            flaws.append((2, f"never named in a proper sentence ({shape[sample[actor.id]]})"))
        if flaws:
            found.append(
                JunkActor(
                    actor=actor,
                    score=sum(w for w, _ in flaws),
                    reasons=tuple(r for _, r in flaws),
                    sample_sentence=sample.get(actor.id, "") if not proper[actor.id] else "",
                )
            )
    # Every actor with a page-furniture word is surely junk: among those, and then within each
    # lower score, the most mentioned first, as it misleads most.
    found.sort(key=lambda j: (-min(j.score, SURE_JUNK), -j.actor.mention_count, j.actor.name))
    return _limited(found, limit)


# --- Aliases shared by two people -------------------------------------------------------------


def alias_shared_list(*, limit: int | None = None) -> list[SharedAlias]:
    """Spellings (folded) that two or more people hold, at least one of them as an alias: the
    extractor cannot tell which person an article means by it. Most people first. Two queries.
    (Two people with the same full name are in the duplicates section instead.)"""
    people = _actor_summaries(Actor.objects.filter(kind=Actor.Kind.PERSON))
    holders: dict[str, dict[int, bool]] = defaultdict(dict)
    spellings: dict[str, set[str]] = defaultdict(set)
    for person in people.values():
        for spelling, is_alias in _spellings(person):
            folded = name_fold(spelling)
            if not folded:
                continue
            held = holders[folded]
            held[person.id] = held.get(person.id, True) and is_alias
            spellings[folded].add(spelling)
    found = [
        SharedAlias(
            key=key,
            spellings=tuple(sorted(spellings[key])),
            people=tuple(
                sorted((people[pk] for pk in held), key=lambda p: (-p.mention_count, p.id))
            ),
        )
        for key, held in holders.items()
        if len(held) > 1 and any(held.values())
    ]
    found.sort(key=lambda s: (-len(s.people), -sum(p.mention_count for p in s.people), s.key))
    return _limited(found, limit)


# --- Meetings whose participants the sources do not name --------------------------------------


def _named_in(spellings: Iterable[str], sentence_words: str) -> bool:
    for spelling in spellings:
        folded = " ".join(_fold_word(w) for w in _key(spelling).split())
        if folded and f" {folded} " in sentence_words:
            return True
    return False


def meeting_unnamed_list(*, limit: int | None = None) -> list[MeetingIssue]:
    """Meetings with a participant that no proper source sentence names (by name or alias):
    the extractor took the participant from elsewhere, or from page furniture such as a list
    of headlines. Meetings with the most such participants first. Four queries."""
    meetings = Meeting.objects.select_related("place").prefetch_related(
        Prefetch(
            "participations",
            queryset=MeetingParticipant.objects.select_related("actor")
            .prefetch_related(
                Prefetch("actor__aliases", queryset=ActorAlias.objects.only("actor_id", "name"))
            )
            .order_by("actor__name"),
            to_attr="participant_list",
        ),
        Prefetch(
            "sources",
            queryset=MeetingSource.objects.with_sentence().only("meeting_id"),
            to_attr="source_list",
        ),
    )
    found = []
    for meeting in meetings.order_by("id"):
        proper, other = [], []
        for source in meeting.source_list:
            words = " " + " ".join(_fold_word(w) for w in _key(source.sentence).split()) + " "
            (other if sentence_flaw(source.sentence) else proper).append(words)
        unnamed = []
        for participation in meeting.participant_list:
            actor = participation.actor
            spellings = [actor.name, *(a.name for a in actor.aliases.all())]
            if any(_named_in(spellings, words) for words in proper):
                continue
            if any(_named_in(spellings, words) for words in other):
                reason = "named only in page furniture or a headline"
            else:
                reason = "not named in any source sentence"
            unnamed.append(UnnamedParticipant(name=actor.name, actor_id=actor.pk, reason=reason))
        if unnamed:
            found.append(
                MeetingIssue(
                    meeting_id=meeting.pk,
                    date=meeting.date.isoformat() if meeting.date else "",
                    place=meeting.place.name if meeting.place else "",
                    participants=tuple(p.actor.name for p in meeting.participant_list),
                    unnamed=tuple(unnamed),
                    sentences=tuple(s.sentence for s in meeting.source_list),
                )
            )
    found.sort(key=lambda m: (-len(m.unnamed), m.meeting_id))
    return _limited(found, limit)
