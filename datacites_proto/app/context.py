"""The app's render context: what views/context.py promises, built on the app's caches."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from datacites_proto.app import (
    caching,
    feedback_store,
    page_filters,
    prefetch,
    private_download,
)
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.pages import Page
from datacites_proto.engine.filters import Period
from datacites_proto.engine.governance import Audience
from datacites_proto.engine.histogram import Histogram
from datacites_proto.engine.service import IndicatorResult, Service
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.store import Store
from datacites_proto.views.maps.base import Layer
from datacites_proto.views.maps.drawing import LayerDraw
from datacites_proto.views.page_reading import PageReading

if TYPE_CHECKING:  # statsmodels is imported only by a service that estimates
    pass


@dataclass
class RenderContext(PageReading):
    """One page being rendered for one visitor (implements views.context.RenderContext)."""

    blueprint: Blueprint
    service: Service
    service_key: str  # the blueprint's path and version: part of the cache keys
    data_stamp: str
    lang: str
    filters: dict[str, Any]  # the values of the filters this page shows, as in the URL
    page: Page
    page_index: int
    audience: Audience = "public"  # "team" once signed in (issue 6)
    fmt: Formatter = field(init=False)

    def __post_init__(self) -> None:
        self.fmt = Formatter(self.lang)

    def result(
        self,
        indicator: str,
        by: str | Sequence[str] | None = None,
        filters: dict[str, Any] | None = None,
    ) -> IndicatorResult:
        """An indicator broken down and filtered (the page's filters unless given)."""
        by_tuple = (by,) if isinstance(by, str) else tuple(by or ())
        if filters is None:  # the page's own filters: asked again at the next rerun
            prefetch.remember(self.page_key, ("result", indicator, by_tuple))
        values = self.filters if filters is None else filters
        return caching.result(
            self.service,
            self.service_key,
            self.data_stamp,
            indicator,
            by_tuple,
            # Only the filters that reach the indicator's data: a change of another filter
            # of the page finds the same figure in the cache (the engine ignores it anyway).
            caching.filters_key(values, applicable_to(self.service, indicator)),
            self.audience,
        )

    @property
    def page_key(self) -> tuple[str, int, str]:
        """This page of this service for this audience (whose questions are remembered)."""
        return (self.service_key, self.page_index, self.audience)

    def ask_page_questions(self) -> int:
        """Start asking at once what this page's views asked last time, with its filters."""
        page = self.page_key
        return len(prefetch.ask_together(prefetch.asked(page), self.ask, page))

    def ask(self, question: prefetch.Question) -> None:
        """Ask again, with the page's current filters, a question a view asked before."""
        kind, *args = question
        if kind == "result":
            self.result(*args)
        elif kind == "comparison":  # the period a KPI compares with, as the KPI asks it
            indicator, mode = args
            found = self.comparison(indicator, mode)
            if found is not None:
                self.result(indicator, filters=found[0])
        elif kind == "rows":
            dataset, columns, sort, limit = args
            self.rows(dataset, columns, sort=sort, limit=limit)
        elif kind == "histogram":
            self.histogram(*args)
        elif kind == "layer":
            self.layer_draw(*args)

    def rows(
        self,
        dataset: str,
        columns: Sequence[str] | None = None,
        *,
        sort: str | None = None,
        limit: int = 1000,
    ) -> pd.DataFrame:
        """Rows of a dataset, filtered by the page's filters, as governance allows."""
        prefetch.remember(self.page_key, ("rows", dataset, tuple(columns or ()), sort, limit))
        return caching.rows(
            self.service,
            self.service_key,
            self.data_stamp,
            dataset,
            tuple(columns or ()),
            caching.filters_key(self.filters),
            sort,
            limit,
            self.audience,
        )

    def comparison(self, indicator: str, mode: str) -> tuple[dict[str, Any], Period, Period] | None:
        """Filters for the period to compare with, and both periods; None without a period."""
        prefetch.remember(self.page_key, ("comparison", indicator, mode))
        return super().comparison(indicator, mode)

    def filter_widget_key(self, filter_id: str) -> str:
        """The session key of a page filter's widget (a chart selection may set it)."""
        return page_filters.widget_key(filter_id)

    def histogram(self, dataset: str, column: str, bins: int) -> Histogram:
        """The histogram of a column under the page's filters, cached like indicator results."""
        prefetch.remember(self.page_key, ("histogram", dataset, column, bins))
        return caching.column_histogram(
            self.service,
            self.service_key,
            self.data_stamp,
            dataset,
            column,
            bins,
            caching.filters_key(self.filters),
            self.audience,
        )

    def bounds(self, dataset: str, column: str) -> tuple[Any, Any]:
        """The smallest and largest values of a column, for this audience (cached)."""
        return caching.bounds(
            self.service, self.service_key, self.data_stamp, dataset, column, self.audience
        )

    def distinct(self, dataset: str, column: str) -> list[Any]:
        """The distinct values of a column, for this audience (cached)."""
        return caching.distinct(
            self.service, self.service_key, self.data_stamp, dataset, column, self.audience
        )

    def layer_draw(self, layer: Layer, layer_id: str, files_stamp: str) -> LayerDraw:
        """A layer's draw, cached per layer, filters, audience, language and data version."""
        layer_json = (
            f"{type(layer).__module__}.{type(layer).__qualname__}:{layer.model_dump_json()}"
        )
        prefetch.remember(
            self.page_key,
            ("layer", layer, layer_id, files_stamp),
            key=("layer", layer_json, layer_id, files_stamp),
        )
        return caching.layer_draw(
            layer,
            self,
            self.service_key,
            self.data_stamp,
            layer_json,
            layer_id,
            caching.filters_key(self.filters),
            self.audience,
            self.lang,
            files_stamp,
        )

    def feedback_store(self) -> Store:
        """The store of the service's feedback, opened once per process (app/feedback_store.py)."""
        return feedback_store.store_for(self.blueprint)

    def submit_feedback(self, limits: Mapping[str, Any], feedback: Mapping[str, Any]) -> int:
        """Store this session's visitor's feedback within the limits (app/feedback_store.py)."""
        return feedback_store.submit_from_session(
            self.blueprint, feedback_store.SubmitLimits(**limits), feedback
        )

    def private_download(
        self, button: str, make: Callable[[], bytes], file_name: str, mime: str
    ) -> str | None:
        """A one-time download URL for this signed-in browser only (app/private_download.py)."""
        return private_download.offer(button, make, file_name, mime)


@lru_cache(maxsize=1024)
def applicable_to(service: Service, indicator: str) -> frozenset[str]:
    """The filters that reach one of `indicator`'s datasets (the others do not change it)."""
    compiler = service.compiler
    return frozenset(
        f_id
        for home in service.blueprint.leaf_datasets(indicator)
        for f_id in compiler.applicable_filters(home)
    )


# The context of the page being rendered in this session's script run (each session
# runs in its own thread, each with its own context).
CURRENT: ContextVar[RenderContext] = ContextVar("datacites_render_context")
