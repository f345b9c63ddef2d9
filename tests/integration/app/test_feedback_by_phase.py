"""The team reads the feedback sent before or after an experiment's intervention (issue 13)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto import Experiment, inspect_blueprint
from datacites_proto.store import STORE_ENV, Store
from datacites_proto.views.feedback_summary import phase_window
from tests.support.apptest import open_page, texts

BLUEPRINT = """\
datacites: 1
service: {{id: essai-phase, title: Essai des phases}}
datasets:
  sites:
    source: {{type: csv, path: data/sites.csv}}
    columns: {{site_name: string, day: date, count: integer}}
indicators:
  passages: {{label: Passages, dataset: sites, measure: sum(count)}}
filters:
  lieu: {{type: select, column: sites.site_name}}
experiments:
  pieton:
    title: Rue piétonne
    indicator: passages
    intervention: {intervention}
    treated: {{lieu: Gare}}
pages:
  - title: Accueil
    views: [{{type: kpi, indicator: passages}}, {{type: feedback}}]
  - title: Suivi
    slug: suivi
    access: team
    views: [{{type: feedback_summary, experiment: {experiment}}}]
"""


def project(
    tmp_path: Path, *, intervention: str = "2026-06-01", experiment: str = "pieton"
) -> Path:
    folder = tmp_path / "service"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "sites.csv").write_text(
        "site_name;day;count\nGare;2026-05-01;10\nPort;2026-05-01;20\n"
        "Gare;2026-08-15;12\nPort;2026-08-15;21\n",
        encoding="utf-8",
    )
    path = folder / "blueprint.yaml"
    text = BLUEPRINT.format(intervention=intervention, experiment=experiment)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv(STORE_ENV, url)
    store = Store.open(url)
    sent = {
        "avant 1": dt.datetime(2026, 5, 20, 9),
        "avant 2": dt.datetime(2026, 5, 31, 23, 59),
        "après 1": dt.datetime(2026, 6, 1, 0, 0),
        "après 2": dt.datetime(2026, 7, 14, 18),
        "après 3": dt.datetime(2026, 8, 2, 12),
    }
    for n, (comment, at) in enumerate(sent.items()):
        rating = 2 if comment.startswith("avant") else 5
        store.add_feedback(
            "essai-phase", page="accueil", rating=rating, comment=comment, at=at, answers={"n": n}
        )
    store.close()
    return url


def team_app(blueprint: Path, tmp_path: Path) -> AppTest:
    script = tmp_path / "team_app.py"
    script.write_text(
        f"from datacites_proto.app.main import run\nrun({str(blueprint)!r}, audience='team')\n",
        encoding="utf-8",
    )
    return AppTest.from_file(str(script), default_timeout=60)


def comments(at: AppTest) -> list[str]:
    frame = next(d.value for d in at.dataframe if "Commentaire" in d.value.columns)
    return sorted(frame["Commentaire"])


def test_the_team_filters_feedback_before_and_after_the_intervention(
    tmp_path: Path, store_url: str
) -> None:
    at = open_page(team_app(project(tmp_path), tmp_path), "suivi")
    at.run()
    assert not at.exception
    (phase,) = at.radio
    assert phase.options == [
        "Tout",
        "Avant l'intervention (avant le 1er juin 2026)",
        "Après l'intervention (depuis le 1er juin 2026)",
    ]
    assert comments(at) == ["après 1", "après 2", "après 3", "avant 1", "avant 2"]
    phase.set_value("before").run()
    assert comments(at) == ["avant 1", "avant 2"]
    assert {m.label: m.value for m in at.metric}["Avis reçus"] == "2"
    assert {m.label: m.value for m in at.metric}["Note moyenne"] == "2"
    assert "Avis de la période « Avant l'intervention (avant le 1er juin 2026) »" in texts(at)
    at.radio[0].set_value("after").run()
    assert comments(at) == ["après 1", "après 2", "après 3"]
    assert {m.label: m.value for m in at.metric}["Avis reçus"] == "3"


def test_a_temporary_intervention_keeps_the_feedback_sent_during_it(
    tmp_path: Path, store_url: str
) -> None:
    blueprint = project(tmp_path, intervention="{start: 2026-06-01, end: 2026-07-31}")
    at = open_page(team_app(blueprint, tmp_path), "suivi")
    at.run()
    assert "Pendant l'intervention (du 1er juin 2026 au 31 juil. 2026)" in at.radio[0].options
    at.radio[0].set_value("after").run()
    assert comments(at) == ["après 1", "après 2"]  # 2 August is after the end


def test_without_an_experiment_the_summary_has_no_phase_selector(
    tmp_path: Path, store_url: str
) -> None:
    path = project(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace(", experiment: pieton", ""), encoding="utf-8"
    )
    at = open_page(team_app(path, tmp_path), "suivi")
    at.run()
    assert not at.exception and len(at.radio) == 0
    assert len(comments(at)) == 5


def test_an_unknown_experiment_is_a_located_error(tmp_path: Path) -> None:
    path = project(tmp_path, experiment="pietn")
    result = inspect_blueprint(path)
    [problem] = result.problems
    assert problem.code == "feedback_phase_unknown_experiment"
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index("    views: [{type: feedback_summary, experiment: pietn}]")
    )
    assert problem.line == line + 1
    assert "L'expérimentation « pietn » n'existe pas" in problem.format("fr")
    assert "« pieton »" in problem.format("fr")
    assert "The experiment 'pietn' does not exist" in problem.format("en")


def test_phase_windows() -> None:
    one = Experiment(title="t", indicator="i", intervention="2026-06-01", treated="a = 1")
    start = dt.datetime(2026, 6, 1)
    assert phase_window(one, "before") == (None, start)
    assert phase_window(one, "after") == (start, None)
    two = Experiment.model_validate(
        {
            "title": "t",
            "indicator": "i",
            "intervention": {"start": "2026-06-01", "end": "2026-06-30"},
            "treated": "a = 1",
        }
    )
    assert phase_window(two, "after") == (start, dt.datetime(2026, 7, 1))
