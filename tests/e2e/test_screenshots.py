"""Screenshots of every example's first page, for the documentation (headless Chromium).

`make screenshots` writes them into docs/screenshots/; the test suite writes them into a
temporary folder and checks that each shows a drawn page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.conftest import serve, wait_for_app

pytestmark = pytest.mark.browser

EXAMPLES = sorted(p.parent.name for p in (REPO / "examples").glob("*/blueprint.yaml"))


def target_folder(tmp_path: Path) -> Path:
    wanted = os.environ.get("DATACITES_SCREENSHOTS")
    return Path(wanted) if wanted else tmp_path


@pytest.mark.parametrize("name", EXAMPLES)
def test_screenshot_of_the_example(name: str, tmp_path: Path, page: object) -> None:
    folder = tmp_path / name
    shutil.copytree(REPO / "examples" / name, folder, ignore=shutil.ignore_patterns(".datacites"))
    for server in serve(folder):
        page.goto(server.url)  # type: ignore[attr-defined]
        wait_for_app(page)
        page.get_by_test_id("stMetricValue").first.wait_for()  # type: ignore[attr-defined]
        decks = page.get_by_test_id("stDeckGlJsonChart")  # type: ignore[attr-defined]
        if decks.count():
            decks.first.locator("canvas").first.wait_for(state="visible", timeout=60_000)
        page.wait_for_timeout(1500)  # type: ignore[attr-defined]  # charts finish their transitions
        out = target_folder(tmp_path) / f"{name}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=True)  # type: ignore[attr-defined]
        # A drawn page: a real PNG, larger than a blank one.
        data = out.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 50_000
