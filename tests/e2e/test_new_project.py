"""The new user's path from the README: `datacites new`, `datacites run`, see it in a browser."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Server, serve, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def new_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A footfall project made by `datacites new` with its canvas answers, then served."""
    folder = tmp_path_factory.mktemp("new")
    answers = folder / "answers.yaml"
    answers.write_text(
        "title: Centre-ville de Pont-Aven\nterritory_name: Pont-Aven\ninsee: '29217'\n",
        encoding="utf-8",
    )
    project = folder / "pont-aven"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "datacites"),
            "new",
            str(project),
            "--template",
            "footfall",
            "--config",
            str(answers),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    yield from serve(project)


def test_a_new_project_opens_with_its_title_and_figures(new_project: Server, page: object) -> None:
    page.goto(new_project.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    heading = page.get_by_test_id("stHeading").first  # type: ignore[attr-defined]
    assert "Centre-ville de Pont-Aven" in page.inner_text("body")  # type: ignore[attr-defined]
    assert heading.is_visible()
    value = page.get_by_test_id("stMetricValue").first.inner_text()  # type: ignore[attr-defined]
    assert any(ch.isdigit() for ch in value)
    # The canvas answers are on the project's page.
    page.goto(f"{new_project.url}/projet")  # type: ignore[attr-defined]
    wait_for_app(page)
    assert "Pont-Aven" in page.get_by_test_id("stMarkdown").first.inner_text()  # type: ignore[attr-defined]
