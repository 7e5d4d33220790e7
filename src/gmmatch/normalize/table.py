"""Normalize a whole canonical table at read time: names, keys, dates and countries per row.

Work is cached per distinct name, date text and country text, and every column is built as a
Python list and converted with one `pa.array` call, so a million records cost one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyarrow as pa

from gmmatch.normalize.columns import NORMALIZED_SCHEMA
from gmmatch.normalize.countries import country_code
from gmmatch.normalize.dates import PartialDate, parse_dob_report
from gmmatch.normalize.names import (
    KEY_STOPWORDS,
    parse_name,
    phonetic_key,
    token_keys,
    token_variant_key,
)
from gmmatch.normalize.orgs import parse_org_name

__all__ = ["Issue", "NameFeatures", "NormalizedTable", "name_features", "normalize_table"]

#: (row index, field, raw value, reason, action); action is "kept", "repaired" or "skipped".
Issue = tuple[int, str, str, str, str]

_WEAK_KINDS = frozenset({"weak"})


@dataclass(frozen=True, slots=True)
class NameFeatures:
    """Everything the linkage needs from one name string."""

    text: str
    tokens: tuple[str, ...]
    key: str | None
    token_keys: tuple[str, ...]
    phonetic_keys: tuple[str, ...]
    surname: str | None
    titles: tuple[str, ...]
    legal_forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NormalizedTable:
    """The normalized columns (in NORMALIZED_SCHEMA order) and the issues met."""

    columns: dict[str, pa.Array]
    issues: list[Issue]


@lru_cache(maxsize=524288)
def name_features(
    name: str,
    entity_type: str = "person",
    surname: str | None = None,
    given_names: str | None = None,
) -> NameFeatures:
    """Normalized text, tokens and keys of one name, person or organization."""
    if entity_type != "person":
        org = parse_org_name(name)
        tokens = tuple(dict.fromkeys(org.core))
        keys = tuple(dict.fromkeys(k for k in map(token_variant_key, tokens) if k))
        return NameFeatures(
            text=org.text,
            tokens=tokens,
            # a legal form alone never makes a key
            key=" ".join(sorted(keys)) or None,
            token_keys=keys,
            phonetic_keys=_phonetic(tokens),
            surname=None,
            titles=(),
            legal_forms=org.legal_forms,
        )
    parts = parse_name(name, surname, given_names)
    keys = token_keys(parts)
    tokens = tuple(dict.fromkeys(parts.tokens))
    return NameFeatures(
        text=parts.text,
        tokens=tokens,
        key=" ".join(sorted(keys)) or None,
        token_keys=keys,
        phonetic_keys=_phonetic(t for t in tokens if t not in KEY_STOPWORDS),
        surname=" ".join(parts.surname) or None,
        titles=parts.titles,
        legal_forms=(),
    )


def _phonetic(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code for code in map(phonetic_key, tokens) if code))


def _dob_struct(date: PartialDate) -> dict[str, Any]:
    return {
        "year": date.year,
        "month": date.month,
        "day": date.day,
        "approximate": date.approximate,
        "ambiguous": date.ambiguous,
    }


def _column(table: pa.Table, name: str, rows: int) -> list:
    if name in table.column_names:
        return table.column(name).to_pylist()
    return [None] * rows


def _distinct(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _pob_country(pob: str) -> str | None:
    # `Zvishavane, Zimbabwe`: the country, when there is one, is the last comma-separated part
    last = pob.rsplit(",", 1)[-1]
    return country_code(last) if last.strip() else None


def normalize_table(table: pa.Table) -> NormalizedTable:
    """Normalized columns for a canonical table (records.SCHEMA), and the issues met.

    Issues are `(row, field, raw value, reason, action)`: dates of birth that could not be
    read (`kept`: the raw value stays in `dob`) or were cut back (`repaired`), and nationality
    or country values that name no known country (`kept`).
    """
    rows = table.num_rows
    entity = _column(table, "entity_type", rows)
    primary = _column(table, "name", rows)
    surnames = _column(table, "surname", rows)
    givens = _column(table, "given_names", rows)
    aliases = _column(table, "aliases", rows)
    weak = _column(table, "weak_aliases", rows)
    names = _column(table, "names", rows)
    dobs = _column(table, "dob", rows)
    nationality = _column(table, "nationality", rows)
    citizenship = _column(table, "citizenship", rows)
    country = _column(table, "country", rows)
    pobs = _column(table, "pob", rows)

    out: dict[str, list] = {name: [] for name in NORMALIZED_SCHEMA.names}
    issues: list[Issue] = []
    for row in range(rows):
        kind = entity[row] or "person"
        strong: list[NameFeatures] = []
        weak_features: list[NameFeatures] = []
        if primary[row] or surnames[row] or givens[row]:
            strong.append(name_features(primary[row] or "", kind, surnames[row], givens[row]))
        for alias in aliases[row] or ():
            if alias:
                strong.append(name_features(alias, kind))
        for alias in weak[row] or ():
            if alias:
                weak_features.append(name_features(alias, kind))
        seen = None
        for entry in names[row] or ():
            text = entry.get("name") if entry else None
            if seen is None:
                seen = {primary[row], *(aliases[row] or ()), *(weak[row] or ())}
            if text and text not in seen:
                target = weak_features if entry.get("kind") in _WEAK_KINDS else strong
                target.append(name_features(text, kind))
        strong = [f for f in strong if f.text]
        first = strong[0] if strong else None
        out["name_norm"].append(first.text if first else None)
        out["surname_norm"].append(first.surname if first else None)
        if len(strong) == 1:
            # most rows: one name, whose features are already distinct tuples
            names_norm = [first.text]
            out["name_tokens"].append(list(first.tokens))
            out["name_keys"].append([first.key] if first.key else [])
            out["token_keys"].append(list(first.token_keys))
            out["phonetic_keys"].append(list(first.phonetic_keys))
            out["name_titles"].append(list(first.titles))
            out["legal_forms"].append(list(first.legal_forms))
        else:
            names_norm = _distinct(f.text for f in strong)
            out["name_tokens"].append(_distinct(t for f in strong for t in f.tokens))
            out["name_keys"].append(_distinct(f.key for f in strong))
            out["token_keys"].append(_distinct(k for f in strong for k in f.token_keys))
            out["phonetic_keys"].append(_distinct(k for f in strong for k in f.phonetic_keys))
            out["name_titles"].append(_distinct(t for f in strong for t in f.titles))
            out["legal_forms"].append(_distinct(t for f in strong for t in f.legal_forms))
        out["names_norm"].append(names_norm)
        out["weak_names_norm"].append(
            [t for t in _distinct(f.text for f in weak_features) if t not in names_norm]
            if weak_features else []
        )

        parsed: dict[PartialDate, None] = {}
        for raw in dobs[row] or ():
            result = parse_dob_report(raw)
            parsed.update(dict.fromkeys(result.dates))
            action = "repaired" if result.dates else "kept"
            issues.extend((row, "dob", str(raw), reason, action) for reason in result.issues)
        out["dob_parsed"].append([_dob_struct(d) for d in parsed])
        out["dob_years"].append(_distinct(d.year for d in parsed))

        out["nationality_codes"].append(
            _codes(row, "nationality", nationality[row], issues)
            + [c for c in _codes(row, "citizenship", citizenship[row], issues)
               if c not in (nationality[row] or ())]
        )
        # `country` already holds the address countries (docs/data-model.md)
        codes = _codes(row, "country", country[row], issues)
        codes += [c for c in (_pob_country(p) for p in pobs[row] or () if p) if c]
        out["country_codes"].append(_distinct(codes))
    out["nationality_codes"] = [_distinct(v) for v in out["nationality_codes"]]
    columns = {
        field.name: pa.array(out[field.name], type=field.type) for field in NORMALIZED_SCHEMA
    }
    return NormalizedTable(columns, issues)


def _codes(row: int, field: str, values: Sequence[str] | None, issues: list[Issue]) -> list[str]:
    codes = []
    for value in values or ():
        if not value:
            continue
        code = country_code(value)
        if code:
            codes.append(code)
        else:
            issues.append((row, field, value, "unknown country", "kept"))
    return codes
