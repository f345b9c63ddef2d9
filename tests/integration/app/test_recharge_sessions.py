"""The recharge example's shared sessions (AppTest): the « À propos des données » page sums
up the operator's agreement, in French and English, and the « Usage des bornes » page shows
public totals of at least 11 sessions without refusing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from tests.integration.app.test_catalog_view import EN, FR, day, downloads, markdown, public
from tests.support.apptest import texts

EXAMPLE = REPO / "examples" / "recharge"
AGREEMENT = yaml.safe_load(
    (EXAMPLE / "agreements" / "sessions-operateur.yaml").read_text(encoding="utf-8")
)
TODAY = "2026-12-01"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The one clock of agreements, retention and freshness, fixed so figures hold any day.
    monkeypatch.setenv("DATACITES_TODAY", TODAY)
    folder = tmp_path / "recharge"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".datacites"))
    return folder / "blueprint.yaml"


def public_sessions(at: AppTest) -> int:
    """The « Sessions de recharge » figure the page shows, as a number."""
    [value] = [m.value for m in at.metric if m.label == "Sessions de recharge"]
    return int(value.removesuffix(" sessions").replace("\u202f", ""))


def test_the_about_page_sums_up_the_operator_agreement(project: Path) -> None:
    at = public(project)
    text = markdown(at)
    assert "Sessions de recharge (opérateur)" in [s.value for s in at.subheader]
    assert "#### Convention de partage des sessions de recharge" in text
    assert (
        "- **Parties** : Concarneau Cornouaille Agglomération (SIREN 242900769, utilise les "
        "données) ; Breizh Recharge SAS (fournit les données)"
    ) in text
    assert f"- **Objet** : {AGREEMENT['purpose']}" in text
    start, end = AGREEMENT["start"].isoformat(), AGREEMENT["end"].isoformat()
    assert f"- **Durée** : du {day(FR, start)} au {day(FR, end)}" in text
    assert "aucun total portant sur moins de 11 unités n'est publié" in text
    assert "- **Publication des agrégats** : autorisée" in text
    assert "- **Conservation des données** : 1\u202f095 jours" in text
    assert "- **Rythme de mise à jour** : annuel" in text
    # Coverage from the data: the shared year of sessions.
    assert f"du {day(FR, '2025-12-01')} au {day(FR, '2026-11-30')}" in text
    # Shared data is summed up, never offered for download.
    assert downloads(at) == [
        "Télécharger « Points de recharge (IRVE) » (CSV)",
        "Télécharger « Parkings » (CSV)",
        "Télécharger « Population des communes » (CSV)",
    ]


@pytest.mark.parametrize("today", ["2026-12-01", "2027-11-30"])
def test_the_example_stays_valid_and_up_to_date_through_2027(
    project: Path, monkeypatch: pytest.MonkeyPatch, today: str
) -> None:
    """No late warning, no ended agreement, no session dropped by retention: the example's
    pages render without notices on any day up to the end of November 2027."""
    monkeypatch.setenv("DATACITES_TODAY", today)
    at = public(project)
    assert [w.value for w in at.warning] == []
    assert "À jour" in texts(at)
    usage = public(project, "usage")
    assert [w.value for w in usage.warning] == [] and not usage.error
    assert "limitées aux 1\u202f095 derniers jours" in texts(usage)
    # Retention drops nothing (a month of sessions is 6 % of the year), protection little.
    assert public_sessions(usage) >= 0.99 * 30_000


def test_the_about_page_in_english(project: Path) -> None:
    text = project.read_text(encoding="utf-8")
    assert text.count("  lang: fr\n") == 1
    project.write_text(text.replace("  lang: fr\n", "  lang: en\n"), encoding="utf-8")
    shown = markdown(public(project))
    start, end = AGREEMENT["start"].isoformat(), AGREEMENT["end"].isoformat()
    assert f"- **Term**: from {day(EN, start)} to {day(EN, end)}" in shown
    assert "- **Publication of aggregates**: allowed" in shown
    assert "Breizh Recharge SAS" in shown


def test_the_usage_page_shows_public_totals_of_the_sessions(project: Path) -> None:
    at = public(project, "usage")
    assert not at.error, [e.value for e in at.error]
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == {
        "Sessions de recharge",
        "Énergie délivrée",
        "Durée moyenne d'une session",
        "Énergie moyenne par session",
    }
    # Small groups (a few sessions in a small commune in a month) are left out, and said.
    assert 0.99 * 30_000 <= public_sessions(at) < 30_000
    assert "ne sont pas comptées sur les pages publiques" in texts(at)
    assert "groupes de moins de 11" in texts(at)
