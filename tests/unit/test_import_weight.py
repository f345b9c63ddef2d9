"""A service without experiments does not pay for the statistics stack (2 s, 100 MB)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("statsmodels", "scipy", "patsy", "holidays", "rdflib", "pyshacl")


def test_the_app_and_the_engine_start_without_the_statistics_stack() -> None:
    code = (
        "import sys\n"
        "import datacites_proto\n"
        "from datacites_proto.engine import service\n"
        "from datacites_proto.app import main\n"
        "from datacites_proto.cli import main as cli\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"imported at start-up: {done.stdout.strip()}"


def test_an_estimate_imports_statsmodels_when_it_is_asked_for() -> None:
    # The lazy import is still the real one: the estimate module brings statsmodels in.
    code = (
        "import sys\n"
        "from datacites_proto.engine.experiments import estimate\n"
        "print('statsmodels' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
