"""Filter values (as they appear in a URL) turned into checked values and SQL conditions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from datacites_proto.blueprint.filters import (
    DATE_PRESETS,
    DateRangeFilter,
    MultiselectFilter,
    RangeFilter,
    SelectFilter,
    ToggleFilter,
)
from datacites_proto.engine.query_errors import QueryError

PRESET_DAYS = {"last_7_days": 7, "last_30_days": 30, "last_90_days": 90}


@dataclass(frozen=True)
class Period:
    """A closed interval of days."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1))

    def year_before(self) -> Period:
        return Period(_minus_year(self.start), _minus_year(self.end))


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def preset_period(preset: str, latest: dt.date | None) -> Period | None:
    """The days a preset covers, counted back from the latest day in the data; None = all."""
    if preset == "all" or latest is None:
        return None
    if preset == "last_12_months":
        return Period(_minus_year(latest) + dt.timedelta(days=1), latest)
    return Period(latest - dt.timedelta(days=PRESET_DAYS[preset] - 1), latest)


def _date(value: Any, f_id: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise QueryError("bad_filter_value", filter=f_id, value=str(value)) from None


def _as_list(raw: Any) -> list[Any]:
    if raw is None:
        return []
    if isinstance(raw, (list, tuple, set)):
        return list(raw)
    return [raw]


def _typed(value: Any, column_type: str | None, f_id: str) -> Any:
    """A URL value converted to the column's type, so that it compares as the data does."""
    if value is None or column_type in (None, "string"):
        return value if value is None or column_type is None else str(value)
    try:
        if column_type == "integer":
            return int(value)
        if column_type == "number":
            return float(value)
        if column_type == "boolean":
            return _boolean(value, f_id)
        if column_type in ("date", "datetime"):
            return _date(value, f_id)
    except (TypeError, ValueError):
        raise QueryError("bad_filter_value", filter=f_id, value=str(value)) from None
    return value


def _boolean(value: Any, f_id: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "oui", "vrai", "yes", "on"):
        return True
    if text in ("false", "0", "non", "faux", "no", "off"):
        return False
    raise QueryError("bad_filter_value", filter=f_id, value=str(value))


def normalise(f_id: str, spec: Any, raw: Any, column_type: str | None) -> Any:
    """Check a filter value from a URL or a caller and put it in canonical form.

    date_range: a preset name or (start, end) dates; select/multiselect: a list;
    range: (low, high) floats; toggle: a bool. None means "no filtering".
    """
    if raw is None:
        return None
    if isinstance(spec, DateRangeFilter):
        if isinstance(raw, str):
            if raw not in DATE_PRESETS:
                raise QueryError("bad_filter_value", filter=f_id, value=raw)
            return raw
        values = _as_list(raw)
        if len(values) != 2:
            raise QueryError("bad_filter_value", filter=f_id, value=str(raw))
        start, end = _date(values[0], f_id), _date(values[1], f_id)
        return (min(start, end), max(start, end))
    if isinstance(spec, (SelectFilter, MultiselectFilter)):
        values = [_typed(v, column_type, f_id) for v in _as_list(raw)]
        return values or None
    if isinstance(spec, RangeFilter):
        values = _as_list(raw)
        if len(values) != 2:
            raise QueryError("bad_filter_value", filter=f_id, value=str(raw))
        try:
            low, high = float(values[0]), float(values[1])
        except (TypeError, ValueError):
            raise QueryError("bad_filter_value", filter=f_id, value=str(raw)) from None
        return (min(low, high), max(low, high))
    if isinstance(spec, ToggleFilter):
        return _boolean(raw, f_id)
    raise QueryError("bad_filter_value", filter=f_id, value=str(raw))


def period_condition(column: Any, period: Period, column_type: str | None) -> Any:
    """`column` within the days of `period` (end day included, for dates and datetimes)."""
    if column_type == "date":
        return column.between(period.start, period.end)
    start = dt.datetime.combine(period.start, dt.time())
    stop = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time())
    return sa.and_(column >= start, column < stop)


def condition(
    spec: Any, value: Any, column: Any, column_type: str | None, period: Period | None
) -> Any:
    """The SQL condition of a normalised filter value; None when it filters nothing."""
    if value is None:
        return None
    if isinstance(spec, DateRangeFilter):
        return None if period is None else period_condition(column, period, column_type)
    if isinstance(spec, (SelectFilter, MultiselectFilter)):
        return column.in_(value)
    if isinstance(spec, RangeFilter):
        return column.between(value[0], value[1])
    if isinstance(spec, ToggleFilter):
        return column == _typed(spec.value, column_type, "") if value else None
    return None


def default_value(spec: Any) -> Any:
    """The value a filter has before anyone touches it, in canonical form."""
    if isinstance(spec, DateRangeFilter):
        return spec.default if isinstance(spec.default, str) else tuple(spec.default)
    if isinstance(spec, SelectFilter):
        return None if spec.default is None else [spec.default]
    if isinstance(spec, MultiselectFilter):
        return list(spec.default) or None
    if isinstance(spec, RangeFilter):
        return tuple(spec.default) if spec.default else None
    if isinstance(spec, ToggleFilter):
        return spec.default
    return None


def as_url_value(value: Any) -> Sequence[Any] | Any:
    """A canonical value written back as the Python API and the URL take it."""
    if isinstance(value, tuple):
        return [v.isoformat() if isinstance(v, dt.date) else v for v in value]
    return value
