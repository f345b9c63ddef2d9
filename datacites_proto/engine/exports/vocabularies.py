"""The vocabularies of the exports: namespaces, and the EU and licence URIs they point to.

Values come from the EU Publications Office's authority tables (access-right, data-theme,
file-type, language, frequency), IANA media types and the licences' own official pages.
"""

from __future__ import annotations

from typing import Final

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ODRL2, RDF, RDFS, SKOS, XSD

__all__ = [
    "ACCESS_RIGHTS",
    "DCAT",
    "DCTERMS",
    "FOAF",
    "ODRL",
    "RDF",
    "RDFS",
    "SKOS",
    "VCARD",
    "XSD",
]

ODRL: Final = ODRL2
VCARD: Final = Namespace("http://www.w3.org/2006/vcard/ns#")
EU: Final = "http://publications.europa.eu/resource/authority/"
ACCESS_RIGHT: Final = Namespace(EU + "access-right/")
DATA_THEME: Final = Namespace(EU + "data-theme/")
FILE_TYPE: Final = Namespace(EU + "file-type/")
LANGUAGE: Final = Namespace(EU + "language/")
FREQUENCY: Final = Namespace(EU + "frequency/")
PLANNED_AVAILABILITY: Final = Namespace(EU + "planned-availability/")
AVAILABILITY_PROPERTY: Final = URIRef("http://data.europa.eu/r5r/availability")
# A prototype's distributions may change or go: the EU « experimental » availability.
AVAILABILITY: Final = ("EXPERIMENTAL", "expérimental", "experimental")
IANA_MEDIA: Final = "https://www.iana.org/assignments/media-types/"
# The territory by its official code, at the State's administrative boundaries API:
# communes by their INSEE code, EPCI by their SIREN. INSEE's own linked-data IRIs
# (id.insee.fr) now end in an identifier that cannot be derived from the code.
TERRITORY_IRIS: Final = {
    "commune": "https://geo.api.gouv.fr/communes/{code}",
    "epci": "https://geo.api.gouv.fr/epcis/{code}",
}

# Blueprint access level -> the EU access-right concept and its labels (fr, en).
ACCESS_RIGHTS: Final[dict[str, tuple[str, str, str]]] = {
    "open": ("PUBLIC", "public", "public"),
    "shared": ("RESTRICTED", "restreint", "restricted"),
    "restricted": ("NON_PUBLIC", "non public", "non-public"),
}

# Every service is about a territory: its datasets belong to « Régions et villes ».
THEME: Final = ("REGI", "Régions et villes", "Regions and cities")
THEME_SCHEME_TITLE: Final = ("Thèmes des données", "Data theme")

# Blueprint licence -> (official URI, title). `agreement` and `proprietary` have none:
# the agreement's ODRL policy says what is allowed.
LICENCES: Final[dict[str, tuple[str, str]]] = {
    "etalab-2.0": (
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        "Licence Ouverte / Open Licence version 2.0",
    ),
    "odbl-1.0": (
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "Open Database License (ODbL) v1.0",
    ),
    "cc-by-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    ),
}

CATALOG_LICENCE: Final = "etalab-2.0"

LANGUAGES: Final[dict[str, tuple[str, str]]] = {
    "fr": ("FRA", "français"),
    "en": ("ENG", "English"),
}

# The distribution served: the governed rows as CSV (EU file type, IANA media type).
CSV_FORMAT: Final = ("CSV", "text/csv")

# Governance `update_frequency` values -> EU frequency concepts.
FREQUENCIES: Final[dict[str, str]] = {
    "daily": "DAILY",
    "weekly": "WEEKLY",
    "monthly": "MONTHLY",
    "quarterly": "QUARTERLY",
    "yearly": "ANNUAL",
    "irregular": "IRREG",
}
