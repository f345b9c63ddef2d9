"""`retention_days`: rows older than the period are left out of every read (real DuckDB)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from datacites_proto.blueprint.clock import ENV_VAR
from datacites_proto.engine import retention
from datacites_proto.engine.service import Service

AGREEMENT = """\
parties: [{name: Ville, role: user}, {name: Opérateur, role: producer}]
purpose: Essai.
datasets: [events]
start: 2026-01-01
access: open
retention_days: 10
publication: true
"""

BLUEPRINT = """\
datacites: 1
service: {id: retention, title: Rétention}
datasets:
  events:
    source: {type: csv, path: events.csv}
    columns: {label: string, seen: datetime}
    governance: {licence: agreement, agreement: agreement.yaml}
indicators:
  n: {label: Événements, dataset: events, measure: count(*)}
pages:
  - title: Accueil
    views: [{type: kpi, indicator: n}]
"""


@pytest.fixture
def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Service:
    monkeypatch.setenv(ENV_VAR, "2026-03-31")
    (tmp_path / "agreement.yaml").write_text(AGREEMENT, encoding="utf-8")
    (tmp_path / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    # One event a day, at noon, from 1 to 31 March; one without a date.
    rows = ["label,seen"] + [f"e{d},2026-03-{d:02d} 12:00:00" for d in range(1, 32)] + ["sans,"]
    (tmp_path / "events.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with Service.from_blueprint(tmp_path / "blueprint.yaml", in_memory=True) as svc:
        yield svc


def labels(service: Service, audience: str) -> list[str]:
    frame = service.rows("events", ["label"], sort="label", audience=audience)  # type: ignore[arg-type]
    return sorted(frame["label"], key=lambda x: int(x[1:]))


@pytest.mark.parametrize("audience", ["public", "team"])
def test_rows_older_than_the_period_are_left_out_for_everyone(
    service: Service, audience: str
) -> None:
    # 31 March minus 10 days: from 21 March on; the undated row cannot be shown recent.
    kept = [f"e{d}" for d in range(21, 32)]
    assert labels(service, audience) == kept
    assert service.result("n", audience=audience).frame["n"].tolist() == [len(kept)]  # type: ignore[arg-type]


@pytest.mark.parametrize("audience", ["public", "team"])
def test_the_period_follows_the_clock(
    service: Service, monkeypatch: pytest.MonkeyPatch, audience: str
) -> None:
    assert service.compute("n", audience=audience)["n"].tolist() == [11]  # type: ignore[arg-type]
    monkeypatch.setenv(ENV_VAR, "2026-04-05")  # five days later: five fewer rows
    assert service.compute("n", audience=audience)["n"].tolist() == [6]  # type: ignore[arg-type]


def test_the_rule_and_the_count_of_rows_left_out(service: Service) -> None:
    whole = service.table("events", whole=True)
    rule = retention.rule(service.blueprint, "events", whole.columns)
    assert rule is not None
    assert (rule.column, rule.days, rule.cutoff) == ("seen", 10, dt.date(2026, 3, 21))
    assert retention.dropped(whole, rule) == 20 + 1  # 1–20 March, and the undated row
    [warning] = retention.dropped_warnings(service)
    assert warning.severity == "warning" and warning.line == 6
    assert "21 lignes du jeu « events » sont antérieures au 21 mars 2026" in warning.message()


def test_the_first_date_column_is_the_one_judged() -> None:
    columns = {"label": "string", "created": "date", "seen": "datetime"}
    assert retention.date_column(columns) == "created"
    assert retention.date_column({"label": "string"}) is None


def test_a_database_table_keeps_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An `sql` source is queried where it lies: the period applies there too (SQLite)."""
    import sqlalchemy as sa

    monkeypatch.setenv(ENV_VAR, "2026-03-31")
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'events.db'}")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE events (label TEXT, seen DATE)"))
        for d in range(1, 32):
            conn.execute(
                sa.text("INSERT INTO events VALUES (:l, :s)"),
                {"l": f"e{d}", "s": f"2026-03-{d:02d}"},
            )
    engine.dispose()
    (tmp_path / "agreement.yaml").write_text(AGREEMENT, encoding="utf-8")
    blueprint = BLUEPRINT.replace(
        "source: {type: csv, path: events.csv}\n    columns: {label: string, seen: datetime}",
        'source: {type: sql, url: "sqlite:///events.db", table: events}\n'
        "    columns: {label: string, seen: date}",
    )
    (tmp_path / "blueprint.yaml").write_text(blueprint, encoding="utf-8")
    with Service.from_blueprint(tmp_path / "blueprint.yaml", in_memory=True) as service:
        assert service.compute("n", audience="team")["n"].tolist() == [11]
        assert labels(service, "public") == [f"e{d}" for d in range(21, 32)]
