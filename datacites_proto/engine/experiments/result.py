"""`ExperimentResult`: what an experiment's data say, built from the engine's own series."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import pandas as pd

from datacites_proto.blueprint.experiments import Expected, Experiment
from datacites_proto.engine import filters, governance
from datacites_proto.engine.experiments import checks
from datacites_proto.engine.experiments.analysis import analyse
from datacites_proto.engine.experiments.calendar import covariates, period_end
from datacites_proto.engine.experiments.checks import Reason, Verdict
from datacites_proto.engine.experiments.series import fetch, time_column
from datacites_proto.engine.governance import TEAM

if TYPE_CHECKING:
    from datacites_proto.engine.service import Service

Method = Literal["did", "its"]


@dataclass(frozen=True)
class ExperimentResult:
    """The estimate of an experiment's effect, its checks and the series behind it.

    `effect`, `ci_low`, `ci_high` are in the indicator's unit per period of the grain
    (passages a day, for a daily `sum(count)`): with a control, the change of the
    treated minus control gap after the intervention (difference-in-differences); without
    one, the treated series' level change (interrupted time series). `percent` (0.12 for
    +12 %) is relative to the counterfactual: what the treated units would have shown
    after without the intervention (their mean after minus the effect). It is None, with
    `percent_reason`, when that level is zero or negative.

    `effect` is None when nothing could be estimated: a `planned` experiment, or too few
    periods (`reasons` says which); `days_needed` then counts the days of data still to
    collect for four weeks after the intervention.
    """

    experiment: str
    indicator: str
    method: Method
    grain: str
    status: str  # the experiment's declared status: planned, running or ended
    periods_before: int
    periods_after: int
    baseline_start: dt.date | None
    baseline_end: dt.date | None
    after_start: dt.date
    after_end: dt.date | None  # the last day of data used after (None: none yet)
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    std_error: float | None
    counterfactual: float | None
    percent: float | None
    percent_low: float | None
    percent_high: float | None
    percent_reason: str | None  # message code when there is no percent
    # period (Timestamp, first day), treated, control (NaN without a control), after (bool)
    series: pd.DataFrame
    checks: tuple[Verdict, ...]
    reasons: tuple[Reason, ...]  # why not to trust the estimate (empty: trustworthy)
    days_needed: int | None  # days of data still to collect (0: enough; None: no data)
    adjustments_dropped: tuple[str, ...] = ()  # covariates the data could not estimate
    # Datasets read that are `shared`: fine for the team, but figures shown on public
    # pages would have to be their protected ones (engine/protection.py).
    shared_datasets: tuple[str, ...] = ()
    additive: bool = True  # empty periods counted as 0 (count, sum) or dropped (mean…)
    notes: tuple[Reason, ...] = field(default=())  # said with the estimate, not doubts
    expected: Expected | None = None  # the effect the team wrote it expected

    @property
    def expected_reached(self) -> Literal["reached", "not_reached", "uncertain"] | None:
        """Whether the expected effect is reached, judged on the percent's 95 % interval.

        "reached": the whole interval is at least `min_effect` in the expected direction;
        "not_reached": the whole interval falls short of it; "uncertain": it straddles it.
        None without an expected effect or without a percent.
        """
        if self.expected is None or self.percent_low is None or self.percent_high is None:
            return None
        if self.expected.direction == "up":
            low, high, threshold = self.percent_low, self.percent_high, self.expected.min_effect
        else:  # a fall: compare the sizes of the decrease
            low, high, threshold = -self.percent_high, -self.percent_low, self.expected.min_effect
        if low >= threshold:
            return "reached"
        if high < threshold:
            return "not_reached"
        return "uncertain"

    @property
    def estimated(self) -> bool:
        """Whether there is an estimate (else the experiment waits for data)."""
        return self.effect is not None

    @property
    def trustworthy(self) -> bool:
        """An estimate, and every honesty check passed."""
        return self.estimated and not self.reasons


@dataclass(frozen=True)
class Windows:
    """The days before and after the intervention that the estimate compares."""

    baseline_start: dt.date | None
    after_start: dt.date
    after_end: dt.date | None  # None: no data after the intervention yet
    days_needed: int | None


def windows(experiment: Experiment, first: dt.date | None, last: dt.date | None) -> Windows:
    """The before and after windows, given the first and last days of data.

    After: the intervention's start to its end (a temporary one) or the last day of data.
    Before: `baseline` days (default: as many as after, at least four weeks), capped by
    the first day of data.
    """
    start = experiment.after_start
    if first is None or last is None:
        return Windows(None, start, None, None)
    declared_end = experiment.after_end
    end = min(declared_end, last) if declared_end is not None else last
    after_days = (end - start).days + 1
    needed = checks.min_periods(experiment.grain) * checks.GRAIN_DAYS[experiment.grain]
    target = start + dt.timedelta(days=needed - 1)
    if declared_end is not None:
        target = min(target, declared_end)
    days_needed = max(0, (target - last).days)
    baseline = experiment.baseline or max(after_days, checks.MIN_DAYS)
    earliest = max(first, start - dt.timedelta(days=baseline))
    baseline_start = earliest if earliest < start else None
    return Windows(baseline_start, start, end if after_days > 0 else None, days_needed)


def build(service: Service, experiment_id: str) -> ExperimentResult:
    """Compute an experiment's result from the service's data (the team's view of it)."""
    bp = service.blueprint
    experiment = bp.experiments[experiment_id]
    indicator = bp.indicators[experiment.indicator]
    home = indicator.dataset
    assert home is not None
    # Experiments are read by the team: restricted data allowed, personal columns not.
    governance.check_aggregate(bp, bp.leaf_datasets(experiment.indicator), audience=TEAM)
    compiler = service.compiler
    t_dataset, t_column, _ = time_column(compiler, experiment, home)
    low, high = service.bounds(t_dataset, t_column, audience=TEAM)
    first = filters._date(low, t_column) if low is not None else None
    last = filters._date(high, t_column) if high is not None else None
    win = windows(experiment, first, last)
    method: Method = "did" if experiment.control is not None else "its"
    empty = pd.DataFrame(
        {"period": pd.DatetimeIndex([]), "treated": [], "control": [], "after": []}
    )
    frame, additive, datasets = empty, True, frozenset({home})
    # Never past the last day of data: a planned experiment's baseline may still lie in
    # the future, and days not collected yet are not days of zero.
    fetch_start = win.baseline_start or win.after_start
    fetch_end = win.after_end or win.after_start - dt.timedelta(days=1)
    if last is not None:
        fetch_end = min(fetch_end, last)
    if (win.baseline_start is not None or win.after_end is not None) and fetch_start <= fetch_end:
        series = fetch(compiler, experiment, fetch_start, fetch_end)
        frame, additive, datasets = series.frame, series.additive, series.datasets
        frame = frame.assign(after=frame["period"] >= pd.Timestamp(win.after_start))
        # A period that starts before the intervention and ends after it is neither.
        straddles = (~frame["after"]) & frame["period"].map(
            lambda p: period_end(p, experiment.grain) >= pd.Timestamp(win.after_start)
        ).astype(bool)
        frame = frame[~straddles].reset_index(drop=True)
    shared = tuple(sorted(d for d in datasets if bp.datasets[d].governance.access == "shared"))
    usable = frame.dropna(subset=["treated"] + (["control"] if method == "did" else []))
    after = usable["after"].astype(bool)
    n_before, n_after = int((~after).sum()), int(after.sum())
    analysis = None
    if experiment.status != "planned" and n_after and n_before:
        index = pd.DatetimeIndex(usable["period"])
        territory = bp.service.territory
        insee = territory.insee if territory is not None else None
        cov = (
            covariates(index, experiment.grain, experiment.adjust_for, insee)
            if experiment.adjust_for
            else None
        )
        analysis = analyse(
            usable["treated"].set_axis(index),
            usable["control"].set_axis(index) if method == "did" else None,
            after.set_axis(index),
            cov,
            experiment.grain,
        )
    effect = analysis.effect if analysis is not None else None
    fit = effect.fit if effect is not None else None
    if analysis is not None:
        verdicts, reasons = tuple(analysis.verdicts), tuple(analysis.reasons)
    else:
        verdicts = (checks.periods_check(n_before, n_after, experiment.grain),)
        reasons = (
            checks.Reason(
                "experiment_waiting"
                if experiment.status == "planned"
                else "experiment_no_estimate",
                {"before": n_before, "after": n_after, "days": win.days_needed},
            ),
        )
    notes: list[checks.Reason] = []
    if fit is not None and fit.dropped:
        notes.append(
            checks.Reason("experiment_adjustment_dropped", {"names": ", ".join(fit.dropped)})
        )
    if shared:
        notes.append(checks.Reason("experiment_shared_dataset", {"datasets": ", ".join(shared)}))
    before_periods = frame.loc[~frame["after"].astype(bool), "period"] if len(frame) else []
    return ExperimentResult(
        experiment=experiment_id,
        indicator=experiment.indicator,
        method=method,
        grain=experiment.grain,
        status=experiment.status,
        periods_before=n_before,
        periods_after=n_after,
        baseline_start=win.baseline_start,
        baseline_end=(
            period_end(max(before_periods), experiment.grain).date()
            if len(before_periods)
            else None
        ),
        after_start=win.after_start,
        after_end=win.after_end,
        effect=fit.estimate if fit else None,
        ci_low=fit.ci_low if fit else None,
        ci_high=fit.ci_high if fit else None,
        p_value=fit.p_value if fit else None,
        std_error=fit.std_error if fit else None,
        counterfactual=effect.counterfactual if effect else None,
        percent=effect.percent if effect else None,
        percent_low=effect.percent_low if effect else None,
        percent_high=effect.percent_high if effect else None,
        percent_reason=effect.percent_reason if effect else None,
        series=frame[["period", "treated", "control", "after"]].reset_index(drop=True),
        checks=verdicts,
        reasons=reasons,
        days_needed=win.days_needed,
        adjustments_dropped=fit.dropped if fit else (),
        shared_datasets=shared,
        additive=additive,
        notes=tuple(notes),
        expected=experiment.expected,
    )
