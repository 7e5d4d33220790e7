"""link() and compare(): RecordSets in, scored and explained pairs out."""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from gmmatch.explain import (
    OfflineWaterfallChart,
    explain_pair,
    level_label_map,
    level_labels,
    level_of,
    shared_with_others,
    waterfall_chart,
)
from gmmatch.model import engine as duckdb_engine
from gmmatch.model.comparisons import COMPARISONS
from gmmatch.model.params import Model, resolve_model
from gmmatch.records import RecordSet

#: Match probability at or above which `link()` reports a pair. Chosen on the training half of
#: the evaluation set (benchmarks/train_default_model.py) as the threshold with the best F1, on
#: the probabilities `link()` reports (shared among competing entries); no threshold keeps
#: false alerts within the target, 0.05% of negatives, at a useful recall yet. The shipped
#: model carries the same value. See docs/linkage.md.
DEFAULT_THRESHOLD = 0.32

#: Pairs below this probability on their own evidence (`pair_probability`) are not kept at all
#: (they are shown to nobody).
KEEP_AT_LEAST = 0.01

#: train(): u is recounted only on a list this large; m and the prior only from this many
#: labelled matches (and, for the prior, as many non-matches).
MIN_LIST_FOR_U = 1000
MIN_LABELS = 20

# What `matches` shows of each side beside the ids.
_RECORD_COLUMNS = {"name": "record_name", "entity_type": "record_entity_type",
                   "dob": "record_dob", "nationality": "record_nationality",
                   "recommended_on": "record_recommended_on", "source_org": "record_source_org"}
_LIST_COLUMNS = {"name": "list_name", "entity_type": "list_entity_type", "dob": "list_dob",
                 "nationality": "list_nationality", "programs": "list_programs",
                 "listed_on": "list_listed_on"}
# LinkResult.crowded: the columns of engine.crowded_keys_sql
_CROWDED_COLUMNS = ["rule", "value", "list_entries", "records"]


def _no_crowded_keys() -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in _CROWDED_COLUMNS})


@dataclass
class LinkResult:
    """The scored pairs of one link, with what explain, review and report need later.

    `pairs` holds every scored pair whose own evidence gives it `KEEP_AT_LEAST` or more
    (`pair_probability`: the grey zone a reviewer may want to see); `matches` those whose
    `match_probability` (shared with the record's other candidates, see `compete`) is at or
    above `threshold`. `crowded` lists the blocking values
    that paired nothing because more list entries share them than their rule allows
    (`blocking.MOST_ENTRIES`; columns `rule`, `value`, `list_entries`, `records`): records that
    carry one were not compared with those entries through it. Empty on lists like the SDN
    list.
    """

    pairs: pd.DataFrame
    threshold: float
    model: Model
    records_source: dict[str, Any]
    list_source: dict[str, Any]
    crowded: pd.DataFrame = field(default_factory=_no_crowded_keys)

    @property
    def matches(self) -> pd.DataFrame:
        """One row per (record, list entry) pair at or above the threshold, sorted by
        `record_id`, then `match_probability` descending."""
        from gmmatch.review import reported  # decisions: confirmed stay, rejected go

        return self.pairs[reported(self.pairs, self.threshold)].reset_index(drop=True)

    def best(self) -> pd.DataFrame:
        """The best list entry of each record that has a match (ties: the lower list id)."""
        return self.matches.drop_duplicates("record_id", keep="first").reset_index(drop=True)

    def explain(self, record_id: str, list_id: str) -> str:
        """Each piece of evidence for the pair and how much it moved the match weight."""
        rows = self.pairs[(self.pairs["record_id"] == str(record_id))
                          & (self.pairs["list_id"] == str(list_id))]
        if rows.empty:
            raise KeyError(
                f"no scored pair for record {record_id!r} and list entry {list_id!r}: the pair "
                f"was not a candidate (no shared name key) or scored below {KEEP_AT_LEAST}"
            )
        row = rows.iloc[0]
        text = explain_pair(row, self.model, threshold=self.threshold)
        others = self.pairs[(self.pairs["record_id"] == str(record_id))
                            & (self.pairs["list_id"] != str(list_id))]
        return text + _competition_line(row, others)

    def waterfall(self, record_id: str, list_id: str | None = None) -> OfflineWaterfallChart:
        """Splink's waterfall chart of the pair's evidence, for a notebook: the prior, each
        comparison's weight, the match weight (`explain` in bars). Without `list_id`, every
        scored pair of the record, a slider going from one to the next. Its JavaScript is
        inline: shown or saved (`.save("pair.html")`), it asks no CDN for anything."""
        rows = self.pairs[self.pairs["record_id"] == str(record_id)]
        if list_id is not None:
            rows = rows[rows["list_id"] == str(list_id)]
        if rows.empty:
            raise KeyError(f"no scored pair for record {record_id!r}"
                           + (f" and list entry {list_id!r}" if list_id is not None else ""))
        return waterfall_chart(rows.to_dict("records"), self.model)

    def save(self, path: str | Path) -> Path:
        """Write the pairs as Parquet, with the model and sources in the file's metadata."""
        path = Path(path)
        table = pa.Table.from_pandas(self.pairs, preserve_index=False)
        meta = {
            b"gmmatch": json.dumps(
                {"threshold": self.threshold, "model": self.model.to_dict()["gmmatch"]
                 | {"levels": self.model.levels, "prior": self.model.prior},
                 "records_source": self.records_source, "list_source": self.list_source,
                 "crowded": self.crowded.to_dict(orient="list")},
                sort_keys=True,
            ).encode()
        }
        pq.write_table(table.replace_schema_metadata({**(table.schema.metadata or {}), **meta}),
                       path)
        return path

    @classmethod
    def load(cls, path: str | Path) -> LinkResult:
        """Read a result written by `save`."""
        table = pq.read_table(path)
        raw = (table.schema.metadata or {}).get(b"gmmatch")
        if raw is None:
            raise ValueError(f"{path}: not a gmmatch link result (no gmmatch metadata)")
        meta = json.loads(raw)
        stored = meta["model"]
        model = Model(prior=stored["prior"], levels=stored["levels"],
                      threshold=stored["threshold"],
                      token_frequencies=stored["token_frequencies"],
                      name_variants=stored.get("name_variants", {}),
                      rare_at_most=stored["rare_at_most"], trained=stored.get("trained", {}))
        crowded = ({"crowded": pd.DataFrame(meta["crowded"])[_CROWDED_COLUMNS]}
                   if "crowded" in meta else {})
        return cls(table.to_pandas(), meta["threshold"], model, meta["records_source"],
                   meta["list_source"], **crowded)


def link(
    records: RecordSet,
    sanctions_list: RecordSet,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    model: Model | str | Path | None = None,
    decisions: str | Path | None = None,
    engine: str = "duckdb",
    spark: Any = None,
    entries_compete: bool = True,
) -> LinkResult:
    """Link recommended records to a sanctions list.

    `model` is the shipped default model (None), a model file from `gmmatch.train(...).save()`,
    or a Model. A record's candidate entries compete for it (`entries_compete`, see
    `compete`): the entries of an official list are distinct people and organizations, so a
    record is one of them at most. Pass False for a list that may name the same person in
    several entries (lists joined together): each pair is then scored on its own.

    `engine` is `"duckdb"` (embedded, the default) or `"spark"` (Splink's Spark backend: the
    same blocking, comparisons and parameters; `spark` may be an existing SparkSession, else
    the one active in this process, else a local one is started and stopped). Results are
    deterministic: the same inputs give the same pairs and scores.
    """
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be a probability in [0, 1], not {threshold}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if decisions is not None:  # the review loop: link, then honour the reviewed decisions
        from gmmatch.review import link_with_decisions
        return link_with_decisions(records, sanctions_list, decisions, threshold=threshold,
                                   model=model, engine=engine, spark=spark,
                                   entries_compete=entries_compete)
    model = resolve_model(model)
    # one DuckDB connection for the whole link: each costs about 50 ms to set up
    with duckdb_engine.duckdb_connection() as con:
        if engine == "duckdb":
            # (once the connection's macros exist, and just before the list's features, a long
            # statement: a thread holding the GIL makes each short statement wait for it)
            duckdb_engine.prepare_scoring(model)
        right = _features(sanctions_list, model, con)
        left = _features(records, model, con)
        scored, crowded = _score(left, right, model,
                                 min_probability=min(KEEP_AT_LEAST, threshold),
                                 engine=engine, spark=spark, con=con)
        if entries_compete:
            scored["match_probability"] = compete(scored, _alike_entries(con, scored, right))
    pairs = _with_context(scored, records.table, sanctions_list.table, model)
    if len(crowded):
        warnings.warn(
            f"{len(crowded)} name keys are each shared by more entries of "
            f"{sanctions_list.source.path or 'the list'} than their blocking rule allows and "
            f"paired no record with them (the largest: {crowded['value'].iloc[0]!r}, "
            f"{crowded['list_entries'].iloc[0]}"
            " entries): see LinkResult.crowded", stacklevel=2)
    return LinkResult(pairs, threshold, model, _source(records), _source(sanctions_list),
                      crowded)


ENGINES = ("duckdb", "spark")


#: What makes two list entries one candidate (see `compete`): their type, gender and dates of
#: birth, and their names: with a date of birth, the primary name alone, since the aliases of a
#: person listed twice grow apart (OFAC's two entries for *AWEYS, Hassan Dahir* have 11 and 2,
#: and shared 0.50 each); without one, every name, since then the aliases are all that tells
#: two namesakes apart. Not their countries, which a consolidated list may give per listing
#: (Canada's regulation on Venezuela gives its entries the country Venezuela, its Magnitsky one
#: does not).
_ALIKE_FEATURES = ("entity_type", "gender", "dob_full", "dob_years",
                   "CASE WHEN len(dob_years) > 0 THEN [names[1]] ELSE names END",
                   "CASE WHEN len(dob_years) > 0 THEN [] ELSE weak_names END")


def _alike_entries(con: duckdb.DuckDBPyConnection, scored: pd.DataFrame,
                   listed: pa.Table) -> pd.Series:
    """For each scored pair, a value its list entry shares with the entries that no field but
    their countries tells apart (see `compete`)."""
    ids = pa.array(scored["list_id"].unique(), pa.string())
    con.register("candidates", listed.filter(pc.is_in(listed["unique_id"], ids)))
    # (a hash of list columns: Python would take seconds)
    alike = con.sql(f"SELECT unique_id, hash({', '.join(_ALIKE_FEATURES)}) AS alike "
                    "FROM candidates").to_df()
    con.unregister("candidates")
    return scored["list_id"].map(pd.Series(alike["alike"].to_numpy(),
                                           index=alike["unique_id"].to_numpy()))


def _score(records: pa.Table, listed: pa.Table, model: Model, *, min_probability: float,
           engine: str, spark: Any = None, every_pair: bool = False,
           con: duckdb.DuckDBPyConnection | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scored pairs of two feature tables, on the engine asked for, each on its own
    evidence (`pair_probability` is `match_probability`, until `compete`), and the crowded
    keys blocking left out (none when `every_pair`). DuckDB scores them on `con` if given."""
    crowded = _no_crowded_keys()
    if engine == "spark":
        from gmmatch.model import spark_engine

        scored = spark_engine.predict(records, listed, model, min_probability=min_probability,
                                      every_pair=every_pair, spark=spark)
        if not every_pair:
            crowded = duckdb_engine.crowded_keys(records, listed)
    else:
        if con is None:
            with duckdb_engine.duckdb_connection() as own:
                return _score(records, listed, model, min_probability=min_probability,
                              engine=engine, every_pair=every_pair, con=own)
        scored = duckdb_engine.predict(con, records, listed, model,
                                       min_probability=min_probability, every_pair=every_pair)
        if not every_pair:
            crowded = duckdb_engine.crowded_keys_in(con)
    scored.insert(scored.columns.get_loc("match_probability") + 1, "pair_probability",
                  scored["match_probability"])
    return scored, crowded


def compete(pairs: pd.DataFrame, alike: pd.Series | None = None) -> pd.Series:
    """Each pair's match probability once the record's candidate entries compete for it.

    Fellegi-Sunter weighs each pair on its own evidence. But a record is one person or
    organization, and an official list's entries are distinct ones, so a record is at most one
    of its candidates: when two entries both resemble it (a company and its subsidiary, two
    namesakes), each is less likely than it looks alone. With `O` the odds of a pair on its own
    evidence (`2 ** match_weight`), its probability is `O / (1 + O + the odds of the record's
    other candidates)`: the posterior when the record is one of its candidates or none, with
    the prior that leaves a lone candidate its own probability. A record with one candidate
    keeps it; two equally strong candidates share it. Candidates under KEEP_AT_LEAST on their
    own evidence do not count (each would add at most 1% to the odds), so that the result
    does not depend on the threshold asked for.

    Entries with the same names (with a date of birth, the same primary name), dates of birth,
    gender and type (`alike`: the same value for the pairs of such entries) count as one
    candidate: they are one person or organization listed twice (Canada's list names Nicolás
    Maduro under two regulations; OFAC lists some foundations once a branch, and some persons
    under two programs), or two whom only a reviewer with more than the lists' fields could
    separate. Sharing the probability between them would hide both (0.32 each where one
    is at 0.47).

    `pairs`: `record_id`, `match_weight` and `pair_probability` of every scored pair.
    """
    # (clipped so that the odds of a record's candidates add up without overflow: real
    # weights stay within +-100 bits)
    odds = np.exp2(np.clip(pairs["match_weight"].to_numpy(dtype=float), -500.0, 500.0))
    counted = np.where(pairs["pair_probability"].to_numpy(dtype=float) >= KEEP_AT_LEAST,
                       odds, 0.0)
    record, _ = pd.factorize(pairs["record_id"])
    if alike is None:
        others = np.bincount(record, weights=counted, minlength=record.max(initial=-1) + 1)[
            record] - counted
    else:  # one candidate per record and group of alike entries, with the group's odds
        group, _ = pd.factorize(alike)
        candidate, _ = pd.factorize(record.astype(np.int64) * (group.max(initial=0) + 1) + group)
        candidate_odds = pd.Series(counted).groupby(candidate).max().to_numpy()
        candidate_record = np.zeros(len(candidate_odds), dtype=np.int64)
        candidate_record[candidate] = record
        totals = np.bincount(candidate_record, weights=candidate_odds,
                             minlength=record.max(initial=-1) + 1)
        others = totals[record] - candidate_odds[candidate]
    # (others is never below zero but by rounding, when a pair holds nearly all the sum)
    return pd.Series(odds / (1.0 + odds + np.maximum(others, 0.0)), index=pairs.index,
                     name="match_probability")


def train(
    records: RecordSet,
    sanctions_list: RecordSet,
    labels: pd.DataFrame | str | Path | None = None,
    *,
    model: Model | str | Path | None = None,
    sample: int = 1_000_000,
    seed: int = 7,
) -> Model:
    """Re-estimate the model on your own data; returns a Model for `link(..., model=...)`.

    u (how often non-matches agree) is recounted on `sanctions_list`, exactly as the shipped
    model was trained (gmmatch.model.training). With `labels` (a table or CSV of reviewed
    pairs: `record_id`, `list_id`, `match` true/false), m of every comparison is re-estimated
    from the confirmed matches (when there are at least 20), with `model`'s m counted as
    MIN_LABELS matches more, and the prior from all labelled pairs (when there are at least 20
    of each). Everything else is kept from `model` (the
    shipped one by default), and so is u when the list has fewer than 1,000 entries (counting
    non-matches needs list-sized data) and the u of every level no pair of the list reaches
    (`trained["u_kept_from_base"]` names them). The list's name parts are counted into the
    model's token frequencies, and the spellings its entries' aliases write for one another
    into its name variants (`training.name_variants`).
    """
    from gmmatch.model import training

    base = resolve_model(model)
    frequencies = dict(base.token_frequencies)
    for token, count in training.token_frequencies(
            [sanctions_list.table], keep_above=base.rare_at_most).items():
        frequencies[token] = max(count, frequencies.get(token, 0))
    variants = {part: set(others) for part, others in base.name_variants.items()}
    for part, others in training.name_variants([sanctions_list.table], frequencies).items():
        variants.setdefault(part, set()).update(others)
    trained = Model(prior=base.prior, levels=base.levels, threshold=base.threshold,
                    token_frequencies=frequencies,
                    name_variants={part: sorted(others) for part, others in variants.items()},
                    rare_at_most=base.rare_at_most)
    unseen: set[tuple[str, str]] = set()  # levels whose u is kept from `base`
    with duckdb_engine.duckdb_connection() as con:
        listed = duckdb_engine.features(con, sanctions_list.table, "list", trained)
        if len(sanctions_list) >= MIN_LIST_FOR_U:
            u, unseen = training.estimate_u(con, listed, listed, sample=sample, seed=seed,
                                            same_list=True)
            # A level no pair of this list reached (a list of companies meets no level of
            # dates of birth; one without aliases, no weak alias) says nothing of its u: the
            # base model's is kept, rather than a floor that many such levels would share.
            for name, level in unseen:
                u[name][level] = base.levels[name][level]["u"]
        else:
            u = {c.name: {lv: p["u"] for lv, p in base.levels[c.name].items()}
                 for c in COMPARISONS}
        labelled = _labels(labels) if labels is not None else None
        levels = None
        if labelled is not None:
            left = duckdb_engine.features(con, records.table, "records", trained)
            levels = training.pair_levels(
                con, pa.table({"id_l": labelled["record_id"], "id_r": labelled["list_id"]}),
                left, listed)
    m = {c.name: {lv: p["m"] for lv, p in base.levels[c.name].items()} for c in COMPARISONS}
    notes: dict[str, Any] = {"seed": seed}
    if len(sanctions_list) >= MIN_LIST_FOR_U:
        notes |= {"u_from": sanctions_list.source.path or "sanctions list",
                  "u_sample_pairs": sample}
        if unseen:
            notes["u_kept_from_base"] = [f"{name}: {level}" for name, level in sorted(unseen)]
    else:
        notes["u_from"] = f"kept from the base model (list under {MIN_LIST_FOR_U} entries)"
    if levels is not None:
        truth = dict(zip(zip(labelled["record_id"], labelled["list_id"], strict=True),
                         labelled["match"], strict=True))
        matches = [row for row in levels if truth[(row["id_l"], row["id_r"])]]
        notes["labels"] = {"pairs": len(levels), "matches": len(matches)}
        if len(matches) >= MIN_LABELS:
            # The model's m as MIN_LABELS matches of prior evidence: a few dozen labels reach
            # a few of the name's twenty levels, and from them alone every other level got the
            # one floor, its weight set by u alone (two levels of one u then weighed the same).
            for comparison in COMPARISONS:
                counts = {lv: MIN_LABELS * p for lv, p in m[comparison.name].items()}
                for row in matches:
                    if row[comparison.name] in counts:
                        counts[row[comparison.name]] += 1
                m[comparison.name] = training.m_from_counts(comparison, counts)
    trained.levels = {c.name: {lv: {"m": m[c.name][lv], "u": u[c.name][lv]}
                               for lv in m[c.name]} for c in COMPARISONS}
    if levels is not None and MIN_LABELS <= len(matches) <= len(levels) - MIN_LABELS:
        weights = [sum(trained.weight(c.name, row[c.name]) for c in COMPARISONS
                       if not _is_null(c, row[c.name])) for row in levels]
        trained.prior = training.fit_prior(
            zip(weights, (truth[(r["id_l"], r["id_r"])] for r in levels), strict=True))
    trained.__post_init__()
    trained.trained = {"by": "gmmatch.train", **notes}
    return trained


def _is_null(comparison, label: str) -> bool:
    return any(lv.is_null and lv.label == label for lv in comparison.levels)


_TRUE = {"true", "1", "yes", "match", "y", "t"}
_FALSE = {"false", "0", "no", "not a match", "non-match", "n", "f"}


def _labels(labels: pd.DataFrame | str | Path) -> pd.DataFrame:
    frame = labels if isinstance(labels, pd.DataFrame) else pd.read_csv(labels, dtype=str)
    missing = {"record_id", "list_id", "match"} - set(frame.columns)
    if missing:
        raise ValueError(f"labels need columns record_id, list_id, match; missing {missing}")
    def truth(value: Any) -> bool:
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"labels: match must be true/false (or match / not a match), "
                         f"not {value!r}")
    return pd.DataFrame({"record_id": frame["record_id"].astype(str),
                         "list_id": frame["list_id"].astype(str),
                         "match": [truth(v) for v in frame["match"]]})


@dataclass(frozen=True)
class PairScore:
    """The score of one pair from `compare()`."""

    match_probability: float
    match_weight: float
    levels: dict[str, str]
    # not in the repr: a notebook printing a score would show the whole model (its token
    # frequencies run to thousands of lines)
    _row: pd.Series = field(repr=False)
    _model: Model = field(repr=False)

    def explain(self) -> str:
        return explain_pair(self._row, self._model)

    def waterfall(self) -> OfflineWaterfallChart:
        """Splink's waterfall chart of the evidence (`LinkResult.waterfall`)."""
        return waterfall_chart([self._row], self._model)


def compare(a: Mapping[str, Any] | str, b: Mapping[str, Any] | str, *,
            model: Model | str | Path | None = None) -> PairScore:
    """Score two records given as dicts of canonical fields (`name`, `dob`, `nationality`...),
    or as names alone (`compare("Muammar Gaddafi", "QADHAFI, Muammar")`).

    Every comparison is made, whether or not blocking would have paired them.
    """
    from gmmatch.readers.tabular import read_records

    model = resolve_model(model)
    left = read_records([{**_record_fields(a, "a"), "id": "a"}])
    right = read_records([{**_record_fields(b, "b"), "id": "b"}])
    with duckdb_engine.duckdb_connection() as con:  # (one for the three steps, as link())
        scored, _ = _score(_features(left, model, con), _features(right, model, con), model,
                           min_probability=0, engine="duckdb", every_pair=True, con=con)
    row = scored.iloc[0]
    return PairScore(float(row["match_probability"]), float(row["match_weight"]),
                     level_labels(row, model), row, model)


def _record_fields(record: Mapping[str, Any] | str, which: str) -> Mapping[str, Any]:
    if isinstance(record, str):
        return {"name": record}
    if not isinstance(record, Mapping):
        raise TypeError(f"compare(): record {which} is a {type(record).__name__}; expected a "
                        "name, or a dict of fields such as {'name': ..., 'dob': ...}")
    return record


def _features(records: RecordSet, model: Model,
              con: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
    """The record features of `model`, computed once per RecordSet (on DuckDB whatever the
    engine: they are a per-record projection, and Arrow hands them to Spark as they are), on
    `con` if given."""
    return records.derived(model.features_key,
                           lambda table: duckdb_engine.feature_table(table, model, con))


def _with_context(
    scored: pd.DataFrame, records: pa.Table, listed: pa.Table, model: Model
) -> pd.DataFrame:
    """The scored pairs with the names, dates and programs of both sides, sorted."""
    left = records.select(list(_RECORD_COLUMNS)).to_pandas().rename(columns=_RECORD_COLUMNS)
    left.insert(0, "record_id", records["id"].to_pylist())
    # (only the entries scored: ten records meet a few dozen of the list's)
    listed = listed.filter(pc.is_in(listed["id"], pa.array(scored["list_id"].unique(),
                                                           pa.string())))
    right = listed.select(list(_LIST_COLUMNS)).to_pandas().rename(columns=_LIST_COLUMNS)
    right.insert(0, "list_id", listed["id"].to_pandas())
    # sorted while narrow (a left merge keeps the order): sorting the wide table copied it all
    scored = scored.sort_values(["record_id", "match_probability", "list_id"],
                                ascending=[True, False, True], kind="mergesort")
    pairs = scored.merge(left, on="record_id", how="left").merge(right, on="list_id", how="left")
    for comparison in COMPARISONS:
        weights = pairs[f"mw_{comparison.name}"]
        labels = weights.round(6).map(level_label_map(comparison, model))
        # a weight on a rounding edge misses the map: name its level the exact way
        unnamed = labels.isna()
        labels[unnamed] = [level_of(comparison, w, model).label for w in weights[unnamed]]
        pairs[f"{comparison.name}_evidence"] = labels
    first = ["record_id", "list_id", "match_probability", "pair_probability", "match_weight",
             "record_name", "list_name"]
    return pairs[first + [c for c in pairs.columns if c not in first]].reset_index(drop=True)


def _competition_line(row: pd.Series, others: pd.DataFrame) -> str:
    """What `explain` adds when other candidates of the record lowered the pair's probability
    (see `compete`)."""
    if not shared_with_others(row):
        return ""
    alone = row["pair_probability"]
    others = others[others["pair_probability"] >= KEEP_AT_LEAST].sort_values(
        "pair_probability", ascending=False, kind="mergesort")
    if others.empty:
        return ""
    best = others.iloc[0]
    return (f"\ncompeting entries: {len(others)} other list "
            f"{'entry resembles' if len(others) == 1 else 'entries resemble'} this record, which "
            f"is one of them at most; they share its probability. This pair alone: "
            f"{alone:.4f}; the strongest other, {best.get('list_name') or best['list_id']} "
            f"(list entry {best['list_id']}), alone: {best['pair_probability']:.4f}.")


def _source(records: RecordSet) -> dict[str, Any]:
    s = records.source
    return {"path": s.path, "list_name": s.list_name, "format": s.format,
            "list_date": s.list_date, "records": len(records)}
