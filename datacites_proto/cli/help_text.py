"""The help of `datacites` in the user's language: texts from the catalogues, flags as flags.

Typer builds the click command from the functions' English `help=` at each call; `localized`
builds it once, then replaces each command's and parameter's help with the catalogue's
(`i18n/cli_help_messages.py`), keeping the English of the code for a command the catalogue
does not know (a plugin's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import MethodType
from typing import Any

import typer
from typer import rich_utils

from datacites_proto.i18n import translate
from datacites_proto.i18n.catalog import CATALOGUES

# The words typer writes around the help texts, read from these module constants when the
# help is drawn (typer's own, fixed in English when it is imported).
_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "cli_help_word_arguments",
    "OPTIONS_PANEL_TITLE": "cli_help_word_options",
    "COMMANDS_PANEL_TITLE": "cli_help_word_commands",
    "DEFAULT_STRING": "cli_help_word_default",
    "ENVVAR_STRING": "cli_help_word_envvar",
    "REQUIRED_LONG_STRING": "cli_help_word_required",
    "DEPRECATED_STRING": "cli_help_word_deprecated",
    "ERRORS_PANEL_TITLE": "cli_help_word_error",
    "ABORTED_TEXT": "cli_help_word_aborted",
    "RICH_HELP": "cli_help_word_try_help",
}


def help_code(path: list[str], param: str | None = None) -> str:
    """`cli_help_team_set_password` for a command, `…__password_stdin` for its parameter."""
    command = "_".join(p.replace("-", "_") for p in path) or "root"
    return f"cli_help_{command}" + (f"__{param}" if param else "")


def _known(code: str, lang: str) -> str | None:
    return translate(code, lang) if code in CATALOGUES["fr"] else None


def param_help(path: list[str], param: str, lang: str) -> str | None:
    """The parameter's help: its own in this command, else the one shared by every command."""
    return _known(help_code(path, param), lang) or _known(f"cli_help__{param}", lang)


def commands(
    command: Any, path: list[str] | None = None, parent: typer.Context | None = None
) -> Iterator[tuple[list[str], Any, typer.Context]]:
    """Every command of the tree with its path (`[]` for `datacites` itself) and a context
    under its parents' (which hold settings such as `-h`)."""
    path = path or []
    ctx = typer.Context(command, parent=parent, **command.context_settings)
    yield path, command, ctx
    if hasattr(command, "list_commands"):  # a group: its sub-commands, in their order
        for name in command.list_commands(ctx):
            yield from commands(command.get_command(ctx, name), [*path, name], ctx)


def _localize_words(lang: str) -> None:
    for constant, code in _WORDS.items():
        # `{}` is where typer puts the value; the other fields it fills itself.
        setattr(rich_utils, constant, translate(code, lang, value="{}"))


def _usage_in(lang: str) -> Callable[[Any, Any, Any], None]:
    """A command's `format_usage` whose prefix is the language's (click writes « Usage: »)."""
    prefix = translate("cli_help_word_usage", lang)

    def format_usage(command: Any, ctx: Any, formatter: Any) -> None:
        pieces = command.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

    return format_usage


def localized(app: typer.Typer, lang: str) -> Any:
    """The click command of `app` with its help in `lang`, boolean flags shown without a type."""
    _localize_words(lang)
    root = typer.main.get_command(app)
    for path, command, ctx in commands(root):
        command.help = _known(help_code(path), lang) or command.help
        command.short_help = None  # else the list of commands keeps the code's English
        command.format_usage = MethodType(_usage_in(lang), command)
        if hasattr(command, "subcommand_metavar"):
            command.subcommand_metavar = translate("cli_help_word_subcommand", lang)
        help_option = command.get_help_option(ctx)
        for param in [*command.params, *([help_option] if help_option else [])]:
            name = "help" if param is help_option else param.name
            param.help = param_help(path, name, lang) or param.help
            if getattr(param, "is_flag", False) and not getattr(param, "count", False):
                param.metavar = ""  # `--strict`, not `--strict <bool>`: a flag takes no value
    return root
