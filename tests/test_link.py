"""link(), compare() and explanations with the shipped model, on small invented lists."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gmmatch
from gmmatch.link import (
    DEFAULT_THRESHOLD,
    KEEP_AT_LEAST,
    LinkResult,
    _features,
    _score,
    compare,
    compete,
    link,
)
from gmmatch.model import Model, default_model, engine, training
from gmmatch.model.comparisons import COMPARED_COLUMNS, COMPARISONS, MACROS, expand_macros
from gmmatch.model.engine import duckdb_connection
from gmmatch.records import RecordSet, Source

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def listed() -> gmmatch.RecordSet:
    return gmmatch.read_sdn(EXAMPLES / "sdn")


@pytest.fixture(scope="module")
def recommended() -> gmmatch.RecordSet:
    return gmmatch.read_records([
        # the invented EXAMPLOV, Ivan Petrovich (90001) written another way, given name first
        {"id": "r1", "name": "Ivan Ekzamplov", "dob": "1961", "nationality": "Russian"},
        # his company, legal form moved and translated
        {"id": "r2", "name": "OOO Fictivo Trading", "entity_type": "organization"},
        # a different person sharing only a common given name
        {"id": "r3", "name": "Ivan Kuznetsov", "dob": "12.03.1961", "nationality": "Russia"},
        # the invented AL-MITHALI, Yusuf Hassan (90003), another transliteration
        {"id": "r4", "name": "Yousef Hasan al-Mithali", "dob": "circa 1970"},
        # SQL and control characters are data, never SQL
        {"id": "r5", "name": "'; DROP TABLE list; -- \u202e\u0000 O'Brien \\ \"x\""},
    ])


@pytest.fixture(scope="module")
def result(recommended, listed) -> LinkResult:
    return link(recommended, listed)


def test_known_people_link_and_others_do_not(result: LinkResult) -> None:
    best = dict(zip(result.best().record_id, result.best().list_id, strict=True))
    assert best.get("r1") == "90001"
    assert best.get("r2") == "90002"
    assert best.get("r4") == "90003"
    assert "r3" not in best
    assert "r5" not in best


def test_matches_columns_and_order(result: LinkResult) -> None:
    matches = result.matches
    for column in ["record_id", "list_id", "match_probability", "match_weight", "record_name",
                   "list_name"]:
        assert column in matches.columns
    assert (matches.match_probability >= result.threshold).all()
    keys = list(zip(matches.record_id, -matches.match_probability, strict=True))
    assert keys == sorted(keys)
    assert result.threshold == DEFAULT_THRESHOLD
    assert set(matches["list_programs"].iloc[0]) <= {"GLOMAG", "RUSSIA-EO14024"}


def test_explain_names_every_comparison_and_adds_up(result: LinkResult) -> None:
    row = result.pairs[(result.pairs.record_id == "r1") & (result.pairs.list_id == "90001")]
    text = result.explain("r1", "90001")
    for comparison in COMPARISONS:
        # (legal forms are compared between organizations only: between two persons, unsaid)
        assert (comparison.title in text) == (comparison.applies_to in (None, "person"))
    total = default_model().prior_weight + sum(
        float(row[f"mw_{c.name}"].iloc[0]) for c in COMPARISONS)
    assert total == pytest.approx(float(row.match_weight.iloc[0]), abs=1e-6)
    assert f"{float(row.match_weight.iloc[0]):+.1f}" in text
    with pytest.raises(KeyError, match="no scored pair"):
        result.explain("r3", "90004")


def test_waterfall_is_the_explanation_in_bars_and_needs_no_network(result: LinkResult,
                                                                    tmp_path: Path) -> None:
    chart = result.waterfall("r1", "90001")
    bars = chart.chart_dict["data"]["values"]
    assert [b["column_name"] for b in bars] == (
        ["Prior"] + [c.title for c in COMPARISONS] + ["Final score"])
    row = result.pairs[(result.pairs.record_id == "r1") & (result.pairs.list_id == "90001")]
    assert sum(b["log2_bayes_factor"] for b in bars[:-1]) == pytest.approx(
        float(row.match_weight.iloc[0]), abs=1e-6)
    assert bars[-1]["log2_bayes_factor"] == pytest.approx(float(row.match_weight.iloc[0]))
    labels = {b["column_name"]: b["label_for_charts"] for b in bars}
    assert labels["name"] == result.pairs.loc[row.index[0], "name_evidence"]
    assert (bars[1]["value_l"], bars[1]["value_r"]) == (
        row.record_name.iloc[0], row.list_name.iloc[0])
    # Splink's own chart loads vega from a CDN: this one carries it
    html = chart._repr_mimebundle_()["text/html"]
    assert "vegaEmbed" in html and "cdn.jsdelivr" not in html and "<script src" not in html
    chart.save(tmp_path / "pair.html")
    assert "cdn.jsdelivr" not in (tmp_path / "pair.html").read_text()
    # every scored pair of the record, one after the other
    record_pairs = (result.pairs.record_id == "r1").sum()
    numbers = {b["record_number"] for b in result.waterfall("r1").chart_dict["data"]["values"]}
    assert numbers == set(range(record_pairs))
    with pytest.raises(KeyError, match="no scored pair"):
        result.waterfall("r1", "no-such-entry")


def test_save_and_load_keep_what_explain_needs(result: LinkResult, tmp_path: Path) -> None:
    path = result.save(tmp_path / "links.parquet")
    loaded = LinkResult.load(path)
    pd.testing.assert_frame_equal(loaded.pairs, result.pairs)
    assert loaded.explain("r1", "90001") == result.explain("r1", "90001")
    assert loaded.threshold == result.threshold
    assert loaded.model.features_key == result.model.features_key


def test_same_inputs_same_output(recommended, listed, result) -> None:
    again = link(recommended, listed)
    pd.testing.assert_frame_equal(again.pairs, result.pairs)


def test_records_scored_in_passes_give_the_same_pairs(recommended, listed, result,
                                                      monkeypatch) -> None:
    from gmmatch.model import engine

    monkeypatch.setattr(engine, "PAIRS_PER_PASS", 2)
    in_passes = link(recommended, listed)
    pd.testing.assert_frame_equal(in_passes.pairs, result.pairs)
    assert set(result.pairs.record_id) >= {"r1", "r2", "r4"}  # pairs from more than one pass


def test_a_key_too_many_entries_share_pairs_nothing_and_is_reported(monkeypatch,
                                                                     tmp_path: Path) -> None:
    from gmmatch.model import blocking

    # three listed people of one name (OFAC lists several KIM Chol)
    kims = gmmatch.read_records([
        {"id": f"k{i}", "name": "KIM Jong Chol", "dob": dob}
        for i, dob in enumerate(["1960", "12 May 1960", "1961"])
    ] + [{"id": "p1", "name": "Park Yong Su", "dob": "1970"}])
    records = gmmatch.read_records([{"id": "r1", "name": "Kim Jong Chol", "dob": "1960"},
                                    {"id": "r2", "name": "Park Yong Su", "dob": "1970"}])
    everyone = link(records, kims)
    assert everyone.crowded.empty
    assert {"k0", "k1", "k2"} <= set(everyone.pairs.list_id)

    monkeypatch.setattr(blocking, "MOST_ENTRIES", dict.fromkeys(blocking.MOST_ENTRIES, 2))
    with pytest.warns(UserWarning, match="than their blocking rule allows"):
        crowded = link(records, kims)
    # r1 meets none of the three Kims through the keys they all share; r2 is untouched
    assert not {"k0", "k1", "k2"} & set(crowded.pairs.list_id)
    assert set(crowded.best().record_id) == {"r2"}
    assert (crowded.crowded.list_entries == 3).all()
    assert set(crowded.crowded.records) == {1}
    assert {"token_pairs", "keys"} <= set(crowded.crowded.rule)
    again = LinkResult.load(crowded.save(tmp_path / "crowded.parquet"))
    pd.testing.assert_frame_equal(again.crowded, crowded.crowded, check_dtype=False)


def test_entries_that_resemble_one_record_share_its_probability() -> None:
    # two namesakes on the list, told apart by their years of birth, and one other person
    listed = gmmatch.read_records([
        {"id": "L1", "name": "PETROVSKY, Arkady Ilyich", "dob": "1958", "nationality": "RU"},
        {"id": "L2", "name": "PETROVSKY, Arkady Ilyich", "dob": "1961", "nationality": "RU"},
        {"id": "L3", "name": "ZAVARZIN, Oleg Nikolayevich", "dob": "1970"},
    ])
    records = gmmatch.read_records([
        {"id": "r1", "name": "Arkady Ilyich Petrovsky"},   # either of them, nothing tells which
        {"id": "r2", "name": "Oleg Nikolayevich Zavarzin"},  # one candidate
    ])
    shared = link(records, listed, threshold=0.0).pairs.set_index(["record_id", "list_id"])
    alone = link(records, listed, threshold=0.0, entries_compete=False).pairs.set_index(
        ["record_id", "list_id"])
    assert set(shared.index) == set(alone.index) >= {("r1", "L1"), ("r1", "L2"), ("r2", "L3")}
    pd.testing.assert_series_equal(shared.pair_probability, alone.pair_probability)
    assert (alone.match_probability == alone.pair_probability).all()
    # the namesakes: each as likely as the other, half as likely in the odds as alone
    one, two = shared.loc[("r1", "L1")], shared.loc[("r1", "L2")]
    assert one.pair_probability > 0.8 and one.match_probability == pytest.approx(
        two.match_probability)
    odds = 2 ** one.match_weight
    assert one.match_probability == pytest.approx(odds / (1 + 2 * odds))
    assert one.match_probability + two.match_probability <= 1
    # a lone candidate keeps its own probability
    assert shared.loc[("r2", "L3")].match_probability == pytest.approx(
        shared.loc[("r2", "L3")].pair_probability)
    result = link(records, listed, threshold=0.0)
    assert "competing entries: 1 other list entry" in result.explain("r1", "L1")
    assert "(list entry L2)" in result.explain("r1", "L1")
    assert "competing" not in result.explain("r2", "L3")


def test_entries_no_field_but_countries_tells_apart_do_not_compete() -> None:
    # Canada's list names Nicolas Maduro under two regulations, one giving a country
    listed = gmmatch.read_records([
        {"id": "JVCFOR-1-1", "name": "Nicolás MADURO MOROS"},
        {"id": "VENEZUELA-NA-1", "name": "Nicolás MADURO MOROS", "country": "Venezuela"},
        {"id": "VENEZUELA-NA-44", "name": "Cilia Adela FLORES DE MADURO", "country": "Venezuela"},
    ])
    records = gmmatch.read_records([{"id": "r", "name": "Nicolas Maduro Moros"}])
    pairs = link(records, listed, threshold=0.0).pairs.set_index("list_id")
    both = pairs.loc[["JVCFOR-1-1", "VENEZUELA-NA-1"]]
    # (not shared between the two, which would halve them; Cilia Flores, a candidate too, at
    # 1e-4, takes as much from them)
    assert list(both["match_probability"]) == pytest.approx(list(both["pair_probability"]),
                                                            rel=1e-3)
    assert (both["match_probability"] >= DEFAULT_THRESHOLD).all()
    # a person listed twice, under two programs, with aliases that grew apart: one candidate
    # by the primary name and the date of birth (OFAC's entries 7006 and 11744)
    twice = gmmatch.read_records([
        {"id": "7006", "name": "AWEYS, Hassan Dahir", "dob": "1935",
         "aliases": ["AWES, Shaykh Hassan Dahir"]},
        {"id": "11744", "name": "AWEYS, Hassan Dahir", "dob": "1935", "nationality": "Somalia",
         "aliases": ["AWES, Shaykh Hassan Dahir", "IBRAHIM, Sheikh Hassan Dahir Aweys",
                     "AWEYS, Hassen Dahir"]},
        {"id": "other", "name": "AWEYS, Hassan Dahir", "dob": "1965"}])
    record = gmmatch.read_records([{"id": "r", "name": "HASSAN DAHIR AWEYS", "dob": "1935"}])
    pairs = link(record, twice, threshold=0.0).pairs.set_index("list_id")
    assert (pairs.loc[["7006", "11744"], "match_probability"] > 0.9).all()
    # ... but without a date of birth, namesakes whose aliases differ compete
    twice = gmmatch.read_records([{**row, "dob": None} for row in [
        {"id": "a", "name": "KIM, Chol", "aliases": ["KIM, Chol-su"]},
        {"id": "b", "name": "KIM, Chol", "aliases": ["KIM, Chol-min"]}]])
    pairs = link(gmmatch.read_records([{"id": "r", "name": "Kim Chol"}]), twice,
                 threshold=0.0).pairs
    assert (pairs.match_probability < pairs.pair_probability).all()
    # a date of birth tells namesakes apart: they compete (test_a_records_candidates_compete)
    alike = pd.Series(["x", "x", "y"])
    frame = pd.DataFrame({"record_id": ["r"] * 3, "match_weight": [4.0, 4.0, 2.0]})
    frame["pair_probability"] = 1 / (1 + 2.0 ** -frame.match_weight)
    shared = compete(frame, alike)
    assert shared[0] == shared[1] == pytest.approx(16 / (1 + 16 + 4))
    assert shared[2] == pytest.approx(4 / (1 + 4 + 16))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.floats(-60, 60)), min_size=1,
                max_size=12), st.randoms(use_true_random=False))
def test_compete_never_raises_keeps_lone_candidates_and_order(rows, rng) -> None:
    frame = pd.DataFrame({"record_id": [r for r, _ in rows], "match_weight": [w for _, w in rows]})
    frame["pair_probability"] = 1 / (1 + 2.0 ** -frame.match_weight)
    shared = compete(frame)
    assert (shared <= frame.pair_probability + 1e-12).all()
    for _, group in frame.assign(shared=shared).groupby("record_id"):
        if len(group) == 1:
            assert group.shared.iloc[0] == pytest.approx(group.pair_probability.iloc[0],
                                                         rel=1e-9)
        counted = group[group.pair_probability >= KEEP_AT_LEAST]
        assert counted.shared.sum() <= 1 + 1e-9
        ranked = group.sort_values("match_weight")
        assert np.all(np.diff(ranked.shared.to_numpy()) >= -1e-12)
    order = list(frame.index)
    rng.shuffle(order)
    pd.testing.assert_series_equal(compete(frame.loc[order]).sort_index(), shared)


def test_threshold_filters_and_is_checked(recommended, listed) -> None:
    strict = link(recommended, listed, threshold=0.999999)
    assert len(strict.matches) <= len(link(recommended, listed, threshold=0.01).matches)
    with pytest.raises(ValueError, match="threshold"):
        link(recommended, listed, threshold=1.5)


def test_compare_scores_any_pair_and_explains() -> None:
    score = compare({"name": "Aleksandr Bortnikov", "dob": "1951"},
                    {"name": "BORTNIKOV, Alexander Vasilievich", "dob": "15 Nov 1951"})
    assert 0.5 < score.match_probability <= 1
    assert score.levels["dob"] == "same year, one side partial"
    assert "date of birth" in score.explain()
    other = compare({"name": "Aleksandr Bortnikov", "dob": "1951"},
                    {"name": "PETROV, Sergei", "dob": "02 Feb 1970"})
    assert other.match_probability < 0.01
    assert other.match_weight < score.match_weight
    # a score prints as its numbers and levels, not as the model behind it
    assert "match_probability=" in repr(score) and "token_frequencies" not in repr(score)
    assert len(repr(score)) < 400
    # names alone are records with a name and nothing else; anything else is refused
    assert compare("Aleksandr Bortnikov", {"name": "BORTNIKOV, Alexander Vasilievich"}
                   ).match_weight == compare({"name": "Aleksandr Bortnikov"},
                                             {"name": "BORTNIKOV, Alexander Vasilievich"}
                                             ).match_weight
    with pytest.raises(TypeError, match="record b is a list; expected a name, or a dict"):
        compare("Aleksandr Bortnikov", ["BORTNIKOV, Alexander Vasilievich"])


def test_full_date_is_strong_evidence_and_conflict_strong_against() -> None:
    base = {"name": "Ivan Ekzamplov"}
    same = compare({**base, "dob": "1961-03-12"}, {**base, "dob": "12 Mar 1961"})
    year = compare({**base, "dob": "1961"}, {**base, "dob": "12 Mar 1961"})
    conflict = compare({**base, "dob": "1975-08-01"}, {**base, "dob": "12 Mar 1961"})
    assert same.match_weight > year.match_weight > conflict.match_weight
    assert same.levels["dob"] == "same date"
    assert conflict.levels["dob"] == "different"


def test_a_year_apart_is_weighed_by_what_the_dates_say() -> None:
    base = {"name": "Ivan Ekzamplov"}
    listed = {**base, "dob": "12 Mar 1961"}

    def level(dob: str) -> tuple[str, float]:
        score = compare({**base, "dob": dob}, listed)
        return score.levels["dob"], score.match_weight

    typo, partial, throughout = level("12 Mar 1962"), level("1962"), level("30 Oct 1962")
    assert typo[0] == "one year apart, same day and month"            # a typo in the year
    assert partial[0] == "one year apart"                             # only a year known
    assert throughout[0] == "one year apart, another day"             # two different dates
    assert typo[1] > partial[1] > throughout[1] > level("1975")[1]
    # a year written circa is near the years two either side too; an exact one is not
    assert level("circa 1963")[0] == "one year apart"
    assert level("1963")[0] == "a few years apart"
    # further apart than an estimate or a typo takes the same person: another one, likelier
    assert level("1975")[0] == "different"
    assert level("1966")[1] > level("1975")[1]


def test_the_first_of_january_is_a_year_written_as_a_date() -> None:
    # lists write 01 Jan where only the year is known (197 of the SDN list's 6,263 exact dates)
    base = {"name": "Ivan Ekzamplov"}

    def level(a: str, b: str) -> tuple[str, float]:
        score = compare({**base, "dob": a}, {**base, "dob": b})
        return score.levels["dob"], score.match_weight

    new_year, same = level("01 Jan 1961", "1961-01-01"), level("12 Mar 1961", "1961-03-12")
    assert new_year[0] == "same 1 January" and same[0] == "same date"
    assert same[1] > new_year[1] > level("1961", "12 Mar 1961")[1]
    # against another date of that year it is a year only, not two exact dates that differ
    assert level("01 Jan 1961", "12 Mar 1961")[0] == "same year, one side partial"
    assert level("12 Jan 1961", "12 Mar 1961")[0] == "same year"
    # nor are two of them a year apart a typo in the year
    assert level("01 Jan 1962", "01 Jan 1961")[0] == "one year apart"
    assert level("12 Mar 1962", "12 Mar 1961")[0] == "one year apart, same day and month"


def test_a_person_never_links_to_a_vessel(listed) -> None:
    records = gmmatch.read_records([{"id": "v", "name": "Example Star"}])
    assert link(records, listed).pairs.query("list_id == '90005'").empty


def test_a_typo_early_in_a_word_still_reaches_scoring() -> None:
    """One part equal and the other's last three letters (`suffix_pairs`): with a common equal
    part and a short word, no other rule pairs *Mohammad Oreno* with MORENO, Mohammad (the
    list's other Mohammads make the name common, as on a real list)."""
    model = default_model()
    others = ["AHMADI", "KARIMI", "RAHIMI", "JAFARI", "SALEHI"]
    listed = gmmatch.read_records([{"id": "l1", "name": "MORENO, Mohammad"},
                                   {"id": "l2", "name": "MORENO, Luis"}]
                                  + [{"id": f"o{i}", "name": f"{surname}, Mohammad"}
                                     for i, surname in enumerate(others)])
    records = gmmatch.read_records([{"id": "r1", "name": "Mohammad Oreno"}])
    scored, _ = _score(_features(records, model), _features(listed, model), model,
                       min_probability=0, engine="duckdb")
    assert list(scored.list_id) == ["l1"]


def test_records_that_block_with_nothing_give_an_empty_result(listed, result) -> None:
    records = gmmatch.read_records([{"id": "z", "name": "Qwyxz Vbnmk"}])
    nothing = link(records, listed)
    assert nothing.pairs.empty and nothing.matches.empty and nothing.best().empty
    assert list(nothing.pairs.columns) == list(result.pairs.columns)


def test_model_file_round_trip_and_validation(tmp_path: Path) -> None:
    model = default_model()
    path = model.save(tmp_path / "model.json")
    loaded = Model.load(path)
    assert loaded.levels == model.levels
    assert loaded.name_variants == model.name_variants and loaded.name_variants["kadafa"]
    data = json.loads(path.read_text())
    data["splink"]["comparisons"][0]["comparison_levels"].pop(1)
    (tmp_path / "bad.json").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="retrain the model"):
        Model.load(tmp_path / "bad.json")
    with pytest.raises(ValueError, match="not a gmmatch model"):
        Model.from_dict({"splink": {}})


def test_the_model_files_splink_settings_stand_on_their_own(listed) -> None:
    """DuckDB links run the levels with gmmatch's macros; the settings written to a model file
    have them written out, and score every pair as the macros do."""
    settings = default_model().splink_settings()
    conditions = [level["sql_condition"] for c in settings["comparisons"]
                  for level in c["comparison_levels"]]
    assert not any(macro.name in sql for macro in MACROS for sql in conditions)
    assert any(macro.call in level.sql for macro in MACROS for c in COMPARISONS
               for level in c.levels)
    features = _features(listed, default_model())
    with duckdb_connection() as con:
        con.register("f", features)
        columns = ", ".join(f"{side}.{c} AS {c}_{side}" for c in COMPARED_COLUMNS
                            for side in "lr")
        pairs = f"SELECT {columns} FROM f l, f r"
        def case(comparison, expand) -> str:
            whens = " ".join(f"WHEN {expand(level.sql)} THEN '{level.label}'"
                             for level in comparison.levels if level.sql != "ELSE")
            return f"CASE {whens} ELSE 'else' END"

        for comparison in COMPARISONS:
            as_run, written_out = case(comparison, str), case(comparison, expand_macros)
            same = con.sql(f"SELECT count(*), count(*) FILTER (WHERE {as_run} = {written_out}) "
                           f"FROM ({pairs})").fetchall()[0]
            assert same == (len(listed) ** 2, len(listed) ** 2), comparison.name


def test_the_shipped_scoring_sql_is_what_splink_writes_for_the_shipped_model() -> None:
    """A first link reads the shipped model's scoring SQL rather than having Splink write it
    again (a fifth of a second): the file must be what Splink writes for that model now."""
    model = default_model()
    key, writers, shipped = engine.shipped_scoring_sql()
    assert key == engine.scoring_key(model), (
        "src/gmmatch/model/default_scoring.sql is stale: run "
        "benchmarks/train_default_model.py --scoring-sql")
    if writers == engine._writers():
        assert engine.scoring_sql(model) is shipped

    def lines(sql: str) -> list[str]:
        # (Splink lists a join's columns in the order of a set: the same lines, in any order)
        return sorted(line.rstrip(",") for line in sql.splitlines())

    assert lines(shipped) == lines(engine._splink_scoring_sql(model))


def test_another_models_scoring_sql_is_written_for_it() -> None:
    model = default_model()
    model.prior = 0.001
    assert engine.scoring_key(model) != engine.scoring_key(default_model())
    sql = engine.scoring_sql(model)
    assert sql != engine.shipped_scoring_sql()[2]
    assert repr(math.log2(0.001 / 0.999))[:8] in sql


def test_default_threshold_is_the_models(result) -> None:
    assert default_model().threshold == DEFAULT_THRESHOLD


def test_similar_name_parts_are_a_typo_apart_not_a_shared_beginning() -> None:
    # Jaro-Winkler, used before, put Dmitry beside Dmitrievich and Reza beside Rouzbeh
    for record, entry in [("Dmitry Berezin", "BEREZIN, Fyodor Dmitrievich"),
                          ("Reza Zahedi", "ZAHEDI, Rouzbeh")]:
        score = compare({"name": record}, {"name": entry})
        assert score.levels["name"] == "one distinctive part shared", (record, entry)
        assert score.match_probability < DEFAULT_THRESHOLD
    # ... and missed a typo in the first letter
    typo = compare({"name": "Hermis Chipping", "entity_type": "organization"},
                   {"name": "HERMIS SHIPPING SA", "entity_type": "organization"})
    assert typo.levels["name"] == "every part similar, distinctive"
    assert typo.match_probability >= DEFAULT_THRESHOLD


def test_a_typo_is_one_edit_as_written_and_a_swap_of_two_letters_is_one_typo() -> None:
    # variant keys widen some typos (`igaravahk` and `igaravac`; `trang` and `tradang`): the
    # parts as written are one edit apart
    for record, entry, kind in [
        ("Andrey Igoryevihc KISLOV", "KISLOV, Andrey Igoryevich", None),
        ("Evgeny Evgenievich MACRHENKO", "MARCHENKO, Evgeny Evgenievich", None),
        ("Samir KISKH", "KISHK, Samir", None),
    ]:
        score = compare({"name": record, "entity_type": kind}, {"name": entry, "entity_type": kind})
        assert score.levels["name"].startswith("every part similar"), (record, entry)
    # (between organizations the whole name as written is one typo from the other's, a level
    # before the parts' common one)
    org = {"entity_type": "organization"}
    assert compare({**org, "name": "KARA INDUSTRIAL TRAING GMBH"},
                   {**org, "name": "KARA INDUSTRIAL TRADING GMBH"}
                   ).levels["name"] == "organization name one typo apart"
    # two swaps in a part of five letters are two typos
    assert compare({"name": "Samir KSIKH"}, {"name": "KISHK, Samir"}
                   ).levels["name"] == "common parts shared"


def test_two_common_given_names_one_edit_apart_are_two_names_not_a_typo() -> None:
    # Muhammad and Mahmud are one edit apart as variant keys, and both common: another person
    other = compare({"name": "Muhammad AL-RAHHAL"}, {"name": "RAHHAL, Mahmud"})
    assert other.levels["name"] == "one distinctive part shared"
    assert other.match_probability < DEFAULT_THRESHOLD
    # a typo makes a word no listed name has: still a typo
    typo = compare({"name": "Mahmdu AL-RAHHAL"}, {"name": "RAHHAL, Mahmud"})
    assert typo.levels["name"].startswith("every part similar")
    # one common name, the other carried by a few listed entries: two names still (Hassan and
    # Dushan, `hasan` and `dasan`; Soltani and Sultan), where a typo of the rare one is a typo
    for record, entry in [("Hassan PEROVIC", "PEROVIC, Dushan"),
                          ("Mohammad SOLTANI", "SULTAN, Mohammad")]:
        other = compare({"name": record, "dob": "1960"}, {"name": entry, "dob": "1960"})
        assert not other.levels["name"].startswith("every part similar"), (record, entry)
        assert other.match_probability < DEFAULT_THRESHOLD, (record, entry)
    typo = compare({"name": "Duhsan PEROVIC"}, {"name": "PEROVIC, Dushan"})
    assert typo.levels["name"].startswith("every part similar")
    # between organizations, two common words one edit apart are one word (a plural)
    org = {"entity_type": "organization"}
    plural = compare({**org, "name": "SHIRAZ ELECTRONIC INDUSTRIES"},
                     {**org, "name": "SHIRAZ ELECTRONICS INDUSTRIES"})
    assert plural.levels["name"] == "organization name one typo apart"
    plural = compare({**org, "name": "SHIRAZ ELECTRONIC INDUSTRIES GROUP"},
                     {**org, "name": "SHIRAZ ELECTRONICS INDUSTRIAL GROUP"})
    assert plural.levels["name"].startswith("every part similar")


def test_similar_parts_come_from_one_name_of_each_side() -> None:
    listed = {"name": "SHAHRIYARI, Behnam", "entity_type": "person",
              "aliases": ["MARALLU, Behnam Shahriyari", "MIR VAKILI, Seyed Ali Akbar"]}
    # Ali from one alias, Moretti close to Marallu of another: no one name holds both
    pooled = compare({"name": "Ali Moretti", "entity_type": "person"}, listed)
    assert not pooled.levels["name"].startswith("every part similar")
    assert pooled.match_probability < 0.01
    # within one alias a typo is still a typo
    typo = compare({"name": "Behnam Maralul", "entity_type": "person"}, listed)
    assert typo.levels["name"].startswith("every part similar")


def test_a_word_of_any_length_may_carry_a_typo_beside_words_that_are_equal() -> None:
    org = {"entity_type": "organization"}
    short_typo = compare({**org, "name": "NW LINE EXCHANGE TRUST CO."},
                         {**org, "name": "NEW LINE EXCHANGE TRUST CO."})
    # (the whole name as written one typo from the other's, a level tried before the parts')
    assert short_typo.levels["name"] == "organization name one typo apart, in a short word"
    # two short words off are not a part's typo (the whole name, 27 characters, may hold two)
    two_off = compare({**org, "name": "NW LIME EXCHANGE TRUST CO."},
                      {**org, "name": "NEW LINE EXCHANGE TRUST CO."})
    assert not two_off.levels["name"].startswith("every part similar")
    three_off = compare({**org, "name": "NW LIME EXCHANGE TRUST CO."},
                        {**org, "name": "NEW LINE EXCHANGE TRUSTS CO."})
    assert not three_off.levels["name"].startswith("every part similar")
    assert three_off.match_weight < short_typo.match_weight
    # a person's short name part, beside two parts equal: a typo no listed name has...
    for record, entry in [("Igrr Mikhailovich STRAMILOV", "STRAMILOV, Igor Mikhailovich"),
                          ("Tewolde Hbte NEGASH", "NEGASH, Tewolde Habte")]:
        typo = compare({"name": record, "dob": "1970"}, {"name": entry, "dob": "12 May 1970"})
        assert typo.levels["name"] == "every part similar, distinctive", record
        assert typo.match_probability >= DEFAULT_THRESHOLD, record
    # ... but short given names one letter apart that lists carry are other names
    people = compare({"name": "Hani Reza AHMADI"}, {"name": "AHMADI, Hadi Reza"})
    assert people.levels["name"] == "parts shared, others differ"
    # and beside one equal part, not even a typo
    one_equal = compare({"name": "Igrr STRAMILOV"}, {"name": "STRAMILOV, Igor"})
    assert not one_equal.levels["name"].startswith("every part similar")


def test_numbers_one_digit_apart_are_other_identifiers_not_typos() -> None:
    aircraft = {"entity_type": "aircraft"}
    other_tail = compare({**aircraft, "name": "RA-82041"}, {**aircraft, "name": "RA-82011"})
    assert not other_tail.levels["name"].startswith("every part similar")
    assert other_tail.match_probability < DEFAULT_THRESHOLD
    # the same with a letter apart is a typo
    typo = compare({**aircraft, "name": "ANTONOV RA-82041"},
                   {**aircraft, "name": "ANTOMOV RA-82041"})
    assert typo.levels["name"].startswith("every part similar")
    # an organization's name one typo from the other's beside the same number is a typo; with
    # another number, another organization
    org = {"entity_type": "organization"}
    same_number = compare({**org, "name": "MINING ENTRPRISE NO 1"},
                          {**org, "name": "MINING ENTERPRISE NO 1"})
    assert same_number.levels["name"] == "organization name one typo apart"
    assert same_number.match_probability >= DEFAULT_THRESHOLD
    for other in ("MINING ENTERPRISE NO 2", "MINING ENTRPRISE NO 11", "MINING ENTERPRISE NO 1A"):
        score = compare({**org, "name": other}, {**org, "name": "MINING ENTERPRISE NO 1"})
        assert "typo" not in score.levels["name"], other
        assert score.match_probability < DEFAULT_THRESHOLD, other


@pytest.mark.parametrize("record, entry", [
    # French writes Russian ш and Arabic ش `ch`, English `sh`
    ("Sergueï Kojouguetovitch Choïgou", "SHOIGU, Sergei Kuzhugetovich"),
    ("Nikolaï Patrouchev", "PATRUSHEV, Nikolai Platonovich"),
    ("Mikhaïl Michoustine", "MISHUSTIN, Mikhail Vladimirovich"),
    ("Rachid Hicham Bachir", "BASHIR, Rashid Hisham"),
    # and س `c` before e, i (ق `k`)
    ("Mokhtar Belkacem", "BELQASIM, Mokhtar"),
    ("Abdelkader Hocine", "HUSSEIN, Abdelkader"),
    # German writes Russian х `ch`, й `j`, з `s` (between vowels), English `kh`, `y`, `z`
    ("Michail Mischustin", "MISHUSTIN, Mikhail Vladimirovich"),
    ("Sergei Tschemesow", "CHEMEZOV, Sergei"),
    ("Pjotr Olegowitsch Awen", "AVEN, Petr Olegovich"),
    # and ж `sch`, as ш; ц `z`, и before е `ij`, в `w`
    ("Jewgeni Prigoschin", "PRIGOZHIN, Yevgeniy Viktorovich"),
    ("Alexander Scharow", "ZHAROV, Alexander Alexandrovich"),
    ("Walentina Matwijenko", "MATVIYENKO, Valentina Ivanovna"),
    ("Leonid Sluzki", "SLUTSKY, Leonid Eduardovich"),
    # Czech and ISO 9 write ш, ж, ч and й `š`, `ž`, `č` and `j`; Polish ш, ч `sz`, `cz`
    ("Jevgenij Prigožin", "PRIGOZHIN, Yevgeniy Viktorovich"),
    ("Giennadij Timczenko", "TIMCHENKO, Gennady Nikolayevich"),
    ("Wiktor Janukowycz", "YANUKOVYCH, Viktor Fedorovych"),
    ("Milo Đukanović", "DJUKANOVIC, Milo"),
    # Spanish writes х and خ `j`
    ("Mijaíl Mishustin", "MISHUSTIN, Mikhail Vladimirovich"),
    # Gulf, Iraqi, Sudanese and Libyan Arabic say ق `g`, and their writers write it so; Persian
    # says ق and غ alike and writes both `gh` or `q` (and the lists may write either)
    ("Gais al-Khazali", "AL-KHAZALI, Qais"),
    ("Tarig Aziz", "AZIZ, Tariq"),
    ("Hossein Dehqan", "DEHGHAN, Hossein"),
    ("Ghasem Rezaei", "REZAEI, Qasem"),
    ("Mohammad Qolami", "GHOLAMI, Mohammad"),
])
def test_other_languages_spellings_meet_the_english_ones(record, entry) -> None:
    score = compare({"name": record}, {"name": entry})
    assert score.levels["name"].startswith(("same name", "one name inside")), record
    assert score.match_probability >= DEFAULT_THRESHOLD, record


def test_a_name_read_another_way_is_still_compared_as_written() -> None:
    # Pawel is German: the name is also read the German way, its `ch` as `kh`. Pooled with
    # the parts as written, *Georgyevikh* was one more part the entry should hold, and the
    # surname's typo then left it "common parts shared"
    score = compare({"name": "Topuzidris, Pawel Georgyevich"},
                    {"name": "TOPUZIDIS, Pavel Georgievich"})
    assert score.levels["name"].startswith("every part similar")
    # German writes с and з `s` before a consonant: *Kusnezow* is Kuznetsov, *Koslow* Kozlov
    for record, entry in [("Stanislaw Kusnezow", "KUZNETSOV, Stanislav Konstantinovich"),
                          ("Sergej Koslow", "KOZLOV, Sergey Mikhaylovich")]:
        score = compare({"name": record, "nationality": "Russia"},
                        {"name": entry, "nationality": "Russia"})
        assert score.match_probability >= DEFAULT_THRESHOLD, record


def test_a_middle_name_written_as_its_initial_is_a_middle_name_dropped() -> None:
    entry = {"name": "KADYROV, Ramzan Akhmatovich", "entity_type": "person"}
    score = compare({"name": "Ramzan A. Kadyrov"}, entry)
    assert score.levels["name"] == "one name inside the other, distinctive"
    assert score.match_probability >= DEFAULT_THRESHOLD
    # an initial the list writes, and two the record writes
    assert compare({"name": "Maher Mutreb"}, {"name": "MUTREB, Maher Abdulaziz M."}
                   ).levels["name"] == "one name inside the other, distinctive"
    assert compare({"name": "Yahya A.J.J. Jammeh"}, {"name": "JAMMEH, Yahya Abdul-Aziz Jemus"}
                   ).levels["name"].startswith("one name inside the other")
    # but an initial that begins none of the parts the entry spells out is another name
    other = compare({"name": "Ramzan N. Kadyrov"}, entry)
    assert not other.levels["name"].startswith(("one name inside", "same name"))
    assert other.match_probability < 0.01
    # a company's initials spell its name
    assert compare({"name": "A.B.C. Trading", "entity_type": "organization"},
                   {"name": "ABC TRADING", "entity_type": "organization"}
                   ).match_probability >= DEFAULT_THRESHOLD


def test_a_q_read_as_g_is_another_spelling_of_a_word_not_another_word() -> None:
    # Haqqanin (a typo) read with a g is Haghanian, a listed name: were the reading another
    # part of the name, "every part similar" would ask the entry to hold a part close to it too
    entry = {"name": "HAQQANI, Yahya", "aliases": ["HAQQANI, Yaya"], "dob": ["1982", "1978"]}
    score = compare({"name": "Haqqanin, Iaya", "dob": "1978"}, entry)
    assert score.levels["name"].startswith("every part similar")


def test_a_hong_kong_national_is_chinese() -> None:
    # the SDN list writes `nationality Hong Kong` for Hong Kong's officials, a letter China
    official = {"name": "LEE, John Ka-chiu", "nationality": "Hong Kong"}
    score = compare({"name": "John Lee Ka-chiu", "nationality": "China"}, official)
    assert score.levels["country"] == "same nationality"
    assert score.match_probability >= DEFAULT_THRESHOLD
    # Taiwan's people are not taken for China's, nor the other way round
    taiwan = compare({"name": "John Lee Ka-chiu", "nationality": "Taiwan"},
                     {**official, "nationality": "China"})
    assert taiwan.levels["country"] == "different nationalities"


def test_a_j_is_a_consonant() -> None:
    # English writes j for ج (Sajjad); read as a y, Sajjad was Said and Saeed
    score = compare({"name": "Sajjad Rahimi"}, {"name": "RAHIMI, Saeed"})
    assert not score.levels["name"].startswith(("same name", "one name inside"))
    assert score.match_probability < DEFAULT_THRESHOLD
    assert compare({"name": "Sajad Rahimi"}, {"name": "RAHIMI, Sajjad"}).match_probability \
        >= DEFAULT_THRESHOLD


def test_chinese_ch_and_sh_stay_apart() -> None:
    # Chen and Shen are two surnames: a Chinese name has no French reading
    score = compare({"name": "Chen Wei"}, {"name": "SHEN, Wei"})
    assert not score.levels["name"].startswith("same name")
    assert score.match_probability < DEFAULT_THRESHOLD


def test_a_chinese_name_in_an_unrecognized_romanization_meets_its_listed_spelling() -> None:
    # Liou (French) is not taken for Chinese, LIU is: the listed name's plain key meets it
    score = compare({"name": "Baoxia Liou", "dob": "1970"}, {"name": "LIU, Baoxia", "dob": "1970"})
    assert score.levels["name"] == "same name in another spelling, distinctive"
    assert score.match_probability >= DEFAULT_THRESHOLD


def test_organization_names_one_distinctive_word_or_three_common_ones() -> None:
    org = {"entity_type": "organization"}
    # a legal form misspelt by one letter is still a legal form
    misspelt = compare({**org, "name": "LIMITED LIABILITIY COMPANY SMARTMET"},
                       {**org, "name": "SMARTMET LLC"})
    assert misspelt.levels["name"] == "same name, distinctive"
    # words added to a one-word name (a branch, a place): the one-word name stands inside it
    one_word = compare({**org, "name": "SMARTMET TORGOVYI DOM"},
                       {**org, "name": "SMARTMET LLC"})
    assert one_word.levels["name"] == "organization name of one word inside the other"
    # a person's surname alone is not a name inside another
    surname = compare({"name": "Smartmet Holding"}, {"name": "SMARTMET, Ivan"})
    assert surname.levels["name"] == "one distinctive part shared"
    assert surname.match_weight < one_word.match_weight
    # three common words in common tell between organizations, not between people: a level
    # of their own, weaker than a rare word (Foreign Trade Bank also stands inside the name
    # of other banks) and stronger than common words alone
    words = compare({**org, "name": "IRAN AIRCRAFT INDUSTRIAL COMPANIY"},
                    {**org, "name": "IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY"})
    assert words.levels["name"] == "organization name inside the other, three common words"
    rare_word = compare({**org, "name": "SMARTMET AIRCRAFT INDUSTRIAL CO"},
                        {**org, "name": "SMARTMET AIRCRAFT MANUFACTURING INDUSTRIAL CO"})
    assert rare_word.levels["name"] == "one name inside the other, distinctive"
    two_words = compare({**org, "name": "IRAN AIRCRAFT CO"},
                        {**org, "name": "IRAN AIRCRAFT MANUFACTURING CO"})
    assert two_words.levels["name"] == "one name inside the other, common"
    assert (two_words.match_weight < words.match_weight < rare_word.match_weight)
    people = compare({"name": "Mohammed Ali Hasan"}, {"name": "HASAN, Muhammad Ali"})
    assert people.levels["name"] == "same name in another spelling, common"


def test_legal_forms_tell_two_companies_of_one_name_apart() -> None:
    org = {"entity_type": "organization"}
    # a joint-stock company and a limited liability company of one name: two companies
    jsc = compare({**org, "name": "JOINT STOCK COMPANY RADIOPRIBORSNAB"},
                  {**org, "name": "LIMITED LIABILITY COMPANY RADIOPRIBORSNAB"})
    assert jsc.levels["legal_form"] == "different legal forms"
    assert jsc.match_probability < DEFAULT_THRESHOLD
    assert "legal form" in jsc.explain()
    # an OOO is as often called a Ltd as an LLC; AO and JSC are one form in two languages
    for record, listed in [("OOO Radiopriborsnab", "RADIOPRIBORSNAB LTD"),
                           ('AO "Radiopriborsnab"', "JSC RADIOPRIBORSNAB")]:
        same = compare({**org, "name": record}, {**org, "name": listed})
        assert same.levels["legal_form"] == "same legal form", record
        assert same.match_probability > jsc.match_probability
        assert same.match_probability >= DEFAULT_THRESHOLD
    # Co. and Corp. go with any form, and a name without one says nothing
    for record in ("Radiopriborsnab Co.", "Radiopriborsnab"):
        unknown = compare({**org, "name": record}, {**org, "name": "JSC RADIOPRIBORSNAB"})
        assert unknown.levels["legal_form"] == "no legal form", record
    # persons have no legal form, even with a name part that is one elsewhere (Sa)
    person = compare({"name": "Moussa Sa", "entity_type": "person"},
                     {"name": "SA, Moussa", "entity_type": "person"})
    assert person.levels["legal_form"] == "no legal form"
    assert "legal form" not in person.explain()


def test_two_common_parts_rarely_carried_together_are_distinctive_between_persons() -> None:
    # Rosario and Murillo are each on a dozen listed entries, together on one
    rare_pair = compare({"name": "Rosario Murillo"},
                        {"name": "MURILLO DE ORTEGA, Rosario Maria"})
    assert rare_pair.levels["name"] == "one name inside the other, distinctive"
    assert rare_pair.match_probability >= DEFAULT_THRESHOLD
    # Ali is on hundreds: Ali and Khamenei meeting on a few entries tells little
    common_part = compare({"name": "Ali Khamenei"}, {"name": "KHAMENEI, Ali Husseini"})
    assert common_part.levels["name"] == "one name inside the other, common"
    assert common_part.match_weight < rare_pair.match_weight
    # not between organizations, whose words combine freely (their rule: three words shared)
    org = {"entity_type": "organization"}
    words = compare({**org, "name": "PARS PETROCHEMICAL CO"},
                    {**org, "name": "PARS PETROCHEMICAL SHIPPING CO"})
    assert not words.levels["name"].endswith("distinctive")


def test_three_words_each_equal_or_a_typo_are_distinctive_between_organizations() -> None:
    org = {"entity_type": "organization"}
    listed = {**org, "name": "MICRO ELECTRONICS TECHNOLOGIES PTE LTD"}
    typos = compare({**org, "name": "Mmicro Electronics Tetchnloogies Pte Ltd"}, listed)
    assert typos.levels["name"] == "every part similar, distinctive"
    assert typos.match_probability >= DEFAULT_THRESHOLD
    # a word more: a longer name holding three close words is another company more often
    longer = compare({**org, "name": "Micro Electronics Tetchnloogies Group"}, listed)
    assert longer.levels["name"] == "every part similar, common"
    # two words the lists carry, a letter apart, are two names (Karimi, Kazemi), not a typo
    two_names = compare({**org, "name": "Shahid Karimi Grup"},
                        {**org, "name": "SHAHID KAZEMI GROUP"})
    assert two_names.levels["name"] == "every part similar, common"
    # and persons' names keep their own rule
    persons = compare("Jamal Hussein Tetchnloogies", "JAMAL HUSSEIN TECHNOLOGIES")
    assert persons.levels["name"] == "every part similar, common"


def test_a_reading_never_makes_a_name_rarer() -> None:
    # French writes sh as ch: so read, Sanchez is Sansez, a spelling no listed entry carries,
    # while Sanchez is on 34. Two recommendations that both read it share no rare part, and
    # compare() says of them what link() says of a list's Luis Fernando Sanchez Arellano
    both_read = compare("Luis Sanchez Arellano", "Luis Fernando Sanchez Arellano")
    assert both_read.levels["name"] == "one name inside the other, common"
    listed = RecordSet.from_rows([{"id": "1", "name": "SANCHEZ ARELLANO, Luis Fernando"}], [],
                                 Source(None, "a list", "test"))
    linked = gmmatch.link(gmmatch.read_records([{"id": "r", "name": "Luis Sanchez Arellano"}]),
                          listed, threshold=0.0).pairs
    assert linked["name_evidence"].tolist() == [both_read.levels["name"]]
    # read as Belarusian writes it, the common Vladimirovna is the unlisted Uladzimirawna
    olga = _features(gmmatch.read_records([{"id": "r", "name": "Olga Vladimirovna Skabeyeva"}]),
                     default_model()).to_pylist()[0]
    assert {"vladamaravna", "uladzamaravna"} <= set(olga["tokens"])
    assert olga["rare_tokens"] == ["skabava"] and olga["unknown_tokens"] == []
    # and a pair with a read part as the pair it read: Igor Rotenberg read as Belarusian writes
    # it, Ihar Rotenberg, is on no entry, but Igor is on many; written Ihar, it is rare
    pairs = [_features(gmmatch.read_records([{"id": "r", "name": name}]),
                       default_model()).to_pylist()[0]["rare_pairs"]
             for name in ("Igor Rotenberg", "Ihar Rotenberg")]
    assert pairs == [[], ["ihar ratanbarg"]]


def test_a_recommendation_name_field_with_an_acronym_or_aka_meets_the_listed_names() -> None:
    org = {"entity_type": "organization"}
    acronym = compare({**org, "name": "Xinjiang Production and Construction Corps (XPCC)"},
                      {**org, "name": "XINJIANG PRODUCTION AND CONSTRUCTION CORPS"})
    assert acronym.levels["name"] == "same name, distinctive"
    aka = compare({"name": "Kadyrov, Ramzan a.k.a. Ramzan Akhmatovich Kadyrov"},
                  {"name": "KADYROV, Ramzan Akhmatovich"})
    assert aka.levels["name"].startswith("same name")
    # an official list's brackets belong to its name: the branch is not the committee
    branch = gmmatch.read_records([{"id": "b", "name": "IMAM KHOMEINI RELIEF COMMITTEE",
                                    "entity_type": "organization"}])
    listed = RecordSet.from_rows([{"id": "1", "name": "IMAM KHOMEINI RELIEF COMMITTEE (LEBANON "
                                   "BRANCH)", "entity_type": "organization"}], [],
                                 Source(None, "a list", "test"))
    assert listed.table["names_norm"].to_pylist() == [
        ["imam khomeini relief committee lebanon branch"]]
    pairs = gmmatch.link(branch, listed, threshold=0.0).pairs
    assert not pairs["name_evidence"].str.startswith("same name").any()


def test_a_date_of_birth_spread_over_a_decade_is_no_evidence_either_way() -> None:
    listed = {"name": "MAHMOUD, Ali Hassan", "dob": "1963"}
    decade = compare({"name": "Ali Hassan Mahmoud", "dob": "1960s"}, listed)
    other_decade = compare({"name": "Ali Hassan Mahmoud", "dob": "1980s"}, listed)
    assert decade.levels["dob"] == other_decade.levels["dob"] == "no date"
    # a few years still are: early 1960s is 1960 to 1963
    early = compare({"name": "Ali Hassan Mahmoud", "dob": "early 1960s"}, listed)
    assert early.levels["dob"] == "same year, one side partial"
    assert early.match_weight > decade.match_weight


def test_a_chinese_name_in_han_characters_meets_its_pinyin() -> None:
    # read as written in Pinyin, surname first and the given name one word: the same name
    score = compare({"name": "陈全国"}, {"name": "CHEN, Quanguo", "dob": "1955"})
    assert score.levels["name"] == "same name, distinctive"
    # a surname the recognizer of romanized Chinese names does not list
    assert compare({"name": "霍流军"}, {"name": "HUO, Liujun"}).levels["name"].startswith(
        "same name,")
    assert score.match_probability >= DEFAULT_THRESHOLD


def test_a_typo_in_a_one_word_name_still_reaches_scoring() -> None:
    # no name part is equal: only the rare part's one-letter deletions put the pair together
    records = gmmatch.read_records([{"id": "r", "name": "PSLYNAR COMPANY",
                                     "entity_type": "organization"}])
    entries = gmmatch.read_records([{"id": "e", "name": "POLYNAR COMPANY",
                                     "entity_type": "organization"}])
    pairs = link(records, entries).pairs
    assert list(zip(pairs.record_id, pairs.list_id, strict=True)) == [("r", "e")]


@pytest.mark.parametrize("record, entry, entity_type", [
    # the variant keys are two edits apart (`uranavska`, `varanavska`), the words one
    ("Anatoliy OORONOVSKIY", "VORONOVSKIY, Anatoliy", "person"),
    # a word of six letters, and its key shorter still (`magan`, `magafan`)
    ("MEGAON PAO", "MEGAFON PAO", "organization"),
])
def test_a_typo_the_variant_key_widens_still_reaches_scoring(record, entry, entity_type) -> None:
    records = gmmatch.read_records([{"id": "r", "name": record, "entity_type": entity_type}])
    entries = gmmatch.read_records([{"id": "e", "name": entry, "entity_type": entity_type}])
    pairs = link(records, entries).pairs
    assert list(zip(pairs.record_id, pairs.list_id, strict=True)) == [("r", "e")]


@pytest.mark.parametrize("record, entry, entity_type", [
    # a typo in the middle of a short word leaves no three letters of either end, and the key
    # widens it (`hal`, `hatal`): only the name less a letter (`hoel plaza`) meets
    ("Hoeel Plaza", "HOTEL PLAZA", "organization"),
    # a word of four letters, beside a common one
    ("Madi KHAN", "KHAN, Mali", "person"),
    ("JM ROYA", "JM TROYA", "organization"),
])
def test_a_typo_in_a_short_name_still_reaches_scoring(record, entry, entity_type) -> None:
    records = gmmatch.read_records([{"id": "r", "name": record, "entity_type": entity_type}])
    entries = gmmatch.read_records([{"id": "e", "name": entry, "entity_type": entity_type}])
    pairs = link(records, entries, threshold=0.0).pairs
    assert list(zip(pairs.record_id, pairs.list_id, strict=True)) == [("r", "e")]


def test_a_word_many_entries_carry_is_common_not_crowded() -> None:
    # six entries carry MOSKVA: its one-letter deletions pair nothing, and that is no warning
    # (the record meets them through the variant key, `maskva`, all the same)
    # (a legal form and a country in common keep each pair at about 3%, above the 1% under
    # which link() keeps no pair: one distinctive part shared alone is at the edge of it)
    company = {"entity_type": "organization", "country": "Russia"}
    entries = gmmatch.read_records([
        {"id": f"e{i}", "name": f"{word} MOSKVA LLC", **company}
        for i, word in enumerate(["Almaz", "Bereg", "Volna", "Gorod", "Dvina", "Eltsa"])])
    records = gmmatch.read_records([{"id": "r", "name": "MOSKVVA FOODS LLC", **company}])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = link(records, entries)
    assert result.crowded.empty
    assert len(result.pairs) == 6


def test_a_name_in_arabic_script_meets_its_romanization() -> None:
    listed = {"name": "AL-TIKRITI, Saddam Hussein", "dob": "28 Apr 1937"}
    arabic = compare({"name": "صدام حسين التكريتي", "dob": "1937"}, listed)
    assert arabic.levels["name"] == "same name in another script"
    assert arabic.match_probability >= gmmatch.DEFAULT_THRESHOLD
    assert "script" in arabic.explain()
    # Persian, with its long vowels written and an article joined to a word
    persian = compare({"name": "قاسم سليماني"}, {"name": "SOLEIMANI, Qasem"})
    assert persian.levels["name"] == "same name in another script"
    # other consonants, or a single part, are not enough
    other = compare({"name": "صدام حسين التكريتي", "dob": "1937"},
                    {"name": "AL-TIKRITI, Barzan Ibrahim Hasan", "dob": "17 Feb 1951"})
    assert other.levels["name"] != "same name in another script"
    assert other.match_probability < 0.01
    one_part = compare({"name": "صدام"}, {"name": "SADDAM, Ali"})
    assert one_part.levels["name"] != "same name in another script"


def test_a_name_in_arabic_script_inside_a_longer_romanized_name_is_weaker_evidence() -> None:
    # Jamal Mustafa: its two parts are in the five of AL-TIKRITI, Jamal Mustafa Abdallah
    # Sultan, but the name is MOUSTFA, Djamel's
    inside = compare({"name": "جمال مصطفى"},
                     {"name": "AL-TIKRITI, Jamal Mustafa Abdallah Sultan"})
    same = compare({"name": "جمال مصطفى"}, {"name": "MOUSTFA, Djamel"})
    assert inside.levels["name"] == "name in another script inside the other"
    assert same.levels["name"] == "same name in another script"
    assert inside.match_weight < same.match_weight
    result = link(gmmatch.read_records([{"id": "r", "name": "جمال مصطفى"}]),
                  gmmatch.read_records([
                      {"id": "tikriti", "name": "AL-TIKRITI, Jamal Mustafa Abdallah Sultan"},
                      {"id": "moustfa", "name": "MOUSTFA, Djamel"}]))
    assert result.best().list_id.tolist() == ["moustfa"]


def test_a_hyphenated_compound_meets_the_same_compound_written_as_one_word() -> None:
    listed = {"name": "ABDOLLAHPOUR, Mohammad"}
    score = compare({"name": "Mohammad ABDOLLAH-POUR"}, listed)
    # (common, not distinctive: the joined word is not among the record's parts, whose rarity
    # makes a name distinctive)
    assert score.levels["name"] == "same name in another spelling, common"
    assert compare({"name": "SHARIF-ZADEH, Ali"}, {"name": "Ali Sharifzadeh"}).levels["name"] \
        .startswith("same name in another spelling")
    # written apart without a hyphen, the parts are two words (a given name and a surname?)...
    apart = compare({"name": "Mohammad Abdollah Khan"}, {"name": "ABDOLLAHKHAN, Mohammad"})
    assert not apart.levels["name"].startswith("same name")
    # ... unless the second is a Persian suffix of compound surnames, which joins the first
    # (the SDN list writes one person ZABIH POUR and ZABIHPOUR)
    suffix = compare({"name": "Mohammad Abdollah Pour"}, listed)
    assert suffix.levels["name"] == score.levels["name"]


@pytest.mark.parametrize(("record", "entry", "level"), [
    # Persian compound given names joined or not (before: one distinctive part shared, 0.009)
    ("Mohammadreza Naqdi", "NAQDI, Mohammad Reza", "same name in another spelling, distinctive"),
    ("Aliakbar Velayati", "VELAYATI, Ali Akbar", "same name in another spelling, distinctive"),
    # a letter typed across the space (before: different names, never scored)
    ("Bahawa lKHAN", "KHAN, Bahawal", "same name in another spelling, common"),
])
def test_a_name_spaced_otherwise_meets_its_listed_spelling(record, entry, level) -> None:
    assert compare({"name": record}, {"name": entry}).levels["name"] == level
    # the letters as written, not only their keys: a consonant across a joint stays two
    assert not compare({"name": "Muhammad Dawud"}, {"name": "AWAD, Muhammad"}).levels[
        "name"].startswith("same name")


# (name in Arabic script as the UN list writes it, its romanization as the SDN list does)
@pytest.mark.parametrize(("arabic", "latin"), [
    ("عزت ابراهيم الدوري", "AL-DURI, Izzat Ibrahim"),             # words beginning with a vowel
    ("طه ياسين رمضان الجزراوي", "AL-JIZRAWI, Taha Yassin Ramadan"),  # ط and ه are not `th`
    ("مزاحم صعب حسن التكريتي", "AL-TIKRITI, Muzahim Sa'b Hassan"),  # ز and ح are not `zh`
    ("عبد الرحمن ياسين", "YASIN, Abdul Rahman"),                  # a compound written as one word
    ("ساجدة خير الله طلفاح", "TILFAH, Sajida Khayrallah"),       # الله joined to its part
    ("نصیر الدین حقانی", "HAQQANI, Nasiruddin"),                 # Persian letters, assimilated al-
    ("محمد بن عمر", "OMAR, Mohamed Ben"),                         # a particle
    ("معمر القذافي", "GADDAFI, Muammar"),                         # qaf as g
])
def test_arabic_script_names_meet_their_usual_romanizations(arabic, latin) -> None:
    assert compare({"name": arabic}, {"name": latin}).levels["name"] == \
        "same name in another script"


def _invented_words(count: int, seed: int) -> list[str]:
    """Invented words of four syllables (no listed name carries them: rare), no two with the
    same consonants (variant keys fold vowels: such words would be one name respelt)."""
    rng = np.random.default_rng(seed)
    consonants, vowels = list("bdfgklmnprstvz"), list("aeiou")
    words: dict[str, str] = {}
    while len(words) < count:
        skeleton = "".join(rng.choice(consonants, 4))
        words.setdefault(skeleton, "".join(c + rng.choice(vowels) for c in skeleton))
    return sorted(words.values())


@pytest.mark.parametrize("differing", [0.2, 0.8])
def test_train_counts_the_u_of_legal_forms_where_names_resemble(differing) -> None:
    # 150 pairs of companies whose names are one inside the other, a share `differing` of them
    # of different legal forms (a joint-stock company and a limited one), the others of one
    # (LLC and Ltd), among 800 unrelated companies half joint-stock, half limited liability:
    # u of 'different legal forms' is that share, not the random pairs' (about a half)
    words = _invented_words(2 * 150 + 2 * 800, seed=5)
    rows = []
    for n in range(150):
        first, second = words[2 * n], words[2 * n + 1]
        other = "JSC" if n < differing * 150 else "LTD"
        rows += [{"id": f"f{n}a", "name": f"{first} {second} LLC"},
                 {"id": f"f{n}b", "name": f"{first} {second} Trading {other}"}]
    for n in range(800):
        first, second = words[300 + 2 * n], words[301 + 2 * n]
        rows.append({"id": f"s{n}", "name": f"{first} {second} {('JSC', 'LLC')[n % 2]}"})
    listed = RecordSet.from_rows([{**row, "entity_type": "organization"} for row in rows], [],
                                 Source(None, "invented companies", "sdn"))
    trained = gmmatch.train(listed, listed, sample=100_000)
    u_different = trained.levels["legal_form"]["different legal forms"]["u"]
    assert u_different == pytest.approx(differing, abs=0.02)
    # the levels no pair of this list reaches (persons' dates of birth, weak aliases) keep
    # the shipped model's u, and the model says which
    shipped = default_model()
    kept = trained.trained["u_kept_from_base"]
    assert "dob: same date" in kept and "name: weak alias" in kept
    assert trained.levels["dob"]["same date"]["u"] == shipped.levels["dob"]["same date"]["u"]


def test_the_u_of_name_levels_counts_only_pairs_blocking_can_make() -> None:
    # 60 invented persons, two of them namesakes, and 60 vessels named like persons: the
    # namesakes are 2 of the 60 x 59 ordered pairs of persons, not of all 120 x 119 pairs (a
    # vessel is never paired with a person), and a vessel and a person of one name are none
    words = _invented_words(2 * 60, seed=3)
    persons = [{"id": f"p{n}", "name": f"{words[2 * n]} {words[2 * n + 1]}",
                "entity_type": "person"} for n in range(60)]
    persons[1]["name"] = persons[0]["name"]
    vessels = [{"id": f"v{n}", "name": persons[n]["name"], "entity_type": "vessel"}
               for n in range(60)]
    listed = RecordSet.from_rows(persons + vessels, [], Source(None, "invented", "sdn"))
    model = default_model()
    with duckdb_connection() as con:
        table = engine.features(con, listed.table, "listed", model)
        u, _ = training.estimate_u(con, table, table, sample=50_000, seed=1, same_list=True)
    level = compare(persons[0], persons[1], model=model).levels["name"]
    assert level == "same name, distinctive"
    assert u["name"][level] == pytest.approx(2 / (60 * 59), rel=0.01)


def test_random_pairs_draw_every_pair_alike() -> None:
    # 12 entries, 132 ordered pairs of two: each drawn about 60,000 / 132 times. The first
    # sampler drew one pair in four of a list of a multiple of four entries (36 here)
    with duckdb_connection() as con:
        con.execute("CREATE TABLE entries AS SELECT 'e' || i AS unique_id FROM range(12) t(i)")
        counts = [n for (n,) in con.sql(
            "SELECT count(*) FROM ("
            + training.random_pairs_sql("entries", "entries", 60_000, 7, exclude_same_id=True)
            + ") GROUP BY id_l, id_r").fetchall()]
    assert len(counts) == 132
    expected = sum(counts) / 132
    assert all(abs(n - expected) < 5 * expected ** 0.5 for n in counts)


def test_the_u_of_nationality_counts_pairs_of_two_persons() -> None:
    # 40 persons, half Russian and half Iranian, and 160 Russian companies: two random persons
    # share a nationality half the time, whatever the companies (which have countries but no
    # nationality) do to the share of all pairs; counted over all pairs, it was under a tenth
    words = _invented_words(2 * 200, seed=5)
    persons = [{"id": f"p{n}", "name": f"{words[2 * n]} {words[2 * n + 1]}",
                "entity_type": "person", "nationality": [("Russia", "Iran")[n % 2]]}
               for n in range(40)]
    companies = [{"id": f"c{n}", "name": f"{words[2 * n]} {words[2 * n + 1]} LLC",
                  "entity_type": "organization", "country": ["Russia"]} for n in range(40, 200)]
    listed = RecordSet.from_rows(persons + companies, [], Source(None, "invented", "sdn"))
    with duckdb_connection() as con:
        table = engine.features(con, listed.table, "listed", default_model())
        u, _ = training.estimate_u(con, table, table, sample=200_000, seed=1, same_list=True)
    assert u["country"]["same nationality"] == pytest.approx(19 / 39, abs=0.02)
    assert u["country"]["different nationalities"] == pytest.approx(20 / 39, abs=0.02)


def test_spellings_the_lists_write_for_one_another_are_one_name() -> None:
    # Mykhajlovych and Mikhailovich (`mahajlavac`, `mahalavac`), two spellings of one
    # patronymic, a typo apart as variant keys, as Muhammad and Mahmud are, and three letters
    # apart as written; but the lists' aliases write one for the other, so they are one name
    # respelt, not two names. (Not Siarhei and Sergei, this test's pair until session 30: the
    # lists' forms of East Slavic given names and patronymics are read as one another now,
    # `names.east_slavic_reading`.)
    shipped = default_model()
    unaware = Model(prior=shipped.prior, levels=shipped.levels, threshold=shipped.threshold,
                    token_frequencies=shipped.token_frequencies)
    record, entry = {"name": "Ivan Mykhajlovych PAULOV"}, {"name": "PAULOV, Ivan Mikhailovich"}
    assert [compare(record, entry, model=model).levels["name"] for model in (shipped, unaware)
            ] == ["every part similar, distinctive", "parts shared, others differ, distinctive"]
    # Gaddafi and Qadhafi need no variant: a q is also read as the g others write for it
    record, entry = {"name": "Muammar Gaddafi", "dob": "1942"}, {"name": "QADHAFI, Muammar",
                                                                  "dob": "1942"}
    for model in (shipped, unaware):
        score = compare(record, entry, model=model)
        assert score.levels["name"] == "same name in another spelling, common"
        assert score.match_probability >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(("record", "entry", "level"), [
    # a typo that keys wide (fiannce `fank`, finance `fanank`) beside a common word, and one
    # that writes another listed word (Chipping, Shipping): before, "every part similar,
    # common", under the threshold with nothing else known
    ("Haleel Fiannce Ltd", "HALEEL FINANCE LTD", "organization name one typo apart"),
    ("ORIENT CHIPPING LIMITED", "ORIENT SHIPPING LIMITED", "organization name one typo apart"),
    # two typos in a long name
    ("Southpotr Managment Services Limited", "SOUTHPORT MANAGEMENT SERVICES LIMITED",
     "organization name one typo apart"),
    # two from 16 characters, in words of five letters or more; two letters swapped twice
    ("Falcon Aviaton Servces", "FALCON AVIATION SERVICES", "organization name one typo apart"),
    ("Wahsington Tradnig Ltd", "WASHINGTON TRADING LTD", "organization name one typo apart"),
    # a misspelt legal form the reader does not correct (Lt: a letter dropped) stays a word of
    # the name, which then holds the other's: before, "organization name inside the other,
    # three common words"
    ("Syrrian Company For Metals And Investments Lt",
     "SYRIAN COMPANY FOR METALS AND INVESTMENTS LTD",
     "organization name one typo apart, in a short word"),
    # a typo in a short word is a level below: Sima and Sina Shipping are two listed companies
    ("SIMA SHIPPING COMPANY LIMITED", "SINA SHIPPING COMPANY LIMITED",
     "organization name one typo apart, in a short word"),
    # a name of under twelve characters, one typo in a word of five letters or more (a letter
    # dropped, two swapped across the middle, where no five letters at either end hold)
    ("Savng Bank", "SAVING BANK", "short organization name one typo apart"),
    ("Rusknosalt", "RUSKONSALT", "short organization name one typo apart"),
    ("Suplnka Srl", "SUPLINKA SRL", "short organization name one typo apart"),
])
def test_an_organization_name_one_typo_from_another(record, entry, level) -> None:
    def company(name: str) -> dict:
        return {"name": name, "entity_type": "organization"}

    score = compare(company(record), company(entry))
    assert score.levels["name"] == level
    weights = {lv: default_model().weight("name", lv) for lv in (
        "organization name one typo apart", "organization name one typo apart, in a short word",
        "short organization name one typo apart", "every part similar, common",
        "organization name inside the other, three common words")}
    assert weights[level] > weights["every part similar, common"]
    assert weights[level] > weights["organization name inside the other, three common words"]
    if level != "organization name one typo apart, in a short word":
        assert score.match_probability >= DEFAULT_THRESHOLD
        assert weights[level] > weights["organization name one typo apart, in a short word"]


@pytest.mark.parametrize(("record", "entry", "kinds"), [
    # a short name's typo in a word of four letters or fewer (VEB and VTB Leasing, both listed)
    ("Veb Leasing", "VTB LEASING", ("organization", "organization")),
    # names of six characters or fewer: acronyms, a letter apart (NIORDC and NIOPDC, both
    # listed, as the aliases of two companies)
    ("NIORDC", "NIOPDC", ("organization", "organization")),
    # two typos in a short name, and in a short word of a name under 24 characters
    ("Ruskonsallt", "RUSKONSAT", ("organization", "organization")),
    ("Sky Zonne Toading Fze", "SKY ZONE TRADING FZE", ("organization", "organization")),
    # a digit apart is another vessel, another number
    ("FU YUAN YU 8692", "FU YUAN YU 8662", ("organization", "organization")),
    # three typos (the misspelt legal form aside)
    ("Haleeel Fianncee Lttd", "HALEEL FINANCE LTD", ("organization", "organization")),
    # persons' typos are judged part by part (`_two_names`): Yong and Myong Chol KIM
    ("KIM, Myong Chol Sung", "KIM, Yong Chol Sung", ("person", "person")),
])
def test_names_that_are_not_an_organization_name_one_typo_from_another(record, entry,
                                                                      kinds) -> None:
    score = compare({"name": record, "entity_type": kinds[0]},
                    {"name": entry, "entity_type": kinds[1]})
    assert "typo apart" not in score.levels["name"]


def test_name_variants_are_parts_many_entries_write_for_one_another() -> None:
    words = _invented_words(40, seed=13)
    rows = [  # Bavoka, on 8 entries; Bevoda, on 3, two of which also write it Bavoka
        *({"id": f"k{n}", "name": f"{words[n]}, Bavoka"} for n in range(6)),
        *({"id": f"v{n}", "name": f"{words[10 + n]}, Bevoda",
           "aliases": [f"{words[10 + n]}, Bavoka"]} for n in range(2)),
        {"id": "d", "name": f"{words[20]}, Bevoda"},
        # Kumero, on 9 entries; one of them also written Kumelo (one entry is no rule)
        *({"id": f"m{n}", "name": f"{words[21 + n]}, Kumero"} for n in range(8)),
        {"id": "m9", "name": f"{words[30]}, Kumero", "aliases": [f"{words[30]}, Kumelo"]},
        # two names of one person that differ in two parts say nothing of either
        *({"id": f"t{n}", "name": f"{words[31 + n]}, Tabuko Ralife",
           "aliases": [f"{words[31 + n]}, Tapuko Ralibe"]} for n in range(2)),
    ]
    listed = RecordSet.from_rows([{**row, "entity_type": "person"} for row in rows], [],
                                 Source(None, "invented persons", "sdn"))
    frequencies = training.token_frequencies([listed.table], keep_above=6)
    assert training.name_variants([listed.table], frequencies) == {
        "bavada": ["bavaka"], "bavaka": ["bavada"]}
    # Bevoda is on 3 entries: two writing it Bavoka are 2/3 of them; with a share of
    # three quarters asked, they are not enough
    assert training.name_variants([listed.table], frequencies, share_at_least=0.75) == {}
    # a model trained on the list learns them: Bevoda is no longer two names with Bavoka
    trained = gmmatch.train(listed, listed)
    assert trained.name_variants["bavada"] == ["bavaka"]
    assert trained.name_variants["hamsa"] == default_model().name_variants["hamsa"]


def test_name_variants_leave_out_the_parts_only_a_q_read_as_g_writes() -> None:
    # every name with a q has its g reading among its keys: a variant of it is no list's
    # spelling (Qasem would be a variant of Gasem on every entry writing it)
    words = _invented_words(10, seed=17)
    rows = [{"id": f"q{n}", "name": f"{words[n]}, Qasem"} for n in range(4)]
    # two entries write Qaboli and Gaboli, both: that one the lists wrote
    rows += [{"id": f"g{n}", "name": f"{words[4 + n]}, Qaboli",
              "aliases": [f"{words[4 + n]}, Gaboli"]} for n in range(2)]
    listed = RecordSet.from_rows([{**row, "entity_type": "person"} for row in rows], [],
                                 Source(None, "invented persons", "sdn"))
    frequencies = training.token_frequencies([listed.table], keep_above=6)
    assert training.name_variants([listed.table], frequencies) == {
        "gabala": ["kabala"], "kabala": ["gabala"]}


def test_names_a_trained_list_carries_are_names_not_typos_of_one_another() -> None:
    # Bavoka (on eight entries, common) and Bevoda (on one): two given names of the list, two
    # letters apart as written and one as variant keys (`bavaka`, `bavada`). Unknown to the
    # shipped model, Bevoda reads as a typo of Bavoka; a model trained on the list knows both
    words = _invented_words(10, seed=11)
    rows = [{"id": f"k{n}", "name": f"{words[n]}, Bavoka"} for n in range(8)]
    rows.append({"id": "d", "name": f"{words[8]}, Bevoda"})
    listed = RecordSet.from_rows([{**row, "entity_type": "person"} for row in rows], [],
                                 Source(None, "invented persons", "sdn"))
    trained = gmmatch.train(listed, listed)
    assert trained.token_frequencies["bavaka"] == 8 and trained.token_frequencies["bavada"] == 1
    record, entry = {"name": f"Bevoda {words[0]}"}, {"name": f"{words[0]}, Bavoka"}
    assert compare(record, entry).levels["name"].startswith("every part similar")
    assert compare(record, entry, model=trained).levels["name"] == "one distinctive part shared"


def test_ukrainian_belarusian_and_russian_given_names_link_across_the_three(tmp_path) -> None:
    """A list writes a person in Russian, Ukrainian or Belarusian, a letter in another (Canada's
    regulations on Ukraine: *Ihor PLOTNYTSKY*, *Oleh VASIN*; the press: Igor, Oleg)."""
    listed = [("Ihor Venedyktovych PLOTNYTSKY", "PLOTNYTSKY, Ihor Venedyktovych"),
              ("Mykola Ivanovych KOZITSYN", "KOZITSYN, Mykola Ivanovych"),
              ("Uladzimir MAKEI", "MAKEI, Uladzimir"),
              ("Nikolai Yanovich AZAROV", "AZAROV, Nikolai Yanovich"),
              ("Grigory PETRENKO", "PETRENKO, Grigory"),
              ("Igor Aleksandrovich KOVALENKO", "KOVALENKO, Igor Aleksandrovich")]
    (tmp_path / "SDN.CSV").write_text("".join(
        f'{90100 + i},"{name}","individual","UKRAINE-EO13660",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        '-0- ,-0- \n' for i, (_, name) in enumerate(listed)))
    sanctions = gmmatch.read_sdn(tmp_path)
    records = gmmatch.read_records([
        {"id": "plotnytsky", "name": "Igor Plotnitsky"},
        {"id": "kozitsyn", "name": "Nikolai Kozitsyn"},
        {"id": "makei", "name": "Vladimir Makei"},
        {"id": "azarov", "name": "Mykola Azarov"},
        {"id": "petrenko", "name": "Hryhoriy Petrenko"},
        # and the patronymic: Oleksandrovych, Aleksandrovich
        {"id": "kovalenko", "name": "Ihor Oleksandrovych Kovalenko"},
        # one given name read another way, the surname another person's
        {"id": "other", "name": "Oleh Kozitsky"},
    ])
    best = link(records, sanctions).best()
    best = dict(zip(best.record_id, best.list_id, strict=True))
    assert best == {"plotnytsky": "90100", "kozitsyn": "90101", "makei": "90102",
                    "azarov": "90103", "petrenko": "90104", "kovalenko": "90105"}
    # an official list's names are not read another way: the reading is the letter's
    assert not any(sanctions.table["read_keys"].to_pylist())
