"""The JSON Schema and the reference docs: generated from the models, committed, complete."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from datacites_proto.blueprint.reference import render_reference
from datacites_proto.blueprint.schema import build_schema
from datacites_proto.registry import Registry, default_registry
from datacites_proto.resources import schema_path
from tests.conftest import CONTRACT, REPO


class YamlAsEditorsReadIt(yaml.SafeLoader):
    """YAML 1.2-style: dates stay strings, as yaml-language-server sees them."""


YamlAsEditorsReadIt.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def every_valid_blueprint() -> list[Path]:
    found = [CONTRACT]
    found += sorted((REPO / "examples").glob("*/blueprint.yaml"))
    found += sorted((REPO / "service_templates").glob("*/*/blueprint.yaml"))
    return [p for p in found if "{{" not in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_committed_schema_is_up_to_date(lang: str) -> None:
    committed = json.loads(schema_path(lang).read_text(encoding="utf-8"))
    assert committed == build_schema(Registry.builtin(), lang), "run `make schema`"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_committed_reference_is_up_to_date(lang: str) -> None:
    committed = (REPO / "docs" / lang / "reference.md").read_text(encoding="utf-8")
    assert committed == render_reference(Registry.builtin(), lang), "run `make docs`"


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(build_schema(default_registry(), "fr"))


@pytest.mark.parametrize("path", every_valid_blueprint(), ids=lambda p: str(p.relative_to(REPO)))
def test_schema_accepts_every_valid_blueprint(path: Path) -> None:
    schema = build_schema(default_registry(), "fr")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlAsEditorsReadIt)
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in jsonschema.Draft202012Validator(schema).iter_errors(data)
    ]
    assert errors == []


def test_schema_rejects_what_the_models_reject() -> None:
    validator = jsonschema.Draft202012Validator(build_schema(default_registry(), "fr"))
    data = yaml.load(CONTRACT.read_text(encoding="utf-8"), Loader=YamlAsEditorsReadIt)
    data["datasets"]["measures"]["titel"] = "typo"
    data["pages"][0]["views"][0]["type"] = "kpii"
    paths = {tuple(e.absolute_path) for e in validator.iter_errors(data)}
    assert ("datasets", "measures") in paths
    assert ("pages", 0, "views", 0) in paths


def test_cli_schema_includes_the_test_plugin_and_validates_a_blueprint_using_it(
    cli, tmp_path: Path
) -> None:
    out = tmp_path / "schema.json"
    result = cli("schema", "-o", out)
    assert result.code == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert {"$ref": "#/$defs/RadarView"} in schema["$defs"]["AnyView"]["oneOf"]
    radar = {"type": "radar", "indicators": ["a", "b", "c"]}
    view_schema = {"$ref": "#/$defs/AnyView", "$defs": schema["$defs"]}
    jsonschema.validate(radar, view_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"type": "radar", "indicators": ["a"]}, view_schema)


def test_builtin_schema_excludes_plugins(cli) -> None:
    result = cli("schema", "--builtin")
    assert result.code == 0
    assert "RadarView" not in result.out
    assert "KpiView" in result.out


@pytest.mark.parametrize("lang, word", [("fr", "Colonnes déclarées"), ("en", "Declared columns")])
def test_schema_descriptions_follow_the_language(cli, lang: str, word: str) -> None:
    result = cli("--lang", lang, "schema")
    assert word in result.out


def test_reference_documents_every_component_and_field() -> None:
    text = render_reference(default_registry(), "fr")
    for info in default_registry().components():
        assert f"### `{info.type}` — {info.cls.__name__}" in text
        for name, field in info.cls.model_fields.items():
            if name != "type":
                assert f"| `{field.alias or name}` |" in text, (info.type, name)
    assert "### Agreement" in text
