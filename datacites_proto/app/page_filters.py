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


def widget_key(filter_id: str) -> str:
    """The Session State key of a filter's control (a map selection sets it)."""
    return f"filter-{filter_id}"


def _url_list(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v != ""]


class FilterPanel:
    """Draws the controls and returns their values (as `Service.compute` takes them).

    Each filter's state lives in the page's URL under the filter's id, in a form that
    does not depend on the language (`?periode=last_30_days&lieux=Gare&lieux=Port`): a
    shared link reopens the same view. An invalid value in a URL is ignored.
    """

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

    @staticmethod
    def _seed(key: str, value: Any) -> None:
        """Give a widget its value from the URL, once, before it is drawn."""
        if key not in st.session_state and value is not None:
            st.session_state[key] = value

    @staticmethod
    def _publish(name: str, value: Any, default: Any) -> None:
        """Write a filter's value in the URL (removed when it is the default)."""
        if value == default or value in (None, [], ""):
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get_all(name) != (
            [str(v) for v in value] if isinstance(value, list) else [str(value)]
        ):
            st.query_params[name] = (
                [str(v) for v in value] if isinstance(value, list) else str(value)
            )

    def _draw_one(self, f_id: str, spec: Any, label: str) -> Any:
        if isinstance(spec, DateRangeFilter):
            return self._date_range(f_id, spec, label)
        if isinstance(spec, ToggleFilter):
            return self._toggle(f_id, spec, label)
        if isinstance(spec, RangeFilter):
            return self._range(f_id, spec, label)
        options = (
            list(spec.options)
            if spec.options
            else caching.distinct(self.service, *self.keys, spec.dataset, spec.column_name)
        )
        by_text = {str(o): o for o in options}
        key = widget_key(f_id)
        if isinstance(spec, MultiselectFilter):
            wanted = [by_text[v] for v in _url_list(f_id) if v in by_text]
            self._seed(key, wanted or None)
            default = [v for v in spec.default if v in options]
            kwargs = {} if key in st.session_state else {"default": default}
            chosen = st.multiselect(
                label, options, key=key, help=spec.help, placeholder=self.t("app_all"), **kwargs
            )
            self._publish(f_id, [str(v) for v in chosen], [str(v) for v in default])
            return list(chosen) or None
        assert isinstance(spec, SelectFilter)
        choices = [None, *options]
        url = st.query_params.get(f_id)
        self._seed(key, by_text.get(url) if url is not None else None)
        kwargs = (
            {}
            if key in st.session_state
            else {"index": choices.index(spec.default) if spec.default in choices else 0}
        )
        chosen = st.selectbox(
            label,
            choices,
            key=key,
            help=spec.help,
            format_func=lambda v: self.t("app_all") if v is None else str(v),
            **kwargs,
        )
        self._publish(
            f_id,
            None if chosen is None else str(chosen),
            None if spec.default is None else str(spec.default),
        )
        return None if chosen is None else [chosen]

    def _toggle(self, f_id: str, spec: ToggleFilter, label: str) -> Any:
        key = widget_key(f_id)
        url = st.query_params.get(f_id)
        self._seed(key, {"1": True, "true": True, "0": False, "false": False}.get(str(url).lower()))
        kwargs = {} if key in st.session_state else {"value": spec.default}
        on = st.toggle(label, key=key, help=spec.help, **kwargs)
        self._publish(f_id, "1" if on else "0", "1" if spec.default else "0")
        return on

    def _date_range(self, f_id: str, spec: DateRangeFilter, label: str) -> Any:
        presets = [*DATE_PRESETS, CUSTOM]
        default = spec.default if isinstance(spec.default, str) else CUSTOM
        key = widget_key(f_id)
        url = st.query_params.get(f_id)
        self._seed(key, url if url in presets else None)
        kwargs = {} if key in st.session_state else {"index": presets.index(default)}
        choice = st.selectbox(
            label,
            presets,
            key=key,
            help=spec.help,
            format_func=lambda p: self.t(f"preset_{p}"),
            **kwargs,
        )
        self._publish(f_id, choice, default)
        dates_name = f"{f_id}_dates"
        if choice != CUSTOM:
            self._publish(dates_name, None, None)
            return choice
        low, high = (
            _as_date(v)
            for v in caching.bounds(self.service, *self.keys, spec.dataset, spec.column_name)
        )
        if isinstance(spec.default, tuple):
            start, end = spec.default
        else:
            start, end = low, high
        dates_key = widget_key(dates_name)
        from_url = _url_list(dates_name)
        try:
            seeded = (
                tuple(dt.date.fromisoformat(v) for v in from_url) if len(from_url) == 2 else None
            )
        except ValueError:
            seeded = None
        self._seed(dates_key, seeded)
        kwargs = {} if dates_key in st.session_state else {"value": (start, end)}
        picked = st.date_input(
            self.t("app_dates"),
            min_value=low,
            max_value=high,
            key=dates_key,
            format="DD/MM/YYYY" if self.lang == "fr" else "YYYY-MM-DD",
            **kwargs,
        )
        if isinstance(picked, (list, tuple)) and len(picked) == 2:
            chosen = [picked[0].isoformat(), picked[1].isoformat()]
            self._publish(dates_name, chosen, None)
            return chosen
        return None  # half-chosen range: no filtering yet

    def _range(self, f_id: str, spec: RangeFilter, label: str) -> Any:
        low, high = caching.bounds(self.service, *self.keys, spec.dataset, spec.column_name)
        if low is None or high is None or low == high:
            return None
        low, high = float(low), float(high)
        default = tuple(float(v) for v in (spec.default or (low, high)))
        key = widget_key(f_id)
        try:
            from_url = tuple(float(v) for v in _url_list(f_id))
        except ValueError:
            from_url = ()
        if len(from_url) == 2:
            self._seed(key, (max(low, min(from_url)), min(high, max(from_url))))
        kwargs = {} if key in st.session_state else {"value": default}
        chosen = tuple(
            st.slider(
                label,
                min_value=low,
                max_value=high,
                step=spec.step,
                key=key,
                help=spec.help,
                **kwargs,
            )
        )
        self._publish(f_id, [f"{v:g}" for v in chosen], [f"{v:g}" for v in default])
        return None if chosen == (low, high) else list(chosen)
