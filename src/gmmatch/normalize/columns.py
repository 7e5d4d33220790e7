"""Arrow types of the normalized columns `normalize_table` appends to the canonical table."""

from __future__ import annotations

import pyarrow as pa

_STRINGS = pa.list_(pa.string())

#: One parsed date of birth (see `gmmatch.normalize.PartialDate`).
DOB_STRUCT = pa.struct(
    [
        ("year", pa.int16()),
        ("month", pa.int8()),
        ("day", pa.int8()),
        ("approximate", pa.bool_()),
        ("ambiguous", pa.bool_()),
    ]
)

#: The normalized columns, in order. Described one by one in docs/normalization.md.
NORMALIZED_SCHEMA = pa.schema(
    [
        pa.field("name_norm", pa.string()),
        pa.field("names_norm", _STRINGS),
        pa.field("weak_names_norm", _STRINGS),
        pa.field("surname_norm", pa.string()),
        pa.field("name_tokens", _STRINGS),
        pa.field("name_keys", _STRINGS),
        pa.field("abjad_skeletons", _STRINGS),
        pa.field("token_keys", _STRINGS),
        pa.field("phonetic_keys", _STRINGS),
        pa.field("name_titles", _STRINGS),
        pa.field("legal_forms", _STRINGS),
        pa.field("read_keys", _STRINGS),
        pa.field("read_sources", _STRINGS),
        pa.field("dob_parsed", pa.list_(DOB_STRUCT)),
        pa.field("dob_years", pa.list_(pa.int16())),
        pa.field("nationality_codes", _STRINGS),
        pa.field("country_codes", _STRINGS),
    ]
)

NORMALIZED_COLUMNS = tuple(NORMALIZED_SCHEMA.names)
