"""KPI comparisons the data does not support are not shown as a change: the card says why
(AppTest on a test project, the footfall template as `datacites new` creates it, and the
coeur_de_ville example, whose data supports its comparisons)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto.i18n.formatting import Formatter
from tests.conftest import REPO
from tests.integration.app.test_app_core import BLUEPRINT, write_project
from tests.support.apptest import app_for

DATACITES = str(Path(sys.executable).parent / "datacites")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "essai")  # hourly counts from 1 Sept to 10 Oct 2026


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption).replace("\u00a0", " ").replace("\u202f", " ")


def custom(start: str, end: str) -> dict[str, object]:
    return {"periode": "custom", "periode_dates": [start, end]}


def test_previous_period_before_the_data_shows_why_and_no_change(project: Path) -> None:
    at = app_for(project, custom("2026-09-01", "2026-09-10")).run()  # previous: 22-31 Aug
    assert not at.exception, [e.value for e in at.exception]
    [metric] = at.metric
    assert not metric.delta  # no « ↑ +… % »
    notes = captions(at)
    assert "Pas de comparaison — période précédente incomplète : données depuis le" in notes
    assert Formatter("fr").date(pd.Timestamp("2026-09-01")).replace("\u202f", " ") in notes
    assert "Par rapport à" not in notes and "%" not in notes


def drop_days(project: Path, *days: str) -> None:
    """Take every hour of `days` out of the project's counts."""
    measures = project.parent / "data" / "measures.csv"
    frame = pd.read_csv(measures, sep=";")
    frame = frame[~frame["start_datetime"].str.startswith(days)]
    frame.to_csv(measures, sep=";", index=False)


def test_a_day_without_data_in_the_current_week(project: Path) -> None:
    drop_days(project, "2026-10-06")  # 1 day of the last 7 (4-10 Oct): 14 %
    at = app_for(project).run()
    [metric] = at.metric
    assert not metric.delta
    assert "Pas de comparaison — 1 jour sans données dans la période affichée." in captions(at)


def test_too_many_days_without_data_in_the_previous_period(project: Path) -> None:
    # The default period is the last 7 days (4-10 Oct); take 2 days out of the previous one.
    drop_days(project, "2026-09-28", "2026-09-29")
    at = app_for(project).run()
    [metric] = at.metric
    assert not metric.delta
    assert "Pas de comparaison — 2 jours sans données dans la période précédente." in captions(at)


def test_a_covered_comparison_still_shows_its_change(project: Path) -> None:
    at = app_for(project).run()  # 4-10 Oct against 27 Sept-3 Oct: both covered
    [metric] = at.metric
    assert "%" in metric.delta
    notes = captions(at)
    assert "Par rapport à" in notes and "Pas de comparaison" not in notes


def test_english_reason(project: Path) -> None:
    project.write_text(
        BLUEPRINT.replace("title: Essai de l'application", "title: Test app\n  lang: en"),
        encoding="utf-8",
    )
    at = app_for(project, custom("2026-09-01", "2026-09-10")).run()
    assert not at.metric[0].delta
    assert "No comparison — previous period incomplete: data since" in captions(at)


def test_footfall_template_first_page_shows_no_change_for_its_short_sample(
    tmp_path: Path,
) -> None:
    project = tmp_path / "mon-comptage"
    created = subprocess.run(
        [DATACITES, "new", str(project), "--template", "footfall", "--no-input"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stderr
    first = pd.read_parquet(project / "data" / "measures.parquet")["start_datetime"].min()
    at = app_for(project / "blueprint.yaml").run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.metric) == 2
    assert all(not metric.delta for metric in at.metric)
    notes = captions(at)
    since = Formatter("fr").date(pd.Timestamp(first)).replace("\u202f", " ")
    reason = f"période précédente incomplète : données depuis le {since}"
    assert notes.count(reason) == 2, notes
    assert "%" not in notes


def test_coeur_de_ville_keeps_its_changes(tmp_path: Path) -> None:
    folder = tmp_path / "coeur_de_ville"
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    at = app_for(folder / "blueprint.yaml").run()
    assert not at.exception, [e.value for e in at.exception]
    compared = [m for m in at.metric if m.delta]
    assert len(compared) == 2 and all("%" in m.delta for m in compared)
    assert "Pas de comparaison" not in captions(at)
