"""A Service whose datasets are pandas frames placed in an in-memory DuckDB (compiler tests)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import sqlalchemy as sa
from duckdb_engine import ConnectionWrapper

from datacites_proto import load_blueprint
from datacites_proto.engine.catalog import DatasetTable, table_for
from datacites_proto.engine.service import Service


class _NoDatabase:
    def close(self) -> None:
        pass


def service_over_frames(
    blueprint_path: Path, frames: dict[str, tuple[pd.DataFrame, dict[str, str]]]
) -> Service:
    """A Service over `blueprint_path` whose datasets are the given (frame, column types)."""
    blueprint = load_blueprint(blueprint_path)
    con = duckdb.connect()
    engine = sa.create_engine("duckdb://", creator=lambda: ConnectionWrapper(con.cursor()))
    service = Service(blueprint, local_db=_NoDatabase(), cache_dir=blueprint.base_dir)
    for dataset, (frame, types) in frames.items():
        name = f"ds_{dataset}"
        con.register("incoming", frame)
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
        con.unregister("incoming")
        table = DatasetTable(
            dataset, table_for(name, types), dict(types), engine, "local", duckdb=con
        )
        service.attach(table)
    return service
