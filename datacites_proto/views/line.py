"""`line` view: an indicator over time or along a column."""

from __future__ import annotations

from typing import Literal

from datacites_proto.views.base import BreakdownView


class LineView(BreakdownView):
    """Line chart of an indicator over time or along a column."""

    type: Literal["line"] = "line"
