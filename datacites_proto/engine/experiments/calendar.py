"""Adjustment covariates per period: weekday and month dummies, French public holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import holidays
import numpy as np
import pandas as pd

# Department codes (first characters of a commune's INSEE code) → the `holidays`
# package's subdivision of France. Alsace (67, 68: « 6AE », the Collectivité européenne
# d'Alsace) and Moselle (57) keep Good Friday and 26 December (local law of 1892/1919);
# overseas departments have their own days (abolition of slavery…).
_SUBDIVISIONS = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "976": "976",
}

ADJUSTMENTS = ("weekday", "month", "holidays")


def holiday_subdivision(insee: str | None) -> str | None:
    """The subdivision of France whose public holidays apply to a territory's INSEE code.

    Only a commune code (5 characters) names a department; an EPCI's SIREN (9 digits) or
    no code gives None: the holidays of metropolitan France.
    """
    if not insee or len(insee) != 5:
        return None
    return _SUBDIVISIONS.get(insee[:3]) or _SUBDIVISIONS.get(insee[:2])


def holiday_days(start: dt.date, end: dt.date, insee: str | None) -> set[dt.date]:
    """The public holidays between `start` and `end` (both included) for the territory."""
    if end < start:
        return set()
    calendar = holidays.country_holidays(
        "FR", subdiv=holiday_subdivision(insee), years=range(start.year, end.year + 1)
    )
    return {day for day in calendar if start <= day <= end}


def period_end(start: pd.Timestamp, grain: str) -> pd.Timestamp:
    """The last day of the period that starts on `start`."""
    if grain == "day":
        return start
    if grain == "week":
        return start + pd.Timedelta(days=6)
    return start + pd.offsets.MonthEnd(0)


def covariates(
    periods: Sequence[dt.date] | pd.DatetimeIndex,
    grain: str,
    adjust_for: Iterable[str],
    insee: str | None = None,
) -> pd.DataFrame:
    """One row per period (its first day), one column per adjustment covariate.

    - `weekday` (day grain only: a week or a month has every weekday): dummies for
      Tuesday to Sunday, Monday being the reference;
    - `month`: dummies for February to December, January being the reference;
    - `holidays`: at day grain 1 on a public holiday; at week and month grain the share
      of the period's days that are public holidays.

    Dummies leave out a reference level: the model has an intercept.
    """
    index = pd.DatetimeIndex(pd.to_datetime(list(periods)))
    wanted = set(adjust_for)
    columns: dict[str, np.ndarray] = {}
    if "weekday" in wanted and grain == "day":
        for day in range(1, 7):
            columns[f"weekday_{day + 1}"] = (index.day_of_week == day).astype("float64")
    if "month" in wanted:
        for month in range(2, 13):
            columns[f"month_{month}"] = (index.month == month).astype("float64")
    if "holidays" in wanted and len(index):
        ends = [period_end(start, grain) for start in index]
        days = holiday_days(index.min().date(), max(ends).date(), insee)
        shares = []
        for start, end in zip(index, ends, strict=True):
            span = pd.date_range(start, end, freq="D")
            shares.append(sum(day.date() in days for day in span) / len(span))
        columns["holidays"] = np.asarray(shares, dtype="float64")
    return pd.DataFrame(columns, index=index)
