"""Uptake: fiscal years, basis, lags, waiting recommendations; the rules one by one, then the
example end to end."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pandas as pd
import pytest

import gmmatch
from gmmatch.link import link
from gmmatch.report.uptake import (
    AFTER,
    BASIS,
    UNCERTAIN,
    age_band,
    basis_status,
    designation_category,
    lag_summary,
    recommendation_window,
    uptake,
    with_recommended_on,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
D = dt.date


# --------------------------------------------------------------------------- the rules


def test_basis_needs_the_recommendation_before_the_whole_window():
    window = (D(2020, 3, 1), D(2020, 6, 30))
    assert basis_status(D(2020, 2, 29), D(2020, 2, 29), *window) == BASIS
    assert basis_status(D(2020, 3, 1), D(2020, 3, 1), *window) == UNCERTAIN  # first day
    assert basis_status(D(2020, 5, 1), D(2020, 5, 1), *window) == UNCERTAIN  # inside
    assert basis_status(D(2020, 6, 30), D(2020, 6, 30), *window) == UNCERTAIN  # last day
    assert basis_status(D(2020, 7, 1), D(2020, 7, 1), *window) == AFTER
    # an exact date: the same day is uncertain, the day before a basis
    exact = (D(2020, 3, 4), D(2020, 3, 4))
    assert basis_status(D(2020, 3, 3), D(2020, 3, 3), *exact) == BASIS
    assert basis_status(D(2020, 3, 4), D(2020, 3, 4), *exact) == UNCERTAIN
    # a month-only recommendation must end before the window
    assert basis_status(D(2020, 2, 1), D(2020, 2, 29), *window) == BASIS
    assert basis_status(D(2020, 3, 1), D(2020, 3, 31), *window) == UNCERTAIN
    # open window, no date
    assert basis_status(D(2010, 1, 1), D(2010, 1, 1), None, D(2020, 1, 1)) == UNCERTAIN
    assert basis_status(D(2021, 1, 1), D(2021, 1, 1), None, D(2020, 1, 1)) == AFTER
    assert basis_status(None, None, *window) == UNCERTAIN


def test_recommendation_dates_in_any_form():
    assert recommendation_window("2019-03-01") == (D(2019, 3, 1), D(2019, 3, 1))
    assert recommendation_window("1 March 2019") == (D(2019, 3, 1), D(2019, 3, 1))
    assert recommendation_window("Feb 2020") == (D(2020, 2, 1), D(2020, 2, 29))
    assert recommendation_window("2019") == (D(2019, 1, 1), D(2019, 12, 31))
    assert recommendation_window("03/01/2019") == (D(2019, 1, 3), D(2019, 3, 1))  # both ways
    assert recommendation_window(pd.Timestamp("2021-05-06")) == (D(2021, 5, 6), D(2021, 5, 6))
    assert recommendation_window("not a date") == (None, None)
    assert recommendation_window(None) == (None, None)


def test_categories_and_age_bands():
    assert designation_category("added", "person") == "new designation"
    assert designation_category("added", None) == "new designation"
    assert designation_category("program_added", "organization") == "program added"
    assert designation_category("added", "vessel") == "vessel or aircraft"
    assert designation_category("program_added", "aircraft") == "vessel or aircraft"
    assert age_band(None) == "no date"
    assert age_band(0) == "under 1 year"
    assert age_band(364) == "under 1 year"
    assert age_band(365) == "1 to 2 years"
    assert age_band(5 * 365) == "5 years or more"


def test_lag_summary_quartiles():
    summary = lag_summary([10, 20, 30, 40])
    assert summary == {"lag_n": 4, "lag_q1_days": 17.5, "lag_median_days": 25.0,
                       "lag_q3_days": 32.5}
    assert lag_summary([])["lag_median_days"] is None


# --------------------------------------------------------------------------- small tables


def _links(rows):
    """A links table as `gmmatch link` writes it, from (record, list entry or None, date)."""
    table = []
    for record_id, list_id, recommended_on, *rest in rows:
        extra = rest[0] if rest else {}
        table.append({
            "record_id": record_id, "list_id": list_id,
            "status": "match" if list_id else "no match",
            "match_probability": 0.99 if list_id else None,
            "record_name": f"Record {record_id}", "list_name": f"ENTRY {list_id}",
            "record_recommended_on": recommended_on, "record_entity_type": "person",
            "record_nationality": extra.get("nationality", []),
            "list_nationality": extra.get("list_nationality", []),
            "list_programs": extra.get("programs", ["GLOMAG"]) if list_id else [],
        })
    return pd.DataFrame(table)


def _designations(rows):
    columns = ["list_id", "designated_not_before", "designated_not_after", "entity_type",
               "event", "program"]
    return pd.DataFrame([dict(zip(columns, r, strict=False)) for r in rows])


def test_fiscal_year_edges_sep_30_and_oct_1():
    links = _links([("r1", "1", "2023-01-01"), ("r2", "2", "2023-01-01"),
                    ("r3", "3", "2023-01-01")])
    designations = _designations([
        ("1", "2023-09-30", "2023-09-30", "person", "added", "GLOMAG"),   # last day of FY2023
        ("2", "2023-10-01", "2023-10-01", "person", "added", "GLOMAG"),   # first day of FY2024
        ("3", "2023-09-30", "2023-10-01", "person", "added", "GLOMAG"),   # spans both
    ])
    report = uptake(links, designations)
    by_year = report.by_fiscal_year.set_index("fiscal_year")
    assert list(by_year.index) == ["2023", "2024", "uncertain", "all"]
    assert by_year.loc["2023", "designations"] == 1
    assert by_year.loc["2024", "designations"] == 1
    assert by_year.loc["uncertain", "designations"] == 1
    assert by_year.loc["all", "with_basis"] == 3
    assert by_year.loc["all", "share_with_basis_pct"] == 100.0


def test_recommendation_after_the_designation_is_no_basis():
    links = _links([("late", "1", "2024-06-01"), ("early", "2", "2019-06-01")])
    designations = _designations([
        ("1", "2024-03-01", "2024-03-08", "person", "added", "GLOMAG"),
        ("2", "2024-03-01", "2024-03-08", "person", "added", "GLOMAG"),
    ])
    report = uptake(links, designations)
    row = report.by_fiscal_year.set_index("fiscal_year").loc["2024"]
    assert (row["designations"], row["with_basis"], row["recommended_after"]) == (2, 1, 1)
    recs = report.recommendations.set_index("record_id")
    assert recs.loc["late", "status"] == "designated before recommendation"
    assert not recs.loc["late", "waiting"]
    assert recs.loc["early", "status"] == "designated after recommendation"


def test_lag_uses_window_midpoints_and_bounds():
    links = _links([("r", "1", "2023-01-01")])
    designations = _designations([("1", "2023-03-01", "2023-03-11", "person", "added")])
    report = uptake(links, designations, program=None)
    row = report.designations.iloc[0]
    assert row["lag_days"] == 64.0          # 2023-03-06 (midpoint) - 2023-01-01
    assert (row["lag_min_days"], row["lag_max_days"]) == (59, 69)
    assert report.by_fiscal_year.iloc[0]["lag_median_days"] == 64.0


def test_vessels_and_program_additions_are_counted_apart():
    links = _links([("r1", "1", "2020-01-01"), ("r2", "2", "2020-01-01")])
    designations = _designations([
        ("1", "2024-03-01", "2024-03-08", "person", "program_added", "GLOMAG"),
        ("2", "2024-03-01", "2024-03-08", "person", "added", "GLOMAG"),
        ("3", "2024-03-01", "2024-03-08", "vessel", "added", "GLOMAG"),
        ("4", "2024-03-01", "2024-03-08", "aircraft", "added", "GLOMAG"),
        ("5", "2024-03-01", "2024-03-08", "person", "removed", "GLOMAG"),
    ])
    report = uptake(links, designations)
    row = report.by_fiscal_year.set_index("fiscal_year").loc["2024"]
    assert row["designations"] == 1 and row["with_basis"] == 1
    assert row["program_added"] == 1 and row["program_added_with_basis"] == 1
    assert row["vessels_aircraft"] == 2
    assert any("removed" in note for note in report.notes)


def test_other_programs_are_left_out_and_a_table_without_program_is_taken_whole():
    links = _links([("r1", "1", "2020-01-01")])
    mixed = _designations([("1", "2021-01-01", "2021-01-02", "person", "added", "GLOMAG"),
                           ("2", "2021-01-01", "2021-01-02", "person", "added", "SDGT")])
    assert len(uptake(links, mixed).designations) == 1
    plain = pd.DataFrame({"ent_num": ["1", "2"], "date": ["2021-01-02", "2021-01-05"]})
    report = uptake(links, plain)
    assert len(report.designations) == 2
    assert any("every row taken as GLOMAG" in note for note in report.notes)


def test_strongest_status_wins_and_waiting_recommendations_by_age():
    links = _links([
        ("a", "1", "2024-03-05"),                                 # inside the window
        ("b", "1", "2019-01-01"),                                 # before: basis
        ("c", "9", "2023-02-01", {"programs": ["SDGT"]}),         # listed elsewhere
        ("d", None, "2018-01-01", {"nationality": ["Venezuela"]}),
        ("e", None, "not known"),
        ("f", "9", "2022-01-01", {"programs": ["SDGT"], "list_nationality": ["Iran"]}),
    ])
    designations = _designations([("1", "2024-03-01", "2024-03-08", "person", "added",
                                   "GLOMAG")])
    report = uptake(links, designations, as_of="2024-05-03")
    assert report.designations.iloc[0]["basis"] == BASIS
    assert report.designations.iloc[0]["basis_record"] == "b"
    recs = report.recommendations.set_index("record_id")
    assert list(recs["waiting"]) == [False, False, True, True, True, True]
    assert recs.loc["c", "status"] == "listed under other programs"
    assert recs.loc["d", "status"] == "not listed"
    ages = report.waiting_by_age.set_index("age_band")["waiting"]
    assert ages["1 to 2 years"] == 1 and ages["2 to 3 years"] == 1
    assert ages["5 years or more"] == 1 and ages["no date"] == 1 and ages["all"] == 4
    countries = report.by_country.set_index("country")
    assert countries.loc["VE", "waiting"] == 1
    assert countries.loc["IR", "waiting"] == 1   # from the linked entry, the record has none
    assert countries.loc["unknown", "recommendations"] == 4


def test_with_recommended_on_fills_only_the_gaps():
    records = gmmatch.read_records([{"id": "1", "name": "A B", "recommended_on": "2019-01-01"},
                                    {"id": "2", "name": "C D"}])
    filled = with_recommended_on(records, "2020-04-15")
    assert filled.table["recommended_on"].to_pylist() == ["2019-01-01", "2020-04-15"]
    assert with_recommended_on(records, D(2020, 4, 15), overwrite=True).table[
        "recommended_on"].to_pylist() == ["2020-04-15", "2020-04-15"]


# --------------------------------------------------------------------------- the example


@pytest.fixture(scope="module")
def example_report(tmp_path_factory):
    recs = gmmatch.read_records(EXAMPLES / "recommendations.csv")
    snapshots = sorted(p for p in (EXAMPLES / "glomag").iterdir() if p.is_dir())
    result = link(recs, gmmatch.read_sdn(snapshots[-1]))
    history = gmmatch.designation_history(snapshots, program="GLOMAG")
    return uptake(result, history, records=recs)


def test_example_known_people_and_the_invented_ones(example_report):
    designations = example_report.designations.set_index("list_id")
    assert designations.loc["95001", "basis"] == BASIS            # Jammeh, recommended before
    assert designations.loc["95001", "fiscal_year"] == "2018"
    assert designations.loc["95002", "basis"] == UNCERTAIN        # Karimova, inside the window
    assert designations.loc["95003", "basis"] == AFTER            # Gertler, recommended after
    assert designations.loc["95004", "fiscal_year"] == "uncertain"  # window over Sep 30
    assert designations.loc["95006", "category"] == "program added"
    assert designations.loc["90005", "category"] == "vessel or aircraft"
    recs = example_report.recommendations.set_index("record_id")
    for invented in ("REC-010", "REC-011", "REC-013"):
        assert recs.loc[invented, "status"] == "not listed"
    assert recs.loc["REC-009", "status"] == "listed under other programs"


def test_example_tables_add_up(example_report, tmp_path):
    by_year = example_report.by_fiscal_year.set_index("fiscal_year")
    years = by_year.drop(index="all")
    for column in ("designations", "with_basis", "basis_uncertain", "recommended_after",
                   "not_recommended", "program_added", "vessels_aircraft"):
        assert years[column].sum() == by_year.loc["all", column]
    parts = ["with_basis", "basis_uncertain", "recommended_after", "not_recommended"]
    assert (years[parts].sum(axis=1) == years["designations"]).all()
    written = example_report.to_csv(tmp_path)
    again = pd.read_csv(written["by_fiscal_year"], dtype={"fiscal_year": str})
    pd.testing.assert_frame_equal(again, example_report.by_fiscal_year, check_dtype=False)


def test_public_names_of_the_module():
    # gmmatch.report.uptake is the function; the module stays importable by its full name
    module = importlib.import_module("gmmatch.report.uptake")
    assert gmmatch.report.uptake is module.uptake
    for name in ("UptakeReport", "with_recommended_on"):
        assert getattr(gmmatch.report, name) is getattr(module, name)
