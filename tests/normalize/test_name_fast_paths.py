"""The fast paths of `name_features` give what the straightforward code gives.

`name_features` folds ASCII names with byte tables, cuts `SURNAME, Given` names after one fold,
looks the keys of each token up in a plain dict and builds its result in one function: each of
these is compared here with the public building blocks it stands for.
"""

from functools import partial

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

# the reference of the other fast-path tests (the token's fold, then every rule in order)
from test_fast_paths import reference_variant_key

from gmmatch.normalize import (
    EAST_SLAVIC_GIVEN_NAMES,
    EAST_SLAVIC_PATRONYMIC_KEYS,
    abjad_skeletons,
    east_slavic_reading,
    fold_text,
    french_as_english,
    german_as_english,
    joined_name_key,
    name_key,
    parse_name,
    parse_org_name,
    phonetic_key,
    plain_name_key,
    q_as_g,
    slavic_as_english,
    slavic_letters_as_english,
    spanish_as_english,
    token_keys,
    token_variant_key,
    unspaced_name_key,
    written_the_german_way,
    written_the_slavic_way,
    written_the_spanish_way,
)
from gmmatch.normalize import names as names_module
from gmmatch.normalize.names import (
    _ANY_PAIR,
    _LETTER_RULES,
    _MULTIGRAPHS,
    _PAIR_RULES,
    _canonical_parts,
    _is_cjk_name,
    _split_fused_articles,
    _split_name,
    _strip_name_titles,
    _token_codes,
    key_bearing,
)
from gmmatch.normalize.orgs import org_key_tokens
from gmmatch.normalize.table import _name_features, name_features
from gmmatch.normalize.text import _DELETE, _fold_words, ascii_fold, written_in_abjad

# ASCII with the characters the fast paths look at (commas, apostrophes, hyphens, dots,
# capitals), words that are titles, particles, connectors, legal forms and CJK surnames, and a
# few non-ASCII characters that send a name down the general path.
_WORDS = ["Mr", "Dr", "Sheikh", "Jr", "III", "al", "Al-", "bin", "ibn", "abd", "Abdul", "abu",
          "ad", "Din", "de", "la", "y", "von", "Kim", "Jong", "Un", "Xi", "LLC", "S.A.", "OOO",
          "Co", "Ltd", "of", "the", "Mohammed", "BORTNIKOV", "Aleksandr", "O'Neil", "D`Souza",
          "Rahman", "ABDURRAHMAN", "A", "B", "1", "2b", "Müller", "김정은", "ʿAli"]
_SEPARATORS = [" ", "  ", ", ", ",", "-", " - ", ". ", "'", "\t"]
NAMES = st.builds(
    lambda parts: "".join(parts),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=10),
)
ANY_TEXT = st.one_of(NAMES, st.text(max_size=30),
                     st.text(st.characters(max_codepoint=127), max_size=30))
FOLDED_WORDS = st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)


@settings(max_examples=500, deadline=None)
@given(ANY_TEXT)
def test_fold_words_are_the_words_of_fold_text(text):
    assert _fold_words(text) == fold_text(text).split()


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=30))
def test_ascii_fold_of_ascii_deletes_the_apostrophes(text):
    ascii_fold.cache_clear()
    assert ascii_fold(text) == text.translate(_DELETE)


def reference_split(name: str) -> tuple:
    """`_split_name` of a `SURNAME, Given` name as first written: each part folded apart."""
    head, _, tail = name.partition(",")
    surname, given_names = fold_text(head).split(), fold_text(tail).split()
    if not given_names:
        surname, given_names = [], surname
    elif not surname:
        surname, given_names = [], given_names
    given_names, surname = _split_fused_articles(given_names), _split_fused_articles(surname)
    given_names, surname, titles = _strip_name_titles(given_names, surname)
    if not _is_cjk_name(given_names + surname):  # (syllables: no particle among them)
        given_names, surname = _canonical_parts(given_names, surname)
    return tuple(given_names), tuple(surname), tuple(titles)


@settings(max_examples=500, deadline=None)
@given(NAMES)
@example("GONZALEZ PIZANA, Rogelio Kak, Jr.")
@example("AL-ASSAD, Bashar")
@example("O'NEIL, Mr. Abd al-Rahman")
@example("ALSHATTI, Alsheikh Ahmad")
@example("Kim, abu")
def test_comma_names_are_split_as_each_part_folded_apart(name):
    assert _split_name("x, " + name, None, None) == reference_split("x, " + name)
    if "," in name:
        assert _split_name(name, None, None) == reference_split(name)


def reference_features(name: str, kind: str) -> tuple:
    """`name_features` from the public building blocks, one feature at a time."""
    skeletons = tuple(abjad_skeletons(name)) if written_in_abjad(name) else ()
    if kind == "person":
        parts = parse_name(name)
        tokens = parts.tokens
        phonetic = [phonetic_key(t) for t in key_bearing(tokens)]
        plain = plain_name_key(parts)
        keys, read_keys, read_sources = token_keys(parts), [], []
        bearing = key_bearing(tokens)
        # French ch and soft c; German ch, j, s (and a first s); Polish sz, cz and j
        readings = [(french_as_english, bearing)]
        if written_the_german_way(parts.text):
            readings += [(german_as_english, bearing)]
            readings += [(lambda t, w=word: german_as_english(t, s_as_z=t == w), bearing)
                         for word in bearing if "s" in word]
            if "sch" in parts.text:
                readings.append((partial(german_as_english, sch_as_zh=True), bearing))
        slavic = slavic_letters_as_english(name)
        if slavic:
            readings.append((partial(slavic_as_english, read_c=False),
                             key_bearing(parse_name(slavic).tokens)))
        elif written_the_slavic_way(parts.text) or written_the_slavic_way(name):
            readings.append((slavic_as_english, bearing))
        if written_the_spanish_way(name):  # Spanish j for х, خ
            readings.append((spanish_as_english, bearing))
        # a Ukrainian, Belarusian or Russian given name or patronymic as the other two write it
        readings += [(partial(east_slavic_reading, language=language), bearing)
                     for language in ("russian", "ukrainian", "belarusian")
                     if any(t in EAST_SLAVIC_GIVEN_NAMES
                            or reference_variant_key(t) in EAST_SLAVIC_PATRONYMIC_KEYS
                            for t in bearing)]
        for reading, read_tokens in readings if plain is None else ():  # (not Chinese, Korean)
            read = tuple(dict.fromkeys(token_variant_key(reading(t) or t)
                                       for t in read_tokens))
            if read != keys and " ".join(sorted(read)) not in read_keys:
                read_keys.append(" ".join(sorted(read)))
            # each part read that is none of the name's own, with the part it read
            for t in read_tokens:
                part = token_variant_key(reading(t) or t)
                source = f"{part} {token_variant_key(t)}"
                if reading(t) and part not in keys and source not in read_sources:
                    read_sources.append(source)
        # Arabic ق read as g, on every name with a q (official lists' too)
        qaf = tuple(dict.fromkeys(token_variant_key(q_as_g(t) or t) for t in bearing))
        return (parts.text, tuple(dict.fromkeys(tokens)), name_key(parts) or None,
                keys, tuple(dict.fromkeys(filter(None, phonetic))),
                " ".join(parts.surname) or None, parts.titles, (), written_in_abjad(name),
                plain, skeletons,
                None if plain else joined_name_key(name, key_bearing(tokens)), tuple(read_keys),
                None if plain or written_in_abjad(name) else unspaced_name_key(key_bearing(tokens)),
                " ".join(sorted(qaf)) if qaf != keys and plain is None else None,
                tuple(read_sources))
    org = parse_org_name(name)
    key_tokens = org_key_tokens(org.core)
    keys = tuple(dict.fromkeys(filter(None, map(token_variant_key, key_tokens))))
    phonetic = tuple(dict.fromkeys(filter(None, map(phonetic_key, key_tokens))))
    return (org.text, tuple(dict.fromkeys(org.core)), " ".join(sorted(keys)) or None, keys,
            phonetic, None, (), org.legal_forms, written_in_abjad(name), None, skeletons, None,
            (), None, None, ())


@settings(max_examples=800, deadline=None)
@given(ANY_TEXT, st.sampled_from(["person", "organization", "vessel"]))
@example("Kim Jong Un", "person")
@example("ABDOLLAH-POUR, Mohammad", "person")
@example("Kim Jong-un", "person")
@example("Kim Kim Jong", "person")
@example("De", "person")
@example("Al Bin", "person")
@example("The And", "organization")
@example("LLC", "organization")
@example("A1 B2", "person")
@example("Sergueï Choïgou", "person")
@example("Jewgenij Prigoschin", "person")
@example("Jevgenij Prigožin", "person")
@example("ŠOJGU, Sergej", "person")
@example("Siergiej Szojgu", "person")
@example("Đukanović", "person")
@example("Mykola Yanovych AZAROV", "person")
@example("Oleh Ullah Ihor", "person")
@example("PETRENKO, Ivan Mykolaiovych", "person")
@example("Mijaíl Fridman", "person")
@example("Šojgu Mijaíl", "person")
@example("Qais al-Khazali", "person")
@example("Enrique Quintero", "person")
@example("CHEN, Wei", "person")
@example("Rachid Bachir", "organization")
def test_name_features_equal_the_public_building_blocks(name, kind):
    name_features.cache_clear()
    names_module._TOKEN_CODES.clear()
    features = name_features(name, kind)
    assert tuple(features) == reference_features(name, kind)
    assert type(features).__name__ == "NameFeatures"
    assert features.text == features[0] and features.legal_forms == features[7]
    assert _name_features(name, kind) == features  # the cached tokens give the same again


@settings(max_examples=300, deadline=None)
@given(FOLDED_WORDS)
def test_token_codes_of_a_folded_word_are_its_keys(word):
    names_module._TOKEN_CODES.clear()
    assert _token_codes(word) == (token_variant_key(word), phonetic_key(word))
    assert names_module._TOKEN_CODES[word] == _token_codes(word)


def test_the_token_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(names_module, "TOKEN_CACHE", 3)
    names_module._TOKEN_CODES.clear()
    for word in ("ahmad", "ali", "hasan", "husayn", "omar"):
        _token_codes(word)
    assert 0 < len(names_module._TOKEN_CODES) <= 3
    names_module._TOKEN_CODES.clear()


def test_the_letter_rules_can_be_applied_at_once():
    """One byte table applies the single-letter rules only because they come last and none
    writes a letter that a later rule reads."""
    assert _MULTIGRAPHS == _PAIR_RULES + _LETTER_RULES
    assert all(len(old) == 1 for old, _ in _LETTER_RULES)
    for i, (_, new) in enumerate(_LETTER_RULES):
        assert all(new != old for old, _ in _LETTER_RULES[i + 1:])


def test_the_multigraph_search_finds_every_rule():
    for old, _ in _PAIR_RULES:
        assert _ANY_PAIR.search(old), old
        assert _ANY_PAIR.search("x" + old + "x"), old


# endings, silent e, -er, vowel runs, doubles, multigraphs that feed later rules
WORDS = ["setchine", "prigojine", "aleksander", "peter", "petr", "aer", "bee", "bie", "marie",
         "aaron", "eee", "oou", "ouo", "ckh", "tkh", "cks", "gkh", "yyy", "jjj", "wq", "ii",
         "ei", "ey", "off", "eff", "abdurrahman", "muhammad", "mukhammad", "vasilyevich",
         "sch", "tsch", "dzhe", "e", "a", "o1e", "12", "b2b", "xiaoping", "yusuf", "iosif"]


@pytest.mark.parametrize("word", WORDS)
def test_variant_key_of_a_word_equals_the_regexes(word):
    assert token_variant_key(word) == reference_variant_key(word)
    assert _token_codes(word)[0] == reference_variant_key(word)


@settings(max_examples=1000, deadline=None)
@given(st.from_regex(r"[a-z]{1,6}[aeiou]?(e|er|ie|ye|ee|ii|iy|off)?", fullmatch=True))
def test_variant_key_of_word_endings_equals_the_regexes(word):
    assert names_module._word_variant_key(word) == reference_variant_key(word)
