"""The JSON Schema of questionnaire files, for editor completion and checks."""

from __future__ import annotations

from typing import Any

from datacites_proto.blueprint.questionnaire import QUESTIONNAIRE_VERSION, Questionnaire
from datacites_proto.blueprint.schema import localise

QUESTIONNAIRE_SCHEMA_ID = "https://datacites.fr/schema/questionnaire-v1.json"


def build_questionnaire_schema(lang: str = "fr") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a questionnaire file, described in `lang`."""
    schema = Questionnaire.model_json_schema(ref_template="#/$defs/{model}")
    schema.pop("title", None)
    defs = schema.pop("$defs", {})
    out = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": QUESTIONNAIRE_SCHEMA_ID,
        "title": f"DataCités questionnaire v{QUESTIONNAIRE_VERSION}",
        **schema,
        "$defs": dict(sorted(defs.items())),
    }
    localised: dict[str, Any] = localise(out, lang)
    return localised
