"""Building blocks shared by every blueprint model: the strict base, ids, paths, components."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializeAsAny,
    ValidationInfo,
    WithJsonSchema,
    WrapValidator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError, PydanticUndefined

from datacites_proto.i18n.catalog import register_messages

SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
PAGE_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SERVICE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def field(default: Any = PydanticUndefined, *, fr: str, en: str, **kwargs: Any) -> Any:
    """A model field documented once, in French and English (the reference docs come from here)."""
    extra = dict(kwargs.pop("json_schema_extra", None) or {})
    extra["x-description-fr"] = fr
    return Field(default, description=en, json_schema_extra=extra, **kwargs)


def tag(value: str) -> Any:
    """The documented default of a `type: Literal["value"]` field (a YAML tag)."""
    return field(
        value,
        fr=f"Type de l'objet : toujours « {value} » ici.",
        en=f"Type of the object: always '{value}' here.",
    )


def description_fr(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    return extra.get("x-description-fr") if isinstance(extra, dict) else None  # type: ignore[return-value]


class Spec(BaseModel):
    """Base of every blueprint model: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False)
    # The French twin of the class docstring, for the French reference and schema.
    doc_fr: ClassVar[str] = ""

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        doc_fr = cls.__dict__.get("doc_fr")
        if doc_fr:
            handler.resolve_ref_schema(schema)["x-description-fr"] = doc_fr
        return schema


def _slug(pattern: re.Pattern[str], code: str) -> Any:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise PydanticCustomError("expected_text", "Input should be a valid string")
        if not pattern.match(value):
            raise PydanticCustomError(code, "{value!r} is not a valid id", {"value": value})
        return value

    return AfterValidator(check)


# Ids of datasets, indicators and filters, e.g. `footfall`, `vacancy_rate`.
Slug = Annotated[
    str, _slug(SLUG_RE, "bad_slug"), WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern})
]
PageSlug = Annotated[
    str,
    _slug(PAGE_SLUG_RE, "bad_page_slug"),
    WithJsonSchema({"type": "string", "pattern": PAGE_SLUG_RE.pattern}),
]
ServiceId = Annotated[
    str,
    _slug(SERVICE_ID_RE, "bad_service_id"),
    WithJsonSchema({"type": "string", "pattern": SERVICE_ID_RE.pattern}),
]


@dataclass(frozen=True)
class AlsoString:
    """In the JSON Schema, the value may also be written as a string shorthand."""

    enum: tuple[str, ...] | None = None

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        alternative: dict[str, Any] = {"type": "string"}
        if self.enum:
            alternative["enum"] = list(self.enum)
        return {"anyOf": [alternative, handler(core_schema)]}


@dataclass(frozen=True)
class ProjectFile:
    """Marks a field holding a path relative to the blueprint's folder (checked to stay inside)."""

    must_exist: bool = False  # missing data files are only warned about: a generator may make them


DataPath = Annotated[str, ProjectFile(must_exist=False)]
RequiredPath = Annotated[str, ProjectFile(must_exist=True)]


class Component(Spec):
    """A registered kind of thing (source, view, map layer) whose `type` is its YAML tag."""

    kind: ClassVar[str] = ""
    # The component's own messages, {"fr": {code: text}, "en": {...}}: registered in the
    # catalogue when the class is created, so `ctx.t(code)` and its `Problem`s speak both.
    messages: ClassVar[Mapping[str, Mapping[str, str]]] = {}
    type: str = field(
        fr="Le type du composant, qui choisit ses autres clés.",
        en="The component's type, which decides its other keys.",
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        own = cls.__dict__.get("messages")
        if own:  # the plugin is named by its top package (the distribution is not known yet)
            register_messages(cls.__module__.split(".")[0], own)

    @classmethod
    def type_tag(cls) -> str | None:
        """The literal written in `type:` for this class, or None for an abstract base."""
        info = cls.model_fields.get("type")
        if info is None:
            return None
        args = get_args(info.annotation)
        return args[0] if len(args) == 1 and isinstance(args[0], str) else None


@dataclass(frozen=True)
class ComponentSlot:
    """Marks a field whose value is any registered component of `kind`."""

    kind: str


def _dispatch(kind: str, base: type[Component]) -> Any:
    def validate(value: Any, handler: Any, info: ValidationInfo) -> Any:
        if isinstance(value, base):
            return value
        if not isinstance(value, dict):
            raise PydanticCustomError("component_not_mapping", "expected a mapping", {"kind": kind})
        tag = value.get("type")
        if tag is None:
            raise PydanticCustomError("missing_component_type", "missing type", {"kind": kind})
        registry = (info.context or {}).get("registry")
        if registry is None:
            from datacites_proto.registry import default_registry

            registry = default_registry()
        cls = registry.get(kind, str(tag))
        if cls is None:
            raise PydanticCustomError(
                "unknown_component_type",
                "unknown {kind} type {type!r}",
                {"kind": kind, "type": str(tag), "choices": registry.types(kind)},
            )
        return cls.model_validate(value, context=info.context)

    return validate


def component_slot(kind: str, base: type[Component]) -> Any:
    """The annotation of a field holding any registered component of `kind`."""
    # Built at run time from a variable, which a type checker cannot follow: modules declare
    # their slot alias as the plain base class under TYPE_CHECKING (datasets.SourceField).
    return Annotated[
        SerializeAsAny[base],  # type: ignore[valid-type,misc]
        WrapValidator(_dispatch(kind, base)),
        ComponentSlot(kind),
        # A placeholder: build_schema() points it at the union of the registry's components.
        WithJsonSchema({SLOT_KEY: kind}),
    ]


SLOT_KEY = "x-datacites-slot"


def kind_def_name(kind: str) -> str:
    """Name of the JSON Schema definition that lists every component of a kind."""
    return {"sources": "AnySource", "views": "AnyView", "layers": "AnyLayer"}[kind]
