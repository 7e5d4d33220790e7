"""A cache for functions of short texts.

`functools.lru_cache` bounds the number of entries, not their size. A hostile file of many
distinct 100,000-character fields would keep gigabytes alive in a cache of 65,536 entries (the
long fuzzing run grew pytest to 11 GB before this). Names, dates and country names are short and
repeat, which is what the caches are for; a call with a text longer than LONGEST_CACHED
characters is computed each time instead, so every cache holds at most
maxsize x LONGEST_CACHED characters of input (and what was derived from them).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

__all__ = ["LONGEST_CACHED", "short_text_cache"]

#: Longer texts are not cached. The longest name of the OFAC and UN lists has 168 characters.
LONGEST_CACHED = 256

F = TypeVar("F", bound=Callable)


def short_text_cache(maxsize: int) -> Callable[[F], F]:
    """`lru_cache(maxsize)` for calls whose text arguments are all at most LONGEST_CACHED
    characters long; other calls run uncached. `cache_info`, `cache_clear` and `__wrapped__`
    are the lru_cache's."""

    def decorate(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(*args, **kwargs):
            for value in args:
                if type(value) is str and len(value) > LONGEST_CACHED:
                    return function(*args, **kwargs)
            for value in kwargs.values():
                if type(value) is str and len(value) > LONGEST_CACHED:
                    return function(*args, **kwargs)
            return cached(*args, **kwargs)

        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate
