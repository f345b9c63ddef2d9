"""DataCités Proto: prototype urban data services from a blueprint.

`import datacites_proto as dc` gives the whole public API: every blueprint model
(`dc.Blueprint`, `dc.ServiceInfo`, `dc.Dataset`, `dc.Indicator`, `dc.Page`…), every
built-in component (`dc.CsvSource`, `dc.KpiView`, `dc.PointsLayer`…), the base classes
plugins subclass, and the loading and query helpers. docs/en/python.md documents it.

Names are imported lazily, on first use, so that `import datacites_proto` (and the
CLI's `--version`) stays fast: a name's module is imported only when it is read.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from datacites_proto.public_api import EXPORTS

try:
    __version__ = version("datacites-proto")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"

# Name → module defining it (datacites_proto/public_api.py lists them by module).
_EXPORTS = EXPORTS

# Written out (not computed) so that linters and type checkers see it.
__all__ = [
    "Agreement",
    "AreaView",
    "AssessmentResultsView",
    "AssessmentView",
    "Band",
    "BarView",
    "Blueprint",
    "BlueprintError",
    "BreakdownView",
    "Canvas",
    "CatalogView",
    "Center",
    "ChoroplethKey",
    "ChoroplethLayer",
    "ColumnSpec",
    "Component",
    "CsvSource",
    "DataCitesError",
    "DataError",
    "DataGouvSource",
    "Dataset",
    "DateRangeFilter",
    "ExcelSource",
    "Expected",
    "Experiment",
    "FeedbackLimits",
    "FeedbackSummaryView",
    "FeedbackView",
    "Filter",
    "GeoJsonSource",
    "Geometry",
    "Governance",
    "HeatmapLayer",
    "HeatmapView",
    "HexagonsLayer",
    "HistogramView",
    "ImpactView",
    "Indicator",
    "IndicatorResult",
    "IndicatorView",
    "KpiView",
    "Layer",
    "LineView",
    "LoadContext",
    "LoadResult",
    "LocalSource",
    "MapView",
    "MultiselectFilter",
    "OpendatasoftSource",
    "Page",
    "ParquetSource",
    "Party",
    "Period",
    "PointsLayer",
    "Problem",
    "QueryError",
    "Question",
    "RangeFilter",
    "Ref",
    "Registry",
    "RegistryError",
    "Relation",
    "RemoteSource",
    "RemoteTarget",
    "Row",
    "SelectFilter",
    "Service",
    "ServiceInfo",
    "ShapesLayer",
    "Slug",
    "Source",
    "Spec",
    "SqlSource",
    "TableView",
    "Target",
    "TeamAccess",
    "Territory",
    "TextView",
    "ToggleFilter",
    "View",
    "__version__",
    "default_registry",
    "field",
    "inspect_blueprint",
    "load_blueprint",
    "tag",
]

if TYPE_CHECKING:
    from datacites_proto.blueprint.base import Component, Slug, Spec, field, tag
    from datacites_proto.blueprint.datasets import ColumnSpec, Dataset, Geometry
    from datacites_proto.blueprint.experiments import Expected, Experiment, Period
    from datacites_proto.blueprint.filters import (
        DateRangeFilter,
        Filter,
        MultiselectFilter,
        RangeFilter,
        SelectFilter,
        ToggleFilter,
    )
    from datacites_proto.blueprint.governance import Agreement, Governance, Party
    from datacites_proto.blueprint.indicators import Band, Indicator, Target
    from datacites_proto.blueprint.loader import LoadResult, inspect_blueprint, load_blueprint
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.blueprint.pages import Page, Row
    from datacites_proto.blueprint.refs import Ref
    from datacites_proto.blueprint.relations import Relation
    from datacites_proto.blueprint.service import Canvas, ServiceInfo, TeamAccess, Territory
    from datacites_proto.engine.errors import DataError
    from datacites_proto.engine.query_errors import QueryError
    from datacites_proto.engine.service import IndicatorResult, Service
    from datacites_proto.errors import BlueprintError, DataCitesError, Problem
    from datacites_proto.registry import Registry, RegistryError, default_registry
    from datacites_proto.sources.base import (
        LoadContext,
        LocalSource,
        RemoteSource,
        RemoteTarget,
        Source,
    )
    from datacites_proto.sources.csv_file import CsvSource
    from datacites_proto.sources.datagouv import DataGouvSource
    from datacites_proto.sources.excel_file import ExcelSource
    from datacites_proto.sources.geojson_file import GeoJsonSource
    from datacites_proto.sources.opendatasoft import OpendatasoftSource
    from datacites_proto.sources.parquet_file import ParquetSource
    from datacites_proto.sources.sql_database import SqlSource
    from datacites_proto.views.area import AreaView
    from datacites_proto.views.assessment import AssessmentView
    from datacites_proto.views.assessment_results import AssessmentResultsView
    from datacites_proto.views.bar import BarView
    from datacites_proto.views.base import BreakdownView, IndicatorView, View
    from datacites_proto.views.catalog import CatalogView
    from datacites_proto.views.feedback import FeedbackLimits, FeedbackView, Question
    from datacites_proto.views.feedback_summary import FeedbackSummaryView
    from datacites_proto.views.heatmap import HeatmapView
    from datacites_proto.views.histogram import HistogramView
    from datacites_proto.views.impact import ImpactView
    from datacites_proto.views.kpi import KpiView
    from datacites_proto.views.line import LineView
    from datacites_proto.views.map import Center, MapView
    from datacites_proto.views.maps.base import Layer
    from datacites_proto.views.maps.choropleth import ChoroplethKey, ChoroplethLayer
    from datacites_proto.views.maps.heatmap import HeatmapLayer
    from datacites_proto.views.maps.hexagons import HexagonsLayer
    from datacites_proto.views.maps.points import PointsLayer
    from datacites_proto.views.maps.shapes import ShapesLayer
    from datacites_proto.views.table import TableView
    from datacites_proto.views.text import TextView


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'datacites_proto' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later reads skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
