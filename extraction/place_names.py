"""What a place name the gazetteer does not know as written really names.

News, and scraped news most of all, glues words onto place names: a direction ("Eastern Homs",
"south Turkey"), an owner whose apostrophe was lost ("Syrias Idlib"), the country after a city
whose comma was lost ("Astana Kazakhstan"), or a headline's verb ("Hama Breaks"). And the model
tags event nouns as places ("Clashes", "Barrel Bomb Attack"). `place_core` finds the known place
inside such a name, or says that the name is no place at all.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extraction.gazetteer import GazetteerEntry, load_curated
from extraction.normalize import name_key

if TYPE_CHECKING:  # resources asks is_description, so it cannot be imported here at run time
    from extraction.resources import Resources

DATA_FILE = Path(__file__).resolve().parent / "data" / "place_event_nouns.json"
COMPASS = re.compile(
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central|"
    r"upper|lower)(?:ern)?",
    re.IGNORECASE,
)
# A place found at the head of a longer name is believed when it has at least this many letters.
MIN_HEAD_LENGTH = 4
# Words that say what kind of place, not which: "Southern City", "Liberated Province".
GENERIC_PLACE_WORDS = frozenset(
    ["city", "town", "village", "province", "countryside", "area", "region", "district"]
)
# Words that say which state or age a place is in, not which place: "Old City", "Liberated
# Province", "Besieged Areas". Before a generic word they describe; they name nothing.
DESCRIPTIVE_WORDS = frozenset(
    "old new liberated besieged occupied holy historic ancient rebel provincial capital main "  # noqa: SIM905
    "entire whole same nearby neighbouring neighboring other".split()
)


@dataclass(frozen=True)
class PlaceCore:
    """The characters [start, end) of the name that name `entry`; entry None: no place."""

    start: int
    end: int
    entry: GazetteerEntry | None


@functools.cache
def event_nouns() -> frozenset[str]:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return frozenset(w.lower() for w in json.load(fh)["event_nouns"])


def is_event_noun(word: str) -> bool:
    """'Clashes', 'Airstrike', 'Attack': a word that names what happened, not where."""
    return word.lower().strip(".,;:'’") in event_nouns()


# Words that open the name of an armed group in Arabic (brigade, army, front, movement,
# battalions, legion, companies, free men): "Liwaa al-Fath", "Katibat Ansar", never a place.
ARMED_GROUP_WORDS = frozenset(
    "liwa liwaa alwiya alwiyat jaish jaysh jeish jabhat harakat haraka katibat kataib faylaq "  # noqa: SIM905
    "failaq saraya ahrar tajammu firqat".split()
)


@functools.cache
def _given_names() -> frozenset[str]:
    return frozenset(w.lower() for w in load_curated()["person_names"])


BUILDING_WORDS = frozenset(
    "mosque church hospital school park garden palace station hotel stadium center centre "  # noqa: SIM905
    "convention".split()
)


def is_given_name(word: str) -> bool:
    """'Mehdi', 'Fahd': a word the curated list knows as a person's given name."""
    return word.strip(".,;:'’").lower() in _given_names()


def names_some_place(name: str) -> bool:
    """May a name the gazetteer does not know be an unknown place? Not a given name, nor one
    written as an owner without its apostrophe ("Salem" of "the Salem mosque", "Muhammads
    suggestion"), nor an armed group's name ("Liwaa" of "Liwaa al-Fath")."""
    words = name.lower().split()
    if not words or words[0].strip(".,;:'’") in ARMED_GROUP_WORDS:
        return False
    if len(words) > 1:
        # "the Grand Mosque", "Rose Garden": a building or a site of the town the sentence is
        # about, which no map of towns can place.
        return words[-1].strip(".,;:'’") not in BUILDING_WORDS
    word = words[0].strip(".,;:'’")
    return word not in _given_names() and word.removesuffix("s") not in _given_names()


def is_description(name: str) -> bool:
    """'Old City', 'Liberated Province', 'Southern Countryside': descriptive or compass words
    before a generic place word describe some place the sentence means without naming it."""
    words = [w.lower().strip(".,;:'’") for w in name.split()]
    if len(words) < 2 or not (
        is_generic_place_word(words[-1]) or is_generic_place_word(words[-1].removesuffix("s"))
    ):
        return False
    return all(w in DESCRIPTIVE_WORDS or COMPASS.fullmatch(w) for w in words[:-1])


def place_core(res: Resources, context: Sequence[str], name: str) -> PlaceCore | None:
    """The known place inside a name the gazetteer missed; a core without an entry for a name
    that is an event or a bare direction; None when nothing can be said."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", name)]
    if not words:
        return None
    if is_description(name):
        return PlaceCore(0, len(name), None)
    if len(words) == 1:
        if COMPASS.fullmatch(name) or is_event_noun(name):
            return PlaceCore(0, len(name), None)
        return None
    first = name[words[0][0] : words[0][1]]
    stripped = False
    owner = _owner(res, context, first)
    if owner is not None and owner.country:
        context = (owner.country, *context)  # "Iraqs Mosul": a place of Iraq
    if COMPASS.fullmatch(first) or owner is not None or is_generic_place_word(first):
        words = words[1:]  # "Southwest of Raqqa", "Iraqs Mosul", "District of Douma"
        stripped = True
    if len(words) > 1 and COMPASS.fullmatch(name[words[0][0] : words[0][1]]):
        words = words[1:]
    if stripped and len(words) > 1 and name[words[0][0] : words[0][1]].lower() == "of":
        words = words[1:]  # "Southwest of Raqqa": the place the direction is taken from
    if len(words) == 1 and is_generic_place_word(name[words[0][0] : words[0][1]]):
        return PlaceCore(0, len(name), None)  # "Southern City", "Liberated Province"
    last = name[words[-1][0] : words[-1][1]]
    if last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        start, end = words[0][0], words[-1][1] - 1  # "Deir Ezzors": an owner, apostrophe lost
        entry = _head_place(res, context, name[start:end], "", whole=False)
        if entry is not None:
            return PlaceCore(start, end, entry)
    for size in range(len(words) if stripped else len(words) - 1, 0, -1):
        start, end = words[0][0], words[size - 1][1]
        if size == 1 < len(words) and res.knowledge.is_place_word(name[start:end]):
            continue  # "Tall Tawil": "Tall" opens the village's name, it is not At Tall
        entry = _head_place(
            res, context, name[start:end], name[end:].strip(), whole=size == len(words)
        )
        if entry is not None:
            return PlaceCore(start, end, entry)
    if len(words) > 1 and COMPASS.fullmatch(name[words[-1][0] : words[-1][1]]):
        words = words[:-1]  # "Missile Attack Northwest" (of Hama): the event, then a direction
    if is_event_noun(name[words[-1][0] : words[-1][1]]):
        return PlaceCore(0, len(name), None)
    return None


def is_generic_place_word(word: str) -> bool:
    """'Capital', 'City', 'Province': a noun that says what kind of place, never its name."""
    return word.lower().strip(".,;:'’") in GENERIC_PLACE_WORDS


def _owner(res: Resources, context: Sequence[str], word: str) -> GazetteerEntry | None:
    """'Syrias', 'Daraas': a place written as an owner without its apostrophe."""
    from extraction.mentions import bare_possessive_entry

    return bare_possessive_entry(res, context, word)


def _head_place(
    res: Resources, context: Sequence[str], head: str, tail: str, *, whole: bool
) -> GazetteerEntry | None:
    """The place `head` names when it opens a longer name: a country, a Syrian place, a place
    of the story's countries, or a city followed by its own country ("Astana Kazakhstan")."""
    from extraction.mentions import country_entry

    country = country_entry(res, head)
    if country is not None:
        return country
    if len(head) < MIN_HEAD_LENGTH:
        return None
    tail_country = country_entry(res, tail) if tail else None
    if tail_country is not None and tail_country.country:
        entry = res.place(head, (tail_country.country, *context))
        if entry is not None and entry.country == tail_country.country:
            return entry
    entry = res.place(head, context, fuzzy=whole)
    if entry is None or entry.kind == "country":
        return None
    return entry if entry.country == "SY" or entry.country in context[:2] else None


NAME_WORDS_FILE = Path(__file__).resolve().parent / "data" / "place_name_words.json"
# The Arabic article glued to a word by a hyphen: "al-Gharbiya", "el-Breij".
_ARTICLE_HYPHEN = re.compile(r"^(?:al|el)-", re.IGNORECASE)


@functools.cache
def _name_words() -> dict[str, frozenset[str]]:
    with NAME_WORDS_FILE.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: frozenset(name_key(w) for w in v) for k, v in data.items() if isinstance(v, list)}


def _bare(word: str) -> str:
    return name_key(_ARTICLE_HYPHEN.sub("", word.strip(".,;:'’")))


def is_name_head(word: str) -> bool:
    """'Um', 'Abu', 'Sheikh': a word that opens a village's name ("Um al-Serj", "Sheikh Issa")
    and never ends one."""
    return name_key(word) in _name_words()["name_heads"]


def is_descriptor(word: str) -> bool:
    """'al-Gharbiyeh', 'al-Kabireh', 'al-Jadideh': an Arabic adjective (western, big, new) that
    follows a place's name and belongs to it, never a name of its own."""
    return bool(_ARTICLE_HYPHEN.match(word)) and _bare(word) in _name_words()["descriptors"]


def names_no_place(name: str, *, honorific: bool = False) -> bool:
    """A name that is no place whatever the sentence around it says: a platform or a curated
    non-place ("Twitter", "FM"), a bare Arabic adjective or title ("al-Gharbiya", "al-Sheikh":
    `honorific` says the word is a title), or only directions and common nouns ("Western",
    "Oil Field")."""
    key = name_key(name)
    if not key or key in _name_words()["not_places"]:
        return True
    words = name.split()
    if len(words) == 1 and _ARTICLE_HYPHEN.match(name) and (is_descriptor(name) or honorific):
        return True
    nouns = _name_words()["common_nouns"]
    return all(
        COMPASS.fullmatch(w.strip(".,;:'’"))
        or is_generic_place_word(w)
        or name_key(w) in nouns
        or name_key(w) in DESCRIPTIVE_WORDS
        for w in words
    )


_GLUED_COMPASS = re.compile(
    r"(?P<stem>[A-Z]\w{3,}?)(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?", re.UNICODE
)


def glued_direction_stem(word: str) -> str | None:
    """'Kobaninorth': a place with a lowercase direction glued on, its space lost; the place."""
    m = _GLUED_COMPASS.fullmatch(word)
    return m.group("stem") if m and not COMPASS.fullmatch(m.group("stem")) else None


_GLUED_ARTICLE = re.compile(r"(?<![\w-])Al(?=[bcdfghjklmnpqrstvwxyz][a-z]{2,})")


def with_article_spaced(name: str) -> str:
    """'Almarj' -> 'al-marj', 'Jisr Alhaj' -> 'Jisr al-haj': the Arabic article written glued on
    without its hyphen. The name itself when it has no such article."""
    return _GLUED_ARTICLE.sub("al-", name)
