"""The fenced code blocks of the documentation (README.md and every page of docs/), with the
HTML comment that may say what a block is, for the tests of tests/docs/.

A marker is an HTML comment on one of the lines just above the fence (blank lines allowed):

- `<!-- fragment: PATH in PROJECT -->`: a YAML block that is a part of a blueprint; it is
  merged into PROJECT's blueprint at PATH (dotted: `.` the whole blueprint, `datasets`,
  `pages.0.views`…): a mapping into a mapping key by key, a list at the end of a list;
- `<!-- blueprint in PROJECT -->`: a complete blueprint, validated in a copy of PROJECT
  (the default project when no marker is given);
- `<!-- yaml: agreement -->`, `<!-- yaml: questionnaire -->`: an agreement or a questionnaire
  file, validated by its own model; `<!-- yaml: other: WHAT IT IS -->`: a YAML file that is
  none of those (a template's source, a CI file), only parsed;
- `<!-- run-in: PROJECT -->`: the project a shell block's commands run in.

PROJECT is a folder of this repository holding a blueprint (`examples/recharge`) or
`template:NAME`, the project `datacites new --template NAME --no-input` writes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
SHELLS = {"sh", "bash", "console", "shell"}
FENCE = re.compile(r"^(?P<fence>`{3,})(?P<lang>[\w-]*)\s*$")
MARKER = re.compile(r"^<!--\s*(?P<text>.*?)\s*-->\s*$")
DEFAULT_PROJECT = "examples/coeur_de_ville"
DATACITES = str(Path(sys.executable).parent / "datacites")


@dataclass
class Block:
    path: Path
    line: int  # the fence's line, 1-based
    lang: str
    body: list[str]
    markers: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        shown = self.path.relative_to(REPO) if self.path.is_relative_to(REPO) else self.path
        return f"{shown}:{self.line}"

    @property
    def text(self) -> str:
        return "\n".join(self.body) + "\n"

    def marker(self, name: str) -> str | None:
        """The value of `<!-- name: value -->` (or `<!-- name in value -->`) above the block."""
        for text in self.markers:
            found = re.match(rf"^{re.escape(name)}(?::|\s+in\s+)\s*(?P<value>.*)$", text)
            if found:
                return found["value"].strip()
        return None


def blocks(path: Path) -> list[Block]:
    """Every fenced block of a Markdown file, with the markers above it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        opened = FENCE.match(lines[i])
        if not opened:
            i += 1
            continue
        end = next(
            (j for j in range(i + 1, len(lines)) if lines[j].startswith(opened["fence"])),
            len(lines),
        )
        markers, k = [], i - 1
        while k >= 0 and (not lines[k].strip() or MARKER.match(lines[k])):
            if lines[k].strip():
                markers.append(MARKER.match(lines[k])["text"])  # type: ignore[index]
            k -= 1
        found.append(Block(path, i + 1, opened["lang"], lines[i + 1 : end], markers))
        i = end + 1
    return found


def all_blocks(langs: set[str], docs: list[Path] | None = None) -> list[Block]:
    return [b for path in docs or DOCS for b in blocks(path) if b.lang in langs]


def copy_project(project: str, target: Path) -> Path:
    """A copy of PROJECT at target (its cache left out), or the template's new project."""
    if project.startswith("template:"):
        name = project.removeprefix("template:")
        done = subprocess.run(
            [DATACITES, "new", str(target), "--template", name, "--no-input"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return target
    source = REPO / project
    assert (source / "blueprint.yaml").is_file(), f"{project} has no blueprint.yaml"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".datacites"), symlinks=True)
    return target


COMMENT = re.compile(r"\s+#(?=\s|$).*$")


@dataclass
class Command:
    block: Block
    text: str  # the command as written, without its trailing comment
    output: list[str]  # what a console block shows it printing

    @property
    def where(self) -> str:
        return self.block.where


def commands(block: Block) -> list[Command]:
    """The commands of a shell block: every `$ ` line of a console block (the lines after it
    are its output), every line of a sh or bash block but comments; `\\` joins lines."""
    found: list[Command] = []
    pending = ""
    for raw in block.body:
        line = raw.rstrip()
        if block.lang == "console" and not line.startswith("$ ") and not pending:
            if found and line.strip():
                found[-1].output.append(line)
            continue
        line = line[2:] if line.startswith("$ ") and not pending else line
        if not line.strip() or (line.lstrip().startswith("#") and not pending):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        text = COMMENT.sub("", pending + line).strip()
        pending = ""
        found.append(Command(block, text, []))
    return found
