"""The `datacites` command: one module per sub-command, wired here."""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Iterator
from typing import Annotated

import typer

from datacites_proto import __version__
from datacites_proto.cli import (
    apptest_runner,
    assessment,
    build,
    catalog_export,
    components,
    convert,
    describe,
    experiment,
    feedback,
    governance,
    new,
    reference,
    report,
    run,
    schema,
    team,
    validate,
)
from datacites_proto.cli.context import CliState
from datacites_proto.cli.help_text import localized
from datacites_proto.cli.output import err_console, say
from datacites_proto.cli.usage_errors import usage_error_text
from datacites_proto.errors import BlueprintError, DataCitesError
from datacites_proto.i18n import resolve_lang
from datacites_proto.progress import is_interruption, listening

EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours, not the user's
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell says of a job stopped by Ctrl-C

app = typer.Typer(
    name="datacites",
    help="DataCités Proto: prototype urban data services from a blueprint.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"datacites-proto {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option("--lang", envvar="DATACITES_LANG", help="Language of messages: fr or en."),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """DataCités Proto: prototype urban data services from a blueprint."""
    if lang is not None and lang.lower() not in ("fr", "en"):
        raise typer.BadParameter("fr | en", param_hint="--lang")
    ctx.obj = CliState(lang=lang.lower() if lang else None, debug=debug)


app.command("validate")(validate.validate)
app.command("schema")(schema.schema)
app.command("components")(components.components)
app.command("describe")(describe.describe)
app.command("reference")(reference.reference)
app.command("run")(run.run)
app.command("build")(build.build)
app.command("convert")(convert.convert)
app.command("test")(apptest_runner.check)
app.command("report")(report.report)
app.add_typer(feedback.app, name="feedback")
app.add_typer(assessment.app, name="assessment")
app.add_typer(team.app, name="team")
app.add_typer(catalog_export.app, name="catalog")
app.add_typer(governance.app, name="governance")
app.add_typer(experiment.app, name="experiment")
app.command("new")(new.new)


def _argv_lang(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return resolve_lang(argv[i + 1])
        if arg.startswith("--lang="):
            return resolve_lang(arg.split("=", 1)[1])
    return resolve_lang()


@contextlib.contextmanager
def _progress_shown(lang: str) -> Iterator[None]:
    """Long work drawn as progress bars when standard error is a terminal."""
    if not err_console.is_terminal:
        yield
        return
    from datacites_proto.cli.progress_bar import ProgressBar

    with ProgressBar(err_console, resolve_lang(lang)) as bar, listening(bar):
        yield


def main(argv: list[str] | None = None) -> None:
    """Entry point: user errors get a message and an exit code, never a traceback."""
    args = list(sys.argv[1:] if argv is None else argv)
    # `--lang` and `--debug` are accepted after the sub-command too (`validate --lang en x`).
    for flag in ("--debug",):
        if flag in args[1:]:
            args.remove(flag)
            args.insert(0, flag)
    for i, arg in enumerate(list(args)):
        if i > 0 and (arg == "--lang" and i + 1 < len(args)):
            value = args[i + 1]
            del args[i : i + 2]
            args[:0] = ["--lang", value]
            break
        if i > 0 and arg.startswith("--lang="):
            del args[i]
            args.insert(0, arg)
            break
    lang = _argv_lang(args)
    debug = "--debug" in args
    try:
        command = localized(app, lang)  # help in the user's language, flags as flags
        with _progress_shown(lang):
            code = command(args=args, prog_name="datacites", standalone_mode=False)
    except typer.Abort:  # Ctrl-C or Ctrl-D in a prompt
        say("cli_interrupted", lang, style="yellow", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:  # Ctrl-C outside the command (typer catches it inside)
        say("cli_interrupted", lang, style="yellow", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except typer.TyperException as exc:  # usage errors: exit code 2
        text = None
        if hasattr(exc, "ctx") and type(exc).__name__ != "NoArgsIsHelpError":
            text = usage_error_text(exc, lang)
        if text is not None:
            err_console.print(text, markup=False, highlight=False)
        else:  # the help asked for by no arguments, or a file click could not open
            exc.show()  # type: ignore[attr-defined]
        sys.exit(getattr(exc, "exit_code", EXIT_USAGE))
    except BlueprintError as exc:
        from datacites_proto.cli.output import print_problems

        print_problems(exc.problems, lang, err=True)
        sys.exit(EXIT_INVALID)
    except DataCitesError as exc:
        message = exc.message(lang) if hasattr(exc, "message") else str(exc)
        err_console.print(message, style="red", markup=False)
        sys.exit(EXIT_INVALID)
    except Exception as exc:
        if is_interruption(exc):  # DuckDB noticed Ctrl-C inside a query
            say("cli_interrupted", lang, style="yellow", err=True)
            sys.exit(EXIT_INTERRUPTED)
        if debug:
            traceback.print_exc()
        else:
            say("cli_internal_error", lang, style="red", err=True)
        sys.exit(EXIT_INTERNAL)
    if code == EXIT_INTERRUPTED:
        # Python noticed Ctrl-C inside the command (between two queries, say): typer turns
        # the KeyboardInterrupt into Exit(130), which it returns here without a word.
        say("cli_interrupted", lang, style="yellow", err=True)
    sys.exit(code if isinstance(code, int) else 0)
