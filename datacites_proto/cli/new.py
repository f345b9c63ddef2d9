"""`datacites new NAME`: a new service project from a template, filled with the service canvas.

Kedro's `new` is the model: answers come from prompts, or from `--config answers.yaml`, or
from the template's defaults (`--no-input`); they are validated before anything is written.
The template's files are rendered by cookiecutter's file generator into a private temporary
folder, with no user configuration, replay or hooks, then checked and moved into place: a
failure leaves nothing half-written, and nothing lands in the user's home.

User text is data, never a template: cookiecutter's own entry point renders every value of
its context through Jinja (even with `no_input`), and renders whole output paths again when
it makes folders. So the answers are put in the context as they are, the folder name must be
a plain name, and no path cookiecutter sees holds a user-chosen folder.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import console, err_console, print_problems, say
from datacites_proto.cli.schema import schema_text
from datacites_proto.cli.template_filters import split_users
from datacites_proto.errors import CodedError
from datacites_proto.i18n import resolve_lang, translate
from datacites_proto.registry import BUILTIN_DISTRIBUTION, default_registry
from datacites_proto.resources import templates_dir
from datacites_proto.suggest import close_matches

TEMPLATE_GROUP = "datacites.templates"
DEFAULT_TEMPLATE = "blank"
SCHEMA_FILE = "blueprint.schema.json"
COMMON_DIR = "_common"  # not a template: what the built-in ones share
JINJA_MARKERS = ("{{", "{%", "{#")
# A project folder name: letters, digits, spaces, `-`, `_`, `.`; starting with a letter or
# digit (not `.`, a hidden folder, nor `-`, an option); not ending with a space or `.`.
FOLDER_NAME_RE = re.compile(r"[^\W_](?:[\w .-]*[\w-])?")
MAX_FOLDER_NAME = 64
# Names Windows refuses whatever the extension.
RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
INSEE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
# The canvas questions, in the order they are asked; each is a key of cookiecutter.json.
QUESTIONS = ("title", "territory_name", "insee", "problem", "users", "expected_impact")


class NewError(CodedError):
    """A project that cannot be created; told in the user's language."""


# ------------------------------------------------------------------ answers


class Answers(BaseModel):
    """The service canvas: what `datacites new` asks before writing anything."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str
    territory_name: str
    insee: str
    problem: str
    users: list[str]
    expected_impact: str

    @field_validator("users", mode="before")
    @classmethod
    def _users(cls, value: object) -> list[str]:
        return split_users(value) if isinstance(value, (str, list, tuple)) else value  # type: ignore[return-value]

    @field_validator("title", "territory_name", "problem", "expected_impact", "users")
    @classmethod
    def _not_empty(cls, value: Any) -> Any:
        if not value:
            raise ValueError("empty")
        # cookiecutter renders answers as Jinja templates: none may hold Jinja syntax.
        texts = value if isinstance(value, list) else [value]
        if any(marker in text for text in texts for marker in JINJA_MARKERS):
            raise ValueError("jinja")
        return value

    @field_validator("insee", mode="before")
    @classmethod
    def _insee_text(cls, value: object) -> object:
        # YAML reads 29233 as a number and 01001 as an octal one: the code needs quotes.
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueError("quotes")
        return value

    @field_validator("insee")
    @classmethod
    def _insee(cls, value: str) -> str:
        value = value.upper()
        if not INSEE_RE.match(value):
            raise ValueError("insee")
        return value

    def context(self, project_slug: str, service_id: str) -> dict[str, str]:
        """The cookiecutter context: every answer as text, users comma-separated."""
        return {
            "project_slug": project_slug,
            "service_id": service_id,
            **{key: str(getattr(self, key)) for key in QUESTIONS if key != "users"},
            "users": ", ".join(self.users),
        }


def answer_problem(errors: list[Any], values: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The first of pydantic's errors about the answers as a catalogue code and parameters."""
    error = errors[0]
    key = str(error["loc"][0]) if error["loc"] else ""
    message = str(error.get("msg", ""))
    if error["type"] == "extra_forbidden":
        return "new_config_unknown_key", {
            "key": key,
            "allowed": ", ".join(QUESTIONS),
            "hint": _did_you_mean(key, QUESTIONS),
        }
    if error["type"] == "missing":
        return "new_answer_missing", {"field": key}
    if key == "insee" and message.endswith("quotes"):
        return "new_insee_needs_quotes", {"value": values.get("insee")}
    if key == "insee" and message.endswith("insee"):
        return "new_bad_insee", {"value": values.get("insee")}
    if message.endswith("jinja"):
        return "new_answer_braces", {"field": key}
    if message.endswith("empty"):
        return "new_empty_answer", {"field": key}
    return "new_bad_answer", {"field": key}


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    matches = close_matches(word, choices)
    return "" if not matches else " " + ", ".join(matches) + " ?"


def validate_answers(values: dict[str, Any], where: str = "") -> Answers:
    """The answers as a model, or a NewError saying what to fix (and where)."""
    try:
        return Answers.model_validate(values)
    except ValidationError as exc:
        code, params = answer_problem(exc.errors(), values)
        raise NewError(code, where=where, **params) from None


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key of a YAML mapping, to point at it."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def load_config(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """An answers file (YAML, read safely): its values and the line of each key."""
    if not path.is_file():
        raise NewError("new_config_not_found", path=str(path))
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except UnicodeDecodeError:
        raise NewError("new_config_not_utf8", path=str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        detail = getattr(exc, "problem", None) or type(exc).__name__
        raise NewError("new_config_yaml", path=str(path), line=line, detail=detail) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise NewError("new_config_not_mapping", path=str(path), allowed=", ".join(QUESTIONS))
    return {str(k): v for k, v in data.items()}, _key_lines(text)


def config_answers(path: Path, defaults: dict[str, Any]) -> Answers:
    """Answers from a `--config` file; the keys it leaves out take the template's defaults."""
    values, lines = load_config(path)
    for key in values:
        if key not in QUESTIONS:
            raise NewError(
                "new_config_unknown_key",
                where=f"{path}:{lines.get(key, 1)}: ",
                key=key,
                allowed=", ".join(QUESTIONS),
                hint=_did_you_mean(key, QUESTIONS),
            )
    merged = {**defaults, **values}
    try:
        return Answers.model_validate(merged)
    except ValidationError as exc:
        code, params = answer_problem(exc.errors(), merged)
        field = params.get("field") or ("insee" if "insee" in code else "")
        line = lines.get(field)
        where = f"{path}:{line}: " if line else f"{path}: "
        raise NewError(code, where=where, **params) from None


PROMPT_CODES = {
    "title": "new_prompt_title",
    "territory_name": "new_prompt_territory",
    "insee": "new_prompt_insee",
    "problem": "new_prompt_problem",
    "users": "new_prompt_users",
    "expected_impact": "new_prompt_impact",
}


def prompt_answers(defaults: dict[str, Any], lang: str) -> Answers:
    """Ask each canvas question; a bad answer is explained and asked again."""
    say("new_prompt_intro", lang, style="bold")
    values: dict[str, Any] = {}
    for key in QUESTIONS:
        default = defaults.get(key)
        while True:
            raw = typer.prompt(translate(PROMPT_CODES[key], lang), default=default)
            candidate = {**defaults, **values, key: raw}
            try:
                Answers.model_validate(candidate)
            except ValidationError as exc:
                mine = [e for e in exc.errors() if e["loc"] and e["loc"][0] == key]
                if mine:
                    code, params = answer_problem(mine, candidate)
                    say(code, lang, style="red", err=True, where="", **params)
                    continue
            values[key] = raw
            break
    return validate_answers({**defaults, **values})


# ------------------------------------------------------------------ templates


@dataclass(frozen=True)
class TemplateInfo:
    """One service template: where it is, what it is for, who ships it."""

    name: str
    path: Path
    distribution: str
    description_fr: str
    description_en: str
    # `"_hidden": true` in its cookiecutter.json: usable by name, not listed (a test
    # suite's template must not be offered to users who have its plugin installed).
    hidden: bool = False

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" and self.description_en else self.description_fr

    def defaults(self) -> dict[str, Any]:
        """The template's default answers (its `cookiecutter.json`)."""
        data = _read_cookiecutter_json(self.path)
        return {key: data[key] for key in QUESTIONS if key in data}


def _read_cookiecutter_json(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "cookiecutter.json").read_text(encoding="utf-8"))


def _template_info(name: str, folder: Path, distribution: str) -> TemplateInfo:
    data = _read_cookiecutter_json(folder)
    return TemplateInfo(
        name=name,
        path=folder,
        distribution=distribution,
        description_fr=str(data.get("_description_fr", "")),
        description_en=str(data.get("_description_en", "")),
        hidden=data.get("_hidden") is True,
    )


def builtin_templates() -> list[TemplateInfo]:
    """The templates shipped with this package."""
    folder = templates_dir()
    found = []
    for child in sorted(folder.iterdir()) if folder.is_dir() else []:
        if (child / "cookiecutter.json").is_file():
            found.append(_template_info(child.name, child, BUILTIN_DISTRIBUTION))
    return found


def plugin_template(ep: EntryPoint) -> TemplateInfo:
    """The template an entry point names: a folder path, or a callable returning one."""
    dist = ep.dist.name if ep.dist is not None else "(unknown distribution)"
    try:
        target = ep.load()
        folder = Path(target() if callable(target) else target)
        return _template_info(ep.name, folder, dist)
    except Exception as exc:  # a broken plugin is reported by name, never only logged
        raise NewError(
            "new_template_broken",
            name=ep.name,
            distribution=dist,
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc


def available_templates() -> tuple[list[TemplateInfo], list[NewError]]:
    """Built-in and plugin templates, and the plugins' failures (never silently skipped)."""
    templates = builtin_templates()
    failures: list[NewError] = []
    eps = sorted(
        entry_points(group=TEMPLATE_GROUP), key=lambda e: (e.dist.name if e.dist else "", e.name)
    )
    for ep in eps:
        try:
            info = plugin_template(ep)
        except NewError as exc:
            failures.append(exc)
            continue
        other = next((t for t in templates if t.name == info.name), None)
        if other is not None:
            failures.append(
                NewError(
                    "new_template_duplicate",
                    name=info.name,
                    distribution=info.distribution,
                    other=other.distribution,
                )
            )
            continue
        templates.append(info)
    return templates, failures


def find_template(name: str) -> TemplateInfo:
    """The template called `name`, or a NewError listing those that exist."""
    templates, failures = available_templates()
    for info in templates:
        if info.name == name:
            return info
    if failures:
        raise failures[0]
    names = [t.name for t in templates if not t.hidden]
    raise NewError(
        "new_unknown_template",
        name=name,
        available=", ".join(names),
        hint=_did_you_mean(name, names),
    )


# ------------------------------------------------------------------ generation


def service_id(name: str) -> str:
    """A service id (`[a-z0-9][a-z0-9-]*`) made from a folder name or a title."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "mon-service"


def check_folder_name(target: Path) -> None:
    """Refuse a project folder name that is not a plain, portable name (NewError)."""
    name = target.absolute().name
    if (
        len(name) > MAX_FOLDER_NAME
        or not FOLDER_NAME_RE.fullmatch(name)
        or name.split(".")[0].lower() in RESERVED_NAMES
    ):
        raise NewError("new_bad_folder_name", name=name or str(target), max=MAX_FOLDER_NAME)


def check_target(target: Path, force: bool) -> None:
    """Refuse an unusable folder name, a target that is a file, or an existing folder
    without --force."""
    check_folder_name(target)
    if target.exists() and not target.is_dir():
        raise NewError("new_target_not_folder", path=str(target))
    if target.is_dir() and not force:
        raise NewError("new_target_exists", path=str(target))


def cookiecutter_context(
    template: TemplateInfo, answers: dict[str, str], output_dir: Path
) -> dict[str, Any]:
    """The context cookiecutter writes the files with: the answers as plain data.

    Only the template's own defaults (its author's text, like its files) are rendered, the
    way cookiecutter would; an answer is never a template, whatever it holds."""
    from cookiecutter.environment import StrictEnvironment
    from cookiecutter.generate import generate_context
    from cookiecutter.prompt import render_variable

    context = generate_context(context_file=str(template.path / "cookiecutter.json"))
    written = context["cookiecutter"]
    context["_cookiecutter"] = {k: v for k, v in written.items() if not k.startswith("_")}
    env = StrictEnvironment(context=context)
    filled: dict[str, Any] = {}
    for key, value in written.items():
        if key in answers:
            filled[key] = answers[key]
        elif key.startswith("_") and not key.startswith("__"):
            filled[key] = value  # cookiecutter's settings: _extensions, _copy_without_render
        else:
            filled[key] = render_variable(env, value, filled)
    for key, value in answers.items():
        filled.setdefault(key, value)
    filled.update(
        _template=str(template.path),
        _output_dir=str(output_dir),
        _repo_dir=str(template.path),
        _checkout=None,
    )
    context["cookiecutter"] = filled
    return context


def render(template: TemplateInfo, context: dict[str, str], output_dir: Path) -> Path:
    """Render the template's files (no prompts, no hooks, no replay) into `output_dir`."""
    from cookiecutter.generate import generate_files

    # cookiecutter renders whole output paths: the folder must hold no Jinja of anyone's.
    if any(marker in str(output_dir.absolute()) for marker in JINJA_MARKERS):
        raise NewError("new_bad_folder_name", name=str(output_dir), max=MAX_FOLDER_NAME)
    try:
        full = cookiecutter_context(template, context, output_dir)
        with _import_path(template.path):  # a template's own Jinja extensions, as cookiecutter
            project = generate_files(
                repo_dir=str(template.path),
                context=full,
                output_dir=str(output_dir),
                overwrite_if_exists=False,
                skip_if_file_exists=False,
                accept_hooks=False,
                keep_project_on_failure=False,
            )
    except Exception as exc:  # a template's own mistake, reported with its name
        raise NewError(
            "new_render_failed",
            template=template.name,
            distribution=template.distribution,
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc
    return Path(project)


@contextmanager
def _import_path(folder: Path) -> Iterator[None]:
    saved = list(sys.path)
    sys.path.append(str(folder))
    try:
        yield
    finally:
        sys.path[:] = saved


def add_common_files(project: Path) -> None:
    """The files every built-in template's project gets: Streamlit settings, .gitignore
    and the project's own test (`service_templates/_common/`; a template's own file wins)."""
    common = templates_dir() / COMMON_DIR
    for source in sorted(common.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        target = project / source.relative_to(common)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def write_schema(project: Path, lang: str) -> Path:
    """The JSON Schema the blueprint's modeline points at (installed plugins included)."""
    path = project / SCHEMA_FILE
    path.write_text(schema_text(default_registry(), lang), encoding="utf-8")
    return path


def create_project(
    template: TemplateInfo,
    answers: Answers,
    target: Path,
    *,
    force: bool = False,
    lang: str = "fr",
    step: Any = None,
) -> Path:
    """Write the project into `target`; everything is made aside first, then moved."""
    check_target(target, force)
    target = target.absolute()
    advance = step or (lambda code, **params: None)
    # Rendered in a private temporary folder (its path is ours, never the user's), then
    # staged beside the target under a fixed name and renamed: all or nothing.
    with tempfile.TemporaryDirectory(prefix="datacites-new-", ignore_cleanup_errors=True) as work:
        context = answers.context(target.name, service_id(target.name))
        project = render(template, context, Path(work))
        if template.distribution == BUILTIN_DISTRIBUTION:
            add_common_files(project)
        advance("new_step_render", template=template.name)
        write_schema(project, lang)
        advance("new_step_schema", file=SCHEMA_FILE)
        loaded = inspect_blueprint(project / "blueprint.yaml", lang=lang)
        if not loaded.ok:
            print_problems(loaded.problems, lang, err=True)
            raise NewError(
                "new_template_invalid", template=template.name, distribution=template.distribution
            )
        advance("new_step_validate")
        _move_into_place(project, target)
    return target


def _move_into_place(project: Path, target: Path) -> None:
    """Copy `project` to `target`: merged into an existing folder (--force), or staged
    beside it and renamed, so that a failure leaves no half-written project."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():  # --force: the template's files replace theirs, others stay
        shutil.copytree(project, target, dirs_exist_ok=True)
        return
    stage = Path(tempfile.mkdtemp(prefix=".datacites-new-", dir=target.parent))
    try:
        shutil.copytree(project, stage / "project")
        (stage / "project").rename(target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


# ------------------------------------------------------------------ the command


def print_templates(lang: str) -> bool:
    """The templates table; plugin failures after it. False when a plugin failed."""
    templates, failures = available_templates()
    table = Table(title=translate("new_templates_title", lang), title_justify="left")
    for code in ("new_col_template", "cli_col_description", "cli_col_distribution"):
        table.add_column(translate(code, lang))
    for info in templates:
        if not info.hidden:
            table.add_row(info.name, info.description(lang), info.distribution)
    console.print(table)
    for failure in failures:
        err_console.print(Text(failure.message(lang), style="red"))
    say("new_list_hint", lang)
    return not failures


def new(
    ctx: typer.Context,
    name: Annotated[
        Path | None, typer.Argument(help="Folder of the new project.", show_default=False)
    ] = None,
    template: Annotated[
        str, typer.Option("--template", "-t", help="Template to start from (see --list).")
    ] = DEFAULT_TEMPLATE,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing: the template's default answers.")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="YAML file of answers (title, insee…); asks nothing."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Write into an existing folder.")] = False,
    list_templates: Annotated[
        bool, typer.Option("--list", help="List the templates, plugins' included.")
    ] = False,
) -> None:
    """Create a service project from a template, filled with the service canvas."""
    state: CliState = ctx.obj
    lang = resolve_lang(state.lang)
    if list_templates:
        raise typer.Exit(0 if print_templates(lang) else 1)
    if name is None:
        say("new_name_missing", lang, style="bold red", err=True)
        raise typer.Exit(2)
    info = find_template(template)
    check_target(name, force)
    defaults = info.defaults()
    if config is not None:
        answers = config_answers(config, defaults)
    elif no_input:
        answers = validate_answers(defaults, where=f"{info.path / 'cookiecutter.json'}: ")
    else:
        answers = prompt_answers(defaults, lang)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=console, transient=True
    ) as progress:
        task = progress.add_task(translate("new_step_answers", lang), total=4)

        def step(code: str, **params: object) -> None:
            text = translate(code, lang, **params)
            progress.console.print(Text("✔ " + text, style="green"))
            progress.update(task, advance=1, description=text)

        step("new_step_answers")
        create_project(info, answers, name, force=force, lang=lang, step=step)
    say("new_done", lang, style="bold green", title=answers.title, path=str(name))
    say("new_next", lang, path=str(name))
