"""Time grains, shares and medians of a `sql` source, computed by the real database
(DuckDB, SQLite, PostgreSQL) and compared with the same figures computed in Python."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from datacites_proto import load_blueprint
from datacites_proto.engine.histogram import histogram
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service

BLUEPRINT = """\
datacites: 1
service: {{id: essai-dialectes, title: Essai des dialectes}}
datasets:
  passages:
    source: {{type: sql, url: "{url}", table: {table}}}
    columns: {{at: datetime, day: date, duree: number, genre: string}}
indicators:
  n: {{label: Passages, dataset: passages, measure: "count(*)"}}
  longs: {{label: Longs, dataset: passages, measure: share(duree >= 50)}}
  velos: {{label: Vélos, dataset: passages, measure: "share(genre = 'velo')"}}
  temps_median: {{label: Durée médiane, dataset: passages, measure: median(duree)}}
filters:
  periode: {{type: date_range, column: passages.at}}
  jours: {{type: date_range, column: passages.day}}
pages:
  - title: Accueil
    views: [{{type: kpi, indicator: n}}]
"""

GRAINS = ["hour", "day", "week", "month", "year", "weekday", "hour_of_day"]
DATE_GRAINS = ["day", "week", "month", "year", "weekday"]


def rows(count: int = 3_000, seed: int = 17) -> pd.DataFrame:
    """Passages over a New Year (ISO weeks across it), every hour and weekday, with
    missing durations and an even number of values in some groups."""
    rng = np.random.default_rng(seed)
    start = dt.datetime(2025, 12, 15)
    minutes = rng.integers(0, 60 * 24 * 75, count)
    at = [start + dt.timedelta(minutes=int(m)) for m in minutes]
    duree = rng.integers(0, 200, count) / 2.0  # halves: medians between two values show
    duree[rng.random(count) < 0.05] = np.nan
    return pd.DataFrame(
        {
            "at": at,
            "day": [a.date() for a in at],
            "duree": duree,
            "genre": rng.choice(["velo", "pieton", "trottinette"], count),
        }
    )


def key(grain: str, stamp: pd.Series) -> pd.Series:
    """The grain of each timestamp, computed in Python."""
    stamp = pd.to_datetime(stamp)
    if grain == "hour":
        return stamp.dt.floor("h")
    if grain == "day":
        return stamp.dt.normalize()
    if grain == "week":
        return stamp.dt.normalize() - pd.to_timedelta(stamp.dt.day_of_week, unit="D")
    if grain == "month":
        return stamp.dt.to_period("M").dt.start_time
    if grain == "year":
        return stamp.dt.to_period("Y").dt.start_time
    if grain == "weekday":
        return stamp.dt.day_of_week + 1  # ISO: Monday 1 … Sunday 7
    assert grain == "hour_of_day"
    return stamp.dt.hour


def as_key(grain: str, value: object) -> object:
    """A key as the database returned it (date, datetime, text or number), comparable."""
    if grain in ("weekday", "hour_of_day"):
        return int(value)  # type: ignore[call-overload]
    return pd.Timestamp(value)  # type: ignore[arg-type]


def by_grain(service: Service, indicator: str, by: str, **kw: object) -> dict[object, float]:
    frame = service.compute(indicator, by=by, audience="team", **kw)  # type: ignore[arg-type]
    grain = by.split("(")[0]
    return {as_key(grain, k): float(v) for k, v in zip(frame[by], frame[indicator], strict=True)}


Maker = Callable[[Path, pd.DataFrame], tuple[str, str]]


def sqlite_db(folder: Path, frame: pd.DataFrame) -> tuple[str, str]:
    engine = sa.create_engine(f"sqlite:///{folder / 'passages.sqlite'}")
    frame.to_sql("passages", engine, index=False)
    engine.dispose()
    return "sqlite:///passages.sqlite", "passages"


def duckdb_db(folder: Path, frame: pd.DataFrame) -> tuple[str, str]:
    con = duckdb.connect(str(folder / "passages.duckdb"))
    con.register("frame", frame)
    con.execute("CREATE TABLE passages AS SELECT * FROM frame")
    con.close()
    return "duckdb:///passages.duckdb", "passages"


@pytest.fixture
def pg_db(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Maker]:
    engine = sa.create_engine(pg_url)
    schema = f"dc_dialect_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    monkeypatch.setenv("DC_TEST_PG", pg_url)

    def make(folder: Path, frame: pd.DataFrame) -> tuple[str, str]:
        frame.to_sql("passages", engine, schema=schema, index=False)
        return "${DC_TEST_PG}", f"{schema}.passages"

    try:
        yield make
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["duckdb", "sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> tuple[str, Maker]:
    if request.param == "postgresql":
        return "postgresql", request.getfixturevalue("pg_db")
    return request.param, {"duckdb": duckdb_db, "sqlite": sqlite_db}[request.param]


@pytest.fixture
def passages(
    tmp_path: Path, database: tuple[str, Maker]
) -> Iterator[tuple[str, Service, pd.DataFrame]]:
    name, make = database
    frame = rows()
    url, table = make(tmp_path, frame)
    path = tmp_path / "blueprint.yaml"
    path.write_text(BLUEPRINT.format(url=url, table=table), encoding="utf-8")
    with Service.from_blueprint(load_blueprint(path), in_memory=True) as service:
        assert service.table("passages").engine.dialect.name == name  # the real database
        yield name, service, frame


@pytest.mark.parametrize("grain", GRAINS)
def test_every_grain_of_a_datetime_counts_as_python_does(
    passages: tuple[str, Service, pd.DataFrame], grain: str
) -> None:
    _, service, frame = passages
    got = by_grain(service, "n", f"{grain}(at)")
    want = frame.groupby(key(grain, frame["at"])).size()
    assert got == {k: float(v) for k, v in want.items()}


@pytest.mark.parametrize("grain", DATE_GRAINS)
def test_every_grain_of_a_date_counts_as_python_does(
    passages: tuple[str, Service, pd.DataFrame], grain: str
) -> None:
    _, service, frame = passages
    got = by_grain(service, "n", f"{grain}(day)")
    want = frame.groupby(key(grain, frame["day"])).size()
    assert got == {k: float(v) for k, v in want.items()}


def test_weekday_is_iso_and_hour_of_day_covers_the_day(
    passages: tuple[str, Service, pd.DataFrame],
) -> None:
    _, service, frame = passages
    weekdays = by_grain(service, "n", "weekday(at)")
    assert sorted(weekdays) == [1, 2, 3, 4, 5, 6, 7]
    sundays = frame["at"].map(lambda a: a.isoweekday() == 7).sum()
    assert weekdays[7] == sundays  # Sunday is 7, not 0 or 1
    assert sorted(by_grain(service, "n", "hour_of_day(at)")) == list(range(24))


@pytest.mark.parametrize("indicator", ["longs", "velos"])
def test_shares_by_week_as_python_computes_them(
    passages: tuple[str, Service, pd.DataFrame], indicator: str
) -> None:
    _, service, frame = passages
    hit = frame["duree"] >= 50 if indicator == "longs" else frame["genre"] == "velo"
    want = hit.groupby(key("week", frame["at"])).mean()
    got = by_grain(service, indicator, "week(at)")
    assert got == pytest.approx({k: float(v) for k, v in want.items()}, abs=1e-12)
    whole = service.compute(indicator, audience="team")[indicator].iloc[0]
    assert whole == pytest.approx(float(hit.mean()), abs=1e-12)


def test_median_by_weekday_or_a_clear_refusal(
    passages: tuple[str, Service, pd.DataFrame],
) -> None:
    name, service, frame = passages
    if name == "sqlite":
        with pytest.raises(QueryError) as caught:
            service.compute("temps_median", audience="team")
        assert caught.value.code == "median_unsupported"
        fr, en = caught.value.message("fr"), caught.value.message("en")
        assert "« temps_median »" in fr and "sqlite" in fr and "mean()" in fr
        assert "'temps_median'" in en and "sqlite" in en and "mean()" in en
        return
    want = frame.groupby(key("weekday", frame["at"]))["duree"].median()
    got = by_grain(service, "temps_median", "weekday(at)")
    assert got == pytest.approx({k: float(v) for k, v in want.items()}, abs=1e-12)
    # Some weekday has an even number of durations: its median is the mean of two values.
    assert (frame.groupby(key("weekday", frame["at"]))["duree"].count() % 2 == 0).any()
    whole = service.compute("temps_median", audience="team")["temps_median"].iloc[0]
    assert whole == pytest.approx(float(frame["duree"].median()))


def test_date_range_filters_on_datetimes_and_dates(
    passages: tuple[str, Service, pd.DataFrame],
) -> None:
    _, service, frame = passages
    week = ["2025-12-29", "2026-01-04"]  # an ISO week across New Year, both ends included
    inside = frame[(frame["day"] >= dt.date(2025, 12, 29)) & (frame["day"] <= dt.date(2026, 1, 4))]
    for f_id in ("periode", "jours"):
        got = service.compute("n", filters={f_id: week}, audience="team")["n"].iloc[0]
        assert got == len(inside)
    by_day = by_grain(service, "n", "day(at)", filters={"periode": week})
    assert by_day == {
        k: float(v) for k, v in inside.groupby(key("day", inside["at"])).size().items()
    }


def test_a_database_lacking_a_function_is_named_with_the_indicator(tmp_path: Path) -> None:
    # A real SQLite database taken for one the engine does not know: it gets the ANSI
    # words (date_trunc, percentile_cont), which SQLite lacks, and refuses the query.
    url, table = sqlite_db(tmp_path, rows(50))
    path = tmp_path / "blueprint.yaml"
    path.write_text(BLUEPRINT.format(url=url, table=table), encoding="utf-8")
    with Service.from_blueprint(load_blueprint(path), in_memory=True) as service:
        service.table("passages").engine.dialect.name = "mystery"
        for indicator, by in (("n", "day(at)"), ("temps_median", None)):
            with pytest.raises(QueryError) as caught:
                service.compute(indicator, by=by, audience="team")
            assert caught.value.code == "indicator_query_failed"
            fr, en = caught.value.message("fr"), caught.value.message("en")
            assert f"La base mystery a refusé le calcul de l'indicateur « {indicator} »" in fr
            assert f"The mystery database refused to compute the indicator '{indicator}'" in en
            assert "date_trunc" in fr and "lisez les données depuis un fichier" in fr
        assert "no such function: date_trunc" in service_message(service, "n", "day(at)")


def service_message(service: Service, indicator: str, by: str) -> str:
    with pytest.raises(QueryError) as caught:
        service.compute(indicator, by=by, audience="team")
    return caught.value.message("en")


@pytest.mark.parametrize("bins", [7, 20])
def test_histogram_bins_count_as_python_does(
    passages: tuple[str, Service, pd.DataFrame], bins: int
) -> None:
    _, service, frame = passages
    drawn = histogram(service, "passages", "duree", bins=bins, audience="team").frame
    values = frame["duree"].dropna()
    want = []
    for i, (start, end) in enumerate(zip(drawn["start"], drawn["end"], strict=True)):
        last = i == len(drawn) - 1
        want.append(int(((values >= start) & ((values <= end) if last else (values < end))).sum()))
    assert list(drawn["n"]) == want
    assert sum(want) == len(values)
