"""Extraction time on worst-case text: one long run of words with no sentence end.

    .venv/bin/python bench/worst_case.py [../shared/corpus/fakes-syria-news.jsonl] [--sizes 10,100,1000,2000]

Two texts, each cut to 10 KB, 100 KB, 1 MB and 2 MB (sizes in KB with --sizes):
- "corpus": the corpus's reports one after the other with every sentence end (. ! ? ; :) and line
  break taken out;
- "names": one clause full of titles, persons and places, repeated with no sentence end: as many
  mentions as a text can hold.
Texts like these once cost the square of their length: the rules scan a mention's sentence, the
whole text was one sentence, and some steps compared each mention with every other one. Prints, per size, the seconds of one `extract` call and the seconds per 10 KB of
text and per 10 KB read; a flat last column means the cost grows linearly. Beyond the extractor's MAX_CHARS the text
is not read, so the larger sizes show that the cut holds too ("read" is how much was read).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction import extract, load_nlp  # noqa: E402
from extraction.extractor import _readable  # noqa: E402
from extraction.resources import get_resources  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fakes-syria-news.jsonl"
_SENTENCE_ENDS = re.compile(r"[.!?;:\n\r]+")
_SPACES = re.compile(r"\s+")


def run_on(path: Path, size: int) -> str:
    """`size` characters of the corpus's words with no sentence end, repeated when it is short."""
    texts = [
        json.loads(line).get("text") or ""
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    words = _SPACES.sub(" ", _SENTENCE_ENDS.sub(" ", " ".join(texts))).strip()
    return (words + " ") * (size // (len(words) + 1)) + words[: size % (len(words) + 1)]


NAMES = "Syrian President Bashar al-Assad met Russian Foreign Minister Sergei Lavrov in Moscow"


def repeated(clause: str, size: int) -> str:
    return ((clause + " ") * (size // (len(clause) + 1) + 1))[:size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="10,100,1000,2000", help="text sizes in KB")
    args = parser.parse_args()
    sizes = [int(size) * 1000 for size in args.sizes.split(",")]

    nlp = load_nlp()
    get_resources()
    published = dt.date(2019, 1, 1)
    extract(run_on(args.corpus, 2000), published=published, nlp=nlp)  # warm the lookup memo

    texts = {"corpus": lambda size: run_on(args.corpus, size), "names": partial(repeated, NAMES)}
    print(
        f"{'kind':>6} {'text':>8} {'read':>8} {'seconds':>9} {'s/10 KB text':>13} {'s/10 KB read':>13}"
    )
    for kind, make in texts.items():
        for size in sizes:
            text = make(size)
            start = time.perf_counter()
            extract(text, published=published, nlp=nlp)
            seconds = time.perf_counter() - start
            read = len(_readable(text))
            print(
                f"{kind:>6} {size // 1000:>5} KB {read // 1000:>5} KB {seconds:>9.2f} "
                f"{seconds / (size / 10_000):>13.3f} {seconds / (read / 10_000):>13.3f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
