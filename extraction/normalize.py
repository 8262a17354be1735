"""Normalized keys for names: the same spelling modulo case, accents and punctuation."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Letters that NFKD does not decompose into ASCII, folded by hand.
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ʼ": "",
        "’": "",
        "'": "",
    }
)


def name_key(name: str) -> str:
    """'Çavuşoğlu' -> 'cavusoglu'; "People's Protection Units" -> 'peoples protection units'."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only).strip()


# The Arabic article in its written forms, glued by a hyphen ("al-", "ash-", "ed-") or standing
# alone ("al Assad"): transliterations write it, assimilate it or drop it at will.
_ARTICLE = re.compile(
    r"(?<![\w'’])(?:al|el|as|ash|ad|ar|an|at|az|adh|ath|ez|es|ed|er|et|en|ul|ud)[-‐‑]"
    r"|(?<![\w'’-])(?:al|el)\s+(?=\w)",
    re.IGNORECASE,
)
_LEADING_THE = re.compile(r"^the\s+")
# Vowel spellings that transliterations use for one sound: "ou" for "u" (Moualem), "ee" for "i"
# (Hezbollah/Hizbollah, Jeish/Jaish), "o" for "u" (Mohammed/Muhammad), "e" for "a" (Fateh/Fatah).
_VOWELS = (("ou", "u"), ("ee", "i"), ("e", "a"), ("o", "u"), ("y", "i"))
_DOUBLED = re.compile(r"([a-z])\1+")
# A short vowel before a final "h": Fatah, Fateh and Fath are one word.
_FINAL_H = re.compile(r"(?<=[a-z]{2})[aiu]h$")


def _fold_word(word: str) -> str:
    if word.endswith("s") and len(word) >= 4 and word[-2] not in "siuao":
        word = word[:-1]  # a plural or a possessive whose apostrophe was lost: Coalitions, Assads
    head, rest = word[0], word[1:]
    for spelling, sound in _VOWELS:
        rest = rest.replace(spelling, sound)
    folded = _DOUBLED.sub(r"\1", head + rest)
    folded = _FINAL_H.sub("h", folded)
    return folded


def match_key(name: str) -> str:
    """The key under which spellings and transliterations of one name meet.

    Beyond `name_key`: no leading "the", no Arabic article, no plural or possessive "s" on a word
    ("Syrian Coalitions", "Assads"), one letter for a doubled one (Assad/Asad), and one vowel
    spelling for each sound (Jaish/Jeish/Jaysh, Fatah/Fateh/Fath, Moualem/Mualem). Given names
    stay apart: "Hassan" and "Hussein", "Omar" and "Ammar" keep different keys.
    """
    return " ".join(_fold_word(word) for word in bare_key(name).split())


def bare_key(name: str) -> str:
    """`name_key` without a leading "the" or the Arabic article: "al-Baath" -> 'baath'."""
    text = _ARTICLE.sub("", name.replace("’", "'"))
    return _LEADING_THE.sub("", name_key(text))
