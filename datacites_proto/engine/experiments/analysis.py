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


def modelled(treated: pd.Series, control: pd.Series | None) -> pd.Series:
    """The series the model fits: treated − control (difference-in-differences), or treated (ITS)."""
    return treated - control if control is not None else treated


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
    y = modelled(treated, control)
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
