"""`area` view: an indicator as stacked areas, e.g. one per series."""

from __future__ import annotations

from typing import Literal

from datacites_proto.views.base import BreakdownView


class AreaView(BreakdownView):
    """Stacked area chart of an indicator, e.g. by series."""

    type: Literal["area"] = "area"
