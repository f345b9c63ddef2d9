"""A service's datasets as a DCAT-AP 3.0.1 catalogue, the agreements as ODRL policies in it.

Access levels map to the EU access-right vocabulary: open → PUBLIC, with a distribution
(the governed rows as CSV); shared → RESTRICTED and restricted → NON_PUBLIC, described
but never with a distribution, since no row of theirs is served to the public. External
concepts (themes, access rights, licences, formats) are typed and labelled in the graph, as
DCAT-AP catalogues do, so that the shapes' class constraints hold without inference.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.engine.exports import vocabularies as voc
from datacites_proto.engine.exports.agreements import agreement_files
from datacites_proto.engine.exports.coverage import Period
from datacites_proto.engine.exports.odrl import add_policy
from datacites_proto.engine.exports.uris import Uris
from datacites_proto.engine.exports.vocabularies import (
    DCAT,
    DCTERMS,
    FOAF,
    ODRL,
    RDF,
    SKOS,
    VCARD,
    XSD,
)
from datacites_proto.i18n import translate

PREFIXES = {
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "odrl": ODRL,
    "skos": SKOS,
    "vcard": VCARD,
    "xsd": XSD,
}


def new_graph() -> Graph:
    """An empty graph with the catalogue's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


class CatalogBuilder:
    """Adds one service's catalogue to a graph."""

    def __init__(self, blueprint: Blueprint, uris: Uris, graph: Graph) -> None:
        self.blueprint = blueprint
        self.uris = uris
        self.graph = graph
        self.lang = blueprint.lang
        self.add = graph.add

    def text(self, value: str) -> Literal:
        return Literal(value, lang=self.lang)

    def labelled(self, node: URIRef, kind: URIRef, fr: str, en: str) -> URIRef:
        """Type an external concept and label it in both languages (SKOS concepts need one)."""
        self.add((node, RDF.type, kind))
        self.add((node, SKOS.prefLabel, Literal(fr, lang="fr")))
        self.add((node, SKOS.prefLabel, Literal(en, lang="en")))
        return node

    # Shared nodes -------------------------------------------------------------------

    def agent(self, name: str) -> URIRef:
        node = self.uris.agent(name)
        self.add((node, RDF.type, FOAF.Agent))
        self.add((node, FOAF.name, Literal(name)))
        return node

    @property
    def publisher_name(self) -> str:
        service = self.blueprint.service
        return service.territory.name if service.territory else service.title

    def publisher(self) -> URIRef:
        node = self.agent(self.publisher_name)
        contact = self.blueprint.service.contact
        if contact and contact.startswith(("http://", "https://")):
            self.add((node, FOAF.homepage, self.document(URIRef(contact))))
        return node

    def document(self, node: URIRef) -> URIRef:
        self.add((node, RDF.type, FOAF.Document))
        return node

    def contact_point(self) -> URIRef | None:
        contact = self.blueprint.service.contact
        if not contact:
            return None
        node = self.uris.contact()
        self.add((node, RDF.type, VCARD.Kind))
        self.add((node, RDF.type, VCARD.Organization))
        self.add((node, VCARD.fn, Literal(self.publisher_name)))
        if contact.startswith(("http://", "https://")):
            self.add((node, VCARD.hasURL, URIRef(contact)))
        else:
            self.add((node, VCARD.hasEmail, URIRef(f"mailto:{contact}")))
        return node

    def spatial(self) -> URIRef | None:
        territory = self.blueprint.service.territory
        if territory is None or territory.insee is None:
            return None
        kind = "epci" if len(territory.insee) == 9 else "commune"
        node = URIRef(voc.TERRITORY_IRIS[kind].format(code=territory.insee))
        self.add((node, RDF.type, DCTERMS.Location))
        self.add((node, SKOS.prefLabel, Literal(territory.name)))
        self.add((node, DCTERMS.identifier, Literal(territory.insee)))
        return node

    def language(self) -> URIRef:
        code, label = voc.LANGUAGES[self.lang]
        node = voc.LANGUAGE[code]
        self.add((node, RDF.type, DCTERMS.LinguisticSystem))
        self.add((node, SKOS.prefLabel, Literal(label, lang=self.lang)))
        return node

    def theme(self) -> URIRef:
        code, fr, en = voc.THEME
        node = self.labelled(voc.DATA_THEME[code], SKOS.Concept, fr, en)
        self.add((node, SKOS.inScheme, self.theme_scheme()))
        return node

    def theme_scheme(self) -> URIRef:
        node = URIRef(voc.EU + "data-theme")
        self.add((node, RDF.type, SKOS.ConceptScheme))
        fr, en = voc.THEME_SCHEME_TITLE
        self.add((node, DCTERMS.title, Literal(fr, lang="fr")))
        self.add((node, DCTERMS.title, Literal(en, lang="en")))
        return node

    def access_rights(self, access: str) -> URIRef:
        code, fr, en = voc.ACCESS_RIGHTS[access]
        node = self.labelled(voc.ACCESS_RIGHT[code], SKOS.Concept, fr, en)
        self.add((node, RDF.type, DCTERMS.RightsStatement))
        return node

    def licence(self, licence: str) -> URIRef | None:
        if licence not in voc.LICENCES:
            return None
        uri, title = voc.LICENCES[licence]
        node = URIRef(uri)
        self.add((node, RDF.type, DCTERMS.LicenseDocument))
        self.add((node, DCTERMS.title, Literal(title)))
        return node

    # The catalogue ------------------------------------------------------------------

    def catalog(self, periods: dict[str, Period | None], policies: dict[str, URIRef]) -> URIRef:
        service = self.blueprint.service
        node = self.uris.catalog
        self.add((node, RDF.type, DCAT.Catalog))
        self.add((node, DCTERMS.title, self.text(service.title)))
        description = service.summary or translate(
            "catalog_export_catalog_description", self.lang, title=service.title
        )
        self.add((node, DCTERMS.description, self.text(description.strip())))
        self.add((node, DCTERMS.publisher, self.publisher()))
        self.add((node, FOAF.homepage, self.document(self.uris.service)))
        self.add((node, DCTERMS.language, self.language()))
        self.add((node, DCAT.themeTaxonomy, self.theme_scheme()))
        # The catalogue's own metadata is public information: Licence Ouverte, like data.gouv.fr.
        metadata_licence = self.licence(voc.CATALOG_LICENCE)
        if metadata_licence is not None:
            self.add((node, DCTERMS.license, metadata_licence))
        spatial = self.spatial()
        if spatial is not None:
            self.add((node, DCTERMS.spatial, spatial))
        updates = [d.governance.updated for d in self.blueprint.datasets.values()]
        known = [day for day in updates if day is not None]
        if known:
            self.add((node, DCTERMS.modified, Literal(max(known), datatype=XSD.date)))
        for ds_id, dataset in self.blueprint.datasets.items():
            dataset_node = self.dataset(ds_id, dataset, periods.get(ds_id), policies.get(ds_id))
            self.add((node, DCAT.dataset, dataset_node))
        return node

    def dataset(
        self, ds_id: str, dataset: Dataset, period: Period | None, policy: URIRef | None
    ) -> URIRef:
        service = self.blueprint.service
        gov = dataset.governance
        node = self.uris.dataset(ds_id)
        title = dataset.title or ds_id
        producer = gov.producer or self.publisher_name
        self.add((node, RDF.type, DCAT.Dataset))
        self.add((node, DCTERMS.title, self.text(title)))
        description = dataset.description or translate(
            "catalog_export_dataset_description",
            self.lang,
            title=title,
            service=service.title,
            producer=producer,
        )
        self.add((node, DCTERMS.description, self.text(description.strip())))
        self.add((node, DCTERMS.identifier, Literal(f"{service.id}/{ds_id}")))
        self.add((node, DCTERMS.publisher, self.agent(producer)))
        for keyword in dict.fromkeys(
            [service.title, *([service.territory.name] if service.territory else [])]
        ):
            self.add((node, DCAT.keyword, self.text(keyword)))
        self.add((node, DCAT.theme, self.theme()))
        self.add((node, DCTERMS.accessRights, self.access_rights(gov.access)))
        self.add((node, DCTERMS.language, self.language()))
        self.add((node, DCAT.landingPage, self.document(self.uris.service)))
        if gov.updated is not None:
            self.add((node, DCTERMS.modified, Literal(gov.updated, datatype=XSD.date)))
        # `update_frequency` arrives with the catalogue view (issue 14, point 1): read it
        # when the model has it, so this export works before and after.
        frequency = voc.FREQUENCIES.get(str(getattr(gov, "update_frequency", None) or ""))
        if frequency:
            self.add((node, DCTERMS.accrualPeriodicity, self.frequency(frequency)))
        spatial = self.spatial()
        if spatial is not None:
            self.add((node, DCTERMS.spatial, spatial))
        contact = self.contact_point()
        if contact is not None:
            self.add((node, DCAT.contactPoint, contact))
        if period is not None:
            self.add((node, DCTERMS.temporal, self.period(ds_id, period)))
        if policy is not None:
            self.add((node, ODRL.hasPolicy, policy))
        if gov.access == "open":
            self.add((node, DCAT.distribution, self.distribution(ds_id, title, dataset, policy)))
        return node

    def availability(self) -> URIRef:
        code, fr, en = voc.AVAILABILITY
        return self.labelled(voc.PLANNED_AVAILABILITY[code], SKOS.Concept, fr, en)

    def frequency(self, code: str) -> URIRef:
        node = voc.FREQUENCY[code]
        self.add((node, RDF.type, DCTERMS.Frequency))
        return node

    def period(self, ds_id: str, period: Period) -> BNode:
        node = BNode(f"period-{ds_id}")
        self.add((node, RDF.type, DCTERMS.PeriodOfTime))
        self.add((node, DCAT.startDate, Literal(period.start, datatype=XSD.date)))
        self.add((node, DCAT.endDate, Literal(period.end, datatype=XSD.date)))
        return node

    def distribution(
        self, ds_id: str, title: str, dataset: Dataset, policy: URIRef | None
    ) -> URIRef:
        gov = dataset.governance
        node = self.uris.distribution(ds_id)
        file_type, media_type = voc.CSV_FORMAT
        self.add((node, RDF.type, DCAT.Distribution))
        name = translate("catalog_export_distribution_title", self.lang, title=title)
        self.add((node, DCTERMS.title, self.text(name)))
        about = translate("catalog_export_distribution_description", self.lang, title=title)
        self.add((node, DCTERMS.description, self.text(about)))
        self.add((node, voc.AVAILABILITY_PROPERTY, self.availability()))
        # The service's page is where the governed rows are downloaded from: no file of
        # its own has a stable address in a Streamlit app.
        self.add((node, DCAT.accessURL, self.uris.service))
        fmt = voc.FILE_TYPE[file_type]
        self.add((fmt, RDF.type, DCTERMS.MediaTypeOrExtent))
        self.add((node, DCTERMS.format, fmt))
        media = URIRef(voc.IANA_MEDIA + media_type)
        self.add((media, RDF.type, DCTERMS.MediaType))
        self.add((node, DCAT.mediaType, media))
        licence = self.licence(gov.licence)
        if licence is not None:
            self.add((node, DCTERMS.license, licence))
        self.add((node, DCTERMS.accessRights, self.access_rights(gov.access)))
        if gov.updated is not None:
            self.add((node, DCTERMS.modified, Literal(gov.updated, datatype=XSD.date)))
        if policy is not None:
            self.add((node, ODRL.hasPolicy, policy))
        return node


def catalog_graph(blueprint: Blueprint, uris: Uris, periods: dict[str, Period | None]) -> Graph:
    """The DCAT-AP catalogue of the blueprint's datasets, with their agreements as ODRL."""
    graph = new_graph()
    policies: dict[str, URIRef] = {}
    for item in agreement_files(blueprint):
        policy = add_policy(graph, uris, blueprint, item, blueprint.lang)
        for ds_id in item.datasets:
            policies[ds_id] = policy
    CatalogBuilder(blueprint, uris, graph).catalog(periods, policies)
    return graph


def policies_graph(blueprint: Blueprint, uris: Uris) -> Graph:
    """The agreements of the blueprint alone, as ODRL policies."""
    graph = new_graph()
    for item in agreement_files(blueprint):
        add_policy(graph, uris, blueprint, item, blueprint.lang)
    return graph
