"""In a terminal, `datacites validate --data` shows what it loads, and Ctrl-C stops it cleanly.

The real console script runs in a pseudo-terminal (so rich draws its progress bar); the
test reads the French label of the load, presses Ctrl-C (SIGINT) while the big file is
being read, and checks the exit code, the message, and that nothing half-loaded is kept.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from tests.conftest import datacites_script

ROWS = 3_000_000


def big_project(folder: Path) -> Path:
    folder.mkdir()
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(
        {
            "site": rng.choice([f"Site {i}" for i in range(40)], ROWS),
            "jour": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 2000, ROWS), "D"),
            "passages": rng.integers(0, 500, ROWS),
        }
    )
    frame.to_csv(folder / "comptages.csv", sep=";", index=False)
    (folder / "blueprint.yaml").write_text(
        """\
datacites: 1
service: {id: gros, title: Gros fichier}
datasets:
  comptages:
    source: {type: csv, path: comptages.csv}
    columns:
      passages: {type: integer, min: 0}
indicators:
  total: {label: Passages, dataset: comptages, measure: sum(passages)}
pages:
  - title: Accueil
    views: [{type: kpi, indicator: total}]
""",
        encoding="utf-8",
    )
    return folder


def read_until(fd: int, wanted: str, seconds: float) -> str:
    """What the terminal shows until `wanted` appears (or the time is up)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if wanted in seen.decode("utf-8", "replace"):
                break
    return seen.decode("utf-8", "replace")


def interrupt_while_loading(folder: Path) -> tuple[int, str]:
    """Run `validate --data` in a terminal, press Ctrl-C once the big file is being read."""
    main, child = pty.openpty()
    trace = folder.parent / "exit-trace.txt"
    hooks = folder.parent / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(EXIT_TRACE.format(trace=str(trace)), encoding="utf-8")
    env = {
        **os.environ,
        "COLUMNS": "160",
        "TERM": "xterm",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(hooks), os.environ.get("PYTHONPATH")])),
    }
    proc = subprocess.Popen(
        [str(datacites_script()), "validate", "--data", str(folder)],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        # Its own process group, as a shell runs a job: Ctrl-C goes to the group.
        process_group=0,
        # A suite started in the background by a non-interactive shell (`make test &`)
        # ignores SIGINT, and children inherit that: give the command Ctrl-C back.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # The test keeps its own end of the terminal open until it has read everything: once
    # every writer has closed it, the reader may get EIO before the last bytes.
    try:
        shown = read_until(main, "Lecture et vérification de « comptages »", 60)
        assert "Lecture et vérification de « comptages »" in shown, shown[-2000:]
        time.sleep(0.3)  # well inside the seconds that reading three million rows takes
        signals = _signal_state(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's processes
        # Keep reading the terminal while it stops: a full terminal buffer would block its
        # last writes (the bar's, the message's) and the process with them.
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            shown += read_until(main, "\0", 0.5)
        code = proc.wait(timeout=1)
        if "Interrompu" not in shown:
            shown += read_until(main, "Interrompu", 5)
        shown += read_until(main, "\0", 0.5)  # the rest of the line, if any
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(child)
        os.close(main)
    said = trace.read_text(encoding="utf-8") if trace.exists() else "no exit trace"
    seen_env = {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIXES)}
    return code, shown + f"\n[test: exit {code}; {signals}; {seen_env}; {said}]"


ENV_PREFIXES = (
    "DATACITES",
    "STREAMLIT",
    "LANG",
    "LC_",
    "TERM",
    "COLUMNS",
    "NO_COLOR",
    "FORCE_",
    "PYTHON",
    "TTY",
)
# Said when the test fails: where the command called sys.exit, and what it was handling.
EXIT_TRACE = """
import sys, traceback
_exit = sys.exit
def _traced_exit(code=None):
    with open({trace!r}, "a", encoding="utf-8") as out:
        out.write(f"sys.exit({{code!r}}) handling {{sys.exc_info()[0]}} from\\n")
        out.write("".join(traceback.format_stack(limit=6)))
    _exit(code)
sys.exit = _traced_exit
"""


def _signal_state(pid: int) -> str:
    """The child's blocked, ignored and caught signals, said when the test fails."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "no /proc"
    return " ".join(line for line in status.splitlines() if line.startswith("Sig"))


def test_ctrl_c_while_loading_says_so_and_keeps_nothing_half_done(tmp_path: Path) -> None:
    folder = big_project(tmp_path / "projet")
    code, shown = interrupt_while_loading(folder)
    assert code == 130, shown[-2000:]
    assert "Interrompu" in shown and "Traceback" not in shown, shown[-3000:]
    database = folder / ".datacites" / "cache" / "gros.duckdb"
    with duckdb.connect(str(database), read_only=True) as con:
        names = {
            name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        loads = con.execute("SELECT count(*) FROM _datacites_loads").fetchone()
    assert not any(name.startswith("ds_comptages") for name in names), names
    assert loads == (0,)
    # The next run starts again and finishes.
    again = subprocess.run(
        [str(datacites_script()), "validate", "--data", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Lecture et vérification" not in again.stderr  # no terminal: no progress bar
