import datetime as dt
import random

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from gmmatch.normalize import (
    country_code,
    fold_text,
    name_features,
    name_key,
    normalize_name,
    parse_dob,
    parse_org_name,
    token_keys,
    token_variant_key,
)
from gmmatch.normalize.names import (
    _ABD_BARE,
    _ABU,
    _ARTICLE_DIN,
    _ARTICLES,
    _DIN_ARTICLES,
    _MULTI_TITLES,
    _PARTICLE_WORDS,
    _SINGLE_TITLES,
    _SON_OF,
    _SPACED_ALLAH,
    _SUFFIXES,
    _SUN_ARTICLES,
    ARTICLE_STEMS,
    ARTICLES_FUSED,
    MIN_STEM,
    _han_name,
    _is_cjk_name,
    key_bearing,
    parse_name,
)

ANY_TEXT = st.text(st.characters(codec=None), max_size=60)
# Titles, generational suffixes and particles are positional by nature (`Sheikh` leads a name,
# `Jr` ends it, `abu` binds the next word, `eddin` and `ullah` the word before: `Salah Eddine`
# is one name, `Eddine Salah` two), so order independence is stated for name words.
_POSITIONAL = set(_SINGLE_TITLES | _SUFFIXES | _ABU | _ABD_BARE | _ARTICLES | set(_SON_OF)
                  | set(_SUN_ARTICLES) | {w for m in _MULTI_TITLES for w in m}
                  | _ARTICLE_DIN | _DIN_ARTICLES | _SPACED_ALLAH)
NAME_WORDS = st.lists(
    st.text(st.characters(categories=("Lu", "Ll", "Lo")), min_size=1, max_size=10).filter(
        lambda w: not any(t in _POSITIONAL or t.startswith("abd") for t in fold_text(w).split())),
    min_size=1, max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_normalizers_never_raise(text):
    normalize_name(text)
    name_key(text)
    parse_org_name(text)
    name_features(text, "organization")
    country_code(text)
    assert isinstance(parse_dob(text), list)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_fold_text_is_idempotent_ascii(text):
    folded = fold_text(text)
    assert folded.isascii()
    assert fold_text(folded) == folded


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
# a suffix or a title the capitals or the comma put in the surname, or left alone beside it
@example("II-a")
# Abd and a one-letter name make `abdulc`, which is not Abdul glued to the word after it
@example("ABÐ©0")
@example("John SMITH III")
@example("SMITH III, John")
@example("SMITH, Dr.")
# a particle read apart on each side of the comma, then across it once normalized
@example("0,IL")
@example("BEN HENI, Lased")
@example("CHOE, Song Il")
def test_normalize_name_is_idempotent(text):
    once = normalize_name(text)
    assert normalize_name(once) == once


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_org_text_is_idempotent(text):
    once = parse_org_name(text).text
    assert parse_org_name(once).text == once


@settings(max_examples=300, deadline=None)
@given(NAME_WORDS, st.randoms(use_true_random=False))
def test_name_key_does_not_depend_on_token_order(words, rng: random.Random):
    # except in a Chinese or Korean name, whose first surname syllable is the surname: in `Kim
    # Chong-un` Chong is a given name, though it is also a surname
    assume(not _is_cjk_name(key_bearing(parse_name(" ".join(words)).tokens)))
    shuffled = words[:]
    rng.shuffle(shuffled)
    assert name_key(" ".join(words)) == name_key(" ".join(shuffled))


@settings(max_examples=300, deadline=None)
@given(NAME_WORDS, st.sampled_from(sorted(_PARTICLE_WORDS | {"abdul", "abdel", "abdur", "il",
                                                          "eddin", "ullah", "din", ""})),
       NAME_WORDS)
@example(["A"], "abd", ["ץ", "A"])  # a caseless letter whose transliteration has capitals
@example(["A"], "abd", ["ץ", "一A"])
@example(["lased"], "", ["ben", "heni"])  # BEN HENI, Lased: Lased ben Heni
@example(["saher", "burhan"], "", ["al", "deen"])
@example(["thi"], "an", ["nguyen"])
def test_a_comma_name_keys_as_said(given, particle, surname):
    # `RUSDAN, Abu` is said Abu Rusdan, `BEN HENI, Lased` Lased ben Heni: the particles of a
    # comma name are read given names first, as a name written in that order is. (Lowercase,
    # so that no capitalized word is taken for the surname of the name as said.)
    given_names = " ".join([*given, particle]).lower()
    surname_text = " ".join(surname).lower()
    assume(not _is_cjk_name(key_bearing(parse_name(f"{given_names} {surname_text}").tokens)))
    # (nor a Chinese name in Han characters, whose surname is written, and said, first:
    # `潠 一 一` is Xuan Yiyi)
    assume(_han_name(f"{given_names} {surname_text}") is None)
    assert (parse_name(f"{surname_text}, {given_names}").tokens
            == parse_name(f"{given_names} {surname_text}").tokens)
    assert name_key(f"{surname_text}, {given_names}") == name_key(f"{given_names} {surname_text}")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_variant_key_is_ascii_lowercase(token):
    key = token_variant_key(token)
    assert key == key.lower() and key.isascii()


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(ARTICLE_STEMS)), st.sampled_from(ARTICLES_FUSED),
       st.sampled_from(["Jamal", "Ahmed Ali"]))
def test_an_article_fused_hyphenated_or_apart_gives_one_name(stem, article, given_names):
    spellings = [f"{article.upper()}{joint}{stem.upper()}, {given_names}" for joint in "- "]
    spellings.append(f"{article}{stem}, {given_names}")
    assert len({token_keys(name) for name in spellings}) == 1, spellings


def test_article_stems_are_words_long_enough_to_split_off():
    assert ARTICLE_STEMS, "article_stems.txt is empty"
    assert all(len(stem) >= MIN_STEM and stem.isalpha() and stem.isascii() and stem.islower()
               for stem in ARTICLE_STEMS)


@given(st.integers(0, 120), st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31)))
def test_an_age_reads_as_exactly_the_years_someone_that_old_could_be_born(age, day):
    def age_on(born: dt.date) -> int:
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    # within a year of birth the age on `day` falls from the first day's to the last day's
    possible = {y for y in range(day.year - age - 2, day.year - age + 2)
                if age_on(dt.date(y, 12, 31)) <= age <= age_on(dt.date(y, 1, 1))}
    assert {d.year for d in parse_dob(f"aged {age}", as_of=day)} == possible
