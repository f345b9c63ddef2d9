"""Write a blueprint as YAML: the values its author set, in the models' field order."""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

import yaml
from pydantic import BaseModel

from datacites_proto.blueprint.model import Blueprint

# A Python blueprint's `include:` is never merged; a YAML one's would be merged again.
SKIPPED = {"include"}


def type_tag(cls: type[BaseModel]) -> str | None:
    """The tag in `type: Literal["tag"]` of a component or filter class, else None."""
    info = cls.model_fields.get("type")
    args = get_args(info.annotation) if info else ()
    return args[0] if len(args) == 1 and isinstance(args[0], str) else None


def plain(value: Any) -> Any:
    """`value` as YAML data: mappings of the fields set, `type:` first in components."""
    if isinstance(value, BaseModel):
        cls = type(value)
        if cls.__pydantic_decorators__.model_serializers:
            return plain(value.model_dump(mode="python"))  # a relation's text form
        data: dict[str, Any] = {}
        tagged = type_tag(cls) is not None
        if tagged:
            data["type"] = type_tag(cls)  # the YAML tag; in Python the class says it
        for name, info in cls.model_fields.items():
            if name in value.model_fields_set and not (tagged and name == "type"):
                data[info.alias or name] = plain(getattr(value, name))
        return data
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


class _Dumper(yaml.SafeDumper):
    """Block style; texts of several lines as `|` blocks; lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A `|` block cannot keep trailing spaces or tabs faithfully: those stay quoted.
    block = "\n" in value and not any(line != line.rstrip() for line in value.split("\n"))
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if block else None)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(dt.date, yaml.SafeDumper.represent_date)
_Dumper.add_representer(dt.datetime, yaml.SafeDumper.represent_datetime)


def blueprint_yaml(blueprint: Blueprint, origin: str | None = None) -> str:
    """YAML text that loads into a blueprint equal to `blueprint`."""
    data = {k: v for k, v in plain(blueprint).items() if k not in SKIPPED}
    text = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096, indent=2
    )
    header = f"# {blueprint.service.title}"
    if origin:
        header += f" (converted from {origin} by `datacites convert`)"
    return header.replace("\n", " ") + "\n" + text
