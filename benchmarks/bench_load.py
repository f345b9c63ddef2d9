"""Many visitors at once: N concurrent sessions against one `datacites run` server.

The footfall example (`examples/coeur_de_ville`) over 10 M hourly counts (Parquet) is
served by `datacites run`, a fresh server for each N (1, 10, 50 by default), one after the
other in the same run. Each session speaks Streamlit's own browser protocol (protobuf
over the WebSocket `/_stcore/stream`, as the browser does; 50 Chromium pages on two cores
would measure Chromium): it loads the page over HTTP (for the cookie the app sets),
connects, asks for the first page's run, reads the period and place selectors' ids from
the deltas, then changes the filters again and again, each time to one of 50 states
(5 periods × 10 place choices) drawn at random, waiting a short random think time
between reruns. A rerun is timed from the sending of its widget states to the server's
`script_finished`. Errors are an exception element, a view that says it failed, a
`script_finished` that is not a success, a closed socket or a timeout.

For each N it prints the p50/p95/p99 rerun time (all reruns, and split into reruns of a
state this server had not yet been asked for — its queries run — and of a state it had),
the first run's time, errors, reruns per second, the server's memory (the Streamlit
process's VmHWM, and the RSS of `datacites run` and its children at the end), the
machine's load average, and each N's p95 against N=1's. It checks that every session
got the same KPI values for the same state, whatever N, and the same first page.

    python benchmarks/bench_load.py                    # N = 1, 10, 50; about 6 minutes
    python benchmarks/bench_load.py --sessions 1 10    # quicker
    python benchmarks/bench_load.py --rows 1000000     # a smaller copy
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench_app import DATA, EXAMPLE, Server, children, peak_mb, serve
from footfall_data import generate_parquet

PERIOD_LABEL, PLACES_LABEL = "Période", "Lieu"
PERIODS = 5  # the presets of the period selector, « Personnalisée » left out
# Ten place choices: all places, each of the eight alone, two together.
PLACE_SETS: list[tuple[str, ...]] = [
    (),
    ("Place Charles de Gaulle",),
    ("Rue Savary",),
    ("Rue de la Paix",),
    ("Quai Brizeux",),
    ("Place Hervo",),
    ("Rue Ellé",),
    ("Halles",),
    ("Gare",),
    ("Gare", "Halles"),
]
RERUN_TIMEOUT = 120.0  # seconds: a rerun that takes longer is an error
TARGET_P95 = 1.0  # seconds, at 50 sessions (issue 17)


# Data ------------------------------------------------------------------------------------


def project_dir(rows: int) -> Path:
    """The example's blueprint over `rows` rows, in a folder of its own (its embedded
    database is not shared with bench_app.py's); the data files are linked from
    bench_app.py's or bench_engine.py's copy when there is one, generated otherwise."""
    folder = DATA / f"load_rows_{rows}"
    data = folder / "data"
    if not (data / "measures.parquet").exists():
        data.mkdir(parents=True, exist_ok=True)
        for source in (DATA / f"app_rows_{rows}" / "data", DATA / f"rows_{rows}"):
            names = ("measures.parquet", "sites.csv", "channels.csv", "vacance.csv")
            if all((source / n).exists() for n in names):
                for name in names:
                    (data / name).unlink(missing_ok=True)
                    os.link(source / name, data / name)
                break
        else:
            generate_parquet(rows, data)
    (folder / "blueprint.yaml").write_bytes((EXAMPLE / "blueprint.yaml").read_bytes())
    return folder


# Memory and load -------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    """Resident memory of `pid` and all its descendants, in MB."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        stack += children(current)
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# The protocol client ---------------------------------------------------------------------


@dataclass
class Run:
    """What one script run sent back."""

    seconds: float
    status: str  # "ok", or what went wrong
    metrics: tuple[str, ...] = ()
    widgets: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # label -> id, options


@dataclass
class SessionLog:
    first: Run | None = None
    reruns: list[tuple[str, bool, Run]] = field(default_factory=list)  # state, cold, run
    failure: str = ""  # what ended the session early


class Session:
    """One visitor: a WebSocket speaking Streamlit's protocol, as the browser does."""

    def __init__(self, url: str, view_failed: str) -> None:
        self.url = url
        self.view_failed = view_failed
        self.ws = None
        self.query_string = ""
        self.page_hash = ""

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        cookie = await asyncio.to_thread(_page_cookie, self.url)
        headers = {"Cookie": cookie} if cookie else {}
        self.ws = await connect(
            self.url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers=headers,
            max_size=None,
            open_timeout=RERUN_TIMEOUT,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, widgets: list[object] | None = None) -> Run:
        """Ask for a run with these widget states; read until it finishes."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        state.context_info.timezone = "Europe/Paris"
        state.context_info.locale = "fr-FR"
        state.context_info.url = self.url + "/"
        for widget in widgets or []:
            state.widget_states.widgets.append(widget)  # type: ignore[arg-type]
        started = time.perf_counter()
        assert self.ws is not None
        await self.ws.send(msg.SerializeToString())
        try:
            return await asyncio.wait_for(self._read_run(started), RERUN_TIMEOUT)
        except TimeoutError:
            return Run(time.perf_counter() - started, "timeout")

    async def _read_run(self, started: float) -> Run:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.exceptions import ConnectionClosed

        metrics: list[str] = []
        widgets: dict[str, tuple[str, list[str]]] = {}
        problem = ""
        assert self.ws is not None
        while True:
            try:
                payload = await self.ws.recv()
            except ConnectionClosed as exc:
                return Run(time.perf_counter() - started, f"closed ({exc})")
            fwd = ForwardMsg()
            fwd.ParseFromString(payload)  # type: ignore[arg-type]
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "metric":
                    metrics.append(f"{element.metric.label}={element.metric.body}")
                elif which == "selectbox":
                    widgets[element.selectbox.label] = (
                        element.selectbox.id,
                        list(element.selectbox.options),
                    )
                elif which == "multiselect":
                    widgets[element.multiselect.label] = (
                        element.multiselect.id,
                        list(element.multiselect.options),
                    )
                elif which == "exception":
                    problem = problem or f"exception: {element.exception.message[:200]}"
                elif which == "alert" and self.view_failed in element.alert.body:
                    problem = problem or "a view failed"
            elif kind == "script_finished":
                seconds = time.perf_counter() - started
                status = ForwardMsg.ScriptFinishedStatus.Name(fwd.script_finished)
                if status != "FINISHED_SUCCESSFULLY":
                    problem = problem or status
                return Run(seconds, problem or "ok", tuple(metrics), widgets)


def _page_cookie(url: str) -> str:
    """The cookies the page's HTTP answer sets (the browser sends them with the socket)."""
    with urllib.request.urlopen(url + "/", timeout=RERUN_TIMEOUT) as answer:
        cookies = answer.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


def widget_states(
    ids: dict[str, tuple[str, list[str]]], period: str, places: tuple[str, ...]
) -> list[object]:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    period_state = WidgetState(id=ids[PERIOD_LABEL][0], string_value=period)
    places_state = WidgetState(id=ids[PLACES_LABEL][0])
    places_state.string_array_value.data.extend(places)
    return [period_state, places_state]


def states_of(ids: dict[str, tuple[str, list[str]]]) -> list[tuple[str, tuple[str, ...]]]:
    """The 50 filter states: the first five periods × the ten place choices."""
    periods = ids[PERIOD_LABEL][1][:PERIODS]
    offered = set(ids[PLACES_LABEL][1])
    missing = {p for s in PLACE_SETS for p in s} - offered
    if missing:
        raise RuntimeError(f"places not offered by the app: {sorted(missing)}")
    return [(p, s) for p in periods for s in PLACE_SETS]


def state_name(state: tuple[str, tuple[str, ...]]) -> str:
    return f"{state[0]} / {', '.join(state[1]) or 'tous'}"


async def visitor(
    url: str,
    view_failed: str,
    reruns: int,
    think: tuple[float, float],
    delay: float,
    rng: random.Random,
    asked: set[tuple[str, tuple[str, ...]]],
) -> SessionLog:
    log = SessionLog()
    await asyncio.sleep(delay)
    session = Session(url, view_failed)
    try:
        await session.connect()
        log.first = await session.run()
        if log.first.status != "ok":
            log.failure = f"first run: {log.first.status}"
            return log
        ids = log.first.widgets
        if PERIOD_LABEL not in ids or PLACES_LABEL not in ids:
            log.failure = f"filters not found among {sorted(ids)}"
            return log
        states = states_of(ids)
        for _ in range(reruns):
            await asyncio.sleep(rng.uniform(*think))
            state = rng.choice(states)
            cold = state not in asked
            asked.add(state)
            run = await session.run(widget_states(ids, *state))
            log.reruns.append((state_name(state), cold, run))
            if run.status.startswith(("closed", "timeout")):
                log.failure = run.status
                return log
            ids = {**ids, **run.widgets}
    except Exception as exc:  # a refused connection, a protocol error: the session fails
        log.failure = f"{type(exc).__name__}: {exc}"
    finally:
        with contextlib.suppress(Exception):
            await session.close()
    return log


# One N -----------------------------------------------------------------------------------


@dataclass
class Figures:
    sessions: int
    logs: list[SessionLog]
    seconds: float  # the measurement's wall time
    client_cpu: float  # this process's CPU seconds during it
    peak_mb: float
    rss_mb: float
    load_before: str
    load_after: str

    def runs(self, cold: bool | None = None) -> list[float]:
        return [
            r.seconds
            for log in self.logs
            for _, c, r in log.reruns
            if r.status == "ok" and (cold is None or c == cold)
        ]

    def errors(self) -> list[str]:
        found = [
            f"{name}: {r.status}"
            for log in self.logs
            for name, _, r in log.reruns
            if r.status != "ok"
        ]
        found += [log.failure for log in self.logs if log.failure]
        return found


async def drive(
    server: Server, sessions: int, reruns: int, think: tuple[float, float], ramp: float, seed: int
) -> Figures:
    from datacites_proto.i18n import translate

    view_failed = translate("app_view_failed", "fr")
    asked: set[tuple[str, tuple[str, ...]]] = set()
    load_before = load_average()
    cpu, started = time.process_time(), time.perf_counter()
    logs = await asyncio.gather(
        *(
            visitor(
                server.url,
                view_failed,
                reruns,
                think,
                ramp * i / sessions,
                random.Random(seed * 1000 + i),
                asked,
            )
            for i in range(sessions)
        )
    )
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return Figures(
        sessions,
        list(logs),
        seconds,
        cpu,
        peak_mb(server.streamlit_pid),
        rss_mb(server.process.pid),
        load_before,
        load_average(),
    )


# Report ----------------------------------------------------------------------------------


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if not values:
        return (float("nan"),) * 3  # type: ignore[return-value]
    if len(values) == 1:
        return values[0], values[0], values[0]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return statistics.median(values), cuts[94], cuts[98]


def report(results: list[Figures]) -> None:
    base = percentiles(results[0].runs())[1] if results else float("nan")
    print(
        f"\n{'sessions':>8} {'reruns':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} "
        f"{'p95/N=1':>8} {'errors':>6} {'reruns/s':>8} {'first p50':>9} {'first max':>9} "
        f"{'VmHWM':>7} {'RSS':>7}  load average (before → after)"
    )
    for fig in results:
        runs = fig.runs()
        p50, p95, p99 = percentiles(runs)
        firsts = [log.first.seconds for log in fig.logs if log.first is not None]
        print(
            f"{fig.sessions:>8} {len(runs):>7} {p50:>6.2f}s {p95:>6.2f}s {p99:>6.2f}s "
            f"{max(runs, default=float('nan')):>6.2f}s {p95 / base:>7.1f}x "
            f"{len(fig.errors()):>6} {len(runs) / fig.seconds:>8.1f} "
            f"{statistics.median(firsts) if firsts else float('nan'):>8.2f}s "
            f"{max(firsts, default=float('nan')):>8.2f}s "
            f"{fig.peak_mb:>5.0f}MB {fig.rss_mb:>5.0f}MB  {fig.load_before} → {fig.load_after}"
        )
    print("\nsplit: reruns of a state the server had not been asked for yet (its queries run)")
    print("and of a state it had (cached results; the script, the views' work and Streamlit's)")
    for fig in results:
        for name, cold in (("new state", True), ("seen state", False)):
            runs = fig.runs(cold)
            p50, p95, p99 = percentiles(runs)
            print(
                f"{fig.sessions:>8} {name:>11} {len(runs):>5} reruns  "
                f"p50 {p50:5.2f}s  p95 {p95:5.2f}s  p99 {p99:5.2f}s"
            )
        print(
            f"{'':>8} measured in {fig.seconds:.0f} s; the client used {fig.client_cpu:.0f} s "
            f"of CPU ({fig.client_cpu / fig.seconds:.0%} of a core)"
        )
    print("\nby period (all sessions' reruns at each N): p95, seconds")
    periods = list(
        dict.fromkeys(n.split(" / ")[0] for f in results for g in f.logs for n, _, _ in g.reruns)
    )
    print(f"{'sessions':>8} " + " ".join(f"{p[:18]:>18}" for p in periods))
    for fig in results:
        cells = []
        for period in periods:
            runs = [
                r.seconds
                for log in fig.logs
                for name, _, r in log.reruns
                if r.status == "ok" and name.split(" / ")[0] == period
            ]
            cells.append(f"{percentiles(runs)[1]:>17.2f}s")
        print(f"{fig.sessions:>8} " + " ".join(cells))
    for fig in results:
        errors = fig.errors()
        if errors:
            print(f"errors at {fig.sessions} sessions (first 5 of {len(errors)}):")
            for text in errors[:5]:
                print(f"  {text}")


def check(results: list[Figures]) -> bool:
    """Every session saw the same KPI values for the same state, whatever N."""
    seen: dict[str, set[tuple[str, ...]]] = {}
    first: set[tuple[str, ...]] = set()
    for fig in results:
        for log in fig.logs:
            if log.first is not None and log.first.status == "ok":
                first.add(log.first.metrics)
            for name, _, run in log.reruns:
                if run.status == "ok":
                    seen.setdefault(name, set()).add(run.metrics)
    differ = [name for name, values in seen.items() if len(values) > 1]
    empty = [name for name, values in seen.items() if values == {()}]
    print(
        f"\ncheck: {len(seen) - len(differ)} of {len(seen)} states got the same KPI values in "
        f"every session and every N; the first page: {len(first)} distinct value set(s) "
        f"(1 expected)"
    )
    for name in differ[:5]:
        print(f"  differ: {name}: {sorted(seen[name])}")
    if empty:
        print(f"  no KPI value at all in: {', '.join(empty[:5])}")
    if first:
        print(f"  first page: {' | '.join(sorted(first)[0])}")
    return not differ and len(first) == 1 and not empty


# Main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--reruns", type=int, default=20, help="filter changes per session")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=[2.0, 6.0],
        metavar=("MIN", "MAX"),
        help="seconds a visitor waits between two filter changes (uniform)",
    )
    parser.add_argument(
        "--ramp", type=float, default=5.0, help="seconds over which the sessions arrive"
    )
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    started = time.perf_counter()
    folder = project_dir(args.rows)
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; load average "
        f"{load_average()}; {args.rows:,} rows; {args.reruns} reruns a session, think time "
        f"{args.think[0]:g}–{args.think[1]:g} s, arrivals over {args.ramp:g} s"
    )
    results: list[Figures] = []
    for sessions in args.sessions:
        with serve("datacites", folder) as server:
            fig = asyncio.run(
                drive(server, sessions, args.reruns, tuple(args.think), args.ramp, args.seed)
            )
        results.append(fig)
        p95 = percentiles(fig.runs())[1]
        print(
            f"  {sessions} session(s): p95 {p95:.2f} s, {len(fig.errors())} error(s), "
            f"measured in {fig.seconds:.0f} s (server ready in {server.ready:.1f} s)",
            flush=True,
        )
    report(results)
    ok = check(results)
    largest = results[-1]
    p95 = percentiles(largest.runs())[1]
    met = p95 < TARGET_P95 and not largest.errors()
    print(
        f"\ntarget at {largest.sessions} sessions: p95 {p95:.2f} s (< {TARGET_P95:g} s) and "
        f"{len(largest.errors())} error(s) (none): {'met' if met else 'NOT met'}"
    )
    elapsed = time.perf_counter() - started
    print(f"whole run: {elapsed // 60:.0f} min {elapsed % 60:.0f} s")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
