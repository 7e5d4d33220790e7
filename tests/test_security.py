"""Security and reliability guarantees of docs/security.md, each tested here.

Hostile XML (entity bombs, external entities) is refused quickly; hostile names link as plain
values and never reach SQL text; spreadsheet cells cannot run as formulas; the analyst's
commands open no socket and write nothing but the files named; the same inputs give the same
outputs. The 1,000,000-row memory check runs only with GMMATCH_SLOW=1 (see the test).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import gmmatch
from gmmatch.cli import EXIT_UNREADABLE, app
from gmmatch.export import FORMULA_STARTS
from gmmatch.model import engine as duckdb_engine
from gmmatch.records import ReadError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_read import read_in_fresh_process, write_recommendations  # noqa: E402

EXAMPLES = ROOT / "examples"
SNAPSHOTS = sorted(p for p in (EXAMPLES / "glomag").iterdir() if p.is_dir())
LIST_DIR = SNAPSHOTS[-1]
RECS = EXAMPLES / "recommendations.csv"
runner = CliRunner()


def run(*args, code: int = 0):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output + repr(result.exception)
    return result


# --------------------------------------------------------------------------- hostile XML

_UN_OPEN = "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER>"
_UN_CLOSE = "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
_CA_OPEN = "<data-set><record><Country>Russia</Country><Item>1</Item>"
_CA_CLOSE = "</record></data-set>"
_READERS = {"un": ("CONSOLIDATED_LIST", _UN_OPEN, "<FIRST_NAME>{}</FIRST_NAME>", _UN_CLOSE,
                   gmmatch.read_un),
            "canada": ("data-set", _CA_OPEN, "<GivenName>{}</GivenName>", _CA_CLOSE,
                       gmmatch.read_canada)}


def _hostile_xml(kind: str, reader: str, secret: Path) -> str:
    root, opening, field, closing, _ = _READERS[reader]
    if kind == "billion_laughs":
        defs = '<!ENTITY l0 "lol">' + "".join(
            f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
        value = "&l9;"
    elif kind == "quadratic_blowup":
        defs = f'<!ENTITY a "{"a" * 50_000}">'
        value = "&a;" * 50_000
    elif kind == "external_entity":
        defs = f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
        value = "&xxe;"
    elif kind == "parameter_entity":
        defs = f'<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;'
        value = "x"
    else:  # an external DTD that would define &x; as the secret, were it ever loaded
        dtd = secret.with_suffix(".dtd")
        dtd.write_text('<!ENTITY x "SECRET-CONTENT">', encoding="utf-8")
        return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} SYSTEM "{dtd.as_uri()}">\n'
                f"{opening}{field.format('&x;')}{closing}")
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [{defs}]>\n'
            f"{opening}{field.format(value)}{closing}")


@pytest.mark.parametrize("reader", list(_READERS))
@pytest.mark.parametrize("kind", ["billion_laughs", "quadratic_blowup", "external_entity",
                                  "parameter_entity", "external_dtd"])
def test_hostile_xml_is_refused_quickly(tmp_path, reader, kind):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    path = tmp_path / f"{kind}.xml"
    path.write_text(_hostile_xml(kind, reader, secret), encoding="utf-8")
    # an external DTD is never loaded (expat does not fetch it): its entity stays undefined
    said = "refused" if kind != "external_dtd" else "undefined entity"
    start = time.perf_counter()
    with pytest.raises(ReadError, match=rf"{kind}\.xml: .*{said}") as error:
        _READERS[reader][-1](path)
    assert time.perf_counter() - start < 2
    assert "SECRET-CONTENT" not in str(error.value)
    # the command line gives the same refusal, without a traceback
    result = run("summary", path, code=EXIT_UNREADABLE)
    assert said in result.output and "Traceback" not in result.output
    assert "SECRET-CONTENT" not in result.output


def test_a_remote_dtd_is_not_fetched(tmp_path, no_network):
    path = tmp_path / "remote.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST SYSTEM '
                    '"http://127.0.0.1:9/list.dtd">\n' + _UN_OPEN
                    + "<FIRST_NAME>Ana</FIRST_NAME>" + _UN_CLOSE, encoding="utf-8")
    assert len(gmmatch.read_un(path)) == 1
    assert no_network == []


# --------------------------------------------------------------------------- hostile names

HOSTILE_NAMES = [
    "Seán O'Brien-Quigley",
    'Ahmed "the Lion" Haddad',
    "Back\\slash \\' Mustafa",
    "'; DROP TABLE sdn; --",
    "Robert'); DROP TABLE records; -- Tables",
    "Nul\x00Byte Marwan",
    "Hamid \u202eKarzai\u202c Rahimi",
    "محمد\u200f بن سلمان",
    "Olena 🦊 Kovalenko 😀",
    "Percent %s %d {0} $1 Ortega",
    "Wild_Card% LIKE 'x' Novak",
    " ".join(["Bartholomew"] * 833) + " Longname",           # 10,000 characters
]


def test_long_name_is_ten_thousand_characters():
    assert len(HOSTILE_NAMES[-1]) >= 10_000


@contextlib.contextmanager
def _sql_log(statements: list[str]):
    """Every SQL statement DuckDB runs on gmmatch's connections, from DuckDB's own query log."""
    original = duckdb_engine.duckdb_connection

    @contextlib.contextmanager
    def logged(*args, **kwargs):
        with original(*args, **kwargs) as con:
            con.execute("CALL enable_logging('QueryLog')")
            try:
                yield con
            finally:
                statements.extend(m for (m,) in con.sql(
                    "SELECT message FROM duckdb_logs WHERE type = 'QueryLog'").fetchall())

    duckdb_engine.duckdb_connection = logged
    try:
        yield statements
    finally:
        duckdb_engine.duckdb_connection = original


def test_hostile_names_link_as_values_and_never_reach_sql_text():
    canary = "ZQXJ"  # in every hostile value, so that the SQL log can be searched for it
    names = [f"{name} {canary}{i}" for i, name in enumerate(HOSTILE_NAMES)]
    recs = gmmatch.read_records([{"id": f"r{i}", "name": n, "dob": "1970"}
                                 for i, n in enumerate(names)])
    entries = gmmatch.read_records([{"id": f"e{i}", "name": n, "dob": "1970"}
                                    for i, n in enumerate(names)])
    statements: list[str] = []
    with _sql_log(statements):
        result = gmmatch.link(recs, entries)
        score = gmmatch.compare({"name": names[3], "dob": "1970"},
                                {"name": names[3], "dob": "1970"})
    assert len(statements) > 10                      # the log did see gmmatch's SQL
    leaked = [s for s in statements if canary.lower() in s.lower()]
    assert leaked == []
    best = result.pairs.drop_duplicates("record_id")
    for i, name in enumerate(names):
        row = best[best["record_id"] == f"r{i}"]
        assert list(row["list_id"]) == [f"e{i}"], f"{name[:60]!r} did not find itself"
        assert row.iloc[0]["record_name"] == recs.table["name"][i].as_py()
        assert row.iloc[0]["list_name"] == entries.table["name"][i].as_py()
    assert score.match_probability >= gmmatch.compare(
        {"name": names[3], "dob": "1970"}, {"name": "Maria Garcia", "dob": "1970"}
    ).match_probability
    assert "date of birth" in score.explain()


def test_hostile_names_keep_their_characters():
    """Readers keep names as written: quotes, backslashes, marks and emoji survive."""
    recs = gmmatch.read_records([{"id": str(i), "name": n} for i, n in enumerate(HOSTILE_NAMES)])
    kept = recs.table["name"].to_pylist()
    for original, name in zip(HOSTILE_NAMES, kept, strict=True):
        assert name.replace("\x00", "") == original.replace("\x00", "").strip()


# --------------------------------------------------------------------------- formula injection


def test_review_workbook_neutralizes_formula_cells(tmp_path):
    names = [f"{start}cmd|' /C calc'!A0 Haddad" for start in FORMULA_STARTS]
    recs = gmmatch.read_records([{"id": f"r{i}", "name": n, "source_org": "=HYPERLINK(1)"}
                                 for i, n in enumerate(names)])
    entries = gmmatch.read_records([{"id": f"e{i}", "name": n} for i, n in enumerate(names)])
    result = gmmatch.link(recs, entries, threshold=0.0)
    # the readers trim a leading tab or CR: put the raw values straight into the pairs
    result.pairs["record_name"] = [names[int(r[1:])] for r in result.pairs["record_id"]]
    result.pairs["list_name"] = [names[int(e[1:])] for e in result.pairs["list_id"]]
    gmmatch_links = tmp_path / "links.parquet"
    result.save(gmmatch_links)
    out = tmp_path / "review.xlsx"
    run("review", "export", gmmatch_links, "-o", out, "--all-matches", "-q")
    sheet = openpyxl.load_workbook(out)["review"]
    header = [c.value for c in sheet[1]]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert len(cells) > len(header)
    checked = 0
    for cell in cells:
        assert cell.data_type != "f", f"formula in {cell.coordinate}: {cell.value!r}"
        if isinstance(cell.value, str) and header[cell.column - 1] in ("record_name",
                                                                        "list_name"):
            assert cell.value.startswith("'") and cell.value[1] in (*FORMULA_STARTS, "\n")
            checked += 1
    assert checked >= 2 * len(names)


def test_links_csv_and_xlsx_neutralize_every_formula_start(tmp_path):
    names = {f"r{i}": f"{start}SUM(1,2) Haddad" for i, start in enumerate(FORMULA_STARTS)}
    recs = gmmatch.read_records([{"id": k, "name": v} for k, v in names.items()])
    result = gmmatch.link(recs, gmmatch.read_records([{"id": "e", "name": "Haddad"}]))
    for path in (tmp_path / "l.csv", tmp_path / "l.xlsx"):
        from gmmatch.export import write_links

        write_links(result, path, records=recs.to_pandas().assign(
            name=lambda f: [names[i] for i in f["id"]]))
    with (tmp_path / "l.csv").open(encoding="utf-8-sig", newline="") as handle:
        csv_names = [row["record_name"] for row in csv.DictReader(handle)]
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx")["links"]
    header = [c.value for c in sheet[1]]
    xlsx_names = [row[header.index("record_name")]
                  for row in sheet.iter_rows(min_row=2, values_only=True)]
    for written in (csv_names, xlsx_names):
        assert len(written) == len(names)
        for value in written:
            assert value.startswith("'") and value[1] in (*FORMULA_STARTS, "\n")


def test_links_xlsx_takes_names_with_control_characters(tmp_path):
    from gmmatch.export import read_links, write_links

    recs = gmmatch.read_records([{"id": "a", "name": "Nul\x00Byte Marwan"}])
    result = gmmatch.link(recs, gmmatch.read_records([{"id": "e", "name": "Nul\x00Byte Marwan"}]))
    write_links(result, tmp_path / "l.xlsx", records=recs)
    assert list(read_links(tmp_path / "l.xlsx").matches["list_id"]) == ["e"]


def test_review_workbook_shows_control_characters(tmp_path):
    recs = gmmatch.read_records([{"id": "a", "name": "Nul\x00Byte Marwan"}])
    result = gmmatch.link(recs, gmmatch.read_records([{"id": "e", "name": "Nul\x00Byte Marwan"}]))
    result.save(tmp_path / "l.parquet")
    run("review", "export", tmp_path / "l.parquet", "-o", tmp_path / "r.xlsx", "--all-matches",
        "-q")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["review"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["record_name"] == "Nul\\x00Byte Marwan"


# --------------------------------------------------------------------------- no network


@pytest.fixture
def no_network(monkeypatch):
    """Every way Python opens a connection, blocked and recorded."""
    attempts: list[str] = []

    def blocker(name):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.socket') else args}")
            raise OSError(f"network blocked by the test ({name})")
        return blocked

    monkeypatch.setattr(socket.socket, "connect", blocker("socket.socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", blocker("socket.socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", blocker("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", blocker("socket.getaddrinfo"))
    return attempts


def test_the_blocker_sees_fetch(no_network, tmp_path):
    """The control: fetch, the one command that talks to the network, is caught."""
    result = runner.invoke(app, ["fetch", "un", "--to", str(tmp_path / "un"), "--base-url",
                                 "http://127.0.0.1:9/list.xml", "--retries", "0", "-q"])
    assert result.exit_code != 0
    assert no_network, "the socket blocker recorded nothing: it would not catch a leak either"


def test_analysts_commands_open_no_socket(no_network, tmp_path):
    out = tmp_path
    run("link", RECS, "--list", LIST_DIR, "-o", out / "links.parquet", "-q")
    run("link", RECS, "--list", LIST_DIR, "-o", out / "links.csv", "-q")
    run("explain", out / "links.parquet", "--record", "REC-002")
    run("history", *SNAPSHOTS, "--program", "GLOMAG", "-o", out / "designations.csv", "-q")
    run("report", "--links", out / "links.csv", "--designations", out / "designations.csv",
        "-o", out / "report.html", "-q")
    run("review", "export", out / "links.parquet", "-o", out / "review.xlsx", "--all-matches",
        "-q")
    book = openpyxl.load_workbook(out / "review.xlsx")
    book["review"].cell(2, 3).value = "match"
    book.save(out / "review.xlsx")
    run("review", "import", out / "review.xlsx", "-o", out / "decisions.csv", "-q")
    run("link", RECS, "--list", LIST_DIR, "--decisions", out / "decisions.csv", "-o",
        out / "decided.csv", "-q")
    gmmatch.compare({"name": "Yahya Jammeh"}, {"name": "JAMMEH, Yahya"})
    assert no_network == []


# ------------------------------------------------------- temporary files, cwd, no stray writes

# Run in a child process: the temporary folder is read from TMPDIR once per process.
_WORKFLOW = r"""
import sys, openpyxl
from typer.testing import CliRunner
from gmmatch.cli import app
out, recs, snaps = sys.argv[1], sys.argv[2], sys.argv[3:]
runner = CliRunner()
def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, (args, result.output, result.exception)
run("link", recs, "--list", snaps[-1], "-o", f"{out}/links.parquet", "-q")
run("link", recs, "--list", snaps[-1], "-o", f"{out}/links.xlsx", "-q")
run("explain", f"{out}/links.parquet", "--record", "REC-002")
run("history", *snaps, "--program", "GLOMAG", "-o", f"{out}/designations.csv", "-q")
run("report", "--links", f"{out}/links.xlsx", "--designations", f"{out}/designations.csv",
    "-o", f"{out}/report.html", "-q")
run("review", "export", f"{out}/links.parquet", "-o", f"{out}/review.xlsx", "--all-matches",
    "-q")
book = openpyxl.load_workbook(f"{out}/review.xlsx")
book["review"].cell(2, 3).value = "not a match"
book.save(f"{out}/review.xlsx")
run("review", "import", f"{out}/review.xlsx", "-o", f"{out}/decisions.csv", "-q")
run("link", recs, "--list", snaps[-1], "--decisions", f"{out}/decisions.csv", "-o",
    f"{out}/decided.json", "-q")
"""


def test_nothing_is_written_outside_the_named_outputs(tmp_path):
    """TMPDIR, the working folder and HOME are empty folders; afterwards TMPDIR, cwd and HOME
    are still empty and the output folder holds only the named outputs. Under strace (when
    the system has it and allows it) the child's connect() calls are recorded as well: none
    may go to an IP address, whichever library (DuckDB's own HTTP client included) makes it."""
    tmp, cwd, home, out = (tmp_path / n for n in ("tmp", "cwd", "home", "out"))
    for folder in (tmp, cwd, home, out):
        folder.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "HOME": str(home)}
    env.pop("MPLCONFIGDIR", None)
    env.pop("XDG_CACHE_HOME", None)
    env.pop("XDG_CONFIG_HOME", None)
    command = [sys.executable, "-c", _WORKFLOW, str(out), str(RECS), *map(str, SNAPSHOTS)]
    trace = tmp_path / "strace.log"
    strace = shutil.which("strace")
    if strace and subprocess.run([strace, "-o", os.devnull, "true"],
                                 capture_output=True).returncode == 0:
        command = [strace, "-f", "-qq", "-e", "trace=connect", "-o", str(trace), *command]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert sorted(p.name for p in tmp.iterdir()) == []
    assert sorted(p.name for p in cwd.iterdir()) == []
    # nothing in HOME either: matplotlib's font cache goes to a private temporary folder
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert written == sorted([
        "links.parquet", "links.xlsx", "designations.csv", "report.html", "report_files",
        *(f"report_files/{n}.csv" for n in ("by_fiscal_year", "designations", "recommendations",
                                           "waiting_by_age", "by_country")),
        "report_files/designations_per_fiscal_year.png", "report_files/lag_distribution.png",
        "review.xlsx", "decisions.csv", "decided.json"])
    if trace.exists():
        calls = trace.read_text(encoding="utf-8", errors="replace")
        assert re.findall(r"connect\(.*AF_INET6?\b.*", calls) == []


# --------------------------------------------------------------------------- deterministic


def _outputs(folder: Path) -> None:
    folder.mkdir()
    for suffix in (".csv", ".json", ".parquet", ".xlsx"):
        run("link", RECS, "--list", LIST_DIR, "-o", folder / f"links{suffix}", "-q")
    run("history", *SNAPSHOTS, "--program", "GLOMAG", "-o", folder / "designations.csv", "-q")
    run("report", "--links", folder / "links.csv", "--designations",
        folder / "designations.csv", "-o", folder / "report.html", "-q")
    run("review", "export", folder / "links.parquet", "-o", folder / "review.xlsx",
        "--all-matches", "-q")


def _xlsx_cells(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}


def _contents(folder: Path) -> dict[str, tuple[str, object]]:
    """Each output as what must not change: bytes (CSV, JSON, Parquet, HTML), cell values
    (XLSX: the file carries its creation time), pixels (PNG)."""
    out: dict[str, tuple[str, object]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if path.suffix == ".xlsx":
            out[name] = ("cells", _xlsx_cells(path))
        elif path.suffix == ".png":
            out[name] = ("pixels", _pixels(path))
        else:
            out[name] = ("bytes", path.read_bytes())
    return out


def test_same_inputs_same_outputs(tmp_path):
    """Run twice into the same folder (the outputs name their own paths), compare."""
    folder = tmp_path / "out"
    _outputs(folder)
    first = _contents(folder)
    shutil.rmtree(folder)
    _outputs(folder)
    second = _contents(folder)
    assert list(first) == list(second)
    for name, (kind, value) in first.items():
        assert second[name] == (kind, value), f"{name}: {kind} differ between identical runs"
    kinds = [kind for kind, _ in first.values()]
    assert kinds.count("bytes") >= 8 and kinds.count("cells") == 2
    assert kinds.count("pixels") == 2


def _pixels(path: Path) -> tuple:
    import matplotlib.image as mpimg

    image = mpimg.imread(io.BytesIO(path.read_bytes()), format="png")
    return image.shape, image.tobytes()


# --------------------------------------------------------------------------- memory (slow)


@pytest.mark.skipif(os.environ.get("GMMATCH_SLOW") != "1",
                    reason="1,000,000-row memory check: set GMMATCH_SLOW=1 (several minutes)")
def test_a_million_row_csv_reads_in_a_few_times_its_size(tmp_path):
    """Issue #8: a 1,000,000-row recommendations CSV (77 MB) is read, into a normalized
    RecordSet, in a fresh process whose peak resident memory grows by less than 5 times the
    file's size over what `import gmmatch` took (2026-11-30: about 4.2 times; 12.4 before
    the table was built in small packed chunks from a streamed file)."""
    path = tmp_path / "million.csv"
    write_recommendations(path, 1_000_000)
    size = path.stat().st_size
    run = read_in_fresh_process(path)
    assert run["records"] == 1_000_000 and run["problems"] == 0
    peak, baseline = run["peak"], run["base"]
    print(json.dumps({"csv_bytes": size, "peak_rss": peak, "baseline_rss": baseline,
                      "ratio": round((peak - baseline) / size, 2)}))
    assert peak - baseline < 5 * size


# Found by the long fuzzing run: `encoding="AUTF-8"` escaped as a LookupError.
@pytest.mark.parametrize("reader", list(_READERS))
@pytest.mark.parametrize("encoding", ["AUTF-8", "utf-32", "shift_jis", "rot13", "undefined"])
def test_an_unreadable_declared_encoding_is_a_read_error(tmp_path, reader, encoding):
    path = tmp_path / "list.xml"
    root = _READERS[reader][0]
    path.write_bytes(f'<?xml version="1.0" encoding="{encoding}"?>\n<{root}></{root}>'.encode())
    with pytest.raises(ReadError, match=r"list\.xml: the XML declaration names an encoding"):
        _READERS[reader][-1](path)
