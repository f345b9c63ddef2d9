"""Load a blueprint file (YAML or Python), validate it and check it, collecting every problem."""

from __future__ import annotations

import contextlib
import copy
import runpy
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from datacites_proto.blueprint.includes import merge_includes
from datacites_proto.blueprint.model import SPEC_VERSION, Blueprint
from datacites_proto.blueprint.project_paths import probe
from datacites_proto.blueprint.source_map import SourceMap
from datacites_proto.blueprint.validation_errors import problems_from_validation
from datacites_proto.blueprint.yaml_source import (
    MAX_BYTES,
    YamlProblems,
    read_yaml_file,
    too_large,
)
from datacites_proto.errors import BlueprintError, Problem, display_path
from datacites_proto.i18n import resolve_lang

YAML_SUFFIXES = (".yaml", ".yml")
BLUEPRINT_NAMES = ("blueprint.yaml", "blueprint.yml", "blueprint.py")


@dataclass
class LoadResult:
    """What loading a blueprint found: the blueprint when valid, and every problem."""

    path: Path
    display: str
    blueprint: Blueprint | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    lang: str = "fr"
    source_map: SourceMap | None = None

    @property
    def ok(self) -> bool:
        return self.blueprint is not None and not self.problems

    def raise_for_problems(self) -> Blueprint:
        if not self.ok:
            raise BlueprintError(self.problems, lang=self.lang, warnings=self.warnings)
        assert self.blueprint is not None
        return self.blueprint


def _blueprint_lang(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("service"), dict):
        lang = data["service"].get("lang")
        return lang if isinstance(lang, str) else None
    return None


def _context(registry: Any, base_dir: Path, project_dir: Path) -> dict[str, Any]:
    if registry is None:
        from datacites_proto.registry import default_registry

        registry = default_registry()
    return {"registry": registry, "base_dir": base_dir, "project_dir": project_dir}


def _python_problem(exc: BaseException, path: Path, display: str) -> Problem:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
    line = frames[-1].lineno if frames else None
    return Problem(
        "python_blueprint_failed",
        {"error": f"{type(exc).__name__}: {exc}"},
        file=display,
        line=line,
    )


def _forget_modules(names: set[str], folder: Path) -> None:
    """Unload the helper modules a .py blueprint imported from its folder.

    Another blueprint may have a helper of the same name; it must get its own.
    """
    for name in names:
        origin = getattr(sys.modules.get(name), "__file__", None)
        if origin and Path(origin).resolve().is_relative_to(folder.resolve()):
            del sys.modules[name]


def _load_python(
    path: Path, display: str, context: dict[str, Any]
) -> tuple[Any, SourceMap, list[Problem]]:
    smap = SourceMap(display=display)
    folder = str(path.parent)
    modules_before = set(sys.modules)
    # The blueprint folder is importable so a .py blueprint can share helpers with its
    # project; what it prints goes to stderr so that `--format json` stays readable.
    sys.path.insert(0, folder)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            namespace = runpy.run_path(str(path), run_name="__datacites_blueprint__")
    except ValidationError as exc:
        line = _python_problem(exc, path, display).line
        found = problems_from_validation(exc, smap, Blueprint, context["registry"])
        return None, smap, [p.at(line=line) for p in found]
    except (Exception, SystemExit) as exc:  # the file is the user's code: report, never crash
        return None, smap, [_python_problem(exc, path, display)]
    finally:
        if folder in sys.path:
            sys.path.remove(folder)
        _forget_modules(set(sys.modules) - modules_before, path.parent)
    if "blueprint" not in namespace:
        return None, smap, [Problem("python_no_blueprint", {}, file=display)]
    value = namespace["blueprint"]
    if isinstance(value, Blueprint):
        smap.data = value.model_dump(mode="python", exclude_unset=True, by_alias=True)
        return value, smap, []
    if isinstance(value, dict):
        smap.data = value
        return value, smap, []
    return (
        None,
        smap,
        [Problem("python_bad_blueprint", {"type": type(value).__name__}, file=display)],
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # unreadable: reading it reports why


def inspect_blueprint(
    path: str | Path,
    *,
    registry: Any = None,
    lang: str | None = None,
    project_dir: str | Path | None = None,
    check: bool = True,
) -> LoadResult:
    """Load, validate and check a blueprint; never raises for a problem in the user's files."""
    from datacites_proto.blueprint.checks import run_checks

    path = Path(path)
    display = display_path(path)
    base_dir = path.resolve().parent
    project = Path(project_dir).resolve() if project_dir else base_dir
    context = _context(registry, base_dir, project)
    result = LoadResult(path=path, display=display, blueprint=None, lang=resolve_lang(lang))

    state = probe(path)
    if state == "directory":
        names = ", ".join(BLUEPRINT_NAMES)
        result.problems.append(
            Problem("no_blueprint_in_folder", {"path": display, "names": names}, file=display)
        )
        return result
    if state != "file":
        result.problems.append(Problem("file_not_found", {"path": display}, file=display))
        return result
    size = _size(path)
    if path.suffix in (".py", *YAML_SUFFIXES) and size > MAX_BYTES:
        result.problems.append(too_large(display, size))  # before reading or running it
        return result
    if path.suffix == ".py":
        value, smap, problems = _load_python(path.resolve(), display, context)
    elif path.suffix in YAML_SUFFIXES:
        try:
            doc = read_yaml_file(path, display)
        except YamlProblems as exc:
            result.problems.extend(exc.problems)
            return result
        smap = SourceMap(display=display, main=doc, data=copy.deepcopy(doc.data))
        value, problems = smap.data, []
        if not isinstance(value, dict):
            code = "blueprint_empty" if value is None else "blueprint_not_mapping"
            problems.append(smap.problem(code, ()))
        else:
            problems.extend(merge_includes(smap, project))
    else:
        result.problems.append(
            Problem("bad_blueprint_suffix", {"suffix": path.suffix or "(none)"}, file=display)
        )
        return result

    result.source_map = smap
    result.lang = resolve_lang(lang, _blueprint_lang(smap.data))
    result.problems.extend(problems)
    if value is None or problems:
        return result
    if isinstance(value, dict):
        version = value.get("datacites")
        if version is not None and version != SPEC_VERSION and isinstance(version, int):
            result.problems.append(
                smap.problem("unsupported_version", ("datacites",), params={"version": version})
            )
            return result
        try:
            value = Blueprint.model_validate(value, context=context)
        except ValidationError as exc:
            result.problems.extend(
                problems_from_validation(exc, smap, Blueprint, context["registry"])
            )
            return result
    blueprint: Blueprint = value
    blueprint.attach_origin(path.resolve(), project)
    result.lang = resolve_lang(lang, blueprint.service.lang)
    if check:
        found = run_checks(
            blueprint, smap, base_dir=base_dir, project_dir=project, registry=context["registry"]
        )
        result.problems.extend(p for p in found if p.severity == "error")
        result.warnings.extend(p for p in found if p.severity == "warning")
    result.blueprint = blueprint
    return result


def load_blueprint(
    path: str | Path,
    *,
    registry: Any = None,
    lang: str | None = None,
    project_dir: str | Path | None = None,
) -> Blueprint:
    """The validated Blueprint at `path`, or BlueprintError carrying every located problem."""
    return inspect_blueprint(
        path, registry=registry, lang=lang, project_dir=project_dir
    ).raise_for_problems()
