"""A chart as both the screen and the printed report show it: one computation, two outputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Chart:
    """A chart view's title, Vega-Lite spec and rows, text alternative, captions and table.

    `spec` is None when the filters leave no data: both outputs then say so."""

    title: str
    description: str | None
    spec: dict[str, Any] | None = None
    data: pd.DataFrame | None = None
    alt: str = ""
    notes: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
