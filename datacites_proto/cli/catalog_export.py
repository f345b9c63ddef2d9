"""`datacites catalog export PATH`: the service's datasets as a DCAT-AP 3.0.1 catalogue."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.blueprint.loader import load_blueprint
from datacites_proto.cli.context import CliState
from datacites_proto.cli.options import OutputOption
from datacites_proto.cli.output import say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.i18n import resolve_lang

app = typer.Typer(
    help="The service's catalogue for data portals (DCAT-AP 3.0.1, ODRL 2.2 agreements).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CatalogFormat(StrEnum):
    jsonld = "jsonld"
    ttl = "ttl"
    odrl = "odrl"


@app.command("export")
def export(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
    output_format: Annotated[
        CatalogFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonld or ttl: the DCAT-AP catalogue; odrl: the agreements alone (JSON-LD).",
        ),
    ] = CatalogFormat.jsonld,
    output: OutputOption = None,
    base_uri: Annotated[
        str | None,
        typer.Option(
            "--base-uri",
            help=(
                "Address where the service is published; every IRI starts with it "
                "(default https://datacites.invalid/services/SERVICE_ID/, never resolved)."
            ),
        ),
    ] = None,
) -> None:
    """Export the datasets (time coverage read from the data) and their agreements."""
    # Imported here: rdflib is read only by this command, not at every `datacites` start.
    from rdflib.namespace import DCAT, ODRL2, RDF

    from datacites_proto.engine.exports import build_graph, serialize

    state: CliState = ctx.obj
    blueprint = load_blueprint(find_blueprint(path), lang=state.lang if state else None)
    lang = resolve_lang(state.lang if state else None, blueprint.lang)
    graph = build_graph(blueprint, output_format.value, base_uri)
    text = serialize(graph, output_format.value)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    output.write_text(text, encoding="utf-8")
    say(
        "catalog_export_written",
        lang,
        style="green",
        err=True,
        path=output,
        datasets=len(set(graph.subjects(RDF.type, DCAT.Dataset))),
        policies=len(set(graph.subjects(RDF.type, ODRL2.Agreement))),
    )
