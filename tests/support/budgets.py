"""Time and memory of a piece of code, measured in a fresh process (hostile-file budgets).

Each measure runs in its own interpreter so that its peak memory is its own; budgets are
generous and, where possible, compared as ratios between two sizes of the same input.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

# The peak is the process's VmHWM, which starts again at exec: ru_maxrss would keep the
# forking pytest worker's size (a worker grown to 2 GB made every child start at 2 GB).
_WRAPPER = """
import json, sys, time
def _hwm_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
start_rss = _hwm_kb()
start = time.perf_counter()
start_cpu = time.process_time()
outcome = "ok"
try:
{body}
except BaseException as exc:  # the budget is about cost; the caller checks the outcome
    outcome = type(exc).__name__ + ": " + str(exc)[:500]
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - start_cpu
peak = _hwm_kb()
print(json.dumps({{"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": peak / 1024,
                  "start_mb": start_rss / 1024, "outcome": outcome}}))
"""


@dataclass(frozen=True)
class Cost:
    seconds: float  # wall clock: absolute budgets
    cpu_seconds: float  # all threads' CPU time: ratios, which a busy machine barely moves
    peak_mb: float  # the process's peak resident memory
    start_mb: float  # its peak before the measured code (imports done in `setup`)
    outcome: str  # "ok", or the exception's type and message

    @property
    def extra_mb(self) -> float:
        """Memory the measured code added on top of the interpreter and its imports."""
        return max(0.0, self.peak_mb - self.start_mb)


def measure(code: str, *, setup: str = "", timeout: float = 300, cwd: Path | None = None) -> Cost:
    """Run `setup` (imports), then time `code` in a fresh Python; its cost and outcome."""
    body = textwrap.indent(textwrap.dedent(code), "    ")
    script = textwrap.dedent(setup) + "\n" + _WRAPPER.format(body=body)
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise AssertionError(f"measure failed ({done.returncode}): {done.stderr[-2000:]}")
    return Cost(**json.loads(lines[-1]))
