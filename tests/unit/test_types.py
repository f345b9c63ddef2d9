"""The type checker of `make test` bites: plugin code that misuses the public API is refused."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# A plugin written as the docs say: a file source and a view, from `datacites_proto` only.
GOOD = '''
from pathlib import Path
from typing import Literal

import datacites_proto as dc


class StopsSource(dc.Source):
    """GTFS stops.txt."""

    type: Literal["gtfs_stops"] = dc.tag("gtfs_stops")
    path: str = dc.field(fr="Chemin.", en="Path.")

    def fingerprint(self, ctx: dc.LoadContext) -> str:
        return str(Path(ctx.base_dir, self.path).stat().st_mtime_ns)

    def load(self, ctx: dc.LoadContext, table: str) -> None:
        return None


view = dc.KpiView(indicator="visits", compare="previous_year")
'''

# The same plugin, wrong: each line marked `# bad` must draw an error on that line.
BAD = '''
from typing import Literal

import datacites_proto as dc


class StopsSource(dc.Source):
    """GTFS stops.txt."""

    type: Literal["gtfs_stops"] = dc.tag("gtfs_stops")

    def load(self, ctx: str) -> None:  # bad: ctx is a LoadContext, and `table` is missing
        return None


view = dc.KpiView(indicator=42)  # bad: an indicator is a slug (text)
kpi = dc.KpiView(indicator="visits", compare="last_week")  # bad: not a comparison
'''


def run_mypy(files: list[Path], cache: Path) -> str:
    """mypy's report on `files`, checked with the project's settings (pydantic plugin…)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(REPO / "pyproject.toml"),
            "--cache-dir",
            str(cache),
            "--no-error-summary",
            "--hide-error-context",
            *map(str, files),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr + done.stdout  # 2: mypy itself failed
    return done.stdout


def error_lines(report: str, path: Path) -> set[int]:
    """Lines of `path` that mypy reports an error on."""
    # By file name: a warm cache replays a same-named module's errors with the path it
    # had in an earlier run (another tmp_path), the lines being those of the same text.
    pattern = re.compile(rf"^(?:.*/)?{re.escape(path.name)}:(\d+): error:", re.MULTILINE)
    return {int(line) for line in pattern.findall(report)}


@pytest.mark.slow
def test_mypy_refuses_a_misused_public_api_and_accepts_a_correct_plugin(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    good, bad = tmp_path / "good_plugin.py", tmp_path / "bad_plugin.py"
    good.write_text(textwrap.dedent(GOOD), encoding="utf-8")
    bad.write_text(textwrap.dedent(BAD), encoding="utf-8")
    # A cache kept between runs (outside the repository): a cold one reads SQLAlchemy,
    # pydantic and numpy's stubs first, a warm one checks the two snippets in seconds.
    cache = Path(tempfile.gettempdir()) / "datacites-test-mypy-cache"
    report = run_mypy([good, bad], cache)

    assert error_lines(report, good) == set(), report
    expected = {
        number
        for number, line in enumerate(textwrap.dedent(BAD).splitlines(), start=1)
        if "# bad" in line
    }
    assert error_lines(report, bad) == expected, report
    # The source's wrong `load` is refused as a broken override of the contract.
    assert "[override]" in report
