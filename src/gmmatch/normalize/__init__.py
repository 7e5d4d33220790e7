"""Normalizers for names, organization names, dates of birth and countries.

Public, documented and stable (docs/normalization.md explains each design choice). Small
modules of pure functions, no I/O, nothing imported from readers or records:

Text (`text`)
    `fold_text(text) -> str`: any script to lowercase ASCII words. `ascii_fold(text) -> str`:
    transliteration only. `tokenize(text) -> list[str]`. `written_in_abjad(text) -> bool`
    (Arabic, Persian, Hebrew... script: transliterated without short vowels).
Names in an abjad (`abjad`)
    `abjad_skeletons(name) -> list[str]`: the consonant skeletons of a name written in Arabic,
    Persian, Urdu, Pashto or Hebrew script, comparable with romanized names' keys.
Person names (`names`)
    `parse_name(name, surname=None, given_names=None, *, comma_order=True) -> NameParts`:
    `SURNAME, Given` order, UN-style parts, titles stripped (kept in `.titles`), particles
    canonical. `strip_titles(name) -> (rest, titles)`. `normalize_name(name) -> str`.
    `name_tokens(name) -> list[str]`. `token_variant_key(token, cjk=False) -> str`.
    `token_keys(name) -> tuple[str, ...]`. `name_key(name) -> str` (order-independent).
    `plain_name_key(name) -> str | None` (a Chinese or Korean name's key without CJK folds).
    `joined_name_key(name, tokens=None) -> str | None` (the key with hyphenated words joined).
    `unspaced_name_key(tokens) -> str | None` (the key with all the words written as one).
    `ch_as_sh(token) -> str | None` (a word's `ch` read as the `sh` French writes it for);
    `french_as_english(token) -> str | None` (that, a `c` before e, i, y read as `s`, and an
    `ou` before a vowel as `w`).
    `german_as_english(token, *, s_as_z=False, sch_as_zh=False, first_s=False) -> str | None`
    (a word's `ch`, `j`, `s` between vowels and `z` read as the `kh`, `y`, `z` and `ts`
    German writes them for; with `s_as_z`, an `s` beginning the word or before a voiced
    consonant as `z` too (`first_s`, the older keyword: a first `s` alone); with `sch_as_zh`,
    a `sch` as the `zh` of ж);
    `written_the_german_way(text) -> bool` (a name has a spelling only
    German writes). `slavic_letters_as_english(text) -> str | None` (a name as written with
    its č, š, ž, ż and đ written `ch`, `sh`, `zh`, `dj`); `slavic_as_english(token, *,
    read_c=True) -> str | None` (a word's `sz`, `cz` and `j` read as the `sh`, `ch` and `y`
    Polish, Czech and the other Slavic languages written in Latin write them for; with
    `read_c`, `ch` and `c` as the `kh` and `ts` of х and ц too); `written_the_slavic_way(text)
    -> bool` (a name has Polish `sz`, `cz`, or a `c` ending a Russian name).
    `spanish_as_english(token) -> str | None` (a word's `j` read as the `kh` Spanish writes it
    for); `written_the_spanish_way(text) ->
    bool` (a name as written has Spanish accents). `q_as_g(token) -> str | None` (a word's
    `q` read as the `g` or `gh` others write for Arabic ق: every person's name, either side).
    `east_slavic_reading(token, language) -> str | None` (a Ukrainian, Belarusian or Russian
    given name as `"russian"`, `"ukrainian"` or `"belarusian"` writes it: *Mykola*, *Mikalai*,
    *Nikolai*, and a patronymic, *Mykolaiovych* as *Nikolayevich*; `EAST_SLAVIC_GIVEN_NAMES`,
    the written given names it reads, `EAST_SLAVIC_PATRONYMIC_KEYS` the patronymics' keys).
    `split_asides(name) -> (names, weak names)`: what one name field of a recommendation list
    holds (`A a.k.a. B`; `Corps (XPCC)`).
    `phonetic_key(token) -> str` (Metaphone).
Organization names (`orgs`)
    `parse_org_name(name) -> OrgName` (core words + canonical legal forms). `org_core(name)`.
Dates of birth (`dates`)
    `parse_dob(value, *, as_of=None) -> list[PartialDate]`; `parse_dob_report(value, *,
    as_of=None) -> DobParse` (dates and the reasons for repairs or unread parts); an age is
    read as years of birth counted from `as_of`. Never raise. `date_window(value)`: the first
    and last day a date as written can mean.
Countries (`countries`)
    `country_code(text) -> str | None` (ISO 3166-1 alpha-2; None for a value naming several),
    `country_codes_in(text) -> list[str]` (`Russia/Israel`: both), `country_codes(values)`.
    `SOVEREIGN_OF` (a territory's code -> the state whose nationality its people hold: HK ->
    CN; the linkage's features add those states).
Whole tables (`table`, `columns`)
    `normalize_table(table) -> NormalizedTable` (`.columns`: dict of Arrow arrays in
    `NORMALIZED_SCHEMA`; `.issues`: `(row, field, raw, reason, action)` tuples).
    `name_features(name, entity_type="person", surname=None, given_names=None)`.
"""

from gmmatch.normalize.abjad import abjad_skeletons
from gmmatch.normalize.columns import DOB_STRUCT, NORMALIZED_COLUMNS, NORMALIZED_SCHEMA
from gmmatch.normalize.countries import (
    SOVEREIGN_OF,
    country_code,
    country_codes,
    country_codes_in,
)
from gmmatch.normalize.dates import (
    DobParse,
    PartialDate,
    date_window,
    parse_dob,
    parse_dob_report,
)
from gmmatch.normalize.names import (
    EAST_SLAVIC_GIVEN_NAMES,
    EAST_SLAVIC_PATRONYMIC_KEYS,
    NameParts,
    ch_as_sh,
    east_slavic_reading,
    french_as_english,
    german_as_english,
    joined_name_key,
    name_key,
    name_tokens,
    normalize_name,
    parse_name,
    phonetic_key,
    plain_name_key,
    q_as_g,
    slavic_as_english,
    slavic_letters_as_english,
    spanish_as_english,
    split_asides,
    strip_titles,
    token_keys,
    token_variant_key,
    unspaced_name_key,
    written_the_german_way,
    written_the_slavic_way,
    written_the_spanish_way,
)
from gmmatch.normalize.orgs import OrgName, org_core, parse_org_name
from gmmatch.normalize.table import (
    Issue,
    NameFeatures,
    NormalizedTable,
    name_features,
    normalize_table,
)
from gmmatch.normalize.text import ascii_fold, fold_text, tokenize, written_in_abjad

__all__ = [
    "DOB_STRUCT",
    "EAST_SLAVIC_GIVEN_NAMES",
    "EAST_SLAVIC_PATRONYMIC_KEYS",
    "NORMALIZED_COLUMNS",
    "NORMALIZED_SCHEMA",
    "SOVEREIGN_OF",
    "DobParse",
    "Issue",
    "NameFeatures",
    "NameParts",
    "NormalizedTable",
    "OrgName",
    "PartialDate",
    "abjad_skeletons",
    "ascii_fold",
    "ch_as_sh",
    "country_code",
    "country_codes",
    "country_codes_in",
    "date_window",
    "east_slavic_reading",
    "fold_text",
    "french_as_english",
    "german_as_english",
    "joined_name_key",
    "name_features",
    "name_key",
    "name_tokens",
    "normalize_name",
    "normalize_table",
    "org_core",
    "parse_dob",
    "parse_dob_report",
    "parse_name",
    "parse_org_name",
    "phonetic_key",
    "plain_name_key",
    "q_as_g",
    "slavic_as_english",
    "slavic_letters_as_english",
    "spanish_as_english",
    "split_asides",
    "strip_titles",
    "token_keys",
    "token_variant_key",
    "tokenize",
    "unspaced_name_key",
    "written_in_abjad",
    "written_the_german_way",
    "written_the_slavic_way",
    "written_the_spanish_way",
]
