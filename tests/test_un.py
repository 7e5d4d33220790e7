"""UN Security Council consolidated list reader: invented fixture, hostile XML, real file."""

from __future__ import annotations

import json
import time
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gmmatch.readers import detect_format, read_any
from gmmatch.readers.un_xml import read_un
from gmmatch.records import ReadError

FIXTURE = Path(__file__).parent / "fixtures" / "un" / "consolidated_sample.xml"
REAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "un"


def by_id(rs):
    return {r["id"]: r for r in rs.table.to_pylist()}


@pytest.fixture(scope="module")
def sample():
    return read_un(FIXTURE)


def test_counts_ids_and_source(sample):
    assert len(sample) == 3
    assert [r["id"] for r in sample.table.to_pylist()] == ["QDi.901", "CDi.901", "KPe.901"]
    assert [p for p in sample.problems if p.action != "kept"] == []
    assert sample.source.list_date == "2024-03-01"
    assert sample.source.format == "un"
    assert sample.source.details["individuals"] == 2
    assert sample.source.details["entities"] == 1


def test_individual_fields(sample):
    r = by_id(sample)["QDi.901"]
    assert r["entity_type"] == "person"
    assert r["name"] == "TESTA MUHAMMAD EXAMPLI AL-FICTI"
    assert r["surname"] is None
    assert r["aliases"] == ["تستا محمد", "Testa al-Fikti", "Testo Exemplo"]
    assert r["weak_aliases"] == ["Abu Test"]
    kinds = {n["name"]: n["kind"] for n in r["names"]}
    assert kinds["تستا محمد"] == "original_script"
    assert kinds["Abu Test"] == "weak"
    assert kinds["TESTA MUHAMMAD EXAMPLI AL-FICTI"] == "primary"
    assert r["dob"] == [
        "1961-02-03",
        "1960-05-17",
        "1959",
        "circa 1958",
        "1955 to 1957",
        "Nov. 1954",
    ]
    assert r["nationality"] == ["Chile", "Peru"]
    assert r["pob"] == ["Fictopolis, Peru", "Fictopolis, North Province, Peru"]
    assert set(r["country"]) == {"Chile", "Peru"}
    assert r["gender"] == "male"
    assert r["titles"] == ["Sheikh", "Invented commander"]
    assert r["programs"] == ["Al-Qaida"]
    assert r["listed_on"] == "2001-10-06"
    assert r["addresses"] == [
        {"street": "1 Invented Street", "city": "Nowhere", "country": "Chile", "note": "as of 2020"}
    ]
    assert r["documents"][0]["number"] == "X0000001"
    assert r["documents"][0]["country"] == "Chile"
    raw = json.loads(r["raw"])
    # The NOTE of a BETWEEN date stays in raw.
    assert any(d.get("NOTE") == "Approximately" for d in raw["INDIVIDUAL_DATE_OF_BIRTH"])


def test_empty_elements_and_entity(sample):
    jane = by_id(sample)["CDi.901"]
    assert jane["name"] == "JANE PLACEHOLDER"
    assert jane["dob"] == [] and jane["aliases"] == [] and jane["addresses"] == []
    assert jane["gender"] == "female"
    ent = by_id(sample)["KPe.901"]
    assert ent["entity_type"] == "organization"
    assert ent["name"] == "INVENTED TRADING COMPANY"
    assert ent["aliases"] == ["가상 무역 회사", "ITC Ltd", "Old Invented Company"]
    assert {n["name"]: n["kind"] for n in ent["names"]}["Old Invented Company"] == "fka"
    assert ent["country"] == ["Peru"]


def test_detect_and_read_any():
    assert detect_format(FIXTURE) == "un"
    assert len(read_any(FIXTURE)) == 3


def _un(individuals: str, entities: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2024-01-01">'
        f"<INDIVIDUALS>{individuals}</INDIVIDUALS><ENTITIES>{entities}</ENTITIES>"
        "</CONSOLIDATED_LIST>"
    )


def test_skipped_records_are_reported(tmp_path):
    path = tmp_path / "un.xml"
    path.write_text(
        _un(
            "<INDIVIDUAL><FIRST_NAME>NO REF</FIRST_NAME></INDIVIDUAL>"
            "<INDIVIDUAL><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER></INDIVIDUAL>"
            "<INDIVIDUAL><REFERENCE_NUMBER>X.2</REFERENCE_NUMBER><FIRST_NAME>A</FIRST_NAME>"
            "</INDIVIDUAL>"
            "<INDIVIDUAL><REFERENCE_NUMBER>X.2</REFERENCE_NUMBER><FIRST_NAME>B</FIRST_NAME>"
            "</INDIVIDUAL>"
        ),
        encoding="utf-8",
    )
    rs = read_un(path)
    assert [r["id"] for r in rs.table.to_pylist()] == ["X.2"]
    reasons = [(p.location, p.reason, p.action) for p in rs.problems]
    assert reasons == [
        ("un.xml:/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[1]", "no REFERENCE_NUMBER", "skipped"),
        (
            "un.xml:/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[2]",
            "record without any name",
            "skipped",
        ),
        (
            "un.xml:/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[4]",
            "REFERENCE_NUMBER repeated; the earlier record is kept",
            "skipped",
        ),
    ]
    with pytest.raises(ReadError, match="no REFERENCE_NUMBER"):
        read_un(path, strict=True)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER>
<FIRST_NAME>&lol9;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


def test_billion_laughs_refused_quickly(tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(ReadError, match=r"laughs\.xml: refused: the file declares XML entities"):
        read_un(path)
    assert time.perf_counter() - start < 2
    # auto-detection routes it to the same refusal
    with pytest.raises(ReadError, match="refused"):
        read_any(path)


def test_external_entity_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER>"
        "<FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    with pytest.raises(ReadError, match="refused") as err:
        read_un(path)
    assert "SECRET-CONTENT" not in str(err.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<CONSOLIDATED_LIST><INDIVIDUALS>", "not well-formed XML"),
        (
            "<data-set><record/></data-set>",
            "root element is <data-set>, expected <CONSOLIDATED_LIST>",
        ),
        ("", "not well-formed XML"),
    ],
)
def test_structural_faults_raise(tmp_path, content, message):
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError, match=message):
        read_un(path)


def test_missing_file_raises(tmp_path):
    with pytest.raises(ReadError, match="cannot read"):
        read_un(tmp_path / "nope.xml")


_TAGS = st.sampled_from(
    ["REFERENCE_NUMBER", "FIRST_NAME", "SECOND_NAME", "GENDER", "LISTED_ON", "UN_LIST_TYPE"]
)
_VALUE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)
_DOB = st.fixed_dictionaries(
    {},
    optional={
        "TYPE_OF_DATE": st.sampled_from(["EXACT", "APPROXIMATELY", "BETWEEN", "", "ODD"]),
        "DATE": _VALUE,
        "YEAR": _VALUE,
        "FROM_YEAR": _VALUE,
        "TO_YEAR": _VALUE,
        "NOTE": _VALUE,
    },
)
_ALIAS = st.fixed_dictionaries(
    {}, optional={"QUALITY": st.sampled_from(["Good", "Low", "", "odd"]), "ALIAS_NAME": _VALUE}
)


def _xml_text(value: str) -> str:
    # XML 1.0 cannot carry most control characters; the property is about content, not encoding.
    return escape("".join(c for c in value if c >= " " or c in "\t\n"))


@st.composite
def individuals(draw):
    fields = draw(st.lists(st.tuples(_TAGS, _VALUE), max_size=6))
    dobs = draw(st.lists(_DOB, max_size=3))
    aliases = draw(st.lists(_ALIAS, max_size=3))
    parts = [f"<{t}>{_xml_text(v)}</{t}>" for t, v in fields]
    parts += [
        "<INDIVIDUAL_DATE_OF_BIRTH>"
        + "".join(f"<{k}>{_xml_text(v)}</{k}>" for k, v in d.items())
        + "</INDIVIDUAL_DATE_OF_BIRTH>"
        for d in dobs
    ]
    parts += [
        "<INDIVIDUAL_ALIAS>"
        + "".join(f"<{k}>{_xml_text(v)}</{k}>" for k, v in a.items())
        + "</INDIVIDUAL_ALIAS>"
        for a in aliases
    ]
    return "<INDIVIDUAL>" + "".join(parts) + "</INDIVIDUAL>"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(individuals(), max_size=5))
def test_property_malformed_records_never_crash(tmp_path, items):
    path = tmp_path / "prop.xml"
    path.write_text(_un("".join(items)), encoding="utf-8")
    rs = read_un(path)
    skipped = [p for p in rs.problems if p.action == "skipped" and p.field in ("id", "name")]
    # every INDIVIDUAL is either a record or a skipped-record problem
    assert len(rs) + len(skipped) == len(items)
    ids = rs.table.column("id").to_pylist()
    assert len(ids) == len(set(ids))
    assert all(isinstance(n, str) and n for n in rs.table.column("name").to_pylist())


@pytest.mark.realdata
def test_real_un_file():
    if not REAL.is_dir():
        pytest.skip(f"real UN list not found at {REAL} (../shared/data): skipped")
    path = REAL / "consolidated_2026-02-27.xml"
    rs = read_un(path)
    types = rs.table.column("entity_type").to_pylist()
    assert types.count("person") == 730
    assert types.count("organization") == 273
    ids = rs.table.column("id").to_pylist()
    assert len(set(ids)) == len(ids) == 1003
    assert rs.source.list_date == "2026-02-27"
    assert [p for p in rs.problems if p.action == "skipped"] == []
    first = by_id(rs)["CDi.001"]
    assert first["programs"] == ["DRC"]
    assert first["listed_on"] == "2012-12-31"
    assert first["dob"] == ["1971"]
    # every kind of date of birth comes through as text the date parser reads
    dobs = [d for r in rs.table.column("dob").to_pylist() for d in r]
    assert any(d.startswith("circa ") for d in dobs)
    assert any(" to " in d for d in dobs)
    assert sum(len(a) for a in rs.table.column("weak_aliases").to_pylist()) > 500
    assert detect_format(path) == "un"
