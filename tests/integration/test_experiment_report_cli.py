"""`datacites experiment report` on the footfall example, and its estimate of the known effect."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from datacites_proto import Service
from examples.coeur_de_ville.generate import PIETONNISATION, TEMPLATE_PIETONNISATION

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "coeur_de_ville"


def copy(source: Path, target: Path) -> Path:
    """The project copied without its caches (the DuckDB file is the test's own)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".datacites"))
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy(EXAMPLE, tmp_path_factory.mktemp("report") / "coeur_de_ville")


@pytest.fixture(scope="module")
def service(project: Path) -> Iterator[Service]:
    with Service.from_blueprint(project / "blueprint.yaml") as opened:
        yield opened


def test_the_example_estimate_covers_the_injected_effect(service: Service) -> None:
    result = service.experiment("pietonnisation")
    assert result.trustworthy, result.reasons
    assert result.percent_low <= PIETONNISATION.effect <= result.percent_high
    assert result.percent_low > 0  # and excludes no effect


def test_the_template_estimate_covers_its_injected_effect(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "footfall"
    answers = tmp_path / "answers.yaml"
    answers.write_text("title: Centre-ville\n", encoding="utf-8")
    made = cli("new", project, "--template", "footfall", "--config", answers)
    assert made.code == 0, made.err
    with Service.from_blueprint(project / "blueprint.yaml") as opened:
        result = opened.experiment("pietonnisation")
    assert result.estimated
    assert result.percent_low <= TEMPLATE_PIETONNISATION.effect <= result.percent_high


def test_json_report_carries_the_services_numbers(cli, project: Path, service: Service) -> None:  # type: ignore[no-untyped-def]
    done = cli("experiment", "report", project, "--format", "json")
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert report["service"] == "coeur-de-ville" and report["lang"] == "fr"
    records = {r["id"]: r for r in report["experiments"]}
    assert list(records) == ["pietonnisation", "marche_samedi"]
    running, planned = records["pietonnisation"], records["marche_samedi"]
    result = service.experiment("pietonnisation")
    estimate = running["estimate"]
    assert estimate["effect"] == pytest.approx(result.effect, rel=1e-12)
    assert estimate["ci_low"] == pytest.approx(result.ci_low, rel=1e-12)
    assert estimate["percent"] == pytest.approx(result.percent, rel=1e-12)
    assert estimate["percent_high"] == pytest.approx(result.percent_high, rel=1e-12)
    assert isinstance(estimate["p_value"], float)
    assert running["periods"] == {"before": result.periods_before, "after": result.periods_after}
    assert running["intervention"] == {"start": "2026-06-01", "end": None}
    assert running["trustworthy"] is True and running["direction"] == "up"
    assert running["expected"] == {"min_effect": 0.05, "direction": "up", "reached": "reached"}
    assert [c["code"] for c in running["checks"]] == ["periods", "placebo", "pre_trend"]
    assert all(c["passed"] for c in running["checks"])
    placebo = running["checks"][1]["params"]
    assert isinstance(placebo["effect"], float) and placebo["fake_start"] == "2026-03-16"
    assert running["conclusion"].startswith("Après « Piétonnisation de la rue Savary »")
    assert set(running) == set(planned)  # one shape for every experiment: stable keys
    assert planned["estimated"] is False and planned["estimate"]["effect"] is None
    assert planned["days_needed"] == service.experiment("marche_samedi").days_needed > 0
    assert f"Encore {planned['days_needed']} jours" in planned["waiting"]


def test_markdown_report_for_one_experiment_in_english(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    done = cli("experiment", "report", project, "pietonnisation", "--lang", "en")
    assert done.code == 0, done.err
    text = done.out
    assert text.startswith("# Experiment 'Piétonnisation de la rue Savary' (pietonnisation)")
    assert "the indicator 'Passages piétons' rose by 12" in text
    assert "| Method | difference-in-differences |" in text
    assert "## Checks" in text and "- ✓ Placebo test passed" in text
    assert "Newey–West" in text
    assert "Marché du samedi" not in text  # only the experiment asked for


def test_unknown_experiment_names_those_known(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    done = cli("experiment", "report", project, "pietonisation")
    assert done.code == 1
    assert "Expérimentation inconnue : « pietonisation »" in done.err
    assert "pietonnisation, marche_samedi" in done.err and "Vouliez-vous dire" in done.err
    assert "Traceback" not in done.out + done.err
    english = cli("--lang", "en", "experiment", "report", project, "nothing")
    assert english.code == 1 and "Unknown experiment: 'nothing'" in english.err


def test_strict_fails_only_when_a_running_experiment_is_not_trustworthy(  # type: ignore[no-untyped-def]
    cli, project: Path, tmp_path: Path
) -> None:
    # The planned experiment waits for data: that is no failure, even with --strict.
    assert cli("experiment", "report", project, "--strict").code == 0
    # Too short a window after the intervention: the periods check fails.
    short = copy(project, tmp_path / "short")
    blueprint = short / "blueprint.yaml"
    text = blueprint.read_text(encoding="utf-8")
    blueprint.write_text(
        text.replace("intervention: 2026-06-01", "intervention: 2026-10-20"), encoding="utf-8"
    )
    loose = cli("experiment", "report", short, "pietonnisation")
    assert loose.code == 0
    assert "⚠ Trop peu de données" in loose.out
    strict = cli("experiment", "report", short, "pietonnisation", "--strict")
    assert strict.code == 1
    assert "sans estimation fiable : pietonnisation (--strict)" in strict.err


def test_the_report_can_be_written_to_a_file(cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "rapport.json"
    done = cli("experiment", "report", project, "-f", "json", "-o", target)
    assert done.code == 0 and done.out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["experiments"]
