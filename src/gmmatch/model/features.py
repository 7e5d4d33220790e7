"""The per-record features the comparisons and blocking rules read, derived in SQL.

Normalization (at read time) gives every record its normalized names, keys, parsed dates and
country codes. Linkage needs a few set-shaped views of them, so that each comparison level is a
set intersection (fast, and the same on DuckDB and Spark):

| feature | from | what |
|---|---|---|
| `names`, `weak_names` | names_norm, weak_names_norm | normalized full names |
| `keys` | name_keys | order-independent variant keys of each strong name (and unspaced ones) |
| `key_tokens` | name_keys | the parts of each name key, one list per name |
| `has_readings` | read_keys | some name is also read as another language writes it (most: no) |
| `tokens` | token_keys | variant keys of every name token |
| `plain_tokens` | names_norm | every name token as written (folded to ASCII, lowercase) |
| `initials` | names_norm | the letters written alone among them (*Maher A. Mutreb*) |
| `rare_tokens` | tokens | the tokens that are rare among listed names (see `RARE_AT_MOST`) |
| `unknown_tokens` | tokens | the tokens that no listed name carries (typos, names never listed) |
| `variant_pairs` | tokens | `"t v"`: a token `t` and another spelling `v` lists write for it |
| `rare_pairs` | keys | pairs of parts of one name that are rare together (`PAIR_PARTS_AT_MOST`) |
| `rare_deletions` | rare_tokens | rare tokens of 7+ letters, each also less a letter (blocking) |
| `word_deletions` | plain_tokens | words of 6+ letters (no digit), each also less a letter |
| `name_deletions` | names | names of at most 20 characters, each also less a letter |
| `skeletons` | name_keys | per name, per part: its skeletons, spaced (`_gm_romanized_skeletons`) |
| `skeleton_pairs` | name_keys | every pair of skeletons within one name (blocking) |
| `abjad_names` | abjad_skeletons | per skeleton of an abjad-script name, per word, its options |
| `abjad_pairs` | abjad_skeletons | every pair of those skeletons within one such name (blocking) |
| `key_subsets` | keys | keys of every two or more parts of a name (names up to `SUBSETS_UP_TO`) |
| `long_key_tokens` | keys | the parts of each name longer than `SUBSETS_UP_TO`, one list a name |
| `token_pairs` | keys | every pair of tokens within one name (blocking) |
| `phonetic_pairs` | phonetic_keys | every pair of phonetic keys of the record (blocking) |
| `prefix_pairs` | keys | a name part with the first three letters of another (blocking) |
| `suffix_pairs` | keys | a name part with the last three letters of another (blocking) |
| `dob_full` | dob_parsed | exact dates `YYYY-MM-DD` (not approximate, not 1 January) |
| `dob_new_year` | dob_parsed | the years of exact dates on 1 January (`NEW_YEAR`) |
| `dob_swapped` | dob_parsed | the same with day and month exchanged, where both could be a month |
| `dob_month` | dob_parsed | `YYYY-MM` of dates with a month (not 1 January) |
| `dob_day_month` | dob_parsed | `MM-DD` of exact dates (`dob_full` without the year) |
| `dob_years` | dob_years | every year a date covers (ranges expanded; `DOB_YEARS_AT_MOST`) |
| `dob_near` | dob_years | the years one either side (two, of a year written `circa`) |
| `dob_partial` | dob_parsed | true when some date is year-only, approximate or 1 January |
| `nationalities` | nationality_codes | ISO codes of nationality, citizenship (`SOVEREIGN_OF` too) |
| `countries` | nationality_codes + country_codes | every country tied to the record (so too) |
| `legal_forms` | legal_forms | an organization's legal forms (`SAME_LEGAL_FORM` as one) |
| `party` | entity_type | `party` for persons and organizations, else the type (never mixed) |

The features only blocking reads (`rare_deletions`, `word_deletions`, `skeleton_pairs`,
`abjad_pairs`, `prefix_pairs`, `suffix_pairs`) may repeat a value: a repeat pairs nothing more,
and the blocking counts the entries sharing a value once each (`engine.list_values_sql`).
Deduplicating them took a seventh of the features' time.

A part that a reading made (`read_sources`) counts as the part it read, when that is on more
entries: a reading never makes a name rarer (*Sanchez* read as French writes `sh` is on none).

Rarity comes from a frequency table shipped with the model (how many entries of the real SDN,
UN and Canadian lists carry each token, and each pair of tokens of one name), never from the
batch being linked: a name's weight must not depend on what else is in the file. A pair of
common parts can be rare: *Rosario* and *Murillo* are each on a dozen entries, together on one.
"""

from __future__ import annotations

from collections.abc import Iterable

from gmmatch.normalize.countries import SOVEREIGN_OF

#: A token is rare when at most this many listed entries carry it.
RARE_AT_MOST = 6

#: A pair of parts of one name is rare when at most `RARE_AT_MOST` listed entries carry it and
#: each part is on at most this many: two parts as common as Ali (on 420 entries) and Haidar
#: fall together on a few entries by chance alone, which says nothing of the name's rarity.
PAIR_PARTS_AT_MOST = 30

#: A record whose dates of birth cover more years than this (`1960s`, `1950 to 1980`, seven
#: alternative years) has no date of birth for the comparisons: a year in so wide a span is
#: shared by a fifth of random people, far more often than the one-year "same year" levels'
#: weights assume. Its `dob` and `dob_years` columns keep what was read.
DOB_YEARS_AT_MOST = 6

#: A date of birth on 1 January is not an exact date like the others: lists and passports
#: write it where only the year is known. Of the 6,263 exact dates of the 2024 SDN list, 197
#: are 1 January (17 would be, were birthdays spread evenly; 48 are 31 December, the next),
#: and 40 of the UN list's 478 (1.3). Such a date is the year alone to the comparisons (a
#: partial date), and two of them of one year a level of their own: taken as exact dates, two
#: people born in one year matched as "same date", and *01 Jan 1983* and *01 Jan 1981* as a
#: typo in the year.
NEW_YEAR = "coalesce(d.month = 1 AND d.day = 1, false)"

#: `word_deletions` takes the written words of at least this many letters.
WORD_DELETIONS_FROM = 6

#: Legal forms a letter or a translation writes for one another: an OOO is as often called a
#: Ltd as an LLC, and the aliases of one SDN entry mix the two (98 of 409 alias pairs whose
#: canonical forms differ). They count as one (the first).
SAME_LEGAL_FORM = ("llc", "ltd")

#: Legal forms that say nothing about the company's kind: `Co.` and `Corp.` go with any other
#: form (`Co., Ltd.`, `JSC Company`) and stand for any in translation.
GENERIC_LEGAL_FORMS = ("co", "corp")

#: `name_deletions` takes the names of at most this many characters (blocking.py: rule 9).
NAME_DELETIONS_UP_TO = 20

#: `key_subsets` enumerates the sub-names of names of at most this many parts (57 for six
#: parts); the few longer names are compared part by part instead (`long_key_tokens`).
SUBSETS_UP_TO = 6

FEATURE_COLUMNS = (
    "unique_id",
    "entity_type",
    "party",
    "names",
    "weak_names",
    "keys",
    "key_tokens",
    "has_readings",
    "tokens",
    "plain_tokens",
    "initials",
    "rare_tokens",
    "unknown_tokens",
    "variant_pairs",
    "rare_pairs",
    "rare_deletions",
    "word_deletions",
    "name_deletions",
    "skeletons",
    "skeleton_pairs",
    "abjad_names",
    "abjad_pairs",
    "key_subsets",
    "long_key_tokens",
    "token_pairs",
    "phonetic_pairs",
    "prefix_pairs",
    "suffix_pairs",
    "dob_full",
    "dob_new_year",
    "dob_swapped",
    "dob_month",
    "dob_day_month",
    "dob_years",
    "dob_near",
    "dob_partial",
    "nationalities",
    "countries",
    "gender",
    "legal_forms",
)


def sql_strings(values: Iterable[str]) -> str:
    """`values` as an SQL list of string literals, for `IN`: `('llc', 'ltd')`."""
    return "(" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + ")"


def _read_source(token: str, read_sources: str) -> str:
    """SQL: the part `token` was read from, by `read_sources` (`"read source"`), or NULL."""
    return (f"split_part(list_filter({read_sources}, "
            f"lambda s: split_part(s, ' ', 1) = {token})[1], ' ', 2)")


def features_sql(source: str, token_frequencies: str, name_variants: str,
                 rare_at_most: int = RARE_AT_MOST, pairs_counted: bool = True) -> str:
    """DuckDB SQL selecting FEATURE_COLUMNS from a normalized canonical table `source`.

    `token_frequencies` names a table (token VARCHAR, entries INTEGER) of tokens and of pairs of
    tokens (`"a b"`, `a < b`, as `token_pairs` writes them). Without `pairs_counted` (a model
    from before pairs were counted) no pair is rare: its absence from the table says nothing.
    `name_variants` names a table (token VARCHAR, variant VARCHAR) of the name parts the lists
    write for one another, each pair both ways (`training.name_variants`).
    """
    return f"""
    WITH base AS (
        SELECT
            id AS unique_id,
            entity_type,
            CASE WHEN entity_type IN ('person', 'organization') THEN 'party'
                 ELSE entity_type END AS party,
            coalesce(names_norm, []) AS names,
            coalesce(weak_names_norm, []) AS weak_names,
            coalesce(name_keys, []) AS keys,
            len(coalesce(read_keys, [])) > 0 AS has_readings,
            coalesce(read_sources, []) AS read_sources,
            coalesce(abjad_skeletons, []) AS abjad_skeletons,
            coalesce(token_keys, []) AS tokens,
            list_distinct(flatten(list_transform(coalesce(name_keys, []),
                lambda k: _gm_sorted_pairs(string_split(k, ' '))))) AS token_pairs,
            coalesce(phonetic_keys, []) AS phonetic_keys,
            coalesce(dob_parsed, []) AS dob_parsed,
            -- (dates spread over more years than DOB_YEARS_AT_MOST are no evidence)
            CASE WHEN len(coalesce(dob_years, [])) <= {DOB_YEARS_AT_MOST} THEN dob_years
                 ELSE [] END AS dob_years_raw,
            {_with_sovereigns("coalesce(nationality_codes, [])")} AS nationalities,
            {_with_sovereigns("list_concat(coalesce(nationality_codes, []), "
                              "coalesce(country_codes, []))")} AS countries,
            gender,
            list_distinct(list_filter(list_transform(coalesce(legal_forms, []),
                lambda f: CASE WHEN f IN {sql_strings(SAME_LEGAL_FORM)} THEN '{SAME_LEGAL_FORM[0]}'
                               ELSE f END),
                lambda f: f NOT IN {sql_strings(GENERIC_LEGAL_FORMS)})) AS legal_forms
        FROM {source}
    ),
    rarity AS (  -- (a part a reading made counts as the part it read, when more common)
        SELECT t.unique_id,
               list(t.token ORDER BY t.token) FILTER (
                   WHERE coalesce(greatest(f.entries, fs.entries), 0) <= {int(rare_at_most)})
                   AS rare_tokens,
               list(t.token ORDER BY t.token) FILTER (
                   WHERE greatest(f.entries, fs.entries) IS NULL) AS unknown_tokens,
               list(t.token) FILTER (
                   WHERE coalesce(greatest(f.entries, fs.entries), 0) <= {PAIR_PARTS_AT_MOST})
                   AS pair_parts
        FROM (SELECT b.unique_id, t.token, CASE WHEN len(b.read_sources) > 0 THEN
                  {_read_source("t.token", "b.read_sources")} END AS source
              FROM base b, unnest(b.tokens) AS t(token)) t
        LEFT JOIN {token_frequencies} f ON f.token = t.token
        LEFT JOIN {token_frequencies} fs ON fs.token = t.source
        GROUP BY t.unique_id
    ),
    variants AS (  -- the listed spellings of a record's parts (most records have none)
        SELECT b.unique_id, list(t.token || ' ' || v.variant ORDER BY t.token, v.variant)
                                AS variant_pairs
        FROM base b, unnest(b.tokens) AS t(token)
        JOIN {name_variants} v ON v.token = t.token
        GROUP BY b.unique_id
    ),
    pair_rarity AS (  -- the pairs of parts each on few entries (most names have none), counted
        -- (a pair with a part a reading made, as the pair it read too: `read_sources`)
        SELECT c.unique_id, list(c.pair ORDER BY c.pair) FILTER (
                   WHERE coalesce(greatest(f.entries, fs.entries), 0) <= {int(rare_at_most)})
                   AS rare_pairs
        FROM (SELECT unique_id, pair, CASE WHEN len(read_sources) > 0 THEN array_to_string(
                  list_sort(list_transform(string_split(pair, ' '), lambda t: coalesce(
                      {_read_source("t", "read_sources")}, t))), ' ') END AS source_pair
              FROM (SELECT b.unique_id, b.read_sources,
                           unnest(list_filter(b.token_pairs, lambda p: list_bool_and(
                               list_transform(string_split(p, ' '),
                                              lambda t: list_contains(r.pair_parts, t)))))
                               AS pair
                    FROM base b JOIN rarity r USING (unique_id)
                    WHERE {bool(pairs_counted)} AND len(r.pair_parts) >= 2)) c
        LEFT JOIN {token_frequencies} f ON f.token = c.pair
        LEFT JOIN {token_frequencies} fs ON fs.token = c.source_pair
        GROUP BY c.unique_id
    ),
    parts AS (  -- each name's parts and their skeletons, split once for the features below
        SELECT b.*, r.rare_tokens, r.unknown_tokens, v.variant_pairs, pr.rare_pairs,
               list_filter(list_distinct(flatten(list_transform(b.names,
                   lambda n: string_split(n, ' ')))), lambda t: t <> '') AS plain_tokens,
               list_transform(b.keys, lambda k: string_split(k, ' ')) AS key_tokens,
               list_transform(b.keys, lambda k: list_transform(string_split(k, ' '),
                   lambda t: list_filter(_gm_romanized_skeletons(t), lambda s: s <> '')))
                   AS part_skeletons
        FROM base b LEFT JOIN rarity r USING (unique_id)
                    LEFT JOIN variants v USING (unique_id)
                    LEFT JOIN pair_rarity pr USING (unique_id)
    )
    SELECT
        b.unique_id,
        b.entity_type,
        b.party,
        b.names,
        b.weak_names,
        b.keys,
        b.key_tokens,
        b.has_readings,
        b.tokens,
        b.plain_tokens,
        list_filter(b.plain_tokens, lambda t: len(t) = 1 AND t BETWEEN 'a' AND 'z') AS initials,
        coalesce(b.rare_tokens, []) AS rare_tokens,
        coalesce(b.unknown_tokens, []) AS unknown_tokens,
        coalesce(b.variant_pairs, []) AS variant_pairs,
        coalesce(b.rare_pairs, []) AS rare_pairs,
        flatten(list_transform(
            list_filter(coalesce(b.rare_tokens, []), lambda t: len(t) >= 7),
            lambda t: _gm_deletions(t))) AS rare_deletions,
        flatten(list_transform(
            list_filter(b.plain_tokens, lambda w: len(w) >= {WORD_DELETIONS_FROM}
                                                  AND NOT regexp_matches(w, '[0-9]')),
            lambda w: _gm_deletions(w))) AS word_deletions,
        flatten(list_transform(
            list_filter(b.names, lambda n: len(n) <= {NAME_DELETIONS_UP_TO}),
            lambda n: _gm_deletions(n))) AS name_deletions,
        list_transform(b.part_skeletons, lambda n: list_filter(
            list_transform(n, lambda p: array_to_string(p, ' ')), lambda p: p <> ''))
            AS skeletons,
        flatten(list_transform(b.part_skeletons, lambda n: _gm_pairs(flatten(n))))
            AS skeleton_pairs,
        list_transform(b.abjad_skeletons, lambda k: list_transform(string_split(k, ' '),
            lambda t: _gm_abjad_options(t))) AS abjad_names,
        flatten(list_transform(b.abjad_skeletons, lambda k: _gm_pairs(
            flatten(list_transform(string_split(k, ' '), lambda t: _gm_abjad_options(t))))))
            AS abjad_pairs,
        list_distinct(flatten(list_transform(
            list_filter(b.key_tokens, lambda p: len(p) <= {SUBSETS_UP_TO}),
            lambda p: _gm_subsets(p)))) AS key_subsets,
        list_filter(b.key_tokens, lambda p: len(p) > {SUBSETS_UP_TO}) AS long_key_tokens,
        b.token_pairs,
        _gm_sorted_pairs(list_sort(list_distinct(b.phonetic_keys))) AS phonetic_pairs,
        flatten(list_transform(b.key_tokens, lambda p: _gm_prefix_pairs(p)))
            AS prefix_pairs,
        flatten(list_transform(b.key_tokens, lambda p: _gm_suffix_pairs(p))) AS suffix_pairs,
        list_distinct(list_transform(
            list_filter(b.dob_parsed, lambda d: d.day IS NOT NULL AND NOT d.approximate
                                               AND NOT {NEW_YEAR}),
            lambda d: printf('%04d-%02d-%02d', d.year, d.month, d.day))) AS dob_full,
        list_distinct(list_transform(
            list_filter(b.dob_parsed, lambda d: NOT d.approximate AND {NEW_YEAR}),
            lambda d: CAST(d.year AS INTEGER))) AS dob_new_year,
        list_distinct(list_transform(
            list_filter(b.dob_parsed, lambda d: d.day IS NOT NULL AND NOT d.approximate
                                               AND d.day <= 12 AND d.day <> d.month),
            lambda d: printf('%04d-%02d-%02d', d.year, d.day, d.month))) AS dob_swapped,
        list_distinct(list_transform(
            list_filter(b.dob_parsed, lambda d: d.month IS NOT NULL AND NOT d.approximate
                                               AND NOT {NEW_YEAR}),
            lambda d: printf('%04d-%02d', d.year, d.month))) AS dob_month,
        list_distinct(list_transform(
            list_filter(b.dob_parsed, lambda d: d.day IS NOT NULL AND NOT d.approximate
                                               AND NOT {NEW_YEAR}),
            lambda d: printf('%02d-%02d', d.month, d.day))) AS dob_day_month,
        list_distinct(list_transform(b.dob_years_raw, lambda y: CAST(y AS INTEGER))) AS dob_years,
        -- (a year written `circa` is near the years two either side too: who writes it
        -- does not know the year to one)
        list_distinct(flatten(list_concat(
            list_transform(b.dob_years_raw,
                lambda y: [CAST(y AS INTEGER) - 1, CAST(y AS INTEGER) + 1]),
            list_transform(list_filter(b.dob_parsed, lambda d: d.approximate
                                       AND len(b.dob_years_raw) > 0),
                lambda d: [CAST(d.year AS INTEGER) - 2, CAST(d.year AS INTEGER) + 2]))))
            AS dob_near,
        len(list_filter(b.dob_parsed, lambda d: d.month IS NULL OR d.approximate
                                                OR {NEW_YEAR})) > 0 AS dob_partial,
        b.nationalities,
        b.countries,
        b.gender,
        b.legal_forms
    FROM parts b
    """


def _with_sovereigns(codes: str) -> str:
    """SQL of the list `codes` (distinct) with the states whose nationality the people of a
    territory among them hold (`countries.SOVEREIGN_OF`: Hong Kong is also China)."""
    states = " ".join(f"WHEN '{t}' THEN '{s}'" for t, s in sorted(SOVEREIGN_OF.items()))
    return (f"list_distinct(list_concat({codes}, list_filter(list_transform({codes}, "
            f"lambda c: CASE c {states} END), lambda c: c IS NOT NULL)))")


#: Macros the feature SQL uses; created once per connection.
MACROS = (
    # a word and the word with each one of its letters deleted: two words one typo apart
    # (a letter inserted, deleted, replaced or two swapped) share one of these
    """CREATE OR REPLACE MACRO _gm_deletions(t) AS
       list_prepend(t, list_transform(range(1, len(t) + 1),
                                      lambda i: left(t, i - 1) || substr(t, i + 1)))""",
    # every part with the first three letters of each other part: "a b[:3]", a typo in `b`
    # past its third letter still meets
    """CREATE OR REPLACE MACRO _gm_prefix_pairs(xs) AS
       flatten(list_transform(xs, lambda a:
           list_transform(list_filter(xs, lambda b: b <> a), lambda b: a || ' ' || b[1:3])))""",
    # the same with the last three letters: a typo in `b` before its last three still meets
    """CREATE OR REPLACE MACRO _gm_suffix_pairs(xs) AS
       flatten(list_transform(xs, lambda a:
           list_transform(list_filter(xs, lambda b: b <> a), lambda b: a || ' ' || b[-3:])))""",
    # the consonant skeleton of a variant key: what a name written without short vowels
    # (Arabic, Persian, Hebrew script) and its romanizations share. The key has already folded
    # every vowel to `a`; `i` and `v` also stand for the long vowels y and w of an abjad (Yusuf
    # is `iasaf`, its Arabic spelling `ivsf`) and are kept only as a first letter (Walid, Yasin).
    # The skeletons of names in an abjad are written to match (`normalize.abjad`).
    """CREATE OR REPLACE MACRO _gm_skeleton(t) AS
       replace(t[1], 'a', '') || replace(replace(replace(t[2:], 'a', ''), 'i', ''), 'v', '')""",
    # a romanized key token's skeletons: also without a first `i` or `u`, which may be a vowel
    # that an abjad writes with a letter of no consonant (Ibrahim `ibrhm`, ابراهيم `brhm`; Umar,
    # عمر `mr`) as well as y (Yusuf)
    """CREATE OR REPLACE MACRO _gm_romanized_skeletons(t) AS
       CASE WHEN t[1] IN ('i', 'u') AND len(t) > 1 THEN [_gm_skeleton(t), _gm_skeleton(t[2:])]
            ELSE [_gm_skeleton(t)] END""",
    # a word's skeleton in a name in an abjad, and that skeleton without the article joined to
    # it (Arabic ال: `القذافي` is `lkdf`, al-Qadhafi `kdf`)
    """CREATE OR REPLACE MACRO _gm_abjad_options(t) AS
       CASE WHEN len(t) >= 2 AND t[1] = 'l' THEN [t, t[2:]] ELSE [t] END""",
    # every sub-list of two elements or more of a list, in its order, joined by spaces: the
    # keys of the names a name's key contains (its parts are distinct and sorted)
    """CREATE OR REPLACE MACRO _gm_subsets(xs) AS
       list_transform(list_filter(range(3, 1 << len(xs)), lambda m: bit_count(m) >= 2),
           lambda m: array_to_string(list_filter(xs, lambda x, i: (m >> (i - 1)) & 1 = 1), ' '))""",
    # every unordered pair of distinct tokens of a list, as "a b" with a < b (repeated where
    # the list repeats a token: only blocking reads these)
    """CREATE OR REPLACE MACRO _gm_pairs(xs) AS
       flatten(list_transform(xs, lambda a:
           list_transform(list_filter(xs, lambda b: b > a), lambda b: a || ' ' || b)))""",
    # the same of a list already sorted and distinct (a key's parts), by position: no
    # comparisons (phonetic pairs in 0.13 s rather than 0.17 s on the SDN list). The list is
    # bound once (`[xs]`): a macro writes its argument out wherever the body names it, and the
    # phonetic keys' `list_sort(list_distinct(...))` was sorted again for each key (0.10 s for
    # the SDN list's phonetic pairs, 0.036 s bound)
    """CREATE OR REPLACE MACRO _gm_sorted_pairs(xs) AS
       flatten(list_transform([xs], lambda ys: flatten(list_transform(ys, lambda a, i:
           list_transform(ys[i + 1:], lambda b: a || ' ' || b)))))""",
)
