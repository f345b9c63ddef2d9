"""Vega-Lite's JSON Schema (the copy Altair ships with Streamlit), to check the chart specs
the app writes by hand."""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from typing import Any

import jsonschema


@functools.cache
def _validator() -> Any:
    schema = json.loads(
        files("altair.vegalite.v6.schema").joinpath("vega-lite-schema.json").read_text()
    )
    return jsonschema.validators.validator_for(schema)(schema)


def vega_lite_errors(spec: dict[str, Any]) -> list[str]:
    """What Vega-Lite's schema finds wrong in `spec` (empty when valid)."""
    return [e.message for e in _validator().iter_errors(spec)]
