"""Bulk import of articles from files: text, HTML and Markdown files, folders of them, and JSON Lines.

Used by the `import_articles` and `load_demo` commands. One bad file or line is recorded with its
reason and the run goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from articles import ingest
from articles.models import Article
from articles.services import (
    BATCH_MAX_ARTICLES,
    article_create,
    articles_enqueue,
    articles_process,
)

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Ids per query when summing up what an import processed.
SUMMARY_CHUNK = 1000


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    processed: list[int] = field(default_factory=list)  # ids processed inline (--sync)

    @property
    def total(self) -> int:
        return self.imported + self.duplicates + len(self.rejected)


@dataclass
class _Item:
    label: str
    read: Callable[[], ingest.ArticleInput]


def import_sources(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files to import under `paths`, and paths that could not be found."""
    files, problems = [], []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in ingest.ACCEPTED_SUFFIXES | JSONL_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append((str(path), "No such file or folder."))
    return files, problems


def _items(files: list[Path], problems: list[tuple[str, str]]) -> Iterator[_Item]:
    """One item per article, read lazily: a JSON Lines file is read a line at a time, so an
    import of any size holds one record in memory, not the file."""
    for file in files:
        if file.suffix.lower() not in JSONL_SUFFIXES:
            yield _Item(str(file), lambda file=file: _file_read(file))
            continue
        try:
            yield from _jsonl_items(file)
        except OSError as exc:
            problems.append((str(file), f"Could not read the file: {exc.strerror}."))


def _item_count(files: list[Path]) -> int:
    """How many items `_items` will yield (for the progress bar), counted by streaming."""
    total = 0
    for file in files:
        if file.suffix.lower() not in JSONL_SUFFIXES:
            total += 1
            continue
        try:
            with file.open("rb") as handle:
                total += sum(1 for raw in handle if raw.strip())
        except OSError:
            pass  # reported when the import reaches it
    return total


def _file_read(path: Path) -> ingest.ArticleInput:
    size = path.stat().st_size
    ingest.size_check(size)
    upload = ingest.upload_parse(name=path.name, data=path.read_bytes())
    return ingest.upload_input_clean(upload=upload)


def _jsonl_items(path: Path) -> Iterator[_Item]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            raw = line.rstrip(b"\r\n")
            if not raw.strip():
                continue
            item = _Item(f"{path.name}:{number}", lambda: None)
            item.read = lambda raw=raw, item=item: _record_read(raw, item)
            yield item


def _record_read(raw: bytes, item: _Item) -> ingest.ArticleInput:
    try:
        record = json.loads(ingest.bytes_decode(raw))
    except json.JSONDecodeError as exc:
        raise ingest.ArticleRejected(
            f"Not a JSON object ({exc.msg} at column {exc.colno}). "
            "Each line must be one JSON object.",
            "bad_json",
        ) from None
    if not isinstance(record, dict):
        raise ingest.ArticleRejected(
            "The line is JSON but not an object. Each line must be "
            '{"id", "title", "published", "text", ...}.',
            "bad_json",
        )
    if record.get("id") not in (None, ""):
        item.label = f"{item.label} (id {record['id']})"
    text = record.get("text")
    if text is None:
        raise ingest.ArticleRejected(
            'The line has no "text". Add the article\'s text as "text": "...".', "empty"
        )
    fields = {name: _record_string(record, name) for name in _RECORD_STRINGS}
    return ingest.article_input_clean(
        text=_record_string(record, "text"),
        title=fields["title"],
        source_url=fields["source_url"],
        source_name=fields["source_name"],
        published=fields["published"] or None,
    )


# The fields of a JSON Lines record that must be strings (or null) when present.
_RECORD_STRINGS = ("title", "source_url", "source_name", "published")
_JSON_TYPES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}


def _record_string(record: dict, name: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        shown = json.dumps(value)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise ingest.ArticleRejected(
            f'The field "{name}" is {_JSON_TYPES.get(type(value), "not text")} ({shown}), not a '
            f'string. Write it as "{name}": "..." or leave it out.',
            "bad_field",
        )
    return value


def articles_import(
    *,
    paths: list[Path],
    sync: bool = False,
    uploaded_by=None,
    progress: Callable[[int], object] | None = None,
) -> ImportReport:
    """Import every article under `paths`. New articles go to the worker in batches as the import
    goes on; with `sync` they are processed here, in batches, instead."""
    files, problems = import_sources(paths)
    report = ImportReport(rejected=problems)
    bar = progress(_item_count(files)) if progress else None
    pending: list[int] = []

    def flush() -> None:
        if sync:
            articles_process(article_ids=pending)
        else:
            articles_enqueue(article_ids=pending)
        pending.clear()

    for item in _items(files, report.rejected):
        try:
            article, created = article_create(
                article_input=item.read(), uploaded_by=uploaded_by, enqueue=False
            )
        except ingest.ArticleRejected as rejected:
            report.rejected.append((item.label, rejected.message))
        except Exception as exc:  # one bad line never stops the run
            report.rejected.append((item.label, f"Could not be saved: {exc}"))
        else:
            if created:
                report.imported += 1
                pending.append(article.pk)
                if sync:
                    report.processed.append(article.pk)
            else:
                report.duplicates += 1
                if sync and article.status == Article.Status.QUEUED and article.pk not in pending:
                    pending.append(article.pk)  # left over from an interrupted run
            if len(pending) >= BATCH_MAX_ARTICLES:
                flush()
        if bar is not None:
            bar.update(1)
    if pending:
        flush()
    if bar is not None:
        bar.close()
    return report


def processed_summary(ids: list[int]) -> tuple[int, list[tuple[int, str, str]]]:
    """How many of `ids` are done, and (id, title, error) of those that failed; asked in chunks,
    so a million ids never make one query."""
    done, failed = 0, []
    for start in range(0, len(ids), SUMMARY_CHUNK):
        chunk = ids[start : start + SUMMARY_CHUNK]
        done += Article.objects.filter(pk__in=chunk, status=Article.Status.DONE).count()
        failed += Article.objects.filter(pk__in=chunk, status=Article.Status.FAILED).values_list(
            "pk", "title", "error"
        )
    return done, failed
