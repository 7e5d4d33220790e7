"""Reader for Canada's Consolidated Canadian Autonomous Sanctions List (SEMA / JVCFOR), XML.

The file is a flat `<data-set>` of `<record>`s with `Country` (a country regime such as
`Burma / Birmanie`, or the Magnitsky regulations `Justice for Victims of Corrupt Foreign
Officials Regulations (JVCFOR) / ...`), `Schedule`, `Item`, and either `Entity` or
`LastName`/`GivenName`, plus optional `Aliases` (comma-separated), `DateOfBirth` (`A or B` when
uncertain) and `Title`. It has no unique key; the id rule is `derive_id` below and
docs/formats/canada.md.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path
from xml.etree.ElementTree import Element

from gmmatch.readers._xml import fields, parse_xml, text, unique
from gmmatch.records import ProblemLog, ReadError, RecordSet, Source, gc_paused

ROOT = "data-set"
WHAT = "Canadian consolidated autonomous sanctions list"
KNOWN = {"Country", "Schedule", "Item", "LastName", "GivenName", "Entity", "Aliases",
         "DateOfBirth", "Title", "TitleOrShip", "Ship"}  # fmt: skip


def is_canada_xml(head: bytes) -> bool:
    """Whether the first bytes of a file look like the Canadian consolidated list."""
    return b"<data-set" in head and b"<record" in head


def program_code(program: str) -> str:
    """Short code of a `Country` value: the acronym in parentheses (`JVCFOR`) when there is one,
    else the English half (before ` / `) in capitals with non-letters as `_` (`SOUTH_SUDAN`)."""
    acronym = re.search(r"\(([A-Z]{3,})\)", program)
    if acronym:
        return acronym.group(1)
    english = program.split(" / ")[0]
    return re.sub(r"[^0-9A-Za-z]+", "_", english).strip("_").upper() or "NONE"


def _slug(value: str | None) -> str:
    """`1, Part 2` -> `1P2`; `N/A` or missing -> `NA`."""
    if not value:
        return "NA"
    value = re.sub(r"\bpart\b", "P", value, flags=re.IGNORECASE)
    return re.sub(r"[^0-9A-Za-z]+", "", value).upper() or "NA"


def derive_id(program: str | None, schedule: str | None, item: str | None) -> str:
    """The stable id of a record: `{program code}-{schedule}-{item}`, e.g. `BURMA-1-17`,
    `RUSSIA-1P2-5`, `JVCFOR-1-12`, `VENEZUELA-NA-55` (no or N/A schedule)."""
    return f"{program_code(program or '')}-{_slug(schedule)}-{_slug(item)}"


@gc_paused
def read_canada(path: str | Path, *, strict: bool = False) -> RecordSet:
    """Read Canada's consolidated autonomous sanctions list XML into a RecordSet.

    Persons (`LastName`/`GivenName`) become `person` records named "Given Last"; `Entity` records
    become `organization`s. `programs` holds the `Country` value as written (the regime or the
    JVCFOR regulations); `country` the English half of a country regime (none for JVCFOR).
    Aliases of persons that are one word (a given-name spelling such as `Andrei`, a nickname)
    go to `weak_aliases`: one word alone does not name a person.
    """
    path = Path(path)
    log = ProblemLog(strict)
    root = parse_xml(path, expected_root=ROOT, what=WHAT)
    records = root.findall("record")
    if not records and len(root):
        tags = sorted({child.tag for child in root})
        raise ReadError(f"{path}: <{ROOT}> holds {tags}, expected <record> elements")
    parsed: list[tuple[str, dict]] = []
    for index, elem in enumerate(records, start=1):
        where = f"{path.name}:/{ROOT}/record[{index}]"
        for child in elem:
            if child.tag not in KNOWN and text(child):
                log.add(where, child.tag, text(child), "unknown element; kept in raw")
        row = _record(elem, where, log)
        if row is not None:
            parsed.append((where, row))
    # Program, schedule and item identify a record; where they repeat (or Item is missing), every
    # record concerned gets a hash of its name appended, whatever the order of the file.
    base_counts = Counter(row["id"] for _, row in parsed)
    rows: list[dict] = []
    seen: set[str] = set()
    repeated = 0
    for where, row in parsed:
        base = row["id"]
        if base_counts[base] > 1 or base.endswith("-NA"):
            digest = hashlib.sha1((row["name"] or "").casefold().encode()).hexdigest()[:8]
            row["id"] = f"{base}-{digest}"
            if base_counts[base] > 1:
                repeated += 1
                log.add(
                    where,
                    "id",
                    base,
                    f"program, schedule and item repeat; id {row['id']!r} derived with a hash "
                    "of the name",
                    action="repaired",
                    record_id=row["id"],
                )
        if row["id"] in seen:
            log.add(
                where,
                "id",
                row["id"],
                "same program, schedule, item and name as an earlier record",
                action="skipped",
                record_id=row["id"],
            )
            continue
        seen.add(row["id"])
        rows.append(row)
    programs = {}
    for row in rows:
        for p in row["programs"]:
            programs[program_code(p)] = programs.get(program_code(p), 0) + 1
    source = Source(
        path=str(path),
        list_name="Consolidated Canadian Autonomous Sanctions List",
        format="canada",
        list_date=_date_from_name(path.name),
        details={"records_by_program": programs, "repeated_keys": repeated},
    )
    return RecordSet.from_rows(rows, log, source)


def _record(elem: Element, where: str, log: ProblemLog) -> dict | None:
    program = text(elem, "Country")
    schedule = text(elem, "Schedule")
    item = text(elem, "Item")
    rid = derive_id(program, schedule, item)
    entity = text(elem, "Entity")
    last = text(elem, "LastName")
    given = text(elem, "GivenName")
    if entity:
        entity_type = "organization"
        name = " ".join(entity.split())
        surname = given_names = None
        if last or given:
            log.add(
                where,
                "name",
                f"{given or ''} {last or ''}".strip(),
                "record has both Entity and person names; read as an entity",
                action="kept",
                record_id=rid,
            )
    elif last or given:
        entity_type = "person"
        surname = " ".join(last.split()) if last else None
        given_names = " ".join(given.split()) if given else None
        name = " ".join(p for p in (given_names, surname) if p)
    else:
        log.add(where, "name", "", "record without Entity, LastName or GivenName",
                action="skipped", record_id=rid)  # fmt: skip
        return None
    if program is None:
        log.add(where, "programs", "", "record without Country (program)", record_id=rid)
    if item is None:
        log.add(where, "id", "", "record without Item", record_id=rid)

    aliases: list[str] = []
    weak: list[str] = []
    names = [{"name": name, "kind": "primary", "note": None}]
    for alias in (a.strip() for a in (text(elem, "Aliases") or "").split(",")):
        alias = " ".join(alias.split())
        if not alias:
            continue
        if entity_type == "person" and len(alias.split()) == 1:
            weak.append(alias)
            names.append({"name": alias, "kind": "weak", "note": "one-word alias"})
        else:
            aliases.append(alias)
            names.append({"name": alias, "kind": "aka", "note": None})

    dob = [d.strip() for d in re.split(r"\s+or\s+", text(elem, "DateOfBirth") or "") if d.strip()]
    title = text(elem, "Title") or text(elem, "TitleOrShip")
    country = program.split(" / ")[0].strip() if program and "(" not in program else None
    return {
        "id": rid,
        "entity_type": entity_type,
        "name": name,
        "surname": surname,
        "given_names": given_names,
        "aliases": unique(aliases),
        "weak_aliases": unique(weak),
        "names": names,
        "dob": dob,
        "country": [country] if country else [],
        "titles": [title] if title else [],
        "programs": [program] if program else [],
        "raw": fields(elem),
    }


def _date_from_name(name: str) -> str | None:
    """The list date when the file name carries one (`sema-lmes_2020-04-15.xml`)."""
    found = re.search(r"(\d{4}-\d{2}-\d{2})", name)
    return found.group(1) if found else None
