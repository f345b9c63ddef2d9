"""`datacites convert`: a blueprint from YAML to Python source, or from Python to YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from datacites_proto.blueprint.loader import YAML_SUFFIXES, inspect_blueprint
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.python_writer import blueprint_source
from datacites_proto.blueprint.yaml_writer import blueprint_yaml
from datacites_proto.cli.context import CliState
from datacites_proto.cli.options import OutputOption
from datacites_proto.cli.output import print_problems, say
from datacites_proto.cli.schema import write_or_print
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.errors import CodedError
from datacites_proto.i18n import resolve_lang

# `include:` is inlined by the conversion (a Python blueprint cannot include), so the
# models compared leave it out.
COMPARED = {"include"}


class ConvertError(CodedError):
    """A conversion refused before anything is written."""


def to_other_language(blueprint: Blueprint, source: Path) -> tuple[str, str]:
    """The blueprint written in the other language, and that language's suffix."""
    if source.suffix == ".py":
        return blueprint_yaml(blueprint, source.name), ".yaml"
    return blueprint_source(blueprint, source.name), ".py"


def read_back(text: str, suffix: str) -> Blueprint:
    """The blueprint a converted text builds (checks of files and columns are not rerun)."""
    if suffix == ".py":
        namespace: dict[str, Any] = {"__name__": "__datacites_convert__"}
        exec(compile(text, "<converted>", "exec"), namespace)  # our own output, just written
        return namespace["blueprint"]
    return Blueprint.model_validate(yaml.safe_load(text))


def check_faithful(original: Blueprint, text: str, suffix: str, display: str) -> None:
    """Refuse to write a conversion that does not build the same models."""
    try:
        again = read_back(text, suffix)
    except Exception as exc:  # a bug of the writers: say it, write nothing
        raise ConvertError(
            "convert_not_faithful", path=display, detail=f"{type(exc).__name__}: {exc}"
        ) from exc
    before = original.model_dump(exclude=COMPARED)
    after = again.model_dump(exclude=COMPARED)
    if before != after:
        keys = ", ".join(k for k in before if before[k] != after.get(k))
        raise ConvertError("convert_not_faithful", path=display, detail=keys)


def _check_output(output: Path, source: Path, expected: str, force: bool) -> None:
    if output.resolve() == source.resolve():
        raise ConvertError("convert_same_file", path=str(output))
    suffixes = YAML_SUFFIXES if expected == ".yaml" else (".py",)
    if output.suffix not in suffixes:
        kinds = {".py": "Python (.py)", ".yaml": "YAML (.yaml)"}
        other = ".py" if expected == ".yaml" else ".yaml"
        raise ConvertError(
            "convert_bad_output", path=str(output), source=kinds[other], expected=kinds[expected]
        )
    if output.exists() and not force:
        raise ConvertError("convert_output_exists", path=str(output))


def convert(
    ctx: typer.Context,
    source: Annotated[
        Path,
        typer.Argument(
            help="The blueprint to convert (.yaml, .yml or .py), or its project folder.",
            show_default=False,
        ),
    ],
    output: OutputOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> None:
    """Convert a blueprint from YAML to Python, or from Python to YAML."""
    state: CliState = ctx.obj
    path = find_blueprint(source)
    if path.suffix not in (".py", *YAML_SUFFIXES):
        raise ConvertError("convert_bad_source", path=str(path))
    result = inspect_blueprint(path, lang=state.lang)
    lang = resolve_lang(state.lang, result.lang)
    blueprint = result.raise_for_problems()
    print_problems(result.warnings, lang, err=True)
    text, suffix = to_other_language(blueprint, path)
    if output is not None:
        _check_output(output, path, suffix, force)
    check_faithful(blueprint, text, suffix, result.display)
    if blueprint.include and suffix == ".py":
        say(
            "convert_includes_inlined",
            lang,
            style="yellow",
            err=True,
            names=", ".join(blueprint.include),
        )
    if output is not None and output.resolve().parent != path.resolve().parent:
        say(
            "convert_other_folder",
            lang,
            style="yellow",
            err=True,
            path=str(output),
            source=str(path),
        )
    write_or_print(text, output, lang)
