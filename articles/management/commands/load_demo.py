from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.importing import articles_import, processed_summary

DEMO_FILE = Path(settings.BASE_DIR) / "demo" / "articles.jsonl"


class Command(BaseCommand):
    help = "Load the demo articles (demo/articles.jsonl), processed here; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=DEMO_FILE, help="Another JSONL file.")

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"{path} is missing; it ships with the repository.")
        report = articles_import(paths=[path], sync=True)
        done, failed = processed_summary(report.processed)
        self.stdout.write(
            f"Demo articles: {report.imported} new ({done} processed, {len(failed)} failed), "
            f"{report.duplicates} already loaded, {len(report.rejected)} rejected."
        )
        for where, why in report.rejected:
            self.stdout.write(f"  rejected {where}: {why}")
        for pk, title, error in failed:
            self.stdout.write(f"  failed #{pk} {title[:60]!r}: {error}")
