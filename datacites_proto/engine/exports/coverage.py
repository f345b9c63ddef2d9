"""Each dataset's time coverage, read from its data: the two ends of a period, no more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from datacites_proto.engine import governance
from datacites_proto.engine.service import Service


@dataclass(frozen=True)
class Period:
    """The first and last day a dataset's date columns cover."""

    start: dt.date
    end: dt.date


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime().date()
    return None


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def time_coverage(service: Service, dataset_id: str) -> Period | None:
    """The period covered by the dataset's date and datetime columns, personal ones excepted.

    Open data is read as the public reads it, to the day. Shared and restricted data is
    read as the team does (the public may not read it at all, e.g. under an agreement that
    forbids publication) and widened to whole months: the catalogue is public, and the
    first or last day of such data may be one person's date.
    """
    dataset = service.blueprint.datasets[dataset_id]
    is_open = dataset.governance.access == "open"
    audience = governance.PUBLIC if is_open else governance.TEAM
    table = service.table(dataset_id)
    personal = set(dataset.governance.personal)
    starts: list[dt.date] = []
    ends: list[dt.date] = []
    for column in table.columns:
        if column in personal or not table.is_temporal(column):
            continue
        low, high = service.bounds(dataset_id, column, audience=audience)
        low_day, high_day = _day(low), _day(high)
        if low_day is not None and high_day is not None:
            starts.append(low_day)
            ends.append(high_day)
    if not starts:
        return None
    if is_open:
        return Period(min(starts), max(ends))
    return Period(_month_start(min(starts)), _month_end(max(ends)))
