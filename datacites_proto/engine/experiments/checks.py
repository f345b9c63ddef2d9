"""Honesty checks reported with every estimate: enough periods, placebo, pre-trend.

Each check is a `Verdict` (a code, passed or not, its numbers); `reasons()` turns the
failed ones into the plain warnings shown with the estimate (message codes + parameters,
translated by the catalogues: i18n/experiment_estimate_messages.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from datacites_proto.engine.experiments.estimate import ols_hac

MIN_DAYS = 28  # four weeks either side of the intervention
GRAIN_DAYS = {"day": 1, "week": 7, "month": 30}
SIGNIFICANCE = 0.05


def min_periods(grain: str) -> int:
    """The fewest periods either side that cover four weeks at this grain (28 days, 4 weeks, 1 month)."""
    return math.ceil(MIN_DAYS / GRAIN_DAYS[grain])


@dataclass(frozen=True)
class Verdict:
    """One check: its code, whether it passed, and the numbers it rests on."""

    code: str  # "periods", "placebo", "pre_trend"
    passed: bool
    params: dict[str, Any] = field(default_factory=dict)
    ran: bool = True  # False when there were too few periods to run it (then not passed)


@dataclass(frozen=True)
class Reason:
    """Why an estimate is not to be trusted: a message code and its parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


def periods_check(before: int, after: int, grain: str) -> Verdict:
    """At least four weeks of data either side (converted to the grain's periods)."""
    needed = min_periods(grain)
    return Verdict(
        "periods",
        before >= needed and after >= needed,
        {"before": before, "after": after, "needed": needed, "grain": grain},
    )


def placebo_check(y: pd.Series, covariates: pd.DataFrame | None) -> Verdict:
    """The same model on the baseline alone, with a fake intervention halfway through.

    There was nothing then: an interval excluding 0 means the model finds effects where
    there are none (seasonality or trend it does not capture), so the real estimate is
    suspect too.
    """
    n = len(y)
    half = n // 2
    fake = pd.Series(np.arange(n) >= half, index=y.index, dtype="float64")
    try:
        fit = ols_hac(y, fake, covariates)
    except ValueError:
        return Verdict("placebo", False, {"periods": n}, ran=False)
    passed = fit.ci_low <= 0 <= fit.ci_high
    return Verdict(
        "placebo",
        passed,
        {
            "effect": fit.estimate,
            "ci_low": fit.ci_low,
            "ci_high": fit.ci_high,
            "p_value": fit.p_value,
            "fake_start": y.index[half] if n else None,
        },
    )


def pre_trend_check(y: pd.Series, covariates: pd.DataFrame | None) -> Verdict:
    """The slope of the modelled series over the baseline (per period, HAC errors).

    A significant slope (5 %) means the series was already moving before the
    intervention: a level change after it may be that movement going on.
    """
    n = len(y)
    trend = pd.Series(np.arange(n, dtype="float64"), index=y.index)
    try:
        fit = ols_hac(y, trend, covariates)
    except ValueError:
        return Verdict("pre_trend", False, {"periods": n}, ran=False)
    return Verdict(
        "pre_trend",
        fit.p_value >= SIGNIFICANCE,
        {
            "slope": fit.estimate,
            "ci_low": fit.ci_low,
            "ci_high": fit.ci_high,
            "p_value": fit.p_value,
        },
    )


def reasons(verdicts: list[Verdict]) -> list[Reason]:
    """The warnings of the failed checks, in the order of the checks (empty: trustworthy)."""
    found: list[Reason] = []
    for verdict in verdicts:
        if verdict.passed:
            continue
        if not verdict.ran:
            found.append(Reason(f"experiment_{verdict.code}_not_run", dict(verdict.params)))
        else:
            found.append(Reason(f"experiment_{verdict.code}_failed", dict(verdict.params)))
    return found
