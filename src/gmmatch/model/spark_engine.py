"""Running the model on Spark: the same blocking, comparisons and parameters as on DuckDB.

`link(..., engine="spark")` lands here. Features are still computed on DuckDB (a per-record
projection, cached on each RecordSet) and handed to Spark as Arrow tables; the pairs are
blocked with the rules of blocking.py written in Spark SQL, and Splink's Spark backend scores
them with the comparison levels of comparisons.py translated from DuckDB SQL.

Why a translation step of our own: the levels are written once, in DuckDB SQL, and sqlglot's
DuckDB-to-Spark translation gets several of them wrong (measured with sqlglot 30):

| DuckDB | sqlglot writes | Spark needs |
|---|---|---|
| `list_has_any(a, b)` | `a && b` (not Spark SQL) | `arrays_overlap(a, b)` |
| `len(list)` | `LENGTH(list)` (strings only) | `size(list)` |
| `list_intersect(a, b)` | unchanged (no such function) | `array_intersect(a, b)` |
| `list_has_all(l, sub)` | unchanged | `size(array_except(sub, l)) = 0` |
| `list_bool_or/and(xs)` | unchanged | `array_max/array_min(xs)` (DuckDB's NULL rules) |
| `xs[1]` | `xs[0]` (fails out of range) | `try_element_at(xs, 1)` (NULL, as DuckDB) |

`len` means `size` or `length` depending on its argument's type, so the translation reads the
feature table's schema and follows lambda variables to the list they range over.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pandas as pd
import pyarrow as pa
import sqlglot
from sqlglot import exp

from gmmatch.model import engine as duckdb_engine
from gmmatch.model.engine import LIST, RECORDS

# --- DuckDB level SQL -> Spark SQL ------------------------------------------------------------

def translate_sql(sql: str, column_depths: Mapping[str, int] | None = None) -> str:
    """A comparison level's DuckDB SQL condition as Spark SQL (see the module's table).

    `column_depths` gives each feature's list nesting (0 scalar, 1 list, 2 list of lists),
    by feature name without the `_l`/`_r` suffix; by default, that of the feature table.
    """
    if sql.strip().upper() == "ELSE":
        return sql
    depths = dict(feature_depths() if column_depths is None else column_depths)
    tree = sqlglot.parse_one(sql, read="duckdb")
    for node in list(tree.walk()):          # mark before rewriting: the marks need parents
        if isinstance(node, exp.Length):
            depth = _depth(node.this, depths)
            if depth is None:
                raise ValueError(f"cannot tell whether len({node.this.sql('duckdb')}) is of a "
                                 f"list or a string in level SQL: {sql}")
            node.meta["gm_list"] = depth >= 1
    return _rewritten(tree).sql(dialect="spark")


def _rewritten(node: exp.Expression) -> exp.Expression:
    """Children first, so that a rewrite sees (and embeds) already translated arguments."""
    for key, value in list(node.args.items()):
        if isinstance(value, exp.Expression):
            node.set(key, _rewritten(value))
        elif isinstance(value, list):
            node.set(key, [_rewritten(v) if isinstance(v, exp.Expression) else v
                           for v in value])
    return _to_spark(node)


def _to_spark(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Length) and node.meta.get("gm_list"):
        return exp.func("size", node.this)
    if isinstance(node, exp.ArrayOverlaps):
        return exp.func("arrays_overlap", node.this, node.expression)
    if isinstance(node, exp.Bracket) and len(node.expressions) == 1:
        index = node.expressions[0]
        if isinstance(index, exp.Literal) and not index.is_string:
            # sqlglot stores DuckDB's 1-based index 0-based: back to 1-based for element_at
            return exp.func("try_element_at", node.this,
                            exp.Literal.number(int(index.this) + 1))
    if isinstance(node, exp.Anonymous):
        name, args = node.name.lower(), node.expressions
        if name == "list_intersect":
            return exp.func("array_intersect", *args)
        if name == "list_has_all":
            return exp.paren(exp.EQ(this=exp.func("size", exp.func("array_except", args[1],
                                                                     args[0])),
                                    expression=exp.Literal.number(0)))
        if name in ("list_bool_or", "list_bool_and"):
            # false < true, NULLs skipped, NULL when none is left: DuckDB's rules exactly
            # (Spark's exists/forall would give false/true on an empty list)
            return exp.func("array_max" if name == "list_bool_or" else "array_min", args[0])
    return node


def _depth(node: exp.Expression, depths: Mapping[str, int]) -> int | None:
    """List nesting of an expression, where it can be told."""
    if isinstance(node, exp.Paren):
        return _depth(node.this, depths)
    if isinstance(node, exp.Column) and not node.table:
        name = node.name
        for suffix in ("_l", "_r"):
            if name.endswith(suffix) and name[: -len(suffix)] in depths:
                return depths[name[: -len(suffix)]]
        return None
    if isinstance(node, exp.Identifier):
        return _lambda_variable_depth(node, depths)
    if isinstance(node, exp.Literal):
        return 0
    if isinstance(node, exp.Array) and node.expressions:   # a list literal `[x, ...]`
        inner = _depth(node.expressions[0], depths)
        return None if inner is None else inner + 1
    if isinstance(node, exp.Bracket | exp.ArrayMax | exp.ArrayMin):
        inner = _depth(node.this, depths)
        return None if inner is None else inner - 1
    if isinstance(node, exp.Transform):
        body = _depth(node.expression.this, depths)
        return None if body is None else body + 1
    if isinstance(node, exp.Split):  # a string split into a list of strings
        return 1
    if isinstance(node, exp.Anonymous) and node.name.lower() in (
            "list_intersect", "list_distinct", "list_filter", "list_sort"):
        return _depth(node.expressions[0], depths)
    if isinstance(node, exp.ArrayIntersect | exp.ArrayFilter | exp.ArrayDistinct | exp.ArraySort):
        return _depth(node.this, depths)
    return None


def _lambda_variable_depth(node: exp.Identifier, depths: Mapping[str, int]) -> int | None:
    """A lambda variable ranges over the elements of the list its function is given."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, exp.Lambda) and node.name in {v.name for v in parent.expressions}:
            function = parent.parent
            source = function.this if function is not None else None
            if source is None and isinstance(function, exp.Anonymous):
                source = function.expressions[0]
            inner = _depth(source, depths) if source is not None else None
            return None if inner is None else inner - 1
        parent = parent.parent
    return None


@functools.cache
def feature_depths() -> dict[str, int]:
    """List nesting of every feature column, read from the features of a one-record table (so
    that a feature the lead adds is typed without anyone updating a list here)."""
    from gmmatch.model.features import features_sql
    from gmmatch.records import RecordSet, Source

    probe = RecordSet.from_rows([{"id": "probe", "name": "Probe Name"}], [],
                                Source(None, "schema probe", "records"))
    no_tokens = pa.table({"token": pa.array([], pa.string()), "entries": pa.array([], pa.int32())})
    no_variants = pa.table({"token": pa.array([], pa.string()),
                            "variant": pa.array([], pa.string())})
    with duckdb_engine.duckdb_connection() as con:
        con.register("probe", probe.table)
        con.register("no_tokens", no_tokens)
        con.register("no_variants", no_variants)
        schema = con.sql(features_sql("probe", "no_tokens", "no_variants")).to_arrow_table().schema
    return {f.name: _arrow_depth(f.type) for f in schema}


def _arrow_depth(kind: pa.DataType) -> int:
    depth = 0
    while pa.types.is_list(kind) or pa.types.is_large_list(kind):
        kind, depth = kind.value_type, depth + 1
    return depth


# --- the session ------------------------------------------------------------------------------

#: What a local session is started with: two cores, the loopback interface only, no UI, few
#: shuffle partitions (the defaults' 200 tasks cost more than the work at these sizes).
LOCAL_CONF = {
    "spark.master": "local[2]",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.driver.memory": "2g",
}


@contextmanager
def local_session(**conf: str) -> Iterator[Any]:
    """A local SparkSession (`LOCAL_CONF`, overridden by `conf`) with Splink's similarity jar,
    stopped on exit. Spark talks to its JVM over loopback only. Its SQL warehouse is a private
    temporary folder, removed on exit: Spark's default creates `spark-warehouse` in the
    working directory, which the user did not ask for."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    warehouse = tempfile.mkdtemp(prefix="gmmatch-spark-")
    builder = SparkSession.builder.appName("gmmatch")
    for key, value in {**LOCAL_CONF, "spark.jars": similarity_jar_location(),
                       "spark.sql.warehouse.dir": warehouse, **conf}.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        try:
            yield spark
        finally:
            spark.stop()
    finally:
        shutil.rmtree(warehouse, ignore_errors=True)


# --- blocking and prediction ------------------------------------------------------------------

def blocked_pairs_sql(left: str, right: str) -> str:
    """(id_l, id_r) of every pair a blocking rule lets through, each once: engine.py's
    blocked_pairs_sql in Spark SQL (`explode` for DuckDB's `unnest`)."""
    return duckdb_engine.blocked_pairs_sql(left, right, explode="explode")


def predict(
    records: pa.Table,
    sanctions_list: pa.Table,
    model: Any,
    *,
    min_probability: float,
    every_pair: bool = False,
    spark: Any = None,
) -> pd.DataFrame:
    """Every blocked pair scoring at least `min_probability`: the columns of engine.predict.

    `spark` is an existing SparkSession (a cluster's: it must have Splink's similarity jar on
    `spark.jars`, as Databricks does once Splink is installed), or None: then the session
    already active in this process if there is one (a notebook's: asking for a new one would
    return it, and stopping ours would stop it), else a local session started and stopped here.
    """
    if spark is None:
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()
    if spark is None:
        with local_session() as session:
            return _predict(session, records, sanctions_list, model,
                            min_probability=min_probability, every_pair=every_pair)
    # a child session: the caller's temporary views, functions and SQL settings stay untouched
    return _predict(spark.newSession(), records, sanctions_list, model,
                    min_probability=min_probability, every_pair=every_pair)


def _predict(spark: Any, records: pa.Table, sanctions_list: pa.Table, model: Any, *,
             min_probability: float, every_pair: bool) -> pd.DataFrame:
    from splink import Linker
    from splink.backends.spark import SparkAPI


    logging.getLogger("splink").setLevel(logging.WARNING)
    tag = uuid.uuid4().hex[:12]
    left, right, pairs = (f"gm_{tag}_records", f"gm_{tag}_list", f"gm_{tag}_pairs")
    spark.createDataFrame(_spark_ready(records)).createOrReplaceTempView(left)
    spark.createDataFrame(_spark_ready(sanctions_list)).createOrReplaceTempView(right)
    if every_pair:
        ids = f"SELECT l.unique_id AS id_l, r.unique_id AS id_r FROM {left} l CROSS JOIN {right} r"
    else:
        ids = blocked_pairs_sql(left, right)
    spark.sql(f"""
        SELECT '0' AS match_key, concat('{RECORDS}-__-', id_l) AS join_key_l,
               concat('{LIST}-__-', id_r) AS join_key_r
        FROM ({ids}) ids
    """).createOrReplaceTempView(pairs)
    try:
        # persist, not Splink's default parquet checkpoints: nothing written to disk
        db_api = SparkAPI(spark_session=spark, break_lineage_method="persist")
        inputs = [db_api.register(left, dataset_display_name=RECORDS),
                  db_api.register(right, dataset_display_name=LIST)]
        linker = Linker(inputs, model.splink_settings_creator(sql_dialect="spark"),
                        log_level=None, validate_settings=False)
        linker.table_management.register_blocked_pairs_for_predict(
            db_api.register(pairs, table_name=f"gm_{tag}_blocked_pairs"))
        scored = linker.inference.predict(threshold_match_probability=min_probability)
        frame = scored.as_pandas_dataframe()
    finally:
        # dropping a view uncaches what Splink persisted under it; the local or child session
        # holds no views but ours
        for table in spark.catalog.listTables():
            if table.isTemporary:
                spark.catalog.dropTempView(table.name)
    if frame.empty:
        frame = frame.astype({"source_dataset_l": object})
    return duckdb_engine._oriented(frame)


def _spark_ready(table: pa.Table) -> pa.Table:
    """Arrow types Spark reads: large strings and lists become plain ones."""
    fields = []
    for field in table.schema:
        kind = field.type
        if pa.types.is_large_string(kind):
            kind = pa.string()
        elif pa.types.is_large_list(kind):
            kind = pa.list_(pa.string() if pa.types.is_large_string(kind.value_type)
                            else kind.value_type)
        fields.append(pa.field(field.name, kind))
    return table.cast(pa.schema(fields))
