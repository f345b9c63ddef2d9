"""The catalog view through the real app script (AppTest), in French and English, for the
public and the team: cards, licences, freshness, coverage, columns, agreements, downloads."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from datacites_proto.i18n.formatting import Formatter
from tests.conftest import REPO
from tests.integration.app.test_public_pages import everything
from tests.support.apptest import app_for, open_page, texts

CATALOG = REPO / "tests" / "blueprints" / "catalog"
OPEN_AND_SHARED = ["Sites de comptage", "Comptages journaliers", "Visites estimées (opérateur)"]
RESTRICTED = "Signalements nominatifs des agents"
TODAY = "2026-12-01"
FR, EN = Formatter("fr"), Formatter("en")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The one clock of agreements, retention and freshness, fixed so figures hold any day.
    monkeypatch.setenv("DATACITES_TODAY", TODAY)
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOG, folder, ignore=shutil.ignore_patterns(".datacites"))
    return folder / "blueprint.yaml"


def in_english(blueprint: Path) -> Path:
    text = blueprint.read_text(encoding="utf-8")
    blueprint.write_text(text.replace("  lang: fr\n", "  lang: en\n"), encoding="utf-8")
    return blueprint


def day(fmt: Formatter, iso: str) -> str:
    """A date as the service writes it in that language."""
    return fmt.date(dt.date.fromisoformat(iso))


def public(blueprint: Path, slug: str = "a-propos") -> AppTest:
    at = open_page(app_for(blueprint), slug).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def team(blueprint: Path, slug: str = "catalogue-equipe") -> AppTest:
    script = blueprint.parent / "team_app.py"
    script.write_text(
        f"from datacites_proto.app.main import run\nrun({str(blueprint)!r}, audience='team')\n"
    )
    at = open_page(AppTest.from_file(str(script), default_timeout=60), slug).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def downloads(at: AppTest) -> list[str]:
    # The page's « Télécharger en PDF » aside (tests/integration/test_report_cli.py).
    buttons = at.get("download_button")
    return [b.proto.label for b in buttons if not b.key.endswith("report-pdf")]


@pytest.fixture
def made_files(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """What each deferred download button would make when clicked, by its file name.

    AppTest's media manager lives only while the script runs: the callables are kept as
    they are registered (the real method still runs)."""
    made: dict[str, Callable[[], Any]] = {}
    register = MediaFileManager.add_deferred

    def spy(self: MediaFileManager, data: Any, *args: Any, **kwargs: Any) -> str:
        made[kwargs["file_name"]] = data
        return register(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return made


def test_the_public_catalog_in_french(project: Path) -> None:
    at = public(project)
    text, shown = markdown(at), everything(at)
    # Headings in order: the page (h1), the catalogue (h2), each dataset (h3), sections (h4).
    assert [h.value for h in at.header] == ["Les jeux de données"]
    assert [s.value for s in at.subheader] == OPEN_AND_SHARED
    assert "#### Couverture" in text and "#### Dictionnaire des colonnes" in text
    # Producer, licence and its official text, access in plain words, last update.
    assert "- **Producteur** : Ville de Quimperlé" in text
    assert (
        "[Licence Ouverte 2.0 (Etalab) (texte officiel sur etalab.gouv.fr)]"
        "(https://www.etalab.gouv.fr/licence-ouverte-open-licence/)"
    ) in text
    assert "[ODbL 1.0 (texte officiel sur opendatacommons.org)]" in text
    assert "seuls des totaux portant sur au moins 11 unités sont publiés" in text
    assert "- **Dernière mise à jour** : 15 janv. 2020" in text
    assert "- **Rythme de mise à jour** : mensuel" in text
    # Monthly, last updated in January 2020: late since 15 February 2020.
    [late] = [w.value for w in at.warning if "retard" in w.value]
    assert late == (
        "En retard : la mise à jour était attendue le 15 févr. 2020 ; elle a 2\u202f481 jours de retard."
    )
    # Coverage computed from the data: extent, communes of the INSEE column, periods.
    assert "latitude de 47,87 à 47,899" in text
    assert "2 communes (colonne « fr_insee_code »)" in text
    assert f"Jour du comptage : du {day(FR, '2025-03-01')} au {day(FR, '2025-06-30')}" in text
    assert "Jour : du 5 janv. 2026 au 17 août 2026" in text
    # The column dictionary: a table with headers, labels, French types, units.
    assert "| Colonne | Libellé | Type | Unité | Description |" in text
    assert "| `site_name` | Lieu | texte | — | Nom d'usage du lieu. |" in text
    assert "| `passages` | Passages | nombre entier | passages | — |" in text
    # Personal columns: said to exist, never named, on a public page.
    for secret in ("gestionnaire_email", "device_hash", "agent.un@ville.fr"):
        assert secret not in shown
    personal = [c.value for c in at.caption if "données personnelles" in c.value]
    assert (
        personal
        == ["1 colonne contient des données personnelles : elle existe mais n'est jamais montrée."]
        * 2
    )
    # Restricted data: not even its existence.
    assert RESTRICTED not in shown and "signalements" not in shown
    # The shared dataset's agreement, summed up.
    assert "#### Convention de partage des visites estimées" in text
    assert (
        "- **Parties** : Ville de Quimperlé (SIREN 212902330, utilise les données) ; "
        "Opérateur Mobile (fournit les données)"
    ) in text
    assert "- **Objet** : Mesurer la fréquentation du centre-ville pendant les animations." in text
    assert f"- **Durée** : du {day(FR, '2026-01-01')} au {day(FR, '2099-12-31')}" in text
    assert "aucun total portant sur moins de 11 unités n'est publié" in text
    assert "- **Publication des agrégats** : autorisée" in text
    assert (
        "- **Conservation des données** : 365 jours, les lignes plus anciennes sont écartées"
        in text
    )
    # Open datasets only offer their download.
    assert downloads(at) == [
        "Télécharger « Sites de comptage » (CSV)",
        "Télécharger « Comptages journaliers » (CSV)",
    ]


def test_the_download_is_the_governed_rows_without_personal_columns(
    project: Path, made_files: dict[str, Callable[[], Any]]
) -> None:
    public(project)
    data = made_files["sites.csv"]().decode("utf-8-sig")
    lines = data.splitlines()
    assert lines[0] == "site_id;site_name;fr_insee_code;xlong;ylat"  # French CSV, no email
    assert len(lines) == 4 and "Place Saint-Michel" in data and "-3,5512" in data
    assert "@" not in data
    counts = made_files["comptages.csv"]().decode("utf-8-sig")
    assert len(counts.splitlines()) == 1 + 122 * 3  # every row, no page filter, no cut


def test_the_public_catalog_in_english(
    project: Path, made_files: dict[str, Callable[[], Any]]
) -> None:
    at = public(in_english(project))
    text = markdown(at)
    assert [h.value for h in at.header] == ["The datasets"]
    assert [s.value for s in at.subheader] == OPEN_AND_SHARED
    assert "- **Producer**: Ville de Quimperlé" in text
    assert (
        "[Licence Ouverte 2.0 (Etalab) (official text on etalab.gouv.fr)]"
        "(https://www.etalab.gouv.fr/wp-content/uploads/2018/11/open-licence.pdf)"
    ) in text
    assert "only totals over at least 11 units are published" in text
    assert "- **Last update**: 15 Jan 2020" in text
    [late] = [w.value for w in at.warning if "Late" in w.value]
    assert late.startswith("Late: the update was expected on 15 Feb 2020")
    assert "latitude from 47.87 to 47.899" in text
    assert "2 communes (column 'fr_insee_code')" in text
    assert f"Jour du comptage: from {day(EN, '2025-03-01')} to {day(EN, '2025-06-30')}" in text
    assert "| Column | Label | Type | Unit | Description |" in text
    assert "| `passages` | Passages | whole number | passages | — |" in text
    assert "1 column holds personal data: it exists but is never shown." in texts(at)
    assert f"- **Term**: from {day(EN, '2026-01-01')} to {day(EN, '2099-12-31')}" in text
    assert "- **Publication of aggregates**: allowed" in text
    assert RESTRICTED not in everything(at)
    assert downloads(at) == [
        "Download 'Sites de comptage' (CSV)",
        "Download 'Comptages journaliers' (CSV)",
    ]
    data = made_files["sites.csv"]().decode("utf-8")
    assert data.splitlines()[0] == "site_id,site_name,fr_insee_code,xlong,ylat"


def test_the_team_catalog_names_restricted_data_and_personal_columns(project: Path) -> None:
    at = team(project)
    text = markdown(at)
    assert [h.value for h in at.header] == ["Tous les jeux"]
    assert [s.value for s in at.subheader] == [*OPEN_AND_SHARED, RESTRICTED]
    assert "données réservées à l'équipe du service" in text
    assert "| `gestionnaire_email` | gestionnaire_email (donnée personnelle) | texte |" in text
    assert "| `device_hash` | device_hash (donnée personnelle) | texte |" in text
    # Still only open data to download, also for the team.
    assert downloads(at) == [
        "Télécharger « Sites de comptage » (CSV)",
        "Télécharger « Comptages journaliers » (CSV)",
    ]


def test_the_team_catalog_in_english(project: Path) -> None:
    at = team(in_english(project))
    assert [s.value for s in at.subheader] == [*OPEN_AND_SHARED, RESTRICTED]
    assert "data reserved to the service's team: never shown to the public." in markdown(at)


def test_a_dataset_whose_agreement_ended_is_withheld_from_the_public(project: Path) -> None:
    agreement = project.parent / "agreements" / "operateur.yaml"
    text = agreement.read_text(encoding="utf-8").replace("end: 2099-12-31", "end: 2020-12-31")
    agreement.write_text(text.replace("start: 2026-01-01", "start: 2020-01-01"), encoding="utf-8")
    at = public(project)
    # Still named, with its agreement and why its data is not shown; no coverage, no columns.
    assert [s.value for s in at.subheader] == OPEN_AND_SHARED
    withheld = [w.value for w in at.warning if "2020" in w.value and "retard" not in w.value]
    assert len(withheld) == 1 and "Données retenues" in withheld[0]
    shown = markdown(at)
    assert shown.count("#### Couverture") == 2
    assert shown.count("#### Dictionnaire des colonnes") == 2
    assert "Jour : du" not in shown
    assert f"- **Durée** : du {day(FR, '2020-01-01')} au {day(FR, '2020-12-31')}" in shown
    # The team still sees the data, under a notice that the agreement ended.
    at = team(project)
    [notice] = [w.value for w in at.warning if "a pris fin" in w.value]
    assert "2020" in notice and "Données retenues" not in notice
    assert markdown(at).count("#### Couverture") == 4


def test_restricted_data_whose_agreement_ended_stays_unnamed_in_public(project: Path) -> None:
    agreement = project.parent / "agreements" / "operateur.yaml"
    text = agreement.read_text(encoding="utf-8").replace("end: 2099-12-31", "end: 2020-12-31")
    agreement.write_text(text.replace("start: 2026-01-01", "start: 2020-01-01"), encoding="utf-8")
    blueprint = project.read_text(encoding="utf-8")
    assert blueprint.count("      access: shared\n") == 1
    project.write_text(blueprint.replace("      access: shared\n", "      access: restricted\n"))
    at = public(project)
    # The ended agreement is no reason to say that restricted data exists.
    assert [s.value for s in at.subheader] == OPEN_AND_SHARED[:2]
    assert "Visites estimées" not in everything(at) and "Données retenues" not in texts(at)
    at = team(project)
    assert [s.value for s in at.subheader] == [*OPEN_AND_SHARED, RESTRICTED]


def test_listed_datasets_in_their_order_without_columns_or_downloads(project: Path) -> None:
    text = project.read_text(encoding="utf-8")
    old = "      - {type: catalog}\n"
    assert text.count(old) == 1
    new = "      - {type: catalog, datasets: [comptages, sites], columns: false, download: false}\n"
    project.write_text(text.replace(old, new), encoding="utf-8")
    at = public(project)
    assert [s.value for s in at.subheader] == ["Comptages journaliers", "Sites de comptage"]
    assert "#### Dictionnaire des colonnes" not in markdown(at)
    assert "#### Couverture" in markdown(at)
    assert downloads(at) == []
