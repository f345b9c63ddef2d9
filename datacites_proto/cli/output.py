"""Console output shared by the commands: language, colours, problems."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from rich.console import Console
from rich.text import Text

from datacites_proto.errors import Problem
from datacites_proto.i18n import translate

# Piped output (CI logs, editors) is not cut at 80 columns.
_WIDTH = None if sys.stdout.isatty() else 200
console = Console(highlight=False, soft_wrap=True, width=_WIDTH)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, width=_WIDTH)


def say(
    code: str, lang: str, *, style: str | None = None, err: bool = False, **params: object
) -> None:
    """Print a catalogue message; user text inside it is never read as markup."""
    target = err_console if err else console
    target.print(Text(translate(code, lang, **params), style=style or ""))


def print_problems(problems: Iterable[Problem], lang: str, *, err: bool = False) -> None:
    target = err_console if err else console
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        line = Text(problem.where() + ": ", style="bold")
        if problem.severity == "warning":
            line.append(translate("warning_label", lang) + " ", style=style)
        line.append(problem.message(lang), style=style)
        target.print(line)
        if problem.snippet:
            target.print(Text(problem.snippet, style="dim"))
