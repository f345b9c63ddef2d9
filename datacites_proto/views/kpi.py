"""`kpi` view: one indicator's value, compared with a past period, a target and bands."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

import pandas as pd

from datacites_proto.blueprint.base import field as spec_field
from datacites_proto.blueprint.base import tag
from datacites_proto.engine.coverage import MAX_MISSING_SHARE
from datacites_proto.views.base import IndicatorView
from datacites_proto.views.coverage_notes import incomplete_reason
from datacites_proto.views.metric_delta import delta_style

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext

# Streamlit's Markdown colours for the blueprint's band colours.
BAND_COLOURS = {
    "green": "green", "yellow": "orange", "orange": "orange", "red": "red",
    "blue": "blue", "purple": "violet", "grey": "gray", "teal": "blue",
}  # fmt: skip


def _missing(value: object) -> bool:
    # Whole-number indicators come as Int64: a hidden or empty one is pd.NA.
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


class KpiView(IndicatorView):
    """A key figure card."""

    doc_fr: ClassVar[str] = "Carte d'un chiffre clé."
    groups_in_rows: ClassVar[bool] = True  # cards that follow each other sit side by side

    type: Literal["kpi"] = tag("kpi")
    compare: Literal["previous_period", "previous_year"] | None = spec_field(
        None,
        fr=(
            "Comparer avec la période précédente de même durée (previous_period) "
            "ou la même période un an plus tôt (previous_year). L'évolution n'est affichée "
            "que si les données couvrent les deux périodes, avec au plus "
            f"{round(MAX_MISSING_SHARE * 100)} % de jours sans données ; sinon la carte dit "
            "pourquoi."
        ),
        en=(
            "Compare with the previous period of the same length (previous_period) "
            "or the same period a year earlier (previous_year). The change is shown only "
            "when the data covers both periods, with at most "
            f"{round(MAX_MISSING_SHARE * 100)} % of days without data; otherwise the card "
            "says why."
        ),
    )

    def card(self, ctx: RenderContext) -> KpiCard:
        """The card's figures and words, as the screen shows them and the report prints them."""
        spec = ctx.blueprint.indicators[self.indicator]
        result = ctx.result(self.indicator)
        value = result.frame[self.indicator].iloc[0] if len(result.frame) else float("nan")
        hidden = bool(result.suppressed.iloc[0]) if len(result.frame) else False
        delta = None
        change: float | None = None
        notes: list[str] = []
        if self.compare and not hidden:
            comparison = ctx.comparison(self.indicator, self.compare)
            if comparison is None:
                notes.append(ctx.t("app_no_comparison"))
            else:
                values, current, other = comparison
                # A period the data does not fully cover is not compared: say why instead.
                unsupported = incomplete_reason(ctx, self.indicator, current, other)
                if unsupported is not None:
                    notes.append(unsupported)
                before = None if unsupported else ctx.result(self.indicator, filters=values)
                previous = (
                    before.frame[self.indicator].iloc[0]
                    if before is not None and len(before.frame)
                    else None
                )
                if not _missing(previous) and not _missing(value) and previous:
                    change = (value - previous) / abs(previous)
                    delta = ("+" if change >= 0 else "") + ctx.fmt.percent(change)
                    notes.append(
                        ctx.t(
                            "app_compared_with",
                            before=ctx.format_indicator(self.indicator, previous),
                            start=ctx.fmt.date(other.start),
                            end=ctx.fmt.date(other.end),
                        )
                    )
        if hidden:
            shown = ctx.t("app_hidden_value")
            notes.append(ctx.t("app_hidden_explained", size=result.threshold))
        else:
            shown = ctx.format_indicator(self.indicator, value)
        if spec.target is not None and not hidden:
            target = ctx.format_indicator(self.indicator, spec.target.value)
            notes.append(ctx.t("app_target", target=target))
        band = None
        if spec.bands and not hidden and not _missing(value):
            band = next(
                (b for b in spec.bands if b.below is None or value < b.below), spec.bands[-1]
            )
        # A public figure over a shared dataset leaves out the rows of too-small groups: say
        # so in a few words under the card (the charts' notes say which and why).
        protected = []
        for protection in result.protection:
            if protection.set_aside and not hidden:
                code = (
                    "protection_note_kpi_one"
                    if protection.set_aside == 1
                    else "protection_note_kpi"
                )
                protected.append(ctx.t(code, rows=ctx.fmt.number(protection.set_aside)))
        lower_is_better = spec.target is not None and spec.target.direction == "down"
        return KpiCard(
            title=self.title or spec.label,
            shown=shown,
            delta=delta,
            change=change if delta else None,
            lower_is_better=lower_is_better,
            help=self.description or spec.description,
            notes=notes,
            band=(band.label, band.color) if band is not None else None,
            protection=protected,
        )

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        card = self.card(ctx)
        delta_colour, delta_arrow = delta_style(card.change, card.lower_is_better)
        st.metric(
            card.title,
            card.shown,
            delta=card.delta,
            delta_color=delta_colour,
            delta_arrow=delta_arrow,
            help=card.help,
            border=True,
        )
        notes = list(card.notes)
        if card.band is not None:
            label, colour = card.band
            notes.append(f":{BAND_COLOURS.get(colour, 'gray')}-badge[{label}]")
        for note in [*notes, *card.protection]:
            st.caption(note)

    def document(self, ctx: RenderContext, index: int) -> str:
        from datacites_proto.views import printing

        return printing.kpi_card(ctx, self.card(ctx))


@dataclass
class KpiCard:
    """A KPI card's figures and words."""

    title: str
    shown: str  # the value, formatted (or « masqué »)
    delta: str | None  # the change, « +12,5 % »
    change: float | None
    lower_is_better: bool
    help: str | None
    notes: list[str] = field(default_factory=list)  # comparison, target…
    band: tuple[str, str] | None = None  # (label, colour) of the band the value falls in
    protection: list[str] = field(default_factory=list)
