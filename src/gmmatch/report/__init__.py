"""Reports on linked lists: designation history from snapshots, US fiscal years.

`designation_history` brackets when each list entry was designated (docs/history.md);
`load_designations` brings a table of known dates into the same columns.
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

__all__ = [
    "EVENTS",
    "HISTORY_COLUMNS",
    "Snapshot",
    "designation_history",
    "fiscal_year",
    "fiscal_year_bounds",
    "load_designations",
    "save_history",
    "window_fiscal_year",
]
