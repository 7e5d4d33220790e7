"""Reading the real OFAC SDN list: the 2024-05-03 SDN.CSV with the 2025-01-06 side files.

    .venv/bin/python benchmarks/bench_read.py [--repeat 5]

Writes benchmarks/results/read.json. Skips (exit 0) when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import statistics

from _common import peak_rss_mb, require_shared_data, summary_line, timed, write_results

import gmmatch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ofac = require_shared_data() / "ofac"
    side = ofac / "2025-01-06"
    cases = {
        "sdn_2024_with_2025_side_files": lambda: gmmatch.read_sdn(
            ofac / "2024-05-03" / "sdn.csv", alt=side / "alt.csv", add=side / "add.csv",
            comments=side / "sdn_comments.csv"),
        "sdn_2021_full_set": lambda: gmmatch.read_sdn(ofac / "2021-07-07"),
    }
    results = {}
    for name, run in cases.items():
        times, records = timed(run, args.repeat)
        print(summary_line(f"{name} ({len(records):,} records)", times))
        results[name] = {
            "records": len(records),
            "problems": len(records.problems),
            "best_s": round(min(times), 3),
            "median_s": round(statistics.median(times), 3),
            "records_per_s": round(len(records) / min(times)),
        }
    results["peak_rss_mb"] = round(peak_rss_mb())
    print(f"peak RSS {results['peak_rss_mb']} MB; written to {write_results('read', results)}")


if __name__ == "__main__":
    main()
