"""SDN persons written as other communities write their names: linked to their entry, to
another one, or to none.

    .venv/bin/python benchmarks/bench_spellings.py [--show]

Each family rewrites real entries of the 2024-05-03 SDN list (ALT/ADD of 2025-01-06) by one
rule that a community's writers follow, and keeps only the entries that none of their names
already writes that way (otherwise the list would hand the spelling over):

- `q as g`: Arabic ق as Iraqi, Gulf, Yemeni, Sudanese and Libyan writers write it (*Gais
  al-Khazali* for *AL-KHAZALI, Qais*);
- `q as gh`, `gh as q`: Persian, which says ق and غ alike and writes both either way (*Hossein
  Dehqan* for *DEHGHAN, Hossein*), for Iranian and Afghan nationals;
- `Korean surname, South`: North Korean persons with their surname as South Korea writes it
  (*Lee*, *Yi*, *Rhee* for *RI*; *Park* for *PAK*; *Choi* for *CHOE*...);
- `Russian as German`, `as French`, `as Polish`: Russian, Ukrainian and Belarusian nationals'
  names as the German (Duden), French and Polish press write Cyrillic, read back from the
  list's English spelling (the rules beside each function: *Walentina Iwanowna Matwijenko*,
  *Valentina Ivanovna Matviienko*, *Walentina Iwanowna Matwijenko* for *MATVIYENKO, Valentina
  Ivanovna*; *Sergueï Choïgou*, *Siergiej Szojgu*);
- `Arabic as French`: nationals of countries where French is written (the Maghreb, the Sahel,
  Lebanon, Syria) as French writes Arabic: ش `ch`, ج `dj`, و and `u` `ou`, `s` between vowels
  `ss` (*Marouan*, *Djamel*, *Youssef*).

Each record is the rewritten name, given names first, with the entry's nationality and nothing
else, linked to the whole list at the default threshold. Results in
benchmarks/results/spellings.json. The rules are the writers', not gmmatch's: a family tells
how much of one real spelling habit gmmatch follows, and the held-out evaluation
(`bench_linkage.py`) tells what following it costs.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator

from _common import read_sdn_2024, require_shared_data, write_results

import gmmatch

ARAB_G = {"Iraq", "Saudi Arabia", "United Arab Emirates", "Kuwait", "Qatar", "Bahrain", "Oman",
          "Yemen", "Sudan", "Libya", "Egypt"}
PERSIAN = {"Iran", "Afghanistan"}
ARAB_FRENCH = {"Algeria", "Morocco", "Tunisia", "Mauritania", "Mali", "Lebanon", "Syria",
               "Chad", "Niger"}
# North Korea's romanization of a surname (the lists') -> South Korea's (the press's)
SOUTH_KOREAN = {"RI": ("Lee", "Yi", "Rhee"), "PAK": ("Park",), "CHOE": ("Choi",),
                "RIM": ("Lim",), "SIN": ("Shin",), "RYU": ("Yoo",), "JONG": ("Jung", "Jeong")}


def _respelt(old: str, new: str) -> Callable[[dict, str, str], str | None]:
    """A family rewriting `old` as `new` (lower case; a capital kept), or None for an entry
    whose names already write it so."""
    def rewrite(entry: dict, surname: str, given: str) -> str | None:
        written = f"{given} {surname.title()}"
        if old not in written.lower():
            return None
        names = " ".join([entry["name"], *entry["aliases"]]).lower()
        words = [w for w in re.findall(r"[a-z']+", written.lower()) if old in w]
        if any(w.replace(old, new) in names for w in words):
            return None
        return re.sub(old, new, re.sub(old.capitalize(), new.capitalize(), written))
    return rewrite


def _written_as(pattern: re.Pattern, replace: Callable[[re.Match], str],
                surname: Callable[[str], str] = str) -> Callable[[dict, str, str], str | None]:
    """A family writing each word of an entry's name, given names first, with every match of
    `pattern` replaced (`replace`), then the surname passed to `surname`; None for an entry
    whose names already write every word so."""
    def rewrite(entry: dict, last: str, given: str) -> str | None:
        words = f"{given} {last}".lower().split()
        written = [pattern.sub(replace, w) for w in words]
        written[-1] = surname(written[-1])
        names = " ".join([entry["name"], *entry["aliases"]]).lower()
        if all(w == old or w in names for w, old in zip(written, words, strict=True)):
            return None
        return " ".join(w.capitalize() for w in written)
    return rewrite


# English (BGN/PCGN, as the lists write Cyrillic) -> German (Duden): one pass, longest first
_GERMAN = re.compile(r"shch|kh|zh|sh|ch|ts|z|v|y(?=[aeiou])|(?<=[aeiouy])y"
                     r"|(?<=[aeiou])s(?=[aeiou])")
_AS_GERMAN = {"shch": "schtsch", "kh": "ch", "zh": "sch", "sh": "sch", "ch": "tsch", "ts": "z",
              "z": "s", "v": "w", "y": "j", "s": "ss"}
# English -> French (the French press's usage): ш `ch`, ж `j`, ч `tch`, у `ou`, г before e, i
# `gu`, й `ï` (none after и: Dmitri), я, ю, е after a vowel `ia`, `iou`, `ie`, с between
# vowels `ss`, a surname's -ин `-ine` (Poutine)
_FRENCH = re.compile(r"shch|zh|sh|ch|yu|ya|ye|yo|yy\b|(?<=i)y\b|(?<=[aeiou])y(?![aeiou])|u"
                     r"|g(?=[eiy])|(?<=[aeiou])s(?=[aeiou])")
_AS_FRENCH = {"shch": "chtch", "zh": "j", "sh": "ch", "ch": "tch", "yu": "iou", "ya": "ia",
              "ye": "ie", "yo": "io", "yy": "y", "y": "ï", "u": "ou", "g": "gu", "s": "ss"}
# English -> Polish (the Polish press's usage): х `ch`, ж `ż`, ш `sz`, щ `szcz`, ч `cz`, ц `c`,
# в `w`, й and я, ю after a consonant sign `j`, е after a consonant `ie`, a hard л `ł`
_POLISH = re.compile(r"shch|kh|zh|sh|ch|ts|v|y(?=[aeiou])|(?<=[aeiouy])y"
                     r"|(?<=[bcdfgkmnprstvwz])e|l(?![iey])")
_AS_POLISH = {"shch": "szcz", "kh": "ch", "zh": "ż", "sh": "sz", "ch": "cz", "ts": "c",
              "v": "w", "y": "j", "e": "ie", "l": "ł"}
# English -> French for Arabic names (the Maghreb's and Lebanon's usage): ش `ch`, ج `dj`, و and
# a `u` `ou`, an `s` between vowels `ss` (*Youssef*, *Djamel*, *Chouaib*)
_ARAB_FRENCH = re.compile(r"sh|(?<!d)j|w(?=[aeiou])|(?<!o)u|(?<=[aeiou])s(?=[aeiou])")
_AS_ARAB_FRENCH = {"sh": "ch", "j": "dj", "w": "ou", "u": "ou", "s": "ss"}

_russian_as_german = _written_as(_GERMAN, lambda m: _AS_GERMAN[m[0]])
_russian_as_french = _written_as(
    _FRENCH, lambda m: "" if m[0] == "y" and m.string[m.start() - 1] == "i" else _AS_FRENCH[m[0]],
    lambda surname: surname + "e" if surname.endswith("in") else surname)
_russian_as_polish = _written_as(_POLISH, lambda m: _AS_POLISH[m[0]])
_arabic_as_french = _written_as(_ARAB_FRENCH, lambda m: _AS_ARAB_FRENCH[m[0]])


# names whose parts are not given names and a surname, never written with initials
_NO_INITIALS = {"Korea, North", "Korea, South", "China", "Hong Kong", "Burma", "Cambodia",
                "Vietnam", "Thailand"}


def _middle_initial(entry: dict, surname: str, given: str) -> str | None:
    """`Given M. Surname`: every given name after the first written as its initial."""
    if set(entry["nationality"] or entry["citizenship"]) & _NO_INITIALS:
        return None
    words = given.split()
    if len(words) < 2 or any(not w[:1].isalpha() or len(w.strip(".")) < 2 for w in words):
        return None
    return " ".join([words[0], *(f"{w[0].upper()}." for w in words[1:]), surname.title()])


def _south_korean(entry: dict, surname: str, given: str) -> str | None:
    parts = given.replace("-", " ").split()
    if surname not in SOUTH_KOREAN or not 1 <= len(parts) <= 2:
        return None
    spellings = SOUTH_KOREAN[surname]
    south = spellings[int(entry["id"]) % len(spellings)]
    return " ".join([south, "-".join([parts[0], *(p.lower() for p in parts[1:])])])


FAMILIES: dict[str, tuple[set[str] | None, Callable[[dict, str, str], str | None]]] = {
    "q as g": (ARAB_G, _respelt("q", "g")),
    "q as gh": (PERSIAN, _respelt("q", "gh")),
    "gh as q": (PERSIAN, _respelt("gh", "q")),
    "Korean surname, South": ({"Korea, North"}, _south_korean),
    "Russian as German": ({"Russia", "Ukraine", "Belarus"}, _russian_as_german),
    "Russian as French": ({"Russia", "Ukraine", "Belarus"}, _russian_as_french),
    "Russian as Polish": ({"Russia", "Ukraine", "Belarus"}, _russian_as_polish),
    "Arabic as French": (ARAB_FRENCH, _arabic_as_french),
    "middle names as initials": (None, _middle_initial),
}


def cases(sdn: gmmatch.RecordSet) -> Iterator[tuple[str, dict]]:
    """(family, record) for every SDN person a family rewrites; the record's id is the entry's."""
    for entry in sdn.table.select(["id", "entity_type", "name", "aliases", "nationality",
                                   "citizenship"]).to_pylist():
        countries = entry["nationality"] or entry["citizenship"]
        if entry["entity_type"] != "person" or not countries or "," not in entry["name"]:
            continue
        surname, given = (part.strip() for part in entry["name"].split(",", 1))
        for family, (nationalities, rewrite) in FAMILIES.items():
            if ((nationalities is None or countries[0] in nationalities)
                    and (name := rewrite(entry, surname, given))):
                yield family, {"id": entry["id"], "name": name, "nationality": countries[0]}


def evaluate(sdn: gmmatch.RecordSet, threshold: float = gmmatch.DEFAULT_THRESHOLD,
             ) -> tuple[dict, list[str]]:
    """(counts per family, a line per case) of the rewritten entries linked to `sdn`."""
    drawn = list(cases(sdn))
    records = gmmatch.read_records([{**record, "id": f"{n}"} for n, (_, record)
                                    in enumerate(drawn)])
    best = gmmatch.link(records, sdn, threshold=0.01).best()
    found = {r: (lid, name, p) for r, lid, name, p in zip(
        best.record_id, best.list_id, best.list_name, best.match_probability, strict=True)}
    counts = {family: {"cases": 0, "right": 0, "wrong": 0, "missed": 0} for family in FAMILIES}
    lines = []
    for n, (family, record) in enumerate(drawn):
        lid, name, p = found.get(str(n), (None, None, 0.0))
        linked = lid if p >= threshold else None
        kind = "right" if linked == record["id"] else "wrong" if linked else "missed"
        counts[family]["cases"] += 1
        counts[family][kind] += 1
        lines.append(f"{kind.upper():6} [{family}] {record['name']!r} -> {name!r} p={p:.3f}")
    return {"families": counts, "threshold": threshold}, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every case, not only misses")
    args = parser.parse_args()
    data = require_shared_data()
    result, lines = evaluate(read_sdn_2024(data))
    for line in lines:
        if args.show or not line.startswith("RIGHT"):
            print(" ", line)
    write_results("spellings", result)
    for family, counts in result["families"].items():
        print(f"{family:24s} {counts}")


if __name__ == "__main__":
    main()
