"""Store what the extractor found in articles, replacing what each article produced before.

Called by the article pipeline inside one short transaction per batch of articles. Everything is
looked up and written in bulk (a fixed number of queries per batch, not per article or mention),
and every insert that two workers could race on relies on a unique constraint, never on a check
before the insert: new rows are inserted in one statement inside a savepoint, and only when that
conflicts (a racing worker, a taken slug) again with `ON CONFLICT DO NOTHING`, then read back.

What a re-run removes and what it keeps:
- The article's meeting sources are deleted and written again; of its mentions, only those that
  differ from what the run finds are deleted or written.
- A meeting or a role that this article alone attested (no source or mention left afterwards) is
  deleted; the primary keys of those found again are kept, so pages keep their addresses.
- Actors and places stay even when no mention is left: analysts edit and merge them.
- A merged meeting's participants are the union over its reports, and a role's first/last attested
  dates only widen; a re-run of one report does not shrink them while other reports remain.
"""

from __future__ import annotations

import datetime as dt
import secrets
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, DateField, F, Q, Value, When
from django.utils.text import slugify

from entities.models import (
    Actor,
    ActorAlias,
    AliasRejection,
    Event,
    EventActor,
    EventSource,
    Meeting,
    MeetingParticipant,
    MeetingSource,
    Mention,
    Place,
    PlaceAlias,
    Role,
)
from entities.services.counters import actors_counters_refresh, places_counters_refresh
from extraction.normalize import match_key, name_key

if TYPE_CHECKING:
    from articles.models import Article
    from extraction.types import (
        ActorFact,
        EventFact,
        Extraction,
        MeetingFact,
        PlaceFact,
        Span,
    )

ACTOR_KINDS = {choice.value for choice in Actor.Kind}
PLACE_KINDS = {choice.value for choice in Place.Kind}
MEETING_KINDS = {choice.value for choice in Meeting.Kind}
PRECISIONS = ["day", "week", "month", "year", "unknown"]  # finest first
# Meetings reported on neighbouring days are one meeting (time zones, "late on Monday").
DAY_SLACK = dt.timedelta(days=1)
SLUG_MAX = 300
# What tells a mention from another of the same article: a re-run keeps the rows equal in these.
MENTION_FIELDS = (
    "actor_id",
    "place_id",
    "role_id",
    "text",
    "start",
    "end",
    "sentence",
    "sentence_start",
    "sentence_end",
)
# First key of the PostgreSQL advisory locks taken while matching meetings ("MEET").
MEETING_LOCK_SPACE = 0x4D454554
# ... and while matching events ("EVNT").
EVENT_LOCK_SPACE = 0x45564E54
EVENT_TYPES = {choice.value for choice in Event.Type}
EVENT_BASES = {choice.value for choice in EventActor.Basis}
TOLL_FIELDS = (
    "killed",
    "killed_civilians",
    "killed_children",
    "killed_women",
    "killed_combatants",
    "wounded",
)
# A toll above this is a misread number (a year, a running total of a war), not one event's.
TOLL_MAX = 100_000


class ArticleFacts(NamedTuple):
    """One article's extraction to store. `previous=False` says the article never had facts
    stored (it was never processed), which saves looking for them; when in doubt, leave it True."""

    article: Article
    extraction: Extraction
    previous: bool = True


@dataclass
class _Previous:
    """What an article produced before: its meeting sources' sentence starts by meeting, its
    mentions' ids by MENTION_FIELDS, and the events it reported."""

    sources: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    events: set[int] = field(default_factory=set)
    mentions: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(list))


def article_facts_replace(
    *, article: Article, extraction: Extraction, previous: bool = True
) -> None:
    """Replace everything `article` produced before with the facts in `extraction`."""
    articles_facts_replace([ArticleFacts(article, extraction, previous)])


def articles_facts_replace(items: Sequence[ArticleFacts]) -> None:
    """Replace what each article produced before with its extraction, all in one transaction.

    The result is the same as storing the articles one after the other (a later article joins
    the actors an earlier one created, and its reports of a meeting the earlier one reported), but
    the queries are shared: a fixed number for the whole batch, plus a few for each article that
    reports a meeting. The same article must not appear twice.
    """
    if not items:
        return
    with transaction.atomic(savepoint=False):
        previous = _previous_facts([item.article for item in items if item.previous])
        old_meetings = {pk for p in previous.values() for pk in p.sources}
        old_events = {pk for p in previous.values() for pk in p.events}
        role_field = MENTION_FIELDS.index("role_id")
        old_roles = {row[role_field] for p in previous.values() for row in p.mentions} - {None}

        actors = _actors_store([item.extraction.actors for item in items])
        places = _places_store([fact for item in items for fact in item.extraction.places])
        roles = _roles_store(items=items, actors=actors)
        resolved = _Resolved(items, actors, places, roles, previous)
        _mentions_store(resolved)
        _meetings_store(resolved)
        _events_store(resolved)

        # Meetings, events and roles that only these articles attested, and no longer do; their
        # participants and places lose a meeting or an event.
        touched = resolved.touched
        if old_meetings:
            orphans = Meeting.objects.filter(pk__in=old_meetings, sources__isnull=True)
            touched.actors.update(
                MeetingParticipant.objects.filter(meeting__in=orphans).values_list(
                    "actor_id", flat=True
                )
            )
            touched.places.update(orphans.values_list("place_id", flat=True))
            orphans.delete()
        if old_events:
            orphans = Event.objects.filter(pk__in=old_events, sources__isnull=True)
            touched.places.update(orphans.values_list("place_id", flat=True))
            orphans.delete()
        if old_roles:
            Role.objects.filter(pk__in=old_roles, mentions__isnull=True).delete()

        # The counters of every actor and place whose facts these articles added or removed.
        actors_counters_refresh(actor_ids=touched.actors)
        places_counters_refresh(place_ids=touched.places)


def articles_facts_remove(*, articles: Sequence[Article]) -> None:
    """Remove everything these articles produced, before they are deleted: as storing an empty
    extraction, so meetings, events and roles that only they attested go too and the counters of
    what they named are recounted, in the caller's transaction."""
    from extraction.types import Extraction

    articles_facts_replace([ArticleFacts(article, Extraction()) for article in articles])


@dataclass
class _Touched:
    """The actors and places whose counters a batch may have changed (entities.services.counters):
    those its stored and new mentions, meetings and events name."""

    actors: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)


@dataclass
class _Resolved:
    """A batch whose actors, places and roles are stored: what its mentions and meetings name."""

    items: Sequence[ArticleFacts]
    actors: list[_Actors]  # per article
    places: dict[str, Place]  # by gazetteer key
    roles: list[dict[tuple[int, int], Role]]  # per article, by (fact, role) index
    previous: dict[int, _Previous]  # by article id, for articles stored before
    touched: _Touched = field(default_factory=_Touched)


def _previous_facts(articles: list[Article]) -> dict[int, _Previous]:
    """Each article's stored facts, read in three queries; its meeting and event sources are
    deleted (they are written again), its mentions are kept for `_mentions_store` to compare."""
    found = {article.pk: _Previous() for article in articles}
    if not found:
        return found
    for article_id, meeting_id, start in MeetingSource.objects.filter(
        article_id__in=list(found)
    ).values_list("article_id", "meeting_id", "sentence_start"):
        found[article_id].sources[meeting_id].add(start)
    for pk, article_id, *row in Mention.objects.filter(article_id__in=list(found)).values_list(
        "pk", "article_id", *MENTION_FIELDS
    ):
        found[article_id].mentions[tuple(row)].append(pk)
    for article_id, event_id in EventSource.objects.filter(article_id__in=list(found)).values_list(
        "article_id", "event_id"
    ):
        found[article_id].events.add(event_id)
    if any(p.sources for p in found.values()):
        MeetingSource.objects.filter(article_id__in=list(found)).delete()
    if any(p.events for p in found.values()):
        EventSource.objects.filter(article_id__in=list(found)).delete()  # and their actor links
    return found


# Slugs -------------------------------------------------------------------------------------------


def _slug_base(name: str, fallback: str) -> str:
    return slugify(name)[: SLUG_MAX - 10].strip("-") or fallback


def _slugs_new(model, names: list[str], fallback: str) -> list[str]:
    """A slug for each new row: its name's own slug when these are distinct, unchecked.

    A taken slug is rare, so rather than look first, the insert ignores that row and
    `_row_create` picks the next free one, as `_slugs_pick` would have.
    """
    bases = [_slug_base(name, fallback) for name in names]
    if len(set(bases)) < len(bases):
        return _slugs_pick(model, names, fallback)
    return bases


def _slugs_pick(model, names: list[str], fallback: str) -> list[str]:
    """A free slug for each name: name, name-2, ... name-9, checked in one query."""
    bases = [_slug_base(name, fallback) for name in names]
    candidates = {f"{base}-{n}" if n > 1 else base for base in bases for n in range(1, 10)}
    taken = set(model.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug = next(
            (c for n in range(1, 10) if (c := f"{base}-{n}" if n > 1 else base) not in taken),
            f"{base}-{secrets.token_hex(3)}",
        )
        taken.add(slug)
        slugs.append(slug)
    return slugs


def _row_create(model, lookup: dict, fields: dict, name: str, fallback: str):
    """Create one row that a concurrent worker may also be creating: the unique key decides."""
    for attempt in range(5):
        slug = _slugs_pick(model, [name], fallback)[0]
        if attempt:
            slug = f"{slug[: SLUG_MAX - 8]}-{secrets.token_hex(3)}"
        try:
            with transaction.atomic():
                return model.objects.create(**lookup, **fields, slug=slug)
        except IntegrityError:
            existing = model.objects.filter(**lookup).first()
            if existing is None and fields.get("geonames_id"):
                existing = model.objects.filter(geonames_id=fields["geonames_id"]).first()
            if existing is not None:
                return existing
    raise IntegrityError(f"Could not create {model.__name__} {lookup!r}: no free slug.")


def _rows_insert(model, rows: list) -> bool:
    """Insert new rows in one statement that sets their ids, when none of them conflicts.

    Conflicts are rare (a taken slug, a racing worker), so this is tried first; a savepoint
    contains the IntegrityError, and False tells the caller to insert ignoring conflicts and read
    the ids back.
    """
    if not connection.features.can_return_rows_from_bulk_insert:
        return False
    try:
        with transaction.atomic():
            model.objects.bulk_create(rows)
    except IntegrityError:
        return False
    return True


# Actors ------------------------------------------------------------------------------------------


@dataclass
class _Actors:
    """The stored actor of each ActorFact (None when the fact was unusable), and by name."""

    ids: list[int | None]
    by_name: dict[str, int] = field(default_factory=dict)

    def lookup(self, name: str | None) -> int | None:
        if not name:
            return None
        return self.by_name.get(name) or self.by_name.get(name_key(name))


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

    def add(self, match: str, actor_id: int, kind: str, country: str) -> None:
        if actor_id not in self.by_match[match]:
            self.by_match[match].append(actor_id)
        self.kinds.setdefault(actor_id, kind)
        self.countries.setdefault(actor_id, country)

    def owner(self, match: str, kind: str, key: str = "") -> int | None:
        """The actor of a match key: of several (old data), the one of this kind, then the
        oldest; an actor about to be created (negative id) comes last. Never an actor that the
        spelling with `key` was rejected for."""
        found = [a for a in self.by_match.get(match, ()) if (key, a) not in self.rejected]
        if not found:
            return None
        return min(found, key=lambda a: (self.kinds.get(a) != kind, a < 0, abs(a)))


def _actors_store(facts_by_article: list[list[ActorFact]]) -> list[_Actors]:
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
            owner = owners.owner(
                _match(fact.name), fact.kind, name_key(fact.name)[:300]
            ) or _actor_by_alias(fact, spellings, owners)
            if owner is None:
                owner = -(len(new_rows) + 1)
                new_rows[owner] = (fact.kind, name_key(fact.name)[:300], fact.name)
                owners.add(_match(fact.name), owner, fact.kind, "")
            elif fact.known and owners.kinds.get(owner) != fact.kind:
                # The knowledge base knows what it is: "Hezbollah" stored as a person is fixed.
                owners.kinds[owner] = fact.kind
                if owner > 0:
                    kind_fixes[owner] = fact.kind
                else:
                    new_rows[owner] = (fact.kind, *new_rows[owner][1:])
            ids[index] = owner
        # What this article stores is known to the next: its spellings and countries.
        for index, fact, spellings in usable:
            actor_id, country = ids[index], _country(fact.country)
            kind = owners.kinds[actor_id]
            for alias_key, spelling in spellings.items():
                match = _match(spelling)
                if (alias_key, actor_id) in owners.rejected:
                    continue  # an analyst rejected this spelling for this actor
                if actor_id not in owners.by_match.get(match, []) and owners.owner(match, kind):
                    continue  # another actor's name: not this one's alias
                owners.add(match, actor_id, kind, "")
                if (kind, alias_key) not in owners.alias_keys:
                    owners.alias_keys.add((kind, alias_key))
                    aliases[(kind, alias_key)] = (actor_id, spelling)
            if country and not owners.countries.get(actor_id):
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
        Actor.objects.filter(pk__in=actor_ids, country="").update(country=country)

    views = []
    for usable, ids in zip(usable_by_article, ids_by_article, strict=True):
        view = _Actors(ids=[actual(actor_id) for actor_id in ids])
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
    for match, key, kind, actor_id, actor_kind, country in (
        ActorAlias.objects.filter(Q(match_key__in=set(matches.values())) | Q(key__in=list(matches)))
        .order_by()
        .values_list("match_key", "key", "kind", "actor_id", "actor__kind", "actor__country")
    ):
        for found in {match, matches.get(key, "")} - {""}:
            owners.add(found, actor_id, actor_kind, country)
        owners.alias_keys.add((kind, key))
    left = {key: m for key, m in matches.items() if m not in owners.by_match}
    if left:
        for key, actor_id, kind, country in (
            Actor.objects.filter(key__in=list(left))
            .order_by()
            .values_list("key", "id", "kind", "country")
        ):
            owners.add(left[key], actor_id, kind, country)
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
                Actor.objects.filter(pk=actor_id).update(kind=kind)
                ActorAlias.objects.filter(actor_id=actor_id).update(kind=kind)
        except IntegrityError:
            continue  # another actor holds that name under that kind: an analyst can merge them


def _actors_create(new: dict[tuple[str, str], tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Insert the actors (kind, key) -> (name, country); their ids by (kind, key)."""
    if not new:
        return {}
    ordered = sorted(new)  # one insertion order for every worker: no deadlock between them
    slugs = _slugs_new(Actor, [new[k][0] for k in ordered], "actor")
    rows = [
        Actor(
            kind=kind,
            key=key,
            name=_clip(new[(kind, key)][0], 300),
            slug=slug,
            country=_country(new[(kind, key)][1]),
        )
        for (kind, key), slug in zip(ordered, slugs, strict=True)
    ]
    if _rows_insert(Actor, rows):
        return {(actor.kind, actor.key): actor.pk for actor in rows}
    Actor.objects.bulk_create(rows, ignore_conflicts=True)
    stored = Actor.objects.filter(
        kind__in={kind for kind, _ in ordered}, key__in={key for _, key in ordered}
    ).values_list("kind", "key", "id")
    created = {(kind, key): pk for kind, key, pk in stored if (kind, key) in new}
    for kind, key in ordered:
        if (kind, key) not in created:  # its slug was taken (or a racing worker took it)
            name, country = new[(kind, key)]
            actor = _row_create(
                Actor,
                {"kind": kind, "key": key},
                {"name": _clip(name, 300), "country": _country(country)},
                name,
                "actor",
            )
            created[(kind, key)] = actor.pk
    return created


# Places ------------------------------------------------------------------------------------------


def _places_store(facts: list[PlaceFact]) -> dict[str, Place]:
    """Each place and its parents (city -> governorate -> country), by gazetteer key."""
    nodes: dict[str, PlaceFact] = {}
    parent_of: dict[str, str] = {}
    for fact in facts:
        chain = [node for node in [fact, *fact.parents] if node.key and node.kind in PLACE_KINDS]
        for position, node in enumerate(chain):
            nodes.setdefault(node.key, node)
            if position + 1 < len(chain) and chain[position + 1].key != node.key:
                parent_of.setdefault(node.key, chain[position + 1].key)
    if not nodes:
        return {}
    found = _places_fetch(nodes)
    missing = sorted(key for key in nodes if key not in found)
    if missing:
        slugs = _slugs_new(Place, [nodes[key].name for key in missing], "place")
        rows = [_place_row(nodes[key], slug) for key, slug in zip(missing, slugs, strict=True)]
        if _rows_insert(Place, rows):
            found.update((place.key, place) for place in rows)
        else:
            Place.objects.bulk_create(rows, ignore_conflicts=True)
        if any(key not in found for key in missing):
            found = _places_fetch(nodes)
        for key in missing:
            if key not in found:  # its slug was taken (or a racing worker took it)
                row = _place_row(nodes[key], "")
                fields = {
                    f: getattr(row, f)
                    for f in (
                        "name",
                        "kind",
                        "country_code",
                        "latitude",
                        "longitude",
                        "geonames_id",
                    )
                }
                found[key] = _row_create(Place, {"key": key}, fields, nodes[key].name, "place")

    # A place found under its own key gets the gazetteer's parent when it has none yet. One found
    # through a redirect or a GeoNames id is another place: the chain is not about it.
    parent_ids = {place.pk: place.parent_id for place in found.values()}
    orphans = []
    for key, parent_key in parent_of.items():
        place, parent = found[key], found.get(parent_key)
        if (
            place.key == key
            and place.parent_id is None
            and parent is not None
            and not _is_ancestor(place.pk, of=parent.pk, parent_ids=parent_ids)
        ):
            place.parent = parent
            parent_ids[place.pk] = parent.pk
            orphans.append(place)
    if orphans:
        Place.objects.bulk_update(orphans, ["parent"])

    aliases = {}
    for fact in facts:
        place = found.get(fact.key)
        if place is None:
            continue
        for spelling in [fact.name, *fact.aliases]:
            spelling = " ".join((spelling or "").split())[:300]
            key = name_key(spelling)[:300]
            if key:
                aliases.setdefault((place.pk, key), PlaceAlias(place=place, name=spelling, key=key))
    if aliases:
        PlaceAlias.objects.bulk_create([aliases[k] for k in sorted(aliases)], ignore_conflicts=True)
    return found


def _is_ancestor(candidate: int, *, of: int, parent_ids: dict[int, int | None]) -> bool:
    """Whether `candidate` is `of` or above it, as far as the loaded places tell."""
    node, steps = of, 0
    while node is not None and steps < 10:
        if node == candidate:
            return True
        node, steps = parent_ids.get(node), steps + 1
    return False


def _places_fetch(nodes: dict[str, PlaceFact]) -> dict[str, Place]:
    """Stored places by gazetteer key: the key itself, else a merged place's redirect (an analyst
    merged it into another), else the GeoNames id. One query: a place comes once per redirect."""
    keys = list(nodes)
    geonames = {node.geonames_id: key for key, node in nodes.items() if node.geonames_id}
    rows = list(
        Place.objects.filter(
            Q(key__in=keys) | Q(geonames_id__in=list(geonames)) | Q(redirects__old_key__in=keys)
        ).annotate(redirected_from=F("redirects__old_key"))
    )
    places = {place.pk: place for place in rows}  # one instance per place
    by_key = {place.key: place for place in places.values() if place.key in nodes}
    for row in rows:
        if row.redirected_from in nodes and row.redirected_from not in by_key:
            by_key[row.redirected_from] = places[row.pk]
    for place in places.values():
        key = geonames.get(place.geonames_id)
        if key is not None:
            by_key.setdefault(key, place)
    return by_key


def _place_row(fact: PlaceFact, slug: str) -> Place:
    lat, lon = fact.lat, fact.lon
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    geonames_id = fact.geonames_id if fact.geonames_id and fact.geonames_id > 0 else None
    return Place(
        key=fact.key[:120],
        name=_clip(fact.name, 300),
        kind=fact.kind,
        slug=slug,
        country_code=_country(fact.country),
        latitude=lat,
        longitude=lon,
        geonames_id=geonames_id,
    )


# Roles -------------------------------------------------------------------------------------------


def _roles_store(
    *, items: Sequence[ArticleFacts], actors: list[_Actors]
) -> list[dict[tuple[int, int], Role]]:
    """Upsert each (actor, title, country or organization); widen its attested dates to the
    publication dates of the articles attesting it. Per article: (fact, role) index -> Role."""
    wanted: dict[tuple[int, int, int], tuple] = {}
    days: dict[tuple, set[dt.date]] = defaultdict(set)
    for position, (item, view) in enumerate(zip(items, actors, strict=True)):
        for fact_index, fact in enumerate(item.extraction.actors):
            actor_id = view.ids[fact_index]
            if actor_id is None:
                continue
            for role_index, role in enumerate(fact.roles):
                title = " ".join((role.title or "").split())[:200]
                title_key = name_key(title)[:200]
                if not title_key:
                    continue
                organization_id = view.lookup(role.organization)
                if organization_id == actor_id:
                    organization_id = None
                country = _country(role.country)
                held_for = ("org", organization_id) if organization_id else ("cc", country)
                wanted[(position, fact_index, role_index)] = (
                    actor_id,
                    title_key,
                    held_for,
                    title,
                    country,
                )
                if item.article.published:
                    days[(actor_id, title_key, held_for)].add(item.article.published)
    by_article: list[dict[tuple[int, int], Role]] = [{} for _ in items]
    if not wanted:
        return by_article

    def fetch() -> dict[tuple, Role]:
        rows = Role.objects.filter(
            actor_id__in={w[0] for w in wanted.values()},
            title_key__in={w[1] for w in wanted.values()},
        )
        return {
            (
                r.actor_id,
                r.title_key,
                ("org", r.organization_id) if r.organization_id else ("cc", r.country),
            ): r
            for r in rows
        }

    existing = fetch()
    new = {}
    for actor_id, title_key, held_for, title, country in wanted.values():
        lookup = (actor_id, title_key, held_for)
        if lookup not in existing and lookup not in new:
            attested = days.get(lookup)
            new[lookup] = Role(
                actor_id=actor_id,
                title=title,
                title_key=title_key,
                country=country,
                organization_id=held_for[1] if held_for[0] == "org" else None,
                first_attested=min(attested) if attested else None,
                last_attested=max(attested) if attested else None,
            )
    if new:
        rows = [new[k] for k in sorted(new, key=str)]
        if _rows_insert(Role, rows):
            existing.update(new)
        else:
            Role.objects.bulk_create(rows, ignore_conflicts=True)
            existing = fetch()
    narrow: dict[tuple[dt.date, dt.date], set[int]] = defaultdict(set)
    for (position, fact_index, role_index), w in wanted.items():
        role = existing.get(w[:3])
        if role is None:
            continue
        by_article[position][(fact_index, role_index)] = role
        attested = days.get(w[:3])
        if not attested:
            continue
        low, high = min(attested), max(attested)
        if (
            role.first_attested is None
            or role.first_attested > low
            or role.last_attested is None
            or role.last_attested < high
        ):
            narrow[(low, high)].add(role.pk)
    for (low, high), role_ids in sorted(narrow.items()):
        _roles_widen(role_ids=role_ids, low=low, high=high)
    return by_article


def _roles_widen(*, role_ids: set[int], low: dt.date, high: dt.date) -> None:
    """One conditional UPDATE, evaluated row by row, so concurrent workers only ever widen."""
    low_value = Value(low, output_field=DateField())
    high_value = Value(high, output_field=DateField())
    earlier = Q(first_attested__isnull=True) | Q(first_attested__gt=low)
    later = Q(last_attested__isnull=True) | Q(last_attested__lt=high)
    Role.objects.filter(earlier | later, pk__in=role_ids).update(
        first_attested=Case(When(earlier, then=low_value), default=F("first_attested")),
        last_attested=Case(When(later, then=high_value), default=F("last_attested")),
    )


# Mentions ----------------------------------------------------------------------------------------


def _span_bounds(span: Span, text: str) -> tuple[int, int, int, int] | None:
    start, end = span.start, span.end
    if not (0 <= start < end <= len(text)):
        return None
    sentence_start, sentence_end = span.sentence_start, span.sentence_end
    if not (0 <= sentence_start <= start and end <= sentence_end <= len(text)):
        sentence_start, sentence_end = start, end
    return start, end, sentence_start, sentence_end


def _mention(text: str, bounds, span: Span, **target) -> Mention:
    start, end, sentence_start, sentence_end = bounds
    return Mention(
        **target,
        text=_clip(span.text or text[start:end], 300),
        start=start,
        end=end,
        sentence=text[sentence_start:sentence_end],
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )


def _mentions_store(batch: _Resolved) -> None:
    """Write the articles' mentions. A re-run keeps the stored rows it would write again (the
    ids in `previous`) and changes only the others: one DELETE and one INSERT for the batch."""
    new: list[Mention] = []
    gone: list[int] = []
    for item, view, roles in zip(batch.items, batch.actors, batch.roles, strict=True):
        rows = _mention_rows(
            article=item.article,
            extraction=item.extraction,
            actors=view,
            places=batch.places,
            roles=roles,
        )
        previous = batch.previous.get(item.article.pk)
        old = previous.mentions if previous is not None else {}
        for row in rows:
            same = old.get(tuple(getattr(row, name) for name in MENTION_FIELDS))
            if same:
                same.pop()
            else:
                new.append(row)
        gone.extend(pk for pks in old.values() for pk in pks)
    # Mentions kept, removed or added: every target the articles named before or name now.
    actor_at, place_at = MENTION_FIELDS.index("actor_id"), MENTION_FIELDS.index("place_id")
    for previous in batch.previous.values():
        for row in previous.mentions:
            batch.touched.actors.add(row[actor_at])
            batch.touched.places.add(row[place_at])
    batch.touched.actors.update(m.actor_id for m in new)
    batch.touched.places.update(m.place_id for m in new)
    batch.touched.actors.discard(None)
    batch.touched.places.discard(None)
    if gone:
        Mention.objects.filter(pk__in=gone).delete()
    if new:
        Mention.objects.bulk_create(new)


def _mention_rows(
    *,
    article: Article,
    extraction: Extraction,
    actors: _Actors,
    places: dict[str, Place],
    roles: dict[tuple[int, int], Role],
) -> list[Mention]:
    """The article's mentions, in text order."""
    text = article.text
    rows: dict[tuple, Mention] = {}
    for index, fact in enumerate(extraction.actors):
        actor_id = actors.ids[index]
        if actor_id is None:
            continue
        for span in fact.mentions:
            bounds = _span_bounds(span, text)
            if bounds is not None:
                rows.setdefault(
                    ("actor", actor_id, bounds[0], bounds[1]),
                    _mention(text, bounds, span, article_id=article.pk, actor_id=actor_id),
                )
    # A role's words attest it through the nearest mention of its holder in the same sentence,
    # or, when the sentence names the holder only by title, through a mention of those words.
    for (fact_index, role_index), role in sorted(roles.items()):
        actor_id = actors.ids[fact_index]
        for span in extraction.actors[fact_index].roles[role_index].spans:
            bounds = _span_bounds(span, text)
            if bounds is None:
                continue
            near = [
                m
                for (kind, owner, _, _), m in rows.items()
                if kind == "actor" and owner == actor_id and m.sentence_start == bounds[2]
            ]
            if near:
                nearest = min(near, key=lambda m: (_gap(m, bounds), m.start))
                nearest.role_id = role.pk
            else:
                mention = _mention(text, bounds, span, article_id=article.pk, actor_id=actor_id)
                mention.role_id = role.pk
                rows.setdefault(("actor", actor_id, bounds[0], bounds[1]), mention)
    for fact in extraction.places:
        place = places.get(fact.key)
        if place is None:
            continue
        for span in fact.mentions:
            bounds = _span_bounds(span, text)
            if bounds is not None:
                rows.setdefault(
                    ("place", place.pk, bounds[0], bounds[1]),
                    _mention(text, bounds, span, article_id=article.pk, place_id=place.pk),
                )
    return [rows[key] for key in sorted(rows, key=lambda k: (k[2], k[3], k[0], k[1]))]


def _gap(mention: Mention, bounds) -> int:
    start, end = bounds[0], bounds[1]
    return max(0, start - mention.end, mention.start - end)


# Meetings ----------------------------------------------------------------------------------------


@dataclass
class _MeetingCandidate:
    meeting: Meeting
    participants: set[int]
    place_lineage: set[int]  # the place and its ancestors
    changed: bool = False


@dataclass
class _MeetingReport:
    kind: str
    participants: list[int]
    place: Place | None
    place_lineage: set[int]
    date: dt.date | None
    precision: str
    sentences: list[tuple[int, int]]


def _meetings_store(batch: _Resolved) -> None:
    """Each article's meeting reports, joined to the meetings they describe or stored as new
    ones, article after article, so that the second of two reports of one meeting joins the
    first's. The participant locks for the whole batch are taken first, in one order."""
    reported = []
    for item, view, roles in zip(batch.items, batch.actors, batch.roles, strict=True):
        lineages = _place_lineages(places=batch.places, place_facts=item.extraction.places)
        reports = [
            report
            for report in (
                _meeting_report(
                    article=item.article,
                    fact=fact,
                    actors=view,
                    places=batch.places,
                    lineages=lineages,
                )
                for fact in item.extraction.meetings
            )
            if report is not None
        ]
        if reports:
            reported.append((item.article, reports, view, roles))
    if not reported:
        return
    _meetings_lock(
        actor_ids={a for _, reports, _, _ in reported for r in reports for a in r.participants}
    )
    for article, reports, view, roles in reported:
        previous = batch.previous.get(article.pk)
        _meetings_place(
            article=article,
            reports=reports,
            actors=view,
            roles=roles,
            old_sources=previous.sources if previous is not None else {},
            touched=batch.touched,
        )


def _meetings_place(
    *,
    article: Article,
    reports: list[_MeetingReport],
    actors: _Actors,
    roles: dict[tuple[int, int], Role],
    old_sources: dict[int, set[int]],
    touched: _Touched,
) -> None:
    candidates = _meeting_candidates(reports=reports, old_ids=set(old_sources))
    role_by_actor: dict[int, int] = {}
    for (fact_index, _), role in sorted(roles.items()):
        role_by_actor.setdefault(actors.ids[fact_index], role.pk)

    placements: list[tuple[_MeetingReport, _MeetingCandidate]] = []
    pending: list[tuple[_MeetingReport, _MeetingCandidate]] = []
    for report in reports:
        match = _meeting_match(report, candidates, old_sources)
        if match is None:
            match = _MeetingCandidate(
                meeting=Meeting(
                    kind=report.kind,
                    date=report.date,
                    date_precision=report.precision,
                    place=report.place,
                ),
                participants=set(),
                place_lineage=set(report.place_lineage),
            )
            candidates.append(match)
            pending.append((report, match))
        else:
            touched.places.add(match.meeting.place_id)  # the place it had, if refined away
            _meeting_refine(match, report)
        touched.places.add(match.meeting.place_id)
        touched.actors.update(report.participants)
        match.participants.update(report.participants)
        placements.append((report, match))

    new_meetings = [c.meeting for _, c in pending]
    if new_meetings:
        Meeting.objects.bulk_create(new_meetings)
    changed = [c.meeting for c in candidates if c.changed and c.meeting.pk]
    if changed:
        Meeting.objects.bulk_update(changed, ["place", "date", "date_precision"])

    participants, sources = {}, {}
    for report, candidate in placements:
        meeting = candidate.meeting
        for actor_id in report.participants:
            participants.setdefault(
                (meeting.pk, actor_id),
                MeetingParticipant(
                    meeting=meeting, actor_id=actor_id, role_id=role_by_actor.get(actor_id)
                ),
            )
        for start, end in report.sentences:
            sources.setdefault(
                (meeting.pk, start),
                MeetingSource(
                    meeting=meeting,
                    article=article,
                    sentence=article.text[start:end],
                    sentence_start=start,
                    sentence_end=end,
                ),
            )
    MeetingParticipant.objects.bulk_create(
        [participants[k] for k in sorted(participants)], ignore_conflicts=True
    )
    MeetingSource.objects.bulk_create([sources[k] for k in sorted(sources)], ignore_conflicts=True)


def _meetings_lock(*, actor_ids: set[int]) -> None:
    """Serialize the workers storing meetings with a participant in common, until they commit.

    Meetings have no natural unique key, so two workers storing two reports of one new meeting at
    once would each create it. With this transaction-scoped lock per participant (taken in one
    order, so never deadlocking) the second waits, then finds the first's meeting and joins it.
    """
    if connection.vendor != "postgresql" or not actor_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, k) FROM ("
            " SELECT unnest(%s::int[]) AS k ORDER BY 1) AS participants",
            [MEETING_LOCK_SPACE, sorted({a % 2147483647 for a in actor_ids})],
        )


def _meeting_report(
    *,
    article: Article,
    fact: MeetingFact,
    actors: _Actors,
    places: dict[str, Place],
    lineages: dict[str, set[int]],
) -> _MeetingReport | None:
    participants = sorted({a for a in (actors.lookup(n) for n in fact.participants) if a})
    if not participants:
        return None
    sentences = {}
    for span in fact.spans:
        bounds = _span_bounds(span, article.text)
        if bounds is not None:
            sentences.setdefault(bounds[2], bounds[3])
    if not sentences:
        return None
    place = places.get(fact.place) if fact.place else None
    lineage = lineages.get(fact.place, set()) if place is not None else set()
    precision = fact.date_precision if fact.date_precision in PRECISIONS else "day"
    date = fact.date
    if date is None:
        precision = "unknown"
    return _MeetingReport(
        kind=fact.kind if fact.kind in MEETING_KINDS else "in_person",
        participants=participants,
        place=place,
        place_lineage=lineage,
        date=date,
        precision=precision,
        sentences=sorted(sentences.items()),
    )


def _place_lineages(
    *, places: dict[str, Place], place_facts: list[PlaceFact]
) -> dict[str, set[int]]:
    """Each place key -> the ids of the place and its ancestors, from the gazetteer's chains and the
    stored parent links (no queries)."""
    lineages = {}
    for fact in place_facts:
        ids = set()
        for node in [fact, *fact.parents]:
            place = places.get(node.key)
            if place is not None:
                ids.add(place.pk)
                if place.parent_id:
                    ids.add(place.parent_id)
        lineages[fact.key] = ids
    return lineages


def _lineage_of(place: Place) -> set[int]:
    """The place and the ancestors already loaded on it (no queries)."""
    ids, node, seen = set(), place, 0
    while node is not None and seen < 6:
        ids.add(node.pk)
        node = node.parent if node.parent_id and Place.parent.is_cached(node) else None
        seen += 1
    return ids


def _meeting_candidates(
    *, reports: list[_MeetingReport], old_ids: set[int]
) -> list[_MeetingCandidate]:
    """Stored meetings that could be the ones reported: this article's own, and any on nearby
    dates sharing a participant. Two queries for all reports."""
    nearby = Q()
    actor_ids = set()
    for report in reports:
        actor_ids.update(report.participants)
        window = _date_window(report.date, report.precision)
        if window is None:
            if report.place is not None:
                nearby |= Q(kind=report.kind, date_precision="unknown", place=report.place)
            continue
        low, high = window
        nearby |= Q(
            kind=report.kind,
            date__range=(low - dt.timedelta(days=32), high + dt.timedelta(days=32)),
        )
        nearby |= Q(kind=report.kind, date_precision="year", date__year__in={low.year, high.year})
    query = Q(pk__in=old_ids)
    if nearby:
        shared = MeetingParticipant.objects.filter(actor_id__in=actor_ids).values("meeting_id")
        query |= nearby & Q(pk__in=shared)
    meetings = (
        Meeting.objects.filter(query)
        .select_related("place__parent__parent__parent")
        .prefetch_related("participations")
        .order_by("pk")
    )
    return [
        _MeetingCandidate(
            meeting=m,
            participants={p.actor_id for p in m.participations.all()},
            place_lineage=_lineage_of(m.place) if m.place_id else set(),
        )
        for m in meetings
    ]


def _meeting_match(
    report: _MeetingReport,
    candidates: list[_MeetingCandidate],
    old_sources: dict[int, set[int]],
) -> _MeetingCandidate | None:
    """The meeting this report describes: the one its sentences reported before (a re-run),
    else one of the same kind, a compatible place, an overlapping date and the same people."""
    starts = {start for start, _ in report.sentences}
    for candidate in candidates:
        meeting = candidate.meeting
        if (
            meeting.pk in old_sources
            and meeting.kind == report.kind
            and old_sources[meeting.pk] & starts
            and candidate.participants & set(report.participants)
        ):
            return candidate
    if report.precision == "unknown":
        return _undated_match(report, candidates)
    best, best_score = None, None
    for candidate in candidates:
        meeting = candidate.meeting
        shared = candidate.participants & set(report.participants)
        if (
            meeting.kind != report.kind
            or not _same_people(candidate.participants, set(report.participants))
            or not _places_compatible(report, candidate)
            or not _dates_overlap(
                (report.date, report.precision), (meeting.date, meeting.date_precision)
            )
        ):
            continue
        same_place = report.place is not None and report.place.pk == meeting.place_id
        distance = abs((report.date - meeting.date).days)
        score = (-len(shared), not same_place, distance, meeting.pk or 0)
        if best_score is None or score < best_score:
            best, best_score = candidate, score
    return best


def _same_people(stored: set[int], reported: set[int]) -> bool:
    """Two reports name the same meeting's people when one list holds the other (a later report
    adds a delegate) or they share at least half of all the names: one person in common is not
    enough (Kerry met Johnson in London on Sunday and Lavrov on Saturday)."""
    shared = stored & reported
    if not shared:
        return False
    return shared in (stored, reported) or 2 * len(shared) >= len(stored | reported)


def _undated_match(
    report: _MeetingReport, candidates: list[_MeetingCandidate]
) -> _MeetingCandidate | None:
    """An undated report is the undated meeting of the same kind, at the same place, between the
    same participants: nothing else tells two such reports apart, and no date keeps them apart."""
    if report.place is None:
        return None
    for candidate in candidates:
        meeting = candidate.meeting
        if (
            meeting.kind == report.kind
            and meeting.date_precision == "unknown"
            and meeting.place_id == report.place.pk
            and candidate.participants == set(report.participants)
        ):
            return candidate
    return None


def _places_compatible(report: _MeetingReport, candidate: _MeetingCandidate) -> bool:
    """Unknown fits anything; otherwise one place must contain the other (Moscow is in Russia)."""
    place_id = candidate.meeting.place_id
    if report.place is None or place_id is None:
        return True
    return place_id in report.place_lineage or report.place.pk in candidate.place_lineage


def _date_window(date: dt.date | None, precision: str) -> tuple[dt.date, dt.date] | None:
    if date is None or precision == "unknown":
        return None
    if precision == "week":
        monday = date - dt.timedelta(days=date.weekday())
        return monday, monday + dt.timedelta(days=6)
    if precision == "month":
        first = date.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    if precision == "year":
        return date.replace(month=1, day=1), date.replace(month=12, day=31)
    return date, date


def _dates_overlap(one: tuple, other: tuple) -> bool:
    """Same or neighbouring day; a week, month or year overlapping the other's date or span."""
    first, second = _date_window(*one), _date_window(*other)
    if first is None or second is None:
        return False
    return first[0] <= second[1] + DAY_SLACK and second[0] <= first[1] + DAY_SLACK


def _meeting_refine(candidate: _MeetingCandidate, report: _MeetingReport) -> None:
    """A finer date or a more exact place from this report improves the stored meeting."""
    meeting = candidate.meeting
    if report.date is not None and PRECISIONS.index(report.precision) < PRECISIONS.index(
        meeting.date_precision
    ):
        meeting.date, meeting.date_precision = report.date, report.precision
        candidate.changed = True
    if (
        report.place is not None
        and report.place.pk != meeting.place_id
        and (meeting.place_id is None or meeting.place_id in report.place_lineage)
    ):
        meeting.place = report.place
        candidate.place_lineage = set(report.place_lineage)
        candidate.changed = True


# Events ------------------------------------------------------------------------------------------


@dataclass
class _EventSide:
    side: str
    basis: str
    actor_id: int | None
    name: str
    key: str

    @property
    def identity(self) -> tuple[str, int | str]:
        return ("actor", self.actor_id) if self.actor_id else ("name", self.key)


@dataclass
class _EventReport:
    type: str
    place: Place | None
    geo_precision: int | None
    admin1: str
    date: dt.date | None
    sides: list[_EventSide]
    toll: dict[str, int | None]
    sentences: list[tuple[int, int]]

    @property
    def key(self) -> tuple:
        return (self.type, self.place.pk if self.place else None, self.date)

    @property
    def mergeable(self) -> bool:
        """Only a report with a place and a day can be another report's event: nothing else
        tells two undated or unplaced strikes apart."""
        return self.place is not None and self.date is not None


@dataclass
class _EventCandidate:
    event: Event
    identities: set[tuple]
    claimed_by: set[int] = field(default_factory=set)  # articles that already reported it
    changed: bool = False

    @property
    def key(self) -> tuple:
        return (self.event.type, self.event.place_id, self.event.date)


def _events_store(batch: _Resolved) -> None:
    """Each article's event reports, joined to the stored event they describe (same type, place
    and day, and an actor in common or none named) or stored as new ones, article after article.

    A fixed number of queries for the whole batch: lock, candidates, their sides, then one insert
    each for new events, sources and sides.
    """
    reported: list[tuple[Article, list[_EventReport]]] = []
    for item, view in zip(batch.items, batch.actors, strict=True):
        reports = [
            report
            for fact in item.extraction.events
            if (
                report := _event_report(
                    article=item.article, fact=fact, actors=view, batch=batch, item=item
                )
            )
            is not None
        ]
        if reports:
            reported.append((item.article, reports))
    if not reported:
        return
    _events_lock(keys={r.key for _, reports in reported for r in reports if r.mergeable})
    old_ids = {
        pk
        for article, _ in reported
        if (previous := batch.previous.get(article.pk)) is not None
        for pk in previous.events
    }
    candidates = _event_candidates(
        reports=[r for _, reports in reported for r in reports], old_ids=old_ids
    )

    placements: list[tuple[Article, _EventReport, _EventCandidate]] = []
    new: list[_EventCandidate] = []
    for article, reports in reported:
        previous = batch.previous.get(article.pk)
        own = previous.events if previous is not None else set()
        for report in reports:
            match = _event_match(report, candidates, article_id=article.pk, own=own)
            if match is None:
                match = _EventCandidate(
                    event=Event(
                        type=report.type,
                        date=report.date,
                        date_precision="day" if report.date else "unknown",
                        place=report.place,
                        geo_precision=report.geo_precision,
                        admin1=report.admin1,
                    ),
                    identities=set(),
                )
                candidates.append(match)
                new.append(match)
            elif not match.event.admin1 and report.admin1:
                match.event.admin1, match.changed = report.admin1, True
            match.claimed_by.add(article.pk)
            match.identities.update(side.identity for side in report.sides)
            placements.append((article, report, match))

    if new:
        Event.objects.bulk_create([c.event for c in new])
        batch.touched.places.update(c.event.place_id for c in new)
    changed = [c.event for c in candidates if c.changed and c.event.pk]
    if changed:
        Event.objects.bulk_update(changed, ["admin1"])
    sources = [
        EventSource(
            event=candidate.event,
            article=article,
            sentence=" ".join(article.text[start:end].strip() for start, end in report.sentences),
            sentence_start=report.sentences[0][0],
            sentence_end=report.sentences[-1][1],
            spans=[[start, end] for start, end in report.sentences],
            **report.toll,
        )
        for article, report, candidate in placements
    ]
    EventSource.objects.bulk_create(sources)
    EventActor.objects.bulk_create(
        [
            EventActor(
                event=source.event,
                source=source,
                actor_id=side.actor_id,
                name=side.name,
                name_key=side.key,
                side=side.side,
                basis=side.basis,
            )
            for source, (_, report, _) in zip(sources, placements, strict=True)
            for side in report.sides
        ]
    )


def _event_report(
    *, article: Article, fact: EventFact, actors: _Actors, batch: _Resolved, item: ArticleFacts
) -> _EventReport | None:
    """A usable report of an event, or None: an unknown type, or no sentence inside the text."""
    if fact.type not in EVENT_TYPES:
        return None
    sentences: dict[int, int] = {}
    for span in fact.spans:
        bounds = _span_bounds(span, article.text)
        if bounds is not None:
            sentences.setdefault(bounds[2], bounds[3])
    if not sentences:
        return None
    place = batch.places.get(fact.place) if fact.place else None
    place_fact = item.extraction.place(fact.place) if place is not None else None
    basis = fact.perpetrator_basis if fact.perpetrator_basis in EVENT_BASES else "reported"
    sides: dict[tuple[str, str], _EventSide] = {}
    for side, names, side_basis in (
        ("perpetrator", fact.perpetrators, basis),
        ("target", fact.targets, "reported"),
    ):
        for name in names or []:
            name = _clip(name if isinstance(name, str) else "", 300)
            key = name_key(name)[:300]
            if key and (side, key) not in sides:
                sides[(side, key)] = _EventSide(side, side_basis, actors.lookup(name), name, key)
    date = fact.date if isinstance(fact.date, dt.date) else None
    return _EventReport(
        type=fact.type,
        place=place,
        geo_precision=geo_precision(place_fact) if place is not None else None,
        admin1=_clip(fact.admin1, 100),
        date=date,
        sides=list(sides.values()),
        toll={name: _toll(getattr(fact, name, None)) for name in TOLL_FIELDS},
        sentences=sorted(sentences.items()),
    )


def geo_precision(place: PlaceFact | None) -> int | None:
    """ACLED's geo_precision from the kind of place the report names: 1 for a town, village,
    city district or site; 2 for an area that is part of a governorate ("Eastern Ghouta"), or a
    river or lake; 3 for a governorate (a region directly under its country) or a country."""
    if place is None:
        return None
    if place.kind in ("city", "site"):
        return 1
    if place.kind == "water":
        return 2
    if place.kind == "region":
        return 2 if place.parents and place.parents[0].kind == "region" else 3
    return 3


def _toll(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= TOLL_MAX else None


def _events_lock(*, keys: set[tuple]) -> None:
    """Serialize the workers storing reports of one type, place and day, until they commit, so
    that two reports of one new event stored at once make one event (see `_meetings_lock`)."""
    if connection.vendor != "postgresql" or not keys:
        return
    codes = sorted({zlib.crc32(repr(key).encode()) & 0x7FFFFFFF for key in keys})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, k) FROM ("
            " SELECT unnest(%s::int[]) AS k ORDER BY 1) AS events",
            [EVENT_LOCK_SPACE, codes],
        )


def _event_candidates(*, reports: list[_EventReport], old_ids: set[int]) -> list[_EventCandidate]:
    """Stored events the reports could be: the articles' own (a re-run) and any of the same type,
    place and day. Two queries for the whole batch."""
    query = Q(pk__in=old_ids)
    for type_, place_id, date in {r.key for r in reports if r.mergeable}:
        query |= Q(type=type_, place_id=place_id, date=date)
    events = list(Event.objects.filter(query).order_by("pk"))
    identities: dict[int, set[tuple]] = defaultdict(set)
    if events:
        for event_id, actor_id, key in EventActor.objects.filter(
            event_id__in=[e.pk for e in events]
        ).values_list("event_id", "actor_id", "name_key"):
            identities[event_id].add(("actor", actor_id) if actor_id else ("name", key))
    return [_EventCandidate(event=e, identities=identities[e.pk]) for e in events]


def _event_match(
    report: _EventReport, candidates: list[_EventCandidate], *, article_id: int, own: set[int]
) -> _EventCandidate | None:
    """The event this report describes: the one this article reported before under the same
    type, place and day (a re-run keeps its id), else one of another report with the same
    type, place and day whose actors overlap this report's, or where either names none."""
    free = [c for c in candidates if article_id not in c.claimed_by and c.key == report.key]
    for candidate in free:
        if candidate.event.pk in own:
            return candidate
    if not report.mergeable:
        return None
    reported = {side.identity for side in report.sides}
    for candidate in free:
        if not reported or not candidate.identities or reported & candidate.identities:
            return candidate
    return None


# Small helpers -----------------------------------------------------------------------------------


def _clip(value: str | None, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def _country(value: str | None) -> str:
    value = (value or "").strip().upper()
    return value if len(value) == 2 and value.isalpha() else ""
