"""The « Expérimentation » page of the footfall example: the impact view in the real app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto import Service
from datacites_proto.engine.experiments.result import ExperimentResult
from datacites_proto.i18n.formatting import Formatter
from tests.support.apptest import app_for, open_page, open_see_data, texts, vega_specs
from tests.support.vega_lite import vega_lite_errors

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "coeur_de_ville"


@pytest.fixture(scope="module")
def blueprint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("impact") / "coeur_de_ville"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".datacites"))
    return folder / "blueprint.yaml"


@pytest.fixture(scope="module")
def results(blueprint: Path) -> dict[str, ExperimentResult]:
    """What the engine computes, apart from the app (its own in-memory database)."""
    with Service.from_blueprint(blueprint, in_memory=True) as service:
        return {name: service.experiment(name) for name in ("pietonnisation", "marche_samedi")}


@pytest.fixture(scope="module")
def page(blueprint: Path) -> AppTest:
    at = open_page(app_for(blueprint), "experimentation")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def percent(value: float, digits: int) -> str:
    return Formatter("fr").percent(value, digits)


def test_the_sentence_says_the_services_estimate(
    page: AppTest, results: dict[str, ExperimentResult]
) -> None:
    result = results["pietonnisation"]
    assert result.trustworthy
    digits = 0 if result.percent_high - result.percent_low >= 0.05 else 1
    expected = (
        "Après « Piétonnisation de la rue Savary », le 1er juin 2026, l'indicateur « Passages "
        f"piétons » a augmenté de {percent(result.percent, digits)} (entre "
        f"{percent(result.percent_low, digits)} et {percent(result.percent_high, digits)}) pour "
        "Rue Savary, par rapport aux témoins (Place Charles de Gaulle, Rue de la Paix, Quai "
        "Brizeux et 4 autres)."
    )
    assert f"**{expected}**" in [m.value for m in page.markdown]


def test_the_checks_are_listed_with_their_verdicts(page: AppTest) -> None:
    text = texts(page)
    assert "- ✓ Assez de données : 153 périodes avant et 153 après" in text
    assert "- ✓ Test placebo réussi : avec une fausse date d'intervention au 16 mars 2026" in text
    assert "- ✓ Pas de tendance avant l'intervention" in text
    assert "Différence de différences" in text and "Newey–West" in text


def test_the_estimate_and_the_series_are_figures_with_text_alternatives(
    page: AppTest, results: dict[str, ExperimentResult]
) -> None:
    result = results["pietonnisation"]
    charts = page.get("vega_lite_chart")
    specs = vega_specs(page)
    for spec in specs:
        assert vega_lite_errors(spec) == []
    # The running experiment's estimate and series, the planned one's baseline so far.
    estimate, series = specs[0], specs[1]
    marks = [layer["mark"]["type"] for layer in estimate["layer"]]
    assert marks == ["tick", "rule", "point", "tick"]  # zero, interval, estimate, expected
    assert [layer["encoding"]["x"]["field"] for layer in estimate["layer"]] == [
        "zero",
        "low",
        "value",
        "expected",
    ]
    intervention = series["layer"][1]["encoding"]["x"]["datum"]
    assert intervention == {"year": 2026, "month": 6, "date": 1}
    alts = [c.proto.alt for c in charts]
    assert alts[0].startswith(f"Effet estimé de {percent(result.percent, 1)}")
    assert "l'intervention commence le 1er juin 2026" in alts[1]
    text = texts(page)
    assert "Effet attendu déclaré : une hausse d'au moins 5" in text and "Il est atteint" in text


def test_see_the_data_lists_every_period(
    blueprint: Path, results: dict[str, ExperimentResult]
) -> None:
    at = open_page(app_for(blueprint), "experimentation")
    at.run()
    open_see_data(at)
    tables = [t.value for t in at.dataframe]
    sizes = sorted(len(t) for t in tables)
    assert len(results["pietonnisation"].series) in sizes
    running = next(t for t in tables if len(t) == len(results["pietonnisation"].series))
    assert list(running.columns) == [
        "Période",
        "Traités (Rue Savary)",
        "Témoins (Place Charles de Gaulle, Rue de la Paix, Quai Brizeux et 4 autres)",
        "Phase",
    ]
    assert set(running["Phase"]) == {"avant", "après"}


def test_the_planned_experiment_shows_its_design_and_the_days_to_wait(
    page: AppTest, results: dict[str, ExperimentResult]
) -> None:
    planned = results["marche_samedi"]
    assert not planned.estimated and planned.days_needed
    infos = [i.value for i in page.info]
    assert (
        f"Encore {planned.days_needed} jours de données à recueillir avant une estimation "
        "fiable (quatre semaines après l'intervention)."
    ) in infos
    text = texts(page)
    assert "Intervention : du 9 janvier 2027 au 26 juin 2027" in text
    assert "Hypothèse : Un marché le samedi matin attire aux Halles" in text
    assert "pas encore d'estimation" in text
