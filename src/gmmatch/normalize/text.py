"""Script-independent text folding: Unicode normalization, transliteration, case, punctuation.

Every other normalizer starts here, so the rules are few and predictable: the result is plain
lowercase ASCII words separated by single spaces, whatever the input script.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

from gmmatch.normalize._cache import short_text_cache

__all__ = ["ascii_fold", "fold_text", "tokenize", "written_in_abjad"]

# Apostrophe-like marks (ASCII quote, typographic quotes, Arabic ayn/hamza transcriptions,
# grave/acute accents used as quotes) are deleted rather than turned into spaces: `Mu'ammar`,
# `Muʿammar` and `Muammar` are one word, and `D'Souza` is written `Dsouza` as often as not.
_APOSTROPHES = "'`´ʻʼʽʾʿˈ‘’‛′"
_DELETE = str.maketrans("", "", _APOSTROPHES)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_HANGUL = re.compile(r"([\uac00-\ud7a3])")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# Scripts written without short vowels (abjads): Hebrew, Arabic (Persian, Urdu, Pashto), Syriac,
# Thaana, and the Arabic presentation forms.
_ABJAD = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


# One table does the whole fold of ASCII text in C: apostrophes deleted, letters lowercased,
# every other non-alphanumeric character a space (then `split` collapses the spaces).
_ASCII_FOLD = {i: " " for i in range(128) if not chr(i).isalnum()}
_ASCII_FOLD.update({ord(c): c.lower() for c in map(chr, range(65, 91))})
_ASCII_FOLD.update({ord(c): None for c in _APOSTROPHES if c.isascii()})
# Both at once, for text that is not all ASCII.
_DELETE_AND_FOLD = {**_ASCII_FOLD, **_DELETE}
# The same fold for `bytes.translate`, several times faster than `str.translate` with a dict
# (one table lookup per byte): the apostrophes are deleted, then the table maps each byte.
_ASCII_APOSTROPHES = "".join(c for c in _APOSTROPHES if c.isascii()).encode()
_ASCII_FOLD_BYTES = bytes(
    i if i in _ASCII_APOSTROPHES else ord(_ASCII_FOLD.get(i, chr(i))) for i in range(256)
)


@short_text_cache(65536)
def ascii_fold(text: str) -> str:
    """Transliterate any script to ASCII (unidecode), keeping case and punctuation.

    Hangul syllables are transliterated one by one with a space between them, because Korean
    names are romanized syllable by syllable (`Kim Jong Un`) while unidecode runs them together.
    """
    if not isinstance(text, str):
        return ""
    if text.isascii():  # NFKC leaves ASCII as it is; only two apostrophes are ASCII
        return text.replace("'", "").replace("`", "")
    text = unicodedata.normalize("NFKC", text).translate(_DELETE)
    if text.isascii():
        return text
    # lone surrogates (broken UTF-16 input) carry no letter; unidecode would warn on each
    text = _HANGUL.sub(r"\1 ", _SURROGATES.sub("", text))
    return unidecode(text).translate(_DELETE)


@short_text_cache(262144)
def fold_text(text: str) -> str:
    """Lowercase ASCII words separated by single spaces; punctuation and hyphens become spaces.

    >>> fold_text("Mu'ammar  AL-QADHAFI")
    'muammar al qadhafi'
    """
    return _fold(text)


def _fold(text: str) -> str:
    """`fold_text` without its cache, for callers that cache whole names themselves.

    ASCII text is folded by one `bytes.translate`. Other text is cut at its ASCII separators and
    each non-ASCII piece is transliterated once (cached per piece: words repeat far more than
    names). The result is exactly `fold_text`'s, because unidecode maps character by character
    and every ASCII separator would have become a space anyway.
    """
    if not isinstance(text, str):
        return ""
    if text.isascii():
        return " ".join(_fold_words(text))
    # apostrophes deleted and ASCII folded in one pass (_DELETE then _ASCII_FOLD); split(" ")
    # and not split(): a Unicode space that unidecode drops must not cut a word
    pieces = unicodedata.normalize("NFKC", text).translate(_DELETE_AND_FOLD).split(" ")
    words = [p if p.isascii() else _fold_piece(p) for p in pieces if p]
    return " ".join(w for w in words if w)


def _fold_words(text: str) -> list[str]:
    """`_fold(text).split()` of a `str`, without joining the words only to split them again."""
    if text.isascii():
        # apostrophes deleted, then letters lowercased and other characters made spaces, in C
        return text.encode().translate(_ASCII_FOLD_BYTES, _ASCII_APOSTROPHES).decode().split()
    return _fold(text).split()


@short_text_cache(65536)
def _fold_piece(piece: str) -> str:
    piece = _HANGUL.sub(r"\1 ", _SURROGATES.sub("", piece))
    folded = unidecode(piece).translate(_DELETE).lower()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def written_in_abjad(text: str) -> bool:
    """Whether `text` has letters of a script written without short vowels (Arabic, Persian,
    Urdu, Hebrew, Syriac, Thaana): its transliteration is a consonant skeleton (`محمد` ->
    `mhmd`), which the keys of a romanized name (`Muhammad`) never equal."""
    return isinstance(text, str) and not text.isascii() and _ABJAD.search(text) is not None


def tokenize(text: str) -> list[str]:
    """The words of `fold_text(text)`."""
    return fold_text(text).split()
