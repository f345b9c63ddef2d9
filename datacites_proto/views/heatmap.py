"""`heatmap` view: an indicator over two breakdowns, e.g. hour × weekday."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import field, tag
from datacites_proto.blueprint.breakdown import By
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.base import IndicatorView, breakdown_ref


class HeatmapView(IndicatorView):
    """A grid coloured by an indicator's value."""

    doc_fr: ClassVar[str] = "Une grille colorée selon la valeur d'un indicateur (ex. heure × jour)."

    type: Literal["heatmap"] = tag("heatmap")
    x: By = field(
        fr="Découpage en colonnes, ex. « hour(start_datetime) ».",
        en="Breakdown along x, e.g. 'hour(start_datetime)'.",
    )
    y: By = field(
        fr="Découpage en lignes, ex. « weekday(start_datetime) ».",
        en="Breakdown along y, e.g. 'weekday(start_datetime)'.",
    )

    def references(self) -> list[Ref]:
        return [
            *super().references(),
            breakdown_ref(self.x, ("x",), self.indicator),
            breakdown_ref(self.y, ("y",), self.indicator),
        ]
