"""Names written in Arabic script, alone, against the SDN list: found, missed, wrongly linked.

    .venv/bin/python benchmarks/bench_abjad.py

Every name of the UN consolidated list written in an abjad script (Arabic, Persian) is a record
of its own, with nothing else (no date of birth, no nationality: the hardest case), linked to the
2024-05-03 SDN list at the default threshold. The right SDN entry of a UN entry is the best
match, at 0.9 or more, of that entry's names in Latin letters with its dates of birth and
nationalities. Reported: of the names whose entry has such a counterpart, how many link to it,
to another entry, or to none; of the others, how many raise an alert anyway. Results in
benchmarks/results/abjad.json.
"""

from __future__ import annotations

from _common import read_sdn_2024, require_shared_data, write_results
from train_default_model import abjad_queries

import gmmatch
from gmmatch.normalize import written_in_abjad


def main() -> None:
    data = require_shared_data()
    sdn = read_sdn_2024(data)
    un = gmmatch.read_un(data / "un" / "consolidated_2026-02-27.xml")
    latin = []
    for entry in un.table.select(["id", "name", "aliases", "entity_type", "dob",
                                  "nationality"]).to_pylist():
        names = [n for n in [entry["name"], *entry["aliases"]] if n and not written_in_abjad(n)]
        if names:
            latin.append({**entry, "name": names[0], "aliases": names[1:]})
    best = gmmatch.link(gmmatch.read_records(latin), sdn).best()
    counterpart = dict(zip(best.record_id[best.match_probability >= 0.9],
                           best.list_id[best.match_probability >= 0.9], strict=True))
    queries = abjad_queries(un)
    found = gmmatch.link(queries, sdn).best()
    found = found[found.match_probability >= gmmatch.DEFAULT_THRESHOLD]
    linked = dict(zip(found.record_id, found.list_id, strict=True))
    ids = queries.table["id"].to_pylist()
    known = [q for q in ids if q.split("#")[0] in counterpart]
    unknown = [q for q in ids if q.split("#")[0] not in counterpart]
    result = {
        "names": len(ids),
        "with_sdn_counterpart": len(known),
        "linked_right": sum(linked.get(q) == counterpart[q.split("#")[0]] for q in known),
        "linked_wrong": sum(q in linked and linked[q] != counterpart[q.split("#")[0]]
                            for q in known),
        "without_counterpart": len(unknown),
        "alerts_without_counterpart": sum(q in linked for q in unknown),
        "threshold": gmmatch.DEFAULT_THRESHOLD,
    }
    write_results("abjad", result)
    print(result)


if __name__ == "__main__":
    main()
