"""`datacites team set-password PATH`: the team password, stored as a hash in the project's secrets."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.app import team_password
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.errors import CodedError
from datacites_proto.i18n import resolve_lang, translate

MIN_LENGTH = 8

app = typer.Typer(
    help="Team access: the password that opens the team pages.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _project(path: Path) -> Path:
    blueprint = find_blueprint(path)
    if not blueprint.is_file():
        raise CodedError("team_not_a_project", path=str(path))
    return blueprint.resolve().parent


def _stdin_password() -> str:
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


def _prompted_password(lang: str) -> str:
    try:
        first, second = (
            typer.prompt(translate(code, lang), hide_input=True, default="", show_default=False)
            for code in ("team_prompt_password", "team_prompt_confirm")
        )
    except (typer.Abort, EOFError) as exc:  # input closed before both answers
        raise CodedError("team_password_no_input") from exc
    if first != second:
        raise CodedError("team_password_mismatch")
    return first


@app.command("set-password")
def set_password(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Read the password from the first line of standard input."
        ),
    ] = False,
) -> None:
    """Set the team password: only its salted hash is written, in .streamlit/secrets.toml."""
    state: CliState = ctx.obj
    lang = resolve_lang(state.lang if state else None)
    project = _project(path)
    password = _stdin_password().rstrip("\r") if password_stdin else _prompted_password(lang)
    if not password.strip():
        raise CodedError("team_password_empty", min=MIN_LENGTH)
    if len(password) < MIN_LENGTH:
        raise CodedError("team_password_too_short", min=MIN_LENGTH)
    target = team_password.secrets_path(project)
    team_password.write_hash(target, team_password.hash_password(password))
    say("team_password_written", lang, style="green", path=str(target))
    if os.environ.get(team_password.ENV_VAR, "").strip():
        say("team_env_overrides", lang, style="yellow", err=True)


def say_setup_hint(blueprint_path: Path, needs_team: bool, lang: str) -> None:
    """For `datacites run`: how to open the team pages when no sign-in is configured.

    Visitors of the app are told only that team access is not configured; the command
    (and the server's path) is for the team, here in the terminal.
    """
    if not needs_team:
        return
    project = blueprint_path.resolve().parent
    stored = team_password.stored_hash(project)
    if stored and team_password.is_valid_hash(stored):
        return
    try:
        oidc = bool(team_password.read_secrets(team_password.secrets_path(project)).get("auth"))
    except CodedError:
        oidc = False
    if oidc and not stored:
        return
    code = "team_hash_invalid_hint" if stored else "team_setup_hint"
    say(code, lang, style="yellow", err=True, path=str(blueprint_path), folder=str(project))
