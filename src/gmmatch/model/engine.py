"""Running the model on DuckDB: a private connection, the features, Splink's prediction.

Every link runs on a fresh in-memory DuckDB connection whose spill files go to a private
temporary folder that is removed afterwards, so nothing is written outside what the user named.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd
import pyarrow as pa
from splink import DuckDBAPI, Linker

from gmmatch.model import blocking
from gmmatch.model.comparisons import COMPARED_COLUMNS
from gmmatch.model.features import FEATURE_COLUMNS, MACROS, features_sql
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
        yield con
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)


def token_frequency_table(model: Model) -> pa.Table:
    tokens = list(model.token_frequencies)
    return pa.table(
        {"token": pa.array(tokens, pa.string()),
         "entries": pa.array([model.token_frequencies[t] for t in tokens], pa.int32())}
    )


def features(con: duckdb.DuckDBPyConnection, table: pa.Table, name: str, model: Model) -> str:
    """Register a normalized canonical table and materialize its features as `<name>_features`."""
    con.register(f"{name}_input", table)
    con.register("token_frequencies", token_frequency_table(model))
    sql = features_sql(f"{name}_input", "token_frequencies", model.rare_at_most)
    con.execute(f"CREATE OR REPLACE TABLE {name}_features AS {sql}")
    con.unregister(f"{name}_input")
    return f"{name}_features"


def feature_table(table: pa.Table, model: Model) -> pa.Table:
    """The features of a normalized canonical table, as an Arrow table (to cache and reuse:
    a list linked many times is featurized once)."""
    with duckdb_connection() as con:
        name = features(con, table, "input", model)
        return con.sql(f"SELECT * FROM {name}").to_arrow_table()


def blocked_pairs_sql(left: str, right: str, *, exclude_same_id: bool = False,
                      explode: str = "unnest") -> str:
    """(id_l, id_r) of every pair a blocking rule lets through, each once.

    The rules of blocking.py, run as plain equi-joins on the exploded features: this is what
    Splink would do with `arrays_to_explode`, without rebuilding the list's exploded tables on
    every call. A value of `right` (the list) shared by more of its entries than the rule allows
    (`blocking.MOST_ENTRIES`) pairs nothing (`crowded_keys_sql` names them). `explode` is the
    dialect's function for it (Spark: `explode`).
    """
    unions = " UNION ".join(
        f"""SELECT a.unique_id AS id_l, b.unique_id AS id_r
            FROM (SELECT unique_id, party, {explode}({f}) AS v FROM {left}) a
            JOIN ({_list_values(right, g, explode)}) b ON a.v = b.v AND a.party = b.party
            WHERE b.entries <= {most}"""
        for f, g, most in blocking.rules()
    )
    where = "WHERE id_l <> id_r" if exclude_same_id else ""
    return f"SELECT DISTINCT id_l, id_r FROM ({unions}) pairs {where}"


def crowded_keys_sql(left: str, right: str) -> str:
    """The blocking values that pair nothing because too many list entries share them, with
    the rule, how many list entries and how many records carry each (records that carry none
    are not listed)."""
    unions = " UNION ALL ".join(
        f"""SELECT '{f}' AS rule, b.v AS value, b.entries AS list_entries,
                   count(DISTINCT a.unique_id) AS records
            FROM (SELECT unique_id, unnest({f}) AS v FROM {left}) a
            JOIN ({_value_counts(right, g, "unnest")}) b ON a.v = b.v
            WHERE b.entries > {most}
            GROUP BY b.v, b.entries"""
        for f, g, most in blocking.rules()
    )
    return f"SELECT * FROM ({unions}) ORDER BY records DESC, rule, value"


def _value_counts(table: str, feature: str, explode: str) -> str:
    """How many entries of `table` carry each value of a blocking feature (`v`, `entries`)."""
    return f"""SELECT v, count(*) AS entries
               FROM (SELECT {explode}({feature}) AS v FROM {table}) x GROUP BY v"""


def _list_values(table: str, feature: str, explode: str) -> str:
    """Each entry's values of a blocking feature, with how many entries share the value."""
    return f"""SELECT x.unique_id, x.party, x.v, c.entries
               FROM (SELECT unique_id, party, {explode}({feature}) AS v FROM {table}) x
               JOIN ({_value_counts(table, feature, explode)}) c ON x.v = c.v"""


def crowded_keys(records: pa.Table, sanctions_list: pa.Table) -> pd.DataFrame:
    """`crowded_keys_sql` of two feature tables: what blocking left out, for the result."""
    with duckdb_connection() as con:
        con.register("records_features", records)
        con.register("list_features", sanctions_list)
        return con.sql(crowded_keys_sql("records_features", "list_features")).df()


def has_crowded_keys(sanctions_list: pa.Table) -> bool:
    """Whether some blocking value of the list is shared by more of its entries than its rule
    allows (none on the SDN list: then no link needs `crowded_keys`)."""
    bounds = {g: most for _, g, most in blocking.rules()}
    with duckdb_connection() as con:
        con.register("list_features", sanctions_list)
        return any(con.sql(f"""SELECT 1 FROM ({_value_counts("list_features", g, "unnest")})
                               WHERE entries > {most} LIMIT 1""").fetchall()
                   for g, most in sorted(bounds.items()))


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
    """
    con.register("records_features", records)
    con.register("list_features", sanctions_list)
    if every_pair:
        pairs = ("SELECT l.unique_id AS id_l, r.unique_id AS id_r "
                 "FROM records_features l, list_features r")
    else:
        pairs = blocked_pairs_sql("records_features", "list_features")
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


def _predict_pass(con: duckdb.DuckDBPyConnection, model: Model, number: int,
                  min_probability: float) -> pd.DataFrame:
    """Splink's scores of the pairs of pass `number` of `all_pairs`."""
    con.execute(f"""
        CREATE OR REPLACE TABLE blocked_pairs AS
        SELECT '0' AS match_key, '{RECORDS}-__-' || id_l AS join_key_l,
               '{LIST}-__-' || id_r AS join_key_r
        FROM all_pairs WHERE pass = {int(number)} ORDER BY id_l, id_r
    """)
    # Splink copies both inputs whole before it joins them to the pairs: it is given only the
    # rows of this pass and the columns the comparisons read (not the list's 18,000 entries
    # and the blocking features, for ten records)
    columns = ", ".join(COMPARED_COLUMNS)
    for name, features, side in (("pass_records", "records_features", "id_l"),
                                 ("pass_list", "list_features", "id_r")):
        con.execute(f"""CREATE OR REPLACE TABLE {name} AS SELECT {columns} FROM {features}
                        WHERE unique_id IN (SELECT {side} FROM all_pairs
                                            WHERE pass = {int(number)})""")
    db_api = DuckDBAPI(connection=con)
    inputs = [
        db_api.register("pass_records", dataset_display_name=RECORDS),
        db_api.register("pass_list", dataset_display_name=LIST),
    ]
    linker = Linker(inputs, model.splink_settings_creator(), log_level=None,
                    validate_settings=False)
    linker.table_management.register_blocked_pairs_for_predict(
        db_api.register("blocked_pairs", table_name="gmmatch_blocked_pairs"))
    scored = linker.inference.predict(threshold_match_probability=min_probability)
    frame = scored.as_pandas_dataframe()
    scored.drop_table_from_database_and_remove_from_cache()
    con.execute("DROP TABLE blocked_pairs; DROP TABLE pass_records; DROP TABLE pass_list")
    return _oriented(frame)


def _oriented(frame: pd.DataFrame) -> pd.DataFrame:
    """Splink does not promise which input lands on `_l`: put the record first, always."""
    weights = [c for c in frame.columns if c.startswith("mw_")]
    from_records = frame["source_dataset_l"] == RECORDS
    out = pd.DataFrame(
        {
            "record_id": frame["unique_id_l"].where(from_records, frame["unique_id_r"]),
            "list_id": frame["unique_id_r"].where(from_records, frame["unique_id_l"]),
            "match_weight": frame["match_weight"].astype(float),
            "match_probability": frame["match_probability"].astype(float),
        }
    )
    for column in weights:
        out[column] = frame[column].astype(float)
    return out


__all__ = [
    "FEATURE_COLUMNS",
    "blocked_pairs_sql",
    "crowded_keys",
    "crowded_keys_sql",
    "duckdb_connection",
    "feature_table",
    "features",
    "has_crowded_keys",
    "predict",
]
