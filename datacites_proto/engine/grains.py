"""Time grains (`day(c)`, `weekday(c)`…) in the SQL of each database."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

TRUNCATING = {"hour", "day", "week", "month", "year"}


def grain_expression(grain: str, column: Any, dialect: str) -> Any:
    """The expression of `grain` applied to `column`, in the SQL of `dialect`.

    `day`, `week`, `month`, `year` give dates (weeks start on Monday); `hour` gives a
    timestamp; `weekday` gives 1 (Monday) to 7 (Sunday); `hour_of_day` gives 0 to 23.
    """
    if dialect == "sqlite":
        return _sqlite(grain, column)
    if grain == "hour":
        return sa.func.date_trunc(_const("hour"), column)
    if grain in ("day", "week", "month", "year"):
        return sa.cast(sa.func.date_trunc(_const(grain), column), sa.Date)
    if grain == "weekday":
        return sa.cast(sa.extract("isodow", column), sa.Integer)
    if grain == "hour_of_day":
        return sa.cast(sa.extract("hour", column), sa.Integer)
    raise ValueError(f"unknown grain {grain!r}")


def _const(text: str) -> Any:
    # Grain names and formats are our own constants, written inline rather than bound:
    # PostgreSQL sees `date_trunc($1, c)` and `date_trunc($2, c)` as different groups.
    return sa.literal_column(f"'{text}'")


def _sqlite(grain: str, column: Any) -> Any:
    strftime = sa.func.strftime
    if grain == "hour":
        return strftime(_const("%Y-%m-%d %H:00:00"), column)
    if grain == "day":
        return sa.func.date(column)
    if grain == "week":
        # Monday of the week: go to the next Sunday, then back six days.
        return sa.func.date(column, _const("weekday 0"), _const("-6 days"))
    if grain == "month":
        return strftime(_const("%Y-%m-01"), column)
    if grain == "year":
        return strftime(_const("%Y-01-01"), column)
    if grain == "weekday":
        # %w is 0 for Sunday: ISO numbering wants 7.
        day = sa.cast(strftime(_const("%w"), column), sa.Integer)
        six, seven, one = (sa.literal_column(n) for n in ("6", "7", "1"))
        return sa.cast((day + six) % seven + one, sa.Integer)
    if grain == "hour_of_day":
        return sa.cast(strftime(_const("%H"), column), sa.Integer)
    raise ValueError(f"unknown grain {grain!r}")
