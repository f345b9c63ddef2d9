"""Shared fixtures: the repository layout, the CLI runner, the optional components."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONTRACT = REPO / "tests" / "blueprints" / "contract" / "blueprint.yaml"
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(component: str, how_to_install: str) -> None:
    """Skip when an optional component is missing, but fail under CI, where it must be there."""
    message = f"{component} is not available: {how_to_install}"
    if ON_CI:
        pytest.fail(f"CI must provide it — {message}")
    pytest.skip(message)


@pytest.fixture(autouse=True, scope="session")
def _feedback_store_outside_the_repository(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Feedback and usage events written by tests go to a temporary store (DATACITES_STORE_URL),
    never into `.datacites/` of the repository's blueprints; a test may set its own."""
    if "DATACITES_STORE_URL" in os.environ:
        yield
        return
    folder = tmp_path_factory.mktemp("store")
    os.environ["DATACITES_STORE_URL"] = f"sqlite:///{folder / 'store.sqlite'}"
    yield
    os.environ.pop("DATACITES_STORE_URL", None)


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `datacites ARGS…` in this process; returns exit code and captured output."""
    from datacites_proto.cli.main import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def datacites_script() -> Path:
    """The installed console script of this environment."""
    return Path(sys.executable).parent / "datacites"


@pytest.fixture
def run_script():  # type: ignore[no-untyped-def]
    """Run the real `datacites` console script in a subprocess."""

    def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> CliResult:
        full_env = {**os.environ, **(env or {})}
        proc = subprocess.run(
            [str(datacites_script()), *map(str, args)],
            capture_output=True,
            text=True,
            env=full_env,
            cwd=cwd,
            timeout=120,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run


DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@functools.cache
def _answers(url: str) -> bool:
    """True when the PostgreSQL server of `url` accepts a connection within a few seconds."""
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("select 1"))
        finally:
            engine.dispose()
    except Exception:
        return False
    return True


@pytest.fixture
def pg_url() -> str:
    """The real PostgreSQL test server: DATACITES_TEST_PG_URL, else the local default when it
    answers, so that `make test` on a machine with PostgreSQL skips nothing."""
    url = os.environ.get("DATACITES_TEST_PG_URL")
    if url:
        return url
    if _answers(DEFAULT_PG_URL):
        return DEFAULT_PG_URL
    need(
        "PostgreSQL",
        f"start one that answers at {DEFAULT_PG_URL} (user postgres, database test), "
        "or set DATACITES_TEST_PG_URL to another server",
    )
    return DEFAULT_PG_URL  # not reached: need() skips or fails
