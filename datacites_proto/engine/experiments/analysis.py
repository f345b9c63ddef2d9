"""From a treated (and a control) series to the estimate and its checks: pure, no database."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from datacites_proto.engine.experiments import checks
from datacites_proto.engine.experiments.estimate import Effect, level_change


@dataclass(frozen=True)
class Analysis:
    """The estimate (None when there are too few periods to fit) and the checks."""

    effect: Effect | None
    verdicts: list[checks.Verdict]
    reasons: list[checks.Reason]


def control_scale(treated: pd.Series, control: pd.Series, after: pd.Series) -> float:
    """What brings the control to the treated units' level over the baseline.

    Controls are often several streets summed, and seasons multiply footfall rather than
    add to it: differences of raw levels would then carry the control's larger seasonal
    swings into the estimate. Rescaled so that both have the same mean before the
    intervention, a seasonality common to both cancels in the difference, and the effect
    stays in the treated units' own unit. 1 when the control has no positive level.
    """
    before = ~after.astype(bool)
    base = float(control[before].mean()) if before.any() else 0.0
    return float(treated[before].mean()) / base if base > 0 else 1.0


def modelled(treated: pd.Series, control: pd.Series | None, after: pd.Series) -> pd.Series:
    """The series the model fits: treated − rescaled control (difference-in-differences),
    or treated (interrupted time series)."""
    if control is None:
        return treated
    return treated - control_scale(treated, control, after) * control


def analyse(
    treated: pd.Series,
    control: pd.Series | None,
    after: pd.Series,
    covariates: pd.DataFrame | None,
    grain: str,
) -> Analysis:
    """Estimate the level change and run the checks over aligned series.

    `treated`, `control`, `after` (booleans) and `covariates` share one index of periods,
    with no missing value (the caller drops periods missing in either series).
    """
    y = modelled(treated, control, after)
    before_mask = ~after.astype(bool)
    n_before, n_after = int(before_mask.sum()), int(after.astype(bool).sum())
    baseline = y[before_mask]
    base_cov = covariates[before_mask.to_numpy()] if covariates is not None else None
    verdicts = [
        checks.periods_check(n_before, n_after, grain),
        checks.placebo_check(baseline, base_cov),
        checks.pre_trend_check(baseline, base_cov),
    ]
    effect: Effect | None = None
    if n_before and n_after:
        try:
            effect = level_change(y, after, covariates, float(treated[after.astype(bool)].mean()))
        except ValueError:  # fewer periods than parameters
            effect = None
    reasons = checks.reasons(verdicts)
    if effect is None:
        reasons.insert(
            0, checks.Reason("experiment_no_estimate", {"before": n_before, "after": n_after})
        )
    return Analysis(effect, verdicts, reasons)
