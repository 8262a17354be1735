"""Who a meeting sentence puts in the room, read from the dependency parse.

A person takes part in a meeting when the sentence makes them an argument of a meeting word: the
subject or object of "met", "received", "hosted", "visited" ("X visited Damascus and met Y" shares
its subject), the subject of "held talks" and whoever the talks were "with" or "between", and the
conjuncts, appositions and delegations ("a delegation led by X", "joined by Y") of those; the
people pictured doing it ("photos of X and Y shaking hands"), whoever sat "at the same table as"
X, and a country's delegates ("Turkey sent X and Y", which only adds to a meeting told); whoever
"was also in attendance" or "present" (adds to a meeting told) and "besides X, the delegation
included Y"; the speakers at a gathering ("the talks opened on Wednesday with X urging ...",
"the ceremony, which saw statements from X and Y"), who share its room on the day it names. A name
that is only near the meeting word is not: the speaker of a quote, a person in a relative clause
about something else, an owner ("Assad's regime") or a place in a preposition.

Meeting words that are planned, hoped for or denied ("will meet", "is expected to meet", "did not
meet", "an upcoming summit", "called for a meeting") are not read at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

# Verbs of a host: a meeting only with a person as their object ("received Zarif", not
# "received a letter").
NEEDS_PERSON_OBJECT = frozenset(
    {
        "received",
        "receives",
        "receiving",
        "hosted",
        "hosts",
        "hosting",
        "welcomed",
        "welcomes",
        "welcoming",
        "greeted",
        "greets",
    }
)
# Verbs whose subject met their object ("Lavrov met Zarif", "Assad received Zarif").
MEET_VERBS = NEEDS_PERSON_OBJECT | frozenset(
    {
        "met",
        "meet",
        "meets",
        "meeting",
        "visited",
        "visits",
        "visiting",
        "gathered",
        "sat",
        "shook",
        "shakes",
        "shaking",
        "talked",
        "conferred",
        "negotiated",
    }
)
# A meeting held by its subject: "held talks with", "had a meeting with".
HOLD_VERBS = frozenset(
    {"held", "holds", "holding", "hold", "had", "has", "having", "conducted", "began", "opened"}
)
MEETING_NOUNS = frozenset(
    {
        "talks",
        "meeting",
        "meetings",
        "summit",
        "negotiations",
        "discussions",
        "consultations",
        "conference",
        "session",
        "audience",
    }
)
# Words that only add people to a meeting already told ("Also attending were X").
JOIN_VERBS = frozenset(
    {"attended", "attending", "joined", "included", "including", "accompanied", "accompanying"}
)
_NOT_HELD_AUX = frozenset(
    {"will", "would", "'ll", "shall", "could", "might", "may", "must", "should", "to", "wo"}
)
_NOT_HELD_MODIFIERS = frozenset(
    {
        "planned",
        "upcoming",
        "next",
        "proposed",
        "possible",
        "future",
        "expected",
        "scheduled",
        "potential",
        "prospective",
        "forthcoming",
        "emergency",
    }
)
# Verbs that make a meeting noun under them something wished for, not held.
_NOT_HELD_GOVERNORS = frozenset(
    {
        "called",
        "call",
        "calls",
        "urged",
        "urge",
        "proposed",
        "propose",
        "planned",
        "plan",
        "plans",
        "sought",
        "seek",
        "seeks",
        "requested",
        "request",
        "demanded",
        "cancelled",
        "canceled",
        "postponed",
        "prepare",
        "preparing",
        "discussed",
        "announced",
        "arrange",
        "arranging",
        "refused",
        "rejected",
        "boycotted",
        "skipped",
        "broke",
        "suspended",
        "want",
        "wants",
    }
)
_PICTURE_NOUNS = frozenset(
    {"photos", "photo", "pictures", "picture", "images", "image", "footage", "video", "videos"}
)
# "Turkey sent X, Y and Z": a country's or body's delegates to the meeting being told. They only
# add people to a meeting, like "attended"; the country itself is not a participant.
_DELEGATE_VERBS = frozenset({"sent", "dispatched", "fielded"})
_SPEECH_VERBS = frozenset(
    {"said", "says", "stressed", "told", "noted", "emphasized", "emphasised", "proposed", "spoke"}
)
# "X thanked Y for coming": a host greeting the guests of the meeting being told.
_THANK_VERBS = frozenset({"thanked", "thanks", "thanking"})
_ATTENDING = frozenset({"coming", "attending", "joining", "participating", "taking"})
_LIST_VERBS = frozenset({"included", "includes", "comprised"})
_VISIT_VERBS = frozenset({"visited", "visits", "visiting"})
_TEMPORAL_MARKS = frozenset({"after", "before", "since", "when", "while", "until", "once"})
_PRONOUNS = frozenset({"he", "she", "him", "her"})
_RELATIVE = frozenset({"who", "that", "whom"})
# "the two leaders", "both ministers": the two persons of the meeting being told.
PAIR_NOUNS = frozenset(
    {
        "leaders",
        "ministers",
        "presidents",
        "men",
        "officials",
        "diplomats",
        "counterparts",
        "sides",
        "envoys",
        "heads",
        "premiers",
        "chiefs",
    }
)
# Children that belong to a name's phrase: "Foreign Minister Sergei Lavrov", "Lavrov, Russia's
# foreign minister", "Lavrov and Shoigu".
# People a sentence puts in the room without naming them ("Russian and Turkish ministers met in
# Moscow"): the meeting is told, and later sentences may name who attended.
UNNAMED_PEOPLE = PAIR_NOUNS | frozenset(
    {
        "delegation",
        "delegations",
        "delegates",
        "representatives",
        "general",
        "envoy",
        "minister",
        "president",
        "commander",
        "official",
        "ambassador",
        "foreign",
        "emissary",
    }
)
_PHRASE_DEPS = frozenset({"compound", "appos", "flat", "conj", "nmod"})
# "X was also in attendance", "Y was present": people added to a meeting already told.
PRESENCE_WORDS = frozenset({"attendance", "present"})
_COPULAS = frozenset({"was", "were"})
# A gathering that opened "with X urging ..." or "with speeches by X and Y", or "which saw
# statements from X and Y": the people who spoke there were in the room.
GATHERING_NOUNS = MEETING_NOUNS | frozenset({"ceremony", "gathering", "forum"})
_OPENING_VERBS = frozenset(
    {"began", "begins", "opened", "opens", "started", "starts", "closed", "ended", "concluded"}
)
_HEARD_VERBS = frozenset({"saw", "sees", "featured", "heard"})
SPEECH_NOUNS = frozenset(
    {"speech", "speeches", "statement", "statements", "address", "addresses", "remarks"}
)
_DELEGATION_HEADS = frozenset(
    {"led", "headed", "including", "accompanied", "joined", "comprising", "chaired"}
)


@dataclass
class Reading:
    """What the parse says about one sentence's meeting words."""

    people: list[int] = field(default_factory=list)  # actor group indexes, in sentence order
    pronouns: list[Token] = field(default_factory=list)  # "he"/"she" among the participants
    pair: bool = False  # "the two leaders" among the participants
    trigger: int | None = None  # character offset of the first meeting word held
    strong: bool = False  # a meeting verb or "held talks", not only "attended" or "the talks"
    blocked: bool = False  # a meeting word was found, but planned or denied
    unnamed: bool = False  # officials or a delegation not named here are in the room
    delegates_only: bool = False  # only "Turkey sent X": adds to a meeting told, starts none
    # Proper words naming the gathering whose speakers are read ("G20" of "the G20 summit
    # opened with ..."), or None when no such construction was read.
    gathering: frozenset[str] | None = None


def has_parse(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def in_other_clause(doc: Doc, at: int, trigger: int) -> bool:
    """Whether the word at character `at` belongs to a clause about another event than the
    meeting word at `trigger`: a relative clause ("Y, who had earlier visited Tehran"), an
    adverbial clause or a temporal phrase ("after his trip to Ankara") that the meeting word is
    not inside."""
    token, meeting = _token_at(doc, at), _token_at(doc, trigger)
    if token is None or meeting is None:
        return False
    node = token
    while node.head.i != node.i:
        other = node.dep_ in ("relcl", "advcl") or (
            node.dep_ == "prep" and node.lower_ in _TEMPORAL_MARKS
        )
        if other and not node.left_edge.i <= meeting.i <= node.right_edge.i:
            return True
        node = node.head
    return False


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def person_tokens(doc: Doc, spans: list[tuple[int, int, int]]) -> dict[int, int]:
    """Token index -> actor group, for each (start, end, group) span of a person's name."""
    found: dict[int, int] = {}
    for start, end, group in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            found.setdefault(token.i, group)
    return found


def read_sentence(doc: Doc, start: int, end: int, persons: dict[int, int]) -> Reading:
    """The participants the meeting words of characters [start, end) name."""
    span = doc.char_span(start, end, alignment_mode="expand")
    reading = Reading()
    if span is None:
        return reading
    lo, hi = span.start, span.end
    triggers = [t for t in span if _is_trigger(t)]
    held = [t for t in triggers if not _not_held(t)]
    reading.blocked = bool(triggers) and not held
    main = [t for t in held if t.lower_ in _DELEGATE_VERBS or not _in_temporal_clause(t, lo)]
    held = main or held
    reading.delegates_only = bool(held) and all(t.lower_ in _DELEGATE_VERBS for t in held)
    args: list[Token] = []
    for t in held:
        found = list(_arguments(t))
        if t.lower_ in NEEDS_PERSON_OBJECT and not _names_person(t, found, persons, lo, hi):
            continue
        if reading.trigger is None:
            reading.trigger = t.idx
        speakers = list(_speakers(_heard_speeches(t))) if t.lower_ in _HEARD_VERBS else []
        speakers += _opened_with(t)
        if any(w.i in persons for a in speakers for w in _phrase(a)):
            reading.gathering = _gathering_name(t)
        if (
            t.lower_ not in JOIN_VERBS | _DELEGATE_VERBS | PRESENCE_WORDS
            and _is_verb(t)
            or t.lower_ in GATHERING_NOUNS
            and found
        ):
            if not reading.strong:
                # the place and date are read around the meeting word: "the talks began in
                # Geneva with X urging", around "began"
                opening = _opening_verb(t) if t.lower_ in GATHERING_NOUNS else None
                reading.trigger = (opening or t).idx
            reading.strong = True
        args += found
    seen: set[int] = set()
    for arg in args:
        listed = arg.head.lower_ in _LIST_VERBS and arg.i > arg.head.i
        for token in arg.subtree if listed else _phrase(arg):
            if token.i in seen or not lo <= token.i < hi:
                continue
            seen.add(token.i)
            group = persons.get(token.i)
            if group is not None:
                if group not in reading.people:
                    reading.people.append(group)
            elif token.lower_ in _PRONOUNS:
                reading.pronouns.append(token)
            elif token.lower_ in PAIR_NOUNS and _counted_two(token):
                reading.pair = True
            elif token.lower_ in UNNAMED_PEOPLE and reading.strong:
                reading.unnamed = True
    return reading


def _is_trigger(t: Token) -> bool:
    w = t.lower_
    if w in PRESENCE_WORDS:
        return _copula_of(t) is not None
    if w in _HEARD_VERBS:
        return _heard_speeches(t) is not None
    if w in GATHERING_NOUNS - MEETING_NOUNS:
        return bool(_opened_with(t))
    if w in MEETING_NOUNS and not _is_verb(t):
        return True
    if w in MEET_VERBS:
        if w in ("sat", "shook", "shakes", "shaking") and not (
            _has_prep(t, "with", "down", "together", "hands") or _same_table(t) is not None
        ):
            return False
        return _is_verb(t)
    if w in HOLD_VERBS:
        return _meeting_object(t) is not None
    if w in _THANK_VERBS:
        return _is_verb(t) and _thanked_for_coming(t)
    if w in JOIN_VERBS:
        return True
    if w in _DELEGATE_VERBS:
        return _is_verb(t) and _sender(t) is not None
    if w in MEETING_NOUNS:
        return not _is_verb(t)
    return False


def _copula_of(t: Token) -> Token | None:
    """The 'was' of 'X was in attendance' or 'X was present', or None."""
    if t.lower_ == "attendance" and t.dep_ == "pobj" and t.head.lower_ == "in":
        verb = t.head.head
    elif t.lower_ == "present" and t.dep_ == "acomp":
        verb = t.head
        if any(c.dep_ == "prep" and c.lower_ != "at" for c in (*t.children, *verb.children)):
            return None  # "forces were present in Aleppo" tells where they were, not a meeting
    else:
        return None
    return verb if verb.lower_ in _COPULAS else None


def _heard_speeches(verb: Token) -> Token | None:
    """'the ceremony, which saw statements from X and Y': the speech noun, when the verb tells
    what a gathering heard."""
    if verb.dep_ not in ("relcl", "acl") or verb.head.lower_ not in GATHERING_NOUNS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in SPEECH_NOUNS), None)


def _speakers(speech: Token | None) -> Iterator[Token]:
    """'statements from X and Y', 'a speech by X'."""
    for c in speech.children if speech is not None else ():
        if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by"):
            yield from _pobjs(c)


def _opening_verb(t: Token) -> Token | None:
    """The verb telling that the gathering t began or ended: 'the talks began', 'the first
    session of the talks opened'."""
    noun = t
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.dep_ == "nsubj":
        noun = t.head.head
    if noun.dep_ != "nsubj" or noun.head.lower_ not in _OPENING_VERBS:
        return None
    verb = noun.head
    if any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _NOT_HELD_AUX) for c in verb.children
    ):
        return None
    return verb


def _opened_with(t: Token) -> list[Token]:
    """'The talks began on Wednesday with X urging both sides': X, the subject of the clause
    under 'with'; 'the summit opened with speeches by X and Y': the speakers."""
    if t.lower_ not in GATHERING_NOUNS:
        return []
    verb = _opening_verb(t)
    if verb is None:
        return []
    found: list[Token] = []
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ != "with":
            continue
        for g in c.children:
            if g.dep_ == "pcomp" and g.lower_.endswith("ing"):
                found += [s for s in g.children if s.dep_ == "nsubj"]
            elif g.dep_ == "pobj" and g.lower_ in SPEECH_NOUNS:
                found += _speakers(g)
            elif g.dep_ == "pobj" and _doing(g, verb):
                found.append(g)
    return found


def _doing(noun: Token, verb: Token) -> bool:
    """'with X urging ...' parsed as X under 'with' and 'urging' on the noun or the verb."""
    nxt = noun.right_edge.i + 1
    after = noun.doc[nxt] if nxt < len(noun.doc) else None
    return any(c.dep_ == "acl" and c.lower_.endswith("ing") for c in noun.children) or (
        after is not None
        and after.lower_.endswith("ing")
        and after.dep_ in ("acl", "advcl")
        and after.head.i in (noun.i, verb.i)
    )


def _gathering_name(t: Token) -> frozenset[str]:
    """The proper words of the gathering's name: {'g20'} for 'the G20 summit'."""
    noun = t.head if t.lower_ in _HEARD_VERBS else t
    return frozenset(
        w.lower_
        for w in noun.subtree
        if w.i < noun.i and w.dep_ in ("compound", "amod", "nmod") and w.text[:1].isupper()
    )


def _thanked_for_coming(verb: Token) -> bool:
    """'X thanked the ministers for coming to Moscow': the host, and the guests, in the room."""
    return any(
        g.lower_ in _ATTENDING
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "for"
        for g in c.children
        if g.dep_ in ("pcomp", "pobj")
    )


def _same_table(verb: Token) -> Token | None:
    """'sat at the same table as Y' / 'sat at one table with Y': the table, or None."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("at", "around"):
            for table in _pobjs(c):
                if table.lower_ == "table" and any(
                    g.lower_ in ("same", "one", "a") for g in table.children
                ):
                    return table
    return None


def _meeting_object(verb: Token) -> Token | None:
    """The meeting a verb holds: "held talks", "held four hours of talks", "a round of talks"."""
    for c in verb.children:
        if c.dep_ != "dobj":
            continue
        if c.lower_ in MEETING_NOUNS:
            return c
        for of in c.children:
            if of.dep_ == "prep" and of.lower_ == "of":
                for n in of.children:
                    if n.dep_ == "pobj" and n.lower_ in MEETING_NOUNS:
                        return n
    return None


def _is_verb(t: Token) -> bool:
    if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod", "attr", "appos"):
        return False
    return not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in t.children)


def _has_prep(t: Token, *words: str) -> bool:
    return any(c.lower_ in words for c in t.children)


def _not_held(t: Token) -> bool:
    """'will meet', 'did not meet', 'expected to meet', 'a planned summit', 'called for talks'."""
    verb = t.head if (t.lower_ in MEETING_NOUNS and t.dep_ == "dobj") else t
    if t.lower_ in PRESENCE_WORDS:
        verb = _copula_of(t) or t  # "X will be present"
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _NOT_HELD_AUX):
            return True
    if t.lower_ in MEETING_NOUNS:
        if t.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ in ("aux", "auxpass", "neg") and c.lower_ in _NOT_HELD_AUX | {"not", "n't"}
            for c in t.head.children
        ):
            return True  # "talks between X and Y will resume", "the meeting would not happen"
        if any(c.lower_ in _NOT_HELD_MODIFIERS or c.dep_ == "neg" for c in t.children):
            return True
        if any(c.lower_ in ("no", "any") for c in t.children):
            return True
        governor = t.head.head if t.dep_ == "pobj" and t.head.lower_ in ("for", "to") else None
        if governor is not None and governor.lower_ in _NOT_HELD_GOVERNORS:  # "called for talks"
            return True
        if t.dep_ == "dobj" and t.head.lower_ in _NOT_HELD_GOVERNORS:
            return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in _NOT_HELD_GOVERNORS


def _in_temporal_clause(t: Token, lo: int) -> bool:
    """Inside 'after Z visited W' or 'when Z met W': another event than the sentence's own."""
    node = t
    while node.i >= lo and node.head.i != node.i:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _TEMPORAL_MARKS for c in node.children
        ):
            return True
        node = node.head
    return False


def _arguments(t: Token) -> Iterator[Token]:
    """The tokens heading the phrases of the people a meeting word relates."""
    if t.lower_ in MEETING_NOUNS and not _is_verb(t):
        yield from _noun_arguments(t)
        return
    if t.lower_ in GATHERING_NOUNS - MEETING_NOUNS:
        yield from _opened_with(t)
        return
    if t.lower_ in _DELEGATE_VERBS:
        yield from (c for c in t.children if c.dep_ == "dobj")
        return
    if t.lower_ in PRESENCE_WORDS:
        copula = _copula_of(t)
        if copula is not None:
            yield from _subjects(copula)
            yield from (c for c in copula.children if c.dep_ == "attr")
        return
    if t.lower_ in _HEARD_VERBS:
        speech = _heard_speeches(t)
        if speech is not None:
            yield from _speakers(speech)
        return
    pictured = _pictured(t)
    if pictured:
        yield from pictured
    else:
        yield from _subjects(t)
    if t.lower_ in _LIST_VERBS:
        # "The delegation also included X, Y and Z": everyone listed after the verb, however
        # the parser attached the titles in the list; "Besides X, the delegation included Y"
        # lists X too.
        yield from (c for c in t.rights if c.dep_ not in ("relcl", "advcl", "ccomp", "punct"))
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "besides":
                yield from _pobjs(c)
        return
    meeting = _meeting_object(t)
    if meeting is not None:
        yield from _with_objects(meeting)
    for c in t.children:
        if c.dep_ in ("dobj", "attr", "oprd") and c.lower_ not in MEETING_NOUNS:
            if t.lower_ in _VISIT_VERBS:
                continue  # what is visited is the place, not a participant
            if meeting is None or c.i != meeting.head.head.i:
                yield c
        elif c.dep_ == "agent" or (
            c.dep_ == "prep" and c.lower_ in ("with", "between", "among", "by")
        ):
            yield from _pobjs(c)
        elif c.dep_ == "dobj" and c.lower_ == "hands":
            yield from _with_objects(c)
    table = _same_table(t)
    if table is not None:
        for c in table.children:
            if c.dep_ == "prep" and c.lower_ in ("as", "with"):
                yield from _pobjs(c)


def _sender(verb: Token) -> Token | None:
    """The country or body that sent delegates ('Turkey sent X'), or None for a person's or
    anyone else's sending."""
    for c in verb.children:
        if c.dep_ == "nsubj" and c.ent_type_ in ("GPE", "NORP", "ORG"):
            return c
    return None


def _pictured(t: Token) -> list[Token]:
    """'photos of X and Y shaking hands', 'released footage of X meeting Y': the people the
    pictures are of do what the gerund says, whether the parser hangs it on the pictures or on
    the verb that shows them."""
    if not t.lower_.endswith("ing") or t.dep_ not in ("acl", "advcl", "xcomp"):
        return []
    candidates = [t.head, *(c for c in t.head.children if c.dep_ == "dobj")]
    for noun in candidates:
        if noun.lower_ in _PICTURE_NOUNS:
            return [
                p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)
            ]
    return []


def _noun_arguments(t: Token) -> Iterator[Token]:
    """'talks between X and Y', 'Putin's meeting with Assad', 'X held talks', 'X, at a
    meeting with Y, said'."""
    partners = list(_with_objects(t))
    yield from partners
    yield from _opened_with(t)
    for c in t.children:
        if c.dep_ == "poss" and partners:
            yield c
    head = t.head
    if _fronted_after(t):
        # "After talks in Geneva X and Y said": without a comma the parser makes the talks the
        # subject and hangs the speakers on "in"; they are who held the talks.
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                yield from _pobjs(c)
    if t.dep_ == "dobj" and head.lower_ in HOLD_VERBS | JOIN_VERBS:
        yield from _subjects(head)
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "between"):
                yield from _pobjs(c)
    elif t.dep_ == "pobj" and head.lower_ in (
        "at",
        "during",
        "after",
        "following",
        "on",
        "in",
        "for",
    ):
        verb = head.head
        if verb.i != head.i and (
            partners
            or head.lower_ in ("at", "during", "after", "following")
            or (head.lower_ == "in" and verb.lower_ in _SPEECH_VERBS)  # "X said in the talks"
        ):
            yield from _subjects(verb)


def _fronted_after(t: Token) -> bool:
    """A meeting noun parsed as the subject right after a sentence-opening 'After'/'Following'."""
    if t.dep_ != "nsubj":
        return False
    opener = t.doc[t.sent.start]
    return (
        opener.lower_ in ("after", "following")
        and opener.head.i == t.head.i
        and opener.dep_ == "prep"
        and all(w.dep_ in ("det", "amod", "compound", "nummod") for w in t.doc[opener.i + 1 : t.i])
    )


def _with_objects(t: Token) -> Iterator[Token]:
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("with", "between", "among"):
            yield from _pobjs(c)


def _pobjs(prep: Token) -> Iterator[Token]:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            yield c


def _subjects(t: Token) -> Iterator[Token]:
    """The subject of a verb, shared along conjunctions and clauses without one of their own."""
    node = t
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        subjects += [p for c in node.children if c.dep_ == "agent" for p in _pobjs(c)]
        if subjects:
            for s in subjects:
                if s.lower_ in _RELATIVE and node.dep_ == "relcl":
                    yield from _relative_head(node)
                else:
                    yield s
            return
        if node.dep_ == "relcl":
            yield from _relative_head(node)
            return
        if node.dep_ in ("ccomp", "ROOT") or node.head.i == node.i:
            return
        if node.dep_ == "acl" and node.head.dep_ in ("nsubj", "nsubjpass"):
            yield node.head
            return
        node = node.head


def _relative_head(clause: Token) -> Iterator[Token]:
    """Who 'who' is: the noun the clause hangs on; "X and Y, who met" also names X."""
    noun = clause.head
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head  # "Kerry and his counterpart, Sergey Lavrov, who met"
    yield clause.head
    yield noun
    if noun.dep_ == "conj":
        yield noun.head


def _phrase(t: Token) -> Iterator[Token]:
    """A name's tokens with its titles, appositions, conjuncts and delegation ('led by X')."""
    yield t
    for c in t.children:
        if c.dep_ in _PHRASE_DEPS:
            yield from _phrase(c)
        elif c.dep_ in ("acl", "prep") and c.lower_ in _DELEGATION_HEADS:
            for g in c.children:
                if g.dep_ in ("agent", "prep"):
                    for p in _pobjs(g):
                        yield from _phrase(p)
                elif g.dep_ in ("dobj", "pobj"):
                    yield from _phrase(g)


def _counted_two(t: Token) -> bool:
    return any(
        c.lower_ in ("two", "both", "three") and c.dep_ in ("nummod", "det", "predet", "quantmod")
        for c in t.children
    ) or (t.i > 0 and t.nbor(-1).lower_ == "both")


def _names_person(t: Token, found: list[Token], persons: dict[int, int], lo: int, hi: int) -> bool:
    """'received Zarif' (a person) is a meeting; 'received its first shipment' is not."""
    for arg in (a for a in found if a.dep_ not in ("nsubj", "csubj")):
        for token in _phrase(arg):
            if lo <= token.i < hi and (token.i in persons or token.lower_ in _PRONOUNS):
                return True
            if token.lower_ in PAIR_NOUNS:
                return True
    return False


# Words of a call or a letter. A communication's parties are the subject of the verb that
# makes, holds or receives it and whoever it was "with", "to", "from" or "between".
_CALL_NOUNS = frozenset(
    {"call", "calls", "phonecall", "conversation", "conversations", "letter", "letters", "message"}
)
_CALL_VERBS = frozenset(
    {
        "phoned",
        "phones",
        "telephoned",
        "rang",
        "called",
        "calls",
        "spoke",
        "speaks",
        "spoken",
        "speaking",
        "talked",
        "wrote",
        "writes",
        "discussed",
    }
)
_CALL_PREPS = frozenset({"with", "to", "from", "between"})
# Verbs whose object was on the other end: "told Y in a call", "assured Y by phone".
_ADDRESS_VERBS = frozenset(
    {"told", "tells", "informed", "assured", "urged", "asked", "briefed", "thanked", "invited"}
)
_CALL_CARRIERS = frozenset({"in", "during", "on", "by", "over", "via", "through", "after"})


def read_communication(doc: Doc, start: int, end: int, persons: dict[int, int]) -> Reading:
    """The parties of a phone call, video call or letter told in characters [start, end):
    'X spoke by phone with Y', 'X phoned Y', 'X received a call from Y', 'in a phone call with Y,
    X said', 'X sent a letter to Y'. A person only named near the call (the subject of a quote
    about it, someone the parties discussed) is not a party."""
    span = doc.char_span(start, end, alignment_mode="expand")
    reading = Reading()
    if span is None:
        return reading
    lo, hi = span.start, span.end
    args: list[Token] = []
    for t in span:
        if t.lower_ in _CALL_NOUNS and not _is_verb(t):
            verb = _call_verb(t)
            if verb is None or _not_held(verb):
                continue
            args += _call_partners(t)
            for acl in (c for c in t.children if c.dep_ == "acl"):
                # "a letter sent by X to Y"
                args += _call_partners(acl)
                args += [p for c in acl.children if c.dep_ == "agent" for p in _pobjs(c)]
            args += _call_partners(verb)
            args += _subjects(verb)
            if verb.lower_ in _ADDRESS_VERBS:  # "X told Y in a phone call"
                args += [c for c in verb.children if c.dep_ == "dobj"]
        elif t.lower_ in _CALL_VERBS and _is_verb(t) and not _not_held(t):
            partners = _call_partners(t)
            if t.lower_ in ("phoned", "phones", "telephoned", "rang", "called", "calls"):
                partners += [c for c in t.children if c.dep_ == "dobj"]
            if partners or any(c.lower_ in _CALL_NOUNS for c in t.children):
                args += partners
                args += _subjects(t)
        else:
            continue
        if reading.trigger is None:
            reading.trigger = t.idx
    seen: set[int] = set()
    for arg in args:
        for token in _titled_phrase(arg):
            if token.i in seen or not lo <= token.i < hi:
                continue
            seen.add(token.i)
            group = persons.get(token.i)
            if group is not None and token.dep_ != "poss":
                if group not in reading.people:
                    reading.people.append(group)
            elif token.lower_ in _PRONOUNS:
                reading.pronouns.append(token)
    return reading


def _titled_phrase(t: Token) -> Iterator[Token]:
    """A name's phrase, and behind a capitalized title the name it is 'of': 'President of the
    Syrian Coalition Anas Abdah' when the comma before the name is missing."""
    for token in _phrase(t):
        yield token
        if token.is_title:
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in _pobjs(c):
                        yield from _phrase(p)


def _call_verb(noun: Token) -> Token | None:
    """The verb a call noun hangs on: 'held a call', 'received a letter', 'in a call ... said',
    'during phone conversations with ...'."""
    node = noun
    if node.dep_ == "conj":
        node = node.head
    if node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        return node.head
    if node.dep_ == "pobj" and node.head.lower_ in _CALL_CARRIERS and node.head.dep_ == "prep":
        head = node.head.head
        return head if head.i != node.head.i else None
    return None


def _call_partners(t: Token) -> list[Token]:
    return [
        p
        for c in t.children
        if c.dep_ in ("prep", "dative") and c.lower_ in _CALL_PREPS
        for p in _pobjs(c)
    ]
