"""Actors: one row per real-world name across articles, whatever spelling or kind a report used."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q

from entities.models import (
    Actor,
    ActorAlias,
    AliasRejection,
)
from entities.services.facts.batch import StoredActors
from entities.services.facts.rows import clip, country_code, row_create, rows_insert, slugs_new
from extraction.normalize import match_key, name_key

if TYPE_CHECKING:
    from extraction.types import (
        ActorFact,
    )


ACTOR_KINDS = {choice.value for choice in Actor.Kind}


def _spellings(fact: ActorFact) -> dict[str, str]:
    spellings: dict[str, str] = {}
    for spelling in [fact.name, *fact.aliases]:
        spelling = " ".join((spelling or "").split())[:300]
        key = name_key(spelling)[:300]
        if key:
            spellings.setdefault(key, spelling)
    return spellings


@dataclass
class _Owners:
    """What the store already knows of a batch's names: by match key, the actors that carry it
    (one real-world name is one actor, whatever kind an earlier article guessed), and each
    actor's kind and country."""

    by_match: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[int, str] = field(default_factory=dict)
    countries: dict[int, str] = field(default_factory=dict)
    alias_keys: set[tuple[str, str]] = field(default_factory=set)  # (kind, key) already stored
    # (spelling key, actor id): spellings an analyst said are not that actor (AliasRejection).
    rejected: set[tuple[str, int]] = field(default_factory=set)
    # Actors whose kind or country an analyst fixed: no article changes it (Actor.kind_fixed).
    kind_fixed: set[int] = field(default_factory=set)
    country_fixed: set[int] = field(default_factory=set)
    # (match key, actor id): a one-word spelling that is only part of a person's longer name
    # ("Hussein" of Shuhud al-Hussein), which a one-word name of another report does not join.
    part_names: set[tuple[str, int]] = field(default_factory=set)

    def add(
        self, match: str, actor_id: int, kind: str, country: str, fixed: tuple = (False, False)
    ) -> None:
        if actor_id not in self.by_match[match]:
            self.by_match[match].append(actor_id)
        self.kinds.setdefault(actor_id, kind)
        self.countries.setdefault(actor_id, country)
        if fixed[0]:
            self.kind_fixed.add(actor_id)
        if fixed[1]:
            self.country_fixed.add(actor_id)

    def owner(self, match: str, kind: str, key: str = "", *, whole: bool = False) -> int | None:
        """The actor of a match key: of several (old data), the one of this kind, then the
        oldest; an actor about to be created (negative id) comes last. Never an actor that the
        spelling with `key` was rejected for, nor, when `whole`, one the key names only in part."""
        found = [
            a
            for a in self.by_match.get(match, ())
            if (key, a) not in self.rejected and not (whole and (match, a) in self.part_names)
        ]
        if not found:
            return None
        return min(found, key=lambda a: (self.kinds.get(a) != kind, a < 0, abs(a)))


def actors_store(facts_by_article: list[list[ActorFact]]) -> list[StoredActors]:
    """The stored actor of each article's facts, found or created.

    Actors are found by match key (`extraction.normalize.match_key`), so the spellings,
    transliterations and kinds that articles give one name land on one actor. Articles are resolved
    in order, each against what the earlier ones would have stored: an actor the first article
    creates is found by the second through any of its spellings.
    """
    usable_by_article = [
        [
            (index, fact, _spellings(fact))
            for index, fact in enumerate(facts)
            if fact.kind in ACTOR_KINDS and name_key(fact.name)
        ]
        for facts in facts_by_article
    ]
    spellings_all = {
        spelling
        for usable in usable_by_article
        for _, _, spellings in usable
        for spelling in spellings.values()
    }
    owners = _actor_owners(spellings_all)

    # Actors to create get negative stand-in ids until they are inserted.
    new_rows: dict[int, tuple[str, str, str]] = {}  # stand-in -> (kind, key, name)
    aliases: dict[tuple[str, str], tuple[int, str]] = {}  # (kind, key) -> (actor, spelling)
    country_fills: dict[int, str] = {}
    kind_fixes: dict[int, str] = {}
    ids_by_article: list[list[int | None]] = []
    for facts, usable in zip(facts_by_article, usable_by_article, strict=True):
        ids: list[int | None] = [None] * len(facts)
        for index, fact, spellings in usable:
            # "Hussein said" in one report is not Shuhud al-Hussein of another: a person named
            # by one word only joins an actor of that one name (or the knowledge base's).
            whole = fact.kind == "person" and not fact.known and " " not in _match(fact.name)
            owner = owners.owner(
                _match(fact.name), fact.kind, name_key(fact.name)[:300], whole=whole
            ) or _actor_by_alias(fact, spellings, owners)
            if owner is None:
                owner = -(len(new_rows) + 1)
                new_rows[owner] = (fact.kind, name_key(fact.name)[:300], fact.name)
                owners.add(_match(fact.name), owner, fact.kind, "")
            elif (
                fact.known
                and owners.kinds.get(owner) != fact.kind
                and owner not in owners.kind_fixed
            ):
                # The knowledge base knows what it is: "Hezbollah" stored as a person is fixed.
                owners.kinds[owner] = fact.kind
                if owner > 0:
                    kind_fixes[owner] = fact.kind
                else:
                    new_rows[owner] = (fact.kind, *new_rows[owner][1:])
            ids[index] = owner
        # What this article stores is known to the next: its spellings and countries.
        for index, fact, spellings in usable:
            actor_id, country = ids[index], country_code(fact.country)
            kind = owners.kinds[actor_id]
            for alias_key, spelling in spellings.items():
                match = _match(spelling)
                if (alias_key, actor_id) in owners.rejected:
                    continue  # an analyst rejected this spelling for this actor
                if actor_id not in owners.by_match.get(match, []) and owners.owner(match, kind):
                    continue  # another actor's name: not this one's alias
                owners.add(match, actor_id, kind, "")
                if " " not in match and " " in _match(fact.name):
                    owners.part_names.add((match, actor_id))
                if (kind, alias_key) not in owners.alias_keys:
                    owners.alias_keys.add((kind, alias_key))
                    aliases[(kind, alias_key)] = (actor_id, spelling)
            if (
                country
                and not owners.countries.get(actor_id)
                and actor_id not in owners.country_fixed
            ):
                owners.countries[actor_id] = country_fills[actor_id] = country
        ids_by_article.append(ids)

    real = _actors_create(
        {
            (kind, key): (name, country_fills.get(stand_in, ""))
            for stand_in, (kind, key, name) in new_rows.items()
        }
    )
    stored = {stand_in: real[(kind, key)] for stand_in, (kind, key, _) in new_rows.items()}

    def actual(actor_id: int | None) -> int | None:
        return stored[actor_id] if actor_id is not None and actor_id < 0 else actor_id

    _actor_kinds_fix(kind_fixes)
    if aliases:
        ActorAlias.objects.bulk_create(
            [
                ActorAlias(
                    actor_id=actual(actor_id),
                    kind=owners.kinds[actor_id],
                    name=spelling,
                    key=key,
                    match_key=_match(spelling),
                )
                for (_, key), (actor_id, spelling) in sorted(aliases.items())
            ],
            ignore_conflicts=True,
        )
    by_country: dict[str, set[int]] = defaultdict(set)
    for actor_id, country in country_fills.items():
        if actor_id > 0:  # new actors were created with it
            by_country[country].add(actor_id)
    for country, actor_ids in sorted(by_country.items()):
        Actor.objects.filter(pk__in=actor_ids, country="", country_fixed=False).update(
            country=country
        )

    views = []
    for usable, ids in zip(usable_by_article, ids_by_article, strict=True):
        view = StoredActors(ids=[actual(actor_id) for actor_id in ids])
        for index, fact, spellings in usable:
            view.by_name.setdefault(fact.name, view.ids[index])
            for key in spellings:
                view.by_name.setdefault(key, view.ids[index])
        views.append(view)
    return views


def _match(spelling: str) -> str:
    return match_key(spelling)[:300]


def _actor_owners(spellings: set[str]) -> _Owners:
    """The stored actors of these spellings' match keys, of any kind.

    Alias rows decide (an analyst's merge moved them to the kept actor); every actor the pipeline
    creates has one for its own name. An alias is found by its match key or, written by hand
    without one, by its exact key. Names no alias knows are looked up among actors' own keys, for
    actors created by hand.
    """
    owners = _Owners()
    if not spellings:
        return owners
    matches = {name_key(s)[:300]: _match(s) for s in spellings}
    owners.rejected = set(
        AliasRejection.objects.filter(key__in=list(matches)).values_list("key", "actor_id")
    )
    for match, key, kind, actor_id, actor_kind, country, *fixed in (
        ActorAlias.objects.filter(Q(match_key__in=set(matches.values())) | Q(key__in=list(matches)))
        .order_by()
        .values_list(
            "match_key",
            "key",
            "kind",
            "actor_id",
            "actor__kind",
            "actor__country",
            "actor__kind_fixed",
            "actor__country_fixed",
            "actor__name",
        )
    ):
        *fixed, actor_name = fixed
        whole_name = _match(actor_name)
        for found in {match, matches.get(key, "")} - {""}:
            owners.add(found, actor_id, actor_kind, country, tuple(fixed))
            if " " not in found and " " in whole_name:
                owners.part_names.add((found, actor_id))
        owners.alias_keys.add((kind, key))
    left = {key: m for key, m in matches.items() if m not in owners.by_match}
    if left:
        for key, actor_id, kind, country, *fixed in (
            Actor.objects.filter(key__in=list(left))
            .order_by()
            .values_list("key", "id", "kind", "country", "kind_fixed", "country_fixed")
        ):
            owners.add(left[key], actor_id, kind, country, tuple(fixed))
    return owners


def _actor_by_alias(fact: ActorFact, spellings: dict[str, str], owners: _Owners) -> int | None:
    """An existing actor known by one of the fact's other spellings.

    A person's one-word alias ("Assad") is not enough to join: it would fold relatives together.
    Organizations' short forms ("YPG") are distinctive and do join.
    """
    own = _match(fact.name)
    votes: dict[int, int] = defaultdict(int)
    for key, spelling in spellings.items():
        match = _match(spelling)
        if match == own or (fact.kind == "person" and " " not in match):
            continue
        owner = owners.owner(match, fact.kind, key)
        if owner is not None:
            votes[owner] += 1
    if not votes:
        return None
    # On a tie the oldest actor wins; one this batch is about to create (negative) comes last.
    return min(votes, key=lambda actor_id: (-votes[actor_id], actor_id < 0, abs(actor_id)))


def _actor_kinds_fix(fixes: dict[int, str]) -> None:
    """Give stored actors the kind the knowledge base knows them by (their aliases follow)."""
    for actor_id, kind in sorted(fixes.items()):
        try:
            with transaction.atomic():
                # An analyst's fixed kind stands (Actor.kind_fixed).
                if Actor.objects.filter(pk=actor_id, kind_fixed=False).update(kind=kind):
                    ActorAlias.objects.filter(actor_id=actor_id).update(kind=kind)
        except IntegrityError:
            continue  # another actor holds that name under that kind: an analyst can merge them


def _actors_create(new: dict[tuple[str, str], tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Insert the actors (kind, key) -> (name, country); their ids by (kind, key)."""
    if not new:
        return {}
    ordered = sorted(new)  # one insertion order for every worker: no deadlock between them
    slugs = slugs_new(Actor, [new[k][0] for k in ordered], "actor")
    rows = [
        Actor(
            kind=kind,
            key=key,
            name=clip(new[(kind, key)][0], 300),
            slug=slug,
            country=country_code(new[(kind, key)][1]),
        )
        for (kind, key), slug in zip(ordered, slugs, strict=True)
    ]
    if rows_insert(Actor, rows):
        return {(actor.kind, actor.key): actor.pk for actor in rows}
    Actor.objects.bulk_create(rows, ignore_conflicts=True)
    stored = Actor.objects.filter(
        kind__in={kind for kind, _ in ordered}, key__in={key for _, key in ordered}
    ).values_list("kind", "key", "id")
    created = {(kind, key): pk for kind, key, pk in stored if (kind, key) in new}
    for kind, key in ordered:
        if (kind, key) not in created:  # its slug was taken (or a racing worker took it)
            name, country = new[(kind, key)]
            actor = row_create(
                Actor,
                {"kind": kind, "key": key},
                {"name": clip(name, 300), "country": country_code(country)},
                name,
                "actor",
            )
            created[(kind, key)] = actor.pk
    return created
