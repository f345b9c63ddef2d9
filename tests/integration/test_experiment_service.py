"""`Service.experiment()` end to end: CSV files, the embedded DuckDB, the estimate and checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from datacites_proto import load_blueprint
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service

BLUEPRINT = """\
datacites: 1
service: {id: essai-exp, title: Essai, territory: {name: Strasbourg, insee: "67482"}}
datasets:
  sites:
    source: {type: csv, path: sites.csv}
    columns: {site_id: string, site_name: string, zone: string}
    key: site_id
  measures:
    source: {type: csv, path: measures.csv}
    columns: {site_id: string, day: date, count: integer}
    governance: {access: shared, min_group_size: 3}
relations:
  - measures.site_id -> sites.site_id
indicators:
  passages: {label: Passages, dataset: measures, measure: sum(count), unit: passages}
  mean_count: {label: Moyenne, dataset: measures, measure: mean(count)}
filters:
  site: {type: select, column: sites.site_name}
experiments:
  savary:
    title: Piétonnisation de la rue Savary
    indicator: passages
    intervention: 2026-06-01
    treated: "sites.site_name = 'Rue Savary'"
    control: "sites.site_name in ('Rue Alpha', 'Rue Beta')"
    adjust_for: [weekday, holidays]
  savary_its:
    title: Sans témoin
    indicator: passages
    intervention: 2026-06-01
    treated: {site: Rue Savary}
    adjust_for: [weekday]
  savary_weekly:
    title: Par semaine
    indicator: passages
    intervention: 2026-06-01
    treated: {site: Rue Savary}
    control: {site: [Rue Alpha, Rue Beta]}
    grain: week
  savary_mean:
    title: Moyenne
    indicator: mean_count
    intervention: 2026-06-01
    treated: "sites.site_name = 'Rue Savary'"
  later:
    title: À venir
    indicator: passages
    intervention: 2026-09-15
    treated: "sites.site_name = 'Rue Savary'"
    status: planned
pages:
  - title: Accueil
    views: [{type: kpi, indicator: passages}]
"""

SITES = {"s1": "Rue Savary", "s2": "Rue Alpha", "s3": "Rue Beta", "s4": "Rue Gamma"}
START, END = dt.date(2026, 1, 1), dt.date(2026, 8, 31)
INTERVENTION = dt.date(2026, 6, 1)
EFFECT = 60.0
MISSING_DAY = dt.date(2026, 3, 10)  # no row for Rue Savary that day: 0 passages, not missing


def measures(seed: int = 5) -> pd.DataFrame:
    """Daily counts per site; Rue Savary gains EFFECT a day from the intervention."""
    rng = np.random.default_rng(seed)
    days = pd.date_range(START, END, freq="D")
    weekday = np.array([0, 5, 10, 15, 40, 80, -30])[days.day_of_week]
    common = rng.normal(0, 10, len(days))
    rows = []
    for site, level in zip(SITES, (400, 300, 250, 200), strict=True):
        noise = rng.normal(0, 12, len(days))
        counts = level + weekday + common + noise
        if site == "s1":
            counts = counts + EFFECT * (days >= pd.Timestamp(INTERVENTION))
        for day, count in zip(days, counts, strict=True):
            if site == "s1" and day.date() == MISSING_DAY:
                continue
            rows.append((site, day.date().isoformat(), round(count)))
    return pd.DataFrame(rows, columns=["site_id", "day", "count"])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("experiment")
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    pd.DataFrame(
        {"site_id": list(SITES), "site_name": list(SITES.values()), "zone": ["c", "c", "n", "n"]}
    ).to_csv(folder / "sites.csv", index=False)
    measures().to_csv(folder / "measures.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def service(project: Path):  # type: ignore[no-untyped-def]
    with Service.from_blueprint(load_blueprint(project / "blueprint.yaml"), in_memory=True) as svc:
        yield svc


def test_difference_in_differences_finds_the_known_effect(service: Service) -> None:
    result = service.experiment("savary")
    assert result.method == "did" and result.grain == "day" and result.status == "running"
    assert result.ci_low < EFFECT < result.ci_high
    assert result.ci_low > 0 and result.p_value < 0.05
    # Every day of June 1 – August 31 after; as many days before (the default baseline).
    assert result.periods_after == 92 and result.periods_before == 92
    assert result.after_start == INTERVENTION and result.after_end == END
    assert result.baseline_start == INTERVENTION - dt.timedelta(days=92)
    assert result.baseline_end == INTERVENTION - dt.timedelta(days=1)
    after = result.series[result.series["after"]]
    counterfactual = after["treated"].mean() - result.effect
    assert result.percent == pytest.approx(result.effect / counterfactual)
    assert result.percent_low < result.percent < result.percent_high
    assert result.trustworthy, result.reasons
    assert [v.code for v in result.checks] == ["periods", "placebo", "pre_trend"]
    assert result.days_needed == 0
    # The measures are shared: fine for the team, said for public pages.
    assert result.shared_datasets == ("measures",)
    assert "experiment_shared_dataset" in [n.code for n in result.notes]


def test_the_series_are_the_data_aggregated_by_day(service: Service, project: Path) -> None:
    result = service.experiment("savary")
    raw = pd.read_csv(project / "measures.csv", parse_dates=["day"])
    window = raw[raw["day"] >= pd.Timestamp(result.baseline_start)]
    treated = window[window["site_id"] == "s1"].groupby("day")["count"].sum()
    control = window[window["site_id"].isin(["s2", "s3"])].groupby("day")["count"].sum()
    series = result.series.set_index("period")
    assert series["control"].to_dict() == control.astype(float).to_dict()
    # Rue Savary has no row on one day of the window? Then 0 there (a sum counts nothing).
    expected = treated.reindex(series.index, fill_value=0).astype(float)
    assert series["treated"].to_dict() == expected.to_dict()


def test_an_empty_day_is_zero_for_a_sum_and_dropped_for_a_mean(service: Service) -> None:
    total = service.experiment("savary")
    assert total.additive is True
    day = pd.Timestamp(MISSING_DAY)
    assert total.series.set_index("period").loc[day, "treated"] == 0.0
    mean = service.experiment("savary_mean")
    assert mean.additive is False
    # A mean over no rows has no value: the day is missing, and left out of the fit.
    assert np.isnan(mean.series.set_index("period").loc[day, "treated"])
    assert mean.periods_before == total.periods_before - 1


def test_interrupted_time_series_with_filter_values(service: Service) -> None:
    result = service.experiment("savary_its")
    assert result.method == "its"
    assert result.series["control"].isna().all()
    assert result.ci_low < EFFECT < result.ci_high


def test_weekly_grain_keeps_whole_weeks_only(service: Service) -> None:
    result = service.experiment("savary_weekly")
    periods = result.series["period"]
    assert (periods.dt.day_of_week == 0).all()  # weeks start on Monday
    # June 1, 2026 is a Monday: the first week after starts on it.
    assert periods[result.series["after"]].min() == pd.Timestamp(INTERVENTION)
    # The data end on Monday, August 31: that week is partial and left out.
    assert periods.max() == pd.Timestamp("2026-08-24")
    assert result.effect is not None
    # Weekly sums of the daily effect: about 7 × EFFECT.
    assert result.ci_low < 7 * EFFECT < result.ci_high


def test_a_planned_experiment_says_how_many_days_remain(service: Service) -> None:
    result = service.experiment("later")
    assert result.effect is None and not result.estimated
    # 28 days from September 15 end on October 12; the data end on August 31.
    assert result.days_needed == (dt.date(2026, 10, 12) - END).days
    assert [r.code for r in result.reasons] == ["experiment_waiting"]
    assert result.reasons[0].params["days"] == result.days_needed
    assert result.periods_after == 0 and result.periods_before > 0
    # Its baseline runs past the last day of data: days not collected yet are not zeros.
    assert result.series["period"].max() <= pd.Timestamp(END)
    assert result.periods_before == len(result.series)


def test_results_are_cached_per_data_version(service: Service) -> None:
    first = service.experiment("savary")
    assert service.experiment("savary") is first
    service.refresh()
    assert service.experiment("savary") is not first


def test_an_unknown_experiment_is_a_clear_error(service: Service) -> None:
    with pytest.raises(QueryError) as caught:
        service.experiment("savary_typo")
    assert caught.value.code == "unknown_experiment"
    assert "savary" in caught.value.params["suggestion"]
