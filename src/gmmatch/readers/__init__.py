"""Readers: one module per source format, each returning a canonical RecordSet.

`read_any` picks the reader from the format name or, with `format="auto"`, from the path.
"""

from __future__ import annotations

from pathlib import Path

from gmmatch.readers.ofac_csv import is_sdn_path, read_sdn
from gmmatch.records import ReadError, RecordSet

FORMATS = ("auto", "sdn")


def detect_format(path: str | Path) -> str:
    """The format name of a list file or folder, from its name and first bytes."""
    path = Path(path)
    if is_sdn_path(path):
        return "sdn"
    raise ReadError(f"{path}: not a recognized list format (expected an OFAC folder or SDN.CSV)")


def read_any(path: str | Path, *, format: str = "auto", strict: bool = False) -> RecordSet:
    """Read a list or records file with the reader its format names (`auto`: detected)."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "auto":
        format = detect_format(path)
    readers = {"sdn": read_sdn}
    return readers[format](path, strict=strict)


__all__ = ["FORMATS", "detect_format", "read_any", "read_sdn"]
