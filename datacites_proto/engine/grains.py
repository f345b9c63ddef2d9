"""Time grains (`day(c)`, `weekday(c)`…) in the SQL of each database (engine/dialects.py)."""

from __future__ import annotations

from typing import Any

from datacites_proto.engine.dialects import words

TRUNCATING = {"hour", "day", "week", "month", "year"}


def grain_expression(grain: str, column: Any, dialect: str) -> Any:
    """The expression of `grain` applied to `column`, in the SQL of `dialect`.

    `day`, `week`, `month`, `year` give dates (weeks start on Monday); `hour` gives a
    timestamp; `weekday` gives 1 (Monday) to 7 (Sunday); `hour_of_day` gives 0 to 23.
    """
    return words(dialect).grain(grain, column)
