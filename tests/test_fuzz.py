"""Fuzzing every reader and normalizer with malformed files: broken quoting, truncated lines,
wrong column counts, binary garbage, absurdly long fields, every Unicode category.

The rule under test (docs/security.md): a reader returns a RecordSet or raises
`gmmatch.ReadError`, nothing else, whatever the bytes; and a row it skips is in `problems`.
A normalizer never raises.

Examples per test: a short run in CI (about 30 seconds in all). The long run sets
GMMATCH_FUZZ_EXAMPLES (examples per test; 12,500 x 8 tests = 100,000) and is started by
benchmarks/fuzz_long.py, not in CI.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gmmatch
from gmmatch import ReadError, RecordSet
from gmmatch.normalize import (
    country_code,
    country_codes,
    name_features,
    name_key,
    name_tokens,
    normalize_name,
    parse_dob,
    parse_name,
    parse_org_name,
    phonetic_key,
    token_keys,
)
from gmmatch.readers.ofac_csv import (
    ADD_COLUMNS,
    ALT_COLUMNS,
    COMMENTS_COLUMNS,
    SDN_COLUMNS,
)

#: Examples per test in CI; GMMATCH_FUZZ_EXAMPLES overrides (the long run).
CI_EXAMPLES = {"sdn": 25, "un": 30, "canada": 30, "records_csv": 30, "records_json": 60,
               "records_xlsx": 15, "normalizers": 120, "records_rows": 25}
_LONG = os.environ.get("GMMATCH_FUZZ_EXAMPLES")


def fuzz(name: str):
    """Hypothesis settings of one fuzz test: its example count, no deadline (a 100,000
    character field takes its time), no database of failures written into the project."""
    return settings(max_examples=int(_LONG) if _LONG else CI_EXAMPLES[name], deadline=None,
                    database=None, derandomize=not _LONG,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


# --------------------------------------------------------------------------- strategies

#: Any character but lone surrogates (not encodable in a file), weighted to the nasty ones.
NASTY = st.sampled_from(["\x00", "\ufeff", "\u202e", "\u200f", "\u2028", "\r", "\n", "\t",
                         '"', "'", ",", ";", "|", "\\", "<", "&", "]]>", "-0-", "\x1a",
                         "😀", "\U0010ffff", "\ufffd", "ǅ", "İ", "ß", "ﬃ"])
ANY_CHAR = st.characters(exclude_categories=("Cs",))
TEXT = st.lists(st.one_of(ANY_CHAR, NASTY), max_size=30).map("".join)
LONG = st.sampled_from(["A" * 100_000, "Ж" * 20_000 + " " + "x" * 50_000,
                        "; ".join(["1965"] * 5_000), "\u0301" * 10_000])
FIELD = st.one_of(TEXT, TEXT, TEXT, LONG, st.sampled_from(["", " ", "-0-", "1965", "Jan 1965",
                                                          "individual", "person", "Russia"]))
GARBAGE = st.binary(min_size=1, max_size=200)


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()


@st.composite
def csv_file(draw, columns: tuple[str, ...], *, header: bool = False, ids=None) -> bytes:
    """A CSV file of `columns`, some rows well formed, others broken in every way."""
    lines = [_csv_line(list(columns))] if header else []
    for number in range(draw(st.integers(0, 8))):
        cells = [draw(FIELD) for _ in columns]
        if ids is not None:
            cells[0] = draw(ids)
        line = _csv_line(cells)
        damage = draw(st.sampled_from(["none", "none", "truncate", "quote", "columns",
                                       "garbage", "bare"]))
        if damage == "truncate":
            line = line[: draw(st.integers(0, max(len(line) - 1, 0)))]
        elif damage == "quote":
            at = draw(st.integers(0, len(line)))
            line = line[:at] + '"' + line[at:]
        elif damage == "columns":
            extra = draw(st.integers(-len(columns) + 1, 3))
            line = _csv_line(cells[: len(cells) + extra] if extra < 0 else cells + ["x"] * extra)
        elif damage == "bare":
            line = ",".join(cells) + draw(st.sampled_from(["\n", "\r", "\r\n", ""]))
        data = line.encode("utf-8")
        if damage == "garbage":
            data = draw(GARBAGE)
        lines.append(data.decode("utf-8", "surrogateescape") if isinstance(data, bytes)
                     else data)
        del number
    return "".join(lines).encode("utf-8", "surrogateescape")


ENT_NUM = st.one_of(st.integers(1, 30).map(str), TEXT)


@st.composite
def xml_mutation(draw, document: str) -> bytes:
    """A well-formed document, left as it is or cut, spliced with garbage, or retagged."""
    data = document.encode("utf-8")
    damage = draw(st.sampled_from(["none", "none", "truncate", "garbage", "tag", "bytes"]))
    if damage == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "garbage":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(GARBAGE) + data[at:]
    elif damage == "tag":
        data = data.replace(b"</", b"<", 1)
    elif damage == "bytes":
        data = draw(GARBAGE)
    return data


def _xml_text(value: str) -> str:
    """Text XML 1.0 can hold (others are a structural fault, tested by 'garbage' above)."""
    return escape("".join(c for c in value if c in "\t\n\r" or (
        "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000")))


# --------------------------------------------------------------------------- helpers


def _read_or_refuse(read, *args, **kwargs) -> RecordSet | None:
    """The rule: a RecordSet, or ReadError; any other exception fails the test."""
    try:
        result = read(*args, **kwargs)
    except ReadError as error:
        assert str(error), "a ReadError must say what is wrong"
        return None
    assert isinstance(result, RecordSet)
    ids = result.table["id"].to_pylist()
    assert len(ids) == len(set(ids)), "ids must be unique"
    for problem in result.problems:
        assert problem.location and problem.reason
    return result


def _skipped_lines(rs: RecordSet, file_name: str) -> list[int]:
    lines = []
    for p in rs.problems:
        if p.action == "skipped" and p.location.startswith(f"{file_name}:"):
            tail = p.location.rsplit(":", 1)[1]
            if tail.isdigit():
                lines.append(int(tail))
    return lines


# --------------------------------------------------------------------------- readers


@fuzz("sdn")
@given(sdn=csv_file(SDN_COLUMNS, ids=ENT_NUM), alt=st.none() | csv_file(ALT_COLUMNS, ids=ENT_NUM),
       add=st.none() | csv_file(ADD_COLUMNS, ids=ENT_NUM),
       comments=st.none() | csv_file(COMMENTS_COLUMNS, ids=ENT_NUM),
       valid=st.lists(st.tuples(st.integers(100, 120), st.text(
           st.characters(categories=("L",)), min_size=1, max_size=20)), max_size=4))
def test_read_sdn_never_crashes(sdn, alt, add, comments, valid):
    """SDN.CSV with its side files; well-formed rows (appended after the damage) are either
    read or reported as skipped, at their line or after a damaged line that swallowed them."""
    good = "".join(_csv_line([str(n), name, "individual", "GLOMAG"] + ["-0-"] * 8)
                   for n, name in valid).encode()
    if sdn and not sdn.endswith((b"\n", b"\r")):
        # the well-formed rows start a line of their own (`1` then `100,...` is row 1100)
        sdn += b"\r\n"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "SDN.CSV").write_bytes(sdn + good)
        for name, data in (("ALT.CSV", alt), ("ADD.CSV", add), ("SDN_COMMENTS.CSV", comments)):
            if data is not None:
                (root / name).write_bytes(data)
        rs = _read_or_refuse(gmmatch.read_sdn, root)
    if rs is None:
        return
    ids = set(rs.table["id"].to_pylist())
    skipped = _skipped_lines(rs, "SDN.CSV")
    reported_ids = {p.record_id for p in rs.problems}
    first_good = sdn.count(b"\n") + 1
    for n, _ in valid:
        assert str(n) in ids or str(n) in reported_ids or any(
            line <= first_good + len(valid) for line in skipped), f"row {n} vanished silently"


@fuzz("un")
@given(data=st.data(), people=st.lists(st.fixed_dictionaries({
    "REFERENCE_NUMBER": st.one_of(TEXT, st.just("QDi.1")), "FIRST_NAME": FIELD,
    "SECOND_NAME": FIELD, "NATIONALITY": FIELD, "DATE": FIELD}), max_size=4))
def test_read_un_never_crashes(data, people):
    body = "".join(
        f"<INDIVIDUAL><REFERENCE_NUMBER>{_xml_text(p['REFERENCE_NUMBER'])}</REFERENCE_NUMBER>"
        f"<FIRST_NAME>{_xml_text(p['FIRST_NAME'])}</FIRST_NAME>"
        f"<SECOND_NAME>{_xml_text(p['SECOND_NAME'])}</SECOND_NAME>"
        f"<NATIONALITY><VALUE>{_xml_text(p['NATIONALITY'])}</VALUE></NATIONALITY>"
        f"<INDIVIDUAL_DATE_OF_BIRTH><DATE>{_xml_text(p['DATE'])}</DATE>"
        "</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>" for p in people)
    document = ('<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated='
                f'"2024-01-01"><INDIVIDUALS>{body}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>')
    raw = data.draw(xml_mutation(document))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "un.xml"
        path.write_bytes(raw)
        rs = _read_or_refuse(gmmatch.read_un, path)
    if rs is not None and raw == document.encode():
        assert len(rs) + sum(p.action == "skipped" for p in rs.problems) >= len(people)


@fuzz("canada")
@given(data=st.data(), records=st.lists(st.dictionaries(
    st.sampled_from(["Country", "Schedule", "Item", "Entity", "GivenName", "LastName",
                     "DateOfBirthOrShipBuildDate", "Aliases", "TitleOrShip",
                     "DateOfListing"]), FIELD, max_size=6), max_size=4))
def test_read_canada_never_crashes(data, records):
    body = "".join("<record>" + "".join(f"<{k}>{_xml_text(v)}</{k}>" for k, v in r.items())
                   + "</record>" for r in records)
    document = f'<?xml version="1.0" encoding="UTF-8"?>\n<data-set>{body}</data-set>'
    raw = data.draw(xml_mutation(document))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sema-lmes.xml"
        path.write_bytes(raw)
        rs = _read_or_refuse(gmmatch.read_canada, path)
    if rs is not None and raw == document.encode():
        assert len(rs) + sum(p.action == "skipped" for p in rs.problems) >= len(records)


RECORD_COLUMNS = ("id", "name", "dob", "nationality", "gender", "entity_type", "aliases")


@fuzz("records_csv")
@given(raw=csv_file(RECORD_COLUMNS, header=True), delimiter=st.sampled_from([",", ";", "\t"]),
       suffix=st.sampled_from([".csv", ".tsv", ".txt"]))
def test_read_records_csv_never_crashes(raw, delimiter, suffix):
    if delimiter != ",":
        raw = raw.replace(b",", delimiter.encode())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"recs{suffix}"
        path.write_bytes(raw)
        _read_or_refuse(gmmatch.read_records, path)


@fuzz("records_rows")
@given(rows=st.lists(st.tuples(*[FIELD] * 4), max_size=8))
def test_every_csv_row_is_a_record_or_a_skipped_problem(rows):
    """A well-formed CSV of hostile values: nothing dropped without a problem saying so."""
    text = _csv_line(["id", "name", "dob", "nationality"]) + "".join(
        _csv_line([f"r{i}", *row[1:]]) for i, row in enumerate(rows))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recs.csv"
        path.write_text(text, encoding="utf-8")
        rs = _read_or_refuse(gmmatch.read_records, path)
    assume(rs is not None)  # a delimiter sniffed from hostile values: refused, tested above
    skipped = [p for p in rs.problems if p.action == "skipped"]
    # every row has an id cell, so none is blank: each is a record or a skipped problem
    assert len(rs) + len(skipped) == len(rows)
    kept = set(rs.table["id"].to_pylist())
    for problem in skipped:
        assert problem.record_id not in kept


@fuzz("records_json")
@given(document=st.one_of(
    st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | FIELD,
                 lambda inner: st.lists(inner, max_size=4)
                 | st.dictionaries(st.one_of(st.sampled_from(RECORD_COLUMNS), TEXT), inner,
                                   max_size=5), max_leaves=20),
    st.lists(st.dictionaries(st.sampled_from(RECORD_COLUMNS), st.one_of(
        FIELD, st.integers(), st.floats(), st.none(), st.lists(FIELD, max_size=3),
        st.dictionaries(TEXT, TEXT, max_size=2)), max_size=6), max_size=6)),
    cut=st.none() | st.integers(0, 500), lines=st.booleans())
def test_read_records_json_never_crashes(document, cut, lines):
    if lines and isinstance(document, list):
        text = "\n".join(json.dumps(item) for item in document)
        suffix = ".jsonl"
    else:
        text, suffix = json.dumps(document), ".json"
    if cut is not None:
        text = text[:cut]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"recs{suffix}"
        path.write_text(text, encoding="utf-8")
        _read_or_refuse(gmmatch.read_records, path)


XLSX_CELL = st.one_of(FIELD.map(lambda s: "".join(c for c in s if c >= " " or c in "\t\n\r")),
                      st.integers(-10**12, 10**12), st.floats(allow_nan=False,
                                                              allow_infinity=False),
                      st.booleans(), st.none(), st.dates())


@fuzz("records_xlsx")
@given(header=st.lists(st.one_of(st.sampled_from(RECORD_COLUMNS), TEXT.map(
           lambda s: "".join(c for c in s if c >= " "))), max_size=6),
       rows=st.lists(st.lists(XLSX_CELL, max_size=7), max_size=6), garbage=st.booleans())
def test_read_records_xlsx_never_crashes(header, rows, garbage):
    from openpyxl import Workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recs.xlsx"
        if garbage:
            path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 3)
        else:
            book = Workbook()
            sheet = book.active
            for row in [header, *rows]:
                sheet.append([v[:32_000] if isinstance(v, str) else v for v in row])
            book.save(path)
        _read_or_refuse(gmmatch.read_records, path)


# --------------------------------------------------------------------------- normalizers


@fuzz("normalizers")
@given(text=st.one_of(FIELD, st.text(ANY_CHAR, max_size=200)))
def test_normalizers_never_raise(text):
    for function in (normalize_name, name_tokens, name_key, token_keys, country_code,
                     parse_name, parse_org_name):
        function(text)
    for token in name_tokens(text)[:20]:
        phonetic_key(token)
    dates = parse_dob(text)
    assert all(d.year is None or 0 < d.year < 10_000 for d in dates)
    country_codes([text, text[:5]])
    name_features(text, "person")
    name_features(text, "organization")


@pytest.mark.parametrize("value", [None, "", " ", "\x00", "A" * 100_000, "😀" * 1000])
def test_normalizers_on_edge_values(value):
    assert isinstance(normalize_name(value), str)
    assert isinstance(parse_dob(value or ""), list)
    assert country_code(value or "") is None
    for kind in ("person", "organization"):
        assert name_features(value, kind).text == ("" if value is None else
                                                   name_features(value or "", kind).text)
