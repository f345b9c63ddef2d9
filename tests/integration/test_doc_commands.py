"""The commands that README.md and docs/fr/*.md tell a newcomer to type (issue 15).

Every shell block (```sh, ```console, ```bash) is read: each `datacites` command must name
sub-commands and options that exist (read from the CLI's own click commands, what
`--help` prints), and each path into this repository (`examples/…`, `docs/…`) must exist.
The `datacites` commands that can run here are run, in a copy of the folders they name,
and must succeed: those that only read (no `-o` file, no server, no question) and name
paths that exist. A block that cannot run here (a server until Ctrl-C, questions asked,
a shell to activate) is marked by an HTML comment `<!-- not-run: why -->` just before it;
it is still checked. `make demo` and `make test` are CI's own commands, not run here.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer

from datacites_proto.cli.main import app
from tests.conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs" / "fr").glob("*.md"))]
SHELLS = {"sh", "console", "bash", "shell"}
FENCE = re.compile(r"^(?P<fence>`{3,})(?P<lang>[\w-]*)\s*$")
REPO_ROOTS = ("examples/", "docs/", "datacites_proto/", "service_templates/", "tests/")
# Sub-commands that serve, ask or write: checked, never run here.
NEVER_RUN = {"run", "new", "build", "team", "feedback", "test"}
DATACITES = str(Path(sys.executable).parent / "datacites")


@dataclass
class Command:
    where: str  # file:line
    words: list[str]  # the datacites command's words after `datacites`
    runnable: bool  # its block is not marked not-run


def shell_blocks(path: Path) -> list[tuple[int, list[str], bool]]:
    """(line of the fence, command lines, runnable) of each shell block of a Markdown file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks, i = [], 0
    while i < len(lines):
        opened = FENCE.match(lines[i])
        if not opened:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith(opened["fence"]))
        if opened["lang"] in SHELLS:
            before = " ".join(lines[max(0, i - 2) : i])
            body = lines[i + 1 : end]
            if opened["lang"] == "console":  # prompts are commands, the rest is output
                body = [line[2:] for line in body if line.startswith("$ ")]
            commands = [line for line in body if line.strip() and not line.startswith("#")]
            blocks.append((i + 1, commands, "<!-- not-run" not in before))
        i = end + 1
    return blocks


def datacites_commands(line: str) -> list[list[str]]:
    """The words after `datacites` of each datacites command in one shell line."""
    words = shlex.split(line, comments=True)
    found, current = [], None
    for word in words:
        if word in ("|", "&&", ";"):
            current = None
        elif current is not None:
            current.append(word)
        elif word.endswith("datacites") and "=" not in word:
            current = []
            found.append(current)
    return found


def all_commands() -> list[Command]:
    commands = []
    for path in DOCS:
        for line_no, lines, runnable in shell_blocks(path):
            for line in lines:
                where = f"{path.relative_to(REPO)}:{line_no}"
                commands += [Command(where, w, runnable) for w in datacites_commands(line)]
    return commands


def repo_paths(path: Path) -> list[tuple[int, str]]:
    """Each word of a shell block that is a path into this repository."""
    found = []
    for line_no, lines, _ in shell_blocks(path):
        for line in lines:
            for word in shlex.split(line, comments=True):
                if word.startswith(REPO_ROOTS):
                    found.append((line_no, word))
    return found


def resolve(words: list[str]) -> tuple[Any, list[Any], list[str]]:
    """The click command the words name, the groups on the way, and the words left."""
    command = typer.main.get_command(app)  # Typer's click (it may ship its own copy)
    groups: list[Any] = []
    rest = list(words)
    while hasattr(command, "get_command"):  # a group
        groups.append(command)
        options = _option_names(command)
        while rest and rest[0].startswith("-"):  # the group's own options (--lang fr)
            name = rest.pop(0).split("=")[0]
            if name not in options:
                raise LookupError(f"unknown option {name} of « {command.name} »")
            if not _is_flag(command, name) and rest:
                rest.pop(0)
        if not rest:
            break
        sub = command.get_command(command.context_class(command), rest[0])
        if sub is None:
            raise LookupError(f"unknown command « {rest[0]} » of « {command.name} »")
        command = sub
        rest.pop(0)
    return command, groups, rest


def _option_names(command: Any) -> set[str]:
    return {name for p in command.params for name in (*p.opts, *p.secondary_opts)}


def _is_flag(command: Any, name: str) -> bool:
    param = next(p for p in command.params if name in (*p.opts, *p.secondary_opts))
    return bool(getattr(param, "is_flag", False) or getattr(param, "count", False))


def unknown_options(words: list[str]) -> list[str]:
    """The options written that the command (or a group above it) does not have."""
    command, groups, rest = resolve(words)
    known = _option_names(command) | {"--help"}
    for group in groups:
        known |= _option_names(group)
    return [w.split("=")[0] for w in rest if w.startswith("--") and w.split("=")[0] not in known]


def runs_here(command: Command) -> bool:
    """Whether the command only reads files that exist in this repository."""
    if not command.runnable or not command.words:
        return False
    named, _, rest = resolve(command.words)
    if named.name in NEVER_RUN or any(w in ("-o", "--output") for w in rest):
        return False
    paths = [w for w in rest if not w.startswith("-") and ("/" in w or w == ".")]
    return bool(paths) and all(w.startswith(REPO_ROOTS) and (REPO / w).exists() for w in paths)


COMMANDS = all_commands()


def test_the_docs_have_commands_to_check() -> None:
    assert len(COMMANDS) > 20
    assert any(runs_here(c) for c in COMMANDS)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_repository_path_written_exists(path: Path) -> None:
    missing = [f"{path.name}:{n}: {w}" for n, w in repo_paths(path) if not (REPO / w).exists()]
    assert not missing, missing


def test_every_datacites_command_and_option_exists() -> None:
    problems = []
    for command in COMMANDS:
        try:
            wrong = unknown_options(command.words)
        except LookupError as exc:
            problems.append(f"{command.where}: datacites {' '.join(command.words)}: {exc}")
            continue
        problems += [f"{command.where}: datacites {' '.join(command.words)}: {w}" for w in wrong]
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_wrong_command_option_or_path() -> None:
    with pytest.raises(LookupError):
        resolve(["valider", "examples/coeur_de_ville"])
    assert unknown_options(["validate", "--formt", "json", "x"]) == ["--formt"]
    assert unknown_options(["--lang", "en", "new", "--list"]) == []
    assert not (REPO / "examples/coeur-de-ville/blueprint.yaml").exists()
    assert datacites_commands('echo "$P" | datacites team set-password s --password-stdin') == [
        ["team", "set-password", "s", "--password-stdin"]
    ]


@pytest.mark.parametrize(
    "command",
    [c for c in COMMANDS if runs_here(c)],
    ids=lambda c: f"{c.where} {' '.join(c.words)}",
)
def test_the_commands_that_can_run_here_succeed(command: Command, tmp_path: Path) -> None:
    """Run in a copy of the folders it names: its cache (.datacites/) is not the repo's."""
    for word in command.words:
        if word.startswith(REPO_ROOTS):
            top = Path(*Path(word).parts[:2])
            if not (tmp_path / top).exists():
                shutil.copytree(
                    REPO / top, tmp_path / top, ignore=shutil.ignore_patterns(".datacites")
                )
    done = subprocess.run(
        [DATACITES, *command.words],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
