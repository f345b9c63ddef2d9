"""The contract of a view: a registered component that shows something on a page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from datacites_proto.blueprint.base import Slug, field
from datacites_proto.blueprint.breakdown import By, parse_breakdown
from datacites_proto.blueprint.components import ViewSpec
from datacites_proto.blueprint.refs import Ref, Usage

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext


class View(ViewSpec):
    """Base class of every view type; subclass it and set `type: Literal["<tag>"]`.

    Validation hooks (`references`, `shows_rows`, `parts`, `check`, `team_only`) come
    from `ViewSpec`; a view adds `render`, and `document` for the printed report."""

    # What the registry checks (it sits below this module and never imports it).
    component_base: ClassVar[str] = "datacites_proto.View"

    title: str | None = field(
        None, fr="Titre affiché au-dessus de la vue.", en="Title shown above the view."
    )
    description: str | None = field(
        None,
        fr="Phrase qui décrit la vue ; sert aussi d'alternative textuelle.",
        en="Sentence describing the view; also its text alternative.",
    )

    def render(self, ctx: RenderContext, index: int) -> None:
        """Draw the view with Streamlit; `ctx` gives its data, filters and language."""
        import streamlit as st

        st.info(ctx.t("app_view_not_drawable", type=self.type))

    def document(self, ctx: RenderContext, index: int) -> str:
        """The view in the printed report: an HTML fragment (no script, no address), from
        the same figures as `render`; by default a sentence saying it cannot be printed."""
        from datacites_proto.views.printing import not_printable

        return not_printable(ctx, self)


def column_refs(
    names: Iterable[str],
    loc: tuple[str | int, ...],
    *,
    dataset: str | None = None,
    indicator: str | None = None,
    usage: Usage = "raw",
    indexed: bool = True,
) -> list[Ref]:
    """References to columns listed under `loc` (one per item when `indexed`)."""
    return [
        Ref(
            "column",
            name,
            (*loc, i) if indexed else loc,
            dataset=dataset,
            indicator=indicator,
            usage=usage,
        )
        for i, name in enumerate(names)
    ]


def breakdown_ref(by: str, loc: tuple[str | int, ...], indicator: str) -> Ref:
    """The column a `by` breaks an indicator down by."""
    parsed = parse_breakdown(by)
    return Ref("column", parsed.column, loc, indicator=indicator, usage="group", grain=parsed.grain)


class IndicatorView(View):
    """A view of one indicator."""

    indicator: Slug = field(
        fr="Identifiant de l'indicateur montré.", en="Id of the indicator shown."
    )

    def references(self) -> list[Ref]:
        return [Ref("indicator", self.indicator, ("indicator",))]


class BreakdownView(IndicatorView):
    """An indicator broken down by a column or a time grain (line, bar, area charts)."""

    by: By = field(
        fr=(
            "Découpage : une colonne (« sites.site_name ») ou un pas de temps "
            "(« day(start_datetime) » ; hour, day, week, month, year, weekday, hour_of_day)."
        ),
        en=(
            "Breakdown: a column ('sites.site_name') or a time grain "
            "('day(start_datetime)'; hour, day, week, month, year, weekday, hour_of_day)."
        ),
    )
    series: str | None = field(
        None,
        fr="Colonne qui sépare les données en séries de couleurs différentes.",
        en="Column splitting the data into series of different colours.",
    )
    limit: int | None = field(
        None,
        ge=1,
        le=1000,
        fr="Nombre maximal de catégories montrées.",
        en="Largest number of categories shown.",
    )

    def references(self) -> list[Ref]:
        refs = [*super().references(), breakdown_ref(self.by, ("by",), self.indicator)]
        if self.series:
            refs.append(
                Ref("column", self.series, ("series",), indicator=self.indicator, usage="group")
            )
        return refs
