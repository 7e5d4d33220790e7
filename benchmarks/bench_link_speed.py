"""Speed and memory of link(): N recommendation records against the full SDN list.

    .venv/bin/python benchmarks/bench_link_speed.py [--records 10 100000] [--seed 7]

The list (2024-05-03 SDN.CSV with the 2025-01-06 ALT/ADD files: all entries, all aliases) is
read first and not timed. Each size is timed from records as rows not yet read or normalized
(`read_records` on dicts, which normalizes) to matches, with the shipped model (no training).
Records are drawn, with new ids, from the evaluation set (benchmarks/evaluation.py). Each size
runs in a fresh process so that peak memory is its own. Writes benchmarks/results/link_speed.json.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

from _common import peak_rss_mb, read_sdn_2024, require_shared_data, write_results


def run_one(size: int, seed: int) -> dict:
    from evaluation import build_evaluation

    import gmmatch
    from gmmatch.records import SCHEMA

    data = require_shared_data()
    sdn = read_sdn_2024(data)
    ev = build_evaluation(sdn.table.select(SCHEMA.names).to_pylist(), seed=seed)
    rng = random.Random(seed)
    rows = [dict(rng.choice(ev.records), id=f"r{i}") for i in range(size)]
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    records = gmmatch.read_records(rows)
    read = time.perf_counter() - started
    result = gmmatch.link(records, sdn)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "records": size,
        "list_entries": len(sdn),
        "seconds": round(seconds, 3),
        "read_and_normalize_seconds": round(read, 3),
        "cpu_seconds": round(after.ru_utime + after.ru_stime - before.ru_utime
                             - before.ru_stime, 2),
        "peak_rss_mb": peak_rss_mb(),
        "pairs_kept": len(result.pairs),
        "matches": len(result.matches),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[10, 1000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.seed)))
        return
    require_shared_data()
    results = []
    for size in args.records:
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--seed",
                              str(args.seed)], capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{size:>9,} records: {result['seconds']:.2f} s (read+normalize "
              f"{result['read_and_normalize_seconds']:.2f} s), peak {result['peak_rss_mb']} MB, "
              f"{result['matches']:,} matches")
        results.append(result)
    write_results("link_speed", {"runs": results})


if __name__ == "__main__":
    main()
