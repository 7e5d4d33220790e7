"""gmmatch against the brute-force baseline, side by side, from 1,000 to 1,000,000 records.

    .venv/bin/python benchmarks/bench_scale.py                        # 1k, 10k, 100k vs SDN
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000000 --baseline-sizes
    .venv/bin/python benchmarks/bench_scale.py --big 1000000          # 1M x 1M, gmmatch alone
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000 10000 --spark-sizes 1000 10000

The list is the real 2024-05-03 SDN.CSV (with the 2025-01-06 ALT/ADD files) when ../shared/data
is there, otherwise a generated list of the same shape (`generated_list`). Records come from the
evaluation generator (benchmarks/evaluation.py: corrupted list entries and look-alike
negatives, with known truth), sampled with new ids up to each size; they are linked to the
evaluation's target (the list less the held-out look-alikes).

Each (tool, size) runs in a fresh subprocess, so that wall time, CPU time and peak memory are
its own. gmmatch is timed from raw record rows (read and normalize included) to each record's
best match at gmmatch.DEFAULT_THRESHOLD; the baseline (benchmarks/baseline.py) from normalized
names to each record's best entry, its threshold the best for F1 on the same records.
Quality is precision/recall/F1 of the best match per record. Writes
benchmarks/results/scale.json (or benchmarks/results/<--out>.json) and, with --plot,
docs/scale_time.png.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, SHARED_DATA, peak_rss_mb, read_sdn_2024, results_name, write_results

SEED = 7


# --- inputs -----------------------------------------------------------------------------------

def real_list_rows() -> list[dict] | None:
    """The 2024 SDN list's canonical rows, or None without ../shared/data."""
    from gmmatch.records import SCHEMA

    if not (SHARED_DATA / "ofac" / "2024-05-03" / "sdn.csv").is_file():
        return None
    sdn = read_sdn_2024()
    return sdn.table.select(SCHEMA.names).to_pylist()


_SYLLABLES = ("ka", "ri", "mo", "an", "sa", "le", "vi", "to", "nu", "ha", "de", "ja", "li",
              "ar", "el", "ov", "in", "ba", "zu", "me", "ko", "ra", "is", "te", "go", "sh",
              "ya", "ma", "di", "ro", "na", "fa", "ch", "ul", "be", "si", "om", "ta", "ev")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_COUNTRIES = ["Russia", "Iran", "Syria", "China", "Venezuela", "Iraq", "Lebanon", "Mexico",
              "Colombia", "Cuba", "Ukraine", "Belarus", "Afghanistan", "Pakistan", "Burma"]
_ORG_WORDS = ("Trading", "Group", "Holding", "Bank", "Industries", "Shipping", "Logistics",
              "Energy", "Investment", "Company", "Services", "Technologies")


def generated_list(size: int, seed: int = SEED) -> list[dict]:
    """An SDN-shaped list of invented entries: half persons (`SURNAME, Given Middle`, dates
    of birth, nationality, aliases), most of the rest organizations, a few vessels. Names
    are drawn from Zipf-like pools, so common surnames and given names exist as on real lists."""
    rng = random.Random(seed)

    def word(parts: int) -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(parts))

    surnames = [word(rng.randint(2, 4)) for _ in range(max(2000, size // 3))]
    given = [word(rng.randint(2, 3)) for _ in range(max(500, size // 30))]

    def zipf(pool: list[str]) -> str:
        return pool[min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1) if rng.random() < 0.3
                    else rng.randrange(len(pool))]

    rows = []
    for i in range(size):
        roll = rng.random()
        if roll < 0.46:
            surname, first = zipf(surnames).upper(), zipf(given).title()
            middle = f" {zipf(given).title()}" if rng.random() < 0.5 else ""
            row = {"entity_type": "person", "surname": surname, "given_names": first + middle,
                   "name": f"{surname}, {first}{middle}"}
            if rng.random() < 0.7:
                row["dob"] = [f"{rng.randint(1, 28):02d} {rng.choice(_MONTHS)} "
                              f"{rng.randint(1940, 1995)}" if rng.random() < 0.8
                              else str(rng.randint(1940, 1995))]
            row["aliases"] = [f"{first} {word(3).title()}" for _ in range(rng.choice([0, 0, 1, 2]))]
        elif roll < 0.94:
            row = {"entity_type": "organization",
                   "name": f"{word(3).upper()} {rng.choice(_ORG_WORDS).upper()}",
                   "aliases": [f"{word(3).upper()} {rng.choice(_ORG_WORDS).upper()}"
                               for _ in range(rng.choice([0, 1, 1, 2]))]}
        else:
            row = {"entity_type": "vessel", "name": f"{word(3).upper()} {rng.randint(1, 99)}"}
        if rng.random() < 0.6:
            row["nationality"] = [rng.choice(_COUNTRIES)]
        row["id"] = str(10_000 + i)
        rows.append(row)
    return rows


def evaluation_inputs(list_rows: list[dict], seed: int = SEED, **sizes):
    """The evaluation's target (canonical rows) and its records with their truth."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from evaluation import build_evaluation

    ev = build_evaluation(list_rows, seed=seed, **sizes)
    return ev.target, ev.records, ev.truth


def sample(records: list[dict], truth: dict, size: int, seed: int = SEED):
    """`size` records drawn with replacement, each with a new id, and their truth."""
    rng = random.Random(seed + size)
    rows, true = [], {}
    for i in range(size):
        record = rng.choice(records)
        rows.append({**record, "id": f"r{i}"})
        true[f"r{i}"] = truth[record["id"]]
    return rows, true


# --- one measured run (in its own process) -----------------------------------------------------

def _usage() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return time.perf_counter(), usage.ru_utime + usage.ru_stime


def _measured(started: tuple[float, float]) -> dict:
    wall, cpu = _usage()
    return {"seconds": round(wall - started[0], 3), "cpu_seconds": round(cpu - started[1], 2),
            "peak_rss_mb": peak_rss_mb()}


def run_gmmatch(work: Path, size: int, engine: str) -> dict:
    import pyarrow.parquet as pq
    from baseline import prf

    import gmmatch
    from gmmatch.records import RecordSet, Source

    target = RecordSet(pq.read_table(work / "list.parquet"), [], Source(None, "list", "sdn"))
    rows, truth = pickle.loads((work / f"records_{size}.pkl").read_bytes())
    spark_ctx = None
    if engine == "spark":
        from gmmatch.model.spark_engine import local_session

        spark_ctx = local_session()
        spark = spark_ctx.__enter__()
    started = _usage()
    records = gmmatch.read_records(rows)
    read = time.perf_counter() - started[0]
    result = gmmatch.link(records, target, engine=engine,
                          **({"spark": spark} if spark_ctx else {}))
    best = result.best()
    out = _measured(started)
    if spark_ctx:
        spark_ctx.__exit__(None, None, None)
        out["note"] = "peak_rss_mb is the Python process's; the JVM's is not measured"
    predicted = dict(zip(best["record_id"], best["list_id"], strict=True))
    ids = list(truth)
    out |= {"read_and_normalize_seconds": round(read, 3), "pairs_kept": len(result.pairs),
            "comparisons": blocked_pairs(records, target),
            **prf([predicted.get(i) for i in ids], [truth[i] for i in ids])}
    if engine == "duckdb" and not (work / f"names_{size}.parquet").exists():
        # the baseline scores the very names gmmatch normalized (untimed, for it)
        pq.write_table(records.table.select(["id", "names_norm"]),
                       work / f"names_{size}.parquet")
    return out


def run_baseline(work: Path, size: int) -> dict:
    import pyarrow.parquet as pq
    from baseline import best_matches, best_threshold

    target = pq.read_table(work / "list.parquet", columns=["id", "names_norm"])
    names = pq.read_table(work / f"names_{size}.parquet")
    _, truth = pickle.loads((work / f"records_{size}.pkl").read_bytes())
    list_ids = target["id"].to_pylist()
    record_ids = names["id"].to_pylist()
    started = _usage()
    entry, score, pairs = best_matches(names["names_norm"].to_pylist(),
                                       target["names_norm"].to_pylist())
    out = _measured(started)
    predicted = [list_ids[e] if e >= 0 else None for e in entry]
    threshold, quality = best_threshold(predicted, score, [truth[i] for i in record_ids])
    return out | {"comparisons": pairs, "threshold": threshold, **quality}


def blocked_pairs(records, target) -> int:
    """How many (record, entry) pairs gmmatch's blocking hands to scoring. Counted after the
    timed run, from the features link() cached on both RecordSets."""
    from gmmatch.link import _features
    from gmmatch.model import default_model, engine

    model = default_model()
    left = _features(records, model)
    total = 0
    with engine.duckdb_connection() as con:
        con.register("r", _features(target, model))
        # a slice of records at a time (a pair belongs to one record, so the counts add up):
        # at a million records against a million entries, one count held 18 GB
        for start in range(0, left.num_rows, 100_000):
            con.register("l", left.slice(start, 100_000))
            total += con.sql(f"SELECT count(*) FROM ({engine.blocked_pairs_sql('l', 'r')})"
                             ).fetchall()[0][0]
    return total


def one(args: argparse.Namespace) -> None:
    work, size = Path(args.work), args.one
    if args.tool == "baseline":
        out = run_baseline(work, size)
    else:
        out = run_gmmatch(work, size, args.tool)
    print(json.dumps(out))


# --- the driver -------------------------------------------------------------------------------

def prepare(work: Path, list_rows: list[dict], sizes: list[int], *,
            eval_sizes: dict | None = None) -> dict:
    """Write the list (normalized once, untimed) and each size's records to `work`."""
    import pyarrow.parquet as pq

    from gmmatch.records import RecordSet, Source

    target_rows, records, truth = evaluation_inputs(list_rows, **(eval_sizes or {}))
    target = RecordSet.from_rows(target_rows, [], Source(None, "list", "sdn"))
    pq.write_table(target.table, work / "list.parquet")
    for size in sizes:
        (work / f"records_{size}.pkl").write_bytes(
            pickle.dumps(sample(records, truth, size), protocol=5))
    return {"list_entries": len(target), "evaluation_records": len(records),
            "evaluation_positives": sum(t is not None for t in truth.values())}


def measure(work: Path, tool: str, size: int, timeout: float | None = None) -> dict:
    """One run in a fresh interpreter."""
    command = [sys.executable, __file__, "--work", str(work), "--tool", tool,
               "--one", str(size)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"{tool} at {size}: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(work: Path, size: int, *, baseline: bool = True) -> dict:
    """gmmatch, then the baseline, on the same records; their time ratio."""
    row = {"records": size, "gmmatch": measure(work, "duckdb", size)}
    if baseline:
        row["baseline"] = measure(work, "baseline", size)
        row["time_ratio"] = round(row["gmmatch"]["seconds"] / row["baseline"]["seconds"], 4)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--baseline-sizes", type=int, nargs="*", default=None,
                        help="sizes the baseline runs at (default: all of --sizes)")
    parser.add_argument("--spark-sizes", type=int, nargs="*", default=[])
    parser.add_argument("--big", type=int, default=0,
                        help="also N records against N generated entries, gmmatch alone")
    parser.add_argument("--generated", action="store_true",
                        help="use the generated list even when the real one is there")
    parser.add_argument("--out", default="scale", type=results_name,
                        help="name of the results file in benchmarks/results (without .json)")
    parser.add_argument("--plot", action="store_true")
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--tool", help=argparse.SUPPRESS)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        one(args)
        return
    baseline_sizes = args.sizes if args.baseline_sizes is None else args.baseline_sizes
    runs, meta = [], {}
    with tempfile.TemporaryDirectory(prefix="gmmatch-scale-") as tmp:
        work = Path(tmp)
        rows = None if args.generated else real_list_rows()
        meta["list"] = ("OFAC SDN 2024-05-03 (+ 2025-01-06 ALT/ADD)" if rows is not None
                        else "generated, SDN-shaped (15,000 entries)")
        rows = rows if rows is not None else generated_list(15_000)
        meta |= prepare(work, rows, sorted(set(args.sizes) | set(args.spark_sizes)))
        for size in args.sizes:
            row = compare(work, size, baseline=size in baseline_sizes)
            runs.append(row)
            _print(row)
        for size in args.spark_sizes:
            row = {"records": size, "spark": measure(work, "spark", size)}
            runs.append(row)
            _print(row)
    if args.big:
        with tempfile.TemporaryDirectory(prefix="gmmatch-scale-big-") as tmp:
            work = Path(tmp)
            big = prepare(work, generated_list(args.big, seed=SEED + 1), [args.big],
                          eval_sizes={"positives": 20_000, "held_out": 5_000,
                                      "invented": 5_000})
            row = {"records": args.big, "list": "generated", **big,
                   "gmmatch": measure(work, "duckdb", args.big)}
            runs.append(row)
            _print(row)
    path = write_results(args.out, {**meta, "runs": runs})
    print(f"wrote {path.relative_to(ROOT)}")
    if args.plot:
        results = json.loads(path.read_text())
        # the 1M x 1M run takes the best part of an hour: it is usually run on its own
        # (--sizes --big 1000000 --out scale_big) and plotted from there
        big = path.with_name("scale_big.json")
        if big.exists() and not any(r.get("list") == "generated" for r in results["runs"]):
            results["runs"] += json.loads(big.read_text())["runs"]
        plot(results, ROOT / "docs" / "scale_time.png")


def _print(row: dict) -> None:
    parts = [f"{row['records']:>9,} records"]
    for tool in ("gmmatch", "baseline", "spark"):
        if tool in row:
            r = row[tool]
            parts.append(f"{tool} {r['seconds']:.1f} s / {r['cpu_seconds']:.0f} cpu-s / "
                         f"{r['peak_rss_mb']} MB / F1 {r['f1']}" if "f1" in r else
                         f"{tool} {r['seconds']:.1f} s")
    print(" | ".join(parts), flush=True)


def plot(results: dict, path: Path) -> None:
    """Wall time against the number of records, log-log: a slope of 1 is linear growth."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for tool, style in (("gmmatch", "o-"), ("baseline", "s--"), ("spark", "^:")):
        points = sorted((r["records"], r[tool]["seconds"]) for r in results["runs"]
                        if tool in r and r.get("list") != "generated")
        if points:
            label = f"{tool} vs {results['list_entries']:,} list entries"
            ax.plot(*zip(*points, strict=True), style, label=label)
    big = [r for r in results["runs"] if r.get("list") == "generated"]
    for r in big:
        ax.plot([r["records"]], [r["gmmatch"]["seconds"]], "D", label=f"gmmatch, "
                f"{r['records']:,} x {r['list_entries']:,} generated")
    xs = [r["records"] for r in results["runs"]]
    if xs:
        lo, hi = min(xs), max(xs)
        ax.plot([lo, hi], [1, hi / lo], color="grey", lw=0.8, label="linear (slope 1)")
    ax.set(xscale="log", yscale="log", xlabel="records", ylabel="wall time (s)",
           title="Time against records (2-core machine)")
    ax.legend(fontsize=8)
    ax.grid(True, which="both", lw=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
