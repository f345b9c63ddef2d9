"""`datacites team set-password`, through the real command: a hash is written, never the password."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from datacites_proto.app import team_password
from tests.conftest import REPO

DATACITES = Path(sys.executable).parent / "datacites"
TEAM = REPO / "tests" / "blueprints" / "team"
PASSWORD = "Mot-de-passe-équipe-2026"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "service"
    shutil.copytree(TEAM, folder, ignore=shutil.ignore_patterns(".datacites", ".streamlit"))
    return folder


def datacites(*args: object, stdin: str = "", env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    environ = {k: v for k, v in os.environ.items() if k != team_password.ENV_VAR}
    environ.pop("DATACITES_LANG", None)
    return subprocess.run(
        [str(DATACITES), *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env={**environ, **(env or {})},
        timeout=60,
    )


def secrets(project: Path) -> dict:
    return tomllib.loads((project / ".streamlit" / "secrets.toml").read_text(encoding="utf-8"))


def test_password_stdin_writes_a_hash_not_the_password(project: Path) -> None:
    done = datacites("team", "set-password", project, "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    text = (project / ".streamlit" / "secrets.toml").read_text(encoding="utf-8")
    assert PASSWORD not in text and PASSWORD not in done.stdout + done.stderr
    stored = secrets(project)["datacites"]["team_password_hash"]
    assert stored.startswith("scrypt$")
    assert team_password.verify_password(PASSWORD, stored)
    assert not team_password.verify_password(PASSWORD + "x", stored)
    assert "empreinte seulement" in done.stdout
    assert (project / ".streamlit" / "secrets.toml").stat().st_mode & 0o777 == 0o600


def test_prompts_twice_and_keeps_other_secrets(project: Path) -> None:
    (project / ".streamlit").mkdir()
    (project / ".streamlit" / "secrets.toml").write_text(
        '# nos secrets\nPG_URL = "postgresql://u:p@h/db"\n\n[auth]\ncookie_secret = "abc"\n',
        encoding="utf-8",
    )
    blueprint = project / "blueprint.yaml"  # a blueprint file works as well as its folder
    done = datacites("team", "set-password", blueprint, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert done.returncode == 0, done.stderr
    data = secrets(project)
    assert data["PG_URL"] == "postgresql://u:p@h/db" and data["auth"] == {"cookie_secret": "abc"}
    assert team_password.verify_password(PASSWORD, data["datacites"]["team_password_hash"])
    assert (project / ".streamlit" / "secrets.toml").read_text().startswith("# nos secrets\n")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        ((), f"{PASSWORD}\nautre-chose-123\n", "Les deux mots de passe saisis sont différents"),
        (("--password-stdin",), "\n", "Le mot de passe est vide"),
        (("--password-stdin",), "", "Le mot de passe est vide"),
        ((), "\n\n", "Le mot de passe est vide"),
        (("--password-stdin",), "court\n", "trop court"),
        ((), "seulement-une-fois\n", "--password-stdin"),
    ],
)
def test_bad_input_is_a_clear_french_error_and_writes_nothing(
    project: Path, args: tuple[str, ...], stdin: str, message: str
) -> None:
    done = datacites("team", "set-password", project, *args, stdin=stdin)
    assert done.returncode == 1
    assert message in done.stderr and "rien n'a été écrit" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / ".streamlit" / "secrets.toml").exists()


def test_english_messages_and_missing_project(tmp_path: Path) -> None:
    done = datacites("--lang", "en", "team", "set-password", tmp_path / "nowhere", stdin="x\n")
    assert done.returncode == 1
    assert "is neither a blueprint nor a folder holding one" in done.stderr


def test_environment_variable_is_said_to_win(project: Path) -> None:
    done = datacites(
        "team",
        "set-password",
        project,
        "--password-stdin",
        stdin=PASSWORD,
        env={team_password.ENV_VAR: "scrypt$x"},
    )
    assert done.returncode == 0
    assert "DATACITES_TEAM_PASSWORD_HASH" in done.stderr
