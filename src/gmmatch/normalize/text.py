"""Script-independent text folding: Unicode normalization, transliteration, case, punctuation.

Every other normalizer starts here, so the rules are few and predictable: the result is plain
lowercase ASCII words separated by single spaces, whatever the input script.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

__all__ = ["ascii_fold", "fold_text", "tokenize"]

# Apostrophe-like marks (ASCII quote, typographic quotes, Arabic ayn/hamza transcriptions,
# grave/acute accents used as quotes) are deleted rather than turned into spaces: `Mu'ammar`,
# `Muʿammar` and `Muammar` are one word, and `D'Souza` is written `Dsouza` as often as not.
_APOSTROPHES = "'`´ʻʼʽʾʿˈ‘’‛′"
_DELETE = str.maketrans("", "", _APOSTROPHES)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_HANGUL = re.compile(r"([\uac00-\ud7a3])")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Transliterate any script to ASCII (unidecode), keeping case and punctuation.

    Hangul syllables are transliterated one by one with a space between them, because Korean
    names are romanized syllable by syllable (`Kim Jong Un`) while unidecode runs them together.
    """
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_DELETE)
    if text.isascii():
        return text
    # lone surrogates (broken UTF-16 input) carry no letter; unidecode would warn on each
    text = _HANGUL.sub(r"\1 ", _SURROGATES.sub("", text))
    return unidecode(text).translate(_DELETE)


@lru_cache(maxsize=262144)
def fold_text(text: str) -> str:
    """Lowercase ASCII words separated by single spaces; punctuation and hyphens become spaces.

    >>> fold_text("Mu'ammar  AL-QADHAFI")
    'muammar al qadhafi'
    """
    folded = ascii_fold(text).lower()
    return _NOT_WORD.sub(" ", folded).strip()


def tokenize(text: str) -> list[str]:
    """The words of `fold_text(text)`."""
    return fold_text(text).split()
