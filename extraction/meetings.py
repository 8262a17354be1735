"""In-person meetings: who met whom, where and when, merged per event within one article.

A sentence reports a meeting when it holds a meeting word ("met", "held talks", "hosted",
"visited", "summit", "attended", "the delegation included", "shook hands"...) that is neither
planned ("will meet", "scheduled a meeting", "discussed holding a summit") nor denied ("did not
attend"). Phone calls, video calls and letters are communications, never meetings. Mentions of
the same event are merged: a later sentence that adds names ("Also attending were ...") joins the
meeting being reported unless it gives another place or date or says "separately".

A council, committee or commission the report names is met as a body: "met the council" is the
one council the report names, and nobody when it names two.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extraction.actors import ActorGroup
from extraction.dates import DateMention, find_dates
from extraction.document import Document
from extraction.mentions import NameMention
from extraction.participants import (
    Reading,
    has_parse,
    in_other_clause,
    person_tokens,
    read_communication,
    read_sentence,
)
from extraction.places import PlaceGroup
from extraction.resources import Resources
from extraction.types import DatePrecision, MeetingFact, MeetingKind

_TRIGGER = re.compile(
    r"\b(?:met|meets?|meeting|meetings|talks|held\s+talks|hosted|hosts|hosting|received|"
    r"visited|visiting|visit|summit|gathered|sat\s+(?:down\s+)?(?:with|at|together)|"
    r"negotiations|shook\s+hands|shaking\s+hands|signing\s+ceremony|"
    r"joint\s+(?:press|news)\s+conference|attended|attending|accompanied|delegation|"
    r"welcomed|greeted|sent|dispatched|fielded|"
    r"thanked(?=[^.;]{0,80}\bfor\s+(?:coming|attending|joining|participating|taking\s+part)))\b",
    re.IGNORECASE,
)
# Words the parse reads as putting people in the room ("X was also in attendance", "the ceremony
# saw statements from X and Y", "the summit opened with speeches by X and Y"); without a parse
# they are too loose to read.
_PARSED_TRIGGER = re.compile(
    r"\b(?:in\s+attendance|present|(?:saw|featured|heard)\s+(?:\w+\s+){0,2}(?:speech|speeches|"
    r"statements?|addresses|remarks)|(?:began|opened|started|closed|ended|concluded)\b[^.;]{0,80}"
    r"\bwith)\b",
    re.IGNORECASE,
)
# Words that report a meeting by themselves; the others ("the talks", "attended", "the
# delegation") only add to a meeting already reported, unless their sentence gives a date or place.
_STRONG = re.compile(
    r"\b(?:met|meets|meet\s+with|meeting\s+(?:with|between)|held\s+(?:a\s+|an\s+)?(?:\w+\s+)?"
    r"(?:talks|meeting|meetings|discussions|negotiations)|talks\s+(?:with|between|in)|hosted|hosts|"
    r"hosting|received|visited|visiting|sat\s+down|shook\s+hands|shaking\s+hands|summit|gathered|"
    r"joint\s+(?:press|news)\s+conference|(?:meeting|talks)\s+(?:was|were)\s+held)\b",
    re.IGNORECASE,
)
_COMMUNICATION = (
    (
        "video",
        re.compile(
            r"\bvideo\s*(?:call|link|conference)|\bvideoconferenc|\bvirtual\s+(?:meeting|summit)",
            re.I,
        ),
    ),
    (
        "phone",
        re.compile(
            r"\b(?:tele)?phone(?:d)?\b|\bby\s+phone\b|\b(?:a|the|separate|first|their|his|her)\s+call\b|"
            r"\bcall(?:ed)?\s+(?:with|between)\b|\bcalls\s+with\b|\bphone\s+conversation",
            re.I,
        ),
    ),
    ("letter", re.compile(r"\b(?:a|the|his|her)\s+letter\b|\bwrote\s+to\b", re.I)),
)
# Words just before a meeting word that make it a plan, a wish or a denial.
_NOT_HELD = re.compile(
    r"\b(?:will|would|shall|won't|plans?|planned|planning|scheduled|expected|set\s+to|due\s+to|"
    r"upcoming|next|proposed|propose|discussed\s+holding|invited|invitation|not|never|no|"
    r"cancel(?:l?ed)?|postponed|ahead\s+of|call(?:s|ed)?\s+for|urged?|request(?:s|ed)?|"
    r"demand(?:s|ed)?|(?:is|are|was|were)\s+to)\b[^.;]{0,25}$|\bto\s+$",
    re.I,
)
_PRONOUN = re.compile(r"(?:^|[,;]\s+|\band\s+)(?:[Hh]e|[Ss]he)\b")
_SEPARATE = re.compile(
    r"\bseparate(?:ly)?\b|\banother\s+meeting\b|\balso\s+(?:met|received|hosted|held\s+talks)\b",
    re.I,
)
# A subordinate clause beside the meeting words tells of another event, whose people did not
# attend: "X met Y on Sunday, two weeks after rebels ousted Z" / "After Z fell, X met Y".
_CLAUSE_AFTER = re.compile(
    r",\s+(?:[\w-]+\s+){0,3}?(?:after|before|since|when|while|because|although|despite)\b", re.I
)
_CLAUSE_BEFORE = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?(?:after|before|since|when|while|because|although|despite)\b[^,]*,",
    re.I,
)
_EARLIER_EVENT = re.compile(
    r"^\s*(?:Before|Prior to|Ahead of)\b[^,]{0,60}\b(?:visit|trip|meeting)\b", re.I
)
# A year written in a meeting sentence ("in 1990 he met", "before returning to Syria in 2011"):
# the meeting is background when the year is before the publication's and no day is given.
_YEAR = re.compile(
    r"\b(?:in|since|by|until|before|after|early|late|mid-?)\s+((?:19|20)\d{2})\b", re.I
)
_PLACE_CUE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|inside|to|visited|visiting|toured|arrived\s+in)\s+(?:the\s+)?"
    r"(?:(?:[A-Z][\w'’.-]*|[a-z]+(?=\s+(?:city|town|capital|port|resort)\b)|capital|city|town|"
    r"village|port|resort|province|region|governorate|of)\s+){0,5}$"
)
_CAPITAL = re.compile(r"\b(?:in|at|to)\s+the\s+([A-Z][\w'’-]+)\s+capital\b(?!\s+of\s+[A-Z])")
# Seats of government stand for their capital: "talks at the Kremlin" were held in Moscow.
_SEAT = re.compile(
    r"\b(?:at|in|inside)\s+the\s+(Kremlin|White\s+House|[EÉ]lys[eé]e(?:\s+Palace)?|Pentagon|"
    r"Downing\s+Street|Chancellery)\b"
)
_DATELINE = re.compile(r"\s*(?:,\s*[^\n—–]{0,40}?)?\s*(?:—|–|--|-|:|\()|,\s*[A-Z][a-z]{2}\.?\s+\d")
# "told" right before a news agency's name: the sentence reports an interview.
_TOLD = re.compile(r"\b(?:told|telling|tells)\s+(?:the\s+)?$")
# How far (in characters) from the meeting word its place may be written.
PLACE_REACH = 90
SPECIFICITY = {"site": 0, "city": 1, "region": 2, "water": 3, "country": 4}


@dataclass
class Cluster:
    participants: list[int] = field(default_factory=list)  # actor group indexes
    place: int | None = None  # place group index
    date: DateMention | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    kind: MeetingKind = "in_person"
    gathering: frozenset[str] = frozenset()  # proper words of the gathering whose speakers it holds


def find_meetings(
    article: Document,
    mentions: list[NameMention],
    actors: list[ActorGroup],
    places: list[PlaceGroup],
    res: Resources,
) -> list[MeetingFact]:
    text = article.text
    published = article.published
    persons = [m for m in mentions if m.kind == "person" and m.group >= 0 and not m.possessive]
    agencies = [m for m in mentions if m.kind == "agency"]
    place_spans = _place_spans(mentions, places)
    clusters: list[Cluster] = []
    communications: list[Cluster] = []
    parsed = has_parse(article.doc)
    person_at = (
        person_tokens(
            article.doc,
            [(m.start, m.end, m.group) for m in mentions if m.kind == "person" and m.group >= 0],
        )
        if parsed
        else {}
    )
    # Who may be met: persons, and the bodies a report names ("met the council").
    present_at = {**_bodies(article, mentions, actors), **person_at} if parsed else {}
    for s_start, s_end in article.sentences:
        sentence = text[s_start:s_end]
        triggers = [
            t for t in _TRIGGER.finditer(sentence) if _has_object(t, s_start, sentence, persons)
        ]
        if not triggers and parsed:
            triggers = list(_PARSED_TRIGGER.finditer(sentence))
        comm_kind = _communication(sentence)
        if not triggers and comm_kind is None:
            continue
        if parsed and comm_kind is not None:
            reading = read_communication(article.doc, s_start, s_end, person_at)
            people = _reading_people(article, reading, persons, person_at, clusters, s_start)
            if len(people) < 2 and triggers:
                # "X was in attendance, and Y took part by phone": no call between two people,
                # so the sentence's meeting words are read.
                comm_kind = None
        if parsed and comm_kind is None:
            reading = read_sentence(article.doc, s_start, s_end, present_at)
            if reading.trigger is None:
                continue
            trigger = reading.trigger - s_start
            people = _reading_people(article, reading, persons, person_at, clusters, s_start)
        elif not parsed:
            trigger = triggers[0].start() if triggers else 0
            c_start, c_end = _meeting_clause(sentence, trigger)
            people = _unique(
                m.group for m in persons if s_start + c_start <= m.start < s_start + c_end
            )
            pronoun = _PRONOUN.search(sentence, 0, trigger if triggers else len(sentence))
            if pronoun:
                antecedent = _antecedent(article, persons, s_start)
                if antecedent is not None and antecedent not in people:
                    people.insert(0, antecedent)
        if comm_kind is not None:
            if len(people) >= 2 and not _told_the_press(text, agencies, s_start, s_end):
                communications.append(Cluster(people, None, None, [(s_start, s_end)], comm_kind))
            continue
        if _NOT_HELD.search(sentence, 0, trigger):
            continue
        if _EARLIER_EVENT.match(sentence):
            continue
        first = trigger + s_start
        date = _sentence_date(article, s_start, s_end, first) if published else None
        if date is None and _background(sentence, published):
            continue
        place = _sentence_place(article, s_start, s_end, first, place_spans, places, res)
        separate = bool(_SEPARATE.search(sentence))
        if not people and date is None and place is None:
            continue
        if parsed:
            # Only a sentence that names someone in the room starts a meeting.
            strong = (
                (bool(people) or reading.unnamed)
                and (reading.strong or date is not None or place is not None)
                and not reading.delegates_only
            )
        else:
            strong = bool(_STRONG.search(sentence)) or date is not None or place is not None
        target = None if separate else _target(clusters, date, place, places)
        if parsed and target is not None and _another_meeting(reading, people, target):
            target = None
        if parsed and reading.gathering is not None:
            if date is None:
                continue  # speakers of a gathering share its room only on a day it names
            if target is not None and not _same_gathering(reading.gathering, target):
                target = None
        if target is None and not strong:
            continue  # "the talks", "the delegation" only add to a meeting already reported
        if target is None:
            target = Cluster()
            if separate and clusters:
                # "X also met Y": the same day and place as the meeting just told, unless it says.
                told = next(
                    (c for c in reversed(clusters) if len(c.participants) >= 2), clusters[-1]
                )
                target.date = date or told.date
                target.place = place if place is not None else told.place
            clusters.append(target)
        for p in people:
            if p not in target.participants:
                target.participants.append(p)
        if date is not None and target.date is None:
            target.date = date
        if place is not None and (
            target.place is None or _more_specific(place, target.place, places)
        ):
            target.place = place
        if parsed and reading.gathering and not target.gathering:
            target.gathering = reading.gathering
        target.sentences.append((s_start, s_end))
    dateline = _dateline(article, mentions, places)
    facts = []
    for c in clusters:
        if len(c.participants) < 2:
            continue
        if c.place is None:
            c.place = dateline
        facts.append(_fact(article, c, actors, places, persons))
    for c in _merge_same(communications):
        facts.append(_fact(article, c, actors, places, persons))
    return facts


# Organizations one meets as a body: "met the council" refers to the one council a report names.
BODY_NOUNS = frozenset({"council", "committee", "commission", "assembly", "board"})


def _bodies(
    article: Document, mentions: list[NameMention], actors: list[ActorGroup]
) -> dict[int, int]:
    """Token index -> actor group for the names of councils, committees and commissions, and for
    "the council" where the report names exactly one organization or group that is a council."""
    by_noun: dict[str, list[int]] = {}
    for i, g in enumerate(actors):
        noun = g.name.split()[-1].lower() if g.kind != "person" and g.name else ""
        if noun in BODY_NOUNS:
            by_noun.setdefault(noun, []).append(i)
    groups = {i for found in by_noun.values() for i in found}
    found = person_tokens(
        article.doc,
        [(m.start, m.end, m.group) for m in mentions if m.group in groups and m.kind != "place"],
    )
    doc = article.doc
    for token in doc[1:]:
        named = by_noun.get(token.lower_, [])
        if len(named) == 1 and doc[token.i - 1].lower_ == "the" and token.i not in found:
            found[token.i] = named[0]
    return found


def _background(sentence: str, published: dt.date | None) -> bool:
    """'In 1990 he met Y', 'where he met X before returning to Syria in 2011': a meeting told as
    background, which the publication date would misdate."""
    if published is None:
        return False
    return any(int(m.group(1)) < published.year for m in _YEAR.finditer(sentence))


def _meeting_clause(sentence: str, trigger: int) -> tuple[int, int]:
    """The part of a sentence around its meeting word, without subordinate clauses of other events."""
    start, end = 0, len(sentence)
    before = _CLAUSE_BEFORE.match(sentence)
    if before and before.end() <= trigger:
        start = before.end()
    after = _CLAUSE_AFTER.search(sentence, trigger)
    if after:
        end = after.start()
    return start, end


_NEEDS_PERSON = frozenset({"received", "welcomed", "greeted", "hosted", "hosts", "hosting"})
# How far after "received" or "hosted" the guest's name may start.
OBJECT_REACH = 60


def _has_object(
    trigger: re.Match[str], s_start: int, sentence: str, persons: list[NameMention]
) -> bool:
    """'received Zarif' is a meeting, 'received its first shipment' is not: these verbs need a
    person named soon after them, before the clause ends."""
    if trigger.group(0).lower() not in _NEEDS_PERSON:
        return True
    start = s_start + trigger.end()
    for m in persons:
        if start <= m.start <= start + OBJECT_REACH:
            return not re.search(r"[.;:]", sentence[trigger.end() : m.start - s_start])
    return False


def _antecedent(article: Document, persons: list[NameMention], sentence_start: int) -> int | None:
    """'He'/'She' of a sentence: the first person named in the nearest sentence before it."""
    before = [m for m in persons if m.start < sentence_start]
    if not before:
        return None
    bounds = article.sentence_bounds(before[-1].start)
    return next(m.group for m in before if bounds[0] <= m.start)


def _reading_people(
    article: Document,
    reading: Reading,
    persons: list[NameMention],
    person_at: dict[int, int],
    clusters: list[Cluster],
    s_start: int,
) -> list[int]:
    """The parsed participants, with "he"/"she" and "the two leaders" resolved."""
    people = list(reading.people)
    for pronoun in reading.pronouns:
        group = _speaker_of(pronoun, person_at)
        if group is None:
            group = _antecedent(article, persons, s_start)
        if group is not None and group not in people:
            people.insert(0, group)
    if reading.pair and len(people) < 2:
        told = next((c for c in reversed(clusters) if len(c.participants) >= 2), None)
        if told is not None:
            people = _unique([*people, *told.participants])
        else:
            s_end = article.sentence_bounds(s_start)[1]
            named = _unique(m.group for m in persons if s_start <= m.start < s_end)
            if len(named) == 2:
                people = named
    return people


def _same_gathering(name: frozenset[str], told: Cluster) -> bool:
    """Whether speakers at the gathering `name`, on the day their sentence gives, join the
    meeting told: it has that day, and no other name ("the G20 summit" is not "the Arab summit")."""
    return told.date is not None and (not name or not told.gathering or name == told.gathering)


def _another_meeting(reading: Reading, people: list[int], told: Cluster) -> bool:
    """'Kerry met Johnson in London. A meeting between Kerry and Lavrov lasted four hours': a
    sentence that itself names two people meeting, not all of them at the meeting being told,
    reports another meeting."""
    return (
        reading.strong
        and len(reading.people) >= 2
        and len(told.participants) >= 2
        and not set(people) <= set(told.participants)
    )


def _speaker_of(pronoun, person_at: dict[int, int]) -> int | None:
    """'Lavrov said he met Zarif': a pronoun under a verb whose subject is a person named before."""
    node = pronoun.head
    for _ in range(6):
        for c in node.children:
            if c.dep_ == "nsubj" and c.i < pronoun.i:
                for t in c.subtree:
                    if t.i in person_at and t.dep_ not in ("poss",):
                        return person_at[t.i]
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _unique(items) -> list[int]:
    out: list[int] = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def _told_the_press(text: str, agencies: list[NameMention], s_start: int, s_end: int) -> bool:
    """'X told AFP by telephone': an interview with a news agency, not a call between the
    people the sentence names."""
    return any(
        s_start <= m.start < s_end and _TOLD.search(text, s_start, m.start) for m in agencies
    )


def _communication(sentence: str) -> MeetingKind | None:
    for kind, pattern in _COMMUNICATION:
        if pattern.search(sentence):
            return kind  # type: ignore[return-value]
    return None


def _sentence_date(article: Document, s_start: int, s_end: int, trigger: int) -> DateMention | None:
    assert article.published is not None
    dates = [
        d
        for d in find_dates(article.text[s_start:s_end], article.published, s_start)
        if not d.future
    ]
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d.start - trigger))


def _place_spans(
    mentions: list[NameMention], places: list[PlaceGroup]
) -> list[tuple[int, int, int]]:
    spans = [(m.start, m.end, m.group) for m in mentions if m.kind == "place" and m.group >= 0]
    for i, g in enumerate(places):
        spans += [(s, e, i) for s, e in g.area_spans]
    # An area ("northeast Syria") hides the country inside it.
    areas = [(s, e) for s, e, i in spans if places[i].area is not None]
    spans = [
        sp
        for sp in spans
        if places[sp[2]].area is not None or not any(a <= sp[0] and sp[1] <= b for a, b in areas)
    ]
    return sorted(spans)


def _sentence_place(
    article: Document,
    s_start: int,
    s_end: int,
    trigger: int,
    spans: list[tuple[int, int, int]],
    places: list[PlaceGroup],
    res: Resources,
) -> int | None:
    text = article.text
    cued = []
    for start, _end, index in spans:
        if not s_start <= start < s_end:
            continue
        if abs(start - trigger) > PLACE_REACH:
            continue
        if has_parse(article.doc) and in_other_clause(article.doc, start, trigger):
            continue
        if _PLACE_CUE.search(text, max(s_start, start - 40), start):
            cued.append((start, index))
    if cued:
        after = [c for c in cued if c[0] >= trigger] or cued
        return min(after, key=lambda c: abs(c[0] - trigger))[1]
    capital = _CAPITAL.search(text, s_start, s_end)
    code = res.country_code(capital.group(1)) if capital else None
    if capital is None or code is None:
        capital = _SEAT.search(text, s_start, s_end)
        known = res.actor(capital.group(1)) if capital else None
        code = known.country if known is not None else None
    if capital is None or code is None:
        return None
    entry = res.capital(code)
    if entry is None:
        return None
    for i, g in enumerate(places):
        if g.entry is not None and g.entry.key == entry.key:
            return i
    places.append(PlaceGroup(entry.key, entry))
    places[-1].area_spans.append((capital.start(), capital.end()))
    return len(places) - 1


def _target(
    clusters: list[Cluster], date: DateMention | None, place: int | None, places: list[PlaceGroup]
) -> Cluster | None:
    for c in reversed(clusters):
        if date is not None and c.date is not None and date.date != c.date.date:
            continue
        if (
            place is not None
            and c.place is not None
            and not _compatible_places(place, c.place, places)
        ):
            continue
        return c
    return None


def _compatible_places(a: int, b: int, places: list[PlaceGroup]) -> bool:
    if a == b:
        return True
    pa, pb = places[a], places[b]
    ca = pa.entry.country if pa.entry else (pa.area[1] if pa.area else None)
    cb = pb.entry.country if pb.entry else (pb.area[1] if pb.area else None)
    kinds = {pa.entry.kind if pa.entry else "region", pb.entry.kind if pb.entry else "region"}
    return ca is not None and ca == cb and "country" in kinds


def _more_specific(new: int, old: int, places: list[PlaceGroup]) -> bool:
    def rank(i: int) -> int:
        g = places[i]
        if g.area is not None:
            return SPECIFICITY["region"]
        return SPECIFICITY.get(g.entry.kind if g.entry else "region", 5)

    return rank(new) < rank(old) and _compatible_places(new, old, places)


def _dateline(
    article: Document, mentions: list[NameMention], places: list[PlaceGroup]
) -> int | None:
    """The city of a dateline ("SOCHI, Russia —", "MOSCOW, Dec. 20 (MNA) -", "Beirut:")."""
    text = article.text
    for m in mentions:
        if m.start > 400:
            break
        if m.kind != "place" or m.entry is None or m.entry.kind not in ("city", "site"):
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        if text[line_start : m.start].strip():
            continue
        if _DATELINE.match(text, m.end):
            return m.group
    return None


def _fact(
    article: Document,
    c: Cluster,
    actors: list[ActorGroup],
    places: list[PlaceGroup],
    persons: list[NameMention],
) -> MeetingFact:
    date, precision = _cluster_date(article, c, persons)
    place_key = None
    if c.place is not None:
        place_key = places[c.place].key
    return MeetingFact(
        participants=[actors[i].name for i in c.participants],
        place=place_key,
        date=date,
        date_precision=precision,
        kind=c.kind,
        spans=[article.span(s, e) for s, e in c.sentences],
    )


def _cluster_date(
    article: Document, c: Cluster, persons: list[NameMention]
) -> tuple[dt.date | None, DatePrecision]:
    """The date a sentence of the meeting gives; else the first date given with a participant
    ("Lavrov said Tuesday ..."); else the publication date, precision unknown."""
    if c.kind != "in_person" or article.published is None:
        return None, "unknown"
    if c.date is not None:
        return c.date.date, c.date.precision
    for s_start, s_end in article.sentences:
        if not any(s_start <= m.start < s_end and m.group in c.participants for m in persons):
            continue
        dates = [
            d
            for d in find_dates(article.text[s_start:s_end], article.published, s_start)
            if not d.future
        ]
        day = [d for d in dates if d.precision == "day"]
        if day:
            return day[0].date, day[0].precision
    return article.published, "unknown"


def _merge_same(clusters: list[Cluster]) -> list[Cluster]:
    merged: list[Cluster] = []
    for c in clusters:
        same = next(
            (m for m in merged if set(m.participants) == set(c.participants) and m.kind == c.kind),
            None,
        )
        if same is None:
            merged.append(c)
        else:
            same.sentences += c.sentences
    return merged
