"""In Chromium: Material icons in the menu, basemap tiles under the dots, the size legend."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest
from PIL import Image

from tests.conftest import REPO
from tests.e2e.conftest import Server, free_port, serve, wait_for_app
from tests.support.tile_server import template_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def recharge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    """The recharge example served with tiles from a local tile server (red tiles)."""
    folder = tmp_path_factory.mktemp("e2e-maps") / "recharge"
    shutil.copytree(
        REPO / "examples" / "recharge", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    port = free_port()
    tiles = subprocess.Popen(
        [sys.executable, "-m", "tests.support.tile_server", str(port)], cwd=REPO
    )
    template = template_of(port)
    try:
        for server in serve(folder, env={"DATACITES_BASEMAP": template}):
            yield server, template
    finally:
        tiles.terminate()
        tiles.wait(timeout=10)


def test_the_basemap_draws_under_the_dots_and_is_credited(
    recharge: tuple[Server, str], page: object
) -> None:
    server, _ = recharge
    page.goto(server.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    deck = page.get_by_test_id("stDeckGlJsonChart").first  # type: ignore[attr-defined]
    deck.locator("canvas").first.wait_for(state="visible", timeout=60_000)
    # The map library's attribution control credits the tiles.
    deck.get_by_text("tuiles de 127.0.0.1").first.wait_for(timeout=30_000)
    red = 0.0
    for _ in range(30):  # tiles arrive over a few seconds: look again until they cover it
        page.wait_for_timeout(1000)  # type: ignore[attr-defined]
        shot = Image.open(io.BytesIO(deck.screenshot())).convert("RGB")
        red = sum(1 for r, g, b in shot.getdata() if r > 180 and g < 80 and b < 80)
        red /= shot.width * shot.height
        if red > 0.3:
            break
    assert red > 0.3  # the (red) tiles cover the background
    assert page.get_by_text("Fond de carte : tuiles de 127.0.0.1.").count() >= 1  # type: ignore[attr-defined]
    # The size legend: an image whose alternative text gives its values.
    legend = page.get_by_role("img", name=re.compile("^Cercles de la légende"))  # type: ignore[attr-defined]
    assert legend.count() == 1
    box = legend.bounding_box()
    assert box is not None and box["height"] >= 48  # the largest circle: 24 px of radius


def test_menu_icons_are_material_symbols(recharge: tuple[Server, str], page: object) -> None:
    server, _ = recharge
    page.goto(server.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    links = page.get_by_test_id("stSidebarNavLink")  # type: ignore[attr-defined]
    assert links.count() >= 4
    for i in range(links.count()):
        icon = links.nth(i).get_by_test_id("stIconMaterial")
        assert icon.count() == 1, links.nth(i).inner_text()
    text = page.get_by_test_id("stSidebarNav").inner_text()  # type: ignore[attr-defined]
    assert not any(ord(ch) > 0x2190 and not ch.isalpha() for ch in text), text  # no emoji
