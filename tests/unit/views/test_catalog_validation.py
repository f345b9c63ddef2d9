"""Validation of the catalog view: what it lists is checked like any view's references."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from datacites_proto import CatalogView, inspect_blueprint
from datacites_proto.registry import default_registry
from tests.conftest import REPO

CATALOG = REPO / "tests" / "blueprints" / "catalog"


def project(tmp_path: Path, pages: str) -> Path:
    """The catalog test service with `pages` in place of its own."""
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOG, folder)
    path = folder / "blueprint.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("pages:\n")] + pages, encoding="utf-8")
    return path


def test_the_catalog_is_a_registered_view() -> None:
    assert default_registry().get("views", "catalog") is CatalogView


def test_by_default_it_lists_nothing_validation_must_check(tmp_path: Path) -> None:
    # Restricted data exists in the service: the public catalog leaves it out at run time.
    path = project(tmp_path, "pages:\n  - title: À propos\n    views: [{type: catalog}]\n")
    result = inspect_blueprint(path)
    assert result.ok, [p.format("fr") for p in result.problems]
    assert CatalogView(type="catalog").references() == []


def test_a_restricted_dataset_listed_on_a_public_page_is_an_error(tmp_path: Path) -> None:
    pages = (
        "pages:\n"
        "  - title: À propos\n"
        "    views: [{type: catalog, datasets: [sites, signalements]}]\n"
    )
    result = inspect_blueprint(project(tmp_path, pages))
    [problem] = [p for p in result.problems if p.code == "restricted_on_public_page"]
    assert problem.params["dataset"] == "signalements"
    assert problem.loc[-2:] == ("datasets", 1)
    assert "signalements" in problem.format("fr") and "signalements" in problem.format("en")


def test_a_team_page_may_list_restricted_data(tmp_path: Path) -> None:
    pages = (
        "pages:\n"
        "  - title: Équipe\n"
        "    access: team\n"
        "    views: [{type: catalog, datasets: [signalements, visites]}]\n"
    )
    result = inspect_blueprint(project(tmp_path, pages))
    assert result.ok, [p.format("fr") for p in result.problems]


def test_an_unknown_or_repeated_dataset_is_located(tmp_path: Path) -> None:
    pages = (
        "pages:\n"
        "  - title: À propos\n"
        "    views: [{type: catalog, datasets: [site, comptages, comptages]}]\n"
    )
    result = inspect_blueprint(project(tmp_path, pages))
    codes = {p.code: p for p in result.problems}
    assert "sites" in codes["unknown_dataset"].format("fr")  # did you mean
    repeated = codes["catalog_duplicate_dataset"]
    assert repeated.loc[-2:] == ("datasets", 2)
    assert "« comptages »" in repeated.format("fr") and "'comptages'" in repeated.format("en")


@pytest.mark.parametrize("value", ["hourly", "tous les mois"])
def test_an_unknown_update_frequency_is_refused(tmp_path: Path, value: str) -> None:
    path = project(tmp_path, "pages:\n  - title: À propos\n    views: [{type: catalog}]\n")
    text = path.read_text(encoding="utf-8").replace(
        "update_frequency: monthly", f"update_frequency: {value}"
    )
    path.write_text(text, encoding="utf-8")
    result = inspect_blueprint(path)
    assert not result.ok
    [problem] = result.problems
    assert problem.loc[-1] == "update_frequency"
    assert "monthly" in problem.format("fr")
