"""The benchmarks' data: the footfall example's generator, run once per size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def generate_parquet(rows: int, folder: Path) -> None:
    """Write `rows` hourly counts (measures.parquet) and their sites and channels to `folder`."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "examples.coeur_de_ville.generate",
            "--rows",
            str(rows),
            "--format",
            "parquet",
            "-o",
            str(folder),
        ],
        cwd=REPO,
        check=True,
    )
