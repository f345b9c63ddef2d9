"""Layers point down (ARCHITECTURE.md): import-linter's contract holds, and it bites.

The contract lives in pyproject.toml (`[tool.importlinter]`) and `make test` runs it; these
tests run it on the package, then on a copy with one upward import made inside a function
(the kind of lazy import that used to close the loops of issue 12). A second, independent
check builds the graph of the package's subpackages from the AST, imports inside functions
included, and finds no cycle.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "datacites_proto"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the package found under `root`, with the project's contract."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_layers_contract_is_kept() -> None:
    done = lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("blueprint/model.py", "datacites_proto.views.base"),  # language → views
        ("engine/compiler.py", "datacites_proto.app.caching"),  # engine → app
        ("views/printing.py", "datacites_proto.report.document"),  # views → report
        ("report/document.py", "datacites_proto.app.context"),  # report → app
        ("sources/csv_file.py", "datacites_proto.engine.loading"),  # sources → engine
        ("registry.py", "datacites_proto.blueprint.base"),  # registry → blueprint
    ],
)
def test_an_upward_import_inside_a_function_breaks_the_contract(
    tmp_path: Path, module: str, upward: str
) -> None:
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(PACKAGE, tmp_path / "datacites_proto", ignore=shutil.ignore_patterns("*.pyc"))
    target = tmp_path / "datacites_proto" / module
    target.write_text(
        target.read_text(encoding="utf-8")
        + f"\n\ndef _reaches_up() -> None:\n    import {upward}  # noqa: F401\n",
        encoding="utf-8",
    )
    done = lint_imports(tmp_path)
    assert done.returncode != 0, done.stdout
    assert "BROKEN" in done.stdout and upward in done.stdout


def _subpackage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "datacites_proto" and len(parts) > 1 else None


def subpackage_graph(package: Path) -> dict[str, set[str]]:
    """Which subpackage imports which, every import statement counted, lazy ones included."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in package.rglob("*.py"):
        here = path.relative_to(package.parent).with_suffix("").parts[1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                other = _subpackage(name)
                if other is not None and other != here and here != "__init__":
                    graph[here].add(other)
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph`, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def test_no_cycle_between_subpackages_counting_lazy_imports() -> None:
    assert cycle(subpackage_graph(PACKAGE)) is None


def test_the_cycle_finder_sees_a_lazy_loop(tmp_path: Path) -> None:
    package = tmp_path / "datacites_proto"
    (package / "engine").mkdir(parents=True)
    (package / "blueprint").mkdir()
    (package / "engine" / "service.py").write_text("from datacites_proto.blueprint import model\n")
    (package / "blueprint" / "model.py").write_text(
        "def load():\n    from datacites_proto.engine import service\n"
    )
    assert cycle(subpackage_graph(package)) in (
        ["blueprint", "engine", "blueprint"],
        ["engine", "blueprint", "engine"],
    )
