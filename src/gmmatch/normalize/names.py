"""Person (and generic) name normalization: titles, order, particles, tokens and keys.

The pipeline for one name is::

    raw -> fold_text (any script to lowercase ASCII words)
        -> split into surname / given parts (`SURNAME, Given` or UN-style parts)
        -> strip leading honorifics and generational suffixes (kept in `NameParts.titles`)
        -> canonical particles inside each part (al/el/ul -> al, ben/ibn -> bin, abdul/abdel/
           abd al -> one `abdul...` token, abu/abou -> one `abu...` token)
        -> tokens -> per-token variant key and phonetic code -> order-independent name key

All functions are pure, cached on the string where it pays, and never raise on any `str`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise

import jellyfish

from gmmatch.normalize._cache import LONGEST_CACHED, short_text_cache
from gmmatch.normalize.text import (
    _ASCII_APOSTROPHES,
    _ASCII_FOLD_BYTES,
    _fold_words,
    ascii_fold,
    fold_text,
)

__all__ = [
    "NameParts",
    "ch_as_sh",
    "french_as_english",
    "german_as_english",
    "holds_asides",
    "joined_name_key",
    "name_key",
    "name_tokens",
    "normalize_name",
    "parse_name",
    "phonetic_key",
    "plain_name_key",
    "slavic_as_english",
    "slavic_letters_as_english",
    "spanish_as_english",
    "split_asides",
    "strip_titles",
    "token_keys",
    "token_variant_key",
    "unspaced_name_key",
    "written_the_german_way",
    "written_the_slavic_way",
    "written_the_spanish_way",
]

# Honorifics, ranks, religious and royal titles, written folded. Words that are also common
# given names (Amir, Sultan, Malik, Sayed, Khan) are left out on purpose: stripping them would
# delete a real name far more often than it removes a title. Burmese `U` and `Daw` (Mr., Ms.:
# *U Soe Win*, *Daw Aung San Suu Kyi*) are among them: only a name's first words are titles,
# and a Korean `U` ends a name (*JANG, Hyon U*).
_TITLE_PHRASES = """
mr mrs ms miss mister madam madame mme mlle sir dame lord lady dr doctor prof professor eng engr
engineer ing hon honorable honourable excellency his excellency her excellency he h e
president vice president prime minister minister deputy minister senator deputy governor mayor
ambassador judge justice chairman
gen general lt lieutenant lt gen lieutenant general maj gen major general brig gen brigadier
brigadier general col colonel lt col lieutenant colonel maj major capt captain cpt cmdr commander
adm admiral vice admiral rear admiral marshal field marshal sgt sergeant cpl corporal
gen col air marshal police general senior general vice senior general
sheikh sheik shaikh shaykh sheykh cheikh shaikha sheikha haji hajji hadji hadj hajj alhaji alhaj
al haj al hajj mullah mulla molla maulana mawlana maulvi mawlawi moulvi mufti imam ayatollah
ayatullah hojatoleslam hujjat al islam qari hafiz rev reverend father fr bishop archbishop
patriarch metropolitan
prince princess king queen emir crown prince
u daw
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words of the phrases above that are not titles on their own.
_PHRASE_ONLY = ("he h e al his her vice deputy prime crown air field rear police fr ing eng lt pvt "
                "senior")
_SINGLE_TITLES = _words(_TITLE_PHRASES) - _words(_PHRASE_ONLY)
# Multi-word titles that must be matched whole (their words are not titles alone).
_MULTI_TITLES = (
    ("his", "excellency"), ("her", "excellency"), ("h", "e"), ("vice", "president"),
    ("prime", "minister"), ("deputy", "minister"), ("crown", "prince"), ("al", "haj"),
    ("al", "hajj"), ("hujjat", "al", "islam"), ("air", "marshal"), ("field", "marshal"),
    ("rear", "admiral"), ("vice", "admiral"), ("lt", "gen"),
    # Burma's ranks above general (Min Aung Hlaing, Soe Win)
    ("senior", "general"), ("vice", "senior", "general"),
    *(("police", rank) for rank in ("general", "colonel", "major", "captain", "lieutenant",
                                     "brigadier")),
    ("lt", "col"), ("lt", "general"), ("lt", "colonel"), ("eng",), ("engr",), ("ing",),
)
_SUFFIXES = frozenset({"jr", "junior", "sr", "senior", "ii", "iii", "iv"})

# Arabic article, including the assimilated forms before "sun letters" (ad-Din, ash-Shifa,
# ar-Rahman, as-Sayyid, az-Zawahiri, an-Nur, at-Tawhid). Assimilated forms count only when the
# next word starts with the matching consonant, so Vietnamese `An` or English `Ed` survive.
_ARTICLES = frozenset({"al", "el", "ul", "il", "ol"})
_SUN_ARTICLES = {
    "ad": "d", "ed": "d", "ud": "d", "ar": "r", "er": "r", "ur": "r", "as": "s", "es": "s",
    "us": "s", "ash": "sh", "esh": "sh", "ush": "sh", "at": "t", "et": "t", "ut": "t",
    "ath": "th", "az": "z", "ez": "z", "uz": "z", "an": "n", "en": "n", "un": "n",
}
_SON_OF = {"bin": "bin", "ben": "bin", "ibn": "bin", "bn": "bin", "ibni": "bin", "bint": "bint",
           "binti": "bint", "bent": "bint", "ould": "ould", "uld": "ould", "wuld": "ould",
           "weld": "ould"}
_ABU = frozenset({"abu", "abou", "abo", "aboo", "abul", "abol", "bou"})
_ABD_BARE = frozenset({"abd", "abdu", "abdou", "abdo", "abed"})
_ABD_FUSED = re.compile(r"^abd(?:u|e|a|o|ou|i)?(l|r|sh|s|t|d|z|n)(?P<rest>[a-z]*)$")
# Abd joined to the name by a vowel alone, no article written (Somali Abdirahman, Abdikadir,
# Abdiaziz; Uzbek Abdukadir; Abdurahman with one r): the name is not an ending (Abdiyev, Abduev)
_ABD_LINKED = re.compile(r"^abd(?:ou|[aeiou])(?P<rest>[a-km-xz][a-z]{2,})$")
_ALLAH = frozenset({"allah", "ullah", "ellah", "illah", "alla", "ulla", "lah", "llah", "la"})
# Compounds of a name and al-Din (of the faith) or Allah, written joined, hyphenated or apart
# (the SDN list's BADR AL DIN and BADREDDINE, BASHIR-UD-DIN and BASHIRUDDIN, SEIF ALLAH and
# SEIFALLAH, HAYAT ULLAH and HAYATULLAH): written as one word, `<name>uddin`, `<name>allah`.
# (Din alone after a name is a name of its own: Muhammad Din, Karam Din)
_DIN = frozenset({"din", "deen", "dine", "diin"})
_DIN_ARTICLES = frozenset({"al", "el", "ul", "il", "ad", "ed", "ud", "id"})
_ARTICLE_DIN = frozenset({"uddin", "uddeen", "eddin", "eddine", "iddin"})
_SPACED_ALLAH = frozenset({"allah", "ullah", "ollah", "ellah", "illah"})
# a joined al-Din (Nureddin, Salahuddin, Tajideen, Nasseredine, Samsudin), not a name that only
# ends so (Geraldine, Claudine, Nadine)
_FUSED_DIN = re.compile(r"^(?P<name>[a-z]{3,}?)(?:uddin|uddeen|udin|udeen|eddine|eddin|edine|"
                        r"iddin|ideen|addin|aldin|aldeen|uldin)$")
#: Words of a person's name dropped from keys (`token_keys`, `name_keys`, `phonetic_keys`; they
#: stay in the text): connectors that lists write or omit at will, the canonical Arabic
#: particles and the European particles that only ever connect (`de la Cruz`, `dos Santos`,
#: `von Braun`, `Garcia y Lopez`). Particles that are also East Asian names (`Le`, `Do`, `Du`,
#: `Di`, `La`, `Van`) are not among them. A name made only of these keeps them all.
KEY_STOPWORDS = frozenset({"al", "bin", "bint", "ould",
                           "de", "del", "della", "dos", "das", "von", "der", "den", "y"})
#: Articles dropped from keys after `de` only (`De La Cruz`, `de los Santos`, `de las Casas`):
#: alone they may be names (Vietnamese La), and kept they met any name keyed `la` (*Li Gorrin
#: Belisario* was a name inside *GORRIN BELISARIO, Raul Antonio De La Santisima Trinidad*).
ARTICLES_AFTER_DE = frozenset({"la", "las", "los"})


# Every word `_canonical_particles` may rewrite, besides those starting with `abd`.
_PARTICLE_WORDS = _ARTICLES | set(_SUN_ARTICLES) | set(_SON_OF) | _ABU | _ABD_BARE

#: Articles written fused to the next word (`ALSHATTI` for `AL-SHATTI`), and the fewest letters
#: a word needs to be split off one (Albina is not al-Bina).
ARTICLES_FUSED = ("al", "el")
MIN_STEM = 5
#: Words the official lists write after an Arabic article (benchmarks/build_article_stems.py):
#: a word made of an article and one of these is split in two (`alshatti`: `al shatti`), so
#: that the fused, hyphenated and spaced spellings get the same keys. A vocabulary rather than
#: a rule, since `al` and `el` start many names that hold no article (Alexander, Elena).
ARTICLE_STEMS = frozenset(
    line for line in
    (resources.files("gmmatch.normalize") / "article_stems.txt").read_text().splitlines()
    if line and not line.startswith("#"))
_FUSED_FROM = 2 + MIN_STEM


def _fused_article(token: str) -> bool:
    """`alshatti`: an article fused to one of ARTICLE_STEMS, or to another spelling of one
    (`alsehri`: `sehri` keys as `shehri` does)."""
    return (len(token) >= _FUSED_FROM and token[:2] in ARTICLES_FUSED
            and (token[2:] in ARTICLE_STEMS or _article_stem_key(token[2:])))


def _article_stem_key(stem: str) -> bool:
    return token_variant_key(stem) in _ARTICLE_STEM_KEYS


def _split_fused_articles(tokens: list[str]) -> list[str]:
    """`alshatti` as `al shatti`, when `shatti` is one of ARTICLE_STEMS."""
    if not any(map(_fused_article, tokens)):
        return tokens  # most names
    return [part for token in tokens
            for part in ((token[:2], token[2:]) if _fused_article(token) else (token,))]


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name split into parts, folded to lowercase ASCII with canonical particles.

    `given` and `surname` are tuples of tokens; `surname` is empty when the order is unknown
    (a bare `Given Surname` string: see `parse_name`). `titles` holds what was stripped.
    """

    original: str
    given: tuple[str, ...]
    surname: tuple[str, ...]
    titles: tuple[str, ...] = ()

    @property
    def tokens(self) -> tuple[str, ...]:
        """All tokens, given names first."""
        return self.given + self.surname

    @property
    def text(self) -> str:
        """The normalized name, given names first: `aleksandr vasilevich bortnikov`."""
        return " ".join(self.tokens)


_MULTI_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _multi in _MULTI_TITLES:
    _MULTI_BY_FIRST.setdefault(_multi[0], []).append(_multi)
# The words a title can start with.
_TITLE_STARTS = _SINGLE_TITLES | frozenset(_MULTI_BY_FIRST)


def _strip_title_tokens(tokens: list[str], keep_one: bool = True) -> tuple[list[str], list[str]]:
    """Strip leading titles and trailing suffixes; never strip a name down to nothing (unless
    not `keep_one`: the tokens are part of a name that has other words)."""
    if not tokens or (tokens[0] not in _TITLE_STARTS and tokens[-1] not in _SUFFIXES):
        return tokens, []  # most names
    stripped: list[str] = []
    start = 0
    while start < len(tokens) - keep_one:
        token = tokens[start]
        for multi in _MULTI_BY_FIRST.get(token, ()):
            end = start + len(multi)
            if tuple(tokens[start:end]) == multi and end <= len(tokens) - keep_one:
                stripped.append(" ".join(multi))
                start = end
                break
        else:
            if token in _SINGLE_TITLES:
                stripped.append(token)
                start += 1
                continue
            break
    rest, suffixes = _strip_suffixes(tokens[start:], keep_one)
    return rest, stripped + suffixes


def _strip_suffixes(tokens: list[str], keep_one: bool = True) -> tuple[list[str], list[str]]:
    """Strip trailing `Jr`, `III`...; as `_strip_title_tokens`."""
    end = len(tokens)
    while end > keep_one and tokens[end - 1] in _SUFFIXES:
        end -= 1
    return tokens[:end], tokens[end:][::-1]


def strip_titles(name: str) -> tuple[str, tuple[str, ...]]:
    """Remove leading honorifics/ranks and trailing `Jr`/`III`; return (rest, stripped).

    >>> strip_titles("Sheikh Dr. Ahmed Yassin")
    ('ahmed yassin', ('sheikh', 'dr'))
    """
    rest, stripped = _strip_title_tokens(fold_text(name).split())
    return " ".join(rest), tuple(stripped)


def _canonical_parts(given: list[str], surname: list[str]) -> tuple[list[str], list[str]]:
    """`_canonical_particles` of a name's given names and surname read as one, given names
    first, as the name is said and as a name written in that order is read: `RUSDAN, Abu` gets
    the tokens of *Abu Rusdan*, `BEN HENI, Lased` those of *Lased ben Heni*, `AL-DEEN, Saher
    Burhan` those of *Saher Burhan al-Deen* (`burhanuddin`). Read apart, the two disagreed for
    50 names of the 2024 SDN list (until 2026-12-02: only given names ending with a particle
    that leads into the surname were read across the comma), so that the list's key and a
    recommendation's were not the same, and normalizing a normalized name changed it. A
    compound made across the comma (`abu` + `rusdan`) joins the surname."""
    if not (given and surname):
        return _canonical_particles(given), _canonical_particles(surname)
    ends: list[int] = []
    tokens = _canonical_particles(given + surname, ends)
    cut = next(k for k, end in enumerate(ends) if end >= len(given))
    return tokens[:cut], tokens[cut:]


# What every compound `_canonical_particles` writes one way holds (Abd..., ...al-Din, ...Allah):
# a name without any (most names, which have no particle either) is left as it is. A stray one
# inside a word (Dinara, Callahan) only costs the full pass.
_COMPOUND_HINTS = ("abd", "din", "deen", "lla")


def _may_hold_compound(text: str) -> bool:
    return any(hint in text for hint in _COMPOUND_HINTS)


def _canonical_particles(tokens: list[str], ends: list[int] | None = None) -> list[str]:
    """Write Arabic articles and compounds one way (order kept). When `ends` is given, it
    receives, for each token written, the index of the last input token it was made from."""
    if ends is None and _PARTICLE_WORDS.isdisjoint(tokens) and not _may_hold_compound(
            " ".join(tokens)):
        return tokens  # most names: nothing to rewrite
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        if ends is not None:
            ends.extend([i - 1] * (len(out) - len(ends)))
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else None
        if nxt is not None and len(tok) >= 3 and tok not in _PARTICLE_WORDS:
            # Nur al-Din, Bashir ud Din, Salah Eddine, Nasr Allah: one word
            if nxt in _DIN_ARTICLES and i + 2 < n and tokens[i + 2] in _DIN:
                out.append(tok + "uddin")
                i += 3
                continue
            if nxt in _ARTICLE_DIN or nxt in _SPACED_ALLAH:
                out.append(tok + ("uddin" if nxt in _ARTICLE_DIN else "allah"))
                i += 2
                continue
        if nxt is not None:
            if tok in _ARTICLES:
                out.append("al")
                i += 1
                continue
            sun = _SUN_ARTICLES.get(tok)
            if sun is not None and nxt.startswith(sun) and len(nxt) > len(sun) + 1:
                out.append("al")
                i += 1
                continue
            if tok in _SON_OF and (out or tok in {"ibn", "bint", "ould"}):
                out.append(_SON_OF[tok])
                i += 1
                continue
            if tok in _ABD_BARE or tok in _ABU:
                # abd al-Rahman / abu al-Khayr: the article between the two words is dropped
                j = i + 1
                if tokens[j] in _ARTICLES or (
                    tokens[j] in _SUN_ARTICLES and j + 1 < n
                    and tokens[j + 1].startswith(_SUN_ARTICLES[tokens[j]])
                ):
                    j += 1
                if j < n:
                    head = "abdul" if tok in _ABD_BARE else "abu"
                    out.append(_abd_compound(tokens[j]) if head == "abdul" else "abu" + tokens[j])
                    i = j + 1
                    continue
            if (tok.startswith("abd") and len(tok) <= 6
                    and (glued := _ABD_FUSED.match(tok)) and not glued.group("rest")):
                # `abdul rahman`, `abdel aziz`, `abdur rahman`: the article is glued to abd
                # (and nothing more: `abdulc`, Abd and a one-letter name, is a word of its own)
                out.append(_abd_compound(nxt))
                i += 2
                continue
        if tok.startswith("abd") and len(tok) > 6:
            out.append(_split_fused_abd(tok))
        elif (fused := _FUSED_DIN.match(tok)) is not None:
            out.append(fused.group("name") + "uddin")
        else:
            out.append(tok)
        i += 1
    if ends is not None:
        ends.extend([n - 1] * (len(out) - len(ends)))
    return out


def _abd_compound(rest: str) -> str:
    return "abdullah" if rest in _ALLAH else "abdul" + rest


def _split_fused_abd(token: str) -> str:
    """`abdurrahman`, `abdelaziz`, `abdulkarim`, `abdallah`, `abdirahman`, `abdikadir` ->
    `abdulrahman`, ... `abdullah`, `abdulrahman`, `abdulkadir`."""
    match = _ABD_FUSED.match(token)
    if match:
        consonant, rest = match.group(1), match.group("rest")
        if consonant == "l" and ("l" + rest) in _ALLAH | {"lah", "llah"}:
            return "abdullah"
        if consonant == "l":
            return _abd_compound(rest.removeprefix("l") if rest.startswith("ll") else rest)
        # assimilated article: abdur-rahman, abdus-salam, abdush-shakur
        if rest.startswith(consonant) and len(rest) > 2:
            return "abdul" + rest
    linked = _ABD_LINKED.match(token)
    return "abdul" + linked.group("rest") if linked else token


# Syllable shape shared by Pinyin, Wade-Giles and Korean romanizations; used together with a
# surname list to decide that a name is Chinese or Korean (then voicing pairs are folded).
# No syllable ends in an `r` but Pinyin's `er` and Cantonese `or` (Yuet-ngor): Korean writes
# that final `l`. Until 2026-12-03 any did, and Arabic and English given names of two such
# syllables (Nadir, Nasser, Carrie, Amber) beside a surname Koreans or Chinese also bear (Rim,
# Lam, Sun) made a Chinese or Korean name (*AL-TAQI, Rim Nadir* was keyed `lam nataltaka`).
_CJK_SYLLABLES = re.compile(
    r"^(?:(?:[bcdfghjklmnpqrstwxyz]|ch|sh|zh|ts|tz|hs|ng|kk|tt|pp|ss|jj)?"
    r"(?:(?:[aeiouy]|ae|ai|ao|eo|eu|ei|ia|ie|io|iu|oe|oi|ou|ua|ue|ui|uo|wa|wo|we|yu|ya|yo|ye|"
    r"iao|uai)(?:ng|n|m|l|k|p|t)?|or)|er){1,2}$"
)
_CJK_SURNAMES = _words(
    """kim gim lee li ri rhee yi park pak bak choe choi choy jung jeong chong chung kang gang cho
    jo yoon yun jang chang lim im rim han oh seo shin sin kwon gwon hwang ahn song ryu yu yoo hong
    jeon chon ko moon mun son yang bae pae baek paek heo nam ju sim noh kwak gwak sung seong cha
    ku gu min wang zhang liu chen chan huang wong zhao chao wu ng zhou chou chow xu hsu sun zhu chu
    hu guo kuo gao kao lin lam luo zheng cheng liang xie hsieh tang feng deng teng cao tsao peng
    zeng tseng xiao hsiao tian dong tung pan yuan cai tsai jiang chiang du ye yeh wei su lu ding
    shen yao jin chin qian ho xi hsi rhie"""
)


def _is_cjk_name(tokens: list[str] | tuple[str, ...]) -> bool:
    return (
        2 <= len(tokens) <= 5
        and not _CJK_SURNAMES.isdisjoint(tokens)
        # (a surname need not be shaped as a syllable: Park, Rhee, Hsieh)
        and all(t in _CJK_SURNAMES or _CJK_SYLLABLES.match(t) for t in tokens)
    )


@short_text_cache(262144)
def parse_name(
    name: str | None,
    surname: str | None = None,
    given_names: str | None = None,
    *,
    comma_order: bool = True,
) -> NameParts:
    """Split a person's name into given names and surname, folded, titles stripped.

    - `surname` / `given_names` given (UN parts, spreadsheets with two columns): used as such;
      `name` is then only a fallback when both are empty.
    - `SURNAME, Given Names` (OFAC's form): split at the first comma when `comma_order`.
      Pass `comma_order=False` for organizations, whose commas are not name order.
    - Otherwise, when some words are written in capitals and others not (`BORTNIKOV Aleksandr`),
      the capitalized words are the surname. Else the order is unknown and `surname` stays
      empty: keys are order-independent, so nothing downstream depends on guessing.
    """
    given, surname_tokens, titles = _split_name(name, surname, given_names, comma_order)
    return NameParts(name or "", given, surname_tokens, titles)


# The ASCII fold that keeps commas: an ASCII `SURNAME, Given` name is folded in one pass and cut
# at its first comma afterwards (folding only deletes apostrophes, so that comma stays first;
# later commas are spaces, as in the rest of the fold).
_ASCII_FOLD_KEEP_COMMA = (
    _ASCII_FOLD_BYTES[: ord(",")] + b"," + _ASCII_FOLD_BYTES[ord(",") + 1 :]
)


def _split_name(
    name: str | None, surname: str | None, given_names: str | None, comma_order: bool = True
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """`parse_name` as (given, surname, titles), uncached: `name_features` caches whole names.

    The common case (an ASCII `SURNAME, Given` name without title or particle) makes no
    further Python call: at this speed each costs as much as folding the whole name.
    """
    original = name or ""
    surname_tokens: list[str] = []
    folded = None  # the whole name folded, when at hand (the check for compounds below)
    if surname or given_names:
        surname_tokens = _fold_words(surname or "")
        given_tokens = _fold_words(given_names or "")
        if not surname_tokens and not given_tokens:
            given_tokens = _fold_words(original)
    elif comma_order and isinstance(name, str) and "," in name:
        if name.isascii():
            folded = name.encode().translate(_ASCII_FOLD_KEEP_COMMA, _ASCII_APOSTROPHES).decode()
            head, _, tail = folded.partition(",")
            surname_tokens, given_tokens = head.split(), tail.replace(",", " ").split()
        else:
            head, _, tail = name.partition(",")
            surname_tokens, given_tokens = _fold_words(head), _fold_words(tail)
        if not given_tokens:
            surname_tokens, given_tokens = [], surname_tokens
        elif not surname_tokens:
            surname_tokens, given_tokens = [], given_tokens
    else:
        given_tokens = _fold_words(original) if isinstance(name, str) else []
        han = _han_name(original) if len(given_tokens) > 1 and not original.isascii() else None
        if han is not None:
            # syllables, not words: no title (亘 is `gen`) nor particle (宾 is `bin`) among them
            return han[1], han[0], ()
        surname_tokens, given_tokens = _capitalized_surname(original, given_tokens)
    given_tokens = _split_fused_articles(given_tokens)
    surname_tokens = _split_fused_articles(surname_tokens)
    if (given_tokens and given_tokens[0] not in _TITLE_STARTS
            and given_tokens[-1] not in _SUFFIXES
            and not (surname_tokens and surname_tokens[-1] in _SUFFIXES)):
        titles: tuple[str, ...] = ()  # most names: no title, no suffix
    else:
        given_tokens, surname_tokens, titles = _strip_name_titles(given_tokens, surname_tokens)
    # most names: nothing for _canonical_particles to rewrite (its own first check, made once
    # for both parts: no particle word, and nothing `_may_hold_compound`)
    if _PARTICLE_WORDS.isdisjoint(given_tokens) and _PARTICLE_WORDS.isdisjoint(surname_tokens):
        if folded is None:
            folded = " ".join(given_tokens) + " " + " ".join(surname_tokens)
        if not _may_hold_compound(folded):
            return tuple(given_tokens), tuple(surname_tokens), titles
    if _is_cjk_name(given_tokens + surname_tokens):
        # syllables, not particles: the Korean given name Il is no article (*CHOE, Song Il*,
        # written *Song Il Choe*, lost its Il until 2026-12-02), nor Un, nor the Chinese An
        return tuple(given_tokens), tuple(surname_tokens), titles
    given_tokens, surname_tokens = _canonical_parts(given_tokens, surname_tokens)
    return tuple(given_tokens), tuple(surname_tokens), titles


def _strip_name_titles(
    given: list[str], surname: list[str]
) -> tuple[list[str], list[str], tuple[str, ...]]:
    """Titles and suffixes of the given names (all of them may go when there is a surname:
    `SMITH, Dr.`), suffixes of the surname (`SMITH III, John`; `John SMITH III`), and titles
    of the surname when nothing else is left. What is left normalizes to itself: no title
    leads it, no suffix ends it."""
    given, titles = _strip_title_tokens(given, keep_one=not surname)
    if not given:
        surname, stripped = _strip_title_tokens(surname)
        titles.extend(stripped)
    else:
        surname, stripped = _strip_suffixes(surname, keep_one=False)
        titles.extend(stripped)
    return given, surname, tuple(titles)


# A Chinese name in Han characters: one syllable a character, the surname first. Pinyin
# writes the given name as one word (陈全国, CHEN Quanguo), as do the SDN and UN lists; read
# character by character it would be two (Chen Quan Guo). A transliterated foreign name, its
# parts apart by a middle dot (阿卜杜拉·买买提), is left alone.
_HAN_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,4}")
# Surnames of two characters, written as one word in Pinyin (Ouyang, Sima, Zhuge).
_HAN_COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "诸葛", "上官", "司徒", "夏侯", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
    "宇文", "轩辕", "东方", "端木", "西门", "南宫", "歐陽", "司馬", "諸葛", "長孫", "軒轅", "東方",
    "西門", "南宮",
))


def _han_name(original: str) -> tuple[tuple[str], tuple[str]] | None:
    """(surname, given name) of a Chinese name in Han characters, in Pinyin words; else None."""
    chars = "".join(original.split())
    if not _HAN_NAME.fullmatch(chars):
        return None
    cut = 2 if chars[:2] in _HAN_COMPOUND_SURNAMES and len(chars) > 2 else 1
    surname, given = "".join(_fold_words(chars[:cut])), "".join(_fold_words(chars[cut:]))
    return ((surname,), (given,)) if surname and given else None


# `a.k.a.` and its kin inside one name field: what follows is another name of the same party
# (a word of its own: `YK-AKA` is a name).
_AKA_MARKER = (r"(?<![\w-])(?:a\.?\s?k\.?\s?a|also known as|alias|f\.?\s?k\.?\s?a|"
               r"formerly known as|n\.?\s?k\.?\s?a|now known as)(?![\w-])")
# The marker where it stands, to search for; and with the blanks, bracket and punctuation
# around it, to split at (slow to search for: three microseconds a name, three seconds a
# million names).
_AKA_WORD = re.compile(_AKA_MARKER, re.IGNORECASE)
_AKA = re.compile(rf"\s*[(\[]?\s*{_AKA_MARKER}\.?\s*:?\s*", re.IGNORECASE)


def holds_asides(name: str) -> bool:
    """Whether `split_asides` would find more than the name itself in `name` (cheap: most
    names are tested by a few substring searches only)."""
    if "(" in name or "[" in name:
        return True
    low = name.lower()
    return (("ka" in low or "k." in low or "k a" in low or "alias" in low or "known" in low)
            and _AKA_WORD.search(name) is not None)


# A last part in brackets: an acronym, a nickname, a spelling, the name in its own script.
_TRAILING_ASIDE = re.compile(r"^(?P<name>.*?[^\s(\[])\s*[(\[](?P<aside>[^()\[\]]+)[)\]]\s*$")
_LATIN = re.compile(r"[A-Za-z]")


def split_asides(name: str) -> tuple[list[str], list[str]]:
    """(names, weak names) that one name field holds, as recommendation lists write them.

    - `A a.k.a. B`, `A (a.k.a. B)`, `A alias B`, `A f.k.a. B`: the names A and B.
    - `Xinjiang Production and Construction Corps (XPCC)`, `Ashraf Seed Ahmed (Al Cardinal)`:
      the name before the brackets, the whole as written too (the list may hold the nickname
      in the name: `AL-CARDINAL, Ashraf Seed Ahmed`), and what the brackets hold as a weak name
      (an acronym, a nickname or a spelling is weak evidence, as OFAC's weak a.k.a.s are); in
      another script than the name (`Jin Tiesan (金铁三)`, the UN list's way), a name of its
      own instead of the whole.
    - Anything else: the name alone. A bracket inside a name (`HONG PANG GEMS (HK) CO.`) stays.
    """
    if not isinstance(name, str) or not name.strip():
        return [], []
    if not holds_asides(name):
        return [name], []  # most names
    pieces = [p.strip(" ,;") for p in _AKA.split(name)]
    if not pieces[0]:
        return [name], []  # `Aka Ibrahim`, `Alias Ahmed`: a name, no marker before it
    names, weak = [], []
    for piece in filter(None, pieces):
        if piece.count(")") > piece.count("(") or piece.count("]") > piece.count("["):
            piece = piece[:-1].rstrip(" ,;")  # the bracket that held `(a.k.a. B)`
        aside = _TRAILING_ASIDE.match(piece)
        if aside is None:
            names.append(piece)
            continue
        names.append(aside["name"])
        other_script = bool(_LATIN.search(aside["name"])) != bool(_LATIN.search(aside["aside"]))
        held = [a.strip() for a in aside["aside"].split(";") if a.strip()]
        if other_script:
            names.extend(held)
        else:
            names.append(piece)
            weak.extend(held)
    return names or [name], weak


def _capitalized_surname(original: str, tokens: list[str]) -> tuple[list[str], list[str]]:
    if len(tokens) < 2:
        return [], tokens
    if original.isascii():
        if original.isupper() or original.islower():
            return [], tokens  # one case only: no word stands out
        folded = original.replace("'", "").replace("`", "")  # ascii_fold, without its cache
    else:
        folded = ascii_fold(original)
    words = folded.replace("-", " ").split()
    if len(words) != len(tokens):
        return [], tokens
    upper = [w.isupper() and (w.isalpha() or sum(c.isalpha() for c in w) > 1) and len(w) > 1
             for w in words]
    if not original.isascii():
        # a word of a script without case (Hebrew, Arabic, Chinese) is in no capitals, whatever
        # case its transliteration has (`ץ` is `Ts`): each word folded is in capitals only if
        # the word it comes from was
        written = [w.isupper() for w in original.replace("-", " ").split()
                   for _ in ascii_fold(w).replace("-", " ").split()]
        if len(written) == len(words):
            upper = [u and w for u, w in zip(upper, written, strict=True)]
    if not any(upper):
        return [], tokens  # most mixed-case names: no word in capitals
    # the words are ASCII, so "has a lowercase letter" is "changes when uppercased"
    has_lower = [w.upper() != w for w in words]
    if any(has_lower):
        surname = [t for t, u in zip(tokens, upper, strict=True) if u]
        given = [t for t, u in zip(tokens, upper, strict=True) if not u]
        return surname, given
    return [], tokens


def normalize_name(name: str | None) -> str:
    """Normalized name text: lowercase ASCII, titles stripped, given names first when the order
    is known, particles canonical. `normalize_name("BORTNIKOV, Aleksandr Vasilyevich")` is
    `'aleksandr vasilyevich bortnikov'`.
    """
    return parse_name(name).text


def name_tokens(name: str | None) -> list[str]:
    """Distinct tokens of the normalized name, in order."""
    return list(dict.fromkeys(parse_name(name).tokens))


# --- transliteration-variant key -------------------------------------------------------------

# Russian -iy/-yy/-ii/-ij/-y endings all end in `i`; -off/-eff are -ov/-ev.
_ENDINGS = ("iy", "yy", "ii", "ij", "yj", "ei", "ey", "y")
# Multigraphs that romanization systems write differently for one sound, applied in this order
# (so `dzh` becomes `j` before `zh` is looked at). Upper-case letters are placeholders that
# protect a folded sound from the single-letter rules that follow, lowered at the end.
_MULTIGRAPHS = (
    # (`ksch` first: the ks that writes x before a ch, Ekschange for Exchange, not a k and a
    # German sch, which keyed `iksang` against `ixcang`)
    ("ksch", "xC"),
    ("tsch", "C"), ("tch", "C"), ("sch", "S"), ("dzh", "J"), ("dsh", "J"), ("dj", "J"),
    ("zh", "J"), ("ch", "C"), ("sh", "S"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"),
    ("dh", "d"), ("ck", "k"), ("ks", "x"), ("cs", "x"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
    ("ie", "e"), ("ye", "e"), ("w", "v"), ("q", "k"), ("c", "k"), ("y", "i"), ("J", "j"),
)
# The single-letter rules come last and each writes a letter that no later rule reads, so one
# byte table applies them all at once; it also lowers the placeholders C and S (J is a rule).
_PAIR_RULES = tuple(rule for rule in _MULTIGRAPHS if len(rule[0]) > 1)
_LETTER_RULES = _MULTIGRAPHS[len(_PAIR_RULES) :]
_LETTERS = bytes.maketrans(
    "".join(old for old, _ in _LETTER_RULES).encode() + b"CS",
    "".join(new for _, new in _LETTER_RULES).encode() + b"cs",
)
# Only `kh` writes an `h`, so a word without one skips every rule that needs it.
_PAIR_RULES_NO_H = tuple(rule for rule in _PAIR_RULES if "h" not in rule[0])
# A word in which none of them occurs skips them all: a rule can only meet what an earlier rule
# wrote if that earlier rule applied.
_ANY_PAIR = re.compile("|".join(re.escape(old) for old, _ in _PAIR_RULES))
# Korean (McCune-Reischauer vs Revised) and Chinese (Wade-Giles vs Pinyin) differ mostly in
# voicing: k/g, t/d, p/b, ch/j, ts/z, hs/x. Folded only for names recognized as CJK.
_CJK_FOLD = (
    ("hs", "x"), ("tz", "z"), ("ts", "z"), ("zh", "C"), ("ch", "C"), ("j", "C"), ("g", "k"),
    ("d", "t"), ("b", "p"), ("r", "l"), ("eo", "o"), ("eu", "u"), ("ae", "e"), ("oe", "e"),
)
_VOWELS_TO_A = bytes.maketrans(b"eiou", b"aaaa")
# Husayn (حسين) and Hasan (حسن), two of the commonest names of all, would key alike (`hasan`)
# once inner vowels fold, and namesakes met as one name in two spellings (*Hassan Nodeh* and
# *NODEH, Hosein Akbari*). The first vowel tells them apart in every romanization: u or o for
# Husayn (Hussein, Husayn, Husain, Hossein, Hosein, Hüseyin, Hussen, Malay Hussin, Somali
# Xuseen, Russian Guseynov), a or e for Hasan (Hassan, Hasen, Hassane, Gasanov). Of the
# 2024 SDN entries carrying either, 160 write Husayn only, 152 Hasan only, 9 both (most of
# them names holding both, *Hussein Kamel Hassan al-Majid*).
_HUSAYN = re.compile(
    r"(?:h|kh|x)(?:u|ou|o)s{1,2}(?:ai|ay|ei|eyi|ey|ie|ee|a|e|i)n(?:e|i|y|ov|ova|zadeh|zada|pour)?"
    r"|g(?:u|ou|o)s{1,2}(?:ai|ay|ei|eyi|ey|ej)n(?:ov|ova|li)?")
_INITIAL_VOWEL = {"e": "i", "o": "u"}
# Double letters, not digits: a number's digits are as written (YV1005 is not YV105, an
# aircraft's registration mark; plant no. 1100 is not no. 10)
_DOUBLES = re.compile(r"([a-z])\1+")
_HAS_DOUBLE = re.compile(r"([a-z])\1")  # a cheaper search: one word in eight has a double letter


@short_text_cache(262144)
def token_variant_key(token: str, cjk: bool = False) -> str:
    """Fold the usual romanization differences out of one word.

    kh/h, gh/g, ph/f, th/t, dh/d, dzh/dj/zh/j, tch/tsch/ch, ou/oo/u, y/i, w/v, q/c/k, ks/x,
    ie/ye/e, -iy/-y/-ij/-ii/-ej endings, -off/-ov, double letters; then each run of vowels after
    the first letter becomes one `a`, because which vowel is what transliterations disagree on
    most (Muhammad / Mohammed / Mohamed all give `mahamad`), while *whether* there is one is
    what tells names apart (Mahmoud `mahmad`, Ali `ala` and the article al `al`, Sansara and
    Sansri). A silent final -e (French Setchine, Prigojine) and the -er of English -der/-ter
    against Russian -dr/-tr (Alexander / Aleksandr, Peter / Petr) are folded first.
    `cjk=True` also folds voicing pairs. One pair of names is kept apart although only vowels
    tell them: Husayn (`hasin`: Hussein, Hossein, Hüseyin) is not Hasan (`hasan`: Hassan).

    `j` is a consonant but at the end of a word after a vowel: English writes it for ج, ژ, ж
    and Spanish for its own (Sajjad, Najjar, Marjan, Mejia), and read as the y German and
    Slavic spellings write it for (Jurij, Jelena) it made those Said, Nur, Maroon and Ma.
    """
    return _variant_key(token, cjk)


def _variant_key(token: str, cjk: bool = False) -> str:
    """`token_variant_key` without its cache (for callers that cache tokens themselves)."""
    word = token if token.isalnum() and token.isascii() and token.islower() else (
        fold_text(token).replace(" ", ""))
    return _word_variant_key(word, cjk)


def _word_variant_key(word: str, cjk: bool = False) -> str:
    """`_variant_key` of a folded word (lowercase ASCII letters and digits, as every token of
    a parsed name is), which folding would leave as it is."""
    if not word or word.isdigit():
        return word
    written = word
    if cjk:
        for old, new in _CJK_FOLD:
            if old in word:
                word = word.replace(old, new)
    last = word[-1]
    if last == "j" and len(word) > 2 and word[-2] in "aeou":
        # a final j after a vowel is the y of a Slavic name written the German way (Sergej,
        # Andrej, Nikolaj): elsewhere j is a consonant (Sajjad is not Said, Marjan not Maroon).
        # An Arabic final j stays a vowel so, as it was (Faraj keys as Fara, Farah as farah).
        word, last = word[:-1] + "i", "i"
    if last in "yij":  # every ending of _ENDINGS ends so: one look before eight
        if word.endswith(_ENDINGS):
            word = word[: -2 if word[-2:] in _ENDINGS else -1] + "i"
    elif last == "f" and word.endswith(("off", "eff")):
        word = word[:-2] + "v"
    if _ANY_PAIR.search(word):  # three words in four have none of these multigraphs
        for old, new in _PAIR_RULES if "h" in word else _PAIR_RULES_NO_H:
            if old in word:
                word = word.replace(old, new)
    # the word is ASCII: the single-letter rules and lowercasing in one byte table
    word = word.encode().translate(_LETTERS).decode()
    if _HAS_DOUBLE.search(word):
        word = _DOUBLES.sub(_first_letter, word)
    head, tail = word[0], word[1:]
    # An initial vowel is kept as one of three classes: Omar/Umar/Osama/Usama agree, Ibrahim/
    # Ebrahim/Yusuf/Iosif agree, and Asif (a) stays apart from Yusuf (i).
    head = _INITIAL_VOWEL.get(head, head)
    if not tail:
        return head
    if len(tail) > 2:
        # the e of a final consonant + e (Setchine) or consonant + er (Alexander) goes:
        # re.sub(r"(?<=[^aeiou])e(?=r?$)", "", tail), without a regex
        at = len(tail) - 1 if tail[-1] == "e" else len(tail) - 2 if tail.endswith("er") else 0
        if at and tail[at - 1] not in "aeiou":
            tail = tail[:at] + tail[at + 1 :]
    # each run of vowels one `a` (re.sub("[aeiou]+", "a", tail)), with C string methods: the
    # vowels made `a` by a byte table, then runs of `a` halved until none is left
    tail = tail.encode().translate(_VOWELS_TO_A).decode()
    while "aa" in tail:
        tail = tail.replace("aa", "a")
    if head in "hgx" and tail.startswith("asan") and not cjk and _HUSAYN.fullmatch(written):
        # `hasin`: an `i` no other key has past its first letter, and the consonant skeleton
        # `hsn` that حسين has (`abjad`)
        tail = "asin" + tail[4:]
    return head + tail


def _first_letter(match: re.Match) -> str:
    # a function, not the template r"\1": re re-parses a template on every call
    return match.group(1)


def key_bearing(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """The tokens of a person's name that make keys: all but KEY_STOPWORDS and the
    ARTICLES_AFTER_DE that follow a `de`, unless that would leave none (`De` alone, `Al Bin`),
    then all; and initials (a letter alone) left out beside two other parts.

    English writes a middle name as its initial (*Maher A. Mutreb*, *Ramzan A. Kadyrov*), and
    lists do too (*MUTREB, Maher Abdulaziz M.*): as a part of the key, the initial made the
    name another one, *Ramzan A. Kadyrov* and *KADYROV, Ramzan Akhmatovich* two names sharing
    parts. Without it the name is inside the other, as a name without its middle name is. An
    initial with one part beside it stays (*M. Mutreb*: one part would say less than the two),
    and so does a Chinese or Korean name's syllable (*JANG, Hyon U*)."""
    if KEY_STOPWORDS.isdisjoint(tokens):
        kept = list(tokens)
    else:
        kept = [t for i, t in enumerate(tokens) if t not in KEY_STOPWORDS and not (
            t in ARTICLES_AFTER_DE and i > 0 and tokens[i - 1] == "de")] or list(tokens)
    if any(len(t) == 1 for t in kept):
        words = [t for t in kept if len(t) > 1 or not t.isalpha()]
        if len(words) >= 2 and not _is_cjk_name(kept):
            return words
    return kept


def _key_tokens(parts: NameParts) -> list[str]:
    tokens = key_bearing(parts.tokens)
    if not _is_cjk_name(tokens):
        return [token_variant_key(t) for t in tokens]
    return _cjk_variant_keys(tokens, parts.surname)


# Korean surnames that North Korea's romanization (the lists': RI, PAK, CHOE) and South
# Korea's (the press's: Lee, Park, Choi) write apart beyond what the voicing folds join, each
# as the North writes it: 이/리 (李) Ri, Lee, Yi, Rhee; 박 Pak, Park; 최 Choe, Choi; 림/임 (林)
# Rim, Lim, Im; 신 Sin, Shin; 류/유 Ryu, Yu, Yoo. The same characters are Chinese surnames too
# (李 Li and Lee, 林 Lim), which this joins as they are. (Not 정 Jong, Jung: a name's surname
# is the first part that is a known surname, and Jong begins many given names, Kim Jong Un's.)
KOREAN_SURNAMES = {variant: surname for surname, variants in (
    ("ri", ("lee", "li", "yi", "rhee", "rhie")), ("pak", ("park", "bak")),
    ("choe", ("choi", "choy")), ("rim", ("lim", "im")), ("sin", ("shin",)),
    ("ryu", ("yu", "yoo"))) for variant in variants}


def _cjk_variant_keys(tokens: list[str], surname: Sequence[str] = ()) -> list[str]:
    """A Chinese or Korean name's keys: the surname's (`KOREAN_SURNAMES` as North Korea writes
    them), then its given syllables joined in the order written, which is fixed (the SDN list's
    `CHEN, Quanguo` is `陈全国`, read `Chen Quan Guo`: sorted, the syllables would join as
    `guoquan`). The surname is the name's own when it tells one (`surname`: a comma, a field,
    capitals) and that is a known one, else the first part that is: a given name may end in a
    syllable that is a surname elsewhere (`PAK, Hwa Song`, `RI, Je Son`, `CHOE, Song Chol`)."""
    surnames = ([t for t in surname if t in _CJK_SURNAMES and t in tokens]
                or [t for t in tokens if t in _CJK_SURNAMES])[:1]
    given = [token_variant_key(t, True) for t in tokens if t not in surnames]
    return ([token_variant_key(KOREAN_SURNAMES.get(t, t), True) for t in surnames]
            + ["".join(given)])


def token_keys(name: str | NameParts | None) -> tuple[str, ...]:
    """Variant key of each key-bearing token of a name (connectors like `al`/`bin` left out).

    For a Chinese or Korean name the given-name syllables are joined into one key, so that
    `Jong Un`, `Jong-un` and `Chong-un` agree; the keys of its `plain_name_key` follow.
    Accepts a name or its `NameParts`.
    """
    parts = name if isinstance(name, NameParts) else parse_name(name)
    keys = _parts_keys(parts)
    tokens = key_bearing(parts.tokens)
    if not _is_cjk_name(tokens):
        return keys
    return tuple(dict.fromkeys(keys + _plain_keys(tokens)))


def plain_name_key(name: str | NameParts | None) -> str | None:
    """A Chinese or Korean name's key as any other name's would be (no voicing folded, given
    syllables apart): a romanization the recognizer does not take for Chinese or Korean
    (`Liou`, `Djun`, `Tchong`) still meets the name through it. None for other names."""
    parts = name if isinstance(name, NameParts) else parse_name(name)
    tokens = key_bearing(parts.tokens)
    if not _is_cjk_name(tokens):
        return None
    return " ".join(sorted(_plain_keys(tokens))) or None


def _plain_keys(tokens: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(filter(None, map(token_variant_key, tokens))))


def _parts_keys(parts: NameParts) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for k in _key_tokens(parts) if k))


def name_key(name: str | NameParts | None) -> str:
    """Order-independent transliteration-variant key of a whole name (but for a Chinese or
    Korean name, whose first surname syllable is taken for the surname: see `token_keys`).

    `name_key("BORTNIKOV, Aleksandr Vasilyevich") == name_key("Alexander Vasilievich Bortnikov")`.
    """
    parts = name if isinstance(name, NameParts) else parse_name(name)
    return " ".join(sorted(_parts_keys(parts)))


#: Persian suffixes of compound surnames, which romanizations write joined, hyphenated or apart:
#: the SDN list writes one person FAKHR ZADEH and FAKHRIZADEH, AHMADI NEJAD and AHMADINEJAD,
#: MOZAFFARI NIA and MOZAFFARI-NIA (18 entries both ways). After another word they join it in
#: `joined_name_key`. (Not `rad`, `pur`, `far`: words and names of their own.)
JOINED_SUFFIXES = frozenset({"zadeh", "zade", "pour", "poor", "nejad", "nezhad", "nejhad",
                             "nia", "vand", "abadi"})
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


# `ch` not part of `tch` or `sch` (which write other sounds already folded), nor the `-vich`
# (`-vych`) of a Russian (Ukrainian) patronymic (French writes it `-vitch`).
_FRENCH_CH = re.compile(r"(?<![ts])ch(?<!v[iy]ch$)")


def ch_as_sh(token: str) -> str | None:
    """`token` with `ch` read as `sh`, as French writes Russian ш and Arabic ش (*Choïgou*,
    *Patrouchev*, *Rachid*, *Hicham*), where English writes `sh` (Shoigu, Patrushev, Rashid,
    Hisham); None when it has no such `ch`. English writes `ch` for ч and چ (Chernov,
    Chalabi), so the variant key cannot fold the two: a person's name that people wrote gets
    this reading as a second key (`NameFeatures.read_keys`). French writes ч `tch`, left as it is,
    and so the `-vich` of a patronymic (`-vitch`) is English."""
    if "ch" not in token:
        return None
    read = _FRENCH_CH.sub("sh", token)
    return None if read == token else read


# a c before e, i or y (not cc); an `ou` before a vowel, French's w (و: Ouael, Marouan, Hamaoui)
_SOFT_C = re.compile(r"(?<!c)c(?=[eiy])")
_FRENCH_W = re.compile(r"ou(?=[aeiy])")


def french_as_english(token: str) -> str | None:
    """`token` as French spells a Russian or Arabic name, read as English does: `ch` as `sh`
    (`ch_as_sh`), a `c` before e, i or y as `s`, as French writes س and с there (*Hocine*,
    *Lahcen*, *Yacine*, *Belkacem*: Husayn, al-Hasan, Yasin, Belqasim), and an `ou` before a
    vowel as the `w` of و (*Ouael*, *Marouane*, *Darouiche*, *Hamaoui*: Wael, Marwan,
    Darwish, Hamawi); None when it has none. The variant key reads every `c` as `k` and an
    `ou` as a vowel. A person's name that people wrote gets this reading as a second key
    (`NameFeatures.read_keys`)."""
    read = _FRENCH_W.sub("w", _SOFT_C.sub("s", ch_as_sh(token) or token))
    return None if read == token else read


# Spellings only German writes for a Russian name: `sch` (ш), the endings -ow, -ew, -owa,
# -ewa, -owna, -ewna (Iwanowna), -kaja (-skaja), -itsch, -ij, -ej (Sergej), -oj (Gajewoj),
# -zki, -zky (Sluzki) and -zyn (Lissizyn), a `j` before a vowel after a consonant (Pjotr,
# Ljubow) and `ije` (Matwijenko). English writes `sh`, `-ov`, `-vich`, `-aya`, `-iy`, `-ey`,
# `-oy`, `-tsky`, `-tsyn`, `y`. (Not `rj`, `nj`: Persian Marjan, Zanjani; not
# `dj`: French writes Arabic ج so, Abdeldjalil; not `ija`, `-aja`: Arabic Hijazi, Khadija,
# Hindi Raja.)
_GERMAN_CUE = re.compile(r"sch|[bpvwmtlkgfsz]j[aeiou]|ije"
                         r"|(?:ow|ew|owa|ewa|owna|ewna|kaja|itsch|ij|yj|ej|oj|zk[iy]|zyn)\b")
#: Russian given names as German writes them, as English never does (*Wladimir*, *Jelena*; Czech
#: and Slovak write a few alike, *Sergej*, and read their `j` as a `y` too): a name whose other
#: words English writes alike (*Wladimir Masur*, *Jelena Misulina*) is told by them.
GERMAN_RUSSIAN_GIVEN_NAMES = _words("""
wladimir wiktor walerij walery wassilij wassili wadim wjatscheslaw witalij witali wsewolod
wenjamin wladislaw jaroslaw stanislaw swjatoslaw rostislaw mstislaw pawel iwan jewgeni
jewgenij juri jurij jegor jakow jefim semjon fjodor pjotr michail alexej sergej nikolaj andrej
dmitrij anatolij gennadij georgij arkadij grigorij timofej matwej jelena julija swetlana
walentina walentin wera jekaterina jelisaweta tatjana natalja ljudmila ljubow darja marija
sofija jewgenija wiktorija anastassija xenija ksenija warwara lidija nadeschda sneschana
""")
# `ch` not part of `tsch` or `sch`; a `j` not part of `jj` nor of a `dj` beginning a word
# (Djamal, Djukanovic; Fedjajew is Fedyayev); one `s` between vowels
# (German writes с there `ss`: Gerassimow); a `z` not part of `dz` (Belarusian дз, as English
# writes it), `tz` or `sz` (Polish ш); an `s` that may be either с or з: before a vowel
# beginning a word, or before a voiced consonant (Kusnezow, Koslow; but Maslow, Swetlana)
_GERMAN_CH = re.compile(r"(?<![ts])ch")
_GERMAN_J = re.compile(r"(?<!j)(?<!\bd)j(?!j)")
_GERMAN_S = re.compile(r"(?<=[aeiouy])s(?=[aeiouy])")
_GERMAN_Z = re.compile(r"(?<![dts])z")
_GERMAN_FIRST_S = re.compile(r"^s(?=[aeiouy])")
_GERMAN_EITHER_S = re.compile(r"^s(?=[aeiouy])|(?<![s])s(?=[bdglmnrvw])")
_GERMAN_SCH = re.compile(r"(?<!t)sch")


def written_the_german_way(text: str) -> bool:
    """Whether a folded name (`normalize_name`) has a spelling that only German writes for a
    Russian name (*Prigoschin*, *Kowaltschuk*, *Pjotr*, *Jurij*, *Wladimir*)."""
    return bool(_GERMAN_CUE.search(text)) or any(
        word in GERMAN_RUSSIAN_GIVEN_NAMES for word in text.split())


def german_as_english(token: str, *, s_as_z: bool = False, sch_as_zh: bool = False,
                      first_s: bool = False) -> str | None:
    """`token` with the `ch`, `j`, `s` between vowels and `z` of a German spelling read as the
    `kh`, `y`, `z` and `ts` of an English one, as German writes Russian х, й, з and ц
    (*Michail*, *Jurij*, *Pjotr*, *Tschemesow*, *Kusnezow*); None when it has none. English
    writes `j` for ж, ج and ژ, `ch` for ч, `s` for с and `z` for з, so the variant key cannot
    read them so: a person's name that people wrote the German way (`written_the_german_way`)
    gets this reading as a second key (`NameFeatures.read_keys`).

    German writes с and з both `s` where a word begins and before a consonant (*Sacharow* is
    Sakharov, *Solotow* Zolotov; *Maslow* Maslov, *Koslow* Kozlov): with `s_as_z`, such an `s`
    (before a vowel beginning the word, or before a voiced consonant) is read as `z` too, one
    more key for each word that has one, since no one reading fits both (*Sergej Subkow* is
    Sergei Zubkov).

    German writes ж `sch` too, as it writes ш (*Prigoschin* is Prigozhin, *Schukow* Zhukov):
    with `sch_as_zh`, a `sch` not part of `tsch` is read as `zh`, one more key.

    `first_s` (until session 29 the only such reading, kept for its callers) reads the `s`
    beginning the word alone as `z`, not one before a consonant."""
    # (z first: the z that `s` and `sch` become is з and ж)
    read = _GERMAN_Z.sub("ts", token)
    if sch_as_zh:
        read = _GERMAN_SCH.sub("zh", read)
    # (s before j: the y that j becomes is no vowel for it, Desjatowa)
    read = _GERMAN_J.sub("y", _GERMAN_S.sub("z", _GERMAN_CH.sub("kh", read)))
    if s_as_z or first_s:
        read = (_GERMAN_EITHER_S if s_as_z else _GERMAN_FIRST_S).sub("z", read)
    return None if read == token else read


# Letters that Slavic languages written in Latin (Czech, Slovak, Polish, Croatian, Serbian,
# Slovene, Belarusian Lacinka) and the scholarly transliteration of Cyrillic (ISO 9) write for
# sounds English writes with two: folded to ASCII they lose their mark (Prigožin becomes
# Prigozin, Šojgu Sojgu, Ševčenko Sevcenko), where English writes Prigozhin, Shoigu,
# Shevchenko. (Not ć, ś, ź: soft sounds English writes c, s, z.)
_SLAVIC_LETTERS = str.maketrans({"č": "ch", "Č": "Ch", "š": "sh", "Š": "Sh", "ž": "zh",
                                 "Ž": "Zh", "ż": "zh", "Ż": "Zh", "đ": "dj", "Đ": "Dj"})
_SLAVIC_LETTER = re.compile("[čČšŠžŽżŻđĐ]")
_SLAVIC_CH = re.compile("[cC](?=[hH])")  # (the c of a written ch: х)
# Polish writes ш and ч `sz` and `cz` (Szojgu, Timczenko; щ `szcz`) and a hard л `ł`
# (Władimir, Michaił); English never does. Nor does it write ц `c` at the end of a Russian
# name: -cow, -cew, -cyn, -iec, -cki (Kuzniecow, Jelcyn, Jakubiec, Siedlecki; English -tsov,
# -tsev, -tsyn, -ets, -tsky).
_POLISH_CUE = re.compile(r"[cs]z|ł|(?:cow|cowa|cew|cewa|cyn|cyna|iec|cki|cky|ckij|cka|ckaja)\b",
                         re.IGNORECASE)
# a `j` not part of `dj` (Serbian đ) or `jj` (Arabic); a `c` not part of `cz` or `ch`
_SLAVIC_J = re.compile(r"(?<![dj])j(?!j)")
_SLAVIC_C = re.compile(r"c(?![zh])")


def slavic_letters_as_english(text: str) -> str | None:
    """`text` as written, with the Slavic letters č, š, ž (Polish ż) and đ written `ch`,
    `sh`, `zh` and `dj`, as English writes them, and the `ch` written beside them (х) `kh`
    (*Michail Chodorkovskij*); None when it has none of the letters. Folding to ASCII drops
    their marks, which is how English writes South Slavic names (Karadžić as Karadzic) but not
    Russian, Ukrainian or Belarusian ones written the Czech or Polish way or in ISO 9
    (Prigožin, Łukašenka, Ševčenko): a person's name that people wrote with them gets this
    reading as a second key (`NameFeatures.read_keys`, with `slavic_as_english`)."""
    if not isinstance(text, str) or text.isascii() or not _SLAVIC_LETTER.search(text):
        return None
    # (the written ch first: the č becomes one)
    return _SLAVIC_CH.sub(lambda c: "k" if c[0] == "c" else "K", text).translate(_SLAVIC_LETTERS)


def written_the_slavic_way(text: str) -> bool:
    """Whether a name, folded (`normalize_name`) or as written, has `sz` or `cz`, as Polish
    writes ш and ч (*Szojgu*, *Timczenko*, *Janukowycz*), ends a word with the `c` it writes
    for ц (*Kuzniecow*, *Jakubiec*), or has its `ł` (as written: folding makes it `l`)."""
    return bool(_POLISH_CUE.search(text))


def slavic_as_english(token: str, *, read_c: bool = True) -> str | None:
    """`token` as Polish, Czech and the other Slavic languages written in Latin spell it, read
    as English does: `sz` and `cz` as `sh` and `ch` (Polish ш and ч), `j` as `y` (й, and the
    я, ю, є they write `ja`, `ju`, `je`: *Jewgienij*, *Matwijenko*, *Šojgu*), and, with
    `read_c`, `ch` as `kh` (х: *Michaił*, *Chodorkowski*) and a `c` not in `cz` or `ch` as
    `ts` (ц: *Kuzniecow*, *Słucki*); None when it has none of them. English writes `j` for ж
    and ج, `ch` for ч, and never writes `sz`, so a person's name written with them
    (`written_the_slavic_way`, `slavic_letters_as_english`) gets this reading as a second key
    (`NameFeatures.read_keys`). Without `read_c` its `c` are left as written: those of a name
    with the Slavic letters, whose `ch` is the `č` read already, and whose `c` English keeps
    (*Cvetković* is CVETKOVIC, *Đukanović* DJUKANOVIC)."""
    read = _SLAVIC_C.sub("ts", token.replace("ch", "kh")) if read_c else token
    read = _SLAVIC_J.sub("y", read.replace("sz", "sh").replace("cz", "ch"))
    return None if read == token else read


# Given names of Ukrainians and Belarusians as Russian, Ukrainian and Belarusian write them, one
# person's name a line in that order, each in the spellings English uses for it (the
# variants of one form apart by `/`). A list or a letter writes a person in one of the three:
# the SDN list's primary names in Russian (*AZAROV, Mykola* is also *Nikolai*), Canada's
# regulations on Ukraine in Ukrainian (*Serhiy AKSYONOV*, *Oleh VASIN*, *Ihor PLOTNYTSKY*),
# the press either. Ukrainian and Belarusian write г `h` where Russian writes `g` and have
# forms of their own; the variant key folds most of the rest (*Andriy*, *Andrei*; *Tetiana*,
# *Tatyana*), but not the forms here, which no typo level reaches either (*Ihor* and *Igor*
# are too short to be a typo apart, *Mykola* and *Nikolai* are two listed names). Forms the
# variant key already makes one, and names other languages write alike (*Hanna*, Arabic too;
# *Nadiya*, *Nadia*; *Vira*), are left out. Matched as written, never by key: *Oleh* and the
# Arabic *Ullah* have one key.
_EAST_SLAVIC_GIVEN_NAMES = """
aleksandr/alexander/alexandr/aleksander oleksandr/olexandr aliaksandr/alyaksandr
aleksei/aleksey/alexei/alexey oleksii/oleksiy/oleksij/olexiy aliaksei/alyaksei
arkady/arkadiy/arkadii arkadii/arkadiy arkadz
bogdan bohdan bahdan
dmitry/dmitriy/dmitrii/dmitri dmytro dzmitry/dzmitryi/dzmitri
fyodor/fedor/fiodor fedir fiodar/fyodar
gennady/gennadiy/gennadii/gennadi hennadii/hennadiy/hennadij henadz/hienadz
georgy/georgiy/georgii/georgi heorhii/heorhiy/heorhij hieorhi/heorhi
gleb hlib hleb
grigory/grigoriy/grigorii/grigori hryhorii/hryhoriy/hryhorij ryhor
igor ihor ihar
konstantin kostiantyn/kostyantyn kanstantsin
kirill kyrylo kiryl
leonid leonid leanid
matvei/matvey matvii/matviy matsvei
mikhail mykhailo/mykhaylo mikhail
nikolai/nikolay mykola mikalai
oleg oleh aleh
pavel pavlo pavel
pyotr/petr petro piotr/piatro
semyon/semen semen siamion
sergei/sergey/sergej/sergii/sergiy serhii/serhiy/serhij siarhei/siarhey
stepan stepan stsiapan
timofei/timofey tymofii/tymofiy tsimafei
vasily/vasiliy/vasilii/vasili vasyl vasil
viktor/victor viktor/victor viktar
vladimir volodymyr uladzimir
vladislav vladyslav uladzislau
vyacheslav/viacheslav viacheslav/vyacheslav viachaslau
yaroslav yaroslav yaraslau
yevgeny/yevgeniy/yevgenii/evgeny/evgeniy/evgenii/yevgeni/evgeni yevhen/yevhenii/yevheniy yauhen
yelena/elena olena alena
galina halyna halina
tatyana/tatiana tetiana/tetyana tatsiana/tatsyana
natalya/natalia/nataliya nataliia/nataliya natallia/natalia
yekaterina/ekaterina kateryna katsiaryna
olga olha volha
lyudmila/ludmila liudmyla/lyudmyla liudmila/lyudmila
svetlana svitlana sviatlana
valentina valentyna valiantsina
lyubov/liubov liubov/lyubov liubou
"""


#: Each name of `_EAST_SLAVIC_GIVEN_NAMES`: its (Russian, Ukrainian, Belarusian) spellings.
_EAST_SLAVIC_NAMES = tuple(tuple(forms.split("/") for forms in line.split())
                           for line in _EAST_SLAVIC_GIVEN_NAMES.split("\n") if line.strip())


def _east_slavic_forms() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Each written form of `_EAST_SLAVIC_NAMES` and the form another language writes for it:
    (Ukrainian and Belarusian -> Russian, Russian -> Ukrainian, Russian -> Belarusian), where
    that form's variant key is not the written one's."""
    as_russian: dict[str, str] = {}
    as_ukrainian: dict[str, str] = {}
    as_belarusian: dict[str, str] = {}
    for russian, ukrainian, belarusian in _EAST_SLAVIC_NAMES:
        # (a form that the language read from writes too is not read: *Viktor*, *Semen*)
        for written, other, table in (
            *((w, russian[0], as_russian) for w in ukrainian + belarusian if w not in russian),
            *((w, ukrainian[0], as_ukrainian) for w in russian if w not in ukrainian),
            *((w, belarusian[0], as_belarusian) for w in russian if w not in belarusian),
        ):
            if _variant_key(written) != _variant_key(other):
                table.setdefault(written, other)
    return as_russian, as_ukrainian, as_belarusian


_AS_RUSSIAN, _AS_UKRAINIAN, _AS_BELARUSIAN = _east_slavic_forms()
_GIVEN_NAMES_AS = {"russian": _AS_RUSSIAN, "ukrainian": _AS_UKRAINIAN,
                   "belarusian": _AS_BELARUSIAN}
#: The written given names `east_slavic_reading` reads another way (in some language: *Dmitry*
#: is *Dmytro* to the variant key, and only Belarusian writes it otherwise, *Dzmitry*).
EAST_SLAVIC_GIVEN_NAMES = frozenset(k for table in _GIVEN_NAMES_AS.values() for k in table)

# A patronymic's variant key is its father's given name's, less a final `a`, and `avac` (a
# son's: -ovich, -evich, Ukrainian -ovych, Belarusian -avich) or `avna` (a daughter's: -ovna,
# -evna, -ivna): *Mykolaiovych*, *Mikalaevich* `makalavac`, *Nikolayevich* `nakalavac`. Pavel's
# drops its `e` in all three (*Pavlovich*).
_PATRONYMIC_BASE = {"pavel": "pavl", "pavlo": "pavl"}


def _east_slavic_patronymics() -> dict[str, dict[str, str]]:
    """For each language, the variant key of a patronymic another language writes -> that
    patronymic as the language writes it (from each name's first spelling)."""
    tables: dict[str, dict[str, str]] = {"russian": {}, "ukrainian": {}, "belarusian": {}}
    for name in _EAST_SLAVIC_NAMES:
        groups = dict(zip(tables, name, strict=True))
        for suffix in ("ovich", "ovna"):
            written = {language: _PATRONYMIC_BASE.get(forms[0], forms[0]) + suffix
                       for language, forms in groups.items()}
            keys = {language: _variant_key(w) for language, w in written.items()}
            for language, table in tables.items():
                for other in tables:
                    if keys[other] != keys[language]:
                        table.setdefault(keys[other], written[language])
    return tables


_PATRONYMICS = _east_slavic_patronymics()
#: The variant keys of the patronymics `east_slavic_reading` reads another way.
EAST_SLAVIC_PATRONYMIC_KEYS = frozenset(k for table in _PATRONYMICS.values() for k in table)


def east_slavic_reading(token: str, language: str) -> str | None:
    """`token`, a given name as Ukrainian, Belarusian or Russian writes it (folded), as
    `language` writes that name: `"russian"` reads *Mykola*, *Mikalai* as *Nikolai* and *Ihor*,
    *Ihar* as *Igor*; `"ukrainian"` reads *Nikolai* as *Mykola*; `"belarusian"` *Nikolai* as
    *Mikalai*. None when it is not such a name, or that language writes it with the same key.
    A person's name with one (`EAST_SLAVIC_GIVEN_NAMES`) gets each reading as a key of its
    own (`NameFeatures.read_keys`): the list may write the person in any of the three.

    A patronymic (`EAST_SLAVIC_PATRONYMIC_KEYS`, by variant key, which folds -ovich, -evich,
    -ovych and -avich alike) is read as the patronymic `language` writes for that name:
    *Mykolaiovych* as *Nikolaiovich* in Russian (the key of *Nikolayevich*), *Oleksandrivna*
    as *Aleksandrovna*."""
    # (a patronymic has 8 letters at least)
    if (read := _GIVEN_NAMES_AS[language].get(token)) or len(token) < 8:
        return read
    return _PATRONYMICS[language].get(token_variant_key(token))


# Spanish writes Russian х and Arabic خ `j` (Mijaíl, Jodorkovski, Jamenei, Majluf) where English
# writes `kh`; its written accents tell a name written the Spanish way (Mijaíl, Hasán).
_SPANISH_MARK = re.compile("[áéíóúñÁÉÍÓÚÑ]")


def written_the_spanish_way(text: str) -> bool:
    """Whether a name as written (before folding) has the accents Spanish writes (á, é, í, ó,
    ú, ñ: *Mijaíl Fridman*, *Alí Jamenei*)."""
    return isinstance(text, str) and not text.isascii() and bool(_SPANISH_MARK.search(text))


def spanish_as_english(token: str) -> str | None:
    """`token` with its `j` read as the `kh` Spanish writes it for (х, خ: *Mijaíl* is Mikhail,
    *Majluf* Makhluf); None when it has none. English writes `j` for ж and ج, so the variant
    key cannot read it so: a person's name written the Spanish way (`written_the_spanish_way`)
    gets this reading as a second key (`NameFeatures.read_keys`)."""
    return token.replace("j", "kh") if "j" in token else None


# Arabic ق: Gulf, Iraqi, Sudanese, Libyan and Upper Egyptian Arabic say it `g`, and their
# writers spell it so (Gaddafi, Dagalo, Tarig, al-Gahtani); Persian says ق and غ alike and
# writes both `gh` or `q` (Ghasem, Qasem; Dehghan, Dehqan), which the variant key reads as
# `g` and `k`. (Not the `q` of a Romance `que`, `qui`: Enrique, Quintero.)
_QAF = re.compile(r"q(?!u[ei])")


def q_as_g(token: str) -> str | None:
    """`token` with its `q` read as the `g` (or Persian `gh`) others write for Arabic ق
    (*Qadhafi* as Gadhafi, *Qasem* as Ghasem, *Tariq* as Tarig); None when it has none. The
    variant key reads `q` as `k` (Kassem, Kaddafi), so it cannot read it as `g` too: every
    person's name with a `q`, an official list's as much as a recommendation's, gets this
    reading as a second key (`NameFeatures.qaf_key`), since either side may write the `q`."""
    if "q" not in token:
        return None
    read = _QAF.sub("g", token)
    return None if read == token else read


def joined_name_key(name: str | None, tokens: Sequence[str] | None = None) -> str | None:
    """The key of a name whose words are joined by hyphens in `name` with those words written
    as one (`ABDOLLAH-POUR, Mohammad`: `abdalahpar mahamad`, as Abdollahpour), or None when
    nothing is joined. `tokens` are the name's key-bearing tokens in order, when the caller
    has them already (`key_bearing(parse_name(name).tokens)`, which is what is used otherwise).

    Romanizations write such compounds hyphenated, spaced or joined (Abdollah-Pour,
    Abdollahpour; Mohseni-Ejei, Mohseniejei); the hyphen says they are one word, and the
    joined key meets the name where it is written joined. A Persian suffix of a compound
    surname written apart (`JOINED_SUFFIXES`: FAKHR ZADEH, AHMADI NEJAD, ZABIH POUR) says so
    too. Particles are joined already by their own rules (`Abd al-Rahman`).
    """
    if not isinstance(name, str):
        return None
    if tokens is None:
        tokens = key_bearing(parse_name(name).tokens)
    if "-" not in name and JOINED_SUFFIXES.isdisjoint(tokens):
        return None
    # (pairs of words compared by variant key: parsing may respell a word, Abdollah as abdullah)
    pairs = {pair for compound in _HYPHENATED.findall(name)
             for pair in pairwise(token_variant_key(w) for w in fold_text(compound).split())}
    keys = [token_variant_key(t) for t in tokens]
    pairs |= {(keys[i - 1], keys[i]) for i in range(1, len(tokens))
              if tokens[i] in JOINED_SUFFIXES}
    joined: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        while i + 1 < len(tokens) and (keys[i], keys[i + 1]) in pairs:
            word += tokens[i + 1]
            i += 1
        joined.append(word)
        i += 1
    if len(joined) == len(tokens):
        return None
    return " ".join(sorted(dict.fromkeys(token_variant_key(t) for t in joined)))


def unspaced_name_key(tokens: Sequence[str]) -> str | None:
    """The key of a person's name with its words written as one, in the order given (given
    names first, as `parse_name` puts them), or None for a name of one word. `tokens` are the
    name's key-bearing tokens (`key_bearing(parse_name(name).tokens)`).

    Names are spaced differently from one writer to another: Persian compound given names
    (*Mohammadreza* and *Mohammad Reza*, *Gholamreza*, *Aliakbar*), names joined by other
    hands (*Mohamedali*), a letter typed across a space (*Bahawa lKhan*). Written as one word,
    the name has the same letters in the same order either way.
    """
    return _joined_word_keys(list(dict.fromkeys(token_variant_key(t) for t in tokens)))


def _joined_word_keys(keys: Sequence[str]) -> str | None:
    """`unspaced_name_key` from the words' variant keys (in order, distinct): joined as the
    key of the whole written as one word would be, where each word keeps the spelling it folds
    to alone (*Alexander* and *Aleksandr*, *Husayn* and *Hasan* as `token_variant_key` tells
    them). At a joint, a word's first vowel is an inner vowel, `a`, one run with a vowel that
    ends the word before: *Ali Akbar* and *Aliakbar* both give `alakbar`. A consonant that ends
    one word and begins the next stays two (*Muhammad Dawud* is not *Muhammad Awad*)."""
    if len(keys) < 2:
        return None
    joined = keys[0]
    for key in keys[1:]:
        if key[0] in "aiu":  # (the classes an initial vowel keys as)
            key = key[1:] if joined[-1] == "a" else "a" + key[1:]
        joined += key
    return joined


@short_text_cache(262144)
def phonetic_key(token: str) -> str:
    """Metaphone code of one token (jellyfish), after ASCII folding; '' for no letters.

    Metaphone was chosen over Soundex and NYSIIS on the name benchmark (docs/normalization.md):
    it keeps more consonants than Soundex's 3 digits and folds th/dh/kh better than NYSIIS.
    """
    return _metaphone(token)


def _metaphone(token: str) -> str:
    """`phonetic_key` without its cache."""
    word = token if token.isalpha() and token.isascii() and token.islower() else (
        fold_text(token).replace(" ", ""))
    return _word_metaphone(word)


def _word_metaphone(word: str) -> str:
    """`_metaphone` of a folded word (see `_word_variant_key`)."""
    if not word.isalpha():
        return word if word.isdigit() else ""
    return jellyfish.metaphone(word)


#: Token -> (variant key, phonetic key) of every token met (`_token_codes`), at most
#: TOKEN_CACHE of them. A plain dict because `name_features` reads it inline: a dict lookup
#: costs less than half an lru_cache call, and a name has several tokens.
_TOKEN_CODES: dict[str, tuple[str, str]] = {}
TOKEN_CACHE = 262144


def _token_codes(token: str) -> tuple[str, str]:
    """(`token_variant_key(token)`, `phonetic_key(token)`) of a token of a parsed name (a folded
    word), remembered in `_TOKEN_CODES`.

    Tokens repeat far more than names: over the distinct names of the OFAC and UN lists, 72% of
    the lookups find the token already there. Callers read `_TOKEN_CODES.get(token)` first.
    """
    codes = _TOKEN_CODES.get(token)
    if codes is None:
        codes = (_word_variant_key(token), _word_metaphone(token))
        if len(token) <= LONGEST_CACHED:  # bounded memory, whatever the input (_cache)
            if len(_TOKEN_CODES) >= TOKEN_CACHE:
                _TOKEN_CODES.clear()
            _TOKEN_CODES[token] = codes
    return codes


# (after `token_variant_key`, which keys them)
_ARTICLE_STEM_KEYS = frozenset(map(token_variant_key, ARTICLE_STEMS))
