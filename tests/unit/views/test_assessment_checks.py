"""Validation of the `assessment` view: team pages only, a territory to assess, a questionnaire
that loads; each error at its line, in French and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.errors import Problem

GOOD = """\
datacites: 1
service:
  id: autodiag
  title: Autodiagnostic
{territory}
pages:
  - title: Autodiagnostic
    slug: autodiagnostic
    access: {access}
    views:
      - {{type: assessment, questionnaire: {questionnaire}}}
"""
TERRITORY = '  territory: {name: Quimper, insee: "29232"}'


def problems(
    tmp_path: Path,
    *,
    territory: str = TERRITORY,
    access: str = "team",
    questionnaire: str = "maturite-numerique",
    lang: str = "fr",
) -> list[Problem]:
    path = tmp_path / "blueprint.yaml"
    path.write_text(
        GOOD.format(territory=territory, access=access, questionnaire=questionnaire),
        encoding="utf-8",
    )
    return inspect_blueprint(path, lang=lang).problems


def test_an_assessment_on_a_team_page_with_a_territory_is_valid(tmp_path: Path) -> None:
    assert problems(tmp_path) == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fr", "mettez « access: team »"), ("en", "put 'access: team'")],
)
def test_an_assessment_on_a_public_page_is_refused(tmp_path: Path, lang: str, words: str) -> None:
    [problem] = problems(tmp_path, access="public", lang=lang)
    assert problem.code == "assessment_on_public_page"
    assert problem.line == 11
    assert words in problem.message(lang)


def test_an_assessment_needs_the_service_s_territory_code(tmp_path: Path) -> None:
    for territory in ("", "  territory: {name: Quimper}"):
        [problem] = problems(tmp_path, territory=territory)
        assert problem.code == "assessment_needs_territory"
        assert "service.territory" in problem.message("fr")
        assert "INSEE or SIREN code" in problem.message("en")


def test_an_unknown_questionnaire_is_reported_at_its_field(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, questionnaire="maturite-numeriqe")
    assert problem.code == "assessment_questionnaire_invalid"
    assert problem.line == 11
    assert "maturite-numeriqe" in problem.message("fr")
