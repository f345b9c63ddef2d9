"""The report's render context: what views/context.py promises, read from the Service
directly (no Streamlit, no cache), with the same governance as the screen."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from datacites_proto.engine.histogram import Histogram, histogram
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.page_reading import PageReading

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.blueprint.pages import Page
    from datacites_proto.engine.governance import Audience
    from datacites_proto.engine.service import IndicatorResult, Service
    from datacites_proto.store import Store
    from datacites_proto.views.maps.base import Layer
    from datacites_proto.views.maps.drawing import LayerDraw


@dataclass
class ReportContext(PageReading):
    """One page printed for one audience (implements views.context.RenderContext)."""

    blueprint: Blueprint
    service: Service
    lang: str
    filters: dict[str, Any]
    page: Page
    page_index: int
    audience: Audience = "public"
    fmt: Formatter = field(init=False)

    def __post_init__(self) -> None:
        self.fmt = Formatter(self.lang)

    def filter_widget_key(self, filter_id: str) -> str:
        return f"filter-{filter_id}"

    def result(
        self,
        indicator: str,
        by: str | Sequence[str] | None = None,
        filters: dict[str, Any] | None = None,
    ) -> IndicatorResult:
        by_list = [by] if isinstance(by, str) else list(by or ())
        values = self.filters if filters is None else filters
        active = {k: v for k, v in values.items() if v is not None}
        return self.service.result(indicator, by_list or None, active, audience=self.audience)

    def rows(
        self,
        dataset: str,
        columns: Sequence[str] | None = None,
        *,
        sort: str | None = None,
        limit: int = 1000,
    ) -> pd.DataFrame:
        return self.service.rows(
            dataset,
            list(columns or ()) or None,
            self._active(),
            sort=sort,
            limit=limit,
            audience=self.audience,
        )

    def _active(self) -> dict[str, Any]:
        return {k: v for k, v in self.filters.items() if v is not None}

    def histogram(self, dataset: str, column: str, bins: int) -> Histogram:
        return histogram(
            self.service, dataset, column, self._active(), bins=bins, audience=self.audience
        )

    def bounds(self, dataset: str, column: str) -> tuple[Any, Any]:
        return self.service.bounds(dataset, column, audience=self.audience)

    def distinct(self, dataset: str, column: str) -> list[Any]:
        return self.service.distinct(dataset, column, audience=self.audience)

    def layer_draw(self, layer: Layer, layer_id: str, files_stamp: str) -> LayerDraw:
        return layer.deck_layer(self, layer_id)

    # A printed page neither stores feedback nor offers downloads.
    def feedback_store(self) -> Store:
        raise QueryError("report_not_online")

    def submit_feedback(self, limits: Mapping[str, Any], feedback: Mapping[str, Any]) -> int:
        raise QueryError("report_not_online")

    def private_download(
        self, button: str, make: Callable[[], bytes], file_name: str, mime: str
    ) -> str | None:
        return None
