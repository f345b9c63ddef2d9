"""The reference of the blueprint language, in Markdown, generated from the JSON Schema.

Field descriptions are written once, in the models; this page only lays them out.
"""

from __future__ import annotations

from typing import Any

from datacites_proto.blueprint.base import kind_def_name
from datacites_proto.blueprint.governance import Agreement
from datacites_proto.blueprint.schema import build_schema, localise

_WORDS = {
    "fr": {
        "title": "Référence du langage de blueprint (v1)",
        "intro": (
            "Page générée à partir du code par `datacites reference` : ne la modifiez pas à la "
            "main. Chaque section décrit un objet ; « obligatoire » signale les clés sans valeur "
            "par défaut."
        ),
        "key": "Clé",
        "type": "Type",
        "default": "Défaut",
        "description": "Description",
        "required": "**obligatoire**",
        "string": "texte",
        "integer": "entier",
        "number": "nombre",
        "boolean": "booléen",
        "date": "date (AAAA-MM-JJ)",
        "date-time": "date et heure",
        "null": "rien",
        "list": "liste de {}",
        "mapping": "dictionnaire id → {}",
        "or": " ou ",
        "sources": "Sources de données",
        "views": "Vues",
        "layers": "Couches de carte",
        "models": "Objets du blueprint",
        "agreement": "Fichier de convention de partage",
        "written": "s'écrit `type: {}`",
    },
    "en": {
        "title": "Blueprint language reference (v1)",
        "intro": (
            "Generated from the code by `datacites reference`: do not edit by hand. Each section "
            "describes one object; 'required' marks the keys without a default."
        ),
        "key": "Key",
        "type": "Type",
        "default": "Default",
        "description": "Description",
        "required": "**required**",
        "string": "text",
        "integer": "integer",
        "number": "number",
        "boolean": "boolean",
        "date": "date (YYYY-MM-DD)",
        "date-time": "date and time",
        "null": "nothing",
        "list": "list of {}",
        "mapping": "mapping id → {}",
        "or": " or ",
        "sources": "Data sources",
        "views": "Views",
        "layers": "Map layers",
        "models": "Blueprint objects",
        "agreement": "Data-sharing agreement file",
        "written": "written `type: {}`",
    },
}


def _anchor(name: str) -> str:
    return name.lower()


def _type(prop: dict[str, Any], w: dict[str, str]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return " | ".join(f"`{v}`" for v in prop["enum"])
    for key in ("anyOf", "oneOf"):
        if key in prop:
            parts = [_type(p, w) for p in prop[key] if p.get("type") != "null"]
            return w["or"].join(dict.fromkeys(parts))
    kind = prop.get("type")
    if kind == "array":
        if "prefixItems" in prop:
            return "[" + ", ".join(_type(p, w) for p in prop["prefixItems"]) + "]"
        return w["list"].format(_type(prop.get("items", {}), w))
    if kind == "object":
        inner = prop.get("additionalProperties")
        if isinstance(inner, dict):
            return w["mapping"].format(_type(inner, w))
        patterns = prop.get("patternProperties")
        if patterns:
            return w["mapping"].format(_type(next(iter(patterns.values())), w))
        return w["mapping"].format("…")
    if kind in ("string",) and prop.get("format") in ("date", "date-time"):
        return w[prop["format"]]
    return w.get(str(kind), str(kind or "…"))


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop or prop["default"] in (None, [], {}):
        return ""
    value = prop["default"]
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _section(name: str, schema: dict[str, Any], w: dict[str, str], anchor: str) -> list[str]:
    lines = [f'<a id="{anchor}"></a>', "", f"### {name}", ""]
    const = schema.get("properties", {}).get("type", {}).get("const")
    if const:
        lines += [f"*{w['written'].format(const)}*", ""]
    if schema.get("description"):
        lines += [schema["description"], ""]
    props = schema.get("properties", {})
    required = set(schema.get("required", []))
    lines += [
        f"| {w['key']} | {w['type']} | {w['default']} | {w['description']} |",
        "|---|---|---|---|",
    ]
    for key, prop in props.items():
        if key == "type" and const:
            continue
        default = w["required"] if key in required else _default(prop)
        lines.append(
            f"| `{key}` | {_cell(_type(prop, w))} | {default} | {_cell(prop.get('description', ''))} |"
        )
    return [*lines, ""]


def render_reference(registry: Any, lang: str = "fr") -> str:
    """The whole reference page, in `lang`."""
    w = _WORDS[lang]
    schema = build_schema(registry, lang)
    defs = schema["$defs"]
    out = [f"# {w['title']}", "", w["intro"], ""]
    kinds = ("sources", "views", "layers")
    components = {kind: registry.components(kind) for kind in kinds}
    component_names = {c.cls.__name__ for found in components.values() for c in found}
    out += [f"## {w['models']}", ""]
    out += _section("Blueprint", schema, w, "blueprint")
    for name in sorted(defs):
        if name not in component_names and not name.startswith("Any"):
            out += _section(name, defs[name], w, _anchor(name))
    for kind, found in components.items():
        out += [f'<a id="{_anchor(kind_def_name(kind))}"></a>', "", f"## {w[kind]}", ""]
        for c in found:
            name = c.cls.__name__
            out += _section(f"`{c.type}` — {name}", defs[name], w, _anchor(name))
    agreement = build_agreement_schema(lang)
    out += [f"## {w['agreement']}", ""]
    out += _section("Agreement", agreement, w, "agreement")
    for name, sub in sorted(agreement.get("$defs", {}).items()):
        out += _section(name, sub, w, _anchor(name))
    return "\n".join(out).rstrip() + "\n"


def build_agreement_schema(lang: str) -> dict[str, Any]:
    """The JSON Schema of an agreement file (it is not part of the blueprint's)."""
    return localise(Agreement.model_json_schema(ref_template="#/$defs/{model}"), lang)
