"""The long fuzzing run: at least 100,000 examples over every reader and normalizer.

    .venv/bin/python benchmarks/fuzz_long.py                    # 12,500 examples x 8 tests
    .venv/bin/python benchmarks/fuzz_long.py --per-test 500     # a quicker look
    .venv/bin/python benchmarks/fuzz_long.py --only un,sdn      # some of the tests
    .venv/bin/python benchmarks/fuzz_long.py --jobs 2           # two tests at a time

Runs each @fuzz test of tests/test_fuzz.py in its own pytest process (--jobs at a time), with
GMMATCH_FUZZ_EXAMPLES set (examples per test, random rather than CI's fixed seed). pytest's own
output goes straight to the terminal, so a failure and hypothesis's minimal failing example show
as soon as they are found (`-x`: the test stops at its first failure; the others still run).
After each test a line gives its examples, minutes, exit code and the peak resident memory of
its process: memory that grows with the examples is a defect too (caches bounded in entries but
not in bytes once grew a run to 11 GB). Copy a failing example into a regression test beside the
reader's tests. Not in CI: it takes hours.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUZZ_FILE = ROOT / "tests" / "test_fuzz.py"


def fuzz_tests() -> dict[str, str]:
    """{the name given to @fuzz: the test function} of tests/test_fuzz.py."""
    source = FUZZ_FILE.read_text(encoding="utf-8")
    return dict(re.findall(r'^@fuzz\("(\w+)"\)\n(?:(?!def ).*\n)*?def (test_\w+)', source, re.M))


def run_one(test: str, env: dict[str, str]) -> tuple[int, float, int]:
    """(exit code, seconds, peak RSS in bytes) of one pytest process running `test`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "pytest", f"{FUZZ_FILE}::{test}", "-x", "-q",
         "-p", "no:cacheprovider", "--hypothesis-show-statistics"], cwd=ROOT, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - start, usage.ru_maxrss * 1024


def main() -> int:
    tests = fuzz_tests()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-test", type=int, default=12_500,
                        help="examples per fuzz test (default 12,500: 100,000 in all)")
    parser.add_argument("--only", help=f"comma-separated, among: {', '.join(tests)}")
    parser.add_argument("--jobs", type=int, default=1, help="tests run at once (default 1)")
    args = parser.parse_args()
    chosen = args.only.split(",") if args.only else list(tests)
    unknown = sorted(set(chosen) - set(tests))
    if unknown:
        parser.error(f"no fuzz test named {', '.join(unknown)}; the tests: {', '.join(tests)}")
    env = {**os.environ, "GMMATCH_FUZZ_EXAMPLES": str(args.per_test)}
    failed, start = [], time.perf_counter()

    def run(name: str) -> None:
        code, seconds, peak = run_one(tests[name], env)
        print(f"fuzz_long: {name}: {args.per_test:,} examples in {seconds / 60:.1f} min, "
              f"exit {code}, peak RSS {peak / 2**20:,.0f} MB", flush=True)
        if code:
            failed.append(name)

    with ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        list(pool.map(run, chosen))
    total = time.perf_counter() - start
    print(f"fuzz_long: {args.per_test:,} examples x {len(chosen)} tests = "
          f"{args.per_test * len(chosen):,} examples in {total / 60:.1f} min; "
          f"failed: {', '.join(failed) or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
