"""Designation history: windows from dated snapshots, fiscal years, designation tables."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gmmatch.cli import app
from gmmatch.records import ReadError
from gmmatch.report import (
    HISTORY_COLUMNS,
    designation_history,
    fiscal_year,
    fiscal_year_bounds,
    load_designations,
    save_history,
    window_fiscal_year,
)
from gmmatch.report.history import Observation, derive_events, observe, parse_snapshot_arg

FIXTURES = Path(__file__).parent / "fixtures"
HISTORY = FIXTURES / "history"
SNAPSHOTS = [HISTORY / d for d in ("2020-01-15", "2020-10-01", "2021-03-01", "2021-06-30")]
D = dt.date.fromisoformat


def _rows(frame: pd.DataFrame) -> set[tuple]:
    """(id, program, event, not_before, not_after) of each row; dates as text, '' when open."""
    out = set()
    for row in frame.itertuples():
        lo = "" if pd.isna(row.designated_not_before) else row.designated_not_before.date()
        hi = row.designated_not_after.date()
        program = "" if pd.isna(row.program) else row.program
        out.add((row.list_id, program, row.event, str(lo), str(hi)))
    return out


# --------------------------------------------------------------------------- fiscal years


@pytest.mark.parametrize(
    ("day", "year"),
    [("2023-09-30", 2023), ("2023-10-01", 2024), ("2024-09-30", 2024), ("2024-10-01", 2025),
     ("2024-01-01", 2024), ("2017-12-21", 2018)],
)
def test_fiscal_year_edges(day, year):
    assert fiscal_year(day) == year
    assert fiscal_year(D(day)) == year
    assert fiscal_year(pd.Timestamp(day)) == year


def test_fiscal_year_bounds_and_windows():
    assert fiscal_year_bounds(2024) == (D("2023-10-01"), D("2024-09-30"))
    assert window_fiscal_year("2023-10-01", "2024-09-30") == 2024
    assert window_fiscal_year("2023-09-30", "2023-10-01") is None  # straddles the edge
    assert window_fiscal_year(None, "2024-01-01") is None  # open: uncertain
    assert window_fiscal_year(pd.NaT, "2024-01-01") is None


# --------------------------------------------------------------------------- fixture snapshots


def test_history_of_the_fixture_list():
    frame = designation_history(SNAPSHOTS)
    assert list(frame.columns) == list(HISTORY_COLUMNS)
    assert _rows(frame) == {
        ("100", "GLOMAG", "added", "", "2020-01-15"),
        ("101", "ZIMBABWE", "added", "", "2020-01-15"),
        ("101", "GLOMAG", "program_added", "2020-01-15", "2020-10-01"),
        ("101", "ZIMBABWE", "program_removed", "2020-01-15", "2020-10-01"),
        ("102", "GLOMAG", "added", "2020-01-15", "2020-10-01"),
        ("102", "SDGT", "added", "2020-01-15", "2020-10-01"),
        # First seen in the roster (programs unknown), then with GLOMAG in a full snapshot.
        ("103", "", "added", "2020-10-01", "2021-03-01"),
        ("103", "GLOMAG", "added", "2020-10-01", "2021-06-30"),
        ("104", "GLOMAG", "added", "", "2020-01-15"),
        ("104", "GLOMAG", "removed", "2020-10-01", "2021-03-01"),
    }
    by_key = frame.set_index(["list_id", "event", "program"]).sort_index()
    gamma = by_key.loc[("102", "added", "GLOMAG")]
    assert gamma["name"] == "GAMMA, Fictia" and gamma["entity_type"] == "person"
    assert by_key.loc[("103", "added", "GLOMAG")]["entity_type"] == "vessel"
    assert not frame["exact"].any()
    # Whole window in FY2021 (2020-10-01 .. 2021-06-30) -> 2021; straddling or open -> empty.
    fy = dict(zip(zip(frame.list_id, frame.event, frame.program.fillna(""), strict=True),
                  frame.fiscal_year, strict=True))
    assert fy[("103", "added", "GLOMAG")] == 2021
    assert pd.isna(fy[("102", "added", "GLOMAG")])  # 2020-01-15 (FY2020) .. 2020-10-01 (FY2021)
    assert pd.isna(fy[("100", "added", "GLOMAG")])
    snaps = frame.attrs["snapshots"]
    assert [s["kind"] for s in snaps] == ["full", "full", "roster", "full"]
    assert {s["date_from"] for s in snaps} == {"folder name"}


def test_order_of_snapshots_does_not_matter():
    forward = designation_history(SNAPSHOTS)
    backward = designation_history(list(reversed(SNAPSHOTS)))
    pd.testing.assert_frame_equal(forward, backward)


def test_roster_narrows_windows():
    without = designation_history([SNAPSHOTS[0], SNAPSHOTS[1], SNAPSHOTS[3]])
    assert ("104", "GLOMAG", "removed", "2020-10-01", "2021-06-30") in _rows(without)
    with_roster = designation_history(SNAPSHOTS)
    assert ("104", "GLOMAG", "removed", "2020-10-01", "2021-03-01") in _rows(with_roster)


def test_program_filter():
    glomag = designation_history(SNAPSHOTS, program="GLOMAG")
    assert set(glomag["program"]) == {"GLOMAG"}
    assert len(glomag) == 6
    with_unknown = designation_history(SNAPSHOTS, program="GLOMAG", include_unknown_program=True)
    assert len(with_unknown) == 7 and with_unknown["program"].isna().sum() == 1


def test_given_date_wins_and_same_day_is_exact():
    first = f"{SNAPSHOTS[0]}@2020-10-01"
    frame = designation_history([first, SNAPSHOTS[1]])
    gamma = frame[(frame.list_id == "102") & (frame.program == "GLOMAG")].iloc[0]
    assert gamma["exact"] and gamma["designated_not_before"] == pd.Timestamp("2020-10-01")
    assert gamma["fiscal_year"] == 2021
    assert frame.attrs["snapshots"][0]["date_from"] == "given"


def test_snapshot_arguments():
    assert parse_snapshot_arg("a/b@2024-05-03") == (Path("a/b"), D("2024-05-03"))
    assert parse_snapshot_arg("a/b") == (Path("a/b"), None)
    assert designation_history([(SNAPSHOTS[0], "2019-01-01")]).attrs["snapshots"][0][
        "date"] == "2019-01-01"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_snapshot_arg("a/b@May 2024")


def test_undated_snapshot_is_refused_naming_the_file(tmp_path):
    folder = tmp_path / "latest"
    folder.mkdir()
    (folder / "SDN.CSV").write_bytes((SNAPSHOTS[0] / "SDN.CSV").read_bytes())
    with pytest.raises(ReadError, match=r"latest: no date for this snapshot"):
        designation_history([folder])


def test_unreadable_snapshots(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        designation_history([tmp_path / "missing"])
    (tmp_path / "2020-01-01").mkdir()
    with pytest.raises(ReadError, match="not a list snapshot"):
        designation_history([tmp_path / "2020-01-01"])
    bad = tmp_path / "2020-02-02"
    bad.mkdir()
    (bad / "ADD.CSV").write_text("hello,world\n")
    with pytest.raises(ReadError, match="no ent_num found"):
        designation_history([bad])


def test_un_snapshot_is_dated_by_the_file():
    snap, obs, _ = observe(FIXTURES / "fetch" / "consolidated.xml")
    assert (snap.date, snap.date_from, snap.kind) == (D("2024-03-01"), "file", "full")
    assert obs.entries["QDi.991"] == frozenset({"Al-Qaida"})


# --------------------------------------------------------------------------- designations tables


def test_load_designations_from_a_dated_table():
    frame = load_designations(HISTORY / "designations.csv", program="GLOMAG")
    assert list(frame.columns) == list(HISTORY_COLUMNS)
    assert _rows(frame) == {("100", "GLOMAG", "added", "2017-12-21", "2017-12-21"),
                            ("102", "GLOMAG", "added", "2020-09-30", "2020-09-30")}
    assert frame["exact"].all()
    assert list(frame["fiscal_year"]) == [2018, 2020]
    assert list(frame["name"]) == ["ALPHA, Testa", "GAMMA, Fictia"]


def test_history_round_trips_through_load_designations(tmp_path):
    frame = designation_history(SNAPSHOTS)
    save_history(frame, tmp_path / "h.csv")
    loaded = load_designations(tmp_path / "h.csv")
    assert _rows(loaded) == _rows(frame)
    assert list(loaded["fiscal_year"]) == list(frame["fiscal_year"])


def test_load_designations_errors():
    table = pd.DataFrame({"id": ["1", "2"], "date": ["2020-01-01", ""]})
    with pytest.raises(ReadError, match="row 2: no date"):
        load_designations(table)
    with pytest.raises(ReadError, match="no list id column"):
        load_designations(pd.DataFrame({"when": ["2020-01-01"]}))
    with pytest.raises(ReadError, match="not a date"):
        load_designations(pd.DataFrame({"list_id": ["1"], "date": ["21/12/2017"]}))
    window = pd.DataFrame({"list_id": ["1"], "designated_not_before": ["2021-01-01"],
                           "designated_not_after": ["2020-01-01"]})
    with pytest.raises(ReadError, match="is after"):
        load_designations(window)


# --------------------------------------------------------------------------- CLI


runner = CliRunner()


def test_cli_history(tmp_path):
    out = tmp_path / "designations.csv"
    result = runner.invoke(app, ["history", *map(str, SNAPSHOTS), "-o", str(out),
                                 "--program", "GLOMAG", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["rows"] == 6
    assert summary["events"] == {"added": 4, "program_added": 1, "removed": 1}
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(written.columns) == list(HISTORY_COLUMNS)
    assert "2020-10-01" in set(written["designated_not_after"])


def test_cli_history_exit_codes(tmp_path):
    undated = tmp_path / "x"
    undated.mkdir()
    (undated / "SDN.CSV").write_bytes((SNAPSHOTS[0] / "SDN.CSV").read_bytes())
    result = runner.invoke(app, ["history", str(undated), "-o", str(tmp_path / "o.csv"), "-q"])
    assert result.exit_code == 1 and "no date" in result.stderr
    result = runner.invoke(app, ["history", str(SNAPSHOTS[0]), "-o", str(tmp_path / "o.txt")])
    assert result.exit_code == 2
    result = runner.invoke(app, ["history", f"{SNAPSHOTS[0]}@2020-1-1", "-o",
                                 str(tmp_path / "o.csv")])
    assert result.exit_code == 2


# --------------------------------------------------------------------------- property


TICKS_PER_DAY = 3
_STATES = st.one_of(st.none(), st.frozensets(st.sampled_from(["A", "B", "C"]), max_size=2))


@st.composite
def _timelines(draw):
    """A true history of one entry (state per tick) and a schedule of snapshots of it."""
    horizon = 60
    initial = draw(_STATES)
    changes = draw(st.dictionaries(st.integers(1, horizon), _STATES, max_size=8))
    states, state = [], initial
    for tick in range(horizon + 1):
        state = changes.get(tick, state)
        states.append(state)
    ticks = draw(st.lists(st.integers(0, horizon), min_size=1, max_size=8, unique=True))
    kinds = draw(st.lists(st.sampled_from(["full", "roster"]), min_size=len(ticks),
                          max_size=len(ticks)))
    return states, sorted(ticks), kinds


def _day(tick: int) -> dt.date:
    return dt.date(2020, 1, 1) + dt.timedelta(days=tick // TICKS_PER_DAY)


def _has(state, program) -> bool:
    return state is not None and (program is None or program in state)


@settings(max_examples=300, deadline=None)
@given(_timelines())
def test_windows_contain_a_true_change(timeline):
    """Every window holds the day of a true change of its kind, whatever the schedule."""
    states, ticks, kinds = timeline
    observations = []
    for tick, kind in zip(ticks, kinds, strict=True):
        state = states[tick]
        entries = {} if state is None else {"1": state if kind == "full" else None}
        observations.append(Observation(_day(tick), entries, f"t{tick}"))
    frame = derive_events(observations)
    changes = [(_day(t), states[t - 1], states[t]) for t in range(1, len(states))
               if states[t] != states[t - 1]]
    for row in frame.itertuples():
        program = None if pd.isna(row.program) else row.program
        hi = row.designated_not_after.date()
        if pd.isna(row.designated_not_before):
            # Open window: it had the program from the start, or gained it by `hi`.
            assert row.event == "added"
            assert _has(states[0], program) or any(
                not _has(old, program) and _has(new, program) for day, old, new in changes
                if day <= hi
            )
            continue
        lo = row.designated_not_before.date()
        inside = [(old, new) for day, old, new in changes if lo <= day <= hi]
        if row.event in ("added", "program_added"):
            assert any(not _has(old, program) and _has(new, program) for old, new in inside)
        elif row.event == "program_removed":
            assert any(_has(old, program) and not _has(new, program) for old, new in inside)
        else:
            assert any(old is not None and new is None for old, new in inside)
    # Completeness: each absent -> present step between snapshots gives an `added` row.
    for before, after in itertools.pairwise(observations):
        if "1" not in before.entries and "1" in after.entries:
            added = frame[(frame.event == "added")
                          & (frame.designated_not_before == pd.Timestamp(before.date))]
            assert (added.designated_not_after == pd.Timestamp(after.date)).any()


# --------------------------------------------------------------------------- real data

REFERENCE = "ofac/glomag_designation_dates.csv"
REAL_SNAPSHOTS = ("2019-01-04", "2021-07-07", "2021-08-18", "2024-05-03", "2025-01-06")
# The reference's window for this entry is wider than its own evidence: its basis says
# "present without GLOMAG in 2019-01-04 snapshot", yet its start is 2017-12-21. The derived
# window starts at that 2019-01-04 snapshot, so it lies inside the reference instead.
REFERENCE_WIDER = {"23343"}


@pytest.fixture(scope="module")
def real_history(shared_data):
    return designation_history([shared_data / "ofac" / d for d in REAL_SNAPSHOTS])


@pytest.mark.realdata
def test_reference_glomag_windows_lie_inside_derived_windows(real_history, shared_data):
    frame = real_history
    assert [s["kind"] for s in frame.attrs["snapshots"]] == ["full"] * 4 + ["roster"]
    reference = pd.read_csv(shared_data / REFERENCE, dtype=str, keep_default_na=False)
    designations = frame[frame.event.isin(["added", "program_added"])]
    glomag = designations[designations.program == "GLOMAG"].groupby("list_id")
    unknown = designations[designations.program.isna()].groupby("list_id")
    seen_ids = set(frame.list_id)
    checked = inside = via_roster = 0
    missing = []
    for ref in reference.itertuples():
        lo, hi = pd.Timestamp(ref.designated_not_before), pd.Timestamp(ref.designated_not_after)
        if ref.ent_num in glomag.groups:
            windows = glomag.get_group(ref.ent_num)
        elif ref.ent_num in unknown.groups:  # listed first in the 2025 roster: programs unknown
            windows = unknown.get_group(ref.ent_num)
            via_roster += 1
        else:
            missing.append(ref.ent_num)
            continue
        checked += 1
        starts, ends = windows.designated_not_before, windows.designated_not_after
        contains = (starts.isna() | (starts <= lo)) & (hi <= ends)
        if ref.ent_num in REFERENCE_WIDER:
            assert ((lo <= starts) & (ends == hi)).any(), ref
            continue
        assert contains.any(), (ref.ent_num, ref.name, lo, hi, windows.to_dict("records"))
        inside += 1
    print(f"\nreference windows: {len(reference)}; checked {checked} ({via_roster} through the "
          f"2025-01-06 roster, programs unknown); inside {inside}; reference wider than its "
          f"evidence {len(REFERENCE_WIDER)}; no derived window {len(missing)}: {missing}")
    assert checked >= 750 and inside == checked - len(REFERENCE_WIDER)
    # Entries without a window are in none of the snapshots: listed (or made GLOMAG) and
    # delisted between two of them, or listed after the last.
    assert not seen_ids & set(missing)
    # Every GLOMAG designation derived is one the reference knows.
    assert set(glomag.groups) <= set(reference.ent_num)


@pytest.mark.realdata
def test_real_zimbabwe_move_and_open_windows(real_history):
    frame = real_history
    mnangagwa = frame[(frame.list_id == "7513") & (frame.program == "GLOMAG")]
    assert _rows(mnangagwa) == {("7513", "GLOMAG", "program_added", "2021-08-18", "2024-05-03")}
    first = frame[(frame.program == "GLOMAG") & (frame.event == "added")
                  & (frame.designated_not_after == pd.Timestamp("2019-01-04"))]
    assert len(first) == 99 and first.designated_not_before.isna().all()
