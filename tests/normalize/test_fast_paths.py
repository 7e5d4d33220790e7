"""The fast paths give the same results as the straightforward code they replaced."""

import re
import unicodedata

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from unidecode import unidecode

from gmmatch.normalize import NORMALIZED_SCHEMA, fold_text, normalize_table, token_variant_key
from gmmatch.normalize import table as table_module
from gmmatch.normalize.names import _CJK_FOLD, _INITIAL_VOWEL, _MULTIGRAPHS
from gmmatch.normalize.text import _DELETE, _HANGUL, _SURROGATES
from gmmatch.records import build_table


def reference_fold(text: str) -> str:
    """fold_text as first written: NFKC, unidecode of the whole string, then a regex."""
    text = unicodedata.normalize("NFKC", text).translate(_DELETE)
    if not text.isascii():
        text = unidecode(_HANGUL.sub(r"\1 ", _SURROGATES.sub("", text))).translate(_DELETE)
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def reference_variant_key(token: str, cjk: bool = False) -> str:
    """token_variant_key as first written: regexes and every multigraph rule, in order."""
    word = reference_fold(token).replace(" ", "")
    if not word or word.isdigit():
        return word
    if cjk:
        for old, new in _CJK_FOLD:
            word = word.replace(old, new)
    word = re.sub(r"(?<=.[aeou])j$", "i", word)
    word = re.sub(r"(?:iy|yy|ii|ij|yj|ei|ey|y)$", "i", word)
    if word.endswith(("off", "eff")):
        word = word[:-2] + "v"
    for old, new in _MULTIGRAPHS:
        word = word.replace(old, new)
    word = re.sub(r"(.)\1+", r"\1", word.lower())
    head, tail = word[0], word[1:]
    head = _INITIAL_VOWEL.get(head, head)
    if len(tail) > 2:
        tail = re.sub(r"(?<=[^aeiou])e(?=r?$)", "", tail)
    return head + re.sub(r"[aeiou]+", "a", tail) if tail else head


# letters, separators, accents, Cyrillic, Hangul, Han, an ayn, a combining mark, odd spaces
_CHARS = "abcdeghijkloprstuyzAEKSY '-.,ÄéøßğıДжЮ김정은习近ʿ\u0301\u00a0\x85"
NAMEY = st.text(st.sampled_from(_CHARS), max_size=30)


@settings(max_examples=500, deadline=None)
@given(st.one_of(NAMEY, st.text(st.characters(codec=None), max_size=40)))
def test_fold_text_equals_the_reference(text):
    fold_text.cache_clear()
    assert fold_text(text) == reference_fold(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.from_regex(r"[a-z]{1,12}", fullmatch=True), NAMEY), st.booleans())
def test_variant_key_equals_the_reference(token, cjk):
    token_variant_key.cache_clear()
    assert token_variant_key(token, cjk) == reference_variant_key(token, cjk)


RECORDS = [
    {"id": "1", "name": "BORTNIKOV, Aleksandr Vasilievich", "aliases": ["Alexander Bortnikov"],
     "weak_aliases": ["Sasha"], "dob": ["15 Nov 1951", "circa 1950"], "nationality": ["Russia"]},
    {"id": "2", "name": "Kim Jong Un", "names": [{"name": "김정은", "kind": "original_script",
                                                  "note": None}], "dob": ["1974-01-32"]},
    {"id": "3", "entity_type": "organization", "name": "BANCO NACIONAL DE CUBA S.A.",
     "country": ["Cuba", "undetermined", "Atlantis"]},
    {"id": "4", "name": "Mohammed Yousef", "surname": "Yousef", "given_names": "Mohammed",
     "pob": ["Zvishavane, Zimbabwe"], "citizenship": ["RUS"], "nationality": ["Iranian"]},
    {"id": "5", "entity_type": "vessel", "name": "RA-82030", "aliases": ["LLC"]},
    {"id": "6", "name": "", "dob": ["someday", "1965"]},
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(range(len(RECORDS))), max_size=12), st.integers(1, 4))
def test_grouped_batched_table_equals_row_by_row(picks, batch_rows):
    """Rows grouped by value and cut into batches give what each row gives on its own."""
    records = [RECORDS[i] for i in picks]
    alone = [normalize_table(build_table([r])) for r in records]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(table_module, "BATCH_ROWS", batch_rows)
        together = normalize_table(build_table(records))
    for name in NORMALIZED_SCHEMA.names:
        expected = [result.columns[name][0].as_py() for result in alone]
        assert together.columns[name].to_pylist() == expected, name
        assert together.columns[name].type == NORMALIZED_SCHEMA.field(name).type
    expected_issues = [(row, *issue[1:]) for row, result in enumerate(alone)
                       for issue in result.issues]
    assert together.issues == expected_issues


def test_a_sliced_table_is_read_from_its_offset():
    table = build_table(RECORDS).slice(2, 3)
    result = normalize_table(table)
    assert result.columns["name_norm"].to_pylist() == [
        "banco nacional de cuba jsc", "mohammed yousef", "ra 82030"]
    assert isinstance(result.columns["name_norm"], pa.Array)
