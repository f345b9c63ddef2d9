"""`datacites validate` and `datacites build` over agreements that end (issue 14, point 2).

The day is set with `DATACITES_TODAY` (datacites_proto/blueprint/clock.py); the agreement
of tests/support/agreement_project.py ends on 30 June 2026.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from datacites_proto.blueprint.clock import ENV_VAR
from tests.support.agreement_project import END, SECRET, write_project
from tests.support.apptest import app_for, texts

ENDED = "a pris fin le 30 juin 2026"
ENDS_SOON = "prend fin le 30 juin 2026, dans {days} {unit}"


def end_line(project: Path) -> int:
    text = (project / "agreements" / "flux.yaml").read_text(encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("end:"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project(tmp_path / "convention")
    return tmp_path / "convention"


def on(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    monkeypatch.setenv(ENV_VAR, day.isoformat())


# Days before (+) or after (-) the end, the horizon asked, and what validate says.
CASES: list[tuple[int, int | None, int, str | None]] = [
    (-1, None, 1, ENDED),  # past its end: an error
    (-200, None, 1, ENDED),
    (0, None, 0, ENDS_SOON.format(days=0, unit="jour")),  # its last day: still running
    (30, None, 0, ENDS_SOON.format(days=30, unit="jours")),  # within the default 60 days: a warning
    (60, None, 0, ENDS_SOON.format(days=60, unit="jours")),
    (61, None, 0, None),
    (90, None, 0, None),  # beyond the default horizon: nothing
    (90, 100, 0, ENDS_SOON.format(days=90, unit="jours")),  # a wider horizon asked for
    (30, 10, 0, None),  # a narrower one
]


@pytest.mark.parametrize(("before", "horizon", "code", "said"), CASES)
def test_validate_judges_the_end_of_the_agreement(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Any,
    before: int,
    horizon: int | None,
    code: int,
    said: str | None,
) -> None:
    on(monkeypatch, END - dt.timedelta(days=before))
    extra = ["--expiry-warning-days", str(horizon)] if horizon is not None else []
    result = cli("validate", project, *extra)
    assert result.code == code, result.output
    if said is None:
        assert "fin le 30 juin" not in result.out
        return
    # Located at the `end:` line of the agreement file, with the line shown.
    where = f"agreements/flux.yaml:{end_line(project)}:6: "
    line = next(x for x in result.out.splitlines() if said in x)
    assert where in line
    assert ("avertissement" in line) is (code == 0)
    assert "end: 2026-06-30" in result.out


def test_validate_json_and_english(
    project: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    on(monkeypatch, END + dt.timedelta(days=1))
    result = cli("validate", "--lang", "en", "--format", "json", project)
    assert result.code == 1
    [error] = json.loads(result.out)["files"][0]["errors"]
    assert error["code"] == "agreement_ended"
    assert error["file"].endswith("agreements/flux.yaml")
    assert (error["line"], error["path"]) == (end_line(project), ["end"])
    assert "ended on 30 June 2026" in error["message"]
    assert "'visits, bornes'" in error["message"]


def test_strict_makes_the_coming_end_an_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    on(monkeypatch, END - dt.timedelta(days=30))
    assert cli("validate", "--strict", project).code == 1


def test_a_bad_day_in_the_environment_is_a_clear_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    monkeypatch.setenv(ENV_VAR, "30/06/2026")
    result = cli("validate", project)
    assert result.code == 2
    assert "DATACITES_TODAY" in result.err and "AAAA-MM-JJ" in result.err
    assert "Traceback" not in result.output


def test_validate_data_counts_the_rows_retention_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    project = tmp_path / "kept"
    write_project(project, retention_days=20)
    on(monkeypatch, END)
    result = cli("validate", "--data", project)
    assert result.code == 0, result.output
    # 60 daily visits up to 30 June, 20 days kept from 10 June: 39 left out.
    line = next(x for x in result.out.splitlines() if "antérieures au 10 juin 2026" in x)
    assert "39 lignes du jeu « visits »" in line
    assert "agreements/flux.yaml:" in line and "(20 jours)" in line
    # Without --data, nothing is loaded and nothing is counted.
    assert "antérieures" not in cli("validate", project).out


def test_retention_without_a_date_column_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    project = tmp_path / "undated"
    write_project(project, retention_days=20)
    (project / "data" / "visits.csv").write_text("zone,n\nnord,1\nsud,2\n", encoding="utf-8")
    on(monkeypatch, END - dt.timedelta(days=100))
    result = cli("validate", project)
    assert result.code == 1
    text = (project / "agreements" / "flux.yaml").read_text(encoding="utf-8")
    line = next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith("retention_days"))
    assert f"agreements/flux.yaml:{line}:" in result.out
    assert "le jeu « visits » n'a aucune colonne de date" in result.out


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


def test_a_built_service_serves_none_of_the_rows_after_the_end(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Any,
    downloads: list[bytes],
) -> None:
    on(monkeypatch, END + dt.timedelta(days=1))
    out = tmp_path / "dist"
    built = cli("build", project, "-o", out)
    # Built for the team all the same, with a warning located at the agreement's end.
    assert built.code == 0, built.output
    warning = next(x for x in built.err.splitlines() if ENDED in x)
    assert f"agreements/flux.yaml:{end_line(project)}:6: avertissement" in warning
    # Nothing in the folder is served as a file: only what the app hands out is.
    config = (out / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "enableStaticServing = false" in config
    at = app_for(out / "blueprint.yaml").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Les données de Bornes de l'opérateur ne sont plus publiées" in texts(at)
    # Only the page's « Télécharger en PDF », made when clicked, from what the page shows.
    assert [b.key for b in at.get("download_button")] == ["p0-v0-report-pdf"]
    assert not at.dataframe
    assert not any(SECRET.encode() in data for data in downloads)
    assert SECRET not in texts(at)
