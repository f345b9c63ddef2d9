"""Generated daily series with a known effect: weekday and month seasonality, AR(1) noise."""

from __future__ import annotations

import numpy as np
import pandas as pd

START = pd.Timestamp("2025-01-01")
WEEKDAY = np.array([0.0, 10.0, 15.0, 20.0, 60.0, 120.0, -40.0])  # Monday … Sunday
MONTH = 80.0 * np.sin(np.arange(12) / 12 * 2 * np.pi)


def ar1(rng: np.random.Generator, n: int, phi: float = 0.4, sd: float = 30.0) -> np.ndarray:
    """AR(1) noise with a moderate coefficient (stationary from the first period)."""
    shocks = rng.normal(0.0, sd, n)
    noise = np.empty(n)
    noise[0] = shocks[0] / np.sqrt(1 - phi**2)
    for t in range(1, n):
        noise[t] = phi * noise[t - 1] + shocks[t]
    return noise


def generated(
    seed: int, effect: float, *, days_before: int = 365, days_after: int = 365, drift: float = 0.0
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(treated, control, after) daily series; `effect` is added to the treated after.

    `drift` adds a linear trend per day to the treated series only (a diverging pre-trend).
    """
    rng = np.random.default_rng(seed)
    n = days_before + days_after
    index = pd.date_range(START, periods=n, freq="D")
    season = WEEKDAY[index.day_of_week] + MONTH[index.month - 1]
    common = ar1(rng, n, sd=15.0)  # shocks both groups share (weather, events)
    after = pd.Series(np.arange(n) >= days_before, index=index)
    treated = 1000 + season + common + ar1(rng, n) + effect * after + drift * np.arange(n)
    control = 800 + 0.8 * season + common + ar1(rng, n)
    return pd.Series(treated, index=index), pd.Series(control, index=index), after
