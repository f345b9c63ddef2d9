"""docs/plugins.md's tutorial cannot go stale: each of its code blocks that names a file of
this plugin (`# file: PATH` for the whole file, `# from: PATH` for a part) is that file or
a part of it, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parent.parent
DOC = PLUGIN.parent.parent.parent / "docs" / "plugins.md"
BLOCK = re.compile(r"```[a-z]+\n# (file|from): (\S+)\n(.*?)```", re.DOTALL)


def blocks() -> list[tuple[str, str, str]]:
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


def test_the_tutorial_shows_the_whole_source_and_the_entry_points() -> None:
    whole = {path for how, path, _ in blocks() if how == "file"}
    assert {"datacites_velos/gbfs.py", "pyproject.toml"} <= whole
    shown = {path for _, path, _ in blocks()}
    assert {
        "datacites_velos/availability.py",
        "datacites_velos/stations.py",
        "service/blueprint.yaml",
    } <= shown


@pytest.mark.parametrize(("how", "path", "code"), blocks(), ids=lambda v: str(v)[:40])
def test_each_block_is_the_file_it_names(how: str, path: str, code: str) -> None:
    text = (PLUGIN / path).read_text(encoding="utf-8")
    if how == "file":
        assert code == text
    else:
        assert code.strip("\n") in text, f"docs/plugins.md shows a part of {path} it no longer has"
        assert code.strip()
