"""Canadian consolidated autonomous sanctions list reader: invented fixture, id rule, real file."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gmmatch.readers import detect_format, read_any
from gmmatch.readers.canada_xml import derive_id, program_code, read_canada
from gmmatch.records import ReadError

FIXTURE = Path(__file__).parent / "fixtures" / "canada" / "sema-lmes_sample_2024-01-31.xml"
REAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "canada"
JVCFOR = (
    "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR) / \u00a0Règlement "
    "relatif à la justice pour les victimes de dirigeants étrangers corrompus (RJVDEC)"
)


def by_id(rs):
    return {r["id"]: r for r in rs.table.to_pylist()}


@pytest.fixture(scope="module")
def sample():
    return read_canada(FIXTURE)


def _hash(name: str) -> str:
    return hashlib.sha1(name.casefold().encode()).hexdigest()[:8]


def test_ids_follow_the_documented_rule(sample):
    ids = [r["id"] for r in sample.table.to_pylist()]
    assert ids == [
        "CHILE-1-1",
        "CHILE-2-1",
        "JVCFOR-1-1",
        "PERU-NA-3",
        f"PERU-NA-7-{_hash('Bob DUPLICATE')}",
        f"PERU-NA-7-{_hash('Carl DOPPEL')}",
    ]
    repaired = [p for p in sample.problems if p.field == "id"]
    assert [(p.value, p.action) for p in repaired] == [("PERU-NA-7", "repaired")] * 2
    assert sample.source.details["repeated_keys"] == 2
    assert sample.source.list_date == "2024-01-31"


def test_id_helpers():
    assert program_code("Burma / Birmanie") == "BURMA"
    assert program_code("South Sudan / Soudan du sud") == "SOUTH_SUDAN"
    assert program_code(JVCFOR) == "JVCFOR"
    assert derive_id("Russia / Russie", "1, Part 2", "5") == "RUSSIA-1P2-5"
    assert derive_id("Venezuela ", None, "55") == derive_id("Venezuela", "N/A", "55")


def test_entity_and_person_fields(sample):
    rows = by_id(sample)
    bank = rows["CHILE-1-1"]
    assert bank["entity_type"] == "organization"
    assert bank["name"] == "Invented Bank of Chile"
    assert bank["aliases"] == ["IBA", "Chile Invented Bank Ltd."]
    assert bank["weak_aliases"] == []
    assert bank["programs"] == ["Chile / Chili"]
    assert bank["country"] == ["Chile"]

    ivan = rows["CHILE-2-1"]
    assert ivan["entity_type"] == "person"
    assert (ivan["surname"], ivan["given_names"]) == ("EXAMPLOV", "Ivan Testovich")
    assert ivan["name"] == "Ivan Testovich EXAMPLOV"
    assert ivan["aliases"] == ["Ivan EKZAMPLOV"]
    assert ivan["weak_aliases"] == ["Iwan"]  # a lone given-name spelling
    assert ivan["titles"] == ["General/général"]
    assert ivan["dob"] == ["1961-04-05"]
    assert json.loads(ivan["raw"])["Schedule"] == "2"


def test_jvcfor_record(sample):
    rec = by_id(sample)["JVCFOR-1-1"]
    assert rec["programs"] == [JVCFOR]
    assert rec["country"] == []
    assert rec["dob"] == ["1970-01-02", "1970-02-01"]  # "A or B"
    assert rec["name"] == "Pedro Ejemplo FICTIVO"


def test_detect_and_read_any():
    assert detect_format(FIXTURE) == "canada"
    assert len(read_any(FIXTURE, format="canada")) == 6


def _ca(records: list[dict[str, str]]) -> str:
    body = "".join(
        "<record>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in r.items()) + "</record>"
        for r in records
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<data-set>{body}</data-set>'


def test_nameless_and_exact_duplicates(tmp_path):
    path = tmp_path / "ca.xml"
    dup = {"Country": "Peru", "LastName": "SAME", "GivenName": "Al", "Schedule": "1", "Item": "2"}
    path.write_text(
        _ca([{"Country": "Peru", "Schedule": "1", "Item": "1"}, dup, dup]), encoding="utf-8"
    )
    rs = read_canada(path)
    assert len(rs) == 1
    skipped = [(p.location, p.action) for p in rs.problems if p.action == "skipped"]
    assert skipped == [
        ("ca.xml:/data-set/record[1]", "skipped"),
        ("ca.xml:/data-set/record[3]", "skipped"),
    ]
    with pytest.raises(ReadError):
        read_canada(path, strict=True)


def test_billion_laughs_refused(tmp_path):
    path = tmp_path / "laughs.xml"
    defs = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE data-set [{defs}]>'
        "<data-set><record><Entity>&j;</Entity><Item>1</Item></record></data-set>",
        encoding="utf-8",
    )
    start = time.perf_counter()
    with pytest.raises(ReadError, match="refused"):
        read_canada(path)
    assert time.perf_counter() - start < 2


def test_wrong_root_and_wrong_children(tmp_path):
    path = tmp_path / "x.xml"
    path.write_text("<CONSOLIDATED_LIST/>", encoding="utf-8")
    with pytest.raises(ReadError, match="expected <data-set>"):
        read_canada(path)
    path.write_text("<data-set><row/></data-set>", encoding="utf-8")
    with pytest.raises(ReadError, match="expected <record> elements"):
        read_canada(path)


_VALUE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=15)
_RECORD = st.fixed_dictionaries(
    {},
    optional={
        "Country": st.sampled_from(["Peru", "Chile / Chili", JVCFOR, "", " "]),
        "Entity": _VALUE,
        "LastName": _VALUE,
        "GivenName": _VALUE,
        "Aliases": _VALUE,
        "DateOfBirth": _VALUE,
        "Schedule": st.sampled_from(["1", "N/A", "1, Part 2", ""]),
        "Item": st.sampled_from(["1", "2", ""]),
        "Odd": _VALUE,
    },
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_RECORD, max_size=8))
def test_property_never_crash_and_ids_unique(tmp_path, records):
    path = tmp_path / "prop.xml"
    path.write_text(_ca(records), encoding="utf-8")
    rs = read_canada(path)
    skipped = [p for p in rs.problems if p.action == "skipped"]
    assert len(rs) + len(skipped) == len(records)
    ids = rs.table.column("id").to_pylist()
    assert len(ids) == len(set(ids))


@pytest.mark.realdata
def test_real_canada_file():
    if not REAL.is_dir():
        pytest.skip(f"real Canadian list not found at {REAL} (../shared/data): skipped")
    path = REAL / "sema-lmes_2020-04-15.xml"
    rs = read_canada(path)
    assert len(rs) == 1369
    ids = rs.table.column("id").to_pylist()
    assert len(set(ids)) == 1369
    jvcfor = [r for r in rs.table.column("programs").to_pylist() if "(JVCFOR)" in r[0]]
    assert len(jvcfor) == 70
    assert sum(i.startswith("JVCFOR-") for i in ids) == 70
    assert [p for p in rs.problems if p.action != "kept"] == []
    rows = by_id(rs)
    assert rows["BURMA-1-1"]["name"] == "Air Bagan"
    assert rows["BURMA-1-1"]["programs"] == ["Burma / Birmanie"]
    assert any(len(r) == 2 for r in rs.table.column("dob").to_pylist())  # the one "A or B"
    assert detect_format(path) == "canada"
