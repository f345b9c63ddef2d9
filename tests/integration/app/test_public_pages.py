"""What public pages give away: no restricted dataset named, no server path, no traceback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from datacites_proto import inspect_blueprint
from datacites_proto.errors import DataCitesError
from datacites_proto.views.kpi import KpiView
from tests.conftest import REPO
from tests.integration.app.test_app_core import BLUEPRINT, write_project
from tests.support.apptest import app_for, open_page, open_see_data, see_data_expanders, texts

SECRET_ID = "adresses_reservees"  # the restricted `logements`, under an id no sentence uses
SECRET_TITLE = "DPE à l'adresse (conseillers)"


def everything(at: AppTest) -> str:
    """Every element the page sends (text, labels, tables, chart and map specs), as text."""

    def walk(node: Any) -> Iterator[Any]:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    protos = "\n".join(str(getattr(n, "proto", "")) for n in walk(at._tree))
    return protos.replace("\\'", "'") + "\n" + texts(at)  # protobuf's text escapes quotes


@pytest.fixture
def passoires(tmp_path: Path) -> Path:
    folder = tmp_path / "passoires"
    shutil.copytree(
        REPO / "examples" / "passoires_thermiques",
        folder,
        ignore=shutil.ignore_patterns(".datacites"),
    )
    blueprint = folder / "blueprint.yaml"
    text = blueprint.read_text(encoding="utf-8")
    for old, new in [
        ("\n  logements:\n", f"\n  {SECRET_ID}:\n"),
        ("logements.numero_dpe", f"{SECRET_ID}.numero_dpe"),
        ("dataset: logements", f"dataset: {SECRET_ID}"),
    ]:
        assert old in text
        text = text.replace(old, new)
    blueprint.write_text(text, encoding="utf-8")
    return blueprint


def test_restricted_dataset_is_never_named_on_public_pages(passoires: Path) -> None:
    blueprint = inspect_blueprint(passoires).blueprint
    assert blueprint is not None
    assert blueprint.datasets[SECRET_ID].governance.access == "restricted"
    public = [p.url_slug for p in blueprint.pages if p.access == "public"]
    assert len(public) >= 5
    for slug in public:
        at = open_page(app_for(passoires), slug).run()
        assert not at.exception, slug
        if see_data_expanders(at):
            open_see_data(at)
        shown = everything(at)
        assert "Diagnostics de performance énergétique (sans adresse)" in shown, slug  # footer
        for secret in (SECRET_ID, SECRET_TITLE, "dpe_logements", "conseillers France Rénov'"):
            assert secret not in shown, (slug, secret)


def test_the_team_reads_the_restricted_dataset_in_the_footer(passoires: Path) -> None:
    script = passoires.parent / "team_app.py"
    script.write_text(
        f"from datacites_proto.app.main import run\nrun({str(passoires)!r}, audience='team')\n"
    )
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    assert f"{SECRET_TITLE} · ADEME (Observatoire DPE)" in texts(at)


# --- error panels ---------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "essai")


@pytest.fixture
def built_service() -> Iterator[None]:
    """Streamlit set as `datacites build` sets it: no error details for visitors."""
    before = st.get_option("client.showErrorDetails")
    st.config.set_option("client.showErrorDetails", "none")
    yield
    st.config.set_option("client.showErrorDetails", before)


def broken_data(project: Path) -> None:
    csv = project.parent / "data" / "measures.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].rsplit(";", 1)[0] + ";beaucoup"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_blueprint_problems_name_no_server_path(project: Path) -> None:
    project.write_text(
        BLUEPRINT.replace("measure: sum(count)", "measure: summ(count)"), encoding="utf-8"
    )
    at = app_for(project).run()
    shown = everything(at)
    assert "`blueprint.yaml:26:59`" in texts(at)  # relative to the service's folder
    assert str(project.parent) not in shown
    assert "Traceback" not in shown


def test_built_service_visitors_read_one_sentence_not_the_data(
    project: Path, built_service: None
) -> None:
    broken_data(project)
    at = app_for(project).run()
    assert not at.exception
    shown = everything(at)
    assert "Ce service ne peut pas s'afficher pour le moment" in shown
    for detail in ("measures.csv", "beaucoup", str(project.parent), "Traceback"):
        assert detail not in shown, detail


def test_built_service_blueprint_problems_in_english(project: Path, built_service: None) -> None:
    text = BLUEPRINT.replace("title: Essai de l'application", "title: Test\n  lang: en")
    project.write_text(text.replace("sum(count)", "summ(count)"), encoding="utf-8")
    at = app_for(project).run()
    shown = everything(at)
    assert "This service cannot be shown at the moment" in shown
    assert "summ" not in shown and "blueprint.yaml" not in shown


def test_a_failing_source_names_no_server_path_to_visitors(
    project: Path, built_service: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = f"{project.parent}/data/secret.csv: https://user:token@example.org/x"

    def failing(self: Any, ctx: Any, index: int) -> None:
        raise DataCitesError(secret)

    monkeypatch.setattr(KpiView, "render", failing)
    at = app_for(project).run()
    assert not at.exception
    shown = everything(at)
    assert "token" not in shown and str(project.parent) not in shown
    assert [t.value for t in at.title] == ["Accueil"]  # the rest of the page is there
