"""The deployment files `datacites build` writes for replicas, and the pages that show them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from datacites_proto.cli.build import REPLICAS_SH, nginx_config
from tests.conftest import REPO, need

PAGES = [
    REPO / "docs" / "fr" / "deployer-plusieurs-repliques.md",
    REPO / "docs" / "en" / "deployer-plusieurs-repliques.md",
]


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        need("nginx", "install Debian's package: sudo apt-get install nginx")
    snippet = tmp_path / "replicas.conf"
    snippet.write_text(nginx_config(access_log=str(tmp_path / "access.log")))
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include {snippet}; }}\n"
    )
    done = subprocess.run(
        [str(nginx), "-t", "-c", str(main), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_the_script_refuses_to_start_without_a_shared_store_and_secret(tmp_path: Path) -> None:
    script = tmp_path / "deploy" / "replicas.sh"
    script.parent.mkdir()
    script.write_text(REPLICAS_SH)
    script.chmod(0o755)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATACITES_", "STREAMLIT_"))}
    for missing, env in (
        ("DATACITES_STORE_URL", {}),
        ("STREAMLIT_SERVER_COOKIE_SECRET", {"DATACITES_STORE_URL": "postgresql://x/y"}),
    ):
        done = subprocess.run(
            [str(script)],
            env={**base, **env, "STREAMLIT": "/bin/false"},
            capture_output=True,
            text=True,
            timeout=10,
        )
        assert done.returncode != 0 and missing in done.stderr, done.stderr


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_pages_show_the_configuration_that_is_written(page: Path) -> None:
    """Every directive of the pages' nginx block is one of the written file's."""
    text = page.read_text(encoding="utf-8")
    [block] = re.findall(r"```nginx\n(.*?)```", text, re.S)
    written = {line.split("#")[0].strip() for line in nginx_config().splitlines()}
    shown = [line.split("#")[0].strip() for line in block.splitlines()]
    assert [line for line in shown if line and line not in written] == []
