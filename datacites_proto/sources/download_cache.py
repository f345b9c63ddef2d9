"""The on-disk cache of downloaded copies: one folder per remote source, used offline.

Layout, under the project's cache folder::

    <cache_dir>/downloads/<source type>/<safe name>/
        <file name>.<ext>      the data, named from the URL (never from the server)
        .download.json         url, format, fetched_at, etag, last_modified, licence…

`fetch_cached` is the policy every remote source shares: a copy is reused until
`max_age_days` says it is too old; then it is asked again with `If-None-Match` /
`If-Modified-Since` (a 304 keeps the copy and records the new date). When a refresh
fails, the old copy is used with `stale=True`. Offline (`offline=True` or
DATACITES_OFFLINE=1), the network is never touched; a file dropped by hand is used too.

Downloads stream into a hidden `.part` file of the same folder, renamed into place once
complete: an interrupted download never leaves a half file in the cache.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from datacites_proto import progress
from datacites_proto.errors import Loc, Problem
from datacites_proto.i18n import Msg
from datacites_proto.sources import http, sniff
from datacites_proto.sources.download_errors import DownloadError, error
from datacites_proto.sources.download_names import format_from_name

OFFLINE_ENV = "DATACITES_OFFLINE"
PROJECT_CACHE = Path(".datacites") / "cache"  # relative to the blueprint's folder
DOWNLOADS = "downloads"
SIDECAR = ".download.json"
SIDECAR_VERSION = 1
ABANDONED_PART_SECONDS = 3600  # a `.part` file untouched that long is a crashed download
_TRUE = frozenset({"1", "true", "yes", "on", "oui"})

_FEATURE_COLLECTION = re.compile(rb'"type"\s*:\s*"FeatureCollection"')
log = logging.getLogger(__name__)


# ---------------------------------------------------------------- the result


@dataclass(frozen=True)
class FetchedFile:
    """A local copy of a remote resource, and what is known of where it came from."""

    path: Path  # the cached file
    format: str  # "csv" | "parquet" | "geojson" | "excel" | "json"
    fetched_at: datetime  # UTC, when it was downloaded
    url: str  # where it came from
    from_cache: bool  # True when no network call was made
    licence: str | None = None  # the licence the portal declares, when it says
    title: str | None = None
    stale: bool = False  # older than max_age_days: a refresh failed, or offline
    producer: str | None = None  # the organisation that publishes it, for attribution
    modified: str | None = None  # the portal's date of last update, as it gives it
    refresh_error: DownloadError | None = field(default=None, compare=False)

    def fingerprint(self) -> str:
        """Changes whenever a new copy is fetched."""
        return f"{self.path}|{self.fetched_at.isoformat()}"

    def warning(
        self, file: str | None = None, line: int | None = None, *, loc: Loc = ()
    ) -> Problem | None:
        """The warning to show when an old copy is used, or None."""
        if not self.stale:
            return None
        date = self.fetched_at.strftime("%Y-%m-%d %H:%M UTC")
        if self.refresh_error is None:
            params: dict[str, Any] = {"date": date, "path": str(self.path)}
            code = "download_stale_offline"
        else:
            reason = Msg(self.refresh_error.code, self.refresh_error.params)
            params = {"date": date, "path": str(self.path), "reason": reason}
            code = "download_stale_copy"
        return Problem(code, params, file=file, line=line, loc=loc, severity="warning")


# ---------------------------------------------------------------- settings and names


def is_offline(offline: bool = False) -> bool:
    """True when asked, or when DATACITES_OFFLINE is set to 1/true/yes."""
    return offline or os.environ.get(OFFLINE_ENV, "").strip().lower() in _TRUE


def project_cache_dir(base_dir: Path) -> Path:
    """The cache folder of the project whose blueprint lives in `base_dir`."""
    return base_dir / PROJECT_CACHE


def source_folder(cache_dir: Path, source_type: str, *names: str) -> Path:
    """The cache folder of one remote source: readable names joined, then a digest last."""
    return cache_dir / DOWNLOADS / source_type / "--".join(n for n in names if n)


def text(value: Any) -> str | None:
    """`value` when it is a non-empty string, else None."""
    return value if isinstance(value, str) and value else None


# ---------------------------------------------------------------- reading the cache


@dataclass(frozen=True)
class Cached:
    """The copy found in a cache folder and its sidecar's record."""

    path: Path
    meta: Mapping[str, Any]
    fetched_at: datetime

    def result(
        self,
        fmt: str | None = None,
        *,
        from_cache: bool = True,
        stale: bool = False,
        refresh_error: DownloadError | None = None,
        url: str = "",
    ) -> FetchedFile:
        """The copy as a FetchedFile."""
        meta = self.meta
        return FetchedFile(
            path=self.path,
            format=fmt or text(meta.get("format")) or format_from_name(self.path.name) or "",
            fetched_at=self.fetched_at,
            url=text(meta.get("url")) or url,
            from_cache=from_cache,
            licence=text(meta.get("licence")),
            title=text(meta.get("title")),
            stale=stale,
            producer=text(meta.get("producer")),
            modified=text(meta.get("modified")),
            refresh_error=refresh_error,
        )


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(UTC)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _parse_moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return _utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _plain_name(name: Any) -> bool:
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and not name.startswith(".")
        and Path(name).name == name
        and "/" not in name
        and "\\" not in name
    )


def _read_sidecar(folder: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def read_cache(folder: Path) -> Cached | None:
    """The copy in `folder`: the one its sidecar names, else a data file dropped by hand."""
    if not folder.is_dir():
        return None
    meta = _read_sidecar(folder)
    if meta is not None and _plain_name(meta.get("file")):
        path = folder / meta["file"]
        if path.is_file():
            return Cached(path, meta, _parse_moment(meta.get("fetched_at")) or _mtime(path))
    dropped = [
        p
        for p in folder.iterdir()
        if not p.name.startswith(".") and format_from_name(p.name) and p.is_file()
    ]
    if not dropped:
        return None
    newest = max(dropped, key=lambda p: p.stat().st_mtime)
    return Cached(newest, {}, _mtime(newest))


# ---------------------------------------------------------------- writing the cache


def _write_json_atomic(path: Path, data: Mapping[str, Any]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_abandoned_parts(folder: Path) -> None:
    """Delete `.part` files left by a crashed process (a live download writes often)."""
    limit = time.time() - ABANDONED_PART_SECONDS
    for part in folder.glob(".*.part"):
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
        except OSError:
            pass


# One lock per folder in use; a lock nobody holds or waits for is dropped (bounded).
_LOCKS: weakref.WeakValueDictionary[Path, Any] = weakref.WeakValueDictionary()
_LOCKS_GUARD = threading.Lock()


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One download per folder at a time in this process (Streamlit sessions are threads)."""
    with _LOCKS_GUARD:
        lock = _LOCKS.get(folder.absolute())
        if lock is None:
            lock = _LOCKS[folder.absolute()] = threading.Lock()
    with lock:
        yield


def _cache_error(folder: Path, exc: OSError) -> DownloadError:
    return error("download_cache_unwritable", folder=str(folder), detail=exc.strerror or str(exc))


# ---------------------------------------------------------------- downloading a copy


@dataclass
class Target:
    """What to download and what to record about it."""

    url: str
    format: str
    name: str  # the local file name
    headers: Mapping[str, str]
    meta: Mapping[str, Any]  # licence, title, producer, modified, source…
    on_status: Callable[[http.HttpStatus], DownloadError] = http.status_error


def _looks_like_geojson(path: Path) -> bool:
    with open(path, "rb") as f:
        return bool(_FEATURE_COLLECTION.search(f.read(http.CHUNK_BYTES)))


def _conditional_headers(previous: Cached | None, target: Target) -> dict[str, str]:
    """`If-None-Match` / `If-Modified-Since` from the copy of the same URL, if any."""
    if previous is None or previous.meta.get("url") != target.url:
        return {}
    headers = {}
    if text(previous.meta.get("etag")):
        headers["If-None-Match"] = previous.meta["etag"]
    if text(previous.meta.get("last_modified")):
        headers["If-Modified-Since"] = previous.meta["last_modified"]
    return headers


def _not_modified(folder: Path, previous: Cached, target: Target, now: datetime) -> FetchedFile:
    """The server says the copy is current: record the new date, keep the file."""
    meta = {**previous.meta, **target.meta, "fetched_at": now.isoformat()}
    try:
        _write_json_atomic(folder / SIDECAR, meta)
    except OSError as exc:
        raise _cache_error(folder, exc) from None
    return Cached(previous.path, meta, now).result(text(meta.get("format")), from_cache=False)


def download(
    folder: Path,
    target: Target,
    previous: Cached | None,
    now: datetime,
    timeouts: http.Timeouts,
    retries: http.Retries = http.DEFAULT_RETRIES,
) -> FetchedFile:
    """Stream `target` into `folder` (atomically), write the sidecar, return the copy."""
    cap = http.max_download_bytes()
    conditional = _conditional_headers(previous, target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_parts(folder)
    except OSError as exc:
        raise _cache_error(folder, exc) from None
    final = folder / target.name
    try:
        with http.get(target.url, {**target.headers, **conditional}, timeouts, retries) as answer:
            try:
                fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
            except OSError as exc:
                raise _cache_error(folder, exc) from None
            try:
                length = answer.headers.get("Content-Length", "")
                total = int(length) if length.isdigit() else None
                with (
                    os.fdopen(fd, "wb") as out,
                    progress.step(
                        "progress_download", total=total, unit="bytes", url=http.redact(target.url)
                    ) as step,
                ):
                    size = 0
                    for chunk in http.chunks(answer, target.url, timeouts, cap):
                        size += len(chunk)
                        out.write(chunk)
                        step.advance(len(chunk))
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, final)
            except OSError as exc:
                Path(tmp).unlink(missing_ok=True)
                raise _cache_error(folder, exc) from None
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            etag = answer.headers.get("ETag")
            last_modified = answer.headers.get("Last-Modified")
    except http.HttpStatus as exc:
        if exc.status == 304 and previous is not None and conditional:
            return _not_modified(folder, previous, target, now)
        raise target.on_status(exc) from None
    fmt = target.format
    if fmt == "json" and _looks_like_geojson(final):
        fmt = "geojson"
    meta = {
        "version": SIDECAR_VERSION,
        "file": target.name,
        "url": target.url,
        "format": fmt,
        "fetched_at": now.isoformat(),
        "size": size,
        "etag": etag,
        "last_modified": last_modified,
        **target.meta,
    }
    try:
        _write_json_atomic(folder / SIDECAR, meta)
        if previous is not None and previous.path != final:
            previous.path.unlink(missing_ok=True)
    except OSError as exc:
        raise _cache_error(folder, exc) from None
    return Cached(final, meta, now).result(fmt, from_cache=False)


@lru_cache(maxsize=256)  # bounded: one notice per copy and reason, not one per rerun
def _notice(message: str) -> None:
    log.warning(message)


def _stale(copy: FetchedFile) -> FetchedFile:
    """The old copy, after a notice in the log (the warning says when it was fetched, and why)."""
    warning = copy.warning()
    if warning is not None:
        _notice(warning.message("en"))
    return copy


def fetch_cached(
    folder: Path,
    *,
    label: str,
    max_age_days: int | None,
    declared_format: str | None,
    fallback_url: str,
    now: datetime | None,
    offline: bool,
    refresh: Callable[[Cached | None, datetime], FetchedFile],
) -> FetchedFile:
    """The cache policy shared by every remote source; `refresh` downloads a new copy."""
    moment = _utc(now)
    with _folder_lock(folder):
        cached = read_cache(folder)
        if cached is not None:
            too_old = max_age_days is not None and moment - cached.fetched_at > timedelta(
                days=max_age_days
            )
            if not too_old:
                return cached.result(declared_format, url=fallback_url)
            if is_offline(offline):
                return _stale(cached.result(declared_format, stale=True, url=fallback_url))
        elif is_offline(offline):
            raise error("download_offline_no_cache", source=label, folder=str(folder))
        try:
            fetched = refresh(cached, moment)
        except DownloadError as exc:
            if cached is None:
                raise
            old = cached.result(declared_format, stale=True, refresh_error=exc, url=fallback_url)
            return _stale(old)
    return replace(fetched, format=declared_format) if declared_format else fetched


def read_columns(fetched: FetchedFile) -> sniff.FileColumns | None:
    """The columns of a fetched file, read cheaply; None for a format sniff cannot read."""
    path = fetched.path
    if fetched.format == "csv":
        return sniff.read_csv_columns(path, sniff.detect_csv_dialect(path))
    if fetched.format == "parquet":
        return sniff.read_parquet_columns(path)
    if fetched.format == "geojson":
        return sniff.read_geojson_columns(path)
    if fetched.format == "excel":
        return sniff.read_excel_columns(path)
    return None
