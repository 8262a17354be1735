"""`manage.py extract`: run the extraction engine over articles, print JSON. Needs no database.

manage.py extract --jsonl - < articles.jsonl      one {"id","title","published","text"} a line
manage.py extract article.txt --published 2018-12-29
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from extraction import extract, extract_many, load_nlp
from extraction.output import extraction_json

BATCH_SIZE = 16


class Command(BaseCommand):
    help = "Extract actors, places and meetings from articles and print them as JSON."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="a text file with one article")
        parser.add_argument("--jsonl", metavar="PATH", help="JSON Lines articles; '-' for stdin")
        parser.add_argument("--published", help="publication date YYYY-MM-DD (for a text file)")
        parser.add_argument(
            "--model",
            help="spaCy model name (default: the SPACY_MODEL setting, then en_core_web_sm)",
        )
        parser.add_argument("--no-spans", action="store_true", help="leave out mention offsets")

    def handle(self, *args: Any, **options: Any) -> None:
        spans = not options["no_spans"]
        try:
            nlp = load_nlp(options["model"])
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        if options["jsonl"]:
            self._jsonl(options["jsonl"], nlp, spans)
        elif options["file"]:
            self._file(options["file"], options["published"], nlp, spans)
        else:
            raise CommandError("Give a text FILE or --jsonl PATH ('-' reads standard input).")

    def _file(self, path: str, published: str | None, nlp: Any, spans: bool) -> None:
        try:
            date = dt.date.fromisoformat(published) if published else None
        except ValueError as exc:
            raise CommandError(f"--published {published!r} is not a YYYY-MM-DD date") from exc
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        result = extraction_json(extract(text, published=date, nlp=nlp), spans=spans)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def _jsonl(self, path: str, nlp: Any, spans: bool) -> None:
        if path == "-":
            self._run(sys.stdin, nlp, spans)
            return
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                self._run(fh, nlp, spans)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc

    def _run(self, lines: TextIO, nlp: Any, spans: bool) -> None:
        batch: list[tuple[int, dict[str, Any]]] = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            article, error = parse_line(line)
            if error is not None:
                self.stderr.write(f"line {number}: {error}")
                self._print({"id": article.get("id"), "error": error})
                continue
            batch.append((number, article))
            if len(batch) >= BATCH_SIZE:
                self._flush(batch, nlp, spans)
        self._flush(batch, nlp, spans)

    def _flush(self, batch: list[tuple[int, dict[str, Any]]], nlp: Any, spans: bool) -> None:
        if not batch:
            return
        items = [(a["text"], a["published"]) for _, a in batch]
        try:
            results = list(extract_many(items, nlp=nlp, batch_size=BATCH_SIZE))
        except Exception:  # one bad article must not lose the batch: retry one by one
            results = None
        for i, (number, article) in enumerate(batch):
            if results is not None:
                self._print({"id": article["id"], **extraction_json(results[i], spans=spans)})
                continue
            self._one(number, article, nlp, spans)
        batch.clear()

    def _one(self, number: int, article: dict[str, Any], nlp: Any, spans: bool) -> None:
        try:
            result = extract(
                article["text"], published=article["published"], title=article["title"], nlp=nlp
            )
        except Exception as exc:  # report and go on with the next article
            error = f"extraction failed: {exc.__class__.__name__}: {exc}"
            self.stderr.write(f"line {number}: {error}")
            self._print({"id": article["id"], "error": error})
            return
        self._print({"id": article["id"], **extraction_json(result, spans=spans)})

    def _print(self, obj: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(obj, ensure_ascii=False))
        self.stdout.flush()


def parse_line(line: str) -> tuple[dict[str, Any], str | None]:
    """One input line -> (article with `published` as a date, None) or (partial, error message)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {}, f"invalid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(obj, dict):
        return {}, "expected a JSON object with id, title, published, text"
    article: dict[str, Any] = {"id": obj.get("id"), "title": obj.get("title") or ""}
    text = obj.get("text")
    if not isinstance(text, str):
        return article, "missing or non-string 'text'"
    article["text"] = text
    published = obj.get("published")
    try:
        article["published"] = dt.date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        return article, f"'published' {published!r} is not a YYYY-MM-DD date"
    return article, None
