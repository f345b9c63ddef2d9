"""The filter controls of a page, in the sidebar, with their state in the URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from datacites_proto.app import caching, link_values
from datacites_proto.app.link_values import Checked
from datacites_proto.app.streamlit_words import hides_english
from datacites_proto.blueprint.filters import (
    DATE_PRESETS,
    DateRangeFilter,
    MultiselectFilter,
    RangeFilter,
    SelectFilter,
    ToggleFilter,
)
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.engine import governance
from datacites_proto.engine.service import Service
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.page_words import filter_label, page_datasets, page_filter_ids

# Named here too: the app's modules and tests read a page's filters from the panel's module.
__all__ = ["FilterPanel", "filter_label", "page_datasets", "page_filter_ids", "widget_key"]

CUSTOM = "custom"


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def widget_key(filter_id: str) -> str:
    """The Session State key of a filter's control (a map selection sets it)."""
    return f"filter-{filter_id}"


def _url_list(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v != ""]


class _Offered:
    """The options of a select, for `in` tests that never raise (a map may set anything)."""

    def __init__(self, options: list[Any]) -> None:
        self.values = set(options)

    def __contains__(self, value: Any) -> bool:
        try:
            return value in self.values
        except TypeError:  # unhashable: not an option
            return False


def _within(value: Any, low: Any, high: Any) -> bool:
    """A widget's kept value (one or two dates or numbers) inside [low, high]."""
    if not isinstance(value, (list, tuple)) or not 1 <= len(value) <= 2:
        return False
    try:
        return all((low is None or v >= low) and (high is None or v <= high) for v in value)
    except TypeError:
        return False


class FilterPanel:
    """Draws the controls and returns their values (as `Service.compute` takes them).

    Each filter's state lives in the page's URL under the filter's id, in a form that
    does not depend on the language (`?periode=last_30_days&lieux=Gare&lieux=Port`): a
    shared link reopens the same view. Every value from a URL is checked against what the
    filter offers now (app/link_values.py) before its widget is made: clamped or ignored,
    with a notice above the page, and the URL rewritten to what is shown.
    """

    def __init__(
        self,
        blueprint: Blueprint,
        service: Service,
        service_key: str,
        data_stamp: str,
        lang: str,
        audience: str = "public",
    ) -> None:
        self.bp = blueprint
        self.service = service
        # The public's domain of a shared dataset is its protected one (merged values,
        # fixed bins, whole months): engine/protection.py.
        self.audience = audience
        self.keys = (service_key, data_stamp)
        self.lang = lang
        self.fmt = Formatter(lang)
        self.notices: list[str] = []

    def t(self, code: str, **params: Any) -> str:
        return translate(code, self.lang, **params)

    def draw(self, filter_ids: list[str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if not governance.is_team(self.audience):
            # A filter over data withheld from the public (its agreement ended) lists nothing.
            filter_ids = [
                f
                for f in filter_ids
                if not governance.withheld(self.bp, self.bp.filters[f].dataset)
            ]
        if not filter_ids:
            return values
        with st.sidebar:
            st.subheader(self.t("app_filters"))
            for f_id in filter_ids:
                spec = self.bp.filters[f_id]
                values[f_id] = self._draw_one(f_id, spec, filter_label(f_id, spec, self.bp))
        self.show_notices()
        return values

    def show_notices(self) -> None:
        """What the link asked for and what is shown instead, above the page."""
        if self.notices:
            lines = "\n".join(f"- {n}" for n in self.notices)
            st.info(
                f"{self.t('link_notice_intro')}\n\n{lines}\n\n{self.t('link_notice_fixed')}",
                icon=":material/link:",
            )

    def _text(self, value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, dt.date):
            return self.fmt.date(value)
        if isinstance(value, float):
            return self.fmt.number(value)
        return str(value)

    def _note(self, checked: Checked, fresh: bool, label: str, shown: str) -> None:
        """Keep a notice when this run's value came from the link and was changed."""
        if fresh and checked.notice:
            params = {k: self._text(v) for k, v in checked.params.items()}
            self.notices.append(self.t(checked.notice, filter=label, shown=shown, **params))

    @staticmethod
    def _drop_unless(key: str, fits: Callable[[Any], bool]) -> None:
        """Forget a widget's kept value that no longer fits (the data moved): Streamlit
        would raise on it."""
        if key in st.session_state and not fits(st.session_state[key]):
            del st.session_state[key]

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
            else caching.distinct(
                self.service, *self.keys, spec.dataset, spec.column_name, audience=self.audience
            )
        )
        key = widget_key(f_id)
        fresh = key not in st.session_state
        offered = _Offered(options)
        if isinstance(spec, MultiselectFilter):
            checked = link_values.some_of(_url_list(f_id), options)
            self._seed(key, checked.value)
            if key in st.session_state and isinstance(st.session_state[key], list):
                kept = [v for v in st.session_state[key] if v in offered]
                if kept != st.session_state[key]:
                    st.session_state[key] = kept
            self._drop_unless(key, lambda v: isinstance(v, list))
            default = [v for v in spec.default if v in offered]
            kwargs = {} if key in st.session_state else {"default": default}
            # Streamlit's « Select all » entry exists in English only.
            english_only = {} if self.lang == "en" else {"select_all": False}
            chosen = st.multiselect(
                label,
                options,
                key=key,
                help=spec.help,
                placeholder=self.t("app_all"),
                **english_only,
                **kwargs,
            )
            self._publish(f_id, [str(v) for v in chosen], [str(v) for v in default])
            shown = ", ".join(str(v) for v in chosen) or self.t("link_all_values")
            self._note(checked, fresh, label, shown)
            return list(chosen) or None
        assert isinstance(spec, SelectFilter)
        choices = [None, *options]
        checked = link_values.one_of(st.query_params.get(f_id), options)
        self._seed(key, checked.value)
        self._drop_unless(key, lambda v: v is None or v in offered)
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
        self._note(
            checked, fresh, label, self.t("link_all_values") if chosen is None else str(chosen)
        )
        return None if chosen is None else [chosen]

    def _toggle(self, f_id: str, spec: ToggleFilter, label: str) -> Any:
        key = widget_key(f_id)
        fresh = key not in st.session_state
        checked = link_values.switch(st.query_params.get(f_id))
        self._seed(key, checked.value)
        self._drop_unless(key, lambda v: isinstance(v, bool))
        kwargs = {} if key in st.session_state else {"value": spec.default}
        on = st.toggle(label, key=key, help=spec.help, **kwargs)
        self._publish(f_id, "1" if on else "0", "1" if spec.default else "0")
        self._note(checked, fresh, label, self.t("link_on" if on else "link_off"))
        return on

    def _date_bounds(self, spec: DateRangeFilter) -> tuple[Any, Any, tuple[Any, Any] | None]:
        """The first and last days of the data, and the default period cut to them."""
        low, high = (
            _as_date(v)
            for v in caching.bounds(
                self.service, *self.keys, spec.dataset, spec.column_name, audience=self.audience
            )
        )
        # A default period the data has left is cut to the data (Streamlit raises otherwise).
        fitted = (
            link_values.fit_dates(spec.default, low, high)
            if isinstance(spec.default, tuple)
            else None
        )
        return low, high, fitted

    def _date_range(self, f_id: str, spec: DateRangeFilter, label: str) -> Any:
        presets = [*DATE_PRESETS, CUSTOM]
        default = spec.default if isinstance(spec.default, str) else CUSTOM
        key = widget_key(f_id)
        fresh = key not in st.session_state
        checked = link_values.preset(st.query_params.get(f_id), presets)
        self._seed(key, checked.value)
        self._drop_unless(key, lambda v: v in presets)
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
            self._note(checked, fresh, label, self.t(f"preset_{choice}"))
            return choice
        low, high, fitted = self._date_bounds(spec)
        start, end = fitted or (low, high)
        dates_key = widget_key(dates_name)
        dates_fresh = dates_key not in st.session_state
        dates = link_values.dates(_url_list(dates_name), low, high)
        self._seed(dates_key, dates.value)
        self._drop_unless(dates_key, lambda v: _within(v, low, high))
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
            shown = self.t(
                "link_period_from_to", start=self._text(picked[0]), end=self._text(picked[1])
            )
            self._note(checked, fresh, label, shown)
            self._note(dates, dates_fresh, label, shown)
            return chosen
        return None  # half-chosen range: no filtering yet

    def _interval_bounds(
        self, spec: RangeFilter
    ) -> tuple[float, float, tuple[float, float]] | None:
        """The data's smallest and largest values and the default interval cut to them
        (None when the data holds one value or none: there is nothing to choose)."""
        low, high = caching.bounds(
            self.service, *self.keys, spec.dataset, spec.column_name, audience=self.audience
        )
        if low is None or high is None or low == high:
            return None
        low, high = float(low), float(high)
        # A default interval the data has left is cut to the data (Streamlit raises otherwise).
        default = (spec.default and link_values.fit_interval(spec.default, low, high)) or (
            low,
            high,
        )
        return low, high, tuple(default)

    def _range(self, f_id: str, spec: RangeFilter, label: str) -> Any:
        interval = self._interval_bounds(spec)
        if interval is None:
            self._publish(f_id, None, None)  # no control: a value in the URL means nothing
            return None
        low, high, default = interval
        key = widget_key(f_id)
        fresh = key not in st.session_state
        checked = link_values.interval(_url_list(f_id), low, high)
        self._seed(key, checked.value)
        self._drop_unless(key, lambda v: _within(v, low, high))
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
        # 15 significant digits: a bound written in the URL reads back as the same number.
        self._publish(f_id, [f"{v:.15g}" for v in chosen], [f"{v:.15g}" for v in default])
        shown = f"{self._text(chosen[0])} – {self._text(chosen[1])}"
        if hides_english(self.lang):
            # The slider's own numbers are printf's (« 7.40 »), hidden by streamlit_words:
            # the chosen interval is written here in the service's language (« 7,4 – 300 »).
            st.caption(shown)
        self._note(checked, fresh, label, shown)
        return None if chosen == (low, high) else list(chosen)

    # --- without widgets: an embedded page (app/embedding.py) -------------------------------

    def values_from_link(self, filter_ids: list[str]) -> dict[str, Any]:
        """The values `draw` would give, read from the URL alone: no control is drawn.

        For a page embedded in another site (`?embed=true`), where the sidebar is hidden:
        each URL value goes through the same checks as a widget's (app/link_values.py),
        falls back to the filter's default, and is clamped or ignored with the same
        notice; the URL is rewritten to what is shown, as `draw` does.
        """
        values: dict[str, Any] = {}
        if not governance.is_team(self.audience):
            filter_ids = [
                f
                for f in filter_ids
                if not governance.withheld(self.bp, self.bp.filters[f].dataset)
            ]
        for f_id in filter_ids:
            spec = self.bp.filters[f_id]
            values[f_id] = self._from_link(f_id, spec, filter_label(f_id, spec, self.bp))
        self.show_notices()
        return values

    def _from_link(self, f_id: str, spec: Any, label: str) -> Any:
        if isinstance(spec, DateRangeFilter):
            return self._date_range_from_link(f_id, spec, label)
        if isinstance(spec, ToggleFilter):
            checked = link_values.switch(st.query_params.get(f_id))
            on = bool(spec.default if checked.value is None else checked.value)
            self._publish(f_id, "1" if on else "0", "1" if spec.default else "0")
            self._note(checked, True, label, self.t("link_on" if on else "link_off"))
            return on
        if isinstance(spec, RangeFilter):
            return self._range_from_link(f_id, spec, label)
        options = (
            list(spec.options)
            if spec.options
            else caching.distinct(
                self.service, *self.keys, spec.dataset, spec.column_name, audience=self.audience
            )
        )
        offered = _Offered(options)
        # A click on a map (views/map.py) sets the filter's session key, as for its widget:
        # taken once, then the URL says it.
        clicked = st.session_state.pop(widget_key(f_id), None)
        if isinstance(spec, MultiselectFilter):
            checked = link_values.some_of(_url_list(f_id), options)
            if isinstance(clicked, list) and any(v in offered for v in clicked):
                checked = Checked([v for v in clicked if v in offered])
            default = [v for v in spec.default if v in offered]
            chosen = default if checked.value is None else checked.value
            self._publish(f_id, [str(v) for v in chosen], [str(v) for v in default])
            shown = ", ".join(str(v) for v in chosen) or self.t("link_all_values")
            self._note(checked, True, label, shown)
            return list(chosen) or None
        assert isinstance(spec, SelectFilter)
        checked = link_values.one_of(st.query_params.get(f_id), options)
        if clicked is not None and clicked in offered:
            checked = Checked(clicked)
        picked = spec.default if spec.default in offered else None
        picked = picked if checked.value is None else checked.value
        self._publish(
            f_id,
            None if picked is None else str(picked),
            None if spec.default is None else str(spec.default),
        )
        self._note(
            checked, True, label, self.t("link_all_values") if picked is None else str(picked)
        )
        return None if picked is None else [picked]

    def _date_range_from_link(self, f_id: str, spec: DateRangeFilter, label: str) -> Any:
        presets = [*DATE_PRESETS, CUSTOM]
        default = spec.default if isinstance(spec.default, str) else CUSTOM
        checked = link_values.preset(st.query_params.get(f_id), presets)
        choice = default if checked.value is None else checked.value
        self._publish(f_id, choice, default)
        dates_name = f"{f_id}_dates"
        if choice != CUSTOM:
            self._publish(dates_name, None, None)
            self._note(checked, True, label, self.t(f"preset_{choice}"))
            return choice
        low, high, fitted = self._date_bounds(spec)
        dates = link_values.dates(_url_list(dates_name), low, high)
        start, end = dates.value or fitted or (low, high)
        if start is None or end is None:  # no data: no period to show
            self._publish(dates_name, None, None)
            return None
        chosen = [start.isoformat(), end.isoformat()]
        self._publish(dates_name, chosen, None)
        shown = self.t("link_period_from_to", start=self._text(start), end=self._text(end))
        self._note(checked, True, label, shown)
        self._note(dates, True, label, shown)
        return chosen

    def _range_from_link(self, f_id: str, spec: RangeFilter, label: str) -> Any:
        interval = self._interval_bounds(spec)
        if interval is None:
            self._publish(f_id, None, None)  # no control: a value in the URL means nothing
            return None
        low, high, default = interval
        checked = link_values.interval(_url_list(f_id), low, high)
        chosen = tuple(default if checked.value is None else checked.value)
        self._publish(f_id, [f"{v:.15g}" for v in chosen], [f"{v:.15g}" for v in default])
        self._note(checked, True, label, f"{self._text(chosen[0])} – {self._text(chosen[1])}")
        return None if chosen == (low, high) else list(chosen)
