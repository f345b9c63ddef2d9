"""The self-assessment in a real browser against `datacites run` (issue 16): a team member
answers a whole (small) questionnaire, closes the tab, comes back to the saved draft,
submits, and reads the radar and the next steps; a citizen cannot reach the answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from datacites_proto.app import team_password
from tests.e2e.conftest import Server, serve, wait_for_app

pytestmark = pytest.mark.browser

PASSWORD = "bonjour-equipe-2026"
QUESTIONNAIRE = """\
questionnaire: 1
id: essai-navigateur
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
        text: Un élu pilote le numérique.
        recommendations: {1: Désigner un élu., 2: Donner une lettre de mission., 3: Réunir un comité annuel.}
  - id: cyber
    title: Cybersécurité
    target: 2
    affirmations:
      - id: sauvegardes
        text: Les sauvegardes sont testées.
        recommendations: {1: Sauvegarder hors ligne., 2: Tester une restauration., 3: Faire un exercice de crise.}
"""
BLUEPRINT = """\
datacites: 1
service:
  id: essai-navigateur
  title: Essai d'auto-évaluation
  summary: Une auto-évaluation d'essai.
  lang: fr
  territory: {name: Quimperlé, insee: "29233", population: 12000, status: commune}
pages:
  - title: Accueil
    slug: accueil
    views: [{type: text, markdown: "Bienvenue."}]
  - title: Auto-évaluation
    slug: auto-evaluation
    access: team
    views: [{type: assessment, questionnaire: questionnaire.yaml}]
  - title: Résultats
    slug: resultats
    access: team
    views: [{type: assessment_results, questionnaire: questionnaire.yaml}]
"""
# What the team answers: level labels as the radios show them.
ANSWERS = {
    "Une feuille de route existe.": "1 — Rien",
    "Un élu pilote le numérique.": "2 — Un peu",
    "Les sauvegardes sont testées.": "3 — Beaucoup",
}
THEMES = {"Une feuille de route existe.": "Stratégie", "Un élu pilote le numérique.": "Stratégie"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("e2e-assessment") / "maturite"
    folder.mkdir()
    (folder / "questionnaire.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    team_password.write_hash(
        team_password.secrets_path(folder), team_password.hash_password(PASSWORD)
    )
    yield from serve(folder, env={team_password.ENV_VAR: "", "DATACITES_TODAY": "2026-12-07"})


def sign_in(tab: object) -> None:
    tab.get_by_test_id("stExpander").filter(has_text="Espace équipe").click()  # type: ignore[attr-defined]
    field = tab.get_by_label("Mot de passe de l'équipe")  # type: ignore[attr-defined]
    field.wait_for(state="visible")
    field.fill(PASSWORD)
    tab.get_by_role("button", name="Se connecter", exact=True).click()  # type: ignore[attr-defined]
    wait_for_app(tab)


def open_team_page(tab: object, base: str, title: str) -> None:
    """Sign in from the home page, then open a team page from the navigation."""
    from playwright.sync_api import expect

    tab.goto(base)  # type: ignore[attr-defined]
    wait_for_app(tab)
    sign_in(tab)
    nav = tab.get_by_test_id("stSidebarNav")  # type: ignore[attr-defined]
    expect(nav).to_contain_text(title, timeout=30_000)
    nav.get_by_text(title, exact=True).click()
    wait_for_app(tab)


def radio(tab: object, affirmation: str) -> object:
    """The radio group of one affirmation, its theme's expander opened when closed."""
    group = tab.get_by_test_id("stRadio").filter(has_text=affirmation)  # type: ignore[attr-defined]
    if not group.is_visible():
        theme = THEMES.get(affirmation, "Cybersécurité")
        tab.get_by_test_id("stExpander").filter(has_text=theme).locator("summary").click()  # type: ignore[attr-defined]
    group.wait_for(state="visible")
    return group


def test_team_answers_leaves_comes_back_submits_and_reads_results(
    service: Server, browser: object
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    open_team_page(tab, service.url, "Auto-évaluation")
    for affirmation, label in ANSWERS.items():
        radio(tab, affirmation).get_by_text(label, exact=True).click()  # type: ignore[attr-defined]
        wait_for_app(tab)
    expect(tab.get_by_text("3 / 3 affirmations répondues")).to_have_count(1)
    expect(tab.get_by_text("Brouillon enregistré", exact=False)).to_have_count(1)
    # The team member closes the tab (the session ends) and comes back in a new one.
    tab.close()
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    open_team_page(tab, service.url, "Auto-évaluation")
    expect(tab.get_by_text("3 / 3 affirmations répondues")).to_have_count(1)
    for affirmation, label in ANSWERS.items():
        checked = radio(tab, affirmation).get_by_role("radio", name=label)  # type: ignore[attr-defined]
        expect(checked).to_be_checked()
    tab.get_by_role("button", name="Soumettre l'édition 2026").click()
    wait_for_app(tab)
    tab.get_by_role("button", name="Confirmer la soumission").click()
    wait_for_app(tab)
    expect(tab.get_by_text("Édition 2026 soumise", exact=False)).to_have_count(1)
    # The results: the radar (an SVG chart with its text alternative) and the next steps.
    tab.get_by_test_id("stSidebarNav").get_by_text("Résultats", exact=True).click()
    wait_for_app(tab)
    expect(tab.get_by_text("Édition 2026, soumise le", exact=False)).to_have_count(1)
    charts = tab.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(2)
    radar = charts.first
    expect(radar.locator("svg").first).to_be_visible()
    assert "Stratégie 1,5 (cible 3,0)" in (radar.get_attribute("aria-label") or radar.inner_html())
    expect(radar.locator("svg text").filter(has_text="Cybersécurité")).to_have_count(1)
    body = tab.locator("body").inner_text()
    assert "Prochaines étapes" in body
    assert "Écrire la feuille de route." in body and "Donner une lettre de mission." in body
    assert "Faire un exercice de crise." not in body  # a theme above its target needs none
    radar.screenshot(path=str(service.project.parent / "radar.png"))
    context.close()


def test_a_citizen_cannot_reach_the_assessment_page(service: Server, browser: object) -> None:
    context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(f"{service.url}/auto-evaluation")
    wait_for_app(tab)
    body = tab.locator("body").inner_text()
    assert "réservée à l'équipe" in body
    assert "Une feuille de route existe." not in body
    assert tab.get_by_test_id("stRadio").count() == 0
    nav = tab.get_by_test_id("stSidebarNav")
    assert "Auto-évaluation" not in (nav.inner_text() if nav.count() else "")
    context.close()
