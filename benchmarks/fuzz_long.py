"""The long fuzzing run: at least 100,000 examples over every reader and normalizer.

    .venv/bin/python benchmarks/fuzz_long.py                 # 12,500 examples x 8 tests
    .venv/bin/python benchmarks/fuzz_long.py --per-test 500  # a quicker look

Runs tests/test_fuzz.py with GMMATCH_FUZZ_EXAMPLES set (the tests read it: examples per fuzz
test, random rather than the fixed CI seed) and prints the examples run and the time taken.
CI runs the same tests with a few dozen examples each; this run is for before a release or
after changing a reader (hours, not minutes). A failure prints hypothesis's minimal failing
example: copy it into a regression test beside the reader's tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUZZ_TESTS = 8  # the @fuzz tests of tests/test_fuzz.py


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-test", type=int, default=12_500,
                        help="examples per fuzz test (default 12,500: 100,000 in all)")
    args = parser.parse_args()
    env = {**os.environ, "GMMATCH_FUZZ_EXAMPLES": str(args.per_test)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", str(ROOT / "tests" / "test_fuzz.py"), "-q",
         "-p", "no:cacheprovider", "--hypothesis-show-statistics"],
        cwd=ROOT, env=env, check=False)
    minutes = (time.perf_counter() - start) / 60
    print(f"fuzz_long: {args.per_test:,} examples x {FUZZ_TESTS} tests = "
          f"{args.per_test * FUZZ_TESTS:,} examples in {minutes:.1f} min; "
          f"pytest exit {done.returncode}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
