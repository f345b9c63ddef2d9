"""The days before and after an intervention, and the days of data still to collect."""

from __future__ import annotations

import datetime as dt
from typing import Any

from datacites_proto.blueprint.experiments import Experiment
from datacites_proto.engine.experiments.result import windows

FIRST, LAST = dt.date(2026, 1, 1), dt.date(2026, 8, 31)


def experiment(**fields: Any) -> Experiment:
    base = {"title": "T", "indicator": "passages", "treated": "site = 'A'"}
    return Experiment.model_validate({**base, **fields})


def test_the_baseline_is_as_long_as_the_after_period_by_default() -> None:
    win = windows(experiment(intervention="2026-06-01"), FIRST, LAST)
    assert (win.after_start, win.after_end) == (dt.date(2026, 6, 1), LAST)
    assert win.baseline_start == dt.date(2026, 6, 1) - dt.timedelta(days=92)
    assert win.days_needed == 0


def test_the_baseline_is_capped_by_the_data() -> None:
    win = windows(experiment(intervention="2026-06-01", baseline=400), FIRST, LAST)
    assert win.baseline_start == FIRST


def test_a_temporary_intervention_ends_the_after_period() -> None:
    exp = experiment(intervention={"start": "2026-06-01", "end": "2026-06-30"})
    win = windows(exp, FIRST, LAST)
    assert win.after_end == dt.date(2026, 6, 30)
    assert win.baseline_start == dt.date(2026, 5, 2)  # 30 days before
    assert win.days_needed == 0


def test_days_needed_for_four_weeks_after() -> None:
    # Ten days of data after August 22: 18 more for 28.
    assert windows(experiment(intervention="2026-08-22"), FIRST, LAST).days_needed == 18
    # A planned experiment starting after the data: the wait until then, plus 28 days.
    planned = experiment(intervention="2026-09-15", status="planned")
    win = windows(planned, FIRST, LAST)
    assert win.after_end is None
    assert win.days_needed == (dt.date(2026, 10, 12) - LAST).days
    # No data at all: nothing to count from.
    assert windows(planned, None, None).days_needed is None


def test_a_short_temporary_intervention_cannot_wait_for_more_data() -> None:
    exp = experiment(intervention={"start": "2026-08-01", "end": "2026-08-10"})
    assert windows(exp, FIRST, LAST).days_needed == 0


def test_the_expected_effect_is_judged_on_the_percent_interval() -> None:
    from dataclasses import replace

    import pandas as pd

    from datacites_proto.blueprint.experiments import Expected
    from datacites_proto.engine.experiments.result import ExperimentResult

    base = ExperimentResult(
        experiment="e", indicator="i", method="its", grain="day", status="running",
        periods_before=30, periods_after=30, baseline_start=FIRST, baseline_end=FIRST,
        after_start=FIRST, after_end=LAST, effect=1.0, ci_low=0.5, ci_high=1.5,
        p_value=0.01, std_error=0.2, counterfactual=10.0, percent=0.10, percent_low=0.06,
        percent_high=0.14, percent_reason=None, series=pd.DataFrame(), checks=(),
        reasons=(), days_needed=0,
    )  # fmt: skip
    up = Expected(min_effect=0.05, direction="up")
    assert replace(base, expected=up).expected_reached == "reached"
    assert replace(base, expected=Expected(min_effect=0.10)).expected_reached == "uncertain"
    assert replace(base, expected=Expected(min_effect=0.20)).expected_reached == "not_reached"
    down = Expected(min_effect=0.05, direction="down")
    assert replace(base, expected=down).expected_reached == "not_reached"
    fall = replace(base, percent=-0.1, percent_low=-0.14, percent_high=-0.06, expected=down)
    assert fall.expected_reached == "reached"
    assert replace(base, expected=None).expected_reached is None
