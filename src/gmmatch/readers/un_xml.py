"""Reader for the UN Security Council consolidated list (official XML).

One record per INDIVIDUAL or ENTITY; `id` is the REFERENCE_NUMBER (e.g. `CDi.001`). The file
does not say which name part is the surname, so `name` is FIRST..FOURTH_NAME joined in order and
`surname` stays empty. Quirks and field mapping: docs/formats/un.md.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from gmmatch.readers._xml import fields, parse_xml, text, texts, unique
from gmmatch.records import ProblemLog, RecordSet, Source, gc_paused

ROOT = "CONSOLIDATED_LIST"
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")

# Alias QUALITY: individuals say Good / Low (Low = weak alias); entities say a.k.a. / f.k.a.
_ALIAS_KIND = {"good": "aka", "a.k.a.": "aka", "low": "weak", "f.k.a.": "fka", "": "aka"}


def is_un_xml(head: bytes) -> bool:
    """Whether the first bytes of a file look like the UN consolidated list."""
    return b"<CONSOLIDATED_LIST" in head


@gc_paused
def read_un(path: str | Path, *, strict: bool = False) -> RecordSet:
    """Read the UN Security Council consolidated list XML into a RecordSet.

    Individuals become `person` records, entities `organization` records. Aliases of quality
    "Low" go to `weak_aliases`; NAME_ORIGINAL_SCRIPT to `aliases` (kind `original_script`).
    Dates of birth become one text each (`1965-09-15`, `1965`, `circa 1965`, `1962 to 1965`).
    A record without REFERENCE_NUMBER or without any name is skipped and reported; a repeated
    REFERENCE_NUMBER is reported and the later record skipped.
    """
    path = Path(path)
    log = ProblemLog(strict)
    root = parse_xml(path, expected_root=ROOT, what="UN Security Council consolidated list")
    rows: list[dict] = []
    seen: set[str] = set()
    counts = {"person": 0, "organization": 0}
    for group, tag, entity_type in (
        ("INDIVIDUALS", "INDIVIDUAL", "person"),
        ("ENTITIES", "ENTITY", "organization"),
    ):
        for index, elem in enumerate(root.iterfind(f"{group}/{tag}"), start=1):
            where = f"{path.name}:/{ROOT}/{group}/{tag}[{index}]"
            row = _record(elem, entity_type, where, log)
            if row is None:
                continue
            if row["id"] in seen:
                log.add(
                    where,
                    "id",
                    row["id"],
                    "REFERENCE_NUMBER repeated; the earlier record is kept",
                    action="skipped",
                    record_id=row["id"],
                )
                continue
            seen.add(row["id"])
            counts[entity_type] += 1
            rows.append(row)
    generated = root.get("dateGenerated")
    source = Source(
        path=str(path),
        list_name="UN Security Council Consolidated List",
        format="un",
        list_date=generated[:10] if generated else None,
        details={
            "date_generated": generated,
            "individuals": counts["person"],
            "entities": counts["organization"],
        },
    )
    return RecordSet.from_rows(rows, log, source)


def _record(elem: Element, entity_type: str, where: str, log: ProblemLog) -> dict | None:
    ref = text(elem, "REFERENCE_NUMBER")
    parts = [p for p in (text(elem, t) for t in NAME_PARTS) if p]
    name = " ".join(" ".join(parts).split()) or None
    if ref is None:
        log.add(where, "id", name or "", "no REFERENCE_NUMBER", action="skipped")
        return None
    names = [{"name": name, "kind": "primary", "note": None}] if name else []
    aliases: list[str] = []
    weak: list[str] = []
    for orig in texts(elem, "NAME_ORIGINAL_SCRIPT"):
        names.append({"name": orig, "kind": "original_script", "note": None})
        aliases.append(orig)
    dob: list[str] = []
    pob: list[str] = []
    countries: list[str] = []
    alias_tag = "INDIVIDUAL_ALIAS" if entity_type == "person" else "ENTITY_ALIAS"
    for alias in elem.iterfind(alias_tag):
        alias_name = text(alias, "ALIAS_NAME")
        if alias_name is None:
            continue
        quality = (text(alias, "QUALITY") or "").lower()
        kind = _ALIAS_KIND.get(quality)
        if kind is None:
            log.add(
                where,
                "aliases",
                quality,
                "unknown alias QUALITY; taken as a strong alias",
                action="kept",
                record_id=ref,
            )
            kind = "aka"
        names.append({"name": alias_name, "kind": kind, "note": text(alias, "NOTE")})
        (weak if kind == "weak" else aliases).append(alias_name)
        # Some aliases carry their own date and place of birth (the person travelled under
        # that identity); they are dates and places of the same person, so they are kept.
        alias_dob = text(alias, "DATE_OF_BIRTH")
        if alias_dob:
            dob.append(alias_dob)
        place = _join(text(alias, "CITY_OF_BIRTH"), text(alias, "COUNTRY_OF_BIRTH"))
        if place:
            pob.append(place)
        countries.append(text(alias, "COUNTRY_OF_BIRTH"))
    if name is None:
        if not (aliases or weak):
            log.add(where, "name", "", "record without any name", action="skipped", record_id=ref)
            return None
        name = (aliases or weak)[0]
        log.add(
            where,
            "name",
            "",
            "no FIRST..FOURTH_NAME; the first alias is used as the name",
            action="repaired",
            record_id=ref,
        )

    for item in elem.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        value = _dob(item)
        if value:
            dob.append(value)
        elif text(item, "TYPE_OF_DATE"):
            log.add(
                where,
                "dob",
                text(item, "TYPE_OF_DATE"),
                "date of birth type without a date",
                action="skipped",
                record_id=ref,
            )
    for place in elem.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        # City, state and country joined; the street (often a village) or the note only when
        # none of those three is given.
        joined = _join(text(place, "CITY"), text(place, "STATE_PROVINCE"), text(place, "COUNTRY"))
        joined = joined or text(place, "STREET") or text(place, "NOTE")
        if joined:
            pob.append(joined)
        countries.append(text(place, "COUNTRY"))

    addresses = []
    address_tag = "INDIVIDUAL_ADDRESS" if entity_type == "person" else "ENTITY_ADDRESS"
    for addr in elem.iterfind(address_tag):
        street = text(addr, "STREET")
        city = _join(text(addr, "CITY"), text(addr, "STATE_PROVINCE"), text(addr, "ZIP_CODE"))
        country = text(addr, "COUNTRY")
        note = text(addr, "NOTE")
        if street or city or country or note:
            addresses.append({"street": street, "city": city, "country": country, "note": note})
        countries.append(country)

    documents = []
    for doc in elem.iterfind("INDIVIDUAL_DOCUMENT"):
        number = text(doc, "NUMBER")
        doc_type = _join(text(doc, "TYPE_OF_DOCUMENT"), text(doc, "TYPE_OF_DOCUMENT2"), sep=" / ")
        note = _join(
            text(doc, "NOTE"),
            _labelled("issued", text(doc, "DATE_OF_ISSUE")),
            _labelled("in", text(doc, "CITY_OF_ISSUE")),
            sep="; ",
        )
        country = text(doc, "ISSUING_COUNTRY") or text(doc, "COUNTRY_OF_ISSUE")
        if number or doc_type or note:
            documents.append({"type": doc_type, "number": number, "country": country, "note": note})

    gender = text(elem, "GENDER")
    return {
        "id": ref,
        "entity_type": entity_type,
        "name": name,
        "aliases": unique(aliases),
        "weak_aliases": unique(weak),
        "names": names,
        "dob": unique(dob),
        "pob": unique(pob),
        "nationality": texts(elem, "NATIONALITY/VALUE"),
        "country": unique(countries),
        "gender": gender.lower() if gender else None,
        "titles": texts(elem, "TITLE/VALUE") + texts(elem, "DESIGNATION/VALUE"),
        "programs": texts(elem, "UN_LIST_TYPE"),
        "documents": documents,
        "addresses": addresses,
        "listed_on": text(elem, "LISTED_ON"),
        "remarks": text(elem, "COMMENTS1"),
        "raw": fields(elem),
    }


def _dob(item: Element) -> str | None:
    """One INDIVIDUAL_DATE_OF_BIRTH as one text the date parser understands.

    EXACT -> DATE or YEAR as written; APPROXIMATELY -> `circa ...`; BETWEEN -> `FROM to TO`.
    With no DATE/YEAR/FROM_YEAR the NOTE (e.g. `Nov. 1973`) is the only statement of the date
    and is used as written; otherwise the NOTE stays in `raw`.
    """
    kind = (text(item, "TYPE_OF_DATE") or "").upper()
    date = text(item, "DATE") or text(item, "YEAR")
    start, end = text(item, "FROM_YEAR"), text(item, "TO_YEAR")
    if start or end:
        value = f"{start} to {end}" if start and end else (start or end)
    elif date:
        value = date
    else:
        return text(item, "NOTE")
    if kind == "APPROXIMATELY" and not value.lower().startswith("circa"):
        value = f"circa {value}"
    return value


def _join(*parts: str | None, sep: str = ", ") -> str | None:
    joined = sep.join(p for p in parts if p)
    return joined or None


def _labelled(label: str, value: str | None) -> str | None:
    return f"{label} {value}" if value else None
