"""Linkage quality on the held-out half of the evaluation set, and its speed.

    .venv/bin/python benchmarks/bench_linkage.py [--seed 7] [--split test] [--errors 20]

Builds the evaluation set of benchmarks/evaluation.py from the real 2024 SDN list (with the
2025 ALT/ADD files), links it with the shipped model at gmmatch.DEFAULT_THRESHOLD and reports
precision, recall, F1, the false-alert rate on negatives and pairs completeness (the share of
true pairs that blocking lets through to scoring), by corruption too. Writes
benchmarks/results/linkage.json; compare it with benchmarks/results/linkage_frozen.json.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from _common import read_sdn_2024, require_shared_data, write_results
from evaluation import build_evaluation

import gmmatch
from gmmatch.link import DEFAULT_THRESHOLD, link
from gmmatch.model import default_model, engine
from gmmatch.model.engine import blocked_pairs_sql
from gmmatch.records import SCHEMA, RecordSet, Source


def metrics(pairs, ev, ids, threshold: float) -> dict:
    kept = pairs[(pairs.match_probability >= threshold) & pairs.record_id.isin(ids)]
    positives = [r for r in ids if ev.truth[r]]
    negatives = [r for r in ids if not ev.truth[r]]
    right = sum(ev.truth[r] == lid for r, lid in zip(kept.record_id, kept.list_id, strict=True))
    precision = right / len(kept) if len(kept) else 1.0
    recall = right / len(positives)
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    alerted = set(kept.record_id) & set(negatives)
    return {"threshold": threshold, "precision": round(precision, 5), "recall": round(recall, 5),
            "f1": round(f1, 5),
            "false_alert_rate": round(len(alerted) / len(negatives), 5) if negatives else None,
            "positives": len(positives), "negatives": len(negatives),
            "wrong_pairs": len(kept) - right}


def true_pairs_blocked(records: RecordSet, target: RecordSet, ev, ids) -> dict[str, bool]:
    """For each record of `ids` that has a true entry, whether blocking lets that pair through
    (their share is the pairs completeness)."""
    model = default_model()
    with engine.duckdb_connection() as con:
        left = engine.features(con, records.table, "records", model)
        right = engine.features(con, target.table, "list", model)
        blocked = set(con.sql(blocked_pairs_sql(left, right, exclude_same_id=False)).fetchall())
    return {r: (r, ev.truth[r]) in blocked for r in ids if ev.truth[r]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--split", default="test", choices=["train", "test"])
    parser.add_argument("--errors", type=int, default=15, help="errors to print of each kind")
    args = parser.parse_args()
    data = require_shared_data()
    sdn = read_sdn_2024(data)
    ev = build_evaluation(sdn.table.select(SCHEMA.names).to_pylist(), seed=args.seed)
    target = RecordSet.from_rows(ev.target, [], Source(None, "evaluation target", "sdn"))
    started = time.perf_counter()
    records = gmmatch.read_records(ev.records)
    result = link(records, target)
    seconds = time.perf_counter() - started
    ids = ev.ids(args.split)
    pairs = result.pairs
    overall = metrics(pairs, ev, ids, DEFAULT_THRESHOLD)
    blocked = true_pairs_blocked(records, target, ev, ids)
    overall["pairs_completeness"] = round(sum(blocked.values()) / len(blocked), 5)
    by_corruption = {}
    for corruption in sorted({c for cs in ev.corruptions.values() for c in cs}):
        subset = {r for r in ids if corruption in ev.corruptions[r]}
        if sum(1 for r in subset if ev.truth[r]) >= 20:
            m = metrics(pairs, ev, subset, DEFAULT_THRESHOLD)
            by_corruption[corruption] = {"records": len(subset), "recall": m["recall"]}
        elif subset:
            m = metrics(pairs, ev, subset | {r for r in ids if ev.truth[r]}, DEFAULT_THRESHOLD)
            by_corruption[corruption] = {"records": len(subset),
                                         "false_alert_rate": m["false_alert_rate"]}
    print(f"{args.split} split, threshold {DEFAULT_THRESHOLD}: {overall}")
    print(f"linked {len(records):,} records against {len(target):,} entries in {seconds:.1f} s")
    for name, value in by_corruption.items():
        print(f"  {name:<32} {value}")
    _print_errors(pairs, ev, ids, args.errors, blocked)
    write_results("linkage", {"split": args.split, "seed": args.seed, "overall": overall,
                              "by_corruption": by_corruption, "seconds": round(seconds, 2),
                              "records": len(records), "list_entries": len(target)})


def _print_errors(pairs, ev, ids, n: int, blocked: dict[str, bool]) -> None:
    best = pairs[pairs.record_id.isin(ids)].drop_duplicates("record_id")
    best_of = dict(zip(best.record_id, zip(best.list_id, best.match_probability, strict=True),
                       strict=True))
    names = {r["id"]: r["name"] for r in ev.records}
    listed = {e["id"]: e["name"] for e in ev.target}
    missed = [r for r in sorted(ids) if ev.truth[r] and (
        best_of.get(r, (None, 0))[0] != ev.truth[r] or best_of[r][1] < DEFAULT_THRESHOLD)]
    alerts = [r for r in sorted(ids) if not ev.truth[r] and best_of.get(r, (None, 0))[1]
              >= DEFAULT_THRESHOLD]
    print(f"missed {len(missed)}: causes {Counter(c for r in missed for c in ev.corruptions[r])}")
    unblocked = [r for r in missed if not blocked[r]]
    print(f"of which the true pair was not blocked: {len(unblocked)}")
    for r in missed[:n]:
        got = best_of.get(r)
        # (no pair kept: every pair scored under KEEP_AT_LEAST, or none was blocked)
        best = (f"best {listed.get(got[0])!r} p={round(got[1], 3)}" if got else
                "no pair kept" + ("" if blocked[r] else ", true pair not blocked"))
        print(f"  MISS {names[r]!r} -> {listed.get(ev.truth[r])!r}; {best} {ev.corruptions[r]}")
    print(f"false alerts {len(alerts)}")
    for r in alerts[:n]:
        lid, p = best_of[r]
        print(f"  ALERT {names[r]!r} -> {listed.get(lid)!r} p={p:.3f} {ev.corruptions[r]}")


if __name__ == "__main__":
    main()
