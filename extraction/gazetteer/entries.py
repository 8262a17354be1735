"""What a gazetteer entry is, and the thresholds both the build and the lookups apply."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FORMAT_VERSION = 2
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
REPO_ROOT = Path(__file__).resolve().parents[2]

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
