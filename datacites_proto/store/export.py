"""Feedback exported for the team: CSV for a spreadsheet, JSON for a program."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

COLUMNS = ("id", "created_at", "page", "rating", "comment", "filters", "answers")
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _iso_utc(value: dt.datetime) -> str:
    return value.replace(tzinfo=dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Feedback rows as exported: times in ISO 8601 UTC, only the documented columns."""
    return [
        {
            "id": row["id"],
            "created_at": _iso_utc(row["created_at"]),
            "page": row["page"],
            "rating": row["rating"],
            "comment": row["comment"],
            "filters": row["filters"] or {},
            "answers": row["answers"] or {},
        }
        for row in rows
    ]


def to_json(rows: list[dict[str, Any]]) -> str:
    """A JSON array of the feedback records."""
    return json.dumps(records(rows), ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: list[dict[str, Any]]) -> str:
    """CSV with a header; filters and answers as JSON text; formulas neutralised with a quote."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records(rows):
        writer.writerow([_cell(record[c]) for c in COLUMNS])
    return out.getvalue()
