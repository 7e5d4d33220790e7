"""The Splink side of gmmatch: comparisons, blocking rules, features, engine and parameters.

Everything Splink-specific lives here; `gmmatch.link` calls it with normalized RecordSets.
"""

from gmmatch.model.params import Model, default_model, resolve_model

__all__ = ["Model", "default_model", "resolve_model"]
