"""The engine's SQL for each database, compiled with its own SQLAlchemy dialect package
and compared with the snapshots in tests/snapshots/dialects/ (read and checked against
each database's documentation). DuckDB, SQLite and PostgreSQL also run for real in
tests/integration/test_sql_dialects.py; Trino, ClickHouse, BigQuery and Snowflake are
checked here only.

DATACITES_UPDATE_SNAPSHOTS=1 writes the snapshots anew; otherwise a change fails with
its diff.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from datacites_proto import load_blueprint
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.engine.catalog import DatasetTable, table_for
from datacites_proto.engine.compiler import Compiler
from datacites_proto.engine.dialects import DIALECTS, GRAINS
from datacites_proto.engine.protection import bin_expression
from datacites_proto.engine.query_errors import QueryError

SNAPSHOTS = Path(__file__).parents[2] / "snapshots" / "dialects"

# The URL form of each database (docs/engine.md): its dialect comes from the package.
URLS = {
    "duckdb": "duckdb:///passages.duckdb",
    "sqlite": "sqlite:///passages.sqlite",
    "postgresql": "postgresql+psycopg://lecteur@db.example:5432/mobilite",
    "trino": "trino://lecteur@trino.example:8080/hive/mobilite",
    "clickhousedb": "clickhousedb://lecteur@clickhouse.example:8123/mobilite",
    "bigquery": "bigquery://mon-projet/mobilite",
    "snowflake": "snowflake://lecteur@mon-compte/MOBILITE/PUBLIC?warehouse=LECTURE",
}
NO_EXACT_MEDIAN = {"sqlite", "trino", "bigquery"}

BLUEPRINT = """\
datacites: 1
service: {id: essai-dialectes, title: Essai des dialectes}
datasets:
  passages:
    source: {type: sql, url: "sqlite:///passages.sqlite", table: passages}
    columns: {at: datetime, day: date, duree: number, genre: string}
indicators:
  n: {label: Passages, dataset: passages, measure: "count(*)"}
  longs: {label: Longs, dataset: passages, measure: share(duree >= 50)}
  temps_median: {label: Durée médiane, dataset: passages, measure: median(duree)}
filters:
  periode: {type: date_range, column: passages.at}
  jours: {type: date_range, column: passages.day}
pages:
  - title: Accueil
    views: [{type: kpi, indicator: n}]
"""

COLUMNS: dict[str, str | None] = {
    "at": "datetime",
    "day": "date",
    "duree": "number",
    "genre": "string",
}

# (name, indicator, breakdowns, filter values): one representative query of each kind.
QUERIES: list[tuple[str, str, list[str], dict[str, Any]]] = [
    *((f"{grain}", "n", [f"{grain}(at)"], {}) for grain in GRAINS),
    ("week of a date", "n", ["week(day)"], {}),
    ("share by month", "longs", ["month(at)"], {}),
    ("median by weekday", "temps_median", ["weekday(at)"], {}),
    ("datetime range", "n", [], {"periode": ["2025-12-29", "2026-01-04"]}),
    ("date range", "n", [], {"jours": ["2025-12-29", "2026-01-04"]}),
]


@pytest.fixture(scope="module")
def blueprint(tmp_path_factory: pytest.TempPathFactory) -> Blueprint:
    path = tmp_path_factory.mktemp("dialects") / "blueprint.yaml"
    path.write_text(BLUEPRINT, encoding="utf-8")
    return load_blueprint(path)


def compiler_for(blueprint: Blueprint, dialect: str) -> Compiler:
    """A compiler whose dataset lives in a database of `dialect` (nothing connects)."""
    engine: Any = sa.create_mock_engine(URLS[dialect], executor=lambda *a, **k: None)
    assert engine.dialect.name == dialect

    def table(dataset: str) -> DatasetTable:
        selectable = table_for("passages", COLUMNS, schema="mobilite")
        return DatasetTable(dataset, selectable, dict(COLUMNS), engine, backend=dialect)

    return Compiler(blueprint, table, latest_day=lambda dataset, column: None)


def rendered(blueprint: Blueprint, dialect: str) -> str:
    compiler = compiler_for(blueprint, dialect)
    dialect_obj = compiler.table("passages").engine.dialect
    parts = [f"-- {dialect}: the engine's SQL (tests/unit/engine/test_dialect_snapshots.py)\n"]
    for name, indicator, by, values in QUERIES:
        parts.append(f"\n-- {name}: {indicator}" + (f" by {', '.join(by)}" if by else ""))
        try:
            statement = compiler.leaf_query(indicator, by, values).statement
        except QueryError as refused:
            parts.append(f"\n-- refused: {refused.message('en')}\n")
            continue
        compiled = statement.compile(
            dialect=dialect_obj, compile_kwargs={"render_postcompile": True}
        )
        parts.append(f"\n{str(compiled).strip()};\n")
        if compiled.params:
            params = ", ".join(f"{k}={v!r}" for k, v in sorted(compiled.params.items()))
            parts.append(f"-- params: {params}\n")
    # A histogram's bins (engine/histogram.py and protection.py share the words).
    duree = compiler.table("passages").selectable.c["duree"]
    bins = sa.select(bin_expression([0.0, 25.0, 50.0, 75.0, 100.0], duree, dialect))
    parts.append("\n-- bins of 25 from 0: duree\n")
    parts.append(f"{str(bins.compile(dialect=dialect_obj)).strip()};\n")
    return "".join(parts)


@pytest.mark.parametrize("dialect", sorted(DIALECTS.keys() - {"clickhouse"}))
def test_sql_of_each_dialect_matches_its_snapshot(blueprint: Blueprint, dialect: str) -> None:
    text = rendered(blueprint, dialect)
    path = SNAPSHOTS / f"{dialect}.sql"
    if os.environ.get("DATACITES_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with DATACITES_UPDATE_SNAPSHOTS=1"
    want = path.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            want.splitlines(keepends=True),
            text.splitlines(keepends=True),
            f"{path.name} (snapshot)",
            f"{path.name} (now)",
        )
    )
    assert not diff, (
        f"the SQL of {dialect} changed (DATACITES_UPDATE_SNAPSHOTS=1 to accept):\n{diff}"
    )


@pytest.mark.parametrize("dialect", sorted(NO_EXACT_MEDIAN))
def test_a_missing_median_names_the_indicator_and_the_database(
    blueprint: Blueprint, dialect: str
) -> None:
    compiler = compiler_for(blueprint, dialect)
    with pytest.raises(QueryError) as caught:
        compiler.leaf_query("temps_median", ["month(at)"], {})
    assert caught.value.code == "median_unsupported"
    fr, en = caught.value.message("fr"), caught.value.message("en")
    assert fr.startswith(f"L'indicateur « temps_median » utilise median(), que la base {dialect}")
    assert en.startswith(f"The indicator 'temps_median' uses median(), which the {dialect}")


EXACT_MEDIANS = {
    "duckdb": "median(",
    "postgresql": "percentile_cont(%(percentile_cont_1)s) WITHIN GROUP (ORDER BY",
    # ClickHouse's own `median` samples (reservoir): the exact one, interpolated.
    "clickhousedb": "quantileExactInclusive(0.5)(",
    "snowflake": "MEDIAN(",
}


@pytest.mark.parametrize("dialect", sorted(EXACT_MEDIANS))
def test_the_median_is_exact_where_the_database_has_one(blueprint: Blueprint, dialect: str) -> None:
    compiler = compiler_for(blueprint, dialect)
    statement = compiler.leaf_query("temps_median", [], {}).statement
    sql = str(statement.compile(dialect=compiler.table("passages").engine.dialect))
    assert EXACT_MEDIANS[dialect] in sql
    assert "approx" not in sql.lower()
    assert set(EXACT_MEDIANS) | NO_EXACT_MEDIAN == DIALECTS.keys() - {"clickhouse"}


def test_an_unknown_dialect_gets_the_ansi_words() -> None:
    from datacites_proto.engine.dialects import ANSI, words

    assert words("oracle") is ANSI


def test_docs_give_the_url_form_of_every_database() -> None:
    docs = (Path(__file__).parents[3] / "docs" / "engine.md").read_text(encoding="utf-8")
    for dialect, url in URLS.items():
        scheme = url.split("://")[0]
        assert f"`{scheme}://" in docs, f"docs/engine.md does not give the URL of {dialect}"
