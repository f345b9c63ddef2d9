"""What a page's context reads from the blueprint and the Service alone (no cache, no
Streamlit): labels, formats, the period a KPI compares with. The app's context and the
report's (`datacites_proto/report/context.py`) both answer the views with these."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datacites_proto.blueprint.breakdown import parse_breakdown
from datacites_proto.blueprint.filters import DateRangeFilter
from datacites_proto.i18n import translate

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.engine.experiments.result import ExperimentResult
    from datacites_proto.engine.filters import Period
    from datacites_proto.engine.governance import Audience
    from datacites_proto.engine.service import Service
    from datacites_proto.i18n.formatting import Formatter


class PageReading:
    """A mixin over `blueprint`, `service`, `filters`, `lang`, `fmt`, `audience` and
    `page_index`."""

    blueprint: Blueprint
    service: Service
    filters: dict[str, Any]
    lang: str
    fmt: Formatter
    audience: Audience
    page_index: int

    def key(self, view_index: int, suffix: str = "") -> str:
        """A widget key unique to a view of this page."""
        return f"p{self.page_index}-v{view_index}-{suffix}"

    def t(self, code: str, /, **params: Any) -> str:
        """A message of the catalogue, in the service's language."""
        return translate(code, self.lang, **params)

    def comparison(self, indicator: str, mode: str) -> tuple[dict[str, Any], Period, Period] | None:
        """Filters for the period to compare with, and both periods; None without a period."""
        for f_id, value in self.filters.items():
            spec = self.blueprint.filters[f_id]
            if value is None or not isinstance(spec, DateRangeFilter):
                continue
            homes = self.blueprint.leaf_datasets(indicator)
            if not any(f_id in self.service.compiler.applicable_filters(h) for h in homes):
                continue
            current = self.service.period(f_id, value)
            if current is None:
                return None
            other = current.previous() if mode == "previous_period" else current.year_before()
            values = {**self.filters, f_id: [other.start.isoformat(), other.end.isoformat()]}
            return values, current, other
        return None

    def indicator_label(self, indicator: str) -> str:
        return self.blueprint.indicators[indicator].label

    def column_label(self, dataset: str | None, text: str) -> str:
        """The label declared for a column (or a readable form of a breakdown)."""
        parsed = parse_breakdown(text) if "(" in text else None
        name = parsed.column if parsed else text
        owner, _, column = name.rpartition(".")
        spec = self.blueprint.datasets.get(owner or dataset or "")
        declared = spec.columns.get(column) if spec else None
        label = declared.label if declared and declared.label else column
        if parsed and parsed.grain:
            return self.t(f"grain_{parsed.grain}", column=label)
        return label

    def experiment(self, experiment_id: str) -> ExperimentResult:
        """An experiment's estimate for this audience; the Service caches it per data version.

        The estimate reads the data as the team does: the public may see it when the
        indicator's data may be shown to them, and never over a `shared` dataset, whose
        small groups the estimate does not protect (the engine names those it read).
        """
        from datacites_proto.engine import governance
        from datacites_proto.engine.query_errors import QueryError

        bp = self.blueprint
        experiment = bp.experiments.get(experiment_id)
        if experiment is not None:
            datasets = bp.leaf_datasets(experiment.indicator)
            governance.check_aggregate(bp, datasets, audience=self.audience)
        result = self.service.experiment(experiment_id)
        if not governance.is_team(self.audience) and result.shared_datasets:
            raise QueryError("impact_shared_public", datasets=", ".join(result.shared_datasets))
        return result

    def format_indicator(self, indicator: str, value: Any) -> str:
        spec = self.blueprint.indicators[indicator]
        return self.fmt.value(value, spec.effective_format, spec.decimals, spec.unit)
