"""Questionnaire files with mistakes: each problem located (file, line, column), in French
and in English, saying what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from datacites_proto.blueprint.questionnaire_loader import (
    inspect_questionnaire,
    load_questionnaire,
)
from datacites_proto.errors import BlueprintError, Problem

GOOD = """\
questionnaire: 1
id: essai
title: Autodiagnostic d'essai
scale:
  - level: 1
    label: Débutant
  - level: 2
    label: Intermédiaire
  - level: 3
    label: Avancé
themes:
  - id: strategie
    title: Stratégie
    target: 2.5
    affirmations:
      - id: feuille_de_route
        text: Une feuille de route est adoptée.
        evidence: La délibération.
        recommendations:
          1: Écrivez une feuille de route.
          2: Faites-la adopter.
      - id: elu_referent
        text: Un élu référent pilote le numérique.
        recommendations:
          1: Désignez un élu référent.
          2: Réunissez un comité de pilotage.
  - id: donnees
    title: Données
    target: 2
    affirmations:
      - id: inventaire
        text: Les données sont inventoriées.
        recommendations:
          1: Listez vos jeux de données.
          2: Publiez l'inventaire.
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "questionnaire.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _only_error(tmp_path: Path, text: str) -> Problem:
    result = inspect_questionnaire(_write(tmp_path, text))
    assert not result.ok
    assert len(result.problems) == 1, [p.format("fr") for p in result.problems]
    return result.problems[0]


def _line_col(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `needle` in `text`."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    before = text[:start]
    return before.count("\n") + 1, start - (before.rfind("\n") + 1) + 1


def _says(problem: Problem, fr: list[str], en: list[str]) -> None:
    """The message in both languages, each with the words that say what is wrong and what to do."""
    french, english = problem.message("fr"), problem.message("en")
    assert problem.code not in french and problem.code not in english  # translated
    assert french != english
    for words in fr:
        assert words in french, french
    for words in en:
        assert words in english, english
    assert problem.file and problem.file.endswith("questionnaire.yaml")


def test_the_good_questionnaire_is_valid(tmp_path: Path) -> None:
    result = inspect_questionnaire(_write(tmp_path, GOOD))
    assert result.ok and not result.warnings
    q = result.questionnaire
    assert q is not None and q.top == 3 and q.label(2) == "Intermédiaire"
    assert [t.id for t, _ in q.affirmations()] == ["strategie", "strategie", "donnees"]


def test_1_yaml_syntax_error(tmp_path: Path) -> None:
    text = GOOD.replace("    title: Stratégie\n", '    title: "Stratégie\n')
    problem = _only_error(tmp_path, text)
    assert problem.code.startswith("yaml_")
    assert problem.line == _line_col(text, '"Stratégie')[0]
    _says(problem, ["guillemet"], ["quot"])


def test_2_missing_themes(tmp_path: Path) -> None:
    text = GOOD[: GOOD.index("themes:")]
    problem = _only_error(tmp_path, text)
    assert (problem.code, problem.line, problem.col) == ("missing_key", 1, 1)
    _says(problem, ["« themes »"], ["'themes'"])


def test_3_duplicate_affirmation_id_points_at_the_second(tmp_path: Path) -> None:
    text = GOOD.replace("- id: inventaire", "- id: feuille_de_route")
    problem = _only_error(tmp_path, text)
    assert problem.code == "questionnaire_duplicate_affirmation"
    line, col = _line_col(text, "feuille_de_route", occurrence=2)
    assert (problem.line, problem.col) == (line, col)
    _says(problem, ["« strategie »", "n° 1", "Renommez"], ["'strategie'", "no. 1", "Rename"])


def test_4_scale_not_consecutive(tmp_path: Path) -> None:
    text = GOOD.replace("  - level: 3\n", "  - level: 4\n")
    problem = _only_error(tmp_path, text)
    assert problem.code == "questionnaire_scale_not_consecutive"
    assert (problem.line, problem.col) == (9, 12)
    _says(problem, ["« 4 »", "le 3", "Renumérotez"], ["'4'", "must be 3", "Number the scale"])


def test_5_target_outside_the_scale(tmp_path: Path) -> None:
    text = GOOD.replace("target: 2.5", "target: 4")
    problem = _only_error(tmp_path, text)
    assert problem.code == "questionnaire_target_outside"
    assert (problem.line, problem.col) == _line_col(text, "4\n    affirmations")
    _says(problem, ["entre 1 et 3"], ["between 1 and 3"])


def test_6_recommendation_for_a_level_outside_the_scale(tmp_path: Path) -> None:
    text = GOOD.replace("          2: Publiez l'inventaire.", "          5: Publiez l'inventaire.")
    problem = _only_error(tmp_path, text)
    assert problem.code == "questionnaire_recommendation_outside"
    assert (problem.line, problem.col) == _line_col(text, "5: Publiez")
    _says(problem, ["« 5 »", "de 1 à 3"], ["'5'", "from 1 to 3"])


def test_7_unknown_key_with_a_suggestion(tmp_path: Path) -> None:
    text = GOOD.replace("evidence: La délibération.", "evidance: La délibération.")
    problem = _only_error(tmp_path, text)
    assert problem.code == "unknown_key"
    assert (problem.line, problem.col) == _line_col(text, "evidance")
    assert problem.suggestions == ("evidence",)
    _says(problem, ["« evidance »", "Vouliez-vous dire « evidence »"], ["'evidance'", "'evidence'"])


def test_8_empty_affirmations(tmp_path: Path) -> None:
    start = GOOD.index("      - id: inventaire")
    text = GOOD[: GOOD.index("    affirmations:", start - 40)] + "    affirmations: []\n"
    problem = _only_error(tmp_path, text)
    assert problem.code == "questionnaire_no_affirmation"
    assert (problem.line, problem.col) == _line_col(text, "[]")
    _says(problem, ["« donnees »", "ajoutez-en"], ["'donnees'", "add at least one"])


def test_9_level_not_an_integer(tmp_path: Path) -> None:
    text = GOOD.replace("  - level: 2\n", "  - level: deux\n")
    problem = _only_error(tmp_path, text)
    assert problem.code == "expected_integer"
    assert (problem.line, problem.col) == _line_col(text, "deux")
    _says(problem, ["nombre entier", "« deux »"], ["whole number", "'deux'"])


def test_10_shipped_name_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(BlueprintError) as caught:
        load_questionnaire("maturite-numeriqe", tmp_path)
    (problem,) = caught.value.problems
    assert problem.code == "questionnaire_not_found"
    assert problem.suggestions[0] == "maturite-numerique"
    french, english = problem.message("fr"), problem.message("en")
    assert "maturite-donnees, maturite-numerique" in french
    assert "Vouliez-vous dire « maturite-numerique »" in french
    assert "Did you mean 'maturite-numerique'" in english
    assert "maturite-donnees, maturite-numerique" in english


def test_11_path_leaving_the_project(tmp_path: Path) -> None:
    project = tmp_path / "projet"
    project.mkdir()
    (tmp_path / "ailleurs.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(BlueprintError) as caught:
        load_questionnaire("../ailleurs.yaml", project)
    (problem,) = caught.value.problems
    assert problem.code == "path_outside_project"
    assert "« ../ailleurs.yaml » sort du dossier du projet" in problem.message("fr")
    assert "'../ailleurs.yaml' leaves the project folder" in problem.message("en")


def test_12_scale_of_two_levels(tmp_path: Path) -> None:
    text = GOOD.replace("  - level: 3\n    label: Avancé\n", "").replace("target: 2.5", "target: 2")
    text = text.replace("          2: Faites-la adopter.\n", "").replace(
        "          2: Réunissez un comité de pilotage.\n", ""
    )
    text = text.replace("          2: Publiez l'inventaire.\n", "")
    problem = _only_error(tmp_path, text)
    assert problem.code == "questionnaire_scale_size"
    assert (problem.line, problem.col) == (5, 3)
    _says(problem, ["2 niveaux", "de 3 à 7"], ["2 levels", "3 to 7"])


def test_13_duplicate_theme_id(tmp_path: Path) -> None:
    text = GOOD.replace("  - id: donnees", "  - id: strategie")
    problem = _only_error(tmp_path, text)
    assert problem.code == "questionnaire_duplicate_theme"
    assert (problem.line, problem.col) == _line_col(text, "strategie", occurrence=2)
    _says(problem, ["n° 1"], ["no. 1"])


def test_14_unknown_format_version(tmp_path: Path) -> None:
    problem = _only_error(tmp_path, GOOD.replace("questionnaire: 1", "questionnaire: 2"))
    assert (problem.code, problem.line, problem.col) == ("questionnaire_version", 1, 16)
    _says(problem, ["questionnaire: 1"], ["questionnaire: 1"])


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("target: 2.5", "target: 9").replace(
        "- id: inventaire", "- id: elu_referent"
    )
    result = inspect_questionnaire(_write(tmp_path, text))
    assert [p.code for p in result.problems] == [
        "questionnaire_target_outside",
        "questionnaire_duplicate_affirmation",
    ]


def test_missing_recommendations_and_one_for_the_top_level_are_warnings(tmp_path: Path) -> None:
    text = GOOD.replace("          2: Publiez l'inventaire.", "          3: Publiez l'inventaire.")
    result = inspect_questionnaire(_write(tmp_path, text))
    assert result.ok
    assert [w.code for w in result.warnings] == [
        "questionnaire_recommendation_top",
        "questionnaire_recommendation_missing",
    ]
    assert result.warnings[0].line == _line_col(text, "3: Publiez")[0]
    assert "le niveau 2" in result.warnings[1].message("fr")
    assert "level 2" in result.warnings[1].message("en")
