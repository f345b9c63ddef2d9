"""A third-party view type, `radar` (`datacites.views`), and a service template, `quartier`
(`datacites.templates`), registered through entry points."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from datacites_proto import Ref, View, field, tag
from datacites_proto.blueprint.base import Slug


class RadarView(View):
    """Several indicators on the axes of a radar chart (e.g. maturity themes)."""

    type: Literal["radar"] = tag("radar")
    indicators: list[Slug] = field(
        min_length=3,
        fr="Indicateurs placés sur les axes (au moins trois).",
        en="Indicators placed on the axes (at least three).",
    )
    scale_max: float = field(
        5, gt=0, fr="Valeur du bord du radar.", en="Value at the radar's edge."
    )

    def references(self) -> list[Ref]:
        return [Ref("indicator", name, ("indicators", i)) for i, name in enumerate(self.indicators)]


def quartier_template() -> Path:
    """The folder of the `quartier` service template (a cookiecutter template)."""
    return Path(__file__).resolve().parent / "templates" / "quartier"
