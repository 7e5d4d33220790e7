"""The uptake report as ONE self-contained HTML page: tables and inline SVG charts, no request.

The page works offline and from an e-mail attachment: no script, no web font, no image file,
no link to a CDN. A Content-Security-Policy (`default-src 'none'`) makes the browser refuse any
request the page might still try. Every value from the inputs (names, ids, organizations) is
HTML-escaped: a recommendation file is untrusted text.

Each table cell carries `data-column` and each table `data-table`, the names of the CSV table
and column it shows, so that a reader (or a test) can check the page against the CSV files.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from gmmatch.report.uptake import UptakeReport

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#555;font-size:.9rem}.headline{font-size:1.1rem;background:#eef6fb;
padding:.8rem 1rem;border-left:4px solid #0072B2}figure{margin:1rem 0}
figure svg{max-width:100%;height:auto}details{margin:.8rem 0}summary{cursor:pointer}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_html(report: UptakeReport) -> str:
    """The whole page as text."""
    from gmmatch.report.charts import figures, svg_text

    charts = {name: svg_text(fig) for name, fig in figures(report).items()}
    program = report.program or "all programs"
    title = f"Uptake of recommendations: {program} designations"
    waiting = report.recommendations[report.recommendations["waiting"]]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        _meta(report),
        _headline(report),
        '<section id="by-fiscal-year"><h2>Designations per US fiscal year</h2>',
        "<p>Persons and organizations newly designated under the program, by the fiscal year "
        "(October 1 to September 30) of their designation window. <em>uncertain</em>: the "
        "window spans two fiscal years or has no start, so the year is not guessed. Program "
        "additions to entries already listed, and vessels and aircraft, are counted apart in "
        "the last columns.</p>",
        _figure(charts["designations_per_fiscal_year"], "Designations per fiscal year"),
        _table("by_fiscal_year", report.by_fiscal_year),
        "</section>",
        '<section id="lag"><h2>From recommendation to designation</h2>',
        "<p>Days from the earliest recommendation that is a basis to the designation: midpoint "
        "of the designation window minus midpoint of the recommendation date. Quartiles and "
        "median per fiscal year are in the table above (lag columns); every designation's "
        "bounds are in the designations table below.</p>",
        _figure(charts["lag_distribution"], "Lag distribution"),
        "</section>",
        '<section id="waiting"><h2>Recommendations still waiting</h2>',
        f"<p>{len(waiting):,} of {len(report.recommendations):,} recommendations are not "
        f"designated under {_e(program)}"
        + (f" as of {report.as_of.isoformat()}" if report.as_of else "")
        + ", by age (from the recommendation date).</p>",
        _table("waiting_by_age", report.waiting_by_age),
        _details(f"All {len(report.recommendations):,} recommendations and what became of them",
                 _table("recommendations", report.recommendations)),
        "</section>",
        '<section id="by-country"><h2>By country</h2>',
        "<p>The recommendation's nationalities (ISO codes), or its linked list entry's when it "
        "gives none. A recommendation with two nationalities counts under both.</p>",
        _table("by_country", report.by_country),
        "</section>",
        '<section id="designations"><h2>Designations</h2>',
        _details(f"All {len(report.designations):,} designations, their basis and lag",
                 _table("designations", report.designations)),
        "</section>",
        _notes(report),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _meta(report: UptakeReport) -> str:
    items = []
    if report.as_of:
        items.append(f"as of {report.as_of.isoformat()} (latest designation window end)")
    if report.threshold is not None:
        items.append(f"match threshold {report.threshold:g}")
    for label, key in (("recommendations", "links"), ("list", "list"),
                       ("designations", "designations")):
        source = report.sources.get(key)
        if isinstance(source, dict):
            source = source.get("path") or source.get("list_name")
        if source:
            items.append(f"{label}: {source}")
    return f'<p class="meta">{_e("; ".join(items))}</p>'


def _headline(report: UptakeReport) -> str:
    table = report.by_fiscal_year
    total = table[table["fiscal_year"] == "all"]
    if total.empty or not int(total["designations"].iloc[0]):
        return '<p class="headline">No designation of this program in the designations.</p>'
    row = total.iloc[0]
    program = report.program or "all programs"
    return (
        f'<p class="headline" data-table="by_fiscal_year" data-row="all">Of '
        f'<span data-column="designations">{_cell(row["designations"])}</span> {_e(program)} '
        f"designations of persons and organizations, "
        f'<span data-column="with_basis">{_cell(row["with_basis"])}</span> '
        f'(<span data-column="share_with_basis_pct">{_cell(row["share_with_basis_pct"])}</span>'
        f"%) had a basis in a recommendation, and "
        f'<span data-column="basis_uncertain">{_cell(row["basis_uncertain"])}</span> more may '
        "have (recommended within the designation window).</p>"
    )


def _figure(svg: str, caption: str) -> str:
    return f'<figure role="img" aria-label="{_e(caption)}">{svg}</figure>'


def _details(summary: str, body: str) -> str:
    return f"<details><summary>{_e(summary)}</summary>{body}</details>"


def _notes(report: UptakeReport) -> str:
    notes = "".join(f"<li>{_e(note)}</li>" for note in report.notes)
    method = (
        "<li>A designation has a <em>basis</em> when a recommendation linked to its list entry "
        "at or above the match threshold is dated before the whole designation window; dated "
        "inside the window it is <em>uncertain</em>, never a basis; after it, no basis. "
        "<em>share at most</em> counts the uncertain ones as bases too.</li>"
        "<li>Every link is a statistical judgement: check the explanations "
        "(<code>gmmatch explain</code>) before quoting a number.</li>"
    )
    return f'<section id="notes"><h2>Notes</h2><ul>{method}{notes}</ul></section>'


def _table(name: str, frame: pd.DataFrame) -> str:
    head = "".join(f'<th data-column="{_e(c)}">{_e(str(c).replace("_", " "))}</th>'
                   for c in frame.columns)
    rows = []
    for record in frame.to_dict("records"):
        cells = "".join(
            f'<td data-column="{_e(c)}"{_num_class(v)}>{_e(_cell(v))}</td>'
            for c, v in record.items()
        )
        rows.append(f"<tr>{cells}</tr>")
    return (f'<table data-table="{_e(name)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _num_class(value: Any) -> str:
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    return ' class="num"' if numeric else ""


def _cell(value: Any) -> str:
    """How a value shows: integers with thousands separators, other numbers to a tenth, dates
    as YYYY-MM-DD, booleans as yes/no, missing as empty."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:,.1f}"
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()[:10]
    return str(value)


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


__all__ = ["render_html"]
