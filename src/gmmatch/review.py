"""The human review loop: export the pairs a person must see, import their decisions, honour
them in later links, and turn them into labels for retraining.

A match that goes into a public letter must have been seen by a person. The model is good but
not certain around its threshold, so `review_table` picks the pairs whose match probability lies
within `GREY_BITS` bits of log-odds of the threshold (the *grey zone*: at the threshold 0.5,
match probability between about 0.05 and 0.95), plus every reported match when asked, plus every
pair whose earlier decision went stale. `write_review` puts them in a workbook with both sides'
evidence side by side and a drop-down decision column; `read_review` reads the filled workbook
back, refusing an invalid cell with its sheet row; `write_decisions` keeps the decisions as a CSV
the user names.

Decisions key on (record id, list id) and on a fingerprint of the evidence on each side, never on
file paths: they survive a re-download of the list. `apply_decisions` marks each scored pair with
its decision; a decision whose fingerprint no longer matches the pair's evidence is *stale* (the
record or the list entry changed since the review) and no longer counts, so the pair comes back
to review. `reported` says which pairs a result reports: the pairs at or above the threshold,
minus current rejections, plus current confirmations whatever their score.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from gmmatch.export import XLSX_ILLEGAL, LinkFile, is_blank, neutralize, restore
from gmmatch.link import LinkResult
from gmmatch.records import ReadError, RecordSet

#: The values of the decision column, in the order the drop-down offers them.
MATCH, NOT_A_MATCH, UNSURE = "match", "not a match", "unsure"
DECISIONS = (MATCH, NOT_A_MATCH, UNSURE)

#: Half-width of the grey zone, in bits of log-odds (of the match probability: the match weight
#: where no other entry competes for the record) around the threshold's. 4.25 bits
#: is a factor of about 19 in the odds: at threshold 0.5 the zone is probability 0.05 to 0.95.
#: In weight rather than probability so that it stays symmetric when the threshold moves.
GREY_BITS = 4.25

#: Columns of a decisions file, in order. The fingerprints are of the evidence at review time.
DECISION_COLUMNS = ("record_id", "list_id", "decision", "notes", "reviewed_at",
                    "record_fingerprint", "list_fingerprint", "match_probability")

#: Columns `apply_decisions` adds to the pairs.
APPLIED_COLUMNS = ("decision", "decision_notes", "decision_reviewed_at", "decision_stale",
                   "decision_changed")

REVIEW_SHEET, ABOUT_SHEET = "review", "about"

#: The evidence the fingerprint covers on each side: what a reviewer judged identity on.
#: Programs and listing dates are left out: a new program does not change who someone is.
_EVIDENCE = ("name", "dob", "nationality", "entity_type")

# The review sheet: decision first (beside the ids), then both sides' evidence side by side.
_CONTEXT = ("record_name", "list_name", "record_dob", "list_dob", "record_nationality",
            "list_nationality", "record_entity_type", "list_entity_type", "list_programs",
            "list_listed_on", "record_recommended_on", "record_source_org")
_HEAD = ("record_id", "list_id", "decision", "notes", "why", "match_probability",
         "match_weight")
_TAIL = ("explanation", "previous_decision", "record_fingerprint", "list_fingerprint")
_REQUIRED_IN_SHEET = ("record_id", "list_id", "decision", "notes", "record_fingerprint",
                      "list_fingerprint")
# openpyxl refuses these control characters in a cell (XML 1.0 cannot hold them)


class ReviewError(ReadError):
    """A review workbook or decisions file that cannot be used: names the file and the row."""


# --------------------------------------------------------------------------- fingerprints


def _canonical(value: Any) -> list[str]:
    """Values as comparable text: NFKC, case-folded, spaces collapsed, lists split on `;`
    (as CSV and XLSX links files write them) and sorted, so that a round trip through any links
    format, or a list re-sorted by its publisher, gives the same fingerprint."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, np.ndarray):
        value = value.tolist()
    items = value if isinstance(value, list | tuple) else [value]
    out = set()
    for item in items:
        if item is None or (isinstance(item, float) and math.isnan(item)):
            continue
        for part in str(item).split(";"):
            text = " ".join(unicodedata.normalize("NFKC", part).casefold().split())
            if text:
                out.add(text)
    return sorted(out)


def fingerprint(name: Any = None, dob: Any = None, nationality: Any = None,
                entity_type: Any = None) -> str:
    """A short hash of one side's evidence (name, dates of birth, nationality, entity type).

    Built from the values as the source wrote them, lightly canonicalized (`_canonical`), not
    from gmmatch's normalized columns: an improvement to a normalizer must not make every
    decision stale, while a changed date or name on the list must.
    """
    parts = [name, dob, nationality, entity_type]
    text = "\x1e".join("\x1f".join(_canonical(p)) for p in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def pair_fingerprints(pairs: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(record fingerprints, list fingerprints) of each row of a pairs or links table."""
    def side(prefix: str) -> list[str]:
        columns = [pairs[f"{prefix}_{f}"] if f"{prefix}_{f}" in pairs.columns
                   else pd.Series([None] * len(pairs), index=pairs.index) for f in _EVIDENCE]
        return [fingerprint(*values) for values in zip(*columns, strict=True)]
    return side("record"), side("list")


# --------------------------------------------------------------------------- which pairs count


def _flags(values: Iterable[Any]) -> list[bool]:
    """Booleans from a column that may have been through CSV ("True", "False", "")."""
    return [(isinstance(v, bool | np.bool_) and bool(v))
            or (isinstance(v, str) and v.strip().lower() == "true") for v in values]


def reported(pairs: pd.DataFrame, threshold: float) -> pd.Series:
    """Which pairs a result reports: at or above `threshold`, minus current rejections, plus
    current confirmations at any score. Stale and `unsure` decisions do not change anything."""
    at_threshold = pairs["match_probability"] >= threshold
    if "decision" not in pairs.columns:
        return at_threshold
    current = ~pd.Series(_flags(pairs.get("decision_stale", [False] * len(pairs))),
                         index=pairs.index)
    decision = pairs["decision"]
    return (at_threshold & ~(current & (decision == NOT_A_MATCH))) | (
        current & (decision == MATCH))


@dataclass
class ReviewedLinkResult(LinkResult):
    """A `LinkResult` whose `matches` honour reviewed decisions (`reported`).

    `unapplied`: decisions that match no pair, because their record or list entry is no longer
    there (a record dropped from the recommendations, an entry delisted), or because a rejected
    pair no longer scores at all.
    """

    unapplied: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def matches(self) -> pd.DataFrame:
        return self.pairs[reported(self.pairs, self.threshold)].reset_index(drop=True)

    def explain(self, record_id: str, list_id: str) -> str:
        text = super().explain(record_id, list_id)
        rows = self.pairs[(self.pairs["record_id"] == str(record_id))
                          & (self.pairs["list_id"] == str(list_id))]
        return text + _decision_line(rows.iloc[0])


def _decision_line(row: pd.Series) -> str:
    decision = row.get("decision")
    if not isinstance(decision, str):
        return ""
    when = row.get("decision_reviewed_at") or "an unknown date"
    notes = row.get("decision_notes")
    line = f"\nreviewed: {decision} ({when})" + (f"; notes: {notes}" if notes else "")
    if _flags([row.get("decision_stale")])[0]:
        line += (f"\n  stale: the evidence on the {row.get('decision_changed')} side changed "
                 "since the review, so the decision no longer counts; review the pair again")
    return line


# --------------------------------------------------------------------------- applying decisions


def read_decisions(decisions: str | Path | pd.DataFrame) -> pd.DataFrame:
    """A decisions table (a CSV written by `write_decisions`, or a DataFrame), checked.

    Raises `ReviewError` naming the file and line of a row without ids or with a decision that
    is not one of `DECISIONS`. A later row for the same pair replaces an earlier one. Files
    without fingerprint columns are accepted: their decisions are never stale.
    """
    if isinstance(decisions, pd.DataFrame):
        frame, where, first_line = decisions.copy(), "decisions", 1
    else:
        path = Path(decisions)
        if not path.is_file():
            raise ReviewError(f"{path}: no such decisions file")
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (ValueError, OSError, UnicodeDecodeError) as error:
            raise ReviewError(f"{path}: cannot read the decisions file ({error})") from None
        frame = frame.map(restore)
        frame.columns = [restore(str(c)) for c in frame.columns]
        where, first_line = str(path), 2
    missing = [c for c in ("record_id", "list_id", "decision") if c not in frame.columns]
    if missing:
        raise ReviewError(f"{where}: not a decisions file (no column {', '.join(missing)}; "
                          f"expected {', '.join(DECISION_COLUMNS)})")
    for column in DECISION_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    errors = []
    frame = frame.reset_index(drop=True)
    for index, row in frame.iterrows():
        line = index + first_line
        decision = _decision_value(row["decision"])
        if decision is None or is_blank(row["record_id"]) or is_blank(row["list_id"]):
            errors.append(f"line {line}: " + (
                "record_id and list_id are required" if decision is not None
                else f"decision {row['decision']!r} is not one of {', '.join(DECISIONS)}"))
        else:
            frame.at[index, "decision"] = decision
    if errors:
        raise ReviewError(f"{where}: " + "; ".join(errors[:10])
                          + (f"; and {len(errors) - 10} more" if len(errors) > 10 else ""))
    frame["record_id"] = frame["record_id"].astype(str)
    frame["list_id"] = frame["list_id"].astype(str)
    for column in ("notes", "reviewed_at", "record_fingerprint", "list_fingerprint"):
        frame[column] = [None if is_blank(v) else str(v) for v in frame[column]]
    frame = frame.drop_duplicates(["record_id", "list_id"], keep="last")
    return frame[list(DECISION_COLUMNS)].reset_index(drop=True)


def apply_decisions(pairs: pd.DataFrame, decisions: str | Path | pd.DataFrame) -> pd.DataFrame:
    """`pairs` with the `APPLIED_COLUMNS` of their decisions (None where there is none).

    `decision_stale` is True when either side's evidence fingerprint differs from the one
    recorded at review time; `decision_changed` then names the side (`record`, `list`,
    `record and list`). Order and every other column are kept.
    """
    table = read_decisions(decisions)
    out = pairs.drop(columns=[c for c in APPLIED_COLUMNS if c in pairs.columns])
    keyed = table.set_index(["record_id", "list_id"])
    keys = list(zip(out["record_id"].astype(str), out["list_id"].astype(str), strict=True))
    found = [key in keyed.index for key in keys]
    record_fp, list_fp = pair_fingerprints(out)
    columns: dict[str, list[Any]] = {c: [] for c in APPLIED_COLUMNS}
    for key, hit, rfp, lfp in zip(keys, found, record_fp, list_fp, strict=True):
        if not hit:
            for column in APPLIED_COLUMNS:
                columns[column].append(None)
            continue
        row = keyed.loc[key]
        changed = [side for side, now, then in (("record", rfp, row["record_fingerprint"]),
                                                ("list", lfp, row["list_fingerprint"]))
                   if then is not None and now != then]
        columns["decision"].append(row["decision"])
        columns["decision_notes"].append(row["notes"])
        columns["decision_reviewed_at"].append(row["reviewed_at"])
        columns["decision_stale"].append(bool(changed))
        columns["decision_changed"].append(" and ".join(changed) or None)
    for column, values in columns.items():
        out[column] = pd.Series(values, index=out.index, dtype=object)
    return out


def link_with_decisions(records: RecordSet, sanctions_list: RecordSet,
                        decisions: str | Path | pd.DataFrame, **link_args: Any
                        ) -> ReviewedLinkResult:
    """`gmmatch.link(...)` honouring reviewed decisions (what `link(decisions=...)` calls).

    A confirmed pair that no longer scores among the kept pairs (below `KEEP_AT_LEAST`, or no
    shared name key after a model change) is scored on its own and kept, so that a confirmed
    match is reported whatever the model now thinks of it.
    """
    from gmmatch.link import _features, _score, _with_context, link

    table = read_decisions(decisions)
    base = link(records, sanctions_list, **link_args)
    pairs = base.pairs
    have = set(zip(pairs["record_id"], pairs["list_id"], strict=True))
    record_ids = set(records.table["id"].to_pylist())
    list_ids = set(sanctions_list.table["id"].to_pylist())
    wanted = table[(table["decision"] == MATCH) & ~_pair_in(table, have)]
    wanted = wanted[wanted["record_id"].isin(record_ids) & wanted["list_id"].isin(list_ids)]
    if len(wanted):
        left = _features(records, base.model)
        right = _features(sanctions_list, base.model)
        left = left.filter(pd.Series(left["unique_id"].to_pylist()).isin(
            set(wanted["record_id"])).to_numpy())
        right = right.filter(pd.Series(right["unique_id"].to_pylist()).isin(
            set(wanted["list_id"])).to_numpy())
        scored, _ = _score(left, right, base.model, min_probability=0, engine="duckdb",
                           every_pair=True)
        scored = scored[_pair_in(scored, set(zip(wanted["record_id"], wanted["list_id"],
                                                 strict=True)))]
        extra = _with_context(scored, records.table, sanctions_list.table, base.model)
        pairs = pd.concat([pairs, extra], ignore_index=True).sort_values(
            ["record_id", "match_probability", "list_id"], ascending=[True, False, True],
            kind="mergesort").reset_index(drop=True)
    pairs = apply_decisions(pairs, table)
    have = set(zip(pairs["record_id"], pairs["list_id"], strict=True))
    unapplied = table[~_pair_in(table, have)].reset_index(drop=True)
    return ReviewedLinkResult(pairs, base.threshold, base.model, base.records_source,
                              base.list_source, base.crowded, unapplied=unapplied)


def _pair_in(frame: pd.DataFrame, pairs: set[tuple[str, str]]) -> np.ndarray:
    """Which rows of `frame` are one of `pairs` (record id, list id)."""
    return np.array([key in pairs for key in zip(frame["record_id"], frame["list_id"],
                                                 strict=True)], dtype=bool)


# --------------------------------------------------------------------------- the review sheet


def threshold_weight(threshold: float) -> float:
    """The match weight at which a pair reaches `threshold` (log2 of its odds)."""
    threshold = min(max(threshold, 1e-12), 1 - 1e-12)
    return math.log2(threshold / (1 - threshold))


def review_table(links: LinkFile | LinkResult, *, all_matches: bool = False,
                 grey_bits: float = GREY_BITS, threshold: float | None = None) -> pd.DataFrame:
    """The pairs a person must see, one row each, with the columns of the review sheet.

    Chosen: the grey zone (match probability within `grey_bits` bits of log-odds of the
    threshold), every
    reported match with `all_matches`, and every pair whose decision went stale; minus pairs
    already decided (match / not a match) with evidence unchanged. From a Parquet links file
    (or a LinkResult) every scored pair is a candidate; CSV, XLSX and JSON links files hold
    only the matches, so the grey zone below the threshold is not in them.
    """
    if isinstance(links, LinkResult):
        result: LinkResult | None = links
    else:
        result = links.result
    if result is not None:
        threshold = result.threshold if threshold is None else threshold
        candidates = result.pairs.copy()
        is_reported = reported(candidates, threshold)
    else:
        assert isinstance(links, LinkFile)
        from gmmatch.link import DEFAULT_THRESHOLD

        threshold = threshold if threshold is not None else (links.threshold or DEFAULT_THRESHOLD)
        candidates = links.matches.copy()
        is_reported = pd.Series(True, index=candidates.index)
    # the grey zone in the odds of the match probability, not the pair's own weight: a pair
    # that competes with a stronger entry for its record is less likely than its weight says
    probability = candidates["match_probability"].astype(float).clip(1e-12, 1 - 1e-12)
    grey = (np.log2(probability / (1 - probability)) - threshold_weight(threshold)).abs() \
        <= grey_bits
    decided = candidates["decision"] if "decision" in candidates.columns else pd.Series(
        None, index=candidates.index, dtype=object)
    stale = pd.Series(_flags(candidates.get("decision_stale", [False] * len(candidates))),
                      index=candidates.index)
    settled = decided.isin([MATCH, NOT_A_MATCH]) & ~stale
    chosen = (stale & decided.notna()) | (~settled & (grey | (is_reported & all_matches)))
    rows = candidates[chosen].copy()
    rows["why"] = [
        ("evidence changed since the decision" if s else
         "grey zone" if g else "match") for s, g in zip(stale[chosen] & decided[chosen].notna(),
                                                        grey[chosen], strict=True)]
    if "explanation" not in rows.columns:
        rows["explanation"] = [result.explain(r, e) for r, e in
                               zip(rows["record_id"], rows["list_id"], strict=True)]
    rows["previous_decision"] = [
        None if not isinstance(d, str) else f"{d} ({w or 'date unknown'})"
        + (f", stale: {c} changed" if _flags([s])[0] else "")
        for d, w, s, c in zip(rows.get("decision", [None] * len(rows)),
                              rows.get("decision_reviewed_at", [None] * len(rows)),
                              rows.get("decision_stale", [None] * len(rows)),
                              rows.get("decision_changed", [None] * len(rows)), strict=True)]
    rows["record_fingerprint"], rows["list_fingerprint"] = pair_fingerprints(rows)
    rows["decision"], rows["notes"] = None, None
    evidence = [c for c in rows.columns if c.endswith("_evidence")]
    columns = [*_HEAD, *[c for c in _CONTEXT if c in rows.columns], *evidence, *_TAIL]
    rows = rows[columns].sort_values(["record_id", "match_probability", "list_id"],
                                     ascending=[True, False, True], kind="mergesort")
    return rows.reset_index(drop=True)


def write_review(table: pd.DataFrame, path: str | Path, *, about: dict[str, Any] | None = None
                 ) -> Path:
    """Write a review table as a workbook: sheet `review` (decision drop-down: match / not a
    match / unsure; notes free text) and sheet `about` (how the pairs were chosen).

    Every text cell goes through `export.neutralize` (a leading `'` before `=`, `+`, `-`, `@`,
    tab, carriage return); control characters XML cannot hold are shown as `\\xNN`.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = REVIEW_SHEET
    sheet.append([neutralize(str(c)) for c in table.columns])
    for row in table.itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    column = {name: i + 1 for i, name in enumerate(table.columns)}
    letter = sheet.cell(row=1, column=column["decision"]).column_letter
    choices = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"',
                             allow_blank=True, showErrorMessage=True,
                             errorTitle="decision", error="Choose match, not a match or unsure.")
    choices.add(f"{letter}2:{letter}{max(len(table) + 1, 2)}")
    sheet.add_data_validation(choices)
    widths = {"record_id": 14, "list_id": 12, "decision": 13, "notes": 30, "why": 18,
              "explanation": 70}
    for name, index in column.items():
        width = widths.get(name, 22)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    if "explanation" in column:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column["explanation"],
                                       max_col=column["explanation"]):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    info = book.create_sheet(ABOUT_SHEET)
    info.append(["key", "value"])
    for key, value in (about or {}).items():
        info.append([neutralize(str(key)), _cell(str(value))])
    book.save(path)
    return path


def _cell(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | float | np.integer | np.floating):
        return value.item() if isinstance(value, np.generic) else value
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, list | tuple):
        if not value:
            return None
        value = "; ".join(str(v) for v in value)
    return neutralize(str(value).translate(XLSX_ILLEGAL))


def read_review(path: str | Path, *, reviewed_at: str | None = None) -> pd.DataFrame:
    """The decisions of a filled review workbook, as a decisions table (`DECISION_COLUMNS`).

    Rows with an empty decision are left out (not reviewed yet). A decision that is not one of
    `DECISIONS` (case and surrounding spaces aside), or a decided row without ids or
    fingerprints, raises `ReviewError` naming the file, the sheet and the row. `reviewed_at` is
    the workbook's last-saved time (its document properties) unless given.
    """
    from openpyxl import load_workbook

    path = Path(path)
    if not path.is_file():
        raise ReviewError(f"{path}: no such review workbook")
    try:
        # formulas as typed, never their cached results: nothing in the sheet is evaluated
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ReviewError(f"{path}: not a readable .xlsx workbook ({error})") from None
    try:
        if REVIEW_SHEET not in book.sheetnames:
            raise ReviewError(f"{path}: no sheet {REVIEW_SHEET!r}; not a gmmatch review workbook")
        rows = book[REVIEW_SHEET].iter_rows(values_only=True)
        header = [restore(str(c)) if c is not None else "" for c in next(rows, ())]
        missing = [c for c in _REQUIRED_IN_SHEET if c not in header]
        if missing:
            raise ReviewError(f"{path}, sheet {REVIEW_SHEET!r}: no column {', '.join(missing)}; "
                              "not a gmmatch review workbook")
        at = {name: header.index(name) for name in header if name}
        when = reviewed_at or _saved_at(book)
        out, errors = [], []
        for number, values in enumerate(rows, start=2):
            def get(name: str, values=values) -> Any:
                index = at.get(name)
                value = values[index] if index is not None and index < len(values) else None
                return restore(value) if isinstance(value, str) else value
            raw = get("decision")
            if is_blank(raw):
                continue
            decision = _decision_value(raw)
            where = f"sheet {REVIEW_SHEET!r}, row {number}"
            if decision is None:
                errors.append(f"{where}: decision {raw!r} is not one of "
                              f"{', '.join(DECISIONS)}")
                continue
            absent = [c for c in ("record_id", "list_id", "record_fingerprint",
                                  "list_fingerprint") if is_blank(get(c))]
            if absent:
                errors.append(f"{where}: {', '.join(absent)} empty (rows must stay as exported)")
                continue
            notes = get("notes")
            out.append({"record_id": _id_text(get("record_id")),
                        "list_id": _id_text(get("list_id")), "decision": decision,
                        "notes": None if is_blank(notes) else str(notes), "reviewed_at": when,
                        "record_fingerprint": str(get("record_fingerprint")),
                        "list_fingerprint": str(get("list_fingerprint")),
                        "match_probability": get("match_probability")})
    finally:
        book.close()
    if errors:
        raise ReviewError(f"{path}: " + "; ".join(errors[:10])
                          + (f"; and {len(errors) - 10} more" if len(errors) > 10 else ""))
    frame = pd.DataFrame(out, columns=list(DECISION_COLUMNS))
    return frame.drop_duplicates(["record_id", "list_id"], keep="last").reset_index(drop=True)


def _saved_at(book: Any) -> str:
    stamp = getattr(book.properties, "modified", None) or dt.datetime.now(dt.UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def write_decisions(decisions: pd.DataFrame, path: str | Path, *, merge: bool = True
                    ) -> pd.DataFrame:
    """Write decisions as CSV (UTF-8 with BOM, CRLF, cells neutralized like `write_links`).

    With `merge` and an existing file, its decisions are kept and a new decision for the same
    pair replaces the old one: one decisions file can gather every review round. Returns what
    was written.
    """
    path = Path(path)
    table = read_decisions(decisions)
    if merge and path.exists():
        table = read_decisions(pd.concat([read_decisions(path), table], ignore_index=True))
    table = table.sort_values(["record_id", "list_id"], kind="mergesort").reset_index(drop=True)
    table.map(neutralize).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return table


def labels_from_decisions(decisions: str | Path | pd.DataFrame) -> pd.DataFrame:
    """Labels for `gmmatch.train`: `record_id`, `list_id`, `match` (True for match, False for
    not a match); `unsure` decisions are left out."""
    table = read_decisions(decisions)
    table = table[table["decision"] != UNSURE]
    return pd.DataFrame({"record_id": table["record_id"], "list_id": table["list_id"],
                         "match": table["decision"] == MATCH}).reset_index(drop=True)


def model_changes(old: Any, new: Any) -> pd.DataFrame:
    """Per comparison level: m, u and weight of `old` and `new`, and the change in weight; a
    first row for the prior (its weight is the prior's log-odds)."""
    rows = [{"comparison": "prior", "level": "", "old_m": None, "new_m": None, "old_u": None,
             "new_u": None, "old_weight": old.prior_weight, "new_weight": new.prior_weight}]
    for comparison, levels in old.levels.items():
        for level, p in levels.items():
            q = new.levels[comparison][level]
            rows.append({"comparison": comparison, "level": level, "old_m": p["m"],
                         "new_m": q["m"], "old_u": p["u"], "new_u": q["u"],
                         "old_weight": old.weight(comparison, level),
                         "new_weight": new.weight(comparison, level)})
    frame = pd.DataFrame(rows)
    frame["change"] = frame["new_weight"] - frame["old_weight"]
    return frame


def _decision_value(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).lower()
    return text if text in DECISIONS else None


def _id_text(value: Any) -> str:
    """Ids as text: a sheet may turn `7513` into the number 7513.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


__all__ = [
    "DECISIONS",
    "DECISION_COLUMNS",
    "GREY_BITS",
    "ReviewError",
    "ReviewedLinkResult",
    "apply_decisions",
    "fingerprint",
    "labels_from_decisions",
    "link_with_decisions",
    "model_changes",
    "read_decisions",
    "read_review",
    "reported",
    "review_table",
    "write_decisions",
    "write_review",
]
