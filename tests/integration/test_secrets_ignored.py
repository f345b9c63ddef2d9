"""The team's secrets never reach git (issue 15): the `.streamlit/secrets.toml` that
`datacites team set-password` writes is ignored in a new project and in this repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

DATACITES = str(Path(sys.executable).parent / "datacites")


def git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def need_git() -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")


def test_a_new_project_keeps_its_team_password_out_of_git(need_git: None, tmp_path: Path) -> None:
    project = tmp_path / "mon-service"
    made = subprocess.run(
        [DATACITES, "new", str(project), "--template", "blank", "--no-input"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    done = subprocess.run(
        [DATACITES, "team", "set-password", str(project), "--password-stdin"],
        input="un mot de passe assez long\n", capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / ".streamlit" / "secrets.toml").is_file()
    assert git(project, "init", "-q").returncode == 0
    listed = git(project, "status", "--porcelain", "--untracked-files=all").stdout
    assert ".streamlit/config.toml" in listed  # git sees the project's files…
    assert "secrets.toml" not in listed  # …but not its secrets


@pytest.mark.parametrize(
    "path",
    ["examples/coeur_de_ville/.streamlit/secrets.toml", "mon-service/.streamlit/secrets.toml"],
)
def test_this_repository_ignores_secrets_written_in_it(need_git: None, path: str) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    assert git(REPO, "check-ignore", "-q", path).returncode == 0
