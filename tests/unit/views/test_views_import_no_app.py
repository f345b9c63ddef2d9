"""Views depend only on their context: no module under views/ imports the app, even lazily."""

from __future__ import annotations

import ast
from pathlib import Path

import datacites_proto.views

VIEWS = Path(datacites_proto.views.__file__).parent
APP = "datacites_proto.app"


def _module_name(path: Path) -> str:
    """The dotted name of a module under views/."""
    parts = path.relative_to(VIEWS.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str) -> list[tuple[str, bool]]:
    """Every module a source imports (relative ones resolved), and whether inside a function."""
    found: list[tuple[str, bool]] = []
    package = module.split(".")

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:  # `from ..app import x`: resolved against this module
                    base = ".".join([*package[: len(package) - child.level], base]).strip(".")
                found.append((base, in_function))
                # `from datacites_proto import app` imports the app package too.
                found.extend((f"{base}.{alias.name}", in_function) for alias in child.names)
            visit(child, nested)

    visit(ast.parse(source), False)
    return found


def app_imports(source: str, module: str) -> list[tuple[str, bool]]:
    """The imports of the app package (or its modules) a source makes."""
    return [
        (name, lazy)
        for name, lazy in imported_modules(source, module)
        if name == APP or name.startswith(APP + ".")
    ]


def test_no_view_module_imports_the_app() -> None:
    modules = sorted(VIEWS.rglob("*.py"))
    assert len(modules) > 15  # the walk sees the views, the maps and the chart helpers
    offenders = {
        _module_name(path): found
        for path in modules
        if (found := app_imports(path.read_text(encoding="utf-8"), _module_name(path)))
    }
    assert offenders == {}


def test_the_walk_counts_imports_inside_functions() -> None:
    lazy = (
        "def render(ctx):\n"
        "    if True:\n"
        "        from datacites_proto.app.feedback_store import store_for\n"
        "    return store_for\n"
    )
    assert app_imports(lazy, "datacites_proto.views.plugin") == [
        ("datacites_proto.app.feedback_store", True),
        ("datacites_proto.app.feedback_store.store_for", True),
    ]


def test_the_walk_counts_every_form_of_import() -> None:
    forms = {
        "import datacites_proto.app.caching\n": True,
        "from datacites_proto import app\n": True,
        "from ..app import caching\n": True,
        "class A:\n    def f(self):\n        import datacites_proto.app\n": True,
        "if TYPE_CHECKING:\n    from datacites_proto.app.context import RenderContext\n": True,
        "from datacites_proto.views.context import RenderContext\n": False,
        "from datacites_proto import application_notes\n": False,
    }
    for source, imports_app in forms.items():
        assert bool(app_imports(source, "datacites_proto.views.table")) is imports_app, source
