"""Agreements as ODRL 2.2 policies: who grants what to whom, for which purpose, until when.

One `odrl:Agreement` per agreement file, with the producer parties as assigner and the user
parties as assignee, and for targets the service's datasets it covers:

- permission `odrl:use`, constrained by the purpose (`odrl:purpose` eq the text) and the
  dates (`odrl:dateTime` gteq start, lteq end), with the duty to delete (`odrl:delete`)
  once `retention_days` have elapsed (`odrl:elapsedTime` eq P<n>D);
- `publication: true`: permission `odrl:distribute` of aggregates whose groups count at
  least the threshold: the service's own left operand `groupSize` gteq `min_group_size`
  (ODRL has no such operand; `odrl:count` counts uses of the action, not units in a group);
  `publication: false`: prohibition `odrl:distribute`;
- `onward_sharing: false`: prohibition `odrl:transfer`; `true`: permission `odrl:transfer`.
"""

from __future__ import annotations

import datetime as dt

from rdflib import BNode, Graph, Literal, URIRef

from datacites_proto.blueprint.governance import Agreement, Party
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.engine.exports.agreements import AgreementFile
from datacites_proto.engine.exports.uris import Uris, slug
from datacites_proto.engine.exports.vocabularies import DCTERMS, FOAF, ODRL, RDF, RDFS, XSD

GROUP_SIZE = "groupSize"
_GROUP_SIZE_LABELS = {
    "fr": (
        "taille du groupe",
        "Nombre d'unités (personnes, logements, entreprises…) que compte chaque groupe "
        "d'un agrégat publié.",
    ),
    "en": (
        "group size",
        "Number of units (people, dwellings, businesses…) counted in each group of a "
        "published aggregate.",
    ),
}


def _local(term: URIRef) -> str:
    return str(term).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _constraint(
    graph: Graph, parent: BNode, left: URIRef, operator: URIRef, right: Literal
) -> BNode:
    # Blank nodes named after what they are: the same agreement exports the same text.
    node = BNode(f"{parent}-{_local(left)}-{_local(operator)}")
    graph.add((node, RDF.type, ODRL.Constraint))
    graph.add((node, ODRL.leftOperand, left))
    graph.add((node, ODRL.operator, operator))
    graph.add((node, ODRL.rightOperand, right))
    return node


def _rule(
    graph: Graph, policy: URIRef, kind: URIRef, action: URIRef, targets: list[URIRef]
) -> BNode:
    node = BNode(slug(f"{_local(policy)} {_local(kind)} {_local(action)}"))
    predicate = ODRL.permission if kind == ODRL.Permission else ODRL.prohibition
    graph.add((policy, predicate, node))
    graph.add((node, RDF.type, kind))
    graph.add((node, ODRL.action, action))
    for target in targets:
        graph.add((node, ODRL.target, target))
    return node


def _party(graph: Graph, uris: Uris, party: Party) -> URIRef:
    node = uris.agent(party.name)
    graph.add((node, RDF.type, ODRL.Party))
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, FOAF.name, Literal(party.name)))
    if party.siren:
        graph.add((node, DCTERMS.identifier, Literal(party.siren)))
    return node


def _dates(graph: Graph, rule: BNode, agreement: Agreement) -> None:
    bounds: list[tuple[URIRef, dt.date | None]] = [
        (ODRL.gteq, agreement.start),
        (ODRL.lteq, agreement.end),
    ]
    for operator, day in bounds:
        if day is not None:
            right = Literal(day.isoformat(), datatype=XSD.date)
            constraint = _constraint(graph, rule, ODRL.dateTime, operator, right)
            graph.add((rule, ODRL.constraint, constraint))


def add_group_size_operand(graph: Graph, uris: Uris) -> URIRef:
    """Declare the service profile's `groupSize` left operand (labels in French and English)."""
    term = uris.term(GROUP_SIZE)
    graph.add((term, RDF.type, ODRL.LeftOperand))
    graph.add((term, RDFS.isDefinedBy, uris.terms))
    for lang, (label, comment) in _GROUP_SIZE_LABELS.items():
        graph.add((term, RDFS.label, Literal(label, lang=lang)))
        graph.add((term, RDFS.comment, Literal(comment, lang=lang)))
    return term


def min_group_size(blueprint: Blueprint, item: AgreementFile) -> int:
    """The threshold publication must respect: the agreement's, else its datasets' largest."""
    if item.agreement.min_group_size is not None:
        return item.agreement.min_group_size
    sizes = [blueprint.datasets[d].governance.group_size for d in item.datasets]
    return max(sizes, default=1)


def add_policy(
    graph: Graph, uris: Uris, blueprint: Blueprint, item: AgreementFile, lang: str
) -> URIRef:
    """Add the agreement file's ODRL policy to `graph`; returns the policy's IRI."""
    agreement = item.agreement
    policy = uris.policy(item.name)
    targets = [
        uris.dataset(d)
        for d in dict.fromkeys([*item.datasets, *agreement.datasets])
        if d in blueprint.datasets
    ]
    # An Agreement is a Policy (ODRL 2.2); both types let SHACL see it without inference.
    graph.add((policy, RDF.type, ODRL.Agreement))
    graph.add((policy, RDF.type, ODRL.Policy))
    graph.add((policy, ODRL.uid, policy))
    graph.add((policy, ODRL.profile, uris.terms))
    if agreement.title:
        graph.add((policy, DCTERMS.title, Literal(agreement.title, lang=lang)))
    roles = {"producer": ODRL.assigner, "user": ODRL.assignee}
    for party in agreement.parties:
        node = _party(graph, uris, party)
        graph.add((policy, roles.get(party.role, DCTERMS.contributor), node))

    use = _rule(graph, policy, ODRL.Permission, ODRL.use, targets)
    purpose = Literal(agreement.purpose, lang=lang)
    graph.add((use, ODRL.constraint, _constraint(graph, use, ODRL.purpose, ODRL.eq, purpose)))
    _dates(graph, use, agreement)
    if agreement.retention_days is not None:
        duty = BNode(f"{use}-duty")
        graph.add((use, ODRL.duty, duty))
        graph.add((duty, RDF.type, ODRL.Duty))
        graph.add((duty, ODRL.action, ODRL.delete))
        for target in targets:
            graph.add((duty, ODRL.target, target))
        period = Literal(f"P{agreement.retention_days}D", datatype=XSD.duration)
        elapsed = _constraint(graph, duty, ODRL.elapsedTime, ODRL.eq, period)
        graph.add((duty, ODRL.constraint, elapsed))

    if agreement.publication:
        publish = _rule(graph, policy, ODRL.Permission, ODRL.distribute, targets)
        size = Literal(min_group_size(blueprint, item), datatype=XSD.integer)
        operand = add_group_size_operand(graph, uris)
        group = _constraint(graph, publish, operand, ODRL.gteq, size)
        graph.add((publish, ODRL.constraint, group))
        _dates(graph, publish, agreement)
    else:
        _rule(graph, policy, ODRL.Prohibition, ODRL.distribute, targets)
    kind = ODRL.Permission if agreement.onward_sharing else ODRL.Prohibition
    _rule(graph, policy, kind, ODRL.transfer, targets)
    return policy
