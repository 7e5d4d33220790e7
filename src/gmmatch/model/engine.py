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
        con.execute(f"SET temp_directory = '{spill}'")
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


def predict(
    con: duckdb.DuckDBPyConnection,
    records: pa.Table,
    sanctions_list: pa.Table,
    model: Model,
    *,
    min_probability: float,
    blocking: list[str] | None = None,
) -> pd.DataFrame:
    """Every blocked pair scoring at least `min_probability`, with its levels and weights.

    `blocking` replaces the model's blocking rules (SQL conditions), e.g. `["1 = 1"]` to score
    every pair of two small tables. Columns: `record_id`, `list_id`, `match_weight`,
    `match_probability`, and `mw_<c>`, the weight each comparison `c` added.
    """
    left = features(con, records, RECORDS, model)
    right = features(con, sanctions_list, LIST, model)
    db_api = DuckDBAPI(connection=con)
    inputs = [
        db_api.register(left, dataset_display_name=RECORDS),
        db_api.register(right, dataset_display_name=LIST),
    ]
    settings = model.splink_settings()
    if blocking is not None:
        settings["blocking_rules_to_generate_predictions"] = [
            {"blocking_rule": rule, "sql_dialect": "duckdb"} for rule in blocking
        ]
    linker = Linker(inputs, settings, log_level=None)
    scored = linker.inference.predict(threshold_match_probability=min_probability)
    frame = scored.as_pandas_dataframe()
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


__all__ = ["FEATURE_COLUMNS", "duckdb_connection", "features", "predict"]
