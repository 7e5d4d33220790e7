"""Reading: the real OFAC SDN list, and a generated 1,000,000-row recommendations CSV.

    .venv/bin/python benchmarks/bench_read.py [--repeat 5] [--csv-rows 1000000] [--csv-repeat 3]

(a) The 2024-05-03 SDN.CSV with the 2025-01-06 side files, and the complete 2021-07-07 set
(skipped when ../shared/data is absent). (b) `read_records` on a generated recommendations CSV
(the one of tests/test_security.py's memory test: 1,000,000 rows, 77 MB), each run in a fresh
process: seconds, and the peak resident memory (VmHWM) above what `import gmmatch` took, in MB
and as a multiple of the file's size (issue #8: under 5). `--csv-rows 0` skips it.
Writes benchmarks/results/read.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import SHARED_DATA, peak_rss_mb, summary_line, timed, write_results

import gmmatch

# One fresh process per run: its own peak (VmHWM), not ru_maxrss, which Linux carries over exec.
_CHILD = r"""
import json, sys, time

def peak():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:  # not Linux: ru_maxrss, in KB on Linux and BSD
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

import gmmatch
base = peak()
start = time.perf_counter()
rs = gmmatch.read_records(sys.argv[1])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak": peak(), "base": base, "records": len(rs),
                  "problems": len(rs.problems)}))
"""


def write_recommendations(path: Path, rows: int) -> None:
    """The memory test's CSV (tests/test_security.py): 6 columns, one name, date of birth and
    nationality a row, every name distinct."""
    given = ["Amara", "Bilal", "Chen", "Dmitri", "Elena", "Farid", "Goran", "Hana", "Ilse"]
    family = ["Okafor", "Haddad", "Lindqvist", "Petrenko", "Moreau", "Nakamura", "Silva"]
    countries = ["Kenya", "Russia", "Iran", "Brazil", "China", "Nicaragua"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "dob", "nationality", "recommended_on", "source_org"])
        for i in range(rows):
            writer.writerow([f"R{i}", f"{given[i % 9]} {family[i % 7]} {i}",
                             f"{1 + i % 28} Mar {1940 + i % 60}", countries[i % 6],
                             f"20{10 + i % 14}-0{1 + i % 9}-15", "Example Coalition"])


def read_in_fresh_process(path: Path) -> dict:
    """`read_records(path)` in a new Python process: its seconds, peak and base (VmHWM bytes
    after reading and after `import gmmatch`), records and problems. Also the memory test's."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], check=True,
                          capture_output=True, text=True, timeout=3600)
    return json.loads(done.stdout.strip().splitlines()[-1])


def read_csv_in_fresh_processes(rows: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recommendations.csv"
        write_recommendations(path, rows)
        size = path.stat().st_size
        runs = [read_in_fresh_process(path) for _ in range(repeat)]
    times = [r["seconds"] for r in runs]
    above = [r["peak"] - r["base"] for r in runs]
    result = {
        "rows": rows,
        "csv_bytes": size,
        "records": runs[-1]["records"],
        "problems": runs[-1]["problems"],
        "best_s": round(min(times), 2),
        "median_s": round(statistics.median(times), 2),
        "peak_above_import_mb": round(max(above) / 1e6),
        "peak_mb": round(max(r["peak"] for r in runs) / 1e6),
        "peak_over_file_size": round(max(above) / size, 2),
    }
    print(summary_line(f"recommendations CSV ({rows:,} rows, {size / 1e6:.0f} MB)", times))
    print(f"  peak RSS {result['peak_mb']} MB, {result['peak_above_import_mb']} MB above "
          f"import gmmatch: {result['peak_over_file_size']} times the file (worst of {repeat})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--csv-repeat", type=int, default=3)
    args = parser.parse_args()
    results = {}
    if SHARED_DATA.is_dir():
        ofac = SHARED_DATA / "ofac"
        side = ofac / "2025-01-06"
        cases = {
            "sdn_2024_with_2025_side_files": lambda: gmmatch.read_sdn(
                ofac / "2024-05-03" / "sdn.csv", alt=side / "alt.csv", add=side / "add.csv",
                comments=side / "sdn_comments.csv"),
            "sdn_2021_full_set": lambda: gmmatch.read_sdn(ofac / "2021-07-07"),
        }
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
        print(f"peak RSS {results['peak_rss_mb']} MB")
    else:
        print(f"SDN cases skipped: real list files not found at {SHARED_DATA}")
    if args.csv_rows:
        results["recommendations_csv"] = read_csv_in_fresh_processes(args.csv_rows,
                                                                     args.csv_repeat)
    print(f"written to {write_results('read', results)}")


if __name__ == "__main__":
    main()
