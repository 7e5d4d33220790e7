"""Consonant skeletons of names in an abjad (how they meet romanized names: test_link)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gmmatch.normalize import abjad_skeletons


def test_letters_map_one_by_one():
    assert abjad_skeletons("طه") == ["th"]           # not the digraph th (`t`)
    assert abjad_skeletons("جلال") == ["jll"]        # l, alif, l: two consonants
    assert abjad_skeletons("الله") == ["lh"]         # l written twice in a row: once
    assert abjad_skeletons("محمد بن علي") == ["mhmd l"]
    assert abjad_skeletons("Saddam") == []           # only the words in an abjad
    assert abjad_skeletons("שלום") == ["slm"]        # Hebrew
    assert abjad_skeletons("قاسم") == ["ksm", "gsm"]  # qaf: Qasim, and Gasim in the Gulf


def test_compounds_are_also_joined_with_and_without_the_article():
    assert abjad_skeletons("عبد الرحمن") == ["bd lrhmn", "bdlrhmn", "bdrhmn"]
    assert abjad_skeletons("ابو بكر") == ["b bkr", "bbkr"]


ARABIC_LETTERS = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةءأإآىئؤپچژگکی"))
MARKS = st.sampled_from(list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(ARABIC_LETTERS, min_size=1, max_size=8), min_size=1, max_size=5),
       MARKS)
def test_vowel_signs_change_nothing_and_skeletons_are_in_the_keys_alphabet(words, mark):
    name = " ".join("".join(w) for w in words)
    voweled = " ".join(mark.join(w) for w in ("".join(w) for w in words))
    skeletons = abjad_skeletons(name)
    assert abjad_skeletons(voweled) == skeletons
    for skeleton in skeletons:
        for word in skeleton.split():
            assert word.isascii() and word.isalpha() and "a" not in word
            assert "i" not in word[1:] and "v" not in word[1:]  # long vowels, not consonants


@given(st.text(max_size=40))
def test_never_raises(text):
    assert isinstance(abjad_skeletons(text), list)
