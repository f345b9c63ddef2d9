"""`datacites test PATH`: render every page headless, each filter at its default and at one
other value, and fail on any exception, error panel or view warning.

`check_service(path)` does the work and returns a `ServiceReport`: a generated project's own
tests call it (`assert check_service("blueprint.yaml").ok`). Pages are rendered with
Streamlit's AppTest, the way tests/support/apptest.py does; each setting is a fresh
session whose URL carries the filter's value before the first run, as a shared link would.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

import datacites_proto
from datacites_proto.app.launch import BLUEPRINT_ENV
from datacites_proto.blueprint.filters import (
    DATE_PRESETS,
    DateRangeFilter,
    MultiselectFilter,
    RangeFilter,
    SelectFilter,
    ToggleFilter,
)
from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.pages import Page
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import console, print_problems, say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.errors import Problem
from datacites_proto.i18n import resolve_lang, translate
from datacites_proto.store.connection import STORE_ENV

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

SCRIPT = Path(datacites_proto.__file__).parent / "app" / "script.py"


@dataclass
class Setting:
    """The filter values of one rendering: all defaults, or one filter set in the URL."""

    filter: str | None = None
    value: str | list[str] | None = None

    def query(self) -> dict[str, str | list[str]]:
        return {} if self.filter is None or self.value is None else {self.filter: self.value}

    def label(self, lang: str) -> str:
        if self.filter is None:
            return translate("cli_test_defaults", lang)
        shown = ", ".join(self.value) if isinstance(self.value, list) else str(self.value)
        return f"{self.filter} = {shown}"


@dataclass
class CaseResult:
    """One page rendered with one setting."""

    page: str
    slug: str
    audience: str
    setting: Setting
    ok: bool
    message: str | None = None
    seconds: float = 0.0


@dataclass
class ServiceReport:
    """What `datacites test` found; `ok` when every page rendered cleanly."""

    path: str
    lang: str
    title: str | None = None
    problems: list[str] = field(default_factory=list)  # the blueprint's, when invalid
    located: list[Problem] = field(default_factory=list, repr=False)
    cases: list[CaseResult] = field(default_factory=list)
    team_pages_skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.cases) and all(c.ok for c in self.cases)

    @property
    def failures(self) -> list[CaseResult]:
        return [c for c in self.cases if not c.ok]

    def to_dict(self) -> dict[str, Any]:
        cases = []
        for case in self.cases:
            item = asdict(case)
            item["setting"] = case.setting.query()
            item["setting_label"] = case.setting.label(self.lang)
            item["seconds"] = round(case.seconds, 3)
            cases.append(item)
        return {
            "ok": self.ok,
            "path": self.path,
            "title": self.title,
            "problems": self.problems,
            "cases": cases,
            "team_pages_skipped": self.team_pages_skipped,
        }


# ------------------------------------------------------------------ driving AppTest


def team_audience_supported() -> bool:
    """Whether the app can be asked to render as the team (`run(path, audience=...)`)."""
    from datacites_proto.app import main

    return "audience" in inspect.signature(main.run).parameters


@contextlib.contextmanager
def _app_environment(blueprint: Path, scratch: Path) -> Iterator[None]:
    """The app's environment variables for AppTest, restored afterwards; feedback sent by
    the test goes to a store in `scratch`, never into the service's own."""
    saved = {k: os.environ.get(k) for k in (BLUEPRINT_ENV, "DATACITES_DEV_RELOAD", STORE_ENV)}
    os.environ[BLUEPRINT_ENV] = str(blueprint)
    os.environ[STORE_ENV] = f"sqlite:///{scratch / 'store.sqlite'}"
    os.environ.pop("DATACITES_DEV_RELOAD", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _open(
    script: Path, slug: str, setting: Setting, timeout: float, *, first_page: bool
) -> AppTest:
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    at = AppTest.from_file(str(script), default_timeout=timeout)
    for key, value in setting.query().items():
        at.query_params[key] = value
    if not first_page:
        # st.navigation finds a callable page by the hash of its url_path, as a real
        # session does when the URL changes (AppTest switches to file pages only).
        at._page_hash = calc_hash(slug)
    at.run()
    return open_see_data(at)


def see_data_expanders(at: AppTest) -> list[Any]:
    """The page's « Voir les données » expanders, in page order (French or English)."""
    labels = {translate("app_see_data", lang) for lang in ("fr", "en")}
    return [e for e in at.expander if e.label in labels]


def open_see_data(at: AppTest) -> AppTest:
    """Open the page's « Voir les données » expanders, as a click would, and rerun it.

    The app makes their tables only once opened; a keyed widget's id ends with its key.
    """
    keys = [e.proto.id.split("-", 2)[2] for e in see_data_expanders(at)]
    if keys and not at.exception:
        for key in keys:
            at.session_state[key] = True
        at.run()
    return at


def _text(node: Any) -> str:
    value = getattr(node, "value", None)
    return str(value) if value is not None else ""


def _nodes(at: AppTest) -> list[Any]:
    return [*at.main, *at.sidebar]


def first_problem(at: AppTest) -> str | None:
    """The first exception, error panel or warning of a rendered page, as text."""
    exceptions = list(at.exception)
    if exceptions:
        return _text(exceptions[0])
    nodes = _nodes(at)
    for kind in ("error", "warning"):
        for i, node in enumerate(nodes):
            if getattr(node, "type", None) != kind:
                continue
            text = _text(node)
            # An error panel lists its located problems in the markdown that follows it.
            following = nodes[i + 1] if i + 1 < len(nodes) else None
            if kind == "error" and getattr(following, "type", None) == "markdown":
                text = f"{text}\n{_text(following)}"
            return text
    return None


def _find_widget(at: AppTest, filter_id: str) -> Any:
    for node in at.sidebar:
        key = getattr(node, "key", None)
        if key in (filter_id, f"filter-{filter_id}"):
            return node
    return None


def _number(value: float) -> str:
    return format(value, ".10g")


def other_value(spec: Any, widget: Any) -> str | list[str] | None:
    """One value other than the default, as the URL writes it (None when there is none)."""
    if isinstance(spec, DateRangeFilter):
        current = spec.default if isinstance(spec.default, str) else None
        return next(p for p in DATE_PRESETS if p != current)
    if isinstance(spec, ToggleFilter):
        return "false" if spec.default else "true"
    if isinstance(spec, RangeFilter):
        if widget is None or getattr(widget, "min", None) is None:
            return None
        low, high = float(widget.min), float(widget.max)
        if high <= low:
            return None
        quarter = (high - low) / 4
        start, end = low + quarter, high - quarter
        step = float(spec.step) if spec.step else None
        if step:
            start = low + round((start - low) / step) * step
            end = max(start, low + round((end - low) / step) * step)
        return [_number(start), _number(end)]
    if isinstance(spec, (SelectFilter, MultiselectFilter)):
        if spec.options:
            options = [str(o) for o in spec.options]
        elif widget is not None:
            options = [str(o) for o in widget.options]
            if isinstance(spec, SelectFilter):
                options = options[1:]  # the first choice is "all"
        else:
            return None
        defaults = spec.default if isinstance(spec, MultiselectFilter) else [spec.default]
        taken = {str(d) for d in defaults if d is not None}
        chosen = next((o for o in options if o not in taken), None)
        if chosen is None:
            return None
        return [chosen] if isinstance(spec, MultiselectFilter) else chosen
    return None


def _check_case(
    script: Path,
    page: Page,
    setting: Setting,
    audience: str,
    timeout: float,
    *,
    first_page: bool,
    lang: str,
) -> tuple[CaseResult, AppTest | None]:
    started = time.perf_counter()
    at: AppTest | None = None
    message: str | None
    try:
        at = _open(script, page.url_slug, setting, timeout, first_page=first_page)
        message = first_problem(at)
        titles = [_text(t) for t in at.title]
        if message is None and page.title not in titles:
            message = translate("cli_test_page_not_reached", lang, page=page.title)
        if message is None and setting.filter is not None and setting.filter not in at.query_params:
            message = translate(
                "cli_test_value_not_applied", lang, filter=setting.filter, value=setting.value
            )
    except Exception as exc:  # a timeout or a crash of the script runner itself
        message = f"{type(exc).__name__}: {exc}"
    result = CaseResult(
        page=page.title,
        slug=page.url_slug,
        audience=audience,
        setting=setting,
        ok=message is None,
        message=message,
        seconds=time.perf_counter() - started,
    )
    return result, at


def _has_feedback(page: Page) -> bool:
    from datacites_proto.views.feedback import FeedbackView

    return any(isinstance(v.view, FeedbackView) for v in page.all_views())


def _send_feedback(
    at: AppTest, blueprint: Blueprint, page: Page, audience: str, lang: str
) -> CaseResult:
    """Fill the page's first feedback form (rating 5), send it, and check it was stored."""
    from datacites_proto.store import Store

    started = time.perf_counter()
    message: str | None = None
    try:
        store = Store.open(os.environ[STORE_ENV])
        try:
            before = len(store.feedback_rows(blueprint.service.id))
            next(r for r in at.radio if str(r.key).endswith("-rating")).set_value(5)
            send = translate("feedback_send", blueprint.lang)
            next(b for b in at.button if b.label == send).click()
            at.run()
            message = first_problem(at)
            if message is None and len(store.feedback_rows(blueprint.service.id)) != before + 1:
                message = translate("cli_test_feedback_not_stored", lang, page=page.title)
        finally:
            store.close()
    except Exception as exc:  # no form drawn, a timeout, a crash of the runner
        message = f"{type(exc).__name__}: {exc}"
    return CaseResult(
        page=f"{page.title} — {translate('feedback_send', lang)}",
        slug=page.url_slug,
        audience=audience,
        setting=Setting(),
        ok=message is None,
        message=message,
        seconds=time.perf_counter() - started,
    )


def _team_script(blueprint_path: Path, folder: Path) -> Path:
    script = folder / "team_app.py"
    script.write_text(
        "from datacites_proto.app.main import run\n"
        f"run({str(blueprint_path)!r}, audience='team')\n",
        encoding="utf-8",
    )
    return script


def _check_pages(
    report: ServiceReport,
    blueprint: Blueprint,
    script: Path,
    pages: list[Page],
    audience: str,
    timeout: float,
    *,
    first_is_default: bool,
) -> None:
    from datacites_proto.app.page_filters import page_filter_ids

    for n, page in enumerate(pages):
        first_page = first_is_default and n == 0
        case, at = _check_case(
            script,
            page,
            Setting(),
            audience,
            timeout,
            first_page=first_page,
            lang=report.lang,
        )
        report.cases.append(case)
        if case.ok and at is not None and _has_feedback(page):
            report.cases.append(_send_feedback(at, blueprint, page, audience, report.lang))
        for f_id in page_filter_ids(blueprint, page):
            spec = blueprint.filters.get(f_id)
            widget = _find_widget(at, f_id) if at is not None else None
            value = other_value(spec, widget) if spec is not None else None
            if value is None:
                continue
            case, _ = _check_case(
                script,
                page,
                Setting(f_id, value),
                audience,
                timeout,
                first_page=first_page,
                lang=report.lang,
            )
            report.cases.append(case)


def check_service(
    path: str | Path, *, lang: str | None = None, timeout: float = 60.0
) -> ServiceReport:
    """Render every page of the service at PATH; see `ServiceReport.ok` and `.failures`."""
    blueprint_path = find_blueprint(Path(path))
    loaded = inspect_blueprint(blueprint_path, lang=lang)
    report_lang = resolve_lang(lang, loaded.lang)
    report = ServiceReport(path=loaded.display, lang=report_lang)
    if not loaded.ok or loaded.blueprint is None:
        report.problems = [f"{p.where()}: {p.message(report_lang)}" for p in loaded.problems]
        report.located = list(loaded.problems)
        return report
    blueprint = loaded.blueprint
    report.title = blueprint.service.title
    public = [p for p in blueprint.pages if p.access == "public"]
    team = [p for p in blueprint.pages if p.access != "public"]
    resolved = blueprint_path.resolve()
    with tempfile.TemporaryDirectory() as scratch, _app_environment(resolved, Path(scratch)):
        _check_pages(report, blueprint, SCRIPT, public, "public", timeout, first_is_default=True)
        if team and team_audience_supported():
            script = _team_script(resolved, Path(scratch))
            _check_pages(report, blueprint, script, team, "team", timeout, first_is_default=False)
        else:
            report.team_pages_skipped = [p.title for p in team]
    return report


# ------------------------------------------------------------------ the command


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def _errors_only(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.ERROR


# Loggers that AppTest makes talk at every run ("missing ScriptRunContext", "No runtime
# found"); AppTest resets Streamlit's log level when it starts, so a filter is used.
CHATTY_LOGGERS = (
    "streamlit",
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.caching.cache_resource_api",
)


@contextlib.contextmanager
def _quiet(enabled: bool) -> Iterator[None]:
    """Keep bare-mode chatter out of the table (`--debug` shows it); errors still show."""
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS] if enabled else []
    for logger in loggers:
        logger.addFilter(_errors_only)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(_errors_only)


def print_report(report: ServiceReport) -> None:
    from rich.table import Table
    from rich.text import Text

    lang = report.lang
    t = lambda code, **p: translate(code, lang, **p)  # noqa: E731
    table = Table(title=report.title, title_justify="left")
    table.add_column(t("cli_test_col_page"))
    table.add_column(t("cli_test_col_setting"))
    table.add_column(t("cli_test_col_result"), justify="center")
    table.add_column(t("cli_test_col_seconds"), justify="right")
    for case in report.cases:
        page = case.page if case.audience == "public" else f"{case.page} [{t('cli_team_only')}]"
        mark = Text("✔", style="green") if case.ok else Text("✘", style="bold red")
        table.add_row(page, case.setting.label(lang), mark, f"{case.seconds:.1f}")
    console.print(table)
    if report.team_pages_skipped:
        say(
            "cli_test_team_skipped",
            lang,
            style="yellow",
            pages=", ".join(report.team_pages_skipped),
        )
    failures = report.failures
    if failures:
        first = failures[0]
        say(
            "cli_test_first_failure",
            lang,
            style="bold red",
            page=first.page,
            setting=first.setting.label(lang),
        )
        console.print(Text(first.message or "", style="red"))
        say(
            "cli_test_failed", lang, style="bold red", failed=len(failures), total=len(report.cases)
        )
    else:
        say("cli_test_passed", lang, style="bold green", total=len(report.cases))


def check(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="text for people, json for CI."),
    ] = OutputFormat.text,
    timeout: Annotated[
        float, typer.Option(min=1, help="Seconds a page may take to render.")
    ] = 60.0,
) -> None:
    """Render every page headless, filters at their default and at another value."""
    state: CliState = ctx.obj
    with _quiet(not state.debug):
        report = check_service(path, lang=state.lang, timeout=timeout)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif report.problems:
        print_problems(report.located, report.lang, err=True)
        say(
            "cli_invalid",
            report.lang,
            style="bold red",
            err=True,
            path=report.path,
            count=len(report.problems),
        )
    else:
        print_report(report)
    raise typer.Exit(0 if report.ok else 1)
