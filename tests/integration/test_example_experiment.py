"""The footfall example and template carry the known effect their experiment declares."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from datacites_proto import inspect_blueprint
from datacites_proto.blueprint.experiments import units_filters
from examples.coeur_de_ville.generate import PIETONNISATION, TEMPLATE_PIETONNISATION, KnownEffect

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "coeur_de_ville"
TEMPLATE = REPO / "service_templates" / "footfall" / "{{cookiecutter.project_slug}}"


def relative_change(data: Path, effect: KnownEffect) -> tuple[float, float]:
    """After/before ratio of mean pedestrian counts: the treated site's, the others'."""
    measures = pd.read_parquet(data / "measures.parquet")
    channels = pd.read_csv(data / "channels.csv", sep=";")
    sites = pd.read_csv(data / "sites.csv", sep=";")
    rows = measures.merge(channels, on="channel_id").merge(sites, on="site_id")
    rows = rows[rows["mobility_type"] == "PEDESTRIAN"]
    after = rows["start_datetime"] >= pd.Timestamp(effect.start)
    treated = rows["site_name"] == effect.site

    def ratio(mask: pd.Series) -> float:
        return rows.loc[mask & after, "count"].mean() / rows.loc[mask & ~after, "count"].mean()

    return ratio(treated), ratio(~treated)


@pytest.mark.parametrize(
    ("data", "effect"),
    [(EXAMPLE / "data", PIETONNISATION), (TEMPLATE / "data", TEMPLATE_PIETONNISATION)],
)
def test_the_data_carry_the_known_effect_on_the_treated_site_only(
    data: Path, effect: KnownEffect
) -> None:
    treated, others = relative_change(data, effect)
    # Season and noise move both alike; the treated site moves by the effect on top of them.
    assert treated / others == pytest.approx(1 + effect.effect, abs=0.02)


def test_the_example_experiment_declares_what_the_generator_injected() -> None:
    result = inspect_blueprint(EXAMPLE / "blueprint.yaml")
    assert result.blueprint is not None, [p.format("en") for p in result.problems]
    experiment = result.blueprint.experiments["pietonnisation"]
    assert experiment.after_start == PIETONNISATION.start
    assert units_filters(experiment.treated) == {"lieu": [PIETONNISATION.site]}
    control = units_filters(experiment.control)["lieu"]
    assert PIETONNISATION.site not in control and len(control) == 7
    assert experiment.status == "running"
    planned = result.blueprint.experiments["marche_samedi"]
    assert planned.status == "planned" and planned.is_temporary


def test_the_template_experiment_declares_what_its_data_carry() -> None:
    text = (TEMPLATE / "blueprint.yaml").read_text(encoding="utf-8")
    assert f"intervention: {TEMPLATE_PIETONNISATION.start.isoformat()}" in text
    assert f"treated: {{lieu: [{TEMPLATE_PIETONNISATION.site}]}}" in text
