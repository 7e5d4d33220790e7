"""What the benchmark scripts share: where the real data is, timing, and writing results."""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results"


def require_shared_data() -> Path:
    """The real list files, or exit 0 saying they are absent (a benchmark, not a failure)."""
    if not SHARED_DATA.is_dir():
        print(f"skipped: real list files not found at {SHARED_DATA}")
        sys.exit(0)
    return SHARED_DATA


def read_sdn_2024(data: Path = SHARED_DATA, *, addresses: bool = True):
    """The 2024-05-03 SDN list the benchmarks link to, with the 2025-01-06 ALT file (and ADD,
    with `addresses`): the one complete OFAC set of ../shared/data with Remarks."""
    import gmmatch

    ofac, side = data / "ofac" / "2024-05-03", data / "ofac" / "2025-01-06"
    return gmmatch.read_sdn(ofac / "sdn.csv", alt=side / "alt.csv",
                            add=side / "add.csv" if addresses else None)


def timed(run: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    """Wall times of `repeat` runs, and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times, result


def peak_rss_mb() -> int:
    """This process's peak resident memory. Not ru_maxrss: Linux carries it over exec, so a
    subprocess would report its parent's peak when that is higher."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def results_name(name: str) -> str:
    """`name` when it can name a results file (benchmarks/results/<name>.json): a name, not a
    path, which would write elsewhere. An `argparse` type (`--out`), so that a wrong one stops
    a benchmark before it runs rather than after."""
    if not name or name in (".", "..") or Path(name).name != name or name.endswith(".json"):
        raise argparse.ArgumentTypeError(
            f"{name!r}: the name of a results file, without a folder or .json (written to "
            f"{RESULTS.relative_to(ROOT)}/<name>.json)")
    return name


def write_results(name: str, results: dict) -> Path:
    results_name(name)
    results = {
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or
                    platform.machine()},
        "date": time.strftime("%Y-%m-%d"),
        **results,
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    return path


def summary_line(label: str, times: list[float]) -> str:
    return (f"{label}: best {min(times):.3f} s, median {statistics.median(times):.3f} s "
            f"over {len(times)} runs")
