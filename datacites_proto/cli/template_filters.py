"""Jinja filters for the service templates: canvas answers written as valid YAML.

A template's `cookiecutter.json` loads them with
`"_extensions": ["datacites_proto.cli.template_filters.YamlExtension"]`, then writes
`title: {{ cookiecutter.title | yaml_text }}` and `users: {{ cookiecutter.users | yaml_list }}`.
`{{ current_year }}` is the year the project is made (`DATACITES_TODAY` sets the day), so
that sample data dated relative to it stays current whatever year a team starts.
"""

from __future__ import annotations

import json

import yaml
from jinja2 import Environment
from jinja2.ext import Extension

from datacites_proto.blueprint.clock import today

_INDICATORS = frozenset("\n\t,[]{}#:&*!|>'\"%@`")


def yaml_text(value: object) -> str:
    """A one-line YAML scalar that reads back as `value`: plain when safe, else quoted."""
    text = str(value)
    # Plain only without YAML indicators, so that it also holds inside `{...}` and `[...]`.
    plain_safe = bool(text) and text == text.strip() and not _INDICATORS.intersection(text)
    if plain_safe:
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    # A JSON string is a YAML double-quoted scalar; keep accents readable.
    return json.dumps(text, ensure_ascii=False)


def split_users(value: object) -> list[str]:
    """`"commerçants, élus"` or a list → the non-empty, stripped names."""
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def yaml_list(value: object) -> str:
    """A YAML flow list of quoted strings, from a comma-separated text or a list."""
    return (
        "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in split_users(value)) + "]"
    )


class YamlExtension(Extension):
    """Adds the `yaml_text` and `yaml_list` filters and the `current_year` number."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["yaml_text"] = yaml_text
        environment.filters["yaml_list"] = yaml_list
        environment.globals["current_year"] = today().year
