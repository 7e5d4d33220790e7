"""gmmatch.fetch against a local HTTP server on 127.0.0.1: downloads, checks, safe replacement.

Every test talks only to the server started here (port 0, in a thread); an autouse fixture makes
any connection to another address fail the test.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gmmatch.cli import app
from gmmatch.fetch import (
    MAX_BACKOFF,
    FetchError,
    backoff_delays,
    download,
    fetch_list,
    file_url_for,
    read_manifest,
)
from gmmatch.report.history import observe

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
SDN_FILES = ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV")
SRC = Path(__file__).resolve().parents[1] / "src" / "gmmatch"


class _Handler(BaseHTTPRequestHandler):
    """Serves fixture files under /<mode>/<name>; the mode decides how it misbehaves."""

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        server: _Server = self.server  # type: ignore[assignment]
        with server.lock:
            server.hits[self.path] = server.hits.get(self.path, 0) + 1
            hits = server.hits[self.path]
        _, mode, name = self.path.split("/", 2)
        body = (FIXTURES / name).read_bytes() if (FIXTURES / name).is_file() else b""
        if mode == "err":
            return self._send(500, b"internal error")
        if mode == "notfound":
            return self._send(404, b"not found")
        if mode == "flaky" and hits == 1:
            return self._send(503, b"busy")
        if mode == "slow":
            time.sleep(1.0)
        if mode == "trunc" and name in ("SDN.CSV", "consolidated.xml"):
            # Announces the whole file, sends a part, closes: a dropped transfer.
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return None
        if mode == "cut" and name in ("SDN.CSV", "consolidated.xml"):
            # A file cut mid-row by the server itself: the length matches what is sent.
            return self._send(200, body[: len(body) // 2])
        if mode == "html" and name == "SDN.CSV":
            return self._send(200, b"<html><body>Service unavailable</body></html>\r\n")
        if mode == "wrongroot" and name == "consolidated.xml":
            return self._send(200, b'<?xml version="1.0"?>\n<OTHER_LIST><X/></OTHER_LIST>\n')
        if not body:
            return self._send(404, b"not found")
        return self._send(200, body, last_modified="Fri, 01 Mar 2024 00:00:00 GMT")

    def _send(self, status: int, body: bytes, last_modified: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        if last_modified:
            self.send_header("Last-Modified", last_modified)
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def url(self, mode: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{mode}/"


@pytest.fixture(scope="module")
def server():
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(autouse=True)
def local_only(monkeypatch):
    """Fail any test that would open a connection to anything but 127.0.0.1."""
    real = socket.create_connection

    def guarded(address, *args, **kwargs):
        assert address[0] == "127.0.0.1", f"test tried to connect to {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


def _fetch(server, mode: str, to: Path, name: str = "sdn", **kwargs):
    kwargs = {"timeout": 5, "retries": 0, "backoff": 0, **kwargs}
    return fetch_list(name, to, url=server.url(mode), **kwargs)


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path: to show nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --------------------------------------------------------------------------- success


def test_fetch_sdn_installs_files_and_manifest(server, tmp_path):
    result = _fetch(server, "ok", tmp_path)
    for name in SDN_FILES:
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes()
    assert result.records == 3
    manifest = read_manifest(tmp_path)
    entry = manifest["lists"]["sdn"]
    assert manifest["manifest_version"] == 1
    assert entry["source_url"] == server.url("ok")
    assert entry["records"] == 3
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", entry["fetched_at"])
    files = {f["name"]: f for f in entry["files"]}
    assert set(files) == set(SDN_FILES)
    import hashlib

    for name in SDN_FILES:
        data = (FIXTURES / name).read_bytes()
        assert files[name]["size"] == len(data)
        assert files[name]["sha256"] == hashlib.sha256(data).hexdigest()
        assert files[name]["url"] == server.url("ok") + name
    assert files["SDN.CSV"]["last_modified"] == "Fri, 01 Mar 2024 00:00:00 GMT"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_fetch_un_records_the_list_date(server, tmp_path):
    result = _fetch(server, "ok", tmp_path, name="un")
    assert result.list_date == "2024-03-01"  # dateGenerated
    assert result.records == 2
    entry = read_manifest(tmp_path)["lists"]["un"]
    assert entry["list_date"] == "2024-03-01"
    assert entry["files"][0]["url"] == server.url("ok") + "consolidated.xml"


def test_manifest_keeps_other_lists(server, tmp_path):
    _fetch(server, "ok", tmp_path)
    _fetch(server, "ok", tmp_path, name="un")
    assert set(read_manifest(tmp_path)["lists"]) == {"sdn", "un"}


def test_stale_case_variant_is_removed(server, tmp_path):
    (tmp_path / "sdn.csv").write_bytes(b"old copy")
    _fetch(server, "ok", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix.lower() == ".csv") == sorted(
        SDN_FILES
    )


def test_retry_after_a_busy_server(server, tmp_path):
    url = server.url("flaky")
    result = fetch_list("un", tmp_path, url=url, retries=2, backoff=0, timeout=5)
    assert result.records == 2
    assert server.hits["/flaky/consolidated.xml"] == 2


# --------------------------------------------------------------------------- failures


@pytest.fixture
def good_copy(server, tmp_path):
    """A folder holding a good fetched SDN set, and its exact contents."""
    _fetch(server, "ok", tmp_path)
    return tmp_path, _snapshot(tmp_path)


def test_http_500_is_retried_then_fails_leaving_the_good_copy(server, good_copy):
    folder, before = good_copy
    server.hits.pop("/err/SDN.CSV", None)
    with pytest.raises(FetchError, match=r"HTTP 500.*gave up after 3 attempts") as info:
        _fetch(server, "err", folder, retries=2)
    assert info.value.kind == "download"
    assert server.hits["/err/SDN.CSV"] == 3
    assert _snapshot(folder) == before


def test_truncated_transfer_fails_leaving_the_good_copy(server, good_copy):
    folder, before = good_copy
    with pytest.raises(FetchError, match=r"cut short: received [\d,]+ of [\d,]+ bytes"):
        _fetch(server, "trunc", folder, retries=1)
    assert _snapshot(folder) == before


def test_file_cut_mid_row_is_refused(server, good_copy):
    folder, before = good_copy
    with pytest.raises(FetchError, match="ends mid-row") as info:
        _fetch(server, "cut", folder)
    assert info.value.kind == "invalid"
    assert _snapshot(folder) == before


def test_html_error_page_is_refused(server, good_copy):
    folder, before = good_copy
    with pytest.raises(FetchError, match="do not read as OFAC") as info:
        _fetch(server, "html", folder)
    assert info.value.kind == "invalid"
    assert _snapshot(folder) == before


@pytest.mark.parametrize(("mode", "message"), [("cut", "not well-formed"),
                                                ("wrongroot", "CONSOLIDATED_LIST"),
                                                ("trunc", "cut short")])
def test_bad_un_download_leaves_the_good_copy(server, tmp_path, mode, message):
    _fetch(server, "ok", tmp_path, name="un")
    before = _snapshot(tmp_path)
    with pytest.raises(FetchError, match=message):
        _fetch(server, mode, tmp_path, name="un")
    assert _snapshot(tmp_path) == before


def test_not_found_is_not_retried(server, tmp_path):
    with pytest.raises(FetchError, match="HTTP 404"):
        _fetch(server, "notfound", tmp_path, retries=3)
    assert server.hits["/notfound/SDN.CSV"] == 1
    assert _snapshot(tmp_path) == {}


def test_connection_refused(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on any more
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect"):
        fetch_list("sdn", tmp_path, url=f"http://127.0.0.1:{port}/", retries=1, backoff=0,
                   timeout=2)
    assert _snapshot(tmp_path) == {}


def test_timeout(server, tmp_path):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        _fetch(server, "slow", tmp_path, name="un", timeout=0.2)
    assert time.monotonic() - started < 1.0


def test_backoff_doubles_and_is_bounded(server, tmp_path):
    assert backoff_delays(4, 1.5) == [1.5, 3.0, 6.0, 12.0]
    assert max(backoff_delays(30, 2.0)) == MAX_BACKOFF
    waits: list[float] = []
    with pytest.raises(FetchError):
        download(server.url("err") + "SDN.CSV", tmp_path / "x", retries=3, backoff=0.5,
                 sleep=waits.append, timeout=5)
    assert waits == [0.5, 1.0, 2.0]


def test_file_urls():
    assert file_url_for("http://h/x", "SDN.CSV") == "http://h/x/SDN.CSV"
    assert file_url_for("http://h/x/", "SDN.CSV") == "http://h/x/SDN.CSV"
    assert file_url_for("http://h/a/list.xml", "consolidated.xml", single=True) == (
        "http://h/a/list.xml"
    )
    with pytest.raises(ValueError, match="only http"):
        file_url_for("file:///etc/", "SDN.CSV")


def test_unknown_list_and_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="unknown list"):
        fetch_list("eu", tmp_path)
    with pytest.raises(ValueError, match="retries"):
        fetch_list("sdn", tmp_path, retries=-1)


# --------------------------------------------------------------------------- CLI and history


runner = CliRunner()


def test_cli_fetch_json(server, tmp_path):
    result = runner.invoke(app, ["fetch", "sdn", "--to", str(tmp_path), "--base-url",
                                 server.url("ok"), "--retries", "0", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["records"] == 3


def test_cli_fetch_dated_folder(server, tmp_path):
    result = runner.invoke(app, ["fetch", "un", "--to", str(tmp_path), "--base-url",
                                 server.url("ok"), "--dated", "--quiet"])
    assert result.exit_code == 0, result.output
    (folder,) = tmp_path.iterdir()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", folder.name)
    assert (folder / "consolidated.xml").is_file()


@pytest.mark.parametrize(("mode", "code"), [("err", 3), ("html", 1)])
def test_cli_fetch_exit_codes(server, tmp_path, mode, code):
    result = runner.invoke(app, ["fetch", "sdn", "--to", str(tmp_path), "--base-url",
                                 server.url(mode), "--retries", "0", "--quiet"])
    assert result.exit_code == code
    assert "nothing in" in result.stderr and "was replaced" in result.stderr


def test_cli_fetch_unknown_list(tmp_path):
    result = runner.invoke(app, ["fetch", "eu", "--to", str(tmp_path)])
    assert result.exit_code == 2


def test_history_dates_a_fetched_folder_by_its_manifest(server, tmp_path):
    _fetch(server, "ok", tmp_path)
    entry = read_manifest(tmp_path)["lists"]["sdn"]
    snap, obs, _ = observe(tmp_path)
    assert snap.date_from == "manifest"
    assert snap.date.isoformat() == entry["fetched_at"][:10]
    assert set(obs.entries) == {"900101", "900102", "900103"}
    # A file edited after the download no longer matches the manifest: not dated by it.
    (tmp_path / "SDN.CSV").write_bytes((tmp_path / "SDN.CSV").read_bytes() + b"\r\n")
    with pytest.raises(Exception, match="no date for this snapshot"):
        observe(tmp_path)


def test_only_fetch_touches_the_network():
    pattern = re.compile(r"^\s*(?:import|from)\s+(urllib|socket|http\.client|requests|httpx)\b",
                         re.MULTILINE)
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if p.name != "fetch.py" and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
