"""The extractor's result: plain dataclasses, no Django.

This is the contract between the extraction engine and everything that stores or prints its
results (the `extract` command, the article pipeline). Every fact carries the spans it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "organization", "armed_group"]
PlaceKind = Literal["country", "region", "city", "site", "water"]
MeetingKind = Literal["in_person", "phone", "video", "letter"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the article text, inside the sentence [sentence_start, sentence_end)."""

    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int


@dataclass
class RoleFact:
    title: str  # "Defense Minister"
    country: str | None = None  # ISO alpha-2 of the side the title is held for
    organization: str | None = (
        None  # name of an ActorFact when held for an organization ("UN envoy")
    )
    spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Predecessor:
    """A group this one came from: renamed (Jabhat al-Nusra became Jabhat Fateh al-Sham in 2016)
    or merged into it (Hayat Tahrir al-Sham, 2017). The two stay separate actors, linked."""

    name: str  # the predecessor's ActorFact.name when the article names it, else its known name
    year: int
    how: Literal["renamed", "merged"]


@dataclass
class ActorFact:
    name: str  # the fullest form seen: "Sergei Shoigu"
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)  # other spellings seen: ["Shoigu"]
    country: str | None = None  # ISO alpha-2 of affiliation
    roles: list[RoleFact] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    predecessors: list[Predecessor] = field(default_factory=list)
    known: bool = False  # named by the curated knowledge base: its kind is not a guess


@dataclass
class PlaceFact:
    key: str  # stable gazetteer key: "gn:166365", "cc:SY", "sy:hmeimim-airbase"
    name: str  # canonical name: "Manbij"
    kind: PlaceKind
    country: str | None  # ISO alpha-2
    lat: float | None
    lon: float | None
    geonames_id: int | None = None
    aliases: list[str] = field(default_factory=list)  # spellings as written in the article
    parents: list[PlaceFact] = field(
        default_factory=list
    )  # nearest first: governorate, then country
    mentions: list[Span] = field(default_factory=list)
    admin1: str | None = None  # the governorate or province it lies in: "Idlib"
    # ACLED's geo_precision of lat/lon: 1 its own point, 2 the point of the town the report puts
    # it in or near, 3 its governorate's point; None when it has no point.
    geo_precision: int | None = None
    located_by: str | None = None  # key of the place whose point it took (precision 2 or 3)


@dataclass
class MeetingFact:
    participants: list[str]  # ActorFact.name of each participant
    place: str | None = None  # PlaceFact.key
    date: dt.date | None = None
    date_precision: DatePrecision = "unknown"
    kind: MeetingKind = "in_person"
    spans: list[Span] = field(default_factory=list)  # the sentences that report it


@dataclass
class EventFact:
    """A violent event (or an agreement, arrest, protest) the article reports as having happened."""

    type: str  # an ACLED sub-event type: "airstrike", "shelling", "armed_clash", ...
    perpetrators: list[str] = field(default_factory=list)  # ActorFact names or country names
    perpetrator_basis: str | None = None  # "reported", "claimed" or "accused"
    targets: list[str] = field(default_factory=list)
    place: str | None = None  # PlaceFact.key
    admin1: str | None = None  # its Syrian governorate: "Idlib"
    date: dt.date | None = None
    killed: int | None = None
    killed_civilians: int | None = None
    killed_children: int | None = None
    killed_women: int | None = None
    killed_combatants: int | None = None
    wounded: int | None = None
    spans: list[Span] = field(default_factory=list)  # the sentences that report it


@dataclass
class Extraction:
    actors: list[ActorFact] = field(default_factory=list)
    places: list[PlaceFact] = field(default_factory=list)
    meetings: list[MeetingFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    extractor_version: str = ""

    def place(self, key: str) -> PlaceFact | None:
        return next((p for p in self.places if p.key == key), None)
