"""Where each name of the public API (`import datacites_proto as dc`) is defined.

Plain data with no imports, so that any layer can ask whether a class is public (the
Python writer of `datacites convert` does) without importing the package's top module.
"""

from __future__ import annotations

# Module → the public names it defines. datacites_proto/__init__.py's TYPE_CHECKING imports
# repeat them for type checkers and editors; tests/unit/test_public_api.py checks they agree.
MODULES: dict[str, tuple[str, ...]] = {
    # Loading and checking blueprints.
    "datacites_proto.blueprint.loader": ("LoadResult", "inspect_blueprint", "load_blueprint"),
    "datacites_proto.errors": ("BlueprintError", "DataCitesError", "Problem"),
    "datacites_proto.registry": ("Registry", "RegistryError", "default_registry"),
    # The blueprint's models.
    "datacites_proto.blueprint.model": ("Blueprint",),
    "datacites_proto.blueprint.service": ("Canvas", "ServiceInfo", "TeamAccess", "Territory"),
    "datacites_proto.blueprint.datasets": ("ColumnSpec", "Dataset", "Geometry"),
    "datacites_proto.blueprint.governance": ("Agreement", "Governance", "Party"),
    "datacites_proto.blueprint.relations": ("Relation",),
    "datacites_proto.blueprint.indicators": ("Band", "Indicator", "Target"),
    "datacites_proto.blueprint.filters": (
        "DateRangeFilter",
        "Filter",
        "MultiselectFilter",
        "RangeFilter",
        "SelectFilter",
        "ToggleFilter",
    ),
    "datacites_proto.blueprint.pages": ("Page", "Row"),
    "datacites_proto.blueprint.experiments": ("Expected", "Experiment", "Period"),
    # What a component author builds on.
    "datacites_proto.blueprint.base": ("Component", "Slug", "Spec", "field", "tag"),
    "datacites_proto.blueprint.refs": ("Ref",),
    "datacites_proto.sources.base": (
        "LoadContext",
        "LocalSource",
        "RemoteSource",
        "RemoteTarget",
        "Source",
    ),
    "datacites_proto.views.base": ("BreakdownView", "IndicatorView", "View"),
    "datacites_proto.views.maps.base": ("Layer",),
    # Built-in sources.
    "datacites_proto.sources.csv_file": ("CsvSource",),
    "datacites_proto.sources.parquet_file": ("ParquetSource",),
    "datacites_proto.sources.geojson_file": ("GeoJsonSource",),
    "datacites_proto.sources.excel_file": ("ExcelSource",),
    "datacites_proto.sources.sql_database": ("SqlSource",),
    "datacites_proto.sources.datagouv": ("DataGouvSource",),
    "datacites_proto.sources.opendatasoft": ("OpendatasoftSource",),
    # Built-in views, and the models their fields hold.
    "datacites_proto.views.kpi": ("KpiView",),
    "datacites_proto.views.line": ("LineView",),
    "datacites_proto.views.bar": ("BarView",),
    "datacites_proto.views.area": ("AreaView",),
    "datacites_proto.views.heatmap": ("HeatmapView",),
    "datacites_proto.views.histogram": ("HistogramView",),
    "datacites_proto.views.map": ("Center", "MapView"),
    "datacites_proto.views.table": ("TableView",),
    "datacites_proto.views.text": ("TextView",),
    "datacites_proto.views.feedback": ("FeedbackLimits", "FeedbackView", "Question"),
    "datacites_proto.views.feedback_summary": ("FeedbackSummaryView",),
    "datacites_proto.views.catalog": ("CatalogView",),
    "datacites_proto.views.impact": ("ImpactView",),
    "datacites_proto.views.assessment": ("AssessmentView",),
    "datacites_proto.views.assessment_results": ("AssessmentResultsView",),
    # Built-in map layers.
    "datacites_proto.views.maps.points": ("PointsLayer",),
    "datacites_proto.views.maps.hexagons": ("HexagonsLayer",),
    "datacites_proto.views.maps.heatmap": ("HeatmapLayer",),
    "datacites_proto.views.maps.choropleth": ("ChoroplethKey", "ChoroplethLayer"),
    "datacites_proto.views.maps.shapes": ("ShapesLayer",),
    # Computing indicators outside the app.
    "datacites_proto.engine.service": ("IndicatorResult", "Service"),
    "datacites_proto.engine.errors": ("DataError",),
    "datacites_proto.engine.query_errors": ("QueryError",),
}

EXPORTS: dict[str, str] = {name: module for module, names in MODULES.items() for name in names}
