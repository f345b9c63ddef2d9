"""Agreements that live (issue 14, point 2), through the real app (AppTest) and the CLI.

The clock is `DATACITES_TODAY` (datacites_proto/blueprint/clock.py): each test sets the
day it plays. The agreement of tests/support/agreement_project.py ends on 30 June 2026.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from datacites_proto.blueprint.clock import ENV_VAR
from tests.support.agreement_project import END, SECRET, VISIT_DAYS, write_project
from tests.support.apptest import app_for, deck_specs, open_page, texts

AFTER = END + dt.timedelta(days=1)
BEFORE = END - dt.timedelta(days=30)
NOTICE_FR = "ne sont plus publiées : la convention « Convention de fréquentation » a pris fin le 30 juin 2026."
NOTICE_EN = (
    "is no longer published: the agreement 'Convention de fréquentation' ended on 30 June 2026."
)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Set the day the service lives (the one clock of validation and run time)."""

    def set_day(day: dt.date) -> None:
        monkeypatch.setenv(ENV_VAR, day.isoformat())

    return set_day


@pytest.fixture
def downloads() -> Iterator[list[bytes]]:
    """Every file the app hands to a download button during the test."""
    seen: list[bytes] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self: Any, path_or_data: Any, mimetype: str, kind: Any, filename: Any = None):  # type: ignore[no-untyped-def]
        if isinstance(path_or_data, bytes):
            seen.append(path_or_data)
        return original(self, path_or_data, mimetype, kind, filename)

    MemoryMediaFileStorage.load_and_get_id = recording  # type: ignore[method-assign]
    yield seen
    MemoryMediaFileStorage.load_and_get_id = original  # type: ignore[method-assign]


def public(blueprint: Path) -> AppTest:
    at = app_for(blueprint).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def team(blueprint: Path, slug: str = "equipe") -> AppTest:
    script = blueprint.parent / "team_app.py"
    script.write_text(
        f"from datacites_proto.app.main import run\nrun({str(blueprint)!r}, audience='team')\n",
        encoding="utf-8",
    )
    at = open_page(AppTest.from_file(str(script), default_timeout=60), slug).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frames_text(at: AppTest) -> str:
    return "\n".join(str(df.value.to_dict()) for df in at.dataframe)


def map_text(at: AppTest) -> str:
    """What the page's maps send to the browser: their layers and their data."""
    return json.dumps(deck_specs(at), ensure_ascii=False)


def test_before_the_end_public_pages_show_the_data(
    tmp_path: Path, today: Any, downloads: list[bytes]
) -> None:
    """The control: the same checks see the data while the agreement runs."""
    today(BEFORE)
    at = public(write_project(tmp_path))
    assert NOTICE_FR not in texts(at)
    assert {m.label for m in at.metric} == {"Visites", "Places"}
    assert SECRET in frames_text(at)
    assert any(SECRET.encode() in data for data in downloads)
    assert at.multiselect(key="filter-zone")
    assert SECRET in map_text(at) and "place-0" in map_text(at)


def test_after_the_end_public_pages_show_the_notice_and_no_data(
    tmp_path: Path, today: Any, downloads: list[bytes]
) -> None:
    today(AFTER)
    at = public(write_project(tmp_path))
    page = texts(at)
    # One notice per view (and map layer) of the agreement's data, instead of it.
    assert page.count(NOTICE_FR) == 4
    assert "Les données de Visites estimées ne sont plus publiées" in page
    assert "Les données de Bornes de l'opérateur ne sont plus publiées" in page
    assert [m.label for m in at.metric] == ["Places"]  # data under no agreement stays
    assert not at.dataframe and not at.get("vega_lite_chart")
    # Only the page's « Télécharger en PDF », made when clicked, from what the page shows.
    assert [b.key for b in at.get("download_button")] == ["p0-v0-report-pdf"]
    assert not any(SECRET.encode() in data for data in downloads)
    assert SECRET not in page
    # The filter over the withheld data lists none of its values.
    assert not at.multiselect
    # The map draws the layer under no agreement, and nothing of the other.
    assert "place-0" in map_text(at) and SECRET not in map_text(at)


def test_the_notice_is_in_english_for_an_english_service(tmp_path: Path, today: Any) -> None:
    today(AFTER)
    at = public(write_project(tmp_path, lang="en"))
    assert "The data of Visites estimées " + NOTICE_EN in texts(at)


def test_the_team_still_sees_the_data_with_a_warning(tmp_path: Path, today: Any) -> None:
    today(AFTER)
    at = team(write_project(tmp_path))
    page = texts(at)
    assert [m.label for m in at.metric] == ["Visites"]
    assert str(VISIT_DAYS) in at.metric[0].value
    assert SECRET in frames_text(at)
    warning = (
        "La convention « Convention de fréquentation » a pris fin le 30 juin 2026 : les "
        "données de Visites estimées ne sont plus montrées sur les pages publiques."
    )
    assert warning in page


def test_retention_leaves_old_rows_out_and_says_so(tmp_path: Path, today: Any) -> None:
    today(END)  # the last 20 days: from 10 June, so 21 of the 60 daily visits are kept
    at = public(write_project(tmp_path, retention_days=20))
    visits = next(m for m in at.metric if m.label == "Visites")
    assert visits.value == "21"
    assert "Données de Visites estimées limitées aux 20 derniers jours" in texts(at)
    # Whatever the audience: the team's figure leaves the same rows out.
    assert team(tmp_path / "blueprint.yaml").metric[0].value == "21"


def test_publication_false_keeps_public_pages_free_of_the_data(tmp_path: Path, today: Any) -> None:
    from datacites_proto.blueprint.loader import inspect_blueprint

    today(BEFORE)
    result = inspect_blueprint(write_project(tmp_path, publication=False))
    refused = [p for p in result.problems if p.code == "agreement_forbids_publication"]
    # Each public view over the agreement's data is refused, located at that view.
    text = (tmp_path / "blueprint.yaml").read_text(encoding="utf-8").split("- title: Équipe")[0]
    lines = {
        n
        for n, line in enumerate(text.splitlines(), 1)
        if "indicator: visites" in line or "dataset: bornes" in line
    }
    assert len(lines) == 4  # three views and a map layer
    assert {p.line for p in refused} == lines
    assert all(p.file and p.file.endswith("blueprint.yaml") for p in refused)
