"""Organization names: legal forms canonicalized across languages, quotes and punctuation gone.

`OOO "Rosneft"`, `Rosneft LLC` and `ROSNEFT, OOO` all give the core name `rosneft` with the
legal form `llc`. Keys are built from the core only, and a name that is nothing but a legal form
has no key at all, so a legal form alone can never make a match.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from gmmatch.normalize._cache import short_text_cache
from gmmatch.normalize.names import _split_fused_articles
from gmmatch.normalize.text import _fold_words, ascii_fold

__all__ = ["OrgName", "org_core", "organization_cue", "parse_org_name"]

# Canonical legal form -> the single words that write it (folded: lowercase ASCII, punctuation
# gone). Classes follow the legal meaning, not the language: llc = limited liability company
# (OOO, TOV, TOO, GmbH, SARL, SRL, d.o.o., Sp. z o.o., Kft., Sdn Bhd; Bulgarian OOD and EOOD,
# Estonian OU, Latvian SIA, Lithuanian UAB, Belgian and Congolese SPRL, SURL, Spanish S.L.,
# Portuguese Lda., Macedonian DOOEL, the Gulf's W.L.L., the L.C. of some US states, foreign and
# international LLCs), jsc = joint-stock company (AO, ZAO, OAO, PAO, AG, S.A., N.V., S.p.A.,
# A.S., AB, Oy; Bulgarian AD and EAD, Belarusian AAT and ZAT, Hungarian Zrt., Egyptian S.A.E.,
# the European SE), ltd = private/public limited company (Belgian BVBA).
_SINGLE_WORDS = {
    "llc": "llc ooo tov too mchj gmbh sarl srl sro doo dooel spzoo kft bhd fzllc ltda lda "
           "limitada spr sl ood eood ou sia uab sprl surl lc fllc illc wll",
    "ltd": "ltd limited pte pvt pty plc bv bvba sti",
    "jsc": "jsc ojsc cjsc pjsc ao zao oao pao pat prat ag sa nv spa oy oyj saog saoc psc qsc "
           "sas sasu sac sal saa sae sapi sab ca as ab aktiengesellschaft aktiebolag "
           "aksjeselskap aktieselskab osakeyhtio ad ead aat zat zrt jsco njsc se",
    "corp": "corp corporation inc incorporated",
    "co": "co company compagnie cie cia companhia compania kompaniya ci sc eu",
    # CV: Dutch and Indonesian commanditaire vennootschap (`S.A. de C.V.` is matched whole first)
    "lp": "lp llp kg scs cv kommanditgesellschaft",
    # non-profit associations: German e.V., Belgian A.S.B.L., Mexican A.C. (asociacion civil)
    "assoc": "ev asbl ac",
    # (a company of the Dubai Multi Commodities Centre free zone is `X DMCC`)
    "fze": "fze fzco fzc dmcc",
    "sue": "gup fgup mup",
}
# Multi-word forms, including dotted abbreviations that folding splits into letters.
_MULTI = {
    "l l c": "llc", "g m b h": "llc", "s a r l": "llc", "s r l": "llc", "s r o": "llc",
    "d o o": "llc", "sp z o o": "llc", "sdn bhd": "llc", "limited liability company": "llc",
    "limited liability partnership": "lp", "s de rl": "llc", "fz llc": "llc",
    "co ltd": "ltd", "company limited": "ltd", "pte ltd": "ltd", "pvt ltd": "ltd",
    "private limited": "ltd", "pty ltd": "ltd", "public limited company": "ltd", "b v": "ltd",
    "a g": "jsc", "s a": "jsc", "n v": "jsc", "s p a": "jsc", "a s": "jsc",
    "joint stock company": "jsc", "open joint stock company": "jsc",
    "closed joint stock company": "jsc", "public joint stock company": "jsc",
    "private joint stock company": "jsc", "sociedad anonima": "jsc", "societe anonyme": "jsc",
    # (the same with joint stock company abbreviated: Open JSC, as OJSC is Open JSC run together)
    "open jsc": "jsc", "closed jsc": "jsc", "public jsc": "jsc", "private jsc": "jsc",
    "l p": "lp", "gmbh co kg": "lp",
    "fz co": "fze", "free zone establishment": "fze", "free zone company": "fze",
    "state unitary enterprise": "sue", "federal state unitary enterprise": "sue",
    "gosudarstvennoe unitarnoe predpriyatie": "sue",
    "obshchestvo s ogranichennoi otvetstvennostiu": "llc",
    "obshchestvo s ogranichennoy otvetstvennostyu": "llc",
    "tovarystvo z obmezhenoiu vidpovidalnistiu": "llc",
    "societe a responsabilite limitee": "llc",
    "sociedad de responsabilidad limitada": "llc",
    # Latin American forms, with the `de C.V.` (capital variable) and `de R.L.` (responsabilidad
    # limitada) suffixes: S.A. de C.V., S. de R.L. de C.V., S.P.R. de R.L., S. en C.
    "sa de cv": "jsc", "sab de cv": "jsc", "sapi de cv": "jsc", "de cv": "jsc",
    "s de rl de cv": "llc", "de rl": "llc", "de rl de cv": "llc", "s de pr": "llc",
    "s en c": "lp", "s en cs": "lp",
    # Turkish: limited sirketi, ltd sti, anonim sirketi
    "limited sirketi": "ltd", "ltd sti": "ltd", "anonim sirketi": "jsc",
    # The forms above spelt out, in the languages of the lists' companies (the full names of the
    # ISO 20275 entity legal forms, folded): Russian OAO, ZAO, NAO, FGUP, MUP; Ukrainian AT,
    # PrAT, PAT; German, Italian, Spanish, Portuguese, French, Dutch, Polish, Czech, Hungarian,
    # Greek, Japanese, Indonesian and Chinese (Pinyin) ones. A misspelt word of one is still
    # read (`_NEAR_FORM_WORDS`: Otkrytoye, Obschestvo).
    "federalnoe gosudarstvennoe unitarnoe predpriyatie": "sue",
    "munitsipalnoe unitarnoe predpriyatie": "sue",
    "aktsionerne tovarystvo": "jsc", "pryvatne aktsionerne tovarystvo": "jsc",
    "publichne aktsionerne tovarystvo": "jsc",
    "gesellschaft mit beschrankter haftung": "llc", "gesellschaft mit beschraenkter haftung": "llc",
    "societa per azioni": "jsc", "societa a responsabilita limitata": "llc",
    "sociedad limitada": "llc", "sociedade limitada": "llc", "sociedade anonima": "jsc",
    "societe par actions simplifiee": "jsc",
    "besloten vennootschap": "ltd", "naamloze vennootschap": "jsc",
    "spolka z ograniczona odpowiedzialnoscia": "llc", "spolka akcyjna": "jsc",
    "spolecnost s rucenim omezenym": "llc", "akciova spolecnost": "jsc",
    "korlatolt felelossegu tarsasag": "llc",
    "anonymi etaireia": "jsc", "anonymos etaireia": "jsc",
    "etaireia periorismenis efthynis": "llc",
    "kabushiki kaisha": "jsc", "godo kaisha": "llc",
    "perseroan terbatas": "ltd",
    "youxian gongsi": "ltd", "gufen youxian gongsi": "jsc",
    "obshchestvo s ogranichennoi otvetstvennostyu": "llc",
    "obshchestvo s ogranichennoy otvetstvennostiu": "llc",
}
# Russian joint-stock companies, open (OAO), closed (ZAO), public (PAO), non-public (NAO), in
# both transliterations of -ое (`Otkrytoye` is read as a misspelling of `otkrytoe`, but
# `aktsionernoye` is a form word of its own)
_MULTI.update({f"{kind} {joint_stock} obshchestvo".strip(): "jsc"
               for kind in ("", "otkrytoe", "zakrytoe", "publichnoe", "nepublichnoe")
               for joint_stock in ("aktsionernoe", "aktsionernoye")})
_FORMS = {tuple(p.split()): c for p, c in _MULTI.items()}
for _canonical, _words in _SINGLE_WORDS.items():
    _FORMS.update({(word,): _canonical for word in _words.split()})
# Two-letter forms read only at the end of a name (`Banco X SA`, `Hydro AS`): at the start they
# are too often a real word or initials (`As Safa`, `Sa Kaeo`, `SL Green`).
_NOT_ALONE = frozenset({("as",), ("ab",), ("at",), ("sa",), ("ca",), ("ac",), ("sal",), ("eu",),
                        ("ad",), ("se",), ("sl",)})
# The lengths of the forms that start (end) with a word, longest first: the only lengths worth
# trying at that end of a name.
_SIZES_BY_FIRST: dict[str, tuple[int, ...]] = {}
_SIZES_BY_LAST: dict[str, tuple[int, ...]] = {}
for _phrase in _FORMS:
    for _sizes, _word in ((_SIZES_BY_FIRST, _phrase[0]), (_SIZES_BY_LAST, _phrase[-1])):
        _sizes[_word] = tuple(sorted({*_sizes.get(_word, ()), len(_phrase)}, reverse=True))

# Legal-form words of five letters or more, misspelt by one edit (`Llimited`, `Companiy`,
# `Liabilitiy`, `Djoint Stock`, `Obshtchestvo`; or written with German's w for в and one edit,
# `Obschestwo`) are still read as those words at the ends of a name: otherwise a typo in the
# legal form becomes a word of the name, and two names of one company differ by it. Shorter
# forms (`OOO`, `AO`, `Inc`) are one edit from too many real words. Every word one edit (a
# letter inserted, deleted, replaced, or two swapped) from a form word is listed once, with
# every form word it may misspell (`companiy`: `compania` and `company`; only the second makes
# `Joint Stock Companiy` a form): about 60,000 words, one dictionary lookup per word of a name.
# The commonest abbreviations, all consonants, are the exception: they are read misspelt with
# a letter added or two swapped (`Lutd`, `Lttd`, `Gbmh`, `Djsc`; the SDN list writes
# `INVERSIONES LDT, S.A.`) or with German's w for v (`Pwt Ltd`), which rarely makes a word, but
# not with a letter dropped or changed, which makes another abbreviation (`LT`, `PLT`, `GMB`).
_NEAR_FROM = 5
_ABBREVIATIONS = ("ltd", "llc", "gmbh", "jsc", "pjsc", "ojsc", "cjsc", "pvt")
_FORM_WORDS = frozenset(word for phrase in _FORMS for word in phrase)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: Words one edit from a form word that are words of their own: Mexico's `Sociedad de
#: Produccion Rural de Responsabilidad Ilimitada` is of unlimited liability.
_NOT_MISSPELT = frozenset({"ilimitada", "ilimitado"})
#: Misspelt form words of one name tried together, at most (each with every word it may be).
_NEAR_READINGS = 16


def _one_edit(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
            | _added_or_swapped(word)) - {word}


def _added_or_swapped(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b for a, b in splits for c in _LETTERS}) - {word}


def _near_form_words() -> dict[str, tuple[str, ...]]:
    near: dict[str, set[str]] = {}
    for word in _ABBREVIATIONS:
        for misspelt in _added_or_swapped(word) | {word.replace("v", "w")} - {word}:
            if misspelt not in _FORM_WORDS:
                near.setdefault(misspelt, set()).add(word)
    for word in _FORM_WORDS:
        if len(word) >= _NEAR_FROM:
            # (and the German spelling of a Russian form word, w for в: Obschestwo is one edit
            # from Obshchestwo)
            german = word.replace("v", "w")
            for misspelt in _one_edit(word) | (_one_edit(german) | {german} if "v" in word
                                               else set()):
                # a form word is itself, not a misspelling of another
                if (len(misspelt) >= _NEAR_FROM and misspelt not in _FORM_WORDS
                        and misspelt not in _NOT_MISSPELT):
                    near.setdefault(misspelt, set()).add(word)
    return {misspelt: tuple(sorted(words)) for misspelt, words in near.items()}


_NEAR_FORM_WORDS = _near_form_words()


# Dotted abbreviations (`S.A.`, `S. A.`, `L.L.C.`, `C.V.`, `M.S.P.`): folding would split them
# into single letters, so the letters of one abbreviation are glued first (`SA`, `LLC`, `MSP`),
# which is also how the same names are written without dots. Letters are glued across a space
# only when the whole abbreviation is spaced (`S. A.`), so `C.I. S.A.S.` stays two.
_DOTTED = re.compile(r"\b[A-Za-z](?:\.[A-Za-z]\b)+\.?|\b[A-Za-z](?:\. [A-Za-z]\b)+\.?")


def _words(text: str) -> list[str]:
    return text.split()


# Words of an organization name that make no key (they stay in the text and tokens): connecting
# words in the languages of the lists (English, Spanish, Portuguese, Italian, French, German,
# Dutch, Turkish, Persian, Slavic languages transliterated) and Arabic articles and particles.
# Other single letters do make keys: once dotted abbreviations are glued and legal forms are
# recognized, a letter left over is what tells `GRUPO W` from `GRUPO M`. A name made only of
# such words keeps them all.
ORG_STOPWORDS = frozenset(_words("""
and of the for in on at by to a an with from
de del la las los el lo y e da do dos das di della dello delle degli dei per por para en con
o em na no nas nos um uma du des le les l d et au aux pour sur
und der die das dem den fur von zu zum zur im van het voor op
ve va ye i v s so za iz ot pri po dlya
al el ul il wa wal lil li bi fi bin
"""))


def _glue(match: re.Match) -> str:
    # the space keeps `P.P.ROBNA` two words
    return match.group().replace(".", "").replace(" ", "") + " "

@dataclass(frozen=True, slots=True)
class OrgName:
    """An organization name split into its core words and its legal forms (canonical,
    in alphabetical order)."""

    original: str
    core: tuple[str, ...]
    legal_forms: tuple[str, ...]

    @property
    def text(self) -> str:
        """Core words followed by the canonical legal forms: `rosneft llc`."""
        return " ".join(self.core + self.legal_forms)

    @property
    def key_tokens(self) -> tuple[str, ...]:
        """The core words that make keys (see `org_key_tokens`)."""
        return org_key_tokens(self.core)


def org_key_tokens(core: tuple[str, ...]) -> tuple[str, ...]:
    """The words of an organization's core that make keys: not connecting words, unless that
    would leave none (`The And` or `A` alone keep their words)."""
    if ORG_STOPWORDS.isdisjoint(core):
        return core
    return tuple([t for t in core if t not in ORG_STOPWORDS]) or core


def _match_form(tokens: list[str], start: int, end: int, forward: bool) -> tuple[int, str] | None:
    """(length, canonical form) of the longest legal form of `tokens[start:end]` that starts at
    `start` (forward) or ends at `end`; None if there is none."""
    if forward:
        for size in _SIZES_BY_FIRST.get(tokens[start], ()):
            piece = tuple(tokens[start : start + size])
            if size <= end - start and piece in _FORMS and piece not in _NOT_ALONE:
                return size, _FORMS[piece]
    else:
        for size in _SIZES_BY_LAST.get(tokens[end - 1], ()):
            piece = tuple(tokens[end - size : end])
            if size <= end - start and piece in _FORMS:
                return size, _FORMS[piece]
    return None


@short_text_cache(262144)
def parse_org_name(name: str | None) -> OrgName:
    """Strip legal forms from both ends of an organization name (quotes, punctuation dropped).

    Only the ends are searched: a legal-form word inside a name (`Bank of Company Town`) is part
    of the name. A name made only of legal forms keeps them all in `legal_forms` and has an
    empty `core`.
    """
    return OrgName(name or "", *_split_org_name(name))


def _split_org_name(name: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`parse_org_name` as (core, legal forms), uncached: `name_features` caches whole names."""
    text = name or ""
    if "." in text:
        text = _DOTTED.sub(_glue, ascii_fold(text))
    tokens = _fold_words(text)
    start, end, forms = _strip_forms(tokens)
    if len(tokens) > 1 and not _NEAR_FORM_WORDS.keys().isdisjoint(tokens):
        # misspelt form words, read as the words they miss; the core keeps its own spelling
        for near in _near_readings(tokens):
            # only if it reads more of the name as legal forms, and never all of it
            if near[1] - near[0] < end - start and near[0] < near[1]:
                start, end, forms = near
    # an Arabic article fused to a word, as in persons' names (ALMAHDI ALUMINUM)
    core = _split_fused_articles(tokens[start:end])
    if not forms:
        return tuple(core), ()  # most names
    # sorted: the order they were found in depends on which end they were at
    return tuple(core), tuple(sorted(set(forms)))


def _near_readings(tokens: list[str]) -> Iterator[tuple[int, int, list[str]]]:
    """`_strip_forms` of `tokens` with its misspelt form words read as each form word they may
    miss (the first `_NEAR_READINGS` combinations: a name has one or two such words)."""
    options = [_NEAR_FORM_WORDS.get(t, (t,)) for t in tokens]
    for reading in itertools.islice(itertools.product(*options), _NEAR_READINGS):
        yield _strip_forms(list(reading))


def _strip_forms(tokens: list[str]) -> tuple[int, int, list[str]]:
    """(start, end, canonical forms): the legal forms read at both ends of `tokens` leave the
    core `tokens[start:end]`."""
    forms: list[str] = []
    start, end = 0, len(tokens)
    while start < end and tokens[start] in _SIZES_BY_FIRST:
        found = _match_form(tokens, start, end, True)
        if not found:
            break
        forms.append(found[1])
        start += found[0]
    while start < end and tokens[end - 1] in _SIZES_BY_LAST:
        found = _match_form(tokens, start, end, False)
        if not found:
            break
        forms.append(found[1])
        end -= found[0]
    return start, end, forms


def org_core(name: str | None) -> str:
    """The name without its legal forms: `org_core('OOO "Rosneft"') == 'rosneft'`."""
    return " ".join(parse_org_name(name).core)


# Words that make a name an organization's: legal forms of three letters or more (the shorter
# ones, `SA`, `AO`, `Co`, are also name parts, Moussa Sa, Lee Ao, and so are `PAO` and `ZAO`)
# and the head words of the names of companies, state bodies, armed groups and associations, in
# the languages of the lists. None is a given name or a common surname: on the SDN and UN lists
# no person's name holds one (`Hizb` does: Hizb Ullah), and 74% and 64% of organizations' do.
_ORGANIZATION_WORDS = """
    llc ltd limited inc incorporated corp corporation company gmbh plc llp jsc ojsc cjsc
    pjsc ooo oao fze fzco sarl sprl ltda bhd pte pvt pty sirketi eood dmcc
    academy agency airlines army association authority bank battalion brigade bureau cartel
    committee construction consulting corps council department directorate division energy
    enterprise enterprises forces foundation front fund group guard holding holdings hospital
    industries industry institute investment investments logistics media militia mining
    ministry movement navy network organisation organization partners petrochemical petroleum
    police regiment services shipping society solutions technologies technology trading union
    university
    asociacion banco brigada comercializadora compania constructora cooperativa ejercito
    empresa fundacion grupo inmobiliaria inversiones ministerio policia sociedad
    banque compagnie fondation groupe ministere societe
    fond gruppa kompaniya kontsern korporatsiya obshchestvo zavod tovarystvo
    harakat sharikat sherkat muassasat"""
ORGANIZATION_WORDS = frozenset(_ORGANIZATION_WORDS.split())


def organization_cue(name: str | None) -> str | None:
    """The word of `name` that makes it an organization's name (`Gertler Family Foundation`:
    `foundation`), or None: for a table whose rows give no entity type."""
    for word in _fold_words(name or ""):
        if word in ORGANIZATION_WORDS:
            return word
    return None
