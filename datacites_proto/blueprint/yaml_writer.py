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


def written(model: BaseModel, name: str) -> bool:
    """Whether a field is written out: set by the author, and not a `None` that is the default."""
    if name not in model.model_fields_set:
        return False
    return getattr(model, name) is not None or type(model).model_fields[name].default is not None


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
            if written(value, name) and not (tagged and name == "type"):
                data[info.alias or name] = plain(getattr(value, name))
        return data
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


FLOW_WIDTH = 72  # a mapping or list of plain values this short is written on one line
_SCALARS = (str, int, float, bool, dt.date, type(None))


class _FlowMap(dict[str, Any]):
    """A mapping written `{type: csv, path: data/x.csv}`, as people write small ones."""


class _FlowList(list[Any]):
    """A list written `[habitants, élus]`."""


def _one_line(value: Any) -> bool:
    if isinstance(value, str):
        return "\n" not in value
    return isinstance(value, _SCALARS)


def _flow_fits(value: dict[str, Any] | list[Any]) -> bool:
    text = yaml.dump(value, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=4096)
    return len(text.strip()) <= FLOW_WIDTH


def compact(value: Any) -> Any:
    """Small mappings and lists of plain values marked to be written on one line."""
    if isinstance(value, dict):
        inner = {k: compact(v) for k, v in value.items()}
        if value and all(_one_line(v) for v in value.values()) and _flow_fits(value):
            return _FlowMap(inner)
        return inner
    if isinstance(value, list):
        inner = [compact(v) for v in value]
        if value and all(_one_line(v) for v in value) and _flow_fits(value):
            return _FlowList(inner)
        return inner
    return value


class _Dumper(yaml.SafeDumper):
    """Block style; texts of several lines as `|` blocks; lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # a value used twice (a shared date) is written twice, never `&id001`


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A `|` block cannot keep trailing spaces or tabs faithfully: those stay quoted.
    block = "\n" in value and not any(line != line.rstrip() for line in value.split("\n"))
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if block else None)


def _flow_map(dumper: yaml.SafeDumper, value: _FlowMap) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _flow_list(dumper: yaml.SafeDumper, value: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_FlowMap, _flow_map)
_Dumper.add_representer(_FlowList, _flow_list)
_Dumper.add_representer(dt.date, yaml.SafeDumper.represent_date)
_Dumper.add_representer(dt.datetime, yaml.SafeDumper.represent_datetime)


def blueprint_yaml(blueprint: Blueprint, origin: str | None = None) -> str:
    """YAML text that loads into a blueprint equal to `blueprint`."""
    data = {k: compact(v) for k, v in plain(blueprint).items() if k not in SKIPPED}
    text = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096, indent=2
    )
    header = f"# {blueprint.service.title}"
    if origin:
        header += f" (converted from {origin} by `datacites convert`)"
    return header.replace("\n", " ") + "\n" + text
