"""Time the quality report's selectors, optionally after growing the actors to a given number.

Usage (on a scratch copy: --grow writes synthetic actors into the database):

    cp /tmp/corpus0.sqlite3 /tmp/bench-quality.sqlite3
    DATABASE_URL=sqlite:////tmp/bench-quality.sqlite3 .venv/bin/python bench/quality.py --grow 50000
    # options: --grow N     add synthetic actors until N actors exist (default: add none)
    #          --seed 1     random seed of the synthetic names

Synthetic actors recombine the words of the actors already stored (so common first words such
as "Abu" or "Syrian" make the large blocks real data makes) and one in ten is a respelling of
another (a vowel changed, an "al-" added), with an alias for one in five. The script prints the
number of actors, aliases and mentions, then for each selector its wall and CPU time (CPU: the figure a busy machine does not inflate)
and the rows found.
It refuses a database that is not SQLite or a name that does not start with ct_bench: it writes.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict_tracker.settings")

VOWELS = "aeiou"


def respell(name: str, rng: random.Random) -> str:
    """Another spelling of `name`: one vowel changed, or an 'al-' before its last word."""
    words = name.split()
    if len(words) > 1 and rng.random() < 0.3 and not words[-1].startswith("al-"):
        return " ".join([*words[:-1], f"al-{words[-1]}"])
    spots = [i for i, ch in enumerate(name) if ch in VOWELS]
    if not spots:
        return name + "s"
    i = rng.choice(spots)
    return name[:i] + rng.choice(VOWELS.replace(name[i], "")) + name[i + 1 :]


def grow(target: int, *, seed: int) -> None:
    from django.db import transaction
    from django.utils.text import slugify

    from entities.models import Actor, ActorAlias
    from extraction.normalize import name_key

    rng = random.Random(seed)
    existing = list(Actor.objects.values_list("name", "kind"))
    missing = target - len(existing)
    if missing <= 0:
        return
    first = [n.split()[0] for n, _ in existing if len(n.split()) > 1]
    other = [w for n, _ in existing for w in n.split()[1:]]
    kinds = [k for _, k in existing]
    taken = set(Actor.objects.values_list("kind", "key"))
    alias_taken = set(ActorAlias.objects.values_list("kind", "key"))
    actors, aliases, names = [], [], [n for n, _ in existing]
    while len(actors) < missing:
        if rng.random() < 0.1:
            name = respell(rng.choice(names), rng)
        else:
            name = " ".join([rng.choice(first), *rng.sample(other, rng.randint(1, 2))])
        kind = rng.choice(kinds)
        key = name_key(name)
        if not key or (kind, key) in taken:
            continue
        taken.add((kind, key))
        names.append(name)
        actor = Actor(
            kind=kind, name=name, key=key, slug=f"bench-{len(actors)}-{slugify(name)}"[:320]
        )
        actors.append(actor)
        if rng.random() < 0.2:
            alias = respell(name, rng)
            if (kind, name_key(alias)) not in alias_taken:
                alias_taken.add((kind, name_key(alias)))
                aliases.append((actor, alias))
    with transaction.atomic():
        Actor.objects.bulk_create(actors, batch_size=2000)
        ActorAlias.objects.bulk_create(
            [ActorAlias(actor=a, kind=a.kind, name=n, key=name_key(n)) for a, n in aliases],
            batch_size=2000,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grow", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from entities import quality
    from entities.models import Actor, ActorAlias, Mention

    if args.grow:
        name = connection.settings_dict["NAME"]
        if connection.vendor != "sqlite" and not str(name).startswith("ct_bench"):
            sys.exit(f"--grow writes synthetic actors; refusing database {name!r}.")
        started = time.perf_counter()
        grow(args.grow, seed=args.seed)
        print(f"grew to {args.grow} actors in {time.perf_counter() - started:.1f} s")
    print(
        f"{connection.vendor}: {Actor.objects.count()} actors, "
        f"{ActorAlias.objects.count()} aliases, {Mention.objects.count()} mentions"
    )
    for select in (
        quality.actor_duplicate_list,
        quality.place_duplicate_list,
        quality.actor_junk_list,
        quality.alias_shared_list,
        quality.meeting_unnamed_list,
    ):
        started, cpu = time.perf_counter(), time.process_time()
        rows = select()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"{select.__name__:<24} {wall:7.2f} s wall {cpu:7.2f} s cpu  {len(rows):>7} rows")


if __name__ == "__main__":
    main()
