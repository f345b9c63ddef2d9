"""The `assessment_results` view through the real app script (AppTest): radar, gaps, next
steps, editions, peers at the anonymity threshold, exports, and who may see what."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto import load_blueprint
from datacites_proto.app import private_download
from datacites_proto.engine.assessment.peers import PeerEdition
from datacites_proto.errors import BlueprintError
from datacites_proto.store import STORE_ENV, Store
from tests.support.apptest import app_for, open_see_data, texts, vega_specs
from tests.support.vega_lite import vega_lite_errors

CODE = "29233"
Q = "essai-maturite"
QUESTIONNAIRE = """\
questionnaire: 1
id: essai-maturite
title: Maturité d'essai
scale:
  - {level: 1, label: Rien}
  - {level: 2, label: Un peu}
  - {level: 3, label: Beaucoup}
  - {level: 4, label: Tout}
themes:
  - id: strategie
    title: Stratégie
    target: 3
    affirmations:
      - id: feuille
        text: Une feuille de route existe.
        recommendations: {1: Écrire la feuille de route., 2: Faire voter la feuille., 3: Publier le bilan.}
      - id: elu
        text: Un élu pilote.
        recommendations: {1: Désigner un élu., 2: Lettre de mission., 3: Comité annuel.}
  - id: donnees
    title: Données
    target: 3.5
    affirmations:
      - id: portail
        text: Les données sont ouvertes.
        recommendations: {1: Ouvrir un premier jeu., 2: Publier le socle commun., 3: Mesurer les réutilisations.}
  - id: cyber
    title: Cybersécurité
    target: 2
    affirmations:
      - id: sauvegardes
        text: Les sauvegardes sont testées.
        recommendations: {1: Sauvegarder hors ligne., 2: Tester une restauration., 3: Exercice de crise.}
"""


def blueprint_text(*, access: str = "team", public: bool = False, peers_file: str = "") -> str:
    view = f"{{type: assessment_results, questionnaire: questionnaire.yaml, public: {str(public).lower()}"
    view += f", peers_file: {peers_file}}}" if peers_file else "}"
    return f"""\
datacites: 1
service:
  id: essai-maturite
  title: Essai de maturité
  summary: Une auto-évaluation d'essai.
  lang: fr
  territory: {{name: Quimperlé, insee: "{CODE}", population: 12000, status: commune}}
pages:
  - title: Résultats
    slug: resultats
    access: {access}
    views:
      - {view}
"""


@pytest.fixture
def store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv(STORE_ENV, url)
    monkeypatch.setenv("DATACITES_TODAY", "2026-12-07")
    return url


def project(tmp_path: Path, **kw: object) -> Path:
    folder = tmp_path / "maturite"
    folder.mkdir(exist_ok=True)
    (folder / "questionnaire.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (folder / "blueprint.yaml").write_text(blueprint_text(**kw), encoding="utf-8")  # type: ignore[arg-type]
    return folder / "blueprint.yaml"


def team_app(blueprint: Path, tmp_path: Path) -> AppTest:
    script = tmp_path / "team_app.py"
    script.write_text(
        f"from datacites_proto.app.main import run\nrun({str(blueprint)!r}, audience='team')\n",
        encoding="utf-8",
    )
    return AppTest.from_file(str(script), default_timeout=60)


def submit(url: str, year: int, answers: dict[str, int]) -> None:
    store = Store.open(url)
    try:
        for aff, level in answers.items():
            store.save_assessment_answer(Q, CODE, year, aff, level, f"preuve {aff}")
        store.submit_assessment(Q, CODE, year, at=dt.datetime(year, 11, 30, 10))
    finally:
        store.close()


def peer(code: str, population: int, level: float, **kw: object) -> PeerEdition:
    values = {
        "collectivite": code,
        "name": f"Pair {code}",
        "status": "commune",
        "population": population,
        "year": 2026,
        "questionnaire": Q,
        "levels": {"strategie": level, "donnees": level, "cyber": level},
    }
    values.update(kw)
    return PeerEdition(**values)  # type: ignore[arg-type]


def import_peers(url: str, peers: list[PeerEdition]) -> None:
    store = Store.open(url)
    try:
        store.import_assessment_peers(peers)
    finally:
        store.close()


# strategie: (1 + 2) / 2 = 1.5 against 3 (gap 1.5); donnees: 3 against 3.5 (gap 0.5);
# cyber: 4 against 2 (gap -2).
ANSWERS_2026 = {"feuille": 1, "elu": 2, "portail": 3, "sauvegardes": 4}
ANSWERS_2025 = {"feuille": 1, "elu": 1, "portail": 2, "sauvegardes": 3}


def rendered(tmp_path: Path, **kw: object) -> AppTest:
    at = team_app(project(tmp_path, **kw), tmp_path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest, column: str) -> dict[str, list[str]]:
    """The one table of the page with `column` among its columns, as texts."""
    [frame] = [d.value for d in at.dataframe if column in d.value.columns]
    return {str(c): [str(v) for v in frame[c]] for c in frame.columns}


def test_results_show_radar_sorted_gaps_next_steps_and_trend(
    tmp_path: Path, store_url: str
) -> None:
    submit(store_url, 2025, ANSWERS_2025)
    submit(store_url, 2026, ANSWERS_2026)
    at = rendered(tmp_path)
    shown = texts(at)
    assert "Édition 2026, soumise le 30 nov. 2026." in shown
    assert "4 affirmations renseignées sur 4." in shown
    radar, gaps = vega_specs(at)
    for spec in (radar, gaps):
        assert not vega_lite_errors(spec), vega_lite_errors(spec)[:3]
    # The radar: a grid, spokes, the theme names and the two polygons (level, target).
    assert [layer["mark"]["type"] for layer in radar["layer"]] == ["line", "rule", "text", "line"]
    assert radar["layer"][3]["encoding"]["color"]["scale"]["domain"] == ["Niveau atteint", "Cible"]
    # The gaps: the furthest below target first, the theme ahead of it last.
    assert gaps["encoding"]["y"]["sort"] == ["Stratégie", "Données", "Cybersécurité"]
    [radar_alt, gaps_alt] = [c.proto.alt for c in at.get("vega_lite_chart")]
    assert "Stratégie 1,5 (cible 3,0)" in radar_alt and "sur une échelle de 1 à 4" in radar_alt
    assert "Stratégie +1,5 ; Données +0,5 ; Cybersécurité −2,0" in gaps_alt
    assert "2 thèmes sur 3 sont sous leur cible" in gaps_alt
    # Next steps: the weakest themes' advice at the level answered, never the strong one's.
    assert "Écrire la feuille de route." in shown and "Lettre de mission." in shown
    assert "Mesurer les réutilisations." in shown
    assert "Exercice de crise." not in shown
    # The levels of both editions, theme by theme.
    trend = table(at, "2025")
    assert trend["Thème"] == ["Stratégie", "Données", "Cybersécurité"]
    assert trend["2025"] == ["1,0", "2,0", "3,0"] and trend["2026"] == ["1,5", "3,0", "4,0"]
    # « Voir les données »: level, target and gap per theme.
    open_see_data(at)
    data = table(at, "Écart à la cible")
    assert data["Écart à la cible"] == ["+1,5", "+0,5", "−2,0"]


def test_a_draft_is_shown_to_the_team_and_labelled(tmp_path: Path, store_url: str) -> None:
    store = Store.open(store_url)
    store.save_assessment_answer(Q, CODE, 2026, "feuille", 2, None)
    store.close()
    at = rendered(tmp_path)
    assert "Brouillon 2026" in texts(at)
    assert "1 affirmations renseignées sur 4." in texts(at)


@pytest.mark.parametrize(
    ("peers", "expected"),
    [
        # Two other communes of the band: hidden.
        ([peer("A", 11000, 2.0), peer("B", 13000, 3.0)], None),
        # Three: their population-weighted mean (2×11 + 3×13 + 4×20) / 44 = 3,2.
        ([peer("A", 11000, 2.0), peer("B", 13000, 3.0), peer("C", 20000, 4.0)], "3,2"),
        # One of them weighs more than 85 % of the cell: hidden.
        ([peer("A", 1000, 2.0), peer("B", 1000, 3.0), peer("C", 45000, 4.0)], None),
    ],
    ids=["2 peers", "3 peers", "dominant peer"],
)
def test_peers_are_shown_only_above_the_threshold(
    tmp_path: Path, store_url: str, peers: list[PeerEdition], expected: str | None
) -> None:
    submit(store_url, 2026, ANSWERS_2026)
    # Never counted: the collectivité itself, another status, band, year or questionnaire.
    others = [
        peer(CODE, 12000, 1.0),
        peer("E", 12000, 1.0, status="epci"),
        peer("F", 5000, 1.0),
        peer("G", 12000, 1.0, year=2025),
        peer("H", 12000, 1.0, questionnaire="autre"),
    ]
    import_peers(store_url, peers + others)
    at = rendered(tmp_path)
    shown = table(at, "Collectivités comparées")
    mean = shown["Moyenne des collectivités comparables"]
    if expected is None:
        assert mean == ["pas assez de collectivités comparables"] * 3
        assert shown["Collectivités comparées"] == ["—"] * 3
    else:
        assert mean == [expected] * 3
        assert shown["Collectivités comparées"] == ["3"] * 3
    everything = texts(at) + json.dumps(shown, ensure_ascii=False)
    assert "Pair " not in everything  # no peer is ever named


def test_a_peers_file_adds_sample_peers(tmp_path: Path, store_url: str) -> None:
    submit(store_url, 2026, ANSWERS_2026)
    blueprint = project(tmp_path, peers_file="data/pairs.csv")
    rows = ["collectivite;name;status;population;year;questionnaire;theme;level"]
    for code, pop in (("X1", 11000), ("X2", 12000), ("X3", 13000)):
        for theme in ("strategie", "donnees", "cyber"):
            rows.append(f"{code};Fictive {code};commune;{pop};2026;{Q};{theme};2,5")
    (blueprint.parent / "data").mkdir()
    (blueprint.parent / "data" / "pairs.csv").write_text("\n".join(rows), encoding="utf-8")
    at = team_app(blueprint, tmp_path)
    at.run()
    assert not at.exception
    assert (
        table(at, "Collectivités comparées")["Moyenne des collectivités comparables"] == ["2,5"] * 3
    )
    assert "données fictives d'exemple (data/pairs.csv)" in texts(at)


def test_without_an_edition_the_peers_still_show(tmp_path: Path, store_url: str) -> None:
    import_peers(store_url, [peer("A", 11000, 2.0), peer("B", 13000, 3.0), peer("C", 20000, 4.0)])
    at = rendered(tmp_path)
    assert "Aucune édition n'a encore été soumise pour Quimperlé" in texts(at)
    assert (
        table(at, "Collectivités comparées")["Moyenne des collectivités comparables"] == ["3,2"] * 3
    )


def test_exports_are_one_time_links_with_the_edition(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(private_download, "MOUNTED", True)
    monkeypatch.setattr(private_download, "current_browser_id", lambda: "b" * 43)
    private_download.STORE._entries.clear()
    submit(store_url, 2026, ANSWERS_2026)
    at = rendered(tmp_path)
    assert not at.get("download_button")  # the answers never become a /media/ file
    links = {b.proto.label: b.proto.url for b in at.get("link_button")}
    files = {}
    for label, url in links.items():
        entry = private_download.STORE.take(url.rsplit("/", 1)[1], "b" * 43)
        assert entry is not None
        files[label] = (entry.file_name, entry.make())
    name, content = files["Niveaux par thème (CSV)"]
    assert name == f"{Q}-{CODE}-2026.csv"
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8")), delimiter=";"))
    assert [(r["theme"], r["level"]) for r in rows] == [
        ("strategie", "1,5"),
        ("donnees", "3"),
        ("cyber", "4"),
    ]
    assert {r["collectivite"] for r in rows} == {CODE}
    assert {r["status"] for r in rows} == {"commune"} and {r["population"] for r in rows} == {
        "12000"
    }
    name, content = files["Édition complète (JSON)"]
    assert name.endswith(".json")
    [edition] = json.loads(content)["editions"]
    assert edition["levels"] == {"strategie": 1.5, "donnees": 3.0, "cyber": 4.0}
    assert edition["year"] == 2026 and edition["questionnaire"] == Q
    assert edition["answers"][0] == {
        "theme": "strategie",
        "affirmation": "feuille",
        "level": 1,
        "evidence": "preuve feuille",
    }


def test_public_page_needs_public_true(tmp_path: Path) -> None:
    with pytest.raises(BlueprintError) as caught:
        load_blueprint(project(tmp_path, access="public"))
    [problem] = [p for p in caught.value.problems if p.code == "assessment_results_on_public_page"]
    assert "mettez « access: team »" in problem.message("fr")
    assert "put 'access: team'" in problem.message("en")


def test_public_results_show_levels_only(tmp_path: Path, store_url: str) -> None:
    submit(store_url, 2026, ANSWERS_2026)
    store = Store.open(store_url)
    store.save_assessment_answer(Q, CODE, 2026, "feuille", 4, "brouillon secret")
    store.close()
    at = app_for(project(tmp_path, access="public", public=True))
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "Édition 2026" in shown and "Brouillon" not in shown  # never the team's draft
    assert len(vega_specs(at)) == 2
    assert "Prochaines étapes" not in shown and "Écrire la feuille de route." not in shown
    # Only the page's « Télécharger en PDF », made when clicked (the report says the results
    # are read online: datacites_proto/views/assessment_results.py `document`).
    assert not at.get("link_button")
    assert [b.key for b in at.get("download_button")] == ["p0-v0-report-pdf"]
    assert "preuve" not in shown and "secret" not in shown


def test_an_unknown_questionnaire_is_refused_at_its_line(tmp_path: Path) -> None:
    blueprint = project(tmp_path)
    text = blueprint.read_text(encoding="utf-8").replace("questionnaire.yaml", "maturite-numeriqe")
    blueprint.write_text(text, encoding="utf-8")
    with pytest.raises(BlueprintError) as caught:
        load_blueprint(blueprint)
    [problem] = [
        p for p in caught.value.problems if p.code == "assessment_results_questionnaire_invalid"
    ]
    assert problem.line == 13 and "maturite-numeriqe" in problem.message("fr")


def test_a_broken_peers_file_is_refused_at_its_own_line(tmp_path: Path) -> None:
    blueprint = project(tmp_path, peers_file="pairs.csv")
    (blueprint.parent / "pairs.csv").write_text(
        "collectivite;name;status;population;year;questionnaire;theme;level\n"
        f"X1;Fictive;commune;11000;2026;{Q};strategie;2\n"
        f"X2;Fictive;mairie;11000;2026;{Q};strategie;2\n",
        encoding="utf-8",
    )
    with pytest.raises(BlueprintError) as caught:
        load_blueprint(blueprint)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("pairs.csv", 3)
    assert "Statut « mairie » inconnu" in problem.message("fr")


def test_a_peers_file_outside_the_project_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_text("x", encoding="utf-8")
    with pytest.raises(BlueprintError) as caught:
        load_blueprint(project(tmp_path, peers_file="../secret.csv"))
    assert any(p.loc[-1] == "peers_file" for p in caught.value.problems)


def test_results_in_english(tmp_path: Path, store_url: str) -> None:
    submit(store_url, 2026, ANSWERS_2026)
    blueprint = project(tmp_path)
    blueprint.write_text(
        blueprint.read_text(encoding="utf-8").replace("lang: fr", "lang: en"), encoding="utf-8"
    )
    at = team_app(blueprint, tmp_path)
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "Self-assessment results" in shown and "Next steps" in shown
    assert "Edition 2026, submitted on" in shown
    [radar_alt, gaps_alt] = [c.proto.alt for c in at.get("vega_lite_chart")]
    assert "Strategie" not in radar_alt and "Stratégie 1.5 (target 3.0)" in radar_alt
    assert "Stratégie +1.5; Données +0.5; Cybersécurité -2.0" in gaps_alt
    peers = table(at, "Collectivités compared")
    assert peers["Mean of similar collectivités"] == ["not enough comparable collectivités"] * 3
