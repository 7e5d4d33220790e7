"""The comparisons: what evidence each field gives, level by level, as Splink declares it.

Each level is a SQL condition over the features of `features.py` (`x_l` for the record, `x_r`
for the list entry, or the reverse: every condition here is symmetric) and a phrase that
`explain()` shows a reviewer. Levels are tried in order; the first that holds is the pair's level.
Names are compared over every alias of both sides at once (best pair wins), dates of birth over
every date of both sides.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from gmmatch.model.features import FEATURE_COLUMNS


@dataclass(frozen=True)
class Level:
    label: str          # short, for charts and the model file
    sql: str            # DuckDB SQL condition
    says: str           # what it means, for a reviewer
    is_null: bool = False


def features_read(sql: str) -> tuple[str, ...]:
    """The features (FEATURE_COLUMNS, in their order) that level SQL reads on either side."""
    return tuple(feature for feature in FEATURE_COLUMNS
                 if re.search(rf"\b{feature}_[lr]\b", sql))


@dataclass(frozen=True)
class Macro:
    """A piece of level SQL that levels share, kept as a DuckDB macro: each level then names
    it in a few words rather than thousands of characters, which Splink parses (sqlglot, twice
    per level on a first link) and DuckDB binds. Its parameters are the pair's columns it reads,
    named as they are, so that a call is written once (`call`) and written out again by a
    replacement (`expand_macros`, for Spark and the model file)."""

    name: str
    body: str

    @functools.cached_property
    def columns(self) -> tuple[str, ...]:
        return tuple(f"{feature}_{side}" for feature in features_read(self.body)
                     for side in "lr")

    @property
    def call(self) -> str:
        return f"{self.name}({', '.join(self.columns)})"

    @property
    def create(self) -> str:
        return f"CREATE OR REPLACE MACRO {self.call} AS ({self.body})"


@dataclass(frozen=True)
class Comparison:
    name: str           # output column name in Splink (`gamma_<name>`, `mw_<name>`)
    title: str          # for explanations
    levels: tuple[Level, ...]
    applies_to: str | None = None   # the one entity type it compares, if only one


# Set tests between two lists, written as a scan of the first list (the shorter, where one is
# known to be) with `list_contains` over the second: on the pairs of a link this ran three to
# seven times faster on DuckDB than `list_has_any`, `list_has_all` and `list_intersect`, which
# build a hash table of a list for every pair. Feature lists hold distinct values
# (normalization dedupes them), so the values of one found in the other are those they share.
# Each test also reads the length of `ys` outside the lambda: a cheap first test, and how Splink
# learns that the level reads that column (it does not look for columns inside lambda bodies).
def _shared(xs: str, ys: str, at_least: int) -> str:
    """At least `at_least` values of the list `xs` are in the list `ys`."""
    return (f"(len({ys}) >= {at_least} AND "
            f"len(list_filter({xs}, lambda v: list_contains({ys}, v))) >= {at_least})")


def _any_in(xs: str, ys: str) -> str:
    """Some value of `xs` is in `ys`."""
    return _shared(xs, ys, 1)


def _all_in(xs: str, ys: str) -> str:
    """Every value of `xs` is in `ys` (true when `xs` is empty)."""
    return (f"(len({xs}) <= len({ys}) AND "
            f"len(list_filter({xs}, lambda v: NOT list_contains({ys}, v))) = 0)")


def _overlap(a: str, b: str | None = None) -> str:
    """Some value of `a` on one side is among the values of `b` on the other, either way."""
    if b is None or b == a:
        return _any_in(f"{a}_l", f"{a}_r")
    return f"({_any_in(f'{a}_l', f'{b}_r')} OR {_any_in(f'{b}_l', f'{a}_r')})"


_SHARED_RARE = _any_in("rare_tokens_l", "rare_tokens_r")


def _both_sides(entity_type: str) -> str:
    """Both sides of the pair are of `entity_type` (a side of unknown type takes the other's)."""
    return (f"coalesce(entity_type_l, entity_type_r) = '{entity_type}' "
            f"AND coalesce(entity_type_r, entity_type_l) = '{entity_type}'")


_ORGANIZATIONS = _both_sides("organization")
_SHARED_RARE_PAIR = f"({_both_sides('person')} AND {_any_in('rare_pairs_l', 'rare_pairs_r')})"
# What makes shared name parts distinctive: one part that few listed names carry; between
# persons, two parts of one name that few listed names carry together, neither very common
# (Rosario Murillo: each part on a dozen entries, the two on one); or, between organizations,
# three parts at least. Person names draw their parts from a small pool of given names and
# surnames (Muhammad Ali Hasan, Kim Yong Chol recur), organization names combine words freely,
# so that three common words in common (Iran Aircraft Manufacturing) tell much. Not as much as
# a rare word where one name stands inside the other, though: a longer name holds a shorter
# generic one (Myanmar Foreign Trade Bank, Bank for Foreign Trade), and that level is split.
_RARE_SHARED = f"({_SHARED_RARE} OR {_SHARED_RARE_PAIR})"
_THREE_WORDS = f"({_ORGANIZATIONS} AND {_shared('tokens_l', 'tokens_r', 3)})"
_DISTINCTIVE = f"({_RARE_SHARED} OR {_THREE_WORDS})"


#: Name parts shorter than this are never "similar", only equal: among short parts one edit
#: turns a name into another (Reza, Raza; Maria, Marid).
SIMILAR_FROM = 5
#: Parts this long may differ by two edits rather than one.
TWO_EDITS_FROM = 9


def _edits_allowed(x: str, y: str, two_from: int = TWO_EDITS_FROM) -> str:
    """1, or 2 when both `x` and `y` have `two_from` letters at least."""
    return (f"CASE WHEN len({x}) >= {two_from} AND len({y}) >= {two_from} "
            "THEN 2 ELSE 1 END")


def _similar_parts(x: str, ys: str, unless: str | None = None) -> str:
    """The parts of the list `ys` one typo from the part `x`: one edit, two when both are long,
    two letters swapped counting as one edit (Damerau-Levenshtein). The caller checks that
    parts are long enough to be compared at all (`SIMILAR_FROM`).

    An edit distance rather than Jaro-Winkler: Jaro-Winkler rewards a shared beginning, so a
    short name scored close to any longer name it begins (Raza and Razbah, Dmitry and
    Dmitrievich, Mansur and Manaa), while a typo in the first letter (Shipping, Chipping) fell
    below any useful cut. Integer distances are also the same on every engine (Spark gets
    `damerau_levenshtein` from Splink's similarity jar).

    Parts with a digit are never similar, only equal: a number is an identifier, and a digit
    apart is another one (the tail numbers RA-82041 and RA-82011, two aircraft).

    Written as filters in a chain because inside a lambda DuckDB evaluates every operand:
    the parts within two letters of `x`'s length, then those within twice the edits allowed by
    Levenshtein (a swap is two edits there: until 2026-12-02 one more edit than allowed, which
    lost a part with two letters swapped twice), and only those reach Damerau-Levenshtein,
    three times as costly, and the digit test.
    """
    near = f"list_filter({ys}, lambda y: abs(len({x}) - len(y)) <= 2)"
    close = (f"list_filter({near}, "
             f"lambda y: levenshtein({x}, y) <= 2 * ({_edits_allowed(x, 'y')}))")
    similar = (f"list_filter({close}, "
               f"lambda y: damerau_levenshtein({x}, y) <= {_edits_allowed(x, 'y')} "
               f"AND NOT regexp_matches({x} || y, '[0-9]'))")
    return similar if unless is None else f"list_filter({similar}, lambda y: NOT ({unless}))"


def _covers(short: str, long: str, fuzzy: bool, shortest: int = SIMILAR_FROM,
            unless: str | None = None) -> str:
    """Every part of `short` has a partner in `long`: equal, or (`fuzzy`) similar to a part of
    `long` that no part of `short` equals, so that one part never stands in for two (Sergey
    Sarac is not Ivan Sarac because `sarga` resembles `sarak`). Similar parts have `shortest`
    letters at least, and are not two parts `x` of `short` and `y` of `long` for which the SQL
    condition `unless` holds."""
    if not fuzzy:
        return _all_in(short, long)
    # Written for speed, since it runs on most blocked pairs and DuckDB evaluates every operand
    # inside a lambda: the parts without an equal are found first and must all be long enough
    # (cheap, and it settles most pairs); the spare parts of `long` are computed once, bound
    # to `spare` by a one-element list, rather than once per part of `short`.
    missing = f"list_filter({short}, lambda x: NOT list_contains({long}, x))"
    spare = (f"list_filter({long}, lambda y: len(y) >= {shortest} "
             f"AND NOT list_contains({short}, y))")
    return (f"({_all_in(short, long)} OR "
            f"(list_bool_and(list_transform({missing}, lambda x: len(x) >= {shortest})) "
            f"AND list_bool_and(list_transform([{spare}], lambda spare: list_bool_and("
            f"list_transform({missing}, "
            f"lambda x: len({_similar_parts('x', 'spare', unless)}) > 0))))))")


def _subset(fewest_parts: int) -> str:
    """Some name of one side has all its parts (`fewest_parts` at least) in some name of the
    other: a middle name, patronymic or second surname dropped, or words added to an
    organization's name.

    A name's key lists its distinct parts sorted, so a name inside another has its key among
    the other's `key_subsets`, and a one-part name its key among the other's `tokens`: set
    lookups. A name longer than `key_subsets` goes (`long_key_tokens`) is compared part by part
    with every name of the other side (a name inside a long one, or two long ones).
    """
    # (each scan runs over the keys, the shorter list: a name has one key and up to 57 subsets)
    lookups = [_any_in("keys_l", "key_subsets_r"), _any_in("keys_r", "key_subsets_l")]
    if fewest_parts == 1:
        lookups += [_any_in("keys_l", "tokens_r"), _any_in("keys_r", "tokens_l")]
    # (`len(key_tokens_y) > 0` also tells Splink that the level reads that column: it does not
    # look for columns inside lambda bodies)
    lookups += [
        f"(len(long_key_tokens_{x}) > 0 AND len(key_tokens_{y}) > 0 "
        f"AND list_bool_or(list_transform(long_key_tokens_{x}, "
        f"lambda b: list_bool_or(list_transform(key_tokens_{y}, "
        f"lambda a: len(a) >= {fewest_parts} AND {_covers('a', 'b', False)})))))"
        for x, y in (("r", "l"), ("l", "r"))
    ]
    return f"({' OR '.join(lookups)})"


# A person's name inside another has two parts at least: a single part is a surname alone.
_SUBSET = _subset(2)


def _initials_in(x_side: str, y_side: str) -> str:
    """Every initial of side `x_side` begins a part of side `y_side`, as written, that side
    `x_side` does not write, when there is one: an initial stands for a part the other name
    spells out, and a name that spells out none of its own has only dropped a middle name
    (*Leila AL-DAJANI* and *AL-DAJANI, Leila N.S.*). An initial spells out nothing (*Maher A.
    Mutreb*, *MUTREB, Maher Abdulaziz M.*: which part each stands for, no one can tell), and
    one both sides write fits."""
    spelt_out = (f"list_filter(plain_tokens_{y_side}, "
                 f"lambda t: len(t) > 1 AND NOT list_contains(plain_tokens_{x_side}, t))")
    return (f"(len(initials_{x_side}) = 0 OR list_bool_and(list_transform([{spelt_out}], "
            f"lambda spelt: len(spelt) = 0 OR list_bool_and(list_transform(initials_{x_side}, "
            f"lambda i: list_contains(plain_tokens_{y_side}, i) "
            f"OR list_bool_or(list_transform(spelt, lambda t: left(t, 1) = i)))))))")


# A person's initials make no key (`names.key_bearing`: *Ramzan A. Kadyrov* is inside
# *KADYROV, Ramzan Akhmatovich*), but one that begins none of the parts the other name spells
# out tells another person (*Sergey A. Lukin* is not *LUKIN, Sergey Nikolaevich*): the levels
# that compare keys ask every initial of a person to begin one of them. (Between two persons
# only: a company's initials spell its name, *A.B.C. Trading*.)
_INITIALS_FIT = (
    f"(len(initials_l) = 0 "
    f"OR NOT coalesce({_both_sides('person')}, false) "
    f"OR {_initials_in('l', 'r')})")

# An organization's name is often one word once its legal form is set aside (OOO Smartmet),
# and words get added to it (a legal form misspelt past recognition, a place, a branch). Its
# own level, after the names of two parts and more: one word is weaker evidence.
_ORGANIZATION_SUBSET = f"{_ORGANIZATIONS} AND {_SHARED_RARE} AND {_subset(1)}"


def _one_part_off(xs: str, ys: str, shortest: int = SIMILAR_FROM,
                  unless: str | None = None) -> str:
    """Every part of the list `xs` but one is in `ys`, and that one is a typo of a spare part
    of `ys` (`shortest` letters at least, and not two parts for which `unless` holds)."""
    return (f"(len(list_filter({xs}, lambda x: NOT list_contains({ys}, x))) = 1 "
            f"AND {_covers(xs, ys, True, shortest, unless)})")


def _one_part_off_either_way(shortest: int,
                             unless: Callable[[str, str], str] | None = None) -> str:
    """Two parts at least in common, and one name a `_one_part_off` of the other, either way;
    `unless(x_side, y_side)` is the condition two parts may not meet."""
    return (f"{_shared('tokens_l', 'tokens_r', 2)} AND ("
            f"{_one_part_off('tokens_l', 'tokens_r', shortest, unless and unless('l', 'r'))} "
            f"OR {_one_part_off('tokens_r', 'tokens_l', shortest, unless and unless('r', 'l'))})")


def _both_listed(x_side: str, y_side: str) -> str:
    """Parts `x` (of side `x_side`) and `y` are both words some listed entry carries (neither
    among its side's `unknown_tokens`, the typos and names no list has)."""
    return (f"NOT list_contains(unknown_tokens_{x_side}, x) "
            f"AND NOT list_contains(unknown_tokens_{y_side}, y)")


def _two_names(x_side: str, y_side: str) -> str:
    """Parts `x` (of side `x_side`) and `y` of two persons' names, both names some listed
    entry carries and one of them common: two names, not a typo of one (Muhammad and Mahmud,
    Hassan and Dushan, one edit apart as variant keys), since a typo seldom writes another
    name. Two rare listed names may be a typo of one another (Kibirge, Kibirige): typos land on
    listed rare keys about as often as such pairs are two people. Nor are two spellings the
    lists write for one another two names (`variant_pairs`: Qadhafi and Gaddafi, Siarhei and
    Sergei). (Not between organizations: Electronic and Electronics are one word.)"""
    return (f"{_both_sides('person')} AND {_both_listed(x_side, y_side)} "
            f"AND (NOT list_contains(rare_tokens_{x_side}, x) "
            f"OR NOT list_contains(rare_tokens_{y_side}, y)) "
            f"AND NOT list_contains(variant_pairs_{x_side}, x || ' ' || y)")


def _read_name_covered(x_side: str, y_side: str) -> str:
    """Some name of side `x_side`, as written or as another language's spelling reads it
    (`has_readings`), of two parts or more, one equal to a part of the other side and every
    one equal or close to one. The name by name test of `_APPROXIMATE_KEYS`, for the few
    records whose names are also read another way: pooled, a name's readings are more parts
    that the other side would have to hold as well (*Pawel Georgyevich*'s `ch` read as the
    `kh` German writes it; *Kusnezow* as written and read)."""
    ys = f"tokens_{y_side}"
    return (f"list_bool_or(list_transform(key_tokens_{x_side}, lambda n: len(n) >= 2 AND "
            f"{_any_in('n', ys)} AND "
            f"{_covers('n', ys, True, unless=_two_names(x_side, y_side))}))")


# Every part of one side equal or close to some part of the other, one part at least equal
# (typos, spellings the variant key does not fold), on the variant keys. Over all the parts of
# each side, not name by name: scoring every alias pair part by part cost five times as much
# for the same pairs.
# (`len(unknown_tokens_x) >= 0`, always true, tells Splink that the level reads the columns
# `_two_names` reads inside a lambda)
_APPROXIMATE_KEYS = (
    f"(len(unknown_tokens_l) >= 0 AND len(unknown_tokens_r) >= 0 AND "
    f"len(variant_pairs_l) >= 0 AND len(variant_pairs_r) >= 0 AND "
    f"{_any_in('tokens_l', 'tokens_r')} AND ("
    f"(len(tokens_l) >= 2 AND "
    f"{_covers('tokens_l', 'tokens_r', True, unless=_two_names('l', 'r'))}) OR "
    f"(len(tokens_r) >= 2 AND "
    f"{_covers('tokens_r', 'tokens_l', True, unless=_two_names('r', 'l'))}))) OR "
    f"(len(tokens_l) = 1 AND len(tokens_r) = 1 AND len(tokens_l[1]) >= {SIMILAR_FROM} AND "
    f"len(tokens_r[1]) >= {SIMILAR_FROM} AND "
    f"len({_similar_parts('tokens_l[1]', '[tokens_r[1]]')}) > 0) OR "
    # Organizations: every word but one equal, two at least, and the one left a typo even when
    # short (New Line, Nw Line; GMM Management, GMI Management). The short words of an
    # organization's name are not a pool of given names a letter apart, as persons' are (Hadi,
    # Hani). Persons: the same, the part left three letters at least and not two names lists
    # carry (`_two_names`: Hani Reza AHMADI is not AHMADI, Hadi Reza; Igrr Mikhailovich
    # STRAMILOV is STRAMILOV, Igor Mikhailovich).
    f"({_ORGANIZATIONS} AND {_one_part_off_either_way(2)}) OR "
    f"({_both_sides('person')} AND {_one_part_off_either_way(3, _two_names)}) OR "
    f"(has_readings_l AND {_read_name_covered('l', 'r')}) OR "
    f"(has_readings_r AND {_read_name_covered('r', 'l')})"
)

# The same on the parts as written, for one part off: a key can make a typo wider than it was
# (`traing` is `trang`, `trading` `tradang`: two edits; `Macrhenko` is `makrhanka`, `Marchenko`
# `marcanka`), while the written parts differ by the one edit typed. One part off only: the
# written parts differ wherever spellings do (Shebib, Shabib), which the keys already fold, and
# every part tried here too cost half again the time of the keys' test (F1 +0.0006).
_APPROXIMATE_TYPED = (
    f"({_any_in('plain_tokens_l', 'plain_tokens_r')} AND ("
    f"{_one_part_off('plain_tokens_l', 'plain_tokens_r')} OR "
    f"{_one_part_off('plain_tokens_r', 'plain_tokens_l')}))"
)


def _common(condition: str) -> str:
    """The level after `_DISTINCTIVE AND condition`: the same condition, when the parts shared
    are common. Levels are tried in order, so `condition` alone would mean the same; but a pair
    with a distinctive part shared that failed the level before would have `condition` tested
    again, and the costly ones (`_SUBSET`, `_APPROXIMATE`) run on most blocked pairs."""
    return f"NOT {_DISTINCTIVE} AND {condition}"


# Every part of some name of one side equal or close to a part of one name of the other, as
# keys or as written: the parts `_APPROXIMATE` pools over all names must come from one name
# (Ali Moretti is not Behnam MARALLU alias Seyed Ali MIR VAKILI). Tested on the few pairs that
# pass the pooled test; the written parts are split here rather than kept as a feature.
def _one_name(column: str, parts: str = "{}") -> str:
    """Some name of `column` (its parts: `parts` with the side's column in `{}`) on one side
    with every part equal or close to a part of some name on the other. Looser than `_covers`
    (no spare-part rule, no shortest part): it only asks where the pooled test's parts come
    from."""
    # (only the parts without an equal are tried for a similar one: inside a lambda DuckDB
    # evaluates both sides of an OR, and the similar parts of every part of every pair of
    # names took 2.85 s alone on the 100,939 pairs of 100,000 records that reach this test,
    # 1.33 s so; with no part left, every part has an equal)
    def inside(xs: str, ys: str) -> str:
        return (f"coalesce(list_bool_and(list_transform("
                f"list_filter({xs}, lambda x: NOT list_contains({ys}, x)), "
                f"lambda x: len({_similar_parts('x', ys)}) > 0)), true)")
    names_l, names_r = (parts.format(f"{column}_{side}") for side in "lr")
    return (f"(len({column}_l) > 0 AND len({column}_r) > 0 AND list_bool_or(list_transform("
            f"{names_l}, lambda a: list_bool_or(list_transform({names_r}, lambda b: "
            f"{inside('a', 'b')} OR {inside('b', 'a')})))))")


#: An organization's name as written this long (letters and spaces) may be one typo from the
#: other's and still be the same name; this long, two typos (in words of five letters or more;
#: a typo in a short word, two from `TWO_SHORT_WORD_TYPOS_FROM`).
ONE_TYPO_FROM = 12
TWO_TYPOS_FROM = 16
TWO_SHORT_WORD_TYPOS_FROM = 24
#: A shorter name, from this long, may be one typo from the other's in a word of five letters or
#: more (Savng Bank, Rusknosalt): a level of its own, since such names one typo apart are two
#: companies more often (Dinrin and Binrin Limited; acronyms, NIORDC and NIOPDC, are shorter).
SHORT_NAME_FROM = 7


def _numbers(name: str) -> str:
    """The words of a name as written that hold a digit, in order (No 1, 1A, 8692)."""
    return f"list_filter(string_split({name}, ' '), lambda w: regexp_matches(w, '[0-9]'))"


def _names_one_typo_apart(a: str, bs: str, *, short_words: bool = False,
                          short_names: bool = False) -> str:
    """The names of the list `bs` one typo from the name `a`, as written (two when both are
    long: Damerau-Levenshtein, as for name parts), the words that hold a digit the same in
    both (a number is an identifier: Fu Yuan Yu 8692 and 8662 are two vessels, No 1 and No
    1A two mines, while Mining Entrprise No 1 is Mining Enterprise No 1), and every word that
    differs five letters long at least (`SIMILAR_FROM`), unless `short_words`: a typo in a
    short word is far more often another company (Sima and Sina Shipping Company). Both names
    `ONE_TYPO_FROM` long at least; or, with `short_names`, the shorter of the two under that
    (`SHORT_NAME_FROM` at least). Filters in a chain, cheapest first, as in `_similar_parts`.
    """
    if short_names:
        allowed = "1"
        sized = (f"list_filter({bs}, lambda b: least(len({a}), len(b)) "
                 f"BETWEEN {SHORT_NAME_FROM} AND {ONE_TYPO_FROM - 1} "
                 f"AND abs(len({a}) - len(b)) <= 1)")
    else:
        allowed = _edits_allowed(
            a, "b", TWO_SHORT_WORD_TYPOS_FROM if short_words else TWO_TYPOS_FROM)
        long_enough = (f"list_filter({bs}, lambda b: least(len({a}), len(b)) >= {ONE_TYPO_FROM} "
                       f"AND abs(len({a}) - len(b)) <= {allowed})")
        # (a test that only saves time, 0.2 s of 0.9 at 100,000 records: a typo leaves the
        # first or the last five letters of a name of twelve as they were; two typos in a name
        # of 16 leave one of its first four, its four from the seventh (moved a letter or two
        # at most) and its last four, which no edit, a swap included, touches two of. Not so
        # in a shorter name: Ruskonsalt, Rusknosalt)
        sized = (f"list_filter({long_enough}, lambda b: CASE WHEN {allowed} = 1 "
                 f"THEN left({a}, 5) = left(b, 5) OR right({a}, 5) = right(b, 5) "
                 f"ELSE left({a}, 4) = left(b, 4) OR right({a}, 4) = right(b, 4) "
                 f"OR contains(b, substring({a}, 7, 4)) END)")
    close = f"list_filter({sized}, lambda b: levenshtein({a}, b) <= 2 * ({allowed}))"
    typo = (f"list_filter({close}, lambda b: damerau_levenshtein({a}, b) <= {allowed} "
            f"AND {_numbers(a)} = {_numbers('b')})")

    def long_words(x: str, y: str) -> str:
        return (f"list_bool_and(list_transform(string_split({x}, ' '), lambda w: "
                f"len(w) >= {SIMILAR_FROM} OR list_contains(string_split({y}, ' '), w)))")
    if short_words:
        return typo
    return f"list_filter({typo}, lambda b: {long_words(a, 'b')} AND {long_words('b', a)})"


# Two organizations' names that are one name with a typo, compared whole as written: a typo
# can turn a word into another listed one (Fartrade, Farrade; Shipping, Chipping) or widen
# once keyed (Finance, Fiannce), so that no part is distinctive and `_APPROXIMATE` is weak
# evidence; a long name one typo from another is still rare among different listed companies.
# The levels come before those of a name inside the other, weaker evidence that such pairs
# also meet: a misspelt legal form the reader does not know stays a word of the name, which
# then holds the other (Syrrian Company for Metals and Investments Lc, SYRIAN COMPANY FOR
# METALS AND INVESTMENTS LLC; Promtechcomplekt Djsc). So the short-word level also comes
# before "every part similar, distinctive", stronger evidence for a short name word misspelt
# beside distinctive ones (Nw Line Exchange Trust): placed after it, held-out F1 was 0.0003
# to 0.0010 lower on three seeds (docs/linkage.md).
# (Persons' names are drawn from a pool of given names a letter apart, Yong and Myong Chol KIM:
# their typos stay with `_APPROXIMATE` and its `_two_names`.)
def _organization_typo(*, short_words: bool = False, short_names: bool = False) -> str:
    typos = _names_one_typo_apart("a", "names_r", short_words=short_words,
                                  short_names=short_names)
    return (f"{_ORGANIZATIONS} AND len(names_l) > 0 AND len(names_r) > 0 AND "
            f"list_bool_or(list_transform(names_l, lambda a: len({typos}) > 0))")


_WRITTEN_PARTS = "list_transform({}, lambda n: string_split(n, ' '))"
_ONE_NAME = f"({_one_name('key_tokens')} OR {_one_name('names', _WRITTEN_PARTS)})"

# Between organizations, two names of as many words, three at least, each word of one equal or
# close to its own word of the other, tell as much as three words in common (`_THREE_WORDS`):
# company names combine common words freely, and a typo in one of them (Sky Zonne Toading,
# Mmicro Electronics Tetchnloogies) leaves the combination as rare as it was. As many words:
# a longer name holding three words close to a shorter one's is another company more often
# (Shahid Karimi Industries, Shahid Ahmad Kazemi Industries Group). And a word close to
# another is a typo, not two listed words (Karimi and Kazemi: Shahid Karimi Group is not
# Shahid Kazemi Group): one of the two is a word no listed name carries.
_THREE_WORDS_SIMILAR = (
    f"({_ORGANIZATIONS} AND len(unknown_tokens_l) + len(unknown_tokens_r) > 0 "
    f"AND list_bool_or(list_transform(key_tokens_l, lambda a: len(a) >= 3 "
    f"AND list_bool_or(list_transform(key_tokens_r, lambda b: len(b) = len(a) "
    f"AND {_covers('a', 'b', True, unless=_both_listed('l', 'r'))})))))")

# (the longest test of all, and two levels read it: a macro)
_APPROXIMATE_MACRO = Macro("_gm_approximate",
                           f"({_APPROXIMATE_KEYS} OR {_APPROXIMATE_TYPED}) AND {_ONE_NAME}")
_APPROXIMATE = _APPROXIMATE_MACRO.call

# A name written in an abjad script (Arabic, Persian, Hebrew: no short vowels) of two parts or
# more, every part of which has its consonant skeleton in one name of the other side (`صدام حسين
# التكريتي` and Saddam Hussein al-Tikriti). The keys of the two never meet: the romanized name
# has vowels the script does not write. One name of the other side, not the parts of all its
# names pooled: skeletons are short, and pooled they would cover any two-part name.
# (`len(skeletons_x) > 0` outside the lambdas also tells Splink that the level reads that column:
# it does not look for columns inside lambda bodies.)
def _abjad_skeleton(whole: bool) -> str:
    """The abjad name's parts all in one name of the other side, which has no part more
    (`whole`: the same name) or may have more (the abjad name inside it: *Jamal Mustafa* in
    *Jamal Mustafa Abdallah Sultan al-Tikriti*, a weaker level, as a romanized name inside
    another is)."""
    # (a romanized name's skeletons: per part, its skeletons apart by spaces, Ibrahim's `ibrhm
    # brhm`; an abjad name's, per part, its options as a list)
    no_more = "len(s) <= len(n) AND " if whole else ""
    in_part = _any_in("t", "string_split(p, ' ')")
    return " OR ".join(
        f"(len(abjad_names_{a}) > 0 AND len(skeletons_{b}) > 0 AND list_bool_or(list_transform("
        f"abjad_names_{a}, lambda n: "
        f"len(n) >= 2 AND list_bool_or(list_transform(skeletons_{b}, lambda s: {no_more}"
        f"list_bool_and(list_transform(n, lambda t: "
        f"list_bool_or(list_transform(s, lambda p: {in_part})))))))))"
        for a, b in (("l", "r"), ("r", "l"))
    )

NAME = Comparison(
    "name",
    "name",
    (
        Level("no name", "len(names_l) = 0 OR len(names_r) = 0", "a name is missing", True),
        Level(
            "same name, distinctive",
            f"{_overlap('names')} AND {_DISTINCTIVE}",
            "the same name, with a distinctive part",
        ),
        Level("same name, common", _overlap("names"), "the same name, but a common one"),
        Level(
            "same name in another spelling, distinctive",
            f"{_overlap('keys')} AND {_DISTINCTIVE} AND {_INITIALS_FIT}",
            "the same name in another spelling or order, with a distinctive part",
        ),
        Level(
            "organization name one typo apart",
            _organization_typo(),
            f"an organization's name as written one typo from the other's (two from "
            f"{TWO_TYPOS_FROM} characters), in words of five letters or more",
        ),
        Level(
            "same name in another spelling, common",
            f"{_overlap('keys')} AND {_INITIALS_FIT}",
            "the same name in another spelling or order, but a common one",
        ),
        Level(
            "organization name one typo apart, in a short word",
            _organization_typo(short_words=True),
            "an organization's name as written one typo from the other's, in a word of four "
            "letters or fewer (often another company: Sima and Sina Shipping)",
        ),
        Level(
            "short organization name one typo apart",
            _organization_typo(short_names=True),
            f"an organization's name of {SHORT_NAME_FROM} to {ONE_TYPO_FROM - 1} characters as "
            "written one typo from the other's, in a word of five letters or more",
        ),
        Level(
            "one name inside the other, distinctive",
            f"{_RARE_SHARED} AND {_SUBSET} AND {_INITIALS_FIT}",
            "every part of one name is in the other (a middle name or patronymic dropped), "
            "with a distinctive part",
        ),
        Level(
            "organization name inside the other, three common words",
            f"{_THREE_WORDS} AND {_SUBSET}",
            "every word of one organization's name is in the other's, three common words "
            "at least",
        ),
        Level(
            "one name inside the other, common",
            f"{_common(_SUBSET)} AND {_INITIALS_FIT}",
            "every part of one name is in the other, but the name is a common one",
        ),
        Level(
            "organization name of one word inside the other",
            _ORGANIZATION_SUBSET,
            "an organization's one-word name (its legal form aside) is in the other's name, "
            "and is distinctive",
        ),
        Level(
            "every part similar, distinctive",
            f"({_DISTINCTIVE} OR {_THREE_WORDS_SIMILAR}) AND ({_APPROXIMATE}) "
            f"AND {_INITIALS_FIT}",
            "every part of one name close to a part of the other (typos, other spellings), "
            "with a distinctive part",
        ),
        Level(
            "every part similar, common",
            f"{_common(_APPROXIMATE)} AND {_INITIALS_FIT}",
            "every part of one name close to a part of the other, but the parts are common",
        ),
        Level(
            "same name in another script",
            _abjad_skeleton(whole=True),
            "a name written in Arabic, Persian or Hebrew script has the consonants of the "
            "other side's name, part for part (those scripts write no short vowels)",
        ),
        Level(
            "name in another script inside the other",
            _abjad_skeleton(whole=False),
            "every part of a name written in Arabic, Persian or Hebrew script has its "
            "consonants in the other side's name, which has more parts",
        ),
        Level(
            "weak alias",
            f"(len(weak_names_l) > 0 OR len(weak_names_r) > 0) AND "
            f"({_overlap('weak_names', 'names')} OR {_overlap('weak_names')})",
            "a low-quality alias (OFAC weak a.k.a., UN low quality) matches",
        ),
        Level(
            "parts shared, others differ, distinctive",
            f"{_DISTINCTIVE} AND {_shared('tokens_l', 'tokens_r', 2)}",
            "two or more name parts shared, one of them distinctive, but other parts differ "
            "(another given name, a second surname?)",
        ),
        Level(
            "parts shared, others differ",
            _shared("tokens_l", "tokens_r", 2),
            "two or more name parts shared, but other parts differ (another given name?)",
        ),
        Level(
            "one distinctive part shared",
            _SHARED_RARE,
            "one distinctive name part shared (a surname, say), the rest differs",
        ),
        Level(
            "common parts shared",
            _overlap("tokens"),
            "only common name parts shared",
        ),
        Level("different names", "ELSE", "different names"),
    ),
)

#: Dates of birth at most this many years apart are "a few years apart", not "different": the
#: same people on two lists are seldom further apart (a typo, an estimate), namesakes often are.
FEW_YEARS = 10

DATE_OF_BIRTH = Comparison(
    "dob",
    "date of birth",
    (
        Level(
            "no date",
            "len(dob_years_l) = 0 OR len(dob_years_r) = 0",
            "a date of birth is missing, or spans too many years to tell (a decade)",
            True,
        ),
        Level("same date", _overlap("dob_full"), "the same date of birth"),
        Level("same 1 January", _overlap("dob_new_year"),
              "born on 1 January of the same year, the date lists write when only the year is "
              "known (a date like others would be the same date)"),
        Level(
            "day and month swapped",
            _overlap("dob_full", "dob_swapped"),
            "the same date with day and month swapped",
        ),
        Level("same month", _overlap("dob_month"), "same month and year, different day"),
        Level(
            "same year, one side partial",
            f"{_overlap('dob_years')} AND (dob_partial_l OR dob_partial_r)",
            "the same year, one side giving only a year, an approximate date or 1 January",
        ),
        Level("same year", _overlap("dob_years"), "the same year, different day"),
        Level(
            "one year apart, same day and month",
            f"{_overlap('dob_years', 'dob_near')} AND {_overlap('dob_day_month')}",
            "the same day and month, one year apart (a typo in the year?)",
        ),
        Level(
            "one year apart",
            f"{_overlap('dob_years', 'dob_near')} AND (len(dob_day_month_l) = 0 OR "
            f"len(dob_day_month_r) = 0)",
            "one year apart, or two from a year written circa (no exact date on one side)",
        ),
        Level(
            "one year apart, another day",
            _overlap("dob_years", "dob_near"),
            "one year apart, on another day and month: two exact dates that differ throughout",
        ),
        Level(
            "a few years apart",
            f"len(dob_years_r) > 0 AND list_bool_or(list_transform(dob_years_l, lambda y: "
            f"list_bool_or(list_transform(dob_years_r, lambda z: abs(y - z) <= "
            f"{FEW_YEARS}))))",
            f"2 to {FEW_YEARS} years apart (an estimate, a typo in the year?)",
        ),
        Level("different", "ELSE", f"dates of birth more than {FEW_YEARS} years apart"),
    ),
)

COUNTRY = Comparison(
    "country",
    "nationality and countries",
    (
        Level(
            "no country",
            "len(countries_l) = 0 OR len(countries_r) = 0",
            "no nationality or country on one side",
            True,
        ),
        Level("same nationality", _overlap("nationalities"), "the same nationality"),
        Level("country shared", _overlap("countries"), "a country in common"),
        Level(
            "different nationalities",
            "len(nationalities_l) > 0 AND len(nationalities_r) > 0",
            "different nationalities",
        ),
        Level("different countries", "ELSE", "no country in common"),
    ),
)

GENDER = Comparison(
    "gender",
    "gender",
    (
        Level("no gender", "gender_l IS NULL OR gender_r IS NULL", "gender unknown", True),
        Level("same gender", "gender_l = gender_r", "the same gender"),
        Level("different gender", "ELSE", "different genders"),
    ),
)

ENTITY_TYPE = Comparison(
    "entity_type",
    "entity type",
    (
        Level(
            "no type",
            "entity_type_l IS NULL OR entity_type_r IS NULL",
            "entity type unknown",
            True,
        ),
        Level("same type", "entity_type_l = entity_type_r", "the same kind of entity"),
        Level("person and organization", "ELSE", "a person and an organization"),
    ),
)

# Between organizations, the legal forms of their names (features.legal_forms): a joint-stock
# company and a limited liability company of one name are two companies (JSC RADIOPRIBORSNAB and
# LLC RADIOPRIBORSNAB are both listed), while the aliases of one entry almost never disagree.
# Persons have none, so for them the comparison is always null.
LEGAL_FORM = Comparison(
    "legal_form",
    "legal form",
    (
        Level(
            "no legal form",
            "len(legal_forms_l) = 0 OR len(legal_forms_r) = 0",
            "no legal form on one side (or not two organizations)",
            True,
        ),
        Level("same legal form", _overlap("legal_forms"),
              "the same legal form (limited company, joint-stock company...)"),
        Level("different legal forms", "ELSE",
              "different legal forms (a joint-stock company and a limited company, say)"),
    ),
    applies_to="organization",
)

COMPARISONS = (NAME, DATE_OF_BIRTH, COUNTRY, GENDER, ENTITY_TYPE, LEGAL_FORM)


#: The macros the levels call (created on every DuckDB connection gmmatch opens).
MACROS = (_APPROXIMATE_MACRO,)


def expand_macros(sql: str) -> str:
    """Level SQL with the calls of `MACROS` written out: for an engine without DuckDB's macros
    (Spark), and for a Splink settings dictionary that must stand on its own."""
    for macro in MACROS:
        sql = sql.replace(macro.call, f"({macro.body})")
    return sql


#: The features the comparisons read (`unique_id` first), found in their levels' SQL.
COMPARED_COLUMNS = ("unique_id", *features_read(
    " ".join(expand_macros(level.sql) for c in COMPARISONS for level in c.levels)))
