"""Evidence in words: what each comparison found for a pair, and how much it weighed; and the
same as Splink's waterfall chart, for notebooks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from splink.internals.charts import WaterfallChart
from splink.internals.html_utils import chart_html

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
    types = {row.get("record_entity_type"), row.get("list_entity_type")}
    for comparison in COMPARISONS:
        weight = float(row[f"mw_{comparison.name}"])
        level = level_of(comparison, weight, model)
        if level.is_null and comparison.applies_to and comparison.applies_to not in types:
            continue  # (legal forms between two persons: nothing to say)
        lines.append(f"  {comparison.title:<28} {weight:+6.1f}  {level.says}")
    return "\n".join(lines)


#: The pair's values each comparison's bar shows (the pairs' context columns; gender has none).
_SHOWN = {"name": ("record_name", "list_name"), "dob": ("record_dob", "list_dob"),
          "country": ("record_nationality", "list_nationality"),
          "entity_type": ("record_entity_type", "list_entity_type")}


class OfflineWaterfallChart(WaterfallChart):
    """Splink's waterfall chart with its JavaScript inline wherever it is shown or saved: Splink's
    own loads vega from a CDN, a request a notebook on a sensitive list should not make. Shown
    by a notebook as it is; `.save("pair.html")` writes a page that works offline; `.save` to
    PNG or SVG and `.altair_chart` need altair (`pip install altair`)."""

    def to_html(self, *, inline: bool = True) -> str:
        return super().to_html(inline=inline)

    def save(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("inline", True)
        return super().save(*args, **kwargs)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        requested = {"text/html", "text/plain"} & set(include or ("text/html", "text/plain"))
        requested -= set(exclude or ())
        bundle = {}
        if "text/plain" in requested:
            bundle["text/plain"] = "waterfall chart of match weights (shown as HTML)"
        if "text/html" in requested:
            bundle["text/html"] = chart_html(self.chart_dict, inline=True)
        return bundle


def waterfall_chart(rows: Sequence[Mapping[str, Any]], model: Model) -> OfflineWaterfallChart:
    """Splink's waterfall chart of scored pairs: a bar for the prior, one for each comparison
    (its level, the level's m and u, what it says, both sides' values) and the match weight
    they add up to; with several pairs, a slider goes from one to the next."""
    bars: list[dict[str, Any]] = []
    for number, row in enumerate(rows):
        pair_bars = [_bar("Prior", "Starting match weight (prior)", model.prior_weight)]
        for comparison in COMPARISONS:
            weight = float(row[f"mw_{comparison.name}"])
            level = level_of(comparison, weight, model)
            scored = [lv for lv in comparison.levels if not lv.is_null]
            params = {} if level.is_null else model.levels[comparison.name][level.label]
            left, right = _SHOWN.get(comparison.name, (None, None))
            pair_bars.append(_bar(
                comparison.title, level.label, weight, description=level.says,
                vector_value=-1 if level.is_null else len(scored) - 1 - scored.index(level),
                m=params.get("m"), u=params.get("u"),
                values=(_shown(row.get(left)), _shown(row.get(right)))))
        pair_bars.append(_bar("Final score", "Final score", float(row["match_weight"])))
        for order, bar in enumerate(pair_bars):
            bar.update(bar_sort_order=order, record_number=number)
        bars += pair_bars
    return OfflineWaterfallChart(bars, filter_nulls=False)


def _bar(column: str, label: str, weight: float, *, description: str | None = None,
         vector_value: int | None = None, m: float | None = None, u: float | None = None,
         values: tuple[str, str] = ("", "")) -> dict[str, Any]:
    """One bar, as Splink's waterfall records are."""
    return {"column_name": column, "label_for_charts": label, "sql_condition": None,
            "log2_bayes_factor": weight, "bayes_factor": 2.0 ** weight,
            "comparison_vector_value": vector_value, "m_probability": m, "u_probability": u,
            "bayes_factor_description": description, "value_l": values[0],
            "value_r": values[1], "term_frequency_adjustment": False}


def _shown(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    try:
        return ", ".join(str(v) for v in value)
    except TypeError:
        return str(value)
