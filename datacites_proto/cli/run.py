"""`datacites run PATH`: serve a blueprint with Streamlit, reloading when its files change."""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import webbrowser
from pathlib import Path
from typing import Annotated

import typer

import datacites_proto
from datacites_proto.app.client_address import TRUSTED_PROXIES_ENV, UVICORN_ENV
from datacites_proto.app.launch import BLUEPRINT_ENV
from datacites_proto.blueprint import clock
from datacites_proto.blueprint.checks.governance import expiry_problems
from datacites_proto.blueprint.loader import LoadResult, inspect_blueprint
from datacites_proto.cli import server_limits
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import print_problems, say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.errors import CodedError
from datacites_proto.i18n import resolve_lang

SERVED = Path(datacites_proto.__file__).parent / "app" / "served.py"  # st.App over script.py
DEV_RELOAD_ENV = "DATACITES_DEV_RELOAD"  # read by app/dev_reload.py
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0


def checked_blueprint(
    state: CliState, path: Path, *, force: bool = False
) -> tuple[LoadResult, str]:
    """Validate PATH, print its problems; exit 1 when invalid (unless `force`)."""
    result = inspect_blueprint(find_blueprint(path), lang=state.lang)
    lang = resolve_lang(state.lang, result.lang)
    if result.blueprint is not None:
        # An ended agreement fails `validate`; the service still runs (for its team), warned.
        try:
            ends = expiry_problems(result.blueprint, today=clock.today())
        except CodedError:
            ends = []  # the pages say what is wrong with DATACITES_TODAY
        result.warnings.extend(p.at(severity="warning") for p in ends)
    print_problems([*result.problems, *result.warnings], lang, err=True)
    if not result.ok:
        say(
            "cli_invalid",
            lang,
            style="bold red",
            err=True,
            path=result.display,
            count=len(result.problems),
        )
        if not force:
            raise typer.Exit(1)
    return result, lang


def streamlit_command(script: Path, host: str, port: int) -> list[str]:
    """`streamlit run` with the development settings given as options (they win over files).

    `script` is app/served.py: an `st.App` that readies the app for its first visitor
    before the server listens; app/launch.py starts it as `streamlit run` does.
    """
    return [
        sys.executable,
        "-m",
        "datacites_proto.app.launch",
        "run",
        str(script),
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        f"--server.address={host}",
        f"--server.port={port}",
        # We reload on our own (app/dev_reload.py), watching the blueprint and its data,
        # which Streamlit's watcher does not know about.
        "--server.fileWatcherType=none",
        "--server.runOnSave=false",
        "--logger.hideWelcomeMessage=true",  # we print the address ourselves, translated
        # No "Deploy" button and no English menu (Rerun, Settings, Print): citizens test this page.
        "--client.toolbarMode=minimal",
        # Streamlit runs a full garbage collection after every script run, holding the GIL:
        # with many visitors it was two thirds of the server's Python time (issue 17).
        "--runner.postScriptGC=false",
        *server_limits.command_options(),  # the built service's size limits (issue 11)
    ]


def local_url(host: str, port: int) -> str:
    """The address to open in a browser on this machine."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def can_open_browser() -> bool:
    """False on a Linux machine without a display, where only a text browser would start."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def healthy(url: str, timeout: float = 1.0) -> bool:
    """True once Streamlit answers `ok` on its health endpoint."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


def wait_until_ready(proc: subprocess.Popen[bytes], url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if healthy(url):
            return True
        time.sleep(0.15)
    return False


def _die_with_parent() -> None:
    """In the child, on Linux: be stopped if `datacites run` is killed without a word."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _wait(proc: subprocess.Popen[bytes], interrupted: threading.Event) -> int:
    """Streamlit's exit code; killed if it has not stopped some time after a signal."""
    deadline: float | None = None
    while True:
        try:
            return proc.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            if not interrupted.is_set():
                continue
            deadline = deadline or time.monotonic() + STOP_TIMEOUT
            if time.monotonic() > deadline:
                proc.kill()  # it did not stop after the signal: do not leave it behind


def serve(
    blueprint: Path,
    *,
    host: str,
    port: int,
    lang: str,
    title: str,
    open_browser: bool,
    dev_reload: bool = True,
) -> int:
    """Run Streamlit until it stops or we are interrupted; Streamlit's exit code, or 0."""
    env = {**os.environ, BLUEPRINT_ENV: str(blueprint.resolve())}
    if dev_reload:
        env[DEV_RELOAD_ENV] = "1"
    else:
        env.pop(DEV_RELOAD_ENV, None)
    url = local_url(host, port)
    interrupted = threading.Event()
    # Its own process group: a Ctrl-C in the terminal reaches us alone, and we pass it
    # on exactly once (Streamlit stops cleanly on SIGINT; a second one could cut it short).
    proc = subprocess.Popen(
        streamlit_command(SERVED, host, port),
        env=env,
        cwd=blueprint.resolve().parent,
        stdin=subprocess.DEVNULL,
        **({"process_group": 0} if os.name == "posix" else {}),
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )

    def forward(signum: int, _frame: object) -> None:
        interrupted.set()
        if proc.poll() is None:
            proc.send_signal(signum)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        say("cli_run_starting", lang, title=title, path=str(blueprint))
        if wait_until_ready(proc, url, READY_TIMEOUT):
            say("cli_run_ready", lang, style="bold green", url=url)
            if dev_reload:
                say("cli_run_reloading", lang)
            if not is_loopback(host):
                say("cli_run_exposed", lang, style="yellow", host=host)
            if open_browser and can_open_browser():
                webbrowser.open(url)
        elif proc.poll() is None and not interrupted.is_set():
            say("cli_run_slow", lang, style="yellow", url=url, seconds=int(READY_TIMEOUT))
        code = _wait(proc, interrupted)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if interrupted.is_set():
        say("cli_run_stopped", lang)
        return 0
    return code


def _trust_proxies(values: list[str], lang: str) -> None:
    """--trusted-proxy wins over DATACITES_TRUSTED_PROXIES; the server inherits it."""
    for value in values:
        try:
            ipaddress.ip_network(value.strip(), strict=False)
        except ValueError:
            say("cli_run_bad_proxy", lang, style="bold red", err=True, value=value)
            raise typer.Exit(2) from None
    if values:
        os.environ[TRUSTED_PROXIES_ENV] = ",".join(v.strip() for v in values)
    # uvicorn believes X-Forwarded-For from loopback by default: not at all here, so that
    # only DATACITES_TRUSTED_PROXIES decides (app/client_address.py).
    os.environ[UVICORN_ENV] = ""
    proxies = os.environ.get(TRUSTED_PROXIES_ENV, "").strip()
    if proxies:
        say("cli_run_trusted_proxy", lang, proxies=proxies)


def run(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; 127.0.0.1 keeps the service on this machine."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8501,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the service in a browser.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Start even if the blueprint is invalid: the app shows its problems."
        ),
    ] = False,
    reload: Annotated[
        bool,
        typer.Option(
            "--reload/--no-reload",
            help="Reload the open page when the blueprint or its data change.",
        ),
    ] = True,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            "--trusted-proxy",
            help="Address or network of a reverse proxy whose X-Forwarded-For is believed "
            "(repeatable; default: DATACITES_TRUSTED_PROXIES, else none).",
        ),
    ] = None,
) -> None:
    """Serve the blueprint in the browser; the page reloads when the blueprint or its data change."""
    state: CliState = ctx.obj
    result, lang = checked_blueprint(state, path, force=force)
    if not port_free(host, port):
        say("cli_run_port_busy", lang, style="bold red", err=True, host=host, port=port)
        raise typer.Exit(1)
    title = result.blueprint.service.title if result.blueprint else result.display
    _trust_proxies(trusted_proxy or [], lang)
    if result.blueprint is not None:
        from datacites_proto.app.auth import needs_sign_in
        from datacites_proto.cli.team import say_setup_hint

        say_setup_hint(result.path, needs_sign_in(result.blueprint), lang)
    code = serve(
        result.path,
        host=host,
        port=port,
        lang=lang,
        title=title,
        open_browser=not no_browser,
        dev_reload=reload,
    )
    raise typer.Exit(code)
