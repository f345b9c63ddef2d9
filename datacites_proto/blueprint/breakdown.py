"""The `by:` mini-syntax: a column, or a time grain applied to one (`day(start_datetime)`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

GRAINS: tuple[str, ...] = ("hour", "day", "week", "month", "year", "weekday", "hour_of_day")
_COLUMN = r'(?:[A-Za-z_][A-Za-z0-9_]*\.)?(?:[^\W\d]\w*|"[^"]+")'
_BY_RE = re.compile(
    rf"^\s*(?:(?P<grain>[A-Za-z_]+)\s*\(\s*(?P<inner>{_COLUMN})\s*\)|(?P<col>{_COLUMN}))\s*$"
)


@dataclass(frozen=True)
class Breakdown:
    """A parsed `by`: the column as written (maybe "dataset.column") and an optional grain."""

    column: str
    grain: str | None = None


def parse_breakdown(text: str) -> Breakdown:
    """Parse a `by` value; raise a located pydantic error when it is not valid."""
    match = _BY_RE.match(text)
    if not match:
        raise PydanticCustomError("by_syntax", "bad breakdown {value!r}", {"value": text})
    if match.group("col"):
        return Breakdown(match.group("col").replace('"', ""))
    grain = match.group("grain").lower()
    if grain not in GRAINS:
        raise PydanticCustomError(
            "unknown_grain",
            "unknown time grain {grain!r}",
            {"grain": grain, "choices": list(GRAINS), "allowed": ", ".join(GRAINS)},
        )
    return Breakdown(match.group("inner").replace('"', ""), grain)


def _check(text: str) -> str:
    parse_breakdown(text)
    return text


By = Annotated[str, AfterValidator(_check)]
