"""What Streamlit's own widgets show, in a real browser, on a French service (issue 15):
no « Select all » in a multiselect, no printf numbers (« 7.40 ») on a range slider but the
interval in French under it, no « Running... », no « Deploy » nor English menu."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest

from tests.conftest import REPO
from tests.e2e.conftest import Server, serve, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def recharge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The recharge example (a range, a multiselect and toggles on its first page)."""
    folder = tmp_path_factory.mktemp("e2e-french") / "recharge"
    shutil.copytree(
        REPO / "examples" / "recharge", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    yield from serve(folder)


def test_widgets_say_nothing_in_english(recharge: Server, page: object) -> None:
    from playwright.sync_api import expect

    page.goto(recharge.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")  # type: ignore[attr-defined]
    # The multiselect's list opens without « Select all ».
    communes = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Commune")
    communes.get_by_role("combobox").click()
    options = page.get_by_role("option")  # type: ignore[attr-defined]
    expect(options.first).to_be_visible(timeout=30_000)
    assert not any("Select all" in text for text in options.all_inner_texts())
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    # The slider's own numbers (printf, « 3.00 ») are hidden; the interval is written in
    # French under it (« 7,4 – 300 » where Streamlit wrote « 7.40 » and « 300.00 »).
    slider = sidebar.get_by_test_id("stSlider").filter(has_text="Puissance (kW)")
    for test_id in ("stSliderThumbValue", "stSliderTickBar"):
        for element in slider.get_by_test_id(test_id).all():
            assert not element.is_visible(), test_id
    shown = sidebar.get_by_test_id("stCaptionContainer").all_inner_texts()
    french = re.compile(r"[\d\u202f]+(,\d+)? – [\d\u202f]+(,\d+)?")  # « 7,4 – 300 »
    assert any(french.fullmatch(t.strip()) for t in shown), shown
    body = page.locator("body").inner_text()  # type: ignore[attr-defined]
    assert not re.search(r"\d\.\d\d\b", body)  # no « 7.40 » anywhere on the page
    # Neither the deploy button nor Streamlit's English menu; the status widget is hidden.
    assert page.get_by_test_id("stAppDeployButton").count() == 0  # type: ignore[attr-defined]
    assert page.get_by_test_id("stMainMenu").count() == 0  # type: ignore[attr-defined]
    for status in page.get_by_test_id("stStatusWidget").all():  # type: ignore[attr-defined]
        assert not status.is_visible()
    for english in ("Select all", "Running", "Deploy", "Press Enter", "Page not found"):
        assert english not in body
