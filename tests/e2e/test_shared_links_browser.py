"""A shared link from another time opens the page with a notice, never a traceback (issue 11)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import Server, wait_for_app

pytestmark = pytest.mark.browser

LINK_1990 = "/?periode=custom&periode_dates=1990-01-01&periode_dates=1990-01-02"


def test_a_1990_link_on_2024_data_shows_the_page_and_a_notice(
    example: Server, page: object
) -> None:
    page.goto(example.url + LINK_1990)  # type: ignore[attr-defined]
    wait_for_app(page)
    assert page.get_by_test_id("stException").count() == 0  # type: ignore[attr-defined]
    body = page.locator("body").inner_text()  # type: ignore[attr-defined]
    assert "Traceback" not in body and "StreamlitValueBelowMinError" not in body
    notice = page.get_by_test_id("stAlert").filter(has_text="en dehors des données")  # type: ignore[attr-defined]
    assert notice.count() == 1
    assert "1er janv. 1990" in notice.inner_text()
    assert page.get_by_test_id("stMetricValue").first.inner_text()  # type: ignore[attr-defined]
    # The address now says what the page shows: a link shared from here works.
    page.wait_for_function("() => !location.search.includes('1990')")  # type: ignore[attr-defined]
    dates = parse_qs(urlparse(page.url).query)["periode_dates"]  # type: ignore[attr-defined]
    assert len(dates) == 2 and all(not d.startswith("1990") for d in dates)
