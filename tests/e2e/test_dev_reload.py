"""`datacites run` makes an open page reload by itself when the blueprint changes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.conftest import Server, serve, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture
def editable(tmp_path: Path) -> Iterator[Server]:
    folder = tmp_path / "coeur_de_ville"
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    yield from serve(folder)


def test_an_open_page_reloads_when_the_blueprint_changes(editable: Server, page: object) -> None:
    page.goto(editable.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    path = editable.project / "blueprint.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Fréquentation", "title: Rechargé"),
        encoding="utf-8",
    )
    # The watcher polls every 1.5 s; nobody clicks anything. Generous: CI machines are shared.
    page.get_by_role("heading", name="Rechargé").first.wait_for(timeout=60_000)  # type: ignore[attr-defined]
