"""Every experiment names a measured indicator, a date column and units that exist and differ."""

from __future__ import annotations

from typing import Any

from datacites_proto.blueprint import expressions as ex
from datacites_proto.blueprint.checks.context import CheckContext
from datacites_proto.blueprint.checks.references import _expression_columns, resolve_column
from datacites_proto.blueprint.datasets import TEMPORAL_TYPES
from datacites_proto.blueprint.experiments import Experiment, units_filters
from datacites_proto.blueprint.refs import Ref
from datacites_proto.errors import Loc

# Under four weeks, a weekday pattern or one rainy weekend weighs on the estimate.
SHORT_BASELINE_DAYS = 28
_CHOICE_FILTERS = ("select", "multiselect")


def _home(ctx: CheckContext, loc: Loc, exp: Experiment) -> str | None:
    """The indicator's dataset, or None when the indicator cannot be measured (reported)."""
    indicators = ctx.blueprint.indicators
    indicator = indicators.get(exp.indicator)
    if indicator is None:
        ctx.unknown("unknown_indicator", (*loc, "indicator"), exp.indicator, sorted(indicators))
        return None
    if indicator.dataset is None or indicator.measure is None:
        ctx.error(
            "experiment_indicator_not_measure",
            (*loc, "indicator"),
            params={"indicator": exp.indicator},
        )
        return None
    # An unknown dataset is reported on the indicator's own line.
    return indicator.dataset if indicator.dataset in ctx.blueprint.datasets else None


def _check_time(ctx: CheckContext, loc: Loc, exp: Experiment, home: str) -> None:
    if exp.time is not None:
        ref = Ref("column", exp.time, dataset=home)
        for dataset, column in resolve_column(ctx, ref, (*loc, "time")):
            kind = ctx.column_type(dataset, column)
            if kind is not None and kind not in TEMPORAL_TYPES:
                ctx.error(
                    "experiment_time_not_date",
                    (*loc, "time"),
                    params={"name": column, "type": kind},
                )
        return
    known = ctx.columns.get(home)
    if known is None:
        return
    dates = sorted(c for c, kind in known.types.items() if kind in TEMPORAL_TYPES)
    if not dates and known.complete:
        ctx.error("experiment_time_missing", (*loc, "indicator"), params={"dataset": home})
    elif len(dates) >= 2:
        ctx.error(
            "experiment_time_ambiguous",
            (*loc, "indicator"),
            params={"dataset": home, "candidates": ", ".join(dates), "first": dates[0]},
        )


def _check_units(ctx: CheckContext, loc: Loc, units: Any, home: str) -> None:
    if isinstance(units, str):
        _expression_columns(ctx, ex.parse_condition(units), home, loc)
        return
    filters = ctx.blueprint.filters
    for filter_id, values in units_filters(units).items():
        filter_loc = (*loc, filter_id)
        filt = filters.get(filter_id)
        if filt is None:
            ctx.unknown("unknown_filter", filter_loc, filter_id, sorted(filters))
            continue
        if filt.type not in _CHOICE_FILTERS:
            ctx.error(
                "experiment_filter_not_choice",
                filter_loc,
                params={"filter": filter_id, "type": filt.type},
            )
            continue
        if filt.dataset in ctx.blueprint.datasets and filt.dataset not in ctx.related(home):
            ctx.error(
                "experiment_filter_not_related",
                filter_loc,
                params={"filter": filter_id, "dataset": filt.dataset, "home": home},
            )
        options = getattr(filt, "options", None)
        if options is None:
            continue
        for i, value in enumerate(values):
            if value not in options:
                ctx.error(
                    "experiment_filter_value_not_allowed",
                    (*loc, *_value_loc(units, filter_id, i)),
                    params={
                        "value": value,
                        "filter": filter_id,
                        "allowed": ", ".join(str(o) for o in options),
                    },
                )


def _value_loc(units: Any, filter_id: str, index: int) -> Loc:
    """Where one value of a filter is written (a list item, or the filter's only value)."""
    return (filter_id, index) if isinstance(units.get(filter_id), list) else (filter_id,)


def _check_overlap(ctx: CheckContext, loc: Loc, exp: Experiment) -> None:
    if exp.control is None:
        return
    if isinstance(exp.treated, str) and isinstance(exp.control, str):
        if ex.to_text(exp.treated_ast) == ex.to_text(exp.control_ast):
            ctx.error("experiment_control_equals_treated", (*loc, "control"))
        return
    treated, control = units_filters(exp.treated), units_filters(exp.control)
    for filter_id, values in control.items():
        shared = set(treated.get(filter_id, [])) & set(values)
        for i, value in enumerate(values):
            if value in shared:
                ctx.error(
                    "experiment_units_overlap",
                    (*loc, "control", *_value_loc(exp.control, filter_id, i)),
                    params={"value": value, "filter": filter_id},
                )


def _check_design(ctx: CheckContext, loc: Loc, exp: Experiment) -> None:
    after_end = exp.after_end
    after_days = (after_end - exp.after_start).days + 1 if after_end is not None else None
    baseline = exp.baseline if exp.baseline is not None else after_days
    if baseline is not None and baseline < SHORT_BASELINE_DAYS:
        at = "baseline" if exp.baseline is not None else "intervention"
        ctx.warn("experiment_baseline_short", (*loc, at), params={"days": baseline})
    if exp.status == "ended" and after_end is None:
        ctx.warn("experiment_ended_without_end", (*loc, "status"))
    indicator = ctx.blueprint.indicators.get(exp.indicator)
    target = indicator.target if indicator is not None else None
    if (
        exp.expected is not None
        and target is not None
        and exp.expected.direction != target.direction
    ):
        ctx.warn(
            "experiment_expected_against_target",
            (*loc, "expected"),
            params={
                "direction": exp.expected.direction,
                "indicator": exp.indicator,
                "target": target.direction,
            },
        )


def check(ctx: CheckContext) -> None:
    """Check each experiment's indicator, time column, units and design."""
    for exp_id, exp in ctx.blueprint.experiments.items():
        loc: Loc = ("experiments", exp_id)
        _check_design(ctx, loc, exp)
        home = _home(ctx, loc, exp)
        if home is None:
            continue
        _check_time(ctx, loc, exp, home)
        _check_units(ctx, (*loc, "treated"), exp.treated, home)
        if exp.control is not None:
            _check_units(ctx, (*loc, "control"), exp.control, home)
        _check_overlap(ctx, loc, exp)
