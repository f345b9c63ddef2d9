"""`datacites validate --data`: warn when small-group protection sets many rows aside."""

from __future__ import annotations

from typing import Any

from datacites_proto.engine.protection import cause_text
from datacites_proto.errors import Problem

# Above this share of a shared dataset's rows set aside, public figures mislead: say so.
WARN_SHARE = 0.10
CAUSES_LISTED = 3


def check_protection(result: Any, service: Any) -> list[Problem]:
    """A located warning per shared dataset whose public pages set aside too many rows."""
    blueprint, smap = result.blueprint, result.source_map
    problems: list[Problem] = []
    for ds_id, spec in blueprint.datasets.items():
        if spec.governance.access != "shared":
            continue
        summary = service.protection(ds_id)
        if summary is None or summary.share <= WARN_SHARE:
            continue
        summary = service.protection(ds_id, explain=True)
        causes = [f"{cause_text(cause)}: {rows}" for cause, rows in summary.causes if rows > 0]
        loc: tuple[Any, ...] = ("datasets", ds_id, "governance")
        if spec.governance.min_group_size is not None:
            loc = (*loc, "min_group_size")
        problems.append(
            smap.problem(
                "protection_large_share",
                loc,
                severity="warning",
                params={
                    "dataset": ds_id,
                    "rows": summary.set_aside,
                    "total": summary.rows,
                    "share": f"{summary.share:.0%}",
                    "size": summary.threshold,
                    "causes": ", ".join(causes[:CAUSES_LISTED]) or "—",
                },
            )
        )
    return problems
