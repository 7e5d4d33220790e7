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
  (*Lee*, *Yi*, *Rhee* for *RI*; *Park* for *PAK*; *Choi* for *CHOE*...).

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

from _common import require_shared_data, write_results

import gmmatch

ARAB_G = {"Iraq", "Saudi Arabia", "United Arab Emirates", "Kuwait", "Qatar", "Bahrain", "Oman",
          "Yemen", "Sudan", "Libya", "Egypt"}
PERSIAN = {"Iran", "Afghanistan"}
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
            if countries[0] in nationalities and (name := rewrite(entry, surname, given)):
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
    ofac, side = data / "ofac" / "2024-05-03", data / "ofac" / "2025-01-06"
    result, lines = evaluate(gmmatch.read_sdn(ofac / "sdn.csv", alt=side / "alt.csv",
                                              add=side / "add.csv"))
    for line in lines:
        if args.show or not line.startswith("RIGHT"):
            print(" ", line)
    write_results("spellings", result)
    for family, counts in result["families"].items():
        print(f"{family:24s} {counts}")


if __name__ == "__main__":
    main()
