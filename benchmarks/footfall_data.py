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


def repeat_back_in_time(source: Path, rows: int, folder: Path) -> None:
    """Write `rows` measures made of `source`'s repeated further and further back in time.

    The example's generator holds every row in memory; DuckDB streams this copy, so a
    100 M-row file costs minutes and little memory. Sites and channels are copied.
    """
    import shutil

    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("sites.csv", "channels.csv"):
        shutil.copy(source / name, folder / name)
    con = duckdb.connect()
    measures = str(source / "measures.parquet").replace("'", "''")
    (span, count) = con.execute(
        "SELECT date_diff('hour', min(start_datetime), max(start_datetime)) + 1, count(*)"
        f" FROM read_parquet('{measures}')"
    ).fetchone()
    copies = -(-rows // count)
    target = str(folder / "measures.parquet").replace("'", "''")
    con.execute(
        "COPY (SELECT channel_id, start_datetime - to_hours(k * $span) AS start_datetime,"
        " end_datetime - to_hours(k * $span) AS end_datetime, count"
        f" FROM range({copies}) AS r(k), read_parquet('{measures}') LIMIT {rows})"
        f" TO '{target}' (FORMAT parquet)",
        {"span": span},
    )
