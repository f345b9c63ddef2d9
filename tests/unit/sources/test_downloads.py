"""Remote sources fetched once into the cache: real HTTP against a fake portal on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import socket
import string
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import datacites_proto
from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.i18n import en, fr
from datacites_proto.sources import download_cache, http
from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.datagouv import DataGouvSource
from datacites_proto.sources.download_cache import SIDECAR, FetchedFile, project_cache_dir
from datacites_proto.sources.download_errors import (
    DOWNLOAD_ERROR_CODES,
    DOWNLOAD_WARNING_CODES,
    DownloadError,
)
from datacites_proto.sources.download_names import file_name
from datacites_proto.sources.http import Retries, Timeouts
from datacites_proto.sources.opendatasoft import OpendatasoftSource
from datacites_proto.sources.portals.datagouv import datagouv_folder, fetch_datagouv
from datacites_proto.sources.portals.opendatasoft import fetch_opendatasoft, opendatasoft_folder
from tests.support.fake_portals import (
    IRVE_CSV_ID,
    IRVE_CSV_TITLE,
    IRVE_FILE_URL_ID,
    IRVE_GEOJSON_ID,
    IRVE_ID,
    IRVE_LATEST_ID,
    IRVE_NO_FORMAT_ID,
    IRVE_PARQUET_ID,
    IRVE_SLUG,
    IRVE_TITLE,
    IRVE_XLSX_ID,
    IRVE_ZIP_ID,
    ODS_DATASET,
    ODS_LICENSE,
    ODS_PUBLISHER,
    ODS_TITLE,
    STATIONS,
    FakePortal,
    Reply,
    fake_portal,
    irve_dataset,
)

T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
DATASET_PATH = f"/api/1/datasets/{IRVE_ID}/"
CSV_PATH = "/files/irve-statique.csv"
ODS_BASE = f"/api/explore/v2.1/catalog/datasets/{ODS_DATASET}"
FAST = Timeouts(connect=2, read=0.3)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATACITES_OFFLINE", "DATACITES_ODS_APIKEY", "DATACITES_MAX_DOWNLOAD_MB"):
        monkeypatch.delenv(name, raising=False)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def portal() -> Iterator[FakePortal]:
    with fake_portal() as running:
        yield running


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def dg(portal: FakePortal, resource: str = IRVE_CSV_ID, **kwargs: Any) -> DataGouvSource:
    kwargs.setdefault("dataset", IRVE_ID)
    return DataGouvSource(resource=resource, api_url=portal.datagouv_api, **kwargs)


def ods(portal: FakePortal, **kwargs: Any) -> OpendatasoftSource:
    kwargs.setdefault("dataset", ODS_DATASET)
    return OpendatasoftSource(portal=portal.ods_portal, **kwargs)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def raises(code: str, call: Callable[[], Any]) -> DownloadError:
    """The DownloadError `call` raises, checked to be `code` and fully translated."""
    with pytest.raises(DownloadError) as info:
        call()
    exc = info.value
    assert exc.code == code, exc.message("en")
    assert placeholders(fr.MESSAGES[code]) == set(exc.params), code
    for lang in ("fr", "en"):
        text = exc.message(lang)
        assert "{" not in text and code not in text, text
    return exc


def data_files(folder: Path) -> list[str]:
    """Everything in a cache folder but the sidecar."""
    return sorted(p.name for p in folder.iterdir() if p.name != SIDECAR) if folder.exists() else []


# ---------------------------------------------------------------- data.gouv.fr


def test_first_fetch_downloads_and_writes_the_sidecar(portal: FakePortal, cache: Path) -> None:
    source = dg(portal)
    fetched = fetch_datagouv(source, cache, now=T0)

    folder = datagouv_folder(source, cache)
    assert folder.parent == cache / "downloads" / "datagouv"
    assert fetched.path == folder / "irve-statique.csv"
    assert fetched.path.read_bytes() == portal.files["irve-statique.csv"]
    assert fetched.format == "csv"
    assert fetched.fetched_at == T0
    assert fetched.url == f"{portal.url}{CSV_PATH}"
    assert fetched.from_cache is False and fetched.stale is False
    assert fetched.licence == "lov2"
    assert fetched.title == IRVE_TITLE
    assert fetched.producer == "Etalab"
    assert fetched.modified == "2024-05-02T08:00:00.000000+00:00"
    assert portal.count(DATASET_PATH) == 1 and portal.count(CSV_PATH) == 1

    sidecar = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
    assert sidecar["file"] == "irve-statique.csv"
    assert sidecar["url"] == fetched.url
    assert sidecar["format"] == "csv"
    assert datetime.fromisoformat(sidecar["fetched_at"]) == T0
    assert sidecar["etag"].startswith('"') and sidecar["last_modified"]
    assert sidecar["licence"] == "lov2" and sidecar["title"] == IRVE_TITLE
    assert sidecar["source"]["resource_id"] == IRVE_CSV_ID
    assert data_files(folder) == ["irve-statique.csv"]  # no temporary file left


def test_second_fetch_makes_no_request(portal: FakePortal, cache: Path) -> None:
    first = fetch_datagouv(dg(portal), cache, now=T0)
    before = portal.count()
    again = fetch_datagouv(dg(portal), cache, now=T0 + timedelta(days=400))
    assert portal.count() == before
    assert again.from_cache is True and again.stale is False
    assert (again.path, again.fetched_at, again.url) == (first.path, T0, first.url)
    assert (again.licence, again.title, again.producer) == ("lov2", IRVE_TITLE, "Etalab")


def test_the_dataset_slug_works_too(portal: FakePortal, cache: Path) -> None:
    fetched = fetch_datagouv(dg(portal, dataset=IRVE_SLUG), cache, now=T0)
    assert fetched.path.read_bytes() == portal.files["irve-statique.csv"]


def test_max_age_days_refetches_only_when_the_copy_is_older(
    portal: FakePortal, cache: Path
) -> None:
    source = dg(portal, max_age_days=7)
    fetch_datagouv(source, cache, now=T0)
    young = fetch_datagouv(source, cache, now=T0 + timedelta(days=6))
    assert young.from_cache and portal.count(DATASET_PATH) == 1

    portal.files["irve-statique.csv"] += b"FRS35NEW,Nouvelle,35238,11.0,False,-1.6,48.1\r\n"
    old = T0 + timedelta(days=8)
    refreshed = fetch_datagouv(source, cache, now=old)
    assert portal.count(DATASET_PATH) == 2 and portal.count(CSV_PATH) == 2
    assert refreshed.from_cache is False and refreshed.fetched_at == old
    assert b"Nouvelle" in refreshed.path.read_bytes()
    # the conditional request carried the previous ETag
    assert portal.seen(CSV_PATH)[1].headers.get("if-none-match")


def test_an_unchanged_file_is_not_downloaded_again(portal: FakePortal, cache: Path) -> None:
    source = dg(portal, max_age_days=1)
    first = fetch_datagouv(source, cache, now=T0)
    later = T0 + timedelta(days=3)
    refreshed = fetch_datagouv(source, cache, now=later)  # the server answers 304
    assert portal.count(CSV_PATH) == 2
    assert refreshed.path == first.path and refreshed.fetched_at == later
    assert refreshed.from_cache is False
    assert refreshed.path.read_bytes() == portal.files["irve-statique.csv"]
    # the new date is recorded: no request until the copy is old again
    fetch_datagouv(source, cache, now=later + timedelta(hours=12))
    assert portal.count(CSV_PATH) == 2


def test_a_failed_refresh_keeps_the_old_copy_as_stale(portal: FakePortal, cache: Path) -> None:
    source = dg(portal, max_age_days=1)
    first = fetch_datagouv(source, cache, now=T0)
    content = first.path.read_bytes()
    portal.fail(DATASET_PATH, 503)

    fetched = fetch_datagouv(source, cache, now=T0 + timedelta(days=10))
    assert fetched.stale is True and fetched.from_cache is True
    assert fetched.path == first.path and fetched.path.read_bytes() == content
    assert fetched.fetched_at == T0
    assert fetched.refresh_error is not None
    assert fetched.refresh_error.code == "download_server_error"
    warning = fetched.warning("blueprint.yaml", 12)
    assert warning is not None
    assert (warning.code, warning.severity, warning.line) == ("download_stale_copy", "warning", 12)
    assert "503" in warning.message("fr") and "2026-01-05" in warning.message("fr")
    assert "{" not in warning.message("en")


def test_a_fresh_copy_has_no_warning(portal: FakePortal, cache: Path) -> None:
    assert fetch_datagouv(dg(portal), cache, now=T0).warning() is None


def test_offline_without_a_copy_says_where_to_put_the_file(portal: FakePortal, cache: Path) -> None:
    source = dg(portal)
    exc = raises("download_offline_no_cache", lambda: fetch_datagouv(source, cache, offline=True))
    assert portal.count() == 0
    folder = datagouv_folder(source, cache)
    assert exc.params["folder"] == str(folder)
    assert "déposez le fichier dans" in exc.message("fr")
    problem = exc.problem("blueprint.yaml", 7)
    assert (problem.file, problem.line, problem.code) == ("blueprint.yaml", 7, exc.code)

    # a file put there by hand is then used, still offline
    folder.mkdir(parents=True)
    (folder / "bornes.csv").write_bytes(portal.files["irve-statique.csv"])
    fetched = fetch_datagouv(source, cache, offline=True)
    assert fetched.path == folder / "bornes.csv" and fetched.format == "csv"
    assert fetched.from_cache and portal.count() == 0


def test_offline_with_a_copy_never_touches_the_network(portal: FakePortal, cache: Path) -> None:
    source = dg(portal, max_age_days=1)
    fetch_datagouv(source, cache, now=T0)
    before = portal.count()
    fresh = fetch_datagouv(source, cache, now=T0 + timedelta(hours=1), offline=True)
    assert fresh.from_cache and not fresh.stale
    old = fetch_datagouv(source, cache, now=T0 + timedelta(days=5), offline=True)
    assert old.stale is True and old.refresh_error is None
    warning = old.warning()
    assert warning is not None and warning.code == "download_stale_offline"
    assert portal.count() == before


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_datacites_offline_variable(
    portal: FakePortal, cache: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("DATACITES_OFFLINE", value)
    raises("download_offline_no_cache", lambda: fetch_datagouv(dg(portal), cache))
    raises("download_offline_no_cache", lambda: fetch_opendatasoft(ods(portal), cache))
    assert portal.count() == 0
    monkeypatch.setenv("DATACITES_OFFLINE", "0")
    assert fetch_datagouv(dg(portal), cache).from_cache is False


def test_resource_by_exact_title(portal: FakePortal, cache: Path) -> None:
    fetched = fetch_datagouv(dg(portal, resource=IRVE_CSV_TITLE), cache, now=T0)
    assert fetched.path.read_bytes() == portal.files["irve-statique.csv"]


def test_unknown_resource_lists_titles_and_suggests(portal: FakePortal, cache: Path) -> None:
    source = dg(portal, resource="Consolidation IRVE statique (csv)")
    exc = raises("download_resource_not_found", lambda: fetch_datagouv(source, cache))
    assert IRVE_CSV_TITLE in exc.params["available"]
    assert IRVE_CSV_TITLE in exc.suggestions
    message = exc.problem().message("fr")
    assert "Vouliez-vous dire" in message and IRVE_CSV_TITLE in message
    assert not datagouv_folder(source, cache).exists() or not data_files(
        datagouv_folder(source, cache)
    )


def test_two_resources_with_the_same_title_are_ambiguous(portal: FakePortal, cache: Path) -> None:
    dataset = irve_dataset(portal.url)
    dataset["id"], dataset["slug"] = "doublons", None
    dataset["resources"][1]["title"] = IRVE_CSV_TITLE
    portal.add_datagouv_dataset(dataset)
    source = dg(portal, dataset="doublons", resource=IRVE_CSV_TITLE)
    exc = raises("download_resource_ambiguous", lambda: fetch_datagouv(source, cache))
    assert IRVE_CSV_ID in exc.params["ids"] and IRVE_PARQUET_ID in exc.params["ids"]


@pytest.mark.parametrize(
    ("resource", "declared", "expected", "name"),
    [
        (IRVE_CSV_ID, None, "csv", "irve-statique.csv"),
        (IRVE_PARQUET_ID, None, "parquet", "irve-statique.parquet"),
        (IRVE_GEOJSON_ID, None, "geojson", "irve-statique.json"),  # "json" holding GeoJSON
        (IRVE_XLSX_ID, None, "excel", "bornes-communes.xlsx"),
        (IRVE_NO_FORMAT_ID, None, "csv", "export-bornes.csv"),  # from the URL's extension
        (IRVE_GEOJSON_ID, "geojson", "geojson", "irve-statique.geojson"),  # the blueprint's
    ],
)
def test_format_inference(
    portal: FakePortal,
    cache: Path,
    resource: str,
    declared: str | None,
    expected: str,
    name: str,
) -> None:
    fetched = fetch_datagouv(dg(portal, resource=resource, format=declared), cache, now=T0)
    assert fetched.format == expected
    assert fetched.path.name == name
    again = fetch_datagouv(dg(portal, resource=resource, format=declared), cache)
    assert (again.format, again.from_cache) == (expected, True)


def test_a_plain_json_resource_stays_json(portal: FakePortal, cache: Path) -> None:
    url = portal.add_file("comptages.json", b'[{"site": "A", "count": 3}]')
    dataset = irve_dataset(portal.url)
    dataset["id"], dataset["slug"] = "comptages", None
    dataset["resources"][0].update(url=url, format="JSON")
    portal.add_datagouv_dataset(dataset)
    fetched = fetch_datagouv(dg(portal, dataset="comptages"), cache, now=T0)
    assert fetched.format == "json" and fetched.path.suffix == ".json"


def test_unsupported_format_asks_for_one(portal: FakePortal, cache: Path) -> None:
    exc = raises(
        "download_unknown_format", lambda: fetch_datagouv(dg(portal, resource=IRVE_ZIP_ID), cache)
    )
    assert exc.params["format"] == "zip"
    assert portal.count("/files/archive.zip") == 0


def test_redirects_are_followed(portal: FakePortal, cache: Path) -> None:
    fetched = fetch_datagouv(dg(portal, resource=IRVE_LATEST_ID), cache, now=T0)
    assert fetched.path.read_bytes() == portal.files["irve-statique.csv"]
    assert portal.count(f"/api/1/datasets/r/{IRVE_CSV_ID}") == 1 and portal.count(CSV_PATH) == 1


def test_files_may_live_on_another_host(cache: Path) -> None:
    with fake_portal() as files, fake_portal(files_base=files.url) as api:
        fetched = fetch_datagouv(dg(api), cache, now=T0)
        assert fetched.url.startswith(files.url)
        assert fetched.path.read_bytes() == files.files["irve-statique.csv"]
        assert api.count(CSV_PATH) == 0 and files.count(CSV_PATH) == 1


def test_user_agent_is_sent(portal: FakePortal, cache: Path) -> None:
    fetch_datagouv(dg(portal), cache, now=T0)
    fetch_opendatasoft(ods(portal), cache, now=T0)
    agent = f"datacites-proto/{datacites_proto.__version__}"
    assert portal.requests and all(r.headers["user-agent"] == agent for r in portal.requests)
    assert all("authorization" not in r.headers for r in portal.requests)


def test_the_server_file_name_is_never_trusted(portal: FakePortal, cache: Path) -> None:
    body = portal.files["irve-statique.csv"]
    portal.override(
        CSV_PATH,
        Reply(200, body, {"Content-Disposition": 'attachment; filename="../../evil.sh"'}),
    )
    fetched = fetch_datagouv(dg(portal), cache, now=T0)
    assert fetched.path.name == "irve-statique.csv"
    assert not any(p.name == "evil.sh" for p in cache.rglob("*"))


@pytest.mark.parametrize(
    "url",
    [
        "https://h/a/..%2F..%2Fetc%2Fpasswd.csv",
        "https://h/a/%2Fetc%2Fpasswd",
        "https://h/..",
        "https://h/",
        "https://h/files/.hidden.csv",
        "https://h/files/Données%20été%202024.CSV",
    ],
)
def test_local_file_names_are_safe(url: str) -> None:
    name = file_name(url, "Ressource", ".csv")
    assert name.endswith(".csv") and not name.startswith(".")
    assert "/" not in name and "\\" not in name and ".." not in name
    assert Path(name).name == name


def test_a_sidecar_naming_a_path_outside_the_folder_is_ignored(
    portal: FakePortal, cache: Path, tmp_path: Path
) -> None:
    source = dg(portal)
    fetch_datagouv(source, cache, now=T0)
    folder = datagouv_folder(source, cache)
    secret = tmp_path / "secret.csv"
    secret.write_text("a;b\n1;2\n")
    sidecar = json.loads((folder / SIDECAR).read_text())
    sidecar["file"] = "../../../secret.csv"
    (folder / SIDECAR).write_text(json.dumps(sidecar))
    fetched = fetch_datagouv(source, cache, offline=True)
    assert fetched.path.parent == folder  # the data file of the folder, not the named one


def test_concurrent_fetches_download_once(portal: FakePortal, cache: Path) -> None:
    portal.slow(CSV_PATH, 0.2, times=1)
    results: list[FetchedFile] = []
    threads = [
        threading.Thread(target=lambda: results.append(fetch_datagouv(dg(portal), cache)))
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 3 and portal.count(CSV_PATH) == 1
    assert sum(not r.from_cache for r in results) == 1


# ---------------------------------------------------------------- errors


def test_unknown_dataset_is_named(portal: FakePortal, cache: Path) -> None:
    source = dg(portal, dataset="bornes-irve-inexistant")
    exc = raises("download_dataset_not_found", lambda: fetch_datagouv(source, cache))
    assert exc.params["dataset"] == "bornes-irve-inexistant"
    assert "bornes-irve-inexistant" in exc.message("fr")


def test_server_errors(portal: FakePortal, cache: Path) -> None:
    portal.fail(DATASET_PATH, 500)
    exc = raises("download_server_error", lambda: fetch_datagouv(dg(portal), cache))
    assert exc.params["status"] == 500


def test_a_missing_file_is_an_http_error(portal: FakePortal, cache: Path) -> None:
    portal.fail(CSV_PATH, 404)
    exc = raises("download_http_error", lambda: fetch_datagouv(dg(portal), cache))
    assert exc.params["status"] == 404 and exc.params["url"].endswith(CSV_PATH)


def test_slow_api_times_out(portal: FakePortal, cache: Path) -> None:
    portal.slow(DATASET_PATH, 1.5)
    started = time.monotonic()
    exc = raises("download_timeout", lambda: fetch_datagouv(dg(portal), cache, timeouts=FAST))
    assert time.monotonic() - started < 1.4
    assert exc.params["seconds"] == "0.3"


def test_slow_file_times_out_and_leaves_nothing(portal: FakePortal, cache: Path) -> None:
    portal.slow(CSV_PATH, 1.5)
    source = dg(portal)
    raises("download_timeout", lambda: fetch_datagouv(source, cache, timeouts=FAST))
    assert data_files(datagouv_folder(source, cache)) == []


def test_a_body_that_stalls_times_out_and_leaves_nothing(portal: FakePortal, cache: Path) -> None:
    portal.stall(CSV_PATH, after=30, seconds=1.5)
    source = dg(portal)
    raises("download_timeout", lambda: fetch_datagouv(source, cache, timeouts=FAST))
    assert data_files(datagouv_folder(source, cache)) == []


def test_a_slow_but_steady_answer_is_not_a_timeout(portal: FakePortal, cache: Path) -> None:
    portal.slow(CSV_PATH, 0.5)  # longer than the connect timeout, shorter than the read one
    fetched = fetch_datagouv(dg(portal), cache, timeouts=Timeouts(connect=0.2, read=2))
    assert fetched.path.exists()


def test_unreachable_server_is_a_network_error(cache: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = DataGouvSource(
        dataset=IRVE_ID, resource=IRVE_CSV_ID, api_url=f"http://127.0.0.1:{port}/api/1/"
    )
    raises("download_network_error", lambda: fetch_datagouv(source, cache, timeouts=FAST))


def test_invalid_json_from_the_api(portal: FakePortal, cache: Path) -> None:
    portal.invalid_json(DATASET_PATH)
    exc = raises("download_invalid_json", lambda: fetch_datagouv(dg(portal), cache))
    assert "line 1" in exc.params["detail"]


def test_json_of_the_wrong_shape(portal: FakePortal, cache: Path) -> None:
    portal.override(DATASET_PATH, Reply(200, b'{"id": "x", "resources": "none"}'))
    raises("download_bad_response", lambda: fetch_datagouv(dg(portal), cache))
    portal.override(DATASET_PATH, Reply(200, b"[1, 2]"))
    raises("download_bad_response", lambda: fetch_datagouv(dg(portal), cache))


@pytest.mark.parametrize("announce", [True, False])
def test_size_cap(
    portal: FakePortal, cache: Path, monkeypatch: pytest.MonkeyPatch, announce: bool
) -> None:
    monkeypatch.setenv("DATACITES_MAX_DOWNLOAD_MB", "1")
    portal.huge(CSV_PATH, 3 * 1024 * 1024, announce=announce)
    source = dg(portal)
    exc = raises("download_too_big", lambda: fetch_datagouv(source, cache))
    assert exc.params["limit_mb"] == "1"
    assert data_files(datagouv_folder(source, cache)) == []


def test_size_cap_applies_to_the_api_too(
    portal: FakePortal, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATACITES_MAX_DOWNLOAD_MB", "0.5")
    portal.huge(DATASET_PATH, 1024 * 1024, announce=False)
    raises("download_too_big", lambda: fetch_datagouv(dg(portal), cache))


@pytest.mark.parametrize("value", ["beaucoup", "-3", "0", "nan"])
def test_a_bad_size_cap_is_reported(
    portal: FakePortal, cache: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("DATACITES_MAX_DOWNLOAD_MB", value)
    exc = raises("download_bad_max_size", lambda: fetch_datagouv(dg(portal), cache))
    assert exc.params == {"name": "DATACITES_MAX_DOWNLOAD_MB", "value": value}


def test_a_non_http_url_from_the_api_is_refused(portal: FakePortal, cache: Path) -> None:
    source = dg(portal, resource=IRVE_FILE_URL_ID)
    exc = raises("download_bad_url", lambda: fetch_datagouv(source, cache))
    assert exc.params["url"] == "file:///etc/passwd"
    assert data_files(datagouv_folder(source, cache)) == []


def test_a_redirect_to_a_local_file_is_refused(portal: FakePortal, cache: Path) -> None:
    portal.redirect(CSV_PATH, "file:///etc/passwd")
    exc = raises("download_bad_url", lambda: fetch_datagouv(dg(portal), cache))
    assert exc.params["url"] == "file:///etc/passwd"


def test_an_interrupted_download_leaves_no_partial_file(portal: FakePortal, cache: Path) -> None:
    portal.cut(CSV_PATH, after=40)
    source = dg(portal)
    exc = raises("download_interrupted", lambda: fetch_datagouv(source, cache))
    assert "40" in exc.params["detail"]
    folder = datagouv_folder(source, cache)
    assert data_files(folder) == [] and not (folder / SIDECAR).exists()


def test_an_interrupted_refresh_keeps_the_previous_copy_whole(
    portal: FakePortal, cache: Path
) -> None:
    source = dg(portal, max_age_days=1)
    first = fetch_datagouv(source, cache, now=T0)
    content = first.path.read_bytes()
    portal.files["irve-statique.csv"] = content * 50  # a new version, cut off on the way
    portal.cut(CSV_PATH, after=len(content) + 10)
    fetched = fetch_datagouv(source, cache, now=T0 + timedelta(days=3))
    assert fetched.stale and fetched.refresh_error is not None
    assert fetched.refresh_error.code == "download_interrupted"
    assert fetched.path.read_bytes() == content
    assert data_files(datagouv_folder(source, cache)) == ["irve-statique.csv"]
    sidecar = json.loads((datagouv_folder(source, cache) / SIDECAR).read_text())
    assert datetime.fromisoformat(sidecar["fetched_at"]) == T0


def test_an_abandoned_part_file_is_cleaned_up(portal: FakePortal, cache: Path) -> None:
    source = dg(portal)
    folder = datagouv_folder(source, cache)
    folder.mkdir(parents=True)
    old_part = folder / ".irve-statique.csv.crash.part"
    old_part.write_bytes(b"half")
    os.utime(old_part, (time.time() - 7200, time.time() - 7200))
    fetch_datagouv(source, cache, now=T0)
    assert data_files(folder) == ["irve-statique.csv"]


def test_an_unwritable_cache_is_reported(portal: FakePortal, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    exc = raises("download_cache_unwritable", lambda: fetch_datagouv(dg(portal), blocker))
    assert exc.params["folder"].startswith(str(blocker))


def test_every_code_is_translated_with_the_same_placeholders() -> None:
    for code in DOWNLOAD_ERROR_CODES + DOWNLOAD_WARNING_CODES:
        assert code in fr.MESSAGES and code in en.MESSAGES, code
        assert placeholders(fr.MESSAGES[code]) == placeholders(en.MESSAGES[code]), code


def test_download_errors_survive_pickling() -> None:
    exc = DownloadError("download_http_error", {"url": "https://x", "status": 418}, ("a",))
    copy = pickle.loads(pickle.dumps(exc))
    assert (copy.code, copy.params, copy.suggestions) == (exc.code, exc.params, exc.suggestions)
    assert str(copy) == str(exc) and "418" in str(exc)


# ---------------------------------------------------------------- Opendatasoft


@pytest.mark.parametrize("fmt", ["csv", "parquet", "geojson"])
def test_opendatasoft_export_and_metadata(portal: FakePortal, cache: Path, fmt: str) -> None:
    source = ods(portal, format=fmt)
    fetched = fetch_opendatasoft(source, cache, now=T0)
    folder = opendatasoft_folder(source, cache)
    assert folder.parent == cache / "downloads" / "opendatasoft"
    assert fetched.path.parent == folder and fetched.path.suffix == f".{fmt}"
    assert fetched.format == fmt and fetched.fetched_at == T0
    assert fetched.url == f"{portal.url}{ODS_BASE}/exports/{fmt}"
    assert (fetched.title, fetched.licence, fetched.producer) == (
        ODS_TITLE,
        ODS_LICENSE,
        ODS_PUBLISHER,
    )
    assert portal.count(f"{ODS_BASE}/exports/{fmt}") == 1 and portal.count(ODS_BASE) == 1
    assert portal.seen(f"{ODS_BASE}/exports/{fmt}")[0].query == ""  # no record limit

    again = fetch_opendatasoft(source, cache)
    assert again.from_cache and portal.count() == 2
    assert (again.title, again.licence) == (ODS_TITLE, ODS_LICENSE)


def test_opendatasoft_csv_uses_semicolons(portal: FakePortal, cache: Path) -> None:
    fetched = fetch_opendatasoft(ods(portal, format="csv"), cache, now=T0)
    header = fetched.path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(";")[:2] == ["id_pdc_itinerance", "nom_station"]


def test_opendatasoft_formats_are_cached_apart(portal: FakePortal, cache: Path) -> None:
    csv_copy = fetch_opendatasoft(ods(portal, format="csv"), cache, now=T0)
    parquet_copy = fetch_opendatasoft(ods(portal, format="parquet"), cache, now=T0)
    assert csv_copy.path.parent != parquet_copy.path.parent
    assert csv_copy.path.exists() and parquet_copy.path.exists()


@pytest.mark.parametrize("broken", ["missing", "invalid", "error"])
def test_opendatasoft_metadata_is_optional(portal: FakePortal, cache: Path, broken: str) -> None:
    if broken == "missing":
        portal.fail(ODS_BASE, 404)
    elif broken == "invalid":
        portal.invalid_json(ODS_BASE)
    else:
        portal.override(ODS_BASE, Reply(200, b'{"dataset_id": "x", "metas": []}'))
    fetched = fetch_opendatasoft(ods(portal), cache, now=T0)
    assert fetched.path.exists() and fetched.licence is None and fetched.title is None


def test_opendatasoft_unknown_dataset(portal: FakePortal, cache: Path) -> None:
    source = ods(portal, dataset="bornes-inconnues")
    exc = raises("download_ods_dataset_not_found", lambda: fetch_opendatasoft(source, cache))
    assert exc.params == {"dataset": "bornes-inconnues", "portal": portal.url}


def test_opendatasoft_private_dataset(portal: FakePortal, cache: Path) -> None:
    portal.fail(f"{ODS_BASE}/exports/parquet", 401)
    exc = raises("download_access_denied", lambda: fetch_opendatasoft(ods(portal), cache))
    assert "DATACITES_ODS_APIKEY" in exc.message("fr")


def test_opendatasoft_server_error_and_refresh_fallback(portal: FakePortal, cache: Path) -> None:
    source = ods(portal, max_age_days=0)
    fetch_opendatasoft(source, cache, now=T0)
    portal.fail(f"{ODS_BASE}/exports/parquet", 502)
    fetched = fetch_opendatasoft(source, cache, now=T0 + timedelta(minutes=1))
    assert fetched.stale and fetched.refresh_error is not None
    assert fetched.refresh_error.code == "download_server_error"
    assert fetched.title == ODS_TITLE  # still what the first download recorded


def test_opendatasoft_api_key_is_sent_but_never_to_another_host(
    portal: FakePortal, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATACITES_ODS_APIKEY", "cle-secrete")
    fetch_opendatasoft(ods(portal), cache, now=T0)
    for path in (ODS_BASE, f"{ODS_BASE}/exports/parquet"):
        assert portal.seen(path)[0].headers["authorization"] == "Apikey cle-secrete"

    with fake_portal() as elsewhere:
        url = elsewhere.add_file("export.csv", b"a;b\n1;2\n")
        portal.redirect(f"{ODS_BASE}/exports/csv", url)
        fetched = fetch_opendatasoft(ods(portal, format="csv"), cache, now=T0)
        assert fetched.path.read_bytes() == b"a;b\n1;2\n"
        received = elsewhere.seen("/files/export.csv")[0].headers
        assert "authorization" not in received
        assert received["user-agent"].startswith("datacites-proto/")


# ---------------------------------------------------------------- the source classes


def test_detect_columns_reads_only_a_cached_copy(portal: FakePortal, tmp_path: Path) -> None:
    source = dg(portal)
    assert source.detect_columns(tmp_path) is None
    assert portal.count() == 0  # validation never downloads
    fetch_datagouv(source, project_cache_dir(tmp_path), now=T0)
    columns = source.detect_columns(tmp_path)
    assert columns is not None and columns.names == tuple(STATIONS[0])
    assert columns.types["puissance_nominale_kw"] == "number"


@pytest.mark.parametrize("fmt", ["csv", "parquet", "geojson"])
def test_opendatasoft_detect_columns(portal: FakePortal, tmp_path: Path, fmt: str) -> None:
    source = ods(portal, format=fmt)
    assert source.detect_columns(tmp_path) is None
    fetch_opendatasoft(source, project_cache_dir(tmp_path), now=T0)
    columns = source.detect_columns(tmp_path)
    assert columns is not None and "nom_station" in columns.names


def test_excel_resource_columns(portal: FakePortal, tmp_path: Path) -> None:
    source = dg(portal, resource=IRVE_XLSX_ID)
    fetch_datagouv(source, project_cache_dir(tmp_path), now=T0)
    columns = source.detect_columns(tmp_path)
    assert columns is not None and columns.names[0] == "id_pdc_itinerance"


def test_fingerprint_is_the_copy_and_its_date(portal: FakePortal, tmp_path: Path) -> None:
    for source in (dg(portal), ods(portal)):
        dataset = Dataset(source=source)
        ctx = LoadContext("bornes", dataset, tmp_path, project_cache_dir(tmp_path), None)
        first = source.fingerprint(ctx)  # fetches when needed
        fetched = source.fetch(ctx.cache_dir)
        assert fetched.from_cache
        assert first == source.fingerprint(ctx)  # no new download, same fingerprint
        assert str(fetched.path) in fetched.fingerprint()
        assert fetched.fetched_at.isoformat() in fetched.fingerprint()
        # Declaring a column changes how the table is built: the fingerprint follows.
        typed = Dataset(source=source, columns={"nom_station": "string"})
        ctx_typed = LoadContext("bornes", typed, tmp_path, project_cache_dir(tmp_path), None)
        assert source.fingerprint(ctx_typed) != first


# ---------------------------------------------------------------- the HTTP client (httpx)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between retries, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(http, "_pause", recorded.append)
    return recorded


def test_a_503_is_asked_again_and_then_succeeds(
    portal: FakePortal, cache: Path, waits: list[float]
) -> None:
    portal.fail(CSV_PATH, 503, times=1)
    fetched = fetch_datagouv(dg(portal), cache, now=T0)
    assert fetched.path.read_bytes() == portal.files["irve-statique.csv"]
    assert fetched.stale is False and fetched.from_cache is False
    assert portal.count(CSV_PATH) == 2 and waits == [0.5]


def test_retries_wait_longer_each_time_then_give_up(
    portal: FakePortal, cache: Path, waits: list[float]
) -> None:
    portal.fail(DATASET_PATH, 502)
    exc = raises("download_server_error", lambda: fetch_datagouv(dg(portal), cache))
    assert exc.params["status"] == 502
    assert portal.count(DATASET_PATH) == 3 and waits == [0.5, 1.0]
    assert not datagouv_folder(dg(portal), cache).exists() or not data_files(
        datagouv_folder(dg(portal), cache)
    )


def test_retry_after_is_honoured_when_short_and_refused_when_long(
    portal: FakePortal, cache: Path, waits: list[float]
) -> None:
    portal.override(DATASET_PATH, Reply(429, b"", {"Retry-After": "3"}, times=1))
    assert fetch_datagouv(dg(portal), cache, now=T0).path.exists()
    assert waits == [3.0]

    portal.reset()
    waits.clear()
    portal.override(CSV_PATH, Reply(503, b"", {"Retry-After": "3600"}))
    source = dg(portal, max_age_days=0)
    fetched = fetch_datagouv(source, cache, now=T0 + timedelta(days=1))
    assert fetched.stale and fetched.refresh_error is not None
    assert fetched.refresh_error.code == "download_server_error"
    assert portal.count(CSV_PATH) == 1 and waits == []  # an hour is not waited for


def test_client_errors_and_timeouts_are_not_retried(
    portal: FakePortal, cache: Path, waits: list[float]
) -> None:
    portal.fail(CSV_PATH, 500)
    raises("download_server_error", lambda: fetch_datagouv(dg(portal), cache))
    assert portal.count(CSV_PATH) == 1
    portal.reset()
    portal.slow(CSV_PATH, 1.5)
    raises("download_timeout", lambda: fetch_datagouv(dg(portal), cache, timeouts=FAST))
    assert portal.count(CSV_PATH) == 1 and waits == []


def test_a_custom_retry_policy(portal: FakePortal, cache: Path, waits: list[float]) -> None:
    portal.fail(CSV_PATH, 503, times=1)
    once = Retries(attempts=1)
    raises("download_server_error", lambda: fetch_datagouv(dg(portal), cache, retries=once))
    assert portal.count(CSV_PATH) == 1 and waits == []


def test_a_304_reuses_the_copy_and_sends_both_validators(portal: FakePortal, cache: Path) -> None:
    source = dg(portal, max_age_days=1)
    first = fetch_datagouv(source, cache, now=T0)
    before = first.path.stat().st_mtime_ns
    sidecar = json.loads((datagouv_folder(source, cache) / SIDECAR).read_text())
    later = T0 + timedelta(days=2)
    again = fetch_datagouv(source, cache, now=later)
    conditional = portal.seen(CSV_PATH)[1].headers
    assert conditional["if-none-match"] == sidecar["etag"]
    assert conditional["if-modified-since"] == sidecar["last_modified"]
    assert (again.path, again.fetched_at, again.stale) == (first.path, later, False)
    assert again.path.stat().st_mtime_ns == before  # the file was not written again
    assert (again.licence, again.title) == ("lov2", IRVE_TITLE)
    assert data_files(datagouv_folder(source, cache)) == ["irve-statique.csv"]


def test_no_network_uses_the_last_good_copy_with_a_notice(
    cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with fake_portal() as portal:
        source = dg(portal, max_age_days=1)
        first = fetch_datagouv(source, cache, now=T0)
    # The portal is gone (the port is closed): the refresh fails, the old copy serves.
    with caplog.at_level("WARNING", logger="datacites_proto.sources.download_cache"):
        fetched = fetch_datagouv(source, cache, now=T0 + timedelta(days=3), timeouts=FAST)
    assert fetched.stale and fetched.path == first.path and fetched.fetched_at == T0
    assert fetched.refresh_error is not None
    assert fetched.refresh_error.code == "download_network_error"
    warning = fetched.warning()
    assert warning is not None and warning.code == "download_stale_copy"
    assert "2026-01-05" in warning.message("fr") and "2026-01-05" in warning.message("en")
    assert any("2026-01-05" in r.getMessage() for r in caplog.records)


def test_a_compressed_answer_is_stored_decoded(portal: FakePortal, cache: Path) -> None:
    body = portal.files["irve-statique.csv"]
    portal.override(CSV_PATH, Reply(200, gzip.compress(body), {"Content-Encoding": "gzip"}))
    fetched = fetch_datagouv(dg(portal), cache, now=T0)
    assert fetched.path.read_bytes() == body


def test_the_size_cap_counts_decompressed_bytes(
    portal: FakePortal, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATACITES_MAX_DOWNLOAD_MB", "1")
    bomb = gzip.compress(b"x" * (4 * 1024 * 1024))  # a few KB that inflate to 4 MB
    portal.override(CSV_PATH, Reply(200, bomb, {"Content-Encoding": "gzip"}))
    source = dg(portal)
    exc = raises("download_too_big", lambda: fetch_datagouv(source, cache))
    assert exc.params["limit_mb"] == "1"
    assert data_files(datagouv_folder(source, cache)) == []


def test_the_api_key_never_reaches_the_log_or_a_message(
    portal: FakePortal,
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    waits: list[float],
) -> None:
    monkeypatch.setenv("DATACITES_ODS_APIKEY", "cle-secrete")
    source = ods(portal, max_age_days=0)
    fetch_opendatasoft(source, cache, now=T0)
    portal.fail(f"{ODS_BASE}/exports/parquet", 503)
    with caplog.at_level("DEBUG"):
        fetched = fetch_opendatasoft(source, cache, now=T0 + timedelta(days=1))
    assert fetched.refresh_error is not None
    warning = fetched.warning()
    assert warning is not None
    texts = [warning.message("fr"), warning.message("en"), caplog.text]
    assert all("cle-secrete" not in text for text in texts)


def test_folder_locks_are_dropped_once_unused(portal: FakePortal, cache: Path) -> None:
    for resource in (IRVE_CSV_ID, IRVE_PARQUET_ID, IRVE_GEOJSON_ID):
        fetch_datagouv(dg(portal, resource=resource), cache, now=T0)
    assert len(download_cache._LOCKS) == 0  # no lock kept per folder ever fetched


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("proxy http://jean:motdepasse@proxy:3128 refused", "proxy http://***@proxy:3128 refused"),
        ("https://h/a.csv?x=1", "https://h/a.csv?x=1"),
    ],
)
def test_network_details_never_show_a_password(text: str, shown: str) -> None:
    assert http.redact(text) == shown


def test_a_server_without_etag_answers_304_to_if_modified_since(
    portal: FakePortal, cache: Path
) -> None:
    portal.without_etag.add("irve-statique.csv")
    source = dg(portal, max_age_days=1)
    first = fetch_datagouv(source, cache, now=T0)
    sidecar = json.loads((datagouv_folder(source, cache) / SIDECAR).read_text())
    assert sidecar["etag"] is None and sidecar["last_modified"]
    later = T0 + timedelta(days=2)
    again = fetch_datagouv(source, cache, now=later)
    conditional = portal.seen(CSV_PATH)[1].headers
    assert "if-none-match" not in conditional
    assert conditional["if-modified-since"] == sidecar["last_modified"]
    assert (again.path, again.fetched_at, again.from_cache) == (first.path, later, False)
    assert again.path.read_bytes() == portal.files["irve-statique.csv"]
