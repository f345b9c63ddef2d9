"""The first load of the data is shown in a status box, in the visitor's language."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

STEPS = """
import streamlit as st

from datacites_proto import progress
from datacites_proto.app.loading_status import StatusView, Tracker

tracker = Tracker()
view = StatusView(st.status("…", expanded=True), "{lang}")
with progress.listening(tracker):
    with progress.step("progress_datasets", total=3, unit="datasets") as outer:
        outer.advance(2)
        view.show(tracker.snapshot())
        with progress.step("progress_download", total=25_000_000, unit="bytes", url="https://x/f.csv") as down:
            down.advance(5_000_000)
            view.show(tracker.snapshot())
            down.advance(7_500_000)
            view.show(tracker.snapshot())
        with progress.step("progress_rollup", dataset="mesures", rows=10_000_000):
            view.show(tracker.snapshot())
"""

# The real first load: a worker thread loads, the script's thread draws, then the page.
FIRST_LOAD = """
import streamlit as st

from datacites_proto.app import loading_status

problems = loading_status.data_problems({path!r}, "stamp", "data", "fr")
st.write(f"problems: {{len(problems)}}")
"""


def run(tmp_path: Path, lang: str) -> AppTest:
    script = tmp_path / f"status_{lang}.py"
    script.write_text(STEPS.replace("{lang}", lang), encoding="utf-8")
    return AppTest.from_file(str(script), default_timeout=30).run()


def test_each_step_is_drawn_with_how_much_is_done(tmp_path: Path) -> None:
    at = run(tmp_path, "fr")
    assert not at.exception
    bars = [(p.value, p.proto.text) for p in at.get("progress")]
    assert bars[0] == (66, "Chargement des données — 2/3")  # percent done, then in words
    # One bar per step, moved forward (not drawn again) as the download advances.
    assert bars[1] == (50, "Téléchargement de https://x/f.csv — 12,5 / 25 Mo")
    assert len(bars) == 2
    captions = [c.value.replace("\u202f", " ") for c in at.caption]
    assert captions == ["Pré-calcul des agrégats de « mesures » (10 000 000 lignes)"]
    assert at.status[0].label.startswith("Pré-calcul")  # the title: what runs last


def test_in_english_too(tmp_path: Path) -> None:
    at = run(tmp_path, "en")
    texts = [p.proto.text for p in at.get("progress")]
    assert texts == ["Loading the data — 2/3", "Downloading https://x/f.csv — 12.5 / 25 MB"]


def test_the_first_load_runs_and_the_page_follows(tmp_path: Path) -> None:
    from tests.unit.test_progress import project

    blueprint = project(tmp_path / "projet", 2_000, threshold=1)
    script = tmp_path / "first_load.py"
    script.write_text(FIRST_LOAD.format(path=str(blueprint)), encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["problems: 0"]
    assert not at.status  # the box is gone once the data is there
    again = at.run()  # a rerun: loaded already, nothing to show
    assert [m.value for m in again.markdown] == ["problems: 0"] and not again.status
