"""Print what an analyst or an engineer should look at: duplicates, junk, shared aliases and
meetings their sources do not support."""

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand

from entities.quality import (
    DuplicateCandidate,
    JunkActor,
    MeetingIssue,
    SharedAlias,
    actor_duplicate_list,
    actor_junk_list,
    alias_shared_list,
    meeting_unnamed_list,
    place_duplicate_list,
)

SECTIONS = {
    "duplicate-actors": ("Likely duplicate actors", actor_duplicate_list),
    "duplicate-places": ("Likely duplicate places", place_duplicate_list),
    "junk-actors": ("Likely junk actors", actor_junk_list),
    "shared-aliases": ("Aliases shared by two or more people", alias_shared_list),
    "unnamed-participants": (
        "Meetings whose participants their sources do not name",
        meeting_unnamed_list,
    ),
}


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _some(names: tuple[str, ...], shown: int = 8) -> str:
    more = f" … ({len(names) - shown} more)" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _lines(row) -> list[str]:
    if isinstance(row, DuplicateCandidate):
        return [
            f"{row.score:.2f} (priority {row.priority:.2f})  {row.first.label()}  ~  {row.second.label()}",
            *(
                f"      aliases of {e.name}: {_some(e.aliases)}"
                for e in (row.first, row.second)
                if e.aliases
            ),
            *(f"      - {reason}" for reason in row.reasons),
        ]
    if isinstance(row, JunkActor):
        lines = [f"{row.score:>4}  {row.actor.label()}: {'; '.join(row.reasons)}"]
        if row.sample_sentence:
            lines.append(f"      e.g. {_clip(row.sample_sentence)!r}")
        return lines
    if isinstance(row, SharedAlias):
        people = "; ".join(p.label() for p in row.people)
        return [f"{row.key!r} ({', '.join(row.spellings)}): {people}"]
    if isinstance(row, MeetingIssue):
        head = f"Meeting #{row.meeting_id} {row.date or 'undated'} {row.place}".rstrip()
        return [
            f"{head}: {' · '.join(row.participants)}",
            *(f"      - {u.name}: {u.reason}" for u in row.unnamed),
            *(f"      > {_clip(s)!r}" for s in row.sentences[:3]),
        ]
    raise TypeError(f"No text layout for {type(row).__name__}")


class Command(BaseCommand):
    help = (
        "Print likely duplicate actors and places, junk actors, aliases shared by two people and "
        "meetings whose source sentences do not name their participants, best first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=20, help="Rows per section (0 for all; default 20)."
        )
        parser.add_argument(
            "--section",
            action="append",
            choices=sorted(SECTIONS),
            help="Print only this section (repeat for several). Default: all.",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, limit: int, section: list[str] | None, format: str, **options):
        names = section or list(SECTIONS)
        report = {}
        for name in names:
            title, select = SECTIONS[name]
            rows = select()
            report[name] = (title, len(rows), rows if limit <= 0 else rows[:limit])
        if format == "json":
            payload = {
                name: {"title": title, "total": total, "rows": [asdict(r) for r in rows]}
                for name, (title, total, rows) in report.items()
            }
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        for name, (title, total, rows) in report.items():
            self.stdout.write(f"== {title} [{name}]: {total} found, {len(rows)} shown ==")
            for row in rows:
                for line in _lines(row):
                    self.stdout.write(line)
            self.stdout.write("")
