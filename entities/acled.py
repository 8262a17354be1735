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

import re
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


def acled_types(event: Event) -> tuple[str, str]:
    """ACLED's (event_type, sub_event_type) of an event."""
    event_type, sub_event_type = TYPES[event.type]
    if event.type == "territory_captured" and any(
        _GOVERNMENT.search(link.label) for link in event.perpetrator_list
    ):
        sub_event_type = "Government regains territory"
    return event_type, sub_event_type


def acled_row(event: Event) -> dict:
    """One ACLED row, from event_export_rows (link_list, source_list, killed_max)."""
    event_type, sub_event_type = acled_types(event)
    place = event.place
    sources = event.source_list
    outlets = dict.fromkeys(
        (s.article.source_name or s.article.title).strip() for s in sources if s.article_id
    )
    return {
        "event_id_cnty": event.event_id_cnty,
        "event_date": event.date.isoformat() if event.date else "",
        "year": event.date.year if event.date else "",
        "time_precision": TIME_PRECISION.get(event.date_precision, 3),
        "disorder_type": DISORDER[event_type],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": "; ".join(link.label for link in event.perpetrator_list),
        "actor2": "; ".join(link.label for link in event.target_list),
        "admin1": event.admin1,
        "location": place.name if place else "",
        "latitude": place.latitude if place and place.latitude is not None else "",
        "longitude": place.longitude if place and place.longitude is not None else "",
        "geo_precision": event.geo_precision or "",
        "source": "; ".join(name for name in outlets if name),
        "notes": sources[0].sentence if sources else "",
        "fatalities": event.killed_max or 0,
    }
