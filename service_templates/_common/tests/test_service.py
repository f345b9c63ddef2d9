"""Le prototype s'affiche sans erreur : chaque page, chaque filtre (comme `datacites test .`).

Lancez-le avec `python -m pytest tests` depuis le dossier du projet.
"""

from pathlib import Path

from datacites_proto.cli.apptest_runner import check_service

PROJECT = Path(__file__).resolve().parent.parent


def test_every_page_renders_without_error() -> None:
    report = check_service(PROJECT)
    failures = [
        f"{case.page} ({case.setting.label('fr')}) : {case.message}" for case in report.failures
    ]
    assert report.ok, "\n".join(report.problems + failures)
