"""Every example validates and renders every page, with every filter moved once (AppTest)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from datacites_proto import inspect_blueprint
from datacites_proto.cli.apptest_runner import check_service
from tests.conftest import REPO

# Examples written in YAML and in Python (blueprint.py) alike.
EXAMPLES = sorted(
    p.parent.name for p in (REPO / "examples").glob("*/blueprint.*") if p.suffix in (".yaml", ".py")
)


def blueprint_of(folder: Path) -> Path:
    return next(folder / n for n in ("blueprint.yaml", "blueprint.py") if (folder / n).is_file())


@pytest.fixture(params=EXAMPLES)
def example(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = tmp_path / request.param
    shutil.copytree(
        REPO / "examples" / request.param, folder, ignore=shutil.ignore_patterns(".datacites")
    )
    return folder


def test_three_examples_at_least() -> None:
    assert {"coeur_de_ville", "passoires_thermiques", "recharge"} <= set(EXAMPLES)
    assert "intercommunalite_py" in EXAMPLES  # a blueprint written in Python


def test_example_validates_with_its_data(example: Path) -> None:
    result = inspect_blueprint(blueprint_of(example))
    assert result.ok, [p.format("fr") for p in result.problems]
    assert result.warnings == []


def test_every_page_of_the_example_renders(example: Path) -> None:
    report = check_service(example)
    assert report.ok, report.failures
    blueprint = inspect_blueprint(blueprint_of(example)).blueprint
    assert blueprint is not None
    rendered = {case.page for case in report.cases}
    public = {page.title for page in blueprint.pages if page.access == "public"}
    assert public <= rendered
