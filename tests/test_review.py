"""The human review loop: grey zone export, decision import, decisions honoured by later links,
stale decisions when the evidence changes, and retraining on the decisions.

The model is being tuned while these tests are written: no test asserts a probability. Where a
pair must sit above or below the threshold, the threshold is set from the pair's own score.
"""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

import gmmatch
from gmmatch.cli import EXIT_UNREADABLE, app
from gmmatch.export import LINK_FORMATS, read_links, write_links
from gmmatch.model.params import default_model
from gmmatch.review import (
    DECISION_COLUMNS,
    DECISIONS,
    GREY_BITS,
    ReviewError,
    apply_decisions,
    fingerprint,
    labels_from_decisions,
    read_decisions,
    review_table,
    threshold_weight,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LIST_DIR = EXAMPLES / "glomag" / "2024-05-03"
runner = CliRunner()

LIST = [
    {"id": "L1", "name": "JAMMEH, Yahya", "dob": "25 May 1965", "nationality": "Gambia",
     "gender": "Male"},
    {"id": "L2", "name": "KARIMOVA, Gulnara", "dob": "08 Jul 1972", "nationality": "Uzbekistan"},
    {"id": "L3", "name": "GERTLER, Dan", "dob": "23 Dec 1973", "nationality": "Israel"},
    {"id": "L4", "name": "AL-QAHTANI, Saud", "dob": "07 Jul 1978",
     "nationality": "Saudi Arabia"},
]
RECORDS = [
    {"id": "R1", "name": "Yahya Jammeh"},
    {"id": "R2", "name": "Gulnara Karimova", "nationality": "Russia"},
    {"id": "R3", "name": "Dan Gertler", "dob": "1973", "nationality": "Israel"},
    {"id": "R4", "name": "Saud al-Qahtani", "dob": "1978"},
    {"id": "R5", "name": "Yahya Jammeh", "dob": "1931", "nationality": "Norway",
     "gender": "Female"},
]


def run(*args, code: int = 0):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output + repr(result.exception)
    return result


def said(result) -> str:
    """The output with rich's line wrapping undone."""
    return " ".join(result.output.split())


def records(rows=RECORDS):
    return gmmatch.read_records(rows)


def listed(rows=LIST):
    return gmmatch.read_records(rows)


@pytest.fixture(scope="module")
def base():
    """The pairs of the small lists without decisions."""
    return gmmatch.link(records(), listed())


def pair(result, record_id, list_id):
    rows = result.pairs[(result.pairs["record_id"] == record_id)
                        & (result.pairs["list_id"] == list_id)]
    assert len(rows) == 1, f"pair {record_id}/{list_id} not scored"
    return rows.iloc[0]


def decisions_frame(rows):
    """Decisions with the fingerprints of the current evidence (as an import would write)."""
    out = []
    for record_id, list_id, decision in rows:
        rec = next(r for r in RECORDS if r["id"] == record_id)
        ent = next(r for r in LIST if r["id"] == list_id)
        out.append({"record_id": record_id, "list_id": list_id, "decision": decision,
                    "notes": "checked", "reviewed_at": "2024-06-01T00:00:00+00:00",
                    "record_fingerprint": _fp(rec), "list_fingerprint": _fp(ent)})
    return pd.DataFrame(out)


def _fp(row):
    return fingerprint(row.get("name"), [row["dob"]] if row.get("dob") else [],
                       [row["nationality"]] if row.get("nationality") else [], "person")


# --------------------------------------------------------------------------- the grey zone


def test_grey_zone_is_the_pairs_within_grey_bits_of_the_threshold(base):
    table = review_table(base)
    weight = threshold_weight(base.threshold)
    expected = {(r, e) for r, e, p in zip(base.pairs["record_id"], base.pairs["list_id"],
                                          base.pairs["match_probability"], strict=True)
                if abs(math.log2(p / (1 - p)) - weight) <= GREY_BITS}
    assert set(zip(table["record_id"], table["list_id"], strict=True)) == expected
    assert (table["why"] == "grey zone").all()
    # at threshold 0.5 the zone is probability 0.05 to 0.95
    assert threshold_weight(0.5) == 0
    assert 0.94 < 2 ** GREY_BITS / (1 + 2 ** GREY_BITS) < 0.96


def test_the_grey_zone_judges_a_pair_by_its_probability_shared_with_competing_entries():
    # two namesakes: each looks near-certain alone, but the record is one of them at most
    listed = gmmatch.read_records([
        {"id": "L1", "name": "PETROVSKY, Arkady Ilyich", "dob": "1958", "nationality": "RU"},
        {"id": "L2", "name": "PETROVSKY, Arkady Ilyich", "dob": "1961", "nationality": "RU"}])
    records = gmmatch.read_records([{"id": "r1", "name": "Arkady Ilyich Petrovsky"}])
    shared = gmmatch.link(records, listed, threshold=0.42)
    alone = gmmatch.link(records, listed, threshold=0.42, entries_compete=False)
    weight = threshold_weight(0.42)
    # far from it on their own (about 4 bits: the same name, distinctive, nothing else known)
    assert (abs(shared.pairs["match_weight"] - weight) > 3).all()
    assert set(review_table(shared, grey_bits=3)["list_id"]) == {"L1", "L2"}
    assert review_table(alone, grey_bits=3).empty


def test_all_matches_adds_every_reported_match(base):
    table = review_table(base, all_matches=True, grey_bits=0)
    matches = set(zip(base.matches["record_id"], base.matches["list_id"], strict=True))
    assert matches and set(zip(table["record_id"], table["list_id"], strict=True)) == matches


def test_export_shows_both_sides_evidence_and_a_drop_down(base, tmp_path):
    links = tmp_path / "links.parquet"
    write_links(base, links, records=records())
    out = tmp_path / "review.xlsx"
    run("review", "export", links, "-o", out, "--all-matches", "-q")
    book = openpyxl.load_workbook(out)
    sheet = book["review"]
    header = [c.value for c in sheet[1]]
    for column in ("record_id", "list_id", "decision", "notes", "record_name", "list_name",
                   "record_dob", "list_dob", "record_nationality", "list_nationality",
                   "list_programs", "name_evidence", "dob_evidence", "country_evidence",
                   "explanation", "record_fingerprint", "list_fingerprint"):
        assert column in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(review_table(base, all_matches=True))
    by_id = {(r[0], r[1]): dict(zip(header, r, strict=True)) for r in rows}
    some = by_id[("R3", "L3")]
    assert some["list_dob"] == "23 Dec 1973" and some["record_dob"] == "1973"
    assert "date of birth" in some["explanation"]
    validation = sheet.data_validations.dataValidation
    assert len(validation) == 1
    assert validation[0].formula1 == '"match,not a match,unsure"'
    letter = openpyxl.utils.get_column_letter(header.index("decision") + 1)
    assert str(validation[0].sqref) == f"{letter}2:{letter}{len(rows) + 1}"


@pytest.mark.parametrize("suffix", LINK_FORMATS)
def test_export_reads_every_links_format(base, tmp_path, suffix):
    links = tmp_path / f"links{suffix}"
    write_links(base, links, records=records())
    result = run("review", "export", links, "-o", tmp_path / "r.xlsx", "--all-matches")
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx")["review"].iter_rows(
        min_row=2, values_only=True))
    got = {(r[0], r[1]) for r in rows}
    assert set(zip(base.matches["record_id"], base.matches["list_id"], strict=True)) <= got
    assert ("without the pairs below the threshold" in result.stdout) == (suffix != ".parquet")


# --------------------------------------------------------------------------- import


def _fill(path: Path, decisions: dict[tuple[str, str], tuple[str, str | None]]) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["review"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    for number in range(2, sheet.max_row + 1):
        key = (sheet.cell(number, 1).value, sheet.cell(number, 2).value)
        if key in decisions:
            decision, notes = decisions[key]
            sheet.cell(number, col["decision"]).value = decision
            sheet.cell(number, col["notes"]).value = notes
    book.save(path)


def test_import_writes_the_decisions_with_fingerprints(base, tmp_path):
    links = tmp_path / "links.parquet"
    write_links(base, links, records=records())
    review = tmp_path / "review.xlsx"
    run("review", "export", links, "-o", review, "--all-matches", "-q")
    _fill(review, {("R1", "L1"): ("match", "=1+1 says the press"),
                   ("R2", "L2"): ("  Not a Match ", None),
                   ("R3", "L3"): ("unsure", "ask Ana")})
    out = tmp_path / "decisions.csv"
    run("review", "import", review, "-o", out, "-q")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(DECISION_COLUMNS)
    by_pair = {(r["record_id"], r["list_id"]): r for r in rows}
    assert set(by_pair) == {("R1", "L1"), ("R2", "L2"), ("R3", "L3")}
    assert by_pair[("R1", "L1")]["notes"] == "'=1+1 says the press"    # neutralized on disk
    assert by_pair[("R2", "L2")]["decision"] == "not a match"
    table = read_decisions(out)
    assert table.set_index("record_id").loc["R1", "notes"] == "=1+1 says the press"
    for record_id, list_id in by_pair:
        row, rec = by_pair[(record_id, list_id)], next(r for r in RECORDS if r["id"] == record_id)
        assert row["record_fingerprint"] == _fp(rec)
        assert row["list_fingerprint"] == _fp(next(e for e in LIST if e["id"] == list_id))
        assert row["reviewed_at"].endswith("+00:00")
    # a second round updates the same file: the new decision replaces the old one
    _fill(review, {("R3", "L3"): ("match", None)})
    run("review", "import", review, "-o", out, "-q")
    again = read_decisions(out).set_index(["record_id", "list_id"])
    assert again.loc[("R3", "L3"), "decision"] == "match" and len(again) == 3


def test_invalid_decision_names_the_sheet_row(base, tmp_path):
    links = tmp_path / "links.parquet"
    write_links(base, links, records=records())
    review = tmp_path / "review.xlsx"
    run("review", "export", links, "-o", review, "--all-matches", "-q")
    book = openpyxl.load_workbook(review)
    book["review"].cell(3, 3).value = "maybe"
    book.save(review)
    result = run("review", "import", review, "-o", tmp_path / "d.csv", code=EXIT_UNREADABLE)
    assert "sheet 'review', row 3: decision 'maybe'" in said(result)
    assert "Traceback" not in result.output and not (tmp_path / "d.csv").exists()
    with pytest.raises(ReviewError, match="line 3: decision 'yes please'"):
        read_decisions(pd.DataFrame({"record_id": ["a", "b"], "list_id": ["1", "2"],
                                     "decision": ["match", "yes please"]}).pipe(
            lambda f: _csv(f, tmp_path / "bad.csv")))


def _csv(frame, path):
    frame.to_csv(path, index=False)
    return path


def test_import_refuses_a_workbook_that_is_not_a_review(tmp_path):
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    result = run("review", "import", other, "-o", tmp_path / "d.csv", code=EXIT_UNREADABLE)
    assert "other.xlsx: no sheet 'review'" in said(result)


# --------------------------------------------------------------------------- decisions honoured


def test_confirmed_below_threshold_reported_and_rejected_not(base):
    low, high = pair(base, "R2", "L2"), pair(base, "R3", "L3")
    assert low["match_probability"] < high["match_probability"]
    # threshold between the two pairs: R2/L2 below it, R3/L3 above
    threshold = (low["match_probability"] + high["match_probability"]) / 2
    plain = gmmatch.link(records(), listed(), threshold=threshold)
    keys = set(zip(plain.matches["record_id"], plain.matches["list_id"], strict=True))
    assert ("R3", "L3") in keys and ("R2", "L2") not in keys
    decided = gmmatch.link(records(), listed(), threshold=threshold, decisions=decisions_frame(
        [("R2", "L2", "match"), ("R3", "L3", "not a match")]))
    matches = decided.matches.set_index(["record_id", "list_id"])
    assert ("R2", "L2") in matches.index and ("R3", "L3") not in matches.index
    assert matches.loc[("R2", "L2"), "decision"] == "match"
    assert not matches.loc[("R2", "L2"), "decision_stale"]
    # everything else is as without decisions
    others = keys - {("R3", "L3")}
    assert others <= set(matches.index)
    assert "reviewed: match (2024-06-01" in decided.explain("R2", "L2")


def test_unsure_changes_nothing(base):
    decided = gmmatch.link(records(), listed(),
                           decisions=decisions_frame([("R3", "L3", "unsure")]))
    assert decided.matches[["record_id", "list_id"]].equals(base.matches[["record_id",
                                                                           "list_id"]])


def test_confirmed_pair_that_no_longer_scores_is_scored_on_its_own(base):
    assert ("R5", "L1") not in set(zip(base.pairs["record_id"], base.pairs["list_id"],
                                       strict=True))   # contradicting dob, nationality and gender
    decided = gmmatch.link(records(), listed(), decisions=decisions_frame(
        [("R5", "L1", "match")]))
    row = pair(decided, "R5", "L1")
    assert row["decision"] == "match" and row["list_name"] == "JAMMEH, Yahya"
    assert row["match_probability"] < gmmatch.link.__globals__["KEEP_AT_LEAST"]
    assert ("R5", "L1") in set(zip(decided.matches["record_id"], decided.matches["list_id"],
                                   strict=True))


def test_decision_for_a_vanished_entry_is_unapplied():
    decided = gmmatch.link(records(), listed(LIST[1:]),
                           decisions=decisions_frame([("R1", "L1", "match")]))
    assert list(decided.unapplied["list_id"]) == ["L1"]
    assert "L1" not in set(decided.pairs["list_id"])


@pytest.mark.parametrize("side", ["list", "record"])
def test_rejection_goes_stale_when_evidence_changes(base, side):
    assert pair(base, "R3", "L3")["match_probability"] >= base.threshold
    decisions = decisions_frame([("R3", "L3", "not a match")])
    same = gmmatch.link(records(), listed(), decisions=decisions)
    assert ("R3", "L3") not in set(zip(same.matches["record_id"], same.matches["list_id"],
                                       strict=True))
    new_list = [dict(e, dob="23 Dec 1974") if e["id"] == "L3" and side == "list" else e
                for e in LIST]
    new_records = [dict(r, name="Dan  GERTLER") if r["id"] == "R3" and side == "record"
                   else r for r in RECORDS]
    # case and spacing alone change nothing: the record side also moves its nationality
    if side == "record":
        new_records = [dict(r, nationality="Israel; Belgium") if r["id"] == "R3" else r
                       for r in new_records]
    changed = gmmatch.link(records(new_records), listed(new_list), decisions=decisions,
                           threshold=0.0)
    row = pair(changed, "R3", "L3")
    assert row["decision"] == "not a match" and row["decision_stale"]
    assert row["decision_changed"] == side
    assert ("R3", "L3") in set(zip(changed.matches["record_id"], changed.matches["list_id"],
                                   strict=True))
    table = review_table(changed, grey_bits=0)
    stale = table[(table["record_id"] == "R3") & (table["list_id"] == "L3")]
    assert list(stale["why"]) == ["evidence changed since the decision"]
    assert "not a match (2024-06-01" in stale.iloc[0]["previous_decision"]


def test_fingerprint_ignores_case_spacing_and_order_but_not_content():
    assert fingerprint("Dan  GERTLER", ["1973"], ["Israel", "Belgium"]) == fingerprint(
        "dan gertler", ["1973"], ["Belgium; Israel"])
    assert fingerprint("Dan Gertler", ["1973"]) != fingerprint("Dan Gertler", ["1974"])
    assert fingerprint("Dan Gertler") != fingerprint("Dan Gertlerr")


def test_decisions_survive_a_redownload_of_the_list(tmp_path):
    """Keyed on list ids and evidence: the same list in another folder changes nothing."""
    recs = EXAMPLES / "recommendations.csv"
    first = tmp_path / "2024-05-03"
    shutil.copytree(LIST_DIR, first)
    run("link", recs, "--list", first, "-o", tmp_path / "links.parquet", "-q")
    review = tmp_path / "review.xlsx"
    run("review", "export", tmp_path / "links.parquet", "-o", review, "--all-matches", "-q")
    _fill(review, {("REC-001", "95001"): ("not a match", "another Yahya Jammeh")})
    run("review", "import", review, "-o", tmp_path / "decisions.csv", "-q")
    shutil.rmtree(first)
    second = tmp_path / "fetched-again"
    shutil.copytree(LIST_DIR, second)
    result = run("link", recs, "--list", second, "--decisions", tmp_path / "decisions.csv",
                 "-o", tmp_path / "again.json", "--json")
    facts = json.loads(result.stdout)
    assert facts["decisions"] == {"applied": 1, "confirmed": 0, "rejected": 1, "unsure": 0,
                                  "stale": 0, "unapplied": 0}
    table = pd.DataFrame(json.loads((tmp_path / "again.json").read_text())["links"])
    rec1 = table[table["record_id"] == "REC-001"]
    assert list(rec1["status"]) == ["no match"]


def test_bad_decisions_file_exits_1_naming_it(tmp_path):
    bad = tmp_path / "decisions.csv"
    bad.write_text("record_id,list_id,decision\nREC-001,95001,perhaps\n", encoding="utf-8")
    result = run("link", EXAMPLES / "recommendations.csv", "--list", LIST_DIR, "--decisions",
                 bad, "-o", tmp_path / "l.csv", code=EXIT_UNREADABLE)
    assert "decisions.csv: line 2: decision 'perhaps'" in said(result)
    assert not (tmp_path / "l.csv").exists()


def test_apply_decisions_keeps_rows_and_order(base):
    out = apply_decisions(base.pairs, decisions_frame([("R1", "L1", "match")]))
    assert list(out["record_id"]) == list(base.pairs["record_id"])
    assert out["decision"].notna().sum() == 1


def test_parquet_links_keep_decisions_after_reload(base, tmp_path):
    threshold = pair(base, "R3", "L3")["match_probability"] / 2
    decided = gmmatch.link(records(), listed(), threshold=threshold,
                           decisions=decisions_frame([("R3", "L3", "not a match")]))
    write_links(decided, tmp_path / "l.parquet", records=records())
    keys = set(zip(read_links(tmp_path / "l.parquet").matches["record_id"],
                   read_links(tmp_path / "l.parquet").matches["list_id"], strict=True))
    assert ("R3", "L3") not in keys


# --------------------------------------------------------------------------- training


def test_labels_leave_unsure_out(tmp_path):
    labels = labels_from_decisions(pd.DataFrame({
        "record_id": ["a", "b", "c"], "list_id": ["1", "2", "3"],
        "decision": ["match", "not a match", "unsure"]}))
    assert labels.to_dict("list") == {"record_id": ["a", "b"], "list_id": ["1", "2"],
                                      "match": [True, False]}
    assert set(DECISIONS) == {"match", "not a match", "unsure"}


def _training_sets(tmp_path):
    """30 people on a list, the same 30 recommended with their names reordered and partial
    dates, 24 confirmed and 24 rejected pairs (each record with someone else's entry)."""
    given = ["Amara", "Bilal", "Chen", "Dmitri", "Elena", "Farid", "Goran", "Hana", "Ilse",
             "Jonas", "Kofi", "Lena", "Marek", "Nadia", "Omar", "Priya", "Quentin", "Rosa",
             "Sami", "Tariq", "Uma", "Viktor", "Wanjiru", "Xenia", "Yusuf", "Zora", "Aiko",
             "Bruno", "Carmen", "Dario"]
    family = ["Okafor", "Haddad", "Lindqvist", "Petrenko", "Moreau", "Nakamura", "Silva",
              "Kovacs", "Brennan", "Ferreira", "Mensah", "Varga", "Novak", "Rahimi", "Duarte",
              "Iyer", "Lambert", "Ortega", "Koskinen", "Aziz", "Bauer", "Sokolov", "Kamau",
              "Popescu", "Demir", "Horvat", "Tanaka", "Rossi", "Vidal", "Esposito"]
    entries, recs, rows = [], [], []
    for i, (g, f) in enumerate(zip(given, family, strict=True)):
        entries.append({"id": f"E{i}", "name": f"{f.upper()}, {g}",
                        "dob": f"{1 + i % 28:02d} Mar {1950 + i}", "nationality": "Kenya"})
        recs.append({"id": f"R{i}", "name": f"{g} {f}", "dob": str(1950 + i),
                     "nationality": "Kenya"})
    for i in range(24):
        rows.append({"record_id": f"R{i}", "list_id": f"E{i}", "decision": "match"})
        rows.append({"record_id": f"R{i}", "list_id": f"E{(i + 7) % 30}",
                     "decision": "not a match"})
    rows.append({"record_id": "R29", "list_id": "E29", "decision": "unsure"})
    pd.DataFrame(recs).to_csv(tmp_path / "recs.csv", index=False)
    pd.DataFrame(entries).to_csv(tmp_path / "list.csv", index=False)
    pd.DataFrame(rows).to_csv(tmp_path / "decisions.csv", index=False)


def test_train_re_estimates_from_decisions_and_shows_the_changes(tmp_path):
    _training_sets(tmp_path)
    result = run("train", tmp_path / "recs.csv", "--labels", tmp_path / "decisions.csv",
                 "--list", tmp_path / "list.csv", "-o", tmp_path / "model.json", "--json")
    facts = json.loads(result.stdout)
    assert facts["labels"] == 48 and facts["matches"] == 24
    assert facts["trained"]["labels"] == {"pairs": 48, "matches": 24}
    changes = pd.DataFrame(facts["changes"])
    assert changes.iloc[0]["comparison"] == "prior"
    # every confirmed pair has the same nationality: its weight must have moved
    assert (changes["change"].abs() > 1e-6).any()
    linked = gmmatch.link(gmmatch.read_records(tmp_path / "recs.csv"),
                          gmmatch.read_records(tmp_path / "list.csv"),
                          model=tmp_path / "model.json")
    assert linked.model.trained["labels"]["matches"] == 24
    prior = changes.iloc[0]["new_weight"]
    assert math.isclose(linked.model.prior_weight, prior, rel_tol=1e-9)
    table = run("train", tmp_path / "recs.csv", "--labels", tmp_path / "decisions.csv",
                "--list", tmp_path / "list.csv", "-o", tmp_path / "model2.json").stdout
    assert "old weight" in table and "new weight" in table and "model2.json" in table
    assert "prior" in table and "country" in table


def test_train_keeps_the_evidence_of_levels_its_labels_do_not_reach(tmp_path):
    # 24 confirmed matches, at one or two name levels: the others keep the order of evidence
    # of the model trained on the lists (a name inside the other with a distinctive part tells
    # more than a common name in another spelling), where from the labels alone both fell to
    # one floor and weighed by u alone, the common name then the heavier
    _training_sets(tmp_path)
    run("train", tmp_path / "recs.csv", "--labels", tmp_path / "decisions.csv",
        "--list", tmp_path / "list.csv", "-o", tmp_path / "model.json")
    trained = gmmatch.Model.load(tmp_path / "model.json")
    pairs = gmmatch.link(gmmatch.read_records(tmp_path / "recs.csv"),
                         gmmatch.read_records(tmp_path / "list.csv"),
                         model=trained, threshold=0).pairs
    confirmed = pairs[pairs.record_id.str[1:] == pairs.list_id.str[1:]]
    assert len(confirmed) == 30
    levels = ("one name inside the other, distinctive", "same name in another spelling, common")
    assert not set(levels) & set(confirmed["name_evidence"])
    for model in (default_model(), trained):
        assert model.weight("name", levels[0]) > model.weight("name", levels[1])


def test_train_refuses_bad_labels(tmp_path):
    _training_sets(tmp_path)
    (tmp_path / "decisions.csv").write_text("record_id,list_id,decision\nR1,E1,sure\n",
                                            encoding="utf-8")
    result = run("train", tmp_path / "recs.csv", "--labels", tmp_path / "decisions.csv",
                 "--list", tmp_path / "list.csv", "-o", tmp_path / "m.json",
                 code=EXIT_UNREADABLE)
    assert "decisions.csv: line 2: decision 'sure'" in said(result)
