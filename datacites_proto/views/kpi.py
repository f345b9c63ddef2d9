"""`kpi` view: one indicator's value, compared with a past period, a target and bands."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import field, tag
from datacites_proto.views.base import IndicatorView


class KpiView(IndicatorView):
    """A key figure card."""

    doc_fr: ClassVar[str] = "Carte d'un chiffre clé."

    type: Literal["kpi"] = tag("kpi")
    compare: Literal["previous_period", "previous_year"] | None = field(
        None,
        fr=(
            "Comparer avec la période précédente de même durée (previous_period) "
            "ou la même période un an plus tôt (previous_year)."
        ),
        en=(
            "Compare with the previous period of the same length (previous_period) "
            "or the same period a year earlier (previous_year)."
        ),
    )
