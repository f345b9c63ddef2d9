"""A shared link's filter values checked against what each filter offers now.

A link outlives its data: the dates it names may have left the data's range, its places
may be gone, and anyone can type anything after `?`. Streamlit raises when a widget gets
a value outside its bounds or options, so every value from a URL (or kept in the session
when the data moved) goes through here BEFORE its widget is made: what fits is kept,
what overhangs is clamped, what cannot be read is dropped. Each change carries a notice
(a message code and its parameters) that the page shows in the visitor's language.
Unreadable text is never echoed back in a notice: a link must not make the service say
what its author wants.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_TEXT = 200  # characters: longer URL values name no option we would offer
_TRUE, _FALSE = frozenset({"1", "true"}), frozenset({"0", "false"})


@dataclass(frozen=True)
class Checked:
    """A URL value made safe for its widget: `value` None means « the filter's default »."""

    value: Any = None
    notice: str | None = None  # a links_messages code, when the link asked for something else
    params: dict[str, Any] = field(default_factory=dict)


def _readable(texts: Sequence[str]) -> list[str]:
    return [t for t in texts if t != "" and len(t) <= MAX_TEXT]


def one_of(raw: str | None, options: Sequence[Any]) -> Checked:
    """A select's value: one of the options offered, else the default (with a notice)."""
    if raw is None or raw == "":
        return Checked()
    by_text = {str(o): o for o in options}
    if len(raw) <= MAX_TEXT and raw in by_text:
        return Checked(by_text[raw])
    return Checked(notice="link_value_unknown")


def some_of(raw: Sequence[str], options: Sequence[Any]) -> Checked:
    """A multiselect's values: those offered, once each, in the link's order."""
    by_text = {str(o): o for o in options}
    kept: dict[str, Any] = {}
    dropped = 0
    for text in raw:
        if text == "":
            continue
        if len(text) <= MAX_TEXT and text in by_text:
            kept.setdefault(text, by_text[text])
        else:
            dropped += 1
    notice = "link_values_unknown" if dropped else None
    return Checked(list(kept.values()) or None, notice, {"count": dropped})


def switch(raw: str | None) -> Checked:
    """A toggle's state: 1/0 (true/false tolerated), else the default."""
    if raw is None or raw == "":
        return Checked()
    text = raw.strip().lower()
    if text in _TRUE:
        return Checked(True)
    if text in _FALSE:
        return Checked(False)
    return Checked(notice="link_toggle_invalid")


def preset(raw: str | None, presets: Sequence[str]) -> Checked:
    """A period preset's name, else the default."""
    if raw is None or raw == "":
        return Checked()
    if raw in presets:
        return Checked(raw)
    return Checked(notice="link_preset_unknown")


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def fit_dates(
    pair: tuple[dt.date, dt.date], low: dt.date | None, high: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """`pair` ordered and cut to the data's days; None when it does not meet them."""
    start, end = sorted(_as_date(v) for v in pair)  # type: ignore[type-var]
    if (low is not None and end < low) or (high is not None and start > high):
        return None
    if low is not None:
        start = max(start, low)
    if high is not None:
        end = min(end, high)
    return start, end


def dates(raw: Sequence[str], low: dt.date | None, high: dt.date | None) -> Checked:
    """Custom dates (`…_dates=start&…_dates=end`) cut to the data's days.

    Outside the data altogether, the filter falls back to its default (a one-day
    period at the data's edge would show next to nothing, and not what was asked).
    """
    texts = _readable(raw)
    if not raw:
        return Checked()
    try:
        pair = tuple(dt.date.fromisoformat(t) for t in texts) if len(texts) == len(raw) else ()
    except ValueError:
        pair = ()
    if len(pair) != 2:
        return Checked(notice="link_dates_invalid")
    start, end = sorted(pair)
    asked = {"start": start, "end": end, "low": low, "high": high}
    fitted = fit_dates((start, end), low, high)
    if fitted is None:
        return Checked(notice="link_dates_outside", params=asked)
    if fitted != (start, end):
        return Checked(fitted, "link_dates_clamped", asked)
    return Checked(fitted)


def fit_interval(pair: Sequence[float], low: float, high: float) -> tuple[float, float] | None:
    """`pair` ordered and cut to [low, high]; None when it does not meet it."""
    a, b = sorted(float(v) for v in pair)
    if b < low or a > high:
        return None
    return max(a, low), min(b, high)


def interval(raw: Sequence[str], low: float, high: float) -> Checked:
    """A range's `low` and `high` (two finite numbers) cut to the data's span."""
    if not raw:
        return Checked()
    try:
        pair = [float(t) for t in _readable(raw)] if len(_readable(raw)) == len(raw) else []
    except ValueError:
        pair = []
    if len(pair) != 2 or not all(math.isfinite(v) for v in pair):
        return Checked(notice="link_range_invalid")
    a, b = sorted(pair)
    asked = {"start": a, "end": b, "low": low, "high": high}
    fitted = fit_interval((a, b), low, high)
    if fitted is None:
        return Checked(notice="link_range_outside", params=asked)
    if fitted != (a, b):
        return Checked(fitted, "link_range_clamped", asked)
    return Checked(fitted)
