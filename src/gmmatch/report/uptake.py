"""Uptake: how many designations of a program had a basis in our recommendations, per US fiscal
year; how long they took; which recommendations are still waiting.

Inputs are the links (which recommended record is which list entry, with the record's
recommendation date) and the designations (when each list entry got the program, as a date
window: `gmmatch history` or a table of known dates through `load_designations`). Everything
below is pure table work, so that each rule can be tested on its own and the report's numbers
are the CSV tables' numbers. The rules, in the words of docs/report.md:

* A designation counts in the fiscal year its whole window lies in; a window that spans
  September 30 / October 1, or has an open start, is counted as `uncertain` rather than guessed.
* Persons and organizations newly designated are the main count. Vessels and aircraft are
  counted apart, and so is a program added to an entry already listed (`event ==
  "program_added"`, e.g. Zimbabwe's entries moved to GLOMAG in March 2024).
* A designation has a *basis* in a recommendation when a record linked to the entry (at or above
  the threshold) was recommended before the whole window: the last day the recommendation date
  can mean is earlier than `designated_not_before`. Recommended inside the window (or without a
  readable date, or against an open window) is *uncertain*, never a basis; after the window is
  no basis.
* The lag of a designation with a basis runs from the earliest such recommendation to the
  designation: midpoint of the window minus midpoint of the recommendation date (a day has
  itself as midpoint); `lag_min_days` and `lag_max_days` are the bounds the window allows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from gmmatch.normalize import country_codes, date_window
from gmmatch.readers.tabular import entity_type_word
from gmmatch.records import RecordSet
from gmmatch.report.history import HISTORY_COLUMNS, load_designations

# --------------------------------------------------------------------------- vocabulary

BASIS = "basis"
UNCERTAIN = "uncertain"
AFTER = "recommended after"
NOT_RECOMMENDED = "not recommended"
#: Basis statuses of a designation, strongest first: a designation takes the strongest status
#: among the records linked to it.
BASIS_STATUSES = (BASIS, UNCERTAIN, AFTER, NOT_RECOMMENDED)

NEW = "new designation"
PROGRAM_ADDED = "program added"
VESSEL_AIRCRAFT = "vessel or aircraft"
#: Kinds of designation row: only `new designation` (persons and organizations) is the main count.
CATEGORIES = (NEW, PROGRAM_ADDED, VESSEL_AIRCRAFT)

UNCERTAIN_YEAR = "uncertain"
ALL_YEARS = "all"

#: Status of a recommendation, by what became of it.
DESIGNATED_BASIS = "designated after recommendation"
DESIGNATED_UNCERTAIN = "designated, order uncertain"
DESIGNATED_BEFORE = "designated before recommendation"
LISTED_NO_DATE = "listed under the program, no designation date"
LISTED_OTHER = "listed under other programs"
NOT_LISTED = "not listed"
#: Recommendations with these statuses are still waiting for a designation under the program.
WAITING = (LISTED_OTHER, NOT_LISTED)
_RECORD_STATUS = {BASIS: DESIGNATED_BASIS, UNCERTAIN: DESIGNATED_UNCERTAIN,
                  AFTER: DESIGNATED_BEFORE}

#: Age bands of waiting recommendations: (label, at least this many days old).
AGE_BANDS = (("5 years or more", 5 * 365), ("3 to 5 years", 3 * 365),
             ("2 to 3 years", 2 * 365), ("1 to 2 years", 365), ("under 1 year", -math.inf))
NO_DATE = "no date"

_DESIGNATION_EVENTS = ("added", "program_added")


# --------------------------------------------------------------------------- pure rules


def recommendation_window(value: object) -> tuple[dt.date | None, dt.date | None]:
    """First and last day a recommendation date can mean: `2019-03-01` is one day, `Mar 2019`
    the month, `2019` the year; an ambiguous `03/01/2019` spans both readings. (None, None)
    when unreadable. Read with `gmmatch.normalize.date_window`, which takes every common date
    form."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None, None
    return date_window(value) or (None, None)


def basis_status(
    recommended_first: dt.date | None,
    recommended_last: dt.date | None,
    not_before: dt.date | None,
    not_after: dt.date | None,
) -> str:
    """`basis`, `uncertain` or `recommended after`: the recommendation against the window.

    A basis needs the recommendation before the whole window (`recommended_last <
    not_before`: the window's first day is itself a possible designation day, so a
    recommendation that day is uncertain). After the window (`recommended_first >
    not_after`) is no basis. Everything else, an unreadable date or an open window included,
    is uncertain.
    """
    if recommended_first is None or recommended_last is None:
        return UNCERTAIN
    if not_before is not None and recommended_last < not_before:
        return BASIS
    if not_after is not None and recommended_first > not_after:
        return AFTER
    return UNCERTAIN


def designation_category(event: str | None, entity_type: str | None) -> str:
    """`vessel or aircraft`, `program added` or `new designation` (persons, organizations and
    entries of unknown type)."""
    if entity_type in ("vessel", "aircraft"):
        return VESSEL_AIRCRAFT
    if event == "program_added":
        return PROGRAM_ADDED
    return NEW


def age_band(age_days: float | None) -> str:
    """The band of AGE_BANDS an age in days falls in; `no date` when unknown."""
    if age_days is None or (isinstance(age_days, float) and math.isnan(age_days)):
        return NO_DATE
    return next(label for label, least in AGE_BANDS if age_days >= least)


def lag_summary(lags: Iterable[float]) -> dict[str, float | int | None]:
    """Count, median and quartiles (pandas' linear interpolation) of lags in days, rounded to
    a tenth of a day; None where there is no lag."""
    values = pd.Series([v for v in lags if v is not None and not pd.isna(v)], dtype="float64")
    if values.empty:
        return {"lag_n": 0, "lag_q1_days": None, "lag_median_days": None, "lag_q3_days": None}
    q1, median, q3 = (round(float(values.quantile(q)), 1) for q in (0.25, 0.5, 0.75))
    return {"lag_n": len(values), "lag_q1_days": q1, "lag_median_days": median,
            "lag_q3_days": q3}


def _mid(first: dt.date, last: dt.date) -> float:
    """Midpoint of two days as a proleptic ordinal (half days allowed)."""
    return (first.toordinal() + last.toordinal()) / 2


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --------------------------------------------------------------------------- inputs


def prepare_designations(
    designations: str | Path | pd.DataFrame, *, program: str | None = "GLOMAG"
) -> tuple[pd.DataFrame, list[str]]:
    """The designation rows of `program` (events `added` and `program_added`), with
    `entity_type` normalized, and notes on what was left out.

    Accepts what `gmmatch history` writes (any of its formats) or a plain table of list ids and
    dates (`load_designations` reads both). A table without a `program` column is taken to be
    all of `program` (the reference table `glomag_designation_dates.csv` is), and says so.
    """
    notes: list[str] = []
    if isinstance(designations, pd.DataFrame) and set(HISTORY_COLUMNS) <= set(
            designations.columns):
        frame = designations.copy()
    else:
        frame = load_designations(designations)
    where = "the designations table" if isinstance(designations, pd.DataFrame) else str(
        designations)
    if program is not None:
        if frame["program"].isna().all():
            frame["program"] = program
            notes.append(f"{where} names no program: every row taken as {program}.")
        else:
            unknown = int(frame["program"].isna().sum())
            if unknown:
                notes.append(f"{unknown} row(s) of unknown program (roster-only) left out.")
            frame = frame[(frame["program"] == program).fillna(False)]
    other = ~frame["event"].isin(_DESIGNATION_EVENTS).fillna(False)
    if other.any():
        counts = frame.loc[other, "event"].value_counts()
        notes.append("left out (not designations): "
                     + ", ".join(f"{n} {e}" for e, n in counts.items()) + ".")
        frame = frame[~other]
    frame = frame.reset_index(drop=True)
    frame["entity_type"] = [entity_type_word(v) for v in frame["entity_type"]]
    return frame, notes


def _links_frames(
    links: Any, records: RecordSet | pd.DataFrame | None, threshold: float | None
) -> tuple[pd.DataFrame, pd.DataFrame, float | None, dict[str, Any], list[str]]:
    """(matches, records, threshold, metadata, notes) from a links file, LinkFile, LinkResult
    or links table."""
    from gmmatch.export import LinkFile, link_metadata, links_table, read_links, record_table
    from gmmatch.link import LinkResult

    notes: list[str] = []
    if isinstance(links, str | Path):
        links = read_links(links)
    if isinstance(links, LinkResult):
        links = LinkFile(links_table(links, records), link_metadata(links), links)
    if isinstance(links, pd.DataFrame):
        links = LinkFile.from_frame(links)
    if not isinstance(links, LinkFile):
        raise TypeError("links must be a path, LinkResult, LinkFile or links table DataFrame")
    if links.result is not None and threshold is not None:
        table = links_table(_with_threshold(links.result, threshold),
                            records if records is not None else links.records)
        matches = table[table["status"] == "match"]
    else:
        matches = links.matches
        if threshold is not None:
            if links.threshold is not None and threshold < links.threshold:
                notes.append(f"threshold {threshold:g} is below the file's {links.threshold:g}: "
                             "pairs under the file's threshold are not in it.")
            matches = matches[matches["match_probability"] >= threshold]
    known = record_table(records) if records is not None else links.records
    used = threshold if threshold is not None else links.threshold
    return matches.reset_index(drop=True), known, used, dict(links.meta), notes


def _with_threshold(result: Any, threshold: float) -> Any:
    from dataclasses import replace

    return replace(result, threshold=threshold)


def with_recommended_on(
    records: RecordSet, date: dt.date | str, *, overwrite: bool = False
) -> RecordSet:
    """The records with `recommended_on` set to `date` where empty (everywhere with
    `overwrite`). For lists used as recommendations that carry no date per record, such as
    Canada's consolidated list, whose file date stands in for each listing."""
    text = date.isoformat() if isinstance(date, dt.date) else str(date)
    column = records.table["recommended_on"].to_pylist()
    filled = [text if overwrite or not value else value for value in column]
    index = records.table.schema.get_field_index("recommended_on")
    table = records.table.set_column(index, "recommended_on", pa.array(filled, pa.string()))
    return RecordSet(table, records.problems, records.source)


# --------------------------------------------------------------------------- the report


@dataclass
class UptakeReport:
    """The uptake tables of one program: DataFrames, and the facts they were made from.

    `by_fiscal_year` (one row per fiscal year, then `uncertain` and `all`), `designations` (one
    row per designation, its basis and lag), `recommendations` (one row per record, what became
    of it), `waiting_by_age` and `by_country`. `to_csv`, `to_png` and `to_html` write them.
    """

    program: str | None
    threshold: float | None
    as_of: dt.date | None
    by_fiscal_year: pd.DataFrame
    designations: pd.DataFrame
    recommendations: pd.DataFrame
    waiting_by_age: pd.DataFrame
    by_country: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    sources: dict[str, Any] = field(default_factory=dict)

    TABLES = ("by_fiscal_year", "designations", "recommendations", "waiting_by_age",
              "by_country")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in the order the report shows them."""
        return {name: getattr(self, name) for name in self.TABLES}

    def summary(self) -> dict[str, Any]:
        """The headline numbers (the `all` row of `by_fiscal_year`, and the waiting count)."""
        total = self.by_fiscal_year[self.by_fiscal_year["fiscal_year"] == ALL_YEARS]
        row = total.iloc[0].to_dict() if len(total) else {}
        waiting = int(self.recommendations["status"].isin(WAITING).sum())
        return {"program": self.program, "threshold": self.threshold,
                "as_of": self.as_of.isoformat() if self.as_of else None,
                "recommendations": len(self.recommendations), "waiting": waiting,
                **{k: _plain(v) for k, v in row.items() if k != "fiscal_year"},
                "by_fiscal_year": [{k: _plain(v) for k, v in r.items()}
                                   for r in self.by_fiscal_year.to_dict("records")]}

    def to_csv(self, folder: str | Path) -> dict[str, Path]:
        """Write each table as `<name>.csv` in `folder` (created); dates as YYYY-MM-DD."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = {}
        for name, table in self.tables().items():
            path = folder / f"{name}.csv"
            _for_csv(table).to_csv(path, index=False)
            written[name] = path
        return written

    def to_png(self, folder: str | Path) -> dict[str, Path]:
        """Write the charts as PNG (for slides) in `folder` (created)."""
        from gmmatch.report.charts import save_charts

        return save_charts(self, Path(folder))

    def to_html(self, path: str | Path) -> Path:
        """Write ONE self-contained HTML file (charts inline as SVG; no external request)."""
        from gmmatch.report.html import render_html

        path = Path(path)
        path.write_text(render_html(self), encoding="utf-8")
        return path

    def save(self, path: str | Path) -> dict[str, Path]:
        """The HTML at `path`, and beside it `<stem>_files/` with every table as CSV and every
        chart as PNG. Returns what was written, by name."""
        path = Path(path)
        folder = path.with_name(f"{path.stem}_files")
        written = {"html": self.to_html(path)}
        written.update(self.to_csv(folder))
        written.update(self.to_png(folder))
        return written


def uptake(
    links: Any,
    designations: str | Path | pd.DataFrame,
    *,
    program: str | None = "GLOMAG",
    records: RecordSet | pd.DataFrame | None = None,
    threshold: float | None = None,
    as_of: dt.date | str | None = None,
) -> UptakeReport:
    """The uptake report of `program`: designations per fiscal year and their basis in the
    recommendations, the lags, the recommendations still waiting, by age and by country.

    `links`: a links file (`gmmatch link -o`, any format), a `LinkFile`, a `LinkResult` or a
    links table. `designations`: `gmmatch history` output or a table of list ids and dates, as
    a path or DataFrame. `records`: the recommendations, when `links` does not carry them all
    (a `LinkResult` knows only records with a scored pair). `threshold`: keep only matches at
    or above it (default: the file's). `as_of`: the day ages are counted to (default: the
    latest `designated_not_after`, the date of the newest list seen).
    """
    matches, known, used_threshold, meta, notes = _links_frames(links, records, threshold)
    frame, design_notes = prepare_designations(designations, program=program)
    notes.extend(design_notes)
    rec_dates = {
        rid: recommendation_window(value)
        for rid, value in zip(known["record_id"], known["record_recommended_on"], strict=True)
    }
    for rid, value in zip(matches["record_id"], matches["record_recommended_on"], strict=True):
        rec_dates.setdefault(rid, recommendation_window(value))
    undated = sum(1 for first, _ in rec_dates.values() if first is None)
    if undated:
        notes.append(f"{undated} recommendation(s) without a readable date: their "
                     "designations count as uncertain, their age as unknown.")
    designated = _designation_table(frame, matches, rec_dates)
    if as_of is None:
        latest = frame["designated_not_after"].max() if len(frame) else None
        as_of = None if latest is None or pd.isna(latest) else latest.date()
    elif isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    recs = _recommendation_table(known, matches, designated, rec_dates, program, as_of)
    return UptakeReport(
        program=program,
        threshold=used_threshold,
        as_of=as_of,
        by_fiscal_year=_by_fiscal_year(designated),
        designations=designated,
        recommendations=recs,
        waiting_by_age=_waiting_by_age(recs),
        by_country=_by_country(recs),
        notes=notes,
        sources={"links": meta.get("records_source"), "list": meta.get("list_source"),
                 "designations": None if isinstance(designations, pd.DataFrame)
                 else str(designations)},
    )


# --------------------------------------------------------------------------- tables


def _designation_table(
    frame: pd.DataFrame,
    matches: pd.DataFrame,
    rec_dates: dict[str, tuple[dt.date | None, dt.date | None]],
) -> pd.DataFrame:
    """One row per designation: category, fiscal year, basis status, linked records, lag."""
    by_entry: dict[str, list[dict[str, Any]]] = {}
    for row in matches.to_dict("records"):
        by_entry.setdefault(str(row["list_id"]), []).append(row)
    rows = []
    for row in frame.to_dict("records"):
        list_id = str(row["list_id"])
        lo = _day(row["designated_not_before"])
        hi = _day(row["designated_not_after"])
        linked = by_entry.get(list_id, [])
        entity_type = row["entity_type"] if isinstance(row["entity_type"], str) else next(
            (entity_type_word(m.get("list_entity_type")) for m in linked), None)
        fiscal = row["fiscal_year"]
        statuses = []
        for match in linked:
            first, last = rec_dates.get(str(match["record_id"]), (None, None))
            statuses.append((basis_status(first, last, lo, hi), first, last, match))
        status = min((s for s, *_ in statuses), key=BASIS_STATUSES.index,
                     default=NOT_RECOMMENDED)
        basis = sorted((s for s in statuses if s[0] == BASIS), key=lambda s: s[1])
        lag = lag_min = lag_max = None
        basis_record = recommended_on = None
        if basis:
            _, first, last, match = basis[0]
            basis_record, recommended_on = str(match["record_id"]), match["record_recommended_on"]
            lag = round(_mid(lo, hi) - _mid(first, last), 1)
            lag_min, lag_max = (lo - last).days, (hi - first).days
        rows.append({
            "list_id": list_id,
            "name": row["name"] if isinstance(row["name"], str) else next(
                (m.get("list_name") for m in linked), None),
            "entity_type": entity_type,
            "program": row["program"],
            "event": row["event"],
            "category": designation_category(row["event"], entity_type),
            "designated_not_before": lo,
            "designated_not_after": hi,
            "fiscal_year": UNCERTAIN_YEAR if pd.isna(fiscal) else str(int(fiscal)),
            "basis": status,
            "linked_records": "; ".join(str(m["record_id"]) for m in linked) or None,
            "basis_record": basis_record,
            "recommended_on": recommended_on,
            "lag_days": lag,
            "lag_min_days": lag_min,
            "lag_max_days": lag_max,
        })
    columns = ["list_id", "name", "entity_type", "program", "event", "category",
               "designated_not_before", "designated_not_after", "fiscal_year", "basis",
               "linked_records", "basis_record", "recommended_on", "lag_days", "lag_min_days",
               "lag_max_days"]
    table = pd.DataFrame(rows, columns=columns)
    table["lag_days"] = table["lag_days"].astype("float64")
    for column in ("lag_min_days", "lag_max_days"):
        table[column] = table[column].astype("Int64")
    return table


def _day(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def fiscal_year_order(labels: Iterable[str]) -> list[str]:
    """Fiscal years ascending, then `uncertain`, then `all`."""
    labels = set(labels)
    years = sorted((v for v in labels if v.isdigit()), key=int)
    return years + [v for v in (UNCERTAIN_YEAR, ALL_YEARS) if v in labels]


def _by_fiscal_year(designated: pd.DataFrame) -> pd.DataFrame:
    """Per fiscal year: new designations and their basis, share, lag; program additions and
    vessels/aircraft counted apart. Last rows: `uncertain` (windows over two years) and `all`."""
    years = fiscal_year_order(set(designated["fiscal_year"]) | {ALL_YEARS})
    rows = []
    for year in years:
        part = designated if year == ALL_YEARS else designated[
            designated["fiscal_year"] == year]
        new = part[part["category"] == NEW]
        counts = new["basis"].value_counts()
        with_basis = int(counts.get(BASIS, 0))
        uncertain = int(counts.get(UNCERTAIN, 0))
        added = part[part["category"] == PROGRAM_ADDED]
        rows.append({
            "fiscal_year": year,
            "designations": len(new),
            "with_basis": with_basis,
            "basis_uncertain": uncertain,
            "recommended_after": int(counts.get(AFTER, 0)),
            "not_recommended": int(counts.get(NOT_RECOMMENDED, 0)),
            "share_with_basis_pct": _share(with_basis, len(new)),
            "share_at_most_pct": _share(with_basis + uncertain, len(new)),
            **lag_summary(new.loc[new["basis"] == BASIS, "lag_days"]),
            "program_added": len(added),
            "program_added_with_basis": int((added["basis"] == BASIS).sum()),
            "vessels_aircraft": int((part["category"] == VESSEL_AIRCRAFT).sum()),
        })
    table = pd.DataFrame(rows)
    for column in ("share_with_basis_pct", "share_at_most_pct", "lag_q1_days",
                   "lag_median_days", "lag_q3_days"):
        table[column] = table[column].astype("float64")
    return table


def _recommendation_table(
    known: pd.DataFrame,
    matches: pd.DataFrame,
    designated: pd.DataFrame,
    rec_dates: dict[str, tuple[dt.date | None, dt.date | None]],
    program: str | None,
    as_of: dt.date | None,
) -> pd.DataFrame:
    """One row per recommendation: countries, linked entries, what became of it, its age."""
    records = pd.concat([known, matches[[c for c in known.columns if c in matches.columns]]],
                        ignore_index=True).drop_duplicates("record_id")
    links_of: dict[str, list[dict[str, Any]]] = {}
    for row in matches.to_dict("records"):
        links_of.setdefault(str(row["record_id"]), []).append(row)
    designations_of: dict[str, list[dict[str, Any]]] = {}
    for row in designated.to_dict("records"):
        designations_of.setdefault(row["list_id"], []).append(row)
    rows = []
    for record in records.to_dict("records"):
        record_id = str(record["record_id"])
        linked = links_of.get(record_id, [])
        first, last = rec_dates.get(record_id, (None, None))
        status, designation = _record_status(linked, designations_of, first, last, program)
        age = (as_of - last).days if as_of is not None and last is not None else None
        waiting = status in WAITING
        rows.append({
            "record_id": record_id,
            "name": record.get("record_name"),
            "entity_type": record.get("record_entity_type"),
            "recommended_on": record.get("record_recommended_on"),
            "source_org": record.get("record_source_org"),
            "countries": "; ".join(_countries(record, linked)) or None,
            "linked_list_ids": "; ".join(str(m["list_id"]) for m in linked) or None,
            "listed_programs": "; ".join(sorted({p for m in linked
                                                 for p in _as_list(m.get("list_programs"))}))
            or None,
            "status": status,
            "waiting": waiting,
            "designated_list_id": designation["list_id"] if designation else None,
            "fiscal_year": designation["fiscal_year"] if designation else None,
            "age_days": age,
            "age_band": age_band(age) if waiting else None,
        })
    columns = ["record_id", "name", "entity_type", "recommended_on", "source_org", "countries",
               "linked_list_ids", "listed_programs", "status", "waiting", "designated_list_id",
               "fiscal_year", "age_days", "age_band"]
    table = pd.DataFrame(rows, columns=columns)
    table["age_days"] = table["age_days"].astype("Int64")
    return table.sort_values("record_id", kind="mergesort").reset_index(drop=True)


def _record_status(
    linked: Sequence[dict[str, Any]],
    designations_of: dict[str, list[dict[str, Any]]],
    first: dt.date | None,
    last: dt.date | None,
    program: str | None,
) -> tuple[str, dict[str, Any] | None]:
    """What became of one recommendation, and the designation that decided it."""
    best: tuple[int, dict[str, Any]] | None = None
    for match in linked:
        for row in designations_of.get(str(match["list_id"]), []):
            lo, hi = _day(row["designated_not_before"]), _day(row["designated_not_after"])
            rank = BASIS_STATUSES.index(basis_status(first, last, lo, hi))
            if best is None or rank < best[0]:
                best = (rank, row)
    if best is not None:
        return _RECORD_STATUS[BASIS_STATUSES[best[0]]], best[1]
    programs = {p for m in linked for p in _as_list(m.get("list_programs"))}
    if program is not None and program in programs:
        return LISTED_NO_DATE, None
    return (LISTED_OTHER if linked else NOT_LISTED), None


def _countries(record: dict[str, Any], linked: Sequence[dict[str, Any]]) -> list[str]:
    """ISO codes of the record's nationalities, else of its linked entries' nationalities."""
    codes = country_codes(_as_list(record.get("record_nationality")))
    if not codes:
        codes = country_codes([v for m in linked for v in _as_list(m.get("list_nationality"))])
    return codes


def _as_list(value: Any) -> list[str]:
    from gmmatch.export import _as_list as as_list

    return as_list(value)


def _waiting_by_age(recs: pd.DataFrame) -> pd.DataFrame:
    waiting = recs[recs["waiting"]]
    labels = [label for label, _ in AGE_BANDS] + [NO_DATE]
    counts = waiting["age_band"].value_counts()
    rows = [{"age_band": label, "waiting": int(counts.get(label, 0)),
             "listed_under_other_programs": int(
                 ((waiting["age_band"] == label) & (waiting["status"] == LISTED_OTHER)).sum())}
            for label in labels]
    rows.append({"age_band": ALL_YEARS, "waiting": len(waiting),
                 "listed_under_other_programs": int((waiting["status"] == LISTED_OTHER).sum())})
    return pd.DataFrame(rows)


def _by_country(recs: pd.DataFrame) -> pd.DataFrame:
    """Per country code (a record with two nationalities counts in both; `unknown` when none)."""
    rows: dict[str, dict[str, int]] = {}
    for record in recs.to_dict("records"):
        countries = record["countries"]
        codes = countries.split("; ") if isinstance(countries, str) and countries else ["unknown"]
        for code in codes:
            row = rows.setdefault(code, {"country": code, "recommendations": 0,
                                         "designated_after_recommendation": 0,
                                         "designated_other": 0, "waiting": 0})
            row["recommendations"] += 1
            if record["status"] == DESIGNATED_BASIS:
                row["designated_after_recommendation"] += 1
            elif record["waiting"]:
                row["waiting"] += 1
            else:
                row["designated_other"] += 1
    columns = ["country", "recommendations", "designated_after_recommendation",
               "designated_other", "waiting"]
    table = pd.DataFrame(list(rows.values()), columns=columns)
    return table.sort_values(["recommendations", "country"], ascending=[False, True],
                             kind="mergesort").reset_index(drop=True)


def _for_csv(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object and any(isinstance(v, dt.date) for v in out[column]):
            out[column] = [v.isoformat() if isinstance(v, dt.date) else v for v in out[column]]
    from gmmatch.export import neutralize_frame

    return neutralize_frame(out)


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


__all__ = [
    "AGE_BANDS",
    "BASIS_STATUSES",
    "CATEGORIES",
    "WAITING",
    "UptakeReport",
    "age_band",
    "basis_status",
    "designation_category",
    "entity_type_word",
    "fiscal_year_order",
    "lag_summary",
    "prepare_designations",
    "recommendation_window",
    "uptake",
    "with_recommended_on",
]
