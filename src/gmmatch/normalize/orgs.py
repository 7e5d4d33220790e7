"""Organization names: legal forms canonicalized across languages, quotes and punctuation gone.

`OOO "Rosneft"`, `Rosneft LLC` and `ROSNEFT, OOO` all give the core name `rosneft` with the
legal form `llc`. Keys are built from the core only, and a name that is nothing but a legal form
has no key at all, so a legal form alone can never make a match.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from gmmatch.normalize.text import fold_text

__all__ = ["OrgName", "org_core", "parse_org_name"]

# Canonical legal form -> the single words that write it (folded: lowercase ASCII, punctuation
# gone). Classes follow the legal meaning, not the language: llc = limited liability company
# (OOO, TOV, TOO, GmbH, SARL, SRL, d.o.o., Sp. z o.o., Kft., Sdn Bhd), jsc = joint-stock company
# (AO, ZAO, OAO, PAO, AG, S.A., N.V., S.p.A., A.S., AB, Oy), ltd = private/public limited company.
_SINGLE_WORDS = {
    "llc": "llc ooo tov too mchj gmbh sarl srl sro doo spzoo kft bhd fzllc",
    "ltd": "ltd limited pte pvt pty plc bv",
    "jsc": "jsc ojsc cjsc pjsc ao zao oao pao pat prat ag sa nv spa oy oyj saog saoc psc qsc",
    "corp": "corp corporation inc incorporated",
    "co": "co company compagnie cie cia companhia compania kompaniya",
    "lp": "lp llp kg",
    "fze": "fze fzco fzc",
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
    "private joint stock company": "jsc", "aktsionernoe obshchestvo": "jsc",
    "aktsionernoye obshchestvo": "jsc", "publichnoe aktsionernoe obshchestvo": "jsc",
    "sociedad anonima": "jsc", "societe anonyme": "jsc", "l p": "lp", "gmbh co kg": "lp",
    "fz co": "fze", "free zone establishment": "fze", "free zone company": "fze",
    "state unitary enterprise": "sue", "federal state unitary enterprise": "sue",
    "gosudarstvennoe unitarnoe predpriyatie": "sue",
    "obshchestvo s ogranichennoi otvetstvennostiu": "llc",
    "obshchestvo s ogranichennoy otvetstvennostyu": "llc",
    "tovarystvo z obmezhenoiu vidpovidalnistiu": "llc",
    "societe a responsabilite limitee": "llc",
    "sociedad de responsabilidad limitada": "llc",
}
_FORMS = {tuple(p.split()): c for p, c in _MULTI.items()}
for _canonical, _words in _SINGLE_WORDS.items():
    _FORMS.update({(word,): _canonical for word in _words.split()})
# Two-letter forms read only at the end of a name (`Banco X SA`, `Hydro AS`): at the start they
# are too often a real word (`As Safa`, `Sa Kaeo`).
_NOT_ALONE = frozenset({("as",), ("ab",), ("at",), ("sa",)})
_MAX_PHRASE = max(len(p) for p in _FORMS)
_FIRST_WORDS = frozenset(p[0] for p in _FORMS)
_LAST_WORDS = frozenset(p[-1] for p in _FORMS)


@dataclass(frozen=True, slots=True)
class OrgName:
    """An organization name split into its core words and its legal forms (canonical)."""

    original: str
    core: tuple[str, ...]
    legal_forms: tuple[str, ...]

    @property
    def text(self) -> str:
        """Core words followed by the canonical legal forms: `rosneft llc`."""
        return " ".join(self.core + self.legal_forms)


def _match_form(tokens: list[str], at: int, forward: bool) -> tuple[int, str] | None:
    if (tokens[at] not in _FIRST_WORDS) if forward else (tokens[at - 1] not in _LAST_WORDS):
        return None
    for size in range(min(_MAX_PHRASE, len(tokens)), 0, -1):
        piece = tuple(tokens[at : at + size]) if forward else tuple(tokens[at - size : at])
        if len(piece) == size and piece in _FORMS and not (forward and piece in _NOT_ALONE):
            return size, _FORMS[piece]
    return None


@lru_cache(maxsize=262144)
def parse_org_name(name: str | None) -> OrgName:
    """Strip legal forms from both ends of an organization name (quotes, punctuation dropped).

    Only the ends are searched: a legal-form word inside a name (`Bank of Company Town`) is part
    of the name. A name made only of legal forms keeps them all in `legal_forms` and has an
    empty `core`.
    """
    tokens = fold_text(name or "").split()
    forms: list[str] = []
    start, end = 0, len(tokens)
    while start < end:
        found = _match_form(tokens[start:end], 0, True)
        if not found:
            break
        forms.append(found[1])
        start += found[0]
    while start < end:
        found = _match_form(tokens[start:end], end - start, False)
        if not found:
            break
        forms.append(found[1])
        end -= found[0]
    return OrgName(name or "", tuple(tokens[start:end]), tuple(dict.fromkeys(forms)))


def org_core(name: str | None) -> str:
    """The name without its legal forms: `org_core('OOO "Rosneft"') == 'rosneft'`."""
    return " ".join(parse_org_name(name).core)
