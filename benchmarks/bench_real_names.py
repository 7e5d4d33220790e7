"""Real designees' names, written as recommendation letters and the press write them, against
the SDN list: linked to their entry, to another one, or to none.

    .venv/bin/python benchmarks/bench_real_names.py [--show]

`benchmarks/real_names.csv` was written by hand, not drawn from the lists: each row is a
person or organization as an NGO or a newspaper would name them (another transliteration, the
name in Cyrillic, Chinese or Korean, a title, a patronymic dropped or added, the article
written apart, an acronym in brackets), with a date of birth or nationality where such a letter
would give one, and `listed_as`, the SDN entry's primary name (empty for those not on the list:
victims, officials never designated). The evaluation generator (`evaluation.py`) corrupts list
entries by rules; these are the spellings no rule of ours made. Linked to the 2024-05-03 SDN
list (ALT.CSV of 2025-01-06) at the default threshold; results in
benchmarks/results/real_names.json.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from _common import read_sdn_2024, require_shared_data, write_results

import gmmatch

CASES = Path(__file__).with_name("real_names.csv")


def evaluate(sdn: gmmatch.RecordSet, threshold: float = gmmatch.DEFAULT_THRESHOLD,
             ) -> tuple[dict, list[str]]:
    """(counts of each outcome, a line for every case) of the cases linked to `sdn`."""
    with CASES.open(newline="", encoding="utf-8") as f:
        cases = list(csv.DictReader(f))
    entry_of: dict[str, list[str]] = {}
    for row in sdn.table.select(["id", "name"]).to_pylist():
        entry_of.setdefault(row["name"], []).append(row["id"])
    for case in cases:
        ids = entry_of.get(case["listed_as"], []) if case["listed_as"] else [None]
        if len(ids) != 1:
            raise ValueError(f"{CASES.name}: {case['listed_as']!r} names {len(ids)} SDN entries")
        case["expected"] = ids[0]
    records = gmmatch.read_records(
        [{"id": str(i), "name": c["name"], "entity_type": c["entity_type"] or "person",
          "dob": c["dob"], "nationality": c["nationality"]} for i, c in enumerate(cases)])
    best = gmmatch.link(records, sdn, threshold=0.01).best()
    found = {r: (lid, name, p) for r, lid, name, p in zip(
        best.record_id, best.list_id, best.list_name, best.match_probability, strict=True)}
    outcome = {"right": 0, "wrong": 0, "missed": 0, "alert": 0, "quiet": 0}
    lines = []
    for i, case in enumerate(cases):
        lid, name, p = found.get(str(i), (None, None, 0.0))
        linked = lid if p >= threshold else None
        if case["expected"] is None:
            kind = "alert" if linked else "quiet"
        else:
            kind = "right" if linked == case["expected"] else "wrong" if linked else "missed"
        outcome[kind] += 1
        lines.append(f"{kind.upper():6} {case['name']!r} -> {name!r} p={p:.3f}"
                     + (f" (listed as {case['listed_as']!r})" if case["listed_as"] else ""))
    listed = sum(c["expected"] is not None for c in cases)
    return {"cases": len(cases), "listed": listed, "not_listed": len(cases) - listed,
            **outcome, "recall": round(outcome["right"] / listed, 4),
            "threshold": threshold}, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every case, not only misses")
    args = parser.parse_args()
    data = require_shared_data()
    result, lines = evaluate(read_sdn_2024(data, addresses=False))
    for line in lines:
        if args.show or not line.startswith(("RIGHT", "QUIET")):
            print(" ", line)
    write_results("real_names", result)
    print(result)


if __name__ == "__main__":
    main()
