"""Readers: one module per source format, each returning a canonical RecordSet.

`read_any` picks the reader from the format name or, with `format="auto"`, from the path.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from gmmatch.readers.canada_xml import is_canada_xml, read_canada
from gmmatch.readers.ofac_csv import is_sdn_path, read_sdn
from gmmatch.readers.tabular import read_records
from gmmatch.readers.un_xml import is_un_xml, read_un
from gmmatch.records import ReadError, RecordSet

FORMATS = ("auto", "sdn", "un", "canada", "records")


def detect_format(path: str | Path) -> str:
    """The format name of a list file or folder, from its name and first bytes.

    An OFAC folder or SDN.CSV is `sdn`; an XML file whose first bytes hold `<CONSOLIDATED_LIST`
    is `un`, one holding `<data-set` and `<record` is `canada`; any other file is `records`
    (a table of canonical records: CSV, TSV, XLSX, JSON, JSON Lines, Parquet).
    """
    path = Path(path)
    if is_sdn_path(path):
        return "sdn"
    if path.is_dir():
        raise ReadError(f"{path}: a folder without SDN.CSV (expected an OFAC folder or a file)")
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if is_un_xml(head):
        return "un"
    if is_canada_xml(head):
        return "canada"
    if path.suffix.lower() == ".xml" or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise ReadError(
            f"{path}: an XML file that is neither the UN consolidated list (<CONSOLIDATED_LIST>) "
            "nor the Canadian consolidated list (<data-set> of <record>)"
        )
    return "records"


def read_any(path: str | Path, *, format: str = "auto", strict: bool = False,
             untyped: str = "person", columns: Mapping[str, str] | None = None) -> RecordSet:
    """Read a list or records file with the reader its format names (`auto`: detected).
    `untyped` and `columns`: for a records file, as `read_records` takes them (an official
    list's entries have their types, and its format its fields)."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "auto":
        format = detect_format(path)
    if format == "records":
        return read_records(path, strict=strict, untyped=untyped, columns=columns)
    if columns:
        raise ValueError(f"{path}: columns= maps the columns of a table of records; this is "
                         f"an official list (format {format}), whose fields are known")
    readers = {"sdn": read_sdn, "un": read_un, "canada": read_canada}
    return readers[format](path, strict=strict)


__all__ = [
    "FORMATS",
    "detect_format",
    "read_any",
    "read_canada",
    "read_records",
    "read_sdn",
    "read_un",
]
