"""The Spark engine scores exactly as the DuckDB engine: same pairs, same levels, same weights.

Runs Spark in local mode (`local[2]`, loopback only) in one session for the module; skipped,
saying why, when pyspark or Java is absent. Inputs: the examples and fixtures (aliases, partial
and approximate dates, Cyrillic and Arabic names), recommendation-style records generated from
them by benchmarks/evaluation.py, and, when ../shared/data is present, slices of the real SDN
and UN lists.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
import sqlglot

import gmmatch
from gmmatch.link import DEFAULT_THRESHOLD, _features, _score, link
from gmmatch.model import default_model
from gmmatch.model.comparisons import COMPARISONS
from gmmatch.records import SCHEMA, RecordSet, Source

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "tests" / "fixtures"

sys.path.insert(0, str(ROOT / "benchmarks"))
from evaluation import build_evaluation  # noqa: E402

_JAVA = shutil.which("java") or (os.environ.get("JAVA_HOME") and
                                 Path(os.environ["JAVA_HOME"], "bin", "java").exists())
spark_needed = pytest.mark.skipif(
    importlib.util.find_spec("pyspark") is None or not _JAVA,
    reason="pyspark (pip install 'gmmatch[spark]') or Java 17+ not installed: Spark not tested",
)

# pyspark 4.3 warns that it does not yet support pandas 3 fully; what it converts here (strings,
# floats) is checked by the assertions themselves
pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning:pyspark",
                                        "ignore:The copy keyword is deprecated")

#: DuckDB-only spellings that must not survive translation to Spark SQL.
DUCKDB_ONLY = ("list_has_any", "list_intersect", "list_has_all", "list_bool_or",
               "list_bool_and", "list_transform", "list_max", "list_filter",
               "string_split", "lambda ", "&&")


def test_every_level_translates_to_spark_sql() -> None:
    from gmmatch.model.spark_engine import translate_sql

    for comparison in COMPARISONS:
        for level in comparison.levels:
            spark_sql = translate_sql(level.sql)
            lowered = spark_sql.lower()
            assert not [w for w in DUCKDB_ONLY if w in lowered], (comparison.name, spark_sql)
            if level.sql != "ELSE":
                # and it survives the re-parse Splink's Spark backend does on every query
                sqlglot.parse_one(spark_sql, read="spark")


def test_len_is_size_of_a_list_and_length_of_a_string() -> None:
    from gmmatch.model.spark_engine import translate_sql

    depths = {"tokens": 1, "key_tokens": 2, "gender": 0}
    assert translate_sql("len(tokens_l) = 1", depths) == "SIZE(tokens_l) = 1"
    assert translate_sql("len(gender_l) = 1", depths) == "LENGTH(gender_l) = 1"
    nested = translate_sql("list_bool_or(list_transform(key_tokens_l, lambda a: len(a) > 1 "
                           "AND len(a[1]) > 3))", depths)
    assert nested == ("ARRAY_MAX(TRANSFORM(key_tokens_l, a -> SIZE(a) > 1 "
                      "AND LENGTH(TRY_ELEMENT_AT(a, 1)) > 3))")
    with pytest.raises(ValueError, match="list or a string"):
        translate_sql("len(unknown_l) > 0", depths)


# --- inputs -----------------------------------------------------------------------------------

def _small_lists() -> list[RecordSet]:
    return [gmmatch.read_sdn(ROOT / "examples" / "sdn"),
            gmmatch.read_sdn(FIXTURES / "fetch" / "SDN.CSV"),
            gmmatch.read_un(FIXTURES / "un" / "consolidated_sample.xml"),
            gmmatch.read_canada(FIXTURES / "canada" / "sema-lmes_sample_2024-01-31.xml")]


def _rows(sets: list[RecordSet]) -> list[dict]:
    rows = []
    for n, rs in enumerate(sets):
        for row in rs.table.select(SCHEMA.names).to_pylist():
            rows.append({**row, "id": f"{n}-{row['id']}"})
    return rows


def _generated(entries: list[dict], seeds: range, **sizes) -> list[dict]:
    """Recommendation-style records written from `entries` (aliases, respellings, typos,
    partial dates, Cyrillic), one batch per seed, ids made unique."""
    records = []
    for seed in seeds:
        ev = build_evaluation(entries, seed=seed, **sizes)
        records += [{**r, "id": f"s{seed}-{r['id']}"} for r in ev.records]
    return records


def _fixture_records() -> list[dict]:
    tables = [gmmatch.read_records(ROOT / "examples" / "recommendations.csv"),
              gmmatch.read_records(FIXTURES / "records" / "multiscript_utf8.csv"),
              gmmatch.read_records(FIXTURES / "records" / "latin_utf8.csv")]
    return _rows(tables)


@pytest.fixture(scope="module")
def spark_cwd(tmp_path_factory) -> Path:
    """The working directory the module's Spark session is started from."""
    return tmp_path_factory.mktemp("spark-cwd")


@pytest.fixture(scope="module")
def spark(spark_cwd):
    from gmmatch.model.spark_engine import local_session

    # (the JVM keeps the working directory it was launched from)
    here = os.getcwd()
    os.chdir(spark_cwd)
    try:
        with local_session() as session:
            os.chdir(here)
            yield session
    finally:
        os.chdir(here)


def _compare(records: RecordSet, listed: RecordSet, spark, *, every_pair: bool = False):
    model = default_model()
    left, right = _features(records, model), _features(listed, model)
    on_duckdb, _ = _score(left, right, model, min_probability=0, engine="duckdb",
                          every_pair=every_pair)
    on_spark, _ = _score(left, right, model, min_probability=0, engine="spark", spark=spark,
                         every_pair=every_pair)
    return on_duckdb.merge(on_spark, on=["record_id", "list_id"], how="outer",
                           suffixes=("_duckdb", "_spark"), indicator=True)


def _assert_same(joined: pd.DataFrame) -> None:
    """Same pairs, same level of every comparison, probabilities within 1e-3."""
    assert (joined["_merge"] == "both").all(), joined[joined["_merge"] != "both"].head()
    for comparison in COMPARISONS:
        column = f"mw_{comparison.name}"
        differ = (joined[f"{column}_duckdb"] - joined[f"{column}_spark"]).abs() > 1e-9
        assert not differ.any(), joined[differ].head()
    gap = (joined["match_probability_duckdb"] - joined["match_probability_spark"]).abs()
    assert not (gap > 1e-3).any(), joined[gap > 1e-3].head()


# --- the engines agree ------------------------------------------------------------------------

@spark_needed
def test_every_level_agrees_on_every_pair(spark) -> None:
    """The whole cross product, not only blocked pairs: every level of every comparison is
    reached on both engines by the same pairs."""
    # (companies listed, for an organization's name one typo from another's as written, in a
    # long word, in a short one, and in a short name: `left`, `right`, `substring`,
    # `contains`, `least`, `BETWEEN`)
    listed_rows = _rows(_small_lists()) + [
        {"id": f"typo-{n}", "name": name, "entity_type": "organization"}
        for n, name in enumerate(["FICTIVO HOLDINGS LIMITED", "SIMA SHIPPING COMPANY LIMITED",
                                  "RUSKONSALT"])]
    # (organizations of every legal-form family: every pair meets one form or another)
    forms = [{"id": f"form-{n}", "name": name, "entity_type": "organization"}
             for n, name in enumerate(["AO Fictivo Trading", "Fictivo Trading Ltd",
                                       "Fictivo Trading FZE", "Fictivo Trading GmbH & Co. KG",
                                       "Fictivo Holdimgs Limited",
                                       "Sina Shipping Company Limited", "Rusknosalt"])]
    records = RecordSet.from_rows(
        _fixture_records() + forms + _generated(listed_rows, range(4), positives=40,
                                                held_out=5, invented=10),
        [], Source(None, "test records", "records"))
    listed = RecordSet.from_rows(listed_rows, [], Source(None, "small lists", "sdn"))
    joined = _compare(records, listed, spark, every_pair=True)
    assert len(joined) == len(records) * len(listed)
    _assert_same(joined)
    reached = {c.name: set(joined[f"mw_{c.name}_spark"].round(6)) for c in COMPARISONS}
    # the inputs are rich enough to exercise the name levels (at least 8 distinct weights)
    assert len(reached["name"]) >= 8 and len(reached["dob"]) >= 5
    # and every level of legal forms: none, the same, different
    assert len(reached["legal_form"]) == 3
    # dates of birth a few years apart and further (a lambda in a lambda, and `abs`)
    model = default_model()
    assert {round(model.weight("name", level), 6) for level in (
        "organization name one typo apart", "organization name one typo apart, in a short word",
        "short organization name one typo apart")} <= reached["name"]
    assert {round(model.weight("dob", level), 6) for level in ("a few years apart",
                                                              "different")} <= reached["dob"]


@spark_needed
def test_names_in_arabic_script_score_alike(spark) -> None:
    """The abjad level (three nested lambdas over lists of lists) on both engines."""
    source = Source(None, "test", "records")
    records = RecordSet.from_rows(
        [{"id": "r1", "name": "صدام حسين التكريتي"}, {"id": "r2", "name": "قاسم سليماني"},
         {"id": "r3", "name": "علي حسن المجيد التكريتي"}], [], source)
    listed = RecordSet.from_rows(
        [{"id": "l1", "name": "AL-TIKRITI, Saddam Hussein"},
         {"id": "l2", "name": "SOLEIMANI, Qasem", "aliases": ["Qasim Sulaymani"]},
         {"id": "l3", "name": "AL-MAJID, Ali Hassan"},
         {"id": "l4", "name": "صدام حسين", "aliases": ["Saddam Husayn"]},
         {"id": "l5", "name": "AL-TIKRITI, Saddam Hussein Abd al-Majid"}], [], source)
    joined = _compare(records, listed, spark, every_pair=True)
    _assert_same(joined)

    def at(level: str) -> set:
        weight = default_model().weight("name", level)
        rows = joined[(joined["mw_name_spark"] - weight).abs() < 1e-9]
        return set(zip(rows.record_id, rows.list_id, strict=True))

    assert at("same name in another script") >= {("r1", "l1"), ("r2", "l2")}
    assert ("r1", "l5") in at("name in another script inside the other")
    # and blocking (abjad_pairs against skeleton_pairs) lets the same pairs through
    blocked = _compare(records, listed, spark)
    _assert_same(blocked)
    assert {("r1", "l1"), ("r2", "l2")} <= set(zip(blocked.record_id, blocked.list_id,
                                                   strict=True))


@spark_needed
def test_a_name_read_another_way_is_compared_name_by_name_alike(spark) -> None:
    """The name by name test of "every part similar" for names with readings (a lambda over
    lists of lists, behind `has_readings`), and initials, on both engines."""
    # (and a person's initials: `initials`, `left` in a lambda over a one-element list)
    records = RecordSet.from_rows(
        [{"id": "r1", "name": "Topuzidris, Pawel Georgyevich"},
         {"id": "r2", "name": "Sergej Koslow"}, {"id": "r3", "name": "Ramzan A. Kadyrov"},
         {"id": "r4", "name": "Ramzan N. Kadyrov"}], [], Source(None, "test", "records"))
    listed = RecordSet.from_rows(
        [{"id": "l1", "name": "TOPUZIDIS, Pavel Georgievich"},
         {"id": "l2", "name": "KOZLOV, Sergey Mikhaylovich"},
         {"id": "l3", "name": "KADYROV, Ramzan Akhmatovich"}], [], Source(None, "test", "sdn"))
    joined = _compare(records, listed, spark, every_pair=True)
    _assert_same(joined)
    similar = {round(default_model().weight("name", level), 6) for level in (
        "every part similar, distinctive", "every part similar, common")}
    row = joined[(joined.record_id == "r1") & (joined.list_id == "l1")].iloc[0]
    assert round(row["mw_name_spark"], 6) in similar
    inside = round(default_model().weight("name", "one name inside the other, distinctive"), 6)
    initials = joined[joined.list_id == "l3"].set_index("record_id")["mw_name_spark"].round(6)
    assert initials["r3"] == inside and initials["r4"] != inside


@spark_needed
def test_link_gives_the_same_matches_on_both_engines(spark) -> None:
    listed = RecordSet.from_rows(_rows(_small_lists()), [], Source(None, "small lists", "sdn"))
    records = gmmatch.read_records(
        _fixture_records() + _generated(_rows(_small_lists()), range(40), positives=40,
                                        held_out=5, invented=10))
    assert len(records) >= 1000
    on_duckdb = link(records, listed)
    on_spark = link(records, listed, engine="spark", spark=spark)
    key = ["record_id", "list_id"]
    assert on_spark.matches[key].equals(on_duckdb.matches[key])
    assert len(on_duckdb.matches) > 100
    gap = (on_spark.matches["match_probability"] - on_duckdb.matches["match_probability"]).abs()
    assert gap.max() <= 1e-3


@spark_needed
@pytest.mark.realdata
def test_same_pairs_on_slices_of_the_real_lists(spark, shared_data: Path) -> None:
    ofac, side = shared_data / "ofac" / "2024-05-03", shared_data / "ofac" / "2025-01-06"
    sdn = gmmatch.read_sdn(ofac / "sdn.csv", alt=side / "alt.csv", add=side / "add.csv")
    un = gmmatch.read_un(shared_data / "un" / "consolidated_2026-02-27.xml")
    entries = sorted(_rows([sdn]), key=lambda r: r["id"])[::8] + _rows([un])[::2]
    ev = build_evaluation(entries, seed=11, positives=1200, held_out=300, invented=300)
    records = RecordSet.from_rows(ev.records + _fixture_records(), [],
                                  Source(None, "records", "records"))
    target = RecordSet.from_rows(ev.target, [], Source(None, "real list slices", "sdn"))
    joined = _compare(records, target, spark)
    assert len(joined) > 3000
    _assert_same(joined)
    above = joined[joined["match_probability_duckdb"] >= DEFAULT_THRESHOLD]
    assert len(above) > 400


@spark_needed
def test_an_existing_session_is_used_and_left_as_it_was(spark) -> None:
    listed = gmmatch.read_sdn(ROOT / "examples" / "sdn")
    records = gmmatch.read_records([{"id": "r1", "name": "Ivan Ekzamplov", "dob": "1961"}])
    spark.range(3).createOrReplaceTempView("users_own_view")
    partitions = spark.conf.get("spark.sql.shuffle.partitions")
    result = link(records, listed, engine="spark", spark=spark)
    assert list(result.matches["list_id"]) == ["90001"]
    assert [t.name for t in spark.catalog.listTables() if t.isTemporary] == ["users_own_view"]
    assert spark.conf.get("spark.sql.shuffle.partitions") == partitions
    assert spark.range(1).count() == 1          # still running
    spark.catalog.dropTempView("users_own_view")


@spark_needed
def test_spark_writes_nothing_in_the_working_directory(spark, spark_cwd) -> None:
    # the session was started from spark_cwd: Spark's default SQL warehouse would be
    # `spark_cwd/spark-warehouse`, created once a link has used the catalog
    records = gmmatch.read_records([{"id": "r1", "name": "Ramzan Kadyrov"}])
    listed = gmmatch.read_records([{"id": "e1", "name": "KADYROV, Ramzan Akhmatovich"}])
    model = default_model()
    scored, _ = _score(_features(records, model), _features(listed, model), model,
                       min_probability=0, engine="spark", spark=spark)
    assert list(scored["list_id"]) == ["e1"]
    assert sorted(p.name for p in spark_cwd.iterdir()) == []


@spark_needed
def test_a_link_without_a_session_uses_the_active_one_and_leaves_it_running(spark) -> None:
    records = gmmatch.read_records([{"id": "r1", "name": "Gulnara Karimova"}])
    listed = gmmatch.read_records([{"id": "e1", "name": "KARIMOVA, Gulnara Islamovna"}])
    model = default_model()
    # no session given: the fixture's is active
    scored, _ = _score(_features(records, model), _features(listed, model), model,
                       min_probability=0, engine="spark")
    assert list(scored["list_id"]) == ["e1"]
    assert spark.sql("SELECT 1 AS one").collect()[0].one == 1  # not stopped
