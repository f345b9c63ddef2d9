"""Difference-in-differences against a control of another size, over a part of a year.

The footfall example's case: the control is several streets summed (seven times the
treated street's level), seasons multiply footfall, and the data hold five months before
and five after the intervention, so no month is seen on both sides.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from datacites_proto.engine.experiments.analysis import analyse, control_scale
from datacites_proto.engine.experiments.calendar import covariates
from datacites_proto.engine.experiments.estimate import ols_hac

START = pd.Timestamp("2026-06-01")
EFFECT = 0.12  # +12 % on the treated street from START


def _streets(seed: int) -> tuple[pd.Series, pd.Series, pd.Series]:
    index = pd.date_range("2026-01-01", "2026-10-31", freq="D")
    rng = np.random.default_rng(seed)
    season = 1 + 0.25 * np.sin((index.day_of_year - 100) / 365 * 2 * np.pi)
    weekday = np.array([0.8, 0.9, 0.9, 1.0, 1.2, 1.5, 0.6])[index.day_of_week]
    level = 1500 * season * weekday
    after = pd.Series(index >= START, index=index)
    treated = pd.Series(rng.poisson(level * (1 + EFFECT * after.to_numpy())), index, float)
    control = pd.Series(rng.poisson(7 * level), index=index, dtype=float)
    return treated, control, after


def test_the_control_is_brought_to_the_treated_level_over_the_baseline() -> None:
    treated, control, after = _streets(1)
    scale = control_scale(treated, control, after)
    assert scale * control[~after].mean() == pytest.approx(treated[~after].mean())
    assert 1 / 7.5 < scale < 1 / 6.5


def test_a_multiplicative_effect_is_found_against_a_larger_control() -> None:
    for seed in range(5):
        treated, control, after = _streets(seed)
        cov = covariates(treated.index, "day", ["weekday", "month", "holidays"], "29233")
        found = analyse(treated, control, after, cov, "day").effect
        assert found is not None
        assert found.percent_low <= EFFECT <= found.percent_high, (seed, found)


def test_months_seen_on_one_side_only_are_left_out() -> None:
    treated, control, after = _streets(2)
    cov = covariates(treated.index, "day", ["month"], "29233")
    y = treated - control_scale(treated, control, after) * control
    fit = ols_hac(y, after.astype(float), cov)
    # No month is seen both before (January to May) and after (June to October).
    assert set(fit.dropped) == set(cov.columns)
    plain = float(y[after].mean() - y[~after].mean())
    assert abs(fit.estimate - plain) < 1e-6 * max(1.0, abs(plain))
