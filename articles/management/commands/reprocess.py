from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from articles.services import (
    BATCH_MAX_ARTICLES,
    articles_enqueue,
    articles_process,
    articles_requeue,
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
        queued = busy = 0
        outcome: Counter[str] = Counter()
        for ids, held_now in articles_requeue(articles=articles, force=force):
            busy += held_now  # a worker holds them right now
            queued += len(ids)
            if not sync:
                articles_enqueue(article_ids=ids, force=force)  # it sends them in batches
                continue
            for start in range(0, len(ids), BATCH_MAX_ARTICLES):
                articles_process(article_ids=ids[start : start + BATCH_MAX_ARTICLES], force=force)
            outcome.update(Article.objects.filter(pk__in=ids).values_list("status", flat=True))
        if busy:
            self.stdout.write(f"Skipped {busy} being processed right now.")
        if sync:
            # An article neither done nor failed was taken by another worker meanwhile (it
            # holds it, or finished it with a newer claim): held, not failed.
            done, failed = outcome[Article.Status.DONE], outcome[Article.Status.FAILED]
            held = queued - done - failed
            self.stdout.write(
                f"Processed {queued}: done {done}, failed {failed}"
                + (f", held by another worker {held}." if held else ".")
            )
        else:
            self.stdout.write(f"Queued {queued} for processing.")
