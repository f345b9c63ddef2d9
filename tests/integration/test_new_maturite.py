"""`datacites new --template maturite`: a self-assessment service whose own check passes, whose
results page compares with the fictitious sample peers from day one, and whose public
results page (commented out) validates once opened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto import load_blueprint
from datacites_proto.blueprint.clock import today
from datacites_proto.engine.assessment.export import read_peers
from datacites_proto.store import STORE_ENV
from tests.support.apptest import open_page, texts

DATACITES = str(Path(sys.executable).parent / "datacites")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("maturite") / "ma-maturite"
    created = subprocess.run(
        [DATACITES, "new", str(folder), "--template", "maturite", "--no-input"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    return folder


def test_generated_project_passes_datacites_test(project: Path) -> None:
    tested = subprocess.run(
        [DATACITES, "test", str(project)], capture_output=True, text=True, timeout=300
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "Auto-évaluation" in tested.stdout and "Résultats" in tested.stdout


def test_the_blueprint_names_the_collectivite_and_the_questionnaire(project: Path) -> None:
    bp = load_blueprint(project / "blueprint.yaml")
    territory = bp.service.territory
    assert territory is not None
    assert (territory.insee, territory.population, territory.status) == ("29233", 12000, "commune")
    views = {p.url_slug: p.views[0] for p in bp.pages}
    assert views["auto-evaluation"].type == "assessment"
    results = views["resultats"]
    assert results.type == "assessment_results"
    assert results.questionnaire == "maturite-numerique"  # type: ignore[union-attr]
    assert {p.url_slug: p.access for p in bp.pages}["resultats"] == "team"


def test_sample_peers_are_fictitious_and_fill_the_template_cell(project: Path) -> None:
    peers = read_peers(project / "data" / "pairs_exemple.csv")
    assert len({p.collectivite for p in peers}) == 30
    assert all(p.collectivite.startswith("FICT") and "fictives" in p.name for p in peers)
    assert {p.status for p in peers} == {"commune", "epci"}
    assert len({p.band for p in peers}) == 5
    this_year = today().year  # Paris time, as `datacites new` reads it
    assert {p.year for p in peers} == {this_year - 1, this_year}


def test_the_sample_is_dated_from_the_day_the_project_is_made(tmp_path: Path) -> None:
    folder = tmp_path / "en-2031"
    subprocess.run(
        [DATACITES, "new", str(folder), "--template", "maturite", "--no-input"],
        check=True,
        capture_output=True,
        env={**os.environ, "DATACITES_TODAY": "2031-03-02"},
    )
    peers = read_peers(folder / "data" / "pairs_exemple.csv")
    assert {p.year for p in peers} == {2030, 2031}


def test_results_page_compares_with_sample_peers_on_day_one(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Today's date, whatever the year: the sample's editions are dated when the project
    # is made (this year and the last), so that day one has peers in any year.
    monkeypatch.setenv(STORE_ENV, f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.delenv("DATACITES_TODAY", raising=False)
    script = tmp_path / "team_app.py"
    script.write_text(
        "from datacites_proto.app.main import run\n"
        f"run({str(project / 'blueprint.yaml')!r}, audience='team')\n",
        encoding="utf-8",
    )
    at = AppTest.from_file(str(script), default_timeout=60)
    at.run()
    open_page(at, "resultats").run()
    assert not at.exception
    shown = texts(at)
    assert "Aucune édition n'a encore été soumise pour Quimperlé" in shown
    assert "données fictives d'exemple" in shown
    [peers] = [d.value for d in at.dataframe if "Collectivités comparées" in d.value.columns]
    assert len(peers) == 10  # the ten themes, each with the sample's mean
    assert "pas assez de collectivités comparables" not in set(
        peers["Moyenne des collectivités comparables"]
    )
    assert set(peers["Collectivités comparées"]) == {"7"}


def test_the_public_results_page_validates_once_uncommented(project: Path, tmp_path: Path) -> None:
    text = (project / "blueprint.yaml").read_text(encoding="utf-8")
    start = text.index("  # - title: Notre maturité numérique")
    opened = text[:start] + "\n".join(
        line.replace("  # ", "  ", 1) for line in text[start:].splitlines()
    )
    copy = tmp_path / "blueprint.yaml"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "pairs_exemple.csv").write_bytes(
        (project / "data" / "pairs_exemple.csv").read_bytes()
    )
    copy.write_text(opened, encoding="utf-8")
    bp = load_blueprint(copy)
    public = next(p for p in bp.pages if p.url_slug == "maturite")
    assert public.access == "public" and public.views[0].public  # type: ignore[union-attr]
