"""`sql` sources: the query runs in the source's own database (SQLite, DuckDB, PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from datacites_proto import load_blueprint
from datacites_proto.blueprint.expressions import parse_measure
from datacites_proto.engine.conditions import measure
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service

BLUEPRINT = """\
datacites: 1
service: {{id: essai-sql, title: Essai SQL}}
datasets:
  measures:
    source: {{type: sql, url: "{url}", table: {measures}}}
    columns: {{start_datetime: datetime}}
  sites:
    source: {{type: sql, url: "{url}", query: "SELECT site_id, site_name, zone FROM {sites} WHERE site_id <> 'S9'"}}
relations:
  - measures.site_id -> sites.site_id
indicators:
  total: {{label: Total, dataset: measures, measure: sum(count)}}
  busy: {{label: Chargé, dataset: measures, measure: share(count >= 50)}}
  average: {{label: Moyenne, dataset: measures, measure: mean(count)}}
filters:
  period: {{type: date_range, column: measures.start_datetime}}
  zone: {{type: multiselect, column: sites.zone}}
pages:
  - title: Accueil
    views: [{{type: kpi, indicator: total}}]
"""


def frames(rows: int = 20_000, seed: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    sites = pd.DataFrame(
        {
            "site_id": [f"S{i}" for i in range(10)],
            "site_name": [f"Site {i}" for i in range(10)],
            "zone": ["centre", "port"] * 5,
        }
    )
    start = dt.datetime(2026, 1, 1)
    measures = pd.DataFrame(
        {
            "site_id": rng.choice(sites["site_id"], rows),
            "start_datetime": [
                start + dt.timedelta(hours=int(h)) for h in rng.integers(0, 24 * 200, rows)
            ],
            "count": rng.poisson(45, rows).astype("int64"),
        }
    )
    return measures, sites


def write_blueprint(folder: Path, url: str, measures: str, sites: str) -> Service:
    path = folder / "blueprint.yaml"
    path.write_text(BLUEPRINT.format(url=url, measures=measures, sites=sites), encoding="utf-8")
    return Service.from_blueprint(load_blueprint(path), in_memory=True)


def expected(measures: pd.DataFrame, sites: pd.DataFrame) -> dict[str, object]:
    joined = measures.merge(sites[sites["site_id"] != "S9"], on="site_id", how="left")
    october = joined[
        (joined["start_datetime"] >= "2026-03-01") & (joined["start_datetime"] < "2026-04-01")
    ]
    return {
        "total": float(measures["count"].sum()),
        "busy": float((measures["count"] >= 50).mean()),
        "by_zone": joined.groupby("zone", dropna=False)["count"].sum(),
        "march_port": float(october.loc[october["zone"] == "port", "count"].sum()),
        "by_month": measures.groupby(measures["start_datetime"].dt.to_period("M").dt.start_time)[
            "count"
        ].sum(),
    }


def check_service(service: Service, want: dict[str, object]) -> None:
    assert service.compute("total")["total"].iloc[0] == pytest.approx(want["total"])
    assert service.compute("busy")["busy"].iloc[0] == pytest.approx(want["busy"])
    by_zone = service.compute("total", by="sites.zone")
    zones = want["by_zone"]
    assert dict(
        zip(by_zone["sites.zone"].fillna("∅"), by_zone["total"], strict=True)
    ) == pytest.approx(
        {("∅" if pd.isna(k) else k): float(v) for k, v in zones.items()}  # type: ignore[union-attr]
    )
    march = service.compute(
        "total", filters={"period": ["2026-03-01", "2026-03-31"], "zone": ["port"]}
    )
    assert march["total"].iloc[0] == pytest.approx(want["march_port"])
    by_month = service.compute("total", by="month(start_datetime)")
    months = want["by_month"]
    assert list(pd.to_datetime(by_month.iloc[:, 0])) == list(months.index)  # type: ignore[union-attr]
    assert np.allclose(by_month["total"], months.to_numpy(dtype=float))  # type: ignore[union-attr]


def test_sqlite_file(tmp_path: Path) -> None:
    measures, sites = frames()
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'comptages.sqlite'}")
    measures.to_sql("measures", engine, index=False)
    sites.to_sql("sites", engine, index=False)
    engine.dispose()
    with write_blueprint(tmp_path, "sqlite:///comptages.sqlite", "measures", "sites") as service:
        check_service(service, expected(measures, sites))


def test_median_in_sqlite_is_refused_with_a_message() -> None:
    with pytest.raises(QueryError) as caught:
        measure(parse_measure("median(count)"), lambda c: sa.column(c.name), "sqlite")
    assert caught.value.code == "median_unsupported"
    assert "sqlite" in caught.value.message("fr")


def test_sqlite_is_opened_read_only(tmp_path: Path) -> None:
    measures, sites = frames(100)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    measures.to_sql("measures", engine, index=False)
    sites.to_sql("sites", engine, index=False)
    with write_blueprint(tmp_path, "sqlite:///db.sqlite", "measures", "sites") as service:
        remote = service.table("measures").engine
        with pytest.raises(sa.exc.OperationalError), remote.begin() as conn:
            conn.execute(sa.text("DELETE FROM measures"))
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM measures")).scalar() == 100


def test_duckdb_file(tmp_path: Path) -> None:
    measures, sites = frames()
    con = duckdb.connect(str(tmp_path / "comptages.duckdb"))
    con.execute("CREATE SCHEMA compteurs")
    con.register("m", measures)
    con.register("s", sites)
    con.execute("CREATE TABLE compteurs.measures AS SELECT * FROM m")
    con.execute("CREATE TABLE compteurs.sites AS SELECT * FROM s")
    con.close()
    with write_blueprint(
        tmp_path, "duckdb:///comptages.duckdb", "compteurs.measures", "compteurs.sites"
    ) as service:
        check_service(service, expected(measures, sites))


def test_missing_environment_variable_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_SUCH_DB_URL", raising=False)
    service = write_blueprint(tmp_path, "${NO_SUCH_DB_URL}", "measures", "sites")
    with service, pytest.raises(QueryError) as caught:
        service.compute("total")
    assert caught.value.code == "env_var_missing"
    assert "NO_SUCH_DB_URL" in caught.value.message("fr")


@pytest.fixture
def pg_schema(pg_url: str) -> Iterator[tuple[sa.Engine, str]]:
    engine = sa.create_engine(pg_url)
    schema = f"dc_test_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield engine, schema
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def test_postgresql_runs_the_aggregation_and_returns_only_aggregates(
    tmp_path: Path, pg_schema: tuple[sa.Engine, str], monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    engine, schema = pg_schema
    measures, sites = frames()
    measures.to_sql("measures", engine, schema=schema, index=False)
    sites.to_sql("sites", engine, schema=schema, index=False)
    monkeypatch.setenv("DC_TEST_PG", pg_url)
    service = write_blueprint(tmp_path, "${DC_TEST_PG}", f"{schema}.measures", f"{schema}.sites")
    with service:
        check_service(service, expected(measures, sites))
        remote = service.table("measures").engine
        assert remote.dialect.name == "postgresql"
        fetched: list[int] = []
        statements: list[str] = []

        @sa.event.listens_for(remote, "after_cursor_execute")
        def count_rows(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            statements.append(statement)
            fetched.append(cursor.rowcount)

        by_site = service.compute("total", by="sites.site_name")
        assert len(by_site) == 10  # nine named sites plus the rows of S9 (filtered out of `sites`)
        assert sum(fetched) == len(by_site)  # 10 rows travelled back, not 20,000
        assert "GROUP BY" in statements[-1] and "sum(" in statements[-1].lower()
        # The median is PostgreSQL's own percentile_cont.
        column = service.table("measures").selectable.c
        median = measure(parse_measure("median(count)"), lambda c: column[c.name], "postgresql")
        with remote.connect() as conn:
            value = conn.execute(sa.select(median)).scalar()
        assert float(value) == pytest.approx(float(measures["count"].median()))


def test_postgresql_sessions_are_read_only(
    tmp_path: Path, pg_schema: tuple[sa.Engine, str], monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    engine, schema = pg_schema
    measures, sites = frames(50)
    measures.to_sql("measures", engine, schema=schema, index=False)
    sites.to_sql("sites", engine, schema=schema, index=False)
    monkeypatch.setenv("DC_TEST_PG", pg_url)
    with write_blueprint(
        tmp_path, "${DC_TEST_PG}", f"{schema}.measures", f"{schema}.sites"
    ) as service:
        remote = service.table("measures").engine
        with pytest.raises(sa.exc.DBAPIError) as caught, remote.begin() as conn:
            conn.execute(sa.text(f'DELETE FROM "{schema}".measures'))
        assert "read-only" in str(caught.value)
