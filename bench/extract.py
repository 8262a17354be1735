"""Benchmark the extractor on the noisy corpus, against the bare spaCy pipeline it runs.

    .venv/bin/python bench/extract.py [../shared/corpus/fakes-syria-news.jsonl]

Prints articles/s of the full extractor, articles/s of the bare pipeline on the same texts (same
process, model loaded once), their ratio, and the peak RSS of the process. Every article must yield
a result: a failure is counted and printed, and makes the exit status 1.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction import extract_many, load_nlp  # noqa: E402
from extraction.extractor import _readable  # noqa: E402
from extraction.resources import get_resources  # noqa: E402

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fakes-syria-news.jsonl"
)
BATCH_SIZE = 16
WARM_UP = 32


def read_corpus(path: Path) -> list[tuple[str, dt.date | None]]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        published = obj.get("published")
        try:
            date = dt.date.fromisoformat(published[:10]) if published else None
        except ValueError:
            date = None
        items.append((obj.get("text") or "", date))
    return items


def bare_rate(nlp, items: list[tuple[str, dt.date | None]]) -> float:
    """Articles per second of the model alone (NER and sentences) on the same texts."""
    start = time.perf_counter()
    for _ in nlp.pipe((_readable(text) for text, _ in items), batch_size=BATCH_SIZE):
        pass
    return len(items) / (time.perf_counter() - start)


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    items = read_corpus(path)
    nlp = load_nlp()
    get_resources()  # the gazetteer and knowledge base, loaded before timing like in a worker

    for _ in extract_many(items[:WARM_UP], nlp=nlp, batch_size=BATCH_SIZE):
        pass  # warm the model and the lookup memo before anything is timed
    bare_before = bare_rate(nlp, items)

    start = time.perf_counter()
    done = failed = 0
    results = extract_many(items, nlp=nlp, batch_size=BATCH_SIZE)
    while True:
        try:
            next(results)
            done += 1
        except StopIteration:
            break
        except Exception as exc:  # keep going: count and report
            failed += 1
            print(f"article {done + failed}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            break
    full = done / (time.perf_counter() - start)
    # The faster of two bare runs, one on each side of the extractor run: a conservative ratio
    # on a machine whose load changes.
    bare = max(bare_before, bare_rate(nlp, items))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(items)}  extracted: {done}  failed: {failed}")
    print(f"extractor:        {full:7.1f} articles/s")
    print(f"bare spaCy:       {bare:7.1f} articles/s  ({'+'.join(nlp.pipe_names)})")
    print(f"ratio:            {full / bare:7.2f}")
    print(f"peak RSS:         {peak_mb:7.0f} MB")
    return 1 if failed or done != len(items) else 0


if __name__ == "__main__":
    sys.exit(main())
