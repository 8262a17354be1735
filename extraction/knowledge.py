"""Curated knowledge of the Syrian conflict: known actors, news agencies, titles, demonyms, stopwords.

The facts live as JSON under ``extraction/data/``; this module validates and indexes them.
It imports no Django and reads the files once per process (``get_knowledge()`` is cached).

Data files and their schemas
----------------------------
``organizations.json``  list of ``{"name", "kind", "aliases", "country"}``; ``kind`` is
    ``"organization"`` or ``"armed_group"``, ``country`` the ISO alpha-2 code of the side the
    organization belongs to (Hezbollah ``"LB"``) or ``null`` for international bodies (the UN).
``persons.json``        list of ``{"name", "aliases", "country"}``; kind is always ``"person"``;
    ``country`` is the side the person acts for (``null`` for UN officials).
``agencies.json``       list of ``{"name", "aliases", "country"}``: news agencies and outlets that
    appear as credits ("REUTERS", "AFP") and are no actors of the story when they do.
``titles.json``         ``{"titles": [{"title", "variants"}], "ranks": [...], "honorifics": [...]}``;
    ``title`` is the canonical display form ("Defense Minister"), ``variants`` the lowercase surface
    forms ("defence minister", "minister of defense"). Ranks (General, Lt. Gen.) and honorifics
    (Sheikh, Dr.) are not offices but may stand before a name.
``demonyms.json``       ``{"countries": {"Russian": "RU", ...}, "not_countries": ["Kurdish", ...]}``;
    ``not_countries`` are ethnic and sectarian words that must never become a country.
``stopwords.json``      ``{"stopwords": [...], "furniture": [...], "place_words": [...]}``:
    ``stopwords`` are words a tagger takes for names that never name an actor ("File Photo",
    "Regime", "Monday", "Takfiri"); a name with a ``furniture`` word in it is a web page's menu or
    tag list ("Youtube Subscribe", "Tags Aleppo") or a title-case headline's words with its verb
    ("Army Kills Five", "Terrorist Groups Join"); a name opening with a ``place_words`` word is a
    place ("Deir Hafer", "Kafr Nubl", "Dahiyet al-Assad"), never a person.
``collectives.json``    ``{"nouns": {"forces": "armed_group", "government": "organization", ...}}``:
    lowercase nouns that, after a demonym or an ethnic word, name a collective actor ("Syrian
    government forces", "Kurdish fighters"); alone they are stopwords.

Matching rules
--------------
* An alias written without lowercase letters ("IS", "YPG", "U.N.") is an acronym and matches only
  exactly as written, so "is" is never the Islamic State.
* Every other name matches case-, accent- and punctuation-insensitively through ``name_key``, also
  without a leading "the" or a trailing possessive "'s"; for Arabic names the article may be dropped
  ("Bashar Assad" finds "Bashar al-Assad") unless that would make two actors collide.
* Failing those, a name matches through ``match_key``, which folds transliterations ("Jeish
  al-Fath" is Jaish al-Fatah, "Syrian Coalitions" the Syrian National Coalition), when that key
  belongs to one actor only; and a typo within one edit of one actor's key (or acronym) of at least
  six letters (five for an acronym) finds it: "Hezballah", "Daesht", "ISISL". Stopwords never do.
* No alias may be claimed by two actors; a malformed file raises ``ValueError`` naming the file and
  the entry.
* An organization may list ``predecessors``: ``[{"name", "year", "how"}]`` with ``how`` either
  ``"renamed"`` (Jabhat al-Nusra became Jabhat Fateh al-Sham in 2016) or ``"merged"`` (Hayat Tahrir
  al-Sham was formed from it in 2017). Such groups are linked, never one actor.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract as fuzzy_extract

from extraction.normalize import bare_key, match_key, name_key
from extraction.types import Predecessor

DATA_DIR = Path(__file__).resolve().parent / "data"

ACTOR_KINDS = ("person", "organization", "armed_group")
_ISO2 = re.compile(r"[A-Z]{2}")
_ARABIC_ARTICLE = re.compile(r"\b(?:al|el)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NOT_ACRONYM = re.compile(r"[.\s]+")


# A typo finds a known name only in names at least this long (letters of the key).
TYPO_MIN_LENGTH = 6
TYPO_MIN_ACRONYM = 5
# A one-word name this short (letters of its folded key) matches a known actor through folding
# only when it is also within one letter of one of that actor's names as written.
SHORT_FOLD_LENGTH = 5
PREDECESSOR_HOWS = ("renamed", "merged")


@dataclass(frozen=True)
class KnownActor:
    name: str
    kind: str  # "person" | "organization" | "armed_group"
    aliases: tuple[str, ...]
    country: str | None
    predecessors: tuple[Predecessor, ...] = ()


@dataclass(frozen=True)
class Title:
    title: str  # canonical display form: "Defense Minister"
    variants: tuple[str, ...]  # lowercase surface forms, longest first


def is_acronym(alias: str) -> bool:
    """'YPG', 'IS', 'U.N.' are acronyms; 'Daesh' and 'dpa' are not."""
    return any(ch.isalpha() for ch in alias) and alias == alias.upper()


def acronym_key(text: str) -> str:
    """'U.N.' -> 'UN', "the YPG's" -> 'YPG': case kept, dots, spaces and a possessive dropped."""
    text = _POSSESSIVE.sub("", text.strip())
    if text[:4].lower() == "the ":
        text = text[4:]
    return _NOT_ACRONYM.sub("", text)


def lookup_key(text: str) -> str:
    """The case-insensitive key of a name as written, without a leading 'the' or a possessive."""
    key = name_key(_POSSESSIVE.sub("", text.strip()))
    return key[4:] if key.startswith("the ") else key


class Knowledge:
    def __init__(
        self,
        *,
        actors: Iterable[KnownActor],
        agencies: Iterable[KnownActor],
        titles: Iterable[Title],
        ranks: Iterable[str],
        honorifics: Iterable[str],
        demonyms: dict[str, str],
        not_countries: Iterable[str],
        stopwords: Iterable[str],
        collectives: dict[str, str] | None = None,
        furniture: Iterable[str] = (),
        place_words: Iterable[str] = (),
    ) -> None:
        self.actors: tuple[KnownActor, ...] = tuple(actors)
        self.agencies: tuple[KnownActor, ...] = tuple(agencies)
        self._actor_exact, self._actor_keys = _index_names(
            self.actors, "organizations.json/persons.json"
        )
        self._agency_exact, self._agency_keys = _index_names(
            self.agencies, "agencies.json", drop_article=False
        )

        self.titles: tuple[Title, ...] = tuple(
            sorted(titles, key=lambda t: (-len(t.variants[0]), t.title))
        )
        self._title_keys: dict[str, Title] = {}
        for title in self.titles:
            for variant in title.variants:
                other = self._title_keys.setdefault(lookup_key(variant), title)
                if other != title:
                    raise ValueError(
                        f"titles.json: variant {variant!r} belongs to both {other.title!r} "
                        f"and {title.title!r}"
                    )
        self.ranks: tuple[str, ...] = tuple(sorted(ranks, key=lambda r: (-len(r), r)))
        self.honorifics: tuple[str, ...] = tuple(sorted(honorifics, key=lambda h: (-len(h), h)))
        self._rank_keys = {lookup_key(r) for r in (*self.ranks, *self.honorifics)}

        self._demonym_exact: dict[str, str] = {}
        self._demonym_keys: dict[str, str] = {}
        for word, country in demonyms.items():
            if is_acronym(word):
                self._demonym_exact[acronym_key(word)] = country
            else:
                self._demonym_keys[name_key(word)] = country
        self._not_country_keys = {name_key(w) for w in not_countries}
        self._collective_kinds = {name_key(n): k for n, k in (collectives or {}).items()}
        self._stopword_keys = {lookup_key(w) for w in stopwords} | set(self._collective_kinds)
        self._furniture_keys = {name_key(w) for w in furniture}
        self._place_word_keys = {name_key(w) for w in place_words}

    def actor(self, text: str) -> KnownActor | None:
        """The known organization, armed group or person named by ``text``, if any: as written,
        as a transliteration of a known name, or as a one-letter typo of one."""
        found = self._actor_exact.get(acronym_key(text)) or self._actor_keys.get(lookup_key(text))
        if found is not None or not text.strip():
            return found
        if is_acronym(text):
            return self._typo(acronym_key(text), self._typo_acronyms, self._actor_exact)
        if lookup_key(text) in self._stopword_keys:
            return None
        key, folded = match_key(text), self._actor_folded
        found = folded.get(key)
        if found is not None and " " not in key and len(key) <= SHORT_FOLD_LENGTH:
            # A short word folds onto others too easily ("Bari", a village, onto "Berri"): it
            # is that actor only one letter away from how the actor is written.
            written = bare_key(text)
            spellings = (bare_key(alias) for alias in (found.name, *found.aliases))
            if all(Levenshtein.distance(written, known) > 1 for known in spellings):
                return None
        return found or self._typo(key, self._typo_keys, folded)

    @functools.cached_property
    def _actor_folded(self) -> dict[str, KnownActor]:
        """``match_key`` -> actor, for the folded keys that only one actor has (built on first
        use: most names are found before folding)."""
        folded: dict[str, KnownActor | None] = {}
        for entry in self.actors:
            for alias in (entry.name, *entry.aliases):
                key = "" if is_acronym(alias) else match_key(alias)
                if key:
                    previous = folded.get(key, entry)
                    folded[key] = entry if previous == entry else None
        return {k: v for k, v in folded.items() if v is not None}

    @functools.cached_property
    def _typo_keys(self) -> list[str]:
        return [k for k in self._actor_folded if len(k.replace(" ", "")) >= TYPO_MIN_LENGTH - 1]

    @functools.cached_property
    def _typo_acronyms(self) -> list[str]:
        return [k for k in self._actor_exact if len(k) >= TYPO_MIN_ACRONYM - 1]

    @staticmethod
    def _typo(key: str, keys: list[str], table: dict[str, KnownActor | None]) -> KnownActor | None:
        """The one actor whose key is one edit away from ``key`` (same first letter), if any."""
        letters = len(key.replace(" ", ""))
        if letters < (TYPO_MIN_ACRONYM if key.isupper() else TYPO_MIN_LENGTH):
            # A shorter name only with one stray consonant glued on its end ("Daesht"); a vowel
            # makes another word ("Assadi", a loyalist).
            if letters < TYPO_MIN_LENGTH - 1 or key[-1] in "aeiouy" or not key[-2:-1].isalpha():
                return None
            found_short = table.get(key[:-1])
            return None if _is_other_persons_name(key, found_short) else found_short
        near = fuzzy_extract(key, keys, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
        found = {table[k] for k, _, _ in near if k[:1] == key[:1] and table.get(k) is not None}
        actor = found.pop() if len(found) == 1 else None
        return None if _is_other_persons_name(key, actor) else actor

    def successors(self, name: str) -> list[KnownActor]:
        """The known actors that list ``name`` among their predecessors."""
        return [a for a in self.actors if any(p.name == name for p in a.predecessors)]

    def agency(self, text: str) -> KnownActor | None:
        """The news agency or outlet named by ``text`` ("REUTERS", "Agence France-Presse")."""
        return self._agency_exact.get(acronym_key(text)) or self._agency_keys.get(lookup_key(text))

    def is_agency(self, text: str) -> bool:
        return self.agency(text) is not None

    def demonym_country(self, word: str) -> str | None:
        """'Russian' -> 'RU', 'U.S.' -> 'US'; ethnic and sectarian words ('Kurdish') -> None."""
        return self._demonym_exact.get(acronym_key(word)) or self._demonym_keys.get(name_key(word))

    def is_not_country_adjective(self, word: str) -> bool:
        return name_key(word) in self._not_country_keys

    def title(self, text: str) -> Title | None:
        """'defence minister' and 'Minister of Defense' -> the Defense Minister title."""
        return self._title_keys.get(lookup_key(text))

    def collective_kind(self, noun: str) -> str | None:
        """'government forces' -> 'armed_group', 'administration' -> 'organization', else None."""
        return self._collective_kinds.get(lookup_key(noun))

    def is_rank(self, text: str) -> bool:
        """A military rank or an honorific that may stand before a name."""
        return lookup_key(text) in self._rank_keys

    def is_furniture(self, text: str) -> bool:
        """A web page's menu, button or tag list taken for a name: "Youtube Subscribe"."""
        return any(word in self._furniture_keys for word in name_key(text).split())

    def is_place_word(self, word: str) -> bool:
        """A word that opens place names ("Deir", "Kafr", "Tal", "Dahiyet"), never a given name."""
        return name_key(word) in self._place_word_keys

    def is_stopword(self, text: str) -> bool:
        """True for text that never names an actor on its own.

        That is the stopword list, plus any bare title, rank or honorific ("President",
        "Defence Minister", "Gen.") and any bare demonym or ethnic adjective ("Russian", "Kurdish").
        """
        key = lookup_key(text)
        return (
            key in self._stopword_keys
            or key in self._title_keys
            or key in self._rank_keys
            or key in self._not_country_keys
            or self.demonym_country(text) is not None
        )


def _index_names(
    entries: tuple[KnownActor, ...], what: str, *, drop_article: bool = True
) -> tuple[dict[str, KnownActor], dict[str, KnownActor]]:
    """Exact map for acronyms, key map for everything else.

    With ``drop_article``, each Arabic name is also found without its article ("Hafez Assad" for
    "Hafez al-Assad") unless that short form is another actor's or two actors share it.
    """
    exact: dict[str, KnownActor] = {}
    keys: dict[str, KnownActor] = {}
    for entry in entries:
        for alias in (entry.name, *entry.aliases):
            if is_acronym(alias):
                table, key = exact, acronym_key(alias)
            else:
                table, key = keys, lookup_key(alias)
            if not key:
                raise ValueError(f"{what}: {entry.name!r} has an empty alias {alias!r}")
            other = table.get(key)
            if other is not None and other != entry:
                raise ValueError(
                    f"{what}: alias {alias!r} is claimed by both {other.name!r} and {entry.name!r}"
                )
            table[key] = entry
    if not drop_article:
        return exact, keys
    derived: dict[str, KnownActor | None] = {}
    for key, entry in keys.items():
        short = _ARABIC_ARTICLE.sub("", key)
        if short != key and short not in keys:
            previous = derived.get(short, entry)
            derived[short] = entry if previous == entry else None
    keys.update({k: v for k, v in derived.items() if v is not None})
    return exact, keys


# Loading -----------------------------------------------------------------------------------------


def _read_json(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError as exc:
        raise ValueError(f"{path.name}: data file is missing ({path})") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name}: not valid JSON: {exc}") from exc


def _fail(path: Path, index: int | str, entry: object, problem: str) -> ValueError:
    return ValueError(f"{path.name}: entry {index} {entry!r}: {problem}")


def _text(path: Path, index: int | str, entry: object, value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise _fail(path, index, entry, f"{field!r} must be a non-empty trimmed string")
    return value


def _country(path: Path, index: int | str, entry: object, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO2.fullmatch(value):
        raise _fail(path, index, entry, f"country {value!r} is not an ISO alpha-2 code like 'SY'")
    return value


def _string_list(path: Path, index: int | str, entry: object, value: object, field: str):
    if not isinstance(value, list):
        raise _fail(path, index, entry, f"{field!r} must be a list of strings")
    items = tuple(_text(path, index, entry, item, field) for item in value)
    if len(set(items)) != len(items):
        raise _fail(path, index, entry, f"{field!r} lists a string twice")
    return items


def _list_of_objects(path: Path, data: object, fields: set[str], optional: set[str] = frozenset()):
    if not isinstance(data, list):
        raise ValueError(f"{path.name}: expected a JSON list of objects")
    for index, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise _fail(path, index, entry, "expected an object")
        missing = fields - entry.keys()
        unknown = entry.keys() - fields - optional
        if missing or unknown:
            raise _fail(
                path, index, entry, f"missing fields {sorted(missing)}, unknown {sorted(unknown)}"
            )
        yield index, entry


def _load_actors(path: Path, *, kind: str | None) -> list[KnownActor]:
    """Organizations (kind from the entry), persons (kind='person') or agencies."""
    fields = {"name", "aliases", "country"} | ({"kind"} if kind is None else set())
    optional = {"predecessors"} if kind is None else set()
    actors: list[KnownActor] = []
    names: set[str] = set()
    for index, entry in _list_of_objects(path, _read_json(path), fields, optional):
        name = _text(path, index, entry, entry["name"], "name")
        entry_kind = kind or entry["kind"]
        if entry_kind not in ACTOR_KINDS:
            raise _fail(path, index, entry, f"kind {entry_kind!r} is not one of {ACTOR_KINDS}")
        aliases = _string_list(path, index, entry, entry["aliases"], "aliases")
        if name in aliases:
            raise _fail(path, index, entry, "the name is repeated among the aliases")
        if name in names:
            raise _fail(path, index, entry, f"the name {name!r} appears twice")
        names.add(name)
        country = _country(path, index, entry, entry["country"])
        predecessors = _predecessors(path, index, entry, entry.get("predecessors", []))
        actors.append(
            KnownActor(
                name=name,
                kind=entry_kind,
                aliases=aliases,
                country=country,
                predecessors=predecessors,
            )
        )
    known = {a.name for a in actors}
    for index, actor in enumerate(actors):
        for predecessor in actor.predecessors:
            if predecessor.name not in known or predecessor.name == actor.name:
                raise _fail(path, index, actor.name, f"unknown predecessor {predecessor.name!r}")
    return actors


def _predecessors(path: Path, index: int, entry: object, value: object) -> tuple[Predecessor, ...]:
    if not isinstance(value, list):
        raise _fail(path, index, entry, "'predecessors' must be a list of objects")
    found = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"name", "year", "how"}:
            raise _fail(path, index, entry, "a predecessor is {'name', 'year', 'how'}")
        name = _text(path, index, entry, item["name"], "predecessor name")
        if not isinstance(item["year"], int) or item["how"] not in PREDECESSOR_HOWS:
            raise _fail(
                path,
                index,
                entry,
                f"predecessor year must be a number, how one of {PREDECESSOR_HOWS}",
            )
        found.append(Predecessor(name=name, year=item["year"], how=item["how"]))
    return tuple(found)


def _load_titles(path: Path) -> tuple[list[Title], list[str], list[str]]:
    data = _read_json(path)
    if not isinstance(data, dict) or set(data) != {"titles", "ranks", "honorifics"}:
        raise ValueError(f"{path.name}: expected an object with 'titles', 'ranks', 'honorifics'")
    titles: list[Title] = []
    for index, entry in _list_of_objects(path, data["titles"], {"title", "variants"}):
        title = _text(path, index, entry, entry["title"], "title")
        variants = _string_list(path, index, entry, entry["variants"], "variants")
        if any(v != v.lower() for v in variants):
            raise _fail(path, index, entry, "variants must be lowercase")
        forms = sorted({title.lower(), *variants}, key=lambda v: (-len(v), v))
        titles.append(Title(title=title, variants=tuple(forms)))
    ranks = _string_list(path, "ranks", data["ranks"], data["ranks"], "ranks")
    honorifics = _string_list(
        path, "honorifics", data["honorifics"], data["honorifics"], "honorifics"
    )
    return titles, list(ranks), list(honorifics)


def _load_demonyms(path: Path) -> tuple[dict[str, str], list[str]]:
    data = _read_json(path)
    if not isinstance(data, dict) or set(data) != {"countries", "not_countries"}:
        raise ValueError(f"{path.name}: expected an object with 'countries' and 'not_countries'")
    countries = data["countries"]
    if not isinstance(countries, dict):
        raise ValueError(f"{path.name}: 'countries' must map a demonym to an ISO alpha-2 code")
    for word, code in countries.items():
        _text(path, word, code, word, "demonym")
        if _country(path, word, code, code) is None:
            raise _fail(path, word, code, "a demonym needs a country code")
    not_countries = _string_list(
        path, "not_countries", "not_countries", data["not_countries"], "not_countries"
    )
    return dict(countries), list(not_countries)


def _load_stopwords(path: Path) -> tuple[list[str], list[str], list[str]]:
    data = _read_json(path)
    lists = ("stopwords", "furniture", "place_words")
    if not isinstance(data, dict) or set(data) != set(lists):
        raise ValueError(f"{path.name}: expected an object with {', '.join(map(repr, lists))}")
    stopwords, furniture, place_words = (
        list(_string_list(path, name, name, data[name], name)) for name in lists
    )
    return stopwords, furniture, place_words


def _load_collectives(path: Path) -> dict[str, str]:
    data = _read_json(path)
    if not isinstance(data, dict) or set(data) != {"nouns"} or not isinstance(data["nouns"], dict):
        raise ValueError(f"{path.name}: expected an object with 'nouns' mapping a noun to a kind")
    for noun, kind in data["nouns"].items():
        if noun != noun.lower() or not noun.strip():
            raise _fail(path, noun, kind, "nouns must be lowercase and non-empty")
        if kind not in ACTOR_KINDS[1:]:
            raise _fail(path, noun, kind, f"kind must be one of {ACTOR_KINDS[1:]}")
    return dict(data["nouns"])


def load_knowledge(data_dir: Path = DATA_DIR) -> Knowledge:
    """Read and validate every data file; raises ValueError naming the file and entry at fault."""
    organizations = _load_actors(data_dir / "organizations.json", kind=None)
    persons = _load_actors(data_dir / "persons.json", kind="person")
    agencies = _load_actors(data_dir / "agencies.json", kind="organization")
    titles, ranks, honorifics = _load_titles(data_dir / "titles.json")
    demonyms, not_countries = _load_demonyms(data_dir / "demonyms.json")
    stopwords, furniture, place_words = _load_stopwords(data_dir / "stopwords.json")
    collectives = _load_collectives(data_dir / "collectives.json")
    return Knowledge(
        actors=[*organizations, *persons],
        agencies=agencies,
        titles=titles,
        ranks=ranks,
        honorifics=honorifics,
        demonyms=demonyms,
        not_countries=not_countries,
        stopwords=stopwords,
        collectives=collectives,
        furniture=furniture,
        place_words=place_words,
    )


@functools.cache
def get_knowledge() -> Knowledge:
    return load_knowledge()


def _is_other_persons_name(key: str, actor: KnownActor | None) -> bool:
    """A single word one letter off a known person's name is as likely another person's given name
    ("Karim" is not "Kerry"): a person's typo is recognised only in a name of two or more words
    ("Tayyip Erdoan")."""
    return actor is not None and actor.kind == "person" and " " not in key.strip()
