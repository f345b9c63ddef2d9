"""A KPI card's arrow and colour follow the change, whatever sign character the text uses."""

from __future__ import annotations

import pytest

from datacites_proto.views.metric_delta import delta_style


@pytest.mark.parametrize(
    "change, lower_is_better, expected",
    [
        (-0.119, False, ("red", "down")),  # « −11,9 % »: Streamlit would read it as a rise
        (0.153, False, ("green", "up")),
        (-0.2, True, ("green", "down")),  # fewer is the aim
        (0.2, True, ("red", "up")),
        (0.0, False, ("gray", "off")),
        (None, False, ("gray", "off")),
    ],
)
def test_colour_and_arrow(
    change: float | None, lower_is_better: bool, expected: tuple[str, str]
) -> None:
    assert delta_style(change, lower_is_better) == expected
