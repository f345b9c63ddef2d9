"""The `gbfs` source: GBFS files become typed tables the engine queries; a malformed file
gives a located error, never a traceback; the source is ≤ 40 lines of the public API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from datacites_velos import gbfs

import datacites_proto as dc

INFORMATION = "data/station_information.json"
STATUS = "data/station_status.json"


def problems_of(service_dir: Path, dataset: str = "disponibilites") -> list[dc.Problem]:
    """The problems of loading `dataset` (the engine loads a dataset when first asked)."""
    blueprint = dc.load_blueprint(service_dir / "blueprint.yaml")
    with (
        pytest.raises(dc.DataError) as raised,
        dc.Service.from_blueprint(blueprint, in_memory=True) as service,
    ):
        service.rows(dataset, limit=1)
    return list(raised.value.problems)


def test_the_engine_reads_both_files_and_joins_them(service_dir: Path) -> None:
    import json

    status = json.loads((service_dir / STATUS).read_text(encoding="utf-8"))["data"]["stations"]
    blueprint = dc.load_blueprint(service_dir / "blueprint.yaml")
    with dc.Service.from_blueprint(blueprint, in_memory=True) as service:
        assert service.compute("velos")["velos"].iloc[0] == sum(
            s["num_bikes_available"] for s in status
        )
        assert service.table("stations").columns == {
            "station_id": "string",
            "name": "string",
            "lat": "number",
            "lon": "number",
            "capacity": "integer",
        }
        # Undeclared keys are detected (GBFS booleans and timestamps).
        assert service.table("disponibilites").columns["is_renting"] == "boolean"
        rows = service.rows("stations", ["name", "disponibilites.num_bikes_available"], limit=100)
    assert len(rows) == len(status) == 25
    by_name = dict(zip(rows["name"], rows["disponibilites.num_bikes_available"], strict=True))
    assert by_name["Gare SNCF"] == status[0]["num_bikes_available"]


def test_a_json_syntax_error_is_located_at_its_line(service_dir: Path) -> None:
    path = service_dir / STATUS
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines, 1) if '"num_bikes_available"' in text)
    lines[number - 1] = lines[number - 1].rstrip(",")  # a comma forgotten
    path.write_text("\n".join(lines), encoding="utf-8")
    (problem,) = problems_of(service_dir)
    assert problem.code == "data_unreadable"
    assert (problem.file, problem.line) == (STATUS, number + 1)  # where JSON notices it
    assert problem.loc == ("datasets", "disponibilites", "source")
    assert "Expecting ',' delimiter" in problem.message("fr")


def test_a_file_that_is_not_gbfs_is_said_so_in_both_languages(service_dir: Path) -> None:
    (service_dir / INFORMATION).write_text('{"data": {"bikes": []}}', encoding="utf-8")
    (problem,) = problems_of(service_dir, "stations")
    assert problem.code == "velos_not_gbfs"
    assert problem.file == INFORMATION
    assert problem.message("fr") == f"« {INFORMATION} » n'est pas un fichier GBFS de stations."
    assert problem.message("en") == f"'{INFORMATION}' is not a GBFS file of stations."


def test_a_wrong_value_names_its_column_and_station(service_dir: Path) -> None:
    path = service_dir / STATUS
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('"num_bikes_available": 9,', '"num_bikes_available": "neuf",', 1),
        encoding="utf-8",
    )
    (problem,) = problems_of(service_dir)
    assert problem.loc[:4] == ("datasets", "disponibilites", "columns", "num_bikes_available")
    assert "« neuf » à l'enregistrement n° 2" in problem.message("fr")
    assert "'neuf' in row 2" in problem.message("en")


def test_a_missing_file_is_a_located_error(service_dir: Path) -> None:
    (service_dir / STATUS).unlink()
    assert [p.code for p in problems_of(service_dir)] == ["file_missing"]


def test_the_source_is_40_lines_of_the_public_api() -> None:
    text = Path(gbfs.__file__).read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 40
    imports = [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.ImportFrom | ast.Import)]
    ours = [
        n
        for n in imports
        if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("datacites")
    ]
    assert [n.module for n in ours] == ["datacites_proto"]
    assert {a.name for n in ours for a in n.names} <= set(dc.__all__)
    others = {a.name for n in imports if n not in ours for a in n.names} | {
        n.module for n in imports if isinstance(n, ast.ImportFrom) and n not in ours
    }
    assert others <= {"json", "typing", "ClassVar", "Literal"}
