"""Mutated CSV and Parquet files fed to the loaders: a table or a located DataError, nothing else.

From a few seed files, a seeded random generator flips bytes, truncates, and inserts
quotes, separators, NULs, BOMs and line ends (1,000 files of each format, reproducible).
Each goes through the reader and the checks (`load_csv_file`, `load_parquet_files`) on
one DuckDB connection; any other exception, or a message without its file or with an
unfilled placeholder, fails the test and names the seed, the case and the exception.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.engine.duckdb_cache import drop_relation, relation_kind
from datacites_proto.engine.errors import DataError
from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.reading.typed_table import load_csv_file, load_parquet_files

pytestmark = pytest.mark.slow

CASES = 1000
BATCHES = 10  # of CASES // BATCHES files each: a failure names a small range
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
INSERTS = [b'"', b";", b",", b"\t", b"\x00", b"\xef\xbb\xbf", b"\n", b"\r", b"\r\n", b'""', b"\xe9"]

CSV_SEEDS = [
    "code_insee;nom;population;taux;date_maj;ouvert\n"
    + "".join(f"{29000 + i};Commune n° {i};{i * 137};{i % 10},5;0{i % 9 + 1}/03/2026;oui\n"
              for i in range(12)),
    'id,libellé,montant,moment\n1,"Brest, Finistère",12.5,2026-11-26T10:00\n'
    '2,"dit ""le port""",-3,2026-11-26 11:30\n3,"sur\ndeux lignes",1e3,\n',
    "\ufeffsite;compte\nGare;12\nHalles;\nPort;NA\n",
]  # fmt: skip


def csv_seeds() -> list[bytes]:
    seeds = [s.encode("utf-8") for s in CSV_SEEDS]
    seeds.append(CSV_SEEDS[0].encode("cp1252"))
    return seeds


def parquet_seeds(folder: Path) -> list[bytes]:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "code": pa.array([f"{29000 + i}" for i in range(30)]),
            "count": pa.array([i if i % 7 else None for i in range(30)], pa.int64()),
            "rate": pa.array([i / 3 for i in range(30)]),
            "day": pa.array([dt.date(2026, 1, 1 + i % 28) for i in range(30)]),
            "flag": pa.array([i % 2 == 0 for i in range(30)]),
        }
    )
    seeds = []
    for index, options in enumerate([{}, {"compression": "none", "row_group_size": 10}]):
        path = folder / f"seed{index}.parquet"
        pq.write_table(table, path, **options)
        seeds.append(path.read_bytes())
    return seeds


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four mutations: flips, truncations, insertions, deletions, duplications."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1) if out else 0
        kind = rng.randrange(6)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif kind == 1:
            del out[at:]
        elif kind == 2:
            out[at:at] = rng.choice(INSERTS) * rng.randint(1, 3)
        elif kind == 3:
            del out[at : at + rng.randint(1, 16)]
        elif kind == 4:
            out[at:at] = out[max(0, at - 64) : at]
        else:
            out[min(at, len(out) - 1) : at + 1] = bytes([rng.randrange(256)])
    return bytes(out)


def check_outcome(load: Callable[[], None], shown: str, label: str) -> None:
    try:
        load()
    except DataError as exc:
        assert exc.problems, label
        for problem in exc.problems:
            assert problem.file == shown, (label, problem)
            for lang in ("fr", "en"):
                text = problem.message(lang)
                assert text and not PLACEHOLDER.search(text), (label, lang, text)
                assert "Traceback" not in text and "INTERNAL" not in text.upper(), (label, text)
    except Exception as exc:  # the bug this test exists for
        pytest.fail(f"{label}: {type(exc).__name__}: {exc}"[:2000])


def run_batch(tmp_path: Path, fmt: str, batch: int) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute("SET memory_limit = '1GB'")  # a corrupt size must not eat the machine
    dataset = Dataset.model_validate({"source": {"type": fmt, "path": f"fuzz.{fmt}"}})
    ctx = LoadContext("fuzz", dataset, tmp_path, tmp_path / "cache", con)
    seeds = csv_seeds() if fmt == "csv" else parquet_seeds(tmp_path)
    per_batch = CASES // BATCHES
    try:
        for case in range(batch * per_batch, (batch + 1) * per_batch):
            rng = random.Random(f"{fmt}-{case}")  # reproducible, case by case
            seed = case % len(seeds)
            path = tmp_path / f"fuzz.{fmt}"
            path.write_bytes(mutate(seeds[seed], rng))
            label = f"{fmt} case {case} (seed file {seed})"
            if fmt == "csv":
                check_outcome(lambda p=path: load_csv_file(ctx, "t", p), "fuzz.csv", label)
            else:
                check_outcome(
                    lambda p=path: load_parquet_files(ctx, "t", "fuzz.parquet", [p]),
                    "fuzz.parquet",
                    label,
                )
            # A Parquet file is read in place, through a view: what loaded must read whole.
            if relation_kind(con, "t") is not None:
                try:
                    con.execute("SELECT * FROM t").fetchall()
                except Exception as exc:
                    pytest.fail(f"{label}: loaded, then unreadable: {type(exc).__name__}: {exc}")
            drop_relation(con, "t")
    finally:
        con.close()


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutated_csv_files_load_or_give_a_located_error(tmp_path: Path, batch: int) -> None:
    run_batch(tmp_path, "csv", batch)


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutated_parquet_files_load_or_give_a_located_error(tmp_path: Path, batch: int) -> None:
    run_batch(tmp_path, "parquet", batch)
