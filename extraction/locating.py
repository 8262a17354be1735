"""Places no gazetteer lists, located by what the report itself says about where they are.

A report names villages, neighbourhoods and farms that no gazetteer has, but it nearly always
says where they lie: "the village of A in the northern countryside of Hama", "B near the town
of C", "D, Daraa province", "Aleppo's E district". When a locator phrase in the same sentence
ties such a name to a place the gazetteer resolves, the name takes that reference's point, with
ACLED's geo_precision saying how good the point is:

- 1: the place's own point (every gazetteer place);
- 2: the point of a town the place is in or near;
- 3: only a larger region is known (a governorate, or a region such as Eastern Ghouta): its point.

Nothing is located across a clause: between the name and the reference there may be only a
place word ("village"), the other names of a list the locator governs ("A, B and C in rural
Idlib"), and the locator itself. A reference that is one of several ("in Hama and Idlib"), a
country, a river, a point in another country than the name's own, or a reference more than
`MAX_KM` away ("30 km north of Y") locates nothing. When a report's mentions of one name point
into different governorates the name stays unlocated; when they agree on the governorate but
name different towns, only the governorate is known.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from dataclasses import dataclass

from extraction.document import Document
from extraction.gazetteer import GazetteerEntry, place_key, spelling_skeleton
from extraction.mentions import NameMention
from extraction.normalize import name_key
from extraction.places import PlaceGroup, bare_fact
from extraction.resources import Resources
from extraction.types import PlaceFact

OWN_POINT, TOWN_POINT, REGION_POINT = 1, 2, 3
# A distance locator further than this says the place is not near the town.
MAX_KM = 25
_KM_PER_MILE = 1.609
# A resolved village the report puts in another governorate is the gazetteer's namesake only this
# far from the report's reference (closer, it may just lie across a governorate border), and only
# if smaller than a large town (large towns' names are not reused for villages the news names).
NAMESAKE_MIN_KM = 50
NAMESAKE_MAX_POPULATION = 100_000

_COMPASS = r"(?:north|south|east|west)(?:\s*-?\s*(?:east|west))?"
_COMPASS_ADJ = rf"(?:(?:far\s+)?{_COMPASS}(?:ern)?|central)"
# Words that say what kind of place a name is: "Harfa village", "the district of Jobar".
_QUARTER_NOUNS = r"neighbou?rhoods?|districts?|quarters?"
_PLACE_NOUNS = (
    rf"villages?|towns?|{_QUARTER_NOUNS}|areas?|regions?|suburbs?|camps?|hills?|farms?|farmlands?|"
    r"forests?|plains?|valleys?|mountains?|hamlets?|localit(?:y|ies)|settlements?|"
    r"checkpoints?|crossings?|bridges?|dams?|junctions?|roundabouts?|squares?"
)
# "Harfa village", and an apposition saying what the place is and who holds it: "Harfa, a
# small town", "Harfa, a town held by the rebel Sham Front (SF) in ...".
_NOUN_AFTER = re.compile(
    rf"(?:(?:\s*,)?\s+an?\s+(?:[\w-]+\s+)?|\s+)(?P<noun>{_PLACE_NOUNS})\b"
    r"(?:\s+(?:held|controlled|run|besieged)\s+by(?:\s+[\w()'’-]+){1,8}?(?=\s+in\s))?",
    re.IGNORECASE,
)
# What may stand between a locator and its reference: "the rebel-held town of", "opposition".
_HELD = r"(?:[\w]+-(?:held|controlled|run|dominated|besieged)|besieged|embattled|restive)"
_REFERENCE_LEAD = re.compile(
    rf"(?:the\s+)?(?:(?:{_HELD}|{_COMPASS_ADJ})\s+)*"
    r"(?:(?P<lead>town|city|village|province|governorate|region|district|area)\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
# Locators after the name. `rel` near: the reference is a town beside the place; `inside`: the
# place lies in it; `rural`: in its countryside.
_LOCATOR = re.compile(
    r"(?:\s*,)?(?:\s+(?:which|that))?(?:\s+(?:is|was|lies|lay))?"
    r"(?:\s+(?:located|situated|lying|based))?\s+(?:"
    rf"(?P<rural>in\s+(?:the\s+)?(?:{_COMPASS_ADJ}\s+)?(?:rural|countryside\s+of|"
    rf"(?:{_COMPASS_ADJ}\s+)?countryside\s+of))"
    rf"|(?P<part>in\s+(?:the\s+)?(?:{_COMPASS_ADJ}\s+)?(?:{_COMPASS}|part|parts|side|heart"
    r"|centre|center)\s+of)"
    rf"|(?P<distance>(?:(?:some|about|around|roughly|nearly|approximately)\s+)?"
    rf"(?P<amount>\d+(?:\.\d+)?)\s*-?\s*(?P<unit>km|kms|kilometers?|kilometres?|miles?)"
    rf"(?:\s*\([^()]{{1,30}}\))?\s+(?:(?:to\s+the\s+)?{_COMPASS}\s+of|(?:away\s+)?from))"
    rf"|(?P<near>near|nearby|close\s+to|outside(?:\s+of)?|(?:on|in)\s+the\s+(?:outskirts|edge"
    rf"|suburbs|vicinity)\s+of|(?:just\s+)?(?:to\s+the\s+)?{_COMPASS}(?:\s+(?:and|or)\s+"
    rf"{_COMPASS})?\s+of|around)"
    rf"|(?P<region>in\s+(?:the\s+)?{_COMPASS_ADJ})"
    r"|(?P<inside>in|inside|within|at|of)"
    r")\s+",
    re.IGNORECASE,
)
_APPOSITION = re.compile(r"\s*(?:,|\()\s*", re.IGNORECASE)
# What may follow the reference: "Idlib province", "Hama's northern countryside", "Homs city".
_REFERENCE_TAIL = re.compile(
    rf"(?:'s|’s)?\s+(?:{_COMPASS_ADJ}\s+)?(?P<tail>countrysides?|provinces?|governorates?|"
    r"suburbs|outskirts|city|town|desert|region|countryside)\b",
    re.IGNORECASE,
)
_DIVISION_TAILS = frozenset({"countryside", "province", "governorate", "desert", "region"})
_TOWN_TAILS = frozenset({"city", "town", "suburbs", "outskirts"})
# A locator right after a place of a list: the place is not another reference of the one before.
_OWN_LOCATOR = re.compile(
    rf"\s+(?:in\s+(?:the\s+)?{_COMPASS_ADJ}|near|(?:to\s+the\s+)?{_COMPASS}\s+of)\s+",
    re.IGNORECASE,
)
# Another place right after the reference shares the locator: "in Hama and Idlib".
_SHARED = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*(?:the\s+)?(?:(?:and|or)\s+)?", re.I)
# A name of a list, written plainly: "Kafr Nabl", "al-Bara", "Tal Asheihib".
_WORD = r"(?:(?:[Aa]l|[Ee]l|[Aa][dnrstz]h?)-)?[A-Z][\w'’]*(?:-[\w'’]+)*"
_NAME_RUN = re.compile(rf"{_WORD}(?:\s+(?:(?:al|el)-)?{_WORD}){{0,4}}")
_SPACE = re.compile(r"\s+")
_LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
# Before the name: "Aleppo's Sukkari district", "the Idlib town of Saraqib".
_POSSESSIVE_GAP = re.compile(
    rf"^(?:'s|’s)\s+(?:(?:the\s+)?(?:{_HELD}|{_COMPASS_ADJ})\s+)*"
    rf"(?:(?P<noun>{_PLACE_NOUNS})\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_ATTRIBUTE_GAP = re.compile(
    rf"^\s+(?:(?:countryside|province|desert)\s+)?(?P<noun>{_PLACE_NOUNS})\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A sentence's opening province: "In Idlib province,", "In the countryside of the southern
# province of Quneitra", "In Damascus Countryside".
_SCOPE = re.compile(
    rf"[\s\"“]*In\s+(?:the\s+)?(?:(?P<rural>(?:{_COMPASS_ADJ}(?:\s+and\s+{_COMPASS_ADJ})?\s+)?"
    rf"(?:countryside|rural\s+areas)\s+of\s+(?:the\s+)?(?:(?:{_COMPASS_ADJ}|coastal)\s+)?"
    rf"(?:province\s+of\s+)?)|(?:{_COMPASS_ADJ}\s+))?",
    re.IGNORECASE,
)
_DEMONYM_BEFORE = re.compile(
    rf"\b([A-Z][a-z]+)\s+(?:(?:{_PLACE_NOUNS}|city)\s+(?:of\s+)?)?(?:the\s+)?$"
)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_QUARTER_BEFORE = re.compile(rf"\b(?:{_QUARTER_NOUNS})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_QUARTER = re.compile(rf"^(?:{_QUARTER_NOUNS})$", re.IGNORECASE)
_UNLOCATABLE_KINDS = frozenset({"country", "water"})
# Locators whose reference the story gives, not the sentence. After the name: "X in the eastern
# countryside", "X in the province's southern countryside", "X in the same province".
_POSSESSED_DIVISION = r"(?:province|governorate)(?:'s|’s|s)"
_STORY_AFTER = re.compile(
    rf"\s+in\s+the\s+(?:(?:same|{_POSSESSED_DIVISION})\s+)?(?:{_COMPASS_ADJ}\s+)?"
    r"(?:(?:countryside|rural\s+areas)(?:\s+of\s+the\s+(?:province|governorate))?"
    r"|(?<=same\s)(?:province|governorate))\b(?!\s+of\b|\s*['’]s\b)",
    re.IGNORECASE,
)
# Before the name: "the nearby town of X", "nearby X" (near what the story is about); "the
# province's X", "the governorate's northern village of X" (in the province the story is in).
_NEARBY_BEFORE = re.compile(
    rf"\bnearby\s+(?:(?:{_HELD}|{_COMPASS_ADJ})\s+)*(?:(?:{_PLACE_NOUNS}|city|cities)\s+"
    r"(?:of\s+)?)?(?:the\s+)?$",
    re.IGNORECASE,
)
_PROVINCE_BEFORE = re.compile(
    rf"\bthe\s+{_POSSESSED_DIVISION}\s+(?:(?:{_HELD}|{_COMPASS_ADJ})\s+)*"
    rf"(?:(?:{_PLACE_NOUNS}|city)\s+(?:of\s+)?)?(?:the\s+)?$",
    re.IGNORECASE,
)
# How many sentences back the story's place may be named.
STORY_SENTENCES = 2
# The quarters of the city a story is in lie this close to the city's point.
CITY_KM = 8


@dataclass(frozen=True)
class Location:
    """Where a report puts a place the gazetteer lacks."""

    point: GazetteerEntry  # whose coordinates the place takes
    precision: int  # TOWN_POINT or REGION_POINT
    admin1: GazetteerEntry  # the governorate (province) it lies in
    located_by: str  # the key of the place the report locates it by


def locate_places(
    article: Document, groups: list[PlaceGroup], mentions: list[NameMention], res: Resources
) -> dict[str, Location]:
    """Locate each place group the gazetteer resolved nothing for, by its mentions' sentences.
    Located groups are re-keyed "text:<governorate>:<spelling skeleton>" (namesakes in two
    governorates stay two places); the result maps the new keys to their locations."""
    finder = _Finder(article, mentions, res)
    located: dict[str, Location] = {}
    keys = {g.key for g in groups}
    for group in groups:
        if group.area is not None:
            continue
        if group.entry is not None:
            location = _correct_namesake(group, finder, keys, res)
        elif group.key.startswith("text:"):
            found = [loc for m in group.mentions if (loc := finder.locate(m)) is not None]
            location = _agree(found, res)
        else:
            continue
        if location is None:
            continue
        group.key = _located_key(group, location, res)
        keys.add(group.key)
        located[group.key] = location
    return located


def _located_key(group: PlaceGroup, location: Location, res: Resources) -> str:
    """'text:homs:al mshrf': the governorate, then the spelling skeleton of the name the report
    writes most, so that the spellings of one village in one governorate ("al-Msheirfeh" in one
    report, "al-Mushrefeh" in another) are one place across reports."""
    name = Counter(m.text for m in group.mentions).most_common(1)[0][0]
    return f"text:{name_key(_division_name(location.admin1, res))}:{spelling_skeleton(name)}"


def _correct_namesake(
    group: PlaceGroup, finder: _Finder, keys: set[str], res: Resources
) -> Location | None:
    """A Syrian village or quarter the gazetteer resolved, that the report puts in another
    governorate, far from the gazetteer's point ("al-Midan neighbourhood in Aleppo city", not
    the Damascus quarter): the gazetteer found a namesake. So did it for a village abroad that
    the report puts in a Syrian governorate ("the village of al-Tayba in the eastern countryside
    of Salamiyah", not the Jordanian one). Its namesake in that governorate if it has one, else
    the report's location (returned; the group becomes an unknown place)."""
    entry = group.entry
    if entry is None or entry.country is None or entry.kind not in ("city", "site"):
        return None
    if entry.lat is None or entry.population >= NAMESAKE_MAX_POPULATION:
        return None
    division = res.gazetteer.admin1(entry)
    if entry.country == "SY":
        if division is None:
            return None
        if place_key(entry.name) == place_key(_division_name(division, res)):
            return None  # a governorate's capital: "Idlib" is never a village's namesake
    found = [loc for m in group.mentions if (loc := finder.locate(m, scoped=False)) is not None]
    location = _agree(found, res)
    if location is None or (division is not None and location.admin1.key == division.key):
        return None
    if entry.country != "SY" and location.point.country != "SY":
        return None  # a place abroad that the report puts abroad
    if any(loc.located_by in finder.near_misses for loc in found):
        return None  # located by a name the gazetteer only nearly knows
    if _distance_km(entry, location.point) <= NAMESAKE_MIN_KM:
        return None  # near the border of two governorates: the gazetteer's point stands
    for m in group.mentions:
        for candidate in res.gazetteer.candidates(m.text):
            if res.gazetteer.admin1(candidate) == location.admin1 and candidate.key not in keys:
                group.entry, group.key = candidate, candidate.key
                keys.add(candidate.key)
                return None
    unknown = "text:" + name_key(group.mentions[0].text)
    if unknown in keys:
        return None
    group.entry, group.key = None, unknown
    return location


def _distance_km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def located_fact(fact: PlaceFact, location: Location | None, res: Resources) -> PlaceFact:
    """The place as printed: with its geo_precision, and where the report puts it if located."""
    if location is None:
        precision = OWN_POINT if fact.lat is not None and fact.lon is not None else None
        if fact.key.startswith("area:") and precision is not None:
            precision = REGION_POINT  # a country's quarter is a rough point, not its own
        return dataclasses.replace(fact, geo_precision=precision)
    chain = [location.admin1, *res.gazetteer.parents(location.admin1)]
    return dataclasses.replace(
        fact,
        country=location.point.country,
        lat=location.point.lat,
        lon=location.point.lon,
        admin1=_division_name(location.admin1, res),
        parents=[bare_fact(e) for e in chain],
        geo_precision=location.precision,
        located_by=location.located_by,
    )


def _division_name(division: GazetteerEntry, res: Resources) -> str:
    return res.gazetteer.admin1_name(division) or division.name


def _agree(found: list[Location], res: Resources) -> Location | None:
    """One location from those of a place's mentions: none if they name two governorates; the
    governorate alone if they name two towns in it; else the most precise."""
    if not found:
        return None
    if len({loc.admin1.key for loc in found}) > 1:
        return None
    best = min(found, key=lambda loc: loc.precision)
    towns = {loc.point.key for loc in found if loc.precision == TOWN_POINT}
    if len(towns) > 1:
        division = best.admin1
        return Location(division, REGION_POINT, division, division.key)
    return best


class _Finder:
    """The locator phrases of one article."""

    def __init__(self, article: Document, mentions: list[NameMention], res: Resources) -> None:
        self.article = article
        self.text = article.text
        self.res = res
        self.places = {m.start: m for m in mentions if m.kind == "place"}
        self.place_ends = {m.end: m for m in mentions if m.kind == "place"}
        # Known actors end a list; a name the model merely guessed is a person may be a village.
        self.actor_spans = [(m.start, m.end) for m in mentions if m.is_actor and m.known]
        self.near_misses: set[str] = set()  # references found by a near spelling only

    def _exact(self, m: NameMention) -> bool:
        """Does the gazetteer know the mention's place by its name as written (with or without
        a trailing "city" or "town"), not only by a near spelling?"""
        names = [m.text, re.sub(r"\s+(?:city|town)$", "", m.text, flags=re.IGNORECASE)]
        return any(c.key == m.entry.key for n in names for c in self.res.gazetteer.candidates(n))

    def locate(self, m: NameMention, *, scoped: bool = True) -> Location | None:
        """The location the mention's own sentence gives: the locator right after the name (or
        after the list it is in), else one right before it, else (when `scoped`) the province
        the sentence opens with."""
        _, end = self.article.sentence_bounds(m.start)
        location = self._after(m, end) or self._before(m)
        if location is _STORY or location is _STORY_RURAL:
            how = "rural" if location is _STORY_RURAL else "province"
            location = self._story(m, how) if scoped else None
        if location is None and scoped:
            location = self._scope(m) or self._story_before(m) or self._story_quarter(m)
        if location is None:
            return None
        said = self._country_before(m.start)
        if said is not None and said != location.point.country:
            return None  # "the Syrian village of X near the Turkish town of Y"
        return location

    def _scope(self, m: NameMention) -> Location | None:
        """'In the northern countryside of Hama, the army took X and Y': a sentence that opens
        with a province (or a town) sets where all its places are, unless it also names a
        place of another governorate."""
        start, end = self.article.sentence_bounds(m.start)
        opening = _SCOPE.match(self.text, start, m.start)
        if opening is None:
            return None
        how = "rural" if opening.group("rural") else "inside"
        location = self._reference(opening.end(), m.start, how, None, False)
        if location is None or location is _BLOCKED or location.point.country != "SY":
            return None  # "In Moscow, ..." says where it was said
        for other in self.places.values():
            if not start <= other.start < end or other.entry is None or other.entry.country != "SY":
                continue
            if other.entry.kind == "country":
                continue
            division = self.res.gazetteer.admin1(other.entry)
            if division is None or division.key != location.admin1.key:
                return None
        return location

    # by the story: "the nearby town of X", "X in the eastern countryside"

    def _story_before(self, m: NameMention) -> Location | None:
        start, _ = self.article.sentence_bounds(m.start)
        window = self.text[max(start, m.start - 80) : m.start]
        if _NEARBY_BEFORE.search(window):
            return self._story(m, "near")
        if _PROVINCE_BEFORE.search(window):
            return self._story(m, "province")
        return None

    def _story_quarter(self, m: NameMention) -> Location | None:
        """'the neighbourhoods of X and Y' with no city said: the city the story is in."""
        if self._quarter_before(m.start) or self._quarter_after(m.end):
            return self._story(m, "quarter")
        return None

    def _story(self, m: NameMention, how: str) -> Location | None:
        """Where the story is when it names the place without saying where it is: the places of
        its sentence before the name, else of the nearest of the `STORY_SENTENCES` sentences
        before it that names a place. They must all lie in one Syrian governorate (a place of
        another country, or of a second governorate anywhere in the sentence, locates nothing).
        "Nearby" puts the place by the one town named, else in the governorate; a quarter is in
        the one city named, if it is a governorate's capital (only these have the quarters the
        news names), else nowhere; the rest give the governorate (a countryside of Damascus is
        Rif Dimashq)."""
        index = self.article.sentence_index(m.start)
        start, end = self.article.sentence_bounds(m.start)
        named = self._places_between(start, m.start)
        back = index
        while named is not None and not self._story_found(named, how):
            if back == 0 or index - back >= STORY_SENTENCES:
                return None
            back -= 1
            earlier = self._places_between(*self.article.sentences[back])
            named = None if earlier is None else [*earlier, *named]
        sentence = self._places_between(start, end)
        if named is None or sentence is None:
            return None
        divisions = {d.key: d for e in [*named, *sentence] if (d := self.res.gazetteer.admin1(e))}
        if len(divisions) != 1:
            return None
        (division,) = divisions.values()
        if division.lat is None or division.lon is None:
            return None
        towns = {e.key: e for e in named if e.key != division.key and e.kind != "region"}
        if how == "near" and len(towns) == 1:
            (town,) = towns.values()
            return self._location(town, "near", "town", None, False)
        if how == "quarter":
            # The city, and quarters of it the gazetteer knows ("al-Mazzeh and X"), nothing else.
            (city,) = [t for t in towns.values() if self._names_division(t, division)]
            if any(_distance_km(t, city) > CITY_KM for t in towns.values()):
                return None
            return Location(city, TOWN_POINT, division, city.key)
        if how == "rural":
            division = self._division_countryside(division) or division
        return Location(division, REGION_POINT, division, division.key)

    def _story_found(self, named: list[GazetteerEntry], how: str) -> bool:
        """Has the story named what the place is located by: a place (a governorate's capital
        for a quarter)?"""
        if how != "quarter":
            return bool(named)
        capitals = set()
        for entry in named:
            division = self.res.gazetteer.admin1(entry)
            if entry.kind != "region" and division and self._names_division(entry, division):
                capitals.add(entry.key)
        return len(capitals) == 1

    def _division_countryside(self, division: GazetteerEntry) -> GazetteerEntry | None:
        """The governorate around a governorate that is a city: Rif Dimashq around Damascus."""
        for found in self.res.gazetteer.candidates(
            f"{_division_name(division, self.res)} countryside"
        ):
            if self.res.gazetteer.admin1(found) == found and found.lat is not None:
                return found
        return None

    def _places_between(self, start: int, end: int) -> list[GazetteerEntry] | None:
        """The gazetteer places mentioned between start and end, Syria itself aside; None if one
        of them is not in a Syrian governorate (another country's place, a river)."""
        found = []
        for other in self.places.values():
            if not start <= other.start < end or other.entry is None:
                continue
            entry = other.entry
            if entry.country == "SY" and entry.kind == "country":
                continue
            if entry.country != "SY" or self.res.gazetteer.admin1(entry) is None:
                return None
            found.append(entry)
        return found

    def _country_before(self, pos: int) -> str | None:
        """The country an adjective right before the name gives it: "the Syrian village of"."""
        found = _DEMONYM_BEFORE.search(self.text, max(0, pos - 40), pos)
        return self.res.demonym(found.group(1)) if found else None

    # after the name: "X village in the Hama countryside", "X, B and C near Y"

    def _after(self, m: NameMention, end: int) -> Location | None:
        text = self.text
        quarter = self._quarter_before(m.start)
        pos = m.end
        for _ in range(12):  # a list of at most a dozen names
            noun = _NOUN_AFTER.match(text, pos, end)
            if noun is not None:
                quarter = quarter or bool(_QUARTER.match(noun.group("noun")))
                pos = noun.end()
            location = self._locator(pos, end, quarter, after_noun=noun is not None)
            if location is not None:
                return location if location is not _BLOCKED else None
            story = _STORY_AFTER.match(text, pos, end)
            if story is not None:
                rural = re.search(r"countryside|rural", story.group(0), re.IGNORECASE)
                return _STORY_RURAL if rural else _STORY
            joined = _LIST_JOIN.match(text, pos, end) or self._bare_join(pos, end)
            if joined is None:
                return None
            item_end = self._list_item(joined.end(), end)
            if item_end is None:
                return None
            pos = item_end
        return None

    def _bare_join(self, pos: int, end: int) -> re.Match[str] | None:
        """Lists written without commas ("in Kafr Zita Latamneh and Morek"): a space, then a
        place the mentions found."""
        space = _SPACE.match(self.text, pos, end)
        return space if space is not None and space.end() in self.places else None

    def _list_item(self, pos: int, end: int) -> int | None:
        """The end of a name of the list that starts at pos: a town or unknown place the
        mentions found, else a capitalized name; a governorate, country or actor ends the list."""
        m = self.places.get(pos)
        if m is not None:
            if m.entry is not None and (
                m.entry.kind in _UNLOCATABLE_KINDS or m.entry.kind == "region"
            ):
                return None
            return m.end
        run = _NAME_RUN.match(self.text, pos, end)
        if run is None or self._overlaps_actor(run.start(), run.end()):
            return None
        return run.end()

    def _locator(self, pos: int, end: int, quarter: bool, *, after_noun: bool) -> Location | None:
        text = self.text
        found = _LOCATOR.match(text, pos, end)
        if found is not None:
            lead = _REFERENCE_LEAD.match(text, found.end(), end)
            assert lead is not None  # every part of it is optional
            how = found.lastgroup or "inside"
            if how == "inside" and found.group("inside").lower() == "of" and not after_noun:
                return None  # "of" locates only after a place word: "the X district of Y"
            km = _km(found) if how == "distance" else 0.0
            if km > MAX_KM:
                return _BLOCKED
            return self._reference(lead.end(), end, how, lead.group("lead"), quarter)
        apposition = _APPOSITION.match(text, pos, end)
        if apposition is not None:
            return self._reference(apposition.end(), end, "apposition", None, quarter)
        return None

    def _reference(
        self, pos: int, end: int, how: str, lead: str | None, quarter: bool
    ) -> Location | None:
        """The place at pos, and what the locator makes of it."""
        ref = self._place_at(pos, end)
        if ref is None:
            return None
        entry, ref_end = ref
        tail_match = _REFERENCE_TAIL.match(self.text, ref_end, end)
        tail = tail_match.group("tail").lower() if tail_match else None
        after = tail_match.end() if tail_match else ref_end
        if tail is not None and tail.endswith("s") and tail not in _TOWN_TAILS:
            return _BLOCKED  # "in Hama and Idlib provinces"
        if how == "apposition" and not (tail in _DIVISION_TAILS or self._is_division(entry)):
            return None  # "X, Y" is a list unless Y is a province
        if self._shared(after, end):
            return _BLOCKED
        return self._location(entry, how, lead, tail, quarter)

    def _place_at(self, pos: int, end: int) -> tuple[GazetteerEntry, int] | None:
        m = self.places.get(pos)
        if m is not None:
            if m.entry is None:
                return None
            if not self._exact(m):
                self.near_misses.add(m.entry.key)
            return m.entry, m.end
        run = _NAME_RUN.match(self.text, pos, end)
        if run is None or self._overlaps_actor(run.start(), run.end()):
            return None
        # A name the mentions missed ("Quneitra Countryside"): its longest start the gazetteer
        # knows as a place of Syria or the region.
        words = run.group(0).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            entry = self.res.place(name, ["SY"])
            if entry is not None and entry.country == "SY":
                return entry, pos + len(name)
        return None

    def _shared(self, pos: int, end: int) -> bool:
        """Is another place named right after the reference, sharing its locator?"""
        joined = _SHARED.match(self.text, pos, end)
        if joined is None or joined.end() == pos:
            return False
        other = self.places.get(joined.end())
        # An unknown place after it starts a new clause: "in Sweida province and Tal Antar in Deraa"
        if other is None or other.entry is None or other.entry.kind in _UNLOCATABLE_KINDS:
            return False
        # So does a place with a locator of its own: "X south of Palmyra and Y in eastern Homs"
        # (not one of a country: "in Hama and Idlib in northern Syria" share it).
        own = _OWN_LOCATOR.match(self.text, other.end)
        if own is None:
            return True
        then = self.places.get(own.end())
        return then is None or then.entry is None or then.entry.kind == "country"

    def _location(
        self, entry: GazetteerEntry, how: str, lead: str | None, tail: str | None, quarter: bool
    ) -> Location | None:
        if entry.kind in _UNLOCATABLE_KINDS or entry.lat is None or entry.lon is None:
            return None
        division = self.res.gazetteer.admin1(entry)
        if division is None or division.lat is None or division.lon is None:
            return None
        if entry.key == division.key or entry.kind == "region":
            return Location(entry, REGION_POINT, division, entry.key)
        lead = (lead or "").lower()
        town_said = tail in _TOWN_TAILS or lead in ("town", "city", "village")
        division_said = tail in _DIVISION_TAILS or lead in ("province", "governorate", "region")
        if how == "rural" or (division_said and not town_said):
            rural = how == "rural" or tail == "countryside"
            countryside = self._countryside(entry) if rural else None
            if countryside is not None:
                return Location(countryside, REGION_POINT, countryside, countryside.key)
            if not self._names_division(entry, division):
                return Location(entry, TOWN_POINT, division, entry.key)  # "rural Manbij"
            return Location(division, REGION_POINT, division, division.key)
        vague = how in ("inside", "region", "part", "apposition") and not town_said
        if vague and not quarter and self._names_division(entry, division):
            # "a village in Idlib", "in northern Hama": the province more likely than the city
            return Location(division, REGION_POINT, division, division.key)
        if how in ("near", "distance") or tail == "suburbs":
            # Near a city that is a governorate of its own is in the one around it: a town near
            # Damascus lies in Rif Dimashq.
            division = self._countryside(entry) or division
        return Location(entry, TOWN_POINT, division, entry.key)

    def _countryside(self, city: GazetteerEntry) -> GazetteerEntry | None:
        """The governorate the gazetteer knows by the name of a city's countryside (exactly, no
        near spelling): the countryside of Damascus is Rif Dimashq, that of Hama Hama's."""
        gazetteer = self.res.gazetteer
        for found in gazetteer.candidates(f"{city.name} countryside"):
            own_division = gazetteer.admin1(found) == found
            if own_division and found.country == city.country and found.lat is not None:
                return found
        return None

    # before the name: "Aleppo's Sukkari district", "the Idlib town of Saraqib"

    def _before(self, m: NameMention) -> Location | None:
        start, _ = self.article.sentence_bounds(m.start)
        text = self.text
        quarter = self._quarter_before(m.start) or self._quarter_after(m.end)
        for ref in self._mentions_before(m.start, start):
            gap = text[ref.end : m.start]
            possessive = _POSSESSIVE_GAP.match(gap)
            attribute = _ATTRIBUTE_GAP.match(gap)
            if attribute is not None and not _THE_BEFORE.search(text, start, ref.start):
                attribute = None
            found = possessive or attribute
            if found is None or ref.entry is None:
                continue
            if not self._exact(ref):
                self.near_misses.add(ref.entry.key)
            noun = (found.group("noun") or "").lower()
            quarter = quarter or bool(_QUARTER.match(noun))
            how = "near" if noun.startswith("suburb") else "inside"  # "the Damascus suburb of"
            return self._location(ref.entry, how, None, None, quarter)
        return None

    def _mentions_before(self, pos: int, start: int) -> list[NameMention]:
        """Place mentions ending within 60 characters before pos, nearest first."""
        return [
            self.place_ends[e]
            for e in range(pos - 1, max(start, pos - 60) - 1, -1)
            if e in self.place_ends
        ]

    def _quarter_before(self, pos: int) -> bool:
        """'the neighbourhoods of X', also for the later names of the list it heads."""
        start, _ = self.article.sentence_bounds(pos)
        window = self.text[max(start, pos - 160) : pos]
        head = re.search(
            rf"\b(?:{_QUARTER_NOUNS})\s+of\s+(?:the\s+)?"
            rf"(?:{_NAME_RUN.pattern}(?:{_LIST_JOIN.pattern}))*$",
            window,
            re.IGNORECASE,
        )
        return head is not None or bool(_QUARTER_BEFORE.search(window))

    def _quarter_after(self, pos: int) -> bool:
        noun = _NOUN_AFTER.match(self.text, pos)
        return noun is not None and bool(_QUARTER.match(noun.group("noun")))

    def _overlaps_actor(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.actor_spans)

    def _is_division(self, entry: GazetteerEntry) -> bool:
        division = self.res.gazetteer.admin1(entry)
        return division is not None and division.key == entry.key

    def _names_division(self, entry: GazetteerEntry, division: GazetteerEntry) -> bool:
        """Is the town the governorate's namesake (Idlib, Hama, Homs), so that its bare name may
        mean the province?"""
        return place_key(entry.name) == place_key(_division_name(division, self.res))


def _km(found: re.Match[str]) -> float:
    amount = float(found.group("amount"))
    return amount * _KM_PER_MILE if found.group("unit").lower().startswith("mile") else amount


# A locator whose reference the story gives: "X in the eastern countryside".
_STORY = Location(
    GazetteerEntry("", "", "region", None, None, None, None, 0, None),
    REGION_POINT,
    GazetteerEntry("", "", "region", None, None, None, None, 0, None),
    "",
)
_STORY_RURAL = Location(
    GazetteerEntry("", "", "region", None, None, None, None, 0, None),
    REGION_POINT,
    GazetteerEntry("", "", "region", None, None, None, None, 0, None),
    "",
)
# A locator that forbids looking further: "30 km north of Y", "in Hama and Idlib".
_BLOCKED = Location(
    GazetteerEntry("", "", "region", None, None, None, None, 0, None),
    REGION_POINT,
    GazetteerEntry("", "", "region", None, None, None, None, 0, None),
    "",
)
