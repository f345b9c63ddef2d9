"""A page's questions asked at once on a rerun: the same figures, sooner (app/prefetch.py)."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import wait
from pathlib import Path

import pytest

from datacites_proto.app import prefetch
from tests.support.apptest import app_for

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "coeur_de_ville"


def test_questions_run_together_and_failures_are_left_to_the_views() -> None:
    both_running = threading.Barrier(2, timeout=10)  # passes only if two run at once
    done: list[str] = []

    def ask(question: prefetch.Question) -> None:
        _, indicator, _ = question
        if indicator == "broken":
            raise RuntimeError("the view will say so")
        both_running.wait()
        done.append(indicator)

    questions = [("result", "a", ()), ("result", "b", ("site",)), ("result", "broken", ())]
    started = prefetch.ask_together([(q, q) for q in questions], ask)
    wait(started, timeout=30)  # the page does not wait: its views draw meanwhile
    assert len(started) == 3 and sorted(done) == ["a", "b"]
    prefetch.ENABLED = False
    try:
        assert prefetch.ask_together([(q, q) for q in questions], ask) == []
    finally:
        prefetch.ENABLED = True


def test_the_slowest_question_starts_first() -> None:
    page = ("service", 0, "public")
    for question in (("result", "fast", ()), ("result", "slow", ()), ("result", "new", ())):
        prefetch.remember(page, question)
    prefetch._took(page, ("result", "slow", ()), 0.5)
    prefetch._took(page, ("result", "fast", ()), 0.01)
    order = [question[1] for _, question in prefetch.asked(page)]
    assert order == ["slow", "fast", "new"]


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
    remembered = [
        item.question
        for page, asked in prefetch._ASKED.items()
        if str(project) in page[0]
        for item in asked.values()
    ]
    # The KPIs (and the period they compare with), the line, the bar, the heatmap and the
    # map's layer of the first page were asked.
    assert ("result", "passages", ("day(start_datetime)",)) in remembered
    by_hour = ("hour_of_day(start_datetime)", "weekday(start_datetime)")
    assert ("result", "passages", by_hour) in remembered
    assert ("comparison", "passages", "previous_period") in remembered
    assert any(q[0] == "layer" for q in remembered)
    one_by_one = page_figures(project, enabled=False)
    assert together == one_by_one and len({tuple(f) for f in together}) == 3
