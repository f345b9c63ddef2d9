"""The honesty checks: placebo and pre-trend flag a diverging series, not a clean one."""

from __future__ import annotations

from experiment_series import generated

from datacites_proto.engine.experiments.analysis import analyse
from datacites_proto.engine.experiments.calendar import covariates
from datacites_proto.engine.experiments.checks import min_periods, periods_check


def _analyse(drift: float, seed: int = 11):
    # Two years of baseline: with a month adjustment, a month seen once in the baseline
    # cannot be told from a trend, and the checks would have little power.
    treated, control, after = generated(seed, 40.0, days_before=730, drift=drift)
    cov = covariates(treated.index, "day", ["weekday", "month", "holidays"], "29233")
    return analyse(treated, control, after, cov, "day")


def test_a_clean_series_passes_every_check() -> None:
    for seed in (11, 12, 13):
        result = _analyse(0.0, seed)
        assert [v.code for v in result.verdicts] == ["periods", "placebo", "pre_trend"]
        assert all(v.passed for v in result.verdicts), result.verdicts
        assert result.reasons == []


def test_a_diverging_pre_trend_fails_the_placebo_and_the_pre_trend() -> None:
    # The treated site grows by 0.1 a day more than the control (36 a year).
    result = _analyse(0.1)
    verdicts = {v.code: v for v in result.verdicts}
    assert not verdicts["placebo"].passed
    assert verdicts["placebo"].params["ci_low"] > 0  # a "rise" halfway through the baseline
    assert not verdicts["pre_trend"].passed
    assert verdicts["pre_trend"].params["p_value"] < 0.05
    assert verdicts["pre_trend"].params["slope"] > 0
    assert [r.code for r in result.reasons] == [
        "experiment_placebo_failed",
        "experiment_pre_trend_failed",
    ]


def test_four_weeks_either_side_converted_by_grain() -> None:
    assert [min_periods(g) for g in ("day", "week", "month")] == [28, 4, 1]
    assert periods_check(28, 28, "day").passed
    assert not periods_check(28, 27, "day").passed
    assert not periods_check(3, 10, "week").passed
