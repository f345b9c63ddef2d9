"""The page header and rows of views in a real browser, at phone and laptop widths."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import Server, wait_for_app

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
# The current period in words, e.g. « Du 4 août au 2 nov. 2026 » (no-break spaces inside dates).
PERIOD = re.compile(r"Du 1?\d(er)?\s\S+ au \d{1,2}\s\S+\s20\d\d")


@pytest.fixture(params=[PHONE, LAPTOP], ids=["phone", "laptop"])
def sized(request: pytest.FixtureRequest, browser: object) -> Iterator[object]:
    context = browser.new_context(locale="fr-FR", viewport=request.param)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def box(tab: object, selector: str) -> dict[str, float]:
    found = tab.locator(selector).first.bounding_box()  # type: ignore[attr-defined]
    assert found is not None, f"{selector} is not drawn"
    return found  # type: ignore[no-any-return]


def test_the_header_states_the_period_without_opening_the_sidebar(
    example: Server, sized: object
) -> None:
    tab = sized
    tab.goto(example.url)  # type: ignore[attr-defined]
    wait_for_app(tab)
    width, height = tab.viewport_size["width"], tab.viewport_size["height"]  # type: ignore[attr-defined]
    header = tab.locator(".st-key-page-header")  # type: ignore[attr-defined]
    assert header.is_visible()
    text = header.inner_text()
    assert "Cœur de ville vivant" in text and "Fréquentation" in text
    assert PERIOD.search(text), text
    # In the first screen, whole: no scrolling and no sidebar to open.
    found = box(tab, ".st-key-page-header")
    assert found["x"] >= 0 and found["x"] + found["width"] <= width
    assert found["y"] >= 0 and found["y"] + found["height"] <= height
    # The page title is the one h1, in the header.
    assert tab.locator("h1").count() == 1  # type: ignore[attr-defined]
    assert header.locator("h1").inner_text() == "Fréquentation"
    # Streamlit folds the sidebar away on a phone: its filters are off-screen there.
    control = tab.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first  # type: ignore[attr-defined]
    place = control.bounding_box()
    if width < 640:
        assert place is None or place["x"] + place["width"] <= 0 or not control.is_visible()
    else:
        assert place is not None and place["x"] >= 0 and control.is_visible()


def test_kpi_cards_side_by_side_on_a_laptop_and_stacked_on_a_phone(
    example: Server, sized: object
) -> None:
    tab = sized
    tab.goto(example.url)  # type: ignore[attr-defined]
    wait_for_app(tab)
    width = tab.viewport_size["width"]  # type: ignore[attr-defined]
    tab.get_by_test_id("stMetricValue").nth(1).wait_for()  # type: ignore[attr-defined]
    first, second = box(tab, ".st-key-p0-v0-view"), box(tab, ".st-key-p0-v1-view")
    if width >= 640:
        assert abs(first["y"] - second["y"]) < 2  # one row
        assert first["x"] + first["width"] <= second["x"]
    else:
        assert second["y"] >= first["y"] + first["height"]  # stacked, in their order
        assert abs(first["x"] - second["x"]) < 2
    for card in (first, second):
        assert card["x"] >= 0 and card["x"] + card["width"] <= width
    # Nothing makes the page wider than the screen (no sideways scrolling).
    overflow = tab.evaluate(  # type: ignore[attr-defined]
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0
