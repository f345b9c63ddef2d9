"""Remote sources fetched once into the project's cache, then used offline.

`fetch_datagouv` and `fetch_opendatasoft` return a `FetchedFile`: a local copy of a
data.gouv.fr resource or of an Opendatasoft export, with its format, its download
date and what the portal says of it (title, licence, producer). Nothing here loads
rows: the loader reads `FetchedFile.path` with the CSV/Parquet/GeoJSON/Excel readers.

Cache layout (one folder per source, under the project's cache folder)::

    <cache_dir>/downloads/<source type>/<safe name>/
        <file name>.<ext>      the data, named from the URL (never from the server)
        .download.json         url, format, fetched_at, etag, last_modified, licence…

A copy is reused until `max_age_days` says it is too old. When a refresh fails, the
old copy is used with `stale=True`. Offline (`offline=True` or DATACITES_OFFLINE=1),
the network is never touched; a file dropped by hand into the folder is used too.

Downloads stream into a hidden `.part` file of the same folder, renamed into place
once complete: an interrupted download never leaves a half file in the cache.
Problems raise `DownloadError`, whose `code` and `params` the catalogues translate.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import tempfile
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datacites_proto.errors import DataCitesError, Loc, Problem, Severity
from datacites_proto.i18n import DEFAULT_LANG, Msg

if TYPE_CHECKING:
    from datacites_proto.sources.datagouv import DataGouvSource
    from datacites_proto.sources.opendatasoft import OpendatasoftSource
    from datacites_proto.sources.sniff import FileColumns

OFFLINE_ENV = "DATACITES_OFFLINE"
MAX_DOWNLOAD_MB_ENV = "DATACITES_MAX_DOWNLOAD_MB"
ODS_APIKEY_ENV = "DATACITES_ODS_APIKEY"
DEFAULT_MAX_DOWNLOAD_MB = 2048
PROJECT_CACHE = Path(".datacites") / "cache"  # relative to the blueprint's folder
DOWNLOADS = "downloads"
SIDECAR = ".download.json"
SIDECAR_VERSION = 1
FORMATS = ("csv", "parquet", "geojson", "excel", "json")
CHUNK_BYTES = 64 * 1024
MAX_REDIRECTS = 10
MAX_LISTED = 20  # resource titles listed in a "not found" message
ABANDONED_PART_SECONDS = 3600  # a `.part` file untouched that long is a crashed download
_TRUE = frozenset({"1", "true", "yes", "on", "oui"})

# Formats as data.gouv.fr declares them (lower-cased), and file extensions.
_FORMAT_ALIASES = {
    "csv": "csv",
    "parquet": "parquet",
    "pq": "parquet",
    "geojson": "geojson",
    "json": "json",
    "xlsx": "excel",
    "xls": "excel",
    "excel": "excel",
}
_EXTENSIONS = {"csv": ".csv", "parquet": ".parquet", "geojson": ".geojson", "json": ".json"}
_FEATURE_COLLECTION = re.compile(rb'"type"\s*:\s*"FeatureCollection"')

# Every code a DownloadError (or a stale-copy warning) carries, translated in the catalogues.
DOWNLOAD_ERROR_CODES: tuple[str, ...] = (
    "download_offline_no_cache",
    "download_dataset_not_found",
    "download_ods_dataset_not_found",
    "download_resource_not_found",
    "download_resource_ambiguous",
    "download_server_error",
    "download_http_error",
    "download_access_denied",
    "download_timeout",
    "download_network_error",
    "download_interrupted",
    "download_invalid_json",
    "download_bad_response",
    "download_too_big",
    "download_bad_url",
    "download_unknown_format",
    "download_cache_unwritable",
    "download_bad_max_size",
)
DOWNLOAD_WARNING_CODES: tuple[str, ...] = ("download_stale_copy", "download_stale_offline")


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for a connection, then for each read of the response."""

    connect: float = 10.0
    read: float = 60.0


DEFAULT_TIMEOUTS = Timeouts()


# ---------------------------------------------------------------- errors


class DownloadError(DataCitesError):
    """A remote source that could not be fetched; `code` and `params` are stable."""

    def __init__(
        self,
        code: str,
        params: Mapping[str, Any] | None = None,
        suggestions: Sequence[str] = (),
    ) -> None:
        self.code = code
        self.params = dict(params or {})
        self.suggestions = tuple(suggestions)
        super().__init__(self.message())

    def problem(
        self,
        file: str | None = None,
        line: int | None = None,
        *,
        loc: Loc = (),
        severity: Severity = "error",
    ) -> Problem:
        """The located problem, e.g. at the blueprint line of the dataset's `source`."""
        return Problem(
            self.code,
            self.params,
            file=file,
            line=line,
            loc=tuple(loc),
            suggestions=self.suggestions,
            severity=severity,
        )

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return self.problem().message(lang)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable (Streamlit caches pickle)
        return (type(self), (self.code, self.params, self.suggestions))


def error(code: str, suggestions: Sequence[str] = (), **params: Any) -> DownloadError:
    """A DownloadError; named like the other reporting calls so the i18n test sees its codes."""
    return DownloadError(code, params, suggestions)


class _HttpStatus(Exception):
    """A non-2xx answer, mapped to a DownloadError by the caller that knows what it means."""

    def __init__(self, status: int, url: str) -> None:
        super().__init__(f"HTTP {status} {url}")
        self.status = status
        self.url = url


def _status_error(exc: _HttpStatus) -> DownloadError:
    if exc.status >= 500:
        return error("download_server_error", url=exc.url, status=exc.status)
    return error("download_http_error", url=exc.url, status=exc.status)


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


# ---------------------------------------------------------------- settings


def is_offline(offline: bool = False) -> bool:
    """True when asked, or when DATACITES_OFFLINE is set to 1/true/yes."""
    return offline or os.environ.get(OFFLINE_ENV, "").strip().lower() in _TRUE


def max_download_bytes() -> int:
    """The size cap, from DATACITES_MAX_DOWNLOAD_MB (megabytes, default 2048)."""
    raw = os.environ.get(MAX_DOWNLOAD_MB_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_DOWNLOAD_MB * 1024 * 1024
    try:
        megabytes = float(raw.replace(",", "."))
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0:  # also refuses NaN
        raise error("download_bad_max_size", name=MAX_DOWNLOAD_MB_ENV, value=raw)
    return int(megabytes * 1024 * 1024)


def _limit_mb(cap: int) -> str:
    return f"{cap / (1024 * 1024):g}"


def user_agent() -> str:
    from datacites_proto import __version__

    return f"datacites-proto/{__version__}"


def project_cache_dir(base_dir: Path) -> Path:
    """The cache folder of the project whose blueprint lives in `base_dir`."""
    return base_dir / PROJECT_CACHE


# ---------------------------------------------------------------- HTTP


class _ReadTimeout:
    """A connection that waits `connect` seconds to connect, then `read` seconds per read."""

    def __init__(self, *args: Any, read_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._read_timeout = read_timeout

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        sock = getattr(self, "sock", None)
        if sock is not None:
            sock.settimeout(self._read_timeout)


class _HTTPConnection(_ReadTimeout, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_ReadTimeout, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, read_timeout: float) -> None:
        super().__init__()
        self._read_timeout = read_timeout

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_HTTPConnection, read_timeout=self._read_timeout), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, read_timeout: float) -> None:
        super().__init__()
        self._read_timeout = read_timeout

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = partial(_HTTPSConnection, read_timeout=self._read_timeout)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only, and never carries a key to another host."""

    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urllib.parse.urljoin(req.full_url, location)
            if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
                fp.close()
                raise error("download_bad_url", url=target)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and _origin(newurl) != _origin(req.full_url):
            new.remove_header("Authorization")
        return new


def check_url(url: Any) -> str:
    """The URL when it is http(s) with a host; `file://`, `ftp://`… are refused."""
    if not isinstance(url, str) or not url.strip():
        raise error("download_bad_url", url=str(url or ""))
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise error("download_bad_url", url=url)
    return url.strip()


def _is_timeout(exc: BaseException) -> bool:
    reason = getattr(exc, "reason", None)
    return isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError)


def _open(url: str, headers: Mapping[str, str], timeouts: Timeouts) -> http.client.HTTPResponse:
    """GET `url`, following redirects; non-2xx answers raise `_HttpStatus`."""
    check_url(url)
    request = urllib.request.Request(url, headers={"User-Agent": user_agent(), **headers})
    opener = urllib.request.build_opener(
        _HTTPHandler(timeouts.read), _HTTPSHandler(timeouts.read), _RedirectHandler()
    )
    try:
        return opener.open(request, timeout=timeouts.connect)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise _HttpStatus(exc.code, exc.url or url) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if _is_timeout(exc):
            raise error("download_timeout", url=url, seconds=f"{timeouts.read:g}") from None
        reason = getattr(exc, "reason", None) or exc
        raise error("download_network_error", url=url, detail=str(reason)) from None


def _chunks(response: http.client.HTTPResponse, url: str, timeouts: Timeouts) -> Iterator[bytes]:
    """The body in chunks; a cut connection or a body shorter than announced raises."""
    announced = response.headers.get("Content-Length", "")
    received = 0
    while True:
        try:
            chunk = response.read(CHUNK_BYTES)
        except (OSError, http.client.HTTPException) as exc:
            if _is_timeout(exc):
                raise error("download_timeout", url=url, seconds=f"{timeouts.read:g}") from None
            detail = str(exc) or type(exc).__name__
            raise error("download_interrupted", url=url, detail=detail) from None
        if not chunk:
            break
        received += len(chunk)
        yield chunk
    if announced.isdigit() and received < int(announced):
        detail = f"{received} / {announced} bytes"
        raise error("download_interrupted", url=url, detail=detail)


def _check_announced_size(response: http.client.HTTPResponse, url: str, cap: int) -> None:
    announced = response.headers.get("Content-Length", "")
    if announced.isdigit() and int(announced) > cap:
        raise error("download_too_big", url=url, limit_mb=_limit_mb(cap))


def _get_json(url: str, headers: Mapping[str, str], timeouts: Timeouts) -> Any:
    """The decoded JSON answer of an API; a non-2xx answer raises `_HttpStatus`."""
    cap = max_download_bytes()
    with _open(url, {"Accept": "application/json", **headers}, timeouts) as response:
        _check_announced_size(response, url, cap)
        body = bytearray()
        for chunk in _chunks(response, url, timeouts):
            body += chunk
            if len(body) > cap:
                raise error("download_too_big", url=url, limit_mb=_limit_mb(cap))
    try:
        return json.loads(bytes(body))
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg}, line {exc.lineno} column {exc.colno}"
        raise error("download_invalid_json", url=url, detail=detail) from None
    except ValueError as exc:  # not UTF-8/16/32
        raise error("download_invalid_json", url=url, detail=str(exc)) from None


# ---------------------------------------------------------------- names


def _slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII letters, digits and dashes: never `..`, never a separator."""
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def _api_root(api_url: str) -> str:
    return api_url.rstrip("/") + "/"


def datagouv_folder(source: DataGouvSource, cache_dir: Path) -> Path:
    """The cache folder of a data.gouv.fr resource."""
    readable = [p for p in (_slug(source.dataset, 40), _slug(source.resource, 40)) if p]
    digest = _digest(_api_root(source.api_url), source.dataset, source.resource)
    return cache_dir / DOWNLOADS / "datagouv" / "--".join([*readable, digest])


def opendatasoft_folder(source: OpendatasoftSource, cache_dir: Path) -> Path:
    """The cache folder of an Opendatasoft export (one per portal, dataset and format)."""
    host = urllib.parse.urlsplit(source.portal).netloc
    readable = [p for p in (_slug(host, 40), _slug(source.dataset, 60)) if p]
    digest = _digest(source.portal, source.dataset, source.format)
    return cache_dir / DOWNLOADS / "opendatasoft" / "--".join([*readable, source.format, digest])


def normalise_format(declared: Any) -> str | None:
    """csv, parquet, geojson, json or excel, from a declared format or extension; else None."""
    if not isinstance(declared, str):
        return None
    return _FORMAT_ALIASES.get(declared.strip().lower().lstrip("."))


def _url_extension(url: str) -> str:
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    return Path(path).suffix.lower().lstrip(".")


def format_from_name(name: str) -> str | None:
    return normalise_format(Path(name).suffix)


def _extension(fmt: str, hints: Sequence[str]) -> str:
    if fmt == "excel":
        return ".xls" if any(h.strip().lower().lstrip(".") == "xls" for h in hints) else ".xlsx"
    return _EXTENSIONS[fmt]


def _file_name(url: str, fallback: str, extension: str) -> str:
    """A safe local name: the URL's last segment, slugged, with the format's extension."""
    segment = Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).name
    stem = segment
    while format_from_name(stem):  # drop `.csv`, `.geojson`… (maybe twice: `.json.json`)
        stem = stem[: -len(Path(stem).suffix)]
    return (_slug(stem) or _slug(fallback) or "data") + extension


# ---------------------------------------------------------------- the cache


@dataclass(frozen=True)
class _Cached:
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
        meta = self.meta
        return FetchedFile(
            path=self.path,
            format=fmt or _text(meta.get("format")) or format_from_name(self.path.name) or "",
            fetched_at=self.fetched_at,
            url=_text(meta.get("url")) or url,
            from_cache=from_cache,
            licence=_text(meta.get("licence")),
            title=_text(meta.get("title")),
            stale=stale,
            producer=_text(meta.get("producer")),
            modified=_text(meta.get("modified")),
            refresh_error=refresh_error,
        )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(UTC)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _parse_moment(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return _utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
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


def read_cache(folder: Path) -> _Cached | None:
    """The copy in `folder`: the one its sidecar names, else a data file dropped by hand."""
    if not folder.is_dir():
        return None
    meta = _read_sidecar(folder)
    if meta is not None and _plain_name(meta.get("file")):
        path = folder / meta["file"]
        if path.is_file():
            return _Cached(path, meta, _parse_moment(meta.get("fetched_at")) or _mtime(path))
    dropped = [
        p
        for p in folder.iterdir()
        if not p.name.startswith(".") and format_from_name(p.name) and p.is_file()
    ]
    if not dropped:
        return None
    newest = max(dropped, key=lambda p: p.stat().st_mtime)
    return _Cached(newest, {}, _mtime(newest))


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


_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One download per folder at a time in this process (Streamlit sessions are threads)."""
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault(folder.absolute(), threading.Lock())
    with lock:
        yield


def _cache_error(folder: Path, exc: OSError) -> DownloadError:
    return error("download_cache_unwritable", folder=str(folder), detail=exc.strerror or str(exc))


# ---------------------------------------------------------------- downloading a file


@dataclass
class _Target:
    """What to download and what to record about it."""

    url: str
    format: str
    name: str  # the local file name
    headers: Mapping[str, str]
    meta: Mapping[str, Any]  # licence, title, producer, modified, source…
    on_status: Callable[[_HttpStatus], DownloadError] = _status_error


def _looks_like_geojson(path: Path) -> bool:
    with open(path, "rb") as f:
        return bool(_FEATURE_COLLECTION.search(f.read(CHUNK_BYTES)))


def _download(
    folder: Path,
    target: _Target,
    previous: _Cached | None,
    now: datetime,
    timeouts: Timeouts,
) -> FetchedFile:
    """Stream `target` into `folder` (atomically), write the sidecar, return the copy."""
    cap = max_download_bytes()
    headers = dict(target.headers)
    same_file = previous is not None and previous.meta.get("url") == target.url
    if previous is not None and same_file:
        if _text(previous.meta.get("etag")):
            headers["If-None-Match"] = previous.meta["etag"]
        if _text(previous.meta.get("last_modified")):
            headers["If-Modified-Since"] = previous.meta["last_modified"]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_parts(folder)
    except OSError as exc:
        raise _cache_error(folder, exc) from None
    try:
        response = _open(target.url, headers, timeouts)
    except _HttpStatus as exc:
        if exc.status == 304 and previous is not None and same_file:
            meta = {**previous.meta, **target.meta, "fetched_at": now.isoformat()}
            try:
                _write_json_atomic(folder / SIDECAR, meta)
            except OSError as os_exc:
                raise _cache_error(folder, os_exc) from None
            return _Cached(previous.path, meta, now).result(
                _text(meta.get("format")), from_cache=False
            )
        raise target.on_status(exc) from None
    final = folder / target.name
    with response:
        _check_announced_size(response, target.url, cap)
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
        except OSError as exc:
            raise _cache_error(folder, exc) from None
        try:
            with os.fdopen(fd, "wb") as out:
                size = 0
                for chunk in _chunks(response, target.url, timeouts):
                    size += len(chunk)
                    if size > cap:
                        raise error("download_too_big", url=target.url, limit_mb=_limit_mb(cap))
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, final)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise _cache_error(folder, exc) from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
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
    return _Cached(final, meta, now).result(fmt, from_cache=False)


def _fetch(
    folder: Path,
    *,
    label: str,
    max_age_days: int | None,
    declared_format: str | None,
    fallback_url: str,
    now: datetime | None,
    offline: bool,
    download: Callable[[_Cached | None, datetime], FetchedFile],
) -> FetchedFile:
    """The cache policy shared by every remote source."""
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
                return cached.result(declared_format, stale=True, url=fallback_url)
        elif is_offline(offline):
            raise error("download_offline_no_cache", source=label, folder=str(folder))
        try:
            fetched = download(cached, moment)
        except DownloadError as exc:
            if cached is None:
                raise
            return cached.result(declared_format, stale=True, refresh_error=exc, url=fallback_url)
    return replace(fetched, format=declared_format) if declared_format else fetched


# ---------------------------------------------------------------- data.gouv.fr


def _datagouv_url(source: DataGouvSource) -> str:
    dataset = urllib.parse.quote(source.dataset, safe="")
    return f"{_api_root(source.api_url)}datasets/{dataset}/"


def _find_resource(data: Mapping[str, Any], source: DataGouvSource, url: str) -> dict[str, Any]:
    from datacites_proto.suggest import close_matches

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


def _datagouv_format(source: DataGouvSource, resource: Mapping[str, Any], url: str) -> str:
    declared = resource.get("format")
    fmt = source.format or normalise_format(declared) or normalise_format(_url_extension(url))
    if fmt is None:
        shown = declared if isinstance(declared, str) and declared else _url_extension(url)
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


def fetch_datagouv(
    source: DataGouvSource,
    cache_dir: Path,
    *,
    now: datetime | None = None,
    offline: bool = False,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
) -> FetchedFile:
    """The local copy of a data.gouv.fr resource, downloaded when missing or too old."""
    api_url = _datagouv_url(source)

    def download(previous: _Cached | None, moment: datetime) -> FetchedFile:
        try:
            data = _get_json(api_url, {}, timeouts)
        except _HttpStatus as exc:
            if exc.status in (404, 410):
                raise error(
                    "download_dataset_not_found", dataset=source.dataset, url=api_url
                ) from None
            raise _status_error(exc) from None
        if not isinstance(data, dict):
            raise error("download_bad_response", url=api_url, detail="not a JSON object")
        resource = _find_resource(data, source, api_url)
        url = check_url(resource.get("url"))
        fmt = _datagouv_format(source, resource, url)
        hints = (str(resource.get("format") or ""), _url_extension(url))
        name = _file_name(
            url, str(resource.get("title") or source.resource), _extension(fmt, hints)
        )
        meta = {
            "licence": _text(data.get("license")),
            "title": _text(data.get("title")),
            "producer": _producer(data),
            "modified": _text(resource.get("last_modified")),
            "source": {
                "type": "datagouv",
                "api_url": _api_root(source.api_url),
                "dataset": source.dataset,
                "resource": source.resource,
                "resource_id": resource.get("id"),
                "resource_title": resource.get("title"),
            },
        }
        target = _Target(url=url, format=fmt, name=name, headers={}, meta=meta)
        return _download(datagouv_folder(source, cache_dir), target, previous, moment, timeouts)

    return _fetch(
        datagouv_folder(source, cache_dir),
        label=source.describe(),
        max_age_days=source.max_age_days,
        declared_format=source.format,
        fallback_url=api_url,
        now=now,
        offline=offline,
        download=download,
    )


def cached_datagouv(source: DataGouvSource, cache_dir: Path) -> FetchedFile | None:
    """The cached copy of a data.gouv.fr resource, or None; never touches the network."""
    cached = read_cache(datagouv_folder(source, cache_dir))
    return cached.result(source.format, url=_datagouv_url(source)) if cached else None


# ---------------------------------------------------------------- Opendatasoft


def _ods_base(source: OpendatasoftSource) -> str:
    dataset = urllib.parse.quote(source.dataset, safe="")
    return f"{source.portal.rstrip('/')}/api/explore/v2.1/catalog/datasets/{dataset}"


def ods_export_url(source: OpendatasoftSource) -> str:
    return f"{_ods_base(source)}/exports/{source.format}"


def _ods_headers() -> dict[str, str]:
    key = os.environ.get(ODS_APIKEY_ENV, "").strip()
    return {"Authorization": f"Apikey {key}"} if key else {}


def _ods_metadata(source: OpendatasoftSource, timeouts: Timeouts) -> dict[str, Any]:
    """Title, licence, producer and date from the dataset's metadata; {} when unavailable."""
    try:
        data = _get_json(_ods_base(source), _ods_headers(), timeouts)
    except (DownloadError, _HttpStatus):
        return {}
    if isinstance(data, dict) and isinstance(data.get("dataset"), dict):
        data = data["dataset"]  # the v2.0 wrapping
    metas = data.get("metas") if isinstance(data, dict) else None
    default = metas.get("default") if isinstance(metas, dict) else None
    if not isinstance(default, dict):
        return {}
    return {
        "licence": _text(default.get("license")),
        "title": _text(default.get("title")),
        "producer": _text(default.get("publisher")),
        "modified": _text(default.get("modified")) or _text(default.get("data_processed")),
    }


def fetch_opendatasoft(
    source: OpendatasoftSource,
    cache_dir: Path,
    *,
    now: datetime | None = None,
    offline: bool = False,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
) -> FetchedFile:
    """The local copy of an Opendatasoft export, downloaded when missing or too old."""
    url = ods_export_url(source)

    def on_status(exc: _HttpStatus) -> DownloadError:
        if exc.status in (404, 410):
            return error(
                "download_ods_dataset_not_found", dataset=source.dataset, portal=source.portal
            )
        if exc.status in (401, 403):
            return error("download_access_denied", url=exc.url, status=exc.status)
        return _status_error(exc)

    def download(previous: _Cached | None, moment: datetime) -> FetchedFile:
        meta = {
            **_ods_metadata(source, timeouts),
            "source": {
                "type": "opendatasoft",
                "portal": source.portal,
                "dataset": source.dataset,
            },
        }
        name = f"{_slug(source.dataset) or 'data'}{_EXTENSIONS[source.format]}"
        target = _Target(url, source.format, name, _ods_headers(), meta, on_status)
        return _download(opendatasoft_folder(source, cache_dir), target, previous, moment, timeouts)

    return _fetch(
        opendatasoft_folder(source, cache_dir),
        label=source.describe(),
        max_age_days=source.max_age_days,
        declared_format=source.format,
        fallback_url=url,
        now=now,
        offline=offline,
        download=download,
    )


def cached_opendatasoft(source: OpendatasoftSource, cache_dir: Path) -> FetchedFile | None:
    """The cached copy of an Opendatasoft export, or None; never touches the network."""
    cached = read_cache(opendatasoft_folder(source, cache_dir))
    return cached.result(source.format, url=ods_export_url(source)) if cached else None


# ---------------------------------------------------------------- columns


def read_columns(fetched: FetchedFile) -> FileColumns | None:
    """The columns of a fetched file, read cheaply; None for a format sniff cannot read."""
    from datacites_proto.sources import sniff

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
