"""The comparisons: what evidence each field gives, level by level, as Splink declares it.

Each level is a SQL condition over the features of `features.py` (`x_l` for the record, `x_r`
for the list entry, or the reverse: every condition here is symmetric) and a phrase that
`explain()` shows a reviewer. Levels are tried in order; the first that holds is the pair's level.
Names are compared over every alias of both sides at once (best pair wins), dates of birth over
every date of both sides.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    label: str          # short, for charts and the model file
    sql: str            # DuckDB SQL condition
    says: str           # what it means, for a reviewer
    is_null: bool = False


@dataclass(frozen=True)
class Comparison:
    name: str           # output column name in Splink (`gamma_<name>`, `mw_<name>`)
    title: str          # for explanations
    levels: tuple[Level, ...]


def _overlap(a: str, b: str | None = None) -> str:
    """Some value of `a` on one side is among the values of `b` on the other, either way."""
    if b is None or b == a:
        return f"list_has_any({a}_l, {a}_r)"
    return f"(list_has_any({a}_l, {b}_r) OR list_has_any({b}_l, {a}_r))"


_SHARED_RARE = "len(list_intersect(rare_tokens_l, rare_tokens_r)) > 0"
_SHARED_TOKENS = "len(list_intersect(tokens_l, tokens_r))"


def _covers(short: str, long: str, similarity: float | None) -> str:
    """Every part of `short` has a partner in `long`: equal, or (parts of four letters or
    more: Jaro-Winkler is lenient with short words) similar enough to a part of `long` that
    no part of `short` equals, so that one part never stands in for two (Sergey Sarac is not
    Ivan Sarac because `sarga` resembles `sarak`)."""
    if similarity is None:
        return f"list_has_all({long}, {short})"
    spare = f"list_filter({long}, lambda y: len(y) >= 4 AND NOT list_contains({short}, y))"
    return (f"list_bool_and(list_transform({short}, lambda x: list_contains({long}, x) OR "
            f"(len(x) >= 4 AND coalesce(list_max(list_transform({spare}, "
            f"lambda y: jaro_winkler_similarity(x, y))), 0) >= {similarity})))")


# Some name of one side has all its parts (two at least) in some name of the other: a middle
# name, patronymic or second surname dropped.
_SUBSET = (
    # a name inside another of two parts or more shares two parts: a cheap test first
    f"{_SHARED_TOKENS} >= 2 AND "
    "list_bool_or(list_transform(key_tokens_l, lambda a: list_bool_or(list_transform("
    f"key_tokens_r, lambda b: (len(a) >= 2 AND {_covers('a', 'b', None)}) OR "
    f"(len(b) >= 2 AND {_covers('b', 'a', None)})))))"
)
# Every part of one side equal or close to some part of the other, one part at least equal
# (typos, spellings the variant key does not fold). Over all the parts of each side, not name
# by name: scoring every alias pair part by part cost five times as much for the same pairs.
_APPROXIMATE = (
    f"(list_has_any(tokens_l, tokens_r) AND len(tokens_l) >= 2 "
    f"AND {_covers('tokens_l', 'tokens_r', 0.9)}) OR "
    f"(list_has_any(tokens_l, tokens_r) AND len(tokens_r) >= 2 "
    f"AND {_covers('tokens_r', 'tokens_l', 0.9)}) OR "
    "(len(tokens_l) = 1 AND len(tokens_r) = 1 "
    "AND jaro_winkler_similarity(tokens_l[1], tokens_r[1]) >= 0.9)"
)

NAME = Comparison(
    "name",
    "name",
    (
        Level("no name", "len(names_l) = 0 OR len(names_r) = 0", "a name is missing", True),
        Level(
            "same name, distinctive",
            f"{_overlap('names')} AND {_SHARED_RARE}",
            "the same name, with a distinctive part",
        ),
        Level("same name, common", _overlap("names"), "the same name, but a common one"),
        Level(
            "same name in another spelling, distinctive",
            f"{_overlap('keys')} AND {_SHARED_RARE}",
            "the same name in another spelling or order, with a distinctive part",
        ),
        Level(
            "same name in another spelling, common",
            _overlap("keys"),
            "the same name in another spelling or order, but a common one",
        ),
        Level(
            "one name inside the other, distinctive",
            f"{_SHARED_RARE} AND {_SUBSET}",
            "every part of one name is in the other (a middle name or patronymic dropped), "
            "with a distinctive part",
        ),
        Level(
            "one name inside the other, common",
            _SUBSET,
            "every part of one name is in the other, but the name is a common one",
        ),
        Level(
            "every part similar, distinctive",
            f"{_SHARED_RARE} AND ({_APPROXIMATE})",
            "every part of one name close to a part of the other (typos, other spellings), "
            "with a distinctive part",
        ),
        Level(
            "every part similar, common",
            _APPROXIMATE,
            "every part of one name close to a part of the other, but the parts are common",
        ),
        Level(
            "weak alias",
            f"{_overlap('weak_names', 'names')} OR {_overlap('weak_names')}",
            "a low-quality alias (OFAC weak a.k.a., UN low quality) matches",
        ),
        Level(
            "parts shared, others differ",
            f"{_SHARED_TOKENS} >= 2",
            "two or more name parts shared, but other parts differ (another given name?)",
        ),
        Level(
            "one distinctive part shared",
            _SHARED_RARE,
            "one distinctive name part shared (a surname, say), the rest differs",
        ),
        Level(
            "common parts shared",
            f"{_SHARED_TOKENS} >= 1",
            "only common name parts shared",
        ),
        Level("different names", "ELSE", "different names"),
    ),
)

DATE_OF_BIRTH = Comparison(
    "dob",
    "date of birth",
    (
        Level(
            "no date",
            "len(dob_years_l) = 0 OR len(dob_years_r) = 0",
            "a date of birth is missing",
            True,
        ),
        Level("same date", _overlap("dob_full"), "the same date of birth"),
        Level(
            "day and month swapped",
            _overlap("dob_full", "dob_swapped"),
            "the same date with day and month swapped",
        ),
        Level("same month", _overlap("dob_month"), "same month and year, different day"),
        Level(
            "same year, one side partial",
            f"{_overlap('dob_years')} AND (dob_partial_l OR dob_partial_r)",
            "the same year, one side giving only a year or an approximate date",
        ),
        Level("same year", _overlap("dob_years"), "the same year, different day"),
        Level("one year apart", _overlap("dob_years", "dob_near"), "one year apart"),
        Level("different", "ELSE", "different dates of birth"),
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

COMPARISONS = (NAME, DATE_OF_BIRTH, COUNTRY, GENDER, ENTITY_TYPE)
