"""`datacites validate --data`: experiments checked against the loaded data, located, fr/en."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from datacites_proto.cli.main import main

BLUEPRINT = """\
datacites: 1
service: {id: essai-exp-data, title: Essai}
datasets:
  sites:
    source: {type: csv, path: sites.csv}
    columns: {site_id: string, site_name: string, zone: string}
    key: site_id
  measures:
    source: {type: csv, path: measures.csv}
    columns: {site_id: string, day: date, count: integer}
relations:
  - measures.site_id -> sites.site_id
indicators:
  passages: {label: Passages, dataset: measures, measure: sum(count)}
pages:
  - title: Accueil
    views: [{type: kpi, indicator: passages}]
experiments:
  too_late:
    title: Après les données
    indicator: passages
    intervention: 2027-01-15
    treated: "sites.site_name = 'Rue Savary'"
  overlapping:
    title: Témoin qui recoupe
    indicator: passages
    intervention: 2026-03-01
    treated: "sites.zone = 'centre'"
    control: "sites.site_name in ('Rue Alpha', 'Rue Beta')"
  waiting:
    title: Prévue
    indicator: passages
    intervention: 2027-01-15
    treated: "sites.site_name = 'Rue Savary'"
    control: "sites.site_name = 'Rue Beta'"
    status: planned
"""


def write_project(folder: Path, blueprint: str = BLUEPRINT) -> Path:
    (folder / "blueprint.yaml").write_text(blueprint, encoding="utf-8")
    pd.DataFrame(
        {
            "site_id": ["s1", "s2", "s3"],
            "site_name": ["Rue Savary", "Rue Alpha", "Rue Beta"],
            "zone": ["centre", "centre", "nord"],  # Rue Alpha is in the centre too
        }
    ).to_csv(folder / "sites.csv", index=False)
    days = pd.date_range("2026-01-01", "2026-06-30", freq="D")
    pd.DataFrame(
        [(site, day.date().isoformat(), 100) for site in ("s1", "s2", "s3") for day in days],
        columns=["site_id", "day", "count"],
    ).to_csv(folder / "measures.csv", index=False)
    return folder / "blueprint.yaml"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out + err


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_the_intervention_outside_the_data_and_overlapping_units_are_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_project(tmp_path)
    code, out = run(["validate", "--data", "--format", "json", str(path)], capsys)
    assert code == 1
    (report,) = json.loads(out)["files"]
    problems = {p["code"]: p for p in report["errors"]}
    assert set(problems) == {
        "experiment_intervention_outside_data",
        "experiment_units_overlap_rows",
    }, out
    late = problems["experiment_intervention_outside_data"]
    assert late["line"] == line_of(path, "intervention: 2027-01-15")
    overlap = problems["experiment_units_overlap_rows"]
    assert overlap["line"] == line_of(path, 'control: "sites.site_name in')
    # Rue Alpha's 181 days are both "centre" (treated) and in the control list.
    assert "181 lignes" in overlap["message"]
    assert overlap["path"] == ["experiments", "overlapping", "control"]


def test_messages_in_french_and_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_project(tmp_path)
    code, fr = run(["validate", "--data", str(path)], capsys)
    assert code == 1
    assert "L'intervention du 2027-01-15 tombe hors des données" in fr
    assert "181 lignes du jeu « measures » répondent aux deux conditions" in fr
    code, en = run(["--lang", "en", "validate", "--data", str(path)], capsys)
    assert "The intervention of 2027-01-15 falls outside the data" in en
    assert "181 rows of the dataset 'measures' meet both conditions" in en


def test_a_clean_experiment_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = BLUEPRINT.split("experiments:")[0] + (
        "experiments:\n"
        "  fine:\n"
        "    title: Bien\n"
        "    indicator: passages\n"
        "    intervention: 2026-04-01\n"
        "    treated: \"sites.site_name = 'Rue Savary'\"\n"
        "    control: \"sites.zone = 'nord'\"\n"
    )
    code, out = run(["validate", "--data", str(write_project(tmp_path, clean))], capsys)
    assert code == 0, out
