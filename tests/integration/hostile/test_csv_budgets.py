"""Hostile CSV files against time and memory budgets, each loaded in a fresh process.

Every file goes through the real loader (`load_dataset`, what `Service` and `validate
--data` call). Budgets are generous (a busy 2-core machine) and, where possible, ratios
between two sizes of the same attack: doubling the input must not much more than double
the cost. Before issue 11, 1,000 columns × 2 rows took 11.8 GB and 56 s.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.budgets import Cost, measure

pytestmark = pytest.mark.slow

SETUP = """
from pathlib import Path
from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.loading import load_dataset
from datacites_proto.engine.duckdb_cache import DuckDbCache
"""
FLOOR_MB = 60.0  # extra memory below this is noise (DuckDB's own buffers)


def load_cost(folder: Path, name: str) -> Cost:
    """Load `folder/name` as a CSV dataset in a fresh process; outcome "ok" or the codes."""
    code = f"""
    folder = Path({str(folder)!r})
    store = DuckDbCache(folder / "{name}.duckdb")
    dataset = Dataset.model_validate({{"source": {{"type": "csv", "path": "{name}"}}}})
    try:
        load_dataset(store, "d", dataset, base_dir=folder, cache_dir=folder / "cache")
    except DataError as exc:
        raise SystemExit(",".join(p.code for p in exc.problems)) from None
    """
    return measure(code, setup=SETUP, timeout=120)


def ratio(big: float, small: float, floor: float) -> float:
    return max(big, floor) / max(small, floor)


def write_wide(folder: Path, width: int) -> str:
    name = f"wide_{width}.csv"
    header = ";".join(f"colonne_{i}" for i in range(width))
    rows = [";".join(str(i * r) for i in range(width)) for r in (1, 2)]
    (folder / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return name


def test_a_very_wide_file_costs_linearly_in_its_width(tmp_path: Path) -> None:
    small = load_cost(tmp_path, write_wide(tmp_path, 1000))
    big = load_cost(tmp_path, write_wide(tmp_path, 2000))
    assert (small.outcome, big.outcome) == ("ok", "ok")
    assert ratio(big.cpu_seconds, small.cpu_seconds, 1.0) < 3, (small, big)
    assert ratio(big.extra_mb, small.extra_mb, FLOOR_MB) < 3, (small, big)
    assert big.seconds < 60 and big.peak_mb < 1500, big


def test_an_oversized_field_is_refused_at_a_cost_independent_of_its_size(tmp_path: Path) -> None:
    costs = []
    for megabytes in (20, 40):  # 40 MB: past DuckDB's buffer, where rows once vanished
        name = f"field_{megabytes}.csv"
        content = b"code;nom\n1;ok\n2;" + b"x" * (megabytes << 20) + b"\n3;fine\n"
        (tmp_path / name).write_bytes(content)
        costs.append(load_cost(tmp_path, name))
    small, big = costs
    assert small.outcome == big.outcome == "SystemExit: csv_record_too_long"
    assert ratio(big.cpu_seconds, small.cpu_seconds, 1.0) < 3, (small, big)
    assert big.extra_mb < 200, big  # read in bounded chunks, never the field at once


def test_many_short_lines_cost_linearly(tmp_path: Path) -> None:
    costs = []
    for count in (200_000, 400_000):
        name = f"lines_{count}.csv"
        body = "".join(f"{i};c{i % 97};{i % 1000},5\n" for i in range(count))
        (tmp_path / name).write_text("code;nom;valeur\n" + body, encoding="utf-8")
        costs.append(load_cost(tmp_path, name))
    small, big = costs
    assert small.outcome == big.outcome == "ok"
    assert ratio(big.cpu_seconds, small.cpu_seconds, 1.0) < 3, (small, big)
    assert ratio(big.extra_mb, small.extra_mb, FLOOR_MB) < 3, (small, big)


def test_deeply_quoted_fields_load_within_budget(tmp_path: Path) -> None:
    field_ = '"' + '""a;\n' * 100_000 + '"'  # 500 KB of doubled quotes, separators, line ends
    rows = "".join(f"{i};{field_}\n" for i in range(20))
    (tmp_path / "quoted.csv").write_text("code;texte\n" + rows, encoding="utf-8")
    cost = load_cost(tmp_path, "quoted.csv")
    assert cost.outcome == "ok", cost
    assert cost.seconds < 30 and cost.extra_mb < 600, cost
