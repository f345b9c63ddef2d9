"""Turn pydantic's validation errors into located, translated problems."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from datacites_proto.blueprint.base import ComponentSlot
from datacites_proto.blueprint.source_map import SourceMap, has_step
from datacites_proto.errors import Loc, Problem
from datacites_proto.i18n import Msg
from datacites_proto.i18n.catalog import CATALOGUES
from datacites_proto.suggest import close_matches

_SIMPLE_CODES = {
    "string_type": "expected_text",
    "int_type": "expected_integer",
    "int_parsing": "expected_integer",
    "int_from_float": "expected_integer",
    "float_type": "expected_number",
    "float_parsing": "expected_number",
    "bool_type": "expected_boolean",
    "bool_parsing": "expected_boolean",
    "date_type": "expected_date",
    "date_parsing": "expected_date",
    "date_from_datetime_parsing": "expected_date",
    "date_from_datetime_inexact": "expected_date",
    "datetime_type": "expected_datetime",
    "datetime_parsing": "expected_datetime",
    "datetime_from_date_parsing": "expected_datetime",
    "list_type": "expected_list",
    "tuple_type": "expected_list",
    "set_type": "expected_list",
    "dict_type": "expected_mapping",
    "model_type": "expected_mapping",
    "model_attributes_type": "expected_mapping",
    "too_short": "too_short",
    "too_long": "too_long",
    "string_too_short": "text_too_short",
    "string_too_long": "text_too_long",
    "string_pattern_mismatch": "pattern_mismatch",
    "greater_than": "number_too_small",
    "greater_than_equal": "number_too_small",
    "less_than": "number_too_large",
    "less_than_equal": "number_too_large",
    "none_required": "expected_nothing",
    "invalid_key": "key_not_text",
    "string_unicode": "expected_text",
    "finite_number": "number_too_large",
}
# pydantic inserts these in a location to say which member of a union failed.
_MEMBER_RE = re.compile(
    r"^(str|int|float|bool|bytes|date|datetime|time|decimal|none|[a-z_-]+\[.*\]|[A-Z]\w*)$"
)
_KIND_NAMES = {"sources": "kind_source", "views": "kind_view", "layers": "kind_layer"}


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalise_loc(loc: Loc, data: Any, kind: str = "") -> Loc:
    """Drop the union-member tags pydantic adds, keeping only paths written in the data."""
    if data is None:  # a Python blueprint: pydantic's own path is all there is
        return tuple(s for s in loc if not (isinstance(s, str) and _MEMBER_RE.match(s)))
    out: list[str | int] = []
    current = data
    for i, step in enumerate(loc):
        if has_step(current, step):
            out.append(step)
            current = current[step]  # type: ignore[index]
            continue
        # The last step names a missing or unknown key, unless it is a member tag.
        last_is_key = i == len(loc) - 1 and kind in ("missing", "extra_forbidden")
        member_tag = isinstance(step, str) and (
            (_MEMBER_RE.match(step) is not None and not last_is_key)
            or (isinstance(current, dict) and current.get("type") == step)
        )
        if member_tag and step != "[key]":
            continue
        out.append(step)
        current = None
    return tuple(out)


def _unwrap(annotation: Any, metadata: list[Any], value: Any, registry: Any) -> Any:
    """The model class an annotation means for `value`, through Optional, unions and slots."""
    for meta in metadata:
        if isinstance(meta, ComponentSlot) and isinstance(value, dict) and registry is not None:
            return registry.get(meta.kind, str(value.get("type")))
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = get_args(annotation)
        return _unwrap(inner, [*metadata, *meta], value, registry)
    if origin in (Union, types.UnionType):
        models = [
            a for a in get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        others = [a for a in get_args(annotation) if a not in models and a is not type(None)]
        if len(models) == 1 and not others:
            return models[0]
        if isinstance(value, dict):
            for model in models:
                tag = model.model_fields.get("type")
                if tag is not None and value.get("type") in get_args(tag.annotation):
                    return model
                # An untagged model (a page's row) is the one whose required keys are written.
                required = {n for n, f in model.model_fields.items() if f.is_required()}
                if tag is None and "type" not in value and required and required <= set(value):
                    return model
        for member in others:
            found = _unwrap(member, [], value, registry)
            if found is not None:
                return found
        return None
    return annotation


def model_at(root: type[BaseModel], loc: Loc, data: Any, registry: Any) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc` of `data`."""
    annotation: Any = root
    metadata: list[Any] = []
    value = data
    for step in loc:
        annotation = _unwrap(annotation, metadata, value, registry)
        metadata = []
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(str(step))
            if info is None:
                info = next((f for f in annotation.model_fields.values() if f.alias == step), None)
            if info is None:
                return None
            annotation, metadata = info.annotation, list(info.metadata)
        elif get_origin(annotation) is dict:
            annotation = get_args(annotation)[1]
        elif get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        else:
            return None
        value = (
            value.get(step)
            if isinstance(value, dict)
            else (
                value[step]
                if isinstance(value, list) and isinstance(step, int) and step < len(value)
                else None
            )
        )
    found = _unwrap(annotation, metadata, value, registry)
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _expected_list(text: str) -> list[str]:
    quoted = re.findall(r"'([^']*)'", text)
    return quoted or [t for t in re.split(r",\s*|\s+or\s+", text) if t]


def _translate_one(
    error: dict[str, Any], loc: Loc, smap: SourceMap, root: type[BaseModel], registry: Any
) -> Problem:
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    value = error.get("input")
    if loc and loc[-1] == "[key]":
        # A mapping key of the wrong kind (a number where a name is expected).
        params = {"value": _short(loc[-2] if len(loc) > 1 else value)}
        return smap.problem("key_not_text", loc[:-1], key=True, params=params)
    if kind == "missing":
        return smap.problem("missing_key", loc[:-1], params={"key": loc[-1]})
    if kind == "extra_forbidden":
        model = model_at(root, loc[:-1], smap.data, registry)
        allowed = [f.alias or n for n, f in model.model_fields.items()] if model else []
        return smap.problem(
            "unknown_key",
            loc,
            key=True,
            params={"key": loc[-1], "allowed": ", ".join(allowed)},
            suggestions=tuple(close_matches(str(loc[-1]), allowed)),
        )
    if kind == "literal_error":
        choices = _expected_list(str(ctx.get("expected", "")))
        return smap.problem(
            "bad_choice",
            loc,
            params={"value": _short(value), "allowed": ", ".join(choices)},
            suggestions=tuple(close_matches(str(value), choices)),
        )
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        choices = _expected_list(str(ctx.get("expected_tags", "")))
        if kind == "union_tag_not_found":
            # Filters are the only discriminated union that is not a registered component.
            from datacites_proto.blueprint.filters import FILTER_TYPES

            allowed = ", ".join(choices or FILTER_TYPES)
            return smap.problem("missing_type", loc, params={"allowed": allowed})
        tag = ctx.get("tag", "")
        return smap.problem(
            "unknown_type",
            (*loc, "type"),
            params={"type": tag, "allowed": ", ".join(choices)},
            suggestions=tuple(close_matches(str(tag), choices)),
        )
    if kind == "unknown_component_type":
        choices = list(ctx.get("choices", []))
        return smap.problem(
            "unknown_component_type",
            (*loc, "type"),
            params={
                "kind": Msg(_KIND_NAMES.get(ctx["kind"], ctx["kind"])),
                "type": ctx["type"],
                "allowed": ", ".join(choices),
            },
            suggestions=tuple(close_matches(str(ctx["type"]), choices)),
        )
    if kind in ("missing_component_type", "component_not_mapping"):
        return smap.problem(
            kind, loc, params={"kind": Msg(_KIND_NAMES.get(ctx["kind"], ctx["kind"]))}
        )
    if kind in _SIMPLE_CODES:
        bound = ctx.get("gt", ctx.get("ge", ctx.get("lt", ctx.get("le"))))
        params = {
            "value": _short(value),
            "min_length": ctx.get("min_length"),
            "max_length": ctx.get("max_length"),
            "pattern": ctx.get("pattern"),
            "bound": bound,
        }
        return smap.problem(_SIMPLE_CODES[kind], loc, params=params)
    if kind in ("value_error", "assertion_error") or kind not in CATALOGUES["fr"]:
        # pydantic has many more error types than a blueprint can meet; say what it says.
        return smap.problem("invalid_value", loc, params={"detail": error.get("msg", "")})
    # Our own codes (PydanticCustomError): their context is their parameters.
    offset = ctx.pop("offset", None)
    at = ctx.pop("at", None)  # a model-level error that concerns one of its keys
    if at is not None and at in (smap.data_at(loc) or {}):
        loc = (*loc, at)
    raw_choices = ctx.pop("choices", None) or ctx.get("suggestions")
    suggestions: tuple[str, ...] = ()
    if isinstance(raw_choices, (list, tuple)):
        word = str(ctx.get("name") or ctx.get("grain") or ctx.get("value") or value)
        suggestions = (
            tuple(close_matches(word, [str(c) for c in raw_choices]))
            if "suggestions" not in ctx
            else tuple(raw_choices)
        )
    elif isinstance(raw_choices, str) and raw_choices:
        suggestions = tuple(s.strip() for s in raw_choices.split(",") if s.strip())
    ctx.pop("suggestions", None)
    ctx.setdefault("value", _short(value))
    return smap.problem(kind, loc, offset=offset, params=ctx, suggestions=suggestions)


def problems_from_validation(
    exc: ValidationError, smap: SourceMap, root: type[BaseModel], registry: Any
) -> list[Problem]:
    """One located problem per distinct error (union alternatives merged)."""
    problems: list[Problem] = []
    by_loc: dict[Loc, list[dict[str, Any]]] = {}
    for error in exc.errors(include_url=False):
        loc = normalise_loc(tuple(error["loc"]), smap.data, error["type"])
        by_loc.setdefault(loc, []).append(error)
    for loc, errors in by_loc.items():
        if len(errors) > 1 and all(
            e["type"] in _SIMPLE_CODES or e["type"] == "literal_error" for e in errors
        ):
            # A value matching none of a union's members: say what would do.
            expected = sorted(
                {Msg("what_" + _SIMPLE_CODES.get(e["type"], "choice")) for e in errors},
                key=lambda m: m.code,
            )
            problems.append(
                smap.problem(
                    "expected_one_of",
                    loc,
                    params={"value": _short(errors[0].get("input")), "expected": expected},
                )
            )
            continue
        problems.extend(_translate_one(e, loc, smap, root, registry) for e in errors)
    return problems
