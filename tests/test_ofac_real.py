"""The OFAC reader on the real legacy CSV files of ../shared/data (skipped when absent)."""

from __future__ import annotations

from collections import Counter

import pytest

import gmmatch

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def sdn_2024_with_2025_side_files(shared_data):
    ofac = shared_data / "ofac"
    side = ofac / "2025-01-06"
    return gmmatch.read_sdn(
        ofac / "2024-05-03" / "sdn.csv",
        alt=side / "alt.csv",
        add=side / "add.csv",
        comments=side / "sdn_comments.csv",
    )


def test_2024_counts(sdn_2024_with_2025_side_files) -> None:
    rs = sdn_2024_with_2025_side_files
    assert len(rs) == 14965
    table = rs.table
    assert sum("GLOMAG" in p for p in table["programs"].to_pylist()) == 694
    assert Counter(table["entity_type"].to_pylist()) == {
        "person": 6854, "organization": 6884, "vessel": 851, "aircraft": 376,
    }


def test_2024_side_files_from_another_day_are_reported(sdn_2024_with_2025_side_files) -> None:
    problems = sdn_2024_with_2025_side_files.problems
    orphans = lambda field: {p.record_id for p in problems if p.field == field  # noqa: E731
                             and p.reason == "no SDN.CSV entry with this ent_num"}
    assert len(orphans("alt_name")) == 945
    assert len(orphans("address")) == 2111
    without_address = [p for p in problems if p.field == "ent_num" and "no row in ADD" in p.reason]
    assert len(without_address) == 87
    continuations = [p for p in problems if p.field == "Remarks_Extended"]
    # 21 continuations in the 2025 file: 16 fit, 2 belong to entries gone from the 2024 file,
    # 1 continues a remark since shortened, 2 repeat text of remarks edited in between.
    reasons = Counter(p.reason.split(" (")[0].split(":")[0] for p in continuations)
    assert reasons == {
        "no SDN.CSV entry with this ent_num": 2,
        "continues a remark that is complete": 1,
        "repeats text of the remark": 2,
    }
    assert all(p.action == "skipped" for p in continuations)
    cut = [p.record_id for p in problems if p.field == "Remarks"]
    assert sorted(cut) == ["17018", "37070"]


def test_mnangagwa(sdn_2024_with_2025_side_files) -> None:
    table = sdn_2024_with_2025_side_files.table
    [row] = [r for r in table.to_pylist() if r["id"] == "7513"]
    assert row["name"] == "MNANGAGWA, Emmerson Dambudzo"
    assert row["surname"] == "MNANGAGWA"
    assert row["dob"] == ["15 Sep 1946", "15 Sep 1942"]
    assert row["nationality"] == ["Zimbabwe"]
    assert row["weak_aliases"] == ["CROCODILE"]
    assert row["programs"] == ["GLOMAG"]
    assert row["titles"] == ["President of Zimbabwe"]
    assert row["gender"] == "male"
    assert row["pob"] == ["Zvishavane, Zimbabwe"]


def test_2021_set_is_complete_and_consistent(shared_data) -> None:
    rs = gmmatch.read_sdn(shared_data / "ofac" / "2021-07-07")
    assert len(rs) == 8976
    # nothing skipped or unjoined; only values normalization could not read (countries)
    assert {p.field for p in rs.problems} <= {"country", "dob", "nationality", "citizenship"}
    assert all(p.action == "kept" for p in rs.problems)
    with_aliases = sum(1 for a in rs.table["aliases"].to_pylist() if a)
    assert with_aliases == 4139
    assert rs.source.list_date == "2021-07-07"
    # every continuation fitted: no remark is left cut at 1,000 characters
    assert all(len(r or "") != 1000 for r in rs.table["remarks"].to_pylist())


@pytest.mark.parametrize("snapshot", ["2019-01-04", "2021-08-18"])
def test_other_snapshots_read_without_problems(shared_data, snapshot) -> None:
    rs = gmmatch.read_sdn(shared_data / "ofac" / snapshot / "sdn.csv")
    assert len(rs) > 7000
    # only remarks cut without SDN_COMMENTS.CSV, and values normalization could not read
    assert {p.field for p in rs.problems} <= {"Remarks", "country", "dob", "nationality",
                                               "citizenship"}
