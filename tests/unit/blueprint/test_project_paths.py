"""`project_files`: the one place a blueprint path becomes files, every match kept inside."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from datacites_proto.blueprint.project_paths import (
    PathRefused,
    is_fragment_name,
    project_file,
    project_files,
    require_project_files,
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """`tmp/project/{data/sub/, data/a.csv, data/b.csv}` and `tmp/outside/secret.csv`."""
    project = tmp_path / "project"
    (project / "data" / "sub").mkdir(parents=True)
    (project / "data" / "a.csv").write_text("a\n")
    (project / "data" / "b.csv").write_text("b\n")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.csv").write_text("secret\n")
    return project


def files(tree: Path, text: str) -> list[str]:
    found = project_files(text, tree, tree)
    assert found.ok, found
    return [p.relative_to(tree.resolve()).as_posix() for p in found.files]


class TestInside:
    def test_direct_file(self, tree: Path) -> None:
        assert files(tree, "data/a.csv") == ["data/a.csv"]

    def test_glob_is_sorted_and_resolved(self, tree: Path) -> None:
        assert files(tree, "data/*.csv") == ["data/a.csv", "data/b.csv"]

    def test_dotdot_staying_inside(self, tree: Path) -> None:
        assert files(tree, "data/su*/../a.csv") == ["data/a.csv"]

    def test_missing_file_is_not_a_refusal(self, tree: Path) -> None:
        found = project_files("data/none.csv", tree, tree)
        assert found.ok and found.state == "missing" and found.files == ()

    def test_directory(self, tree: Path) -> None:
        assert project_files("data/sub", tree, tree).state == "directory"

    def test_symlink_inside_resolves_to_its_target(self, tree: Path) -> None:
        (tree / "data" / "latest.csv").symlink_to(tree / "data" / "b.csv")
        assert files(tree, "data/latest.csv") == ["data/b.csv"]

    def test_wider_project(self, tree: Path) -> None:
        found = project_files("../outside/secret.csv", tree, tree.parent)
        assert found.ok and found.files == ((tree.parent / "outside" / "secret.csv").resolve(),)


class TestOutside:
    @pytest.mark.parametrize(
        "text",
        [
            "/etc/passwd",
            "C:/Windows/win.ini",
            "..\\outside\\secret.csv",
            "~/secret.csv",
            "../outside/secret.csv",
            "data/../../outside/secret.csv",
            "../outside/*.csv",
            "../outside/none-*.csv",  # nothing matches: the fixed part already leaves
        ],
    )
    def test_refused(self, tree: Path, text: str) -> None:
        found = project_files(text, tree, tree)
        assert found.problem == "path_outside_project"
        assert found.files == ()

    def test_dotdot_after_a_wildcard(self, tree: Path) -> None:
        found = project_files("data/su*/../../../outside/secret.csv", tree, tree)
        assert found.problem == "path_match_outside_project"
        assert found.params["match"] == "data/sub/../../../outside/secret.csv"

    def test_one_bad_match_refuses_the_whole_glob(self, tree: Path) -> None:
        (tree / "data" / "c.csv").symlink_to(tree.parent / "outside" / "secret.csv")
        found = project_files("data/*.csv", tree, tree)
        assert found.problem == "path_match_outside_project"
        assert found.params["match"] == "data/c.csv"
        assert found.files == ()

    def test_recursive_glob_through_a_symlinked_folder(self, tree: Path) -> None:
        (tree / "data" / "ext").symlink_to(tree.parent / "outside")
        found = project_files("data/**/*.csv", tree, tree)
        assert found.problem == "path_match_outside_project"

    def test_symlink_loop_is_not_a_crash(self, tree: Path) -> None:
        (tree / "data" / "loop").symlink_to(tree / "data" / "loop")
        found = project_files("data/loop", tree, tree)
        assert found.problem in ("path_outside_project", "path_invalid")

    def test_nul_and_overlong_names_are_invalid(self, tree: Path) -> None:
        assert project_files("data/a\0.csv", tree, tree).problem == "path_invalid"
        assert project_files("x" * 5000, tree, tree).problem == "path_invalid"

    def test_require_raises_with_the_code(self, tree: Path) -> None:
        with pytest.raises(PathRefused) as raised:
            require_project_files("data/su*/../../../outside/secret.csv", tree, tree)
        assert raised.value.code == "path_match_outside_project"
        assert require_project_files("data/a.csv", tree, tree) == [
            (tree / "data" / "a.csv").resolve()
        ]

    def test_no_glob_when_not_allowed(self, tree: Path) -> None:
        # An include or a GeoJSON file names one file: `*` is a character of its name.
        found = project_files("data/*.csv", tree, tree, allow_glob=False)
        assert found.ok and found.state == "missing"


class TestOneFile:
    def test_missing_file_keeps_its_path(self, tree: Path) -> None:
        assert project_file("data/none.geojson", tree, tree) == tree / "data/none.geojson"

    def test_outside_is_refused(self, tree: Path) -> None:
        (tree / "areas.geojson").symlink_to(tree.parent / "outside" / "secret.csv")
        with pytest.raises(PathRefused):
            project_file("areas.geojson", tree, tree)

    def test_map_layer_file_is_refused_at_draw_time(self, tree: Path) -> None:
        from datacites_proto.engine.geo import GeoJsonFileError
        from datacites_proto.views.maps.base import layer_file

        (tree / "areas.geojson").symlink_to(tree.parent / "outside" / "secret.csv")
        ctx = SimpleNamespace(blueprint=SimpleNamespace(base_dir=tree, project_dir=tree))
        with pytest.raises(GeoJsonFileError) as raised:
            layer_file(ctx, "areas.geojson")  # type: ignore[arg-type]
        assert raised.value.code == "path_outside_project"
        assert "sort du dossier du projet" in raised.value.message("fr")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a-propos", True),
        ("indicateurs_2", True),
        ("a-propos.yaml", False),
        ("../a-propos", False),
        ("sub/a-propos", False),
        ("..\\a-propos", False),
        ("..", False),
        ("", False),
        (".hidden", False),
    ],
)
def test_fragment_names(text: str, expected: bool) -> None:
    assert is_fragment_name(text) is expected
