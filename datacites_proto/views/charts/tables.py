"""The CSV export and the typed, labelled rows of a data table."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from datacites_proto.i18n.formatting import MISSING

_FORMULA_START = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?\d")


def _defused(value: Any) -> Any:
    """A text cell Excel would run as a formula (`=HYPERLINK(…)`) gets a leading quote."""
    if isinstance(value, str) and _FORMULA_START.match(value) and not _NUMBER.match(value):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """Rows as a CSV file Excel opens right: in French `;`, decimal comma and UTF-8 with a
    BOM; in English `,`, decimal point and plain UTF-8. Dates stay ISO (AAAA-MM-JJ)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_defused)
    french = lang == "fr"
    text = out.to_csv(
        sep=";" if french else ",",
        decimal="," if french else ".",
        index=False,
        lineterminator="\r\n",
    )
    return text.encode("utf-8-sig" if french else "utf-8")


# Tables -------------------------------------------------------------------------------

DATE_FORMATS = {"date": "DD/MM/YYYY", "datetime": "DD/MM/YYYY HH:mm"}  # day first, fr and en-GB


# A column's declared `format` → the preset of Streamlit's number column, which the
# browser draws in its own locale (« 1,20 € », « 12,5 % » in a French browser).
NUMBER_PRESETS = {"currency": "euro", "percent": "percent"}


def column_config(
    labels: dict[str, str],
    types: dict[str, str | None],
    formats: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Streamlit column settings: declared labels, numbers and dates formatted by type (or
    by the column's declared `format`)."""
    import streamlit as st

    config: dict[str, Any] = {}
    for column, label in labels.items():
        kind = types.get(column)
        if kind in ("integer", "number"):
            preset = NUMBER_PRESETS.get((formats or {}).get(column, ""), "localized")
            config[column] = st.column_config.NumberColumn(label, format=preset)
        elif kind == "date":
            config[column] = st.column_config.DateColumn(label, format=DATE_FORMATS["date"])
        elif kind == "datetime":
            config[column] = st.column_config.DatetimeColumn(label, format=DATE_FORMATS["datetime"])
        elif kind == "boolean":
            config[column] = st.column_config.CheckboxColumn(label)
        else:
            config[column] = st.column_config.TextColumn(label)
    return config


def typed_rows(frame: pd.DataFrame, types: dict[str, str | None]) -> pd.DataFrame:
    """Whole-number columns as whole numbers even with missing cells (`12`, not `12.0`)."""
    out = frame.copy()
    for column in out.columns:
        if types.get(column) == "integer" and pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round().astype("Int64")
    return out


def shown_rows(frame: pd.DataFrame, types: dict[str, str | None]) -> pd.DataFrame:
    """The rows as a table shows them: a missing text as « — », where Streamlit would
    write `None` (the CSV file keeps the cell empty)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        text = values.dtype == object or pd.api.types.is_string_dtype(values)
        if types.get(column) in (None, "string") and text and values.isna().any():
            out[column] = values.astype(object).where(values.notna(), MISSING)
    return out
