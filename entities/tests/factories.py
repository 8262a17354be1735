"""Small helpers that create dashboard rows directly, for page and selector tests.

Like the fact-storing service, each helper that adds a mention, a meeting or an event recounts the
stored counters of the actors and places it names (entities.services.counters).
"""

import datetime as dt
import itertools

from django.utils.text import slugify

from articles.models import Article, content_hash
from entities.models import (
    Actor,
    ActorAlias,
    Event,
    EventActor,
    EventSource,
    Meeting,
    MeetingParticipant,
    MeetingSource,
    Mention,
    Place,
    Role,
)
from entities.services.counters import actors_counters_refresh, places_counters_refresh
from extraction.normalize import name_key

_serial = itertools.count(1)


def make_article(
    text: str, *, title: str = "", published: dt.date | None = dt.date(2017, 4, 5), **fields
) -> Article:
    n = next(_serial)
    return Article.objects.create(
        title=title or f"Report {n}",
        text=text,
        published=published,
        content_hash=content_hash(f"{text} #{n}"),
        status=fields.pop("status", Article.Status.DONE),
        **fields,
    )


def make_actor(
    name: str, *, kind: str = "person", country: str = "", aliases: tuple[str, ...] = ()
) -> Actor:
    actor = Actor.objects.create(
        kind=kind,
        name=name,
        key=name_key(name),
        slug=f"{slugify(name)}-{next(_serial)}",
        country=country,
    )
    for alias in aliases:
        ActorAlias.objects.create(actor=actor, kind=kind, name=alias, key=name_key(alias))
    return actor


def make_place(
    name: str,
    *,
    kind: str = "city",
    country: str = "SY",
    lat: float | None = None,
    lon: float | None = None,
    parent: Place | None = None,
) -> Place:
    n = next(_serial)
    return Place.objects.create(
        kind=kind,
        name=name,
        key=f"test:{slugify(name)}-{n}",
        slug=f"{slugify(name)}-{n}",
        country_code=country,
        latitude=lat,
        longitude=lon,
        geo_precision=None if lat is None else Place.GeoPrecision.POINT,
        parent=parent,
    )


def make_role(actor: Actor, title: str, *, country: str = "", **fields) -> Role:
    return Role.objects.create(
        actor=actor, title=title, title_key=name_key(title), country=country, **fields
    )


def _sentence_bounds(text: str, start: int) -> tuple[int, int]:
    begin = text.rfind(". ", 0, start)
    begin = 0 if begin == -1 else begin + 2
    end = text.find(". ", start)
    end = len(text) if end == -1 else end + 1
    return begin, end


def mention(
    article: Article,
    words: str,
    *,
    actor: Actor | None = None,
    place: Place | None = None,
    role: Role | None = None,
    occurrence: int = 0,
) -> Mention:
    """A mention of `words` (its n-th occurrence) in the article, with its sentence."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(words, start + 1)
    begin, end = _sentence_bounds(article.text, start)
    row = Mention.objects.create(
        article=article,
        published=article.published,
        actor=actor,
        place=place,
        role=role,
        text=words,
        start=start,
        end=start + len(words),
        sentence_start=begin,
        sentence_end=end,
    )
    _recount(actors=[actor], places=[place])
    return row


def _recount(*, actors=(), places=()) -> None:
    actors_counters_refresh(actor_ids=[a.pk for a in actors if a is not None])
    places_counters_refresh(place_ids=[p.pk for p in places if p is not None])


def make_meeting(
    participants: list[Actor | tuple[Actor, Role]],
    *,
    place: Place | None = None,
    date: dt.date | None = dt.date(2017, 4, 5),
    precision: str = "day",
    sources: list[tuple[Article, str]] = (),
    kind: str = "in_person",
) -> Meeting:
    meeting = Meeting.objects.create(
        kind=kind, date=date, date_precision=precision if date else "unknown", place=place
    )
    for entry in participants:
        actor, role = entry if isinstance(entry, tuple) else (entry, None)
        MeetingParticipant.objects.create(meeting=meeting, actor=actor, role=role)
    for article, sentence in sources:
        start = article.text.index(sentence)
        MeetingSource.objects.create(
            meeting=meeting,
            article=article,
            sentence_start=start,
            sentence_end=start + len(sentence),
        )
    _recount(actors=[e[0] if isinstance(e, tuple) else e for e in participants], places=[place])
    return meeting


def make_event(
    type: str,
    *,
    place: Place | None = None,
    date: dt.date | None = dt.date(2017, 4, 4),
    perpetrators: list[Actor | str] = (),
    targets: list[Actor | str] = (),
    basis: str = "reported",
    sources: list[tuple[Article, str, dict]] = (),
    admin1: str = "",
) -> Event:
    """An event with a source per (article, sentence, toll) and each side on every source."""
    event = Event.objects.create(
        type=type,
        date=date,
        date_precision="day" if date else "unknown",
        place=place,
        geo_precision=1 if place else None,
        admin1=admin1,
    )
    for article, sentence, toll in sources:
        start = article.text.index(sentence)
        source = EventSource.objects.create(
            event=event,
            article=article,
            sentence=sentence,
            sentence_start=start,
            sentence_end=start + len(sentence),
            spans=[[start, start + len(sentence)]],
            **toll,
        )
        for side, names in (("perpetrator", perpetrators), ("target", targets)):
            for who in names:
                name = who if isinstance(who, str) else who.name
                EventActor.objects.create(
                    event=event,
                    source=source,
                    actor=None if isinstance(who, str) else who,
                    name=name,
                    name_key=name_key(name),
                    side=side,
                    basis=basis if side == "perpetrator" else "reported",
                )
    _recount(places=[place])
    return event


def build_world(size: int = 3, *, prefix: str = "") -> dict:
    """A small consistent world: `size` articles, each reporting a meeting in its own town
    between two officials (one Russian, one Turkish), with mentions, roles and sources.
    A `prefix` on every name lets a test build a second, disjoint world."""
    p = prefix
    syria = make_place(f"{p}Syria", kind="country", country="SY", lat=35.0, lon=38.5)
    governorate = make_place(
        f"{p}Aleppo Governorate", kind="region", lat=36.2, lon=37.5, parent=syria
    )
    org = make_actor(
        f"{p}Syrian Democratic Forces", kind="armed_group", country="SY", aliases=(f"{p}SDF",)
    )
    world = {"syria": syria, "governorate": governorate, "org": org, "articles": []}
    world.update(actors=[], cities=[])
    for i in range(size):
        city = make_place(
            f"{p}Town{i}", lat=36.0 + i * 0.05, lon=37.0 + i * 0.05, parent=governorate
        )
        host = make_actor(f"Sergei {p}Host{i}", country="RU", aliases=(f"{p}Host{i}",))
        guest = make_actor(f"Mevlüt {p}Guest{i}", country="TR", aliases=(f"Çavuşoğlu{p}{i}",))
        role = make_role(
            host,
            "Defense Minister",
            country="RU",
            first_attested=dt.date(2017, 1, 1),
            last_attested=dt.date(2017, 4, 5),
        )
        sentence = f"Defense Minister {host.name} met {guest.name} in {city.name} on Tuesday."
        text = f"{sentence} The {p}SDF said {city.name} was calm. {p}Host{i} spoke later."
        article = make_article(
            text,
            title=f"Talks in {city.name}",
            published=dt.date(2017, 4, 5) - dt.timedelta(days=i),
        )
        mention(article, host.name, actor=host, role=role)
        mention(article, guest.name, actor=guest)
        mention(article, city.name, place=city)
        mention(article, city.name, place=city, occurrence=1)
        mention(article, f"{p}SDF", actor=org)
        mention(article, f"{p}Host{i}", actor=host, occurrence=1)
        make_meeting(
            [(host, role), guest], place=city, date=article.published, sources=[(article, sentence)]
        )
        # The group's fight in each town: one report, a toll that grows with the town's number.
        make_event(
            "armed_clash",
            place=city,
            date=article.published,
            perpetrators=[org],
            targets=[f"{p}Islamic State"],
            sources=[(article, f"The {p}SDF said {city.name} was calm.", {"killed": i + 2})],
            admin1=f"{p}Aleppo",
        )
        world["articles"].append(article)
        world["actors"] += [host, guest]
        world["cities"].append(city)
    # The first host also met every other guest, and the armed group on an unknown date.
    first_host = world["actors"][0]
    for guest in world["actors"][3::2]:
        make_meeting([first_host, guest], place=world["cities"][0], date=dt.date(2017, 3, 1))
    make_meeting([first_host, org], place=None, date=None)
    make_article("Nothing happened.", status=Article.Status.FAILED, error="Empty text.")
    return world
