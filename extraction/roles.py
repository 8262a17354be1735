"""Titles held by persons, and the country or organization each title is held for.

Constructions read (with the title from the knowledge base's variants):
  before the name   "Russian Defense Minister Sergei Shoigu", "Turkey's foreign minister, X",
                    "UN envoy X", "the head of the SDF media office, X", "Presidents X and Y"
  after the name    "X, Turkey's intelligence chief", "X, commander of the SDF",
                    "X is also the US special envoy for ..."
  the country       a demonym or "Country's" before the title, "of Country" after the name, the
                    organization the title is held for, a list's subject ("Turkey sent A, B and
                    C"), or the country of the previous title in the same list.
  rank words        "deputy", "vice", "assistant", "acting", "former", "ex-", "interim", "first
                    deputy" stay in the title: "Deputy Foreign Minister" and "Former President"
                    are other offices than "Foreign Minister" and "President".
  which name        a title inside a name span ("Crown Prince X") is that name's; a title before
                    a name binds only to the name right after it; "X, the T, and President Y" is
                    a list, so T is not X's.
  the post          "Iranian ambassador to Damascus" is Iran's "Ambassador to Damascus"; a post
                    ("to Damascus", "envoy for Syria") never gives the country.
A title given once sticks to the actor, so later surname-only mentions need nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extraction.actors import ActorGroup
from extraction.document import Document
from extraction.mentions import NameMention
from extraction.resources import Resources
from extraction.types import RoleFact

MAX_QUALIFIERS = 3
# Lowercase words that may qualify a title ("special operations commander", "media office head").
_STOP_BEFORE = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "our",
        "and",
        "or",
        "of",
        "with",
        "by",
        "to",
        "for",
        "in",
        "on",
        "at",
        "as",
        "from",
        "said",
        "says",
        "told",
        "also",
        "was",
        "is",
        "are",
        "were",
        "be",
        "been",
        "new",
        "former",
        "then",
        "current",
        "acting",
        "top",
        "senior",
        "who",
        "which",
        "that",
        "while",
        "after",
        "before",
        "when",
        "where",
        "what",
        "this",
        "these",
        "those",
        "some",
        "any",
        "two",
        "three",
        "four",
        "both",
        "other",
        "another",
        "de",
        "facto",
        "deputy",
    ]
)
# Lowercase words that name what a title is held for ("coalition special operations commander",
# "Kremlin foreign affairs aide", "rebel spokesman"); any other lowercase word ends the title.
_QUALIFYING_WORDS = frozenset(
    [
        "coalition",
        "special",
        "operations",
        "operation",
        "media",
        "office",
        "press",
        "military",
        "security",
        "army",
        "police",
        "intelligence",
        "presidential",
        "foreign",
        "affairs",
        "rebel",
        "rebels",
        "opposition",
        "regime",
        "government",
        "militia",
        "air",
        "force",
        "forces",
        "navy",
        "naval",
        "defense",
        "defence",
        "party",
        "committee",
        "council",
        "field",
        "joint",
        "regional",
        "provincial",
        "local",
        "state",
        "national",
        "political",
        "religious",
        "tribal",
        "police",
        "border",
        "central",
        "media",
        "information",
        "communications",
        "public",
        "relations",
        "human",
        "rights",
        "humanitarian",
        "aid",
        "relief",
        "health",
        "opposition's",
        "regime's",
        "military's",
    ]
)
_SIDE_WORDS = frozenset({"rebel", "rebels", "opposition", "regime", "insurgent", "government"})
_GAP_BEFORE_NAME = re.compile(r"\s*,?\s*")
_GAP_AFTER_NAME = re.compile(
    r"\s*,\s*(?:(?:the|a|an|its|their|his|her)\s+)?"
    r"(?:(?:newly|recently|just)\s+)?(?:(?:elected|appointed|named|designated)\s+)?"
    r"|\s+(?:is|was|,)\s+(?:(?:also|now|still|currently)\s+)?(?:the|a|an)\s+"
)
_SOFT_BEFORE_TITLE = re.compile(r"(?:(?:de facto|then|current|new|top|senior)\s+)+$", re.IGNORECASE)
# Rank words make another office and stay in the title: "Deputy Foreign Minister", "former
# President", "Interim President", "ex-president", "First Deputy Prime Minister".
_RANK_BEFORE_TITLE = re.compile(
    r"(?:(?<![\w-])(?:(?:first\s+)?(?:deputy|vice)|assistant|acting|former|interim)(?:\s+|-)"
    r"|(?<![\w-])ex-\s*)+$",
    re.IGNORECASE,
)
_RANK_DISPLAY = {"ex": "Former"}
_RANK_WORDS = frozenset(
    {"deputy", "vice", "assistant", "acting", "former", "ex", "interim", "first", "co", "under"}
)
# A hyphen hides a title from the title pattern: "ex-president", "vice-chairman".
_HYPHEN_RANK = re.compile(r"(?<![\w-])(?:ex|vice|deputy)-", re.IGNORECASE)
# Titles held for the country that sends them: "Iranian ambassador to Damascus" is Iran's.
_SENT_TITLES = frozenset({"Ambassador", "Envoy", "Special Envoy", "Deputy Special Envoy"})
# "X, the T, and President Y": a list of three, not X's title.
_LIST_AFTER_TITLE = re.compile(r"\s*,?\s*(?:and|or)\s+(?:the\s+)?")
_PLACE_AFTER_COMPLEMENT = re.compile(
    r"\s+(?:in|of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
)
_DATE_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# Offices of a state: an armed group named before one is not what it is held for.
_STATE_OFFICES = frozenset(
    {
        "President",
        "Vice President",
        "Prime Minister",
        "Deputy Prime Minister",
        "King",
        "Crown Prince",
        "Foreign Minister",
        "Deputy Foreign Minister",
        "Defense Minister",
        "Deputy Defense Minister",
        "Interior Minister",
        "Secretary of State",
        "Secretary of Defense",
        "National Security Adviser",
        "Senator",
        "Member of Parliament",
        "Ambassador",
    }
)
_US_OFFICES = {"Secretary of State": "Foreign Minister", "Secretary of Defense": "Defense Minister"}
_ACRONYM_DOTS = re.compile(r"\b(?:[A-Z]\.){2,}")

_COMPLEMENT = re.compile(
    r"\s+(of|for|to|at)\s+(?:the\s+)?([^,.;:()\"“”\n]{2,70}?)(?=\s*(?:[,.;:()\"“”\n]|$|\s(?:said|says|told|who|and|in|on)\b))"
)
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")
_COUNTERPART = re.compile(r"([A-Z][\w.'’]*)\s+counterparts?\s*,?\s*$")
_LIST_SUBJECT = re.compile(
    r"([A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)?)\s+(?:sent|dispatched|was represented by|"
    r"(?:delegation\s+)?(?:also\s+)?(?:included|includes|comprised|was led by))\s+$"
)
_CAPITALIZED_COMPLEMENT = re.compile(
    r"\s+(?:of|for|to)\s+(?:the\s+)?[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|[A-Z][\w'’-]*)\s+){0,4}"
)
_COMPLEMENT_WORDS = re.compile(r"^\s*(?:of|for|to|at)\s+(?:the\s+)?")
_COUNTERPARTS = re.compile(
    r"\b(?:his|her|their)\s+([A-Z][\w.]*)(?:\s+and\s+([A-Z][\w.]*))?\s+counterparts?\s*,?\s*"
)
_DEFINITE = re.compile(r"\bthe\s+([A-Z][\w.]*)\s+$")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")
_WORD_BACK = re.compile(r"([\w.'’\-]+)\s*$")


@dataclass
class TitleUse:
    start: int
    end: int
    canonical: str
    written: str
    qualifier: str  # "UNESCO", "coalition special operations", "Kurdistan Region"
    prefix_start: int  # where the qualifiers and demonym before the title begin
    country: str | None
    complement: str  # "the SDF media office" in "head of the SDF media office"
    complement_end: int
    plural: bool = False  # "Presidents X and Y"
    rank: str = ""  # "Deputy", "Former", "First Deputy": another office than the bare title
    preposition: str = ""  # "of", "for", "to" or "at" before the complement
    outer_rank: str = ""  # "Former" in "former US president": before the qualifier


def assign_roles(
    article: Document,
    mentions: list[NameMention],
    groups: list[ActorGroup],
    res: Resources,
    home: str | None = None,
) -> dict[int, list[RoleFact]]:
    """Roles per actor group index. `home` is the country the story is about: a 'rebel
    spokesman' or 'opposition negotiator' with no other country named is held for it."""
    text = article.text
    persons = [m for m in mentions if m.kind == "person" and m.group >= 0]
    places = [m for m in mentions if m.kind == "place"]
    orgs = [m for m in mentions if m.is_actor and m.kind != "person" and m.group >= 0]
    roles: dict[int, list[RoleFact]] = {}
    previous: tuple[TitleUse, NameMention] | None = None
    for match in _title_matches(article, res):
        use = _title_use(article, res, match, places, orgs, groups)
        if use is None:
            continue
        holders = _holders(text, use, persons, res)
        if not holders:
            continue
        if use.end < holders[0].start < use.complement_end:
            # "Under Secretary of Defense for Policy John Rood": the complement ends at the name.
            use.complement = _COMPLEMENT_WORDS.sub("", text[use.end : holders[0].start]).strip()
        country = use.country or _of_country(text, holders[-1], res)
        if country is None and _SIDE_WORDS.intersection(_side_words(use)):
            country = home
        if country is None and previous is not None:
            country = _list_country(text, previous, use)
        if country is None:
            country = _list_subject(text, article, use, res)
        use.country = country
        for person in holders:
            role = RoleFact(
                title=_display(use),
                country=country,
                organization=use.qualifier or use.complement or None,
                spans=[article.span(use.start, use.end)],
            )
            roles.setdefault(person.group, []).append(role)
        previous = (use, holders[-1])
    _counterparts(article, persons, roles, res)
    _definite_descriptions(article, persons, places, orgs, groups, roles, res)
    return {g: _dedupe(rs) for g, rs in roles.items()}


def _title_matches(article: Document, res: Resources) -> list[re.Match[str]]:
    """The titles found in the text, and those a hyphenated rank hides ("ex-president")."""
    text = article.text
    found = []
    for rank in _HYPHEN_RANK.finditer(text):
        # The title pattern refuses a title after a hyphen; read it with a space there instead.
        spaced = f"{text[: rank.end() - 1]} {text[rank.end() :]}"
        title = res.title_re.match(spaced, rank.end())
        if title is not None:
            found.append(title)
    return sorted([*article.titles, *found], key=lambda m: m.start())


def _side_words(use: TitleUse) -> list[str]:
    """'rebel spokesman', 'spokesman for the rebels' southern operations' -> the side words."""
    words = use.qualifier.lower().split()
    if use.preposition in ("of", "for"):
        words += [w.rstrip("'’") for w in use.complement.lower().split()[:2]]
    return words


def _counterparts(
    article: Document, persons: list[NameMention], roles: dict[int, list[RoleFact]], res: Resources
) -> None:
    """'Russian President Putin ... his Syrian counterpart Bashar al-Assad': the same title, held
    for the counterpart's country; 'his Iranian and Turkish counterparts, A and B' respectively."""
    text = article.text
    for m in _COUNTERPARTS.finditer(text):
        s_start = article.sentence_bounds(m.start())[0]
        titled = [
            (r, p)
            for p in persons
            if s_start <= p.start < m.start()
            for r in roles.get(p.group, [])
            if any(sp.start >= s_start for sp in r.spans)
        ]
        if not titled:
            continue
        title = titled[-1][0].title
        codes = [res.country_code(w) for w in m.groups() if w]
        first = next((p for p in persons if p.start >= m.end()), None)
        if first is None or first.start != m.end():
            continue
        holders = [first]
        if len(codes) == 2:
            second = _next_person_after_and(text, first, persons)
            if second is None:
                continue
            holders.append(second)
        for person, code in zip(holders, codes, strict=False):
            span = article.span(m.start(), m.end())
            office = _counterpart_office(title, code)
            roles.setdefault(person.group, []).append(RoleFact(office, code, None, [span]))


def _counterpart_office(title: str, country: str | None) -> str:
    """A US Secretary of State's Russian counterpart is a Foreign Minister, and back."""
    for us_office, office in _US_OFFICES.items():
        if title.endswith(us_office) and country != "US":
            return office
        if title.endswith(office) and country == "US" and not title.startswith("Deputy"):
            return us_office
    return title


def _definite_descriptions(
    article: Document,
    persons: list[NameMention],
    places: list[NameMention],
    orgs: list[NameMention],
    groups: list[ActorGroup],
    roles: dict[int, list[RoleFact]],
    res: Resources,
) -> None:
    """'the Turkish Foreign Minister said' with no name: the one Turkish person of the article."""
    text = article.text
    by_country: dict[str, set[int]] = {}
    for p in persons:
        code = _group_country(groups[p.group]) or _role_country(roles.get(p.group, []))
        if code:
            by_country.setdefault(code, set()).add(p.group)
    for match in article.titles:
        before = _DEFINITE.search(text, max(0, match.start() - 30), match.start())
        if before is None or _next_person(text, match.end(), persons, res) is not None:
            continue
        code = res.country_code(before.group(1))
        holders = by_country.get(code or "", set())
        if len(holders) != 1:
            continue
        use = _title_use(article, res, match, places, orgs, groups)
        group = next(iter(holders))
        held = {r.title.lower() for r in roles.get(group, [])}
        if use is None or held and _display(use).lower() not in held:
            # "the Russian foreign minister said" is not the Russian spokesman named earlier.
            continue
        span = article.span(before.start(), match.end())
        roles.setdefault(group, []).append(
            RoleFact(_display(use), code, use.qualifier or None, [span])
        )


def _role_country(roles: list[RoleFact]) -> str | None:
    return next((r.country for r in roles if r.country), None)


def person_country(roles: list[RoleFact]) -> str | None:
    counts = Counter(r.country for r in roles if r.country)
    return counts.most_common(1)[0][0] if counts else None


def _display(use: TitleUse) -> str:
    """The canonical title, unless the words written say more ('presidential spokesman') or
    differently ('chief' for Head); the qualifier goes first ('UNESCO chief')."""
    written, canonical = use.written.split(), use.canonical.split()
    more = len(written) > len(canonical) and written[-1].lower() == canonical[-1].lower()
    other = written[-1].lower() != canonical[-1].lower() and sorted(
        re.split(r"[\s-]+", use.written.lower())
    ) != sorted(re.split(r"[\s-]+", use.canonical.lower()))  # "general secretary" is the same
    title = use.written if more or other else use.canonical
    if use.rank and not title.lower().startswith(use.rank.lower()):
        title = f"{use.rank} {title}"
    if use.preposition == "to" and use.canonical in _SENT_TITLES and use.complement[:1].isupper():
        title = f"{title} to {use.complement}"  # "Ambassador to Damascus": where the post is
    title = f"{use.qualifier} {title}" if use.qualifier else title
    if use.outer_rank:
        title = f"{use.outer_rank} {title}"
    return _ACRONYM_DOTS.sub(lambda m: m.group(0).replace(".", ""), title)


def _title_use(
    article: Document,
    res: Resources,
    match: re.Match[str],
    places: list[NameMention],
    orgs: list[NameMention],
    groups: list[ActorGroup],
) -> TitleUse | None:
    text = article.text
    written = " ".join(match.group(0).split())
    title = res.title(written)
    if title is None:
        return None
    canonical = title.title
    plural = written.lower().endswith("s") and not canonical.lower().endswith("s")
    if plural:
        written = written[:-1]
    sentence_start = article.sentence_bounds(match.start())[0]
    qualifier_words: list[str] = []
    country: str | None = None
    cursor = match.start()
    rank_words: list[str] = []
    while True:
        soft = _SOFT_BEFORE_TITLE.search(text, sentence_start, cursor)
        rank = _RANK_BEFORE_TITLE.search(text, sentence_start, cursor)
        if rank:
            rank_words = re.findall(r"[a-z]+", rank.group(0).lower()) + rank_words
            cursor = rank.start()
        elif soft:
            cursor = soft.start()
        else:
            break
    title_start = cursor
    while cursor > sentence_start:
        word = _WORD_BACK.search(text, sentence_start, cursor)
        if word is None or word.end() != cursor and text[word.end() : cursor].strip():
            break
        token = word.group(1)
        if not token or token.lower() in _STOP_BEFORE or any(ch.isdigit() for ch in token):
            break
        if _stops_qualifiers(token, word.start(1), canonical, orgs, res):
            break
        place = next((p for p in places if p.start <= word.start(1) < p.end), None)
        code = res.country_code(token) or _stripped_possessive(token, res)
        if place is not None and place.entry is not None and place.entry.kind == "country":
            country = place.entry.country
            cursor = place.start
            break
        if code is not None and place is None:
            country = code
            cursor = word.start(1)
            break
        if place is not None:
            qualifier_words.insert(0, text[place.start : place.end])
            country = country or (place.entry.country if place.entry else None)
            cursor = place.start
            continue
        if len(qualifier_words) >= MAX_QUALIFIERS or token.endswith(("'s", "’s")):
            break
        if not token[0].isupper() and token.lower() not in _QUALIFYING_WORDS:
            break
        starts_sentence = not text[sentence_start : word.start(1)].strip(" \"'“‘(")
        named = any(o.start <= word.start(1) < o.end for o in orgs)
        if (
            starts_sentence
            and not (token.isupper() or named)
            and token.lower() not in _QUALIFYING_WORDS
        ):
            # A capital that only starts the sentence ("Despite President X") qualifies nothing;
            # "Rebel spokesman X" still says whose spokesman he is.
            break
        qualifier_words.insert(
            0, token.replace(".", "") if token.isupper() or "." in token else token
        )
        cursor = word.start(1)
    if qualifier_words and country is None and text[cursor - 1 : cursor] == "/":
        # "REUTERS/Jason Reed Secretary of State X": a photo credit, not a qualifier.
        qualifier_words, cursor = [], title_start
    outer_rank = _RANK_BEFORE_TITLE.search(text, sentence_start, cursor)
    if outer_rank:  # "former US president", "Former FSA deputy chief of staff"
        cursor = outer_rank.start()
    qualifier = " ".join(qualifier_words)
    org = next(
        (o for o in orgs if match.start() > o.start >= cursor and o.end <= match.start()), None
    )
    if org is not None and country is None:
        country = _group_country(groups[org.group])
    complement, complement_end, preposition = "", match.end(), ""
    comp = _COMPLEMENT.match(text, match.end())
    if comp:
        preposition = comp.group(1).lower()
        complement, complement_end = comp.group(2).strip(), comp.end()
        sent = preposition == "to" or (preposition == "for" and canonical in _SENT_TITLES)
        if not sent:
            # "ambassador to Damascus" is not Syria's ambassador, nor "envoy for Syria" Syria's.
            country = country or _complement_country(
                text, comp.start(2), comp.end(2), orgs, places, groups, res
            )
    if country is None:
        counterpart = _COUNTERPART.search(text, sentence_start, cursor)
        if counterpart:
            country = res.country_code(counterpart.group(1))
    return TitleUse(
        match.start(),
        match.end(),
        canonical,
        written,
        qualifier,
        cursor,
        country,
        complement,
        complement_end,
        plural,
        _rank_display(rank_words),
        preposition,
        _rank_display(re.findall(r"[a-z]+", outer_rank.group(0).lower()) if outer_rank else []),
    )


def _rank_display(words: list[str]) -> str:
    return " ".join(_RANK_DISPLAY.get(w, w.capitalize()) for w in words)


def _stops_qualifiers(
    token: str,
    start: int,
    canonical: str,
    orgs: list[NameMention],
    res: Resources,
) -> bool:
    """Words before a title that are not what it is held for, mostly where punctuation was lost:
    "on Tuesday President X", "told AFP Observatory director X", "to defeat Daesh Secretary of
    State X" (a photo credit, "REUTERS/Jason Reed Secretary of State X", is dropped after)."""
    if token.lower().rstrip(".") in _DATE_WORDS or res.knowledge.is_agency(token):
        return True
    org = next((o for o in orgs if o.start <= start < o.end), None)
    return org is not None and org.kind == "armed_group" and canonical in _STATE_OFFICES


def _stripped_possessive(token: str, res: Resources) -> str | None:
    """'Jordans King' where the apostrophe was lost: the country before the title."""
    if len(token) > 4 and token.endswith("s") and token[0].isupper():
        entry = res.gazetteer.country(token[:-1])
        return entry.country if entry is not None else None
    return None


def _group_country(group: ActorGroup) -> str | None:
    return group.known.country if group.known is not None else None


def _complement_country(
    text: str,
    start: int,
    end: int,
    orgs: list[NameMention],
    places: list[NameMention],
    groups: list[ActorGroup],
    res: Resources,
) -> str | None:
    for o in orgs:
        if start <= o.start < end:
            code = _group_country(groups[o.group])
            if code:
                return code
    for p in places:
        if start <= p.start < end and p.entry is not None and p.entry.country:
            return p.entry.country
    for word in text[start:end].split():
        code = res.country_code(word.strip(",.()"))
        if code:
            return code
    return None


def _holders(
    text: str, use: TitleUse, persons: list[NameMention], res: Resources
) -> list[NameMention]:
    """The person(s) the title belongs to: the name it is written in ("Crown Prince X" taken as
    one name), right after it, else right before it unless it starts a list."""
    within = next((p for p in persons if p.start <= use.start and use.end <= p.end), None)
    if within is not None:
        return [within]
    after = _next_person(text, use.end, persons, res)
    if after is None and use.complement:
        after = _next_person(text, use.complement_end, persons, res, comma_required=True)
    if after is None and use.complement:
        # "Commander of the Russian forces in Syria, Major General X"
        place = _PLACE_AFTER_COMPLEMENT.match(text, use.complement_end)
        if place is not None:
            after = _next_person(text, place.end(), persons, res, comma_required=True)
    if after is None and use.complement:
        inside = next((p for p in persons if use.end < p.start < use.complement_end), None)
        if inside is not None and _CAPITALIZED_COMPLEMENT.fullmatch(text, use.end, inside.start):
            after = inside
    if after is not None:
        holders = [after]
        if use.plural:
            second = _next_person_after_and(text, after, persons)
            if second is not None:
                holders.append(second)
        return holders
    before = next((p for p in reversed(persons) if p.end <= use.prefix_start), None)
    if before is not None:
        gap = text[before.end : use.prefix_start]
        if _GAP_AFTER_NAME.fullmatch(gap) and not _starts_list(text, use, persons, res):
            return [before]
    return []


def _starts_list(text: str, use: TitleUse, persons: list[NameMention], res: Resources) -> bool:
    """'Trump, the Crown Prince, and President Erdogan': three people, the title is nobody's
    before it."""
    link = _LIST_AFTER_TITLE.match(text, use.complement_end)
    if link is None:
        return False
    position = link.end()
    title = res.title_re.match(text, position)
    if title is not None:
        position = title.end()
    return _next_person(text, position, persons, res) is not None


def _next_person(
    text: str,
    position: int,
    persons: list[NameMention],
    res: Resources,
    *,
    comma_required: bool = False,
) -> NameMention | None:
    person = next((p for p in persons if p.start >= position), None)
    if person is None:
        return None
    gap = text[position : person.start]
    ranks = res.rank_re.search(gap)
    if ranks and ranks.end() >= len(gap.rstrip()) and gap.rstrip():
        gap = gap[: ranks.start()]
    if comma_required and "," not in gap:
        return None
    return person if _GAP_BEFORE_NAME.fullmatch(gap) else None


def _next_person_after_and(
    text: str, first: NameMention, persons: list[NameMention]
) -> NameMention | None:
    second = next((p for p in persons if p.start >= first.end), None)
    if second is None:
        return None
    return second if re.fullmatch(r"\s*(?:,\s*)?and\s+", text[first.end : second.start]) else None


def _of_country(text: str, person: NameMention, res: Resources) -> str | None:
    m = _OF_COUNTRY.match(text, person.end)
    return res.country_code(m.group(1)) if m else None


def _list_country(text: str, previous: tuple[TitleUse, NameMention], use: TitleUse) -> str | None:
    """'Russian Foreign Minister A, Defence Minister B': B's title is held for A's country."""
    prev_use, prev_person = previous
    if prev_person.end > use.prefix_start or use.prefix_start - prev_person.end > 8:
        return None
    if _LIST_GAP.fullmatch(text[prev_person.end : use.prefix_start]) or _LIST_GAP.search(
        text[prev_person.end : use.prefix_start]
    ):
        return prev_use.country
    return None


def _list_subject(text: str, article: Document, use: TitleUse, res: Resources) -> str | None:
    sentence_start = article.sentence_bounds(use.start)[0]
    m = _LIST_SUBJECT.search(text, sentence_start, use.prefix_start)
    return res.country_code(m.group(1)) if m else None


def _dedupe(roles: list[RoleFact]) -> list[RoleFact]:
    """One role per title and country. A title written without its country joins the same title
    with one; a bare title joins the fuller one it ends ("President" in "Kurdistan Region
    President"), unless a rank word makes the fuller one another office ("Deputy Commander")."""
    merged: dict[tuple[str, str | None], RoleFact] = {}
    for r in roles:
        key = (r.title.lower(), r.country)
        if key in merged:
            merged[key].spans.extend(r.spans)
        else:
            merged[key] = r
    for (title, country), role in list(merged.items()):
        fuller = [
            other
            for (t, c), other in merged.items()
            if other is not role
            and (c == country or country is None)
            and (t == title and country is None or _fuller_title(t, title))
        ]
        if len({(o.title.lower(), o.country) for o in fuller}) == 1:
            fuller[0].spans.extend(role.spans)
            del merged[(title, country)]
    return list(merged.values())


def _fuller_title(longer: str, shorter: str) -> bool:
    extra = longer[: -len(shorter)]
    if longer == shorter or not longer.endswith(" " + shorter):
        return False
    return not _RANK_WORDS.intersection(re.findall(r"[a-z]+", extra))
