"""`include:` — fragments merged into a blueprint, located errors, conflicts, cycles."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from datacites_proto.blueprint import includes
from datacites_proto.blueprint.loader import LoadResult, inspect_blueprint
from datacites_proto.errors import Problem

Write = Callable[[str, str], Path]

MAIN = """\
datacites: 1
service: {{id: test, title: Test}}
include: {include}
datasets:
  shops:
    source: {{type: csv, path: data/shops.csv}}
indicators:
  n_shops: {{label: Commerces, dataset: shops, measure: count(*)}}
pages:
  - title: Accueil
    views: [{{type: kpi, indicator: n_shops}}]
"""
# Line of `n_shops:` in MAIN, and its column.
N_SHOPS_LINE = 8

VACANT = """\
indicators:
  vacant:
    label: Vacants
    dataset: shops
    measure: share(status = 'vacant')
pages:
  - title: Vacance
    views: [{type: kpi, indicator: vacant}]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the working folder, so files display relative to it)."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "shops.csv").write_text(
        "local_id;status;surface\nL1;vacant;10\nL2;occupied;20\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write(project: Path) -> Write:
    def write(name: str, text: str) -> Path:
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def main(write: Write, include: str, extra: str = "") -> Path:
    return write("blueprint.yaml", MAIN.format(include=include) + extra)


def load(path: Path, **kw: object) -> LoadResult:
    return inspect_blueprint(path, **kw)  # type: ignore[arg-type]


def codes(result: LoadResult) -> list[str]:
    return [p.code for p in result.problems]


def only(result: LoadResult) -> Problem:
    assert len(result.problems) == 1, [(p.code, p.file, p.line) for p in result.problems]
    return result.problems[0]


class TestProjectFragments:
    def test_relative_fragment_is_merged(self, write: Write) -> None:
        write("fragments/vacancy.yaml", VACANT)
        result = load(main(write, "[fragments/vacancy.yaml]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert list(result.blueprint.indicators) == ["n_shops", "vacant"]
        assert result.blueprint.include == ["fragments/vacancy.yaml"]

    def test_yml_suffix(self, write: Write) -> None:
        write("vacancy.yml", VACANT)
        result = load(main(write, "[vacancy.yml]"))
        assert result.ok, result.problems

    def test_pages_are_appended_after_the_blueprint_pages(self, write: Write) -> None:
        write("a.yaml", VACANT)
        write(
            "b.yaml",
            """\
            pages:
              - title: Avis
                views: [{type: feedback}]
              - title: Suivi
                access: team
                views: [{type: feedback_summary}]
            """,
        )
        result = load(main(write, "[a.yaml, b.yaml]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        titles = [p.title for p in result.blueprint.pages]
        assert titles == ["Accueil", "Vacance", "Avis", "Suivi"]

    def test_datasets_filters_and_relations_are_merged(self, write: Write) -> None:
        write(
            "data/zones.csv",
            "zone_id;name\nZ1;Centre\n",
        )
        write(
            "geo.yaml",
            """\
            datacites: 1
            datasets:
              zones:
                source: {type: csv, path: data/zones.csv}
                key: zone_id
            relations:
              - shops.local_id -> zones.zone_id
            filters:
              zone: {type: multiselect, column: zones.name}
            """,
        )
        result = load(main(write, "[geo.yaml]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert set(result.blueprint.datasets) == {"shops", "zones"}
        assert [str(r) for r in result.blueprint.relations] == ["shops.local_id -> zones.zone_id"]
        assert list(result.blueprint.filters) == ["zone"]

    def test_same_relation_twice_is_kept_once(self, write: Write) -> None:
        write("data/zones.csv", "zone_id\nZ1\n")
        relation = "shops.local_id -> zones.zone_id"
        write(
            "geo.yaml",
            f"datasets:\n  zones: {{source: {{type: csv, path: data/zones.csv}}}}\n"
            f"relations: ['{relation}']\n",
        )
        result = load(main(write, "[geo.yaml]", extra=f"relations: ['{relation}']\n"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert [str(r) for r in result.blueprint.relations] == [relation]

    def test_missing_fragment(self, write: Write) -> None:
        problem = only(load(main(write, "[fragments/nope.yaml]")))
        assert problem.code == "include_not_found"
        assert problem.file == "blueprint.yaml"
        assert (problem.line, problem.col) == (3, 11)

    def test_bad_entry(self, write: Write) -> None:
        problem = only(load(main(write, "['']")))
        assert problem.code == "include_bad_entry"
        assert problem.line == 3


class TestShippedFragments:
    @pytest.fixture
    def shipped(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        folder = tmp_path / "shipped"
        folder.mkdir()
        (folder / "vacancy.yaml").write_text(VACANT, encoding="utf-8")
        monkeypatch.setattr(includes, "fragments_dir", lambda: folder)
        return folder

    def test_by_name(self, shipped: Path, write: Write) -> None:
        result = load(main(write, "[vacancy]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert "vacant" in result.blueprint.indicators
        assert [p.title for p in result.blueprint.pages] == ["Accueil", "Vacance"]

    def test_a_bare_file_name_is_the_project_file_first_then_the_shipped_fragment(
        self, shipped: Path, write: Write
    ) -> None:
        # `include: [vacancy.yaml]` (BLUEPRINT.md's form): the shipped fragment, by its name.
        result = load(main(write, "[vacancy.yaml]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert "vacant" in result.blueprint.indicators
        # A file of that name beside the blueprint wins: the project's own fragment.
        local = VACANT.replace("vacant:", "vacant_local:").replace(
            "indicator: vacant}", "indicator: vacant_local}"
        )
        write("vacancy.yaml", local)
        result = load(main(write, "[vacancy.yaml]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert "vacant_local" in result.blueprint.indicators
        assert "vacant" not in result.blueprint.indicators

    def test_path_never_retried_among_shipped_fragments(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: Write
    ) -> None:
        # `shipped/../secret.yaml` exists, `project/../secret.yaml` does not: never read.
        deep = tmp_path / "pkg" / "blueprints"
        deep.mkdir(parents=True)
        (tmp_path / "secret.yaml").write_text("indicators:\n  x: {label: top-secret}\n")
        monkeypatch.setattr(includes, "fragments_dir", lambda: deep)
        for name in ("../../secret.yaml", "../../secret"):
            problem = only(load(main(write, f"['{name}']")))
            assert problem.code in ("path_outside_project", "include_not_found")
            assert "top-secret" not in problem.message("en") + (problem.snippet or "")

    @pytest.mark.parametrize("name", ["sub/vacancy", "vacancy.txt", "./vacancy", "vac..ancy"])
    def test_texts_that_are_not_names_never_reach_shipped(
        self, shipped: Path, write: Write, name: str
    ) -> None:
        (shipped / "sub").mkdir()
        (shipped / "sub" / "vacancy.yaml").write_text(VACANT)
        (shipped / "vacancy.txt.yaml").write_text(VACANT)
        (shipped / "vac..ancy.yaml").write_text(VACANT)
        assert not load(main(write, f"['{name}']")).ok

    def test_project_file_wins_over_shipped_fragment(self, shipped: Path, write: Write) -> None:
        write("vacancy.yaml", VACANT.replace("label: Vacants", "label: Locaux vides"))
        result = load(main(write, "[vacancy.yaml]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert result.blueprint.indicators["vacant"].label == "Locaux vides"

    def test_errors_in_a_shipped_fragment_name_its_file(self, shipped: Path, write: Write) -> None:
        (shipped / "broken.yaml").write_text("indicators:\n  x: {label: X, formul: a}\n")
        problems = load(main(write, "[broken]")).problems
        assert problems
        assert all(Path(p.file or "").name == "broken.yaml" for p in problems)
        assert {p.line for p in problems} == {2}

    def test_unknown_name_suggests(self, shipped: Path, write: Write) -> None:
        problem = only(load(main(write, "[vacanccy]")))
        assert problem.code == "include_not_found"
        assert problem.line == 3


class TestNestedIncludes:
    def test_fragment_including_a_fragment(self, write: Write) -> None:
        write("vacancy.yaml", "include: [surface.yaml]\n" + VACANT)
        write(
            "surface.yaml",
            """\
            indicators:
              surface:
                label: Surface
                dataset: shops
                measure: sum(surface)
            """,
        )
        result = load(main(write, "[vacancy.yaml]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert set(result.blueprint.indicators) == {"n_shops", "vacant", "surface"}

    def test_nested_error_is_located_in_the_nested_file(self, write: Write) -> None:
        write("vacancy.yaml", "include: [surface.yaml]\n" + VACANT)
        write("surface.yaml", "indicators:\n  surface:\n    label: S\n    formula: (a +\n")
        problems = load(main(write, "[vacancy.yaml]")).problems
        assert problems
        assert {p.file for p in problems} == {"surface.yaml"}
        assert {p.line for p in problems} == {4}

    def test_two_fragments_share_a_fragment(self, write: Write) -> None:
        write("data/zones.csv", "zone_id\nZ1\n")
        write(
            "common.yaml",
            "datasets:\n  zones: {source: {type: csv, path: data/zones.csv}}\n"
            "relations: ['shops.local_id -> zones.zone_id']\n",
        )
        write("a.yaml", "include: [common.yaml]\n" + VACANT)
        write(
            "b.yaml",
            "include: [common.yaml]\n"
            "indicators:\n  surface: {label: S, dataset: shops, measure: sum(surface)}\n",
        )
        result = load(main(write, "[a.yaml, b.yaml]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert len(result.blueprint.relations) == 1
        assert set(result.blueprint.indicators) == {"n_shops", "vacant", "surface"}


class TestCycles:
    def test_two_fragments_including_each_other(self, write: Write) -> None:
        write("a.yaml", "include: [b.yaml]\n" + VACANT)
        write("b.yaml", "datacites: 1\ninclude: [a.yaml]\n")
        problem = only(load(main(write, "[a.yaml]")))
        assert problem.code == "include_cycle"
        assert problem.file == "b.yaml"
        assert problem.line == 2
        assert problem.params["name"] == "a.yaml"

    def test_fragment_including_itself(self, write: Write) -> None:
        write("a.yaml", "include: [a.yaml]\n" + VACANT)
        problem = only(load(main(write, "[a.yaml]")))
        assert problem.code == "include_cycle"
        assert (problem.file, problem.line) == ("a.yaml", 1)

    def test_fragment_including_the_blueprint(self, write: Write) -> None:
        write("a.yaml", "include: [blueprint.yaml]\n" + VACANT)
        problem = only(load(main(write, "[a.yaml]")))
        assert problem.code == "include_cycle"
        assert (problem.file, problem.line) == ("a.yaml", 1)

    def test_blueprint_including_itself(self, write: Write) -> None:
        problem = only(load(main(write, "[blueprint.yaml]")))
        assert problem.code == "include_cycle"
        assert (problem.file, problem.line) == ("blueprint.yaml", 3)


class TestConflicts:
    def test_same_id_different_content(self, write: Write) -> None:
        write(
            "frag.yaml",
            """\
            datacites: 1
            indicators:
              n_shops: {label: Autre, dataset: shops, measure: count(*)}
            """,
        )
        problem = only(load(main(write, "[frag.yaml]")))
        assert problem.code == "include_conflict"
        assert (problem.file, problem.line, problem.col) == ("frag.yaml", 3, 3)
        assert problem.params["id"] == "n_shops"
        assert problem.params["section"] == "indicators"
        assert problem.params["other"] == f"blueprint.yaml:{N_SHOPS_LINE}:3"
        assert f"blueprint.yaml:{N_SHOPS_LINE}:3" in problem.message("en")

    def test_same_id_identical_content(self, write: Write) -> None:
        write(
            "frag.yaml",
            """\
            indicators:
              n_shops:
                label: Commerces
                dataset: shops
                measure: count(*)
            """,
        )
        result = load(main(write, "[frag.yaml]"))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert list(result.blueprint.indicators) == ["n_shops"]

    def test_conflict_between_two_fragments_names_the_first(self, write: Write) -> None:
        write("a.yaml", VACANT)
        write(
            "b.yaml",
            "# another take\n\nindicators:\n  vacant: {label: V, dataset: shops, measure: count(*)}\n",
        )
        problem = only(load(main(write, "[a.yaml, b.yaml]")))
        assert problem.code == "include_conflict"
        assert (problem.file, problem.line) == ("b.yaml", 4)
        assert problem.params["other"] == "a.yaml:2:3"

    def test_dataset_conflict(self, write: Write) -> None:
        write("frag.yaml", "datasets:\n  shops: {source: {type: csv, path: data/other.csv}}\n")
        problem = only(load(main(write, "[frag.yaml]")))
        assert problem.code == "include_conflict"
        assert problem.params["section"] == "datasets"
        assert (problem.file, problem.line) == ("frag.yaml", 2)
        assert problem.params["other"].startswith("blueprint.yaml:5:")


class TestForbiddenKeys:
    def test_fragment_may_not_define_service(self, write: Write) -> None:
        write("frag.yaml", "indicators: {}\nservice:\n  id: other\n  title: Other\n")
        problem = only(load(main(write, "[frag.yaml]")))
        assert problem.code == "include_forbidden_key"
        assert (problem.file, problem.line, problem.col) == ("frag.yaml", 2, 1)
        assert problem.params["key"] == "service"

    def test_fragment_must_be_a_mapping(self, write: Write) -> None:
        write("frag.yaml", "- just\n- a list\n")
        problem = only(load(main(write, "[frag.yaml]")))
        assert problem.code == "fragment_not_mapping"
        assert problem.file == "frag.yaml"

    def test_yaml_error_in_fragment(self, write: Write) -> None:
        write("frag.yaml", "indicators:\n  a: 1\n  a: 2\n")
        problem = only(load(main(write, "[frag.yaml]")))
        assert problem.code == "yaml_duplicate_key"
        assert (problem.file, problem.line) == ("frag.yaml", 3)


class TestErrorsInFragments:
    def test_typo_key_in_a_fragment_indicator(self, write: Write) -> None:
        write("fragments/vacancy.yaml", VACANT.replace("    label: Vacants", "    labell: Vacants"))
        result = load(main(write, "[fragments/vacancy.yaml]"))
        assert sorted(codes(result)) == ["missing_key", "unknown_key"]
        typo = next(p for p in result.problems if p.code == "unknown_key")
        assert typo.file == str(Path("fragments") / "vacancy.yaml")
        assert (typo.line, typo.col) == (3, 5)
        assert typo.suggestions == ("label",)
        assert typo.loc == ("indicators", "vacant", "labell")
        assert typo.snippet is not None and "labell" in typo.snippet

    def test_error_in_a_fragment_page(self, write: Write) -> None:
        write(
            "frag.yaml",
            "pages:\n  - title: Extra\n    views:\n      - {type: kpii, indicator: x}\n",
        )
        problem = only(load(main(write, "[frag.yaml]")))
        assert problem.code == "unknown_component_type"
        assert (problem.file, problem.line) == ("frag.yaml", 4)
        assert problem.loc[:2] == ("pages", 1)

    def test_check_error_in_a_fragment(self, write: Write) -> None:
        write("frag.yaml", VACANT.replace("dataset: shops", "dataset: shop"))
        problem = only(load(main(write, "[frag.yaml]")))
        assert problem.code == "unknown_dataset"
        assert (problem.file, problem.line) == ("frag.yaml", 4)
        assert problem.suggestions == ("shops",)

    def test_expression_offset_in_a_fragment(self, write: Write) -> None:
        write("frag.yaml", VACANT.replace("share(status = ", "share(statut = "))
        problem = only(load(main(write, "[frag.yaml]")))
        assert problem.code == "unknown_column"
        line = VACANT.splitlines()[4]
        assert (problem.file, problem.line) == ("frag.yaml", 5)
        assert problem.col == line.index("status") + 1

    def test_main_file_errors_keep_main_lines(self, write: Write) -> None:
        write("frag.yaml", VACANT)
        path = main(write, "[frag.yaml]").read_text().replace("count(*)", "count(nope)")
        write("blueprint.yaml", path)
        problem = only(load(Path("blueprint.yaml")))
        assert problem.code == "unknown_column"
        assert (problem.file, problem.line) == ("blueprint.yaml", N_SHOPS_LINE)


class TestOutsideProject:
    def test_parent_folder_refused(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        project = tmp_path / "project"
        (project / "data").mkdir(parents=True)
        (project / "data" / "shops.csv").write_text("local_id;status\nL1;vacant\n")
        (tmp_path / "outside.yaml").write_text(VACANT)
        (project / "blueprint.yaml").write_text(MAIN.format(include="[../outside.yaml]"))
        monkeypatch.chdir(project)
        problem = only(load(project / "blueprint.yaml"))
        assert problem.code == "path_outside_project"
        assert (problem.file, problem.line) == ("blueprint.yaml", 3)

    def test_missing_file_outside_refused(self, write: Write) -> None:
        problem = only(load(main(write, "[../../elsewhere/x.yaml]")))
        assert problem.code == "path_outside_project"

    def test_absolute_path_refused(self, tmp_path: Path, write: Write) -> None:
        outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
        outside.write_text(VACANT)
        try:
            problem = only(load(main(write, f"['{outside}']")))
        finally:
            outside.unlink()
        assert problem.code == "path_outside_project"

    def test_symlink_leaving_the_project_refused(self, tmp_path: Path, write: Write) -> None:
        target = tmp_path.parent / f"{tmp_path.name}-target.yaml"
        target.write_text(VACANT)
        try:
            (tmp_path / "link.yaml").symlink_to(target)
            problem = only(load(main(write, "[link.yaml]")))
        finally:
            target.unlink()
        assert problem.code == "path_outside_project"

    def test_project_dir_may_be_wider(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        project = tmp_path / "project"
        (project / "service" / "data").mkdir(parents=True)
        (project / "service" / "data" / "shops.csv").write_text("local_id;status\nL1;vacant\n")
        (project / "shared.yaml").write_text(VACANT)
        (project / "service" / "blueprint.yaml").write_text(MAIN.format(include="[../shared.yaml]"))
        monkeypatch.chdir(project)
        result = load(project / "service" / "blueprint.yaml", project_dir=project)
        assert result.ok, result.problems
