"""Time coverage of a date column: first and last day of data, the days without any row,
and whether a period is covered well enough to be compared with another."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from datacites_proto.engine.filters import Period

# A period is not compared when more than this share of its days have no row at all
# (inside the data's range): 10 %, i.e. 9 days of a 90-day period. The one place it is set.
MAX_MISSING_SHARE = 0.10

# Reasons a period is not fully covered, most telling first.
NO_DATA = "no_data"  # no row at all in the dataset (or the column)
DATA_SINCE = "data_since"  # the period starts before the first day of data
DATA_UNTIL = "data_until"  # the period ends after the last day of data
GAPS = "gaps"  # too many days without any row inside the period


@dataclass(frozen=True)
class Completeness:
    """How well the data covers a period: `reason` is None when it is fully covered."""

    period: Period
    reason: str | None
    first: dt.date | None  # first and last day of data (for « données depuis le … »)
    last: dt.date | None
    missing: int  # days of the period without any row
    share: float  # missing / days of the period

    @property
    def complete(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class Coverage:
    """The days a dataset's date column has rows on.

    `grain` is "day", or "month"/"year" when the column is cut to that grain (public
    figures of a shared dataset): a month with rows then covers all its days.
    """

    first: dt.date | None
    last: dt.date | None
    days: frozenset[dt.date]  # days (or grain starts) with at least one row
    grain: str = "day"

    @classmethod
    def of(
        cls,
        first: dt.date | None,
        last: dt.date | None,
        days: Iterable[dt.date],
        grain: str = "day",
    ) -> Coverage:
        return cls(first, last, frozenset(days), grain)

    def _key(self, day: dt.date) -> dt.date:
        if self.grain == "month":
            return day.replace(day=1)
        if self.grain == "year":
            return day.replace(month=1, day=1)
        return day

    def has(self, day: dt.date) -> bool:
        """Whether `day` has rows (within its month or year at a coarser grain)."""
        return self._key(day) in self.days

    def missing_days(self, period: Period) -> int:
        """Days of `period` without any row."""
        return sum(not self.has(period.start + dt.timedelta(days=i)) for i in range(period.days))

    def completeness(
        self, period: Period, max_missing_share: float = MAX_MISSING_SHARE
    ) -> Completeness:
        """Whether the data covers `period`: from its first to its last day, without more
        than `max_missing_share` of its days empty."""
        missing = self.missing_days(period)
        share = missing / period.days if period.days else 0.0
        reason: str | None = None
        if self.first is None or self.last is None:
            reason = NO_DATA
        elif period.start < self.first:
            reason = DATA_SINCE
        elif period.end > self.last:
            reason = DATA_UNTIL
        elif share > max_missing_share:
            reason = GAPS
        return Completeness(period, reason, self.first, self.last, missing, share)
