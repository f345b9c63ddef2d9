"""Histograms binned in the database: the bounds first, then one GROUP BY over bin numbers.

Only the bounds and one count per bin come back to Python, never the column itself.
Bins have "nice" widths (1, 2, 2.5 or 5 times a power of ten) so that their boundaries
read well (« de 10 à moins de 20 kW »). Counts of a `shared` dataset below its
`min_group_size` are hidden, with the complementary cells that would reveal them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlalchemy as sa

from datacites_proto.engine import governance
from datacites_proto.engine.dialects import words
from datacites_proto.engine.governance import PUBLIC, Audience
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.suppression import suppress

if TYPE_CHECKING:
    from datacites_proto.engine.service import Service

NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


@dataclass
class Histogram:
    """Rows of a numeric column counted per interval [start, end) (the last one closed)."""

    dataset: str
    column: str
    frame: pd.DataFrame  # columns start, end, n (rows; 0 for empty bins), hidden
    threshold: int  # the min_group_size that applied (1: none)
    low: float | None  # the smallest and largest values counted (None without rows)
    high: float | None
    integer: bool = False  # the column holds whole numbers (bins of whole widths)
    # Public histograms of a shared dataset: what protection did (see engine/protection.py).
    protection: list[Any] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.frame.empty

    @property
    def width(self) -> float:
        return float(self.frame["end"].iloc[0] - self.frame["start"].iloc[0]) if len(self) else 0.0

    def __len__(self) -> int:
        return len(self.frame)


def nice_bins(
    low: float, high: float, bins: int, integer: bool = False
) -> tuple[float, float, int]:
    """(start, width, count): at most `bins` intervals of a nice width covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)) or high < low:
        raise ValueError(f"bad bounds {low!r}, {high!r}")
    if high == low:
        width = 1.0 if integer or low == 0 else 10.0 ** math.floor(math.log10(abs(low)))
        return math.floor(low / width) * width, width, 1
    raw = (high - low) / bins
    exponent = math.floor(math.log10(raw))
    while True:
        for step in NICE_STEPS:
            width = round(step * 10.0**exponent, 12)
            if integer and width < 1:
                continue
            if integer and not float(width).is_integer():
                continue
            start = math.floor(low / width) * width
            count = max(1, math.ceil(round((high - start) / width, 9)))
            if integer and width == 1:  # one bin per whole number: the last one holds `high`
                count = int(high - start) + 1
            if count <= bins:
                return start, width, count
        exponent += 1


def _number(value: float) -> Any:
    # Our own floats, written inline: PostgreSQL groups `floor((x - $1) / $2)` and the
    # same expression with other parameter numbers as different expressions.
    return sa.literal_column(f"({float(value)!r})")


def histogram(
    service: Service,
    dataset: str,
    column: str,
    filters: Mapping[str, Any] | None = None,
    *,
    bins: int = 20,
    audience: Audience = PUBLIC,
) -> Histogram:
    """Count the rows of `dataset` per interval of `column` (of it or a related dataset)."""
    bp = service.blueprint
    if dataset not in bp.datasets:
        raise QueryError("unknown_dataset", name=dataset, available=", ".join(bp.datasets))
    values = dict(filters or {})
    for f_id in values:
        if f_id not in bp.filters:
            raise QueryError("unknown_filter", name=f_id, available=", ".join(bp.filters))
    compiler = service.compiler_for(audience)
    owner, name = compiler.resolve(dataset, column)
    governance.check_aggregate(bp, {dataset, owner}, [(owner, name)], audience)
    threshold = governance.threshold(bp, {dataset, owner})

    plan = compiler.plan(dataset)
    if plan is not None:
        plan.require("number", owner, name)
        return _protected(service, plan, dataset, column, owner, name, values, threshold)
    scope = compiler.scope(dataset)
    col = scope.join_to(owner).c[name]
    where = [*scope.filter_conditions(values), col.is_not(None)]
    engine = scope.table.engine
    bounds = (
        sa.select(sa.func.min(col), sa.func.max(col)).select_from(scope.from_clause).where(*where)
    )
    with engine.connect() as conn:
        low, high = conn.execute(bounds).one()
    if low is None or high is None:
        empty = pd.DataFrame({"start": [], "end": [], "n": [], "hidden": []})
        empty = empty.astype({"n": "int64", "hidden": bool})
        return Histogram(dataset, column, empty, threshold, None, None)
    low, high = float(low), float(high)
    integer = service.table(owner).columns.get(name) == "integer"
    start, width, count = nice_bins(low, high, bins, integer)

    number = words(scope.dialect).bin(col, _number(start), _number(width)).label("bin")
    statement = (
        sa.select(number, sa.func.count().label("n"))
        .select_from(scope.from_clause)
        .where(*where)
        .group_by(number)
        .order_by(number)
    )
    with engine.connect() as conn:
        rows = conn.execute(statement).all()
    counted: dict[int, int] = {}
    for bin_number, n in rows:
        # The largest value sits on the last boundary: it belongs to the last (closed) bin.
        index = min(max(int(bin_number), 0), count - 1)
        counted[index] = counted.get(index, 0) + int(n)

    filled = pd.DataFrame({"bin": sorted(counted), "n": [counted[i] for i in sorted(counted)]})
    # Empty bins are not small groups: only the bins that hold rows take part in the
    # suppression (hiding a zero would protect nothing).
    hidden_filled = suppress(filled, filled["n"], threshold, ["bin"])
    hidden_by_bin = dict(zip(filled["bin"], hidden_filled, strict=True))
    edges = [start + i * width for i in range(count + 1)]
    frame = pd.DataFrame(
        {
            "start": [round(e, 10) for e in edges[:-1]],
            "end": [round(e, 10) for e in edges[1:]],
            "n": [counted.get(i, 0) for i in range(count)],
            "hidden": [bool(hidden_by_bin.get(i, False)) for i in range(count)],
        }
    )
    return Histogram(dataset, column, frame, threshold, low, high, integer)


def _protected(
    service: Service,
    plan: Any,
    dataset: str,
    column: str,
    owner: str,
    name: str,
    values: Mapping[str, Any],
    threshold: int,
) -> Histogram:
    """A public histogram of a shared dataset: its fixed protection bins, protected rows.

    Bins are the same whatever the filters (bins that move with the filtered bounds
    would cut groups differently from one state to the next), and the shown bounds are
    the bins' edges, not the smallest and largest values (each one a single row's).
    """
    from datacites_proto.engine.protection import bin_expression

    compiler = service.compiler_for(PUBLIC)
    integer = service.table(owner).columns.get(name) == "integer"
    edges = plan.edges.get((owner, name))
    empty = pd.DataFrame({"start": [], "end": [], "n": [], "hidden": []})
    empty = empty.astype({"n": "int64", "hidden": bool})
    if edges is None:
        return Histogram(dataset, column, empty, threshold, None, None, integer)
    scope = compiler.scope(dataset)
    col = scope.join_to(owner).c[name]
    where = [*scope.filter_conditions(values), col.is_not(None)]
    number = bin_expression(edges, col, scope.dialect).label("bin")
    statement = (
        sa.select(number, sa.func.count().label("n"))
        .select_from(scope.from_clause)
        .where(*where)
        .group_by(number)
        .order_by(number)
    )
    with scope.table.engine.connect() as conn:
        counted = {int(b): int(n) for b, n in conn.execute(statement).all()}
    if not counted:
        return Histogram(dataset, column, empty, threshold, None, None, integer)
    count = len(edges) - 1
    frame = pd.DataFrame(
        {
            "start": edges[:-1],
            "end": edges[1:],
            "n": [counted.get(i, 0) for i in range(count)],
            "hidden": [0 < counted.get(i, 0) < threshold for i in range(count)],
        }
    )
    return Histogram(
        dataset, column, frame, threshold, edges[0], edges[-1], integer, [plan.protection]
    )
