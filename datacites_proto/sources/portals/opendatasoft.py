"""Opendatasoft (Explore API v2.1): export a whole dataset, with its metadata, into the cache."""

from __future__ import annotations

import os
import urllib.parse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datacites_proto.sources import http
from datacites_proto.sources.download_cache import (
    Cached,
    FetchedFile,
    Target,
    download,
    fetch_cached,
    read_cache,
    source_folder,
    text,
)
from datacites_proto.sources.download_errors import DownloadError, error
from datacites_proto.sources.download_names import EXTENSIONS, digest, slug

if TYPE_CHECKING:
    from datacites_proto.sources.opendatasoft import OpendatasoftSource

ODS_APIKEY_ENV = "DATACITES_ODS_APIKEY"


def _dataset_url(source: OpendatasoftSource) -> str:
    dataset = urllib.parse.quote(source.dataset, safe="")
    return f"{source.portal.rstrip('/')}/api/explore/v2.1/catalog/datasets/{dataset}"


def ods_export_url(source: OpendatasoftSource) -> str:
    """The address of the whole export in the source's format (no record limit)."""
    return f"{_dataset_url(source)}/exports/{source.format}"


def opendatasoft_folder(source: OpendatasoftSource, cache_dir: Path) -> Path:
    """The cache folder of an Opendatasoft export (one per portal, dataset and format)."""
    host = urllib.parse.urlsplit(source.portal).netloc
    key = digest(source.portal, source.dataset, source.format)
    names = (slug(host, 40), slug(source.dataset, 60), source.format, key)
    return source_folder(cache_dir, "opendatasoft", *names)


def _headers() -> dict[str, str]:
    """The API key header, when DATACITES_ODS_APIKEY is set (never logged, never redirected)."""
    key = os.environ.get(ODS_APIKEY_ENV, "").strip()
    return {"Authorization": f"Apikey {key}"} if key else {}


def _metadata(
    source: OpendatasoftSource, timeouts: http.Timeouts, retries: http.Retries
) -> dict[str, Any]:
    """Title, licence, producer and date from the dataset's metadata; {} when unavailable."""
    try:
        data = http.get_json(_dataset_url(source), _headers(), timeouts, retries)
    except (DownloadError, http.HttpStatus):
        return {}
    if isinstance(data, dict) and isinstance(data.get("dataset"), dict):
        data = data["dataset"]  # the v2.0 wrapping
    metas = data.get("metas") if isinstance(data, dict) else None
    default = metas.get("default") if isinstance(metas, dict) else None
    if not isinstance(default, dict):
        return {}
    return {
        "licence": text(default.get("license")),
        "title": text(default.get("title")),
        "producer": text(default.get("publisher")),
        "modified": text(default.get("modified")) or text(default.get("data_processed")),
    }


def fetch_opendatasoft(
    source: OpendatasoftSource,
    cache_dir: Path,
    *,
    now: datetime | None = None,
    offline: bool = False,
    timeouts: http.Timeouts = http.DEFAULT_TIMEOUTS,
    retries: http.Retries = http.DEFAULT_RETRIES,
) -> FetchedFile:
    """The local copy of an Opendatasoft export, downloaded when missing or too old."""
    url = ods_export_url(source)
    folder = opendatasoft_folder(source, cache_dir)

    def on_status(exc: http.HttpStatus) -> DownloadError:
        if exc.status in (404, 410):
            return error(
                "download_ods_dataset_not_found", dataset=source.dataset, portal=source.portal
            )
        if exc.status in (401, 403):
            return error("download_access_denied", url=exc.url, status=exc.status)
        return http.status_error(exc)

    def refresh(previous: Cached | None, moment: datetime) -> FetchedFile:
        meta = {
            **_metadata(source, timeouts, retries),
            "source": {"type": "opendatasoft", "portal": source.portal, "dataset": source.dataset},
        }
        name = f"{slug(source.dataset) or 'data'}{EXTENSIONS[source.format]}"
        target = Target(url, source.format, name, _headers(), meta, on_status)
        return download(folder, target, previous, moment, timeouts, retries)

    return fetch_cached(
        folder,
        label=source.describe(),
        max_age_days=source.max_age_days,
        declared_format=source.format,
        fallback_url=url,
        now=now,
        offline=offline,
        refresh=refresh,
    )


def cached_opendatasoft(source: OpendatasoftSource, cache_dir: Path) -> FetchedFile | None:
    """The cached copy of an Opendatasoft export, or None; never touches the network."""
    cached = read_cache(opendatasoft_folder(source, cache_dir))
    return cached.result(source.format, url=ods_export_url(source)) if cached else None
