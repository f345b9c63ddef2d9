"""The shell commands of the French pages (docs/fr/) run as a reader would type them
(issue 18): see shell_runner.py, and its NOT_RUN list for those that cannot run here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docs.shell_runner import pages_with_commands, report, run_page

# Each page is run as a reader would: seconds per page (datacites test, build, new).
pytestmark = pytest.mark.slow

PAGES = pages_with_commands("fr")


def test_the_tutorial_and_the_guides_have_commands() -> None:
    names = {p.name for p in PAGES}
    assert {"tutoriel.md", "deployer.md", "partager-sous-convention.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_commands_of_the_page_run(page: Path, tmp_path: Path) -> None:
    outcomes = run_page(page, tmp_path)
    assert not report(outcomes), report(outcomes)
