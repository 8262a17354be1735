"""Events in ACLED's layout: its event and sub-event types, and one CSV row per event.

An analyst's ACLED scripts read the export unchanged: the columns are ACLED's, in its order, and
the types are ACLED's names. Where ACLED would need a coder's judgement the choice is stated:
- a capture by the Syrian government or its allies (a perpetrator named as the government,
  regime, army or loyalists) is "Government regains territory", any other capture is
  "Non-state actor overtakes territory"; a withdrawal is "Non-violent transfer of territory";
- an execution is ACLED's "Attack" on civilians;
- actor1 lists the perpetrators and actor2 the targets, several joined with "; ";
- fatalities is the highest killed figure any report gives (0 when none gives one), notes the
  first report's sentences, source the reporting outlets (or article titles) joined with "; ".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from entities.models import Event

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"
STRATEGIC = "Strategic developments"
PROTESTS = "Protests"

# Extractor type -> (ACLED event_type, sub_event_type); territory_captured is decided per event.
TYPES = {
    "airstrike": (REMOTE, "Air/drone strike"),
    "shelling": (REMOTE, "Shelling/artillery/missile attack"),
    "explosive": (REMOTE, "Remote explosive/landmine/IED"),
    "suicide_bombing": (REMOTE, "Suicide bomb"),
    "chemical_attack": (REMOTE, "Chemical weapon"),
    "armed_clash": (BATTLES, "Armed clash"),
    "territory_captured": (BATTLES, "Non-state actor overtakes territory"),
    "withdrawal": (STRATEGIC, "Non-violent transfer of territory"),
    "attack": (CIVILIANS, "Attack"),
    "execution": (CIVILIANS, "Attack"),
    "abduction": (CIVILIANS, "Abduction/forced disappearance"),
    "arrest": (STRATEGIC, "Arrests"),
    "agreement": (STRATEGIC, "Agreement"),
    "protest": (PROTESTS, "Peaceful protest"),
}
DISORDER = {
    BATTLES: "Political violence",
    REMOTE: "Political violence",
    CIVILIANS: "Political violence",
    STRATEGIC: "Strategic developments",
    PROTESTS: "Demonstrations",
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
_GOVERNMENT = re.compile(r"\b(government|regime|syrian (arab )?army|loyalist|pro-assad)", re.I)


@dataclass
class AcledRecord:
    """What an ACLED row or a GeoJSON feature says of one event, as plain values."""

    pk: int
    type: str
    date: dt.date | None
    date_precision: str
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    perpetrators: list[str]  # display names, one per actor or name
    targets: list[str]
    outlets: list[str]  # each report's outlet (or article title), oldest report first
    notes: str  # the oldest report's sentences
    fatalities: int
    source_count: int

    @property
    def event_id_cnty(self) -> str:
        return f"SYR{self.pk}"


def acled_types_of(type_: str, perpetrators: list[str]) -> tuple[str, str]:
    """ACLED's (event_type, sub_event_type) of an event of this type by these perpetrators."""
    event_type, sub_event_type = TYPES[type_]
    if type_ == "territory_captured" and any(_GOVERNMENT.search(name) for name in perpetrators):
        sub_event_type = "Government regains territory"
    return event_type, sub_event_type


def acled_types(event: Event) -> tuple[str, str]:
    """ACLED's (event_type, sub_event_type) of a stored event (its prefetched sides)."""
    return acled_types_of(event.type, [link.label for link in event.perpetrator_list])


def acled_record(event: Event) -> AcledRecord:
    """The record of an event from event_export_rows (link_list, source_list, killed_max)."""
    place = event.place
    sources = event.source_list
    return AcledRecord(
        pk=event.pk,
        type=event.type,
        date=event.date,
        date_precision=event.date_precision,
        admin1=event.admin1,
        location=place.name if place else "",
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=event.geo_precision,
        perpetrators=[link.label for link in event.perpetrator_list],
        targets=[link.label for link in event.target_list],
        outlets=[(s.article.source_name or s.article.title).strip() for s in sources],
        notes=sources[0].sentence if sources else "",
        fatalities=event.killed_max or 0,
        source_count=len(sources),
    )


def acled_row(record: AcledRecord) -> dict:
    """One row in ACLED's columns."""
    event_type, sub_event_type = acled_types_of(record.type, record.perpetrators)
    return {
        "event_id_cnty": record.event_id_cnty,
        "event_date": record.date.isoformat() if record.date else "",
        "year": record.date.year if record.date else "",
        "time_precision": TIME_PRECISION.get(record.date_precision, 3),
        "disorder_type": DISORDER[event_type],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": "; ".join(record.perpetrators),
        "actor2": "; ".join(record.targets),
        "admin1": record.admin1,
        "location": record.location,
        "latitude": "" if record.latitude is None else record.latitude,
        "longitude": "" if record.longitude is None else record.longitude,
        "geo_precision": record.geo_precision or "",
        "source": "; ".join(name for name in dict.fromkeys(record.outlets) if name),
        "notes": record.notes,
        "fatalities": record.fatalities,
    }
