"""Consonant skeletons of names written in an abjad (Arabic, Persian, Urdu, Pashto, Hebrew).

These scripts write no short vowels, so a name in them never shares a key with its
romanization (`صدام حسين` and Saddam Hussein). What the two share is the consonants, once both
are written in the alphabet of the variant keys (`names.token_variant_key`: `kh` is `h`, `sh`
`s`, `q` `k`, `zh` `j`, `y` is `i`, `w` is `v`, vowels are `a`) with their vowels left out: the
skeleton. Linkage compares the skeletons of a name in an abjad with those of romanized names,
which `model.features` computes from their keys (`_gm_skeleton`: the first letter kept unless it
is `a`, later `a`, `i` and `v` dropped, since an abjad writes long vowels with the letters for
y and w).

Each letter is mapped to what its usual romanization keys as, not transliterated and keyed:
unidecode writes adjacent letters that a key then reads as one digraph (`طه`, Taha, would be
`th` and key as `t`; `مزاحم`, Muzahim, `mzhm` and key as `mim`).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["abjad_skeletons"]

_SILENT = "اأإآٱءئؤعىےېۍـ" + "אע"   # vowel carriers, hamza, ain, tatweel: no consonant
_LETTERS = {
    # Arabic
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "h", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "_", "و": "v", "ي": "i",
    # Persian, Urdu, Pashto
    "ک": "k", "ی": "i", "پ": "p", "چ": "c", "ژ": "j", "گ": "g", "ٹ": "t", "ڈ": "d", "ڑ": "r",
    "ں": "n", "ہ": "h", "ھ": "h", "ۀ": "h", "ځ": "z", "څ": "s", "ډ": "d", "ړ": "r", "ږ": "z",
    "ښ": "s", "ګ": "g", "ڼ": "n",
    # Hebrew
    "ב": "b", "ג": "g", "ד": "d", "ה": "h", "ו": "v", "ז": "z", "ח": "h", "ט": "t", "י": "i",
    "כ": "k", "ך": "k", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s", "פ": "f",
    "ף": "f", "צ": "s", "ץ": "s", "ק": "k", "ר": "r", "ש": "s", "ת": "t",
}
_LETTERS.update(dict.fromkeys(_SILENT, "_"))   # a letter, but no consonant
# (qaf is `q` here, and `k` or `g` in the skeletons: see abjad_skeletons)
#: Words that are not part of the name's parts as a romanization keys them: son of, daughter
#: of (Ben, Bin, Ould are often left out of a romanized name, or joined to the next part).
_PARTICLES = frozenset({"بن", "ابن", "بنت", "ولد"})
#: Parts that romanizations write joined to the next part (`عبد الرحمن`, Abdulrahman; `أبو
#: بكر`, Abubakr) or to the previous one (`خير الله`, Khayrallah; `نصير الدين`, Nasiruddin).
_JOINS_NEXT = frozenset({"عبد", "ابو", "أبو", "بو"})
_JOINS_PREVIOUS = frozenset({"الله", "اللہ", "الدين", "الدین"})
_REPEATS = re.compile(r"(.)\1+")
_WORD_BREAK = re.compile(r"\W+")


def _skeleton(word: str) -> str:
    """A word's consonants in the variant keys' alphabet, as `_gm_skeleton` writes a key's:
    the first letter kept, later y and w (long vowels) dropped. A letter written twice in a row
    counts once, as keys write doubled letters (`الله` is `lh`, as Allah keys `alah`); the same
    consonant on each side of a vowel letter counts twice (`جلال` is `jll`, as Jalal `jalal`)."""
    letters = _REPEATS.sub(r"\1", "".join(_LETTERS.get(ch, "_") for ch in word)).replace("_", "")
    return letters[:1] + letters[1:].replace("i", "").replace("v", "")


def abjad_skeletons(name: str) -> list[str]:
    """The skeletons of a name's words in an abjad script, space-separated in written order
    (words in other scripts left out): once as written, and, when it has parts that
    romanizations join (`عبد`, `أبو` with the next part, `الله`, `الدين` with the previous one),
    with those joined, the article of the second kept and left out; each of these again with
    `ق` written `g` rather than `k`, where it has one. Particles (`بن`, `ولد`)
    are left out. An article joined to a word stays (`الدوري` is `ldr`): linkage also tries
    the word without it.

    >>> abjad_skeletons("عزت ابراهيم الدوري")
    ['zt brhm ldr']
    >>> abjad_skeletons("عبد الرحمن ياسين")
    ['bd lrhmn isn', 'bdlrhmn isn', 'bdrhmn isn']
    """
    # (vowel signs and shadda are marks, not letters: left out before the words are split)
    text = "".join(ch for ch in unicodedata.normalize("NFKC", name)
                   if not unicodedata.category(ch).startswith("M"))
    words = [w for w in _WORD_BREAK.split(text) if w and w not in _PARTICLES]
    parts = [(w, s) for w in words if (s := _skeleton(w))]
    if not parts:
        return []
    written = " ".join(s for _, s in parts)
    # joined parts, the second with its article (Abdalrahman, Jalaladdin) and without it
    # (Abdurrahman, Jalaluddin: the article's l assimilated or not written)
    joined: tuple[list[str], list[str]] = ([], [])
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and (parts[i][0] in _JOINS_NEXT
                                   or parts[i + 1][0] in _JOINS_PREVIOUS):
            (_, a), (second, b) = parts[i], parts[i + 1]
            joined[0].append(a + b)
            joined[1].append(a + b[1:] if second.startswith("ال") and len(b) > 1 else a + b)
            i += 2
        else:
            for variant in joined:
                variant.append(parts[i][1])
            i += 1
    skeletons = [written, *(" ".join(v) for v in joined)]
    # qaf is q (keyed k) in most romanizations, g in Gulf, Iraqi and Maghrebi ones (Gaddafi,
    # Belgacem, Gasmi)
    return list(dict.fromkeys([s.replace("q", k) for k in ("k", "g") for s in skeletons]))
