"""data.gouv.fr: find a dataset's resource through API v1, then cache the file it points to."""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
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
from datacites_proto.sources.download_errors import error
from datacites_proto.sources.download_names import (
    digest,
    extension,
    file_name,
    normalise_format,
    slug,
    url_extension,
)
from datacites_proto.suggest import close_matches

if TYPE_CHECKING:
    from datacites_proto.sources.datagouv import DataGouvSource

MAX_LISTED = 20  # resource titles listed in a "not found" message


def _api_root(api_url: str) -> str:
    return api_url.rstrip("/") + "/"


def dataset_url(source: DataGouvSource) -> str:
    """The API address of the source's dataset."""
    dataset = urllib.parse.quote(source.dataset, safe="")
    return f"{_api_root(source.api_url)}datasets/{dataset}/"


def datagouv_folder(source: DataGouvSource, cache_dir: Path) -> Path:
    """The cache folder of a data.gouv.fr resource."""
    names = (slug(source.dataset, 40), slug(source.resource, 40))
    key = digest(_api_root(source.api_url), source.dataset, source.resource)
    return source_folder(cache_dir, "datagouv", *names, key)


def _find_resource(data: Mapping[str, Any], source: DataGouvSource, url: str) -> dict[str, Any]:
    resources = data.get("resources")
    if not isinstance(resources, list):
        raise error("download_bad_response", url=url, detail="no 'resources' list")
    resources = [r for r in resources if isinstance(r, dict)]
    wanted = source.resource.strip()
    for resource in resources:
        if str(resource.get("id", "")).lower() == wanted.lower():
            return resource
    same_title = [r for r in resources if r.get("title") == wanted]
    if len(same_title) == 1:
        return same_title[0]
    if same_title:
        ids = ", ".join(str(r.get("id")) for r in same_title)
        raise error("download_resource_ambiguous", resource=wanted, dataset=source.dataset, ids=ids)
    titles = [str(r["title"]) for r in resources if r.get("title")]
    shown = ", ".join(titles[:MAX_LISTED]) + (" …" if len(titles) > MAX_LISTED else "")
    raise error(
        "download_resource_not_found",
        close_matches(wanted, titles),
        resource=wanted,
        dataset=source.dataset,
        available=shown or "-",
    )


def _format(source: DataGouvSource, resource: Mapping[str, Any], url: str) -> str:
    declared = resource.get("format")
    fmt = source.format or normalise_format(declared) or normalise_format(url_extension(url))
    if fmt is None:
        shown = declared if isinstance(declared, str) and declared else url_extension(url)
        raise error("download_unknown_format", url=url, format=shown or "?")
    return fmt


def _producer(data: Mapping[str, Any]) -> str | None:
    for key in ("organization", "owner"):
        who = data.get(key)
        if isinstance(who, dict):
            name = who.get("name") or " ".join(
                str(who[k]) for k in ("first_name", "last_name") if who.get(k)
            )
            if name:
                return str(name)
    return None


def _target(source: DataGouvSource, data: Mapping[str, Any], api_url: str) -> Target:
    """The resource's file, its local name and what to record, from the dataset's metadata."""
    resource = _find_resource(data, source, api_url)
    url = http.check_url(resource.get("url"))
    fmt = _format(source, resource, url)
    hints = (str(resource.get("format") or ""), url_extension(url))
    name = file_name(url, str(resource.get("title") or source.resource), extension(fmt, hints))
    meta = {
        "licence": text(data.get("license")),
        "title": text(data.get("title")),
        "producer": _producer(data),
        "modified": text(resource.get("last_modified")),
        "source": {
            "type": "datagouv",
            "api_url": _api_root(source.api_url),
            "dataset": source.dataset,
            "resource": source.resource,
            "resource_id": resource.get("id"),
            "resource_title": resource.get("title"),
        },
    }
    return Target(url=url, format=fmt, name=name, headers={}, meta=meta)


def fetch_datagouv(
    source: DataGouvSource,
    cache_dir: Path,
    *,
    now: datetime | None = None,
    offline: bool = False,
    timeouts: http.Timeouts = http.DEFAULT_TIMEOUTS,
    retries: http.Retries = http.DEFAULT_RETRIES,
) -> FetchedFile:
    """The local copy of a data.gouv.fr resource, downloaded when missing or too old."""
    api_url = dataset_url(source)
    folder = datagouv_folder(source, cache_dir)

    def refresh(previous: Cached | None, moment: datetime) -> FetchedFile:
        try:
            data = http.get_json(api_url, {}, timeouts, retries)
        except http.HttpStatus as exc:
            if exc.status in (404, 410):
                raise error(
                    "download_dataset_not_found", dataset=source.dataset, url=api_url
                ) from None
            raise http.status_error(exc) from None
        if not isinstance(data, dict):
            raise error("download_bad_response", url=api_url, detail="not a JSON object")
        target = _target(source, data, api_url)
        return download(folder, target, previous, moment, timeouts, retries)

    return fetch_cached(
        folder,
        label=source.describe(),
        max_age_days=source.max_age_days,
        declared_format=source.format,
        fallback_url=api_url,
        now=now,
        offline=offline,
        refresh=refresh,
    )


def cached_datagouv(source: DataGouvSource, cache_dir: Path) -> FetchedFile | None:
    """The cached copy of a data.gouv.fr resource, or None; never touches the network."""
    cached = read_cache(datagouv_folder(source, cache_dir))
    return cached.result(source.format, url=dataset_url(source)) if cached else None
