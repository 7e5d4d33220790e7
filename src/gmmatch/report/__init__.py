"""Reports on linked lists: designation history from snapshots, US fiscal years, uptake.

`designation_history` brackets when each list entry was designated (docs/history.md);
`load_designations` brings a table of known dates into the same columns; `uptake` answers how
many designations of a program had a basis in the recommendations (docs/report.md).
"""

from gmmatch.report.fiscal import fiscal_year, fiscal_year_bounds, window_fiscal_year
from gmmatch.report.history import (
    EVENTS,
    HISTORY_COLUMNS,
    Snapshot,
    designation_history,
    load_designations,
    save_history,
)
from gmmatch.report.uptake import UptakeReport, uptake, with_recommended_on

__all__ = [
    "EVENTS",
    "HISTORY_COLUMNS",
    "Snapshot",
    "UptakeReport",
    "designation_history",
    "fiscal_year",
    "fiscal_year_bounds",
    "load_designations",
    "save_history",
    "uptake",
    "window_fiscal_year",
    "with_recommended_on",
]
