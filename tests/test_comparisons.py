"""The comparisons' set tests, written as list scans for speed, mean what DuckDB's set
functions mean on the lists the features hold (distinct values, possibly empty); the typo test,
written as a chain of filters for speed, means what its edit distance says (but for numbers,
which are identifiers); the features' nationalities add the states of territories' people."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import jellyfish
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gmmatch.model.comparisons import (
    TWO_EDITS_FROM,
    _all_in,
    _any_in,
    _shared,
    _similar_parts,
)
from gmmatch.model.engine import duckdb_connection
from gmmatch.model.features import _with_sovereigns
from gmmatch.normalize import SOVEREIGN_OF, country_code

# few values, so that lists often share some, all or none
VALUES = st.lists(st.sampled_from(["kim", "li", "ali", "hasan", "petrov", "1965", ""]),
                  unique=True, max_size=5)


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb_connection() as connection:
        yield connection


@settings(max_examples=300, deadline=None)
@given(xs=VALUES, ys=VALUES, at_least=st.integers(1, 3))
def test_set_tests_agree_with_duckdbs_set_functions(con, xs, ys, at_least) -> None:
    ours_any, theirs_any, ours_all, theirs_all, ours_shared, theirs_shared = con.execute(
        f"""SELECT {_any_in('x', 'y')}, list_has_any(x, y),
                   {_all_in('x', 'y')}, list_has_all(y, x),
                   {_shared('x', 'y', at_least)}, len(list_intersect(x, y)) >= {at_least}
            FROM (SELECT CAST(? AS VARCHAR[]) AS x, CAST(? AS VARCHAR[]) AS y)""",
        [xs, ys]).fetchall()[0]
    assert ours_any is theirs_any, (xs, ys)
    assert ours_all is theirs_all, (xs, ys)
    assert ours_shared is theirs_shared, (xs, ys, at_least)


# words built from few letters, so that they are often one or two edits apart (and swaps
# occur), and sometimes hold a digit (never similar, only equal)
WORDS = st.text(alphabet="abrst1", min_size=1, max_size=11)


@settings(max_examples=300, deadline=None)
@given(x=WORDS, ys=st.lists(WORDS, unique=True, max_size=5))
def test_similar_parts_are_those_one_typo_away(con, x, ys) -> None:
    def allowed(y: str) -> int:
        return 2 if len(x) >= TWO_EDITS_FROM and len(y) >= TWO_EDITS_FROM else 1

    expected = [y for y in ys if jellyfish.damerau_levenshtein_distance(x, y) <= allowed(y)
                and not any(c.isdigit() for c in x + y)]
    (ours,) = con.execute(
        f"SELECT {_similar_parts('x', 'ys')} "
        "FROM (SELECT CAST(? AS VARCHAR) AS x, CAST(? AS VARCHAR[]) AS ys)", [x, ys]).fetchall()[0]
    assert ours == expected, (x, ys)


WORDS = st.lists(st.text("abcxyz", min_size=1, max_size=7), max_size=6)


@settings(max_examples=200, deadline=None)
@given(words=WORDS)
def test_pair_and_typo_macros_mean_what_they_say(con, words) -> None:
    """The feature macros written for speed (pairs by position, deletions by slicing, pairs and
    prefix pairs not deduplicated: blocking counts entries, not values) give the values their
    definitions say."""
    key = sorted(set(words))   # a name key's parts: distinct and sorted
    sorted_pairs, pairs, prefixes, suffixes, deletions = con.execute(
        "SELECT _gm_sorted_pairs($k), list_distinct(_gm_pairs($w)), "
        "list_distinct(_gm_prefix_pairs($k)), list_distinct(_gm_suffix_pairs($k)), "
        "list_transform($w, lambda t: _gm_deletions(t))", {"k": key, "w": words}).fetchone()
    expected_pairs = sorted(f"{a} {b}" for a in key for b in key if a < b)
    assert sorted(sorted_pairs) == expected_pairs
    assert sorted(pairs) == expected_pairs
    assert sorted(prefixes) == sorted({f"{a} {b[:3]}" for a in key for b in key if a != b})
    assert sorted(suffixes) == sorted({f"{a} {b[-3:]}" for a in key for b in key if a != b})
    for word, variants in zip(words, deletions, strict=True):
        assert variants == [word] + [word[:i] + word[i + 1:] for i in range(len(word))]


def with_sovereigns(con, codes: list[str]) -> list[str]:
    """The features' nationalities of a record with nationalities `codes`."""
    return con.execute(f"SELECT {_with_sovereigns('c')} FROM (SELECT ?::VARCHAR[] AS c)",
                       [codes]).fetchone()[0]


def test_a_territory_s_people_hold_its_state_s_nationality(con) -> None:
    assert sorted(with_sovereigns(con, [country_code("Hong Kong")])) == ["CN", "HK"]
    assert sorted(with_sovereigns(con, ["MO", "CN"])) == ["CN", "MO"]
    assert sorted(with_sovereigns(con, ["PR", "GI", "RU"])) == ["GB", "GI", "PR", "RU", "US"]
    # a disputed place's code says what it says
    for code in ("TW", "XK", "PS", "EH"):
        assert with_sovereigns(con, [code]) == [code]


@settings(max_examples=200, deadline=None)
@given(codes=st.lists(st.sampled_from(sorted({*SOVEREIGN_OF, *SOVEREIGN_OF.values(), "RU",
                                               "TW"}))))
def test_sovereigns_added_are_only_states_of_territories_listed(con, codes) -> None:
    out = with_sovereigns(con, codes)
    assert set(codes) <= set(out)
    assert len(out) == len(set(out))
    assert set(out) - set(codes) <= {SOVEREIGN_OF[c] for c in codes if c in SOVEREIGN_OF}
    # every state is a country of its own, not a territory of another
    assert not set(SOVEREIGN_OF.values()) & set(SOVEREIGN_OF)
