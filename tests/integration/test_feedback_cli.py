"""`datacites feedback export|purge PATH` against a real store (DATACITES_STORE_URL)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from datacites_proto.store import STORE_ENV, Store

BLUEPRINT = """\
datacites: 1
service: {id: avis-cli, title: Avis, retention_days: 30}
datasets:
  sites: {source: {type: csv, path: sites.csv}}
pages:
  - title: Votre avis
    slug: votre-avis
    views: [{type: feedback}]
"""


@pytest.fixture
def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Store]:
    folder = tmp_path / "avis"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    (folder / "sites.csv").write_text("site;n\nA;1\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv(STORE_ENV, url)
    store = Store.open(url)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    store.add_feedback(
        "avis-cli", page="votre-avis", rating=5, comment="Récent ; « super »", at=now
    )
    store.add_feedback(
        "avis-cli", page="votre-avis", rating=2, comment="=1+1", at=now - dt.timedelta(days=10)
    )
    store.add_feedback("avis-cli", page="votre-avis", rating=1, at=now - dt.timedelta(days=40))
    store.add_event("avis-cli", "s", "page_view", "votre-avis", at=now - dt.timedelta(days=40))
    store.add_feedback("autre-service", page="x", rating=3, at=now - dt.timedelta(days=400))
    yield folder, store
    store.close()


def test_export_csv_to_a_file(cli, service, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, _ = service
    out = tmp_path / "avis.csv"
    result = cli("feedback", "export", folder, "--format", "csv", "-o", out)
    assert result.code == 0, result.output
    assert "3 avis exportés" in result.err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["comment"] for r in rows] == ["Récent ; « super »", "'=1+1", ""]
    assert [r["rating"] for r in rows] == ["5", "2", "1"]


def test_export_json_to_the_screen(cli, service) -> None:  # type: ignore[no-untyped-def]
    folder, _ = service
    result = cli("feedback", "export", folder / "blueprint.yaml", "--format", "json")
    assert result.code == 0, result.output
    records = json.loads(result.out)
    assert [r["rating"] for r in records] == [5, 2, 1]
    assert records[0]["page"] == "votre-avis"
    assert records[0]["created_at"].endswith("Z")


def test_purge_uses_the_retention_then_days(cli, service) -> None:  # type: ignore[no-untyped-def]
    folder, store = service
    result = cli("feedback", "purge", folder)  # retention_days: 30
    assert result.code == 0, result.output
    assert "Supprimés : 1 avis et 1 mesures d'usage de plus de 30 jours" in result.out
    assert [r["rating"] for r in store.feedback_rows("avis-cli")] == [5, 2]
    result = cli("--lang", "en", "feedback", "purge", folder, "--days", "5")
    assert result.code == 0, result.output
    assert "Deleted: 1 feedback entries and 0 usage measures older than 5 days" in result.out
    assert [r["rating"] for r in store.feedback_rows("avis-cli")] == [5]
    assert len(store.feedback_rows("autre-service")) == 1  # another service's rows stay


def test_a_bad_store_url_is_a_message_not_a_traceback(
    cli, service, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    folder, _ = service
    monkeypatch.setenv(STORE_ENV, "oracle://u@h/db")
    result = cli("feedback", "export", folder)
    assert result.code == 1
    assert "désigne une base « oracle »" in result.err
    assert "Traceback" not in result.output
