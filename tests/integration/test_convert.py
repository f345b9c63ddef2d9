"""`datacites convert`: YAML → Python → YAML gives the same models, for every example."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from ruff.__main__ import find_ruff_bin

from datacites_proto.blueprint.loader import BLUEPRINT_NAMES, inspect_blueprint
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.schema import build_schema
from datacites_proto.cli import convert as convert_module
from datacites_proto.cli.main import main
from datacites_proto.registry import default_registry
from tests.conftest import REPO
from tests.integration.test_schema_and_reference import YamlAsEditorsReadIt

EXAMPLES = sorted(
    p.parent.name for name in BLUEPRINT_NAMES for p in (REPO / "examples").glob(f"*/{name}")
)
COMPARED_OUT = {"include"}  # fragments are inlined: a Python blueprint has no `include`


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in this process: its exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def loaded(path: Path) -> Blueprint:
    result = inspect_blueprint(path)
    assert result.ok, [p.format("fr") for p in result.problems]
    assert result.blueprint is not None
    return result.blueprint


def models(blueprint: Blueprint) -> dict[str, object]:
    return blueprint.model_dump(exclude=COMPARED_OUT)


def copy_example(name: str, tmp_path: Path) -> Path:
    folder = tmp_path / name
    shutil.copytree(REPO / "examples" / name, folder, ignore=shutil.ignore_patterns(".datacites"))
    return folder


def blueprint_in(folder: Path) -> Path:
    return next(folder / n for n in BLUEPRINT_NAMES if (folder / n).is_file())


def ruff(*args: str, text: str) -> subprocess.CompletedProcess[str]:
    command = [find_ruff_bin(), *args, "--isolated", "--stdin-filename", "blueprint.py", "-"]
    return subprocess.run(command, input=text, capture_output=True, text=True)


def test_the_examples_are_found() -> None:
    assert {"coeur_de_ville", "passoires_thermiques", "recharge", "intercommunalite_py"} <= set(
        EXAMPLES
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_round_trips(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(name, tmp_path)
    original = blueprint_in(folder)
    there = folder / ("converted.yaml" if original.suffix == ".py" else "converted.py")
    back = folder / ("back.py" if original.suffix == ".py" else "back.yaml")

    code, _, err = run_main(["convert", str(original), "-o", str(there)], capsys)
    assert code == 0, err
    code, _, err = run_main(["convert", str(there), "-o", str(back)], capsys)
    assert code == 0, err

    first = loaded(original)
    assert models(loaded(there)) == models(first)
    assert models(loaded(back)) == models(first)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_python_written_is_formatted_and_imports_only_the_package(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(name, tmp_path)
    original = blueprint_in(folder)
    if original.suffix == ".py":  # a Python example: its YAML form gives the Python to test
        run_main(["convert", str(original), "-o", str(folder / "b.yaml")], capsys)
        original = folder / "b.yaml"
    code, source, err = run_main(["convert", str(original)], capsys)
    assert code == 0, err

    assert ruff("format", "--check", text=source).returncode == 0, ruff(
        "format", "--diff", text=source
    ).stdout
    # Long texts stay whole on their line (as ruff format leaves them): E501 is not checked.
    linted = ruff("check", "--select", "E,F,W,I,B,UP", "--ignore", "E501", text=source)
    assert linted.returncode == 0, linted.stdout
    tree = ast.parse(source)
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert imported == ["datacites_proto"]


def test_without_output_it_prints_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example("recharge", tmp_path)
    before = sorted(p.name for p in folder.iterdir())
    code, out, _ = run_main(["convert", str(folder)], capsys)
    assert code == 0
    assert out.startswith('"""Recharger et se garer')
    assert "blueprint = dc.Blueprint(" in out
    assert sorted(p.name for p in folder.iterdir()) == before


def test_included_fragments_are_inlined_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example("recharge", tmp_path)
    code, out, err = run_main(["--lang", "en", "convert", str(folder)], capsys)
    assert code == 0
    assert "included fragments (a-propos, votre-avis)" in err
    assert "include=" not in out
    # The pages of the `votre-avis` fragment are in the Python written.
    assert "dc.FeedbackView(" in out


class TestRefusals:
    def test_an_existing_output_is_kept_without_force(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = copy_example("recharge", tmp_path)
        target = folder / "blueprint.py"
        target.write_text("# mine\n", encoding="utf-8")
        code, _, err = run_main(
            ["convert", str(folder / "blueprint.yaml"), "-o", str(target)], capsys
        )
        assert code == 1
        assert "existe déjà" in err and "--force" in err
        assert target.read_text(encoding="utf-8") == "# mine\n"

        code, _, err = run_main(
            ["convert", str(folder / "blueprint.yaml"), "-o", str(target), "--force"], capsys
        )
        assert code == 0, err
        assert "import datacites_proto as dc" in target.read_text(encoding="utf-8")

    def test_the_output_must_be_the_other_language(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = copy_example("recharge", tmp_path)
        code, _, err = run_main(
            ["--lang", "en", "convert", str(folder), "-o", str(folder / "copy.yaml")], capsys
        )
        assert code == 1
        assert "a YAML (.yaml) blueprint converts to a Python (.py) file" in err
        assert not (folder / "copy.yaml").exists()

    def test_the_output_cannot_be_the_source(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = tmp_path / "p"
        folder.mkdir()
        (folder / "blueprint.py").write_text("blueprint = 1\n", encoding="utf-8")
        source = folder / "blueprint.yaml"
        shutil.copy(REPO / "examples" / "recharge" / "blueprint.yaml", source)
        # The blueprint names its agreement file: the copy needs it to be valid.
        shutil.copytree(REPO / "examples" / "recharge" / "agreements", folder / "agreements")
        code, _, err = run_main(["convert", str(source), "-o", str(source)], capsys)
        assert code == 1
        assert "le fichier à convertir lui-même" in err

    def test_an_unknown_suffix(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "blueprint.json"
        path.write_text("{}", encoding="utf-8")
        code, _, err = run_main(["--lang", "en", "convert", str(path)], capsys)
        assert code == 1
        assert "neither a YAML blueprint" in err

    def test_an_invalid_blueprint_reports_its_problems_and_writes_nothing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "blueprint.yaml"
        path.write_text(
            "datacites: 1\nservice: {id: Mauvais Id, title: T}\npages: [{title: A, views: []}]\n",
            encoding="utf-8",
        )
        code, out, err = run_main(["convert", str(path), "-o", str(tmp_path / "b.py")], capsys)
        assert code == 1
        assert f"{path.name}:2:" in err
        assert "Identifiant de service" in err
        assert out == ""
        assert not (tmp_path / "b.py").exists()

    def test_an_unfaithful_conversion_writes_nothing(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        # A writer that loses a page must be caught before the file is written.
        real = convert_module.blueprint_source

        def lossy(blueprint: Blueprint, origin: str | None = None) -> str:
            return real(blueprint.model_copy(update={"pages": blueprint.pages[:1]}), origin)

        monkeypatch.setattr(convert_module, "blueprint_source", lossy)
        folder = copy_example("recharge", tmp_path)
        code, _, err = run_main(
            ["--lang", "en", "convert", str(folder), "-o", str(folder / "b.py")], capsys
        )
        assert code == 1
        assert "does not give the same blueprint back (pages)" in err
        assert not (folder / "b.py").exists()


def test_an_output_in_another_folder_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example("recharge", tmp_path)
    other = tmp_path / "elsewhere" / "blueprint.py"
    code, _, err = run_main(["convert", str(folder), "-o", str(other)], capsys)
    assert code == 0
    assert "dans un autre dossier" in err
    assert other.is_file()


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_yaml_written_satisfies_the_json_schema(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # What editors check a blueprint with: the YAML a conversion writes must pass it too.
    folder = copy_example(name, tmp_path)
    source = blueprint_in(folder)
    if source.suffix != ".py":
        run_main(["convert", str(source), "-o", str(folder / "b.py")], capsys)
        source = folder / "b.py"
    code, text, err = run_main(["convert", str(source)], capsys)
    assert code == 0, err
    schema = build_schema(default_registry(), "fr")
    data = yaml.load(text, Loader=YamlAsEditorsReadIt)
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in jsonschema.Draft202012Validator(schema).iter_errors(data)
    ]
    assert errors == []
