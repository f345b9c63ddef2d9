"""`availability` view: how many stations, bikes, and stations nearly empty, in a few figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

import pandas as pd

from datacites_proto import Ref, Slug, View, field, tag

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext

STATIONS_READ = 20_000  # more stations than the largest bike-share network has


class AvailabilityView(View):
    """Stations, bikes available and the share of stations with fewer than `threshold` bikes."""

    doc_fr: ClassVar[str] = (
        "Stations, vélos disponibles et part des stations avec moins de `threshold` vélos."
    )

    type: Literal["availability"] = tag("availability")
    dataset: Slug = field(
        fr="Jeu de données des stations (un flux station_status).",
        en="Dataset of the stations (a station_status feed).",
    )
    bikes: str = field(
        "num_bikes_available",
        fr="Colonne des vélos disponibles.",
        en="Column of the bikes available.",
    )
    threshold: int = field(
        3,
        gt=0,
        fr="Une station avec moins de vélos que ce seuil est dite presque vide.",
        en="A station with fewer bikes than this is said to be nearly empty.",
    )
    messages: ClassVar[dict[str, dict[str, str]]] = {
        "fr": {
            "velos_stations": "Stations",
            "velos_bikes_available": "Vélos disponibles",
            "velos_low_share": "Stations avec moins de {threshold} vélos",
            "velos_summary": (
                "{low} stations sur {known} ont moins de {threshold} vélos ; "
                "{empty} n'en ont aucun."
            ),
            "velos_no_status": "Aucune station ne dit encore combien elle a de vélos.",
        },
        "en": {
            "velos_stations": "Stations",
            "velos_bikes_available": "Bikes available",
            "velos_low_share": "Stations with fewer than {threshold} bikes",
            "velos_summary": (
                "{low} stations out of {known} have fewer than {threshold} bikes; "
                "{empty} have none."
            ),
            "velos_no_status": "No station says yet how many bikes it has.",
        },
    }

    def references(self) -> list[Ref]:
        # The view reads the column row by row (`ctx.rows`): governance treats it as shown.
        return [
            Ref("dataset", self.dataset, ("dataset",), usage="raw"),
            Ref("column", self.bikes, ("bikes",), dataset=self.dataset, usage="raw", numeric=True),
        ]

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        frame = ctx.rows(self.dataset, [self.bikes], limit=STATIONS_READ)
        bikes = pd.to_numeric(frame[self.bikes], errors="coerce").dropna()
        low = int((bikes < self.threshold).sum())
        if self.title:
            st.header(self.title)
        first, second, third = st.columns(3)
        first.metric(ctx.t("velos_stations"), ctx.fmt.number(len(frame)), border=True)
        second.metric(ctx.t("velos_bikes_available"), ctx.fmt.number(bikes.sum()), border=True)
        share = ctx.fmt.percent(low / len(bikes), 0) if len(bikes) else "—"
        label = ctx.t("velos_low_share", threshold=ctx.fmt.number(self.threshold))
        third.metric(label, share, help=self.description, border=True)
        if not len(bikes):
            st.caption(ctx.t("velos_no_status"))
            return
        summary = ctx.t(
            "velos_summary",
            low=ctx.fmt.number(low),
            known=ctx.fmt.number(len(bikes)),
            threshold=ctx.fmt.number(self.threshold),
            empty=ctx.fmt.number(int((bikes == 0).sum())),
        )
        st.caption(summary)
