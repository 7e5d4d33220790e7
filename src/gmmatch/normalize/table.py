"""Normalize a whole canonical table at read time: names, keys, dates and countries per row.

Work is done once per distinct value, never per row: the rows are grouped by their name
fields, by their dates of birth and by their country fields, each distinct group is normalized
once, and the row columns are Arrow `take`s of the per-group columns. Under that, names are
cached per distinct name string and keys per distinct token, because tokens repeat far more
than names. A million records cost one pass over the input columns.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import repeat
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.compute as pc

from gmmatch.normalize._cache import short_text_cache
from gmmatch.normalize.abjad import abjad_skeletons
from gmmatch.normalize.columns import NORMALIZED_SCHEMA
from gmmatch.normalize.countries import country_code, country_codes_in, is_not_a_country
from gmmatch.normalize.dates import PartialDate, parse_dob_report
from gmmatch.normalize.names import (
    _CJK_SURNAMES,
    _TOKEN_CODES,
    EAST_SLAVIC_GIVEN_NAMES,
    EAST_SLAVIC_PATRONYMIC_KEYS,
    KEY_STOPWORDS,
    _cjk_variant_keys,
    _is_cjk_name,
    _joined_word_keys,
    _split_name,
    _token_codes,
    east_slavic_reading,
    french_as_english,
    german_as_english,
    holds_asides,
    joined_name_key,
    key_bearing,
    q_as_g,
    slavic_as_english,
    slavic_letters_as_english,
    spanish_as_english,
    split_asides,
    written_the_german_way,
    written_the_slavic_way,
    written_the_spanish_way,
)
from gmmatch.normalize.orgs import ORG_STOPWORDS, _split_org_name, org_key_tokens
from gmmatch.normalize.text import written_in_abjad

__all__ = ["Issue", "NameFeatures", "NormalizedTable", "name_features", "normalize_table"]

#: (row index, field, raw value, reason, action); action is "kept", "repaired" or "skipped".
Issue = tuple[int, str, str, str, str]

_WEAK_KINDS = frozenset({"weak"})
# Words that make a person's name need a closer look for its keys: connectors and initials
# (no key) and Chinese or Korean surnames (keys from syllables).
_KEY_SPECIAL = KEY_STOPWORDS | _CJK_SURNAMES | frozenset(string.ascii_lowercase)


class NameFeatures(NamedTuple):
    """Everything the linkage needs from one name string.

    A NamedTuple rather than a frozen dataclass: immutable and hashable all the same, and built
    several times faster, which counts at one per distinct name of a million-record table.
    """

    text: str
    tokens: tuple[str, ...]
    key: str | None
    token_keys: tuple[str, ...]
    phonetic_keys: tuple[str, ...]
    surname: str | None
    titles: tuple[str, ...]
    legal_forms: tuple[str, ...]
    #: written in a script without short vowels (Arabic, Persian, Hebrew...): its key is a
    #: consonant skeleton, met by romanized names only through `skeletons` (see linkage)
    abjad: bool = False
    #: a Chinese or Korean name's key as any other name's (without the voicing folds and the
    #: joined given syllables of `key`): a romanization the recognizer does not take for
    #: Chinese or Korean (Liou, Djun, Tchong) still meets the name through it. None otherwise.
    plain_key: str | None = None
    #: a name written in an abjad: its consonant skeletons (`abjad.abjad_skeletons`), which
    #: linkage compares with romanized names'. Empty otherwise.
    skeletons: tuple[str, ...] = ()
    #: a person's name with words joined by hyphens: its key with them written as one word
    #: (`names.joined_name_key`: ABDOLLAH-POUR as Abdollahpour). None otherwise.
    joined_key: str | None = None
    #: a person's name as French and German spell Russian and Arabic names: its key with a
    #: `ch` read as the `sh` French writes it for and a `c` before e, i, y as `s`
    #: (`names.french_as_english`: Choïgou as Shoigu, Hocine as Hosine), and,
    #: when it is written the German way, with `ch`, `j` and an `s` between vowels read as
    #: `kh`, `y` and `z` (`names.german_as_english`: Michail, Jurij, Tschemesow; a `sch` also
    #: as ж), when written with Slavic letters or Polish `sz`, `cz`, with them read as English
    #: writes them (`names.slavic_as_english`: Prigožin, Szojgu), and when written with
    #: Spanish accents, with `j` read as `kh` (`names.spanish_as_english`: Mijaíl), where they
    #: differ from `key`. Only names people write (`normalize_table(..., asides=True)`) keep
    #: them, with their words' keys: official lists write English transliterations, where `ch`
    #: is ч (Puchkov is not Pushkov).
    read_keys: tuple[str, ...] = ()
    #: a person's name of two words or more: its key with all its words written as one, in the
    #: order given (`names.unspaced_name_key`: Mohammad Reza as Mohammadreza, Bahawa lKhan as
    #: Bahawal Khan). None otherwise.
    unspaced_key: str | None = None
    #: a person's name with a `q` (Arabic ق): its key with the `q` read as the `g` that Gulf,
    #: Iraqi, Sudanese and Libyan writers write for it, and Persian ones `gh`
    #: (`names.q_as_g`: Qadhafi as Gaddafi, Qasem as Ghasem), where it differs from `key`.
    #: Official lists keep it too: either side may write the `q`. A whole name's key only, its
    #: words' keys left out of `token_keys`: a word's reading is no other word of the name,
    #: which "every part similar" would ask the other side to hold too (*Haqqanin*'s reading
    #: is *Haghanian*, a listed name). None otherwise.
    qaf_key: str | None = None
    #: the words `read_keys` read otherwise, as `"read source"`: each key part a reading made
    #: that is none of the name's own, with the part it was read from. Linkage gives a read part
    #: the rarity of its source when that is higher (a reading never makes a name rarer: read
    #: as Belarusian writes it, *Vladimirovna* is the rare *Uladzimirawna*).
    read_sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NormalizedTable:
    """The normalized columns (in NORMALIZED_SCHEMA order) and the issues met."""

    columns: dict[str, pa.Array]
    issues: list[Issue]


@short_text_cache(524288)
def name_features(
    name: str,
    entity_type: str = "person",
    surname: str | None = None,
    given_names: str | None = None,
) -> NameFeatures:
    """Normalized text, tokens and keys of one name, person or organization.

    Connecting words, particles and (organizations) single letters make no keys; see
    `names.KEY_STOPWORDS` and `orgs.ORG_STOPWORDS`.
    """
    # Uncached parsers: this cache (or the one normalize_table keeps for the duration of one
    # call, around `_name_features`) holds whole names; keys are cached per token. One
    # function for the common work: at ~20 us a name, each Python call costs ~0.3 us.
    if entity_type != "person":
        core, legal_forms = _split_org_name(name)
        tokens = core
        text = " ".join(core + legal_forms) if legal_forms else " ".join(core)
        # connecting words make no keys, unless the name is nothing else (org_key_tokens)
        key_tokens = core if ORG_STOPWORDS.isdisjoint(core) else org_key_tokens(core)
        surname_text, titles, cjk = None, (), False
    else:
        given, surname_tokens, titles = _split_name(name, surname, given_names)
        tokens = given + surname_tokens
        text = " ".join(tokens)
        surname_text, legal_forms = " ".join(surname_tokens) or None, ()
        if _KEY_SPECIAL.isdisjoint(tokens):  # most names: no connector, no CJK surname
            key_tokens, cjk = tokens, False
        else:
            # connectors make no keys, unless the name is nothing else
            key_tokens = key_bearing(tokens)
            cjk = not _CJK_SURNAMES.isdisjoint(key_tokens) and _is_cjk_name(key_tokens)
    variants: list[str] = []
    phonetic: list[str] = []
    for token in key_tokens:
        variant, code = _TOKEN_CODES.get(token) or _token_codes(token)
        # a name has a few tokens: `not in` a short list is faster than a dict; a variant key
        # is never empty (a phonetic code is when a token has letters and digits)
        if variant not in variants:
            variants.append(variant)
        if code and code not in phonetic:
            phonetic.append(code)
    # as many distinct keys as tokens: the tokens are distinct (a dict costs more than a name's
    # other containers together)
    if len(variants) != len(tokens):
        tokens = tuple(dict.fromkeys(tokens))
    key_parts, plain_key = variants, None
    if cjk:
        # a Chinese or Korean name: variant keys from its syllables (names._cjk_variant_keys),
        # and its plain keys too (see NameFeatures.plain_key)
        key_parts = list(dict.fromkeys(filter(None, _cjk_variant_keys(key_tokens,
                                                                      surname_tokens))))
        plain_key = " ".join(sorted(variants))
        variants = key_parts + [v for v in variants if v not in key_parts]
    # (a Chinese or Korean name keeps ch, sh and j apart: Chen, Shen; Jin, Yin)
    person_keys = entity_type == "person" and not cjk
    read_keys, read_sources = (
        _read_keys(key_tokens, variants, text, name, surname, given_names)
        if person_keys else ((), ()))
    qaf_key = _reading_key(q_as_g, key_tokens, variants) if person_keys and "q" in text else None
    keys = tuple(variants)
    abjad = written_in_abjad(name)
    # (a name in an abjad is keyed by its consonant skeletons, part by part)
    unspaced = _joined_word_keys(variants) if person_keys and not abjad else None
    # NameFeatures(...) in field order, without the named tuple's generated Python __new__
    return tuple.__new__(NameFeatures, (
        text,
        tokens,
        " ".join(sorted(key_parts)) or None,  # key: a legal form alone never makes one
        keys,  # token_keys
        tuple(phonetic),  # phonetic_keys
        surname_text,  # surname
        titles,
        legal_forms,
        abjad,
        plain_key,
        tuple(abjad_skeletons(name)) if abjad else (),
        joined_name_key(name, key_tokens) if person_keys else None,
        read_keys,
        unspaced,
        qaf_key,
        read_sources,
    ))


def _slavic_tokens(written: tuple[str | None, ...]) -> list[str] | None:
    """The key-bearing tokens of a person's name (its fields as `written`: name, surname,
    given names) read with its Slavic letters written as English writes them
    (`slavic_letters_as_english`: Prigožin as Prigozhin; Michail, Chodorkovskij with the
    `kh` of х), or None when it has none."""
    read = [slavic_letters_as_english(text) if text else None for text in written]
    if not any(read):
        return None
    given, surname_tokens, _ = _split_name(
        *(r or text for r, text in zip(read, written, strict=True)))
    return key_bearing(given + surname_tokens)


def _read_keys(tokens: Sequence[str], variants: list[str], text: str,
               *written: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys of a person's name (`tokens`, whose variant keys are `variants`) as French and
    (when the name is written so) German, Slavic and Spanish spellings read, and with a
    Ukrainian, Belarusian or Russian given name or patronymic as each of the three writes it
    (*Mykola*, *Mikalai*, *Nikolai*: `east_slavic_reading`); `written` are the
    name's fields as written (name, surname, given names), which tell the Slavic letters and
    the Spanish accents that folding drops. With them, the parts they read otherwise
    (`NameFeatures.read_sources`)."""
    # (French ch, soft c and ou: most names have none to read)
    readings = [(french_as_english, tokens)] if "c" in text or "ou" in text else []
    if written_the_german_way(text):
        # (one more key for each word with an s: its s read as z in that word alone)
        readings += [(german_as_english, tokens),
                     *((partial(_german_s_as_z_in, word), tokens) for word in tokens
                       if "s" in word)]
        if "sch" in text:  # (ш or ж)
            readings.append((partial(german_as_english, sch_as_zh=True), tokens))
    marked = [w for w in written if w and not w.isascii()]  # (most names: none)
    slavic_tokens = _slavic_tokens(written) if marked else None
    if slavic_tokens:  # (its ch read as kh before its č became ch; its c as written)
        readings.append((partial(slavic_as_english, read_c=False), slavic_tokens))
    elif any(written_the_slavic_way(w) for w in (text, *marked)):
        readings.append((slavic_as_english, tokens))
    if any(written_the_spanish_way(w) for w in marked):
        readings.append((spanish_as_english, tokens))
    if (not EAST_SLAVIC_GIVEN_NAMES.isdisjoint(tokens)  # (Mykola, Nikolai, Mikalai)
            or not EAST_SLAVIC_PATRONYMIC_KEYS.isdisjoint(variants)):  # (Mykolaiovych)
        readings += [(partial(east_slavic_reading, language=language), tokens)
                     for language in ("russian", "ukrainian", "belarusian")]
    if not readings:  # most names
        return (), ()
    keys: list[str] = []
    sources: dict[str, None] = {}
    for reading, read_tokens in readings:
        if (key := _reading_key(reading, read_tokens, variants, sources)) and key not in keys:
            keys.append(key)
    return tuple(keys), tuple(sources)


def _german_s_as_z_in(word: str, token: str) -> str | None:
    """`german_as_english` of `token`, with `s_as_z` when it is `word`."""
    return german_as_english(token, s_as_z=token == word)


def _reading_key(reading: Callable[[str], str | None], tokens: Sequence[str],
                 variants: list[str], sources: dict[str, None] | None = None) -> str | None:
    """The key of a name's `tokens` each read by `reading` (None where it leaves a token as it
    is), or None when it is the name's own (`variants`: its tokens' variant keys). `sources`
    gets `"part source"` for each part of the key that is not the name's own."""
    parts: dict[str, None] = {}
    for token in tokens:
        read = reading(token)
        part = (_TOKEN_CODES.get(read or token) or _token_codes(read or token))[0]
        parts[part] = None
        if read and sources is not None and part not in variants:
            sources[f"{part} {(_TOKEN_CODES.get(token) or _token_codes(token))[0]}"] = None
    key_parts = list(parts)
    return " ".join(sorted(key_parts)) if key_parts != variants else None


#: `name_features` without its cache, for callers that keep their own (normalize_table).
_name_features = name_features.__wrapped__


def _dob_struct(date: PartialDate) -> dict[str, Any]:
    return {
        "year": date.year,
        "month": date.month,
        "day": date.day,
        "approximate": date.approximate,
        "ambiguous": date.ambiguous,
    }


def _distinct(values: Iterable[Any]) -> list:
    return list(dict.fromkeys(v for v in values if v))


def _pob_country(pob: str) -> str | None:
    # `Zvishavane, Zimbabwe`: the country, when there is one, is the last comma-separated part
    last = pob.rsplit(",", 1)[-1]
    return country_code(last) if last.strip() else None


#: Rows normalized at a time: bounds the Python objects alive at once (a million rows would
#: otherwise hold a million lists per output column before they become Arrow arrays).
BATCH_ROWS = 65536
#: Distinct names remembered across batches (an alias shared by many records, a common name).
NAME_CACHE = 131072


def name_feature_cache(size: int = NAME_CACHE) -> Callable[..., NameFeatures]:
    """`name_features` with a cache of its own of `size` names: for a caller normalizing one
    input in chunks (`normalize_table(..., names=)`), so that a name met again in a later chunk
    is not normalized again, and so that the cache goes with the input (a million distinct
    names must not stay in memory after it). A name's features take about 1 KB."""
    return lru_cache(maxsize=size)(_name_features)


def normalize_table(table: pa.Table, *, asides: bool = False,
                    names: Callable[..., NameFeatures] | None = None) -> NormalizedTable:
    """Normalized columns for a canonical table (records.SCHEMA), and the issues met.

    `asides`: a name field may hold more than one name, as recommendation lists write them
    (`A a.k.a. B`, `Xinjiang Production and Construction Corps (XPCC)`: `names.split_asides`).
    Not for official lists, whose readers give each name its own field and whose brackets
    belong to the name (`IMAM KHOMEINI RELIEF COMMITTEE (LEBANON BRANCH)` is not the committee).

    Issues are `(row, field, raw value, reason, action)`: dates of birth that could not be
    read (`kept`: the raw value stays in `dob`) or were cut back (`repaired`), and nationality
    or country values that name no known country (`kept`). Values that mean "no country"
    (`undetermined`, `None Identified`) give no code and no issue.
    """
    features = names or name_feature_cache()
    parts: dict[str, list[pa.Array]] = {name: [] for name in NORMALIZED_SCHEMA.names}
    issues: list[Issue] = []
    for start in range(0, table.num_rows, BATCH_ROWS):
        batch = table.slice(start, BATCH_ROWS)
        columns = _normalize_batch(batch, start, features, issues, asides)
        for name, column in columns.items():
            parts[name].append(column)
    columns = {field.name: _joined(parts[field.name], field.type) for field in NORMALIZED_SCHEMA}
    return NormalizedTable(columns, issues)


def _joined(parts: list[pa.Array], kind: pa.DataType) -> pa.Array:
    # one batch (a RecordSet is normalized chunk by chunk): the array itself, not a copy
    if len(parts) == 1:
        return parts[0]
    return pa.concat_arrays(parts) if parts else pa.array([], kind)


def _normalize_batch(
    batch: pa.Table, first_row: int, features, issues: list[Issue], asides: bool = False
) -> dict[str, pa.Array]:
    rows = batch.num_rows
    # Rows are grouped by everything each output depends on; each distinct group is normalized
    # once and the row columns are `take`s. Names, dates and countries group separately: two
    # records with different names often share their dates or countries.
    name_rows, name_groups = _group(
        _scalars(batch, "entity_type"), _scalars(batch, "name"), _scalars(batch, "surname"),
        _scalars(batch, "given_names"), _lists(batch, "aliases"), _lists(batch, "weak_aliases"),
        _lists(batch, "names", ("name", "kind")),
    )
    # (an age in a date of birth counts from the recommendation's date)
    dob_rows, dob_groups = _group(_lists(batch, "dob"), _scalars(batch, "recommended_on"))
    country_rows, country_groups = _group(
        _lists(batch, "nationality"), _lists(batch, "citizenship"), _lists(batch, "country"),
        _lists(batch, "pob"),
    )
    named = [_names(features, asides, *group) for group in name_groups]
    dated = [_dobs(*group) for group in dob_groups]
    placed = [_countries(*group) for group in country_groups]

    values = dict(zip(_NAME_COLUMNS, zip(*named, strict=True), strict=True)) if named else {}
    values["dob_parsed"] = [d[0] for d in dated]
    values["dob_years"] = [d[1] for d in dated]
    values["nationality_codes"] = [c[0] for c in placed]
    values["country_codes"] = [c[1] for c in placed]
    group_rows = dict.fromkeys(_NAME_COLUMNS, name_rows)
    group_rows.update(dob_parsed=dob_rows, dob_years=dob_rows, nationality_codes=country_rows,
                      country_codes=country_rows)
    columns = {}
    for field in NORMALIZED_SCHEMA:
        column = pa.array(values.get(field.name, []), type=field.type)
        if len(column) != rows:  # some rows share a group
            column = column.take(pa.array(group_rows[field.name], pa.int64()))
        columns[field.name] = column

    # issues in row order, a row's dates before its countries (as a reader reports them)
    found: list[Issue] = []
    for row_groups, results in ((dob_rows, dated), (country_rows, placed)):
        if any(result[2] for result in results):
            for row, group in enumerate(row_groups):
                found.extend((first_row + row, *issue) for issue in results[group][2])
    found.sort(key=lambda issue: issue[0])  # stable: dates stay before countries
    issues.extend(found)
    return columns


_NAME_COLUMNS = ("name_norm", "names_norm", "weak_names_norm", "surname_norm", "name_tokens",
                 "name_keys", "abjad_skeletons", "token_keys", "phonetic_keys", "name_titles",
                 "legal_forms", "read_keys", "read_sources")


def _group(*columns: Iterable) -> tuple[list[int], list[tuple]]:
    """For each row, the index of its distinct value tuple; and the distinct tuples in order."""
    index: dict[tuple, int] = {}
    rows = [index.setdefault(key, len(index)) for key in zip(*columns, strict=True)]
    return rows, list(index)


def _scalars(batch: pa.Table, name: str) -> Iterable[Any]:
    if name not in batch.column_names:
        return repeat(None, batch.num_rows)
    return batch.column(name).to_pylist()


def _lists(batch: pa.Table, name: str, fields: tuple[str, ...] = ()) -> Iterable[tuple]:
    """A list column as one tuple per row (hashable, for grouping); struct items as tuples of
    `fields`. A column with no items at all costs nothing per row."""
    if name not in batch.column_names:
        return repeat((), batch.num_rows)
    column = batch.column(name)
    flat = pc.list_flatten(column)
    if len(flat) == 0:
        return repeat((), batch.num_rows)
    if fields:
        items = list(zip(*(pc.struct_field(flat, f).to_pylist() for f in fields), strict=True))
    else:
        items = flat.to_pylist()
    out: list[tuple] = []
    end = 0
    for length in pc.list_value_length(column).fill_null(0).to_pylist():
        start, end = end, end + length
        out.append(tuple(items[start:end]) if length else ())
    return out


def _read_asides(primary: str | None, aliases: Sequence[str], has_parts: bool,
                 ) -> tuple[str | None, list[str], list[str]]:
    """(primary, aliases, weak names) once the asides of the name fields are read
    (`names.split_asides`): `A a.k.a. B` is the names A and B, `Corps (XPCC)` the name Corps
    and the weak name XPCC. A primary name given in parts (`has_parts`) stays as it is."""
    split = [split_asides(text) if text else ([text], []) for text in (primary, *aliases)]
    weak = [name for _, weak_names in split for name in weak_names]
    if has_parts or not primary:
        return primary, [name for names, _ in split[1:] for name in names], weak
    texts = [name for names, _ in split for name in names]
    return texts[0], texts[1:], weak


def _name_keys(f: NameFeatures) -> tuple[str | None, ...]:
    """Every key of one name (None where it has no such reading): `name_keys` holds them."""
    return (f.key, f.plain_key, f.joined_key, *f.read_keys, f.unspaced_key, f.qaf_key)


def _names(features, asides, kind, primary, surname, given, aliases, weak, entries) -> tuple:
    """The name columns of one record (see _NAME_COLUMNS), from its name fields."""
    kind = kind or "person"
    weak_texts: list[str] = []
    written = {primary, *aliases, *weak}  # (the derived `names` entries repeat these)
    if asides and any(holds_asides(text) for text in (primary, *aliases) if text):
        primary, aliases, weak_texts = _read_asides(primary, aliases, bool(surname or given))
    strong: list[NameFeatures] = []
    if primary or surname or given:
        strong.append(features(primary or "", kind, surname, given))
    strong += [features(alias, kind) for alias in aliases if alias]
    # (an aside of a legal form alone, `(LLC)`, is no name)
    weak_features = [f for f in (features(text, kind) for text in weak_texts) if f.tokens]
    weak_features += [features(alias, kind) for alias in weak if alias]
    if entries:
        for text, entry_kind in entries:
            if text and text not in written:
                target = weak_features if entry_kind in _WEAK_KINDS else strong
                target.append(features(text, kind))
    strong = [f for f in strong if f.text]
    if not asides:  # an official list's names: no other languages' readings
        strong = [f._replace(read_keys=(), read_sources=()) if f.read_keys else f
                  for f in strong]
    if len(strong) == 1 and not weak_features:
        # most records: one name, whose features are already distinct tuples
        f = strong[0]
        keys = [k for k in _name_keys(f) if k]
        return (f.text, [f.text], [], f.surname, list(f.tokens),
                keys if len(keys) < 2 else _distinct(keys),
                list(f.skeletons),
                list(f.token_keys) if not f.read_keys
                else _distinct([*f.token_keys, *(t for k in f.read_keys for t in k.split())]),
                list(f.phonetic_keys), list(f.titles), list(f.legal_forms), list(f.read_keys),
                list(f.read_sources))
    first = strong[0] if strong else None
    names_norm = _distinct(f.text for f in strong)
    return (
        first.text if first else None,
        names_norm,
        [t for t in _distinct(f.text for f in weak_features) if t not in names_norm],
        first.surname if first else None,
        _distinct(t for f in strong for t in f.tokens),
        _distinct(k for f in strong for k in _name_keys(f)),
        _distinct(s for f in strong for s in f.skeletons),
        _distinct(k for f in strong
                  for k in (*f.token_keys, *(t for k in f.read_keys for t in k.split()))),
        _distinct(k for f in strong for k in f.phonetic_keys),
        _distinct(t for f in strong for t in f.titles),
        _distinct(t for f in strong for t in f.legal_forms),
        _distinct(k for f in strong for k in f.read_keys),
        _distinct(k for f in strong for k in f.read_sources),
    )


def _dobs(values: tuple, recommended_on: str | None) -> tuple[list, list, list]:
    """(dob_parsed, dob_years, issues without the row) of one record's `dob` values."""
    parsed: dict[PartialDate, None] = {}
    issues = []
    for raw in values:
        result = parse_dob_report(raw, as_of=recommended_on)
        parsed.update(dict.fromkeys(result.dates))
        action = "repaired" if result.dates else "kept"
        issues += [("dob", str(raw), reason, action) for reason in result.issues]
    return [_dob_struct(d) for d in parsed], _distinct(d.year for d in parsed), issues


def _countries(nationality, citizenship, country, pob) -> tuple[list, list, list]:
    """(nationality_codes, country_codes, issues without the row) of one record."""
    issues: list[tuple] = []
    nationality_codes = _codes("nationality", nationality, issues)
    nationality_codes += _codes("citizenship", citizenship, issues)
    # `country` already holds the address countries (docs/data-model.md)
    codes = _codes("country", country, issues)
    codes += [c for c in (_pob_country(p) for p in pob if p) if c]
    return _distinct(nationality_codes), _distinct(codes), issues


def _codes(field: str, values: Sequence[str], issues: list[tuple]) -> list[str]:
    codes = []
    for value in values:
        if not value:
            continue
        found = country_codes_in(value)
        if found:
            codes += found
        elif not is_not_a_country(value):
            issues.append((field, value, "unknown country", "kept"))
    return codes
