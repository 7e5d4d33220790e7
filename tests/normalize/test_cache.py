"""The normalizers' caches keep short texts only: a hostile file of long distinct fields must not
fill memory (the long fuzzing run grew to 11 GB when every text was cached)."""

from __future__ import annotations

import pytest

from gmmatch.normalize import names, table
from gmmatch.normalize._cache import LONGEST_CACHED, short_text_cache
from gmmatch.normalize.countries import country_code
from gmmatch.normalize.dates import parse_dob
from gmmatch.normalize.names import parse_name
from gmmatch.normalize.orgs import parse_org_name
from gmmatch.normalize.text import ascii_fold, fold_text

LONG = "Ж" * 50 + " " + "Abdulrahman " * 40 + "x" * LONGEST_CACHED


@pytest.mark.parametrize("function", [fold_text, ascii_fold, parse_name, parse_org_name,
                                      country_code, table.name_features])
def test_long_texts_are_computed_but_not_kept(function):
    function.cache_clear()
    short = "BORTNIKOV, Aleksandr Vasilyevich"
    assert function(LONG) == function.__wrapped__(LONG)
    assert function.cache_info().currsize == 0
    assert function(short) == function.__wrapped__(short)
    assert function.cache_info().currsize == 1


def test_a_long_date_of_birth_is_parsed_and_not_kept():
    long_dob = "; ".join(["circa 1965"] * 100)
    assert len(long_dob) > LONGEST_CACHED
    assert [d.year for d in parse_dob(long_dob)][:1] == [1965]


def test_long_tokens_do_not_enter_the_token_table():
    names._TOKEN_CODES.clear()
    word = "q" * (LONGEST_CACHED + 1)
    assert names._token_codes(word) == (names._word_variant_key(word),
                                        names._word_metaphone(word))
    assert word not in names._TOKEN_CODES
    names._token_codes("bortnikov")
    assert "bortnikov" in names._TOKEN_CODES


def test_keyword_arguments_count_too():
    calls = []

    @short_text_cache(8)
    def joined(first: str, second: str = "") -> str:
        calls.append(first)
        return first + second

    assert joined("a", second="x" * (LONGEST_CACHED + 1)) == "a" + "x" * (LONGEST_CACHED + 1)
    joined("a", second="x" * (LONGEST_CACHED + 1))
    joined("a", second="b")
    joined("a", second="b")
    assert calls == ["a", "a", "a"]
