"""Third-party sources, from YAML to the engine's answers, with no change to the core:
a JSON-lines file source (the test plugin's `jsonl.py`, written with `datacites_proto`'s
exported names only) and a remote source querying an SQLite ledger."""

from __future__ import annotations

import ast
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from datacites_test_plugin import jsonl
from datacites_test_plugin.hooks import COMPONENTS

import datacites_proto
from datacites_proto import DataError, load_blueprint
from datacites_proto.engine.duckdb_cache import DuckDbCache
from datacites_proto.engine.loading import load_dataset
from datacites_proto.engine.service import Service
from datacites_proto.registry import Registry

BLUEPRINT = """\
datacites: 1
service: {id: essai-plugin, title: Essai plugin}
datasets:
  readings:
    source: {type: jsonl, path: readings.jsonl}
    columns: {meter: string, litres: integer, day: date}
  entries:
    source: {type: ledger, database: "sqlite:///ledger.sqlite", journal: entries}
    columns: {amount: number}
indicators:
  water: {label: Eau, dataset: readings, measure: sum(litres)}
  spent: {label: Dépenses, dataset: entries, measure: sum(amount)}
pages:
  - title: Accueil
    views: [{type: kpi, indicator: water}, {type: kpi, indicator: spent}]
"""

GOOD = (
    '{"meter": "A1", "litres": 120, "day": "2026-03-01"}\n'
    "\n"
    '{"meter": "B2", "litres": 80, "day": "2026-03-02"}\n'
    '{"meter": "A1", "litres": 5, "day": "2026-03-03"}\n'
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The built-ins plus the test plugin's components."""
    found = Registry.builtin()
    for kind, classes in COMPONENTS.items():
        for cls in classes:
            found.register(kind, cls, distribution="datacites-test-plugin", version="0.1.0")
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    (tmp_path / "readings.jsonl").write_text(GOOD, encoding="utf-8")
    with sqlite3.connect(tmp_path / "ledger.sqlite") as con:
        con.execute("CREATE TABLE entries (label TEXT, amount REAL)")
        con.executemany("INSERT INTO entries VALUES (?, ?)", [("pipes", 12.5), ("pump", 30.0)])
    con.close()
    return tmp_path


@pytest.fixture
def service(project: Path, registry: Registry) -> Iterator[Service]:
    blueprint = load_blueprint(project / "blueprint.yaml", registry=registry)
    with Service.from_blueprint(blueprint, in_memory=True) as service:
        yield service


def test_the_plugin_file_source_is_written_with_exported_names_only() -> None:
    tree = ast.parse(Path(jsonl.__file__).read_text(encoding="utf-8"))
    modules = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("datac")
    }
    assert modules == {"datacites_proto"}
    names = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "datacites_proto"
        for alias in node.names
    }
    assert names <= set(datacites_proto.__all__)


def test_the_engine_queries_the_json_lines_file(service: Service) -> None:
    assert service.compute("water")["water"].iloc[0] == 205
    by_meter = service.compute("water", by="meter")
    assert dict(zip(by_meter["meter"], by_meter["water"], strict=True)) == {"A1": 125, "B2": 80}
    table = service.table("readings")
    assert table.columns == {"meter": "string", "litres": "integer", "day": "date"}


def test_the_engine_queries_the_remote_ledger_where_it_is(service: Service) -> None:
    assert service.compute("spent")["spent"].iloc[0] == pytest.approx(42.5)


def test_wrong_lines_are_all_located_and_no_table_replaces_the_good_one(
    project: Path, registry: Registry
) -> None:
    blueprint = load_blueprint(project / "blueprint.yaml", registry=registry)
    dataset = blueprint.datasets["readings"]
    store = DuckDbCache(None)
    try:
        first = load_dataset(store, "readings", dataset, base_dir=project, cache_dir=project)
        assert first.rows == 3
        (project / "readings.jsonl").write_text(
            '{"meter": "A1", "litres": 120, "day": "2026-03-01"}\n'
            '{"meter": "B2", "litres": \n'
            '{"meter": "C3", "litres": "beaucoup", "day": "2026-03-02"}\n'
            "[1, 2]\n",
            encoding="utf-8",
        )
        with pytest.raises(DataError) as raised:
            load_dataset(store, "readings", dataset, base_dir=project, cache_dir=project)
        problems = raised.value.problems
        assert sorted(p.line for p in problems) == [2, 3, 4]
        assert all(p.file == "readings.jsonl" for p in problems)
        by_line = {p.line: p for p in problems}
        assert by_line[2].code == by_line[4].code == "data_unreadable"
        assert by_line[2].loc == by_line[4].loc == ("datasets", "readings", "source")
        # The value that is not an integer is reported on its declared column.
        assert by_line[3].loc[:3] == ("datasets", "readings", "columns")
        assert "beaucoup" in str(by_line[3].params)
        # The previous table is still the one the engine reads.
        (rows,) = store.con.execute("SELECT count(*) FROM ds_readings").fetchone()
        assert rows == 3
    finally:
        store.close()


def test_a_missing_file_is_a_located_error(project: Path, registry: Registry) -> None:
    blueprint = load_blueprint(project / "blueprint.yaml", registry=registry)
    (project / "readings.jsonl").unlink()
    store = DuckDbCache(None)
    try:
        with pytest.raises(DataError) as raised:
            dataset = blueprint.datasets["readings"]
            load_dataset(store, "readings", dataset, base_dir=project, cache_dir=project)
        assert [p.code for p in raised.value.problems] == ["file_missing"]
    finally:
        store.close()
