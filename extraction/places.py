"""Place mentions resolved to gazetteer entries, one PlaceFact per place per article."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from extraction.document import Document
from extraction.gazetteer import REGION, GazetteerEntry, place_key, spelling_skeleton
from extraction.mentions import LIST_LABEL, NameMention
from extraction.normalize import name_key
from extraction.resources import Resources
from extraction.types import PlaceFact

_DIRECTION = re.compile(
    r"\b(north|south|east|west|north-?east|north-?west|south-?east|south-?west|central)(?:ern)?"
    r"(\s+and\s+(?:north|south|east|west)(?:ern)?)?\s+$",
    re.IGNORECASE,
)
# Rough offsets of a country's quarter from its centre, in half-extents of the country.
_SHIFT = {
    "north": (1.0, 0.0),
    "south": (-1.0, 0.0),
    "east": (0.0, 1.0),
    "west": (0.0, -1.0),
    "northeast": (1.0, 1.0),
    "northwest": (1.0, -1.0),
    "southeast": (-1.0, 1.0),
    "southwest": (-1.0, -1.0),
    "central": (0.0, 0.0),
}
# Where a country's quarters are centred, and how far (degrees of latitude and longitude) its
# quarters lie from that centre: "northeast Syria", "south Turkey", "north Iraq".
_CENTRES = {
    "SY": (35.0, 38.5, 1.0, 1.5),
    "TR": (39.0, 35.5, 2.0, 5.0),
    "IQ": (33.2, 43.7, 2.5, 2.5),
    "LB": (33.9, 35.9, 0.4, 0.2),
    "JO": (31.3, 36.5, 1.0, 1.0),
    "IL": (31.4, 34.9, 1.4, 0.2),
    "IR": (32.5, 54.0, 4.0, 6.0),
    "RU": (60.0, 60.0, 8.0, 40.0),
    "US": (39.5, -98.5, 6.0, 15.0),
}


@dataclass
class PlaceGroup:
    key: str
    entry: GazetteerEntry | None
    mentions: list[NameMention] = field(default_factory=list)
    area: tuple[str, str] | None = None  # ("northeast", "SY") for a country's quarter
    area_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def street(self) -> bool:
        """A street named after a town ("Manbij Road"): a place only where the report puts it."""
        return bool(self.mentions) and all(m.label == STREET_LABEL for m in self.mentions)


def context_countries(
    article: Document, mentions: list[NameMention], res: Resources, title: str = ""
) -> list[str]:
    """The countries an article is about, most named first (demonyms and country names in the
    text and its headline), always after Syria: this is a reader of Syria-conflict news."""
    counts: Counter[str] = Counter()
    words = [w.text for w in article.words] + title.split()
    for word in words:
        if len(word) > 1 and word[0].isupper():
            code = res.demonym(word)
            if code:
                counts[code] += 1
    for m in mentions:
        if m.entry is not None and m.entry.kind == "country" and m.entry.country:
            counts[m.entry.country] += 1
    order = [code for code, _ in counts.most_common()]
    return ["SY", *[c for c in order if c != "SY"]]


def group_places(
    article: Document, mentions: list[NameMention], res: Resources
) -> list[PlaceGroup]:
    _streets_named_after_places(article, mentions)
    _drop_far_alternate_names(article, mentions, res)
    prefer_governorate_namesakes(article, mentions, res)
    groups: dict[str, PlaceGroup] = {}
    for m in mentions:
        if m.kind != "place":
            continue
        key = m.entry.key if m.entry is not None else "text:" + name_key(m.text)
        group = groups.setdefault(key, PlaceGroup(key, m.entry))
        group.mentions.append(m)
        if m.entry is not None and m.entry.kind == "country":
            _add_area(article, m, groups)
    _merge_spellings(groups)
    for key in [k for k, g in groups.items() if g.entry is None and g.area is None]:
        if not _believable_unknown(article, groups[key]):
            del groups[key]
    ordered = sorted(groups.values(), key=lambda g: _first(g))
    for i, g in enumerate(ordered):
        for m in g.mentions:
            m.group = i
    return ordered


STREET_LABEL = "STREET"  # the label of a town's mention that a street word turned into a street
# A street word after a town's name makes the two a street of the city the report is in, named
# after the town ("al-Bab Road" in Aleppo, "Nile Street"). Lowercase "road" and "highway" are left
# alone: "the Aleppo road" is the road that leads to Aleppo, and names Aleppo.
_STREET_AFTER = re.compile(
    r"\s+(?:Road|Street|Roundabout|Square|Avenue|Boulevard|Highway"
    r"|street|roundabout|square|avenue|boulevard)\b"
)


def _streets_named_after_places(article: Document, mentions: list[NameMention]) -> None:
    """A town's mention followed by a street word becomes the street: a site the gazetteer does
    not know, which the report may locate in its city, never the town itself."""
    starts = {m.start for m in mentions}
    for m in mentions:
        if m.kind != "place" or m.entry is None or m.entry.kind != "city":
            continue
        street = _STREET_AFTER.match(article.text, m.end)
        if street is None or any(m.end < s < street.end() for s in starts):
            continue
        m.end = street.end()
        m.text = article.text[m.start : m.end]
        m.entry, m.label = None, STREET_LABEL


# A town abroad that a Syria story names by one of its alternate names, with no word of its country
# beside it, is at most this large; bigger cities are named by their other names too ("New York",
# "Mecca", "St. Petersburg").
FAR_ALTERNATE_MAX_POPULATION = 1_000_000


def _drop_far_alternate_names(
    article: Document, mentions: list[NameMention], res: Resources
) -> None:
    """A GeoNames town beyond Syria and its neighbours, matched only through one of its alternate
    names ("Youth City" for Bayanhongor in Mongolia, "Barna" for Varna in Bulgaria), is not
    that town when its sentence names neither its country nor a people of it: the story means
    some place of its own that the gazetteer lacks. The mention becomes an unknown place."""
    for m in mentions:
        entry = m.entry
        if m.kind != "place" or entry is None or not entry.key.startswith("gn:"):
            continue
        if entry.kind == "country" or entry.country in REGION or entry.country is None:
            continue
        if entry.population >= FAR_ALTERNATE_MAX_POPULATION:
            continue
        if place_key(m.text) == place_key(entry.name):
            continue  # its own name: "Lima", "Alliance"
        if entry.country not in _countries_of_sentence(article, m, mentions, res):
            m.entry = None


def _countries_of_sentence(
    article: Document, m: NameMention, mentions: list[NameMention], res: Resources
) -> set[str]:
    """The countries a mention's sentence names, by name or by a people ("Chilean")."""
    start, end = article.sentence_bounds(m.start)
    found = {
        other.entry.country
        for other in mentions
        if other is not m and start <= other.start < end and other.entry is not None
        if other.entry.kind == "country" and other.entry.country
    }
    for word in article.text[start:end].split():
        word = word.strip(".,;:'’\"()")
        if len(word) > 1 and word[0].isupper() and (code := res.demonym(word)):
            found.add(code)
    return found


def _merge_spellings(groups: dict[str, PlaceGroup]) -> None:
    """Two spellings of one place no gazetteer lists, in one report ("al-Mshairfeh" in the lead,
    "al-Msheirfeh" below), are one place when their spelling skeletons agree. The merged group
    is keyed by the spelling the report writes most (the first of equals)."""
    by_skeleton: dict[str, list[PlaceGroup]] = {}
    for group in groups.values():
        if group.entry is None and group.area is None:
            skeleton = spelling_skeleton(group.mentions[0].text)
            by_skeleton.setdefault(skeleton, []).append(group)
    for same in by_skeleton.values():
        if len(same) < 2:
            continue
        mentions = sorted((m for g in same for m in g.mentions), key=lambda m: m.start)
        for g in same:
            del groups[g.key]
        name = Counter(m.text for m in mentions).most_common(1)[0][0]
        key = "text:" + name_key(name)
        groups[key] = PlaceGroup(key, None, mentions)


def prefer_governorate_namesakes(
    article: Document, mentions: list[NameMention], res: Resources
) -> None:
    """Syria has many villages of one name in several governorates (Suran near Azaz and Suran
    north of Hama). Country context cannot tell them apart, so the governorates of the story's
    other Syrian places, the ones that have a single candidate, decide: those of the village's
    own sentence first (a daily round-up names a dozen governorates, and the one beside the
    village is the one it lies in), else those of the whole story. A namesake moves to the
    candidate of the governorate named most; with no such vote the gazetteer's choice stands."""
    votes: list[tuple[int, str]] = []
    ambiguous: list[tuple[NameMention, list[GazetteerEntry]]] = []
    for m in mentions:
        if m.kind != "place" or m.entry is None or m.entry.country != "SY":
            continue
        if m.entry.kind == "country":
            continue
        namesakes = _syrian_namesakes(m, res)
        if len({res.gazetteer.admin1_name(e) for e in namesakes}) > 1:
            ambiguous.append((m, namesakes))
            continue
        division = res.gazetteer.admin1_name(m.entry)
        if division:
            votes.append((article.sentence_index(m.start), division))
    for m, namesakes in ambiguous:
        sentence = article.sentence_index(m.start)
        near = Counter(d for at, d in votes if at == sentence)
        counts = near or Counter(d for _, d in votes)

        def support(entry: GazetteerEntry, counts: Counter[str] = counts) -> int:
            return counts.get(res.gazetteer.admin1_name(entry) or "", 0)

        best = max(namesakes, key=support)
        if support(best) > support(m.entry):
            m.entry = best


def _syrian_namesakes(m: NameMention, res: Resources) -> list[GazetteerEntry]:
    """The Syrian places of the mention's own name, when it names the one it resolved to."""
    candidates = res.gazetteer.candidates(m.text)
    if m.entry is None or all(c.key != m.entry.key for c in candidates):
        return []  # resolved otherwise (a quarter word, a near miss): nothing to weigh
    return [c for c in candidates if c.country == "SY" and c.kind != "country"]


_CUE_BEFORE = re.compile(
    r"\b(?:in|at|near|nearby|outside|from|into|toward|towards|of|city|town|village|camp)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    r"\s+(?:province|governorate|district|city|town|village|camp|region|farms?|corridor)\b"
    r"|(?:\s*,)?\s+an?\s+(?:[\w-]+\s+)?(?:town|village|city|camp|district|neighbou?rhood)\b",
    re.I,
)

# A site (a street, a square) is named after these too.
_ON_BEFORE = re.compile(r"\b(?:on|along)\s+(?:the\s+)?$", re.IGNORECASE)


def _believable_unknown(article: Document, group: PlaceGroup) -> bool:
    """A place the gazetteer does not know counts if named twice, after a place word, or among
    known places written as a list."""
    if len(group.mentions) > 1 or any(m.label == LIST_LABEL for m in group.mentions):
        return True
    m = group.mentions[0]
    text = article.text
    if m.label == STREET_LABEL and _ON_BEFORE.search(text, max(0, m.start - 20), m.start):
        return True  # "on Manbij Road"
    return bool(
        _CUE_BEFORE.search(text, max(0, m.start - 20), m.start) or _CUE_AFTER.match(text, m.end)
    )


def _first(group: PlaceGroup) -> int:
    starts = [m.start for m in group.mentions] + [s for s, _ in group.area_spans]
    return min(starts)


def _add_area(article: Document, m: NameMention, groups: dict[str, PlaceGroup]) -> None:
    line_start = max(0, m.start - 40)
    found = _DIRECTION.search(article.text, line_start, m.start)
    if not found:
        return
    direction = found.group(1).lower().replace("-", "")
    code = m.entry.country if m.entry else None
    if code is None:
        return
    key = f"area:{direction}:{code}"
    group = groups.setdefault(key, PlaceGroup(key, None, area=(direction, code)))
    group.area_spans.append((found.start(), m.end))


def place_fact(article: Document, group: PlaceGroup, res: Resources) -> PlaceFact:
    if group.area is not None:
        return _area_fact(article, group, res)
    seen = [m.text for m in group.mentions]
    entry = group.entry
    if entry is None:
        name = Counter(seen).most_common(1)[0][0]
        kind = "site" if any(m.label in ("FAC", STREET_LABEL) for m in group.mentions) else "region"
        return PlaceFact(
            key=group.key,
            name=name,
            kind=kind,
            country=None,
            lat=None,
            lon=None,
            aliases=sorted({s for s in seen if s != name}),
            mentions=[article.span(m.start, m.end) for m in group.mentions],
        )
    return dataclasses.replace(
        bare_fact(entry),
        aliases=sorted({s for s in seen if name_key(s) != name_key(entry.name)}),
        parents=[bare_fact(p) for p in res.gazetteer.parents(entry)],
        mentions=[article.span(m.start, m.end) for m in group.mentions],
        admin1=res.gazetteer.admin1_name(entry),
    )


def bare_fact(entry: GazetteerEntry) -> PlaceFact:
    """The gazetteer entry as a fact with no mentions, parents or aliases."""
    return PlaceFact(
        key=entry.key,
        name=entry.name,
        kind=entry.kind,  # type: ignore[arg-type]
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
        geonames_id=entry.geonames_id,
    )


def _area_fact(article: Document, group: PlaceGroup, res: Resources) -> PlaceFact:
    direction, code = group.area or ("", "")
    country = res.gazetteer.get(f"cc:{code}")
    country_name = country.name if country is not None else code
    centre = _CENTRES.get(code)
    if centre is None and country is not None and country.lat is not None:
        centre = (country.lat, country.lon or 0.0, 1.0, 1.5)
    lat = lon = None
    if centre is not None:
        shift = _SHIFT.get(direction, (0.0, 0.0))
        lat, lon = centre[0] + shift[0] * centre[2], centre[1] + shift[1] * centre[3]
    seen = [article.text[s:e] for s, e in group.area_spans]
    return PlaceFact(
        key=group.key,
        name=f"{direction} {country_name}",
        kind="region",
        country=code,
        lat=lat,
        lon=lon,
        aliases=sorted(set(seen)),
        parents=[bare_fact(country)] if country is not None else [],
        mentions=[article.span(s, e) for s, e in group.area_spans],
    )
