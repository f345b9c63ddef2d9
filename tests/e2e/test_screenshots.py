"""Screenshots of every example's first page, for the documentation (headless Chromium).

`make screenshots` writes them into docs/screenshots/ and checks that each shows a drawn
page; the test suite leaves them out (marker `screenshots`): the walk of
tests/e2e/test_accessibility_browser.py reads every page at both widths already.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.conftest import serve, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.screenshots]

EXAMPLES = sorted(p.parent.name for p in (REPO / "examples").glob("*/blueprint.yaml"))


def target_folder(tmp_path: Path) -> Path:
    wanted = os.environ.get("DATACITES_SCREENSHOTS")
    return Path(wanted) if wanted else tmp_path


# Desktop as a laptop shows it, and a phone (the name of the file says which).
SCREENS = {"": (1366, 900), "-telephone": (390, 844)}


@pytest.mark.parametrize("suffix", list(SCREENS))
@pytest.mark.parametrize("name", EXAMPLES)
def test_screenshot_of_the_example(name: str, suffix: str, tmp_path: Path, browser: object) -> None:
    folder = tmp_path / name
    shutil.copytree(REPO / "examples" / name, folder, ignore=shutil.ignore_patterns(".datacites"))
    width, height = SCREENS[suffix]
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="fr-FR", viewport={"width": width, "height": height}
    )
    page = context.new_page()
    try:
        for server in serve(folder):
            page.goto(server.url)
            wait_for_app(page)
            page.get_by_test_id("stMetricValue").first.wait_for()
            decks = page.get_by_test_id("stDeckGlJsonChart")
            if decks.count():
                decks.first.locator("canvas").first.wait_for(state="visible", timeout=60_000)
            page.wait_for_timeout(1500)  # charts finish their transitions
            # What a reader of the docs sees: no Streamlit « Deploy » button, and icons
            # drawn from Streamlit's bundled Material Symbols, never an emoji font.
            assert page.get_by_text("Deploy", exact=True).count() == 0
            if not suffix:  # the menu is folded away on a phone
                icons = page.get_by_test_id("stSidebarNav").get_by_test_id("stIconMaterial")
                assert icons.count() >= 1
            out = target_folder(tmp_path) / f"{name}{suffix}.png"
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=True)
            # A drawn page: a real PNG, larger than a blank one (a blank phone screen is
            # 3 kB, a drawn one 40 kB; a blank laptop screen 10 kB, a drawn one 120 kB).
            data = out.read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
            assert len(data) > (20_000 if suffix else 50_000)
    finally:
        context.close()
