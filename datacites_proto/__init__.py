"""DataCités Proto: prototype urban data services from a blueprint.

The public API is imported lazily so that `import datacites_proto` (and the CLI's
`--version`) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("datacites-proto")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"

_EXPORTS = {
    "Blueprint": "datacites_proto.blueprint.model",
    "load_blueprint": "datacites_proto.blueprint.loader",
    "inspect_blueprint": "datacites_proto.blueprint.loader",
    "LoadResult": "datacites_proto.blueprint.loader",
    "BlueprintError": "datacites_proto.errors",
    "DataCitesError": "datacites_proto.errors",
    "Problem": "datacites_proto.errors",
    "Registry": "datacites_proto.registry",
    "RegistryError": "datacites_proto.registry",
    "default_registry": "datacites_proto.registry",
    "Source": "datacites_proto.sources.base",
    "View": "datacites_proto.views.base",
    "Layer": "datacites_proto.views.maps.base",
    "Ref": "datacites_proto.blueprint.refs",
    "Service": "datacites_proto.engine.service",
    "IndicatorResult": "datacites_proto.engine.service",
    "DataError": "datacites_proto.engine.errors",
    "QueryError": "datacites_proto.engine.query_errors",
    "field": "datacites_proto.blueprint.base",
    "tag": "datacites_proto.blueprint.base",
}

__all__ = [
    "Blueprint",
    "BlueprintError",
    "DataCitesError",
    "DataError",
    "IndicatorResult",
    "Layer",
    "LoadResult",
    "Problem",
    "QueryError",
    "Ref",
    "Registry",
    "RegistryError",
    "Service",
    "Source",
    "View",
    "__version__",
    "default_registry",
    "field",
    "inspect_blueprint",
    "load_blueprint",
    "tag",
]

if TYPE_CHECKING:
    from datacites_proto.blueprint.base import field, tag
    from datacites_proto.blueprint.loader import LoadResult, inspect_blueprint, load_blueprint
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.blueprint.refs import Ref
    from datacites_proto.engine.errors import DataError
    from datacites_proto.engine.query_errors import QueryError
    from datacites_proto.engine.service import IndicatorResult, Service
    from datacites_proto.errors import BlueprintError, DataCitesError, Problem
    from datacites_proto.registry import Registry, RegistryError, default_registry
    from datacites_proto.sources.base import Source
    from datacites_proto.views.base import View
    from datacites_proto.views.maps.base import Layer


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'datacites_proto' has no attribute {name!r}")
    return getattr(import_module(module), name)
