"""What only a browser shows: URL state written back, shared links, map canvases."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import Server, wait_for_app

pytestmark = pytest.mark.browser


def first_kpi(tab: object) -> str:
    return tab.get_by_test_id("stMetricValue").first.inner_text()  # type: ignore[attr-defined]


def choose(tab: object, label: str, option: str) -> None:
    """Pick `option` in the select box labelled `label`."""
    box = tab.get_by_test_id("stSelectbox").filter(has_text=label)  # type: ignore[attr-defined]
    box.get_by_role("combobox").click()
    tab.get_by_role("option", name=option, exact=True).click()  # type: ignore[attr-defined]
    wait_for_app(tab)


def test_filter_changes_the_kpi_and_the_link_reopens_the_same_view(
    example: Server, page: object, browser: object
) -> None:
    page.goto(example.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    before = first_kpi(page)
    choose(page, "Période", "30 derniers jours")
    page.wait_for_function(  # type: ignore[attr-defined]
        "before => document.querySelector('[data-testid=stMetricValue]').innerText !== before",
        arg=before,
    )
    after = first_kpi(page)
    assert after != before
    shared = page.url  # type: ignore[attr-defined]
    assert parse_qs(urlparse(shared).query)["periode"] == ["last_30_days"]
    # Someone else opens the link: same filter, same figure.
    other = browser.new_context(locale="fr-FR").new_page()  # type: ignore[attr-defined]
    other.goto(shared)
    wait_for_app(other)
    assert first_kpi(other) == after
    period = other.get_by_test_id("stSelectbox").filter(has_text="Période").get_by_role("combobox")
    assert period.input_value() == "30 derniers jours"
    other.context.close()


def test_the_map_draws_a_canvas(example: Server, page: object) -> None:
    page.goto(example.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    deck = page.get_by_test_id("stDeckGlJsonChart").first  # type: ignore[attr-defined]
    deck.scroll_into_view_if_needed()
    canvas = deck.locator("canvas").first
    canvas.wait_for(state="visible", timeout=60_000)
    # deck.gl sizes its canvas once laid out (300×150, the HTML default, until then).
    page.wait_for_function(  # type: ignore[attr-defined]
        "c => c.getBoundingClientRect().height > 200", arg=canvas.element_handle()
    )
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 200


def test_see_the_data_fills_its_table_when_opened(example: Server, page: object) -> None:
    page.goto(example.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    expanders = page.get_by_test_id("stExpander").filter(has_text="Voir les données")  # type: ignore[attr-defined]
    first = expanders.first
    # Closed, it holds no table: the page is not slowed by tables nobody opened.
    assert first.get_by_test_id("stDataFrame").count() == 0
    first.get_by_text("Voir les données").click()
    wait_for_app(page)
    table = expanders.first.get_by_test_id("stDataFrame")
    table.wait_for(state="visible", timeout=30_000)
    # The grid's accessible copy of the chart's numbers: days and passages, in French.
    cells = table.locator("td[role='gridcell']")
    cells.first.wait_for(state="attached", timeout=30_000)
    texts = cells.all_text_contents()
    assert any(t.endswith(" passages") for t in texts), texts
    assert any(re.fullmatch(r"\d{1,2} \w+\.? \d{4}", t) for t in texts), texts  # 12 août 2026
    # The other expanders stay closed and empty.
    assert expanders.nth(1).get_by_test_id("stDataFrame").count() == 0


def test_the_first_page_answers_at_its_own_address_too(example: Server, page: object) -> None:
    # It lives at the root; /accueil (its slug, which a team may type or share) must not
    # open Streamlit's « Page not found » dialog.
    page.goto(f"{example.url}/accueil?periode=last_30_days")  # type: ignore[attr-defined]
    wait_for_app(page)
    heading = page.get_by_role("heading", name="Fréquentation", exact=True)  # type: ignore[attr-defined]
    heading.wait_for(state="visible", timeout=30_000)
    assert page.get_by_text("Page not found").count() == 0  # type: ignore[attr-defined]
    assert first_kpi(page)
    period = page.get_by_test_id("stSelectbox").filter(has_text="Période")  # type: ignore[attr-defined]
    assert period.get_by_role("combobox").input_value() == "30 derniers jours"
