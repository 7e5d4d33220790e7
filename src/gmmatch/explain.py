"""Evidence in words: what each comparison found for a pair, and how much it weighed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gmmatch.model.comparisons import COMPARISONS, Comparison, Level
from gmmatch.model.params import Model


def level_of(comparison: Comparison, weight: float, model: Model) -> Level:
    """The level of `comparison` that adds `weight` (a pair's `mw_<comparison>`).

    Splink's predictions carry each comparison's weight but not its level; the model keeps the
    weights of its levels distinct (Model checks this), so the weight names the level. The null
    level adds nothing (weight 0).
    """
    best, gap = None, 1e-6
    for level in comparison.levels:
        level_weight = 0.0 if level.is_null else model.weight(comparison.name, level.label)
        if abs(level_weight - weight) <= gap:
            best, gap = level, abs(level_weight - weight)
    if best is None:
        raise ValueError(f"no level of {comparison.name} adds weight {weight}: not this model")
    return best


def level_label_map(comparison: Comparison, model: Model) -> dict[float, str]:
    """{weight rounded to 6 places: level label}, to label a whole column of weights at once."""
    return {
        round(0.0 if lv.is_null else model.weight(comparison.name, lv.label), 6): lv.label
        for lv in comparison.levels
    }


def level_labels(row: Mapping[str, Any], model: Model) -> dict[str, str]:
    """{comparison name: level label} of a scored pair."""
    return {c.name: level_of(c, row[f"mw_{c.name}"], model).label for c in COMPARISONS}


def shared_with_others(row: Mapping[str, Any]) -> bool:
    """Whether other candidates of the pair's record took a share of its probability (its
    `match_probability` is below its `pair_probability`: `gmmatch.link.compete`)."""
    alone = row.get("pair_probability")
    return isinstance(alone, float) and row["match_probability"] < alone - 5e-5


def explain_pair(row: Mapping[str, Any], model: Model, *, threshold: float | None = None) -> str:
    """A reviewer's account of a scored pair: each piece of evidence and its weight.

    The weights are log2 Bayes factors: +1 doubles the odds of a match, -1 halves them. They add
    up, with the prior, to the match weight.
    """
    record = row.get("record_name") or row.get("record_id", "record")
    listed = row.get("list_name") or row.get("list_id", "list entry")
    verdict = ""
    if threshold is not None:
        is_match = row["match_probability"] >= threshold
        verdict = f" (threshold {threshold:g}: {'match' if is_match else 'no match'})"
    shared = ""
    if shared_with_others(row):  # (LinkResult.explain says with which entry)
        shared = f" ({row['pair_probability']:.4f} on this pair's evidence alone)"
    lines = [
        f"{record!s} (record {row.get('record_id', '?')}) vs {listed!s} "
        f"(list entry {row.get('list_id', '?')})",
        f"match probability {row['match_probability']:.4f}{shared}, match weight "
        f"{row['match_weight']:+.1f}{verdict}",
        f"  {'prior':<28} {model.prior_weight:+6.1f}  a match is this unlikely before any "
        "evidence",
    ]
    for comparison in COMPARISONS:
        weight = float(row[f"mw_{comparison.name}"])
        level = level_of(comparison, weight, model)
        lines.append(f"  {comparison.title:<28} {weight:+6.1f}  {level.says}")
    return "\n".join(lines)
