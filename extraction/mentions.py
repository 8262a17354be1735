"""Find the names in an article and decide what each one is: a person, an organization, a place.

Two sources are combined. The model's entities give persons and organizations nobody listed;
a dictionary pass over runs of capitalized words finds every known actor (by alias or acronym)
and every place the gazetteer knows, including those the model tags as PERSON, ORG or PRODUCT or
misses. Names written inside a title ("Defense" in "Defense Minister") or a byline credit are not
actors.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from extraction.dates import MONTH_WORD, WEEKDAY_WORD
from extraction.document import Document, Word
from extraction.gazetteer import REGION, GazetteerEntry, place_key
from extraction.knowledge import KnownActor, is_acronym
from extraction.normalize import match_key, name_key
from extraction.place_names import (
    ARMED_GROUP_WORDS,
    BUILDING_WORDS,
    COMPASS,
    PlaceCore,
    glued_direction_stem,
    is_descriptor,
    is_event_noun,
    is_generic_place_word,
    is_given_name,
    is_name_head,
    names_no_place,
    names_some_place,
    place_core,
    with_article_spaced,
)
from extraction.resources import Resources

CONNECTORS = frozenset({"of", "the", "for", "and", "de", "al", "el", "bin", "ibn", "du", "la"})
MAX_NGRAM = 7
MAX_PLACE_WORDS = 5
# Lowercase words that end a place name: "Qamishli airport", "Idlib province".
PLACE_TAILS = frozenset(
    [
        "airport",
        "airbase",
        "base",
        "crossing",
        "province",
        "governorate",
        "district",
        "river",
        "dam",
        "port",
        "prison",
        "camp",
        "countryside",
    ]
)
ACTOR_LABELS = frozenset({"PERSON", "ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_PLACE_LABELS = frozenset({"PRODUCT", "EVENT", "WORK_OF_ART", "NORP"})
# A village of the region is believed from a capitalized word only from this size on.
MIN_REGION_POPULATION = 1000
# A city opening a line as a dateline ("SOCHI, Russia —") is believed from this size on.
DATELINE_MIN_POPULATION = 50_000
# A place the model tagged, far from the story's countries, is believed from this size on.
BELIEVED_POPULATION = 50_000
# 'Aleppos' is read as "Aleppo's" for places at least this big (and for countries).
BARE_POSSESSIVE_POPULATION = 10_000
# Words that end a credit, not a name: "REUTERS Photo", "AFP File".
_CREDIT_TAIL = re.compile(
    r"(?:\s+(?:photo|photos|file|images?|pictures?|via|/.*))+$", re.IGNORECASE
)
_ARABIC_PREFIX = re.compile(
    r"^(?:al|el|as|ash|ad|ar|an|at|az|adh|ath|ez|es|ed|er|et|en|ul|ud|bin|ibn|abu|bani)-\w", re.I
)
_ARTICLE_ALONE = re.compile(r"(?:al|el)", re.IGNORECASE)
_ARTICLE_WORD = re.compile(r"^(?:al|el|as|ash|ad|ar|an|at|az|adh|ath|ez|es|ed|er|et|en)-\w", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_TRIM = " \t\n\"'“”‘’()[]{},.;:!?-–—"
_HAS_DIGIT = re.compile(r"\d")
_DATELINE = re.compile(r",\s+[A-Z][\w .]{2,30}\s*[—–-]|\s*[—–:]|\s+-\s|,\s+[A-Z][a-z]{2}\.?\s+\d")


@dataclass
class NameMention:
    start: int
    end: int
    text: str
    kind: str  # "person" | "organization" | "armed_group" | "place"
    label: str  # the model's label, "DICT" for the dictionary pass, "LIST" inside a list
    known: KnownActor | None = None
    entry: GazetteerEntry | None = None
    possessive: bool = False  # written "Assad's": an owner, not an agent
    group: int = -1  # index of the actor or place this mention was resolved to

    @property
    def is_actor(self) -> bool:
        return self.kind in ("person", "organization", "armed_group")


def find_mentions(article: Document, res: Resources, context: Sequence[str]) -> list[NameMention]:
    """All actor and place mentions, non-overlapping, in text order."""
    titles = [(m.start(), m.end()) for m in article.titles]
    ents = [_clean_ent(article, e.start_char, e.end_char, e.label_) for e in article.doc.ents]
    ents = [e for e in ents if e is not None]
    dictionary = _dictionary_mentions(article, res, context, ents)
    chosen: list[NameMention] = []
    taken = _Intervals()
    for m in dictionary:
        if m.kind != "place" or " " in m.text:  # known actors and multi-word places first
            chosen.append(m)
            taken.add(m.start, m.end)
    for start, end, label in ents:
        mention = _from_entity(article, res, context, start, end, label, dictionary, titles)
        if mention is None:
            continue
        if mention.label in ("PERSON+DICT", "PERSON+NAME"):
            taken.remove_inside(mention.start, mention.end, chosen)
        elif taken.overlaps(mention.start, mention.end):
            continue
        for part in _list_of_places(article.text, res, context, mention):
            chosen.append(part)
            taken.add(part.start, part.end)
    for start, end in _buildings(article.text, ents, dictionary, context):
        taken.add(start, end)
    for m in dictionary:
        if m.kind == "place" and " " not in m.text and not taken.overlaps(m.start, m.end):
            chosen.append(m)
            taken.add(m.start, m.end)
    chosen.sort(key=lambda m: m.start)
    chosen = _names_as_written(article.text, res, context, chosen)
    return _without_private_individuals(article.text, _persons_over_places(chosen))


def _buildings(
    text: str,
    ents: list[tuple[int, int, str]],
    dictionary: list[NameMention],
    context: Sequence[str],
) -> list[tuple[int, int]]:
    """Buildings named after someone or somewhere else ("the Omar Ibn al-Khattab Mosque", "the
    Baghdad Station" in Aleppo): their words name no place of the story. A building that opens
    with a town of the story's countries ("Qamishli National Hospital") stands in that town, so
    the town is kept."""
    found = []
    for start, end, _label in ents:
        words = text[start:end].split()
        if len(words) < 2 or words[-1].lower().strip(".,;:'’") not in BUILDING_WORDS:
            continue
        opening = next((m for m in dictionary if m.start == start and m.kind == "place"), None)
        home = opening is not None and opening.entry is not None
        if home and (opening.entry.country == "SY" or opening.entry.country in context[:3]):
            continue
        found.append((start, end))
    return found


_LIST_JOINERS = frozenset({"and", "of", "in"})
_WORD = re.compile(r"\S+")


def _list_of_places(
    text: str, res: Resources, context: Sequence[str], mention: NameMention
) -> list[NameMention]:
    """An unknown place that is known places written one after the other is a list whose commas
    the outlet lost ("Arbin Kafr Batna Jisreen", "Zamalka Arbeen", "Barzeh of Damascus"): one
    mention per place. Every word must belong to a known place of the story's countries (or be
    "and", "of", "in" between two of them); failing that, a list with at least two places known
    as written keeps its unknown words as places of their own ("Arbin Kafarbatna Jisreen Otoya":
    Otoya). Else the name stays as it is ("Tal Zafran Arbeen" is one village)."""
    if mention.kind != "place" or mention.entry is not None or " " not in mention.text:
        return [mention]
    words = [
        (mention.start + m.start(), mention.start + m.end()) for m in _WORD.finditer(mention.text)
    ]
    parts: list[NameMention] = []
    i = 0
    while i < len(words):
        if parts and text[words[i][0] : words[i][1]].lower() in _LIST_JOINERS:
            i += 1
            continue
        found = _known_place_at(text, res, context, words, i)
        if found is None:
            return _partial_list(text, res, context, mention, words)
        size, entry = found
        start, end = words[i][0], words[i + size - 1][1]
        parts.append(NameMention(start, end, text[start:end], "place", mention.label, entry=entry))
        i += size
    return parts if len(parts) > 1 else [mention]


# A list with unknown words is split only when this many of its places are known as written.
MIN_KNOWN_IN_PARTIAL_LIST = 2
# The label of an unknown place found inside such a list: a place by its company alone.
LIST_LABEL = "LIST"


def _partial_list(
    text: str,
    res: Resources,
    context: Sequence[str],
    mention: NameMention,
    words: list[tuple[int, int]],
) -> list[NameMention]:
    """Known places and the runs of unknown words between them; an unknown run also ends before a
    word that opens a village name ("Tal al-Mal Tal Mashara")."""
    parts: list[NameMention] = []
    run: list[tuple[int, int]] = []

    def close_run() -> None:
        if run:
            start, end = run[0][0], run[-1][1]
            parts.append(NameMention(start, end, text[start:end], "place", LIST_LABEL))
            run.clear()

    i = 0
    while i < len(words):
        word = text[words[i][0] : words[i][1]]
        if word.lower() in _LIST_JOINERS:
            close_run()
            i += 1
            continue
        found = _known_place_at(text, res, context, words, i)
        if found is not None:
            close_run()
            size, entry = found
            start, end = words[i][0], words[i + size - 1][1]
            parts.append(
                NameMention(start, end, text[start:end], "place", mention.label, entry=entry)
            )
            i += size
            continue
        if run and res.knowledge.is_place_word(word.strip(_TRIM)):
            close_run()
        run.append(words[i])
        i += 1
    close_run()
    known = sum(1 for p in parts if p.entry is not None)
    return parts if known >= MIN_KNOWN_IN_PARTIAL_LIST else [mention]


def _known_place_at(
    text: str,
    res: Resources,
    context: Sequence[str],
    words: list[tuple[int, int]],
    i: int,
) -> tuple[int, GazetteerEntry] | None:
    """The longest known place starting at word i: (its number of words, its entry). Exact
    spellings only: a near miss inside a list is too weak a clue ("al-Masharqeh" of Aleppo is
    two letters from Al Asharah on the Euphrates)."""
    for size in range(min(MAX_PLACE_WORDS, len(words) - i), 0, -1):
        name = text[words[i][0] : words[i + size - 1][1]].strip(_TRIM)
        if size == 1 and (len(name) < 4 or res.knowledge.is_place_word(name)):
            continue
        if size > 1 and _ARTICLE_ALONE.fullmatch(name.rsplit(None, 1)[-1]):
            continue  # "Jarablus al" of "Jarablus al Rai": the article opens the next name
        entry = country_entry(res, name) or res.place(name, context)
        if entry is not None and (entry.country == "SY" or entry.country in context[:2]):
            return size, entry
    return None


class _Intervals:
    """The spans taken, sorted: a test looks only at those starting near it, so that a text with
    thousands of mentions costs no more per mention than a short one."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        # A span starting before start - longest ends before start.
        i = bisect.bisect_left(self.spans, (start - self.longest,))
        while i < len(self.spans) and self.spans[i][0] < end:
            if start < self.spans[i][1]:
                return True
            i += 1
        return False

    def remove_inside(self, start: int, end: int, chosen: list[NameMention]) -> None:
        """Forget the mentions inside [start, end): a longer person name replaces them."""
        lo, hi = bisect.bisect_left(self.spans, (start,)), bisect.bisect_left(self.spans, (end,))
        self.spans[lo:hi] = [(s, e) for s, e in self.spans[lo:hi] if e > end]
        chosen[:] = [m for m in chosen if not (start <= m.start and m.end <= end)]


def _clean_ent(article: Document, start: int, end: int, label: str) -> tuple[int, int, str] | None:
    text = article.text
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # Not `match(text, start)`: "^" does not match at a start position inside the text, and
    # the model often takes a lowercase "the" into an organization ("the Raqqa Civil Council").
    m = _LEADING_THE.match(text[start:end])
    if m:
        start += m.end()
    if end - start < 2:
        return None
    if _is_time_zone(text, start, end):
        return None
    opened = text.find("(", start, end)
    if opened > start and text.find(")", opened, end) < 0:
        end = opened  # "International Law (IL": the bracket the span crossed is not the name's
        while end > start and text[end - 1] in _TRIM + "&":
            end -= 1
    elif text[end - 1] == "&" or text.endswith(" &", start, end):
        end = text.rindex("&", start, end)  # "WASH &": a pair cut at its "and"
        while end > start and text[end - 1] in _TRIM:
            end -= 1
    if end - start < 2:
        return None
    tail = _GLUED_TAIL.search(text, start, end)
    if tail is not None and tail.start() > start and _GLUED_TAIL_NEXT.match(text, end):
        end = tail.start()  # "in Daraa Two citizens", "Syria Air strikes", "Damascus Car bomb"
    return start, end, label


# A last word that belongs to the lowercase words after the name: a number before what it
# counts, or a weapon before the attack it makes.
_GLUED_TAIL = re.compile(
    r"\s(?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Dozens|Hundreds|Thousands"
    r"|Air|Car|Barrel|Rocket|Mortar|Truck|Drone|Missile)$"
)
_GLUED_TAIL_NEXT = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:citizens|civilians|people|persons|children|soldiers|fighters"
    r"|terrorists|militants|killed|dead|wounded|injured|strikes?|raids?|bombs?|bombings?"
    r"|attacks?|shells?)\b"
)
_CLOCK = r"\d{1,2}:\d{2}"
_CLOCK_AFTER = re.compile(rf"\s+{_CLOCK}\b")
_CLOCK_BEFORE = re.compile(rf"\b{_CLOCK}\s+$")


def _is_time_zone(text: str, start: int, end: int) -> bool:
    """'Last Update: Friday 4 May 2018 KSA 11:13 - GMT 08:13': an acronym beside a clock time
    is the time's zone, not an actor."""
    name = text[start:end]
    if not (name.isupper() and name.isalpha() and 2 <= len(name) <= 5):
        return False
    return bool(
        _CLOCK_AFTER.match(text, end) or _CLOCK_BEFORE.search(text, max(0, start - 8), start)
    )


def _strip_possessive(text: str, start: int, end: int) -> tuple[int, bool]:
    m = _POSSESSIVE.search(text, start, end)
    if m and m.start() > start + 1:
        return m.start(), True
    return end, False


def _is_capitalized(word: Word) -> bool:
    return word.capitalized or bool(_ARABIC_PREFIX.match(word.text) and "-" in word.text)


def capitalized_runs(article: Document) -> list[list[Word]]:
    """Runs of capitalized words on one line, joined by single spaces and lowercase connectors."""
    text, words = article.text, article.words
    runs: list[list[Word]] = []
    current: list[Word] = []
    for i, word in enumerate(words):
        capital = _is_capitalized(word)
        joinable = bool(current) and _adjacent(text, current[-1], word)
        if capital:
            if not joinable:
                _close(runs, current)
                current = []
            current.append(word)
        elif joinable and word.text.lower() in CONNECTORS and _next_capital(words, i, text):
            current.append(word)
        elif joinable and word.text.lower() in PLACE_TAILS:
            current.append(word)
            _close(runs, current)
            current = []
        else:
            _close(runs, current)
            current = []
    _close(runs, current)
    return runs


def _adjacent(text: str, left: Word, right: Word) -> bool:
    gap = text[left.end : right.start]
    return gap in (" ", "") or (gap.isspace() and "\n" not in gap and len(gap) <= 2)


def _next_capital(words: list[Word], i: int, text: str) -> bool:
    """The connector at `i` leads, through more connectors, to a capitalized word on its line."""
    j = i + 1
    while j < len(words) and _adjacent(text, words[j - 1], words[j]):
        if _is_capitalized(words[j]):
            return True
        if words[j].text.lower() not in CONNECTORS:
            return False
        j += 1
    return False


def _close(runs: list[list[Word]], run: list[Word]) -> None:
    while run and run[-1].text.lower() in CONNECTORS:
        run = run[:-1]
    if run:
        runs.append(run)


def _dictionary_mentions(
    article: Document,
    res: Resources,
    context: Sequence[str],
    ents: list[tuple[int, int, str]],
) -> list[NameMention]:
    found: list[NameMention] = []
    for run in capitalized_runs(article):
        i = 0
        while i < len(run):
            size = _match_at(article, res, context, run, i, ents, found)
            i += size or 1
    return found


def _match_at(
    article: Document,
    res: Resources,
    context: Sequence[str],
    run: list[Word],
    i: int,
    ents: list[tuple[int, int, str]],
    found: list[NameMention],
) -> int:
    text = article.text
    if not _is_capitalized(run[i]):
        return 0
    may_be_known = res.may_start_name(run[i].text)
    for size in range(min(MAX_NGRAM, len(run) - i), 0, -1):
        last = run[i + size - 1]
        if last.text.lower() in CONNECTORS:
            continue
        if not may_be_known and size > MAX_PLACE_WORDS:
            continue
        start = run[i].start
        end, possessive = _strip_possessive(text, start, last.end)
        name = text[start:end]
        if may_be_known or size == 1:
            kind, known, country = res.memo(
                "dict", name, functools.partial(_dictionary_kind, res, name)
            )
        else:
            kind, known, country = "", None, None
        if kind == "actor" and known is not None:
            if i > 0 and res.knowledge.is_place_word(run[i - 1].text):
                return size  # "Dahiyet al-Assad": a district named after him, not him
            if not possessive and _QUARTER_AFTER.match(text, end):
                return size  # "the al-Assad suburb", "the Assad neighbourhood": the same
            region = _region_possessive(res, context, text, start, end, "DICT")
            if region is not None:
                found.append(region)
                return size
            found.append(
                NameMention(
                    start, end, name, known.kind, "DICT", known=known, possessive=possessive
                )
            )
            return size
        if kind == "agency":
            found.append(NameMention(start, end, name, "agency", "DICT"))
            return size
        if kind == "country":
            found.append(
                NameMention(start, end, name, "place", "DICT", entry=country, possessive=possessive)
            )
            return size
        if kind == "stop":
            continue
        if size == 1 and i + 1 < len(run) and res.knowledge.is_place_word(name):
            continue  # "Tall" of "Tall Tawil": the first word of a longer name, not At Tall
        entry = _place_for(article, res, context, start, end, name, size, ents)
        if entry is not None and " of " in name:
            head = name[: name.index(" of ")]
            if res.place(head, context) == entry:
                continue  # "Kurdistan Region of Iraq": the region, then Iraq on its own
        if entry is not None:
            found.append(
                NameMention(start, end, name, "place", "DICT", entry=entry, possessive=possessive)
            )
            return size
    return _bare_possessive(article, res, context, run[i], found)


def _bare_possessive(
    article: Document, res: Resources, context: Sequence[str], word: Word, found: list[NameMention]
) -> int:
    entry = bare_possessive_entry(res, context, word.text)
    if entry is None:
        return 0
    stem = word.text[:-1]
    found.append(
        NameMention(word.start, word.end - 1, stem, "place", "DICT", entry=entry, possessive=True)
    )
    return 1


def bare_possessive_entry(
    res: Resources, context: Sequence[str], name: str
) -> GazetteerEntry | None:
    """'Syrias', 'Aleppos': a possessive whose apostrophe was lost, common in scraped text."""
    if len(name) < 5 or " " in name or not name.endswith("s") or name.endswith("ss"):
        return None
    stem = name[:-1]
    if res.demonym(stem):
        return None  # "Kazakhs" are people
    entry = country_entry(res, stem)
    if entry is None:
        place = res.place(stem, context)
        big = place is not None and place.population >= BARE_POSSESSIVE_POPULATION
        same = place is not None and (
            name_key(place.name) == name_key(stem)
            or place.country in REGION  # "Raqas": Raqqa's, one "q" lost as well
            and place_key(place.name) == place_key(stem)
        )
        entry = place if big and same else None
    if entry is None or res.place(name, context) is not None:
        return None
    return entry


def _dictionary_kind(
    res: Resources, name: str
) -> tuple[str, KnownActor | None, GazetteerEntry | None]:
    """What a capitalized n-gram is by the knowledge base alone: actor, agency, country, stopword."""
    known = known_actor(res, name)
    if known is not None:
        return "actor", known, None
    if res.is_agency(name):
        return "agency", None, None
    country = country_entry(res, name)
    if country is not None:
        return "country", None, country
    if res.is_stopword(name):
        return "stop", None, None
    return "", None, None


def known_actor(res: Resources, name: str) -> KnownActor | None:
    """The known actor of a name, also written in the plural ("Syrian Arab Air Forces")."""
    return res.memo("known", name, lambda: _known_actor(res, name))


def _known_actor(res: Resources, name: str) -> KnownActor | None:
    known = res.actor(name)
    if known is None and len(name) > 4 and name.endswith("s") and not is_acronym(name):
        known = res.actor(name[:-1])
    return known


def country_entry(res: Resources, name: str) -> GazetteerEntry | None:
    """A country named by its name ("Syria") or by an all-capital short form ("US", "U.K.")."""
    return res.memo("country", name, lambda: _country_entry(res, name))


def _country_entry(res: Resources, name: str) -> GazetteerEntry | None:
    entry = res.gazetteer.country(name) if name[:1].isupper() and len(name) > 3 else None
    if entry is None and is_acronym(name):
        code = res.demonym(name)
        entry = res.gazetteer.get(f"cc:{code}") if code else None
    return entry


def _place_for(
    article: Document,
    res: Resources,
    context: Sequence[str],
    start: int,
    end: int,
    name: str,
    size: int,
    ents: list[tuple[int, int, str]],
) -> GazetteerEntry | None:
    if _HAS_DIGIT.search(name):
        return None
    entry = _quarter(res, context, name, article.text, end) or res.place(name, context)
    if entry is None or entry.kind == "country":
        return None  # countries are found by their names only (country_entry), never "Mar"
    if not entry.key.startswith("gn:"):
        return entry
    label = next((lab for s, e, lab in ents if s == start and e == end), None)
    if label in PLACE_LABELS:
        return entry
    sentence_start = article.sentence_bounds(start)[0]
    if size == 1 and start == sentence_start and label is None:
        dateline = _DATELINE.match(article.text, end)
        return entry if dateline and entry.population >= DATELINE_MIN_POPULATION else None
    if entry.country in REGION and (entry.population >= MIN_REGION_POPULATION or size > 1):
        return entry
    if label in OTHER_PLACE_LABELS and entry.population >= 100_000:
        return entry
    return None


_QUARTER_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|quarters?|district|area)\b", re.IGNORECASE)


def _quarter(
    res: Resources, context: Sequence[str], name: str, text: str, end: int
) -> GazetteerEntry | None:
    """'the Sulaymaniyah neighbourhood': a name written as a city quarter is the curated quarter
    of the story's country, not a city of the same name abroad (Iraq's Sulaymaniyah)."""
    if not context or not _QUARTER_AFTER.match(text, end):
        return None
    bare = _LEADING_THE.sub("", name)
    names = (bare,) if _ARTICLE_WORD.match(bare) else (bare, "al-" + bare)
    return next(
        (
            c
            for written in names
            for c in res.gazetteer.candidates(written)
            if c.country == context[0] and c.kind != "country" and not c.key.startswith("gn:")
        ),
        None,
    )


def _from_entity(
    article: Document,
    res: Resources,
    context: Sequence[str],
    start: int,
    end: int,
    label: str,
    dictionary: list[NameMention],
    titles: list[tuple[int, int]],
) -> NameMention | None:
    text = article.text
    if label in ACTOR_LABELS and not _place_named_after_a_title(text, start, end):
        start = _skip_prefixes(res, text, start, end, label)
        if start >= end:
            return None
    end, possessive = _strip_possessive(text, start, end)
    credit = _CREDIT_TAIL.search(text, start, end)
    if credit and credit.start() > start:
        end = credit.start()
    # Titles are found by one regex scan: sorted and apart, so only those starting inside the
    # name can cut it, and only the last one starting before it can hold it.
    first_after = bisect.bisect_right(titles, (start, len(text)))
    for ts, te in titles[first_after : bisect.bisect_left(titles, (end,))]:
        if start < ts < end <= te:
            end = ts  # "Kazakh Foreign" of "Kazakh Foreign Minister"
    name = text[start:end].strip(_TRIM)
    end = start + len(text[start:end].rstrip(_TRIM))
    if len(name) < 2 or not (name[0].isupper() or _ARABIC_PREFIX.match(name)) or "\n" in name:
        return None
    if first_after and titles[first_after - 1][1] >= end:
        return None  # inside a title
    rank = res.rank_re.match(text, start)
    if rank is not None and rank.end() >= end:
        return None  # "Brig" of "Brig. Gen. ..."
    if label == "PERSON" and (res.knowledge.is_rank(name) or is_acronym(name)):
        return None
    if label in OTHER_PLACE_LABELS and _person_by_apposition(text, end, name):
        return NameMention(start, end, name, "person", "APPOSITION", possessive=possessive)
    known = known_actor(res, name)
    if known is not None and not possessive and _QUARTER_AFTER.match(text, end):
        return None  # "the al-Assad suburb": a quarter named after him, not him
    if known is not None:
        region = _region_possessive(res, context, text, start, end, label)
        if region is not None:
            return region
        return NameMention(start, end, name, known.kind, label, known=known, possessive=possessive)
    country = country_entry(res, name)
    if country is not None:
        return NameMention(start, end, name, "place", label, entry=country, possessive=possessive)
    bare = bare_possessive_entry(res, context, name)
    if bare is not None:
        return NameMention(start, end - 1, name[:-1], "place", label, entry=bare, possessive=True)
    if res.is_agency(name) or res.is_stopword(name):
        return None
    if label in ACTOR_LABELS and _not_a_name(res, context, name):
        # Its shape already says place ("Kfar Batna", "Sayyeda Zeinab"): a spelling variant of a
        # place of the region is believed, as for a name the model tagged as a place.
        entry = res.place(name, context, fuzzy=True)
        if not res.knowledge.is_place_word(name.split()[0]) or res.knowledge.is_furniture(name):
            return None
        near = entry is not None and (entry.country == "SY" or entry.country in context[:3])
        if not near:
            end = _without_direction_of(text, start, end)
            name = text[start:end]
        return NameMention(  # "Deir Sharqi": a place, known or not; never its "Deir" alone
            start, end, name, "place", label, entry=entry if near else None, possessive=possessive
        )
    if label == "PERSON":
        inner = [m for m in dictionary if start <= m.start and m.end <= end and m.known]
        found = next((m for m in inner if m.known.kind == "person"), None)
        if found is not None and same_person(text[start : found.end], found.known):
            if found.end < end and not _more_name(text[found.end : end]):
                end, name = found.end, text[start : found.end]  # "Bashar al-Assad Airstrikes"
            return NameMention(
                start, end, name, "person", "PERSON+DICT", known=found.known, possessive=possessive
            )
        if found is not None and len(person_words(found.text)) > 1:
            return None  # "Are Donald Trump": the known full name stands, the word before is not
        if found is not None:
            # "Ammar al-Assad", "Melania Trump": a relative named with the known person's surname.
            other = _actor_or_place(article, res, context, start, end, name, label, possessive)
            if other is not None and other.kind == "person":
                other.label = "PERSON+NAME"
            return other
    if label == "PERSON":
        start, end = _person_bounds(res, context, text, start, end)
        name = text[start:end]
    if label in ACTOR_LABELS:
        found = _actor_or_place(article, res, context, start, end, name, label, possessive)
        if found is not None and found.is_actor and _written_lowercase(text, name):
            return None  # "Rockets also hit", "... Warns Against": words, capitalized here
        return found
    if label in PLACE_LABELS:
        if res.country_code(name):
            return None  # a demonym the model took for a place
        entry = _quarter(res, context, name, text, end) or res.place(name, context, fuzzy=True)
        if entry is not None and _believable(entry, context):
            return NameMention(start, end, name, "place", label, entry=entry, possessive=possessive)
        core = place_core(res, context, name)
        if core is not None:  # "Eastern Homs", "Syrias Idlib", "Astana Kazakhstan", "Clashes"
            if core.entry is None:
                return None
            start, end = start + core.start, start + core.end
            name = text[start:end]
            return NameMention(start, end, name, "place", label, entry=core.entry, possessive=False)
        if label in ("GPE", "LOC", "FAC") and _looks_like_name(name):
            if not names_some_place(name):
                return None
            kind_word = _KIND_AFTER.search(name)
            if kind_word is not None:  # "Qasr Ahmar village": the village is Qasr Ahmar
                end, name = start + kind_word.start(), name[: kind_word.start()]
            end = _without_direction_of(text, start, end)
            name = text[start:end]
            return NameMention(start, end, name, "place", label, possessive=possessive)
    return None


_KIND_AFTER = re.compile(r"(?<=\S)\s+(?:village|town|city)$", re.IGNORECASE)
_DIRECTION_LAST = re.compile(rf"(?<=\S)\s+{COMPASS.pattern}$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b")


def _written_lowercase(text: str, name: str) -> bool:
    """The report also writes `name` in lower case, as words of its own ("Rockets also hit"
    beside "rockets fell", a headline's "Warns Against" beside "warns against"): capitals from a
    sentence start or a headline, not a name. Acronyms ("WHO" beside "who") are names."""
    lower = name.lower()
    if lower == name or name.upper() == name:
        return False
    return re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text) is not None


# The last word of a person's name that is a headline's verb ("Youssef Diab Launched in
# London", "Erdogan Eroding ...") or a demonym ("... Diab Russians").
_VERB_LAST = re.compile(r"(?<=\S)\s+([A-Z][a-z]+(?:ed|ing))$")
_DEMONYM_LAST = re.compile(r"(?<=\S)\s+([A-Z][a-z]+s)$")
# A place before a person's name after "in" or "for", its comma lost ("in Aleppo Ibrahim Abu
# Leith told", "envoy for Syria Staffa de Mistura", "all in al-Foua Mehdi Tahhan said").
_CITY_POPULATION = 100_000
_PREFIX_CUE = re.compile(
    r"\b(?:in|to|at|from|near|for|of)\s+(?:(?:north|south|east|west)(?:ern)?\s+)?$", re.I
)
_KUNYA_WORD = re.compile(r"(?:Abu|Abou|Umm?|Om)$")
_PATRONYMIC = re.compile(r"(?:[Bb]in|[Ii]bn|[Bb]int)$")


def _person_bounds(
    res: Resources, context: Sequence[str], text: str, start: int, end: int
) -> tuple[int, int]:
    """The span of a person's name without the words a lost comma or a headline glued to it."""
    name = text[start:end]
    verb = _VERB_LAST.search(name)
    if verb is not None and " " in name[: verb.start()].strip():
        word = verb.group(1).lower()
        if re.search(rf"(?<![\w-]){word}(?![\w-])", text):
            end = start + verb.start()
    demonym = _DEMONYM_LAST.search(text, start, end)
    if demonym is not None and res.country_code(demonym.group(1)):
        end = demonym.start()
    words = text[start:end].split()
    cued = len(words) >= 2 and _PREFIX_CUE.search(text, max(0, start - 20), start)
    if cued and _place_before_name(res, context, words):
        start = text.index(words[1], start + len(words[0]))
    return start, end


def _place_before_name(res: Resources, context: Sequence[str], words: list[str]) -> bool:
    """Is the first of `words` a place glued to the person named by the others? A country or a
    city before two words or more, or a place written with its article ("al-Foua") before a
    given name or a kunya; never a word that is itself a given name."""
    head, rest = words[0], words[1:]
    if not names_some_place(head) or not rest[0][:1].isupper() or _PATRONYMIC.match(rest[0]):
        return False  # "the al-Bab bin Rashed Brigade": the place's name is his
    place = res.place(head, context) or (res.gazetteer.country(head) if len(head) > 2 else None)
    if place is None:
        return False
    if len(rest) >= 2 and (place.kind == "country" or place.population >= _CITY_POPULATION):
        return True
    named = is_given_name(rest[0]) or _KUNYA_WORD.match(rest[0]) is not None
    return named and _ARTICLE_WORD.match(head) is not None and place.country == "SY"


def _event_after(tail: str) -> bool:
    """'Killing 80 terrorists' after a town: a headline's verb, not more of the name."""
    words = tail.split()
    return bool(words) and is_event_noun(words[0])


def _without_direction_of(text: str, start: int, end: int) -> int:
    """'al-Murayeh South of the Euphrates', 'Oil Field East of Homs': the direction belongs to
    the phrase that follows, not to the name. The new end of the name."""
    found = _DIRECTION_LAST.search(text, start, end)
    if found is None or not _OF_AFTER.match(text, end):
        return end
    return found.start()


def same_person(written: str, known: KnownActor) -> bool:
    """The written name is one of the known person's names, perhaps with a middle name or initial
    after the same given name: "Sergey V. Lavrov" is Sergei Lavrov, but "Ammar al-Assad" and
    "Melania Trump" are not Bashar al-Assad and Donald Trump."""
    words = match_key(written).split()
    names = [match_key(a).split() for a in (known.name, *known.aliases)]
    given = {n[0] for n in names if len(n) > 1}
    for forms in names:
        if words[-len(forms) :] != forms:
            continue
        before = words[: -len(forms)]
        if not before or len(forms) > 1 and len(before[-1]) == 1 or before[0] in given:
            return True
    return False


def _more_name(tail: str) -> bool:
    """Words after a known person's name that continue it: "bin Salman", "Jr"."""
    return bool(re.match(r"\s*(?:bin|ibn|Jr\.?|Sr\.?|II|III)\b", tail))


def _not_a_name(res: Resources, context: Sequence[str], name: str) -> bool:
    """Page furniture ("Youtube Subscribe", "Tags Aleppo"), a possessive glued on a place
    ("Syrias Aleppo": the outlet dropped the apostrophe) or a place-name shape ("Deir X", "Kafr
    X"): no actor, whatever the model says."""
    words = name.split()
    if res.knowledge.is_furniture(name):
        return True
    if len(words) > 1 and bare_possessive_entry(res, context, words[0]) is not None:
        return True
    if len(words) == 1 and _GLUED_WORDS.search(name) and not name.startswith(("Mc", "Mac")):
        return True  # "EjmAlrai", "DailySabah", "KafrTakharim": a handle, or words run together
    if len(words) > 1 and words[-1] in ("Army", "Units") and _headed_by_a_place(res, words[:-1]):
        return True  # "Daraa Army units destroyed ...": a news agency's section heading
    place_shape = len(words) > 1 and res.knowledge.is_place_word(words[0])
    if place_shape and not _ORG_WORD.search(name):
        return True
    if len(words) > 1 and all(_CALENDAR_WORD.fullmatch(w) for w in words):
        return True  # "Fri Sep", "Sun Feb": a dateline's day and month
    if len(words) > 1 and _SITE_END.search(name):
        return True  # "Saadallah al-Jabiri Square", "Baron Street": named after someone, a place
    if len(words) > 1 and all(_is_place_word(res, context, w) for w in words):
        return True
    # "Beirut-Damascus": a road or a route between two places, written with a hyphen.
    parts = name.split("-")
    return (
        len(words) == 1
        and len(parts) > 1
        and all(p[:1].isupper() and _is_place_word(res, context, p) for p in parts)
    )


def _region_possessive(
    res: Resources, context: Sequence[str], text: str, start: int, end: int, label: str
) -> NameMention | None:
    """'Hamas countryside': Hama's, its apostrophe lost, though "Hamas" names a known group."""
    if not _REGION_AFTER.match(text, end):
        return None
    entry = bare_possessive_entry(res, context, text[start:end])
    if entry is None:
        return None
    return NameMention(start, end - 1, text[start : end - 1], "place", label, entry=entry)


_GLUED_WORDS = re.compile(r"[a-z]{2}[A-Z][a-z]")
_CALENDAR_WORD = re.compile(
    rf"(?:{WEEKDAY_WORD}|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)|{MONTH_WORD})\.?,?",
    re.IGNORECASE,
)


def _headed_by_a_place(res: Resources, words: list[str]) -> bool:
    """'Daraa', 'Hama/Idleb': Syrian places alone, as a regional section heading names them."""
    parts = " ".join(words).split("/")
    entries = [res.place(part, ["SY"]) for part in parts]
    return all(e is not None and e.country == "SY" and e.kind != "country" for e in entries)


def _is_place_word(res: Resources, context: Sequence[str], word: str) -> bool:
    """'Aleppo', 'Syrias': a place or a place with its possessive, not a name ("Aleppo Hama")."""
    if bare_possessive_entry(res, context, word) is not None or country_entry(res, word):
        return True
    entry = res.place(word, context)
    near = entry is not None and (entry.country in REGION or entry.country in context[:3])
    return near and entry.population >= BARE_POSSESSIVE_POPULATION


# "a witness named Ahmad", "identified only as Noha", "Noha, 45,": a private person the report
# names by a given name alone, whom no analyst tracks.
_NAMED_BEFORE = re.compile(
    r"\b(?:named|called|identified\s+(?:only\s+)?as|known\s+(?:only\s+)?as|"
    r"gave\s+(?:only\s+)?(?:his|her)\s+(?:first\s+)?name\s+as)\s+$"
)
_AGE_AFTER = re.compile(
    r",?\s+(?:aged\s+)?\d{1,2}(?:,|\s+(?!(?:km|kilomet|mile|percent|%)))"
    r"|,?\s+an?\s+\d{1,2}-year-old\b"  # "says Noha a 45-year-old teacher"
)


# A name that is only a kunya, "father (or mother) of X": "Abu Mohammad", "Abu al-Hassan".
# Thousands of men share each one, so alone it is someone's identity only where the report
# gives him a part in the war: "rebel commander Abu Mustafa", "Abu Nasr, the commander of ...",
# "killed Abu Hassan, an al-Nusra leader". A resident, a vendor or a father quoted by his kunya
# is an anonymous witness, not an actor ("said Abu Mohamed, a vendor in Bustan al-Qasr").
_KUNYA_ALONE = re.compile(r"(?:Abu|Abou|Umm?|Om)\s+(?:(?:al|el)-)?[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?")
_WAR_PART = (
    r"commanders?|leaders?|emirs?|chiefs?|heads?|officials?|officers?|spokes(?:man|woman|person)|"
    r"emissar(?:y|ies)|militants?|terrorists?|fighters?|jihadists?|members?|founders?|deputy|"
    r"generals?|colonel|brigadier|sheikh|imam|cleric|judge|governor|minister|mayor|ideologue|"
    r"mufti|sniper|bomber|operative"
)
_WAR_PART_BEFORE = re.compile(rf"\b(?:{_WAR_PART})\s+(?:(?:known|nicknamed)\s+as\s+)?$", re.I)
_WAR_PART_AFTER = re.compile(
    rf"\W{{0,3}}(?:(?:who\s+(?:was|is|commanded|led|leads|headed|heads)|the|an?)\s+)?"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?:{_WAR_PART})\b",
    re.I,
)


def _anonymous_kunya(text: str, m: NameMention) -> bool:
    """A person or group named by a bare kunya with no part in the war given beside it, or one
    right after the full name it belongs to ("Qasim Halabouni (Abu Mohammad)")."""
    if m.kind not in ("person", "organization") or not _KUNYA_ALONE.fullmatch(m.text):
        return False
    if text[max(0, m.start - 2) : m.start].strip() == "(":
        return True
    before = text[max(0, m.start - 60) : m.start]
    return not (_WAR_PART_BEFORE.search(before) or _WAR_PART_AFTER.match(text, m.end))


def _without_private_individuals(text: str, mentions: list[NameMention]) -> list[NameMention]:
    """Drop the private people a report names by a given name alone ("a witness named Ahmad",
    "said Noha, 45", which the model may also call an organization) or by a bare kunya (see
    _KUNYA_ALONE), and a run of such names that lost the punctuation between them ("Like Noha
    Samira was relieved")."""
    unknown = [m for m in mentions if m.known is None and m.kind in ("person", "organization")]
    private = {
        m.text
        for m in unknown
        if " " not in m.text
        and (
            _AGE_AFTER.match(text, m.end)
            or m.kind == "person"
            and _NAMED_BEFORE.search(text, max(0, m.start - 40), m.start)
        )
    }
    anonymous = {m.start: _anonymous_kunya(text, m) for m in unknown}
    # A kunya goes with all its mentions, unless one of them gives him a part in the war.
    private |= {m.text for m in unknown if anonymous[m.start]} - {
        m.text for m in unknown if _KUNYA_ALONE.fullmatch(m.text) and not anonymous[m.start]
    }
    if not private:
        return mentions
    given = private | {m.text for m in unknown if m.kind == "person" and " " not in m.text}
    # "Al-Hassan says ..." after "a local activist who uses the name Abu al-Hassan": him again.
    tails = {n.split(maxsplit=1)[1].lower() for n in private if _KUNYA_ALONE.fullmatch(n)}

    def is_private(m: NameMention) -> bool:
        if m.known is not None or m.kind not in ("person", "organization"):
            return False
        words = m.text.split()
        return (
            m.text in private
            or (m.kind == "person" and m.text.lower() in tails)
            or (
                len(words) > 1
                and all(w in given for w in words)
                and any(w in private for w in words)
            )
        )

    return [m for m in mentions if not is_private(m)]


def person_words(text: str) -> list[str]:
    return [w for w in match_key(text).split() if w not in ("al", "el")]


def _actor_or_place(
    article: Document,
    res: Resources,
    context: Sequence[str],
    start: int,
    end: int,
    name: str,
    label: str,
    possessive: bool,
) -> NameMention | None:
    if not _looks_like_name(name) or res.country_code(name) and not res.gazetteer.country(name):
        return None
    entry = res.place(name, context)
    cued = bool(_PLACE_CUE.search(article.text, max(0, start - 12), start))
    if entry is not None and (_place_not_actor(entry, name, label) or cued):
        return NameMention(start, end, name, "place", label, entry=entry, possessive=possessive)
    noun_beside = (
        _PLACE_NOUN_BEFORE.search(article.text, max(0, start - 30), start)
        or _PLACE_NOUN_AFTER.match(article.text, end)
        or _FEATURE_END.search(name)
    )
    area = _AREA_BEFORE.search(article.text, max(0, start - 12), start) or (
        _ARABIC_SIDE_END.search(name)
    )
    if _ROUTE_AFTER.match(article.text, end) and _PLACE_PAIR.search(name):
        return None  # "the Salamiyah-Ithriya road": a route between two places, no actor
    if _COMPASS_ONLY.fullmatch(name):
        return None  # "the Southeastern parts of the town": a direction, no name
    first, _, rest = name.partition(" ")
    if rest and COMPASS.fullmatch(first):
        core = place_core(res, context, name)
        if core is not None and core.entry is not None:  # "offensives in Western Raqqa"
            start, end = start + core.start, start + core.end
            name = article.text[start:end]
            return NameMention(start, end, name, "place", label, entry=core.entry)
    direction_of = _DIRECTION_LAST.search(name) and _OF_AFTER.match(article.text, end)
    if noun_beside or area or direction_of or _PLACE_AFTER.match(article.text, end):
        # "the town of Jeb al-Jarrah", "the Zahra neighbourhood", "X west of Aleppo": a place
        # the model took for an actor, on the map only if the gazetteer knows it (a near miss
        # only when a place noun names it, as the words after it may lie farther off).
        entry = entry or (res.place(name, context, fuzzy=True) if noun_beside else None)
        if entry is None:
            end = _without_direction_of(article.text, start, end)
            name = article.text[start:end]
            entry = res.place(name, context) if direction_of else None  # "al-Malaah Northwest of"
            core = place_core(res, context, name)
            if core is not None and core.entry is not None and _event_after(name[core.end :]):
                start, end = start + core.start, start + core.end  # "the town of Manbij Killing"
                name, entry = article.text[start:end], core.entry
        near = entry is not None and (entry.country == "SY" or entry.country in context[:3])
        return NameMention(
            start, end, name, "place", label, entry=entry if near else None, possessive=possessive
        )
    if label == "PERSON" and _SOURCE_END.search(name):
        return None  # "Aleppo Monitor", "Syria Activists": a title-case headline's source, no name
    if entry is None and res.names_renamed_village(name, context):
        return NameMention(start, end, name, "place", label, possessive=possessive)
    if " " in name and not _ORG_WORD.search(name) and all(map(names_some_place, name.split())):
        # "in al-Hamadaniyeh al-Ramouseh": known places run together, no given name among them;
        # find_mentions splits the list.
        places = NameMention(start, end, name, "place", label, possessive=possessive)
        if len(_list_of_places(article.text, res, context, places)) > 1:
            return places
    if _DOCUMENT_WORD.search(name):
        return None  # "the Chemical Weapons Convention": a text, not an actor
    text = article.text
    if _OPERATION_BEFORE.search(text, max(0, start - 20), start) or _OPERATION_AFTER.match(
        text, end
    ):
        return None  # "the Wrath of Euphrates operation": a military operation's name
    if not _ORG_WORD.search(name):
        described = _described_place(res, context, name)
        if described is not None:  # "Ghoutta Massacre", "the Syrian Capital Damascus"
            core = described.entry and described
            if core is None:
                return None
            return NameMention(
                start + core.start,
                start + core.end,
                name[core.start : core.end],
                "place",
                label,
                entry=core.entry,
                possessive=possessive and core.end == len(name),
            )
    articled = _ARTICLE_WORDS.fullmatch(name) and (
        (label == "PERSON" and " " in name)
        or (label == "ORG" and _LOCATIVE_BEFORE.search(text, max(0, start - 12), start))
    )
    if articled:
        # "fired on al-Hamadaniah", "between al-Gajar and al-Rastan", "in al-Reshidiya
        # al-Hamidiya": a village or a quarter the model took for an organization, or for a
        # person with no given name; a place where the gazetteer knows it.
        entry = res.place(name, context)
        if entry is None and " " not in name:
            return None
        # Several words stay one place, known or not: their pieces are no places of their own
        # ("al-Beit al-Azrak" is neither al-Beit nor al-Azrak).
        return NameMention(start, end, name, "place", label, entry=entry, possessive=possessive)
    if _SITE_NOUN_AFTER.match(text, end):
        # "the Khaled Bin Walid mosque", "the Jazal oilfields": a building or a field named
        # after someone or something, a site of its own.
        return NameMention(start, end, name, "place", "FAC", possessive=possessive)
    if _FACILITY_END.search(name) and _SITE_BEFORE.search(text, max(0, start - 25), start):
        # "a car bomb in front of the New Ikrima School": a building, not a body; a site of
        # its own, whose words name no other place ("Damascus Central Prison" is in Adra).
        return NameMention(start, end, name, "place", "FAC", possessive=possessive)
    if " " not in name and _MACHINE_AFTER.match(text, end):
        return None  # "six Tupolev bombers", "Grad rockets": a make of weapon, not its user
    kind = "person" if label == "PERSON" else "organization"
    if kind == "person" and _ORG_WORD.search(name):
        # "Al-Nasr Army", "the Hamza Division": a group the model took for a person.
        kind = "armed_group" if _ARMED_WORD.search(name) else "organization"
    elif kind == "person" and name.split()[0].lower() in ARMED_GROUP_WORDS and " " in name:
        kind = "armed_group"  # "Jaysh al-Tahrir", "Liwa al-Haq": army, brigade of ... in Arabic
    if kind == "organization":
        # "envoy for Syria Staffa de Mistura said": a person's name, perhaps behind a place
        bounds = _person_bounds(res, context, text, start, end)
        if _person_named_as_org(
            article, res, *bounds, text[bounds[0] : bounds[1]]
        ) or _person_named_as_org(article, res, start, end, name):
            kind, (start, end) = "person", bounds
            name = text[start:end]
    if kind == "person" and len(name.split()) > 6:
        return None
    return NameMention(start, end, name, kind, label, possessive=possessive)


def _described_place(res: Resources, context: Sequence[str], name: str) -> PlaceCore | None:
    """A name the model took for an actor that says what happened somewhere or describes a place:
    "Ghoutta Massacre", "Syria Crisis" (an event noun last: the place in it, if known) or "Syrian
    Capital Damascus" (demonyms and place nouns before a known place: that place). None when the
    name is neither; a core without an entry when it is an event at no known place."""
    words = name.split()
    if len(words) < 2:
        return None
    if is_event_noun(words[-1]):
        return place_core(res, context, name) or PlaceCore(0, len(name), None)
    head = len(words) - 1
    nouns = [w for w in words[:head] if is_generic_place_word(w) or w.lower() == "capital"]
    if not nouns or not all(
        w in nouns or res.country_code(w) or COMPASS.fullmatch(w) for w in words[:head]
    ):
        return None
    entry = res.place(words[-1], context)
    if entry is None:
        return None
    return PlaceCore(len(name) - len(words[-1]), len(name), entry)


_NAME_PARTICLES = frozenset({"de", "van", "von", "bin", "ibn"})


def _person_named_as_org(
    article: Document, res: Resources, start: int, end: int, name: str
) -> bool:
    """'The head of the committee, Riyad Hijab, said': a personal name the model called an
    organization: two or three name-like words, no organization word, and a title beside it or
    a verb of speech after it."""
    words = name.split()
    if not 2 <= len(words) <= 3 or _ORG_WORD.search(name):
        return False
    if not all(
        _NAME_WORD.fullmatch(w) or _ARABIC_PREFIX.match(w) or w in _NAME_PARTICLES for w in words
    ):
        return False
    text = article.text
    if _SPEECH_AFTER.match(text, end):
        return True
    near_title = any(
        0 <= start - t.end() <= 3 or 0 <= t.start() - end <= 12 for t in article.titles
    )
    return near_title


def _place_not_actor(entry: GazetteerEntry, name: str, label: str) -> bool:
    """A name the model took for a person or organization that is really a place."""
    if entry.kind == "country" or not entry.key.startswith("gn:"):
        return True
    if entry.country == "SY":
        return True  # "Baba Amr", "al-Midan", "Kefraya": Syrian places, not actors
    return (
        entry.country in REGION
        and entry.population >= MIN_REGION_POPULATION
        or (entry.population >= 500_000 and label == "ORG")
    )


_PERSON_APPOSITION = re.compile(r",\s+(?:a|an)\s+(?:\d+-year-old\s+)?[\w-]+|\s+(?:said|told)\b")
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def _person_by_apposition(text: str, end: int, name: str) -> bool:
    """'Tevfik Kanat, a Turkish Kurd who ...': a two- or three-word name the model mislabelled."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and bool(_PERSON_APPOSITION.match(text, end))
    )


_PLACE_CUE = re.compile(r"\b(?:in|to|at|from|near)\s+$")
# Nouns that say the name beside them is a place: "the town of X", "the X neighbourhood".
_PLACE_NOUNS = (
    r"(?:towns?|villages?|city|cities|neighbou?rhoods?|districts?|suburbs?|quarters?|hamlets?|"
    r"camps?|countryside|outskirts)"
)
_PLACE_NOUN_BEFORE = re.compile(
    r"\b" + _PLACE_NOUNS + r"\s+(?:of|including|like|such\s+as)\s+(?:(?:Al|El)\s+)?$", re.I
)
# After a person's name, the words that make it a quarter named after him ("the Assad camp" is
# his side, not a place).
_QUARTER_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|districts?|suburbs?|quarters?)\b")
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:" + _PLACE_NOUNS + r"|hills?|(?i:farms?|corridor))\b")
# What says the name before it is a place: where it lies ("X west and south of Aleppo", "X,
# 10 km north of Hama"), an apposition saying what it is ("X, an area southwest of Damascus"),
# or the places around it ("X and the surrounding villages").
_DIRECTIONS = r"(?:north|south|east|west)(?:-?(?:east|west))?"
_PLACE_AFTER = re.compile(
    r",?\s+(?:"
    rf"(?:\d+\s*(?:km|kilomet(?:er|re)s?|miles?)\s+)?{_DIRECTIONS}(?:\s+and\s+{_DIRECTIONS})?"
    r"\s+of\b"
    rf"|an?\s+(?:\w+\s+)?(?:area|{_PLACE_NOUNS})\s+(?:{_DIRECTIONS}|of|in|near|on|outside)\b"
    rf"|and\s+(?:the\s+)?(?:surrounding|nearby|neighbou?ring)\s+(?:areas?|{_PLACE_NOUNS})\b"
    r"|(?:residential\s+)?area\b"
    r")",
    re.I,
)
# The Arabic word for a side of a place, last in its name ("Sfeira Tahtani", "Tal Sharqi",
# "al-Nashwa al-Gharbiyeh"): lower, upper, east, west, north, south, middle. No person's name
# ends in one (unlike "Kabir" or "Jadid", which do).
_ARABIC_SIDE_END = re.compile(
    r"\s(?:(?:al|el|Al|El)-)?(?:Tahtani|Fawqani|Wusta|Gharbi|Sharqi|Shamali|Janoubi|Janubi)"
    r"(?:y?ya|yah|yeh|ye|a|ah|eh)?$"
)
_AREA_BEFORE = re.compile(r"\b(?:areas?|settlements?|parts)\s+of\s+$", re.I)
# A route named by the places at its ends ("the Salamiyah-Ithriya road", "on the Maan-Tal Bazam
# axis"), and a name made only of compass words ("Southeastern", "North West").
_ROUTE_AFTER = re.compile(r"\s+(?:road|highway|axis|crossroads?|junction|route)\b")
_PLACE_PAIR = re.compile(r"\b(?!(?:Al|El)-)[A-Z][a-z]+\s?-\s?(?:(?:al|el|Al|El)-)?[A-Z]")
_COMPASS_ONLY = re.compile(rf"{COMPASS.pattern}(?:[\s-]+{COMPASS.pattern})*", re.I)
_SOURCE_END = re.compile(
    r"\s(?:Monitors?|Activists|Sources|Officials|Media|Reports?|Says|Say|Claims?)$"
)
_ARMED_WORD = re.compile(
    r"\b(?:Army|Forces?|Front|Brigades?|Battalions?|Legion|Corps|Division|Guards?|Regiment|"
    r"Militia|Movement)\b"
)
_SPEECH_AFTER = re.compile(r",?\s+(?:said|says|told|added|stressed|wrote)\b")
# The last word of the name of a street, square, quarter or building; a name ending in one is
# no actor ("Saadallah al-Jabiri Square", "Zahi Azraq Hospital").
# Words that each open with an Arabic article ("al-Masane", "al-Qasr al-Baladi"), and the
# words before a place ("in", "between ... and"): names of that shape are places far more often
# than organizations, and persons have a given name.
_ARTICLE_WORD_RE = r"(?:al|el|Al|El)-[A-Z][\w'\u2019]+"
_ARTICLE_WORDS = re.compile(rf"{_ARTICLE_WORD_RE}(?:\s+{_ARTICLE_WORD_RE})*")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|on|at|near|of|from|to|between|and|towards?)\s+$")
# What follows a place's possessive: "Hama's (eastern) countryside", "Idlib's province".
_REGION_AFTER = re.compile(
    r"\s+(?:(?:north|south|east|west)\w*\s+)?(?:countryside|province|governorate|outskirts)\b",
    re.I,
)
# A school, a college or a prison is an institution that may act, and also a building where
# things happen; the words before it tell ("at", "in front of", "hit").
_FACILITY_END = re.compile(r"\s(?:School|College|Academy|Prison|Club)$")
_SITE_NOUN_AFTER = re.compile(
    r"\s+(?:mosques?|church|shrine|(?:oil|gas)\s?fields?|hospital|bakery|stadium|opera\s+house"
    r"|(?:military\s+)?(?:airport|air\s?base|airfield)|bridge|dam)\b"
)
_SITE_BEFORE = re.compile(
    r"\b(?:in\s+front\s+of|at|in|on|near|outside|hit|surroundings\s+of)\s+(?:the\s+)?$"
)
_MACHINE_AFTER = re.compile(
    r"\s+(?:bombers?|warplanes?|jets?|aircraft|planes?|helicopters?|missiles?|rockets?|tanks?|"
    r"drones?|launchers?)\b"
)
_SITE_END = re.compile(
    r"\b(?:Square|Street|Road|Roundabout|Avenue|Highway|Boulevard|Neighbou?rhood|Quarter|"
    r"Hospital|Mosque|Park|Garden|Palace|Hotel|Stadium|Hall|Market)$"
)
# The last word of a place's name that says what kind of place it is ("al-Wafideen Camp",
# "Tishreen Dam"): a place, which the gazetteer may know.
_FEATURE_END = re.compile(
    r"\s(?:Bridge|Camp|Hills?|Farms|Triangle|Dam|Oilfield|Valley|Airport|Crossing|Plain|"
    r"District|Suburb|Mountains?|Barrens|"
    r"Power\s+Plant|Power\s+Station)$"
)
# The words around a military operation's name ("launched the Wrath of Euphrates operation",
# "operation Olive Branch"): the name is the operation's, not an actor's.
_OPERATION_BEFORE = re.compile(r"\b(?:[Oo]peration|[Oo]ffensive|[Cc]ampaign)\s+$")
_OPERATION_AFTER = re.compile(r"\s+(?:operation|offensive|campaign)\b")
# A treaty or a resolution the model took for an organization.
_DOCUMENT_WORD = re.compile(r"\b(?:Convention|Treaty|Accords?|Protocol|Charter|Resolution)\b")
_ORG_WORD = re.compile(
    r"\b(?:Committee|Council|Party|Forces?|Army|Front|Ministry|Agency|Organi[sz]ation|Union|"
    r"Group|Brigades?|Movement|Company|Corps|Commission|Coalition|Office|Bank|Fund|Institute|"
    r"Center|Centre|Network|News|Times|Post|Press|Television|TV|Radio|Court|Assembly|Government|"
    r"Administration|Authority|Association|Society|Foundation|Division|Guard|Police|Service|"
    r"Services|Department|Directorate|Bureau|Observatory|Watch|Unit|Units|Front|Legion|"
    r"Battalion|Alliance|League|Federation|Board|University|School|Church|Airlines?|Defen[cs]e)\b"
)


def _believable(entry: GazetteerEntry, context: Sequence[str]) -> bool:
    """A place the model tagged, resolved to a small town far from the story ("West" to some
    hamlet abroad), is more likely a wrong guess than the place meant."""
    if not entry.key.startswith("gn:") or entry.country in REGION:
        return True
    return entry.country in context[:3] or entry.population >= BELIEVED_POPULATION


def _looks_like_name(name: str) -> bool:
    words = name.split()
    capital = name[:1].isupper() or bool(_ARABIC_PREFIX.match(name))
    return bool(words) and len(words) <= 8 and not _HAS_DIGIT.search(name) and capital


def _place_named_after_a_title(text: str, start: int, end: int) -> bool:
    """'the village of Sheikh Dawud', 'a man died in Sheikh Dawud': after a place noun or a
    locative word, a title that opens names of places ("Sheikh", "Umm") is the place's first
    word, not a person's title."""
    words = text[start:end].split()
    if len(words) < 2 or not is_name_head(words[0]) or _POSSESSIVE.search(text, start, end):
        return False
    before = max(0, start - 30)
    return bool(
        _PLACE_NOUN_BEFORE.search(text, before, start) or _PLACE_CUE.search(text, before, start)
    )


def _skip_prefixes(res: Resources, text: str, start: int, end: int, label: str) -> int:
    """Skip ranks, honorifics and (for persons) titles and demonyms written inside the entity."""
    while start < end:
        m = res.rank_re.match(text, start, end)
        if m and m.end() > start:
            start = m.end()
            continue
        if label != "PERSON":
            break
        t = res.title_re.match(text, start, end)
        if t and t.end() < end and text[t.end()].isspace():
            start = t.end() + 1
            continue
        word_end = text.find(" ", start, end)
        if word_end > 0 and res.country_code(text[start:word_end]):
            start = word_end + 1
            continue
        break
    while start < end and text[start].isspace():
        start += 1
    return start


def _persons_over_places(mentions: list[NameMention]) -> list[NameMention]:
    """A one-word 'place' or 'organization' that is the surname of a person named in full in the
    article ("Bali said", "al-Shara and Abdi") is that person."""
    surnames: set[str] = set()
    for m in mentions:
        words = _name_words(m.text)
        if m.kind == "person" and len(words) > 1:
            surnames.add(words[-1])
    for m in mentions:
        if m.kind == "person" or m.known is not None:
            continue
        if m.entry is not None and m.entry.kind == "country":
            continue
        words = _name_words(m.text)
        if len(words) == 1 and words[0] in surnames:
            m.kind, m.entry, m.label = "person", None, "SURNAME"
    return _bare_article_names(mentions, surnames)


def _bare_article_names(mentions: list[NameMention], surnames: set[str]) -> list[NameMention]:
    """'al-Midan', 'al-Sheitaat': one word with the Arabic article, named by nobody in full, is a
    district, a tribe or a family, not a person (known persons like 'al-Jolani' are kept)."""
    return [
        m
        for m in mentions
        if not (
            m.kind == "person"
            and m.known is None
            and _ARTICLE_WORD.match(m.text)
            and len(m.text.split()) == 1
            and _name_words(m.text)[-1:] != []
            and _name_words(m.text)[-1] not in surnames
        )
    ]


def _name_words(text: str) -> list[str]:
    return [w for w in name_key(text).split() if w not in ("al", "el")]


# "the article and its name, spaced apart": "Huweijet al -Sakr", "Um al- Awsaj".
_SPACED_ARTICLE_AFTER = re.compile(r"(?:\s-\s?|-\s)[A-Z][\w'’]+(?:-[A-Z]?[\w'’]+)*")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])((?:[ae]l-)?([A-Z][a-z]+))\s$")
# A lowercase direction inside a name starts the locator after it: "Meles western Idlib".
_LOWER_DIRECTION = re.compile(
    r"\s(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s"
)
_PROVINCE_AFTER = re.compile(r"\s+(?:province|governorate|countryside)\b", re.IGNORECASE)
# A role after a one-word name makes it a person's ("Wird Furati head of the press office"); a
# verb of speech does not ("an activist in the town of Aqrab said").
_ROLE_AFTER = re.compile(
    r",?\s+(?:head|chief|spokesm[ae]n|spokeswoman|spokesperson|commander|leader|director)\s+of\b"
)
_FAMILY_BEFORE = re.compile(r"\b(?:family|last|sur)\s*name\s+of\s+(?:the\s+)?$", re.I)
_FAMILY_AFTER = re.compile(r"\s+famil(?:y|ies)\b")
_WORSHIP_AFTER = re.compile(r"\s+(?:mosque|church|school)\b")
_LOWER_WORD_AFTER = re.compile(r"\s([a-z][a-z-]{2,})\b")


def _names_as_written(
    text: str, res: Resources, context: Sequence[str], mentions: list[NameMention]
) -> list[NameMention]:
    """Mend the places the gazetteer does not know whose name was cut wrong: a head word left
    out ("Um" of "Um al-Serj") or hanging at the end ("Aqraba Um"), a spaced article
    ("Huweijet al -Sakr"), a locator glued on ("Meles western Idlib", "Kobaninorth", "Eastern
    Ghouta Monitor"), an article glued without its hyphen ("Almarj"), a near miss of a
    governorate before "province" ("Raqq province"), several names that lost the commas between
    them; and drop the names that are no place at all ("Twitter", "al-Gharbiya", "Syiran")."""
    taken = _Intervals()
    for m in mentions:
        taken.add(m.start, m.end)
    mended: list[NameMention] = []
    skip = -1
    for i, m in enumerate(mentions):
        if i == skip:
            continue
        if m.kind != "place" or m.entry is not None:
            mended.append(m)
            continue
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        if after is not None and _title_before_name(text, res, m, after):
            # "the neighborhoods of al-Sheikh Saad": a quarter named after a sheikh, not a
            # bare title followed by a person
            entry = _piece(res, context, text[m.start : after.end])
            m = NameMention(
                m.start, after.end, text[m.start : after.end], "place", m.label, entry=entry
            )
            skip = i + 1
        start, end = _written_bounds(text, res, m.start, m.end, taken)
        moved = (start, end) != (m.start, m.end)
        if moved:
            m = NameMention(start, end, text[start:end], "place", m.label, possessive=m.possessive)
        m = _resolved(text, res, context, m, moved=moved)
        if m is None:
            continue
        if m.entry is not None:
            mended.append(m)
            continue
        following = i + 2 if skip == i + 1 else i + 1
        after = mentions[following] if following < len(mentions) else None
        listed = after is not None and after.kind == "place" and after.start - m.end <= 5
        mended.extend(_split_at_name_starts(text, res, context, m, listed=listed))
    return _coordinated_places(
        text, res, context, [_last_of_a_list(text, res, context, m) for m in mended]
    )


# A list of names after a plural place noun, up to the "and" before its last item.
_LIST_UP_TO_AND = re.compile(
    r"\b(?:villages|towns|cities|neighbou?rhoods|districts|areas|suburbs|quarters|hamlets)\s+of"
    r"(?:\s+(?:[A-Z][\w'’-]*|(?:al|el)-[\w'’-]+|\d+))+\s+and\s+$"
)


def _last_of_a_list(
    text: str, res: Resources, context: Sequence[str], m: NameMention
) -> NameMention:
    """'the towns of Arbin Zamalka and Otaya': the name after the "and" that ends a list of
    places is a place too, whatever the model called it."""
    if not _may_be_unknown_place(text, m) or not _LIST_UP_TO_AND.search(
        text, max(0, m.start - 160), m.start
    ):
        return m
    end = m.end
    if " " in m.text and is_name_head(m.text.rsplit(None, 1)[-1]):
        end = m.start + m.text.rindex(" ")  # "al-Fardos Sheikh" of "al-Fardos Sheikh Haider"
    name = text[m.start : end]
    return NameMention(m.start, end, name, "place", LIST_LABEL, entry=_piece(res, context, name))


_AND_BETWEEN = re.compile(r"\s*,?\s+and\s+|\s*,\s*")
# What opens a list of places: a locative word, or a verb whose object is a place.
_LIST_OPENER = re.compile(
    r"\b(?:in|on|at|near|of|from|to|between|towards?|hit|shelled|struck|bombed|pounded|stormed"
    r"|captured|seized|recaptured)\s+$"
)


def _coordinated_places(
    text: str, res: Resources, context: Sequence[str], mentions: list[NameMention]
) -> list[NameMention]:
    """'wounded in Saraqib and Dweirina', 'shelled Tal Dahab, Saraqib and Kafr Hamra': a
    name joined by "and" or a comma to a place of a list that a locative word opens is a place
    too, whatever the model called it, when none of its words is a given name."""
    out = list(mentions)
    for i, m in enumerate(out):
        if not _may_be_unknown_place(text, m):
            continue
        before = out[i - 1] if i else None
        after = out[i + 1] if i + 1 < len(out) else None
        if (
            before is not None
            and _in_place_list(text, out, i - 1)
            and _AND_BETWEEN.fullmatch(text, before.end, m.start)
        ) or (
            after is not None
            and _syrian_place(after)
            and _AND_BETWEEN.fullmatch(text, m.end, after.start)
            and _LIST_OPENER.search(text, max(0, m.start - 12), m.start)
        ):
            out[i] = NameMention(
                m.start, m.end, m.text, "place", LIST_LABEL, entry=_piece(res, context, m.text)
            )
    return out


def _may_be_unknown_place(text: str, m: NameMention) -> bool:
    """May an actor the model found be an unknown place of a list? Not a known actor, an owner,
    a name with an organization word or a given name, nor a speaker."""
    if m.kind not in ("person", "organization") or m.known is not None or m.possessive:
        return False
    if _ORG_WORD.search(m.text) or not all(names_some_place(w) for w in m.text.split()):
        return False
    return not _SPEECH_AFTER.match(text, m.end)


def _syrian_place(m: NameMention) -> bool:
    """A place of the country's map: a town or a site in Syria, or a piece of a list of them."""
    if m.kind != "place":
        return False
    if m.entry is None:
        return m.label == LIST_LABEL
    return m.entry.kind not in ("country", "region") and m.entry.country == "SY"


def _in_place_list(text: str, mentions: list[NameMention], i: int) -> bool:
    """Is mentions[i] a Syrian place of a list that a locative word opens ("in A, B and")?"""
    while _syrian_place(mentions[i]):
        m = mentions[i]
        if _LIST_OPENER.search(text, max(0, m.start - 12), m.start):
            return True
        if i == 0 or not _AND_BETWEEN.fullmatch(text, mentions[i - 1].end, m.start):
            return False
        i -= 1
    return False


def _written_bounds(
    text: str, res: Resources, start: int, end: int, taken: _Intervals
) -> tuple[int, int]:
    """The bounds of an unknown place's name as the report writes it."""
    name = text[start:end]
    if re.search(r"\s(?:al|el)-?$", name):
        spaced = _SPACED_ARTICLE_AFTER.match(text, end)
        if spaced is not None and not taken.overlaps(end, spaced.end()):
            end = spaced.end()  # "Huweijet al -Sakr"
    words = text[start:end].split()
    if len(words) > 1 and is_name_head(words[-1]):
        end = start + text[start:end].rstrip().rfind(" ")  # "Aqraba Um" of "Aqraba Um al-Awsaj"
    before = _WORD_BEFORE.search(text, max(0, start - 12), start)
    if before is not None and not taken.overlaps(before.start(1), before.end(1)):
        head = before.group(2)
        if is_name_head(head) or res.knowledge.is_place_word(head):
            start = before.start(1)  # "Um al-Serj", "Sheikh Issa town", "al-Sheikh Saad"
    lower = _LOWER_DIRECTION.search(text, start, end)
    if lower is not None and lower.start() > start:
        end = lower.start()  # "Meles western Idlib city"
    source = _SOURCE_END.search(text, start, end)
    if source is not None and source.end() == end and source.start() > start:
        end = source.start()  # "Eastern Gouta Monitor": a headline's source
    return start, end


def _title_before_name(text: str, res: Resources, m: NameMention, after: NameMention) -> bool:
    title = re.sub(r"^(?:al|el)-", "", m.text)
    return (
        " " not in m.text
        and title != m.text
        and res.knowledge.is_rank(title)
        and after.start == m.end + 1
        and text[m.end] == " "
        and after.known is None
        and after.kind in ("person", "organization")
        and " " not in after.text
    )


def _near(entry: GazetteerEntry | None, context: Sequence[str]) -> GazetteerEntry | None:
    if entry is None or entry.kind == "country":
        return None
    return entry if entry.country == "SY" or entry.country in context[:3] else None


def _resolved(
    text: str, res: Resources, context: Sequence[str], m: NameMention, *, moved: bool
) -> NameMention | None:
    """The unknown place mention, found in the gazetteer if its name as written is known (a near
    miss too when its bounds `moved`); None when it names no place."""
    name = m.text
    words = name.split()
    if _no_place(res, name) or _misspelt_demonym(res, name):
        return None
    if len(words) == 1 and _ROLE_AFTER.match(text, m.end):
        return None  # "Wird Furati, head of the press office": a person
    if _FAMILY_BEFORE.search(text, max(0, m.start - 30), m.start) or _FAMILY_AFTER.match(
        text, m.end
    ):
        return None  # "the family name of Qabs", "the Qabs family"
    if len(words) > 1 and _WORSHIP_AFTER.match(text, m.end):
        # "the Khulafa al-Rashideen mosque": named after someone, no town; a one-word name
        # may be the village's own ("the Haas school")
        return None
    if len(words) == 1 and len(name) > 5 and name.endswith("s") and not name.endswith("ss"):
        owner = _piece(res, context, name[:-1])
        if owner is not None:  # "Al-Zahraas residents": an owner whose apostrophe was lost
            end = m.end - 1
            return NameMention(
                m.start, end, text[m.start : end], "place", m.label, entry=owner, possessive=True
            )
    entry = _near(res.place(name, context), context)
    if entry is None and len(words) > 1 and res.knowledge.is_place_word(words[-1]):
        tail = _LOWER_WORD_AFTER.match(text, m.end)  # "Syrias Deir ezzor": the rest in lowercase
        if tail is not None:
            core = place_core(res, context, name + " " + tail.group(1))
            if core is not None and core.entry is not None and core.end == len(name) + len(tail[0]):
                start = m.start + core.start
                return NameMention(
                    start, tail.end(), text[start : tail.end()], "place", m.label, entry=core.entry
                )
    stem = glued_direction_stem(words[0])
    if entry is None and stem is not None:
        found = _near(res.place(stem, context), context)
        if found is not None:  # "Kobaninorth Syria": Kobani
            end = m.start + len(stem)
            return NameMention(m.start, end, stem, "place", m.label, entry=found)
    spaced = with_article_spaced(name)
    if entry is None and spaced != name:
        entry = _near(res.place(spaced, context), context)  # "Almarj", "Jisr Alhaj"
    province = _PROVINCE_AFTER.match(text, m.end)
    if entry is None and province is not None and len(name) >= 4:
        wider = res.place(name + " province", context, fuzzy=True)
        if wider is not None and wider.kind == "region" and _near(wider, context) is not None:
            end = province.end()  # "Raqq province": a near miss of the governorate's name
            return NameMention(m.start, end, text[m.start : end], "place", m.label, entry=wider)
    if entry is None and moved:
        entry = _near(res.place(name, context, fuzzy=True), context)
    if entry is None:
        return m
    return NameMention(m.start, m.end, name, "place", m.label, entry=entry, possessive=m.possessive)


def _no_place(res: Resources, name: str) -> bool:
    honorific = " " not in name and res.knowledge.is_rank(re.sub(r"^(?:al|el)-", "", name))
    return names_no_place(name, honorific=honorific)


def _misspelt_demonym(res: Resources, name: str) -> bool:
    """'Syiran': a demonym with two letters swapped, never a place's name."""
    if " " in name or len(name) < 5:
        return False
    return any(
        res.demonym(name[:i] + name[i + 1] + name[i] + name[i + 2 :]) for i in range(len(name) - 1)
    )


_NISBA_END = re.compile(r"\w{2}iy+(?:eh|ah|a|e)$")
# The plural nouns before a list of places: "the villages of X Y and Z".
_LIST_BEFORE = re.compile(
    r"\b(?:villages|towns|cities|neighbou?rhoods|districts|areas|suburbs|quarters|hamlets|farms|"
    r"hills|regions)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# More names up to an "and" after the mention: "in Khan al-Jouz al-Hor Kansaba and al-Aliyeh".
_AND_AFTER = re.compile(
    r"(?:\s+(?:[A-Z][\w'’-]*|(?:al|el)-[\w'’-]+))*\s+and\s+(?:the\s+)?(?:[A-Z]|(?:al|el)-)"
)


def _split_at_name_starts(
    text: str, res: Resources, context: Sequence[str], m: NameMention, *, listed: bool
) -> list[NameMention]:
    """Names written one after the other without commas ("the villages of Qoraa al-Kabireh
    Qoraa al-Saghireh", "Tal al-Mal Tal Mashara"): a new name starts at a head word ("Tal",
    "Um", "Kafr") after a name that has its article, and, in a list, at a second article after a
    complete name ("al-Sabil al-Furqan") or at a plain word after one ("al-Jamiliyeh Mogambo").
    An Arabic adjective ("al-Gharbiyeh") stays with the name before it."""
    words = [(m.start + w.start(), m.start + w.end()) for w in _WORD.finditer(m.text)]
    if len(words) < 2:
        return [m]
    listed = (
        listed
        or bool(_LIST_BEFORE.search(text, max(0, m.start - 40), m.start))
        or bool(_AND_AFTER.match(text, m.end))
    )
    segments: list[list[str]] = [[text[words[0][0] : words[0][1]]]]
    bounds: list[list[tuple[int, int]]] = [[words[0]]]
    for w in words[1:]:
        word = text[w[0] : w[1]]
        segment = segments[-1]
        if _starts_a_name(res, segment, word, listed=listed):
            segments.append([])
            bounds.append([])
        segments[-1].append(word)
        bounds[-1].append(w)
    if len(segments) < 2:
        return [m]
    parts = []
    for spans in bounds:
        start, end = spans[0][0], spans[-1][1]
        name = text[start:end]
        if _no_place(res, name):
            continue
        parts.append(
            NameMention(start, end, name, "place", LIST_LABEL, entry=_piece(res, context, name))
        )
    return parts


def _piece(res: Resources, context: Sequence[str], name: str) -> GazetteerEntry | None:
    """The known place a piece of a comma-less list names: a curated place, or a GeoNames one
    written as the gazetteer writes it. A mere spelling match is too weak a clue in a list of
    villages ("Karah" north of Hama is not Qarah of the Qalamoun)."""
    entry = _near(res.place(name, context), context)
    if entry is None or not entry.key.startswith("gn:"):
        return entry
    return entry if name_key(entry.name) == name_key(name) else None


def _starts_a_name(res: Resources, segment: list[str], word: str, *, listed: bool) -> bool:
    previous = segment[-1]
    articled = [w for w in segment if _ARTICLE_WORD.match(w)]
    if is_descriptor(word) or previous.lower() in CONNECTORS:
        return False
    if is_name_head(previous) or res.knowledge.is_place_word(previous):
        return False  # "Tal" of "Tal Mashara" still needs its name
    head = is_name_head(word) or res.knowledge.is_place_word(word)
    if head and (articled or listed):
        return True  # "Tal al-Mal | Tal Mashara", "Ebtaa Dael | Tal al-Samn"
    if listed and _SITE_END.search(previous):
        return True  # "Nile Street | al-Faid"
    if listed and _NISBA_END.search(previous) and not _ARTICLE_WORD.match(word):
        # "Massudiyeh | Maksar al-Hissan", "Housh Salhiya | Nishabiya": an adjective in -iyeh
        # closes a name, it does not open one
        return word[:1].isupper() and not names_no_place(word) and not _SITE_END.search(word)
    if not listed or not articled:
        return False
    if _ARTICLE_WORD.match(word):
        return True
    if not _ARTICLE_WORD.match(previous):
        return False
    bare_previous = re.sub(r"^\w+-", "", previous)
    if res.knowledge.is_rank(bare_previous) or res.knowledge.is_place_word(bare_previous):
        return False  # "al-Sheikh Taha": a title with its name
    if _SITE_END.search(word) or _FEATURE_END.search(f" {word}") or is_generic_place_word(word):
        return False  # "Saadallah al-Jabiri Square", "al-Nazihin Camp"
    if names_no_place(word):
        return False
    return word[:1].isupper()
