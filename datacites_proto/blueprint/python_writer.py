"""Write a blueprint as Python source that builds it with the public API (`import datacites_proto as dc`).

The source is laid out the way `ruff format` lays it out: an expression stays on one
line when it fits, else its brackets open with one item per line and a trailing comma
(which ruff then keeps). Only the values the author set are written, so defaults stay
defaults.
"""

from __future__ import annotations

import datetime as dt
import importlib
import unicodedata
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.yaml_writer import type_tag, written
from datacites_proto.public_api import EXPORTS

LINE_LENGTH = 88  # ruff's default: what fits 88 columns fits a project's 100 too
INDENT = "    "
# Fields a Python blueprint does not use: `include:` fragments are merged into it.
SKIPPED = {"include"}


@dataclass(frozen=True)
class Atom:
    """A literal or a name, written as is."""

    text: str


@dataclass(frozen=True)
class Bracketed:
    """A call, list or dict: `opening` items `closing`, each item `prefix + value`."""

    opening: str
    items: tuple[tuple[str, Node], ...]
    closing: str


@dataclass(frozen=True)
class Lines:
    """A text of several lines: one literal when it fits, else one literal per line."""

    whole: str
    parts: tuple[str, ...]


Node = Atom | Bracketed | Lines


def width(text: str) -> int:
    """Columns `text` takes, as ruff counts them (wide characters such as emoji take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def string_literal(value: str) -> str:
    """A string literal with ruff's preferred quotes: double, unless that needs escapes."""
    quote = "'" if '"' in value and "'" not in value else '"'
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == quote:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif not char.isprintable():
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return quote + "".join(out) + quote


class _Writer:
    """Turns model instances into nodes, remembering the imports they need."""

    def __init__(self) -> None:
        self.imports: set[str] = set()

    def name_of(self, cls: type) -> str:
        public = EXPORTS.get(cls.__name__)
        if public is not None and getattr(importlib.import_module(public), cls.__name__) is cls:
            return f"dc.{cls.__name__}"
        # A plugin's component: imported from its own package.
        module = importlib.import_module(cls.__module__)
        if getattr(module, cls.__name__, None) is not cls:
            raise ValueError(f"{cls.__qualname__} cannot be imported by name")
        self.imports.add(f"from {cls.__module__} import {cls.__name__}")
        return cls.__name__

    def node(self, value: Any) -> Node:
        if isinstance(value, BaseModel):
            return self.model(value)
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, bool) or value is None or isinstance(value, int | float):
            return Atom(repr(value))
        if isinstance(value, dt.datetime | dt.date):
            self.imports.add("import datetime")
            return Atom(repr(value))  # `datetime.date(2026, 11, 1)`
        if isinstance(value, list | tuple):
            return Bracketed("[", tuple(("", self.node(v)) for v in value), "]")
        if isinstance(value, dict):
            items = tuple((f"{string_literal(str(k))}: ", self.node(v)) for k, v in value.items())
            return Bracketed("{", items, "}")
        raise TypeError(f"cannot write {type(value).__name__} as Python")

    def text(self, value: str) -> Node:
        lines = value.splitlines(keepends=True)
        if len(lines) < 2:
            return Atom(string_literal(value))
        return Lines(string_literal(value), tuple(string_literal(line) for line in lines))

    def model(self, value: BaseModel, skip: frozenset[str] = frozenset()) -> Node:
        cls = type(value)
        if cls.__pydantic_decorators__.model_serializers:
            # Written as its text form (a relation is `"a.x -> b.y"`), which it validates from.
            return self.node(value.model_dump(mode="python"))
        items = []
        for name in cls.model_fields:
            if not written(value, name) or name in skip:
                continue
            if name == "type" and type_tag(cls) is not None:
                continue  # the class says it
            items.append((f"{name}=", self.node(_plain_dates(cls, name, getattr(value, name)))))
        return Bracketed(f"{self.name_of(cls)}(", tuple(items), ")")


def _iso(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_iso(v) for v in value]
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    return value


def _plain_dates(cls: type[BaseModel], name: str, value: Any) -> Any:
    """Dates as ISO text where the field reads them back as the same dates.

    `updated="2026-11-01"` needs no `import datetime`; a field that also takes text
    (a list of allowed values) keeps real dates, which would otherwise become text.
    """
    text = _iso(value)
    if text == value or isinstance(value, BaseModel):
        return value
    try:
        same = TypeAdapter(cls.model_fields[name].annotation).validate_python(text) == value
    except ValidationError:
        same = False
    return text if same else value


def flat(node: Node) -> str:
    """`node` on one line."""
    if isinstance(node, Atom):
        return node.text
    if isinstance(node, Lines):
        return node.whole
    parts = (prefix + flat(item) for prefix, item in node.items)
    return node.opening + ", ".join(parts) + node.closing


def layout(node: Node, indent: str, head: str, tail: str) -> list[str]:
    """Lines writing `head + node + tail` at `indent`, split like ruff splits them."""
    line = indent + head + flat(node) + tail
    if width(line) <= LINE_LENGTH or isinstance(node, Atom):
        return [line]
    if isinstance(node, Lines):
        inner = indent + INDENT
        return [f"{indent}{head}(", *(inner + part for part in node.parts), f"{indent}){tail}"]
    if not node.items:
        return [line]
    lines = [indent + head + node.opening]
    for prefix, item in node.items:
        lines.extend(layout(item, indent + INDENT, prefix, ","))
    lines.append(indent + node.closing + tail)
    return lines


def blueprint_source(blueprint: Blueprint, origin: str | None = None) -> str:
    """Python source whose `blueprint` variable is a blueprint equal to `blueprint`."""
    writer = _Writer()
    body = writer.model(blueprint, skip=frozenset(SKIPPED))
    lines = layout(body, "", "blueprint = ", "")
    title = blueprint.service.title
    doc = f"{title}: blueprint written in Python"
    doc += f" (converted from {origin})." if origin else "."
    header = [f'"""{_docstring(doc)}"""', ""]
    stdlib = sorted(i for i in writer.imports if i.startswith("import "))
    plugins = sorted(i for i in writer.imports if i.startswith("from "))
    imports = [*stdlib, *([""] if stdlib else []), "import datacites_proto as dc"]
    if plugins:
        imports += ["", *plugins]
    return "\n".join([*header, *imports, "", *lines]) + "\n"


def _docstring(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
