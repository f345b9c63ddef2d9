"""The wheel ships what a user needs: templates, fragments, the schema, the entry points."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from datacites_proto.resources import fragment_names, fragments_dir, schema_path, templates_dir
from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [path] = out.glob("datacites_proto-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_ships_templates_fragments_and_schema(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "datacites_proto/schema/blueprint.schema.json" in names
    assert "datacites_proto/schema/blueprint.schema.en.json" in names
    assert "datacites_proto/service_templates/README.md" in names
    for fragment in (REPO / "blueprints").glob("*.yaml"):
        assert f"datacites_proto/blueprints/{fragment.name}" in names
    questionnaires = list((REPO / "blueprints" / "questionnaires").glob("*.yaml"))
    assert len(questionnaires) >= 2
    for questionnaire in questionnaires:
        assert f"datacites_proto/blueprints/questionnaires/{questionnaire.name}" in names
    assert not any(n.startswith("tests/") for n in names)
    # Every file of every service template, dot files and data included.
    for path in (REPO / "service_templates").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(REPO).as_posix()
            assert f"datacites_proto/{relative}" in names


def test_wheel_declares_every_builtin_entry_point(wheel: zipfile.ZipFile) -> None:
    [entry_points] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode()
    for group in (
        "[datacites.sources]",
        "[datacites.views]",
        "[datacites.layers]",
        "[console_scripts]",
    ):
        assert group in text
    assert "csv = datacites_proto.sources.csv_file:CsvSource" in text


def test_resources_are_found_from_a_checkout() -> None:
    assert templates_dir() == REPO / "service_templates"
    assert fragments_dir() == REPO / "blueprints"
    assert schema_path().is_file() and schema_path("en").is_file()
    assert {"a-propos", "votre-avis"} <= set(fragment_names())
