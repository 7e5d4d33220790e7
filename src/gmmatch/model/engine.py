"""Running the model on DuckDB: a private connection, the features, Splink's prediction.

Every link runs on a fresh in-memory DuckDB connection whose spill files go to a private
temporary folder that is removed afterwards, so nothing is written outside what the user named.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib import metadata, resources
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from splink.internals.comparison_vector_values import (
    compute_comparison_vector_values_from_id_pairs_sqls,
)
from splink.internals.pipeline import CTEPipeline
from splink.internals.predict import predict_from_comparison_vectors_sqls_using_settings

from gmmatch.model import blocking
from gmmatch.model.comparisons import COMPARED_COLUMNS, COMPARISONS
from gmmatch.model.comparisons import MACROS as LEVEL_MACROS
from gmmatch.model.features import FEATURE_COLUMNS, MACROS, features_sql, sql_strings
from gmmatch.model.params import Model

RECORDS, LIST = "records", "list"

# Splink logs every step at INFO; gmmatch reports progress its own way.
logging.getLogger("splink").setLevel(logging.WARNING)


@contextmanager
def duckdb_connection(threads: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB connection set up for Splink, its temporary files kept private."""
    spill = tempfile.mkdtemp(prefix="gmmatch-")
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET temp_directory = '" + spill.replace("'", "''") + "'")
        # nothing is ever downloaded: no extension may install itself
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
        con.execute("SET allow_community_extensions = false")
        # Splink's array comparisons still write `x -> ...` lambdas (DuckDB 2.0 keeps them
        # behind this setting; pyproject pins DuckDB below 2.1 for that reason).
        con.execute("SET lambda_syntax = 'ENABLE_SINGLE_ARROW'")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        for macro in MACROS:
            con.execute(macro)
        for level_macro in LEVEL_MACROS:
            con.execute(level_macro.create)
        yield con
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)


#: Each model's token counts and name variants as Arrow tables, built once (`token_tables`).
_TOKEN_TABLES: dict[tuple, tuple[pa.Table, pa.Table]] = {}


def token_tables(model: Model) -> tuple[pa.Table, pa.Table]:
    """`model.token_frequencies` as a table (`token`, `entries`) and `model.name_variants` as
    another (`token`, `variant`, each pair both ways), built once a model: every listed token's
    count, 18,000 rows, and each feature table joins them."""
    key = model.features_key
    if key not in _TOKEN_TABLES:
        if len(_TOKEN_TABLES) >= 8:
            _TOKEN_TABLES.clear()
        tokens = list(model.token_frequencies)
        variants = [(part, other) for part, others in model.name_variants.items()
                    for other in others]
        _TOKEN_TABLES[key] = (
            pa.table({"token": pa.array(tokens, pa.string()),
                      "entries": pa.array([model.token_frequencies[t] for t in tokens],
                                          pa.int32())}),
            pa.table({"token": pa.array([p for p, _ in variants], pa.string()),
                      "variant": pa.array([v for _, v in variants], pa.string())}))
    return _TOKEN_TABLES[key]


def features(con: duckdb.DuckDBPyConnection, table: pa.Table, name: str, model: Model) -> str:
    """Register a normalized canonical table and materialize its features as `<name>_features`."""
    con.execute(f"CREATE OR REPLACE TABLE {name}_features AS "
                + _features_query(con, table, name, model))
    con.unregister(f"{name}_input")
    return f"{name}_features"


def feature_table(table: pa.Table, model: Model,
                  con: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
    """The features of a normalized canonical table, as an Arrow table (to cache and reuse:
    a list linked many times is featurized once), computed on `con` or on a connection of
    their own."""
    if con is None:
        with duckdb_connection() as own:
            return feature_table(table, model, own)
    # straight to Arrow: a DuckDB table first, then copied out, took 0.55 s for the SDN list
    # rather than 0.39 s
    try:
        return con.sql(_features_query(con, table, "features", model)).to_arrow_table()
    finally:
        con.unregister("features_input")


def _features_query(con: duckdb.DuckDBPyConnection, table: pa.Table, name: str,
                    model: Model) -> str:
    """The features query of `table`, registered in `con` as `<name>_input`."""
    con.register(f"{name}_input", table)
    frequencies, variants = token_tables(model)
    con.register("token_frequencies", frequencies)
    con.register("name_variants", variants)
    return features_sql(f"{name}_input", "token_frequencies", "name_variants", model.rare_at_most,
                        model.pairs_counted)


def blocked_pairs_sql(left: str, right: str, *, values: str | None = None,
                      exclude_same_id: bool = False, explode: str = "unnest") -> str:
    """(id_l, id_r) of every pair a blocking rule lets through, each once.

    The rules of blocking.py, run as one equi-join of the exploded features of both sides: this
    is what Splink would do with `arrays_to_explode`. The list's side is
    `list_values_sql(left, right)`, or the table `values` where it was built already. A value
    of `right` (the list) shared by more of its entries than the rule allows
    (`blocking.MOST_ENTRIES`) pairs nothing (`crowded_keys_sql` names them). `explode` is the
    dialect's function for it (Spark: `explode`).
    """
    values = values or f"({list_values_sql(left, right, explode)})"
    other = "AND a.unique_id <> b.unique_id" if exclude_same_id else ""
    return f"""SELECT DISTINCT a.unique_id AS id_l, b.unique_id AS id_r
               FROM ({_rule_values_sql(left, explode)}) a
               JOIN {values} b ON a.feature = b.feature AND a.v = b.v AND a.party = b.party
               WHERE NOT b.crowded {other}"""


def _rule_values_sql(left: str, explode: str) -> str:
    """The records' values of every rule, each tagged with the list feature it meets (`rule`,
    `feature`, `v`, `unique_id`, `party`)."""
    return " UNION ALL ".join(
        f"SELECT '{f}' AS rule, '{g}' AS feature, {explode}({f}) AS v, unique_id, party "
        f"FROM {left}"
        for f, g, _ in blocking.rules()
    )


def list_values_sql(left: str, right: str, explode: str = "unnest") -> str:
    """The values of the list `right` that a blocking rule may join to some record of `left`,
    entry by entry, with how many entries share each and whether that is more than the rule
    allows: `feature`, `v`, `unique_id`, `party`, `entries`, `crowded`. What the blocking and
    the crowded keys of a link both read; only the values the records carry are counted (ten
    records meet a few hundred of the list's 640,000), each once an entry (the blocking
    features are not deduplicated: a repeat pairs nothing more, and only these few are
    counted)."""
    bounds = {g: most for _, g, most in blocking.rules()}
    listed = " UNION ALL ".join(
        f"SELECT '{g}' AS feature, {explode}({g}) AS v, unique_id, party FROM {right}"
        for g in sorted(bounds)
    )
    most = " ".join(f"WHEN '{g}' THEN {n}" for g, n in sorted(bounds.items()))
    return f"""SELECT feature, v, unique_id, party, entries,
                      entries > CASE feature {most} END AS crowded
               FROM (SELECT l.*, count(*) OVER (PARTITION BY l.feature, l.v) AS entries
                     FROM (SELECT DISTINCT * FROM ({listed}) l
                           WHERE (l.feature, l.v) IN (
                               SELECT feature, v FROM ({_rule_values_sql(left, explode)}) r)) l)
                    counted"""


def crowded_keys_sql(left: str, values: str) -> str:
    """The blocking values that pair nothing because too many list entries share them, with
    the rule, how many list entries and how many records carry each (records that carry none
    are not listed). `values` is the link's `list_values_sql`, a table or a subquery. Values
    of the `blocking.RARE_ONLY` rules are common, not crowded, and are not listed."""
    return f"""SELECT a.rule, b.v AS value, b.entries AS list_entries,
                      count(DISTINCT a.unique_id) AS records
               FROM ({_rule_values_sql(left, "unnest")}) a
               JOIN (SELECT DISTINCT feature, v, entries FROM {values}
                     WHERE {_reported_crowded()}) b
                    ON a.feature = b.feature AND a.v = b.v
               GROUP BY a.rule, b.v, b.entries
               ORDER BY records DESC, rule, value"""


def _reported_crowded() -> str:
    """The list values that are crowded, and not merely common (`blocking.RARE_ONLY`)."""
    return f"crowded AND feature NOT IN {sql_strings(blocking.RARE_ONLY)}"


def crowded_keys(records: pa.Table, sanctions_list: pa.Table) -> pd.DataFrame:
    """`crowded_keys_sql` of two feature tables: what blocking left out (for a link on another
    engine: a DuckDB link reads them from its own connection, `crowded_keys_in`)."""
    with duckdb_connection() as con:
        con.register("records_features", records)
        con.register("list_features", sanctions_list)
        con.execute("CREATE TABLE list_values AS "
                    + list_values_sql("records_features", "list_features"))
        return crowded_keys_in(con)


def crowded_keys_in(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """`crowded_keys_sql` of the records and list values `predict` left in `con`."""
    if not con.sql(f"SELECT 1 FROM list_values WHERE {_reported_crowded()} LIMIT 1").fetchall():
        # (the usual case, the SDN list's: no need to explode the records' values again)
        return con.execute(f"{crowded_keys_sql('records_features', 'list_values')} LIMIT 0").df()
    return con.execute(crowded_keys_sql("records_features", "list_values")).df()


#: Blocked pairs scored in one pass, at most (a record's pairs are never split; a record with
#: more has a pass of its own). The pairs of a pass, with both sides' features, are what DuckDB
#: holds at once, so memory stays bounded however many records there are and however crowded
#: the list's names (about 13 pairs a record against the SDN list, a hundred against a registry
#: of common names).
PAIRS_PER_PASS = 3_000_000


def predict(
    con: duckdb.DuckDBPyConnection,
    records: pa.Table,
    sanctions_list: pa.Table,
    model: Model,
    *,
    min_probability: float,
    every_pair: bool = False,
) -> pd.DataFrame:
    """Every blocked pair scoring at least `min_probability`, with its weights.

    `records` and `sanctions_list` are feature tables (`feature_table`). `every_pair` scores
    the whole cross product instead of the blocked pairs (for comparing two records).
    Columns: `record_id`, `list_id`, `match_weight`, `match_probability`, and `mw_<c>`, the
    weight each comparison `c` added. More than PAIRS_PER_PASS pairs are scored in passes.
    The list's blocking values stay in `con` (`list_values`), for `crowded_keys_in`.
    """
    con.register("records_features", records)
    con.register("list_features", sanctions_list)
    if every_pair:
        pairs = ("SELECT l.unique_id AS id_l, r.unique_id AS id_r "
                 "FROM records_features l, list_features r")
    else:
        con.execute("CREATE OR REPLACE TABLE list_values AS "
                    + list_values_sql("records_features", "list_features"))
        pairs = blocked_pairs_sql("records_features", "list_features", values="list_values")
    # each record's pass: its pairs and those of the records before it, in passes of at most
    # PAIRS_PER_PASS (a window over one row a record); the pairs are blocked once (MATERIALIZED:
    # DuckDB would otherwise run the blocking for each of the two references)
    con.execute(f"""
        CREATE OR REPLACE TABLE all_pairs AS
        WITH pairs AS MATERIALIZED ({pairs}),
        counted AS (SELECT id_l, count(*) AS n FROM pairs GROUP BY id_l),
        passes AS (
            SELECT id_l, CAST(floor((sum(n) OVER (ORDER BY id_l) - n) / {PAIRS_PER_PASS})
                              AS BIGINT) AS pass
            FROM counted)
        SELECT pass, id_l, id_r FROM pairs JOIN passes USING (id_l)
    """)
    passes = [n for (n,) in con.sql("SELECT DISTINCT pass FROM all_pairs ORDER BY pass")
              .fetchall()] or [-1]  # no pairs: one empty pass, for the columns Splink gives
    frames = [_predict_pass(con, model, number, min_probability) for number in passes]
    con.execute("DROP TABLE all_pairs")
    # (a pass without pairs has columns of another dtype: left out, unless all are empty)
    return pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)


#: DuckDB optimizers the scoring query runs without. `build_side_probe_side`: Splink's SQL joins
#: the pairs to the records, then to the list, and compares them as the joined rows stream out
#: of the side that is not hashed. DuckDB hashes the side it thinks cheaper (rows times width):
#: below about a million pairs it hashed the pairs, and streamed the records, often one row
#: group and so one thread for all the comparisons (927,535 pairs of 100,000 records: 12.6 s,
#: 1.1 cores); the pairs stream, as the SQL writes the joins. The others only cost planning
#: time on this query (a projection of two joins, its CASEs tens of thousands of characters):
#: 0.10 s of the 0.20 s it took to score the one pair of ten records, and nothing measurable
#: at 100,000 records.
_SCORING_OPTIMIZERS_OFF = ("build_side_probe_side", "projection_pullup", "common_subexpressions",
                           "outer_join_simplification", "statistics_propagation")


def _predict_pass(con: duckdb.DuckDBPyConnection, model: Model, number: int,
                  min_probability: float) -> pd.DataFrame:
    """Splink's scores of the pairs of pass `number` of `all_pairs`."""
    con.execute(f"""CREATE OR REPLACE TABLE pass_pairs AS
                    SELECT id_l, id_r FROM all_pairs WHERE pass = {int(number)}""")
    # both sides restricted to the rows of this pass and the columns the comparisons read
    # (not the whole list and its blocking features, for ten records)
    columns = ", ".join(COMPARED_COLUMNS)
    for name, features, side, dataset in (("pass_records", "records_features", "id_l", RECORDS),
                                          ("pass_list", "list_features", "id_r", LIST)):
        con.execute(f"""CREATE OR REPLACE TABLE {name} AS
                        SELECT '{dataset}' AS source_dataset, {columns} FROM {features}
                        WHERE unique_id IN (SELECT {side} FROM pass_pairs)""")
    con.execute(f"SET disabled_optimizers = '{','.join(_SCORING_OPTIMIZERS_OFF)}'")
    try:
        # (`execute`, not `sql`: a relation binds its query once more, 50 ms for this one)
        frame = con.execute(f"SELECT * FROM ({scoring_sql(model)}) scored "
                            f"WHERE match_probability >= {float(min_probability)!r}").df()
    finally:
        con.execute("RESET disabled_optimizers")
    con.execute("DROP TABLE pass_pairs; DROP TABLE pass_records; DROP TABLE pass_list")
    return _oriented(frame)


#: Splink's scoring SQL of each model's parameters, generated once (`scoring_sql`).
_SCORING: dict[str, str] = {}
_SCORING_LOCK = threading.Lock()


def scoring_sql(model: Model) -> str:
    """The SQL that Splink's `predict` runs to score blocked pairs with `model`: its comparison
    vectors, then its match weights and probabilities, reading the pairs `pass_pairs` (`id_l`
    a record, `id_r` a list entry) and their features `pass_records` and `pass_list` (each
    with a `source_dataset` column).

    Splink's own generators, called as its DuckDB `predict` calls them. Building the Linker
    that would call them costs a quarter of a second a link (sqlglot parsing and rewriting
    the same SQL, and a query for each table's columns), most of linking ten records; the SQL
    depends on the parameters alone, and is generated once per model. The shipped model's
    was generated when it was trained (`shipped_scoring_sql`), and is read rather than
    generated again while its key still holds.
    """
    key = scoring_key(model)
    with _SCORING_LOCK:
        if key not in _SCORING:
            if len(_SCORING) >= 8:
                _SCORING.clear()
            _SCORING[key] = _shipped_for(key) or _splink_scoring_sql(model)
        return _SCORING[key]


#: The shipped model's scoring SQL (package data beside `default_model.json`), written by
#: benchmarks/train_default_model.py (`write_scoring_sql`), its first line its key and the
#: versions of Splink and sqlglot that wrote it.
SHIPPED_SCORING_RESOURCE = "default_scoring.sql"
_HEADER = re.compile(r"-- gmmatch scoring SQL, key (\w+), written by (.+)")


def _shipped_for(key: str) -> str | None:
    """The shipped scoring SQL, if it is the one of `key` and Splink and sqlglot are the
    versions that wrote it."""
    shipped_key, writers, sql = shipped_scoring_sql()
    return sql if (shipped_key, writers) == (key, _writers()) else None


def scoring_key(model: Model) -> str:
    """What the scoring SQL of `model` depends on in gmmatch, hashed: its parameters and every
    level's SQL."""
    text = json.dumps([_levels(), model._parameters(), RECORDS, LIST], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def _levels() -> list:
    return [[c.name, c.title, c.applies_to, [[lv.label, lv.sql, lv.is_null] for lv in c.levels]]
            for c in COMPARISONS]


@functools.cache
def _writers() -> str:
    """The versions of what turns the levels into scoring SQL."""
    return ", ".join(f"{package} {metadata.version(package)}" for package in ("splink", "sqlglot"))


@functools.cache
def shipped_scoring_sql() -> tuple[str, str, str]:
    """The key of the scoring SQL shipped with gmmatch, the versions of Splink and sqlglot that
    wrote it, and its text (empty strings: none is shipped)."""
    resource = resources.files("gmmatch.model").joinpath(SHIPPED_SCORING_RESOURCE)
    if not resource.is_file():
        return "", "", ""
    first, _, sql = resource.read_text().partition("\n")
    header = _HEADER.fullmatch(first)
    return (header[1], header[2], sql) if header else ("", "", "")


def write_scoring_sql(model: Model, path: str | Path) -> Path:
    """Write the scoring SQL Splink generates for `model`, with its key and writers, as
    `scoring_sql` reads the shipped model's (`SHIPPED_SCORING_RESOURCE`)."""
    path = Path(path)
    path.write_text(f"-- gmmatch scoring SQL, key {scoring_key(model)}, written by {_writers()}"
                    f"\n{_splink_scoring_sql(model)}")
    return path


def _splink_scoring_sql(model: Model) -> str:
    settings = model.splink_settings_creator().get_settings("duckdb")
    columns = settings.column_info_settings
    pipeline = CTEPipeline()
    pipeline.enqueue_sql(f"""SELECT '0' AS match_key, '{RECORDS}-__-' || id_l AS join_key_l,
                                    '{LIST}-__-' || id_r AS join_key_r
                             FROM pass_pairs""", "__splink__blocked_id_pairs")
    pipeline.enqueue_list_of_sqls(compute_comparison_vector_values_from_id_pairs_sqls(
        settings._columns_to_select_for_blocking,
        settings._columns_to_select_for_comparison_vector_values,
        input_tablename_l="pass_records",
        input_tablename_r="pass_list",
        source_dataset_input_column=columns.source_dataset_input_column,
        unique_id_input_column=columns.unique_id_input_column,
        link_type=settings._link_type,
        sql_dialect_str="duckdb",
    ))
    pipeline.enqueue_list_of_sqls(predict_from_comparison_vectors_sqls_using_settings(settings))
    return pipeline.generate_cte_pipeline_sql()


def prepare_scoring(model: Model) -> None:
    """Start generating the model's scoring SQL on a thread, if it is not generated yet.

    Generating it is Python (Splink parsing the levels' SQL with sqlglot, a quarter of a
    second), computing features is DuckDB, which releases the GIL: begun before the list's
    features, the SQL is ready by the time the scoring needs it. An error is left for the
    scoring's own call to raise, where it says what failed.
    """
    key = scoring_key(model)
    if key in _SCORING or _shipped_for(key):
        return

    def generate() -> None:
        with suppress(Exception):  # (raised again by the scoring's own call)
            scoring_sql(model)

    threading.Thread(target=generate, name="gmmatch-scoring-sql", daemon=True).start()


def _oriented(frame: pd.DataFrame) -> pd.DataFrame:
    """Splink's columns as gmmatch names them (the record is its `_l` side, the list's entry
    its `_r`: `scoring_sql` joins them so)."""
    out = pd.DataFrame(
        {
            "record_id": frame["unique_id_l"],
            "list_id": frame["unique_id_r"],
            "match_weight": frame["match_weight"].astype(float),
            "match_probability": frame["match_probability"].astype(float),
        }
    )
    for column in (c for c in frame.columns if c.startswith("mw_")):
        out[column] = frame[column].astype(float)
    return out


__all__ = [
    "FEATURE_COLUMNS",
    "blocked_pairs_sql",
    "crowded_keys",
    "crowded_keys_in",
    "crowded_keys_sql",
    "duckdb_connection",
    "feature_table",
    "features",
    "list_values_sql",
    "predict",
    "prepare_scoring",
    "scoring_key",
    "scoring_sql",
    "shipped_scoring_sql",
    "write_scoring_sql",
]
