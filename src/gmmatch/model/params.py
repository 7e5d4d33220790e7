"""A trained model: the m and u probability of every comparison level, the prior, the threshold
and the token frequencies, saved as one JSON file.

The file holds two parts: `gmmatch` (what gmmatch needs beside Splink: token frequencies,
threshold, how the model was trained) and `splink` (a complete Splink 5 settings dictionary with
the trained parameters, loadable by Splink on its own). The comparisons themselves are defined in
`comparisons.py`; a model file whose levels do not match them is refused with a clear error.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import itertools
import json
import math
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from splink import SettingsCreator
from splink.comparison_library import CustomComparison
from splink.internals.settings import Settings

from gmmatch.model.blocking import blocking_rules
from gmmatch.model.comparisons import COMPARISONS, Comparison, expand_macros
from gmmatch.model.features import RARE_AT_MOST

FORMAT = "gmmatch-model/1"
DEFAULT_MODEL_RESOURCE = "default_model.json"

#: No level of a field may make a match less likely than this m allows: real lists have
#: dual nationals, typos and wrong dates, so one field must never veto a match on its own.
M_FLOOR = 0.005


@dataclass
class Model:
    """Parameters of the Fellegi-Sunter model gmmatch links with."""

    prior: float
    levels: dict[str, dict[str, dict[str, float]]]   # comparison -> level label -> {m, u}
    threshold: float
    token_frequencies: dict[str, int]
    #: name parts the lists write for one another (`training.name_variants`)
    name_variants: dict[str, list[str]] = field(default_factory=dict)
    rare_at_most: int = RARE_AT_MOST
    trained: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for comparison in COMPARISONS:
            expected = [lv.label for lv in comparison.levels if not lv.is_null]
            found = list(self.levels.get(comparison.name, {}))
            if sorted(found) != sorted(expected):
                raise ValueError(
                    f"model parameters for comparison {comparison.name!r} name levels {found}, "
                    f"but this version of gmmatch compares {expected}: retrain the model"
                )
            # explain() tells levels apart by their weights (Splink reports weights only)
            weights = sorted([0.0] + [self.weight(comparison.name, lv) for lv in expected])
            if any(b - a < 1e-4 for a, b in itertools.pairwise(weights)):
                raise ValueError(
                    f"two levels of {comparison.name!r} (or one and 'no evidence') have the same "
                    "weight: they could not be told apart in explanations"
                )

    @functools.cached_property
    def features_key(self) -> tuple:
        """What the features of a record depend on in this model (token rarity, name variants).
        Computed once a model: the counts of 18,000 tokens take milliseconds to hash, and a link
        asks twice."""
        return ("features", self.rare_at_most, hash(tuple(sorted(self.token_frequencies.items()))),
                hash(tuple((part, tuple(others))
                           for part, others in sorted(self.name_variants.items()))))

    @property
    def pairs_counted(self) -> bool:
        """Whether `token_frequencies` counts pairs of name parts too (models trained before
        it did count none: then no pair is taken for rare)."""
        return any(" " in token for token in self.token_frequencies)

    @property
    def prior_weight(self) -> float:
        """The prior as a match weight (log2 of the prior odds)."""
        return math.log2(self.prior / (1 - self.prior))

    def weight(self, comparison: str, level: str) -> float:
        """The match weight (log2 Bayes factor) a level adds."""
        p = self.levels[comparison][level]
        return math.log2(p["m"] / p["u"])

    def splink_settings(self, *, sql_dialect: str = "duckdb") -> dict[str, Any]:
        """A Splink settings dictionary carrying these parameters, its level SQL in `sql_dialect`.

        The levels are written in DuckDB SQL. For Spark they go through gmmatch's own
        translation (`spark_engine.translate_sql`: sqlglot plus fixes where sqlglot is wrong);
        for any other dialect, Splink's sqlglot translation. ELSE stays as it is. The macros
        gmmatch's DuckDB connections have (`comparisons.MACROS`) are written out, so that the
        dictionary stands on its own.
        """
        settings = copy.deepcopy(_parsed_settings(sql_dialect, self)[0])
        for comparison in settings["comparisons"]:
            for level in comparison["comparison_levels"]:
                level["sql_condition"] = expand_macros(level["sql_condition"])
        return settings

    def splink_settings_creator(self, *, sql_dialect: str = "duckdb") -> SettingsCreator:
        """What a Splink Linker takes for these parameters: `splink_settings`, with the Settings
        Splink parsed from it kept (see `_ParsedSettings`)."""
        settings, parsed = _parsed_settings(sql_dialect, self)
        return _ParsedSettings.of(settings, parsed)   # (from_path_or_dict copies the dict)

    def _parameters(self) -> str:
        return json.dumps([self.prior, self.levels], sort_keys=True)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gmmatch": {
                "format": FORMAT,
                "threshold": self.threshold,
                "rare_at_most": self.rare_at_most,
                "trained": self.trained,
                "token_frequencies": dict(sorted(self.token_frequencies.items())),
                "name_variants": dict(sorted(self.name_variants.items())),
            },
            "splink": self.splink_settings(),
        }

    def save(self, path: str | Path) -> Path:
        """Write the model as JSON (sorted, so that the same model gives the same bytes)."""
        path = Path(path)
        path.write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n")
        return path

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "model") -> Model:
        meta = data.get("gmmatch") or {}
        if meta.get("format") != FORMAT:
            raise ValueError(f"{source}: not a gmmatch model (expected format {FORMAT!r})")
        settings = data["splink"]
        levels = {
            c["output_column_name"]: {
                lv["label_for_charts"]: {"m": lv["m_probability"], "u": lv["u_probability"]}
                for lv in c["comparison_levels"]
                if not lv.get("is_null_level")
            }
            for c in settings["comparisons"]
        }
        return cls(
            prior=settings["probability_two_random_records_match"],
            levels=levels,
            threshold=meta["threshold"],
            token_frequencies=dict(meta["token_frequencies"]),
            name_variants=dict(meta.get("name_variants", {})),
            rare_at_most=meta.get("rare_at_most", RARE_AT_MOST),
            trained=copy.deepcopy(meta.get("trained", {})),
        )

    @classmethod
    def load(cls, path: str | Path) -> Model:
        path = Path(path)
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise ValueError(f"{path}: cannot read model ({error})") from error
        return cls.from_dict(data, source=str(path))


def default_model() -> Model:
    """The model shipped with gmmatch (trained by benchmarks/train_default_model.py): a new
    Model each call, read from the file once a process."""
    return Model.from_dict(_default_model_data(),
                           source=f"gmmatch/model/{DEFAULT_MODEL_RESOURCE}")


@functools.cache
def _default_model_data() -> dict[str, Any]:
    # (read once: the file holds every listed token's count, 363 KB that took 7 ms to parse,
    # and each link asks for the model)
    text = resources.files("gmmatch.model").joinpath(DEFAULT_MODEL_RESOURCE).read_text()
    return json.loads(text)


def resolve_model(model: Model | str | Path | None) -> Model:
    """A Model from what `link(model=...)` accepts: None (the default), a path, or a Model."""
    if model is None:
        return default_model()
    if isinstance(model, Model):
        return model
    return Model.load(model)



#: Splink settings already built: (dialect, parameters as JSON) -> (settings dictionary,
#: the Settings parsed from it). Splink parses every level's SQL to build Settings (0.34 s
#: measured in session 6, a third of linking a short list): done once per parameters and
#: dialect.
_PARSED: dict[tuple[str, str], tuple[dict[str, Any], Settings]] = {}


_PARSING = threading.Lock()


def _parsed_settings(sql_dialect: str, model: Model) -> tuple[dict[str, Any], Settings]:
    """The Splink settings dictionary of a model's parameters and the Settings parsed from it.
    (Under a lock: a thread may be parsing them already (`engine.prepare_scoring`), and a
    caller waits for that rather than parsing them twice.)"""
    key = (sql_dialect, model._parameters())
    with _PARSING:
        if key not in _PARSED:
            if len(_PARSED) >= 8:
                _PARSED.clear()
            parsed = _splink_settings(sql_dialect, model.prior, model.levels)
            _PARSED[key] = (parsed.as_dict(), parsed)
        return _PARSED[key]


class _ParsedSettings(SettingsCreator):
    """A SettingsCreator that hands each Linker a copy of Settings parsed before (a copy costs
    a few milliseconds, parsing the levels' SQL again most of linking ten records)."""

    @classmethod
    def of(cls, settings: dict[str, Any], parsed: Settings) -> _ParsedSettings:
        creator = SettingsCreator.from_path_or_dict(settings)
        ours = cls(**{f.name: getattr(creator, f.name) for f in dataclasses.fields(creator)})
        ours._parsed = parsed
        return ours

    def get_settings(self, sql_dialect_str: str) -> Settings:
        if sql_dialect_str != self._parsed._sql_dialect_str:
            return super().get_settings(sql_dialect_str)
        settings = copy.deepcopy(self._parsed)
        settings._cache_uid = self.linker_uid
        return settings


def _splink_settings(sql_dialect: str, prior: float,
                     levels: dict[str, dict[str, dict[str, float]]]) -> Settings:
    # DuckDB runs the levels with their macros (gmmatch's connections have them), other
    # engines have them written out
    if sql_dialect == "duckdb":
        def translate(sql: str) -> str:
            return sql
    elif sql_dialect == "spark":
        from gmmatch.model.spark_engine import translate_sql

        def translate(sql: str) -> str:
            return translate_sql(expand_macros(sql))
    else:
        from splink.internals.comparison_level_library import _translate_sql_string

        def translate(sql: str) -> str:
            return (sql if sql == "ELSE"
                    else _translate_sql_string(expand_macros(sql), sql_dialect, "duckdb"))

    comparisons = [
        _LevelDicts(
            [_level_dict(c, level, levels[c.name])
             | {"sql_condition": translate(level.sql)} for level in c.levels],
            output_column_name=c.name,
            comparison_description=c.title,
        )
        for c in COMPARISONS
    ]
    creator = SettingsCreator(
        link_type="link_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking_rules(),
        probability_two_random_records_match=prior,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=True,
    )
    return creator.get_settings(sql_dialect)


class _LevelDicts(CustomComparison):
    """A CustomComparison of levels given as Splink's own level dictionaries, turned into a
    Comparison as they are: CustomComparison makes a ComparisonLevel of each only to write it
    back as the same dictionary, and so parses every level's SQL twice (half of building the
    Settings, which is a third of a first link of ten records)."""

    def create_comparison_dict(self, sql_dialect_str: str) -> dict[str, Any]:
        return {"comparison_description": self._description,
                "output_column_name": self._output_column_name,
                "comparison_levels": [dict(level) for level in self._comparison_levels]}


def _level_dict(comparison: Comparison, level, params: dict[str, dict[str, float]]) -> dict:
    entry: dict[str, Any] = {"sql_condition": level.sql, "label_for_charts": level.label}
    if level.is_null:
        entry["is_null_level"] = True
    else:
        entry["m_probability"] = params[level.label]["m"]
        entry["u_probability"] = params[level.label]["u"]
    return entry
