"""`sql` source: a table or a read-only query in any database SQLAlchemy reaches."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, ClassVar, Literal, Self

from pydantic import field_validator, model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import field, tag
from datacites_proto.blueprint.checks.paths import safe_path
from datacites_proto.blueprint.project_paths import probe
from datacites_proto.errors import Loc
from datacites_proto.sources.base import ENV_VAR_RE, RemoteSource, RemoteTarget

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks.context import CheckContext

__all__ = ["ENV_VAR_RE", "SqlSource", "check_no_credentials"]
_PASSWORD_IN_NETLOC = re.compile(r"^[A-Za-z0-9+._-]+://[^/@:]*:(?P<pw>[^/@]*)@")
_SECRET_PARAMS = re.compile(
    r"[?&](password|passwd|pwd|apikey|api_key|token|secret)=(?P<v>[^&]*)", re.I
)
TABLE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")


def only_placeholders(text: str) -> bool:
    return ENV_VAR_RE.sub("", text) == ""


def check_no_credentials(url: str) -> str:
    """Refuse a password or token written in clear inside a URL: it belongs in the environment."""
    found = _PASSWORD_IN_NETLOC.match(url)
    if found and found.group("pw") and not only_placeholders(found.group("pw")):
        raise PydanticCustomError("credential_in_url", "credential written in url", {})
    for match in _SECRET_PARAMS.finditer(url):
        if match.group("v") and not only_placeholders(match.group("v")):
            raise PydanticCustomError("credential_in_url", "credential written in url", {})
    return url


class SqlSource(RemoteSource):
    """A table or query of an SQL database; indicators are computed in that database."""

    doc_fr: ClassVar[str] = (
        "Une table ou une requête d'une base SQL ; les indicateurs sont calculés dans cette base."
    )

    type: Literal["sql"] = tag("sql")
    url: str = field(
        fr=(
            "Adresse SQLAlchemy de la base : duckdb:///…, sqlite:///…, "
            "postgresql+psycopg://hote/base, trino://hote:8080/catalogue/schema, "
            "clickhousedb://hote:8123/base, bigquery://projet/jeu, "
            "snowflake://compte/BASE/SCHEMA?warehouse=… (le paquet du pilote doit être "
            "installé ; voir « Bases SQL » dans docs/engine.md). Les secrets viennent de "
            "l'environnement : écrivez « ${PG_URL} » ou « …:${PG_MDP}@… », jamais un mot de "
            "passe."
        ),
        en=(
            "SQLAlchemy URL of the database: duckdb:///…, sqlite:///…, "
            "postgresql+psycopg://host/db, trino://host:8080/catalog/schema, "
            "clickhousedb://host:8123/db, bigquery://project/dataset, "
            "snowflake://account/DB/SCHEMA?warehouse=… (the driver's package must be "
            "installed; see 'SQL databases' in docs/engine.md). Secrets come from the "
            "environment: write '${PG_URL}' or '…:${PG_PASSWORD}@…', never a password."
        ),
    )
    table: str | None = field(
        None,
        fr="Table (ou « schéma.table ») à lire ; indiquez « table » ou « query ».",
        en="Table (or 'schema.table') to read; give either 'table' or 'query'.",
    )
    query: str | None = field(
        None,
        fr=(
            "Requête SELECT en lecture seule, utilisée comme une table ; indiquez « table "
            "» ou « query »."
        ),
        en="Read-only SELECT query, used as a table; give either 'table' or 'query'.",
    )

    @field_validator("url")
    @classmethod
    def _no_secret(cls, url: str) -> str:
        return check_no_credentials(url)

    @field_validator("table")
    @classmethod
    def _table_name(cls, table: str | None) -> str | None:
        if table is not None and not TABLE_RE.match(table):
            raise PydanticCustomError("sql_bad_table", "bad table name", {"table": table})
        return table

    @field_validator("query")
    @classmethod
    def _read_only_query(cls, query: str | None) -> str | None:
        if query is None:
            return None
        text = re.sub(r"'(?:[^']|'')*'", "''", query).strip().rstrip(";").strip()
        if not re.match(r"(?is)^(select|with)\b", text) or ";" in text:
            raise PydanticCustomError("sql_query_not_select", "query must be one SELECT", {})
        return query

    @model_validator(mode="after")
    def _table_or_query(self) -> Self:
        if (self.table is None) == (self.query is None):
            raise PydanticCustomError("sql_table_or_query", "give table or query", {})
        return self

    def env_vars(self) -> list[str]:
        return ENV_VAR_RE.findall(self.url)

    def describe(self) -> str:
        return self.table or "query"

    def target(self) -> RemoteTarget:
        return RemoteTarget(self.url, self.table, self.query)

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        loc = (*loc, "url")
        for var in self.env_vars():
            if var not in os.environ:
                ctx.warn("env_var_unset", loc, params={"name": var})
        # A file database (SQLite, DuckDB) is a data file of the project like any other.
        scheme, _, rest = self.url.partition(":///")
        if (
            scheme.split("+")[0] in ("sqlite", "duckdb")
            and rest
            and not rest.startswith(":memory:")
        ):
            path = rest.split("?")[0]
            if safe_path(ctx, path) is None:
                ctx.error("path_outside_project", loc, params={"path": path})
            elif probe(ctx.base_dir / path) != "file":
                ctx.warn("data_file_missing", loc, params={"path": path})
