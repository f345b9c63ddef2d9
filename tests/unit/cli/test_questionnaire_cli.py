"""`datacites validate` on a questionnaire file: told by its `questionnaire: 1` top key."""

from __future__ import annotations

import json
from pathlib import Path

from datacites_proto.blueprint.questionnaire_loader import questionnaires_dir

BROKEN = """\
questionnaire: 1
id: essai
title: Essai
scale: [{level: 1, label: Bas}, {level: 2, label: Moyen}, {level: 3, label: Haut}]
themes:
  - id: theme
    title: Thème
    target: 5
    affirmations:
      - {id: une, text: Une affirmation, recommendations: {1: Faire, 2: Mieux faire}}
"""


def test_shipped_questionnaires_validate_in_french_and_english(cli) -> None:
    paths = sorted(questionnaires_dir().glob("*.yaml"))
    result = cli("validate", *paths)
    assert result.code == 0, result.output
    assert result.out.count("est valide (0 avertissement)") == 2
    result = cli("--lang", "en", "validate", paths[0])
    assert result.code == 0 and "is valid (0 warnings)" in result.out


def test_a_broken_questionnaire_is_located_in_both_languages(cli, tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = cli("validate", path)
    assert result.code == 1
    assert "essai.yaml:8:13: La cible « 5 » est hors de l'échelle" in result.out
    result = cli("validate", "--lang", "en", "--format", "json", path)
    assert result.code == 1
    report = json.loads(result.out)
    (error,) = report["files"][0]["errors"]
    assert (error["line"], error["column"], error["code"]) == (
        8,
        13,
        "questionnaire_target_outside",
    )
    assert error["message"].startswith("The target '5' is outside the scale")


def test_schema_of_questionnaires_accepts_the_shipped_ones_and_refuses_a_typo(cli) -> None:
    import jsonschema
    import yaml

    result = cli("schema", "--questionnaire")
    assert result.code == 0
    schema = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["description"].startswith("Un questionnaire d'autodiagnostic")
    validator = jsonschema.Draft202012Validator(schema)
    for path in questionnaires_dir().glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        # JSON has text keys only: the recommendations' levels are written as text there.
        for theme in data["themes"]:
            for a in theme["affirmations"]:
                a["recommendations"] = {str(k): v for k, v in a["recommendations"].items()}
        assert list(validator.iter_errors(data)) == []
        data["themes"][0]["affirmations"][0]["evidance"] = "typo"
        assert list(validator.iter_errors(data))
    english = json.loads(cli("--lang", "en", "schema", "--questionnaire").out)
    assert english["description"].startswith("A self-assessment questionnaire")
