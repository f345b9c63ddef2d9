"""`.py` blueprints: a `blueprint` variable built from the models, or a dict."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from datacites_proto.blueprint.loader import LoadResult, inspect_blueprint, load_blueprint
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.errors import BlueprintError, Problem
from datacites_proto.views.kpi import KpiView

FROM_MODELS = '''\
"""A blueprint written in Python, from model instances, through the public API."""

import datacites_proto as dc

blueprint = dc.Blueprint(
    datacites=1,
    service=dc.ServiceInfo(id="test", title="Test"),
    datasets={"shops": dc.Dataset(source=dc.CsvSource(path="data/shops.csv"))},
    indicators={
        "n_shops": dc.Indicator(label="Commerces", dataset="shops", measure="count(*)"),
        "vacancy": dc.Indicator(
            label="Vacance", dataset="shops", measure="share(status = 'vacant')"
        ),
    },
    pages=[dc.Page(title="Vue d'ensemble", views=[dc.KpiView(indicator="n_shops")])],
)
'''

# The same blueprint from the modules that define the models: still supported.
FROM_DEEP_IMPORTS = """\
from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.blueprint.indicators import Indicator
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.pages import Page
from datacites_proto.blueprint.service import ServiceInfo
from datacites_proto.sources.csv_file import CsvSource
from datacites_proto.views.kpi import KpiView

blueprint = Blueprint(
    datacites=1,
    service=ServiceInfo(id="test", title="Test"),
    datasets={"shops": Dataset(source=CsvSource(path="data/shops.csv"))},
    indicators={"n_shops": Indicator(label="Commerces", dataset="shops", measure="count(*)")},
    pages=[Page(title="Vue d'ensemble", views=[KpiView(indicator="n_shops")])],
)
"""

AS_DICT = """\
blueprint = {
    "datacites": 1,
    "service": {"id": "test", "title": "Test", "lang": "en"},
    "datasets": {"shops": {"source": {"type": "csv", "path": "data/shops.csv"}}},
    "indicators": {"n_shops": {"label": "N", "dataset": "shops", "measure": "count(*)"}},
    "pages": [{"title": "A", "views": [{"type": "kpi", "indicator": "n_shops"}]}],
}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "shops.csv").write_text(
        "local_id;status\nL1;vacant\nL2;occupied\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(project: Path, name: str, text: str) -> Path:
    path = project / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def only(result: LoadResult) -> Problem:
    assert len(result.problems) == 1, [(p.code, p.line, p.loc) for p in result.problems]
    return result.problems[0]


class TestValidPythonBlueprints:
    def test_built_from_model_instances(self, project: Path) -> None:
        path = write(project, "blueprint.py", FROM_MODELS)
        result = inspect_blueprint(path)
        assert result.ok, result.problems
        blueprint = result.blueprint
        assert isinstance(blueprint, Blueprint)
        assert isinstance(blueprint.pages[0].views[0], KpiView)
        assert blueprint.path == path.resolve()
        assert blueprint.base_dir == project.resolve()

    def test_built_from_deep_imports(self, project: Path) -> None:
        result = inspect_blueprint(write(project, "blueprint.py", FROM_DEEP_IMPORTS))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert isinstance(result.blueprint.pages[0].views[0], KpiView)

    def test_load_blueprint_returns_it(self, project: Path) -> None:
        blueprint = load_blueprint(write(project, "blueprint.py", FROM_MODELS))
        assert list(blueprint.indicators) == ["n_shops", "vacancy"]

    def test_exposing_a_dict(self, project: Path) -> None:
        result = inspect_blueprint(write(project, "blueprint.py", AS_DICT))
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert result.blueprint.service.lang == "en"
        assert result.lang == "en"
        assert isinstance(result.blueprint.pages[0].views[0], KpiView)

    def test_dict_with_a_validation_error_reports_the_dotted_path(self, project: Path) -> None:
        path = write(project, "blueprint.py", AS_DICT.replace('"lang": "en"', '"lang": "de"'))
        problem = only(inspect_blueprint(path))
        assert problem.code == "bad_choice"
        assert problem.loc == ("service", "lang")
        assert problem.file == "blueprint.py"
        assert "service.lang" in problem.where()

    def test_runs_as_its_own_module(self, project: Path) -> None:
        text = FROM_MODELS + "\nassert __name__ != '__main__'\n"
        result = inspect_blueprint(write(project, "blueprint.py", text))
        assert result.ok, result.problems


class TestFailingPythonBlueprints:
    def test_raising_reports_the_line_of_the_raise(self, project: Path) -> None:
        path = write(
            project,
            "blueprint.py",
            """\
            import os

            def build():
                raise RuntimeError("le fichier de données manque")

            blueprint = build()
            """,
        )
        problem = only(inspect_blueprint(path))
        assert problem.code == "python_blueprint_failed"
        assert problem.file == "blueprint.py"
        assert problem.line == 4
        assert "RuntimeError" in problem.params["error"]
        assert "le fichier de données manque" in problem.message("fr")

    def test_syntax_error(self, project: Path) -> None:
        path = write(project, "blueprint.py", "x = 1\nblueprint = (\n")
        problem = only(inspect_blueprint(path))
        assert problem.code == "python_blueprint_failed"
        assert "SyntaxError" in problem.params["error"]

    def test_pydantic_error_in_nested_dicts(self, project: Path) -> None:
        path = write(
            project,
            "blueprint.py",
            """\
            from datacites_proto import Blueprint

            blueprint = Blueprint(
                datacites=1,
                service={"id": "Mon Service", "title": "T"},
                pages=[{"title": "A", "views": [{"type": "text", "markdown": "x"}]}],
            )
            """,
        )
        problem = only(inspect_blueprint(path))
        assert problem.code == "bad_service_id"
        assert problem.loc == ("service", "id")
        assert problem.line == 3
        assert problem.file == "blueprint.py"
        assert problem.where() == "blueprint.py:3: service.id"

    def test_pydantic_error_in_a_model_instance(self, project: Path) -> None:
        path = write(
            project,
            "blueprint.py",
            """\
            import datacites_proto as dc
            from datacites_proto import ServiceInfo

            service = dc.ServiceInfo(id="test", title="Test")
            broken = ServiceInfo(id="Mon Service", title="T")
            """,
        )
        problem = only(inspect_blueprint(path))
        assert problem.code == "bad_service_id"
        assert problem.line == 5
        assert problem.loc[-1] == "id"

    def test_unknown_view_type_from_python(self, project: Path) -> None:
        path = write(project, "blueprint.py", AS_DICT.replace('"type": "kpi"', '"type": "kpii"'))
        problem = only(inspect_blueprint(path))
        assert problem.code == "unknown_component_type"
        assert problem.loc == ("pages", 0, "views", 0, "type")
        assert problem.suggestions == ("kpi",)

    def test_no_blueprint_variable(self, project: Path) -> None:
        problem = only(inspect_blueprint(write(project, "blueprint.py", "service = 1\n")))
        assert problem.code == "python_no_blueprint"
        assert problem.file == "blueprint.py"

    def test_blueprint_is_an_int(self, project: Path) -> None:
        problem = only(inspect_blueprint(write(project, "blueprint.py", "blueprint = 42\n")))
        assert problem.code == "python_bad_blueprint"
        assert problem.params["type"] == "int"

    def test_load_blueprint_raises_blueprint_error(self, project: Path) -> None:
        with pytest.raises(BlueprintError) as caught:
            load_blueprint(write(project, "blueprint.py", "blueprint = None\n"))
        assert [p.code for p in caught.value.problems] == ["python_bad_blueprint"]

    def test_system_exit_is_reported_not_raised(self, project: Path) -> None:
        path = write(project, "blueprint.py", "import sys\nsys.exit(3)\n")
        problem = only(inspect_blueprint(path))
        assert problem.code == "python_blueprint_failed"
        assert problem.line == 2


class TestChecksOnPythonBlueprints:
    def test_unknown_dataset_reference(self, project: Path) -> None:
        text = AS_DICT.replace('"dataset": "shops"', '"dataset": "shop"')
        problem = only(inspect_blueprint(write(project, "blueprint.py", text)))
        assert problem.code == "unknown_dataset"
        assert problem.loc == ("indicators", "n_shops", "dataset")
        assert problem.file == "blueprint.py"
        assert "indicators.n_shops.dataset" in problem.where()
        assert problem.suggestions == ("shops",)

    def test_unknown_indicator_reference(self, project: Path) -> None:
        text = AS_DICT.replace('"indicator": "n_shops"', '"indicator": "n_shop"')
        problem = only(inspect_blueprint(write(project, "blueprint.py", text)))
        assert problem.code == "unknown_indicator"
        assert problem.loc == ("pages", 0, "views", 0, "indicator")
        assert "pages[0].views[0].indicator" in problem.where()

    def test_unknown_column_in_a_model_built_blueprint(self, project: Path) -> None:
        text = FROM_MODELS.replace("share(status = 'vacant')", "share(statut = 'vacant')")
        problem = only(inspect_blueprint(write(project, "blueprint.py", text)))
        assert problem.code == "unknown_column"
        assert problem.loc == ("indicators", "vacancy", "measure")
        assert "indicators.vacancy.measure" in problem.where()

    def test_missing_data_file_is_a_warning(self, project: Path) -> None:
        text = AS_DICT.replace("data/shops.csv", "data/missing.csv")
        result = inspect_blueprint(write(project, "blueprint.py", text))
        assert [w.code for w in result.warnings] == ["data_file_missing"]
        assert result.warnings[0].loc == ("datasets", "shops", "source", "path")


class TestImportPath:
    def test_helper_module_beside_the_blueprint_is_importable(self, project: Path) -> None:
        write(project, "dc_helper_titles.py", 'TITLE = "Titre venu du module voisin"\n')
        text = "import dc_helper_titles\n" + FROM_MODELS.replace(
            'title="Test"', "title=dc_helper_titles.TITLE"
        )
        result = inspect_blueprint(write(project, "blueprint.py", text))
        sys.modules.pop("dc_helper_titles", None)
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert result.blueprint.service.title == "Titre venu du module voisin"

    def test_folder_removed_from_sys_path_afterwards(self, project: Path) -> None:
        before = list(sys.path)
        result = inspect_blueprint(write(project, "blueprint.py", FROM_MODELS))
        assert result.ok
        assert sys.path == before
        assert str(project.resolve()) not in sys.path

    def test_folder_removed_even_when_the_blueprint_fails(self, project: Path) -> None:
        before = list(sys.path)
        inspect_blueprint(write(project, "blueprint.py", "raise ValueError('x')\n"))
        inspect_blueprint(write(project, "blueprint.py", "blueprint = 'nope'\n"))
        assert sys.path == before

    def test_folder_is_on_sys_path_during_execution(self, project: Path) -> None:
        text = (
            "import sys\nfrom pathlib import Path\n"
            "assert sys.path[0] == str(Path(__file__).resolve().parent), sys.path[:2]\n"
            + FROM_MODELS
        )
        result = inspect_blueprint(write(project, "blueprint.py", text))
        assert result.ok, result.problems

    def test_blueprint_that_edits_sys_path_does_not_break_cleanup(self, project: Path) -> None:
        before = list(sys.path)
        text = "import sys\nsys.path.insert(0, '/nonexistent-datacites')\n" + FROM_MODELS
        result = inspect_blueprint(write(project, "blueprint.py", text))
        assert result.ok, result.problems
        assert str(project.resolve()) not in sys.path
        sys.path[:] = before
