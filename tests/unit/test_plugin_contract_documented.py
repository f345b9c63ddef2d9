"""Every hook of the plugin contract is documented in docs/plugins.md (Datasette's rule)."""

from __future__ import annotations

import pytest

from datacites_proto import Layer, Source, View
from datacites_proto.blueprint.base import Component
from tests.conftest import REPO


def hooks(base: type) -> set[str]:
    """Public methods and class variables the kind's base adds to every component."""
    inherited = set(dir(Component))
    # Also those of its validation side (blueprint/components.py), which it subclasses.
    layers = [c for c in base.__mro__ if issubclass(c, Component) and c is not Component]
    own = {n for c in layers for n in vars(c) if not n.startswith("_") and n not in inherited}
    own -= set(base.model_fields)  # fields are documented by the reference
    own -= {"kind", "doc_fr", "model_config"}
    return own


@pytest.mark.parametrize("base", [Source, View, Layer], ids=lambda b: b.__name__)
def test_every_hook_is_documented(base: type) -> None:
    text = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    found = hooks(base)
    assert found, "the scan found no hook"
    undocumented = {name for name in found if f"`{name}" not in text}
    assert undocumented == set()
