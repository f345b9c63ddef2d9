"""`datacites run` and `datacites build` as real processes: a server, a fresh virtual env."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest
from streamlit.web.server.app_discovery import discover_asgi_app

from datacites_proto.app import dev_reload
from datacites_proto.blueprint.loader import load_blueprint
from tests.conftest import REPO, datacites_script
from tests.support.apptest import app_for

EXAMPLE = REPO / "examples" / "coeur_de_ville"
CONTRACT_DIR = REPO / "tests" / "blueprints" / "contract"
TITLE = "Cœur de ville vivant"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".datacites", "__pycache__"))
    return target


def wait_healthy(url: str, process: subprocess.Popen[str], timeout: float = 60) -> float:
    """Seconds until `/_stcore/health` said ok; fails if the server stops or never answers."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"the server stopped ({process.returncode}):\n{out}\n{err}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer its health check within {timeout} s")


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, answer.read().decode("utf-8", "replace")


def listening_addresses(port: int) -> set[str]:
    """The IPv4/IPv6 addresses a LISTEN socket of `port` is bound to (Linux /proc)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def stop(process: subprocess.Popen[str], sig: int = signal.SIGINT) -> tuple[str, str]:
    process.send_signal(sig)
    try:
        return process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        pytest.fail(f"datacites run did not stop after the signal:\n{out}\n{err}")


def break_a_reference(blueprint: Path) -> None:
    """Name an unknown indicator in the example's own file (its indicators live in a fragment)."""
    text = blueprint.read_text()
    assert "success_indicators: [passages," in text
    blueprint.write_text(
        text.replace("success_indicators: [passages,", "success_indicators: [pasages,")
    )


def read_available(process: subprocess.Popen[str], until: str, timeout: float = 30) -> str:
    """What the process printed so far, waiting until `until` appears (or the timeout)."""
    assert process.stdout is not None
    fd = process.stdout.fileno()  # read below the text wrapper, which has buffered nothing yet
    os.set_blocking(fd, False)
    seen = b""
    deadline = time.monotonic() + timeout
    try:
        while until.encode() not in seen and time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                chunk = None
            if chunk:
                seen += chunk
            elif chunk == b"" or process.poll() is not None:
                break
            else:
                time.sleep(0.1)
    finally:
        os.set_blocking(fd, True)
    return seen.decode("utf-8", "replace")


def start_run(project: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(datacites_script()), "run", str(project), "--port", str(port), "--no-browser", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DATACITES_LANG": "fr"},
    )


# ------------------------------------------------------------------ datacites run


def test_run_serves_on_loopback_then_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "coeur_de_ville")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = start_run(project, port)
    try:
        wait_healthy(url, process)
        # `datacites run` polls the same endpoint: let it see the server up before Ctrl-C
        printed = read_available(process, f"Le service est prêt : {url}")
        status, body = get(url + "/")
        assert status == 200 and "<html" in body.lower()
        addresses = listening_addresses(port)
        if addresses:  # 0100007F is 127.0.0.1: nothing listens on another interface
            assert addresses == {"0100007F"}, addresses
    finally:
        out, err = stop(process)
    out = printed + out
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert f"Le service est prêt : {url}" in out
    assert "Service arrêté." in out
    with socket.socket() as sock:  # the Streamlit child is gone with it
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_run_refuses_an_invalid_blueprint_without_starting(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "coeur_de_ville")
    blueprint = project / "blueprint.yaml"
    break_a_reference(blueprint)
    port = free_port()
    process = start_run(project, port)
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        stop(process)
        pytest.fail("datacites run started a server for an invalid blueprint")
    assert process.returncode == 1
    assert "blueprint.yaml:" in err and "pasages" in err  # located: file:line:column
    assert "Démarrage" not in out
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_run_force_serves_an_invalid_blueprint_to_show_its_problems(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "coeur_de_ville")
    blueprint = project / "blueprint.yaml"
    break_a_reference(blueprint)
    port = free_port()
    process = start_run(project, port, "--force")
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process)
    finally:
        _out, err = stop(process)
    assert process.returncode == 0
    assert "blueprint.yaml:" in err


def test_run_says_when_the_port_is_taken(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("--lang", "en", "run", EXAMPLE, "--port", port, "--no-browser")
    assert result.code == 1
    assert f"Port {port} of 127.0.0.1 is already taken" in result.err


# ------------------------------------------------------------------ dev reload


def test_run_and_build_bound_websocket_messages_and_uploads() -> None:
    """Streamlit's 200 MB let three 180 MB frames add 400 MB to the server (issue 11)."""
    from datacites_proto.cli.build import STREAMLIT_CONFIG
    from datacites_proto.cli.run import SERVED, streamlit_command

    server = tomllib.loads(STREAMLIT_CONFIG)["server"]
    assert 16 <= server["maxMessageSize"] <= 32  # MB: a 100,000-row table, not more
    assert server["maxUploadSize"] <= 1  # MB: no view takes a file
    command = streamlit_command(SERVED, "127.0.0.1", 8501)
    assert f"--server.maxMessageSize={server['maxMessageSize']}" in command
    assert f"--server.maxUploadSize={server['maxUploadSize']}" in command


def test_run_and_build_leave_garbage_collection_to_python() -> None:
    """A full collection after every script run held the GIL for every visitor (issue 17)."""
    from datacites_proto.cli.build import STREAMLIT_CONFIG
    from datacites_proto.cli.run import SERVED, streamlit_command

    assert tomllib.loads(STREAMLIT_CONFIG)["runner"]["postScriptGC"] is False
    assert "--runner.postScriptGC=false" in streamlit_command(SERVED, "127.0.0.1", 8501)


def test_reload_decision_follows_the_blueprint_and_its_data(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "coeur_de_ville")
    path = project / "blueprint.yaml"
    blueprint = load_blueprint(path)
    seen = dev_reload.current_stamps(path, blueprint)
    assert not dev_reload.needs_reload(path, blueprint, seen)
    path.write_text(path.read_text().replace(TITLE, "Centre-ville"))
    assert dev_reload.needs_reload(path, blueprint, seen)
    seen = dev_reload.current_stamps(path, blueprint)
    data = project / "data" / "sites.csv"
    data.write_text(data.read_text() + "\n")
    assert dev_reload.needs_reload(path, blueprint, seen)


def test_the_watcher_runs_only_under_datacites_run_and_the_app_rebuilds_its_blueprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "coeur_de_ville")
    path = project / "blueprint.yaml"
    monkeypatch.delenv(dev_reload.ENV, raising=False)
    at = app_for(path)
    at.run()
    assert not at.exception
    assert dev_reload.SEEN_KEY not in at.session_state  # a built service never polls

    monkeypatch.setenv(dev_reload.ENV, "1")
    at = app_for(path)
    at.run()
    assert not at.exception
    before = at.session_state[dev_reload.SEEN_KEY]
    assert f"**{TITLE}**" in [m.value for m in at.sidebar.markdown]
    path.write_text(path.read_text().replace(f"title: {TITLE}", "title: Centre-ville rechargé"))
    at.run()  # what the watcher's st.rerun(scope="app") triggers in a browser
    assert not at.exception
    assert "**Centre-ville rechargé**" in [m.value for m in at.sidebar.markdown]
    assert at.session_state[dev_reload.SEEN_KEY] != before


@pytest.mark.browser
# ------------------------------------------------------------------ datacites build


def read_requirements(folder: Path) -> list[str]:
    lines = (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_build_writes_a_self_contained_folder(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(EXAMPLE, tmp_path / "coeur_de_ville")
    # Secrets, environments and downloaded copies of the project.
    (project / ".env").write_text("PG_URL=postgresql://secret\n")
    (project / ".streamlit").mkdir()
    (project / ".streamlit" / "secrets.toml").write_text('password = "secret"\n')
    (project / ".venv" / "lib").mkdir(parents=True)
    (project / ".venv" / "lib" / "x.py").write_text("")
    download = project / ".datacites" / "cache" / "downloads" / "datagouv" / "bornes--abc"
    download.mkdir(parents=True)
    (download / "bornes.csv").write_text("id\n1\n")
    (download / ".download.json").write_text('{"file": "bornes.csv"}')
    out = tmp_path / "dist"

    result = cli("build", project, "-o", out)
    assert result.code == 0, result.output
    assert "Service écrit dans" in result.out

    for name in ("blueprint.yaml", "app.py", "README.md", "requirements.txt"):
        assert (out / name).is_file(), name
    for name in ("sites.csv", "channels.csv", "measures.parquet", "vacance.csv"):
        assert (out / "data" / name).read_bytes() == (project / "data" / name).read_bytes()
    assert (out / download.relative_to(project) / "bornes.csv").is_file()
    assert (out / download.relative_to(project) / ".download.json").is_file()
    assert not (out / ".env").exists()
    assert not (out / ".streamlit" / "secrets.toml").exists()
    assert not (out / ".venv").exists()
    assert not list(out.rglob("*.duckdb"))
    assert "generate.py" not in {p.name for p in out.iterdir()}

    page = (out / "page.py").read_text()
    assert len(page.strip().splitlines()) == 3
    assert 'run(Path(__file__).parent / "blueprint.yaml")' in page
    # app.py is the st.App `streamlit run` serves: page.py, warmed up before it listens.
    found = discover_asgi_app(out / "app.py")
    assert found.is_asgi_app and found.import_string is not None
    assert 'lifespan=lifespan_for(HERE / "blueprint.yaml")' in (out / "app.py").read_text()

    config = tomllib.loads((out / ".streamlit" / "config.toml").read_text())
    assert config["server"]["headless"] is True
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["fileWatcherType"] == "none"
    assert config["server"]["runOnSave"] is False
    assert config["server"]["maxUploadSize"] <= 10
    assert config["server"]["maxMessageSize"] <= 32
    assert "address" not in config["server"]  # left to the deployer, with a comment
    assert '# address = "127.0.0.1"' in (out / ".streamlit" / "config.toml").read_text()
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "minimal"  # no English menu, no Deploy

    requirements = read_requirements(out)
    wheel = requirements[0]
    assert wheel.startswith("./wheels/datacites_proto-") and wheel.endswith(".whl")
    assert (out / wheel).is_file()
    assert f"streamlit=={metadata.version('streamlit')}" in requirements
    assert f"pandas=={metadata.version('pandas')}" in requirements
    assert all("==" in line for line in requirements[1:])
    assert not any(line.startswith(("pytest", "ruff", "hatchling")) for line in requirements)

    readme = (out / "README.md").read_text()
    assert TITLE in readme
    assert (
        "python -m venv .venv && .venv/bin/pip install -r requirements.txt "
        "&& .venv/bin/streamlit run app.py"
    ) in readme

    # Twice without --force: refused, nothing touched; with --force: rebuilt.
    again = cli("build", project, "-o", out)
    assert again.code == 1
    assert "n'est pas vide" in again.err and "--force" in again.err
    assert cli("build", project, "-o", out, "--force").code == 0
    assert (out / "blueprint.yaml").is_file()


def test_build_copies_agreements_and_geojson_layers(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(CONTRACT_DIR, tmp_path / "contract")
    (project / "fragments").mkdir()
    (project / "fragments" / "extra.yaml").write_text(
        "include: [more.yaml]\nrelations: []\n", encoding="utf-8"
    )
    (project / "fragments" / "more.yaml").write_text("relations: []\n", encoding="utf-8")
    blueprint = project / "blueprint.yaml"
    text = blueprint.read_text()
    assert "\ninclude:" not in text
    blueprint.write_text(text + "\ninclude: [fragments/extra.yaml]\n")
    out = tmp_path / "dist"
    result = cli("build", project, "-o", out)
    assert result.code == 0, result.output
    assert (out / "agreements" / "flux-vision.yaml").is_file()
    assert (out / "data" / "iris.geojson").is_file()
    assert (out / "fragments" / "extra.yaml").is_file()
    assert (out / "fragments" / "more.yaml").is_file()


def test_build_refuses_invalid_blueprints_and_the_project_folder(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(EXAMPLE, tmp_path / "coeur_de_ville")
    result = cli("--lang", "en", "build", project, "-o", project)
    assert result.code == 1
    assert "is the project's folder" in result.err
    blueprint = project / "blueprint.yaml"
    break_a_reference(blueprint)
    result = cli("build", project, "-o", tmp_path / "dist")
    assert result.code == 1
    assert "blueprint.yaml:" in result.err
    assert not (tmp_path / "dist").exists()


VENV_CHECK = """\
import json, sys, time
from streamlit.testing.v1 import AppTest
started = time.perf_counter()
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.run()
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "exceptions": [e.value for e in at.exception],
    "errors": [e.value for e in at.error],
    "titles": [t.value for t in at.title],
    "sidebar": [m.value for m in at.sidebar.markdown],
}))
"""


@pytest.mark.slow
def test_built_service_installs_in_a_fresh_venv_and_serves(
    tmp_path: Path, cli, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(EXAMPLE, tmp_path / "coeur_de_ville")
    out = tmp_path / "service"
    started = time.monotonic()
    assert cli("build", project, "-o", out).code == 0
    build_seconds = time.monotonic() - started

    # What the README says, from the built folder alone (pip's cache makes it quick).
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", ".venv"], cwd=out, check=True, timeout=120)
    bin_dir = out / ".venv" / "bin"
    install = subprocess.run(
        [str(bin_dir / "pip"), "install", "--quiet", "-r", "requirements.txt"],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert install.returncode == 0, install.stderr[-3000:]
    install_seconds = time.monotonic() - started
    shown = subprocess.run(
        [str(bin_dir / "pip"), "show", "datacites-proto"], capture_output=True, text=True
    )
    assert f"Location: {out / '.venv'}" in shown.stdout  # not this checkout's package

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(bin_dir / "streamlit"),
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=out,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("DATACITES_")},
    )
    try:
        health_seconds = wait_healthy(url, server)
        # Healthy only once warm: the embedded database was built before the first visit.
        assert list(out.glob(".datacites/cache/*.duckdb"))
        status, _body = get(url + "/")
        assert status == 200
        (tmp_path / "check.py").write_text(VENV_CHECK)
        check = subprocess.run(
            [str(bin_dir / "python"), str(tmp_path / "check.py"), str(out / "page.py")],
            cwd=out,
            capture_output=True,
            text=True,
            timeout=300,
            env={k: v for k, v in os.environ.items() if not k.startswith("DATACITES_")},
        )
        assert check.returncode == 0, check.stderr[-3000:]
        page = json.loads(check.stdout.strip().splitlines()[-1])
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    assert page["exceptions"] == [] and page["errors"] == []
    assert f"**{TITLE}**" in page["sidebar"]
    assert page["titles"][:1] == ["Fréquentation"]
    with capsys.disabled():
        print(
            f"\n[build {build_seconds:.1f} s · fresh venv install {install_seconds:.1f} s · "
            f"health ok {health_seconds:.1f} s · first render {page['seconds']:.1f} s]"
        )
