"""How the finder compares words: case and accents do not count, and a word is a run of letters and digits.

Written once, here, because two stages need it: the loader refuses two search words
that the finder cannot tell apart ('cafe' and 'café'), and ``planning.search_topics``
matches search words against an offer's text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[str, ...]:
    """The words of ``text``, lower-case and without accents: "Eén Café-avond" -> ("een", "cafe", "avond").

    Hyphens, apostrophes and all other punctuation separate words.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    # Only a character outside ASCII can be an accent: the rest is not looked at one by one.
    plain = _NOT_ASCII.sub(_unless_combining, decomposed)
    return tuple(_WORD.findall(plain.casefold()))


def _unless_combining(found: re.Match) -> str:
    char = found.group()
    return "" if unicodedata.combining(char) else char
