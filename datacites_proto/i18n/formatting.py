"""Numbers, percentages, dates and durations in the service's language (Babel).

French: `12 345,6`, `12,5 %`, `26 nov. 2026` (with the narrow no-break spaces of French
typography); English: `12,345.6`, `12.5%`, `26 Nov 2026`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime, get_day_names
from babel.numbers import NumberPattern, format_currency, parse_pattern

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
MISSING = "—"
# French typography writes negative numbers with the minus sign (U+2212), which CLDR's
# `fr` leaves as a hyphen-minus; English keeps CLDR's hyphen-minus.
MINUS_SIGN = "\u2212"


# A chart's labels and tooltips format hundreds of values at every rerun: parsing the
# locale and the pattern once, not for each value, is most of the cost saved.
@functools.lru_cache(maxsize=8)
def _babel_locale(name: str) -> Locale:
    return Locale.parse(name)


@functools.lru_cache(maxsize=64)
def _number_pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@functools.lru_cache(maxsize=8)
def _integer_symbols(locale: str) -> tuple[str, str]:
    """The locale's group separator and minus sign (Latin digits)."""
    symbols = _babel_locale(locale).number_symbols["latn"]
    return symbols["group"], symbols["minusSign"]


def typographic_minus(text: str, lang: str) -> str:
    """`-11,9 %` → `−11,9 %` in French: a leading hyphen-minus becomes the minus sign."""
    if lang == "fr" and text.startswith("-"):
        return MINUS_SIGN + text[1:]
    return text


def plural(count: Any, one: str, other: str, lang: str = "fr") -> str:
    """`one` or `other` as `count` asks: French treats 0 and 1 as singular, English 1 only."""
    if isinstance(count, str):  # already written for people: `1 234`, `−2,5`, `1,234`
        text = count.replace(MINUS_SIGN, "-")
        text = text.replace(",", ".") if lang == "fr" else text.replace(",", "")
        count = re.sub(r"[\s\u202f\u00a0]", "", text)
    try:
        size = abs(float(count))
    except (TypeError, ValueError):
        return other
    if lang == "fr":
        return one if size < 2 else other
    return one if size == 1 else other


def _integer_text(value: int, locale: str) -> str:
    """What Babel's `#,##0` gives for an integer, without its per-value cost."""
    group, minus = _integer_symbols(locale)
    digits = f"{abs(value):,}".replace(",", group)
    return minus + digits if value < 0 else digits


# The fields of a date pattern written here from the locale's own names, as Babel writes
# them; a pattern with any other field (a weekday, a two-digit year) goes through Babel.
_DATE_FIELDS = frozenset({"d", "dd", "M", "MM", "MMM", "MMMM", "y", "yyyy"})
_FIELD_RE = re.compile(r"%\((\w+)\)s")


@functools.lru_cache(maxsize=16)
def _date_plan(style: str, locale: str) -> tuple[str, dict[int, str], dict[int, str]] | None:
    """(%-template, abbreviated months, wide months) of a locale's date style, when its
    fields are all in _DATE_FIELDS; None otherwise."""
    babel = _babel_locale(locale)
    pattern = babel.date_formats[style]
    if not set(_FIELD_RE.findall(pattern.format)) <= _DATE_FIELDS:
        return None
    months = babel.months["format"]
    return (
        pattern.format,
        {m: str(months["abbreviated"][m]) for m in range(1, 13)},
        {m: str(months["wide"][m]) for m in range(1, 13)},
    )


# A daily series repeats the same days from one rerun to the next; years of days (13,000
# of them) are written without Babel's per-value machinery (≈25 µs a date).
@functools.lru_cache(maxsize=65536)
def _date_text(value: dt.date, style: str, locale: str) -> str:
    plan = _date_plan(style, locale)
    if plan is None:
        return _first_of_month(
            format_date(value, style, locale=_babel_locale(locale)), value, locale
        )
    template, short_months, months = plan
    return template % {
        "d": "1er" if value.day == 1 and locale.startswith("fr") else value.day,
        "dd": f"{value.day:02d}",
        "M": value.month,
        "MM": f"{value.month:02d}",
        "MMM": short_months[value.month],
        "MMMM": months[value.month],
        "y": value.year,
        "yyyy": f"{value.year:04d}",
    }


def _first_of_month(text: str, value: dt.date, locale: str) -> str:
    """French writes the first day of a month as an ordinal: `1er nov.`, `lundi 1er nov.`."""
    if value.day != 1 or not locale.startswith("fr"):
        return text
    return re.sub(r"(?<!\d)1(?= )", "1er", text, count=1)


def _missing(value: Any) -> bool:
    # pandas' NA (an integer measure's missing value) without importing pandas here.
    if value is None or type(value).__name__ == "NAType":
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

    @property
    def _babel(self) -> Locale:
        return _babel_locale(self.locale)

    def number(self, value: Any, decimals: int | None = None) -> str:
        """`12 345,6`; integers without decimals; at most `decimals` digits after the comma."""
        if _missing(value):
            return MISSING
        whole = float(value).is_integer()
        if whole and (decimals is None or decimals == 0) and abs(value) < 1e15:
            # counts: most of what we show
            return typographic_minus(_integer_text(int(value), self.locale), self.lang)
        if decimals is None:
            decimals = 0 if whole else (1 if abs(value) >= 100 else 2)
        pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
        return typographic_minus(_number_pattern(pattern).apply(value, self._babel), self.lang)

    def percent(self, value: Any, decimals: int = 1) -> str:
        """A share (0.125) as `12,5 %`."""
        if _missing(value):
            return MISSING
        # The locale's own pattern keeps its spacing (a no-break space before % in French).
        pattern = self._babel.percent_formats[None].pattern
        if decimals:
            pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
        return typographic_minus(_number_pattern(pattern).apply(value, self._babel), self.lang)

    def currency(self, value: Any, currency: str = "EUR") -> str:
        """`1,20 €`: always the currency's two decimals."""
        if _missing(value):
            return MISSING
        return typographic_minus(format_currency(value, currency, locale=self._babel), self.lang)

    def plural(self, count: Any, one: str, other: str) -> str:
        """`erreur` or `erreurs` for `count`, by the language's rule."""
        return plural(count, one, other, self.lang)

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
        return _date_text(value, style, self.locale)

    def dates(self, values: Any) -> list[str]:
        """`date` for a whole column of timestamps (a pandas Series); missing ones as —."""
        missing = values.isna().to_numpy()
        days = values.dt.date.to_numpy()
        locale = self.locale
        return [
            MISSING if gone else _date_text(day, "medium", locale)
            for day, gone in zip(days, missing, strict=True)
        ]

    def datetime(self, value: Any) -> str:
        if _missing(value):
            return MISSING
        if hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime()
        text = format_datetime(value, "d MMM y HH:mm", locale=self._babel)
        return _first_of_month(text, value, self.locale)

    def month(self, value: Any) -> str:
        """`nov. 2026`."""
        if _missing(value):
            return MISSING
        if hasattr(value, "date") and not isinstance(value, dt.date):
            value = value.date()
        return format_date(value, "MMM y", locale=self._babel)

    def weekday(self, iso_day: int, width: str = "wide") -> str:
        """1 → `lundi` (ISO numbering, Monday first)."""
        return str(get_day_names(width, locale=self._babel)[(int(iso_day) - 1) % 7])

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
