"""Vega-Lite's locale and the number, value and time formats of chart axes."""

from __future__ import annotations

from typing import Any

from babel.dates import get_day_names, get_month_names
from babel.numbers import format_currency, get_decimal_symbol, get_group_symbol

from datacites_proto.i18n.formatting import LOCALES, MINUS_SIGN, MISSING, Formatter


def lower_first(text: str) -> str:
    """`Passages piétons` → `passages piétons`, but `IRVE` and `Lieu IRIS` keep theirs."""
    if not text or (len(text) > 1 and text[1].isupper()):
        return text
    return text[0].lower() + text[1:]


def of_phrase(text: str, lang: str) -> str:
    """`de passages`, `d'habitants` (French elision), `of passages`."""
    if lang == "fr":
        return f"d'{text}" if text[:1].lower() in "aeiouyàâäéèêëîïôöûüh" else f"de {text}"
    return f"of {text}"


def clause_separator(lang: str) -> str:
    return " ; " if lang == "fr" else "; "


def vega_locale(lang: str) -> dict[str, Any]:
    """Vega's number and time locale (d3-format, d3-time-format) from Babel's data, so that
    axes say what `Formatter` says: `12 345,6`, `12,5 %`, `3 août`."""
    locale = LOCALES.get(lang, LOCALES["fr"])
    fmt = Formatter(lang)
    percent = fmt.percent(0.5, 0)  # "50 %": the sign and its spacing follow the digits
    money = format_currency(1, "EUR", format=None, locale=locale)
    digits = [i for i, c in enumerate(money) if c.isdigit()]
    days = get_day_names("wide", locale=locale)  # 0 is Monday; d3 starts on Sunday
    short_days = get_day_names("abbreviated", locale=locale)
    months = get_month_names("wide", locale=locale)
    short_months = get_month_names("abbreviated", locale=locale)
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    return {
        "number": {
            "decimal": get_decimal_symbol(locale),
            "thousands": get_group_symbol(locale),
            "grouping": [3],
            "currency": [money[: digits[0]], money[digits[-1] + 1 :]],
            "percent": percent[percent.rindex("0") + 1 :],
            "minus": MINUS_SIGN if lang == "fr" else "-",
            "nan": MISSING,
        },
        "time": {
            "dateTime": "%A %-d %B %Y à %X" if lang == "fr" else "%A, %-d %B %Y %X",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [str(days[d]) for d in sunday_first],
            "shortDays": [str(short_days[d]) for d in sunday_first],
            "months": [str(months[m]) for m in range(1, 13)],
            "shortMonths": [str(short_months[m]) for m in range(1, 13)],
        },
    }


def value_format(kind: str, decimals: int | None = None) -> str:
    """The d3 format of an indicator's values on an axis or a legend."""
    if kind == "percent":
        return f",.{1 if decimals is None else decimals}~%"
    if kind == "currency":
        return "$,.2f"  # `1,20 €`: a price keeps its cents
    if kind == "integer":
        return ",.0f"
    return f",.{2 if decimals is None else decimals}~f"


def value_title(label: str, unit: str | None) -> str:
    """`Passages piétons (passages)`: the label, then the unit unless the label says it."""
    if unit and unit.lower() not in label.lower():
        return f"{label} ({unit})"
    return label


def time_format(grain: str | None, lang: str, same_year: bool = True) -> str:
    """The d3 time format of a temporal axis cut by `grain`."""
    day = "%-d %b" if same_year else "%-d %b %Y"
    if grain == "hour":
        return f"{day} %H h" if lang == "fr" else f"{day} %H:00"
    if grain in ("day", "week"):
        return day
    if grain == "month":
        return "%b %Y"
    if grain == "year":
        return "%Y"
    return "%-d %b %Y"
