"""Benchmark the generated app against a hand-written pandas Streamlit app, in a browser.

The footfall example (`examples/coeur_de_ville`: its blueprint, its generator) at 1 M and
10 M rows of hourly counts, stored as Parquet, is served two ways, each server in its own
process, one after the other, and driven by headless Chromium through Playwright:

- datacites: `datacites run PROJECT --no-reload` with DATACITES_BASEMAP=none;
- hand-written: `streamlit run benchmarks/handwritten_app.py` — `st.cache_data` on the
  Parquet read and the merges, then pandas filters and group-bys at every rerun.

For each it measures the time from the server's start to its first answer to the
health check (`datacites run` answers once the first page is ready), the first page
render (from `page.goto` to the app idle with both metric values and the deck canvas on
the page), cold (the first after the server answers, the embedded database already
built) and warm (new browser sessions afterwards); the
rerun after a filter change (median over filter states that are all different, so that
every rerun computes something new in both apps); the deck JSON the server sends for the
map (decoded from the WebSocket frames); and the server process's peak memory (VmHWM).
It prints every figure, the ratios, and the targets at the largest size:

    python benchmarks/bench_app.py                  # 1 M and 10 M rows, about 5 minutes
    python benchmarks/bench_app.py --sizes 1000000  # quicker
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from footfall_data import generate_parquet

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
EXAMPLE = REPO / "examples" / "coeur_de_ville"
HANDWRITTEN = HERE / "handwritten_app.py"
APPS = ("datacites", "handwritten")

CHROMIUM_ARGS = [  # as tests/e2e/conftest.py
    "--no-sandbox",
    "--use-angle=swiftshader",  # WebGL without a GPU, for the maps
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PERIOD_LABEL, PLACES_LABEL = "Période", "Lieu"
DEFAULT_PRESET = "90 derniers jours"
# Visited in this order by the reruns; the places are added one at a time.
PRESETS = [
    "30 derniers jours",
    "7 derniers jours",
    "12 derniers mois",
    "Toute la période",
    "90 derniers jours",
]
PLACES = ["Gare", "Halles", "Rue Savary", "Place Hervo"]

# Installed in every page before its scripts: a log of the script-state changes of the
# app and of the mouse presses, both stamped with the page's clock (performance.now()).
PAGE_LOG = """
window.__states = [];
window.__presses = [];
new MutationObserver((records) => {
  for (const r of records) {
    window.__states.push([r.target.getAttribute('data-test-script-state'), performance.now()]);
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
document.addEventListener('mousedown', (e) => window.__presses.push(e.timeStamp), true);
"""
RENDERED = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const values = [...document.querySelectorAll("[data-testid='stMetricValue']")];
  return app !== null
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && values.length >= 2 && values.every((v) => v.textContent.trim() !== '')
    && document.querySelector("[data-testid='stDeckGlJsonChart'] canvas") !== null;
}"""
# A rerun that started after the `n` first state changes has ended.
RERUN_DONE = """(n) => {
  const s = window.__states.slice(n);
  const start = s.findIndex((x) => x[0] === 'running');
  return start >= 0 && s.slice(start + 1).some((x) => x[0] === 'notRunning');
}"""
RERUN_TIME = """(n) => {
  const s = window.__states.slice(n);
  const start = s.findIndex((x) => x[0] === 'running');
  const end = s.slice(start + 1).find((x) => x[0] === 'notRunning')[1];
  const press = window.__presses.filter((t) => t <= s[start][1]).at(-1);
  return (end - press) / 1000;
}"""


# Data ------------------------------------------------------------------------------------


def project_dir(rows: int) -> Path:
    """The example's blueprint over `rows` generated rows (generated once)."""
    folder = DATA / f"app_rows_{rows}"
    if not (folder / "data" / "measures.parquet").exists():
        generate_parquet(rows, folder / "data")
    # The example's blueprint as it is today: its paths (data/…) hold in the copy too.
    shutil.copy(EXAMPLE / "blueprint.yaml", folder / "blueprint.yaml")
    return folder


def worker_load(folder: Path) -> float:
    """Build the embedded database anew, as the first `datacites run` would (timed)."""
    from datacites_proto.blueprint.loader import load_blueprint
    from datacites_proto.engine.loading import cache_path
    from datacites_proto.engine.service import Service

    blueprint = load_blueprint(folder / "blueprint.yaml")
    cache_path(folder, blueprint.service.id).unlink(missing_ok=True)
    start = time.perf_counter()
    with Service.from_blueprint(blueprint) as service:
        for dataset in blueprint.datasets:
            service.table(dataset)
        for dataset in blueprint.datasets:
            service.rollup(dataset)  # kept in the database, as any earlier run leaves it
    return time.perf_counter() - start


def build_database(folder: Path) -> float:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", "load", "--folder", str(folder)],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    return float(proc.stdout.strip().splitlines()[-1])


# Servers ---------------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    process: subprocess.Popen  # type: ignore[type-arg]
    streamlit_pid: int  # the Streamlit process (`datacites run` starts it as its child)
    log: Path
    ready: float  # seconds from the command's start to the health check's first "ok"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def peak_mb(pid: int) -> float:
    """A process's peak resident memory (VmHWM: its own, unlike ru_maxrss), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def command(kind: str, folder: Path, port: int) -> list[str]:
    if kind == "datacites":
        cli = Path(sys.executable).parent / "datacites"
        return [str(cli), "run", str(folder), "--port", str(port), "--no-browser", "--no-reload"]
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(HANDWRITTEN),
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.fileWatcherType=none",
        "--",
        str(folder / "data"),
    ]


@contextmanager
def serve(kind: str, folder: Path) -> Iterator[Server]:
    """One app's server, on a free port of 127.0.0.1, until the block ends."""
    port = free_port()
    log = folder / f"{kind}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            command(kind, folder, port),
            cwd=folder,
            env={**os.environ, "DATACITES_BASEMAP": "none"},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{kind} stopped:\n{log.read_text()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{kind} did not answer on {url}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.read().strip() == b"ok":
                        ready = time.perf_counter() - started
                        break
            except OSError:
                time.sleep(0.2)
        pid = process.pid
        if kind == "datacites":
            pid = next(iter(children(process.pid)), 0)
            if not pid:
                raise RuntimeError("the Streamlit child of `datacites run` was not found")
        yield Server(url, process, pid, log, ready)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# Browser ---------------------------------------------------------------------------------


@dataclass
class Figures:
    ready: float = 0.0  # server start until it answers
    cold: float = 0.0
    warm: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    deck_json: int = 0  # bytes of the deck's JSON
    deck_frame: int = 0  # bytes of the WebSocket frame(s) carrying it
    page_bytes: int = 0  # every WebSocket frame of the first render
    peak_mb: float = 0.0
    kpis: dict[str, list[str]] = field(default_factory=dict)  # state -> metric values
    runs_first: int = 0  # script runs seen during the first render


def deck_sizes(frames: list[bytes]) -> tuple[int, int]:
    """(JSON bytes, frame bytes) of the deck.gl charts among ForwardMsg frames."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    json_bytes = frame_bytes = 0
    for payload in frames:
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # not a ForwardMsg
            continue
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            continue
        element = msg.delta.new_element
        if element.WhichOneof("type") == "deck_gl_json_chart":
            json_bytes += len(element.deck_gl_json_chart.json.encode())
            frame_bytes += len(payload)
    return json_bytes, frame_bytes


def metric_values(page: Any) -> list[str]:
    return page.locator("[data-testid='stMetricValue']").all_inner_texts()


def open_page(browser: Any, url: str, timeout_ms: float, frames: list[bytes] | None = None):  # type: ignore[no-untyped-def]
    """A fresh browser session on the app: (context, page, seconds until rendered)."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.add_init_script(PAGE_LOG)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    if frames is not None:
        page.on(
            "websocket",
            lambda ws: ws.on(
                "framereceived",
                lambda payload: frames.append(
                    payload if isinstance(payload, bytes) else payload.encode()
                ),
            ),
        )
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(RENDERED, timeout=timeout_ms)
    return context, page, time.perf_counter() - start


def choose(page: Any, label: str, option: str, timeout_ms: float) -> float:
    """Pick `option` in the sidebar control `label`; seconds from the press to idle."""
    testid = "stSelectbox" if label == PERIOD_LABEL else "stMultiSelect"
    seen = page.evaluate("window.__states.length")
    # The text field itself: the control's middle can be a chosen place's « × ».
    page.locator(f"[data-testid='stSidebar'] [data-testid='{testid}']").filter(
        has_text=label
    ).locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function(RERUN_DONE, arg=seen, timeout=timeout_ms)
    seconds = page.evaluate(RERUN_TIME, seen)
    if testid == "stMultiSelect":
        page.keyboard.press("Escape")  # the list stays open after a choice
    page.wait_for_function(RENDERED, timeout=timeout_ms)
    return seconds


def rerun_steps(count: int) -> list[tuple[str, str]]:
    """`count` filter changes, each to a state not seen before (period × places)."""
    preset, places = DEFAULT_PRESET, ()
    seen = {(preset, places)}
    steps: list[tuple[str, str]] = []
    extra = iter(PLACES)
    while len(steps) < count:
        for p in PRESETS:
            if (p, places) not in seen and len(steps) < count:
                steps.append((PERIOD_LABEL, p))
                preset = p
                seen.add((preset, places))
        if len(steps) < count:
            place = next(extra)
            places = (*places, place)
            steps.append((PLACES_LABEL, place))
            seen.add((preset, places))
    return steps


def state_names(steps: list[tuple[str, str]]) -> list[str]:
    preset, places, names = DEFAULT_PRESET, [], []
    for label, option in steps:
        if label == PERIOD_LABEL:
            preset = option
        else:
            places.append(option)
        names.append(f"{preset} / {', '.join(places) or 'tous'}")
    return names


def measure(browser: Any, server: Server, warm: int, reruns: int, timeout_ms: float) -> Figures:
    fig = Figures(ready=server.ready)
    frames: list[bytes] = []
    context, page, fig.cold = open_page(browser, server.url, timeout_ms, frames)
    fig.runs_first = page.evaluate("window.__states.filter((s) => s[0] === 'running').length")
    fig.deck_json, fig.deck_frame = deck_sizes(frames)
    fig.page_bytes = sum(len(f) for f in frames)
    fig.kpis[f"{DEFAULT_PRESET} / tous"] = metric_values(page)
    context.close()
    for _ in range(warm):
        context, page, seconds = open_page(browser, server.url, timeout_ms)
        fig.warm.append(seconds)
        context.close()
    context, page, _ = open_page(browser, server.url, timeout_ms)
    steps = rerun_steps(reruns)
    for (label, option), name in zip(steps, state_names(steps), strict=True):
        fig.reruns.append(choose(page, label, option, timeout_ms))
        fig.kpis[name] = metric_values(page)
    context.close()
    fig.peak_mb = peak_mb(server.streamlit_pid)
    return fig


# Report ----------------------------------------------------------------------------------


def size(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def report(rows: int, load: float, results: dict[str, Figures], reruns: dict[str, int]) -> None:
    d, h = results["datacites"], results["handwritten"]
    print(f"\n=== {rows:,} rows — one-off load into the embedded database: {load:.2f} s")
    print(f"{'':42} {'datacites':>11} {'hand-written':>13} {'hand/datacites':>15}")

    def line(name: str, a: float, b: float, unit: str = "s") -> None:
        cells = (f"{a:9.2f} s", f"{b:11.2f} s") if unit == "s" else (size(a), size(b))
        print(f"{name:42} {cells[0]:>11} {cells[1]:>13} {b / a:14.1f}x")

    line("server start until it answers", d.ready, h.ready)
    line("first render, cold (server just started)", d.cold, h.cold)
    line(
        f"first render, warm (median of {len(d.warm)}/{len(h.warm)})",
        statistics.median(d.warm),
        statistics.median(h.warm),
    )
    line(
        f"rerun after a filter change (median of {reruns['datacites']}/{reruns['handwritten']})",
        statistics.median(d.reruns),
        statistics.median(h.reruns),
    )
    print(
        f"{'  reruns min … max':42} {min(d.reruns):5.2f}…{max(d.reruns):4.2f} "
        f"{min(h.reruns):7.2f}…{max(h.reruns):5.2f}"
    )
    line("map: deck JSON sent", d.deck_json, h.deck_json, unit="B")
    line("map: its WebSocket frame", d.deck_frame, h.deck_frame, unit="B")
    line("first render: all WebSocket frames", d.page_bytes, h.page_bytes, unit="B")
    print(
        f"{'server peak memory (VmHWM)':42} {d.peak_mb:8.0f} MB {h.peak_mb:10.0f} MB "
        f"{h.peak_mb / d.peak_mb:14.1f}x"
    )
    differ = [
        s
        for s in h.kpis
        if s in d.kpis and [_digits(v) for v in d.kpis[s]] != [_digits(v) for v in h.kpis[s]]
    ]
    same = sum(1 for s in h.kpis if s in d.kpis) - len(differ)
    print(
        f"check: the two apps show the same KPI values in {same} of {same + len(differ)} states"
        + (f"; they differ in: {'; '.join(differ)}" if differ else "")
    )


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def targets(rows: int, results: dict[str, Figures]) -> None:
    d, h = results["datacites"], results["handwritten"]
    first = statistics.median(d.warm)
    speedup = statistics.median(h.reruns) / statistics.median(d.reruns)
    verdict = {True: "met", False: "NOT met"}
    print(f"\ntargets at {rows:,} rows:")
    print(
        f"  first render {first:.2f} s warm, {d.cold:.2f} s cold (target < 3 s): "
        f"{verdict[first < 3]} warm, {verdict[d.cold < 3]} cold"
    )
    print(
        f"  filter rerun {speedup:.1f}x faster than hand-written (target >= 5): {verdict[speedup >= 5]}"
    )
    print(f"  map payload {size(d.deck_json)} (target < 2 MB): {verdict[d.deck_json < 2e6]}")


# Main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--warm", type=int, default=3, help="warm first renders per app")
    parser.add_argument("--reruns", type=int, default=20, help="filter changes per app")
    parser.add_argument(
        "--slow-reruns",
        type=int,
        default=20,
        help="filter changes of the hand-written app at 10 M rows and more",
    )
    parser.add_argument("--worker", choices=["load"])
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.worker:
        print(worker_load(args.folder))
        return
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        print(
            f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
            f"Chromium {browser.version}"
        )
        results: dict[str, Figures] = {}
        for rows in args.sizes:
            folder = project_dir(rows)
            load = build_database(folder)
            reruns = {
                "datacites": args.reruns,
                "handwritten": args.slow_reruns if rows >= 10_000_000 else args.reruns,
            }
            results = {}
            for kind in APPS:
                begun = time.perf_counter()
                timeout_ms = 180_000  # a step that hangs fails the run instead of stalling it
                with serve(kind, folder) as server:
                    results[kind] = measure(browser, server, args.warm, reruns[kind], timeout_ms)
                print(f"  ({kind}: measured in {time.perf_counter() - begun:.0f} s)", flush=True)
            report(rows, load, results, reruns)
        browser.close()
    targets(args.sizes[-1], results)
    elapsed = time.perf_counter() - started
    print(f"\nwhole run: {elapsed // 60:.0f} min {elapsed % 60:.0f} s")


if __name__ == "__main__":
    main()
