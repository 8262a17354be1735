"""Merge actors stored twice under one name (two kinds, or two spellings of one name)."""

from django.core.management.base import BaseCommand

from entities.services import actors_dedupe


class Command(BaseCommand):
    help = (
        "Merge the actors whose names are one name by the extractor's match key (spelling, "
        "transliteration and kind aside), keeping the one with the most mentions. Run it once "
        "after upgrading a database filled by an older version; --dry-run only lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, change nothing.")

    def handle(self, *args, dry_run: bool, **options):
        groups = actors_dedupe(dry_run=dry_run)
        for keep, others in groups:
            names = ", ".join(f"{o.name} ({o.kind})" for o in others)
            self.stdout.write(f"{keep.name} ({keep.kind}) <- {names}")
        verb = "would merge" if dry_run else "merged"
        total = sum(len(others) for _, others in groups)
        self.stdout.write(f"{verb} {total} actors into {len(groups)}")
