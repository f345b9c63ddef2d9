"""Why a comparison between two periods is not shown: the data does not cover one of them.

Any view that compares a period with another asks `incomplete_reason` first and shows a
change only when it returns None (the rule lives in engine/coverage.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from datacites_proto.engine import coverage

if TYPE_CHECKING:
    from datacites_proto.engine.coverage import Completeness
    from datacites_proto.engine.filters import Period
    from datacites_proto.views.context import RenderContext


def _reason(ctx: RenderContext, side: str, verdict: Completeness) -> str:
    """One side's reason in words: « période précédente incomplète : données depuis le … »."""
    code = f"coverage_{side}_{verdict.reason}"
    if verdict.reason == coverage.DATA_SINCE:
        return ctx.t(code, first=ctx.fmt.date(verdict.first))
    if verdict.reason == coverage.DATA_UNTIL:
        return ctx.t(code, last=ctx.fmt.date(verdict.last))
    if verdict.reason == coverage.GAPS:
        one = "_one" if verdict.missing == 1 else ""
        return ctx.t(code + one, missing=ctx.fmt.number(verdict.missing))
    return ctx.t(code)


def incomplete_reason(
    ctx: RenderContext, indicator: str, current: Period, other: Period
) -> str | None:
    """Why `indicator` over `current` may not be compared with `other` (None: it may)."""
    filter_id = ctx.service.date_filter(indicator, ctx.filters)
    if filter_id is None:
        return None
    reasons = []
    for side, period in (("previous", other), ("current", current)):
        verdict = ctx.service.period_completeness(filter_id, period, audience=ctx.audience)
        if not verdict.complete:
            reasons.append(_reason(ctx, side, verdict))
    return (
        ctx.t("coverage_no_comparison", reasons=ctx.t("coverage_joiner").join(reasons))
        if reasons
        else None
    )
