"""Estimating the model's parameters from data, each from the evidence that can tell it.

Fellegi-Sunter needs, for each comparison level, m (how often true matches fall in it) and u (how
often non-matches do). Where each estimate comes from matters more than the algorithm:

- u is counted on pairs of *different* entries of one list, which are non-matches by
  construction. Levels that need a shared name part are counted exactly over every pair that
  shares one (the blocked pairs); the others on a large seeded random sample of pairs.
- m is counted on pairs of the *same* person kept independently by two lists, found by rules
  that never look at the field being estimated: names from pairs that share a full date of birth
  and a nationality; dates of birth from pairs that share a distinctive name; nationality and
  gender from pairs that share a distinctive name and a full date of birth.
- Every m is floored (`M_FLOOR`) so that no single field can veto a match.
- The prior (how likely a random record-entry pair is a match) and the threshold are fitted on
  labelled pairs, so that a probability of 0.9 means nine in ten.

`benchmarks/train_default_model.py` runs all of this on the real lists to make the shipped model;
`gmmatch.train` re-runs the parts a user's own data can inform.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

import duckdb
import jellyfish
import numpy as np
import pyarrow as pa

from gmmatch.model.comparisons import (
    COMPARISONS,
    COUNTRY,
    DATE_OF_BIRTH,
    GENDER,
    LEGAL_FORM,
    NAME,
    TWO_EDITS_FROM,
    Comparison,
)
from gmmatch.model.engine import blocked_pairs_sql
from gmmatch.model.features import sql_strings
from gmmatch.model.params import M_FLOOR
from gmmatch.normalize.names import q_as_g, token_variant_key

_SIDE = re.compile(r"\b([a-z][a-z_]*?)_(l|r)\b")


def level_case_sql(comparison: Comparison) -> str:
    """A CASE expression giving the level label of a pair, over tables aliased `l` and `r`."""
    whens = []
    for level in comparison.levels:
        if level.sql == "ELSE":
            whens.append(f"ELSE '{level.label}'")
        else:
            condition = _SIDE.sub(r"\2.\1", level.sql)
            whens.append(f"WHEN {condition} THEN '{level.label}'")
    return "CASE " + " ".join(whens) + " END"


def level_counts(con: duckdb.DuckDBPyConnection, pairs_sql: str, left: str, right: str,
                 comparisons: Iterable[Comparison] = COMPARISONS) -> dict[str, Counter]:
    """How many of the pairs (`pairs_sql` yields id_l, id_r) fall in each level."""
    comparisons = list(comparisons)
    cases = ", ".join(f"{level_case_sql(c)} AS {c.name}" for c in comparisons)
    sql = f"""
        WITH pairs AS ({pairs_sql}),
        levels AS (
            SELECT {cases}
            FROM pairs p JOIN {left} l ON l.unique_id = p.id_l
                         JOIN {right} r ON r.unique_id = p.id_r
        )
        SELECT * FROM levels
    """
    con.execute(f"CREATE OR REPLACE TEMP TABLE _gm_levels AS {sql}")
    counts: dict[str, Counter] = {}
    for c in comparisons:
        rows = con.sql(f"SELECT {c.name}, count(*) FROM _gm_levels GROUP BY 1").fetchall()
        counts[c.name] = Counter(dict(rows))
    return counts


def random_pairs_sql(left: str, right: str, n: int, seed: int, *, exclude_same_id: bool) -> str:
    """`n` pairs drawn uniformly (with replacement) from left x right, reproducibly."""
    where = "WHERE l.unique_id <> r.unique_id" if exclude_same_id else ""
    return f"""
        WITH nl AS (SELECT unique_id, row_number() OVER (ORDER BY unique_id) - 1 AS i FROM {left}),
             nr AS (SELECT unique_id, row_number() OVER (ORDER BY unique_id) - 1 AS i FROM {right}),
             -- (not `hash(k, seed + 1)` for the right side: DuckDB's hashes of (k, s) and
             -- (k, s + 1) differ by a constant mask, and on a list of 2^j x m entries one
             -- side's last j bits decided the other's: one pair in 2^j was drawn)
             draws AS (
                 SELECT hash(k, {seed}) % (SELECT count(*) FROM nl) AS il,
                        hash(hash(k, {seed})) % (SELECT count(*) FROM nr) AS ir
                 FROM range({n}) t(k))
        SELECT l.unique_id AS id_l, r.unique_id AS id_r
        FROM draws d JOIN nl l ON l.i = d.il JOIN nr r ON r.i = d.ir {where}
    """


#: The u of a level no pair was counted at (a share, so that no weight is infinite).
U_FLOOR = 1e-9

#: The name levels of two names alike but not written alike: the same name in another spelling,
#: or one inside or close to the other. (Names written alike carry their legal forms: a pair
#: at those levels always has the same ones.)
_NAME_LABELS = [level.label for level in NAME.levels]
RESEMBLING_NAMES = tuple(_NAME_LABELS[
    _NAME_LABELS.index("same name in another spelling, distinctive")
    : _NAME_LABELS.index("same name in another script")])
#: Fewest pairs of resembling names, with a legal form each, to count u of legal forms on.
MIN_RESEMBLING_PAIRS = 100
_NULL_LEGAL_FORM = next(level.label for level in LEGAL_FORM.levels if level.is_null)

#: The comparisons whose m is counted on persons (the same people kept by two lists, paired by
#: a full date of birth or by one of their names and dates), and so whose u is counted on pairs
#: of two persons. Only persons have a nationality: counted over pairs of every kind, "same
#: nationality" had a u a fifth of what two persons show (the SDN list's organizations, vessels
#: and aircraft have countries but no nationality), and weighed two bits more than it tells.
PERSON_COMPARISONS = (DATE_OF_BIRTH, COUNTRY, GENDER)


def estimate_u(con: duckdb.DuckDBPyConnection, left: str, right: str, *, sample: int,
               seed: int, same_list: bool,
               ) -> tuple[dict[str, dict[str, float]], set[tuple[str, str]]]:
    """u of every level on pairs of `left` x `right` (non-matches by construction when
    `same_list`: left and right are one list, and an entry with itself is no pair), and the
    levels (comparison, level) no pair was counted at, whose u is only a floor.

    Name levels are mostly met among the pairs that blocking lets through, which are few and
    which a random sample would almost never draw: they are counted exactly there, and the
    pairs outside the blocks are estimated from the random sample's unblocked pairs of the same
    `party` (the pairs blocking could let through). The other comparisons are counted on the
    random sample (those of `PERSON_COMPARISONS` on its pairs of two persons), but for legal
    forms: they are counted on the blocked pairs whose names resemble (`RESEMBLING_NAMES`),
    the only pairs where they can change a decision. Two
    companies of alike names share a legal form far more often than two random companies do
    (in one country, one group): 66% of such SDN pairs against 51%.
    """
    # Name levels are counted on the pairs link() may score: a person and a vessel never are
    # (blocking pairs the same `party` only), though their names may key alike (the vessel
    # SEVIN and WIN, Soe, written as one word).
    same_party = con.sql(f"""
        SELECT coalesce(sum(a.n * b.n), 0) FROM
            (SELECT party, count(*) AS n FROM {left} GROUP BY 1) a
            JOIN (SELECT party, count(*) AS n FROM {right} GROUP BY 1) b USING (party)
    """).fetchall()[0][0]
    n_left = con.sql(f"SELECT count(*) FROM {left}").fetchall()[0][0]
    total = same_party - (n_left if same_list else 0)  # (an entry with itself is no pair)
    con.execute("CREATE OR REPLACE TEMP TABLE _gm_blocked AS "
                + blocked_pairs_sql(left, right, exclude_same_id=same_list))
    n_blocked = con.sql("SELECT count(*) FROM _gm_blocked").fetchall()[0][0]
    in_blocks = level_counts(con, "SELECT * FROM _gm_blocked", left, right,
                             [NAME, LEGAL_FORM])[NAME.name]
    # (level_counts left the blocked pairs' levels in _gm_levels)
    legal_forms_resembling = Counter(dict(con.sql(
        "SELECT legal_form, count(*) FROM _gm_levels "
        f"WHERE name IN {sql_strings(RESEMBLING_NAMES)} GROUP BY 1"
    ).fetchall()))
    sampled_sql = random_pairs_sql(left, right, sample, seed, exclude_same_id=same_list)

    def sampled_where(condition: str) -> str:
        """The sampled pairs whose sides `l` and `r` meet `condition`."""
        return (f"SELECT s.* FROM ({sampled_sql}) s JOIN {left} l ON l.unique_id = s.id_l "
                f"JOIN {right} r ON r.unique_id = s.id_r WHERE {condition}")

    # (names are counted on the blocks and outside them, below: not on the whole sample)
    sampled = level_counts(con, sampled_sql, left, right,
                           [c for c in COMPARISONS
                            if c is not NAME and c not in PERSON_COMPARISONS])
    sampled |= level_counts(
        con, sampled_where("l.entity_type = 'person' AND r.entity_type = 'person'"),
        left, right, PERSON_COMPARISONS)
    outside = level_counts(
        con, sampled_where("l.party = r.party AND NOT EXISTS (SELECT 1 FROM _gm_blocked b "
                           "WHERE b.id_l = s.id_l AND b.id_r = s.id_r)"),
        left, right, [NAME])[NAME.name]
    outside_share = (total - n_blocked) / total
    outside_total = sum(outside.values()) or 1
    u: dict[str, dict[str, float]] = {}
    unseen: set[tuple[str, str]] = set()
    for comparison in COMPARISONS:
        if comparison is NAME:
            shares = {lv: in_blocks.get(lv, 0) / total
                      + outside_share * outside.get(lv, 0) / outside_total
                      for lv in {*in_blocks, *outside}}
        elif (comparison is LEGAL_FORM
              and legal_forms_resembling.total() - legal_forms_resembling[_NULL_LEGAL_FORM]
              >= MIN_RESEMBLING_PAIRS):
            shares = legal_forms_resembling
        else:
            counts = sampled[comparison.name]
            shares = {lv: c / (counts.total() or 1) for lv, c in counts.items()}
        u[comparison.name] = _distribution(comparison, shares, floor=U_FLOOR)
        unseen |= {(comparison.name, lv.label) for lv in comparison.levels
                   if not lv.is_null and not shares.get(lv.label)}
    return u, unseen


def _distribution(comparison: Comparison, counts: Mapping[str, float], *,
                  floor: float) -> dict[str, float]:
    """Shares of the non-null levels (floored, summing to 1)."""
    labels = [lv.label for lv in comparison.levels if not lv.is_null]
    raw = {lv: max(float(counts.get(lv, 0.0)), 0.0) for lv in labels}
    total = sum(raw.values())
    shares = {lv: (v / total if total else 1 / len(labels)) for lv, v in raw.items()}
    shares = {lv: max(v, floor) for lv, v in shares.items()}
    total = sum(shares.values())
    return {lv: v / total for lv, v in shares.items()}


def m_from_counts(comparison: Comparison, counts: Mapping[str, float]) -> dict[str, float]:
    """m of every level from level counts among true matches, each at least M_FLOOR."""
    return _distribution(comparison, counts, floor=M_FLOOR)


def token_frequencies(tables: Iterable[pa.Table], *, keep_above: int) -> dict[str, int]:
    """How many entries of the given lists carry each token key, and each pair of token keys
    of one name (`"a b"`, `a < b`, as the feature `token_pairs`). Every token, for a token no
    list carries is not a name (the feature `unknown_tokens`); pairs only above `keep_above`:
    the others are rare, which is what a missing pair means."""
    tokens: Counter = Counter()
    pairs: Counter = Counter()
    for table in tables:
        for parts, keys in zip(table["token_keys"].to_pylist(),
                               table["name_keys"].to_pylist(), strict=True):
            tokens.update(set(parts or ()))
            pairs.update({pair for key in keys or () for pair in _token_pairs(key)})
    kept = tokens | Counter({p: n for p, n in pairs.items() if n > keep_above})
    return dict(sorted(kept.items()))


def _token_pairs(key: str) -> Iterator[str]:
    parts = sorted(set(key.split()))
    return (f"{a} {b}" for i, a in enumerate(parts) for b in parts[i + 1:])


#: Name parts count as spellings of one name (`name_variants`) when the aliases of this many
#: entries at least write one for the other...
VARIANT_ENTRIES_AT_LEAST = 2
#: ...and this share at least of the entries that carry the rarer of the two do.
VARIANT_SHARE_AT_LEAST = 0.25


def name_variants(tables: Iterable[pa.Table], frequencies: Mapping[str, int], *,
                  entries_at_least: int = VARIANT_ENTRIES_AT_LEAST,
                  share_at_least: float = VARIANT_SHARE_AT_LEAST) -> dict[str, list[str]]:
    """Name parts (token keys) that the lists write for one another: `{part: [variants]}`.

    Where two names of one person's entry differ in one part each, and those parts are a typo
    apart (the edits `_similar_parts` allows), they are two spellings of one name:
    *LUKASHENKO, Aliaksandr* and *LUKASHENKO, Alexander*, *Siarhei* and *Sergei*, *Hamza* and
    *Hamsa*. Kept when `entries_at_least` entries write them so, and `share_at_least` of the
    entries carrying the rarer part (`frequencies`, the entries of the same lists carrying each
    part): the aliases of 7 entries write Mahmud for Muhammad, but 97 entries carry Mahmud,
    and Mahmud is another name. A `q` written `g` (*QADHAFI* and *GADDAFI*) needs no variant:
    every name with a `q` has that reading among its keys (`NameFeatures.qaf_key`), and the
    parts only the reading writes are left out here (`_read_only_parts`).
    """
    entries: Counter = Counter()
    for table in tables:
        for kind, keys, tokens in zip(table["entity_type"].to_pylist(),
                                      table["name_keys"].to_pylist(),
                                      table["name_tokens"].to_pylist(), strict=True):
            if kind != "person" or not keys or len(keys) < 2:
                continue
            names = [set(key.split()) for key in keys]
            read = _read_only_parts(tokens)
            entries.update({pair for i, a in enumerate(names) for b in names[i + 1:]
                            if (pair := _one_part_apart(a, b))
                            and read.isdisjoint(pair)})
    variants: dict[str, list[str]] = {}
    for (a, b), count in sorted(entries.items()):
        if (count >= entries_at_least and count >= share_at_least
                * min(frequencies.get(a, count), frequencies.get(b, count))):
            variants.setdefault(a, []).append(b)
            variants.setdefault(b, []).append(a)
    return {part: sorted(others) for part, others in sorted(variants.items())}


def _read_only_parts(tokens: Iterable[str]) -> set[str]:
    """The parts of a name's keys that its `q` read as `g` makes (`names.q_as_g`,
    `NameFeatures.qaf_key`) and that none of its `tokens` as written has: no alias wrote
    them, and a variant of theirs would be the reading's, not the list's."""
    read = {token_variant_key(r) for t in tokens if "q" in t and (r := q_as_g(t))}
    return read - {token_variant_key(t) for t in tokens} if read else read


def _one_part_apart(a: set[str], b: set[str]) -> tuple[str, str] | None:
    """The two parts (sorted) in which two names with a part in common differ, when they
    differ in one part each and those are a typo apart (three letters at least: shorter
    parts are initials and particles)."""
    only_a, only_b = a - b, b - a
    if len(only_a) != 1 or len(only_b) != 1 or not a & b:
        return None
    x, y = sorted((*only_a, *only_b))
    allowed = 2 if min(len(x), len(y)) >= TWO_EDITS_FROM else 1
    if min(len(x), len(y)) < 3 or jellyfish.damerau_levenshtein_distance(x, y) > allowed:
        return None
    return x, y


def fit_prior(weights_and_labels: Iterable[tuple[float, bool]]) -> float:
    """The prior that makes probabilities honest on labelled pairs (maximum likelihood).

    `weights_and_labels`: (match weight without prior, is a true match) for candidate pairs.
    """
    pairs = list(weights_and_labels)
    weights = np.array([w for w, _ in pairs], dtype=float)
    labels = np.array([y for _, y in pairs], dtype=bool)
    candidates = np.arange(-40.0, 0.05, 0.1)           # prior weights, in bits
    totals = candidates[:, None] + weights[None, :]
    # log P(match) and log P(non-match) from the total weight, computed stably
    log_p = -np.logaddexp(0, -totals * math.log(2))
    log_q = -np.logaddexp(0, totals * math.log(2))
    likelihood = np.where(labels[None, :], log_p, log_q).sum(axis=1)
    odds = 2 ** candidates[int(np.argmax(likelihood))]
    return float(odds / (1 + odds))


def pair_levels(con: duckdb.DuckDBPyConnection, pairs: pa.Table, left: str,
                right: str) -> list[dict[str, str]]:
    """The level of every comparison for given (id_l, id_r) pairs, in their order."""
    con.register("_gm_pairs_in", pairs)
    cases = ", ".join(f"{level_case_sql(c)} AS {c.name}" for c in COMPARISONS)
    rows = con.sql(f"""
        SELECT p.id_l, p.id_r, {cases}
        FROM _gm_pairs_in p JOIN {left} l ON l.unique_id = p.id_l
                            JOIN {right} r ON r.unique_id = p.id_r
    """).fetchall()
    con.unregister("_gm_pairs_in")
    names = ["id_l", "id_r", *(c.name for c in COMPARISONS)]
    return [dict(zip(names, row, strict=True)) for row in rows]
