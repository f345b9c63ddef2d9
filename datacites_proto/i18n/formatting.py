"""Numbers, percentages, dates and durations in the service's language (Babel).

French: `12 345,6`, `12,5 %`, `26 nov. 2026` (with the narrow no-break spaces of French
typography); English: `12,345.6`, `12.5%`, `26 Nov 2026`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime, get_day_names
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
MISSING = "—"


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except TypeError:
        return False


@dataclass(frozen=True)
class Formatter:
    """Formats values for one language."""

    lang: str = "fr"

    @property
    def locale(self) -> str:
        return LOCALES.get(self.lang, LOCALES["fr"])

    def number(self, value: Any, decimals: int | None = None) -> str:
        """`12 345,6`; integers without decimals; at most `decimals` digits after the comma."""
        if _missing(value):
            return MISSING
        if decimals is None:
            decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 100 else 2)
        pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, value: Any, decimals: int = 1) -> str:
        """A share (0.125) as `12,5 %`."""
        if _missing(value):
            return MISSING
        # The locale's own pattern keeps its spacing (a no-break space before % in French).
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        if decimals:
            pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
        return format_percent(value, format=pattern, locale=self.locale)

    def currency(self, value: Any, currency: str = "EUR") -> str:
        if _missing(value):
            return MISSING
        return format_currency(value, currency, locale=self.locale)

    def duration(self, seconds: Any) -> str:
        """Seconds as `1 h 05 min`, `12 min`, `45 s`."""
        if _missing(seconds):
            return MISSING
        total = round(float(seconds))
        hours, rest = divmod(total, 3600)
        minutes, secs = divmod(rest, 60)
        if hours:
            return f"{hours} h {minutes:02d} min"
        if minutes:
            return f"{minutes} min"
        return f"{secs} s"

    def value(
        self,
        value: Any,
        kind: str = "decimal",
        decimals: int | None = None,
        unit: str | None = None,
    ) -> str:
        """A value as an indicator's `format` says, followed by its unit."""
        if kind == "percent":
            text = self.percent(value, 1 if decimals is None else decimals)
        elif kind == "currency":
            text = self.currency(value)
        elif kind == "duration":
            text = self.duration(value)
        elif kind == "integer":
            text = self.number(None if _missing(value) else round(float(value)), 0)
        else:
            text = self.number(value, decimals)
        return (
            f"{text} {unit}"
            if unit and text != MISSING and kind not in ("percent", "currency")
            else text
        )

    def date(self, value: Any, style: str = "medium") -> str:
        """`26 nov. 2026`."""
        if _missing(value):
            return MISSING
        if isinstance(value, str):
            value = dt.date.fromisoformat(value[:10])
        if isinstance(value, dt.datetime):
            value = value.date()
        if hasattr(value, "date") and not isinstance(value, dt.date):  # pandas Timestamp
            value = value.date()
        return format_date(value, style, locale=self.locale)

    def datetime(self, value: Any) -> str:
        if _missing(value):
            return MISSING
        if hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime()
        return format_datetime(value, "d MMM y HH:mm", locale=self.locale)

    def month(self, value: Any) -> str:
        """`nov. 2026`."""
        if _missing(value):
            return MISSING
        if hasattr(value, "date") and not isinstance(value, dt.date):
            value = value.date()
        return format_date(value, "MMM y", locale=self.locale)

    def weekday(self, iso_day: int, width: str = "wide") -> str:
        """1 → `lundi` (ISO numbering, Monday first)."""
        return str(get_day_names(width, locale=self.locale)[(int(iso_day) - 1) % 7])

    def grain(self, value: Any, grain: str | None) -> str:
        """A breakdown key as people read it, for the grain it was cut by."""
        if grain in ("day", "week"):
            return self.date(value)
        if grain == "month":
            return self.month(value)
        if grain == "year":
            return str(value.year) if hasattr(value, "year") else str(value)[:4]
        if grain == "hour":
            return self.datetime(value)
        if grain == "weekday":
            return self.weekday(value)
        if grain == "hour_of_day":
            return f"{int(value)} h" if self.lang == "fr" else f"{int(value):02d}:00"
        if isinstance(value, float) and value.is_integer():
            return self.number(value)
        return MISSING if _missing(value) else str(value)
