"""OFAC's legacy CSV set: SDN.CSV with ALT.CSV, ADD.CSV and SDN_COMMENTS.CSV beside it.

The files have no header, write `-0- ` for empty, end lines with CRLF and the file with a Ctrl-Z
byte. Remarks are `;`-separated facts (`DOB 15 Sep 1946; POB Harare, Zimbabwe; a.k.a. 'X'`) cut
at 1,000 characters, the rest continuing in SDN_COMMENTS.CSV. The quirks, and what the reader
does with each, are in docs/formats/ofac.md.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gmmatch.records import ProblemLog, ReadError, RecordSet, Source, gc_paused

SDN_COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
ADD_COLUMNS = ("ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks")
COMMENTS_COLUMNS = ("ent_num", "Remarks_Extended")

# OFAC cuts Remarks at this length and continues them in SDN_COMMENTS.CSV.
REMARKS_LIMIT = 1000

_ENTITY_TYPES = {
    "individual": "person",
    "": "organization",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
_ALT_KINDS = {"aka", "fka", "nka"}
_NULLS = {"-0-": ""}

_QUOTED_ALIAS = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'$", re.IGNORECASE)
_FACT = re.compile(
    r"^(?P<alt>alt\.\s+)?(?P<key>DOB|POB|nationality|citizen|Gender)\s+(?P<value>.+)$"
)
_LINKED_TO = re.compile(r"^Linked To:\s*(?P<value>.+)$")
# Identity documents: a document type, then the number, an optional (country), then notes
# such as `issued 11 Jan 2018 expires 10 Jan 2028`.
_DOCUMENT_TYPES = (
    r"Diplomatic Passport|Passport|National ID No\.|Cedula No\.|Tax ID No\.|SSN|D\.N\.I\.|"
    r"NIT #|C\.U\.R\.P\. #|R\.F\.C\. #|RFC|RUC #|C\.U\.I\.T\.|I\.F\.E\.|RIF #|RTN|"
    r"Identification Number|Personal ID Card|Residency Number|Driver's License No\.|"
    r"Birth Certificate Number|Electoral Registry No\.|Credencial electoral|"
    r"Registration Number|Registration ID|Business Registration (?:Number|Document #)|"
    r"Company Number|Commercial Registry Number|Legal Entity Number|Trade License No\.|"
    r"Folio Mercantil No\.|Matricula Mercantil No|Unified Social Credit Code \(USCC\)|"
    r"Government Gazette Number|V\.A\.T\. Number|D-U-N-S Number|MMSI|BIK(?: \(RU\))?|"
    r"Vessel Registration Identification|Aircraft Manufacturer's Serial Number \(MSN\)|"
    r"Public Security and Immigration No\.|Chinese Commercial Code|SWIFT/BIC|"
    r"Kenyan ID No\.|Stateless Person Passport|Refugee ID Card|Numero de Identidad|"
    r"Cartilla de Servicio Militar Nacional|Immigration No\."
)
_DOCUMENT = re.compile(
    rf"^(?:alt\.\s+)?(?P<type>{_DOCUMENT_TYPES})\s+(?P<number>[^\s()]+(?:\s+[^\s()]+)*?)"
    r"(?:\s+\((?P<country>[^)]*)\))?(?P<note>\s+.*)?$",
    re.IGNORECASE,
)


@dataclass
class _Entry:
    """One SDN row being assembled, with the facts its Remarks and side files add."""

    id: str
    line: int
    row: dict[str, str]
    remarks: str
    continued: bool = False
    names: list[dict] = field(default_factory=list)
    addresses: list[dict] = field(default_factory=list)


def is_sdn_path(path: Path) -> bool:
    """True for a folder holding SDN.CSV, or a file that is SDN.CSV or shaped like it."""
    if path.is_dir():
        return _find(path, "sdn.csv") is not None
    if path.name.lower() == "sdn.csv":
        return True
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(4096).decode("latin-1")
    first = next(csv.reader(io.StringIO(head, newline="")), [])
    return len(first) == len(SDN_COLUMNS) and first[0].strip().isdigit()


@gc_paused
def read_sdn(
    path: str | Path,
    *,
    alt: str | Path | None = None,
    add: str | Path | None = None,
    comments: str | Path | None = None,
    strict: bool = False,
) -> RecordSet:
    """Read OFAC's legacy SDN CSV set into a RecordSet.

    `path` is a folder holding SDN.CSV (ALT.CSV, ADD.CSV and SDN_COMMENTS.CSV beside it are
    read too, in any letter case) or the SDN.CSV file itself; `alt=`, `add=`, `comments=` name
    side files elsewhere and win over those found beside it. Every row of a side file that
    cannot be joined to an SDN entry, and every continuation that does not fit its remark, is
    reported in `problems`; with `strict=True` the first such problem raises `ReadError`.
    """
    path = Path(path)
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    folder = path if path.is_dir() else path.parent
    sdn_path = _find(path, "sdn.csv") if path.is_dir() else path
    if sdn_path is None:
        present = sorted(p.name for p in path.iterdir())
        raise ReadError(
            f"{path}: no SDN.CSV in this folder (found: {', '.join(present) or 'nothing'}); "
            "an OFAC legacy CSV set needs SDN.CSV for names"
        )
    alt_path = Path(alt) if alt else _find(folder, "alt.csv")
    add_path = Path(add) if add else _find(folder, "add.csv")
    comments_path = Path(comments) if comments else _find(folder, "sdn_comments.csv")

    log = ProblemLog(strict)
    entries = _read_sdn_rows(sdn_path, log)
    if comments_path:
        _join_comments(entries, comments_path, log)
    for entry in entries.values():
        if len(entry.remarks) == REMARKS_LIMIT and not entry.continued:
            log.add(
                f"{sdn_path.name}:{entry.line}",
                "Remarks",
                entry.remarks[-60:],
                f"remarks cut at {REMARKS_LIMIT} characters with no continuation"
                + (" in SDN_COMMENTS.CSV" if comments_path else " (no SDN_COMMENTS.CSV given)"),
                action="kept",
                record_id=entry.id,
            )
    if alt_path:
        _join_aliases(entries, alt_path, log)
    if add_path:
        _join_addresses(entries, add_path, log)

    rows = [_to_record(entry, log, sdn_path.name) for entry in entries.values()]
    list_date = _date_from_name(folder.name)
    source = Source(
        path=str(path),
        list_name="OFAC SDN",
        format="sdn",
        list_date=list_date,
        details={
            "sdn": str(sdn_path),
            "alt": str(alt_path) if alt_path else None,
            "add": str(add_path) if add_path else None,
            "comments": str(comments_path) if comments_path else None,
            "list_date_from": "folder name" if list_date else None,
        },
    )
    locations = [f"{sdn_path.name}:{entry.line}" for entry in entries.values()]
    return RecordSet.from_rows(rows, log, source, locations=locations)


def _find(folder: Path, name: str) -> Path | None:
    for candidate in sorted(folder.iterdir()):
        if candidate.name.lower() == name and candidate.is_file():
            return candidate
    return None


def _date_from_name(name: str) -> str | None:
    return name if re.fullmatch(r"\d{4}-\d{2}-\d{2}", name) else None


def _csv_rows(path: Path, columns: tuple[str, ...], log: ProblemLog) -> Iterator[tuple[int, dict]]:
    """(first line number, row) for each well-formed row; malformed rows go to `log`.

    Cells are stripped and `-0-` read as empty, except the last column (Remarks), whose
    trailing space matters where OFAC cut it: the continuation starts after that space.
    A file whose first row is malformed is not of this format at all, and raises.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(f"{path}: cannot read ({error.strerror})") from error
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # OFAC writes ASCII; a byte above it means another tool re-saved the file, in practice
        # as Windows-1252, which decodes every byte.
        text = data.decode("cp1252", errors="replace")
        log.add(path.name, "(file)", "", "not UTF-8: read as Windows-1252", action="repaired")
    # Only CR and LF end a line: Unicode line separators inside a name are part of the name.
    reader = csv.reader(io.StringIO(text.removesuffix("\x1a"), newline=""), strict=True)
    line = 1
    first = True
    while True:
        start = line
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            line = reader.line_num + 1
            _malformed(path, start, "", f"unreadable CSV row ({error})", first, columns, log)
            first = False
            continue
        line = reader.line_num + 1
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if first and cells[0].strip().lower() == "ent_num":
            first = False
            continue
        if len(cells) != len(columns):
            reason = f"{len(cells)} columns, expected {len(columns)} ({', '.join(columns)})"
            _malformed(path, start, ",".join(cells), reason, first, columns, log)
            first = False
            continue
        *head, last = cells
        values = [_NULLS.get(c, c) for c in map(str.strip, head)]
        values.append("" if last.strip() == "-0-" else last)
        values = dict(zip(columns, values, strict=True))
        if not values["ent_num"].isdigit():
            reason = "ent_num is not a whole number"
            _malformed(path, start, cells[0], reason, first, columns, log)
            first = False
            continue
        first = False
        yield start, values


def _malformed(path, line, value, reason, first, columns, log) -> None:
    if first:
        raise ReadError(
            f"{path}:{line}: {reason}; not an OFAC {path.name.upper()} file "
            f"(expected rows of {len(columns)} columns: {', '.join(columns)})"
        )
    record_id = value.split(",", 1)[0].strip()
    log.add(f"{path.name}:{line}", "(row)", value, reason, action="skipped",
            record_id=record_id if record_id.isdigit() else None)


def _read_sdn_rows(path: Path, log: ProblemLog) -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}
    for line, row in _csv_rows(path, SDN_COLUMNS, log):
        ent_num = row["ent_num"]
        if ent_num in entries:
            log.add(
                f"{path.name}:{line}",
                "ent_num",
                ent_num,
                f"duplicate ent_num (first on line {entries[ent_num].line})",
                action="skipped",
                record_id=ent_num,
            )
            continue
        if not row["SDN_Name"]:
            log.add(f"{path.name}:{line}", "SDN_Name", "", "no name", action="skipped",
                    record_id=ent_num)
            continue
        if row["SDN_Type"].lower() not in _ENTITY_TYPES:
            log.add(
                f"{path.name}:{line}",
                "SDN_Type",
                row["SDN_Type"],
                "unknown SDN_Type (expected individual, vessel, aircraft or empty): "
                "read as organization",
                action="repaired",
                record_id=ent_num,
            )
        entries[ent_num] = _Entry(ent_num, line, row, row["Remarks"])
        row["Remarks"] = row["Remarks"].strip()
    return entries


def _join_comments(entries: dict[str, _Entry], path: Path, log: ProblemLog) -> None:
    """Glue each remark continuation to its remark, when it fits.

    A continuation fits a remark cut at the limit. When the remark was edited between the two
    files (they are published separately), the continuation repeats text already in the remark,
    or the remark is complete: then gluing would make nonsense, so it is reported instead.
    """
    for line, row in _csv_rows(path, COMMENTS_COLUMNS, log):
        where = f"{path.name}:{line}"
        text = row["Remarks_Extended"]
        entry = entries.get(row["ent_num"])
        if entry is None:
            log.add(where, "Remarks_Extended", text, "no SDN.CSV entry with this ent_num",
                    action="skipped", record_id=row["ent_num"])
            continue
        if len(entry.remarks) < REMARKS_LIMIT:
            reason = f"continues a remark that is complete ({len(entry.remarks)} characters)"
        elif _repeats(entry.remarks, text):
            reason = "repeats text of the remark: the remark was edited after this continuation"
        else:
            entry.remarks += text
            entry.continued = True
            continue
        log.add(where, "Remarks_Extended", text, reason + "; not glued", action="skipped",
                record_id=entry.id)


def _repeats(remark: str, continuation: str) -> bool:
    """True when the start of `continuation` already stands in `remark`."""
    probe = continuation[:40]
    return len(probe) >= 20 and probe in remark


def _join_aliases(entries: dict[str, _Entry], path: Path, log: ProblemLog) -> None:
    for line, row in _csv_rows(path, ALT_COLUMNS, log):
        where = f"{path.name}:{line}"
        entry = entries.get(row["ent_num"])
        if entry is None:
            log.add(where, "alt_name", row["alt_name"], "no SDN.CSV entry with this ent_num",
                    action="skipped", record_id=row["ent_num"])
            continue
        kind = row["alt_type"].lower().replace(".", "")
        if kind not in _ALT_KINDS:
            log.add(where, "alt_type", row["alt_type"], "unknown alias type (expected aka, "
                    "fka or nka): kept as aka", action="repaired", record_id=entry.id)
            kind = "aka"
        if not row["alt_name"]:
            log.add(where, "alt_name", "", "empty alias", action="skipped", record_id=entry.id)
            continue
        note = row["alt_remarks"].strip() or None
        entry.names.append({"name": row["alt_name"], "kind": kind, "note": note})


def _join_addresses(entries: dict[str, _Entry], path: Path, log: ProblemLog) -> None:
    seen: set[str] = set()
    for line, row in _csv_rows(path, ADD_COLUMNS, log):
        entry = entries.get(row["ent_num"])
        seen.add(row["ent_num"])
        if entry is None:
            value = ", ".join(v for v in (row["address"], row["city_state_postal"],
                                          row["country"]) if v)
            log.add(f"{path.name}:{line}", "address", value, "no SDN.CSV entry with this "
                    "ent_num", action="skipped", record_id=row["ent_num"])
            continue
        entry.addresses.append(
            {
                "street": row["address"] or None,
                "city": row["city_state_postal"] or None,
                "country": row["country"] or None,
                "note": row["add_remarks"].strip() or None,
            }
        )
    # OFAC gives every listed entry at least one ADD row: an entry without one was listed
    # after the ADD.CSV was written, or the two files are from different days.
    for entry in entries.values():
        if entry.id not in seen:
            log.add(f"{path.name}", "ent_num", entry.id, "SDN.CSV entry has no row in ADD.CSV "
                    "(files from different days?)", action="kept", record_id=entry.id)


def _to_record(entry: _Entry, log: ProblemLog, file_name: str) -> dict:
    row = entry.row
    entity_type = _ENTITY_TYPES.get(row["SDN_Type"].lower(), "organization")
    surname = given = None
    if entity_type == "person" and "," in row["SDN_Name"]:
        surname, given = (part.strip() for part in row["SDN_Name"].split(",", 1))
    record: dict = {
        "id": entry.id,
        "entity_type": entity_type,
        "name": row["SDN_Name"],
        "surname": surname or None,
        "given_names": given or None,
        "programs": _programs(row["Program"]),
        "titles": [row["Title"]] if row["Title"] else [],
        "remarks": entry.remarks.strip() or None,
        "addresses": entry.addresses,
        "raw": {k: v for k, v in row.items() if v and k != "Remarks"},
    }
    facts = parse_remarks(entry.remarks)
    names = [{"name": row["SDN_Name"], "kind": "primary", "note": None}, *entry.names]
    names += [{"name": n, "kind": "weak", "note": note} for n, note in facts.pop("weak")]
    record["names"] = names
    record["aliases"] = [n["name"] for n in entry.names]
    record["weak_aliases"] = [n["name"] for n in names if n["kind"] == "weak"]
    genders = facts.pop("gender")
    if len(set(genders)) > 1:
        log.add(f"{file_name}:{entry.line}", "Gender", "; ".join(genders),
                "more than one gender: kept the first", action="repaired", record_id=entry.id)
    record["gender"] = genders[0] if genders else None
    record.update(facts)
    countries = [a["country"] for a in entry.addresses if a["country"]]
    if row["Vess_flag"]:
        countries.append(row["Vess_flag"])
    record["country"] = list(dict.fromkeys(countries))
    return record


def _programs(value: str) -> list[str]:
    return [p.strip(" []") for p in value.split("] [") if p.strip(" []")]


def parse_remarks(remarks: str) -> dict[str, list]:
    """The facts in an OFAC Remarks text, each kept as written.

    Returns lists under `dob`, `pob`, `nationality`, `citizenship`, `gender`, `weak`
    ((name, note) pairs of the single-quoted a.k.a. / f.k.a. / n.k.a. names), `documents`
    and `linked_to`. Facts of other kinds (websites, positions, sanctions notes) stay in the
    remarks text only.
    """
    facts: dict[str, list] = {
        key: [] for key in ("dob", "pob", "nationality", "citizenship", "gender", "weak",
                            "documents", "linked_to")
    }
    text = remarks.strip()
    if text.endswith("."):
        text = text[:-1]
    for item in (part.strip() for part in text.split(";")):
        if not item:
            continue
        if match := _QUOTED_ALIAS.match(item):
            facts["weak"].append((match.group(2).strip(), match.group(1).lower()))
        elif match := _FACT.match(item):
            key = {"DOB": "dob", "POB": "pob", "citizen": "citizenship",
                   "Gender": "gender"}.get(match.group("key"), match.group("key"))
            value = match.group("value").strip()
            facts[key].append(value.lower() if key == "gender" else value)
        elif match := _LINKED_TO.match(item):
            facts["linked_to"].append(match.group("value").strip())
        elif match := _DOCUMENT.match(item):
            facts["documents"].append(
                {
                    "type": match.group("type"),
                    "number": match.group("number").strip(),
                    "country": (match.group("country") or "").strip() or None,
                    "note": (match.group("note") or "").strip() or None,
                }
            )
    return facts
