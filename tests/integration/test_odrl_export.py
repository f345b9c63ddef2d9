"""Agreements exported as ODRL 2.2: each constraint read back equals the agreement file's."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyshacl
import pytest
import yaml
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from datacites_proto import load_blueprint
from datacites_proto.blueprint.governance import Agreement
from datacites_proto.engine.exports import build_graph, serialize
from datacites_proto.engine.exports.agreements import agreement_files
from tests.conftest import REPO
from tests.support.agreement_service import AGREEMENT, shared_service

# Open namespaces: pytest's collection probes module attributes, which closed ones refuse.
ODRL = Namespace("http://www.w3.org/ns/odrl/2/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
DCT = Namespace("http://purl.org/dc/terms/")
EXAMPLES = sorted(
    p.parent for p in (REPO / "examples").glob("*/blueprint.*") if p.suffix in (".yaml", ".py")
)


def parsed(blueprint: Path, fmt: str = "jsonld") -> Graph:
    """The export serialised then parsed back with rdflib, as a partner would read it."""
    text = serialize(build_graph(load_blueprint(blueprint), fmt), fmt)
    return Graph().parse(data=text, format="turtle" if fmt == "ttl" else "json-ld")


def constraints(graph: Graph, rule: object) -> dict[tuple[str, str], Literal]:
    """(left operand, operator) -> right operand (a typed literal) of each constraint."""
    found = {}
    for node in graph.objects(rule, ODRL.constraint):
        left = str(graph.value(node, ODRL.leftOperand)).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        operator = str(graph.value(node, ODRL.operator)).rsplit("/", 1)[-1]
        found[left, operator] = graph.value(node, ODRL.rightOperand)
    return found


def rules(graph: Graph, policy: URIRef, kind: str, action: str) -> list[object]:
    return [
        r for r in graph.objects(policy, ODRL[kind]) if graph.value(r, ODRL.action) == ODRL[action]
    ]


def names(graph: Graph, policy: URIRef, role: str) -> set[str]:
    return {str(graph.value(p, FOAF.name)) for p in graph.objects(policy, ODRL[role])}


def check_policy(graph: Graph, policy: URIRef, agreement: Agreement, size: int) -> None:
    """Every part of the agreement file is in the policy, and nothing it forbids is allowed."""
    assert (policy, RDF.type, ODRL.Agreement) in graph
    assert names(graph, policy, "assigner") == {
        p.name for p in agreement.parties if p.role == "producer"
    }
    assert names(graph, policy, "assignee") == {
        p.name for p in agreement.parties if p.role == "user"
    }
    others = {str(graph.value(p, FOAF.name)) for p in graph.objects(policy, DCT.contributor)}
    assert others == {p.name for p in agreement.parties if p.role == "intermediary"}
    [use] = rules(graph, policy, "permission", "use")
    expected = {("purpose", "eq"): agreement.purpose, ("dateTime", "gteq"): agreement.start}
    if agreement.end is not None:
        expected["dateTime", "lteq"] = agreement.end
    assert {k: v.toPython() for k, v in constraints(graph, use).items()} == expected
    targets = {str(t).rsplit("/", 1)[-1] for t in graph.objects(use, ODRL.target)}
    assert targets == set(agreement.datasets)
    duties = list(graph.objects(use, ODRL.duty))
    if agreement.retention_days is None:
        assert duties == []
    else:
        [duty] = duties
        assert graph.value(duty, ODRL.action) == ODRL.delete
        [(key, value)] = constraints(graph, duty).items()
        assert key == ("elapsedTime", "eq")
        assert value == Literal(f"P{agreement.retention_days}D", datatype=XSD.duration)
    publish = rules(graph, policy, "permission", "distribute")
    forbid_publish = rules(graph, policy, "prohibition", "distribute")
    if agreement.publication:
        assert forbid_publish == []
        [rule] = publish
        found = constraints(graph, rule)
        assert found["groupSize", "gteq"] == Literal(size, datatype=XSD.integer)
        assert found["dateTime", "gteq"].toPython() == agreement.start
    else:
        assert publish == [] and len(forbid_publish) == 1
    transfer_kind = "permission" if agreement.onward_sharing else "prohibition"
    other_kind = "prohibition" if agreement.onward_sharing else "permission"
    assert len(rules(graph, policy, transfer_kind, "transfer")) == 1
    assert rules(graph, policy, other_kind, "transfer") == []


def test_an_agreement_allowing_publication(tmp_path: Path) -> None:
    blueprint = shared_service(tmp_path)
    graph = parsed(blueprint)
    agreement = Agreement.model_validate(AGREEMENT)
    [policy] = graph.subjects(RDF.type, ODRL.Agreement)
    check_policy(graph, policy, agreement, size=15)
    # The catalogue links the dataset to its policy; the custom operand is declared.
    [dataset] = graph.subjects(RDF.type, DCAT.Dataset)
    assert graph.value(dataset, ODRL.hasPolicy) == policy
    operand = next(graph.subjects(RDF.type, ODRL.LeftOperand))
    assert Literal("taille du groupe", lang="fr") in set(graph.objects(operand, None))


def test_an_agreement_forbidding_publication_and_without_end(tmp_path: Path) -> None:
    changes = {"publication": False, "onward_sharing": True, "retention_days": None, "end": None}
    blueprint = shared_service(tmp_path, **changes)
    agreement = Agreement.model_validate({**AGREEMENT, **changes})
    graph = parsed(blueprint)
    [policy] = graph.subjects(RDF.type, ODRL.Agreement)
    check_policy(graph, policy, agreement, size=15)


def test_the_odrl_format_holds_the_policies_alone(tmp_path: Path) -> None:
    graph = parsed(shared_service(tmp_path), "odrl")
    assert len(set(graph.subjects(RDF.type, ODRL.Agreement))) == 1
    assert set(graph.subjects(RDF.type, DCAT.Dataset)) == set()


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_the_agreements_of_the_examples_read_back(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".datacites"))
    blueprint_path = next(p for p in copy.glob("blueprint.*") if p.suffix in (".yaml", ".py"))
    blueprint = load_blueprint(blueprint_path)
    graph = Graph().parse(data=serialize(build_graph(blueprint, "odrl"), "odrl"), format="json-ld")
    items = agreement_files(blueprint)
    # Every agreement file the datasets name is read (recharge has one: nothing vacuous).
    declared = {d.governance.agreement for d in blueprint.datasets.values()}
    assert len(items) == len(declared - {None})
    if folder.name == "recharge":
        assert [item.datasets for item in items] == [["sessions"]]
    assert len(set(graph.subjects(RDF.type, ODRL.Agreement))) == len(items)
    for item in items:
        policy = next(
            p for p in graph.subjects(RDF.type, ODRL.Agreement) if str(p).endswith(item.name)
        )
        size = item.agreement.min_group_size or max(
            blueprint.datasets[d].governance.group_size for d in item.datasets
        )
        check_policy(graph, policy, item.agreement, size)


def test_the_recharge_example_exports_its_operator_agreement(tmp_path: Path) -> None:
    """The sessions' agreement, read from its file here, is the example's one policy."""
    folder = REPO / "examples" / "recharge"
    copy = tmp_path / "recharge"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".datacites"))
    written = yaml.safe_load(
        (folder / "agreements" / "sessions-operateur.yaml").read_text(encoding="utf-8")
    )
    agreement = Agreement.model_validate(written)
    graph = parsed(copy / "blueprint.yaml")
    [policy] = graph.subjects(RDF.type, ODRL.Agreement)
    assert str(policy).endswith("sessions-operateur")
    check_policy(graph, policy, agreement, size=written["min_group_size"])
    # Spelled out: what the operator allows, as the file says it.
    assert names(graph, policy, "assigner") == {"Breizh Recharge SAS"}
    assert names(graph, policy, "assignee") == {"Concarneau Cornouaille Agglomération"}
    [publish] = rules(graph, policy, "permission", "distribute")
    assert constraints(graph, publish)["groupSize", "gteq"].toPython() == 11
    [use] = rules(graph, policy, "permission", "use")
    assert constraints(graph, use)["dateTime", "lteq"].toPython() == dt.date(2028, 12, 31)
    assert len(rules(graph, policy, "prohibition", "transfer")) == 1  # no onward sharing
    [dataset] = graph.subjects(ODRL.hasPolicy, policy)
    assert str(dataset).endswith("/sessions")


def test_dates_are_typed(tmp_path: Path) -> None:
    graph = parsed(shared_service(tmp_path), "ttl")
    [policy] = graph.subjects(RDF.type, ODRL.Agreement)
    [use] = rules(graph, policy, "permission", "use")
    assert constraints(graph, use)["dateTime", "gteq"] == Literal(dt.date(2026, 1, 1))


def test_shared_data_is_dated_by_whole_months(tmp_path: Path) -> None:
    graph = parsed(shared_service(tmp_path))
    [dataset] = graph.subjects(RDF.type, DCAT.Dataset)
    period = graph.value(dataset, Namespace("http://purl.org/dc/terms/")["temporal"])
    # The rows are dated 2026-02-03 and 2026-05-20: the catalogue says February to May.
    assert graph.value(period, DCAT.startDate).toPython() == dt.date(2026, 2, 1)
    assert graph.value(period, DCAT.endDate).toPython() == dt.date(2026, 5, 31)


@pytest.mark.parametrize("access", ["shared", "open"])
def test_a_catalogue_with_an_agreement_validates(tmp_path: Path, access: str) -> None:
    blueprint = shared_service(tmp_path, access=access)
    if access == "open":
        text = blueprint.read_text(encoding="utf-8").replace("access: shared", "access: open")
        blueprint.write_text(text, encoding="utf-8")
    graph = parsed(blueprint)
    shapes = Graph().parse(REPO / "tests" / "specs" / "dcat-ap-3.0.1" / "dcat-ap-SHACL.ttl")
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, report
    [policy] = graph.subjects(RDF.type, ODRL.Agreement)
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    # An open dataset's distribution carries the policy too (DCAT-AP puts it there).
    assert [graph.value(d, ODRL.hasPolicy) for d in distributions] == (
        [policy] if access == "open" else []
    )
