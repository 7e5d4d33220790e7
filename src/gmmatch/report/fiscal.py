"""US federal fiscal years, which is how designations are counted in reports to Congress.

A US fiscal year runs from October 1 to September 30 and is named after the calendar year it
ends in: FY2024 is 2023-10-01 .. 2024-09-30. A designation date known only as a window belongs
to a fiscal year only when the whole window does; otherwise the year is uncertain.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

#: The first month of a US fiscal year.
FIRST_MONTH = 10


def _as_date(value: dt.date | str | pd.Timestamp) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def fiscal_year(date: dt.date | str | pd.Timestamp) -> int:
    """The US fiscal year a date falls in (2023-09-30 -> 2023, 2023-10-01 -> 2024)."""
    day = _as_date(date)
    return day.year + 1 if day.month >= FIRST_MONTH else day.year


def fiscal_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of US fiscal year `year`: (year-1)-10-01 and year-09-30."""
    return dt.date(year - 1, FIRST_MONTH, 1), dt.date(year, 9, 30)


def window_fiscal_year(
    not_before: dt.date | str | pd.Timestamp | None,
    not_after: dt.date | str | pd.Timestamp | None,
) -> int | None:
    """The fiscal year of a date window when the whole window lies in one; else None.

    An open end (None, NaT or empty) makes the year uncertain, hence None.
    """
    if _missing(not_before) or _missing(not_after):
        return None
    first, last = fiscal_year(not_before), fiscal_year(not_after)  # type: ignore[arg-type]
    return first if first == last else None


def _missing(value: object) -> bool:
    return value is None or value == "" or (not isinstance(value, str) and bool(pd.isna(value)))


__all__ = ["fiscal_year", "fiscal_year_bounds", "window_fiscal_year"]
