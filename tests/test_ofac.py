"""The OFAC legacy CSV reader on small files written here, with OFAC's quirks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gmmatch
from gmmatch.readers.ofac_csv import parse_remarks

NULL = "-0- "


def sdn_row(ent_num, name, sdn_type="individual", program="GLOMAG", title=None, remarks=None,
            vess_flag=None) -> str:
    def cell(value):
        return NULL if value is None else '"' + value.replace('"', '""') + '"'

    cells = [str(ent_num), cell(name), cell(sdn_type or None), cell(program), cell(title),
             NULL, NULL, NULL, NULL, cell(vess_flag), NULL, cell(remarks)]
    return ",".join(cells)


def write(path: Path, lines: list[str], ctrl_z: bool = True) -> Path:
    """A file as OFAC writes it: CRLF line ends and a Ctrl-Z byte at the end."""
    path.write_bytes(("\r\n".join(lines) + "\r\n" + ("\x1a" if ctrl_z else "")).encode())
    return path


@pytest.fixture
def ofac_folder(tmp_path: Path) -> Path:
    long_remark = "DOB 01 Jan 1970; Website www.example.org; " + "; ".join(
        f"Phone Number {n:010d}" for n in range(60)
    )
    cut = (long_remark + "; Linked To: FICTIVO TRADING LLC")[:1000]
    rest = (long_remark + "; Linked To: FICTIVO TRADING LLC")[1000:] + "."
    write(tmp_path / "sdn.csv", [
        sdn_row(7001, "EXAMPLOV, Ivan Petrovich", title="Minister of Examples",
                remarks="DOB 12 Mar 1961; alt. DOB circa 1962; POB Omsk, Russia; nationality "
                        "Russia; alt. citizen Ukraine; Gender Male; Passport 7100000001 (Russia) "
                        "issued 01 Jan 2015 expires 01 Jan 2025; National ID No. 123-456 "
                        "(Russia); a.k.a. 'THE ACCOUNTANT'; f.k.a. 'VANYA'; Linked To: FICTIVO "
                        "TRADING LLC."),
        sdn_row(7002, 'THE "EXAMPLE" FOUNDATION', sdn_type=None,
                program="GLOMAG] [RUSSIA-EO14024"),
        sdn_row(7003, "EXAMPLE STAR", sdn_type="vessel", program="IRAN", vess_flag="Panama"),
        sdn_row(7004, "EX-AMP", sdn_type="aircraft", program="SDGT"),
        sdn_row(7005, "LONG, Remark", remarks=cut),
    ])
    write(tmp_path / "Alt.CSV", [
        '7001,1,"aka","EKZAMPLOV, Ivan",-0- ',
        '7001,2,"fka","EXAMPLOFF, Ivan",-0- ',
        '7002,3,"nka","EXAMPLE FOUNDATION","formerly"',
    ])
    write(tmp_path / "ADD.csv", [
        '7001,1,-0- ,"Moscow","Russia",-0- ',
        '7002,2,"1 Example St.","Moscow 100000","Russia",-0- ',
        '7003,3,-0- ,-0- ,"Panama",-0- ',
        '7004,4,-0- ,-0- ,-0- ,-0- ',
        '7005,5,-0- ,-0- ,"Iraq",-0- ',
    ])
    write(tmp_path / "SDN_Comments.csv", [f'7005,"{rest}"'])
    return tmp_path


def by_id(rs: gmmatch.RecordSet) -> dict[str, dict]:
    return {row["id"]: row for row in rs.table.to_pylist()}


def test_reads_folder_with_side_files_in_any_case(ofac_folder: Path) -> None:
    rs = gmmatch.read_sdn(ofac_folder)
    assert len(rs) == 5
    assert rs.problems == []
    rows = by_id(rs)
    ivan = rows["7001"]
    assert ivan["entity_type"] == "person"
    assert (ivan["surname"], ivan["given_names"]) == ("EXAMPLOV", "Ivan Petrovich")
    assert ivan["aliases"] == ["EKZAMPLOV, Ivan", "EXAMPLOFF, Ivan"]
    assert ivan["weak_aliases"] == ["THE ACCOUNTANT", "VANYA"]
    assert [(n["name"], n["kind"]) for n in ivan["names"]] == [
        ("EXAMPLOV, Ivan Petrovich", "primary"),
        ("EKZAMPLOV, Ivan", "aka"),
        ("EXAMPLOFF, Ivan", "fka"),
        ("THE ACCOUNTANT", "weak"),
        ("VANYA", "weak"),
    ]
    assert ivan["dob"] == ["12 Mar 1961", "circa 1962"]
    assert ivan["pob"] == ["Omsk, Russia"]
    assert ivan["nationality"] == ["Russia"]
    assert ivan["citizenship"] == ["Ukraine"]
    assert ivan["gender"] == "male"
    assert ivan["titles"] == ["Minister of Examples"]
    assert ivan["linked_to"] == ["FICTIVO TRADING LLC"]
    assert ivan["documents"] == [
        {"type": "Passport", "number": "7100000001", "country": "Russia",
         "note": "issued 01 Jan 2015 expires 01 Jan 2025"},
        {"type": "National ID No.", "number": "123-456", "country": "Russia", "note": None},
    ]
    assert ivan["addresses"] == [
        {"street": None, "city": "Moscow", "country": "Russia", "note": None}
    ]
    assert ivan["country"] == ["Russia"]


def test_entity_types_programs_and_quoted_names(ofac_folder: Path) -> None:
    rows = by_id(gmmatch.read_sdn(ofac_folder))
    foundation = rows["7002"]
    assert foundation["name"] == 'THE "EXAMPLE" FOUNDATION'
    assert foundation["entity_type"] == "organization"
    assert foundation["surname"] is None
    assert foundation["programs"] == ["GLOMAG", "RUSSIA-EO14024"]
    assert foundation["names"][1] == {"name": "EXAMPLE FOUNDATION", "kind": "nka",
                                      "note": "formerly"}
    assert rows["7003"]["entity_type"] == "vessel"
    assert rows["7003"]["country"] == ["Panama"]
    assert rows["7004"]["entity_type"] == "aircraft"
    assert rows["7004"]["dob"] == []
    assert rows["7004"]["gender"] is None


def test_continuation_that_fits_is_glued(ofac_folder: Path) -> None:
    rows = by_id(gmmatch.read_sdn(ofac_folder))
    remarks = rows["7005"]["remarks"]
    assert len(remarks) > 1000
    assert remarks.endswith("Linked To: FICTIVO TRADING LLC.")
    assert rows["7005"]["linked_to"] == ["FICTIVO TRADING LLC"]


def test_file_path_reads_side_files_beside_it(ofac_folder: Path) -> None:
    assert len(by_id(gmmatch.read_sdn(ofac_folder / "sdn.csv"))["7001"]["aliases"]) == 2


def test_side_files_given_explicitly_win(ofac_folder: Path, tmp_path_factory) -> None:
    other = tmp_path_factory.mktemp("other")
    alt = write(other / "alt.csv", ['7001,9,"aka","ONLY THIS ONE",-0- '])
    rows = by_id(gmmatch.read_sdn(ofac_folder, alt=alt))
    assert rows["7001"]["aliases"] == ["ONLY THIS ONE"]


def test_side_files_from_another_day_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "sdn.csv", [sdn_row(1, "ONE, Person"), sdn_row(2, "TWO, Person")])
    write(tmp_path / "alt.csv", ['1,1,"aka","ONE, P.",-0- ', '3,2,"aka","THREE, P.",-0- '])
    write(tmp_path / "add.csv", ['1,1,-0- ,-0- ,"Peru",-0- ', '4,2,-0- ,-0- ,"Chile",-0- '])
    rs = gmmatch.read_sdn(tmp_path)
    assert len(rs) == 2
    found = {(p.record_id, p.field, p.action, p.location) for p in rs.problems}
    assert found == {
        ("3", "alt_name", "skipped", "alt.csv:2"),
        ("4", "address", "skipped", "add.csv:2"),
        ("2", "ent_num", "kept", "add.csv"),
    }


@pytest.mark.parametrize(
    ("remark", "comment", "reason"),
    [
        ("DOB 1970.", "; a.k.a. 'X'.", "continues a remark that is complete"),
        ("x" * 980 + "; Linked To: AB", "Linked To: AB", "repeats text of the remark"),
    ],
)
def test_continuation_that_does_not_fit_is_reported(tmp_path, remark, comment, reason) -> None:
    remark = remark.ljust(1000, " ")[:1000] if "repeats" in reason else remark
    comment = ("y" * 30 + comment) if "repeats" not in reason else remark[500:560]
    write(tmp_path / "sdn.csv", [sdn_row(1, "ONE, Person", remarks=remark)])
    write(tmp_path / "sdn_comments.csv", [f'1,"{comment}"', '2,"orphan text"'])
    rs = gmmatch.read_sdn(tmp_path)
    assert by_id(rs)["1"]["remarks"] == remark.strip()
    reasons = [(p.record_id, p.reason) for p in rs.problems if p.field == "Remarks_Extended"]
    assert reasons[0][0] == "1" and reasons[0][1].startswith(reason)
    assert reasons[1] == ("2", "no SDN.CSV entry with this ent_num")


def test_remark_cut_without_continuation_is_kept_and_reported(tmp_path: Path) -> None:
    write(tmp_path / "sdn.csv", [sdn_row(1, "ONE, Person", remarks="DOB 1970; " + "z" * 990)])
    rs = gmmatch.read_sdn(tmp_path)
    assert len(rs) == 1
    [problem] = rs.problems
    assert problem.field == "Remarks" and "cut at 1000" in problem.reason


def test_bad_rows_are_skipped_with_their_line(tmp_path: Path) -> None:
    write(tmp_path / "SDN.CSV", [
        sdn_row(1, "ONE, Person"),
        '2,"TWO, Person","individual"',                     # too few columns
        sdn_row("x3", "THREE, Person"),                     # ent_num not a number
        sdn_row(1, "ONE AGAIN, Person"),                    # duplicate ent_num
        sdn_row(5, "FIVE", sdn_type="ship"),                # unknown type: organization
        '6,"SIX ""unterminated,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    ], ctrl_z=False)
    rs = gmmatch.read_sdn(tmp_path / "SDN.CSV")
    assert sorted(by_id(rs)) == ["1", "5"]
    assert by_id(rs)["5"]["entity_type"] == "organization"
    located = [(p.location, p.action) for p in rs.problems]
    assert located == [
        ("SDN.CSV:2", "skipped"),
        ("SDN.CSV:3", "skipped"),
        ("SDN.CSV:4", "skipped"),
        ("SDN.CSV:5", "repaired"),
        ("SDN.CSV:6", "skipped"),
    ]


def test_multi_line_names_keep_line_numbers(tmp_path: Path) -> None:
    write(tmp_path / "sdn.csv", [
        sdn_row(1, "ONE, Person", remarks="DOB 1970;\r\nPOB Lima, Peru."),
        '2,"TWO, Person"',
    ])
    rs = gmmatch.read_sdn(tmp_path)
    assert by_id(rs)["1"]["pob"] == ["Lima, Peru"]
    assert [p.location for p in rs.problems] == ["sdn.csv:3"]


def test_strict_raises_on_first_problem(tmp_path: Path) -> None:
    write(tmp_path / "sdn.csv", [sdn_row(1, "ONE, Person"), '2,"TWO"'])
    with pytest.raises(gmmatch.ReadError, match=r"sdn\.csv:2") as error:
        gmmatch.read_sdn(tmp_path, strict=True)
    assert error.value.problem.action == "skipped"


def test_wrong_format_raises_naming_file_line_and_expectation(tmp_path: Path) -> None:
    alt = write(tmp_path / "sdn.csv", ['36,12,"aka","AERO-EXAMPLE",-0- '])
    with pytest.raises(gmmatch.ReadError, match=r"sdn\.csv:1: 5 columns, expected 12"):
        gmmatch.read_sdn(alt)


def test_missing_paths_raise(tmp_path: Path) -> None:
    with pytest.raises(gmmatch.ReadError, match="no such file"):
        gmmatch.read_sdn(tmp_path / "nope")
    write(tmp_path / "add.csv", ['1,1,-0- ,-0- ,"Peru",-0- '])
    with pytest.raises(gmmatch.ReadError, match=r"no SDN\.CSV in this folder \(found: add\.csv\)"):
        gmmatch.read_sdn(tmp_path)


def test_header_row_and_bom_and_non_utf8_bytes(tmp_path: Path) -> None:
    header = ",".join(["ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign",
                       "Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks"])
    path = tmp_path / "sdn.csv"
    body = ("\ufeff" + header + "\r\n" + sdn_row(1, "MUNOZ, Jose") + "\r\n").encode()
    path.write_bytes(body.replace(b"MUNOZ", "MUÑOZ".encode("cp1252")))
    rs = gmmatch.read_sdn(path)
    assert by_id(rs)["1"]["name"] == "MUÑOZ, Jose"
    assert [p.reason for p in rs.problems] == ["not UTF-8: read as Windows-1252"]


def test_parse_remarks_keeps_facts_as_written() -> None:
    facts = parse_remarks(
        "DOB 1962 to 1965; alt. DOB Sep 1965; POB Gaza; nationality Korea, North; "
        "Gender Female; Tax ID No. 7707083893 (Russia); Website www.example.org; "
        "a.k.a. 'AL-X'; Linked To: Y LIMITED."
    )
    assert facts["dob"] == ["1962 to 1965", "Sep 1965"]
    assert facts["pob"] == ["Gaza"]
    assert facts["nationality"] == ["Korea, North"]
    assert facts["gender"] == ["female"]
    assert facts["weak"] == [("AL-X", "a.k.a.")]
    assert facts["linked_to"] == ["Y LIMITED"]
    assert facts["documents"] == [
        {"type": "Tax ID No.", "number": "7707083893", "country": "Russia", "note": None}
    ]


# Single-line rows of any width and any text OFAC would never write.
_one_line_text = st.text(
    st.characters(blacklist_characters='\r\n"', blacklist_categories=("Cs",)), max_size=30
)
_cells = st.one_of(st.just("-0- "), _one_line_text, st.from_regex(r"[0-9]{1,6}", fullmatch=True))
_rows = st.lists(_cells, max_size=14).map(
    lambda cs: ",".join('"' + c + '"' if i % 2 else c for i, c in enumerate(cs))
)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.lists(st.one_of(_rows, _one_line_text), max_size=8))
def test_every_malformed_line_is_read_or_reported(tmp_path: Path, garbage) -> None:
    path = tmp_path / "sdn.csv"
    write(path, [sdn_row(1, "ONE, Person", remarks="DOB 1970."), *garbage])
    rs = gmmatch.read_sdn(path)  # the first row is good, so the file is never refused
    ids = set(by_id(rs))
    reported = {p.location for p in rs.problems}
    assert "1" in ids
    for line, text in enumerate(garbage, start=2):
        first_cell = text.split(",", 1)[0].strip()
        assert (
            not text.strip()
            or f"sdn.csv:{line}" in reported
            or first_cell in ids
        ), f"line {line} {text!r} was neither read nor reported"
