"""The colour and arrow of a KPI card's change, told by the number, not by its text."""

from __future__ import annotations

from typing import Literal

Colour = Literal["green", "red", "gray"]
Arrow = Literal["up", "down", "off"]


def delta_style(change: float | None, lower_is_better: bool = False) -> tuple[Colour, Arrow]:
    """(colour, arrow) of `st.metric` for a change.

    Streamlit reads a change as negative when its text starts with a hyphen-minus; French
    typography writes « −11,9 % » with the minus sign (U+2212), so the card says it itself.
    """
    if change is None or change == 0:
        return "gray", "off"
    good = (change < 0) == lower_is_better
    return ("green" if good else "red"), ("down" if change < 0 else "up")
