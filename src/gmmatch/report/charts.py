"""The uptake report's charts, drawn with matplotlib: SVG text for the HTML, PNG for slides.

Figures are built with `matplotlib.figure.Figure` directly (no pyplot): no global state, no
window, safe in a server or a notebook. SVG output keeps text as text (`svg.fonttype: none`,
the page's sans-serif font draws it) and carries no date or random ids, so the same report
gives the same bytes; nothing in it refers to a file or address outside itself.
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from gmmatch.report.uptake import UptakeReport

#: File names of the PNG charts, by chart name.
CHART_FILES = {
    "designations_per_fiscal_year": "designations_per_fiscal_year.png",
    "lag_distribution": "lag_distribution.png",
}

# Colour-blind-safe (Okabe-Ito): basis, uncertain, no basis.
_BASIS, _UNCERTAIN, _NONE = "#0072B2", "#56B4E9", "#BBBBBB"
_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "gmmatch",
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def fiscal_year_figure(report: UptakeReport) -> Figure:
    """New designations per fiscal year, stacked: with a basis in a recommendation, basis
    uncertain, no basis; the share with a basis written above each bar."""
    _private_matplotlib_config()
    from matplotlib.figure import Figure

    table = report.by_fiscal_year[report.by_fiscal_year["fiscal_year"] != "all"]
    labels = [_year_label(v) for v in table["fiscal_year"]]
    basis = table["with_basis"].to_numpy()
    uncertain = table["basis_uncertain"].to_numpy()
    rest = (table["designations"] - table["with_basis"] - table["basis_uncertain"]).to_numpy()
    with _style():
        fig = Figure(figsize=(8, 4.2), layout="constrained")
        ax = fig.add_subplot()
        x = range(len(labels))
        ax.bar(x, basis, color=_BASIS, label="basis in a recommendation")
        ax.bar(x, uncertain, bottom=basis, color=_UNCERTAIN, hatch="//", edgecolor="white",
               label="basis uncertain")
        ax.bar(x, rest, bottom=basis + uncertain, color=_NONE, label="no basis")
        for i, (total, share) in enumerate(
                zip(table["designations"], table["share_with_basis_pct"], strict=True)):
            if total and not pd.isna(share):
                ax.annotate(f"{share:.0f}%", (i, total), xytext=(0, 3),
                            textcoords="offset points", ha="center", va="bottom", fontsize=9)
        ax.set_xticks(list(x), labels)
        ax.set_ylabel("persons and organizations designated")
        program = report.program or "all programs"
        ax.set_title(f"{program} designations per US fiscal year, and their basis in our "
                     "recommendations", fontsize=11)
        fig.legend(frameon=False, loc="outside lower center", ncols=3)
        ax.margins(y=0.15)
        if not labels:
            ax.text(0.5, 0.5, "no designation", transform=ax.transAxes, ha="center")
    return fig


def lag_figure(report: UptakeReport) -> Figure:
    """Days from recommendation to designation, one dot per designation with a basis, over a
    box of the quartiles (window midpoints; docs/report.md)."""
    _private_matplotlib_config()
    from matplotlib.figure import Figure

    designated = report.designations
    lags = designated.loc[(designated["basis"] == "basis")
                          & (designated["category"] == "new designation"), "lag_days"].dropna()
    with _style():
        fig = Figure(figsize=(8, 2.8), layout="constrained")
        ax = fig.add_subplot()
        if lags.empty:
            ax.text(0.5, 0.5, "no designation with a basis in a recommendation",
                    transform=ax.transAxes, ha="center", va="center")
            ax.set_yticks([])
        else:
            ax.boxplot([lags.to_numpy()], orientation="horizontal", widths=0.5,
                       showfliers=False, medianprops={"color": "black"})
            offsets = [1 + ((i * 7919) % 21 - 10) / 60 for i in range(len(lags))]
            ax.scatter(lags.to_numpy(), offsets, s=14, color=_BASIS, alpha=0.7, zorder=3)
            ax.set_yticks([])
            median = float(lags.median())
            ax.set_xlabel(f"days from recommendation to designation (median {median:,.0f}, "
                          f"n = {len(lags)})")
            ax.set_xlim(left=0)
        ax.set_title("How long designations took after our recommendations", fontsize=11)
    return fig


def figures(report: UptakeReport) -> dict[str, Figure]:
    """Every chart of the report, by name (the keys of CHART_FILES)."""
    return {"designations_per_fiscal_year": fiscal_year_figure(report),
            "lag_distribution": lag_figure(report)}


def svg_text(fig: Figure) -> str:
    """The figure as an inline `<svg>` element (no XML prolog, no DOCTYPE, no date)."""
    buffer = io.StringIO()
    with _style():
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def save_charts(report: UptakeReport, folder: Path) -> dict[str, Path]:
    """Write every chart as PNG (150 dpi, for slides) into `folder`; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, fig in figures(report).items():
        path = folder / CHART_FILES[name]
        with _style():
            fig.savefig(path, format="png", dpi=150, metadata={"Software": None})
        written[name] = path
    return written


def _year_label(value: str) -> str:
    return f"FY{value}" if str(value).isdigit() else "FY uncertain"


def _private_matplotlib_config() -> None:
    """matplotlib caches its font list in ~/.cache and ~/.config: point it at a private
    temporary folder instead (removed at exit), so a report writes only what was named."""
    if "MPLCONFIGDIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="gmmatch-mpl-")
        atexit.register(shutil.rmtree, folder, True)
        os.environ["MPLCONFIGDIR"] = folder


def _style():
    _private_matplotlib_config()
    import matplotlib

    return matplotlib.rc_context(_STYLE)


__all__ = ["CHART_FILES", "figures", "fiscal_year_figure", "lag_figure", "save_charts",
           "svg_text"]
