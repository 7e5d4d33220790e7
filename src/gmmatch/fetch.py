"""Downloading the official list files: the only module of gmmatch that touches the network.

A download must never leave an analyst worse off than before: files are fetched into a
temporary folder inside the destination, checked (complete, and readable by gmmatch's own
readers), and only then moved over the previous copy, each with an atomic rename. A failed,
cut or unreadable download leaves the previous copy untouched and raises `FetchError`.

Beside the files, `manifest.json` records for each list when it was fetched, from where, the
date the list itself states (UN `dateGenerated`), and each file's size and sha256, so that
`gmmatch history` can date the copy and anyone can tell later exactly which files were used.
Sources, manifest format and exit codes: docs/fetch.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gmmatch.records import ReadError

#: OFAC's Sanctions List Service: the legacy CSV set, one URL per file.
OFAC_BASE_URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
#: The UN Security Council consolidated list, English XML edition.
UN_BASE_URL = "https://scsanctions.un.org/resources/xml/en/"

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
USER_AGENT = "gmmatch-fetch/0.1 (+https://github.com/gmmatch; sanctions list research)"

DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 2.0
#: No single wait between attempts is longer than this, however many retries are asked.
MAX_BACKOFF = 60.0

# Statuses worth another try: the server or a proxy is busy or briefly broken.
_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_CHUNK = 1 << 16
_TEMP_PREFIX = ".gmmatch-fetch-"


@dataclass(frozen=True)
class ListSource:
    """An official list: its name on the command line, where it lives, and its files."""

    name: str
    title: str
    base_url: str
    files: tuple[str, ...]


LISTS: dict[str, ListSource] = {
    "sdn": ListSource(
        "sdn",
        "OFAC SDN list, legacy CSV set",
        OFAC_BASE_URL,
        ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV"),
    ),
    "un": ListSource(
        "un", "UN Security Council consolidated list", UN_BASE_URL, ("consolidated.xml",)
    ),
}


class FetchError(RuntimeError):
    """A download failed or gave files that do not read; the previous copy is untouched.

    `kind` is `download` (network, HTTP status, cut short) or `invalid` (the files arrived but
    are not a readable list); the CLI maps them to different exit codes.
    """

    def __init__(self, message: str, *, kind: str = "download"):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class FetchedFile:
    """One downloaded file as the manifest records it."""

    name: str
    url: str
    size: int
    sha256: str
    fetched_at: str
    last_modified: str | None = None
    etag: str | None = None


@dataclass
class FetchResult:
    """What `fetch_list` installed: the folder, the files, the list's own date, the checks."""

    list_name: str
    folder: Path
    files: list[FetchedFile]
    fetched_at: str
    source_url: str
    list_date: str | None
    records: int
    problems: int
    warnings: list[str] = field(default_factory=list)

    @property
    def manifest_path(self) -> Path:
        return self.folder / MANIFEST_NAME

    def as_dict(self) -> dict[str, Any]:
        """The manifest entry for this list (JSON-ready)."""
        return {
            "list": self.list_name,
            "fetched_at": self.fetched_at,
            "source_url": self.source_url,
            "list_date": self.list_date,
            "records": self.records,
            "problems": self.problems,
            "warnings": self.warnings,
            "files": [asdict(f) for f in self.files],
        }


def fetch_list(
    name: str,
    to: str | Path,
    *,
    url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    progress: Callable[[str], None] | None = None,
) -> FetchResult:
    """Download the current files of list `name` (`sdn` or `un`) into folder `to`.

    `url` replaces the base URL (file names are appended; for a one-file list a URL ending in
    the file's extension is used as is). Each file gets `retries` more attempts after the first
    on connection errors, timeouts, cut transfers and HTTP 408/429/5xx, waiting `backoff`
    seconds doubled each time (at most `MAX_BACKOFF`). The set is then read with gmmatch's own
    reader; only if all of it downloads and reads are the files moved into `to` and the
    manifest updated. Raises `FetchError` otherwise, leaving `to` as it was.
    """
    if name not in LISTS:
        raise ValueError(f"unknown list {name!r}; expected one of {', '.join(LISTS)}")
    if retries < 0 or timeout <= 0 or backoff < 0:
        raise ValueError("retries and backoff must be >= 0 and timeout > 0")
    source = LISTS[name]
    base = url or source.base_url
    folder = Path(to)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=folder))
    try:
        files = []
        for file_name in source.files:
            file_url = file_url_for(base, file_name, single=len(source.files) == 1)
            if progress:
                progress(f"downloading {file_url}")
            files.append(
                download(file_url, staging / file_name, timeout=timeout, retries=retries,
                         backoff=backoff)
            )
        if progress:
            progress("checking the downloaded files")
        records, problems, list_date, warnings = _VALIDATORS[name](staging)
        fetched_at = files[0].fetched_at
        result = FetchResult(name, folder, files, fetched_at, base, list_date, records,
                             problems, warnings)
        _install(staging, folder, [f.name for f in files])
        _write_manifest(folder, result)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def file_url_for(base: str, file_name: str, *, single: bool = False) -> str:
    """The URL of `file_name` under `base`; http(s) only, so a typo cannot read local files."""
    scheme = urllib.parse.urlsplit(base).scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError(f"{base}: only http and https URLs are fetched")
    suffix = Path(file_name).suffix.lower()
    path = urllib.parse.urlsplit(base).path.lower()
    if single and path.endswith(suffix):
        return base
    return base.rstrip("/") + "/" + file_name


def backoff_delays(retries: int, backoff: float, cap: float = MAX_BACKOFF) -> list[float]:
    """The waits before each retry: backoff, 2*backoff, 4*backoff, ... each at most `cap`."""
    return [min(cap, backoff * 2**attempt) for attempt in range(retries)]


def download(
    url: str,
    dest: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchedFile:
    """Download `url` to `dest`, retrying transient faults; `FetchError` when all attempts fail.

    A transfer is complete only when the bytes received match the Content-Length the server
    announced; a shorter body is a cut transfer and retried like a dropped connection.
    """
    delays = backoff_delays(retries, backoff)
    attempt = 0
    while True:
        try:
            return _download_once(url, dest, timeout)
        except _Transient as error:
            if attempt >= len(delays):
                tries = f"{attempt + 1} attempt" + ("s" if attempt else "")
                raise FetchError(f"{url}: {error} (gave up after {tries})") from error
            sleep(delays[attempt])
            attempt += 1


class _Transient(Exception):
    """A fault another attempt may not meet."""


def _download_once(url: str, dest: Path, timeout: float) -> FetchedFile:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    fetched_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            expected = response.headers.get("Content-Length")
            digest = hashlib.sha256()
            size = 0
            with dest.open("wb") as out:
                while chunk := response.read(_CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
            if expected is not None and expected.isdigit() and int(expected) != size:
                raise _Transient(f"cut short: received {size:,} of {int(expected):,} bytes "
                                 "(Content-Length)")
            headers = response.headers
    except urllib.error.HTTPError as error:
        reason = f"HTTP {error.code} {error.reason}"
        if error.code in _RETRY_STATUSES:
            raise _Transient(reason) from error
        raise FetchError(f"{url}: {reason}") from error
    except http.client.IncompleteRead as error:
        raise _Transient(f"cut short: received {len(error.partial):,} bytes, then the "
                         "connection closed") from error
    except TimeoutError as error:
        raise _Transient(f"timed out after {timeout:g} s") from error
    except urllib.error.URLError as error:
        raise _Transient(f"cannot connect ({error.reason})") from error
    except (ConnectionError, http.client.HTTPException, OSError) as error:
        raise _Transient(f"connection failed ({error})") from error
    if size == 0:
        raise _Transient("empty response")
    return FetchedFile(
        name=dest.name,
        url=url,
        size=size,
        sha256=digest.hexdigest(),
        fetched_at=fetched_at,
        last_modified=headers.get("Last-Modified"),
        etag=headers.get("ETag"),
    )


# --------------------------------------------------------------------------- validation


def _validate_sdn(folder: Path) -> tuple[int, int, str | None, list[str]]:
    """Read the OFAC set with read_sdn; a file cut mid-row or unreadable is refused.

    OFAC ends each legacy CSV file with a Ctrl-Z byte after the last line end. A file ending
    neither in Ctrl-Z nor in a line end stops mid-row: it was cut. One ending in a line end
    without Ctrl-Z is accepted with a warning (the mark is a convention, not a promise).
    """
    from gmmatch.readers import read_sdn

    warnings = []
    for path in sorted(folder.iterdir()):
        tail = _tail(path)
        if tail.endswith(b"\x1a"):
            continue
        if tail.endswith((b"\n", b"\r")):
            warnings.append(f"{path.name}: no end-of-file mark (Ctrl-Z); complete otherwise")
            continue
        raise FetchError(
            f"{path.name}: ends mid-row, without OFAC's end-of-file mark (Ctrl-Z): the download "
            "was cut short",
            kind="invalid",
        )
    try:
        records = read_sdn(folder)
    except ReadError as error:
        raise FetchError(f"downloaded files do not read as OFAC's legacy CSV set: {error}",
                         kind="invalid") from error
    if len(records) == 0:
        raise FetchError("downloaded SDN.CSV holds no entries", kind="invalid")
    return len(records), len(records.problems), None, warnings


def _validate_un(folder: Path) -> tuple[int, int, str | None, list[str]]:
    """Read the UN XML with gmmatch's UN reader (or, without one, check it parses as the list)."""
    path = folder / LISTS["un"].files[0]
    from gmmatch.readers import FORMATS, read_any

    if "un" in FORMATS:
        try:
            records = read_any(path, format="un")
        except ReadError as error:
            raise FetchError(f"downloaded file does not read as the UN consolidated list: "
                             f"{error}", kind="invalid") from error
        if len(records) == 0:
            raise FetchError(f"{path.name}: the UN list holds no entries", kind="invalid")
        return len(records), len(records.problems), records.source.list_date, []
    return _check_un_xml(path)


def _check_un_xml(path: Path) -> tuple[int, int, str | None, list[str]]:
    """Without a UN reader: parse safely, check the root element, count the entries."""
    import defusedxml.ElementTree as SafeET

    try:
        root = SafeET.parse(str(path)).getroot()
    except Exception as error:  # defusedxml and expat raise several unrelated types
        raise FetchError(f"{path.name}: not well-formed XML ({error})", kind="invalid") from error
    if root.tag != "CONSOLIDATED_LIST":
        raise FetchError(f"{path.name}: root element is <{root.tag}>, expected "
                         "<CONSOLIDATED_LIST>", kind="invalid")
    count = len(root.findall("INDIVIDUALS/INDIVIDUAL")) + len(root.findall("ENTITIES/ENTITY"))
    generated = root.get("dateGenerated")
    return count, 0, generated[:10] if generated else None, []


_VALIDATORS: dict[str, Callable[[Path], tuple[int, int, str | None, list[str]]]] = {
    "sdn": _validate_sdn,
    "un": _validate_un,
}


def _tail(path: Path, size: int = 8) -> bytes:
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - size))
        return handle.read()


# --------------------------------------------------------------------------- installing


def _install(staging: Path, folder: Path, names: list[str]) -> None:
    """Move the checked files over the old ones, each with an atomic rename.

    Any other letter-case spelling of the same file (`sdn.csv` beside `SDN.CSV`) is removed,
    so that readers, which match names without case, cannot pick the stale one.
    """
    for file_name in names:
        for old in folder.iterdir():
            if old.is_file() and old.name.lower() == file_name.lower() and old.name != file_name:
                old.unlink()
        os.replace(staging / file_name, folder / file_name)


def _write_manifest(folder: Path, result: FetchResult) -> None:
    """Update manifest.json: this list's entry replaced, other lists' entries kept."""
    path = folder / MANIFEST_NAME
    manifest: dict[str, Any] = {"manifest_version": MANIFEST_VERSION, "lists": {}}
    if path.is_file():
        try:
            previous = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(previous.get("lists"), dict):
                manifest["lists"].update(previous["lists"])
        except (OSError, ValueError, AttributeError):
            pass  # a broken manifest is rewritten from what is known now
    manifest["lists"][result.list_name] = result.as_dict()
    fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".json", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(manifest, out, indent=2, ensure_ascii=False)
        out.write("\n")
    os.replace(temp, path)


def read_manifest(folder: str | Path) -> dict[str, Any]:
    """The manifest.json of a fetched folder (`{}` when there is none)."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ReadError(f"{path}: not valid JSON ({error})") from error


__all__ = [
    "LISTS",
    "MANIFEST_NAME",
    "OFAC_BASE_URL",
    "UN_BASE_URL",
    "FetchError",
    "FetchResult",
    "FetchedFile",
    "backoff_delays",
    "download",
    "fetch_list",
    "file_url_for",
    "read_manifest",
]
