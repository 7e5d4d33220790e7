"""Recommendation lists (or any table of people and organizations) into the canonical RecordSet.

Sources: CSV / TSV (any of `,` `;` tab `|`), XLSX (and XLS, XLSB, ODS), JSON (a list of objects
or `{"records": [...]}`), JSON Lines, Parquet, a pandas DataFrame, a pyarrow Table or a list of
dicts. The rules (header detection, column names and synonyms, encodings, ids, what is skipped)
are documented in docs/formats/records.md; the code below follows them in that order.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from gmmatch.normalize.orgs import organization_cue
from gmmatch.records import (
    ENTITY_TYPES,
    LIST_FIELDS,
    SCHEMA,
    ProblemLog,
    ReadError,
    RecordSet,
    Source,
    gc_paused,
)

#: Canonical fields a column can map to (the struct-list fields `names`, `documents`,
#: `addresses` and `raw` are built by readers, not read from a cell).
FIELDS = tuple(f for f in SCHEMA.names if f not in ("names", "documents", "addresses", "raw"))
TEXT_LIST_FIELDS = frozenset(LIST_FIELDS) - {"names", "documents", "addresses"}

#: Other column names recognized without `columns=` (compared as `column_key` does: case,
#: accents, `_`, `-` and runs of spaces aside), in English and in the languages the coalition's
#: members write their sheets in most (French, Spanish, Portuguese, German, Russian). Kept to
#: unambiguous names: `columns=` covers the rest. A name column beside a surname column (Name,
#: Surname; Nombre, Apellidos) or a given-names column (Nom, Prénom; Name, Vorname) is the other
#: half of the name: see `_paired_name`.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("identifier", "record id", "ref", "reference"),
    "name": ("full name", "fullname", "entity name", "person name",
             "nom", "nom complet", "nom et prénom", "nom et prénoms", "nom prénom",
             "nombre", "nombre completo", "nombre y apellidos", "nombres y apellidos",
             "nome", "nome completo", "vollständiger name", "фио", "ф.и.о.", "полное имя"),
    "surname": ("last name", "family name", "lastname",
                "nom de famille", "apellido", "apellidos", "sobrenome", "apelido",
                "nachname", "familienname", "фамилия"),
    "given_names": ("given name", "first name", "first names", "firstname", "forenames",
                    "prénom", "prénoms", "nombres", "prenome", "primeiro nome", "vorname",
                    "vornamen", "имя"),
    "aliases": ("alias", "aka", "a.k.a.", "also known as", "other names",
                "autres noms", "otros nombres", "outros nomes", "vulgo", "auch bekannt als",
                "псевдоним", "другие имена"),
    "dob": ("date of birth", "birth date", "birthdate", "d.o.b.",
            "date de naissance", "fecha de nacimiento", "data de nascimento", "geburtsdatum",
            "дата рождения"),
    "pob": ("place of birth", "birthplace", "birth place",
            "lieu de naissance", "lugar de nacimiento", "local de nascimento", "geburtsort",
            "место рождения"),
    "nationality": ("nationalities", "nationalité", "nacionalidad", "nacionalidade",
                    "staatsangehörigkeit", "nationalität", "гражданство"),
    "country": ("countries", "pays", "país", "land", "страна"),
    "gender": ("sex", "sexe", "genre", "sexo", "género", "geschlecht", "пол"),
    "titles": ("title", "position", "fonction", "poste", "titre", "cargo", "puesto", "título",
               "função", "funktion", "должность"),
    "programs": ("program", "programme", "programmes", "sanctions program"),
    "entity_type": ("type", "tipo", "typ", "тип"),
    "listed_on": ("listing date", "date listed", "designation date"),
    "recommended_on": (
        "recommendation date",
        "date recommended",
        "date of recommendation",
        "date submitted",
        "submitted on",
        "date de recommandation",
        "fecha de recomendación",
    ),
    "source_org": ("organization", "organisation", "submitted by", "source organization", "ngo"),
    "remarks": ("notes", "note", "comments", "comment", "remarques", "observations",
                "commentaires", "observaciones", "comentarios", "notas", "observações",
                "bemerkungen", "anmerkungen", "примечания", "комментарий"),
}
#: Columns that hold a middle name or a patronymic (Отчество): read into `given_names`, after
#: the given-names column's value (`_finish`), since the canonical record has no field of its
#: own for them and a list writes them among the given names (`IVANOV, Sergei Borisovich`).
MIDDLE_NAMES = "middle_names"
_MIDDLE_NAME_COLUMNS = ("middle name", "middle names", "middle", "patronymic", "patronym",
                        "otchestvo", "отчество", "segundo nombre", "zweiter vorname")
#: Columns that hold an age (`Age`, `Âge`, `Edad`, `Возраст`): read into `dob` as `aged N`,
#: which normalization turns into the years of birth it allows counted from `recommended_on`
#: (an age without that date is left unread and reported: `normalize.dates`).
AGE = "age"
_AGE_COLUMNS = ("age", "âge", "edad", "idade", "alter", "возраст", "age at recommendation",
                "age (years)")
#: What `columns=` may map besides the canonical fields.
EXTRA_COLUMNS = (MIDDLE_NAMES, AGE)
NAME_FIELDS = ("name", "surname", "given_names", "aliases")
HEADER_SCAN_ROWS = 30
# Cell values of `entity_type` and `gender`, in the header languages (compared as `column_key`
# compares header names: case and accents aside)
_ENTITY_NAMES = {
    "person": ("person", "individual", "natural person", "personne", "personne physique",
               "persona", "persona fisica", "pessoa", "pessoa fisica", "naturliche person",
               "физическое лицо"),
    "organization": ("organization", "organisation", "entity", "company", "entite", "societe",
                     "entreprise", "entidad", "empresa", "organizacion", "entidade",
                     "organizacao", "unternehmen", "juristische person", "юридическое лицо",
                     "организация", "компания"),
    "vessel": ("vessel", "ship", "navire", "buque", "navio", "schiff", "судно"),
    "aircraft": ("aircraft", "aeronef", "avion", "aeronave", "flugzeug", "самолет"),
}
_GENDER_NAMES = {
    "male": ("m", "male", "man", "homme", "masculin", "hombre", "masculino", "mannlich",
             "мужской", "муж", "м"),
    "female": ("f", "female", "woman", "femme", "feminin", "mujer", "femenino", "feminino",
               "mulher", "weiblich", "женский", "жен", "ж"),
}


_SPLIT = re.compile(r"[;\r\n]+")
_KEY_SEP = re.compile(r"[\s_\-]+")
_SUFFIX_FORMATS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xlsx",
    ".xlsb": "xlsx",
    ".ods": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
INPUT_FORMATS = ("csv", "tsv", "xlsx", "json", "jsonl", "parquet")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FALLBACK_ENCODING = "cp1252"


def column_key(name: object) -> str:
    """How column names are compared: case-folded, without accents (`Prénom`, `Prenom`),
    `_`/`-`/spaces as one space, trimmed. (Also how the entity-type and gender cells of every
    row are read: cached, since they repeat a few words a million times.)"""
    return _column_key(str(name))


@functools.lru_cache(maxsize=4096)
def _column_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _KEY_SEP.sub(" ", bare).strip()


_ENTITY_WORDS = {column_key(w): kind for kind, ws in _ENTITY_NAMES.items() for w in ws}
_GENDER_WORDS = {column_key(w): kind for kind, ws in _GENDER_NAMES.items() for w in ws}


def entity_type_word(value: object) -> str | None:
    """`person`, `organization`, `vessel` or `aircraft` from a word a table writes for it (OFAC's
    `individual` and `entity`, `company`, `Société`, `юридическое лицо`...); None when unknown
    or empty."""
    return _ENTITY_WORDS.get(column_key(value)) if isinstance(value, str) else None


_KNOWN: dict[str, str] = {}
for _field in FIELDS:
    _KNOWN[column_key(_field)] = _field
for _field, _names in SYNONYMS.items():
    for _name in _names:
        _KNOWN.setdefault(column_key(_name), _field)
for _name in _MIDDLE_NAME_COLUMNS:
    _KNOWN.setdefault(column_key(_name), MIDDLE_NAMES)
for _name in _AGE_COLUMNS:
    _KNOWN.setdefault(column_key(_name), AGE)


@dataclass
class _Table:
    """A source seen as a header and rows, whatever it was."""

    label: str  # file name (or `<DataFrame>`) for locations
    header: list[str] | None  # None: to be detected among the first rows
    rows: Iterator[tuple[str, int, Sequence[Any]]]  # (location, row number, cells)
    details: dict[str, Any] = field(default_factory=dict)


@gc_paused
def read_records(
    source: Any,
    *,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    sheet: str | int | None = None,
    format: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    list_name: str | None = None,
    untyped: str = "person",
) -> RecordSet:
    """Read a recommendation list (or any table of names) into a RecordSet.

    `source`: a path (CSV, TSV, XLSX/XLS/ODS, JSON, JSON Lines, Parquet; the format from the
    suffix or `format=`), a pandas DataFrame, a pyarrow Table or a list of dicts (a name alone
    in the list is a record with that name and nothing else).
    `columns`: `{canonical field: source column}`; it wins over the column names recognized by
    default (canonical names and a few synonyms, case-insensitive). `sheet`: name or 0-based index
    (default: the first sheet). `encoding` / `delimiter`: for text files, instead of detecting.
    `untyped`: the entity type of rows that give none: `person` (the default), `organization`,
    `vessel`, `aircraft`, or `infer`: an organization when its name holds a legal form or an
    organization's word (`Foundation`, `Ministry`, `Ltd`: `normalize.orgs.organization_cue`),
    each such row reported in `problems`, else a person. A table mixing people and companies
    without a type column links its companies as people otherwise, and the entity-type
    comparison then counts against every right match: with `person`, a row whose name holds
    such a word is read as a person and reported (`kept`), so that the default is never applied
    unsaid where the name says otherwise.
    """
    if untyped not in (*ENTITY_TYPES, "infer"):
        raise ValueError(f"untyped must be one of {', '.join((*ENTITY_TYPES, 'infer'))}, "
                         f"not {untyped!r}")
    if columns is not None:
        unknown = [f for f in columns if f not in (*FIELDS, *EXTRA_COLUMNS)]
        if unknown:
            raise ValueError(
                f"columns= maps to unknown canonical fields {unknown}; expected some of "
                f"{(*FIELDS, *EXTRA_COLUMNS)}"
            )
    if delimiter is not None and len(delimiter) != 1:
        raise ValueError(f"delimiter must be one character, not {delimiter!r}")
    log = ProblemLog(strict)
    path: Path | None = None
    if isinstance(source, str | Path):
        path = Path(source)
        fmt = _input_format(path, format)
        if fmt in ("csv", "tsv"):
            table = _csv_table(path, fmt, encoding, delimiter, log)
        elif fmt == "xlsx":
            table = _excel_table(path, sheet)
        elif fmt in ("json", "jsonl"):
            table = _json_table(path, fmt, encoding, log)
        else:
            table = _parquet_table(path)
    else:
        table = _memory_table(source, log)
        fmt = table.details["input"]
    details = dict(table.details)
    details.setdefault("input", fmt)
    rows = _rows(table, columns, log, details, untyped)
    src = Source(
        path=str(path) if path else None,
        list_name=list_name or (path.stem if path else "records"),
        format="records",
        details=details,
    )
    return RecordSet.from_rows(rows.rows, log, src, derive_names=True)


# --- sources -------------------------------------------------------------------------------


def _input_format(path: Path, format: str | None) -> str:
    if format is not None:
        fmt = {"excel": "xlsx", "xls": "xlsx", "ndjson": "jsonl", "records": None}.get(
            format, format
        )
        if fmt is not None:
            if fmt not in INPUT_FORMATS:
                raise ValueError(f"unknown format {format!r}; expected one of {INPUT_FORMATS}")
            return fmt
    if not path.is_file():
        raise ReadError(f"{path}: no such file (expected a CSV, XLSX, JSON or Parquet file)")
    fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt:
        return fmt
    with path.open("rb") as f:
        head = f.read(4096)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xlsx"
    if head.startswith(b"PAR1"):
        return "parquet"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        lines = [ln for ln in stripped.splitlines() if ln.strip()]
        return "jsonl" if len(lines) > 1 and lines[1].lstrip().startswith(b"{") else "json"
    return "csv"


def decode(data: bytes, label: str, encoding: str | None, log: ProblemLog) -> tuple[str, dict]:
    """Bytes to text: `encoding` if given; else a BOM (UTF-8, UTF-16, UTF-32); else UTF-8 if the
    bytes are valid UTF-8; else UTF-16 without BOM when every other byte is NUL; else cp1252.
    The last two are assumptions and are reported as a problem (action `kept`)."""
    if encoding:
        try:
            return data.decode(encoding), {"encoding": encoding, "encoding_rule": "given"}
        except (UnicodeDecodeError, LookupError) as exc:
            raise ReadError(f"{label}: cannot decode as {encoding}: {exc}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                text = data.decode(name, errors="replace")
                log.add(label, "encoding", name, f"invalid bytes after a {name} BOM ({exc.reason});"
                        " replaced with U+FFFD", action="repaired")  # fmt: skip
            return text, {"encoding": name, "encoding_rule": "BOM"}
    try:
        return data.decode("utf-8"), {"encoding": "utf-8", "encoding_rule": "valid UTF-8"}
    except UnicodeDecodeError:
        pass
    for name in _utf16_candidates(data):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        log.add(label, "encoding", name, _assumed_utf16(name), action="kept")
        return text.lstrip("\ufeff"), {"encoding": name, "encoding_rule": "assumed"}
    text = data.decode(FALLBACK_ENCODING, errors="replace")
    log.add(label, "encoding", FALLBACK_ENCODING, _ASSUMED_FALLBACK, action="kept")
    return text, {"encoding": FALLBACK_ENCODING, "encoding_rule": "assumed"}


def _assumed_utf16(name: str) -> str:
    return f"no BOM and not UTF-8; NUL bytes suggest {name}, assumed"


_ASSUMED_FALLBACK = (f"no BOM and not valid UTF-8; assumed {FALLBACK_ENCODING} "
                     "(pass encoding= if wrong)")


def _utf16_candidates(sample: bytes) -> list[str]:
    """UTF-16 byte orders to try on a file without BOM, not UTF-8: those whose odd (LE) or
    even (BE) bytes of the first 4 KB are more than 40% NUL."""
    sample = sample[:4096]
    if len(sample) < 4:
        return []
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    return [name for share, name in ((odd_nul, "utf-16-le"), (even_nul, "utf-16-be"))
            if share > 0.4]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None


def sniff_delimiter(text: str) -> str:
    """The delimiter among `,` `;` tab `|` that splits the first lines most consistently."""
    sample = text[:65536].splitlines()[:50]
    best, best_score = ",", (0, 0)
    for delim in (",", ";", "\t", "|"):
        try:
            counts = [
                len(r) for r in csv.reader(sample, delimiter=delim) if any(c.strip() for c in r)
            ]
        except csv.Error:
            continue
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        mode = max(set(multi), key=multi.count)
        score = (multi.count(mode), mode)
        if score > best_score:
            best, best_score = delim, score
    return best


def _csv_table(path: Path, fmt: str, encoding, delimiter, log: ProblemLog) -> _Table:
    """A CSV or TSV file, streamed: decoded a block at a time, once to choose the decoding
    exactly as `decode` would on the whole file and once to read it, so that a large file is
    never held in memory. The rare files whose reading needs the whole text (a decoding error
    `decode` reports, old Mac line ends) are read whole by `_csv_text_table`."""
    stream = _stream_decoding(path, encoding)
    if stream is None:
        return _csv_text_table(path, fmt, encoding, delimiter, log)
    label = path.name
    if stream.assumed:
        log.add(label, "encoding", stream.codec, stream.assumed, action="kept")
    if stream.nul:
        raise ReadError(f"{path}: NUL characters in text (a binary file, or a wrong encoding=?)")
    delim = delimiter or ("\t" if fmt == "tsv" else sniff_delimiter(stream.head))
    details = dict(stream.details, input=fmt, delimiter=delim)
    return _Table(label, None, _csv_rows(_file_lines(path, stream), delim, label), details)


def _csv_text_table(path: Path, fmt: str, encoding, delimiter, log: ProblemLog) -> _Table:
    """A CSV or TSV file decoded whole (see `_csv_table`)."""
    text, details = decode(_read_bytes(path), path.name, encoding, log)
    if "\x00" in text:
        raise ReadError(f"{path}: NUL characters in text (a binary file, or a wrong encoding=?)")
    delim = delimiter or ("\t" if fmt == "tsv" else sniff_delimiter(text))
    details.update(input=fmt, delimiter=delim)
    return _Table(path.name, None, _csv_rows(_lines(text), delim, path.name), details)


def _csv_rows(lines: Iterator[str], delim: str, label: str
              ) -> Iterator[tuple[str, int, Sequence[Any]]]:
    reader = csv.reader(lines, delimiter=delim)
    start = 1
    try:
        for cells in reader:
            yield f"{label}:line {start}", start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ReadError(f"{label}:line {start}: cannot parse CSV ({exc})") from None


#: Bytes read at a time when a text file is streamed.
_BLOCK_BYTES = 1 << 20
#: Characters at the start of a text file that the delimiter is sniffed from.
_SNIFF_CHARS = 65536


@dataclass
class _Stream:
    """How a text file decodes, found by reading it through once (see `_stream_decoding`)."""

    codec: str
    errors: str
    details: dict[str, Any]
    assumed: str | None  # the reason to report when the decoding is an assumption
    strip_bom: bool  # leading U+FEFF removed (UTF-16 without BOM, as `decode` does)
    head: str = ""  # the first characters, for sniffing the delimiter
    nul: bool = False  # a NUL character somewhere
    mac: bool = False  # CR line ends and no LF at all


def _stream_decoding(path: Path, encoding: str | None) -> _Stream | None:
    """The decoding `decode` would choose for the whole file, in the same order, found by
    streaming it; None when only `decode` itself reproduces what it does (an unknown or
    failing `encoding=`, invalid bytes after a BOM, which it repairs, old Mac line ends)."""
    try:
        with path.open("rb") as handle:
            first = handle.read(4096)
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    candidates: list[_Stream] = []
    if encoding:
        try:  # LookupError also for codecs that are not text encodings (base64)
            b"\0\0\0\0".decode(encoding)
        except LookupError:
            return None
        except ValueError:
            pass  # a text encoding that refuses these bytes
        candidates.append(_Stream(encoding, "strict", {"encoding": encoding,
                                                       "encoding_rule": "given"}, None, False))
    else:
        bom = next((name for bom, name in _BOMS if first.startswith(bom)), None)
        if bom:
            candidates.append(_Stream(bom, "strict", {"encoding": bom, "encoding_rule": "BOM"},
                                      None, False))
        else:
            candidates.append(_Stream("utf-8", "strict", {"encoding": "utf-8",
                                                          "encoding_rule": "valid UTF-8"},
                                      None, False))
            candidates += [_Stream(name, "strict", {"encoding": name, "encoding_rule": "assumed"},
                                   _assumed_utf16(name), True)
                           for name in _utf16_candidates(first)]
            candidates.append(_Stream(FALLBACK_ENCODING, "replace",
                                      {"encoding": FALLBACK_ENCODING, "encoding_rule": "assumed"},
                                      _ASSUMED_FALLBACK, False))
    for stream in candidates:
        if _scan(path, stream):
            return None if stream.mac else stream
        if stream.errors == "strict" and (encoding or stream.details["encoding_rule"] == "BOM"):
            return None  # `decode` raises or repairs
    return None  # pragma: no cover - the fallback decoding never fails


def _scan(path: Path, stream: _Stream) -> bool:
    """Decode the whole file with `stream`'s codec, noting its head, NULs and line ends;
    False at the first decoding error."""
    head: list[str] = []
    room = _SNIFF_CHARS
    lf = cr = False
    try:
        for text in _decoded_blocks(path, stream):
            if room > 0:
                head.append(text[:room])
                room -= len(head[-1])
            stream.nul = stream.nul or "\x00" in text
            lf = lf or "\n" in text
            cr = cr or "\r" in text
    except ValueError:  # UnicodeDecodeError, or another UnicodeError of an odd codec
        return False
    stream.head = "".join(head)
    stream.mac = cr and not lf
    return True


def _decoded_blocks(path: Path, stream: _Stream) -> Iterator[str]:
    """The file's text, a block at a time, as `decode` would decode it whole."""
    decoder = codecs.getincrementaldecoder(stream.codec)(stream.errors)
    at_start = stream.strip_bom
    try:
        with path.open("rb") as handle:
            while True:
                block = handle.read(_BLOCK_BYTES)
                text = decoder.decode(block, final=not block)
                if at_start:
                    text = text.lstrip("\ufeff")
                    at_start = not text
                if text:
                    yield text
                if not block:
                    return
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _file_lines(path: Path, stream: _Stream) -> Iterator[str]:
    """The lines of the file with their ends, as `_lines` cuts the whole text (at LF only)."""
    pending: list[str] = []
    try:
        for text in _decoded_blocks(path, stream):
            start = 0
            end = text.find("\n")
            if end >= 0 and pending:
                pending.append(text[: end + 1])
                yield "".join(pending)
                pending = []
                start = end + 1
                end = text.find("\n", start)
            while end >= 0:
                yield text[start : end + 1]
                start = end + 1
                end = text.find("\n", start)
            if start < len(text):
                pending.append(text[start:])
    except UnicodeDecodeError as exc:  # the file changed since it was scanned
        raise ReadError(f"{path}: cannot decode as {stream.codec}: {exc}") from None
    if pending:
        yield "".join(pending)


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their ends, one at a time: a StringIO of a large file holds
    four bytes a character, and a list of its lines one object a line."""
    if "\n" not in text and "\r" in text:  # old Mac line ends
        yield from text.splitlines(keepends=True)
        return
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _excel_table(path: Path, sheet: str | int | None) -> _Table:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ReadError(f"{path}: reading Excel files needs python-calamine") from exc
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise ReadError(f"{path}: not a readable Excel/ODS workbook ({exc})") from None
    names = book.sheet_names
    if sheet is None:
        sheet = 0
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise ReadError(f"{path}: no sheet number {sheet} (0-based); sheets: {names}")
        name = names[sheet]
    elif sheet in names:
        name = sheet
    else:
        raise ReadError(f"{path}: no sheet {sheet!r}; sheets: {names}")
    try:
        data = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:
        raise ReadError(f"{path}: cannot read sheet {name!r} ({exc})") from None
    label = path.name

    def rows() -> Iterator[tuple[str, int, Sequence[Any]]]:
        for number, cells in enumerate(data, start=1):
            yield f"{label}:{name}!row {number}", number, cells

    return _Table(label, None, rows(), {"input": "xlsx", "sheet": name, "sheets": names})


def _records_rows(records: Iterable[Any], label: str, where, log) -> tuple[list[str], Iterator]:
    """Header (keys in order of first appearance) and rows of a sequence of dicts."""
    kept: list[tuple[str, int, Mapping]] = []
    keys: dict[str, None] = {}
    for number, rec in enumerate(records, start=1):
        loc = where(number)
        if not isinstance(rec, Mapping):
            log.add(loc, "record", rec, f"not an object but {type(rec).__name__}", action="skipped")
            continue
        for k in rec:
            keys.setdefault(str(k), None)
        kept.append((loc, number, rec))
    header = list(keys)

    def rows() -> Iterator[tuple[str, int, Sequence[Any]]]:
        for loc, number, rec in kept:
            by_text = {str(k): v for k, v in rec.items()}
            yield loc, number, [by_text.get(k) for k in header]

    return header, rows()


def _json_table(path: Path, fmt: str, encoding, log: ProblemLog) -> _Table:
    text, details = decode(_read_bytes(path), path.name, encoding, log)
    label = path.name
    details["input"] = fmt
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(f"{label}: not valid JSON ({exc})") from None
        if isinstance(data, Mapping) and isinstance(data.get("records"), list):
            data = data["records"]
        if not isinstance(data, list):
            raise ReadError(
                f'{label}: expected a JSON list of objects or {{"records": [...]}}, '
                f"found {type(data).__name__}"
            )
        header, rows = _records_rows(data, label, lambda n: f"{label}:record {n}", log)
        return _Table(label, header, rows, details)

    records: list[Any] = []
    numbers: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            log.add(f"{label}:line {number}", "record", line, f"not valid JSON ({exc.msg})",
                    action="skipped")  # fmt: skip
            continue
        numbers.append(number)
    header, rows = _records_rows(records, label, lambda n: f"{label}:line {numbers[n - 1]}", log)

    def renumbered() -> Iterator[tuple[str, int, Sequence[Any]]]:
        for loc, n, cells in rows:
            yield loc, numbers[n - 1], cells

    return _Table(label, header, renumbered(), details)


def _arrow_table(table: Any, label: str, details: dict) -> _Table:
    header = [str(c) for c in table.column_names]
    cols = [table.column(i).to_pylist() for i in range(table.num_columns)]

    def rows() -> Iterator[tuple[str, int, Sequence[Any]]]:
        for number, cells in enumerate(zip(*cols, strict=True), start=1):
            yield f"{label}:row {number}", number, cells

    return _Table(label, header, rows(), details)


def _parquet_table(path: Path) -> _Table:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise ReadError(f"{path}: not a readable Parquet file ({exc})") from None
    return _arrow_table(table, path.name, {"input": "parquet"})


def _memory_table(source: Any, log: ProblemLog) -> _Table:
    module = type(source).__module__ or ""
    if module.startswith("pandas") and hasattr(source, "iloc"):
        label = "<DataFrame>"
        header = [str(c) for c in source.columns]
        cols = [source.iloc[:, j].tolist() for j in range(source.shape[1])]

        def rows() -> Iterator[tuple[str, int, Sequence[Any]]]:
            for number, cells in enumerate(zip(*cols, strict=True), start=1):
                yield f"{label}:row {number}", number, cells

        return _Table(label, header, rows(), {"input": "DataFrame"})
    if module.startswith("pyarrow") and hasattr(source, "column_names"):
        return _arrow_table(source, "<Table>", {"input": "pyarrow.Table"})
    if isinstance(source, list | tuple):
        label = "<list>"
        # (a name alone is a record with that name: read_records(["Muammar Gaddafi", ...]))
        records = [{"name": r} if isinstance(r, str) else r for r in source]
        header, rows = _records_rows(records, label, lambda n: f"{label}:record {n}", log)
        return _Table(label, header, rows, {"input": "list of dicts"})
    raise TypeError(
        "read_records takes a path, a pandas DataFrame, a pyarrow Table or a list of dicts "
        f"or names, not {type(source).__name__}"
    )


# --- header and columns --------------------------------------------------------------------


def _header_cells(cells: Sequence[Any]) -> list[str]:
    """Header cells as names: blanks become `column_N`, repeats `Name (2)`."""
    out: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(cells, start=1):
        name = _text(cell) if not isinstance(cell, str) else cell.strip()
        name = " ".join(str(name).split()) if name else f"column_{i}"
        base, k = name, 2
        while name in seen:
            name, k = f"{base} ({k})", k + 1
        seen.add(name)
        out.append(name)
    return out


def _is_header(cells: Sequence[Any], columns: Mapping[str, str] | None) -> bool:
    keys = {column_key(c) for c in cells if isinstance(c, str) and c.strip()}
    if columns:
        return all(src in cells or column_key(src) in keys for src in columns.values())
    return any(_KNOWN.get(k) in NAME_FIELDS for k in keys)


def _resolve(header: list[str], columns: Mapping[str, str] | None, label: str):
    """`(index, field)` pairs for mapped columns, and `(index, name)` for the others."""
    claimed: dict[int, list[str]] = {}
    if columns:
        keys = [column_key(h) for h in header]
        missing = []
        for fld, src in columns.items():
            if src in header:
                claimed.setdefault(header.index(src), []).append(fld)
            elif column_key(src) in keys:
                claimed.setdefault(keys.index(column_key(src)), []).append(fld)
            else:
                missing.append(src)
        if missing:
            raise ReadError(
                f"{label}: columns= names source columns that are not there: {missing}; "
                f"columns present: {header}"
            )
    taken = {f for fields in claimed.values() for f in fields}
    mapped: list[tuple[int, str]] = []
    other: list[tuple[int, str]] = []
    for i, name in enumerate(header):
        if i in claimed:
            mapped.extend((i, f) for f in claimed[i])
            continue
        fld = _KNOWN.get(column_key(name))
        if fld and fld not in taken:
            taken.add(fld)
            mapped.append((i, fld))
        else:
            other.append((i, name))
    return mapped, other


def _paired_name(mapped: list[tuple[int, str]], header: list[str],
                 columns: Mapping[str, str] | None, label: str,
                 log: ProblemLog) -> list[tuple[int, str]]:
    """A column read as `name` by its name, beside a surname column and no given-names column
    (Name, Surname; Nombre, Apellidos), holds the given names; beside a given-names column and no
    surname column (Nom, Prénom; Name, Vorname), the surname. Read as the whole name, it would
    be half of it, and the other half would never be read. Said in `problems` (the header)."""
    fields = {f: i for i, f in mapped}
    if "name" not in fields or (columns and "name" in columns):
        return mapped
    if ("surname" in fields) == ("given_names" in fields):
        return mapped
    half = "given_names" if "surname" in fields else "surname"
    other = "surname" if half == "given_names" else "given_names"
    column = fields["name"]
    log.add(f"{label}: header", half, header[column],
            f"column {header[column]!r} read as {half.replace('_', ' ')}: the table has "
            f"{other.replace('_', ' ')} in column {header[fields[other]]!r} and no column for "
            f"{half.replace('_', ' ')} (columns= decides otherwise)", action="repaired")
    return [(i, half if i == column and f == "name" else f) for i, f in mapped]


def _middle_names(mapped: list[tuple[int, str]], other: list[tuple[int, str]],
                  header: list[str], label: str, log: ProblemLog):
    """A middle-name column joins the given names; where the table has no given-names column
    (a whole name in one column), it is kept in `raw`, and that is said: added to a whole name
    it would land in the wrong place."""
    fields = {f for _, f in mapped}
    if MIDDLE_NAMES not in fields or "given_names" in fields:
        return mapped, other
    column = next(i for i, f in mapped if f == MIDDLE_NAMES)
    log.add(f"{label}: header", "given_names", header[column],
            f"column {header[column]!r} (a middle name) kept in raw: the table has no "
            f"given-names column to add it to", action="kept")
    return ([(i, f) for i, f in mapped if f != MIDDLE_NAMES],
            sorted([*other, (column, header[column])]))


# --- rows -----------------------------------------------------------------------------------


@dataclass
class _Rows:
    rows: Iterator[dict]   # consumed once, as the RecordSet is built in chunks
    details: dict          # `rows_skipped` is filled in when `rows` is exhausted


def _rows(table: _Table, columns: Mapping[str, str] | None, log: ProblemLog,
          details: dict[str, Any], untyped: str = "person") -> _Rows:
    """The header found, and the rows to come; what it learns goes into `details`."""
    rows_iter = table.rows
    header = table.header
    if header is None:
        scanned: list[tuple[str, int, Sequence[Any]]] = []
        for item in rows_iter:
            if not _blank(item[2]):
                scanned.append(item)
                if _is_header(item[2], columns):
                    header = _header_cells(item[2])
                    details["header_row"] = item[1]
                    break
                if len(scanned) >= HEADER_SCAN_ROWS:
                    break
        if header is None:
            present = _header_cells(scanned[0][2]) if scanned else []
            if not scanned:
                raise ReadError(f"{table.label}: no rows (expected a header row and records)")
            if columns:
                missing = [s for s in columns.values() if not _is_header(scanned[0][2], {"x": s})]
                raise ReadError(
                    f"{table.label}: columns= names source columns that are not there: {missing}; "
                    f"no header row among the first {HEADER_SCAN_ROWS} rows has them all; "
                    f"columns present in the first row: {present}"
                )
            raise ReadError(
                f"{table.label}: no header row found among the first {HEADER_SCAN_ROWS} rows: "
                "expected a column named name, full name, surname or given names (or pass "
                f"columns=, on the command line --column name=COLUMN); the first row holds: "
                f"{present}"
            )
    mapped, other = _resolve(header, columns, table.label)
    mapped = _paired_name(mapped, header, columns, table.label, log)
    mapped, other = _middle_names(mapped, other, header, table.label, log)
    details["columns"] = {fld: header[i] for i, fld in mapped}
    if not any(f in NAME_FIELDS for _, f in mapped):
        raise ReadError(
            f"{table.label}: no name column: expected one of name, surname, given_names or "
            f"aliases (or synonyms such as 'Full name'), or columns={{'name': ...}}; "
            f"columns present: {header}"
        )
    width = len(header)
    plan = [(i, fld, fld in TEXT_LIST_FIELDS) for i, fld in mapped]
    return _Rows(_records(rows_iter, plan, other, width, log, details, untyped), details)


def _records(rows_iter, plan, other, width: int, log: ProblemLog,
             details: dict[str, Any], untyped: str = "person") -> Iterator[dict]:
    """The canonical rows of a table, one at a time: a million-row file is never held as a
    million dicts."""
    seen_ids = _SeenIds()
    recent_ids = seen_ids.recent
    renamed_last: dict[str, int] = {}
    skipped = 0
    for loc, number, cells in rows_iter:
        if _blank(cells):
            continue
        row: dict[str, Any] = {}
        n = len(cells)
        for i, fld, is_list in plan:
            if i >= n:
                continue
            value = cells[i]
            if value.__class__ is str:  # the fast path: CSV cells
                if is_list:
                    if ";" in value or "\n" in value or "\r" in value:
                        items = [s for s in (p.strip() for p in _SPLIT.split(value)) if s]
                    else:
                        value = value.strip()
                        items = [value] if value else None
                    if items:
                        row[fld] = items
                else:
                    value = value.strip()
                    if value:
                        row[fld] = value
            elif value is not None:
                if is_list:
                    items = _list(value)
                    if items:
                        row[fld] = items
                else:
                    text = _text(value)
                    if text:
                        row[fld] = text
        raw = {}
        for i, name in other:
            if i < len(cells):
                value = cells[i]
                if value is not None and not (isinstance(value, str) and not value):
                    text = _text(value)
                    if text:
                        raw[name] = text
        if len(cells) > width:
            extra = [_text(c) for c in cells[width:]]
            if any(extra):
                raw["_extra"] = extra
                log.add(loc, "row", extra, f"{len(cells) - width} cells more than header columns;"
                        " kept in raw._extra", action="kept")  # fmt: skip
        if not _finish(row, loc, number, log, untyped):
            skipped += 1
            continue
        rid = row["id"]
        if rid in recent_ids or (seen_ids.older and seen_ids.older_has(rid)):
            # the first free `#k`; those below the one found last time are still taken
            k = renamed_last.get(rid, 1) + 1
            while f"{rid}#{k}" in seen_ids:
                k += 1
            renamed_last[rid] = k
            renamed = f"{rid}#{k}"
            log.add(loc, "id", rid, f"id repeated; this row renamed {renamed!r}",
                    action="repaired", record_id=renamed)  # fmt: skip
            row["id"] = rid = renamed
        recent_ids.add(rid)
        if len(recent_ids) >= _SeenIds.BLOCK:
            seen_ids.freeze()
            recent_ids = seen_ids.recent
        if raw:
            row["raw"] = raw
        yield row
    details["rows_skipped"] = skipped


class _SeenIds:
    """The ids given so far, in about 25 bytes an id where a set of strings takes 90.

    The last ids (up to `BLOCK`) are the set `recent`, which the caller fills and hands over
    with `freeze` when full; older ones are kept as sorted 64-bit hashes, with the ids
    themselves in Arrow arrays to confirm a matching hash. A bit filter (two bits an id, 32
    bits of filter an id) answers nearly every question about the older ones without a search.
    The caller checks `recent` itself and asks `older_has` only when `older` (a count) is not
    zero. For a million ids: about 25 MB instead of 90.
    """

    BLOCK = 65536
    _BITS_PER_ID = 32  # the filter doubles to keep this many bits an older id

    def __init__(self) -> None:
        self.recent: set[str] = set()
        self.older = 0
        self._hashes: list[np.ndarray] = []  # one sorted array per older block
        self._ids: list[Any] = []  # the block's ids (pyarrow), in the order of its hashes
        self._filter = bytearray(1 << 17)
        self._mask = (len(self._filter) << 3) - 1

    def __contains__(self, rid: str) -> bool:
        return rid in self.recent or (self.older > 0 and self.older_has(rid))

    def older_has(self, rid: str) -> bool:
        """Whether `rid` is among the older ids."""
        key = hash(rid)
        bits, mask = self._filter, self._mask
        first, second = key & mask, (key >> 32) & mask
        if not (bits[first >> 3] >> (first & 7)) & 1 or not (bits[second >> 3] >> (second & 7)) & 1:
            return False
        for hashes, ids in zip(self._hashes, self._ids, strict=True):
            i = int(np.searchsorted(hashes, key))
            while i < len(hashes) and hashes[i] == key:
                if ids[i].as_py() == rid:
                    return True
                i += 1
        return False

    def freeze(self) -> None:
        """Move the recent ids to the older ones; `recent` is a new set."""
        import pyarrow as pa

        ids = list(self.recent)
        self.recent = set()
        hashes = np.fromiter(map(hash, ids), np.int64, len(ids))
        order = np.argsort(hashes, kind="stable")
        self._hashes.append(hashes[order])
        self._ids.append(pa.array(ids, pa.string()).take(pa.array(order)))
        self.older += len(ids)
        if self.older * self._BITS_PER_ID > self._mask + 1:
            size = len(self._filter)
            while self.older * self._BITS_PER_ID > size << 3:
                size <<= 1
            self._filter = bytearray(size)
            self._mask = (size << 3) - 1
            for block in self._hashes:
                self._mark(block)
        else:
            self._mark(hashes)

    def _mark(self, hashes: np.ndarray) -> None:
        bits = np.frombuffer(self._filter, np.uint8)
        for place in (hashes & self._mask, (hashes >> 32) & self._mask):
            byte = place >> 3
            order = np.argsort(byte, kind="stable")
            byte, bit = byte[order], (1 << (place[order] & 7)).astype(np.uint8)
            starts = np.flatnonzero(np.r_[True, byte[1:] != byte[:-1]])
            bits[byte[starts]] |= np.bitwise_or.reduceat(bit, starts)


def _finish(row: dict[str, Any], loc: str, number: int, log: ProblemLog,
            untyped: str = "person") -> bool:
    """Fill id, name, entity_type (`untyped` where the row gives none: see read_records) and
    gender; False when the row has no name at all."""
    if "id" not in row:
        row["id"] = f"row-{number}"
    middle = row.pop(MIDDLE_NAMES, None)
    if middle is not None:
        given = row.get("given_names")
        row["given_names"] = f"{given} {middle}" if given else middle
    age = row.pop(AGE, None)
    if age is not None:  # (a bare number is an age in this column only)
        row["dob"] = [*row.get("dob", ()), f"aged {age}" if age.isdigit() else age]
    if "name" not in row:
        parts = [row.get("given_names"), row.get("surname")]
        if any(parts):
            row["name"] = " ".join(p for p in parts if p)
        elif row.get("aliases"):
            row["name"] = row["aliases"][0]
            log.add(loc, "name", "", "no name; the first alias is used as the name",
                    action="repaired", record_id=row["id"])  # fmt: skip
        else:
            log.add(loc, "name", "", "row without any name (name, surname, given names, aliases)",
                    action="skipped", record_id=row["id"])  # fmt: skip
            return False
    # `names` (the name as primary, the aliases as aka, weak aliases as weak) is made from
    # these columns by RecordSet.from_rows(derive_names=True)
    etype = row.get("entity_type")
    if etype is not None:
        canon = entity_type_word(etype)
        if canon is None:
            log.add(loc, "entity_type", etype, f"not one of {ENTITY_TYPES}; taken as person",
                    action="repaired", record_id=row["id"])  # fmt: skip
            canon = "person"
        row["entity_type"] = canon
    elif untyped in ("infer", "person"):
        cue = organization_cue(row["name"])
        if cue is not None and untyped == "infer":
            row["entity_type"] = "organization"
            log.add(loc, "entity_type", "", f"no entity type; read as an organization from "
                    f"{cue!r} in the name", action="repaired", record_id=row["id"])
        elif cue is not None:  # the default, applied where the name says otherwise: said
            log.add(loc, "entity_type", "", f"no entity type; read as a person (the default), "
                    f"though {cue!r} in the name is an organization's word: give the type, or "
                    f"untyped='infer' (gmmatch link --untyped infer)", record_id=row["id"])
    else:
        row["entity_type"] = untyped
    gender = row.get("gender")
    if gender is not None:
        canon = _GENDER_WORDS.get(column_key(gender))
        if canon is None:
            log.add(loc, "gender", gender, "not male or female; kept as written",
                    record_id=row["id"])  # fmt: skip
        else:
            row["gender"] = canon
    return True


def _blank(cells: Sequence[Any]) -> bool:
    for c in cells:
        if c is None:
            continue
        if isinstance(c, str):
            if c.strip():
                return False
        elif not (isinstance(c, float) and c != c):
            return False
    return True


def _text(value: Any) -> str | None:
    """One cell as text: dates as ISO (`1965-09-15`; a datetime at midnight as a date), whole
    floats without `.0`, NaN/NaT/None as None, lists joined with `; `."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, _dt.datetime):
        if value != value:  # NaT
            return None
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        items = [t for t in (_text(v) for v in value) if t]
        return "; ".join(items) or None
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace").strip() or None
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        listed = value.tolist()
        if listed is not value and not hasattr(listed, "tolist"):
            return _text(listed)
    if value != value:  # NaN-like (pandas NA, numpy nan)
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (ImportError, TypeError, ValueError):
        pass
    return str(value).strip() or None


def _list(value: Any) -> list[str]:
    """A multi-valued cell: a list as is, text split on `;` and newlines."""
    if isinstance(value, list | tuple):
        return [t for t in (_text(v) for v in value) if t]
    if hasattr(value, "tolist") and not isinstance(value, str):  # numpy arrays from DataFrames
        listed = value.tolist()
        if isinstance(listed, list):
            return _list(listed)
    text = _text(value)
    if not text:
        return []
    return [s.strip() for s in _SPLIT.split(text) if s.strip()]
