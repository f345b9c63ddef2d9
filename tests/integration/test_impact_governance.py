"""The impact view's references and governance: checked at validation, enforced at run time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from datacites_proto import inspect_blueprint, load_blueprint
from datacites_proto.app.context import RenderContext
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service
from datacites_proto.errors import Problem
from tests.support.apptest import app_for, texts

BLUEPRINT = """\
datacites: 1
service: {{id: essai-impact, title: Essai}}
datasets:
  sites:
    source: {{type: csv, path: sites.csv}}
    columns: {{site_id: string, site_name: string}}
    key: site_id
  measures:
    source: {{type: csv, path: measures.csv}}
    columns: {{site_id: string, day: date, count: integer}}
    governance: {{access: {access}, min_group_size: 3}}
relations:
  - measures.site_id -> sites.site_id
indicators:
  passages: {{label: Passages, dataset: measures, measure: sum(count), unit: passages}}
experiments:
  savary:
    title: Piétonnisation
    indicator: passages
    intervention: 2026-03-01
    treated: "sites.site_name = 'Savary'"
    control: "sites.site_name = 'Alpha'"
pages:
  - title: Effet
    access: {page_access}
    views:
      - {{type: impact, experiment: {experiment}}}
"""


def write(
    tmp_path: Path, *, access: str = "open", page: str = "public", experiment: str = "savary"
) -> Path:
    (tmp_path / "sites.csv").write_text(
        "site_id,site_name\ns1,Savary\ns2,Alpha\n", encoding="utf-8"
    )
    days = pd.date_range("2026-01-01", "2026-04-30", freq="D")
    rng = np.random.default_rng(3)
    rows = [
        (
            site,
            day.date().isoformat(),
            int(
                rng.poisson(100 + (20 if site == "s1" and day >= pd.Timestamp("2026-03-01") else 0))
            ),
        )
        for day in days
        for site in ("s1", "s2")
    ]
    pd.DataFrame(rows, columns=["site_id", "day", "count"]).to_csv(
        tmp_path / "measures.csv", index=False
    )
    path = tmp_path / "blueprint.yaml"
    path.write_text(
        BLUEPRINT.format(access=access, page_access=page, experiment=experiment), encoding="utf-8"
    )
    return path


def problems(path: Path) -> list[Problem]:
    return list(inspect_blueprint(path).problems)


def test_an_unknown_experiment_is_located_with_the_known_ones(tmp_path: Path) -> None:
    path = write(tmp_path, experiment="savarry")
    found = [p for p in problems(path) if p.code == "impact_unknown_experiment"]
    assert len(found) == 1, [p.format("en") for p in problems(path)]
    problem = found[0]
    text = path.read_text(encoding="utf-8")
    assert problem.line == text[: text.index("savarry}")].count("\n") + 1
    assert "savary" in problem.message("fr") and "savarry" in problem.message("en")
    assert "savary" in problem.format("fr")  # did you mean


def test_shared_data_may_not_be_estimated_on_a_public_page(tmp_path: Path) -> None:
    path = write(tmp_path, access="shared")
    found = [p for p in problems(path) if p.code == "impact_shared_on_public_page"]
    assert len(found) == 1
    assert "access: team" in found[0].message("fr") and "measures" in found[0].message("en")


def test_restricted_data_may_not_sit_on_a_public_page(tmp_path: Path) -> None:
    codes = {p.code for p in problems(write(tmp_path, access="restricted"))}
    assert "restricted_on_public_page" in codes  # the experiment's data count as aggregates


@pytest.mark.parametrize("access", ["shared", "restricted"])
def test_a_team_page_may_show_any_of_them(tmp_path: Path, access: str) -> None:
    assert problems(write(tmp_path, access=access, page="team")) == []


def context(path: Path, audience: str) -> RenderContext:
    blueprint = load_blueprint(path)
    service = Service.from_blueprint(blueprint, in_memory=True)
    return RenderContext(
        blueprint=blueprint,
        service=service,
        service_key="test",
        data_stamp="0",
        lang="fr",
        filters={},
        page=blueprint.pages[0],
        page_index=0,
        audience=audience,  # type: ignore[arg-type]
    )


def test_the_app_refuses_a_shared_estimate_to_the_public_and_gives_it_to_the_team(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, access="shared", page="team")
    team = context(path, "team").experiment("savary")
    assert team.estimated and team.shared_datasets == ("measures",)
    with pytest.raises(QueryError) as refused:
        context(path, "public").experiment("savary")
    assert refused.value.code == "impact_shared_public"
    assert "équipe" in refused.value.message("fr")


def test_the_app_refuses_restricted_data_to_the_public(tmp_path: Path) -> None:
    path = write(tmp_path, access="restricted", page="team")
    with pytest.raises(QueryError) as refused:
        context(path, "public").experiment("savary")
    assert refused.value.code == "rows_not_allowed"
    assert context(path, "team").experiment("savary").after_start == dt.date(2026, 3, 1)


ENGLISH = """\
datacites: 1
service: {id: impact-en, title: Trial, lang: en}
datasets:
  sites:
    source: {type: csv, path: sites.csv}
    columns: {site_id: string, site_name: string}
    key: site_id
  measures:
    source: {type: csv, path: measures.csv}
    columns: {site_id: string, day: date, count: integer}
relations:
  - measures.site_id -> sites.site_id
indicators:
  passages: {label: Footfall, dataset: measures, measure: sum(count), unit: passers-by}
experiments:
  savary:
    title: Pedestrian street
    indicator: passages
    intervention: 2026-03-01
    treated: "sites.site_name = 'Savary'"
    control: "sites.site_name = 'Alpha'"
  quiet:
    title: New benches
    indicator: passages
    intervention: 2026-03-01
    treated: "sites.site_name = 'Beta'"
    control: "sites.site_name = 'Alpha'"
pages:
  - title: Impact
    views:
      - {type: impact, experiment: savary}
      - {type: impact, experiment: quiet}
"""


def test_the_view_speaks_english_and_claims_nothing_without_an_effect(tmp_path: Path) -> None:
    write(tmp_path)  # Savary gains 20 a day from 1 March, Alpha does not
    sites = "site_id,site_name\ns1,Savary\ns2,Alpha\ns3,Beta\n"
    (tmp_path / "sites.csv").write_text(sites, encoding="utf-8")
    measures = pd.read_csv(tmp_path / "measures.csv")
    beta = measures[measures["site_id"] == "s2"].assign(site_id="s3")
    rng = np.random.default_rng(11)
    beta["count"] = rng.poisson(100, len(beta))  # like Alpha: no effect at all
    pd.concat([measures, beta]).to_csv(tmp_path / "measures.csv", index=False)
    path = tmp_path / "blueprint.yaml"
    path.write_text(ENGLISH, encoding="utf-8")
    with Service.from_blueprint(path, in_memory=True) as service:
        quiet = service.experiment("quiet")
    at = app_for(path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "After 'Pedestrian street', on 1 March 2026, the indicator 'Footfall' rose by" in shown
    assert "- ✓ Placebo test passed" in shown and "Difference-in-differences" in shown
    assert quiet.ci_low < 0 < quiet.ci_high  # the seeded noise: no effect to find
    assert "no effect on the indicator 'Footfall' can be concluded for the units where" in shown
    assert not at.warning  # honest doubt is no failure of the page
