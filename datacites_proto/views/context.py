"""What a view may use to render itself: the contract the app fulfils (app/context.py).

Views, built-in or plugin, depend only on this Protocol: the data (cached and governed),
the feedback store, the one-time private download, widget keys, formatting and messages.
The app supplies the concrete context, so no view imports `datacites_proto.app`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pandas as pd

    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.blueprint.pages import Page
    from datacites_proto.engine.experiments.result import ExperimentResult
    from datacites_proto.engine.filters import Period
    from datacites_proto.engine.governance import Audience
    from datacites_proto.engine.histogram import Histogram
    from datacites_proto.engine.service import IndicatorResult, Service
    from datacites_proto.i18n.formatting import Formatter
    from datacites_proto.store import Store
    from datacites_proto.views.maps.base import Layer
    from datacites_proto.views.maps.drawing import LayerDraw


class RenderContext(Protocol):
    """One page being rendered for one visitor, as a view sees it."""

    blueprint: Blueprint
    service: Service
    lang: str
    filters: dict[str, Any]  # the values of the filters this page shows, as in the URL
    page: Page
    page_index: int
    audience: Audience  # "public", or "team" once signed in
    fmt: Formatter

    def t(self, code: str, /, **params: Any) -> str:
        """A message of the catalogue, in the service's language."""
        ...

    def key(self, view_index: int, suffix: str = "") -> str:
        """A widget key unique to a view of this page."""
        ...

    def filter_widget_key(self, filter_id: str) -> str:
        """The session key of a page filter's widget (a chart selection may set it)."""
        ...

    def result(
        self,
        indicator: str,
        by: str | Sequence[str] | None = None,
        filters: dict[str, Any] | None = None,
    ) -> IndicatorResult:
        """An indicator broken down and filtered (cached, suppression applied)."""
        ...

    def rows(
        self,
        dataset: str,
        columns: Sequence[str] | None = None,
        *,
        sort: str | None = None,
        limit: int = 1000,
    ) -> pd.DataFrame:
        """Rows of a dataset, filtered by the page's filters, as governance allows (cached)."""
        ...

    def histogram(self, dataset: str, column: str, bins: int) -> Histogram:
        """The histogram of a column under the page's filters (cached, governed)."""
        ...

    def bounds(self, dataset: str, column: str) -> tuple[Any, Any]:
        """The smallest and largest values of a column in the whole data (cached, governed)."""
        ...

    def distinct(self, dataset: str, column: str) -> list[Any]:
        """The distinct values of a column in the whole data (cached, governed)."""
        ...

    def layer_draw(self, layer: Layer, layer_id: str, files_stamp: str) -> LayerDraw:
        """A map layer's draw, cached per layer, filters, audience, language and files."""
        ...

    def experiment(self, experiment_id: str) -> ExperimentResult:
        """An experiment's estimate, checks and series (cached per data version, governed:
        QueryError when this audience may not see it)."""
        ...

    def comparison(self, indicator: str, mode: str) -> tuple[dict[str, Any], Period, Period] | None:
        """Filters for the period to compare with, and both periods; None without a period."""
        ...

    def indicator_label(self, indicator: str) -> str:
        """The label of an indicator."""
        ...

    def column_label(self, dataset: str | None, text: str) -> str:
        """The label declared for a column (or a readable form of a breakdown)."""
        ...

    def format_indicator(self, indicator: str, value: Any) -> str:
        """A value in the indicator's format, unit and language."""
        ...

    def feedback_store(self) -> Store:
        """The store of the service's feedback (for team pages)."""
        ...

    def submit_feedback(self, limits: Mapping[str, Any], feedback: Mapping[str, Any]) -> int:
        """Store one visitor's feedback within the limits (FeedbackLimited otherwise)."""
        ...

    def private_download(
        self, button: str, make: Callable[[], bytes], file_name: str, mime: str
    ) -> str | None:
        """A one-time download URL for this signed-in browser only."""
        ...
