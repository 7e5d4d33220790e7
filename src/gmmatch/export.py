"""Link results as files an analyst opens (CSV, XLSX, JSON) or a program reloads (Parquet).

`write_links` writes one table: a row per (record, list entry) match at or above the threshold,
with both names, the evidence of each comparison and the explanation in words side by side, and
a `no match` row for every record that has none, so that the file answers "which of our
recommendations found nothing?" as well. `read_links` reads any of the four formats back into a
`LinkFile`, which is what `gmmatch explain` and `gmmatch report` work from.

Parquet is `LinkResult.save` (the pairs below the threshold and the model stay in, so that
`explain` recomputes the full account) plus the records' own columns in the file metadata (key
`gmmatch_records`): a record without any scored pair is in no pair, yet the report must count it
among the recommendations still waiting.

Spreadsheet formula injection: a recommendation file may hold a name such as `=HYPERLINK(...)`.
In CSV and XLSX every text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
gets a leading `'` so that Excel, LibreOffice and Google Sheets show it as text instead of running
it; a cell that already starts with `'` gets one more, so that `read_links` can remove exactly
one and give back the original text. Numbers are written as numbers and left alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from gmmatch.link import LinkResult
from gmmatch.records import ReadError, RecordSet

#: Output formats of `write_links`, by file suffix.
LINK_FORMATS = (".csv", ".xlsx", ".parquet", ".json")

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The records' own columns kept in every links file, under the names `LinkResult.pairs` uses.
RECORD_COLUMNS = {
    "id": "record_id",
    "name": "record_name",
    "entity_type": "record_entity_type",
    "dob": "record_dob",
    "nationality": "record_nationality",
    "recommended_on": "record_recommended_on",
    "source_org": "record_source_org",
}

#: Columns holding lists (written `a; b` in CSV and XLSX).
LIST_COLUMNS = ("record_dob", "list_dob", "record_nationality", "list_nationality",
                "list_programs")

#: The first columns of a links table, in order; evidence, context and weights follow.
LEADING_COLUMNS = ("record_id", "list_id", "status", "match_probability", "pair_probability",
                   "match_weight", "record_name", "list_name")
_CONTEXT_COLUMNS = ("record_entity_type", "list_entity_type", "record_dob", "list_dob",
                    "record_nationality", "list_nationality", "record_recommended_on",
                    "record_source_org", "list_programs", "list_listed_on")
_NUMERIC_PREFIXES = ("match_probability", "pair_probability", "match_weight", "mw_")
_METADATA_KEY = b"gmmatch"
_RECORDS_KEY = b"gmmatch_records"
_SHEET, _ABOUT_SHEET, _PROBLEMS_SHEET = "links", "about", "problems"

MATCH, NO_MATCH = "match", "no match"


# --------------------------------------------------------------------------- building the table


def record_table(records: RecordSet | pd.DataFrame) -> pd.DataFrame:
    """The records' id, name, type, dates of birth, nationality, recommendation date and source,
    under the `record_*` names of the links table."""
    if isinstance(records, pd.DataFrame):
        frame = records
    else:
        frame = records.table.select(list(RECORD_COLUMNS)).to_pandas()
    missing = [c for c in RECORD_COLUMNS if c not in frame.columns]
    if missing:
        renamed = set(RECORD_COLUMNS.values())
        if renamed <= set(frame.columns):
            return frame[list(RECORD_COLUMNS.values())].copy()
        raise ValueError(f"records table lacks columns {missing}")
    out = frame[list(RECORD_COLUMNS)].rename(columns=RECORD_COLUMNS).copy()
    for column in ("record_dob", "record_nationality"):
        out[column] = [_as_list(v) for v in out[column]]
    return out.reset_index(drop=True)


def links_table(
    result: LinkResult, records: RecordSet | pd.DataFrame | None = None
) -> pd.DataFrame:
    """The matches with names, evidence and explanation, plus a `no match` row per record.

    `status` is `match` for pairs at or above the result's threshold and `no match` for a
    record with none (its `explanation` names the best candidate below the threshold, if any).
    Without `records`, only records that have a scored pair can get a `no match` row.
    """
    matches = result.matches.copy()
    matches.insert(2, "status", MATCH)
    matches["explanation"] = [
        result.explain(r, e) for r, e in zip(matches["record_id"], matches["list_id"], strict=True)
    ]
    known = record_table(records) if records is not None else _records_from_pairs(result.pairs)
    unmatched = known[~known["record_id"].isin(set(matches["record_id"]))].copy()
    unmatched["status"] = NO_MATCH
    unmatched["explanation"] = [
        _no_match_text(result, record_id) for record_id in unmatched["record_id"]
    ]
    table = pd.concat([matches, unmatched], ignore_index=True) if len(unmatched) else matches
    evidence = [c for c in table.columns if c.endswith("_evidence")]
    weights = [c for c in table.columns if c.startswith("mw_")]
    first = [*LEADING_COLUMNS, *evidence, "explanation", *_CONTEXT_COLUMNS]
    order = [c for c in first if c in table.columns]
    rest = [c for c in table.columns if c not in order and c not in weights]
    table = table[order + rest + weights]
    table = table.sort_values("record_id", kind="mergesort").reset_index(drop=True)
    for column in LIST_COLUMNS:
        if column in table.columns:
            table[column] = [_as_list(v) for v in table[column]]
    return table


def _records_from_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    columns = [c for c in RECORD_COLUMNS.values() if c in pairs.columns]
    return pairs[columns].drop_duplicates("record_id").reset_index(drop=True)


def _no_match_text(result: LinkResult, record_id: str) -> str:
    pairs = result.pairs[result.pairs["record_id"] == record_id]
    if pairs.empty:
        return (f"no match: no list entry shares a name key with this record, or every "
                f"candidate scored below {_kept_at_least()} (threshold {result.threshold:g})")
    best = pairs.iloc[0]
    return (f"no match at threshold {result.threshold:g}: best candidate {best['list_name']} "
            f"(list entry {best['list_id']}) at match probability "
            f"{best['match_probability']:.4f}; `gmmatch explain` on the Parquet file shows why")


def _kept_at_least() -> float:
    from gmmatch.link import KEEP_AT_LEAST

    return KEEP_AT_LEAST


def link_metadata(result: LinkResult) -> dict[str, Any]:
    """What a links file says about how it was made: threshold, model, sources."""
    from gmmatch import __version__

    return {
        "gmmatch_version": __version__,
        "threshold": result.threshold,
        "model": {"threshold": result.model.threshold, "trained": result.model.trained},
        "records_source": result.records_source,
        "list_source": result.list_source,
    }


# --------------------------------------------------------------------------- writing


def write_links(
    result: LinkResult, path: str | Path, *, records: RecordSet | pd.DataFrame | None = None
) -> Path:
    """Write a link result as `.csv`, `.xlsx`, `.parquet` or `.json` (by the suffix).

    `records`: the records that were linked, so that those without any match get a row too;
    a RecordSet's reading problems (rows skipped, values repaired or kept unread) go with them
    where the format has room: sheet `problems` of XLSX, key `problems` of JSON. CSV is UTF-8
    with a byte-order mark (Excel then reads non-Latin names right), CRLF line ends and lists
    as `a; b`. XLSX, being XML, stores a carriage return in a cell as a line feed. JSON is
    `{"gmmatch": metadata, "links": [rows], "problems": [rows]}`. XLSX has the table on sheet
    `links` and the metadata on sheet `about`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in LINK_FORMATS:
        raise ValueError(f"{path}: unknown output format {suffix!r} "
                         f"(use {', '.join(LINK_FORMATS)})")
    if suffix == ".parquet":
        result.save(path)
        known = record_table(records) if records is not None else _records_from_pairs(
            result.pairs)
        table = pq.read_table(path)
        extra = {_RECORDS_KEY: json.dumps(_jsonable_rows(known), ensure_ascii=False).encode()}
        pq.write_table(table.replace_schema_metadata({**(table.schema.metadata or {}), **extra}),
                       path)
        return path
    table = links_table(result, records)
    meta = link_metadata(result)
    problems = (records.problems_table().to_pandas()
                if isinstance(records, RecordSet) and records.problems else None)
    if suffix == ".json":
        document = {"gmmatch": meta, "links": _jsonable_rows(table)}
        if problems is not None:
            document["problems"] = problems.to_dict(orient="records")
        path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    elif suffix == ".csv":
        flat = neutralize_frame(_flatten(table))
        # CRLF line ends (RFC 4180): the writer then quotes a cell holding a bare CR too
        flat.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    else:
        _write_xlsx(neutralize_frame(_flatten(table)), meta, path,
                    None if problems is None else neutralize_frame(problems))
    return path


def neutralize(value: Any) -> Any:
    """A text cell made safe for spreadsheets: a leading `'` before a formula start (and before
    a leading `'`, so that `restore` is exact). Anything not text is returned as is."""
    if isinstance(value, str) and value and (value[0] in FORMULA_STARTS or value[0] == "'"):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """Undo `neutralize`: one leading `'` removed from a text cell."""
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


def neutralize_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of `frame` through `neutralize`; the column names too."""
    out = frame.copy()
    for column in out.columns:
        if not _is_numeric_column(column):
            out[column] = [neutralize(v) for v in out[column]]
    out.columns = [neutralize(str(c)) for c in out.columns]
    return out


def _flatten(table: pd.DataFrame) -> pd.DataFrame:
    flat = table.copy()
    for column in LIST_COLUMNS:
        if column in flat.columns:
            flat[column] = ["; ".join(map(str, v)) if v else None for v in flat[column]]
    return flat


def _write_xlsx(table: pd.DataFrame, meta: Mapping[str, Any], path: Path,
                problems: pd.DataFrame | None = None) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, frame in ((_SHEET, table), (_PROBLEMS_SHEET, problems)):
        if frame is None:
            continue
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append([_xlsx_cell(v) for v in row])
    about = book.create_sheet(_ABOUT_SHEET)
    about.append(["key", "value"])
    for key, value in meta.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        about.append([key, neutralize(text)])
    book.save(path)


#: Control characters XML (and so XLSX) cannot hold, shown as `\xNN` instead.
XLSX_ILLEGAL = {c: f"\\x{c:02x}" for c in (*range(0, 9), 11, 12, *range(14, 32))}


def _xlsx_cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NA:
        return None
    if isinstance(value, str):
        return value.translate(XLSX_ILLEGAL)
    return value


# --------------------------------------------------------------------------- reading


@dataclass
class LinkFile:
    """A links file read back: the table (as `links_table` builds it), and how it was made.

    `result` is the full `LinkResult` when the file is Parquet (every scored pair, the model);
    `None` for CSV, XLSX and JSON, which hold only the matches and their explanations.
    """

    table: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)
    result: LinkResult | None = None
    path: Path | None = None

    @classmethod
    def from_frame(cls, table: pd.DataFrame) -> LinkFile:
        """A links table already in memory (as `links_table` builds it, or read by hand)."""
        return cls(_typed(table, Path("links table")))

    @property
    def threshold(self) -> float | None:
        value = self.meta.get("threshold")
        return float(value) if value is not None else None

    @property
    def matches(self) -> pd.DataFrame:
        """The rows with status `match` (pairs at or above the threshold)."""
        return self.table[self.table["status"] == MATCH].reset_index(drop=True)

    @property
    def records(self) -> pd.DataFrame:
        """One row per record (its `record_*` columns), matched or not."""
        columns = [c for c in RECORD_COLUMNS.values() if c in self.table.columns]
        return self.table[columns].drop_duplicates("record_id").reset_index(drop=True)

    def explain(self, record_id: str, list_id: str | None = None) -> list[tuple[dict, str]]:
        """(row, explanation) for each pair of a record, best first; `list_id` keeps one.

        From Parquet: every scored pair of the record (below the threshold too), recomputed
        with the stored model. From CSV, XLSX, JSON: the rows written, with their explanation.
        Raises KeyError naming the file when the record (or pair) is not in it.
        """
        record_id = str(record_id)
        where = self.path or "links"
        if self.result is not None:
            pairs = self.result.pairs
            rows = pairs[pairs["record_id"] == record_id]
            if list_id is not None:
                rows = rows[rows["list_id"] == str(list_id)]
            found = [(row.to_dict(), self.result.explain(record_id, row["list_id"]))
                     for _, row in rows.iterrows()]
            if not found:
                found = [(row.to_dict(), row["explanation"])
                         for _, row in self._rows(record_id, list_id).iterrows()]
        else:
            found = [(row.to_dict(), row["explanation"])
                     for _, row in self._rows(record_id, list_id).iterrows()]
        if not found:
            if record_id not in set(self.table["record_id"]) and (
                    self.result is None or record_id not in set(self.result.pairs["record_id"])):
                raise KeyError(f"{where}: no record {record_id!r}")
            raise KeyError(f"{where}: record {record_id!r} has no pair with list entry "
                           f"{list_id!r}")
        return found

    def _rows(self, record_id: str, list_id: str | None) -> pd.DataFrame:
        rows = self.table[self.table["record_id"] == record_id]
        if list_id is not None:
            rows = rows[rows["list_id"] == str(list_id)]
        return rows


def read_links(path: str | Path) -> LinkFile:
    """Read a links file written by `write_links` (or `LinkResult.save`), any of the four
    formats. Raises `ReadError` naming the file when it cannot be read or is not a links file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in LINK_FORMATS:
        raise ReadError(f"{path}: not a links file (expected {', '.join(LINK_FORMATS)})")
    if not path.is_file():
        raise ReadError(f"{path}: no such file")
    try:
        if suffix == ".parquet":
            return _read_parquet(path)
        if suffix == ".json":
            document = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(document, dict) or "links" not in document:
                raise ReadError(f"{path}: not a gmmatch links file (no 'links' key)")
            table = pd.DataFrame(document["links"])
            meta = document.get("gmmatch") or {}
        elif suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            meta = {}
        else:
            table, meta = _read_xlsx(path)
    except (OSError, ValueError, pa.ArrowException) as error:
        if isinstance(error, ReadError):
            raise
        raise ReadError(f"{path}: cannot read the links file ({error})") from error
    if suffix != ".json":
        table.columns = [restore(str(c)) for c in table.columns]
        for column in table.columns:
            table[column] = [restore(v) for v in table[column]]
    return LinkFile(_typed(table, path), meta, None, path)


def _read_parquet(path: Path) -> LinkFile:
    schema_meta = pq.read_schema(path).metadata or {}
    if _METADATA_KEY not in schema_meta:
        raise ReadError(f"{path}: not a gmmatch link result (no gmmatch metadata)")
    result = LinkResult.load(path)
    raw = schema_meta.get(_RECORDS_KEY)
    records = pd.DataFrame(json.loads(raw)) if raw else None
    if records is not None and records.empty:
        records = pd.DataFrame(columns=list(RECORD_COLUMNS.values()))
    table = links_table(result, records)
    return LinkFile(table, link_metadata(result), result, path)


def _read_xlsx(path: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    sheets = pd.read_excel(path, sheet_name=None, dtype=str, engine="calamine")
    if _SHEET not in sheets:
        raise ReadError(f"{path}: no sheet {_SHEET!r}; not a gmmatch links file")
    meta: dict[str, Any] = {}
    about = sheets.get(_ABOUT_SHEET)
    if about is not None and {"key", "value"} <= set(about.columns):
        for key, value in zip(about["key"], about["value"], strict=True):
            text = restore(value) if isinstance(value, str) else value
            try:
                meta[str(key)] = json.loads(text)
            except (TypeError, ValueError):
                meta[str(key)] = text
    table = sheets[_SHEET].fillna("")
    return table, meta


def _typed(table: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Columns back to their types: numbers as floats, lists as lists, empty text as None."""
    required = ("record_id", "list_id", "match_probability")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ReadError(f"{path}: not a gmmatch links file (no column {', '.join(missing)})")
    table = table.copy()
    for column in table.columns:
        if _is_numeric_column(column):
            table[column] = pd.to_numeric(table[column].replace("", None), errors="coerce")
        elif column in LIST_COLUMNS:
            table[column] = [_as_list(v) for v in table[column]]
        else:
            table[column] = [None if is_blank(v) else str(v) for v in table[column]]
    if "status" not in table.columns:
        table["status"] = [MATCH if i else NO_MATCH for i in table["list_id"].notna()]
    return table


def _is_numeric_column(column: object) -> bool:
    return str(column).startswith(_NUMERIC_PREFIXES)


def _as_list(value: Any) -> list[str]:
    if value is None or value is pd.NA:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, float) and math.isnan(value):
        return []
    return [str(v) for v in value]


def is_blank(value: Any) -> bool:
    """A cell with nothing in it: None, NA, NaN or only white space."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def _jsonable_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for record in frame.to_dict("records"):
        rows.append({k: _jsonable(v) for k, v in record.items()})
    return rows


def _jsonable(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


__all__ = [
    "FORMULA_STARTS",
    "LINK_FORMATS",
    "LinkFile",
    "link_metadata",
    "links_table",
    "neutralize",
    "neutralize_frame",
    "read_links",
    "record_table",
    "restore",
    "write_links",
]
