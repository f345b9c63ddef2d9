"""The example written in Python: deterministic data, pages built in a loop, public API only."""

from __future__ import annotations

import ast
import csv
import sys
from pathlib import Path

from datacites_proto.blueprint.loader import inspect_blueprint
from examples.intercommunalite_py import generate
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "intercommunalite_py"


def test_the_generator_writes_the_committed_data(tmp_path: Path) -> None:
    generate.main(["-o", str(tmp_path)])
    for name in ("communes.csv", "collectes.csv"):
        assert (tmp_path / name).read_bytes() == (EXAMPLE / "data" / name).read_bytes(), name


def test_one_page_and_three_indicators_per_commune_of_the_data() -> None:
    with open(EXAMPLE / "data" / "communes.csv", encoding="utf-8", newline="") as file:
        names = [row["nom_commune"] for row in csv.DictReader(file, delimiter=";")]
    assert len(names) == 9
    result = inspect_blueprint(EXAMPLE / "blueprint.py")
    assert result.ok, [p.format("fr") for p in result.problems]
    assert result.warnings == []
    blueprint = result.blueprint
    assert blueprint is not None
    titles = [page.title for page in blueprint.pages]
    assert titles == ["L'agglomération", *names, "À propos"]
    assert blueprint.pages[names.index("Tourc'h") + 1].slug == "tourc-h"
    per_commune = [i for i in blueprint.indicators if i.startswith("kg_par_habitant_")]
    assert len(per_commune) == len(names)
    streams = [i for i in blueprint.indicators if i.startswith("tonnes_") and "_" not in i[7:]]
    assert {"tonnes_omr", "tonnes_verre", "tonnes_emballages", "tonnes_biodechets"} <= set(streams)


def test_the_blueprint_uses_only_the_public_api() -> None:
    tree = ast.parse((EXAMPLE / "blueprint.py").read_text(encoding="utf-8"))
    modules = {
        alias.name if isinstance(node, ast.Import) else node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    outside_stdlib = {m for m in modules if m and m.split(".")[0] not in sys.stdlib_module_names}
    assert outside_stdlib == {"datacites_proto"}
