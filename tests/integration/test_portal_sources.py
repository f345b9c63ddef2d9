"""data.gouv.fr and Opendatasoft sources end to end: download once, load, compute, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from datacites_proto import load_blueprint
from datacites_proto.engine.service import Service
from tests.support.fake_portals import IRVE_CSV_ID, IRVE_ID, ODS_DATASET, STATIONS, fake_portal

BLUEPRINT = """\
datacites: 1
service: {{id: recharge, title: Recharge}}
datasets:
  irve:
    source: {{type: datagouv, dataset: "{dataset}", resource: "{resource}", api_url: "{api}"}}
    columns: {{puissance_nominale_kw: number}}
  bornes:
    source: {{type: opendatasoft, portal: "{portal}", dataset: {ods}, format: csv}}
indicators:
  points: {{label: Points, dataset: irve, measure: count(*)}}
  rapides: {{label: Rapides, dataset: irve, measure: share(puissance_nominale_kw >= 50)}}
  points_ods: {{label: Points ODS, dataset: bornes, measure: count(*)}}
  puissance: {{label: Puissance, dataset: bornes, measure: sum(puissance_nominale_kw)}}
pages:
  - title: Accueil
    views: [{{type: kpi, indicator: points}}]
"""


def write(tmp_path: Path, portal: object) -> Path:
    path = tmp_path / "blueprint.yaml"
    path.write_text(
        BLUEPRINT.format(
            dataset=IRVE_ID,
            resource=IRVE_CSV_ID,
            api=portal.datagouv_api,  # type: ignore[attr-defined]
            portal=portal.ods_portal,  # type: ignore[attr-defined]
            ods=ODS_DATASET,
        ),
        encoding="utf-8",
    )
    return path


def test_download_load_compute_then_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fake_portal() as portal:
        path = write(tmp_path, portal)
        blueprint = load_blueprint(path)
        with Service.from_blueprint(blueprint) as service:
            assert service.compute("points")["points"].iloc[0] == len(STATIONS)
            fast = sum(s["puissance_nominale_kw"] >= 50 for s in STATIONS) / len(STATIONS)
            assert service.compute("rapides")["rapides"].iloc[0] == pytest.approx(fast)
            assert service.compute("points_ods")["points_ods"].iloc[0] == len(STATIONS)
            total = sum(s["puissance_nominale_kw"] for s in STATIONS)
            assert service.compute("puissance")["puissance"].iloc[0] == pytest.approx(total)
            # The INSEE code keeps its leading characters as text.
            assert service.table("irve").columns["code_insee_commune"] == "string"
        requests = portal.total_requests() if hasattr(portal, "total_requests") else None
    # The portal is gone: the cached copies still serve, with no network at all.
    monkeypatch.setenv("DATACITES_OFFLINE", "1")
    with Service.from_blueprint(load_blueprint(path)) as service:
        assert service.compute("points")["points"].iloc[0] == len(STATIONS)
    assert requests is None or requests > 0
    # Validation now reads the columns of the cached copy.
    assert load_blueprint(path).datasets["irve"].source.detect_columns(tmp_path) is not None


def test_portal_gone_and_copies_too_old_the_service_uses_them_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("DATACITES_OFFLINE", raising=False)
    with fake_portal() as portal:
        path = write(tmp_path, portal)
        text = path.read_text(encoding="utf-8")
        # Every copy is too old at once: each load asks the portal again.
        text = text.replace('api_url: "', 'max_age_days: 0, api_url: "')
        text = text.replace("format: csv}", "format: csv, max_age_days: 0}")
        path.write_text(text, encoding="utf-8")
        with Service.from_blueprint(load_blueprint(path)) as service:
            assert service.compute("points")["points"].iloc[0] == len(STATIONS)
            assert service.compute("points_ods")["points_ods"].iloc[0] == len(STATIONS)
    # No DATACITES_OFFLINE: the refresh is tried, fails (nobody listens), the copies serve.
    logger = "datacites_proto.sources.download_cache"
    with (
        caplog.at_level("WARNING", logger=logger),
        Service.from_blueprint(load_blueprint(path)) as service,
    ):
        assert service.compute("points")["points"].iloc[0] == len(STATIONS)
        assert service.compute("points_ods")["points_ods"].iloc[0] == len(STATIONS)
    notices = [r.getMessage() for r in caplog.records]
    assert any("irve-statique.csv" in n for n in notices), notices
    assert any("opendatasoft" in n for n in notices), notices
