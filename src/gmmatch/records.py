"""The canonical record table every reader returns, and the problems met while reading.

One row per list entry or recommended person, whatever the source format. The columns named in
the API contract (`id`, `name`, `aliases`, `dob`, ...) keep the values as the source wrote them;
richer columns (alias kinds, documents, addresses) keep what a reviewer needs to check a match.
The full description of each column is in docs/data-model.md.
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

import pyarrow as pa

from gmmatch.normalize import normalize_table

F = TypeVar("F", bound=Callable[..., Any])

ENTITY_TYPES = ("person", "organization", "vessel", "aircraft")

# Kinds of name in `names`: the primary name, OFAC's a.k.a. / f.k.a. / n.k.a., weak aliases
# (OFAC's single-quoted a.k.a.s, UN quality "Low"), and names in their original script.
NAME_KINDS = ("primary", "aka", "fka", "nka", "weak", "original_script")

_NAME = pa.struct([("name", pa.string()), ("kind", pa.string()), ("note", pa.string())])
_DOCUMENT = pa.struct(
    [
        ("type", pa.string()),
        ("number", pa.string()),
        ("country", pa.string()),
        ("note", pa.string()),
    ]
)
_ADDRESS = pa.struct(
    [
        ("street", pa.string()),
        ("city", pa.string()),
        ("country", pa.string()),
        ("note", pa.string()),
    ]
)
_STRINGS = pa.list_(pa.string())

#: The canonical schema. Multi-valued fields are lists; absent values are null (scalars) or
#: empty lists (lists), never the empty string.
SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("entity_type", pa.string(), nullable=False),
        pa.field("name", pa.string()),
        pa.field("surname", pa.string()),
        pa.field("given_names", pa.string()),
        pa.field("aliases", _STRINGS),
        pa.field("weak_aliases", _STRINGS),
        pa.field("names", pa.list_(_NAME)),
        pa.field("dob", _STRINGS),
        pa.field("pob", _STRINGS),
        pa.field("nationality", _STRINGS),
        pa.field("citizenship", _STRINGS),
        pa.field("country", _STRINGS),
        pa.field("gender", pa.string()),
        pa.field("titles", _STRINGS),
        pa.field("programs", _STRINGS),
        pa.field("documents", pa.list_(_DOCUMENT)),
        pa.field("addresses", pa.list_(_ADDRESS)),
        pa.field("linked_to", _STRINGS),
        pa.field("listed_on", pa.string()),
        pa.field("recommended_on", pa.string()),
        pa.field("source_org", pa.string()),
        pa.field("remarks", pa.string()),
        pa.field("raw", pa.string()),
    ]
)

LIST_FIELDS = frozenset(f.name for f in SCHEMA if pa.types.is_list(f.type))


@dataclass(frozen=True)
class Problem:
    """Something a reader skipped, repaired or could not parse.

    `location` is where it was met: `file:line` for text files, `file:row N` for tables,
    `file:/path/in/xml` for XML; `record_id` the entry it belongs to when known.
    `action` says what the reader did: `skipped` (row or value left out), `kept` (value kept as
    written but not understood), `repaired` (value corrected, the raw value is in `value`).
    """

    location: str
    field: str
    value: str
    reason: str
    action: str = "kept"
    record_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.location} (record {self.record_id})" if self.record_id else self.location
        return f"{where}: {self.field}={self.value!r}: {self.reason} [{self.action}]"


class ReadError(ValueError):
    """A structural fault in an input: unreadable file, wrong format, missing column.

    With `strict=True`, also the first row-level problem. The message names the file, the line
    or record, and what was expected.
    """

    def __init__(self, message: str, *, problem: Problem | None = None):
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class Source:
    """Where a RecordSet came from."""

    path: str | None
    list_name: str
    format: str
    list_date: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


class ProblemLog:
    """Collects problems for one read; raises on the first one when strict."""

    def __init__(self, strict: bool = False):
        self.strict = strict
        self.problems: list[Problem] = []

    def add(
        self,
        location: str,
        field: str,
        value: object,
        reason: str,
        *,
        action: str = "kept",
        record_id: str | None = None,
    ) -> None:
        problem = Problem(location, field, _text(value), reason, action, record_id)
        if self.strict:
            raise ReadError(f"strict read: {problem}", problem=problem)
        self.problems.append(problem)


def _text(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 500 else text[:500] + "..."


class RecordSet:
    """What every reader returns: the canonical table, what was skipped, and the source."""

    def __init__(self, table: pa.Table, problems: list[Problem], source: Source):
        self.table = table
        self.problems = problems
        self.source = source
        self._derived: dict[Hashable, Any] = {}

    def derived(self, key: Hashable, compute: Callable[[pa.Table], Any]) -> Any:
        """Something computed from the table once and kept, e.g. the features linkage needs:
        a list linked many times is prepared once. `key` names what and how."""
        if key not in self._derived:
            self._derived[key] = compute(self.table)
        return self._derived[key]

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[Mapping[str, Any]],
        problems: list[Problem] | ProblemLog,
        source: Source,
        *,
        locations: list[str] | None = None,
    ) -> RecordSet:
        """Build from dicts keyed by canonical field names, normalized once, here.

        Missing fields become empty. The normalized columns of `gmmatch.normalize` are added
        beside the source's own, and what normalization could not read or had to repair
        (an impossible date, an unknown country) joins the problems, located by `locations`
        (one per row, e.g. `sdn.csv:347`) or by the record id. Given a strict ProblemLog, the
        first such problem raises.
        """
        log = problems if isinstance(problems, ProblemLog) else ProblemLog()
        if not isinstance(problems, ProblemLog):
            log.problems = list(problems)
        # In chunks, so that a million rows are never held as a million dicts at once.
        tables, issues, start = [], [], 0
        for chunk in _chunks(rows, CHUNK_ROWS):
            table = build_table(chunk)
            normalized = normalize_table(table)
            for name, column in normalized.columns.items():
                table = table.append_column(name, column)
            tables.append(table)
            issues += [(start + row, *rest) for row, *rest in normalized.issues]
            start += table.num_rows
        if not tables:
            empty = build_table([])
            for name, column in normalize_table(empty).columns.items():
                empty = empty.append_column(name, column)
            tables = [empty]
        table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
        if issues:
            ids = table["id"].to_pylist()
            where = locations or [f"{source.path or source.list_name}: record {i}" for i in ids]
            for row, field_name, value, reason, action in issues:
                log.add(where[row], field_name, value, reason, action=action, record_id=ids[row])
        return cls(table, log.problems, source)

    def __len__(self) -> int:
        return self.table.num_rows

    def __repr__(self) -> str:
        return (
            f"<RecordSet {self.source.list_name!r}: {len(self)} records, "
            f"{len(self.problems)} problems>"
        )

    def to_pandas(self):
        """The table as a pandas DataFrame (list columns as Python lists)."""
        return self.table.to_pandas(types_mapper=None, maps_as_pydicts="strict")

    def problems_table(self) -> pa.Table:
        """The problems as a table, one row each."""
        columns = ["location", "record_id", "field", "value", "reason", "action"]
        return pa.table(
            {c: pa.array([getattr(p, c) for p in self.problems], pa.string()) for c in columns}
        )


#: Rows built and normalized at a time by RecordSet.from_rows.
CHUNK_ROWS = 50_000


def _chunks(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[list]:
    chunk: list = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build_table(rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Canonical rows (dicts) to an Arrow table in SCHEMA, built column by column."""
    rows = list(rows)
    unknown = set().union(*rows) - set(SCHEMA.names)
    if unknown:
        raise KeyError(f"not canonical fields: {sorted(unknown)}")
    columns = {}
    for name in SCHEMA.names:
        values = [row.get(name) for row in rows]
        if name in LIST_FIELDS:
            values = [list(v) if v else [] for v in values]
        elif name == "entity_type":
            values = [v or "person" for v in values]
        elif name == "raw":
            values = [_json(v) for v in values]
        else:
            values = [None if v == "" else v for v in values]
        columns[name] = pa.array(values, SCHEMA.field(name).type)
    return pa.Table.from_pydict(columns, schema=SCHEMA)


def _json(value: Any) -> str | None:
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value or None


def gc_paused(read: F) -> F:
    """Run a reader with the cyclic garbage collector paused.

    Readers allocate millions of small, acyclic objects (cells, dicts, lists) that all survive
    to the end; CPython's collector rescans them over and over as they pile up, which cost a
    third of the OFAC reader's time. Reference counting still frees everything as usual.
    """

    @functools.wraps(read)
    def wrapper(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return read(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper  # type: ignore[return-value]


def problem_dicts(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    """Problems as plain dicts, for JSON output."""
    return [asdict(p) for p in problems]
