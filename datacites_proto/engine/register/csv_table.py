"""The register as CSV, one row per dataset, for spreadsheets.

Written for French spreadsheet users: `;` separates the fields (the comma is the decimal
mark in French), the text is UTF-8 with a byte-order mark (Excel then reads accents
right), lines end with CRLF, and dates are ISO 8601 (AAAA-MM-JJ), which every
spreadsheet reads as a date and sorts correctly. Lists inside a cell are separated by
« | ».
"""

from __future__ import annotations

import csv
import io

from datacites_proto.engine.register.model import DatasetRecord, Register
from datacites_proto.engine.register.words import Words

DELIMITER = ";"
BOM = "\ufeff"
LIST_SEPARATOR = " | "


def _iso(value: object) -> str:
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]


def _row(r: DatasetRecord, w: Words) -> list[str]:
    a = r.agreement
    public = [v for v in r.views if v.public]
    team = [v for v in r.views if not v.public]
    return [
        r.id,
        r.title,
        r.producer or "",
        w.sector(r.sector),
        w.licence(r.licence),
        w.t(f"register_access_short_{r.access}"),
        LIST_SEPARATOR.join(r.personal),
        str(r.threshold),
        w.threshold_origin(r),
        _iso(r.updated),
        (a.path if a else r.agreement_path) or "",
        w.parties(a) if a else "",
        a.purpose if a else "",
        _iso(a.start) if a else "",
        _iso(a.end) if a else "",
        w.state(a) if a else "",
        str(a.days_left) if a and a.days_left is not None else "",
        str(a.retention_days) if a and a.retention_days is not None else "",
        w.publication(a) if a else "",
        w.onward(a) if a else "",
        LIST_SEPARATOR.join(f"{i.id} ({w.via(i.via)})" for i in r.indicators),
        w.level(r.public_level, download=any(v.download for v in public)),
        w.level(r.team_level, download=any(v.download for v in team)),
        LIST_SEPARATOR.join(w.view_in_page(v) for v in public),
        LIST_SEPARATOR.join(w.view_in_page(v) for v in team),
        w.yes_no(r.downloadable),
        LIST_SEPARATOR.join(r.filters),
    ]


HEADERS = (
    "id", "title", "producer", "sector", "licence", "access", "personal", "threshold",
    "threshold_origin", "updated", "agreement", "parties", "purpose", "start", "end", "state",
    "days_left", "retention_days", "publication", "onward", "indicators", "public_level",
    "team_level", "public_views", "team_views", "downloadable", "filters",
)  # fmt: skip


def render_csv(register: Register, lang: str) -> str:
    """The register as CSV text, byte-order mark first."""
    w = Words(lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([w.t(f"register_col_{h}") for h in HEADERS])
    writer.writerows(_row(r, w) for r in register.datasets)
    return BOM + out.getvalue()
