"""`datacites catalog export`: every example is a DCAT-AP 3.0.1 catalogue the official shapes
accept, restricted data is never distributed, and the CLI speaks French and English."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH

from datacites_proto import load_blueprint
from datacites_proto.engine.exports import build_graph, serialize
from datacites_proto.engine.exports.uris import DEFAULT_BASE
from tests.conftest import REPO

SPECS = REPO / "tests" / "specs" / "dcat-ap-3.0.1"
EU = "http://publications.europa.eu/resource/authority/"
# Open namespaces: pytest's collection probes module attributes, which closed ones refuse.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
EXAMPLES = sorted(
    p.parent.name for p in (REPO / "examples").glob("*/blueprint.*") if p.suffix in (".yaml", ".py")
)


def blueprint_of(folder: Path) -> Path:
    return next(folder / n for n in ("blueprint.yaml", "blueprint.py") if (folder / n).is_file())


def copy_example(name: str, tmp_path: Path) -> Path:
    folder = tmp_path / name
    shutil.copytree(REPO / "examples" / name, folder, ignore=shutil.ignore_patterns(".datacites"))
    return folder


@pytest.fixture(scope="module")
def shapes() -> dict[str, Graph]:
    return {
        name: Graph().parse(SPECS / name) for name in ("dcat-ap-SHACL.ttl", "shapes-mandatory.ttl")
    }


def violations(data: Graph, shapes: Graph) -> list[tuple[str, str]]:
    """(focus node, path) of every sh:Violation the shapes find, without inference."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return sorted(
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)))
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(r, SH.resultSeverity) == SH.Violation
    )


def exported(folder: Path, fmt: str = "jsonld") -> Graph:
    """The export as a portal reads it: serialised, then parsed back."""
    text = serialize(build_graph(load_blueprint(blueprint_of(folder)), fmt), fmt)
    return Graph().parse(data=text, format={"jsonld": "json-ld", "ttl": "turtle"}[fmt])


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_validates_against_the_official_shapes(
    name: str, tmp_path: Path, shapes: dict[str, Graph]
) -> None:
    graph = exported(copy_example(name, tmp_path))
    blueprint = load_blueprint(blueprint_of(tmp_path / name))
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == len(blueprint.datasets)
    for shape_file, shape_graph in shapes.items():
        assert violations(graph, shape_graph) == [], shape_file


def test_the_examples_include_the_python_blueprint() -> None:
    assert {"coeur_de_ville", "passoires_thermiques", "recharge", "intercommunalite_py"} <= set(
        EXAMPLES
    )


def _dataset(graph: Graph, ds_id: str) -> URIRef:
    return next(s for s in graph.subjects(RDF.type, DCAT.Dataset) if str(s).endswith(f"/{ds_id}"))


@pytest.mark.parametrize(
    ("path", "drop"),
    [
        ("dataset", DCTERMS.description),
        ("dataset", DCTERMS["title"]),
        ("distribution", DCAT.accessURL),
        ("catalog", DCTERMS.publisher),
    ],
)
def test_a_missing_mandatory_property_is_a_violation(
    path: str, drop: URIRef, tmp_path: Path, shapes: dict[str, Graph]
) -> None:
    graph = exported(copy_example("coeur_de_ville", tmp_path))
    node = {
        "dataset": _dataset(graph, "sites"),
        "distribution": graph.value(_dataset(graph, "sites"), DCAT.distribution),
        "catalog": next(graph.subjects(RDF.type, DCAT.Catalog)),
    }[path]
    assert graph.value(node, drop) is not None
    graph.remove((node, drop, None))
    for shape_graph in shapes.values():
        assert (str(node), str(drop)) in violations(graph, shape_graph)


def test_access_levels_map_to_eu_access_rights_and_only_open_data_is_distributed(
    tmp_path: Path,
) -> None:
    graph = exported(copy_example("passoires_thermiques", tmp_path), "ttl")
    expected = {
        "logements": "NON_PUBLIC",  # restricted
        "dpe": "RESTRICTED",  # shared: aggregates only
        "dpe_communes": "PUBLIC",
        "communes": "PUBLIC",
    }
    for ds_id, right in expected.items():
        node = _dataset(graph, ds_id)
        assert graph.value(node, DCTERMS.accessRights) == URIRef(f"{EU}access-right/{right}")
        distributions = list(graph.objects(node, DCAT.distribution))
        assert len(distributions) == (1 if right == "PUBLIC" else 0), ds_id
    assert len(set(graph.subjects(RDF.type, DCAT.Distribution))) == 2
    open_dist = graph.value(_dataset(graph, "dpe_communes"), DCAT.distribution)
    assert graph.value(open_dist, DCTERMS.license) == URIRef(
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    )
    assert graph.value(open_dist, DCTERMS["format"]) == URIRef(f"{EU}file-type/CSV")
    base = URIRef(DEFAULT_BASE.format(service_id="passoires-thermiques"))
    assert graph.value(open_dist, DCAT.accessURL) == base


def test_what_a_harvester_reads_is_filled(tmp_path: Path) -> None:
    graph = exported(copy_example("coeur_de_ville", tmp_path))
    node = _dataset(graph, "vacance")
    assert graph.value(node, DCTERMS["title"]) == Literal(
        "Relevé de la vacance commerciale", lang="fr"
    )
    assert graph.value(node, DCTERMS.identifier) == Literal("coeur-de-ville/vacance")
    assert graph.value(node, DCTERMS.modified) == Literal(dt.date(2026, 9, 15))
    assert Literal("Quimperlé", lang="fr") in set(graph.objects(node, DCAT.keyword))
    assert graph.value(node, DCAT.theme) == URIRef(f"{EU}data-theme/REGI")
    spatial = graph.value(node, DCTERMS.spatial)
    assert spatial == URIRef("https://geo.api.gouv.fr/communes/29233")
    assert graph.value(spatial, DCTERMS.identifier) == Literal("29233")
    publisher = graph.value(node, DCTERMS.publisher)
    assert str(graph.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name"))) == (
        "Manager de centre-ville"
    )
    contact = graph.value(node, DCAT.contactPoint)
    email = graph.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"))
    assert email == URIRef("mailto:numerique@ville-exemple.fr")
    # A dataset without a description gets a generated one, in the service's language.
    description = str(graph.value(_dataset(graph, "sites"), DCTERMS.description))
    assert "Sites de comptage" in description and "Ville de Quimperlé" in description


def test_time_coverage_is_read_from_the_data(tmp_path: Path) -> None:
    folder = copy_example("coeur_de_ville", tmp_path)
    graph = exported(folder)
    period = graph.value(_dataset(graph, "measures"), DCTERMS.temporal)
    low, high = (
        duckdb.connect()
        .execute(
            # Both date columns count: the first start, the last end.
            "select min(start_datetime)::date, max(end_datetime)::date from read_parquet(?)",
            [str(folder / "data" / "measures.parquet")],
        )
        .fetchone()
    )
    assert graph.value(period, DCAT.startDate).toPython() == low
    assert graph.value(period, DCAT.endDate).toPython() == high
    # A dataset with no date column has no time coverage.
    assert graph.value(_dataset(graph, "sites"), DCTERMS.temporal) is None


def test_base_uri_names_every_resource(tmp_path: Path) -> None:
    folder = copy_example("recharge", tmp_path)
    blueprint = load_blueprint(blueprint_of(folder))
    graph = build_graph(blueprint, "ttl", "https://donnees.exemple.fr/recharge")
    for node in graph.subjects(RDF.type, DCAT.Dataset):
        assert str(node).startswith("https://donnees.exemple.fr/recharge/datasets/")


def test_a_declared_update_frequency_is_the_eu_frequency(tmp_path: Path) -> None:
    folder = copy_example("recharge", tmp_path)
    text = (folder / "blueprint.yaml").read_text(encoding="utf-8")
    first_open = "      access: open\n"
    assert first_open in text
    text = text.replace(first_open, first_open + "      update_frequency: monthly\n", 1)
    (folder / "blueprint.yaml").write_text(text, encoding="utf-8")
    graph = exported(folder, "ttl")
    periodicity = {
        str(s).rsplit("/", 1)[-1]: str(o)
        for s, o in graph.subject_objects(DCTERMS.accrualPeriodicity)
    }
    # The one added here, and the operator's yearly delivery of sessions the example declares.
    assert periodicity == {"irve": f"{EU}frequency/MONTHLY", "sessions": f"{EU}frequency/ANNUAL"}
