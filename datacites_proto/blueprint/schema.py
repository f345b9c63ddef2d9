"""The JSON Schema of the blueprint language, with every installed component."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from datacites_proto.blueprint.base import SLOT_KEY, kind_def_name
from datacites_proto.blueprint.model import SPEC_VERSION, Blueprint

SCHEMA_ID = "https://datacites.fr/schema/blueprint-v1.json"


def localise(node: Any, lang: str) -> Any:
    """Pick the field descriptions of `lang`, point component slots at their unions."""
    if isinstance(node, dict):
        out = {
            k: localise(v, lang) for k, v in node.items() if k not in ("x-description-fr", SLOT_KEY)
        }
        if SLOT_KEY in node:
            out["$ref"] = f"#/$defs/{kind_def_name(node[SLOT_KEY])}"
        if lang == "fr":
            if "x-description-fr" in node:
                out["description"] = node["x-description-fr"]
            elif node.get("type") == "object" and "properties" in node:
                out.pop("description", None)
        return out
    if isinstance(node, list):
        return [localise(v, lang) for v in node]
    return node


def build_schema(registry: Any, lang: str = "fr") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a blueprint, including `registry`'s components."""
    components = registry.components()
    models = [(Blueprint, "validation"), *[(c.cls, "validation") for c in components]]
    refs, top = models_json_schema(models, ref_template="#/$defs/{model}")
    defs: dict[str, Any] = dict(top.get("$defs", {}))
    for kind in ("sources", "views", "layers"):
        members = [refs[(c.cls, "validation")] for c in components if c.kind == kind]
        defs[kind_def_name(kind)] = {"oneOf": members}
        for member in members:
            # `type` has a default in Python, but YAML must always say it.
            target = defs[member["$ref"].rsplit("/", 1)[-1]]
            target["required"] = sorted({"type", *target.get("required", [])})
    root_name = refs[(Blueprint, "validation")]["$ref"].rsplit("/", 1)[-1]
    # The kinds' base classes appear through the slots' annotations; nothing refers to them.
    for base in ("Source", "View", "Layer", "SourceSpec", "ViewSpec", "LayerSpec"):
        defs.pop(base, None)
    root = defs.pop(root_name)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"DataCités blueprint v{SPEC_VERSION}",
        **{k: v for k, v in root.items() if k != "title"},
        "$defs": dict(sorted(defs.items())),
    }
    return localise(schema, lang)
