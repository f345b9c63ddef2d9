"""A page's questions asked at once on a rerun: the same figures, sooner (app/prefetch.py)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from datacites_proto.app import prefetch
from tests.support.apptest import app_for

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "coeur_de_ville"


def test_questions_run_together_and_failures_are_left_to_the_views() -> None:
    both_running = threading.Barrier(2, timeout=10)  # passes only if two run at once
    done: list[str] = []

    def ask(indicator: str, by: tuple[str, ...]) -> None:
        if indicator == "broken":
            raise RuntimeError("the view will say so")
        both_running.wait()
        done.append(indicator)

    ran = prefetch.ask_together([("a", ()), ("b", ("site",)), ("broken", ())], ask)
    assert ran == 3 and sorted(done) == ["a", "b"]
    assert prefetch.ask_together([("a", ())], ask) == 0  # one question: nothing to overlap


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "ex", ignore=shutil.ignore_patterns(".datacites"))
    return tmp_path / "ex" / "blueprint.yaml"


def page_figures(project: Path, enabled: bool) -> list[list[str]]:
    """The KPI values of the first page at three filter states, questions at once or not."""
    prefetch.ENABLED = enabled
    try:
        at = app_for(project).run()
        seen = [[m.value for m in at.metric]]
        for period, places in (("last_7_days", ["Gare"]), ("all", ["Halles", "Port"])):
            at.selectbox(key="filter-periode").select(period)
            at.multiselect(key="filter-lieu").set_value(places)
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            seen.append([m.value for m in at.metric])
    finally:
        prefetch.ENABLED = True
    return seen


def test_the_page_remembers_its_questions_and_shows_the_same_figures(project: Path) -> None:
    together = page_figures(project, enabled=True)
    remembered = [q for page, qs in prefetch._ASKED.items() if str(project) in page[0] for q in qs]
    # The KPIs, the line, the bar and the heatmap of the first page were asked.
    assert ("passages", ("day(start_datetime)",)) in remembered
    assert ("passages", ("hour_of_day(start_datetime)", "weekday(start_datetime)")) in remembered
    one_by_one = page_figures(project, enabled=False)
    assert together == one_by_one and len({tuple(f) for f in together}) == 3
