"""What the service is, for whom, and the co-design canvas behind it."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import ServiceId, Slug, Spec, field
from datacites_proto.blueprint.basemaps import Basemap

_INSEE_RE = re.compile(r"^(\d{5}|2[AB]\d{3}|\d{9})$")
_CONTACT_RE = re.compile(r"^([^@\s]+@[^@\s]+\.[^@\s]+|https?://\S+)$")


def _insee_text(value: object) -> object:
    # YAML reads 29233 as a number and 01001 as an octal number: insist on quotes.
    if isinstance(value, int) and not isinstance(value, bool):
        raise PydanticCustomError(
            "insee_needs_quotes", "write the code in quotes", {"value": value}
        )
    return value


def _insee_shape(value: str) -> str:
    if not _INSEE_RE.match(value):
        raise PydanticCustomError("bad_insee", "bad INSEE code", {"value": value})
    return value


def _contact(value: str) -> str:
    if not _CONTACT_RE.match(value.strip()):
        raise PydanticCustomError("bad_contact", "bad contact", {"value": value})
    return value.strip()


InseeCode = Annotated[str, BeforeValidator(_insee_text), AfterValidator(_insee_shape)]


class Territory(Spec):
    """The territory the service covers."""

    doc_fr: ClassVar[str] = "Le territoire couvert par le service."

    name: str = field(
        fr="Nom de la commune ou de l'intercommunalité.", en="Name of the commune or EPCI."
    )
    insee: InseeCode | None = field(
        None,
        fr=(
            'Code INSEE de la commune (5 caractères, ex. "29233") ou SIREN de l\'EPCI (9 '
            "chiffres), entre guillemets."
        ),
        en=(
            'INSEE code of the commune (5 characters, e.g. "29233") or SIREN of the EPCI '
            "(9 digits), in quotes."
        ),
    )
    population: int | None = field(
        None,
        ge=0,
        fr=(
            "Population municipale de la collectivité évaluée (ex. 12500) : elle choisit sa "
            "tranche pour la comparaison avec des collectivités semblables."
        ),
        en=(
            "Municipal population of the collectivité assessed (e.g. 12500): it decides its "
            "band for the comparison with similar collectivités."
        ),
    )
    status: Literal["commune", "epci", "departement", "region", "autre"] | None = field(
        None,
        fr=(
            "Statut de la collectivité évaluée : commune, epci, departement, region ou autre ; "
            "on ne se compare qu'à des collectivités de même statut."
        ),
        en=(
            "Status of the collectivité assessed: commune, epci, departement, region or autre; "
            "it is only compared with collectivités of the same status."
        ),
    )


class Canvas(Spec):
    """The co-design canvas: the problem, its users and the impact expected."""

    doc_fr: ClassVar[str] = (
        "Le canevas de co-conception : le problème, ses usagers et l'effet attendu."
    )

    problem: str | None = field(
        None,
        fr="Le problème que le service aide à résoudre.",
        en="The problem the service helps solve.",
    )
    users: list[str] = field(
        [],
        fr="Pour qui : commerçants, élus, habitants…",
        en="For whom: shopkeepers, elected officials, residents…",
    )
    expected_impact: str | None = field(
        None, fr="L'effet attendu du service.", en="The effect expected of the service."
    )
    success_indicators: list[Slug] = field(
        [],
        fr="Identifiants des indicateurs qui mesurent le succès.",
        en="Ids of the indicators that measure success.",
    )


class TeamAccess(Spec):
    """The accounts allowed on team pages when signing in with an identity provider."""

    doc_fr: ClassVar[str] = (
        "Les comptes admis sur les pages d'équipe avec un fournisseur d'identité."
    )

    emails: list[str] = field(
        [],
        fr="Adresses e-mail admises (ex. « agent@ville.fr »).",
        en="E-mail addresses allowed (e.g. 'agent@ville.fr').",
    )
    domains: list[str] = field(
        [],
        fr="Domaines admis : toute adresse de ces domaines (ex. « ville.fr »).",
        en="Domains allowed: any address of these domains (e.g. 'ville.fr').",
    )


class ServiceInfo(Spec):
    """The service: its identity, language and contact."""

    doc_fr: ClassVar[str] = "Le service : son identité, sa langue et son contact."

    id: ServiceId = field(
        fr="Identifiant du service : minuscules, chiffres et tirets (ex. « coeur-de-ville »).",
        en="Id of the service: lower-case letters, digits and hyphens (e.g. 'coeur-de-ville').",
    )
    title: str = field(
        min_length=1, fr="Titre affiché aux habitants.", en="Title shown to citizens."
    )
    summary: str | None = field(
        None, fr="Une ou deux phrases sur le service.", en="One or two sentences about the service."
    )
    territory: Territory | None = field(
        None, fr="Le territoire couvert.", en="The territory covered."
    )
    lang: Literal["fr", "en"] = field(
        "fr",
        fr="Langue de l'application et des messages : fr ou en.",
        en="Language of the app and of messages: fr or en.",
    )
    contact: Annotated[str, AfterValidator(_contact)] | None = field(
        None,
        fr="Adresse e-mail ou page de contact de l'équipe.",
        en="E-mail address or contact page of the team.",
    )
    canvas: Canvas | None = field(
        None, fr="Le canevas de co-conception.", en="The co-design canvas."
    )
    basemap: Basemap | None = field(
        None,
        fr=(
            "Fond des cartes du service : ign (Plan IGN, par défaut), osm (OpenStreetMap), "
            "none (aucun) ou l'adresse de tuiles avec {z}, {x} et {y} ; une carte peut "
            "choisir le sien."
        ),
        en=(
            "Basemap of the service's maps: ign (Plan IGN, the default), osm "
            "(OpenStreetMap), none, or the address of tiles with {z}, {x} and {y}; a map "
            "may choose its own."
        ),
    )
    measure_usage: bool = field(
        False,
        fr=(
            "Mesurer l'usage de façon anonyme (pages vues, filtres utilisés), sans adresse IP "
            "ni navigateur ; annoncé aux habitants dans l'application."
        ),
        en=(
            "Measure use anonymously (pages viewed, filters used), with no IP address or "
            "browser; announced to citizens in the app."
        ),
    )
    retention_days: int = field(
        365,
        ge=1,
        le=3650,
        fr="Durée de conservation des avis et des mesures d'usage, en jours ; purgés ensuite.",
        en="How long feedback and usage measures are kept, in days; purged afterwards.",
    )
    team: TeamAccess | None = field(
        None,
        fr="Qui peut se connecter comme équipe avec un compte (OIDC) : adresses et domaines.",
        en="Who may sign in as the team with an account (OIDC): addresses and domains.",
    )
