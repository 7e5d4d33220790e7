"""The analyst's commands end to end: link, explain, history, report; on the example, and on
the real lists when ../shared/data is there."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import gmmatch
from gmmatch.cli import EXIT_NOT_FOUND, EXIT_UNREADABLE, app
from gmmatch.export import read_links

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SNAPSHOTS = sorted(str(p) for p in (EXAMPLES / "glomag").iterdir() if p.is_dir())
runner = CliRunner()


def run(*args: str, code: int = 0):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output + repr(result.exception)
    return result


@pytest.fixture(scope="module")
def workflow(tmp_path_factory):
    """The README's main job, in a fresh folder: link (CSV and Parquet), history, report."""
    out = tmp_path_factory.mktemp("out")
    recs = EXAMPLES / "recommendations.csv"
    run("link", recs, "--list", SNAPSHOTS[-1], "-o", out / "links.csv", "--quiet")
    run("link", recs, "--list", SNAPSHOTS[-1], "-o", out / "links.parquet", "--quiet")
    run("history", *SNAPSHOTS, "--program", "GLOMAG", "-o", out / "designations.csv", "-q")
    report = run("report", "--links", out / "links.csv", "--designations",
                 out / "designations.csv", "-o", out / "report.html", "--json")
    return out, json.loads(report.stdout)


def test_every_command_has_help():
    for command in ("link", "explain", "report", "history", "summary", "fetch", "train",
                    "review export", "review import"):
        result = run(*command.split(), "--help")
        assert "Usage" in result.stdout


def test_the_main_job_writes_only_into_the_named_folder(workflow):
    out, _ = workflow
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert names == sorted([
        "links.csv", "links.parquet", "designations.csv", "report.html", "report_files",
        *(f"report_files/{n}.csv" for n in ("by_fiscal_year", "designations", "recommendations",
                                           "waiting_by_age", "by_country")),
        "report_files/designations_per_fiscal_year.png", "report_files/lag_distribution.png",
    ])


def test_link_json_summary_and_known_and_invented_people(tmp_path):
    result = run("link", EXAMPLES / "recommendations.csv", "--list", SNAPSHOTS[-1],
                 "-o", tmp_path / "links.json", "--json")
    facts = json.loads(result.stdout)
    assert facts["records"] == 13 and facts["list_entries"] == 16
    table = pd.DataFrame(json.loads((tmp_path / "links.json").read_text())["links"])
    matched = dict(zip(table["record_id"], table["list_id"], strict=True))
    assert matched["REC-001"] == "95001"          # Yahya Jammeh, a public designation
    assert matched["REC-005"] == "95006"          # Emmerson Mnangagwa
    for invented in ("REC-010", "REC-011", "REC-013"):
        assert pd.isna(matched[invented])          # fictional people, not on the list
    assert facts["matched_records"] == table.loc[table["status"] == "match",
                                                 "record_id"].nunique()


def test_untyped_infer_links_a_typeless_sheet_s_companies_as_companies(tmp_path):
    (tmp_path / "list.csv").write_text("id,name,entity_type\n"
                                       "L1,GERTLER FAMILY FOUNDATION,organization\n"
                                       "L2,\"GERTLER, Dan\",person\n")
    (tmp_path / "recs.csv").write_text("id,name\nr1,Gertler Family Foundation\nr2,Dan Gertler\n")
    linked, said = {}, {}
    for flag in ([], ["--untyped", "infer"]):
        out = tmp_path / f"links{len(flag)}.json"
        said[bool(flag)] = " ".join(run("link", tmp_path / "recs.csv", "--list",
                                        tmp_path / "list.csv", "-o", out, *flag).stderr.split())
        linked[bool(flag)] = {(r["record_id"], r["list_id"])
                              for r in json.loads(out.read_text())["links"]
                              if r["status"] == "match"}
    assert linked[False] == {("r2", "L2")}       # the foundation read as a person: no match
    assert linked[True] == {("r1", "L1"), ("r2", "L2")}
    # either way the command says what it made of the typeless foundation, and where
    assert "1 problems reading" in said[False] and "1 kept" in said[False]
    assert "read as a person (the default), though 'foundation'" in said[False]
    assert "recs.csv:line 2" in said[False]
    assert "1 repaired" in said[True] and "read as an organization" in said[True]


def test_entries_overlap_scores_each_pair_on_its_own(tmp_path):
    # one person entered twice, as on lists joined together (one of them gives no date of birth)
    (tmp_path / "list.csv").write_text("id,name,dob\nA1,\"PETROVSKY, Arkady Ilyich\",1958\n"
                                       "B7,\"PETROVSKY, Arkady Ilyich\",\n")
    (tmp_path / "recs.csv").write_text("id,name,dob\nr1,Arkady Ilyich Petrovsky,1958\n")
    probabilities = {}
    for flag in ([], ["--entries-overlap"]):
        out = tmp_path / f"links{len(flag)}.json"
        run("link", tmp_path / "recs.csv", "--list", tmp_path / "list.csv", "-o", out, "-q",
            *flag)
        rows = json.loads(out.read_text())["links"]
        probabilities[bool(flag)] = {r["list_id"]: r["match_probability"] for r in rows}
    assert probabilities[True].keys() == {"A1", "B7"}    # each entry on its own: two matches
    assert probabilities[True]["A1"] > 0.99 and probabilities[True]["B7"] > 0.8
    # shared (the record is one of them): B7, with less evidence, falls below the threshold
    assert probabilities[False].keys() == {"A1"}
    assert probabilities[False]["A1"] < probabilities[True]["A1"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json", ".parquet"])
def test_explain_works_on_every_format(workflow, tmp_path, suffix):
    out, _ = workflow
    path = out / f"links{suffix}"
    if not path.exists():
        run("link", EXAMPLES / "recommendations.csv", "--list", SNAPSHOTS[-1], "-o", path, "-q")
    text = run("explain", path, "--record", "REC-002").stdout
    assert "KARIMOVA, Gulnara" in text and "date of birth" in text
    rows = json.loads(run("explain", path, "--record", "REC-002", "--list-id", "95002",
                          "--json").stdout)
    assert [r["list_id"] for r in rows] == ["95002"]
    assert "no match" in run("explain", path, "--record", "REC-013").stdout
    missing = run("explain", path, "--record", "NO-SUCH-RECORD", code=EXIT_NOT_FOUND)
    assert "NO-SUCH-RECORD" in missing.output


def test_explain_writes_the_waterfall_chart_from_parquet(workflow, tmp_path):
    out, _ = workflow
    chart = tmp_path / "charts" / "rec-002.html"
    run("explain", out / "links.parquet", "--record", "REC-002", "--list-id", "95002",
        "--chart", chart)
    page = chart.read_text(encoding="utf-8")
    assert "vegaEmbed" in page and "cdn.jsdelivr" not in page
    assert "KARIMOVA, Gulnara" in page and "Final score" in page
    # CSV rows carry no model: said, nothing written
    refused = run("explain", out / "links.csv", "--record", "REC-002", "--chart",
                  tmp_path / "no.html", code=2)
    assert "parquet" in refused.output and not (tmp_path / "no.html").exists()
    run("explain", out / "links.parquet", "--record", "REC-002", "--chart", tmp_path / "x.png",
        code=2)


def test_report_numbers_are_the_csv_numbers(workflow):
    out, facts = workflow
    by_year = pd.read_csv(out / "report_files" / "by_fiscal_year.csv", dtype={"fiscal_year": str})
    total = by_year.set_index("fiscal_year").loc["all"]
    assert facts["designations"] == total["designations"]
    assert facts["with_basis"] == total["with_basis"]
    assert [r["fiscal_year"] for r in facts["by_fiscal_year"]] == list(by_year["fiscal_year"])
    _assert_html_matches_csv(out / "report.html", out / "report_files")


def test_errors_exit_with_documented_codes(tmp_path):
    recs = EXAMPLES / "recommendations.csv"
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("record_id,list_id,decision\nREC-001,95001,maybe\n", encoding="utf-8")
    result = run("link", recs, "--list", SNAPSHOTS[-1], "--decisions", decisions,
                 "-o", tmp_path / "l.csv", code=EXIT_UNREADABLE)
    assert "decisions.csv" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "l.csv").exists()
    result = run("link", recs, "--list", tmp_path / "nowhere", "-o", tmp_path / "l.csv",
                 code=EXIT_UNREADABLE)
    assert "nowhere" in result.output
    run("link", recs, "--list", SNAPSHOTS[-1], "-o", tmp_path / "l.txt", code=2)
    run("link", recs, "--list", SNAPSHOTS[-1], "-o", tmp_path / "l.csv", "--threshold", "2",
        code=2)
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n", encoding="utf-8")
    result = run("report", "--links", bad, "--designations", bad, "-o", tmp_path / "r.html",
                 code=EXIT_UNREADABLE)
    assert "bad.csv" in result.output
    run("explain", bad, "--record", "x", code=EXIT_UNREADABLE)


# --------------------------------------------------------------------------- page vs tables


class _Tables(HTMLParser):
    """The `data-table` tables of a page: {table: [{column: text}]}."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[dict[str, str]]] = {}
        self._table: str | None = None
        self._column: str | None = None
        self._row: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self._table = attrs["data-table"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = {}
        elif tag == "td" and self._row is not None:
            self._column = attrs.get("data-column")
            self._row[self._column] = ""

    def handle_endtag(self, tag):
        if tag == "td":
            self._column = None
        elif tag == "tr" and self._row:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._column is not None and self._row is not None:
            self._row[self._column] += data


def page_tables(path: Path) -> dict[str, list[dict[str, str]]]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


def same_value(shown: str, written: object) -> bool:
    """A page cell and a CSV cell say the same: numbers compared as numbers (the page writes
    thousands separators and tenths), yes/no as booleans, empty as missing."""
    if written is None or (isinstance(written, float) and pd.isna(written)):
        return shown == ""
    if isinstance(written, bool) or str(written) in ("True", "False"):
        return shown == ("yes" if str(written) == "True" else "no")
    try:
        return abs(float(shown.replace(",", "")) - float(written)) < 0.051
    except ValueError:
        return shown == str(written).removeprefix("'") or shown == str(written)


def _assert_html_matches_csv(html_path: Path, folder: Path) -> None:
    tables = page_tables(html_path)
    assert set(tables) == {"by_fiscal_year", "designations", "recommendations",
                           "waiting_by_age", "by_country"}
    for name, rows in tables.items():
        frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(rows) == len(frame), name
        for shown, written in zip(rows, frame.to_dict("records"), strict=True):
            for column, value in written.items():
                assert same_value(shown[column], value or None), (name, column, shown, written)


# --------------------------------------------------------------------------- real lists


@pytest.fixture(scope="module")
def real(shared_data, tmp_path_factory):
    """Canada's Magnitsky-regulation (JVCFOR) entries as recommendations, dated by the file
    (2020-04-15: the file gives no listing date per record), linked to the 2024-05-03 SDN list
    with the 2025-01-06 ALT and ADD files, reported against the reference GLOMAG dates."""
    work = tmp_path_factory.mktemp("real")
    canada = gmmatch.read_canada(shared_data / "canada" / "sema-lmes_2020-04-15.xml")
    frame = canada.to_pandas()
    jvcfor = frame[frame["id"].str.startswith("JVCFOR-")]
    assert all(any("JVCFOR" in p for p in programs) for programs in jvcfor["programs"])
    fields = ["id", "name", "entity_type", "aliases", "dob", "nationality", "country",
              "gender", "programs"]
    rows = [{f: (list(v) if hasattr(v, "tolist") or isinstance(v, list) else v)
             for f, v in record.items()} for record in jvcfor[fields].to_dict("records")]
    (work / "jvcfor.json").write_text(json.dumps(rows, ensure_ascii=False, default=str),
                                      encoding="utf-8")
    sdn = work / "sdn"   # the 2024 SDN.CSV with the 2025 side files, linked, not copied
    sdn.mkdir()
    ofac = shared_data / "ofac"
    for name, source in (("SDN.CSV", ofac / "2024-05-03" / "sdn.csv"),
                         ("ALT.CSV", ofac / "2025-01-06" / "alt.csv"),
                         ("ADD.CSV", ofac / "2025-01-06" / "add.csv")):
        (sdn / name).symlink_to(source)
    linked = run("link", work / "jvcfor.json", "--list", sdn, "--recommended-on", "2020-04-15",
                 "-o", work / "links.parquet", "--json")
    reported = run("report", "--links", work / "links.parquet", "--designations",
                   ofac / "glomag_designation_dates.csv", "-o", work / "report.html", "--json")
    return work, json.loads(linked.stdout), json.loads(reported.stdout)


@pytest.mark.realdata
def test_real_jvcfor_entries_link_to_glomag(real):
    work, linked, reported = real
    assert linked["records"] == 70
    # Canada's Magnitsky list of 2017-2018 (Venezuelan, Russian, South Sudanese, Myanmar and
    # Saudi officials) overlaps the US list: many link, not all
    assert 15 <= linked["matched_records"] < 70, linked
    recs = pd.read_csv(work / "report_files" / "recommendations.csv")
    assert len(recs) == 70
    # the only date is the file's (2020-04-15): a designation before it cannot rest on it
    designations = pd.read_csv(work / "report_files" / "designations.csv")
    linked_rows = designations[designations["linked_records"].notna()]
    assert len(linked_rows) >= 10
    early = linked_rows[linked_rows["designated_not_after"] < "2020-04-15"]
    assert (early["basis"] == "recommended after").all()
    print(f"\nJVCFOR: {linked['matched_records']} of 70 linked at threshold "
          f"{linked['threshold']}; {reported['waiting']} still waiting for GLOMAG")
    for row in reported["by_fiscal_year"]:
        print(f"  FY {row['fiscal_year']}: {row['designations']} designations, "
              f"{row['with_basis']} with basis ({row['share_with_basis_pct']}%), "
              f"{row['basis_uncertain']} uncertain, median lag {row['lag_median_days']}")


@pytest.mark.realdata
def test_real_report_numbers_are_its_tables(real):
    work, _, reported = real
    folder = work / "report_files"
    by_year = pd.read_csv(folder / "by_fiscal_year.csv", dtype={"fiscal_year": str})
    designations = pd.read_csv(folder / "designations.csv", dtype={"fiscal_year": str})
    assert len(designations) == 759    # every row of the reference table is GLOMAG
    new = designations[designations["category"] == "new designation"]
    for row in by_year.to_dict("records"):
        part = new if row["fiscal_year"] == "all" else new[
            new["fiscal_year"] == row["fiscal_year"]]
        assert row["designations"] == len(part)
        assert row["with_basis"] == (part["basis"] == "basis").sum()
        assert row["basis_uncertain"] == (part["basis"] == "uncertain").sum()
    total = by_year.set_index("fiscal_year").loc["all"]
    assert reported["with_basis"] == total["with_basis"]
    assert reported["vessels_aircraft"] == (designations["category"] == "vessel or aircraft").sum()
    _assert_html_matches_csv(work / "report.html", folder)


@pytest.mark.realdata
def test_real_explain_from_parquet(real):
    work, _, _ = real
    links = read_links(work / "links.parquet")
    first = links.matches.iloc[0]
    text = run("explain", work / "links.parquet", "--record", first["record_id"]).stdout
    assert first["list_name"] in text and "match probability" in text



def test_column_option_maps_an_unrecognized_header(tmp_path):
    (tmp_path / "list.csv").write_text("id,name,entity_type\nL2,\"GERTLER, Dan\",person\n")
    (tmp_path / "recs.csv").write_text("Persona;Nacido\nDan Gertler;1973\n")
    out = tmp_path / "links.json"
    # without it, the header is not found, and the error says how to name the column
    refused = run("link", tmp_path / "recs.csv", "--list", tmp_path / "list.csv", "-o", out,
                  code=EXIT_UNREADABLE)
    assert "--column name=COLUMN" in " ".join(refused.stderr.split())
    run("link", tmp_path / "recs.csv", "--list", tmp_path / "list.csv", "-o", out, "-q",
        "--column", "name=Persona", "-c", "dob=Nacido")
    [row] = json.loads(out.read_text())["links"]
    assert (row["record_id"], row["list_id"], row["status"]) == ("row-2", "L2", "match")
    assert run("summary", tmp_path / "recs.csv", "-c", "name=Persona", "--json").exit_code == 0
    run("link", tmp_path / "recs.csv", "--list", tmp_path / "list.csv", "-o", out,
        "--column", "name", code=2)
    # an official list's fields are known: a mapping for it is refused, saying why
    official = run("summary", SNAPSHOTS[-1], "-c", "name=Persona", code=EXIT_UNREADABLE)
    assert "official list" in " ".join(official.stderr.split())
