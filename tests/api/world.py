"""A small, fixed world of articles, actors, places, meetings and events for the API tests."""

import datetime as dt
from dataclasses import dataclass, field

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
from entities.services import counters_rebuild
from extraction.normalize import name_key


def make_article(title: str, *, published: dt.date | None, status="done", text=None) -> Article:
    text = text or f"{title}. The ministers met in the capital."
    return Article.objects.create(
        title=title,
        text=text,
        published=published,
        status=status,
        content_hash=content_hash(text),
        source_url="https://example.org/" + name_key(title).replace(" ", "-"),
        source_name="Example News",
    )


def make_actor(name: str, *, kind="person", country="", aliases=()) -> Actor:
    key = name_key(name)
    actor = Actor.objects.create(
        kind=kind, name=name, key=key, slug=key.replace(" ", "-"), country=country
    )
    for alias in aliases:
        ActorAlias.objects.create(actor=actor, kind=kind, name=alias, key=name_key(alias))
    return actor


def make_place(name: str, *, kind="city", country="SY", lat=None, lon=None) -> Place:
    key = name_key(name).replace(" ", "-")
    return Place.objects.create(
        kind=kind,
        name=name,
        key=f"test:{key}",
        slug=key,
        country_code=country,
        latitude=lat,
        longitude=lon,
        geo_precision=None if lat is None else Place.GeoPrecision.POINT,
    )


def mention(article: Article, *, actor=None, place=None, role=None, start=0) -> Mention:
    name = (actor or place).name
    return Mention.objects.create(
        article=article,
        published=article.published,
        actor=actor,
        place=place,
        role=role,
        text=name,
        start=start,
        end=start + len(name),
        sentence_start=0,
        sentence_end=len(article.text),
    )


def make_meeting(
    *, participants, place=None, date=None, kind="in_person", article=None, roles=None
) -> Meeting:
    meeting = Meeting.objects.create(
        kind=kind, date=date, place=place, date_precision="day" if date else "unknown"
    )
    for actor in participants:
        role = (roles or {}).get(actor.pk)
        MeetingParticipant.objects.create(meeting=meeting, actor=actor, role=role)
    if article is not None:
        start = article.text.index("The ministers met")
        MeetingSource.objects.create(
            meeting=meeting,
            article=article,
            sentence_start=start,
            sentence_end=len(article.text),
        )
    return meeting


def make_event(type, *, place=None, date=None, sides=(), reports=(), admin1="") -> Event:
    """An event; `sides` are (side, actor or name, basis), repeated on each of the `reports`
    (article, killed)."""
    event = Event.objects.create(
        type=type,
        date=date,
        date_precision="day" if date else "unknown",
        place=place,
        geo_precision=1 if place else None,
        admin1=admin1,
    )
    for article, killed in reports:
        source = EventSource.objects.create(
            event=event,
            article=article,
            sentence=article.text.split(". ")[0] + ".",
            sentence_start=0,
            sentence_end=len(article.text.split(". ")[0]) + 1,
            spans=[[0, len(article.text.split(". ")[0]) + 1]],
            killed=killed,
        )
        for side, who, basis in sides:
            name = who if isinstance(who, str) else who.name
            EventActor.objects.create(
                event=event,
                source=source,
                actor=None if isinstance(who, str) else who,
                name=name,
                name_key=name_key(name),
                side=side,
                basis=basis,
            )
    return event


@dataclass
class World:
    articles: list[Article] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    meetings: list[Meeting] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def build_world(extra_meetings: int = 0) -> World:
    """Three articles, four actors (one organization), four places (one without coordinates),
    three meetings, three events; `extra_meetings` adds more rows for the query-count tests."""
    world = World()
    a1 = make_article("Lavrov meets Cavusoglu", published=dt.date(2018, 12, 29))
    a2 = make_article("Shoigu in Damascus", published=dt.date(2019, 3, 1))
    a3 = make_article("Queued report", published=dt.date(2020, 1, 10), status="queued")
    world.articles = [a1, a2, a3]

    lavrov = make_actor("Sergey Lavrov", country="RU", aliases=["Sergei Lavrov", "Lavrov"])
    cavusoglu = make_actor("Mevlüt Çavuşoğlu", country="TR", aliases=["Cavusoglu"])
    shoigu = make_actor("Sergei Shoigu", country="RU", aliases=["Shoigu"])
    ypg = make_actor("People's Protection Units", kind="armed_group", country="SY", aliases=["YPG"])
    world.actors = {"lavrov": lavrov, "cavusoglu": cavusoglu, "shoigu": shoigu, "ypg": ypg}

    moscow = make_place("Moscow", country="RU", lat=55.75, lon=37.62)
    damascus = make_place("Damascus", lat=33.51, lon=36.29)
    aleppo = make_place("Aleppo", lat=36.2, lon=37.16)
    unplaced = make_place("Unknown Site", kind="site", lat=None, lon=None)
    world.places = {"moscow": moscow, "damascus": damascus, "aleppo": aleppo, "unplaced": unplaced}

    fm = Role.objects.create(
        actor=lavrov,
        title="Foreign Minister",
        title_key="foreign minister",
        country="RU",
        first_attested=dt.date(2018, 1, 1),
        last_attested=dt.date(2019, 1, 1),
    )
    mention(a1, actor=lavrov, role=fm, start=0)
    mention(a1, actor=lavrov, start=40)
    mention(a1, actor=cavusoglu, start=10)
    mention(a1, place=moscow, start=30)
    mention(a2, actor=shoigu, start=0)
    mention(a2, place=damascus, start=20)
    mention(a3, actor=ypg, start=0)
    mention(a3, place=aleppo, start=10)

    world.meetings = [
        make_meeting(
            participants=[lavrov, cavusoglu],
            place=moscow,
            date=dt.date(2018, 12, 29),
            article=a1,
            roles={lavrov.pk: fm},
        ),
        make_meeting(
            participants=[shoigu, lavrov],
            place=damascus,
            date=dt.date(2019, 3, 1),
            article=a2,
            kind="phone",
        ),
        make_meeting(participants=[lavrov, cavusoglu], place=None, date=None, article=a2),
    ]
    world.events = [
        make_event(
            "airstrike",
            place=damascus,
            date=dt.date(2019, 3, 1),
            sides=[("perpetrator", "Russia", "reported"), ("target", "=HYPERLINK(1)", "reported")],
            reports=[(a2, 5), (a1, 8)],
            admin1="Damascus",
        ),
        make_event(
            "territory_captured",
            place=aleppo,
            date=dt.date(2020, 1, 9),
            sides=[("perpetrator", ypg, "claimed"), ("target", "Islamic State", "reported")],
            reports=[(a3, None)],
            admin1="Aleppo",
        ),
        make_event("protest", reports=[(a3, None)]),
    ]
    add_rows(world, extra_meetings)
    # Rows written directly, as an existing database before `counters_rebuild`: count them now.
    counters_rebuild()
    return world


def add_rows(world: World, count: int) -> None:
    """More actors, places, articles, mentions, meetings (each with Lavrov) and events (each by
    the new actor), `count` of each."""
    lavrov = world.actors["lavrov"]
    start = len(world.meetings)
    for index in range(start, start + count):
        actor = make_actor(f"Envoy Number {index}", country="IR", aliases=[f"Envoy {index}"])
        place = make_place(f"Town {index}", lat=35.0 + index / 100, lon=38.0)
        article = make_article(f"Extra report {index}", published=dt.date(2021, 1, 1 + index))
        mention(article, actor=actor)
        mention(article, actor=lavrov, start=20)
        mention(article, place=place)
        world.meetings.append(
            make_meeting(
                participants=[actor, lavrov],
                place=place,
                date=dt.date(2021, 2, 1 + index),
                article=article,
            )
        )
        world.events.append(
            make_event(
                "shelling",
                place=place,
                date=dt.date(2021, 2, 1 + index),
                sides=[("perpetrator", actor, "reported"), ("target", f"Town {index}", "reported")],
                reports=[(article, index)],
            )
        )
