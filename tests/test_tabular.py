"""Recommendation lists from any table: CSV/TSV encodings, XLSX, JSON, Parquet, in-memory."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gmmatch.readers import detect_format, read_any
from gmmatch.readers.tabular import read_records, sniff_delimiter
from gmmatch.records import ReadError

FIX = Path(__file__).parent / "fixtures" / "records"
COMPARED = ["id", "name", "aliases", "dob", "nationality", "recommended_on", "source_org", "raw"]


def reader_problems(rs):
    """Problems other than the normalizer's notes on values it could not read (all `kept`)."""
    return [p for p in rs.problems if p.action != "kept" or p.field == "encoding"]


def rows(rs, fields=COMPARED):
    return [{f: r[f] for f in fields} for r in rs.table.to_pylist()]


# --- encodings ------------------------------------------------------------------------------


def test_multiscript_utf8():
    rs = read_records(FIX / "multiscript_utf8.csv")
    assert reader_problems(rs) == []
    assert rs.source.details["encoding"] == "utf-8"
    first, second = rs.table.to_pylist()[:2]
    assert first["id"] == "R-001"
    assert first["name"] == "Иван Тестович Примеров"
    assert first["aliases"] == ["Ivan Primerov", "Iwan Primerow"]
    assert first["recommended_on"] == "2023-02-01"
    assert first["source_org"] == "Invented NGO One"
    assert json.loads(first["raw"]) == {"Reason": "Invented reason, with a comma"}
    assert second["name"] == "علي حسن المثال"
    assert second["nationality"] == ["Iraq", "Jordan"]


def test_utf16_twin_reads_identically():
    utf8 = read_records(FIX / "multiscript_utf8.csv")
    utf16 = read_records(FIX / "multiscript_utf16.txt")
    assert utf16.source.details["encoding"] == "utf-16"
    assert utf16.source.details["encoding_rule"] == "BOM"
    assert utf16.source.details["delimiter"] == "\t"
    assert reader_problems(utf16) == []
    assert rows(utf16) == rows(utf8)
    assert len(utf8) == 4


def test_cp1252_twin_reads_identically_and_says_it_assumed():
    utf8 = read_records(FIX / "latin_utf8.csv")
    cp = read_records(FIX / "latin_cp1252.csv")
    assert rows(cp) == rows(utf8)
    assert rows(cp)[0]["name"] == "José Müller-Ñúñez"
    assert json.loads(rows(cp)[0]["raw"])["Reason"] == "Invented – en dash “quotes” €"
    assert cp.source.details["encoding"] == "cp1252"
    assert cp.source.details["encoding_rule"] == "assumed"
    assert [(p.field, p.action) for p in cp.problems] == [("encoding", "kept")]
    with pytest.raises(ReadError, match="assumed cp1252"):
        read_records(FIX / "latin_cp1252.csv", strict=True)
    given_enc = read_records(FIX / "latin_cp1252.csv", encoding="cp1252", strict=True)
    assert rows(given_enc) == rows(utf8)


def test_utf8_bom_and_utf16_without_bom(tmp_path):
    text = "name,dob\r\nÅsa Ölund,1970\r\n"
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    rs = read_records(tmp_path / "bom.csv")
    assert rs.source.details["encoding"] == "utf-8-sig"
    assert rs.table.column("name").to_pylist() == ["Åsa Ölund"]
    (tmp_path / "nobom16.csv").write_bytes(text.encode("utf-16-le"))
    rs16 = read_records(tmp_path / "nobom16.csv")
    assert rs16.source.details["encoding"] == "utf-16-le"
    assert rs16.table.column("name").to_pylist() == ["Åsa Ölund"]
    assert [p.action for p in rs16.problems] == ["kept"]


# --- CSV structure --------------------------------------------------------------------------


MESSY = (
    "Invented recommendations of an invented NGO (test data)\n"
    "\n"
    "Reference,Full name,Date of birth,Citizenship,Type,Sex,Programme,Comment\n"
    "A1,Pat Example,1970,Peru,Individual,F,GLOMAG,first\n"
    ",Sam Sample,circa 1965,Chile;Peru,entity,x,,second\n"
    "\n"
    ",,,,,,,\n"
    "A1,Pat Example Again,,,,,,dup id\n"
    "A9,,,,,,,no name\n"
    "row-5,Clash Example,,,,,,explicit id equal to a generated one\n"
    'A10,"Multi\nLine",,,,,,"extra",cell\n'
)


def test_messy_csv(tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text(MESSY, encoding="utf-8")
    rs = read_records(path)
    assert rs.source.details["header_row"] == 3
    assert rs.source.details["delimiter"] == ","
    got = rs.table.to_pylist()
    assert [r["id"] for r in got] == ["A1", "row-5", "A1#2", "row-5#2", "A10"]
    assert got[0]["citizenship"] == ["Peru"]
    assert got[0]["entity_type"] == "person"
    assert got[0]["gender"] == "female"
    assert got[0]["programs"] == ["GLOMAG"]
    assert got[0]["remarks"] == "first"  # "Comment" is a synonym of remarks
    assert got[0]["raw"] is None
    assert got[1]["entity_type"] == "organization"
    assert got[1]["country"] == [] and got[1]["citizenship"] == ["Chile", "Peru"]
    assert got[1]["gender"] == "x"
    assert got[4]["name"] == "Multi\nLine"
    assert json.loads(got[4]["raw"])["_extra"] == ["cell"]
    problems = [(p.location, p.field, p.action) for p in rs.problems]
    assert problems == [
        ("messy.csv:line 5", "gender", "kept"),
        ("messy.csv:line 8", "id", "repaired"),
        ("messy.csv:line 9", "name", "skipped"),
        ("messy.csv:line 10", "id", "repaired"),
        ("messy.csv:line 11", "row", "kept"),
    ]
    assert rs.source.details["rows_skipped"] == 1


def test_columns_mapping_wins_and_missing_column_raises(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("Name,Nom complet,Né le\nignored,Jean Exemple,1960\n", encoding="utf-8")
    rs = read_records(path, columns={"name": "Nom complet", "dob": "né le"})
    row = rs.table.to_pylist()[0]
    assert row["name"] == "Jean Exemple"
    assert row["dob"] == ["1960"]
    assert json.loads(row["raw"]) == {"Name": "ignored"}
    with pytest.raises(ReadError, match=r"not there: \['Nom'\].*Nom complet"):
        read_records(path, columns={"name": "Nom"})
    with pytest.raises(ValueError, match="unknown canonical fields"):
        read_records(path, columns={"fullname": "Name"})


@pytest.mark.parametrize("header, row, expected", [
    # French, Spanish, Portuguese, German, Russian headers, accents or not
    ("Nom complet;Date de naissance;Nationalite;Sexe;Type", "Jean Exemple;1960;France;Homme;"
     "Personne physique", {"name": "Jean Exemple", "dob": ["1960"], "nationality": ["France"],
                           "gender": "male", "entity_type": "person"}),
    ("Nombre completo;Tipo", "Empresa Ejemplo S.A.;Empresa",
     {"name": "Empresa Ejemplo S.A.", "entity_type": "organization"}),
    ("Nombre completo;Fecha de nacimiento;Nacionalidad;País", "Juan Pérez;1961;Cuba;Cuba",
     {"name": "Juan Pérez", "dob": ["1961"], "nationality": ["Cuba"], "country": ["Cuba"]}),
    ("Nome completo;Data de nascimento;Nacionalidade", "João Silva;1962;Brasil",
     {"name": "João Silva", "dob": ["1962"], "nationality": ["Brasil"]}),
    ("ФИО;Дата рождения;Гражданство;Должность;Пол", "Иванова Анна;1963;Россия;судья;ж",
     {"name": "Иванова Анна", "dob": ["1963"], "nationality": ["Россия"],
      "titles": ["судья"], "gender": "female"}),
])
def test_headers_in_the_coalition_s_languages(tmp_path, header, row, expected):
    path = tmp_path / "h.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    rs = read_records(path)
    got = rs.table.to_pylist()[0]
    assert {k: got[k] for k in expected} == expected
    assert not rs.problems          # every column and value understood


@pytest.mark.parametrize("header, row, name, surname, given", [
    ("Name,Surname,DOB", "Ramzan,Kadyrov,1976", "Ramzan Kadyrov", "Kadyrov", "Ramzan"),
    ("Nom;Prénom;Né le", "KADYROV;Ramzan;1976", "Ramzan KADYROV", "KADYROV", "Ramzan"),
    ("Nombre;Apellidos", "Rosario;Murillo Zambrana", "Rosario Murillo Zambrana",
     "Murillo Zambrana", "Rosario"),
    ("Name;Vorname", "Kadyrow;Ramsan", "Ramsan Kadyrow", "Kadyrow", "Ramsan"),
])
def test_a_name_column_beside_half_a_name_is_the_other_half(tmp_path, header, row, name,
                                                            surname, given):
    path = tmp_path / "n.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    rs = read_records(path)
    got = rs.table.to_pylist()[0]
    assert (got["name"], got["surname"], got["given_names"]) == (name, surname, given)
    [note] = rs.problems
    assert (note.location, note.action) == ("n.csv: header", "repaired")
    first_column, first_cell = re.split("[,;]", header)[0], re.split("[,;]", row)[0]
    assert f"column {first_column!r} read as" in note.reason
    # what columns= says is read as it says
    whole = read_records(path, columns={"name": first_column})
    assert whole.table["name"][0].as_py() == first_cell
    assert not whole.problems


def test_a_middle_name_or_patronymic_column_joins_the_given_names(tmp_path):
    path = tmp_path / "ru.csv"
    path.write_text("Фамилия;Имя;Отчество;Дата рождения\nИванов;Сергей;Борисович;1953\n",
                    encoding="utf-8")
    rs = read_records(path)
    got = rs.table.to_pylist()[0]
    assert (got["surname"], got["given_names"]) == ("Иванов", "Сергей Борисович")
    assert got["name"] == "Сергей Борисович Иванов" and not rs.problems
    # a whole name in one column: the middle name has nowhere to go, and that is said
    (tmp_path / "en.csv").write_text("Full name,Middle name\nSergei Ivanov,Borisovich\n")
    rs = read_records(tmp_path / "en.csv")
    got = rs.table.to_pylist()[0]
    assert got["name"] == "Sergei Ivanov" and json.loads(got["raw"]) == {
        "Middle name": "Borisovich"}
    [note] = rs.problems
    assert (note.field, note.action) == ("given_names", "kept")
    assert "'Middle name' (a middle name) kept in raw" in note.reason
    # columns= can name such a column too
    rs = read_records(tmp_path / "en.csv", columns={"given_names": "Full name",
                                                     "middle_names": "Middle name"})
    assert rs.table["given_names"][0].as_py() == "Sergei Ivanov Borisovich"


def test_no_header_raises_with_columns_present(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("who,when\nPat,1970\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"no header row.*\['who', 'when'\]"):
        read_records(path)
    (tmp_path / "empty.csv").write_text("\n\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no rows"):
        read_records(tmp_path / "empty.csv")


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_delimiters(tmp_path, delim):
    path = tmp_path / "d.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delim)
        w.writerow(["name", "dob", "nationality"])
        w.writerow(["Pat, Example", "1970", "Peru; Chile"])
        w.writerow(["Sam Sample", "1965", "Chile"])
    assert sniff_delimiter(path.read_text(encoding="utf-8")) == delim
    rs = read_records(path)
    assert rs.table.column("name").to_pylist() == ["Pat, Example", "Sam Sample"]
    assert rs.table.column("nationality").to_pylist()[0] == ["Peru", "Chile"]


# --- Excel ----------------------------------------------------------------------------------


def _workbook(path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Recommendations"
    ws["A1"] = "Invented NGO: recommendations 2023 (test data)"
    ws.merge_cells("A1:E1")
    ws["A2"] = "Identity"
    ws.merge_cells("A2:B2")
    ws["C2"] = "Dates"
    ws.merge_cells("C2:D2")
    ws.append(["ID", "Full name", "Date of birth", "Recommended on", "Nationality"])
    ws.append([101, "Pat Example", dt.date(1970, 5, 17), dt.datetime(2023, 2, 1), "Peru"])
    ws.append([None, "Sam Sample", "circa 1965", dt.date(2023, 3, 1), "Chile\nPeru"])
    ws.append([None, None, None, None, None])
    ws.append([103, None, 1980, None, None])
    other = wb.create_sheet("Other")
    other.append(["name"])
    other.append(["Only In Other"])
    wb.save(path)


def test_xlsx_with_title_and_merged_header(tmp_path):
    path = tmp_path / "recs.xlsx"
    _workbook(path)
    rs = read_records(path, columns={"name": "Full name"})
    assert rs.source.details["header_row"] == 3
    assert rs.source.details["sheet"] == "Recommendations"
    got = rs.table.to_pylist()
    assert [r["id"] for r in got] == ["101", "row-5"]
    assert got[0]["dob"] == ["1970-05-17"]
    assert got[0]["recommended_on"] == "2023-02-01"
    assert got[1]["nationality"] == ["Chile", "Peru"]
    assert [(p.location, p.action) for p in rs.problems] == [
        ("recs.xlsx:Recommendations!row 7", "skipped")
    ]
    # without columns=, the synonym "Full name" finds the same header
    assert read_records(path).source.details["header_row"] == 3
    assert read_records(path, sheet="Other").table.column("name").to_pylist() == ["Only In Other"]
    assert len(read_records(path, sheet=1)) == 1
    with pytest.raises(ReadError, match=r"no sheet 'Nope'; sheets: \['Recommendations', 'Other'\]"):
        read_records(path, sheet="Nope")
    assert detect_format(path) == "records"
    assert len(read_any(path)) == 2


def test_broken_xlsx_raises(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match=r"broken\.xlsx: not a readable"):
        read_records(path)


# --- JSON, Parquet, in-memory ---------------------------------------------------------------


def test_json_and_jsonl_match_csv():
    csv_rows = rows(read_records(FIX / "multiscript_utf8.csv"))
    assert rows(read_records(FIX / "multiscript.json")) == csv_rows
    assert rows(read_records(FIX / "multiscript.jsonl")) == csv_rows


def test_json_shapes(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps([{"name": "Pat", "aliases": ["P1", "P2"], "n": 3}, 7]))
    rs = read_records(path)
    assert rs.table.column("aliases").to_pylist() == [["P1", "P2"]]
    assert json.loads(rs.table.column("raw")[0].as_py()) == {"n": "3"}
    assert [(p.location, p.action) for p in rs.problems] == [("r.json:record 2", "skipped")]
    path.write_text(json.dumps({"people": []}))
    with pytest.raises(ReadError, match="expected a JSON list of objects"):
        read_records(path)
    path.write_text("{not json")
    with pytest.raises(ReadError, match="not valid JSON"):
        read_records(path)
    jl = tmp_path / "r.jsonl"
    jl.write_text('{"name": "A"}\n\n{broken\n{"name": "B"}\n')
    rs = read_records(jl)
    assert rs.table.column("id").to_pylist() == ["row-1", "row-4"]
    assert [(p.location, p.action) for p in rs.problems] == [("r.jsonl:line 3", "skipped")]


def test_parquet_dataframe_arrow_and_dicts(tmp_path):
    df = pd.DataFrame(
        {
            "id": ["a", None, "c"],
            "name": ["Pat Example", "Sam Sample", None],
            "dob": [pd.Timestamp("1970-05-17"), pd.NaT, pd.Timestamp("1980-01-01")],
            "score": [1.0, float("nan"), 2.5],
        }
    )
    expected_ids = ["a", "row-2"]
    from_df = read_records(df)
    assert from_df.table.column("id").to_pylist() == expected_ids
    assert from_df.table.column("dob").to_pylist() == [["1970-05-17"], []]
    assert json.loads(from_df.table.column("raw")[0].as_py()) == {"score": "1"}
    assert [p.location for p in from_df.problems] == ["<DataFrame>:row 3"]
    table = pa.Table.from_pandas(df, preserve_index=False)
    assert rows(read_records(table)) == rows(from_df)
    pq.write_table(table, tmp_path / "r.parquet")
    assert rows(read_records(tmp_path / "r.parquet")) == rows(from_df)
    dicts = [{"name": "Pat Example", "source_org": "NGO", "nationality": "Peru; Chile"}]
    got = read_records(dicts).table.to_pylist()[0]
    assert (got["id"], got["source_org"], got["nationality"]) == ("row-1", "NGO", ["Peru", "Chile"])
    # a key that is not text is its text: one column for 5 and "5"
    mixed = read_records([{"name": "Pat Example", 5: "a"}, {"name": "Sam Sample", "5": "b"}])
    assert [json.loads(r) for r in mixed.table.column("raw").to_pylist()] == [{"5": "a"},
                                                                            {"5": "b"}]
    with pytest.raises(TypeError):
        read_records(42)
    # names alone are records with a name; anything else in the list is skipped and said
    names = read_records(["Muammar Gaddafi", {"name": "Sergei Lavrov", "dob": "1950"}, 7])
    assert names.table.select(["id", "name"]).to_pylist() == [
        {"id": "row-1", "name": "Muammar Gaddafi"}, {"id": "row-2", "name": "Sergei Lavrov"}]
    assert [(p.location, p.action) for p in names.problems] == [("<list>:record 3", "skipped")]


def test_read_any_on_records_file():
    assert detect_format(FIX / "multiscript_utf8.csv") == "records"
    assert len(read_any(FIX / "latin_utf8.csv", format="records")) == 3


# --- large files: streamed text, chunks, ids ------------------------------------------------

# Repeated ids (given, generated and clashing), aliases and weak aliases, quoted line breaks,
# blank rows, a row without a name, extra cells, and text in several scripts.
LARGE = (
    "Title row\r\n"
    "id,name,aliases,weak_aliases,dob,nationality,source org\r\n"
    "A1,Иван Петров,Ivan Petrov; Iwan Petrow,,1970,Russia,NGO\r\n"
    "A1,Ali Hassan,,Abu Ali,circa 1965,Iraq;Jordan,NGO\r\n"
    ',"José\r\nMüller",,,someday,Atlantis,NGO\r\n'
    "\r\n"
    "A1#2,Kim Jong Un,,,,,NGO,extra\r\n"
    "A1,,,,,,NGO\r\n"
    "row-5,李小龙,Bruce Lee,Little Dragon;Lee,1940-11-27,China,NGO\r\n"
    "A1,Ana Silva,,,1980,Brazil,NGO\r\n"
) + "".join(f"B{i % 7},Name Number {i},Alias {i},,19{i % 90:02d},Kenya,NGO\r\n"
            for i in range(60))


def _whole_text_read(path, **kwargs):
    """The reference: the file decoded whole, the rows in one chunk, every id in one set."""
    import gmmatch.readers.tabular as tabular

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tabular, "_stream_decoding", lambda path, encoding: None)
        return read_records(path, **kwargs)


def _small_pieces_read(path, **kwargs):
    """Blocks of 7 bytes, chunks of 4 rows, ids handed to the older blocks every 3."""
    import gmmatch.readers.tabular as tabular
    import gmmatch.records as records

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tabular, "_BLOCK_BYTES", 7)
        patch.setattr(tabular._SeenIds, "BLOCK", 3)
        patch.setattr(records, "CHUNK_ROWS", 4)
        return read_records(path, **kwargs)


def _same_read(a, b):
    assert a.table.schema == b.table.schema
    assert a.table.equals(b.table)
    assert a.problems == b.problems
    assert a.source == b.source


def _streamed_reads_as_whole(path):
    """The small-pieces read equals the whole-text read, or both refuse the file with one
    message. The whole-text read, or None when refused."""
    try:
        whole = _whole_text_read(path)
    except ReadError as error:
        with pytest.raises(ReadError, match=re.escape(str(error))):
            _small_pieces_read(path)
        return None
    _same_read(_small_pieces_read(path), whole)
    return whole


@pytest.mark.parametrize(
    ("encoding", "prefix", "given"),
    [("utf-8", b"", None), ("utf-8", b"\xef\xbb\xbf", None), ("utf-16", b"", None),
     ("utf-16-le", b"", None), ("utf-16-be", b"\xfe\xff", None), ("utf-32", b"", None),
     ("cp1252", b"", None), ("cp1252", b"", "cp1252"), ("utf-8", b"", "utf-8")],
)
def test_a_streamed_csv_reads_as_the_whole_text(tmp_path, encoding, prefix, given):
    text = LARGE if encoding != "cp1252" else LARGE.encode("ascii", "replace").decode() + (
        "B9,José Müller-Ñúñez,,,1950,Spain,NGO\r\n")
    path = tmp_path / "large.csv"
    path.write_bytes(prefix + text.encode(encoding))
    whole = _whole_text_read(path, encoding=given)
    streamed = read_records(path, encoding=given)
    _same_read(streamed, whole)
    _same_read(_small_pieces_read(path, encoding=given), whole)
    ids = whole.table.column("id").to_pylist()
    assert ids[:6] == ["A1", "A1#2", "row-5", "A1#2#2", "row-5#2", "A1#3"]
    assert len(ids) == 6 + 60 + (encoding == "cp1252") and ids[65] == "B3#9"


@pytest.mark.parametrize("data", [
    b"name,dob\rAli Hassan,1970\rBo Li,1980\r",  # old Mac line ends: read whole
    b"\xef\xbb\xbfname\nJos\xc3\xa9\n\xff\xfe\n",  # invalid bytes after a BOM: repaired
    "name,dob\nAli,1970\n".encode("utf-16-le") + b"\x00",  # odd length: not UTF-16 after all
    b"name,dob\n" + b"Ali Hassan,1970\n" * 20 + b"Jos\xe9,1980\n",  # not UTF-8 late in the file
    b"\n\n\nname\nA\nB",  # no line end at the end
    b"",
])
def test_unusual_files_read_as_the_whole_text(tmp_path, data):
    path = tmp_path / "odd.csv"
    path.write_bytes(data)
    whole = _streamed_reads_as_whole(path)
    if whole is not None:
        _same_read(read_records(path), whole)


def test_a_nul_or_a_bad_given_encoding_is_refused_as_before(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"name,dob\n" + b"Ali Hassan,1970\n" * 20 + b"A\x00B,1\n")
    with pytest.raises(ReadError, match="NUL characters"):
        _small_pieces_read(path)
    path.write_bytes("name\nJosé\n".encode("cp1252"))
    for encoding, message in (("utf-8", "cannot decode as utf-8: 'utf-8' codec can't decode"),
                              ("base64", "'base64' is not a text encoding"),
                              ("no-such-codec", "unknown encoding")):
        with pytest.raises(ReadError, match=message):
            read_records(path, encoding=encoding)


_STREAM_CELL = st.text(alphabet=st.sampled_from("aZé ;,\"\r\n\tж中\u2028\ufeff"), max_size=6)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_STREAM_CELL, min_size=1, max_size=5), max_size=12),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
       st.sampled_from(["\n", "\r\n"]))
def test_property_streamed_equals_whole_text(tmp_path, data, encoding, line_end):
    path = tmp_path / "p.csv"
    with path.open("w", newline="", encoding=encoding, errors="replace") as handle:
        writer = csv.writer(handle, lineterminator=line_end)
        writer.writerow(["id", "name", "aliases", "weak_aliases", "nationality"])
        writer.writerows(data)
    _streamed_reads_as_whole(path)


def test_names_are_the_name_then_aliases_then_weak_aliases():
    """`names` made from the columns (derive_names) is what rows carrying it would give."""
    from gmmatch.records import build_table

    rows_in = [{"id": "1", "name": "Pat", "aliases": ["P1", "P2"], "weak_aliases": ["W"]},
               {"id": "2", "name": "Sam"},
               {"id": "3", "name": "Lee", "weak_aliases": ["X", "Y"]},
               {"id": "4", "aliases": ["Only Alias"]},
               {"id": "5", "name": "Kim", "aliases": ["K"]}]

    def names(row):
        primary = [{"name": row["name"], "kind": "primary", "note": None}] if "name" in row else []
        return primary + [{"name": a, "kind": kind, "note": None}
                          for field, kind in (("aliases", "aka"), ("weak_aliases", "weak"))
                          for a in row.get(field, ())]

    derived = build_table(rows_in, derive_names=True)
    explicit = build_table([{**row, "names": names(row)} for row in rows_in])
    assert derived.equals(explicit)
    assert derived.column("names")[0].as_py() == names(rows_in[0])
    for some in ([rows_in[1]], [rows_in[1], rows_in[1]], []):  # no aliases at all: `name` shared
        assert build_table(some, derive_names=True).equals(
            build_table([{**row, "names": names(row)} for row in some]))
    with pytest.raises(KeyError, match="must not carry"):
        build_table([{"id": "1", "names": []}], derive_names=True)
    with pytest.raises(KeyError, match="not canonical fields"):
        build_table([{"id": "1", "nmae": "x"}])


def test_chunks_share_repeated_buffers_and_change_no_value():
    """A table read in small chunks is the table read at once, in less memory: empty and
    constant columns and one-item list offsets are kept once."""
    import gmmatch.records as records

    people = [{"name": f"Person {i}", "dob": f"19{i % 90:02d}", "nationality": "Kenya",
               "source_org": "NGO", "id": f"R{i}"} for i in range(2000)]
    at_once = read_records(people)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(records, "CHUNK_ROWS", 300)
        chunked = read_records(people)
    _same_read(chunked, at_once)
    assert chunked.table.column("id").num_chunks == 7
    buffers = {}
    for column in chunked.table.columns:
        for chunk in column.chunks:
            for buffer in chunk.buffers():
                if buffer is not None:
                    buffers[buffer.address, buffer.size] = buffer.size
    referenced = sum(b.size for col in chunked.table.columns for chunk in col.chunks
                     for b in chunk.buffers() if b is not None)
    assert sum(buffers.values()) < referenced / 2


# --- properties -----------------------------------------------------------------------------

_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(_CELL, min_size=0, max_size=5), max_size=8), st.sampled_from([",", ";"]))
def test_property_csv_cells_never_crash(tmp_path, data, delim):
    path = tmp_path / "p.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delim)
        w.writerow(["id", "name", "dob", "aliases"])
        w.writerows(data)
    try:
        rs = read_records(path, delimiter=delim)
    except ReadError:
        return  # e.g. a NUL cell; a clear refusal is allowed, a crash is not
    nonblank = [r for r in data if any(c.strip() for c in r)]
    skipped = [p for p in rs.problems if p.action == "skipped"]
    assert len(rs) + len(skipped) == len(nonblank)
    ids = rs.table.column("id").to_pylist()
    assert len(ids) == len(set(ids))


_ANY = st.one_of(
    st.none(),
    _CELL,
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.lists(_CELL, max_size=3),
    st.dictionaries(_CELL, _CELL, max_size=2),
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.dictionaries(st.sampled_from(["id", "name", "dob", "aliases", "x", "gender"]), _ANY),
            _ANY,
        ),
        max_size=8,
    )
)
def test_property_any_values_never_crash(records):
    try:
        rs = read_records(records)
    except ReadError:
        return
    skipped = [p for p in rs.problems if p.action == "skipped"]
    # (a name alone is a record with that name: a blank one a blank row, dropped as those are)
    as_dicts = [{"name": r} if isinstance(r, str) else r for r in records]
    assert len(rs) + len(skipped) == len(
        [r for r in as_dicts if not isinstance(r, dict) or any(_nonblank(v) for v in r.values())]
    )


def _nonblank(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, float):
        return value == value
    return True


def test_untyped_rows_take_the_type_asked_for_or_an_inferred_one():
    rows = [{"id": "1", "name": "Gertler Family Foundation"},
            {"id": "2", "name": "Dan Gertler"},
            {"id": "3", "name": "Try Pheap Group Co., Ltd.", "entity_type": "person"},
            {"id": "4", "name": "Sakunda Holdings (Pvt) Ltd"}]
    types = lambda rs: rs.table["entity_type"].to_pylist()  # noqa: E731
    # the canonical default: a row without a type is a person's, said where the name holds an
    # organization's word
    default = read_records([dict(r) for r in rows])
    assert types(default) == ["person"] * 4
    assert [(p.record_id, p.field, p.action) for p in default.problems] == [
        ("1", "entity_type", "kept"), ("4", "entity_type", "kept")]
    assert "read as a person" in default.problems[0].reason
    assert "untyped='infer'" in default.problems[1].reason
    inferred = read_records([dict(r) for r in rows], untyped="infer")
    # a type the row gives is kept, whatever its name holds
    assert types(inferred) == ["organization", "person", "person", "organization"]
    assert [(p.record_id, p.field, p.action) for p in inferred.problems] == [
        ("1", "entity_type", "repaired"), ("4", "entity_type", "repaired")]
    assert "'foundation'" in inferred.problems[0].reason
    assert types(read_records([dict(r) for r in rows], untyped="organization")) == [
        "organization", "organization", "person", "organization"]
    with pytest.raises(ValueError, match="untyped must be one of"):
        read_records(rows, untyped="company")


def test_an_age_in_a_sheet_counts_from_the_recommendation_date(tmp_path):
    path = tmp_path / "ages.csv"
    path.write_text("Name;Age;Recommendation date\n"
                    "Ivan Examplov;aged 45;2019-03-01\n"
                    "Anna Examplova;52;\n", encoding="utf-8")
    rs = read_records(path)
    ivan, anna = rs.table.to_pylist()
    assert (ivan["dob"], anna["dob"]) == (["aged 45"], ["aged 52"])  # a bare number: an age
    assert sorted(ivan["dob_years"]) == [1973, 1974]
    assert anna["dob_years"] == []       # no date to count 52 years from: not guessed
    problems = {(p.record_id, p.action): p.reason for p in rs.problems if p.field == "dob"}
    assert problems == {
        ("row-2", "repaired"): "an age (45) on 2019-03-01: born in 1973 or 1974",
        ("row-3", "kept"): "an age (52), not a date: no date it was written to count from "
                           "(for a recommendation, its recommended_on)",
    }
    # a problem found after reading names its record once (its location already does)
    [unread] = [p for p in rs.problems if p.record_id == "row-3" and p.field == "dob"]
    assert str(unread).count("row-3") == 1 and str(unread).startswith(f"{path} (record row-3)")
