import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importing import articles_import, processed_summary


class Command(BaseCommand):
    help = (
        "Import articles from .txt, .md, .html files, folders of them (recursively) and JSON Lines "
        'files of {"id", "title", "published", "text", "source_url"?, "source_name"?}. '
        "Texts already stored are counted as duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--sync",
            action="store_true",
            help="Process each article here and now instead of queueing it for the worker.",
        )
        parser.add_argument("--user", help="Username recorded as the uploader.")

    def handle(self, *args, paths, sync, user, verbosity, **options):
        uploader = None
        if user:
            try:
                uploader = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(
                    f"No user named {user!r}. Create it or leave --user out."
                ) from None
        report = articles_import(
            paths=paths,
            sync=sync,
            uploaded_by=uploader,
            progress=lambda total: tqdm(
                total=total, unit="article", file=sys.stderr, disable=verbosity == 0
            ),
        )
        self.stdout.write(
            f"Imported {report.imported}, duplicates {report.duplicates}, "
            f"rejected {len(report.rejected)} (of {report.total})."
        )
        for where, why in report.rejected:
            self.stdout.write(f"  rejected {where}: {why}")
        if sync and report.processed:
            done, failed = processed_summary(report.processed)
            self.stdout.write(
                f"Processed {len(report.processed)}: done {done}, failed {len(failed)}."
            )
            for pk, title, error in failed:
                self.stdout.write(f"  failed #{pk} {title[:60]!r}: {error}")
        elif report.imported:
            self.stdout.write("Queued for the worker; follow their status on the Articles page.")
