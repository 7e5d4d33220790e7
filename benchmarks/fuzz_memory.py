"""Does reading fuzzed SDN files keep memory? Peak and held memory over many examples.

    .venv/bin/python benchmarks/fuzz_memory.py --examples 1000
    MALLOC_MMAP_THRESHOLD_=131072 .venv/bin/python benchmarks/fuzz_memory.py --examples 1000

Reads `--examples` SDN sets drawn from tests/test_fuzz.py's strategies (damaged rows,
100,000-character fields) in this one process, then reports: the peak resident memory (VmHWM),
the resident memory still held after a full collection (VmRSS), the blocks Python's allocator
gained over the run, what Arrow's pool holds, and the resident memory after glibc's
`malloc_trim(0)`. Memory held by nothing Python or Arrow can see, and given back by malloc_trim,
is the C allocator's fragmentation, not a leak (docs/security.md, "Memory over a long run").
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import sys
import tempfile
import warnings
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gmmatch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import test_fuzz as fuzz


def status(field: str) -> int:
    """A /proc/self/status memory field, in MB."""
    with open("/proc/self/status") as lines:
        for line in lines:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    ids = fuzz.ENT_NUM

    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(sdn=fuzz.csv_file(fuzz.SDN_COLUMNS, ids=ids),
           alt=st.none() | fuzz.csv_file(fuzz.ALT_COLUMNS, ids=ids),
           add=st.none() | fuzz.csv_file(fuzz.ADD_COLUMNS, ids=ids))
    def read(sdn: bytes, alt: bytes | None, add: bytes | None) -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "SDN.CSV").write_bytes(sdn)
            for name, data in (("ALT.CSV", alt), ("ADD.CSV", add)):
                if data is not None:
                    (root / name).write_bytes(data)
            with contextlib.suppress(gmmatch.ReadError):
                gmmatch.read_sdn(root)

    gc.collect()
    start, blocks = status("VmRSS"), sys.getallocatedblocks()
    read()
    gc.collect()
    held, blocks = status("VmRSS"), sys.getallocatedblocks() - blocks
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    print(f"{args.examples:,} fuzzed SDN sets: RSS at start {start} MB, peak {status('VmHWM')} MB, "
          f"held after {held} MB; Python memory blocks {blocks:+,}, Arrow pool "
          f"{pa.total_allocated_bytes() / 2**20:.1f} MB; after malloc_trim {status('VmRSS')} MB")


if __name__ == "__main__":
    main()
