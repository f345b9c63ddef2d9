"""The captions under a chart (limited, hidden, protected) and its data table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from datacites_proto.i18n import translate
from datacites_proto.views.charts.constants import (
    HIDDEN,
    HIDDEN_LISTED,
    SERIES_TEXT,
    VALUE_TEXT,
    X_TEXT,
)
from datacites_proto.views.charts.figures import Figure
from datacites_proto.views.charts.text_alternative import cell_name

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext


def hidden_note(cells: Sequence[str], size: int, lang: str) -> str | None:
    """The caption naming hidden cells and why they are hidden; None when none is."""
    if not cells:
        return None
    named = ", ".join(cells[:HIDDEN_LISTED])
    if len(cells) > HIDDEN_LISTED:
        named = translate("chart_and_more", lang, cells=named, count=len(cells) - HIDDEN_LISTED)
    return translate("chart_hidden_cells", lang, cells=named, size=size)


def protection_notes(ctx: RenderContext, protections: Sequence[Any]) -> list[str]:
    """What small-group protection did to a public figure (rows set aside, rounding)."""
    from datacites_proto.engine.protection import notes

    titles = {d: spec.title or d for d, spec in ctx.blueprint.datasets.items()}
    return notes(list(protections), ctx.lang, titles)


def hidden_cells(fig: Figure) -> list[str]:
    """The hidden cells of a figure, named as in the data table."""
    rows = fig.data[fig.data[HIDDEN]]
    return [cell_name(row, fig) for _, row in rows.iterrows()]


def figure_table(fig: Figure) -> pd.DataFrame:
    """The accessible table of a figure: the same numbers as the chart, formatted."""
    columns: dict[str, list[str]] = {fig.x.title: fig.data[X_TEXT].tolist()}
    if fig.series is not None:
        columns[_unique(fig.series.title, columns)] = fig.data[SERIES_TEXT].tolist()
    columns[_unique(fig.title, columns)] = fig.data[VALUE_TEXT].tolist()
    return pd.DataFrame(columns)


def _unique(name: str, taken: dict[str, Any]) -> str:
    while name in taken:
        name += " "
    return name
