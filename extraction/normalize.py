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
