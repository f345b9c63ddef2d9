"""Exports of a service's catalogue: DCAT-AP 3.0.1 (JSON-LD, Turtle) and ODRL 2.2 policies."""

from __future__ import annotations

import json
from typing import Final

from rdflib import Graph

from datacites_proto.blueprint.model import Blueprint
from datacites_proto.engine.exports.coverage import Period, time_coverage
from datacites_proto.engine.exports.dcat import PREFIXES, catalog_graph, policies_graph
from datacites_proto.engine.exports.uris import Uris, base_uri
from datacites_proto.engine.service import Service

__all__ = ["FORMATS", "build_graph", "catalog_graph", "policies_graph", "serialize"]

# Format name -> rdflib serializer. `odrl`: the agreements alone, as JSON-LD.
FORMATS: Final = {"jsonld": "json-ld", "ttl": "turtle", "odrl": "json-ld"}


def build_graph(blueprint: Blueprint, fmt: str = "jsonld", base: str | None = None) -> Graph:
    """The graph `fmt` exports: the catalogue (reading the data for its periods) or, for
    `odrl`, the agreements alone."""
    uris = Uris(base_uri(base, blueprint.service.id))
    if fmt == "odrl":
        return policies_graph(blueprint, uris)
    periods: dict[str, Period | None] = {}
    with Service.from_blueprint(blueprint, in_memory=True) as service:
        for ds_id in blueprint.datasets:
            periods[ds_id] = time_coverage(service, ds_id)
    return catalog_graph(blueprint, uris, periods)


def serialize(graph: Graph, fmt: str) -> str:
    """The graph as text: JSON-LD compacted with the catalogue's prefixes, or Turtle.

    The same blueprint and data give the same text (nodes sorted by id), so that an
    exported catalogue can be committed and compared.
    """
    if FORMATS[fmt] == "json-ld":
        context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        doc = json.loads(graph.serialize(format="json-ld", context=context))
        if isinstance(doc.get("@graph"), list):
            doc["@graph"].sort(key=lambda node: str(node.get("@id", "")))
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return graph.serialize(format="turtle")
