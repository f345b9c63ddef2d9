"""The engine knows the two source contracts; sources never import the engine, even lazily."""

from __future__ import annotations

import ast
from pathlib import Path

import datacites_proto.sources

SOURCES = Path(datacites_proto.sources.__file__).parent


def imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """Every imported module of a tree and whether the import is made inside a function."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.append((child.module, in_function))
                found.extend((f"{child.module}.{a.name}", in_function) for a in child.names)
            visit(child, nested)

    visit(tree, False)
    return found


def source_imports() -> dict[str, list[tuple[str, bool]]]:
    return {
        str(path.relative_to(SOURCES)): imports(ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SOURCES.rglob("*.py"))
    }


def test_no_module_under_sources_imports_the_engine() -> None:
    upward = [
        (module, name)
        for module, found in source_imports().items()
        for name, _ in found
        if name == "datacites_proto.engine" or name.startswith("datacites_proto.engine.")
    ]
    assert upward == []


def test_imports_made_inside_functions_are_counted() -> None:
    # The sources import their readers lazily: the walk must see those imports too.
    lazy = [name for found in source_imports().values() for name, inside in found if inside]
    assert "datacites_proto.sources.reading.typed_table" in lazy


def test_the_walk_finds_a_lazy_engine_import() -> None:
    code = "def load(ctx):\n    from datacites_proto.engine.loading import materialise\n"
    assert ("datacites_proto.engine.loading", True) in imports(ast.parse(code))
