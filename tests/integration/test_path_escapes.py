"""No path of a blueprint leaves the project: globs, `..` after a wildcard, symlinks matched by
a glob, includes, built copies — refused at validation AND when loading (issue 11)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.cli.main import main
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.service import Service
from datacites_proto.i18n import translate

SECRET = "local_id|status\nSECRET-1|top-secret-line\n"

BLUEPRINT = """\
datacites: 1
service: {{id: test, title: Test}}
datasets:
  shops:
    source: {{type: csv, path: "{path}", sep: "|"}}
indicators:
  n_shops: {{label: Commerces, dataset: shops, measure: count(*)}}
pages:
  - title: Accueil
    views: [{{type: kpi, indicator: n_shops}}]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`tmp/project` with `data/sub/` and a legit CSV; `tmp/outside/secret.csv` beside it."""
    root = tmp_path / "project"
    (root / "data" / "sub").mkdir(parents=True)
    (root / "data" / "shops.csv").write_text("local_id|status\nL1|vacant\n", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.csv").write_text(SECRET, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def write_blueprint(project: Path, path: str) -> Path:
    target = project / "blueprint.yaml"
    target.write_text(BLUEPRINT.format(path=path), encoding="utf-8")
    return target


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out + err


def rows_of(blueprint_path: Path) -> object:
    """Load the dataset without validation first: the run-time check must refuse on its own."""
    loaded = inspect_blueprint(blueprint_path, check=False)
    assert loaded.blueprint is not None, loaded.problems
    with Service.from_blueprint(loaded.blueprint, in_memory=True) as service:
        return service.rows("shops", audience="team")


DOTDOT_GLOB = "data/su*/../../../outside/secret.csv"


class TestGlobWithDotDot:
    def test_validation_refuses_it(self, project: Path) -> None:
        result = inspect_blueprint(write_blueprint(project, DOTDOT_GLOB))
        assert [p.code for p in result.problems] == ["path_match_outside_project"]
        problem = result.problems[0]
        assert (problem.file, problem.line) == ("blueprint.yaml", 5)
        fr, en = problem.message("fr"), problem.message("en")
        assert "hors du dossier du projet" in fr and DOTDOT_GLOB in fr
        assert "outside the project folder" in en and "data/sub/../../../outside" in en

    def test_validate_data_exits_1_without_reading_it(
        self, project: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = write_blueprint(project, DOTDOT_GLOB)
        code, out = run_main(["--lang", "en", "validate", "--data", str(path)], capsys)
        assert code == 1
        assert "outside the project folder" in out
        assert "top-secret-line" not in out

    def test_loading_refuses_it_too(self, project: Path) -> None:
        with pytest.raises(DataError) as info:
            rows_of(write_blueprint(project, DOTDOT_GLOB))
        assert [p.code for p in info.value.problems] == ["path_match_outside_project"]
        assert "top-secret-line" not in info.value.render("en")

    def test_dotdot_that_stays_inside_is_fine(self, project: Path) -> None:
        result = inspect_blueprint(write_blueprint(project, "data/su*/../shops.csv"))
        assert result.ok, result.problems
        frame = rows_of(project / "blueprint.yaml")
        assert frame["local_id"].tolist() == ["L1"]  # type: ignore[index]


class TestGlobMatchingASymlink:
    @pytest.fixture
    def link(self, project: Path) -> Path:
        link = project / "data" / "leak.csv"
        link.symlink_to(project.parent / "outside" / "secret.csv")
        return link

    def test_named_directly_is_refused(self, project: Path, link: Path) -> None:
        result = inspect_blueprint(write_blueprint(project, "data/leak.csv"))
        assert [p.code for p in result.problems] == ["path_outside_project"]

    def test_matched_by_a_glob_is_refused(self, project: Path, link: Path) -> None:
        result = inspect_blueprint(write_blueprint(project, "data/l*.csv"))
        assert [p.code for p in result.problems] == ["path_match_outside_project"]
        assert result.problems[0].params["match"] == "data/leak.csv"

    def test_loading_refuses_it_too(self, project: Path, link: Path) -> None:
        with pytest.raises(DataError) as info:
            rows_of(write_blueprint(project, "data/l*.csv"))
        assert info.value.problems[0].code == "path_match_outside_project"

    def test_symlink_inside_the_project_is_fine(self, project: Path) -> None:
        (project / "data" / "latest.csv").symlink_to(project / "data" / "shops.csv")
        result = inspect_blueprint(write_blueprint(project, "data/la*.csv"))
        assert result.ok, result.problems
        frame = rows_of(project / "blueprint.yaml")
        assert frame["local_id"].tolist() == ["L1"]  # type: ignore[index]


class TestIncludeOutside:
    SECRET_YAML = "indicators:\n  leaked: {label: top-secret-line, formul: x}\n"

    @pytest.fixture(autouse=True)
    def shipped(self, project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        """The shipped fragments two levels below `outside/`'s parent, as in a checkout."""
        from datacites_proto.blueprint import includes

        folder = project.parent / "pkg" / "blueprints"
        folder.mkdir(parents=True)
        monkeypatch.setattr(includes, "fragments_dir", lambda: folder)
        return folder

    def include(self, project: Path, name: str) -> Path:
        text = BLUEPRINT.format(path="data/shops.csv").replace(
            "datasets:", f"include: [{name!r}]\ndatasets:", 1
        )
        target = project / "blueprint.yaml"
        target.write_text(text, encoding="utf-8")
        return target

    @pytest.mark.parametrize("name", ["../../outside/secret.yaml", "../outside/secret.yaml"])
    def test_is_refused_and_never_read(
        self, project: Path, name: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (project.parent / "outside" / "secret.yaml").write_text(self.SECRET_YAML)
        result = inspect_blueprint(self.include(project, name))
        assert [p.code for p in result.problems] == ["path_outside_project"]
        assert result.problems[0].line == 3
        code, out = run_main(["validate", str(project / "blueprint.yaml")], capsys)
        assert code == 1
        assert "top-secret-line" not in out

    def test_valid_fragment_outside_is_not_merged(self, project: Path) -> None:
        fragment = "indicators:\n  leaked: {label: X, dataset: shops, measure: count(*)}\n"
        (project.parent / "outside" / "ok.yaml").write_text(fragment)
        result = inspect_blueprint(self.include(project, "../../outside/ok.yaml"))
        assert not result.ok
        assert [p.code for p in result.problems] == ["path_outside_project"]


class TestBuildCopiesNothingOutside:
    def test_glob_match_outside_is_not_copied(self, project: Path) -> None:
        from datacites_proto.cli.build import collect_files

        (project / "data" / "leak.csv").symlink_to(project.parent / "outside" / "secret.csv")
        write_blueprint(project, "data/*.csv")
        loaded = inspect_blueprint(project / "blueprint.yaml", check=False)
        found = collect_files(loaded)
        copied = [path.resolve() for path in found.files.values()]
        assert (project.parent / "outside" / "secret.csv").resolve() not in copied


def test_messages_exist_in_both_languages() -> None:
    params = {"path": "data/l*.csv", "match": "data/leak.csv"}
    fr = translate("path_match_outside_project", "fr", **params)
    en = translate("path_match_outside_project", "en", **params)
    assert "data/leak.csv" in fr and "data/leak.csv" in en
    assert fr != en


@pytest.mark.parametrize(
    "text",
    [
        "/etc/passwd",
        "C:/Windows/win.ini",
        "..\\\\..\\\\secret.csv",  # backslashes: YAML unescapes them once
        "~/secret.csv",
        "data/../../outside/secret.csv",
        "data/**/../../../outside/*.csv",
    ],
)
def test_other_escaping_forms_are_refused(project: Path, text: str) -> None:
    result = inspect_blueprint(write_blueprint(project, text))
    codes = [p.code for p in result.problems]
    assert codes and set(codes) <= {"path_outside_project", "path_match_outside_project"}, codes


def test_agreement_symlinked_outside_is_refused(project: Path) -> None:
    (project.parent / "outside" / "agreement.yaml").write_text("datasets: [shops]\n")
    (project / "agreement.yaml").symlink_to(project.parent / "outside" / "agreement.yaml")
    text = BLUEPRINT.format(path="data/shops.csv").replace(
        '    source: {type: csv, path: "data/shops.csv", sep: "|"}\n',
        '    source: {type: csv, path: "data/shops.csv", sep: "|"}\n'
        "    governance: {agreement: agreem*.yaml}\n",
    )
    target = project / "blueprint.yaml"
    target.write_text(textwrap.dedent(text), encoding="utf-8")
    codes = [p.code for p in inspect_blueprint(target).problems]
    assert "path_match_outside_project" in codes


class TestSqliteFileOutside:
    SQL = """\
datacites: 1
service: {{id: test, title: Test}}
datasets:
  shops:
    source: {{type: sql, url: "{url}", table: shops}}
indicators:
  n_shops: {{label: Commerces, dataset: shops, measure: count(*)}}
pages:
  - title: Accueil
    views: [{{type: kpi, indicator: n_shops}}]
"""

    @pytest.fixture
    def database(self, project: Path) -> Path:
        import sqlite3

        path = project.parent / "outside" / "db.sqlite"
        with sqlite3.connect(path) as con:
            con.execute("CREATE TABLE shops (local_id TEXT, status TEXT)")
            con.execute("INSERT INTO shops VALUES ('SECRET-1', 'top-secret-line')")
        return path

    def service(self, project: Path, url: str) -> Service:
        target = project / "blueprint.yaml"
        target.write_text(self.SQL.format(url=url), encoding="utf-8")
        loaded = inspect_blueprint(target, check=False)
        assert loaded.blueprint is not None, loaded.problems
        return Service.from_blueprint(loaded.blueprint, in_memory=True)

    def test_written_path_outside_is_refused_at_run_time(
        self, project: Path, database: Path
    ) -> None:
        from datacites_proto.engine.query_errors import QueryError

        url = "sqlite:///../outside/db.sqlite"
        with self.service(project, url) as service, pytest.raises(QueryError) as raised:
            service.rows("shops", audience="team")
        assert raised.value.code == "path_outside_project"
        assert [p.code for p in inspect_blueprint(project / "blueprint.yaml").problems] == [
            "path_outside_project"
        ]

    def test_a_path_from_the_environment_is_the_operators_choice(
        self, project: Path, database: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("SHOPS_DB", str(database))
        with self.service(project, "sqlite:///${SHOPS_DB}") as service:
            assert service.rows("shops", audience="team")["local_id"].tolist() == ["SECRET-1"]
