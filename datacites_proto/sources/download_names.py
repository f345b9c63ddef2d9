"""Names of downloaded copies: safe local file names, folder slugs and formats from declarations."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FORMATS = ("csv", "parquet", "geojson", "excel", "json")  # what a copy may hold

# Formats as portals declare them (lower-cased), and file extensions.
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
EXTENSIONS = {"csv": ".csv", "parquet": ".parquet", "geojson": ".geojson", "json": ".json"}


def slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII letters, digits and dashes: never `..`, never a separator."""
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-")


def digest(*parts: str) -> str:
    """A short stable hash of `parts`, to tell folders with the same readable name apart."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def normalise_format(declared: Any) -> str | None:
    """csv, parquet, geojson, json or excel, from a declared format or extension; else None."""
    if not isinstance(declared, str):
        return None
    return _FORMAT_ALIASES.get(declared.strip().lower().lstrip("."))


def url_extension(url: str) -> str:
    """The extension of the URL's path, lower-cased, without the dot."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    return Path(path).suffix.lower().lstrip(".")


def format_from_name(name: str) -> str | None:
    """The format a file name's extension says, or None."""
    return normalise_format(Path(name).suffix)


def extension(fmt: str, hints: Sequence[str]) -> str:
    """The local file's extension for `fmt` (`.xls` when a hint says so)."""
    if fmt == "excel":
        return ".xls" if any(h.strip().lower().lstrip(".") == "xls" for h in hints) else ".xlsx"
    return EXTENSIONS[fmt]


def file_name(url: str, fallback: str, ext: str) -> str:
    """A safe local name: the URL's last segment, slugged, with the format's extension."""
    segment = Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).name
    stem = segment
    while format_from_name(stem):  # drop `.csv`, `.geojson`… (maybe twice: `.json.json`)
        stem = stem[: -len(Path(stem).suffix)]
    return (slug(stem) or slug(fallback) or "data") + ext
