"""Time coverage: first and last day of data, days without rows, and whether a period is
covered well enough to be compared (real DuckDB data with gaps at both ends and inside)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from datacites_proto.engine import coverage
from datacites_proto.engine.coverage import MAX_MISSING_SHARE, Coverage
from datacites_proto.engine.filters import Period
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service

BLUEPRINT = """\
datacites: 1
service: {id: couverture, title: Couverture}
datasets:
  hourly:
    source: {type: csv, path: hourly.csv}
    columns: {start_datetime: datetime, count: integer}
  daily:
    source: {type: csv, path: daily.csv}
    columns: {day: date, amount: number}
  prive:
    source: {type: csv, path: daily.csv}
    columns: {day: date, amount: number}
    governance: {access: restricted}
  small:
    source: {type: csv, path: small.csv}
    governance: {min_group_size: 3}
  shared:
    source: {type: csv, path: shared.csv}
    columns: {day: date, zone: string}
    governance: {producer: Opérateur, access: shared, min_group_size: 3}
indicators:
  passages: {label: Passages, dataset: hourly, measure: sum(count)}
  heures: {label: Heures, dataset: hourly, measure: count(*)}
  montant: {label: Montant, dataset: daily, measure: sum(amount)}
  par_heure: {label: Par heure, formula: passages / heures}
  evenements: {label: Événements, dataset: shared, measure: count(*)}
  petits: {label: Petits, dataset: small, measure: count(*)}
filters:
  periode: {type: date_range, column: hourly.start_datetime, default: last_30_days}
  jour: {type: date_range, column: daily.day, default: all}
  mois: {type: date_range, column: shared.day, default: all}
pages:
  - title: Accueil
    views:
      - {type: kpi, indicator: passages, compare: previous_period}
      - {type: kpi, indicator: montant, compare: previous_period}
      - {type: kpi, indicator: evenements}
"""

# Hourly counts from 1 March to 30 June 2026; 10 to 21 May have no row, except one hour
# on 15 May: a day with a single row is covered, a day with none is a gap (11 days).
HOURLY_FIRST, HOURLY_LAST = dt.date(2026, 3, 1), dt.date(2026, 6, 30)
HOURLY_GAP = [dt.date(2026, 5, d) for d in range(10, 22) if d != 15]
# Daily amounts from 1 January to 30 April 2026, none from 1 to 5 February (5 days).
DAILY_FIRST, DAILY_LAST = dt.date(2026, 1, 1), dt.date(2026, 4, 30)
DAILY_GAP = [dt.date(2026, 2, d) for d in range(1, 6)]


def write_project(folder: Path) -> Path:
    hours = pd.date_range(HOURLY_FIRST, HOURLY_LAST + dt.timedelta(days=1), freq="h")[:-1]
    hours = hours[~pd.Index(hours.date).isin(HOURLY_GAP)]
    hours = hours[~((hours.date == dt.date(2026, 5, 15)) & (hours.hour != 23))]
    hourly = pd.DataFrame({"start_datetime": hours, "count": 2})
    hourly.to_csv(folder / "hourly.csv", index=False, date_format="%Y-%m-%dT%H:%M:%S")
    days = pd.date_range(DAILY_FIRST, DAILY_LAST, freq="D")
    days = days[~pd.Index(days.date).isin(DAILY_GAP)]
    pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "amount": 1.5}).to_csv(
        folder / "daily.csv", index=False
    )
    # A shared dataset with rows on 10 March and 20 May only: public pages see months.
    shared = pd.DataFrame({"day": ["2026-03-10"] * 5 + ["2026-05-20"] * 5, "zone": "nord"})
    shared.to_csv(folder / "shared.csv", index=False)
    pd.DataFrame({"zone": ["a"] * 5 + ["b"] * 6 + ["d"] * 7 + ["c"] * 2}).to_csv(
        folder / "small.csv", index=False
    )
    path = folder / "blueprint.yaml"
    path.write_text(BLUEPRINT, encoding="utf-8")
    return path


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    with Service.from_blueprint(write_project(tmp_path), in_memory=True) as svc:
        yield svc


def may(start: int, end: int) -> Period:
    return Period(dt.date(2026, 5, start), dt.date(2026, 5, end))


# Hourly data ---------------------------------------------------------------------------


def test_hourly_coverage_knows_first_and_last_day_and_empty_days(service: Service) -> None:
    found = service.coverage("hourly", "start_datetime")
    assert (found.first, found.last) == (HOURLY_FIRST, HOURLY_LAST)
    assert found.missing_days(may(1, 31)) == len(HOURLY_GAP) == 11
    assert found.has(dt.date(2026, 5, 15))  # one hour of data: not a gap
    assert not found.has(dt.date(2026, 5, 14))


def test_previous_period_covered_or_not(service: Service) -> None:
    april = Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert service.period_completeness("periode", april).complete
    assert service.period_completeness("periode", april.previous()).complete  # 2-31 March
    june = Period(dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    assert service.period_completeness("periode", june).complete
    previous = service.period_completeness("periode", june.previous())  # 1-31 May
    assert previous.reason == coverage.GAPS and previous.missing == 11


def test_previous_period_before_the_first_day_of_data(service: Service) -> None:
    march = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert service.period_completeness("periode", march).complete
    verdict = service.period_completeness("periode", march.previous())
    assert verdict.reason == coverage.DATA_SINCE
    assert verdict.first == HOURLY_FIRST
    # Only one day before the data is enough to refuse the comparison.
    late = Period(dt.date(2026, 2, 28), dt.date(2026, 3, 29))
    assert service.period_completeness("periode", late).reason == coverage.DATA_SINCE


def test_current_period_after_the_last_day_of_data(service: Service) -> None:
    verdict = service.period_completeness(
        "periode", Period(dt.date(2026, 6, 15), dt.date(2026, 7, 14))
    )
    assert verdict.reason == coverage.DATA_UNTIL
    assert verdict.last == HOURLY_LAST


def test_gaps_inside_a_period_above_the_threshold(service: Service) -> None:
    verdict = service.period_completeness("periode", may(1, 31))
    assert verdict.reason == coverage.GAPS
    assert verdict.missing == 11 and verdict.share > MAX_MISSING_SHARE
    # 19 May to 18 June: 19, 20 and 21 May empty, 3 days of 31 (9.7 %): still compared.
    below = service.period_completeness(
        "periode", Period(dt.date(2026, 5, 19), dt.date(2026, 6, 18))
    )
    assert below.complete and below.missing == 3
    # 4 empty days of 31 (12.9 %) are too many.
    above = service.period_completeness(
        "periode", Period(dt.date(2026, 5, 18), dt.date(2026, 6, 17))
    )
    assert above.reason == coverage.GAPS and above.missing == 4


# Daily data ----------------------------------------------------------------------------


def test_daily_coverage_with_a_gap_inside(service: Service) -> None:
    found = service.coverage("daily", "day")
    assert (found.first, found.last) == (DAILY_FIRST, DAILY_LAST)
    february = Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    verdict = service.period_completeness("jour", february)
    assert verdict.reason == coverage.GAPS and verdict.missing == 5
    march = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert service.period_completeness("jour", march).complete
    assert service.period_completeness("jour", march.year_before()).reason == coverage.DATA_SINCE
    april_may = Period(dt.date(2026, 4, 15), dt.date(2026, 5, 14))
    assert service.period_completeness("jour", april_may).reason == coverage.DATA_UNTIL


def test_the_filter_that_sets_an_indicator_period(service: Service) -> None:
    values = {"periode": "last_30_days", "jour": None}
    assert service.date_filter("passages", values) == "periode"
    assert service.date_filter("montant", values) is None  # `jour` has no value
    assert service.date_filter("montant", {"jour": ["2026-03-01", "2026-03-31"]}) == "jour"


# Governed: public pages know a shared dataset by whole months -----------------------------


def test_public_coverage_of_a_shared_dataset_is_by_month(service: Service) -> None:
    team = service.coverage("shared", "day", audience="team")
    assert (team.first, team.last, team.grain) == (
        dt.date(2026, 3, 10),
        dt.date(2026, 5, 20),
        "day",
    )
    service.compute("evenements", filters={"mois": ["2026-03-01", "2026-05-31"]})
    public = service.coverage("shared", "day")
    assert public.grain == "month"
    assert (public.first, public.last) == (dt.date(2026, 3, 1), dt.date(2026, 5, 31))
    assert public.has(dt.date(2026, 3, 1)) and not public.has(dt.date(2026, 4, 15))


def test_public_coverage_of_a_restricted_dataset_is_refused(service: Service) -> None:
    with pytest.raises(QueryError):
        service.coverage("prive", "day")
    assert service.coverage("prive", "day", audience="team").last == DAILY_LAST


# Cached per data version ---------------------------------------------------------------------


def test_coverage_is_cached_and_read_again_after_refresh(service: Service, tmp_path: Path) -> None:
    first = service.coverage("daily", "day")
    assert service.coverage("daily", "day") is first
    extra = pd.DataFrame({"day": ["2026-05-01"], "amount": [1.0]})
    extra.to_csv(tmp_path / "daily.csv", mode="a", header=False, index=False)
    service.refresh()
    assert service.coverage("daily", "day").last == dt.date(2026, 5, 1)


# The rule alone -------------------------------------------------------------------------


def test_the_rule_on_a_coverage_without_data() -> None:
    empty = Coverage.of(None, None, [])
    assert empty.completeness(may(1, 7)).reason == coverage.NO_DATA


def test_the_reasons_in_order() -> None:
    days = [dt.date(2026, 5, d) for d in range(1, 32) if d not in (10, 11)]
    found = Coverage.of(dt.date(2026, 5, 1), dt.date(2026, 5, 31), days)
    assert found.completeness(Period(dt.date(2026, 4, 30), dt.date(2026, 6, 1))).reason == (
        coverage.DATA_SINCE
    )
    assert found.completeness(may(5, 14)).reason == coverage.GAPS  # 2 of 10 days
    assert found.completeness(may(1, 31)).complete  # 2 of 31 days
    assert found.completeness(may(1, 31), max_missing_share=0.05).reason == coverage.GAPS


# Integer measures are integers ------------------------------------------------------------


def test_counts_and_integer_sums_are_integers(service: Service) -> None:
    june = {"periode": ["2026-06-01", "2026-06-30"]}
    total = service.compute("passages", filters=june)["passages"]
    assert total.dtype == "int64" and total.iloc[0] == 30 * 24 * 2
    by_day = service.compute("heures", by="day(start_datetime)", filters=june)["heures"]
    assert by_day.dtype == "int64" and set(by_day) == {24}
    assert service.compute("montant")["montant"].dtype == "float64"  # a sum of decimals
    assert service.compute("par_heure", filters=june)["par_heure"].iloc[0] == pytest.approx(2.0)


def test_hidden_integer_cells_are_missing_integers(service: Service) -> None:
    # Zone « c » has 2 rows, under the group size of 3: hidden (with another, so that it
    # cannot be deduced), as Int64's missing value; the other cells stay whole numbers.
    result = service.result("petits", by="zone", audience="team")
    assert result.frame["petits"].dtype == "Int64"
    cells = zip(result.frame["petits"], result.counts, result.suppressed, strict=True)
    for value, count, hidden in cells:
        assert value is pd.NA if hidden else value == count
    assert result.suppressed.sum() == 2


# A sql source: the days are counted in its own database -------------------------------------

SQL_BLUEPRINT = """\
datacites: 1
service: {{id: couverture-sql, title: Couverture SQL}}
datasets:
  measures:
    source: {{type: sql, url: "sqlite:///{path}", table: measures}}
    columns: {{start_datetime: datetime}}
indicators:
  n: {{label: Mesures, dataset: measures, measure: count(*)}}
filters:
  periode: {{type: date_range, column: measures.start_datetime}}
pages:
  - title: Accueil
    views: [{{type: kpi, indicator: n, compare: previous_period}}]
"""


def test_coverage_of_a_sqlite_source(tmp_path: Path) -> None:
    hours = pd.date_range("2026-03-01", "2026-03-31 23:00", freq="h")
    hours = hours[(hours.day < 10) | (hours.day > 13)]  # 10 to 13 March: no row
    database = tmp_path / "mesures.sqlite"
    frame = pd.DataFrame({"start_datetime": hours.strftime("%Y-%m-%d %H:%M:%S")})
    frame.to_sql("measures", f"sqlite:///{database}", index=False)
    (tmp_path / "blueprint.yaml").write_text(
        SQL_BLUEPRINT.format(path=database.name), encoding="utf-8"
    )
    with Service.from_blueprint(tmp_path / "blueprint.yaml", in_memory=True) as service:
        found = service.coverage("measures", "start_datetime")
        assert (found.first, found.last) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        verdict = service.period_completeness(
            "periode", Period(dt.date(2026, 3, 8), dt.date(2026, 3, 21))
        )
        assert verdict.reason == coverage.GAPS and verdict.missing == 4
        assert service.compute("n")["n"].tolist() == [len(hours)]
        assert service.compute("n")["n"].dtype == "int64"
