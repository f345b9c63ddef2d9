"""Checks of experiments that need the data: the intervention within it, groups apart."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from datacites_proto.blueprint.experiments import Experiment
from datacites_proto.blueprint.source_map import SourceMap
from datacites_proto.engine import filters
from datacites_proto.engine.compiler import Compiler
from datacites_proto.engine.experiments.series import time_column, units_condition
from datacites_proto.engine.governance import TEAM
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.errors import Loc, Problem

if TYPE_CHECKING:
    from datacites_proto.engine.service import Service


def check_experiments(service: Service, smap: SourceMap) -> list[Problem]:
    """Located problems of every experiment against the loaded data."""
    problems: list[Problem] = []
    blueprint = service.blueprint
    for exp_id, experiment in blueprint.experiments.items():
        loc: Loc = ("experiments", exp_id)
        indicator = blueprint.indicators.get(experiment.indicator)
        if indicator is None or indicator.dataset is None or indicator.measure_ast is None:
            continue  # reported by the blueprint's own checks
        try:
            problems.extend(_intervention(service, experiment, indicator.dataset, smap, loc))
            problems.extend(_overlap(service.compiler, experiment, indicator.dataset, smap, loc))
        except QueryError as exc:
            problems.append(smap.problem(exc.code, loc, params=exc.params))
    return problems


def _intervention(
    service: Service, experiment: Experiment, home: str, smap: SourceMap, loc: Loc
) -> list[Problem]:
    """The intervention's first day lies within the time column's days.

    A planned experiment may start after the last day of data (it is waiting for it), but
    not before the first: there would be nothing to compare with.
    """
    dataset, column, _ = time_column(service.compiler, experiment, home)
    low, high = service.bounds(dataset, column, audience=TEAM)
    if low is None or high is None:
        return []
    first, last = filters._date(low, column), filters._date(high, column)
    start = experiment.after_start
    late = start > last and experiment.status != "planned"
    if start > first and not late:
        return []
    return [
        smap.problem(
            "experiment_intervention_outside_data",
            (*loc, "intervention"),
            params={
                "date": start.isoformat(),
                "first": first.isoformat(),
                "last": last.isoformat(),
                "column": f"{dataset}.{column}",
            },
        )
    ]


def _overlap(
    compiler: Compiler, experiment: Experiment, home: str, smap: SourceMap, loc: Loc
) -> list[Problem]:
    """No row belongs to both the treated and the control units (a count query)."""
    if experiment.control is None:
        return []
    scope = compiler.scope(home)
    both = sa.and_(
        units_condition(scope, experiment.treated, experiment.treated_ast),
        units_condition(scope, experiment.control, experiment.control_ast),
    )
    statement = sa.select(sa.func.count()).select_from(scope.from_clause).where(both)
    with scope.table.engine.connect() as conn:
        rows = int(conn.execute(statement).scalar() or 0)
    if not rows:
        return []
    return [
        smap.problem(
            "experiment_units_overlap_rows",
            (*loc, "control"),
            params={"rows": rows, "dataset": home},
        )
    ]
