"""The estimate of a level change: OLS with HAC (Newey–West) standard errors, on plain series.

Pure statistics: no blueprint, no database. The caller gives the series to model:

- difference-in-differences: treated minus control, period by period. With two groups,
  this is the same estimate as a two-way fixed-effects regression (a group effect and a
  time effect per period) of the stacked series on the treated × after indicator: the
  period effects cancel in the difference, the group effect is the intercept;
- interrupted time series (no control): the treated series itself, the effect being the
  level change after the intervention, net of the adjustment covariates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.sandwich_covariance import S_hac_simple
from threadpoolctl import threadpool_limits

CONFIDENCE = 0.95
_RANK_TOLERANCE = 1e-8
_MAX_RHO = 0.97  # beyond, 1 / (1 − ρ)² and the plug-in window explode


def hac_lags(n: int, rho: float) -> int:
    """Andrews' (1991) plug-in lag window for the Bartlett kernel, AR(1) case.

    1.1447 (α n) ^ (1/3) with α = 4ρ² / ((1 − ρ)² (1 + ρ)²), ρ the first-order
    autocorrelation of the (prewhitened) moments; at least 1, at most a quarter of n.
    """
    rho = min(max(rho, -_MAX_RHO), _MAX_RHO)
    alpha = 4 * rho**2 / ((1 - rho) ** 2 * (1 + rho) ** 2)
    lags = math.ceil(1.1447 * (alpha * n) ** (1 / 3)) if alpha > 0 else 1
    return max(1, min(lags, n // 4))


@dataclass(frozen=True)
class Fit:
    """One coefficient of an OLS fit with HAC standard errors."""

    estimate: float
    std_error: float
    ci_low: float
    ci_high: float
    p_value: float
    n: int
    lags: int  # HAC lag window
    dropped: tuple[str, ...]  # covariates left out: collinear with the others (see design)
    rho: float = 0.0  # the AR(1) coefficient the moments were prewhitened with


@dataclass(frozen=True)
class Effect:
    """The intervention's effect in the indicator's unit and, when defined, in percent."""

    fit: Fit
    counterfactual: float  # the treated series' mean after, minus the effect
    percent: float | None
    percent_low: float | None
    percent_high: float | None
    percent_reason: str | None  # why there is no percent (a message code), else None


def design(
    target: pd.Series, covariates: pd.DataFrame | None
) -> tuple[np.ndarray, tuple[str, ...]]:
    """The design matrix: intercept, the target regressor, then the covariates that add rank.

    A covariate collinear with the columns before it (a holiday column of zeros) cannot be
    estimated: it is left out and named. So is, when the target is an indicator (after the
    intervention or not), a covariate seen on one side only — a month observed only before
    or only after: its effect cannot be told apart from the intervention's, and keeping
    it would make the target's coefficient compare the one month left as reference
    instead of the whole periods.
    """
    first = [np.ones(len(target)), target.to_numpy(dtype="float64")]
    sides = _sides(first[1])
    kept = list(first)
    # Gram–Schmidt as we go: a column adds rank when its part orthogonal to the columns
    # kept so far is not (numerically) nothing.
    basis = np.linalg.qr(np.column_stack(first))[0]
    dropped: list[str] = []
    extra = covariates if covariates is not None else pd.DataFrame(index=target.index)
    for name in extra.columns:
        column = extra[name].to_numpy(dtype="float64")
        if sides is not None and not all(np.any(column[side] != 0) for side in sides):
            dropped.append(name)
            continue
        rest = column - basis @ (basis.T @ column)
        rest -= basis @ (basis.T @ rest)  # twice: orthogonal to machine precision
        norm = float(np.linalg.norm(rest))
        if norm > _RANK_TOLERANCE * max(float(np.linalg.norm(column)), 1.0):
            kept.append(column)
            basis = np.column_stack([basis, rest / norm])
        else:
            dropped.append(name)
    return np.column_stack(kept), tuple(dropped)


def _sides(target: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The masks of the periods before and after, when the target is a 0/1 indicator."""
    if not np.isin(target, (0.0, 1.0)).all():
        return None
    return target == 0.0, target == 1.0


def _ar1(values: np.ndarray) -> float:
    """The least-squares AR(1) coefficient of a zero-mean series (0 when it is constant)."""
    total = float(values[:-1] @ values[:-1])
    return float(values[1:] @ values[:-1]) / total if total > 0 else 0.0


def ols_hac(y: pd.Series, target: pd.Series, covariates: pd.DataFrame | None = None) -> Fit:
    """OLS of `y` on an intercept, `target` and the covariates; the target's coefficient.

    The coefficient is plain OLS (statsmodels). Its standard error is HAC: the series are
    autocorrelated (a busy day follows a busy day), and plain OLS errors would give
    intervals far too narrow. Newey–West's estimator alone is biased down here, because
    fixed effects (a month, the period after) remove most of each block's own
    persistence from the residuals: generated series with AR(1) noise got 95 % intervals
    covering the truth only 85–90 % of the time. So, following Andrews and Monahan (1992):

    1. the target's moments v = x̃ û (x̃ the target net of the other regressors,
       Frisch–Waugh–Lovell; û the OLS residuals) are prewhitened by an AR(1): e = v − ρ v₋₁,
       ρ corrected for the downward bias of residuals of k fitted parameters:
       ρ + (1 + 3ρ) k / n, Kendall's bias of an estimated mean ((1 + 3ρ) / n) counted once
       per parameter — a heuristic checked by simulation (95–96 % coverage over 300
       generated series, tests/unit/engine/experiments), not derived; capped at ±0.97;
    2. the long-run variance of e is Newey–West's (Bartlett kernel, `hac_lags` lags by
       Andrews' plug-in rule), recoloured by 1 / (1 − ρ)²;
    3. the variance is that over (Σ x̃²)², times n / (n − k); the interval and p-value use
       Student's t with n − k degrees of freedom.
    """
    matrix, dropped = design(target, covariates)
    n, k = matrix.shape
    if n <= k + 1:
        raise ValueError(f"{n} periods for {k} parameters")
    values = y.to_numpy(dtype="float64")
    # One BLAS thread: these matrices are small, and OpenBLAS's threads on a busy machine
    # make each fit a hundred times slower.
    with threadpool_limits(1, user_api="blas"):
        result = sm.OLS(values, matrix).fit()
        others = np.delete(matrix, 1, axis=1)
        gamma = np.linalg.lstsq(others, matrix[:, 1], rcond=None)[0]
    net = matrix[:, 1] - others @ gamma
    moments = net * result.resid
    raw_rho = _ar1(moments)
    rho = min(max(raw_rho + (1 + 3 * raw_rho) * k / n, -_MAX_RHO), _MAX_RHO)
    whitened = moments[1:] - rho * moments[:-1]
    lags = hac_lags(n, _ar1(whitened))
    long_run = float(np.squeeze(S_hac_simple(whitened, nlags=lags))) * n / (n - 1)
    long_run /= (1 - rho) ** 2
    variance = long_run / float(net @ net) ** 2 * n / (n - k)
    std_error = math.sqrt(max(variance, 0.0))
    estimate = float(result.params[1])
    df = n - k
    margin = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df)) * std_error
    p_value = float(2 * stats.t.sf(abs(estimate) / std_error, df)) if std_error > 0 else 0.0
    return Fit(
        estimate=estimate,
        std_error=std_error,
        ci_low=estimate - margin,
        ci_high=estimate + margin,
        p_value=p_value,
        n=n,
        lags=lags,
        dropped=dropped,
        rho=rho,
    )


def level_change(
    y: pd.Series,
    after: pd.Series,
    covariates: pd.DataFrame | None,
    treated_after_mean: float,
) -> Effect:
    """The level change of `y` after the intervention (`after` true), and in percent.

    The percent is relative to the counterfactual: what the treated units would have
    shown after the intervention without it, i.e. their mean after minus the effect. It
    is effect / (mean − effect); its interval maps the effect's interval through the same
    increasing function (the observed mean held fixed). When the counterfactual (or the
    one at the interval's upper end) is zero or negative, a percent has no meaning (a
    count cannot fall below zero): no percent, with the reason `experiment_no_percent`.
    """
    fit = ols_hac(y, after.astype("float64"), covariates)
    counterfactual = treated_after_mean - fit.estimate
    if not counterfactual > 0 or not treated_after_mean - fit.ci_high > 0:
        return Effect(fit, counterfactual, None, None, None, "experiment_no_percent")

    def percent(effect: float) -> float:
        return effect / (treated_after_mean - effect)

    return Effect(
        fit, counterfactual, percent(fit.estimate), percent(fit.ci_low), percent(fit.ci_high), None
    )
