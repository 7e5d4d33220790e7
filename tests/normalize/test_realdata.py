"""The normalizers on every value of the kind met in the real official list files."""

import csv
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from gmmatch.normalize import (
    country_code,
    name_key,
    parse_dob_report,
    parse_org_name,
)

pytestmark = pytest.mark.realdata

# Values that are deliberately not countries (see docs/normalization.md).
NOT_COUNTRIES = {"undetermined", "Region: Kafia Kingi", "na", "-0-",
                 "Region: Commonwealth of Independent States"}


def _remarks(data_dir):
    for path in sorted((data_dir / "ofac").glob("*/sdn*.csv")):
        with open(path, encoding="latin-1", newline="") as handle:
            for row in csv.reader(handle):
                if row:
                    yield row[-1]


def test_every_ofac_dob_shape_is_read(data_dir):
    seen = unread = 0
    for remark in _remarks(data_dir):
        for value in re.findall(r"DOB ([^;]*)", remark):
            seen += 1
            result = parse_dob_report(value)
            if not result.dates or result.issues:
                unread += 1
                print("unread:", value, result.issues)
    assert seen > 20000
    assert unread == 0


def test_every_ofac_country_value_maps(data_dir):
    values = set()
    for remark in _remarks(data_dir):
        for value in re.findall(r"(?:nationality|citizen) ([^;]*)", remark):
            values.add(value.strip().rstrip('."').strip())
    for path in sorted((data_dir / "ofac").glob("*/add.csv")):
        with open(path, encoding="latin-1", newline="") as handle:
            values |= {row[4].strip() for row in csv.reader(handle) if len(row) > 4}
    unknown = sorted(v for v in values if v and v not in NOT_COUNTRIES and not country_code(v))
    assert len(values) > 150
    assert unknown == []


def test_every_un_and_canada_country_maps(data_dir):
    root = ET.parse(data_dir / "un" / "consolidated_2026-02-27.xml").getroot()
    values = {e.text for tag in ("NATIONALITY",) for n in root.iter(tag) for e in n
              if e.tag == "VALUE" and e.text}
    values |= {e.text for e in root.iter("COUNTRY") if e.text}
    canada = ET.parse(data_dir / "canada" / "sema-lmes_2020-04-15.xml").getroot()
    regimes = {e.text.strip() for e in canada.iter("Country") if e.text}
    unknown = sorted(v for v in values | regimes if v not in NOT_COUNTRIES
                     and not country_code(v) and "Regulations" not in v)
    assert unknown == []


def test_every_un_and_canada_dob_is_read(data_dir):
    canada = ET.parse(data_dir / "canada" / "sema-lmes_2020-04-15.xml").getroot()
    values = [e.text for e in canada.iter("DateOfBirth") if e.text]
    root = ET.parse(data_dir / "un" / "consolidated_2026-02-27.xml").getroot()
    values += [e.text for e in root.iter("DATE") if e.text]
    values += [e.text for e in root.iter("YEAR") if e.text]
    assert len(values) > 800
    assert [v for v in values if not parse_dob_report(v).dates] == []


def test_alt_aliases_meet_the_primary_name_more_often_than_plain_folding(data_dir):
    folder = data_dir / "ofac" / "2021-07-07"
    with open(folder / "sdn.csv", encoding="latin-1", newline="") as handle:
        people = {r[0]: r[1] for r in csv.reader(handle) if len(r) > 2 and r[2] == "individual"}
    met = plain = total = 0
    with open(folder / "alt.csv", encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) > 3 and row[0] in people:
                total += 1
                met += name_key(row[3]) == name_key(people[row[0]])
                plain += sorted(row[3].lower().replace(",", " ").split()) == sorted(
                    people[row[0]].lower().replace(",", " ").split())
    assert total > 3000
    assert met > 3 * plain  # benchmarks/bench_names.py has the full measurement


def test_no_connecting_word_or_letter_among_the_frequent_key_words(data_dir):
    """The 60 most frequent key-making words of the SDN's organization names are name words,
    not `and`, `of` or the letters of `S.A. de C.V.`."""
    counts: Counter[str] = Counter()
    with open(data_dir / "ofac" / "2024-05-03" / "sdn.csv", encoding="latin-1",
              newline="") as handle:
        for row in csv.reader(handle):
            if len(row) > 2 and row[0].strip().isdigit() and row[2].strip() != "individual":
                counts.update(set(parse_org_name(row[1]).key_tokens))
    top = {word for word, _ in counts.most_common(60)}
    noise = {"and", "of", "the", "for", "de", "la", "y", "al", "in", "s", "a", "c", "v", "i", "e"}
    assert not top & noise, top & noise


def test_organization_words_name_organizations_and_no_listed_person(data_dir):
    # (read_records(..., untyped="infer") takes a name holding one for an organization's)
    import gmmatch
    from gmmatch.normalize.orgs import organization_cue

    lists = [gmmatch.read_sdn(data_dir / "ofac" / "2024-05-03" / "sdn.csv"),
             gmmatch.read_un(data_dir / "un" / "consolidated_2026-02-27.xml")]
    for listed in lists:
        rows = listed.table.select(["name", "entity_type"]).to_pylist()
        persons = [r["name"] for r in rows if r["entity_type"] == "person"]
        organizations = [r["name"] for r in rows if r["entity_type"] == "organization"]
        assert [n for n in persons if organization_cue(n)] == []
        assert sum(organization_cue(n) is not None for n in organizations) \
            >= 0.6 * len(organizations)
