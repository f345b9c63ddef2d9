"""The app's RenderContext fulfils the Protocol views depend on (views/context.py)."""

from __future__ import annotations

import inspect
import typing

from datacites_proto.app.context import RenderContext as AppContext
from datacites_proto.views.context import RenderContext as ViewContext


def _members(cls: type) -> dict[str, typing.Any]:
    return {
        name: value
        for name, value in vars(cls).items()
        if not name.startswith("_") and callable(value)
    }


def test_the_app_context_has_every_method_of_the_protocol_with_its_parameters() -> None:
    promised = _members(ViewContext)
    assert {"result", "rows", "histogram", "layer_draw", "feedback_store"} <= set(promised)
    assert {"submit_feedback", "private_download", "key", "filter_widget_key", "t"} <= set(promised)
    for name, method in promised.items():
        implemented = getattr(AppContext, name, None)
        assert callable(implemented), name
        assert list(inspect.signature(implemented).parameters) == list(
            inspect.signature(method).parameters
        ), name


def test_the_app_context_has_every_attribute_of_the_protocol() -> None:
    fields = set(AppContext.__dataclass_fields__)
    assert set(ViewContext.__annotations__) <= fields
