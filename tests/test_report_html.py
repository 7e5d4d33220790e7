"""The HTML report: one self-contained file, checked as text and opened in headless Chromium.

The browser test needs Debian's `chromium` and `chromium-driver` and the `selenium` package;
it is skipped, saying which is missing, without them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import gmmatch
from gmmatch.link import link
from gmmatch.report import uptake

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync")


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """The example report, with a hostile name among the recommendations."""
    out = tmp_path_factory.mktemp("report")
    rows = gmmatch.read_records(EXAMPLES / "recommendations.csv").to_pandas()
    records = [{"id": r["id"], "name": r["name"], "entity_type": r["entity_type"],
                "dob": list(r["dob"]), "nationality": list(r["nationality"]),
                "recommended_on": r["recommended_on"], "source_org": r["source_org"]}
               for r in rows.to_dict("records")]
    records.append({"id": "REC-X", "name": "<script>alert(1)</script>",
                    "recommended_on": "2020-01-01", "source_org": "<img src=x onerror=alert(2)>"})
    recs = gmmatch.read_records(records)
    snapshots = sorted(p for p in (EXAMPLES / "glomag").iterdir() if p.is_dir())
    result = link(recs, gmmatch.read_sdn(snapshots[-1]))
    history = gmmatch.designation_history(snapshots, program="GLOMAG")
    report = uptake(result, history, records=recs)
    written = report.save(out / "report.html")
    return out, written, report


def test_page_is_self_contained_and_escaped(saved):
    _, written, _ = saved
    text = written["html"].read_text(encoding="utf-8")
    assert text.count("<svg") == 2
    assert "default-src 'none'" in text
    # nothing that would make a request: no script, no external link or image
    assert "<script" not in text and "<link" not in text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img" not in text


def test_files_beside_the_page(saved):
    out, _, report = saved
    folder = out / "report_files"
    for name in report.TABLES:
        assert (folder / f"{name}.csv").is_file()
    for png in ("designations_per_fiscal_year.png", "lag_distribution.png"):
        data = (folder / png).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 5000


def test_same_report_same_bytes(saved, tmp_path):
    _, written, report = saved
    again = report.to_html(tmp_path / "again.html")
    assert again.read_bytes() == written["html"].read_bytes()


def _browser():
    """A headless Chromium driven through chromedriver, or a skip naming what is missing."""
    webdriver = pytest.importorskip("selenium.webdriver",
                                    reason="selenium is not installed (pip install selenium)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("chromium and chromedriver not found: apt-get install -y chromium "
                    "chromium-driver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    return webdriver, options, Service(executable_path=driver)


def test_page_renders_in_headless_chromium(saved, tmp_path):
    webdriver, options, service = _browser()
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    out, written, _ = saved
    browser = webdriver.Chrome(options=options, service=service)
    try:
        browser.get(written["html"].resolve().as_uri())
        charts = browser.execute_script(
            "return [...document.querySelectorAll('figure svg')].map(s => {"
            " const r = s.getBoundingClientRect(); return [r.width, r.height,"
            " s.querySelectorAll('path, rect, text').length]; });")
        requests = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name);")
        cells = browser.execute_script(
            "const out = {}; for (const t of document.querySelectorAll('table[data-table]')) {"
            " out[t.dataset.table] = [...t.tBodies[0].rows].map(r => Object.fromEntries("
            " [...r.cells].map(c => [c.dataset.column, c.textContent]))); } return out;")
        headline = browser.execute_script(
            "return Object.fromEntries([...document.querySelectorAll('.headline span')]"
            ".map(s => [s.dataset.column, s.textContent]));")
    finally:
        browser.quit()
    assert len(charts) == 2
    for width, height, marks in charts:
        assert width > 100 and height > 100 and marks > 10
    assert requests == []
    folder = out / "report_files"
    for name, rows in cells.items():
        frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(rows) == len(frame), name
        for shown, written_row in zip(rows, frame.to_dict("records"), strict=True):
            for column, value in written_row.items():
                assert _same(shown[column], value), (name, column, shown[column], value)
    total = pd.read_csv(folder / "by_fiscal_year.csv", dtype=str).set_index(
        "fiscal_year").loc["all"]
    for column, text in headline.items():
        assert _same(text, total[column]), column


def _same(shown: str, written: str) -> bool:
    if written in ("True", "False"):
        return shown == ("yes" if written == "True" else "no")
    if written == "":
        return shown == ""
    try:
        return abs(float(shown.replace(",", "")) - float(written)) < 0.051
    except ValueError:
        return shown == written or shown == written.removeprefix("'")


def test_waterfall_chart_renders_offline_in_headless_chromium(tmp_path):
    """`LinkResult.waterfall` carries vega inline: the page draws with no request at all."""
    webdriver, options, service = _browser()
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    records = gmmatch.read_records([{"id": "r1", "name": "Ivan Ekzamplov", "dob": "1961"}])
    result = link(records, gmmatch.read_sdn(EXAMPLES / "sdn"))
    page = tmp_path / "pair.html"
    result.waterfall("r1").save(page)
    browser = webdriver.Chrome(options=options, service=service)
    try:
        browser.get(page.resolve().as_uri())
        drawn = browser.execute_script(
            "return [...document.querySelectorAll('canvas, svg.marks')].map(c => {"
            " const r = c.getBoundingClientRect(); return [r.width, r.height]; });")
        errors = browser.execute_script(
            "return [...document.querySelectorAll('div')].map(d => d.textContent)"
            ".filter(t => t.startsWith('Javascript Error'));")
        requests = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name);")
    finally:
        browser.quit()
    assert errors == []
    assert drawn and all(width > 100 and height > 100 for width, height in drawn)
    assert requests == []
