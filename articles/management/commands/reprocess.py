from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from articles.services import (
    BATCH_MAX_ARTICLES,
    article_reprocess,
    articles_enqueue,
    articles_process,
)


class Command(BaseCommand):
    help = "Queue articles for processing again (or process them here with --sync)."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, metavar="ID")
        parser.add_argument("--failed", action="store_true", help="All failed articles.")
        parser.add_argument("--all", action="store_true", help="Every article.")
        parser.add_argument("--sync", action="store_true", help="Process here, not in the worker.")
        parser.add_argument(
            "--skip-current",
            action="store_true",
            help="Skip articles whose facts come from this text and the current extractor.",
        )

    def handle(self, *args, ids, failed, all, sync, skip_current, **options):
        if not (ids or failed or all):
            raise CommandError("Name article ids, or use --failed or --all.")
        articles = Article.objects.all()
        if not all:
            selected = Article.objects.none()
            if ids:
                selected |= articles.filter(pk__in=ids)
            if failed:
                selected |= articles.filter(status=Article.Status.FAILED)
            articles = selected
        if ids:
            missing = set(ids) - set(
                Article.objects.filter(pk__in=ids).values_list("pk", flat=True)
            )
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, sorted(missing)))}.")
        force = not skip_current
        selected, busy = [], 0
        for article in articles.order_by("pk").only("pk"):
            if not article_reprocess(article=article, force=force, enqueue=False):
                busy += 1  # a worker holds it right now
                continue
            selected.append(article.pk)
        if sync:
            for start in range(0, len(selected), BATCH_MAX_ARTICLES):
                articles_process(
                    article_ids=selected[start : start + BATCH_MAX_ARTICLES], force=force
                )
        elif selected:
            articles_enqueue(article_ids=selected, force=force)  # it sends them in batches
        if busy:
            self.stdout.write(f"Skipped {busy} being processed right now.")
        if sync:
            # An article neither done nor failed was taken by another worker meanwhile (it
            # holds it, or finished it with a newer claim): held, not failed.
            statuses = Counter(
                Article.objects.filter(pk__in=selected).values_list("status", flat=True)
            )
            done, failed = statuses[Article.Status.DONE], statuses[Article.Status.FAILED]
            held = len(selected) - done - failed
            self.stdout.write(
                f"Processed {len(selected)}: done {done}, failed {failed}"
                + (f", held by another worker {held}." if held else ".")
            )
        else:
            self.stdout.write(f"Queued {len(selected)} for processing.")
