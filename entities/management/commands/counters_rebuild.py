"""Recount the stored counters of every actor and place."""

from django.core.management.base import BaseCommand, CommandError

from entities.services import counters_rebuild
from entities.services.counters import CHUNK_SIZE


class Command(BaseCommand):
    help = (
        "Recount the mentions, articles, meetings, events and last-seen date stored on every "
        "actor and place, from the facts, a chunk of rows per UPDATE. The pipeline keeps them "
        "itself; run this after loading rows by other means (a restore, SQL by hand)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=CHUNK_SIZE,
            help=f"Rows recounted per UPDATE (default {CHUNK_SIZE}).",
        )

    def handle(self, *args, chunk_size: int, **options):
        if chunk_size < 1:
            raise CommandError("Give a chunk size of 1 or more, e.g. --chunk-size 2000.")
        actors, places = counters_rebuild(chunk_size=chunk_size)
        self.stdout.write(f"Recounted {actors} actors and {places} places.")
