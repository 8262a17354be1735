"""Running one benchmark against several PostgreSQL databases and printing one table.

bench/pages.py and bench/api.py take `--database-url URL` (repeatable; default: DATABASE_URL).
Django reads its database from the environment once, so each database is measured by a child
process of the same script with DATABASE_URL set to it; the child prints its figures as one
JSON line after RESULT_MARKER and the parent prints the table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
RESULT_MARKER = "BENCH-RESULT "


def database_urls(given: list[str] | None) -> list[str]:
    urls = given or [os.environ.get("DATABASE_URL", "")]
    for url in urls:
        if not url.startswith(("postgres://", "postgresql://")):
            raise SystemExit(
                "Give PostgreSQL databases: --database-url postgres://postgres@127.0.0.1:5432/"
                "ct_bench (repeatable) or DATABASE_URL."
            )
    return urls


def database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/") or url


def child_run(script: Path, url: str, argv: list[str]) -> dict:
    """Run `script argv --child` with DATABASE_URL=url; its output passes through, and the JSON
    after RESULT_MARKER is returned."""
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, str(script), *argv, "--child"]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True)
    result = None
    for line in process.stdout:
        if line.startswith(RESULT_MARKER):
            result = json.loads(line[len(RESULT_MARKER) :])
        else:
            print(line, end="", flush=True)
    if process.wait() != 0 or result is None:
        raise SystemExit(
            f"{script.name} failed on {database_name(url)} (status {process.returncode})"
        )
    return result


def result_emit(result: dict) -> None:
    print(RESULT_MARKER + json.dumps(result), flush=True)


def table_print(label: str, results: dict[str, dict], columns: list[tuple[str, str, str]]) -> None:
    """One row per measured name, one group of columns per database.

    results: database name -> {"rows": {name: {key: value}}}; columns: (key, header, format).
    """
    names: list[str] = []
    for result in results.values():
        names.extend(n for n in result["rows"] if n not in names)
    width = max([len(label), *(len(n) for n in names)]) + 1
    group = sum(max(len(h), 8) + 1 for _, h, _ in columns)
    print()
    print(" " * width + "".join(f"| {db:<{group - 2}}" for db in results))
    header = "".join(f"{h:>{max(len(h), 8)}} " for _, h, _ in columns)
    print(f"{label:<{width}}" + "".join(f"| {header[:-1]}" for _ in results))
    for name in names:
        cells = []
        for result in results.values():
            row = result["rows"].get(name)
            cell = ""
            for key, h, fmt in columns:
                value = "-" if row is None or row.get(key) is None else format(row[key], fmt)
                cell += f"{value:>{max(len(h), 8)}} "
            cells.append(f"| {cell[:-1]}")
        print(f"{name:<{width}}" + "".join(cells))
