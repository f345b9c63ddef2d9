"""The `assessment` view through the real app script (AppTest): answers saved at once in the
store, found again after a rerun and in a new session, submitted, then read-only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto.app import auth, team_password
from datacites_proto.store import STORE_ENV, Store, store_url
from tests.support.apptest import app_for, open_page, texts

BLUEPRINT = """\
datacites: 1
service:
  id: autodiag
  title: Autodiagnostic de la donnée
  lang: {lang}
  territory: {{name: Quimper, insee: "29232"}}
pages:
  - title: Accueil
    slug: accueil
    views:
      - {{type: text, markdown: Bienvenue}}
  - title: Autodiagnostic
    slug: autodiagnostic
    access: team
    views:
      - {{type: assessment, questionnaire: maturite-donnees, year: 2026}}
"""
Q, CODE, YEAR = "maturite-donnees", "29232", 2026
PREFIX = f"p1-v0-{Q}-{YEAR}-"  # the view's stable widget keys: page 1, view 0, edition


def key(suffix: str) -> str:
    return PREFIX + suffix


@pytest.fixture(autouse=True)
def own_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(STORE_ENV, raising=False)  # the project's own SQLite file
    monkeypatch.delenv(team_password.ENV_VAR, raising=False)
    auth.LIMITS.reset()
    yield
    auth.LIMITS.reset()


def project(tmp_path: Path, lang: str = "fr") -> Path:
    folder = tmp_path / f"autodiag-{lang}"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text(BLUEPRINT.format(lang=lang), encoding="utf-8")
    return folder


def team_session(folder: Path) -> AppTest:
    """A new browser session of a signed-in team member, on the assessment page."""
    script = folder / "team_app.py"
    script.write_text(
        "from datacites_proto.app.main import run\n"
        f"run({str(folder / 'blueprint.yaml')!r}, audience='team')\n"
    )
    at = AppTest.from_file(str(script), default_timeout=60)
    open_page(at, "autodiagnostic").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> str:
    """What the page shows, with the progress bar's text, successes and plain texts."""
    parts = [texts(at), *(s.value for s in at.success), *(t.value for t in at.text)]
    parts += [el.proto.text for el in at.get("progress")]
    return "\n".join(parts)


def stored(folder: Path) -> Store:
    return Store.open(store_url(folder))


def test_answers_are_saved_at_once_and_survive_a_rerun_and_a_closed_tab(tmp_path: Path) -> None:
    folder = project(tmp_path)
    at = team_session(folder)
    page = shown(at)
    assert "0 / 15 affirmations répondues" in page
    assert "Politique de la donnée — 0 / 3" in [e.label for e in at.expander]
    radio = at.radio(key=key("politique_adoptee-level"))
    assert radio.label.startswith("Une politique ou une charte de la donnée")
    assert "3 — Organisé" in radio.options and "Je ne sais pas / non renseigné" in radio.options
    radio.set_value(3).run()
    at.radio(key=key("ouverture_par_defaut-level")).set_value(0).run()  # je ne sais pas
    at.text_area(key=key("politique_adoptee-note")).input("Délibération du 3 mars 2026").run()
    assert not at.exception
    # In the store the moment they were chosen, before anything is submitted.
    store = stored(folder)
    assert store.assessment_draft(Q, CODE, YEAR) == {
        "politique_adoptee": (3, "Délibération du 3 mars 2026"),
        "ouverture_par_defaut": (None, None),
    }
    assert store.assessment_editions(Q, CODE) == []
    store.close()
    page = shown(at.run())  # a rerun keeps them
    assert "1 / 15 affirmations répondues" in page
    assert "Brouillon enregistré à " in page and " h " in page
    assert at.radio(key=key("politique_adoptee-level")).value == 3
    # A closed tab: a new session starts from the saved draft.
    again = team_session(folder)
    assert again.radio(key=key("politique_adoptee-level")).value == 3
    assert again.radio(key=key("ouverture_par_defaut-level")).value == 0
    assert again.radio(key=key("role_referent-level")).value is None
    assert again.text_area(key=key("politique_adoptee-note")).value == "Délibération du 3 mars 2026"
    assert "Politique de la donnée — 1 / 3" in [e.label for e in again.expander]


def test_submitting_asks_for_confirmation_then_shows_the_edition_read_only(tmp_path: Path) -> None:
    folder = project(tmp_path)
    at = team_session(folder)
    assert at.button(key=key("submit")).disabled  # nothing answered yet
    at.radio(key=key("politique_adoptee-level")).set_value(2).run()
    at.text_area(key=key("politique_adoptee-note")).input("Charte en projet").run()
    at.button(key=key("submit")).click().run()
    assert "Soumettre l'édition 2026 ? 1 affirmations sur 15" in shown(at)
    at.button(key=key("confirm-no")).click().run()  # cancelled: still a draft
    assert stored(folder).assessment_editions(Q, CODE) == []
    at.button(key=key("submit")).click().run()
    at.button(key=key("confirm-yes")).click().run()
    assert not at.exception
    [edition] = stored(folder).assessment_editions(Q, CODE)
    assert edition.answers == {"politique_adoptee": (2, "Charte en projet")}
    page = shown(at)
    assert "Édition 2026 soumise le " in page
    assert "Réponse : Émergent" in page and "Preuve : Charte en projet" in page
    assert not at.radio and not at.text_area  # read-only
    # Also in a new session.
    later = team_session(folder)
    assert not later.radio and "Édition 2026 soumise le " in shown(later)
    # A new version: the answers come back editable; the submitted edition stays until then.
    later.button(key=key("reopen")).click().run()
    assert later.radio(key=key("politique_adoptee-level")).value == 2
    assert "nouvelle version de l'édition 2026" in shown(later)
    later.radio(key=key("politique_adoptee-level")).set_value(4).run()
    assert stored(folder).assessment_editions(Q, CODE)[0].answers["politique_adoptee"][0] == 2
    later.button(key=key("submit")).click().run()
    assert "remplacera l'édition 2026 soumise le" in shown(later)
    later.button(key=key("confirm-yes")).click().run()
    [edition] = stored(folder).assessment_editions(Q, CODE)
    assert edition.answers["politique_adoptee"] == (4, "Charte en projet")
    assert edition.version == 2


def test_the_form_speaks_english_for_an_english_service(tmp_path: Path) -> None:
    folder = project(tmp_path, "en")
    at = team_session(folder)
    assert "0 / 15 statements answered" in shown(at)
    assert "I don't know / not answered" in at.radio(key=key("politique_adoptee-level")).options
    at.radio(key=key("politique_adoptee-level")).set_value(1).run()
    assert "Draft saved at " in shown(at)
    assert at.button(key=key("submit")).label == "Submit the 2026 edition"


def test_an_unsigned_visitor_cannot_reach_the_assessment(tmp_path: Path) -> None:
    folder = project(tmp_path)
    team_password.write_hash(
        team_password.secrets_path(folder), team_password.hash_password("mot-de-passe-equipe")
    )
    at = app_for(folder / "blueprint.yaml")
    at.run()
    assert [t.value for t in at.title] == ["Accueil"]
    open_page(at, "autodiagnostic").run()
    assert not at.exception
    assert not at.radio and "réservée à l'équipe" in shown(at)
    assert "affirmations répondues" not in shown(at)


def test_a_whole_questionnaire_filled_in_and_submitted(tmp_path: Path) -> None:
    from datacites_proto.blueprint.questionnaire_loader import load_questionnaire

    folder = project(tmp_path)
    q = load_questionnaire(Q, folder)
    ids = [a.id for _, a in q.affirmations()]
    at = team_session(folder)
    for n, affirmation in enumerate(ids):
        at.radio(key=key(f"{affirmation}-level")).set_value(1 + n % 5).run()
    assert not at.exception
    assert f"{len(ids)} / {len(ids)} affirmations répondues" in shown(at)
    at.button(key=key("submit")).click().run()
    at.button(key=key("confirm-yes")).click().run()
    [edition] = stored(folder).assessment_editions(Q, CODE)
    assert {a: level for a, (level, _) in edition.answers.items()} == {
        a: 1 + n % 5 for n, a in enumerate(ids)
    }
    assert "Édition 2026 soumise le " in shown(at) and not at.radio
