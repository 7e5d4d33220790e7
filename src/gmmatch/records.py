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
import pyarrow.compute as pc

from gmmatch.normalize import normalize_table
from gmmatch.normalize.table import name_feature_cache

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
        derive_names: bool = False,
    ) -> RecordSet:
        """Build from dicts keyed by canonical field names, normalized once, here.

        Missing fields become empty. The normalized columns of `gmmatch.normalize` are added
        beside the source's own, and what normalization could not read or had to repair
        (an impossible date, an unknown country) joins the problems, located by `locations`
        (one per row, e.g. `sdn.csv:347`) or by the record id. Given a strict ProblemLog, the
        first such problem raises. `derive_names`: the rows carry no `names`; each row's is its
        `name` (primary), its `aliases` (aka) and its `weak_aliases` (weak), in that order.
        """
        log = problems if isinstance(problems, ProblemLog) else ProblemLog()
        if not isinstance(problems, ProblemLog):
            log.problems = list(problems)
        # In chunks, so that a million rows are never held as a million dicts at once: each
        # chunk's rows are dropped once its columns are built, and its normalized columns are
        # made before the next chunk is read. The chunks stay chunks of the final table (no
        # concatenation copies); each is packed into one block, and buffers equal to one
        # already kept (all-null and all-empty columns, one-item list offsets, constant
        # columns) are kept once (_SharedBuffers).
        shared = _SharedBuffers()
        # one cache of normalized names for every chunk: a name met again in a later chunk (a
        # common name, an alias on many rows) is not normalized again
        names = name_feature_cache(NAMES_REMEMBERED)
        tables, issues, start = [], [], 0
        for chunk in _chunks(rows, CHUNK_ROWS):
            table = build_table(chunk, derive_names=derive_names)
            chunk.clear()
            # (rows whose names are derived are user-written: their name fields may hold asides)
            normalized = normalize_table(table, asides=derive_names, names=names)
            tables.append(shared.table(_with_normalized(table, normalized.columns)))
            issues += [(start + row, *rest) for row, *rest in normalized.issues]
            start += table.num_rows
            del normalized, table
        if not tables:
            empty = build_table([])
            tables = [_with_normalized(empty, normalize_table(empty).columns)]
        table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
        if issues:
            rows_with = sorted({row for row, *_ in issues})
            ids = dict(zip(rows_with, table["id"].take(rows_with).to_pylist(), strict=True))
            name = source.path or source.list_name
            for row, field_name, value, reason, action in issues:
                # (no line known: the file, the record named by `record_id`, as other
                # readers locate what they find in a file as a whole)
                where = locations[row] if locations else str(name)
                log.add(where, field_name, value, reason, action=action, record_id=ids[row])
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


#: Distinct names whose normalized features RecordSet.from_rows keeps from chunk to chunk, the
#: most recently met: about 16 MB, what a chunk's own names took before it was kept (a cache
#: as large as NAME_CACHE put 130 MB more on reading a million distinct names).
NAMES_REMEMBERED = 16384

#: Rows built and normalized at a time by RecordSet.from_rows: bounds the Python objects alive
#: at once (the rows' dicts, normalization's per-row values) to a few megabytes.
CHUNK_ROWS = 8192


def _chunks(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[list]:
    chunk: list = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build_table(rows: Iterable[Mapping[str, Any]], *, derive_names: bool = False) -> pa.Table:
    """Canonical rows (dicts) to an Arrow table in SCHEMA, built column by column.

    `derive_names`: the rows carry no `names`; it is built from `name`, `aliases` and
    `weak_aliases` (see RecordSet.from_rows).
    """
    rows = list(rows)
    count = len(rows)
    # one pass over the rows' items into a list per field (most fields of most rows are absent)
    values_of = {name: [None] * count for name in SCHEMA.names if not (derive_names and
                                                                      name == "names")}
    try:
        for i, row in enumerate(rows):
            for name, value in row.items():
                values_of[name][i] = value
    except (KeyError, TypeError):  # TypeError: a key that is not even hashable as a str
        keys = set().union(*rows)
        if derive_names and "names" in keys:
            raise KeyError("derive_names: the rows must not carry `names`") from None
        raise KeyError(f"not canonical fields: {sorted(keys - set(SCHEMA.names))}") from None
    columns = {}
    for name, values in values_of.items():
        kind = SCHEMA.field(name).type
        if name == "entity_type":
            values = [v or "person" for v in values]
        elif values.count(None) == count:  # the field in no row
            columns[name] = pa.array([[]] * count, kind) if name in LIST_FIELDS else pa.nulls(
                count, kind)
            continue
        elif name in LIST_FIELDS:
            values = [v if v.__class__ is list else list(v) if v else [] for v in values]
        elif name == "raw":
            values = [_json(v) for v in values]
        else:
            values = [None if v == "" else v for v in values]
        columns[name] = pa.array(values, kind)
    if derive_names:
        columns["names"] = names_column(columns["name"], columns["aliases"],
                                        columns["weak_aliases"])
    return pa.Table.from_pydict(columns, schema=SCHEMA)


def names_column(name: pa.Array, aliases: pa.Array, weak_aliases: pa.Array) -> pa.Array:
    """The `names` of rows whose names are their `name` (kind `primary`, when not null), then
    their `aliases` (`aka`), then their `weak_aliases` (`weak`), without notes: made from the
    three columns, the primary names sharing `name`'s buffers when no row has an alias."""
    import numpy as np

    rows = len(name)
    kind_text = pa.array(["primary", "aka", "weak"], pa.string())
    primary = np.asarray(name.is_valid().to_numpy(zero_copy_only=False), dtype=np.int64)
    strong = np.asarray(pc.list_value_length(aliases).fill_null(0), dtype=np.int64)
    weak = np.asarray(pc.list_value_length(weak_aliases).fill_null(0), dtype=np.int64)
    counts = primary + strong + weak
    offsets = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    if not strong.any() and not weak.any() and name.null_count == 0:
        texts = name  # one primary name a row: `name` itself
        kinds = kind_text.take(np.zeros(rows, dtype=np.int8))
    else:
        row = np.repeat(np.arange(rows, dtype=np.int64), counts)
        place = np.arange(offsets[-1], dtype=np.int64) - offsets[:-1][row] - primary[row]
        kind = np.where(place < 0, 0, np.where(place < strong[row], 1, 2))
        strong_starts = np.asarray(aliases.offsets, dtype=np.int64)[:-1]
        weak_starts = np.asarray(weak_aliases.offsets, dtype=np.int64)[:-1]
        pool = pa.concat_arrays([name, aliases.values, weak_aliases.values])
        first_weak = rows + len(aliases.values)
        index = np.where(kind == 0, row, np.where(
            kind == 1, rows + strong_starts[row] + place,
            first_weak + weak_starts[row] + place - strong[row]))
        texts = pool.take(pa.array(index))
        kinds = kind_text.take(pa.array(kind.astype(np.int8)))
    items = pa.StructArray.from_arrays(
        [texts, kinds, pa.nulls(len(texts), pa.string())], fields=list(_NAME))
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), items,
                                    type=SCHEMA.field("names").type)


def _with_normalized(table: pa.Table, columns: Mapping[str, pa.Array]) -> pa.Table:
    """The canonical table with the normalized columns after its own."""
    fields = [*table.schema, *(pa.field(name, c.type) for name, c in columns.items())]
    return pa.Table.from_arrays([*table.columns, *columns.values()], schema=pa.schema(fields))


#: Buffers smaller than this are packed but not looked up.
_SHARED_MIN_BYTES = 256
#: Alignment of each buffer in a packed chunk (Arrow's own allocations are 64-byte aligned).
_ALIGN = 64


class _SharedBuffers:
    """Keeps a read's table compact: each chunk packed into one allocation, and a buffer equal
    to one already kept stored once.

    A recommendation list's table repeats whole buffers: every all-null column has the same
    zero offsets and validity, every all-empty list column the same zero offsets, every list
    column with one item a row (`dob`, `nationality`, `name_keys`...) the same 0, 1, 2...
    offsets, a constant column (`entity_type`, `source_org`) the same data in every chunk, and
    `names_norm` often `name_norm`'s strings. Arrays are rebuilt over the first such buffer:
    the values are unchanged, only the memory behind them is shared. A buffer is looked for
    among the previous chunk's and those already found twice, which is where such buffers
    are, so that the lookup costs little and keeps little.

    The other buffers of a chunk are copied into one block from the system allocator, which
    maps a block that large on its own: what stays is one allocation a chunk, not hundreds of
    small ones among the freed temporary ones, which pyarrow's default allocator (mimalloc)
    keeps committed (measured: 20 to 50 MB less at a million rows).
    """

    def __init__(self) -> None:
        self._kept: dict[tuple, list[pa.Buffer]] = {}  # buffers found in two chunks or more
        self._previous: dict[tuple, list[pa.Buffer]] = {}  # the previous chunk's
        self._fresh: dict[tuple, list[pa.Buffer]] = {}  # this chunk's

    def table(self, table: pa.Table) -> pa.Table:
        pending: list[pa.Buffer] = []
        waiting: dict[tuple, list[int]] = {}
        layouts = [[self._layout(chunk, pending, waiting) for chunk in column.chunks]
                   for column in table.columns]
        packed = self._pack(pending)
        columns = [pa.chunked_array([self._build(layout, packed) for layout in chunks], field.type)
                   for chunks, field in zip(layouts, table.schema, strict=True)]
        self._previous, self._fresh = self._fresh, {}
        return pa.Table.from_arrays(columns, schema=table.schema)

    def _layout(self, array: pa.Array, pending: list, waiting: dict) -> Any:
        """The array as (type, length, null count, buffers, children), each buffer a kept one
        or the index of a pending one; an array that cannot be taken apart as itself."""
        kind = array.type
        if array.offset:
            return array
        if pa.types.is_list(kind):
            children = [self._layout(array.values, pending, waiting)]
        elif pa.types.is_struct(kind):
            children = [self._layout(array.field(i), pending, waiting)
                        for i in range(kind.num_fields)]
        elif kind.num_fields:
            return array  # other nested types are not in the schemas
        else:
            children = []
        buffers = [self._buffer(b, pending, waiting) for b in array.buffers()[: kind.num_buffers]]
        return kind, len(array), array.null_count, buffers, children

    def _buffer(self, buffer: pa.Buffer | None, pending: list, waiting: dict) -> Any:
        if buffer is None:
            return None
        if buffer.size < _SHARED_MIN_BYTES:
            pending.append(buffer)
            return len(pending) - 1
        key = _buffer_key(buffer)
        for known in self._kept.get(key, ()):
            if known.equals(buffer):
                return known
        for known in self._previous.get(key, ()):
            if known.equals(buffer):
                self._kept.setdefault(key, []).append(known)
                self._previous[key].remove(known)
                return known
        for index in waiting.get(key, ()):
            if pending[index].equals(buffer):
                return index
        waiting.setdefault(key, []).append(len(pending))
        pending.append(buffer)
        return len(pending) - 1

    def _pack(self, pending: list[pa.Buffer]) -> list[pa.Buffer]:
        """The pending buffers copied into one block, as slices of it; the large ones kept."""
        starts, end = [], 0
        for buffer in pending:
            starts.append(end)
            end += -(-buffer.size // _ALIGN) * _ALIGN
        block = pa.allocate_buffer(end, memory_pool=pa.system_memory_pool())
        view = memoryview(block)
        packed = []
        for buffer, start in zip(pending, starts, strict=True):
            if buffer.size:
                view[start : start + buffer.size] = memoryview(buffer)
            piece = block.slice(start, buffer.size)
            packed.append(piece)
            if buffer.size >= _SHARED_MIN_BYTES:
                self._fresh.setdefault(_buffer_key(piece), []).append(piece)
        return packed

    def _build(self, layout: Any, packed: list[pa.Buffer]) -> pa.Array:
        if isinstance(layout, pa.Array):
            return layout
        kind, length, null_count, buffers, children = layout
        own = [packed[b] if isinstance(b, int) else b for b in buffers]
        built = [self._build(child, packed) for child in children] or None
        return pa.Array.from_buffers(kind, length, own, null_count, 0, built)


def _buffer_key(buffer: pa.Buffer) -> tuple:
    """Size and three samples: equal buffers have equal keys, most unequal ones do not."""
    view = memoryview(buffer)
    middle = buffer.size // 2
    return (buffer.size, bytes(view[:32]), bytes(view[middle : middle + 32]),
            bytes(view[-32:]))


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
