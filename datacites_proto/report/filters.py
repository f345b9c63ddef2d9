"""A printed page's filter values: each filter's default, as the app's panel opens the page,
and `--filter id=value` read and checked against what the filter offers (ReportError)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from datacites_proto.blueprint.filters import (
    DATE_PRESETS,
    DateRangeFilter,
    MultiselectFilter,
    RangeFilter,
    SelectFilter,
    ToggleFilter,
)
from datacites_proto.engine import governance
from datacites_proto.errors import CodedError
from datacites_proto.i18n import translate
from datacites_proto.views.page_words import page_filter_ids

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.blueprint.pages import Page
    from datacites_proto.engine.service import Service


class ReportError(CodedError):
    """A report that cannot be made as asked (a page, a filter, a file): a coded message."""


def printed_filter_ids(blueprint: Blueprint, page: Page, audience: str = "public") -> list[str]:
    """The filters a page shows, as the app's panel lists them (a filter over data withheld
    from the public is left out for it)."""
    ids = page_filter_ids(blueprint, page)
    if not governance.is_team(audience):
        ids = [f for f in ids if not governance.withheld(blueprint, blueprint.filters[f].dataset)]
    return ids


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if hasattr(value, "date") and not isinstance(value, dt.date):
        day: dt.date = value.date()
        return day
    return value if isinstance(value, dt.date) else None


def default_value(service: Service, spec: Any, audience: str = "public") -> Any:
    """A filter's value when the page opens, as the app's filter panel gives it."""
    if isinstance(spec, DateRangeFilter):
        if isinstance(spec.default, str):
            return spec.default
        low, high = (
            _as_date(v) for v in service.bounds(spec.dataset, spec.column_name, audience=audience)
        )
        start, end = spec.default
        if low is not None and high is not None:  # a default the data has left is cut to it
            start, end = max(start, low), min(end, high)
            if start > end:
                start, end = low, high
        return [start.isoformat(), end.isoformat()]
    if isinstance(spec, ToggleFilter):
        return spec.default
    if isinstance(spec, RangeFilter):
        if spec.default is None:
            return None
        low, high = service.bounds(spec.dataset, spec.column_name, audience=audience)
        if low is None or high is None:
            return None
        a, b = max(spec.default[0], float(low)), min(spec.default[1], float(high))
        return None if (a, b) == (float(low), float(high)) or a > b else [a, b]
    options = _options(service, spec, audience)
    if isinstance(spec, MultiselectFilter):
        kept = [v for v in spec.default if v in options]
        return kept or None
    assert isinstance(spec, SelectFilter)
    return [spec.default] if spec.default is not None and spec.default in options else None


def _options(service: Service, spec: Any, audience: str) -> list[Any]:
    if spec.options:
        return list(spec.options)
    return list(service.distinct(spec.dataset, spec.column_name, audience=audience))


def _refused(f_id: str, text: str, lang: str, code: str, **params: Any) -> ReportError:
    detail = translate(code, lang, **params)
    return ReportError("report_filter_value", id=f_id, value=text, detail=detail)


def parse_value(
    service: Service, f_id: str, spec: Any, text: str, lang: str, audience: str = "public"
) -> Any:
    """`--filter id=text` as the filter's value; ReportError when the filter cannot take it."""
    text = text.strip()
    if isinstance(spec, ToggleFilter):
        if text.lower() in ("1", "true", "oui", "yes"):
            return True
        if text.lower() in ("0", "false", "non", "no"):
            return False
        raise _refused(f_id, text, lang, "report_filter_toggle")
    if isinstance(spec, DateRangeFilter):
        if text in DATE_PRESETS:
            return text
        low, high = (
            _as_date(v) for v in service.bounds(spec.dataset, spec.column_name, audience=audience)
        )
        start_text, sep, end_text = text.partition("..")
        try:
            start = dt.date.fromisoformat(start_text)
            end = dt.date.fromisoformat(end_text) if sep else start
        except ValueError:
            raise _refused(
                f_id, text, lang, "report_filter_presets", choices=", ".join(DATE_PRESETS)
            ) from None
        if start > end or (low and start < low) or (high and end > high):
            raise _refused(
                f_id, text, lang, "report_filter_dates", low=str(low or "…"), high=str(high or "…")
            )
        return [start.isoformat(), end.isoformat()]
    if isinstance(spec, RangeFilter):
        low, high = service.bounds(spec.dataset, spec.column_name, audience=audience)
        a_text, _, b_text = text.partition("..")
        try:
            a, b = float(a_text), float(b_text)
        except ValueError:
            raise _refused(f_id, text, lang, "report_filter_range", low=low, high=high) from None
        if low is None or high is None or a > b or a < float(low) or b > float(high):
            raise _refused(f_id, text, lang, "report_filter_range", low=low, high=high)
        return [a, b]
    options = _options(service, spec, audience)
    by_text = {str(o): o for o in options}
    wanted = [t.strip() for t in text.split(",")] if isinstance(spec, MultiselectFilter) else [text]
    unknown = [t for t in wanted if t not in by_text]
    if unknown or not wanted:
        shown = ", ".join(list(by_text)[:12]) + (" …" if len(by_text) > 12 else "")
        raise _refused(
            f_id, ", ".join(unknown) or text, lang, "report_filter_choices", choices=shown
        )
    return [by_text[t] for t in dict.fromkeys(wanted)]
