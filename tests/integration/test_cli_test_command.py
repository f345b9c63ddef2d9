"""`datacites test`: every page rendered headless, filters at their default and at another value."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from datacites_proto.app.page_filters import page_filter_ids
from datacites_proto.blueprint.loader import load_blueprint
from datacites_proto.cli.apptest_runner import Setting, check_service, other_value
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "coeur_de_ville"
CONTRACT_DIR = REPO / "tests" / "blueprints" / "contract"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example, to break at will."""
    target = tmp_path / "coeur_de_ville"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(".datacites", "__pycache__"))
    return target


def expected_cases(folder: Path) -> set[tuple[str, str | None]]:
    """(page slug, filter set) for every page (team pages as the team): the defaults, then
    each of its filters."""
    blueprint = load_blueprint(folder / "blueprint.yaml")
    cases: set[tuple[str, str | None]] = set()
    for page in blueprint.pages:
        cases.add((page.url_slug, None))
        cases |= {(page.url_slug, f_id) for f_id in page_filter_ids(blueprint, page)}
    return cases


def test_the_example_passes_and_every_public_page_and_setting_is_listed(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("test", EXAMPLE)
    assert result.code == 0, result.output
    blueprint = load_blueprint(EXAMPLE / "blueprint.yaml")
    for page in blueprint.pages:
        if page.access == "public":
            assert page.title in result.out
    assert "filtres par défaut" in result.out
    assert "periode = last_7_days" in result.out  # another preset
    assert "lieu = " in result.out  # the first place
    assert "✘" not in result.out
    assert "✔" in result.out


def test_json_report_has_one_case_per_public_page_and_filter(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--lang", "en", "test", EXAMPLE, "--format", "json")
    assert result.code == 0, result.output
    report = json.loads(result.out)
    assert report["ok"] is True
    assert report["title"] == "Cœur de ville vivant"
    found = {(c["slug"], next(iter(c["setting"]), None)) for c in report["cases"]}
    assert found == expected_cases(EXAMPLE)
    assert all(c["ok"] and c["message"] is None for c in report["cases"])
    defaults = [c for c in report["cases"] if not c["setting"]]
    assert {c["setting_label"] for c in defaults} == {"default filters"}


def test_every_kind_of_filter_gets_another_value(cli) -> None:  # type: ignore[no-untyped-def]
    """The contract blueprint has a date range, a multiselect, a range and a toggle."""
    report = check_service(CONTRACT_DIR / "blueprint.yaml")
    assert report.ok, [c.message for c in report.failures]
    settings = {c.setting.filter: c.setting.value for c in report.cases if c.setting.filter}
    assert settings["period"] == "last_7_days"
    assert isinstance(settings["site"], list) and len(settings["site"]) == 1
    low, high = (float(v) for v in settings["power"])
    assert low < high  # a narrower range than the data's bounds
    assert settings["free"] == "true"  # the toggle flipped
    found = {(c.slug, c.setting.filter) for c in report.cases}
    assert found == expected_cases(CONTRACT_DIR)


def test_check_service_is_a_function_for_generated_projects(project: Path) -> None:
    report = check_service(project)
    assert report.ok
    assert report.failures == []
    assert json.loads(json.dumps(report.to_dict()))["ok"] is True
    assert report.cases[0].setting == Setting()


def test_a_data_file_with_an_error_fails_with_its_located_message(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    vacance = project / "data" / "vacance.csv"
    lines = vacance.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(";occupé;", ";abandonné;").replace(";vacant;", ";abandonné;")
    vacance.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("test", project)
    assert result.code == 1
    assert "✘" in result.out
    assert "Premier échec" in result.out
    assert "des données ne correspondent pas" in result.out
    assert "data/vacance.csv:3" in result.out and "abandonné" in result.out


def test_a_dataset_file_made_unreadable_fails(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # The KPIs, the line and the heatmap of the first page read this file. Its columns
    # cannot even be detected: the check before rendering says so, located.
    (project / "data" / "measures.parquet").write_bytes(b"not a parquet file at all")
    result = cli("test", project)
    assert result.code == 1
    assert "measures.parquet" in result.err and "Parquet" in result.err
    report = json.loads(cli("--lang", "en", "test", project, "--format", "json").out)
    assert report["ok"] is False
    assert any("measures.parquet" in p for p in report["problems"])


def test_a_value_of_the_wrong_type_fails_every_page_with_the_panel(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    sites = project / "data" / "sites.csv"
    lines = sites.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    cells = lines[1].split(";")
    cells[header.index("xlong")] = "abc"
    lines[1] = ";".join(cells)
    sites.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("--lang", "en", "test", project, "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["problems"] == []  # the blueprint is valid: the rendering fails
    assert report["cases"] and not any(c["ok"] for c in report["cases"])
    assert "data/sites.csv:2" in report["cases"][0]["message"]


def test_an_invalid_blueprint_is_reported_located(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    blueprint = project / "blueprint.yaml"
    text = blueprint.read_text()
    assert "success_indicators: [passages," in text
    blueprint.write_text(
        text.replace("success_indicators: [passages,", "success_indicators: [pasages,")
    )
    result = cli("test", project)
    assert result.code == 1
    assert "blueprint.yaml:" in result.err
    report = json.loads(cli("test", project, "--format", "json").out)
    assert report["ok"] is False and report["cases"] == []
    assert any("blueprint.yaml:" in p for p in report["problems"])


def test_other_values_do_not_need_a_widget_for_presets_and_toggles() -> None:
    blueprint = load_blueprint(CONTRACT_DIR / "blueprint.yaml")
    assert other_value(blueprint.filters["period"], None) == "last_7_days"
    assert other_value(blueprint.filters["free"], None) == "true"
    assert other_value(blueprint.filters["power"], None) is None  # bounds come from the data


def test_feedback_pages_are_sent_a_feedback_into_a_temporary_store(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("test", project, "--format", "json")
    assert result.code == 0, result.output
    sent = [c for c in json.loads(result.out)["cases"] if c["page"].endswith("Envoyer mon avis")]
    assert [(c["slug"], c["ok"]) for c in sent] == [("votre-avis", True)]
    assert not (project / ".datacites" / "store.sqlite").exists()  # the user's store untouched
