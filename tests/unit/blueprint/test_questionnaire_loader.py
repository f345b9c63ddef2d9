"""Finding and loading questionnaires: shipped names, project paths, rules in Python too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from datacites_proto.blueprint.questionnaire import Questionnaire
from datacites_proto.blueprint.questionnaire_loader import (
    inspect_questionnaire,
    is_questionnaire_file,
    load_questionnaire,
    questionnaires_dir,
    resolve_questionnaire,
    shipped_questionnaires,
)
from datacites_proto.blueprint.service import ServiceInfo
from datacites_proto.errors import BlueprintError, Problem
from datacites_proto.resources import fragment_names

SMALL = """\
questionnaire: 1
id: local
title: Questionnaire local
scale: [{level: 1, label: Bas}, {level: 2, label: Moyen}, {level: 3, label: Haut}]
themes:
  - id: theme
    title: Thème
    target: 2
    affirmations:
      - {id: une, text: Une affirmation, recommendations: {1: Faire, 2: Mieux faire}}
"""


def test_both_shipped_questionnaires_are_valid_without_warnings() -> None:
    assert shipped_questionnaires() == ["maturite-donnees", "maturite-numerique"]
    for name in shipped_questionnaires():
        result = inspect_questionnaire(questionnaires_dir() / f"{name}.yaml")
        assert result.ok, [p.format("fr") for p in result.problems]
        assert not result.warnings, [p.format("fr") for p in result.warnings]
        assert result.questionnaire is not None and result.questionnaire.id == name


def test_the_digital_maturity_questionnaire_covers_the_ten_themes() -> None:
    q = load_questionnaire("maturite-numerique", Path("."))
    assert len(q.themes) == 10 and q.top == 5 and q.lang == "fr"
    assert all(3 <= len(t.affirmations) <= 5 for t in q.themes)
    assert all(a.evidence and len(a.recommendations) == 4 for _, a in q.affirmations())
    titles = " ".join(t.title for t in q.themes).lower()
    for word in ("stratégie", "cybersécurité", "inclusion", "responsable", "coopération"):
        assert word in titles


def test_the_data_maturity_questionnaire_has_the_four_dimensions_and_sharing() -> None:
    q = load_questionnaire("maturite-donnees", Path("."))
    assert [t.id for t in q.themes] == [
        "politique",
        "portail",
        "qualite",
        "impact",
        "partage_partenaires",
    ]


def test_questionnaires_are_not_include_fragments() -> None:
    assert not set(fragment_names()) & set(shipped_questionnaires())


def test_a_project_path_is_loaded_relative_to_the_base_folder(tmp_path: Path) -> None:
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "local.yaml").write_text(SMALL, encoding="utf-8")
    q = load_questionnaire("q/local.yaml", tmp_path)
    assert q.id == "local" and q.themes[0].affirmations[0].recommendations == {
        1: "Faire",
        2: "Mieux faire",
    }


def test_a_shipped_name_is_never_a_project_file(tmp_path: Path) -> None:
    (tmp_path / "maturite-numerique").write_text(SMALL, encoding="utf-8")
    assert load_questionnaire("maturite-numerique", tmp_path).id == "maturite-numerique"


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(SMALL, encoding="utf-8")
    assert load_questionnaire("local.yaml", tmp_path).title == "Questionnaire local"
    path.write_text(SMALL.replace("Questionnaire local", "Autre titre"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert load_questionnaire("local.yaml", tmp_path).title == "Autre titre"


@pytest.mark.parametrize(
    ("ref", "code"),
    [
        ("", "questionnaire_ref_empty"),
        ("absent.yaml", "questionnaire_not_found"),
        ("./sub", "questionnaire_is_folder"),
    ],
)
def test_refs_that_name_no_file(tmp_path: Path, ref: str, code: str) -> None:
    (tmp_path / "sub").mkdir()
    found = resolve_questionnaire(ref, tmp_path)
    assert isinstance(found, Problem) and found.code == code
    with pytest.raises(BlueprintError):
        load_questionnaire(ref, tmp_path)


def test_an_invalid_file_raises_with_its_problems(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(SMALL.replace("target: 2", "target: 0"), encoding="utf-8")
    with pytest.raises(BlueprintError) as caught:
        load_questionnaire("bad.yaml", tmp_path, lang="en")
    assert "bad.yaml:8:13: The target '0' is outside the scale" in caught.value.render("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [(SMALL, True), ("datacites: 1\n", False), ("a: [questionnaire: 1]\n", False)],
)
def test_a_questionnaire_file_is_told_by_its_top_key(
    tmp_path: Path, text: str, expected: bool
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    assert is_questionnaire_file(path) is expected
    assert not is_questionnaire_file(tmp_path / "missing.yaml")


def test_rules_hold_when_a_questionnaire_is_built_in_python() -> None:
    import yaml

    data = yaml.safe_load(SMALL)
    data["themes"][0]["target"] = 7
    with pytest.raises(ValidationError) as caught:
        Questionnaire.model_validate(data)
    assert caught.value.errors()[0]["type"] == "questionnaire_target_outside"


def test_territory_takes_the_population_and_status_of_the_collectivite() -> None:
    info = ServiceInfo.model_validate(
        {
            "id": "essai",
            "title": "Essai",
            "territory": {
                "name": "Quimper",
                "insee": "29232",
                "population": 63_000,
                "status": "commune",
            },
        }
    )
    assert info.territory is not None
    assert (info.territory.population, info.territory.status) == (63_000, "commune")
    with pytest.raises(ValidationError) as caught:
        ServiceInfo.model_validate(
            {
                "id": "e",
                "title": "E",
                "territory": {"name": "X", "status": "ville", "population": -1},
            }
        )
    assert {e["loc"][-1] for e in caught.value.errors()} == {"status", "population"}


@pytest.mark.parametrize("doc", ["docs/fr/questionnaires.md", "docs/en/questionnaires.md"])
def test_the_documented_example_is_valid(doc: str, tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[3]
    text = (repo / doc).read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "exemple.yaml"
    path.write_text(example, encoding="utf-8")
    result = inspect_questionnaire(path)
    assert result.ok and not result.warnings, [p.format("en") for p in result.problems]
