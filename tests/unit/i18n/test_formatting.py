"""Numbers, percentages and dates in the service's language."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal as babel_format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from datacites_proto.i18n.formatting import MISSING, Formatter
from datacites_proto.views.maps.drawing import as_number

NNBSP, NBSP = "\u202f", "\u00a0"  # French typography: narrow no-break space, no-break space
MINUS = "\u2212"  # French typography: the minus sign

fr, en = Formatter("fr"), Formatter("en")


def test_the_issues_examples() -> None:
    assert fr.number(12345.6) == f"12{NNBSP}345,6"
    assert fr.percent(0.125) == f"12,5{NBSP}%"
    assert fr.date(dt.date(2026, 11, 26)) == "26 nov. 2026"
    assert en.number(12345.6) == "12,345.6"
    assert en.percent(0.125) == "12.5%"
    assert en.date(dt.date(2026, 11, 26)) == "26 Nov 2026"


@pytest.mark.parametrize(
    "value, kind, unit, french, english",
    [
        (1262659, "integer", "passages", f"1{NNBSP}262{NNBSP}659 passages", "1,262,659 passages"),
        (0.0412, "percent", None, f"4,1{NBSP}%", "4.1%"),
        (3.14159, "decimal", None, "3,14", "3.14"),
        (1234.5, "currency", None, f"1{NNBSP}234,50{NBSP}€", "€1,234.50"),
        (3900, "duration", None, "1 h 05 min", "1 h 05 min"),
        (float("nan"), "integer", "passages", MISSING, MISSING),
        (None, "percent", None, MISSING, MISSING),
    ],
)
def test_indicator_values(
    value: float, kind: str, unit: str | None, french: str, english: str
) -> None:
    assert fr.value(value, kind, unit=unit) == french
    assert en.value(value, kind, unit=unit) == english


def test_breakdown_keys_read_as_people_read_them() -> None:
    assert [fr.weekday(d) for d in (1, 7)] == ["lundi", "dimanche"]
    assert [en.weekday(d) for d in (1, 7)] == ["Monday", "Sunday"]
    assert fr.grain(pd.Timestamp("2026-11-01"), "month") == "nov. 2026"
    assert fr.grain(14, "hour_of_day") == "14 h"
    assert en.grain(9, "hour_of_day") == "09:00"
    assert fr.grain(pd.Timestamp("2026-07-14"), "day") == "14 juil. 2026"
    assert fr.grain(pd.Timestamp("2026-07-14"), "year") == "2026"
    assert fr.grain("Gare", None) == "Gare"


@settings(max_examples=300, deadline=None)
@given(value=st.integers(min_value=-(10**14), max_value=10**14), lang=st.sampled_from(["fr", "en"]))
def test_whole_numbers_read_as_babel_writes_them(value: int, lang: str) -> None:
    # Whole numbers skip Babel's per-value machinery (a daily series formats thousands).
    locale = {"fr": "fr_FR", "en": "en_GB"}[lang]
    expected = babel_format_decimal(value, format="#,##0", locale=locale)
    if lang == "fr":  # French typography: the minus sign, not a hyphen
        expected = expected.replace("-", MINUS)
    assert Formatter(lang).number(value) == expected
    assert Formatter(lang).number(float(value)) == expected
    assert Formatter(lang).number(value, 0) == expected


@settings(max_examples=400, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    lang=st.sampled_from(["fr", "en"]),
    style=st.sampled_from(["short", "medium", "long", "full"]),
)
def test_dates_read_as_babel_writes_them(day: dt.date, lang: str, style: str) -> None:
    # Days are written from the locale's month names, without Babel's per-value machinery.
    locale = {"fr": "fr_FR", "en": "en_GB"}[lang]
    expected = babel_format_date(day, style, locale=locale)
    if lang == "fr" and day.day == 1 and style != "short":  # « le 1er nov. »
        expected = expected.replace("1 ", "1er ", 1)
    assert Formatter(lang).date(day, style) == expected


def test_dates_are_the_same_when_formatted_again() -> None:
    fmt = Formatter("fr")
    first = [fmt.date(dt.date(2026, 1, 1) + dt.timedelta(days=i)) for i in range(400)]
    assert first == [fmt.date(dt.date(2026, 1, 1) + dt.timedelta(days=i)) for i in range(400)]
    assert first[0] == "1er janv. 2026" and first[329] == "26 nov. 2026"
    assert Formatter("en").date(dt.date(2026, 11, 26)) == "26 Nov 2026"  # not the French one


def test_french_typography_minus_first_of_month_currency_and_plurals() -> None:
    # Issue 15: « −11,9 % » (not « -11,9 % »), « le 1er nov. », « 1,20 € », « 1 erreur ».
    assert fr.percent(-0.119) == f"{MINUS}11,9{NBSP}%"
    assert fr.number(-3) == f"{MINUS}3" and fr.number(-1234.5) == f"{MINUS}1{NNBSP}234,5"
    assert fr.value(-2.5, "decimal", unit="°C") == f"{MINUS}2,5 °C"
    assert en.number(-3) == "-3" and en.percent(-0.119) == "-11.9%"
    assert fr.value(1.2, "currency") == f"1,20{NBSP}€" and en.value(1.2, "currency") == "€1.20"
    assert fr.date(dt.date(2026, 11, 1)) == "1er nov. 2026"
    assert fr.date(dt.date(2026, 11, 11)) == "11 nov. 2026"
    assert fr.date(dt.date(2026, 11, 1), "full") == "dimanche 1er novembre 2026"
    assert fr.date(dt.date(2026, 11, 1), "short") == "01/11/2026"
    assert fr.datetime(dt.datetime(2026, 11, 1, 9, 5)) == "1er nov. 2026 09:05"
    assert en.date(dt.date(2026, 11, 1)) == "1 Nov 2026"
    assert [fr.plural(n, "erreur", "erreurs") for n in (0, 1, 2)] == [
        "erreur",
        "erreur",
        "erreurs",
    ]
    assert [en.plural(n, "error", "errors") for n in (0, 1, 2)] == ["errors", "error", "errors"]


def test_a_missing_integer_measure_reads_as_missing() -> None:
    # Integer sums come back as pandas' Int64, whose missing value is NA, not NaN.
    fmt = Formatter("fr")
    missing = pd.array([None], dtype="Int64")[0]
    assert fmt.number(missing) == fmt.number(None) == fmt.value(missing, "number", None)
    assert fmt.percent(missing) == fmt.number(None)
    assert math.isnan(as_number(missing)) and as_number(pd.array([4], dtype="Int64")[0]) == 4.0
