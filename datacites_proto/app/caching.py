"""What the app keeps between reruns: the blueprint, its Service, and query results.

Engines are resources shared by every session (`st.cache_resource`); query results are
data (`st.cache_data`) keyed by indicator, breakdowns, filter values and the data's
stamp, so that a rerun after a filter change recomputes only what changed.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

import pandas as pd
import streamlit as st

from datacites_proto.blueprint.loader import LoadResult, inspect_blueprint
from datacites_proto.engine.data_check import check_data
from datacites_proto.engine.histogram import Histogram, histogram
from datacites_proto.engine.service import IndicatorResult, Service
from datacites_proto.errors import Problem

RESULTS_TTL = 600  # seconds: remote (sql) sources change without telling us
RESULTS_MAX = 2000


@st.cache_resource(max_entries=8, show_spinner=False)
def load(path: str, stamp: str) -> LoadResult:
    """The validated blueprint (or its problems), once per version of its files."""
    return inspect_blueprint(path)


@st.cache_resource(max_entries=8, show_spinner=False)
def service(path: str, stamp: str) -> Service:
    """The Service of a valid blueprint, shared by every session."""
    result = load(path, stamp)
    assert result.blueprint is not None
    return Service.from_blueprint(result.blueprint)


@st.cache_resource(max_entries=32, show_spinner=False)
def data_problems(path: str, stamp: str, data_stamp: str) -> list[Problem]:
    """Load every dataset once per data version; the problems found, located."""
    svc = service(path, stamp)
    svc.refresh()
    return check_data(load(path, stamp), service=svc)


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


@st.cache_data(max_entries=RESULTS_MAX, ttl=RESULTS_TTL, show_spinner=False)
def result(
    _service: Service,
    service_key: str,
    data_stamp: str,
    indicator: str,
    by: tuple[str, ...],
    filters: str,
    audience: str,
) -> IndicatorResult:
    found = _service.result(indicator, list(by) or None, json.loads(filters), audience=audience)
    found.key = _json([service_key, data_stamp, indicator, by, filters, audience])
    return found


@st.cache_data(max_entries=RESULTS_MAX, ttl=RESULTS_TTL, show_spinner=False)
def rows(
    _service: Service,
    service_key: str,
    data_stamp: str,
    dataset: str,
    columns: tuple[str, ...],
    filters: str,
    sort: str | None,
    limit: int,
    audience: str,
) -> pd.DataFrame:
    return _service.rows(
        dataset,
        list(columns) or None,
        json.loads(filters),
        sort=sort,
        limit=limit,
        audience=audience,
    )


@st.cache_data(max_entries=RESULTS_MAX, ttl=RESULTS_TTL, show_spinner=False)
def distinct(
    _service: Service,
    service_key: str,
    data_stamp: str,
    dataset: str,
    column: str,
    audience: str = "public",
) -> list[Any]:
    return _service.distinct(dataset, column, audience=audience)


@st.cache_data(max_entries=RESULTS_MAX, ttl=RESULTS_TTL, show_spinner=False)
def bounds(
    _service: Service,
    service_key: str,
    data_stamp: str,
    dataset: str,
    column: str,
    audience: str = "public",
) -> tuple[Any, Any]:
    return _service.bounds(dataset, column, audience=audience)


@st.cache_data(max_entries=RESULTS_MAX, ttl=RESULTS_TTL, show_spinner=False)
def column_histogram(
    _service: Service,
    service_key: str,
    data_stamp: str,
    dataset: str,
    column: str,
    bins: int,
    filters: str,
    audience: str,
) -> Histogram:
    """A column's histogram under filters values, per audience and data version."""
    return histogram(_service, dataset, column, json.loads(filters), bins=bins, audience=audience)


def filters_key(values: dict[str, Any], only: Collection[str] | None = None) -> str:
    """Filter values as a stable text, part of the cache keys (those in `only`, if given)."""
    return _json({k: v for k, v in values.items() if v is not None and (only is None or k in only)})


@st.cache_data(max_entries=256, ttl=RESULTS_TTL, show_spinner=False)
def layer_draw(
    _layer: Any,
    _ctx: Any,
    service_key: str,
    data_stamp: str,
    layer_json: str,
    layer_id: str,
    filters: str,
    audience: str,
    lang: str,
    files: str,
) -> Any:
    """A map layer ready to draw, per layer settings, filters, audience, language and data."""
    return _layer.deck_layer(_ctx, layer_id)
