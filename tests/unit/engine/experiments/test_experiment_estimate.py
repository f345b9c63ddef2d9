"""The estimate: coverage of the true effect over many seeds, and the same numbers as numpy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from experiment_series import generated

from datacites_proto.engine.experiments.analysis import analyse
from datacites_proto.engine.experiments.calendar import covariates
from datacites_proto.engine.experiments.estimate import hac_lags, level_change, ols_hac

SEEDS = range(60)
TRUE_EFFECT = 40.0
ADJUST = ["weekday", "month", "holidays"]


def _covariates(index: pd.DatetimeIndex) -> pd.DataFrame:
    return covariates(index, "day", ADJUST, "29233")


@pytest.mark.parametrize("method", ["did", "its"])
@pytest.mark.parametrize("effect", [TRUE_EFFECT, 0.0])
def test_the_interval_covers_the_true_effect_in_at_least_90_percent_of_seeds(
    method: str, effect: float
) -> None:
    covered = 0
    index = generated(0, effect)[0].index
    cov = _covariates(index)
    for seed in SEEDS:
        treated, control, after = generated(seed, effect)
        found = level_change(
            treated - control if method == "did" else treated,
            after,
            cov,
            float(treated[after].mean()),
        )
        covered += found.fit.ci_low <= effect <= found.fit.ci_high
    assert covered / len(SEEDS) >= 0.90, f"{covered} of {len(SEEDS)}"


def test_a_real_effect_is_found_and_said_in_percent() -> None:
    treated, control, after = generated(7, TRUE_EFFECT)
    found = level_change(
        treated - control, after, _covariates(treated.index), treated[after].mean()
    )
    assert found.fit.ci_low > 0
    counterfactual = treated[after].mean() - found.fit.estimate
    assert found.counterfactual == pytest.approx(counterfactual)
    assert found.percent == pytest.approx(found.fit.estimate / counterfactual)
    assert found.percent_low < found.percent < found.percent_high
    assert found.percent_reason is None


def test_the_point_estimate_equals_an_independent_least_squares_computation() -> None:
    treated, control, after = generated(3, TRUE_EFFECT)
    index = treated.index
    y = (treated - control).to_numpy()
    # The design by hand: intercept, after, Tuesday…Sunday, February…December, holidays.
    columns = [np.ones(len(index)), after.to_numpy(dtype=float)]
    columns += [(index.day_of_week == d).astype(float) for d in range(1, 7)]
    columns += [(index.month == m).astype(float) for m in range(2, 13)]
    holidays = {pd.Timestamp(d) for d in ["2025-01-01", "2025-04-21", "2025-05-01",
                                          "2025-05-08", "2025-05-29", "2025-06-09",
                                          "2025-07-14", "2025-08-15", "2025-11-01",
                                          "2025-11-11", "2025-12-25", "2026-01-01",
                                          "2026-04-06", "2026-05-01", "2026-05-08",
                                          "2026-05-14", "2026-05-25", "2026-07-14",
                                          "2026-08-15", "2026-11-01", "2026-11-11",
                                          "2026-12-25"]}  # fmt: skip
    columns.append(np.array([day in holidays for day in index], dtype=float))
    beta, *_ = np.linalg.lstsq(np.column_stack(columns), y, rcond=None)
    fit = ols_hac(treated - control, after.astype(float), _covariates(index))
    assert fit.estimate == pytest.approx(beta[1], abs=1e-6)
    assert fit.dropped == ()


def test_no_percent_when_the_counterfactual_is_not_positive() -> None:
    index = pd.date_range("2026-01-01", periods=120, freq="D")
    after = pd.Series(np.arange(120) >= 60, index=index)
    rng = np.random.default_rng(1)
    # A count that was 0 before and about 5 after: no level to compare with.
    y = pd.Series(np.where(after, 5.0, 0.0) + rng.normal(0, 0.1, 120), index=index)
    found = level_change(y, after, None, float(y[after].mean()))
    assert found.fit.estimate == pytest.approx(5.0, abs=0.1)
    assert found.percent is None and found.percent_low is None
    assert found.percent_reason == "experiment_no_percent"


def test_the_lag_window_follows_andrews_plug_in_rule() -> None:
    # 1.1447 (α n)^(1/3), α = 4ρ² / ((1 − ρ)² (1 + ρ)²): ρ = 0.4 gives α ≈ 0.907.
    assert hac_lags(730, 0.4) == 10
    assert hac_lags(730, 0.0) == 1
    assert hac_lags(20, 0.99) == 5  # capped at a quarter of the periods


def test_a_covariate_confounded_with_the_intervention_is_left_out_and_named() -> None:
    # 60 days before (January–February), 60 after (March–April): months cannot be told
    # apart from the intervention, one of the month dummies must go.
    treated, _, after = generated(0, 10.0, days_before=59, days_after=61)
    found = ols_hac(treated, after.astype(float), covariates(treated.index, "day", ["month"]))
    assert found.dropped


def test_analyse_reports_too_few_periods_and_no_estimate() -> None:
    treated, control, after = generated(0, 10.0, days_before=10, days_after=3)
    result = analyse(treated, control, after, None, "day")
    codes = [r.code for r in result.reasons]
    assert codes[0] == "experiment_periods_failed"
    assert result.verdicts[0].params == {"before": 10, "after": 3, "needed": 28, "grain": "day"}
    assert result.effect is not None  # 13 periods, 2 parameters: an estimate, flagged

    tiny = analyse(treated[:2], control[:2], after[:2], None, "day")
    assert tiny.effect is None
    assert tiny.reasons[0].code == "experiment_no_estimate"
