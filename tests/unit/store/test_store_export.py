"""Export of the feedback: CSV for spreadsheets (formulas neutralised), JSON for programs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from datacites_proto.store import Store
from datacites_proto.store.export import COLUMNS, to_csv, to_json


def _store(tmp_path: Path) -> Store:
    store = Store.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    store.add_feedback(
        "s",
        page="accueil",
        rating=5,
        comment='Bravo, "vraiment" ; merci\nsur deux lignes',
        filters={"lieux": ["Gare"]},
        answers={"utile": 4},
        at=dt.datetime(2026, 11, 30, 8, 15, 0),
    )
    store.add_feedback(
        "s",
        page="votre-avis",
        rating=1,
        comment='=HYPERLINK("http://x")',
        at=dt.datetime(2026, 12, 1),
    )
    return store


def test_json_export(tmp_path: Path) -> None:
    records = json.loads(to_json(_store(tmp_path).feedback_rows("s")))
    assert [r["page"] for r in records] == ["votre-avis", "accueil"]  # newest first
    first = records[1]
    assert first == {
        "id": 1,
        "created_at": "2026-11-30T08:15:00Z",
        "page": "accueil",
        "rating": 5,
        "comment": 'Bravo, "vraiment" ; merci\nsur deux lignes',
        "filters": {"lieux": ["Gare"]},
        "answers": {"utile": 4},
    }


def test_csv_export(tmp_path: Path) -> None:
    text = to_csv(_store(tmp_path).feedback_rows("s"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 2
    accueil = rows[1]
    assert accueil["comment"] == 'Bravo, "vraiment" ; merci\nsur deux lignes'
    assert json.loads(accueil["filters"]) == {"lieux": ["Gare"]}
    assert json.loads(accueil["answers"]) == {"utile": 4}
    assert accueil["created_at"] == "2026-11-30T08:15:00Z"
    # A spreadsheet would run this as a formula: the export makes it text.
    assert rows[0]["comment"] == '\'=HYPERLINK("http://x")'


def test_empty_export(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    assert to_csv(store.feedback_rows("s")) == ",".join(COLUMNS) + "\n"
    assert json.loads(to_json(store.feedback_rows("s"))) == []
