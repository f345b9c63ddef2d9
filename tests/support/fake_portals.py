"""A local fake of data.gouv.fr (API 1) and of an Opendatasoft portal (Explore API v2.1).

One threaded `http.server` on 127.0.0.1 (a free port) answers both APIs with their real
response shapes (../shared/notes/domain.md, section 3), counts requests per path and can
misbehave on demand: an HTTP error, a slow answer, a body that stalls half-way, a
redirect, a huge or cut-off body, invalid JSON. Nothing leaves the machine.

    with fake_portal() as portal:
        source = DataGouvSource(dataset=IRVE_ID, resource=IRVE_CSV_ID, api_url=portal.datagouv_api)
        ...
        portal.count("/files/irve-statique.csv")
        portal.fail("/files/irve-statique.csv", 500)

Routes:
- `GET /api/1/datasets/<id or slug>/` → a data.gouv.fr dataset (`resources[]`, `license`…);
- `GET /api/1/datasets/r/<resource id>` → 302 to the resource's URL (data.gouv.fr's
  "latest version" links);
- `GET /files/<name>` → a file of `portal.files`, with `ETag` and `Last-Modified`
  (and 304 to a matching `If-None-Match`);
- `GET /api/explore/v2.1/catalog/datasets/<id>` → an Opendatasoft dataset's metadata;
- `GET /api/explore/v2.1/catalog/datasets/<id>/records` → `{"total_count", "results"}`
  (`limit` 10 by default, at most 100);
- `GET /api/explore/v2.1/catalog/datasets/<id>/exports/<csv|json|geojson|parquet>` → the
  whole dataset (CSV with `;`, UTF-8 with a BOM, like the real portals).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

LAST_MODIFIED = "Thu, 02 May 2024 08:00:00 GMT"

# ---------------------------------------------------------------- sample data

STATIONS: list[dict[str, Any]] = [
    {
        "id_pdc_itinerance": "FRS35PRENNES0011",
        "nom_station": "Rennes - République",
        "code_insee_commune": "35238",
        "puissance_nominale_kw": 22.0,
        "gratuit": False,
        "lon": -1.6794,
        "lat": 48.1098,
    },
    {
        "id_pdc_itinerance": "FRS35PRENNES0012",
        "nom_station": "Rennes - Gares",
        "code_insee_commune": "35238",
        "puissance_nominale_kw": 50.0,
        "gratuit": False,
        "lon": -1.6722,
        "lat": 48.1035,
    },
    {
        "id_pdc_itinerance": "FRS35PCESSON001",
        "nom_station": "Cesson-Sévigné - Mairie",
        "code_insee_commune": "35051",
        "puissance_nominale_kw": 7.4,
        "gratuit": True,
        "lon": -1.6036,
        "lat": 48.1213,
    },
]

IRVE_ID = "5448d3e0c751df01f85d0572"
IRVE_SLUG = "fichier-consolide-des-bornes-de-recharge-pour-vehicules-electriques"
IRVE_TITLE = "Fichier consolidé des Bornes de Recharge pour Véhicules Électriques"
IRVE_CSV_ID = "eb76d20a-8501-400e-b336-d85724de5435"
IRVE_CSV_TITLE = "Consolidation IRVE statique (CSV)"
IRVE_PARQUET_ID = "4e2b3c7a-6c1f-4f6e-9b1e-2f0d6c9c1a01"
IRVE_GEOJSON_ID = "8d9398ae-3037-48b2-be19-412c24561fbb"
IRVE_XLSX_ID = "1c2b6a4e-0c8d-4a59-8f7d-6b3c7e5a9d02"
IRVE_NO_FORMAT_ID = "7a4f5c1e-2b3d-4e6f-8a9b-0c1d2e3f4a03"
IRVE_ZIP_ID = "9b8a7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c04"
IRVE_FILE_URL_ID = "2f3e4d5c-6b7a-4988-a7b6-c5d4e3f2a105"
IRVE_LATEST_ID = "3a4b5c6d-7e8f-4a0b-9c2d-3e4f5a6b7c06"

ODS_DATASET = "bornes-de-recharge-pour-vehicules-electriques"
ODS_TITLE = "Bornes de recharge pour véhicules électriques"
ODS_LICENSE = "Licence Ouverte v2.0 (Etalab)"
ODS_PUBLISHER = "Rennes Métropole"


def csv_bytes(rows: list[dict[str, Any]], sep: str = ",", bom: bool = False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=sep, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def parquet_bytes(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), sink)
    return sink.getvalue()


def xlsx_bytes(rows: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    sink = io.BytesIO()
    workbook.save(sink)
    return sink.getvalue()


def geojson_bytes(rows: list[dict[str, Any]]) -> bytes:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: v for k, v in row.items() if k not in ("lon", "lat")},
        }
        for row in rows
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def ods_records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as Opendatasoft v2.1 records: flat fields, positions in `geo_point_2d`."""
    return [
        {
            **{k: v for k, v in row.items() if k not in ("lon", "lat")},
            "geo_point_2d": {"lon": row["lon"], "lat": row["lat"]},
        }
        for row in rows
    ]


def _resource(base: str, rid: str, title: str, url: str, fmt: str) -> dict[str, Any]:
    """A data.gouv.fr resource as API 1 returns it (the fields that matter, and a few more)."""
    return {
        "id": rid,
        "title": title,
        "description": None,
        "type": "main",
        "url": url,
        "latest": f"{base}/api/1/datasets/r/{rid}",
        "format": fmt,
        "mime": None,
        "filesize": None,
        "filetype": "remote",
        "checksum": None,
        "created_at": "2024-01-10T09:00:00.000000+00:00",
        "last_modified": "2024-05-02T08:00:00.000000+00:00",
        "metrics": {"views": 0},
        "extras": {},
        "schema": {},
    }


def irve_dataset(base: str, files_base: str | None = None) -> dict[str, Any]:
    """A data.gouv.fr dataset (API 1 shape) whose files are served by `files_base`."""
    files = files_base or base
    resources = [
        (IRVE_CSV_ID, IRVE_CSV_TITLE, f"{files}/files/irve-statique.csv", "csv"),
        (
            IRVE_PARQUET_ID,
            "Consolidation IRVE statique (Parquet)",
            f"{files}/files/irve-statique.parquet",
            "parquet",
        ),
        (
            IRVE_GEOJSON_ID,
            "Consolidation IRVE statique (GeoJSON)",
            f"{files}/files/irve-statique.json",
            "json",
        ),
        (IRVE_XLSX_ID, "Bornes par commune", f"{files}/files/bornes-communes.xlsx", "xlsx"),
        (IRVE_NO_FORMAT_ID, "Export sans format", f"{files}/files/export-bornes.csv", ""),
        (IRVE_ZIP_ID, "Archive des exports", f"{files}/files/archive.zip", "zip"),
        (IRVE_FILE_URL_ID, "Fichier local", "file:///etc/passwd", "csv"),
        (
            IRVE_LATEST_ID,
            "Dernière version (CSV)",
            f"{base}/api/1/datasets/r/{IRVE_CSV_ID}",
            "csv",
        ),
    ]
    return {
        "id": IRVE_ID,
        "slug": IRVE_SLUG,
        "title": IRVE_TITLE,
        "acronym": "IRVE",
        "description": "Consolidation des données IRVE statiques.",
        "page": f"https://www.data.gouv.fr/fr/datasets/{IRVE_SLUG}/",
        "uri": f"{base}/api/1/datasets/{IRVE_ID}/",
        "license": "lov2",
        "frequency": "daily",
        "created_at": "2014-10-23T11:31:00.000000+00:00",
        "last_modified": "2024-05-02T08:00:00.000000+00:00",
        "last_update": "2024-05-02T08:00:00.000000+00:00",
        "archived": None,
        "private": False,
        "tags": ["irve", "mobilite"],
        "organization": {
            "id": "534fff75a3a7292c64a77de4",
            "name": "Etalab",
            "slug": "etalab",
            "page": "https://www.data.gouv.fr/fr/organizations/etalab/",
        },
        "owner": None,
        "resources": [_resource(base, *r) for r in resources],
        "community_resources": [],
    }


def ods_metadata(base: str, dataset: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """An Opendatasoft dataset as Explore v2.1 returns it."""
    return {
        "dataset_id": dataset,
        "dataset_uid": "da_" + hashlib.sha1(dataset.encode()).hexdigest()[:6],
        "has_records": bool(rows),
        "features": ["geo", "analyze"],
        "visibility": "domain",
        "attachments": [],
        "alternative_exports": [],
        "data_visible": True,
        "fields": [
            {"name": name, "label": name, "type": "text", "annotations": {}, "description": None}
            for name in (ods_records(rows)[0] if rows else {})
        ],
        "metas": {
            "default": {
                "title": ODS_TITLE,
                "description": "<p>Bornes de recharge du territoire.</p>",
                "theme": ["Transports, Déplacements"],
                "keyword": ["irve"],
                "license": ODS_LICENSE,
                "license_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
                "language": "fr",
                "modified": "2024-04-10T09:12:00+00:00",
                "data_processed": "2024-04-10T09:12:30+00:00",
                "metadata_processed": "2024-04-10T09:12:31+00:00",
                "publisher": ODS_PUBLISHER,
                "records_count": len(rows),
            }
        },
        "links": [{"rel": "self", "href": f"{base}/api/explore/v2.1/catalog/datasets/{dataset}"}],
    }


# ---------------------------------------------------------------- control


@dataclass
class Reply:
    """One canned answer; `times` limits how many requests it answers (None: all)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    size: int | None = None  # stream this many generated bytes instead of `body`
    announce: bool = True  # send Content-Length
    cut_after: int | None = None  # send only this many bytes (Content-Length says all), close
    stall_after: int | None = None  # send this many bytes, wait `stall_seconds`, send the rest
    stall_seconds: float = 0.0
    times: int | None = None


def json_reply(data: Any, status: int = 200) -> Reply:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Reply(status, body, {"Content-Type": "application/json; charset=utf-8"})


@dataclass(frozen=True)
class Seen:
    """A request the server received."""

    method: str
    path: str  # decoded, without the query
    query: str
    headers: Mapping[str, str]  # lower-cased names


class FakePortal:
    """The control object of a running fake portal."""

    def __init__(self, url: str, files_base: str | None = None) -> None:
        self.url = url  # http://127.0.0.1:<port>, no trailing slash
        self.datagouv_api = url + "/api/1/"
        self.ods_portal = url
        self.datagouv_datasets: dict[str, dict[str, Any]] = {}
        self.ods_datasets: dict[str, list[dict[str, Any]]] = {}
        self.files: dict[str, bytes] = {}
        self.requests: list[Seen] = []
        self.without_etag: set[str] = set()  # files served with Last-Modified only
        self._overrides: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self.add_datagouv_dataset(irve_dataset(url, files_base))
        self.files.update(
            {
                "irve-statique.csv": csv_bytes(STATIONS),
                "irve-statique.parquet": parquet_bytes(STATIONS),
                "irve-statique.json": geojson_bytes(STATIONS),
                "bornes-communes.xlsx": xlsx_bytes(STATIONS),
                "export-bornes.csv": csv_bytes(STATIONS, sep=";"),
                "archive.zip": b"PK\x05\x06" + b"\x00" * 18,
            }
        )
        self.ods_datasets[ODS_DATASET] = list(STATIONS)

    # -- data
    def add_datagouv_dataset(self, dataset: dict[str, Any]) -> None:
        """Serve a dataset under its id and its slug."""
        self.datagouv_datasets[dataset["id"]] = dataset
        if dataset.get("slug"):
            self.datagouv_datasets[dataset["slug"]] = dataset

    def add_file(self, name: str, body: bytes) -> str:
        """Serve `body` at /files/<name>; returns its URL."""
        self.files[name] = body
        return f"{self.url}/files/{name}"

    # -- misbehaviour
    def override(self, path: str, reply: Reply) -> None:
        """Answer requests for `path` with `reply` (queued after earlier overrides)."""
        with self._lock:
            self._overrides.setdefault(path, []).append(reply)

    def fail(self, path: str, status: int = 500, *, times: int | None = None) -> None:
        reply = json_reply({"message": "error", "status": status}, status)
        reply.times = times
        self.override(path, reply)

    def slow(self, path: str, seconds: float, *, times: int | None = None) -> None:
        """Answer normally, after `seconds`."""
        self.override(path, Reply(status=0, delay=seconds, times=times))

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.override(path, Reply(status, b"", {"Location": location}))

    def huge(self, path: str, size: int, *, announce: bool = True) -> None:
        """Stream `size` bytes, with or without a Content-Length."""
        self.override(path, Reply(size=size, announce=announce))

    def cut(self, path: str, after: int) -> None:
        """Announce the whole body but close the connection after `after` bytes."""
        self.override(path, Reply(status=0, cut_after=after))

    def stall(self, path: str, after: int, seconds: float) -> None:
        """Send `after` bytes of the normal answer, go quiet for `seconds`, then the rest."""
        self.override(path, Reply(status=0, stall_after=after, stall_seconds=seconds))

    def invalid_json(self, path: str) -> None:
        body = b'{"id": "5448d3e0", "resources": [ <html>Maintenance</html>'
        self.override(path, Reply(200, body, {"Content-Type": "application/json"}))

    def reset(self) -> None:
        """Forget overrides and counted requests."""
        with self._lock:
            self._overrides.clear()
            self.requests.clear()

    # -- inspection
    def seen(self, path: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def count(self, path: str | None = None) -> int:
        """Requests received for `path`, or in all when None."""
        with self._lock:
            return (
                len(self.requests) if path is None else sum(r.path == path for r in self.requests)
            )

    # -- serving
    def _take_override(self, path: str) -> Reply | None:
        with self._lock:
            queue = self._overrides.get(path)
            if not queue:
                return None
            reply = queue[0]
            if reply.times is not None:
                reply.times -= 1
                if reply.times <= 0:
                    queue.pop(0)
            return reply

    def answer(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
        override = self._take_override(seen.path)
        if override is not None and override.status != 0:
            return override
        normal = self._route(seen)
        if override is not None:  # a misbehaviour applied to the normal answer
            normal.delay = override.delay
            normal.cut_after = override.cut_after
            normal.stall_after = override.stall_after
            normal.stall_seconds = override.stall_seconds
        return normal

    def _route(self, seen: Seen) -> Reply:
        parts = [p for p in seen.path.split("/") if p]
        if parts[:3] == ["api", "1", "datasets"] and len(parts) == 5 and parts[3] == "r":
            return self._latest(parts[4])
        if parts[:3] == ["api", "1", "datasets"] and len(parts) == 4:
            dataset = self.datagouv_datasets.get(parts[3])
            if dataset is None:
                return json_reply({"message": "Not Found", "status": 404}, 404)
            return json_reply(dataset)
        if parts[:1] == ["files"] and len(parts) == 2:
            return self._file(parts[1], seen)
        if parts[:5] == ["api", "explore", "v2.1", "catalog", "datasets"] and len(parts) >= 6:
            return self._ods(parts[5], parts[6:], seen)
        return json_reply({"message": "Not Found", "status": 404}, 404)

    def _latest(self, resource_id: str) -> Reply:
        for dataset in self.datagouv_datasets.values():
            for resource in dataset["resources"]:
                if resource["id"] == resource_id and resource["url"] != resource["latest"]:
                    return Reply(302, b"", {"Location": resource["url"]})
        return json_reply({"message": "Resource not found", "status": 404}, 404)

    def _file(self, name: str, seen: Seen) -> Reply:
        body = self.files.get(name)
        if body is None:
            return Reply(404, b"Not Found", {"Content-Type": "text/plain"})
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        headers = {
            "Content-Type": "application/octet-stream",
            "ETag": etag,
            "Last-Modified": LAST_MODIFIED,
        }
        if name in self.without_etag:
            del headers["ETag"]
        elif seen.headers.get("if-none-match") == etag:
            return Reply(304, b"", headers)
        # If-None-Match wins when both are sent (RFC 9110 13.2.2); the date never changes here.
        unchanged = seen.headers.get("if-modified-since") == LAST_MODIFIED
        if "if-none-match" not in seen.headers and unchanged:
            return Reply(304, b"", headers)
        return Reply(200, body, headers)

    def _ods(self, dataset: str, rest: list[str], seen: Seen) -> Reply:
        rows = self.ods_datasets.get(dataset)
        if rows is None:
            return json_reply(
                {"error_code": "NotFound", "message": f"Dataset '{dataset}' not found."}, 404
            )
        if not rest:
            return json_reply(ods_metadata(self.url, dataset, rows))
        if rest == ["records"]:
            query = parse_qs(seen.query)
            limit = int(query.get("limit", ["10"])[0])
            offset = int(query.get("offset", ["0"])[0])
            if limit > 100 or offset + limit > 10000:
                return json_reply({"error_code": "InvalidRESTParameterError"}, 400)
            records = ods_records(rows)[offset : offset + limit]
            return json_reply({"total_count": len(rows), "results": records})
        if len(rest) == 2 and rest[0] == "exports":
            return self._export(rest[1], rows)
        return json_reply({"error_code": "NotFound", "message": "Unknown endpoint."}, 404)

    def _export(self, fmt: str, rows: list[dict[str, Any]]) -> Reply:
        records = ods_records(rows)
        if fmt == "csv":
            flat = [
                {
                    **{k: v for k, v in r.items() if k != "geo_point_2d"},
                    "geo_point_2d": f"{r['geo_point_2d']['lat']}, {r['geo_point_2d']['lon']}",
                }
                for r in records
            ]
            return Reply(200, csv_bytes(flat, sep=";", bom=True), {"Content-Type": "text/csv"})
        if fmt == "json":
            return json_reply(records)
        if fmt == "geojson":
            body = geojson_bytes(rows)
            return Reply(200, body, {"Content-Type": "application/geo+json"})
        if fmt == "parquet":
            body = parquet_bytes(rows)
            return Reply(200, body, {"Content-Type": "application/vnd.apache.parquet"})
        return json_reply({"error_code": "InvalidRESTParameterError"}, 400)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        seen = Seen(
            "GET",
            unquote(parts.path),
            parts.query,
            {k.lower(): v for k, v in self.headers.items()},
        )
        reply = self.server.portal.answer(seen)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, TimeoutError):
            self._send(reply)  # the client may have given up (a timeout test)

    def _send(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        length = reply.size if reply.size is not None else len(reply.body)
        if reply.announce and reply.status not in (204, 304):
            self.send_header("Content-Length", str(length))
        self.send_header("Connection", "close")
        self.end_headers()
        if reply.size is not None:
            block = b"x" * 65536
            left = reply.size
            while left > 0:
                self.wfile.write(block[: min(left, len(block))])
                left -= len(block)
        elif reply.stall_after is not None:
            self.wfile.write(reply.body[: reply.stall_after])
            self.wfile.flush()
            time.sleep(reply.stall_seconds)
            self.wfile.write(reply.body[reply.stall_after :])
        elif reply.cut_after is not None:
            self.wfile.write(reply.body[: reply.cut_after])
            self.wfile.flush()
        elif reply.status != 304:
            self.wfile.write(reply.body)
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    portal: FakePortal


@contextmanager
def fake_portal(files_base: str | None = None) -> Iterator[FakePortal]:
    """Run a fake portal on 127.0.0.1 (a free port) for the duration of the block.

    `files_base` makes the data.gouv.fr dataset point its resources at another server
    (the real files live on static.data.gouv.fr or the producer's own host).
    """
    server = _Server(("127.0.0.1", 0), _Handler)
    host, port = server.server_address[:2]
    server.portal = FakePortal(f"http://{host}:{port}", files_base)
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="fake-portal", daemon=True
    )
    thread.start()
    try:
        yield server.portal
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
