"""CI's speed and quality check: gmmatch against the baseline at 10,000 records.

    .venv/bin/python benchmarks/check_regression.py            # exit 1 on a regression
    .venv/bin/python benchmarks/check_regression.py --record "why the numbers moved"

Never an absolute time: what is checked is gmmatch's wall time divided by the baseline's,
both measured in the same run on the same records (benchmarks/bench_scale.py), so that a slow
or busy machine slows both. It fails when

- that ratio is more than 50% above the recorded one on two measurements in a row (a second
  measurement is taken only when the first exceeds: one noisy run never fails CI), or
- gmmatch's F1 is more than 0.005 below the recorded F1 (F1 is deterministic).

The recorded numbers live in benchmarks/baseline_record.json, one entry per kind of list (the
real SDN list when ../shared/data is there, a generated list of the same shape otherwise, so
CI always checks something). `--record` rewrites that entry with a reason; commit it with a
message saying why. Without the real data and without a record for the generated list, the
check says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT
from bench_scale import compare, generated_list, prepare, real_list_rows

RECORD = ROOT / "benchmarks" / "baseline_record.json"
SIZE = 10_000
#: A ratio this much worse than recorded, twice in a row, fails.
SLOWER = 1.5
#: An F1 this much below the recorded one fails.
F1_DROP = 0.005


def measure_once(work: Path) -> dict:
    row = compare(work, SIZE)
    return {"ratio": row["time_ratio"], "f1": row["gmmatch"]["f1"],
            "gmmatch_seconds": row["gmmatch"]["seconds"],
            "baseline_seconds": row["baseline"]["seconds"],
            "baseline_f1": row["baseline"]["f1"]}


def verdict(recorded: dict, runs: list[dict]) -> list[str]:
    """What fails, in words (empty: pass). `runs`: one or two measurements."""
    failures = []
    limit = recorded["ratio"] * SLOWER
    if len(runs) >= 2 and all(r["ratio"] > limit for r in runs[:2]):
        failures.append(
            f"gmmatch/baseline time ratio {runs[0]['ratio']:.3f} and {runs[1]['ratio']:.3f} "
            f"both above {limit:.3f} (recorded {recorded['ratio']:.3f} x {SLOWER})")
    if runs[0]["f1"] < recorded["f1"] - F1_DROP:
        failures.append(f"gmmatch F1 {runs[0]['f1']:.5f} below recorded {recorded['f1']:.5f} "
                        f"- {F1_DROP}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", metavar="REASON",
                        help="measure and write the record for this kind of list")
    parser.add_argument("--generated", action="store_true",
                        help="use the generated list even when the real one is there")
    args = parser.parse_args()
    rows = None if args.generated else real_list_rows()
    kind = "sdn-2024" if rows is not None else "generated"
    records = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    if kind not in records and not args.record:
        print(f"skipped: no recorded ratio for the {kind} list in {RECORD.name} "
              f"(record one with --record REASON)")
        return 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gmmatch-regression-") as tmp:
        work = Path(tmp)
        prepare(work, rows if rows is not None else generated_list(15_000), [SIZE])
        first = measure_once(work)
        print(f"{kind}: gmmatch {first['gmmatch_seconds']:.2f} s, baseline "
              f"{first['baseline_seconds']:.2f} s, ratio {first['ratio']:.3f}, "
              f"F1 {first['f1']:.5f} (baseline {first['baseline_f1']:.5f})", flush=True)
        if args.record:
            records[kind] = {"ratio": first["ratio"], "f1": first["f1"], "records": SIZE,
                             "why": args.record, "date": time.strftime("%Y-%m-%d"),
                             "measured": first}
            RECORD.write_text(json.dumps(records, indent=2, sort_keys=True) + "\n")
            print(f"recorded in {RECORD.relative_to(ROOT)}: commit it, saying why")
            return 0
        runs = [first]
        if first["ratio"] > records[kind]["ratio"] * SLOWER:
            runs.append(measure_once(work))
            print(f"second measurement: ratio {runs[1]['ratio']:.3f}")
    failures = verdict(records[kind], runs)
    for failure in failures:
        print(f"REGRESSION: {failure}")
    print(f"checked in {time.perf_counter() - started:.0f} s against the record of "
          f"{records[kind]['date']} ({records[kind]['why']})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
