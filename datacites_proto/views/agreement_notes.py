"""What a view says about its data's agreements: ended, or kept only for a period.

On a public page, a view over a dataset whose agreement has ended (or forbids publication)
shows why instead of the data: the engine refuses the read (engine/governance.py) with
that notice as its message, which the page shows in the view's place, as it does every
refusal (a map, layer by layer). On a team page the view shows its data under a warning
that the agreement has ended. Wherever `retention_days` applies, a caption says the data
covers only the last days.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datacites_proto.blueprint.agreement_files import agreement_file
from datacites_proto.engine import governance

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext


def view_datasets(blueprint: Any, view: Any) -> list[str]:
    """The datasets a view reads, directly, through its indicators or related columns."""
    found: set[str] = set()
    for ref in view.references():
        if ref.kind == "dataset":
            found.add(ref.name)
        elif ref.kind == "indicator" or ref.or_indicator:
            found |= blueprint.leaf_datasets(ref.name)
        if ref.kind == "column":
            owner = ref.qualified[0] or ref.dataset
            if owner is not None:
                found.add(owner)
    return sorted(d for d in found if d in blueprint.datasets)


def before(ctx: RenderContext, view: Any) -> None:
    """On team pages, a warning above a view over data whose agreement has ended."""
    import streamlit as st

    if not governance.is_team(ctx.audience):
        return  # the engine refuses the public's reads, with the notice as its message
    for dataset in view_datasets(ctx.blueprint, view):
        held = governance.withheld(ctx.blueprint, dataset)
        if held is not None and held.reason == "ended":
            st.warning(ctx.t("agreement_ended_team", **held.params()), icon=":material/warning:")


def retention_notes(ctx: RenderContext, view: Any) -> list[str]:
    """One caption per dataset of the view whose agreement keeps only the last days."""
    notes = []
    for dataset in view_datasets(ctx.blueprint, view):
        found = agreement_file(ctx.blueprint, dataset)
        if found is None or found.agreement.retention_days is None:
            continue
        title = ctx.blueprint.datasets[dataset].title or dataset
        notes.append(
            ctx.t(
                "agreement_retention_note",
                dataset=title,
                days=ctx.fmt.number(found.agreement.retention_days),
                agreement=found.name,
            )
        )
    return notes


def after(ctx: RenderContext, view: Any) -> None:
    """The captions under a view drawn from data kept only for a period."""
    import streamlit as st

    for note in retention_notes(ctx, view):
        st.caption(note)
