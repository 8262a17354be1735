"""The gazetteer: lookups over the cached index, by key, name, context and near spelling."""

from __future__ import annotations

import functools
import math
import pickle
from array import array
from collections.abc import Sequence
from pathlib import Path

from extraction.gazetteer.build import (
    _plain,
    _remove_stale_caches,
    _WordFilter,
    _write_atomically,
    build_index,
    cache_file_name,
    default_cache_dir,
)
from extraction.gazetteer.entries import (
    CONTEXT_MAX_POPULATION_RATIO,
    FUZZY_MIN_LENGTH,
    FUZZY_MIN_POPULATION,
    FUZZY_MIN_REGION_POPULATION,
    FUZZY_TWO_EDITS_LENGTH,
    KINDS,
    REGION,
    GazetteerEntry,
)
from extraction.gazetteer.spelling import (
    _DIVISION_WORD,
    _TOWN_WORDS,
    _strip_articles,
    place_key,
)


class Gazetteer:
    def __init__(self, payload: dict, *, path: Path | None = None) -> None:
        self.path = path
        self._keys: list[str] = payload["keys"]
        self._names: list[str] = payload["names"]
        self._kinds: bytes = payload["kinds"]
        self._countries: list[str | None] = payload["countries"]
        self._lat: array = payload["lat"]
        self._lon: array = payload["lon"]
        self._gid: array = payload["gid"]
        self._pop: array = payload["pop"]
        self._rank_pop: array = payload["rank_pop"]
        self._parent: array = payload["parent"]
        self._index: dict = payload["index"]
        self._loose: dict = payload["loose"]
        self._position = {key: i for i, key in enumerate(self._keys)}
        self._entries: dict[int, GazetteerEntry] = {}
        self._fuzzy_blocks: dict[tuple[str, str, int], list[str]] | None = None
        self._fuzzy_cache: dict[str, tuple[int, ...]] = {}
        self._words: _WordFilter = payload["words"]
        self._fuzzy_keys: list[str] = payload["fuzzy_keys"]
        self._admin1_keys: frozenset[str] = payload["admin1_keys"]

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        """Unpickle the cached index, building it first when missing or stale."""
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        path = directory / cache_file_name()
        try:
            with path.open("rb") as fh:
                payload = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            payload = build_index()
            try:
                _write_atomically(path, payload)
            except OSError:  # a read-only checkout still works, it just rebuilds every time
                path = None
            else:
                _remove_stale_caches(path)
        return cls(payload, path=path)

    def __len__(self) -> int:
        return len(self._keys)

    # entries

    def _entry(self, position: int) -> GazetteerEntry:
        entry = self._entries.get(position)
        if entry is None:
            lat, lon = self._lat[position], self._lon[position]
            parent = self._parent[position]
            entry = GazetteerEntry(
                key=self._keys[position],
                name=self._names[position],
                kind=KINDS[self._kinds[position]],
                country=self._countries[position],
                lat=None if math.isnan(lat) else lat,
                lon=None if math.isnan(lon) else lon,
                geonames_id=self._gid[position] or None,
                population=self._pop[position],
                parent_key=self._keys[parent] if parent >= 0 else None,
            )
            self._entries[position] = entry
        return entry

    def get(self, key: str) -> GazetteerEntry | None:
        position = self._position.get(key) if isinstance(key, str) else None
        return None if position is None else self._entry(position)

    def parents(self, entry: GazetteerEntry) -> list[GazetteerEntry]:
        """Nearest first, ending at the country."""
        chain: list[GazetteerEntry] = []
        position = self._position.get(entry.key, -1)
        seen = {position}
        while position >= 0:
            position = self._parent[position]
            if position < 0 or position in seen:
                break
            seen.add(position)
            chain.append(self._entry(position))
        return chain

    def admin1(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        """The first-level division (governorate, province) an entry lies in, or is; None for
        countries and for places whose division the gazetteer does not know."""
        for candidate in (entry, *self.parents(entry)):
            if candidate.key in self._admin1_keys:
                return candidate
        return None

    def admin1_name(self, entry: GazetteerEntry) -> str | None:
        """'Idlib' for Khan Sheikhoun: the division's name without its 'Governorate' word."""
        division = self.admin1(entry)
        return None if division is None else _DIVISION_WORD.sub("", division.name)

    # matching

    def _positions(self, key: str) -> tuple[int, ...]:
        hit = self._index.get(key)
        if hit is None:
            loose = _strip_articles(key)
            hit = self._index.get(loose)
            if hit is None:
                hit = self._loose.get(loose)
            if hit is None:
                return ()
        return (hit,) if isinstance(hit, int) else hit

    def _best(self, positions: tuple[int, ...], context: Sequence[str], key: str) -> int:
        """The first of positions (already in default order) in the earliest context country."""
        first = positions[0]
        if len(positions) == 1 or self._kinds[first] == 0 or not context:
            return first
        for code in context:
            code = code.upper() if isinstance(code, str) else code
            for p in positions:
                if self._countries[p] == code:
                    return p if self._context_may_override(first, p, key) else first
        return first

    def _context_may_override(self, first: int, candidate: int, key: str) -> bool:
        """Context picks a namesake only if it is not far smaller: a story that names the United
        States still means Syria's Damascus and Russia's Moscow, not the towns in Maryland and
        Idaho; Lebanon's Tripoli is big enough to win in a story about Lebanon. Nor does size
        count when the default matched only through a foreign alternate name and the candidate
        by its own name (Syria's Suluk, not Jolo in the Philippines, whose alternates list it)."""
        if not self._keys[candidate].startswith("gn:"):
            return True
        if place_key(self._names[candidate]) == key and place_key(self._names[first]) != key:
            return True
        return self._rank_pop[candidate] * CONTEXT_MAX_POPULATION_RATIO >= self._rank_pop[first]

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every entry whose normalized name matches exactly, best first (no context)."""
        key = place_key(name) if isinstance(name, str) else ""
        if not key:
            return []
        positions = self._positions(key)
        plain = _plain(name)
        if self._words.is_word(plain):
            positions = tuple(p for p in positions if self._allows(p, plain))
        return [self._entry(p) for p in positions]

    def lookup(self, name: str, *, context: Sequence[str] = ()) -> GazetteerEntry | None:
        """The best entry for a name as written, or None; context: ISO codes, most relevant first."""
        key = place_key(name) if isinstance(name, str) else ""
        if not key or key.replace(" ", "").isdigit():
            return None
        plain = _plain(name)
        if self._words.is_word(plain):
            positions = tuple(p for p in self._positions(key) if self._allows(p, plain))
        else:
            positions = self._positions(key) or self._town_of(key) or self._fuzzy(key)
        if not positions:
            return None
        if isinstance(context, str):  # a single code passed bare: "LB"
            context = (context,)
        elif context and not isinstance(context, tuple | list):
            context = tuple(context)
        return self._entry(self._best(positions, context, key))

    def _allows(self, position: int, plain: str) -> bool:
        """Whether a place may be named by `plain`, a listed word. A function word names no town
        at all, not even a curated one it sounds like ("Has" for Hass); common words and given
        names still name curated places and countries."""
        if self._keys[position].startswith("cc:"):
            return True
        if not self._keys[position].startswith("gn:"):
            return plain not in self._words.never
        return self._words.allows(
            plain,
            population=self._pop[position],
            in_region=self._countries[position] in REGION,
            primary=_plain(self._names[position]) == plain,
        )

    def _town_of(self, key: str) -> tuple[int, ...]:
        """'Raqqa city', 'Kobani town' -> the cities named 'Raqqa', 'Kobani'."""
        head, _, suffix = key.rpartition(" ")
        if suffix not in _TOWN_WORDS or not head:
            return ()
        return tuple(p for p in self._positions(head) if self._kinds[p] == KINDS.index("city"))

    def country(self, code_or_name: str) -> GazetteerEntry | None:
        """'SY', 'Syria', 'the United States' -> the country entry."""
        if not isinstance(code_or_name, str):
            return None
        text = code_or_name.strip()
        if len(text) == 2 and text.isalpha():
            entry = self.get(f"cc:{text.upper()}")
            if entry is not None:
                return entry
        key = place_key(text)
        for p in self._positions(key) if key else ():
            if self._kinds[p] == 0:
                return self._entry(p)
        return None

    # near misses

    def _fuzzy(self, key: str) -> tuple[int, ...]:
        """A strict near-miss match, or nothing.

        Only for names of FUZZY_MIN_LENGTH letters or more that are not common words. Candidates
        share the first and last letter, are one edit away (two for a Syrian place and a name of
        FUZZY_TWO_EDITS_LENGTH letters or more; names are also compared without their articles,
        "Deir Ezour" with "Deir Zor"), and are curated, regional or large places. Two different
        places equally close: no guess.
        """
        if len(key) < FUZZY_MIN_LENGTH or key in self._words.keys or any(c.isdigit() for c in key):
            return ()
        cached = self._fuzzy_cache.get(key)
        if cached is not None:
            return cached
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        max_edits = 2 if len(key) >= FUZZY_TWO_EDITS_LENGTH else 1
        blocks = self._fuzzy_pool()
        pool = [
            k
            for size in range(len(key) - max_edits, len(key) + max_edits + 1)
            for k in blocks.get((key[0], key[-1], size), ())
        ]
        matches = process.extract(
            key, pool, scorer=Levenshtein.distance, score_cutoff=max_edits, limit=20
        )
        targets: dict[int, set[int]] = {}
        for match, distance, _ in matches:
            position = next((p for p in self._positions(match) if self._fuzzy_eligible(p)), -1)
            if position >= 0 and (distance == 1 or self._countries[position] == "SY"):
                targets.setdefault(distance, set()).add(position)
        result: tuple[int, ...] = ()
        if targets:
            best = targets[min(targets)]
            if len(best) == 1:
                result = tuple(best)
        if len(self._fuzzy_cache) < 10_000:
            self._fuzzy_cache[key] = result
        return result

    def _fuzzy_eligible(self, position: int) -> bool:
        if not self._keys[position].startswith("gn:"):
            return True
        country, population = self._countries[position], self._pop[position]
        if country == "SY":
            return True
        if country in REGION:
            return population >= FUZZY_MIN_REGION_POPULATION
        return population >= FUZZY_MIN_POPULATION

    def _fuzzy_pool(self) -> dict[tuple[str, str, int], list[str]]:
        """Eligible names blocked by first letter, last letter and length; built on first use."""
        if self._fuzzy_blocks is None:
            blocks: dict[tuple[str, str, int], list[str]] = {}
            names = {*self._fuzzy_keys, *(_strip_articles(k) for k in self._fuzzy_keys)}
            for key in sorted(names):
                if len(key) < FUZZY_MIN_LENGTH - 2 or key in self._words.keys:
                    continue
                positions = self._positions(key)
                if any(self._fuzzy_eligible(p) for p in positions):
                    blocks.setdefault((key[0], key[-1], len(key)), []).append(key)
            self._fuzzy_blocks = blocks
        return self._fuzzy_blocks


@functools.cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded (and if need be built) on first use."""
    return Gazetteer.load()
