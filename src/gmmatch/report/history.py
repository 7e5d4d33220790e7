"""Designation history: when each list entry was added, gained or lost a program, or was removed.

Official lists say who is listed today, rarely since when (OFAC's SDN.CSV has no dates at all).
Comparing dated snapshots of a list brackets each change between the last snapshot that did not
show it and the first that did. That bracket is a *window*, and every window is built so that it
contains the true date:

* `designated_not_before` is the date of the last snapshot without the change (the change may
  have happened later that same day, after the snapshot was taken, so the day itself stays in);
  empty when the first snapshot already shows it (the change happened at some unknown earlier
  time);
* `designated_not_after` is the date of the first snapshot showing it;
* `exact` is true when both are the same day.

A *roster* snapshot (OFAC's ADD.CSV alone, which has a row for every listed entry) says who is
listed but not under which programs: it narrows when entries appeared and disappeared, and the
lower end of program windows, but never shows a program change. An entry first seen in a roster
gets an `added` row with an empty program; its programs get `added` rows once a full snapshot
shows them, with the window running from the last snapshot without the entry to that full one
(the roster cannot tell whether a program came with the listing or a little later).

Snapshot dates come, first found first used, from: the date given with the path
(`PATH@2024-05-03`), the list file itself (the UN's `dateGenerated`), the `manifest.json` that
`gmmatch fetch` writes beside the files, or a folder (or file) name `YYYY-MM-DD`. Full details,
columns and caveats: docs/history.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from gmmatch.readers import read_any
from gmmatch.records import Problem, ReadError
from gmmatch.report.fiscal import window_fiscal_year

#: The columns of a designation history, in order. The first six are the API contract.
HISTORY_COLUMNS = (
    "list_id",
    "name",
    "program",
    "designated_not_before",
    "designated_not_after",
    "exact",
    "event",
    "entity_type",
    "fiscal_year",
    "snapshot_before",
    "snapshot_after",
    "basis",
)

#: What a row records: an entry listed (`added`, one row per program it was first seen with),
#: a program added to or removed from an entry already listed, or the entry delisted.
EVENTS = ("added", "program_added", "program_removed", "removed")

MANIFEST_NAME = "manifest.json"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME_DATE = re.compile(r"(?:^|[_\-. ])(\d{4}-\d{2}-\d{2})$")


# --------------------------------------------------------------------------- snapshots


@dataclass(frozen=True)
class Snapshot:
    """One dated copy of a list: where it is, its date, and how complete it is.

    `kind` is `full` (names and programs: an OFAC folder or SDN.CSV, a UN or Canadian XML) or
    `roster` (OFAC's ADD.CSV alone: who was listed that day, nothing more). `date_from` says
    where the date came from: `given`, `file`, `manifest`, `folder name` or `file name`.
    """

    path: Path
    date: dt.date
    kind: str
    date_from: str


@dataclass(frozen=True)
class Observation:
    """What one snapshot shows: for each listed id, its programs (None in a roster).

    `details` holds (name, entity type) per id for full snapshots. This is the input of
    `derive_events`, kept free of I/O so that the window logic can be tested on its own.
    """

    date: dt.date
    entries: Mapping[str, frozenset[str] | None]
    label: str = ""
    details: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)


def parse_snapshot_arg(text: str | Path) -> tuple[Path, dt.date | None]:
    """Split `PATH@YYYY-MM-DD` into the path and its date; a plain path gives no date.

    A path that exists as written wins, so a file whose name contains `@` still works.
    """
    raw = str(text)
    if "@" in raw and not Path(raw).exists():
        path, _, stamp = raw.rpartition("@")
        if not _ISO_DATE.fullmatch(stamp):
            raise ValueError(f"{raw}: the date after '@' must be YYYY-MM-DD, got {stamp!r}")
        return Path(path), _parse_date(stamp, raw)
    return Path(raw), None


def snapshot_kind(path: str | Path) -> tuple[str, Path]:
    """(`full` or `roster`, the path to read) for a snapshot folder or file.

    A folder with SDN.CSV is a full OFAC snapshot; one with ADD.CSV but no SDN.CSV a roster; a
    folder holding a single XML file (as `gmmatch fetch un` leaves it) stands for that file.
    """
    path = Path(path)
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    if path.is_dir():
        names = {p.name.lower(): p for p in path.iterdir() if p.is_file()}
        if "sdn.csv" in names:
            return "full", path
        if "add.csv" in names:
            return "roster", names["add.csv"]
        xml = sorted(p for n, p in names.items() if n.endswith(".xml"))
        if len(xml) == 1:
            return "full", xml[0]
        raise ReadError(
            f"{path}: not a list snapshot (expected SDN.CSV, ADD.CSV for a roster, or one XML "
            f"list file; found: {', '.join(sorted(names)) or 'nothing'})"
        )
    if path.name.lower() == "add.csv":
        return "roster", path
    return "full", path


def read_roster(path: str | Path) -> tuple[set[str], list[Problem]]:
    """The ent_nums listed in an OFAC ADD.CSV (every listed entry has at least one row).

    Only the first column is used. A row whose first cell is not a whole number is reported and
    skipped; a file with no such number at all is not an ADD.CSV and raises `ReadError`.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(f"{path}: cannot read ({error.strerror or error})") from error
    text = data.removeprefix(b"\xef\xbb\xbf").decode("latin-1").removesuffix("\x1a")
    ids: set[str] = set()
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            if not cells or not "".join(cells).strip():
                continue
            first = cells[0].strip()
            if first.isdigit():
                ids.add(first)
            elif first.lower() != "ent_num":
                problems.append(
                    Problem(f"{path.name}:{reader.line_num}", "ent_num", first[:100],
                            "not a whole number", action="skipped")
                )
    except csv.Error as error:
        raise ReadError(f"{path}:{reader.line_num}: unreadable CSV ({error})") from error
    if not ids:
        raise ReadError(f"{path}: no ent_num found; expected an OFAC ADD.CSV (roster)")
    return ids, problems


def observe(
    path: str | Path, date: dt.date | str | None = None, *, strict: bool = False
) -> tuple[Snapshot, Observation, list[Problem]]:
    """Read one snapshot and find its date; `ReadError` when it has none or cannot be read."""
    path = Path(path)
    given = _parse_date(date, str(path)) if isinstance(date, str) else date
    kind, target = snapshot_kind(path)
    problems: list[Problem]
    details: dict[str, tuple[str | None, str | None]] = {}
    file_date: str | None = None
    if kind == "roster":
        ids, problems = read_roster(target)
        if strict and problems:
            raise ReadError(f"strict read: {problems[0]}", problem=problems[0])
        entries: dict[str, frozenset[str] | None] = dict.fromkeys(ids)
    else:
        records = read_any(target, strict=strict)
        problems = list(records.problems)
        table = records.table.select(["id", "name", "entity_type", "programs"]).to_pydict()
        entries = {}
        for list_id, name, entity_type, programs in zip(
            table["id"], table["name"], table["entity_type"], table["programs"], strict=True
        ):
            entries[list_id] = frozenset(programs or ())
            details[list_id] = (name, entity_type)
        if records.source.details.get("list_date_from") != "folder name":
            file_date = records.source.list_date
    day, date_from = _snapshot_date(path, target, given, file_date)
    snap = Snapshot(path, day, kind, date_from)
    return snap, Observation(day, entries, str(path), details), problems


def _snapshot_date(
    path: Path, target: Path, given: dt.date | None, file_date: str | None
) -> tuple[dt.date, str]:
    if given is not None:
        return given, "given"
    if file_date:
        return _parse_date(file_date[:10], str(target)), "file"
    manifest_date = _manifest_date(target)
    if manifest_date is not None:
        return manifest_date, "manifest"
    for candidate, origin in ((path, "folder name"), (target.parent, "folder name")):
        if candidate.is_dir() and _ISO_DATE.fullmatch(candidate.name):
            return _parse_date(candidate.name, str(path)), origin
    if path.is_file() and (match := _NAME_DATE.search(path.stem)):
        return _parse_date(match.group(1), str(path)), "file name"
    raise ReadError(
        f"{path}: no date for this snapshot: give one as {path}@YYYY-MM-DD, or keep it in a "
        "folder named YYYY-MM-DD, or beside the manifest.json of `gmmatch fetch`"
    )


def _manifest_date(target: Path) -> dt.date | None:
    """The list date (else the download date) the fetch manifest records for `target`.

    Used only when the manifest describes this very file (same name and sha256), so that a
    file edited or replaced since the download does not inherit its date.
    """
    folder = target if target.is_dir() else target.parent
    manifest_path = folder / MANIFEST_NAME
    if not manifest_path.is_file():
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        lists = manifest["lists"].values()
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return None
    wanted = _find_case(folder, "sdn.csv") if target.is_dir() else target
    if wanted is None:
        return None
    digest = None
    for entry in lists:
        for item in entry.get("files", []):
            if str(item.get("name", "")).lower() != wanted.name.lower():
                continue
            digest = digest or hashlib.sha256(wanted.read_bytes()).hexdigest()
            if item.get("sha256") != digest:
                return None
            stamp = entry.get("list_date") or entry.get("fetched_at") or item.get("fetched_at")
            if stamp and _ISO_DATE.match(str(stamp)):
                return _parse_date(str(stamp)[:10], str(manifest_path))
    return None


def _find_case(folder: Path, name: str) -> Path | None:
    return next((p for p in sorted(folder.iterdir()) if p.name.lower() == name), None)


def _parse_date(text: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ReadError(f"{where}: {text!r} is not a date (expected YYYY-MM-DD)") from error


# --------------------------------------------------------------------------- windows


@dataclass
class _Run:
    """One stretch of consecutive snapshots in which an entry is listed."""

    before: Observation | None
    last_seen: Observation
    programs: frozenset[str] | None = None
    programs_at: Observation | None = None


def derive_events(observations: Sequence[Observation]) -> pd.DataFrame:
    """Designation events, with their windows, from observations in any order.

    Observations are sorted by date (stable: two of the same day keep their given order). This
    is the whole window logic of `designation_history`, without reading files.
    """
    ordered = sorted(observations, key=lambda o: o.date)
    details: dict[str, tuple[str | None, str | None]] = {}
    for obs in ordered:
        details.update(obs.details)  # the latest name and type of each entry
    ids = set().union(*(o.entries for o in ordered)) if ordered else set()
    rows: list[dict[str, Any]] = []
    for list_id in sorted(ids, key=_id_order):
        name, entity_type = details.get(list_id, (None, None))
        for row in _entry_events(list_id, ordered):
            rows.append({"list_id": list_id, "name": name, "entity_type": entity_type, **row})
    return _frame(rows)


def _entry_events(list_id: str, ordered: Sequence[Observation]) -> Iterable[dict[str, Any]]:
    last_absent: Observation | None = None
    run: _Run | None = None
    for obs in ordered:
        if list_id not in obs.entries:
            if run is not None:
                seen = run.programs if run.programs else (None,)
                for program in sorted(seen, key=str):
                    yield _event("removed", program, run.last_seen, obs,
                                 f"listed in {_label(run.last_seen)}; absent from {_label(obs)}")
                run = None
            last_absent = obs
            continue
        programs = obs.entries[list_id]
        if run is None:
            run = _Run(before=last_absent, last_seen=obs)
            absent = f"absent from {_label(last_absent)}" if last_absent else "in first snapshot"
            if programs is None:
                yield _event("added", None, last_absent, obs,
                             f"{absent}; in roster {_label(obs)} (programs unknown)")
            else:
                for program in sorted(programs) or [None]:
                    yield _event("added", program, last_absent, obs,
                                 f"{absent}; listed in {_label(obs)}")
                run.programs, run.programs_at = programs, obs
        elif programs is not None:
            if run.programs is None:
                absent = (f"absent from {_label(run.before)}" if run.before
                          else "in first snapshot")
                for program in sorted(programs):
                    yield _event("added", program, run.before, obs,
                                 f"{absent}; listed in roster {_label(run.last_seen)} and "
                                 f"first seen with programs in {_label(obs)}")
            else:
                was = run.programs_at
                for program in sorted(programs - run.programs):
                    yield _event("program_added", program, was, obs,
                                 f"listed without it in {_label(was)}; with it in {_label(obs)}")
                for program in sorted(run.programs - programs):
                    yield _event("program_removed", program, was, obs,
                                 f"listed with it in {_label(was)}; without it in {_label(obs)}")
            run.programs, run.programs_at = programs, obs
        run.last_seen = obs


def _event(
    event: str, program: str | None, before: Observation | None, after: Observation, basis: str
) -> dict[str, Any]:
    return {
        "program": program,
        "event": event,
        "designated_not_before": before.date if before else None,
        "designated_not_after": after.date,
        "snapshot_before": before.label if before else None,
        "snapshot_after": after.label,
        "basis": basis,
    }


def _label(obs: Observation | None) -> str:
    return obs.date.isoformat() if obs else "?"


def _id_order(list_id: str) -> tuple[int, int, str]:
    return (0, int(list_id), "") if list_id.isdigit() else (1, 0, list_id)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows to the history table: dates as datetime64, `exact` and `fiscal_year` computed."""
    frame = pd.DataFrame(rows, columns=[c for c in HISTORY_COLUMNS
                                        if c not in ("exact", "fiscal_year")])
    for column in ("designated_not_before", "designated_not_after"):
        frame[column] = pd.to_datetime(frame[column])
    lo, hi = frame["designated_not_before"], frame["designated_not_after"]
    frame["exact"] = (lo.notna() & hi.notna() & (lo == hi)).astype(bool)
    frame["fiscal_year"] = pd.array(
        [window_fiscal_year(a, b) for a, b in zip(lo, hi, strict=True)], dtype="Int64"
    )
    for column in ("list_id", "name", "program", "event", "entity_type", "snapshot_before",
                   "snapshot_after", "basis"):
        frame[column] = frame[column].astype("string")
    return frame[list(HISTORY_COLUMNS)]


# --------------------------------------------------------------------------- public API


SnapshotArg = str | Path | Snapshot | tuple[str | Path, dt.date | str | None]


def designation_history(
    snapshots: Iterable[SnapshotArg],
    *,
    program: str | None = None,
    include_unknown_program: bool = False,
    strict: bool = False,
    progress: Callable[[Snapshot], None] | None = None,
) -> pd.DataFrame:
    """Designation windows for every entry of a list, from dated snapshots of it.

    `snapshots`: paths (`"ofac/2024-05-03"`, `"consolidated.xml@2026-02-27"`), `(path, date)`
    pairs or `Snapshot`s, in any order; at least two make windows with both ends. `program`
    keeps only the rows of that program (rows of unknown program, from rosters, only with
    `include_unknown_program=True`). Returns one row per (entry, program, event) with
    `HISTORY_COLUMNS`; `frame.attrs["snapshots"]` lists the snapshots used, with their dates
    and where each date came from. Raises `ReadError` naming the file when a snapshot cannot be
    read or dated.
    """
    observations: list[Observation] = []
    used: list[dict[str, Any]] = []
    for item in snapshots:
        path, date = _unpack(item)
        snap, obs, problems = observe(path, date, strict=strict)
        if progress is not None:
            progress(snap)
        observations.append(obs)
        used.append(
            {
                "path": str(snap.path),
                "date": snap.date.isoformat(),
                "date_from": snap.date_from,
                "kind": snap.kind,
                "entries": len(obs.entries),
                "problems": len(problems),
            }
        )
    if not observations:
        raise ValueError("designation_history needs at least one snapshot")
    frame = derive_events(observations)
    if program is not None:
        keep = frame["program"] == program
        if include_unknown_program:
            keep = keep | frame["program"].isna()
        frame = frame[keep.fillna(False)].reset_index(drop=True)
    frame.attrs["snapshots"] = sorted(used, key=lambda s: s["date"])
    return frame


def _unpack(item: SnapshotArg) -> tuple[Path, dt.date | str | None]:
    if isinstance(item, Snapshot):
        return item.path, item.date
    if isinstance(item, tuple):
        return Path(item[0]), item[1]
    return parse_snapshot_arg(item)


_ID_COLUMNS = ("list_id", "id", "ent_num", "reference_number", "uid")
_DATE_COLUMNS = ("date", "designated_on", "designation_date", "listed_on", "added_on")
_NAME_COLUMNS = ("name", "sdn_name", "list_name")
_TYPE_COLUMNS = ("entity_type", "type", "sdn_type")


def load_designations(
    source: str | Path | pd.DataFrame,
    *,
    id_column: str | None = None,
    date_column: str | None = None,
    name_column: str | None = None,
    program_column: str | None = None,
    program: str | None = None,
) -> pd.DataFrame:
    """A table of known designations, normalized to the columns of `designation_history`.

    For when the dates are known from elsewhere (a Federal Register extract, a press-release
    table): a CSV, TSV, XLSX, Parquet or JSON file, or a DataFrame, with a list id and either
    a date (`designated_not_before = designated_not_after = date`, `exact` true) or a window
    (`designated_not_before`, `designated_not_after`; an empty start is an open window).
    Columns are found by their usual names (id: `list_id`, `id`, `ent_num`, ...; date: `date`,
    `designated_on`, `listed_on`, ...) or named with the keywords. `program` sets the program
    of every row (the table's `program` column otherwise). Raises `ReadError` naming the file
    and row when an id or date is missing or unreadable.
    """
    where = "designations table" if isinstance(source, pd.DataFrame) else str(source)
    table = source.copy() if isinstance(source, pd.DataFrame) else _read_table(Path(source))
    columns = {c.lower().strip(): c for c in table.columns}

    def pick(given: str | None, candidates: Sequence[str], what: str) -> str | None:
        if given is not None:
            if given not in table.columns:
                raise ReadError(f"{where}: no column {given!r} for the {what} "
                                f"(columns: {', '.join(map(str, table.columns))})")
            return given
        return next((columns[c] for c in candidates if c in columns), None)

    id_col = pick(id_column, _ID_COLUMNS, "list id")
    if id_col is None:
        raise ReadError(f"{where}: no list id column (expected one of {', '.join(_ID_COLUMNS)}, "
                        "or name it with id_column=)")
    date_col = pick(date_column, _DATE_COLUMNS, "date")
    windowed = date_col is None and {"designated_not_before", "designated_not_after"} <= set(
        columns
    )
    if date_col is None and not windowed:
        raise ReadError(f"{where}: no date column (expected one of {', '.join(_DATE_COLUMNS)}, "
                        "or designated_not_before and designated_not_after)")
    name_col = pick(name_column, _NAME_COLUMNS, "name")
    program_col = pick(program_column, ("program",), "program")
    type_col = next((columns[c] for c in _TYPE_COLUMNS if c in columns), None)
    event_col = columns.get("event")

    rows = []
    for position, record in enumerate(table.to_dict("records")):
        row_where = f"{where}: row {position + 1}"
        list_id = _cell(record.get(id_col))
        if list_id is None:
            raise ReadError(f"{row_where}: no list id in column {id_col!r}")
        if windowed:
            before = _cell(record.get(columns["designated_not_before"]))
            after = _cell(record.get(columns["designated_not_after"]))
            if after is None:
                raise ReadError(f"{row_where}: no designated_not_after")
        else:
            before = after = _cell(record.get(date_col))
            if after is None:
                raise ReadError(f"{row_where}: no date in column {date_col!r}")
        lo = _parse_date(before[:10], row_where) if before else None
        hi = _parse_date(after[:10], row_where)
        if lo is not None and lo > hi:
            raise ReadError(f"{row_where}: designated_not_before {lo} is after "
                            f"designated_not_after {hi}")
        rows.append(
            {
                "list_id": list_id.removesuffix(".0") if list_id.endswith(".0") else list_id,
                "name": _cell(record.get(name_col)) if name_col else None,
                "entity_type": _cell(record.get(type_col)) if type_col else None,
                "program": program or (_cell(record.get(program_col)) if program_col else None),
                "event": (_cell(record.get(event_col)) if event_col else None) or "added",
                "designated_not_before": lo,
                "designated_not_after": hi,
                "snapshot_before": None,
                "snapshot_after": None,
                "basis": f"designations table {where}",
            }
        )
    return _frame(rows)


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv", ".txt"):
            return pd.read_csv(path, dtype=str, keep_default_na=False,
                               sep="\t" if suffix == ".tsv" else ",")
        if suffix in (".xlsx", ".xls"):
            return pd.read_excel(path, dtype=str)
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix in (".json", ".jsonl"):
            return pd.read_json(path, dtype=False, lines=suffix == ".jsonl")
    except (OSError, ValueError, ImportError) as error:
        raise ReadError(f"{path}: cannot read the designations table ({error})") from error
    raise ReadError(f"{path}: unknown table format {suffix!r} (expected .csv, .tsv, .xlsx, "
                    ".parquet, .json or .jsonl)")


def _cell(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text if text and text != "-0-" else None


def save_history(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a history table as .csv, .parquet, .json (records) or .xlsx; dates as YYYY-MM-DD."""
    path = Path(path)
    suffix = path.suffix.lower()
    out = frame.copy()
    for column in ("designated_not_before", "designated_not_after"):
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    if suffix == ".csv":
        out.to_csv(path, index=False)
    elif suffix == ".parquet":
        out.to_parquet(path, index=False)
    elif suffix == ".json":
        path.write_text(out.to_json(orient="records", indent=1, force_ascii=False) + "\n",
                        encoding="utf-8")
    elif suffix == ".xlsx":
        out.to_excel(path, index=False)
    else:
        raise ValueError(f"{path}: unknown output format {suffix!r} (use .csv, .parquet, .json "
                         "or .xlsx)")
    return path


__all__ = [
    "EVENTS",
    "HISTORY_COLUMNS",
    "Observation",
    "Snapshot",
    "derive_events",
    "designation_history",
    "load_designations",
    "observe",
    "parse_snapshot_arg",
    "read_roster",
    "save_history",
    "snapshot_kind",
]
