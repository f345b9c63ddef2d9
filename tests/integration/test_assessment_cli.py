"""`datacites assessment import|export`: peers' editions checked whole (located errors in
French and English, nothing imported on an error), the team's edition written as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from datacites_proto.store import STORE_ENV, Store, store_url

BLUEPRINT = """\
datacites: 1
service:
  id: autodiag
  title: Autodiagnostic de la donnée
  territory: {name: Quimper, insee: "29232", population: 63000, status: commune}
pages:
  - title: Autodiagnostic
    slug: autodiagnostic
    access: team
    views:
      - {type: assessment, questionnaire: maturite-donnees}
"""
Q = "maturite-donnees"
HEADER = "collectivite;name;status;population;year;questionnaire;theme;level\n"
GOOD_CSV = HEADER + (
    "35238;Rennes (fictif);commune;52000;2026;maturite-donnees;politique;3\n"
    "35238;Rennes (fictif);commune;52000;2026;maturite-donnees;portail;2,5\n"
    "44109;Nantes (fictif);commune;61000;2026;maturite-donnees;politique;4\n"
    "56121;Lorient (fictif);commune;57000;2026;maturite-donnees;qualite;1,5\n"
)


@pytest.fixture(autouse=True)
def own_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(STORE_ENV, raising=False)  # the project's own SQLite file
    yield


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "autodiag"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    return folder


def peers_in(project: Path) -> list[tuple[str, int, dict[str, float]]]:
    store = Store.open(store_url(project))
    try:
        return [(p.collectivite, p.year, p.levels) for p in store.assessment_peers(Q)]
    finally:
        store.close()


def test_a_good_csv_is_imported(cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "pairs.csv"
    file.write_text(GOOD_CSV, encoding="utf-8")
    result = cli("assessment", "import", file, "--project", project)
    assert result.code == 0, result.output
    assert "3 éditions de pairs importées" in result.output
    assert peers_in(project) == [
        ("35238", 2026, {"politique": 3.0, "portail": 2.5}),
        ("44109", 2026, {"politique": 4.0}),
        ("56121", 2026, {"qualite": 1.5}),
    ]


def test_a_comma_separated_csv_and_a_reimport(cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "pairs.csv"
    file.write_text(
        "collectivite,name,status,population,year,questionnaire,theme,level\n"
        "35238,Rennes (fictif),commune,52000,2026,maturite-donnees,politique,2.5\n",
        encoding="utf-8",
    )
    assert cli("assessment", "import", file, "--project", project).code == 0
    file.write_text(file.read_text().replace("2.5", "3.5"), encoding="utf-8")
    assert cli("assessment", "import", file, "--project", project).code == 0
    assert peers_in(project) == [("35238", 2026, {"politique": 3.5})]  # replaced, not doubled


def test_a_good_json_is_imported(cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "pairs.json"
    editions = [
        {
            "collectivite": "200069409",
            "name": "Quimper Bretagne Occidentale (fictif)",
            "status": "epci",
            "population": 100500,
            "year": 2025,
            "questionnaire": Q,
            "levels": {"politique": 2, "impact": 1.5},
        }
    ]
    file.write_text(json.dumps({"editions": editions}), encoding="utf-8")
    result = cli("--lang", "en", "assessment", "import", file, "--project", project)
    assert result.code == 0, result.output
    assert "1 peer editions imported" in result.output
    assert peers_in(project) == [("200069409", 2025, {"politique": 2.0, "impact": 1.5})]


BROKEN = {
    # The project's own collectivité (line 3), a theme the questionnaire lacks (line 4), a
    # level above its scale (line 5): the good line 2 is not imported either.
    "own_theme_level.csv": (
        HEADER
        + "35238;Rennes (fictif);commune;52000;2026;maturite-donnees;politique;3\n"
        + "29232;Quimper;commune;63000;2026;maturite-donnees;politique;4\n"
        + "44109;Nantes (fictif);commune;61000;2026;maturite-donnees;cybersecurite;2\n"
        + "56121;Lorient (fictif);commune;57000;2026;maturite-donnees;qualite;6\n",
        [
            ("pairs.csv:3", "est celle du projet", "is the project's own"),
            ("pairs.csv:4", "Thème « cybersecurite » inconnu", "Theme 'cybersecurite' is not in"),
            ("pairs.csv:5", "entre 1 et 5", "between 1 and 5"),
        ],
    ),
    # A theme given twice for one edition (line 3), and an unknown status (line 4).
    "duplicate_status.csv": (
        HEADER
        + "35238;Rennes (fictif);commune;52000;2026;maturite-donnees;politique;3\n"
        + "35238;Rennes (fictif);commune;52000;2026;maturite-donnees;politique;2\n"
        + "44109;Nantes (fictif);ville;61000;2026;maturite-donnees;portail;2\n",
        [("pairs.csv:3", "", ""), ("pairs.csv:4", "ville", "ville")],
    ),
    # JSON: a questionnaire the project does not know, at the second edition.
    "unknown_questionnaire.json": (
        json.dumps(
            indent=2,
            obj=[
                {
                    "collectivite": "35238",
                    "name": "Rennes (fictif)",
                    "status": "commune",
                    "population": 52000,
                    "year": 2026,
                    "questionnaire": Q,
                    "levels": {"politique": 3},
                },
                {
                    "collectivite": "44109",
                    "name": "Nantes (fictif)",
                    "status": "commune",
                    "population": 61000,
                    "year": 2026,
                    "questionnaire": "maturite-inconnue",
                    "levels": {"politique": 3},
                },
            ],
        ),
        [
            (
                "pairs.json:14",
                "Questionnaire « maturite-inconnue » inconnu",
                "Questionnaire 'maturite-inconnue' is unknown",
            )
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_broken_file_is_refused_whole_with_located_errors(  # type: ignore[no-untyped-def]
    cli, project: Path, tmp_path: Path, case: str, lang: str
) -> None:
    text, expected = BROKEN[case]
    file = tmp_path / ("pairs" + Path(case).suffix)
    file.write_text(text, encoding="utf-8")
    result = cli("--lang", lang, "assessment", "import", file, "--project", project)
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    for where, fr_words, en_words in expected:
        assert where in result.output, result.output
        assert (fr_words if lang == "fr" else en_words) in result.output, result.output
    assert peers_in(project) == []  # no partial import


def submitted(project: Path) -> None:
    """The team's 2026 edition, as the assessment page would have submitted it."""
    store = Store.open(store_url(project))
    store.save_assessment_answer(Q, "29232", 2026, "politique_adoptee", 3, "Délibération n° 12")
    store.save_assessment_answer(Q, "29232", 2026, "ouverture_par_defaut", 2, None)
    store.save_assessment_answer(Q, "29232", 2026, "role_referent", None, "à vérifier")
    store.save_assessment_answer(Q, "29232", 2026, "publication_visible", 4, None)
    store.submit_assessment(Q, "29232", 2026)
    store.close()


def test_export_csv_is_the_exchange_format_and_imports_elsewhere(  # type: ignore[no-untyped-def]
    cli, project: Path, tmp_path: Path
) -> None:
    submitted(project)
    out = tmp_path / "edition.csv"
    result = cli("assessment", "export", project, "--year", "2026", "--format", "csv", "-o", out)
    assert result.code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")), delimiter=";"))
    levels = {r["theme"]: r["level"] for r in rows}
    assert levels["politique"] == "2,5"  # (3 + 2) / 2, « je ne sais pas » left out
    assert {r["collectivite"] for r in rows} == {"29232"}
    assert {r["population"] for r in rows} == {"63000"}


def test_export_of_the_answers_as_csv(cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    submitted(project)
    result = cli("assessment", "export", project, "--year", "2026", "--answers")
    assert result.code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.out), delimiter=";"))
    first = next(r for r in rows if r["affirmation"] == "politique_adoptee")
    assert (first["level"], first["evidence"], first["theme"]) == (
        "3",
        "Délibération n° 12",
        "politique",
    )
    assert len(rows) == 15  # every affirmation, answered or not


def test_export_json_has_levels_answers_and_evidence(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    submitted(project)
    result = cli("assessment", "export", project, "--year", "2026", "--format", "json")
    assert result.code == 0, result.output
    [edition] = json.loads(result.out)["editions"]
    assert {
        "collectivite",
        "name",
        "status",
        "population",
        "year",
        "questionnaire",
        "levels",
        "answers",
        "submitted_at",
    } <= set(edition)
    assert edition["levels"]["politique"] == 2.5
    notes = {a["affirmation"]: a["evidence"] for a in edition["answers"]}
    assert notes["politique_adoptee"] == "Délibération n° 12"
    assert notes["role_referent"] == "à vérifier"


def test_export_of_an_edition_not_submitted_says_so(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("assessment", "export", project, "--year", "2025")
    assert result.code == 1
    assert "n'a pas été soumise" in result.output
    english = cli("--lang", "en", "assessment", "export", project, "--year", "2025")
    assert "has not been submitted" in english.output
