"""Safe XML parsing shared by the XML readers (UN, Canada).

Official list files are parsed with defusedxml: entity declarations (billion laughs, quadratic
blowup) and external entities or DTDs are refused before anything is expanded or fetched, and the
refusal is a `ReadError` naming the file, like any other structural fault.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from gmmatch.records import ReadError


def parse_xml(path: str | Path, *, expected_root: str, what: str) -> Element:
    """The root element of `path`, parsed safely; `ReadError` on any structural fault."""
    path = Path(path)
    try:
        root = SafeET.parse(str(path)).getroot()
    except defusedxml.EntitiesForbidden as exc:
        raise ReadError(
            f"{path}: refused: the file declares XML entities ({exc.name!r}); {what} files do not, "
            "and expanding them could exhaust memory (billion laughs) or read other files"
        ) from None
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden) as exc:
        raise ReadError(
            f"{path}: refused: the file refers to an external resource or DTD ({exc}); "
            f"{what} files do not"
        ) from None
    except ParseError as exc:
        raise ReadError(f"{path}: not well-formed XML ({exc}); expected a {what} file") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (LookupError, ValueError) as exc:
        # an encoding that expat cannot decode, named in the XML declaration: unknown (LookupError),
        # multi-byte, or a codec that is not a text encoding (ValueError, UnicodeError)
        raise ReadError(
            f"{path}: the XML declaration names an encoding that cannot be read ({exc}); "
            f"expected a {what} file in UTF-8"
        ) from None
    if root.tag != expected_root:
        raise ReadError(
            f"{path}: root element is <{root.tag}>, expected <{expected_root}> of a {what} file"
        )
    return root


def text(elem: Element | None, tag: str | None = None) -> str | None:
    """Stripped text of `elem` (or of its child `tag`); None when absent or blank.

    Strips ordinary and no-break spaces, which the official files leave at the ends of values.
    """
    if elem is not None and tag is not None:
        elem = elem.find(tag)
    if elem is None or elem.text is None:
        return None
    value = elem.text.strip()
    return value or None


def texts(elem: Element, path: str) -> list[str]:
    """Stripped, non-blank texts of every element at `path` under `elem`, in order."""
    out = []
    for child in elem.iterfind(path):
        value = text(child)
        if value is not None:
            out.append(value)
    return out


def fields(elem: Element) -> dict[str, object]:
    """The element's children as a dict (repeated tags as lists), for `raw`."""
    out: dict[str, object] = {}
    for child in elem:
        if len(child):
            value: object = fields(child)
        else:
            value = text(child)
        if value in (None, {}, []):
            continue
        if child.tag in out:
            prev = out[child.tag]
            if isinstance(prev, list):
                prev.append(value)
            else:
                out[child.tag] = [prev, value]
        else:
            out[child.tag] = value
    return out


def unique(values) -> list:
    """`values` without repeats, first occurrence kept, blanks dropped."""
    seen = set()
    out = []
    for v in values:
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out
