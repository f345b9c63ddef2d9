"""The filter controls of a page, in the sidebar, with their state in the URL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from datacites_proto.app import caching
from datacites_proto.blueprint.filters import (
    DATE_PRESETS,
    DateRangeFilter,
    MultiselectFilter,
    RangeFilter,
    SelectFilter,
    ToggleFilter,
)
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.pages import Page
from datacites_proto.blueprint.relations import reachable
from datacites_proto.engine.service import Service
from datacites_proto.i18n import translate

CUSTOM = "custom"


def page_datasets(blueprint: Blueprint, page: Page) -> set[str]:
    """The datasets a page's views use (directly or through their indicators)."""
    found: set[str] = set()
    for view in page.views:
        for ref in view.references():
            if ref.kind == "dataset":
                found.add(ref.name)
            elif ref.kind == "indicator" or ref.or_indicator:
                found |= blueprint.leaf_datasets(ref.name)
    return found


def page_filter_ids(blueprint: Blueprint, page: Page) -> list[str]:
    """The filters a page shows: those it lists, or those that apply to its data."""
    if page.filters is not None:
        return list(page.filters)
    used = page_datasets(blueprint, page)
    related = set().union(*(reachable(blueprint.relations, d) for d in used)) if used else set()
    return [f_id for f_id, spec in blueprint.filters.items() if spec.dataset in related]


def _label(f_id: str, spec: Any, blueprint: Blueprint) -> str:
    if spec.label:
        return spec.label
    column = blueprint.datasets[spec.dataset].columns.get(spec.column_name)
    return column.label if column and column.label else spec.column_name


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


class FilterPanel:
    """Draws the controls and returns their values (as `Service.compute` takes them)."""

    def __init__(
        self, blueprint: Blueprint, service: Service, service_key: str, data_stamp: str, lang: str
    ) -> None:
        self.bp = blueprint
        self.service = service
        self.keys = (service_key, data_stamp)
        self.lang = lang

    def t(self, code: str, **params: Any) -> str:
        return translate(code, self.lang, **params)

    def draw(self, filter_ids: list[str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if not filter_ids:
            return values
        with st.sidebar:
            st.subheader(self.t("app_filters"))
            for f_id in filter_ids:
                spec = self.bp.filters[f_id]
                values[f_id] = self._draw_one(f_id, spec, _label(f_id, spec, self.bp))
        return values

    def _draw_one(self, f_id: str, spec: Any, label: str) -> Any:
        help_text = spec.help
        if isinstance(spec, DateRangeFilter):
            return self._date_range(f_id, spec, label, help_text)
        if isinstance(spec, ToggleFilter):
            return st.toggle(
                label, value=spec.default, key=f_id, help=help_text, bind="query-params"
            )
        if isinstance(spec, RangeFilter):
            return self._range(f_id, spec, label, help_text)
        options = (
            list(spec.options)
            if spec.options
            else caching.distinct(self.service, *self.keys, spec.dataset, spec.column_name)
        )
        if isinstance(spec, MultiselectFilter):
            default = [v for v in spec.default if v in options]
            chosen = st.multiselect(
                label,
                options,
                default=default,
                key=f_id,
                help=help_text,
                placeholder=self.t("app_all"),
                bind="query-params",
            )
            return list(chosen) or None
        assert isinstance(spec, SelectFilter)
        choices = [None, *options]
        index = choices.index(spec.default) if spec.default in choices else 0
        chosen = st.selectbox(
            label,
            choices,
            index=index,
            key=f_id,
            help=help_text,
            bind="query-params",
            format_func=lambda v: self.t("app_all") if v is None else str(v),
        )
        return None if chosen is None else [chosen]

    def _date_range(
        self, f_id: str, spec: DateRangeFilter, label: str, help_text: str | None
    ) -> Any:
        presets = [*DATE_PRESETS, CUSTOM]
        default = spec.default if isinstance(spec.default, str) else CUSTOM
        choice = st.selectbox(
            label,
            presets,
            index=presets.index(default),
            key=f_id,
            help=help_text,
            format_func=lambda p: self.t(f"preset_{p}"),
            bind="query-params",
        )
        if choice != CUSTOM:
            return choice
        low, high = (
            _as_date(v)
            for v in caching.bounds(self.service, *self.keys, spec.dataset, spec.column_name)
        )
        if isinstance(spec.default, tuple):
            start, end = spec.default
        else:
            start, end = low, high
        picked = st.date_input(
            self.t("app_dates"),
            value=(start, end),
            min_value=low,
            max_value=high,
            key=f"{f_id}_dates",
            format="DD/MM/YYYY" if self.lang == "fr" else "YYYY-MM-DD",
            bind="query-params",
        )
        if isinstance(picked, (list, tuple)) and len(picked) == 2:
            return [picked[0].isoformat(), picked[1].isoformat()]
        return None  # half-chosen range: no filtering yet

    def _range(self, f_id: str, spec: RangeFilter, label: str, help_text: str | None) -> Any:
        low, high = caching.bounds(self.service, *self.keys, spec.dataset, spec.column_name)
        if low is None or high is None or low == high:
            return None
        low, high = float(low), float(high)
        value = spec.default or (low, high)
        chosen = st.slider(
            label,
            min_value=low,
            max_value=high,
            value=(float(value[0]), float(value[1])),
            step=spec.step,
            key=f_id,
            help=help_text,
            bind="query-params",
        )
        return None if tuple(chosen) == (low, high) else list(chosen)
