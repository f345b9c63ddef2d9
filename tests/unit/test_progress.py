"""Long work tells what it does: real loads, downloads and rollups report their steps."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from datacites_proto import progress
from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.engine.data_check import check_data
from datacites_proto.engine.service import Service
from datacites_proto.progress import Step
from datacites_proto.sources.portals.datagouv import fetch_datagouv
from tests.support.fake_portals import FakePortal, fake_portal


class Recorder:
    """A listener keeping every event, as (event, code, params, done, total)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, dict, float, float | None]] = []

    def _note(self, event: str, step: Step) -> None:
        self.events.append((event, step.code, dict(step.params), step.done, step.total))

    def started(self, step: Step) -> None:
        self._note("started", step)

    def advanced(self, step: Step) -> None:
        self._note("advanced", step)

    def finished(self, step: Step) -> None:
        self._note("finished", step)

    def codes(self, event: str) -> list[str]:
        return [e[1] for e in self.events if e[0] == event]


def test_steps_reach_the_listener_of_their_context_only() -> None:
    recorder = Recorder()
    with progress.listening(recorder), progress.step("progress_datasets", total=2) as step:
        step.advance()
        step.advance()
    # Another thread has its own context: its steps are not this listener's.
    other = threading.Thread(target=lambda: progress.step("x").__enter__())
    other.start()
    other.join()
    with progress.step("progress_datasets"):  # nobody listening: nothing happens
        pass
    assert recorder.events == [
        ("started", "progress_datasets", {}, 0.0, 2),
        ("advanced", "progress_datasets", {}, 1.0, 2),
        ("advanced", "progress_datasets", {}, 2.0, 2),
        ("finished", "progress_datasets", {}, 2.0, 2),
    ]


def test_interruptions_are_told_apart_from_errors() -> None:
    con = duckdb.connect()
    threading.Timer(0.3, con.interrupt).start()
    with pytest.raises(Exception) as raised:
        con.execute("SELECT count(*) FROM range(100000000000) WHERE hash(range) % 7 = 1").fetchall()
    assert progress.is_interruption(raised.value)  # what DuckDB raises when interrupted
    assert progress.is_interruption(KeyboardInterrupt())
    assert not progress.is_interruption(RuntimeError("Catalog Error: no such table"))


def project(folder: Path, rows: int, threshold: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(
        {
            "site": [f"S{i % 5}" for i in range(rows)],
            "day": pd.Timestamp("2026-01-01") + pd.to_timedelta([i % 90 for i in range(rows)], "D"),
            "n": range(rows),
        }
    )
    frame.to_csv(folder / "counts.csv", sep=";", index=False)
    (folder / "blueprint.yaml").write_text(
        f"""\
datacites: 1
service: {{id: steps, title: Étapes}}
datasets:
  counts:
    source: {{type: csv, path: counts.csv}}
    rollup_threshold: {threshold}
indicators:
  total: {{label: Total, dataset: counts, measure: sum(n)}}
pages:
  - title: Accueil
    views: [{{type: bar, indicator: total, by: site}}]
""",
        encoding="utf-8",
    )
    return folder / "blueprint.yaml"


def test_a_first_load_reports_each_dataset_and_the_rollup(tmp_path: Path) -> None:
    result = inspect_blueprint(project(tmp_path, 5_000, threshold=1))
    recorder = Recorder()
    with Service.from_blueprint(result.blueprint, in_memory=True) as service:
        with progress.listening(recorder):
            assert check_data(result, service=service) == []
        assert service.rollup("counts") is not None
    assert recorder.codes("started") == ["progress_datasets", "progress_loading", "progress_rollup"]
    outer = [e for e in recorder.events if e[1] == "progress_datasets"]
    assert outer[-1][3:] == (1.0, 1)  # one dataset of one done
    rollup = next(e for e in recorder.events if e[1] == "progress_rollup")
    assert rollup[2] == {"dataset": "counts", "rows": 5_000}
    # A second load finds the table up to date: no reading step.
    again = Recorder()
    with Service.from_blueprint(result.blueprint, in_memory=False) as service:
        check_data(result, service=service)
        with progress.listening(again):
            check_data(result, service=service)
    assert "progress_loading" not in again.codes("started")


@pytest.fixture
def portal() -> Iterator[FakePortal]:
    with fake_portal() as running:
        yield running


def test_a_download_counts_its_bytes_against_its_length(portal: FakePortal, tmp_path: Path) -> None:
    from datacites_proto.sources.datagouv import DataGouvSource
    from tests.support.fake_portals import IRVE_CSV_ID, IRVE_ID

    source = DataGouvSource(dataset=IRVE_ID, resource=IRVE_CSV_ID, api_url=portal.datagouv_api)
    recorder = Recorder()
    with progress.listening(recorder):
        fetched = fetch_datagouv(source, tmp_path, now=pd.Timestamp.now(tz="UTC").to_pydatetime())
    size = fetched.path.stat().st_size
    downloads = [e for e in recorder.events if e[1] == "progress_download"]
    assert downloads[0][0] == "started" and downloads[-1][0] == "finished"
    assert downloads[-1][3] == size and downloads[-1][4] == size
    assert downloads[0][2]["url"].endswith(".csv")
