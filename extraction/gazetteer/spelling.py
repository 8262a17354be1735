"""Spelling keys: the transliteration variants of one Arabic or Turkish name collide on one key
("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor")."""

from __future__ import annotations

import functools
import re
import unicodedata

from extraction.gazetteer.entries import MAX_NAME_LENGTH

# Letters NFKD leaves alone.
_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ə": "e"}
)
# Apostrophes and the ayn/hamza marks of transliterations: "Dar‘ā", "Ra's", "Ma'arrat".
_MARKS = "ʿʾʼʻ‘’'`´′"
# After a letter and before a vowel the mark stands for a doubled vowel, as English writes ayn
# ("Dar'a" = "Daraa", "Rif'at" = "Rifaat"); elsewhere it is dropped.
_AYN_VOWEL = re.compile(rf"(?<=[a-z])[{_MARKS}]+([aeiou])")
_HAS_MARK = re.compile(f"[{_MARKS}]")
_DROP_MARKS = str.maketrans("", "", _MARKS)
_DROP_AYN = str.maketrans("", "", "ʿʾʻʼ‘’")  # for display names, which keep the apostrophe
_LONG_VOWEL = re.compile(r"([aeiou])\1{2,}")
_SEPARATORS = re.compile(r"[\W_]+")
# The Arabic article and its sun-letter assimilations, as written in English and French.
_ARTICLES = frozenset(
    "al el il ul as es ash esh ar er ad ed az ez at et an en ath eth adh edh ud us ur".split()  # noqa: SIM905
)
# "Ezzor", "Ennaml": an assimilated article glued to the word (only after the first word, so
# "Ennis" or "Assen" stay whole).
_GLUED_ARTICLE = re.compile(r"^[ae](sh|th|dh|[tdrzsn])\1(\w{2,})$")
_TELL = frozenset({"tal", "tall", "tel", "tell", "til"})
_AI = re.compile(r"ay|ey|ei")  # "Deir" = "Dayr", "Sheikh" = "Shaykh", "Ain" = "Ayn"
_AW = re.compile(r"aw(?=[^aeiou]|$)")  # "Zawr" = "Zour", "Hawl" = "Hol"
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1+")
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")


def _spell_token(token: str) -> str:
    token = token.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    token = _AI.sub("ai", token)
    token = _AW.sub("u", token)
    token = token.replace("o", "u")
    token = _DOUBLED.sub(r"\1", token)
    if len(token) > 3 and token.endswith(("ah", "eh")):
        token = token[:-2] + "a"
    elif len(token) > 3 and token[-1] == "y" and token[-2] not in "aeiou":
        token = token[:-1] + "i"  # "Qamishly", "Kamishli"
    return token


def place_key(name: str) -> str:
    """The spelling-normalized key of a place name.

    "Ra's al-'Ayn" -> 'ras al ain', "Deir Ezzor" -> 'dair al zur', "Tell Rif'at" -> 'tal rifaat'.
    Anything that is not a string of at most MAX_NAME_LENGTH characters has the empty key.
    """
    if not isinstance(name, str) or len(name) > MAX_NAME_LENGTH:
        return ""
    return _place_key(name)


@functools.lru_cache(maxsize=100_000)
def _place_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    if _HAS_MARK.search(folded):
        folded = _AYN_VOWEL.sub(r"\1\1", folded).translate(_DROP_MARKS)
        folded = _LONG_VOWEL.sub(r"\1\1", folded)
    tokens = _SEPARATORS.sub(" ", folded).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    out: list[str] = []
    for position, token in enumerate(tokens):
        if token in _ARTICLES and len(tokens) > 1:
            out.append("al")
            continue
        glued = _GLUED_ARTICLE.match(token) if position > 0 else None
        if glued:
            out.extend(("al", _spell_token(glued.group(1) + glued.group(2))))
            continue
        if token in _TELL:
            out.append("tal")
            continue
        out.append(_spell_token(token))
    return " ".join(out)


_DIVISION_WORD = re.compile(r"\s+(?:governorate|province|region)$", re.IGNORECASE)
_TOWN_WORDS = frozenset({place_key("city"), place_key("town")})


def _strip_articles(key: str) -> str:
    """'ras al ain' -> 'ras ain'; the looser key tried when the exact one misses."""
    return " ".join(token for token in key.split(" ") if token != "al")


def _display_name(name: str) -> str:
    """GeoNames' 'Ḩamāh' -> 'Hamah': drop diacritics and ayn marks, keep case."""
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD).translate(_DROP_AYN))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _is_latin(name: str) -> bool:
    return not _NOT_LATIN.search(name)


# What a skeleton keeps of a name: its consonants ("y" and "w" among them, so that "Safa" and
# "Safiyeh" stay apart), and a mark for a vowel that opens a word ("Otaya" and "Utaya" agree).
_SKELETON_VOWELS = re.compile(r"(?<=\w)[aeiou]+")
_SKELETON_OPENING = re.compile(r"^[aeiou]+")
# `place_key` writes "ay" as "ai"; between vowels and at the end that "i" is the consonant y
# ("Otaya" -> 'utaia', "Otoya" -> 'utuya').
_GLIDE = re.compile(r"(?<=[aeiou])i(?=[aeiou]|$)")
# A skeleton this short is too common to tie two spellings together.
SKELETON_MIN_LETTERS = 3


def spelling_skeleton(name: str) -> str:
    """The vowel- and doubling-insensitive key of a place name, for telling whether two spellings
    of a place no gazetteer lists are one name: "al-Msheirfeh", "al-Mshairfeh" and
    "al-Mushrefeh" -> 'al mshrf'; "Otaya" and "Otoya" -> 'aty'. Built on `place_key`, so the
    article, "Tel"/"Tal" and the "-eh"/"-ah" endings are already folded. Different villages can
    share a skeleton: callers tie two spellings only within one report or one governorate. The
    spelling key itself when the skeleton has fewer than SKELETON_MIN_LETTERS letters outside
    the article and "tal" ("Safa" ties only with spellings of the same key)."""
    key = place_key(name)
    out = []
    for token in key.split():
        if token in ("al", "tal"):
            out.append(token)
            continue
        out.append(_SKELETON_OPENING.sub("a", _SKELETON_VOWELS.sub("", _GLIDE.sub("y", token))))
    letters = sum(len(t) for t in out if t not in ("al", "tal"))
    return " ".join(out) if letters >= SKELETON_MIN_LETTERS else key
