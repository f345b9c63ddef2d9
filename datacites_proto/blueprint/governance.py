"""Who produced a dataset, under which licence, and who may see what of it."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import RequiredPath, Slug, Spec, field

Licence = Literal["etalab-2.0", "odbl-1.0", "cc-by-4.0", "agreement", "proprietary"]
Access = Literal["open", "shared", "restricted"]
UpdateFrequency = Literal["daily", "weekly", "monthly", "quarterly", "yearly", "irregular"]
DEFAULT_MIN_GROUP_SIZE = 11  # INSEE's rule for household data; the framework's default


class Governance(Spec):
    """The data's producer, licence and access rules; by default, open data."""

    doc_fr: ClassVar[str] = (
        "Le producteur, la licence et les règles d'accès ; par défaut, de la donnée ouverte."
    )

    producer: str | None = field(
        None,
        fr="Producteur de la donnée, cité dans l'attribution (ex. « Ville de Quimperlé »).",
        en="Producer of the data, named in the attribution (e.g. 'Ville de Quimperlé').",
    )
    sector: Literal["public", "private", "associative", "citizen"] = field(
        "public",
        fr="Secteur du producteur : public, private (privé), associative, citizen (citoyen).",
        en="Producer's sector: public, private, associative or citizen.",
    )
    licence: Licence = field(
        "etalab-2.0",
        fr=(
            "Licence : etalab-2.0 (Licence Ouverte), odbl-1.0, cc-by-4.0, "
            "agreement (convention de partage, voir « agreement »), proprietary."
        ),
        en=(
            "Licence: etalab-2.0 (Licence Ouverte), odbl-1.0, cc-by-4.0, "
            "agreement (a data-sharing agreement, see 'agreement'), proprietary."
        ),
    )
    agreement: RequiredPath | None = field(
        None,
        fr=(
            "Fichier YAML de la convention de partage ; obligatoire quand licence vaut « "
            "agreement »."
        ),
        en="YAML file of the data-sharing agreement; required when licence is 'agreement'.",
    )
    access: Access = field(
        "open",
        fr=(
            "open : visible en détail par tous ; shared : visible par tous seulement en agrégats "
            "d'au moins « min_group_size » unités ; restricted : seulement sur les pages d'équipe."
        ),
        en=(
            "open: anyone may see rows; shared: anyone may see only aggregates of at least "
            "'min_group_size' units; restricted: only on team pages."
        ),
    )
    min_group_size: int | None = field(
        None,
        ge=1,
        fr=(
            f"Taille minimale d'un groupe publié ; les agrégats plus petits sont masqués "
            f"(défaut {DEFAULT_MIN_GROUP_SIZE})."
        ),
        en=(
            f"Smallest group that may be shown; smaller aggregates are suppressed (default "
            f"{DEFAULT_MIN_GROUP_SIZE})."
        ),
    )
    personal: list[str] = field(
        [],
        fr="Colonnes contenant des données personnelles : jamais affichées telles quelles.",
        en="Columns holding personal data: never shown raw to anyone.",
    )
    updated: dt.date | None = field(
        None,
        fr="Date de dernière mise à jour, citée dans l'attribution (AAAA-MM-JJ).",
        en="Date of the last update, named in the attribution (YYYY-MM-DD).",
    )
    update_frequency: UpdateFrequency | None = field(
        None,
        fr=(
            "Rythme de mise à jour promis : daily, weekly, monthly, quarterly, yearly, "
            "irregular ; le catalogue dit « en retard » quand « updated » est plus ancien."
        ),
        en=(
            "Promised update rhythm: daily, weekly, monthly, quarterly, yearly, irregular; "
            "the catalogue says 'late' when 'updated' is older."
        ),
    )

    @property
    def group_size(self) -> int:
        """The suppression threshold that applies (1 when nothing is suppressed)."""
        if self.access == "open" and self.min_group_size is None:
            return 1
        return self.min_group_size or DEFAULT_MIN_GROUP_SIZE

    @model_validator(mode="after")
    def _agreement_needed(self) -> Self:
        if self.licence == "agreement" and not self.agreement:
            raise PydanticCustomError(
                "agreement_missing", "licence agreement needs a file", {"at": "licence"}
            )
        return self


class Party(Spec):
    """A party to a data-sharing agreement."""

    doc_fr: ClassVar[str] = "Une partie d'une convention de partage."

    name: str = field(fr="Nom de la partie.", en="Name of the party.")
    siren: str | None = field(
        None,
        pattern=r"^\d{9}$",
        fr="Numéro SIREN (9 chiffres, entre guillemets).",
        en="SIREN number (9 digits, in quotes).",
    )
    role: Literal["producer", "user", "intermediary"] = field(
        fr="Rôle : producer (fournit), user (utilise), intermediary (intermédiaire).",
        en="Role: producer, user or intermediary.",
    )


LegalBasis = Literal[
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
]


class Agreement(Spec):
    """A data-sharing agreement, in its own YAML file (see `governance.agreement`)."""

    doc_fr: ClassVar[str] = (
        "Une convention de partage de données, dans son propre fichier YAML "
        "(voir governance.agreement)."
    )

    title: str | None = field(None, fr="Intitulé de la convention.", en="Title of the agreement.")
    parties: list[Party] = field(
        min_length=2, fr="Les parties (au moins deux).", en="The parties (at least two)."
    )
    purpose: str = field(fr="Objet et finalité du partage.", en="Purpose of the sharing.")
    datasets: list[Slug] = field(
        min_length=1,
        fr="Identifiants des jeux de données couverts.",
        en="Ids of the datasets it covers.",
    )
    start: dt.date = field(fr="Date de début (AAAA-MM-JJ).", en="Start date (YYYY-MM-DD).")
    end: dt.date | None = field(None, fr="Date de fin, si elle existe.", en="End date, if any.")
    licence: Literal["agreement", "proprietary", "etalab-2.0", "odbl-1.0", "cc-by-4.0"] = field(
        "agreement", fr="Licence des données partagées.", en="Licence of the shared data."
    )
    access: Access = field(
        fr="Niveau d'accès le plus ouvert permis (open, shared, restricted).",
        en="The most open access level allowed (open, shared, restricted).",
    )
    personal_data: bool = field(
        False,
        fr="Les données contiennent-elles des données personnelles ?",
        en="Does the data hold personal data?",
    )
    legal_basis: LegalBasis | None = field(
        None,
        fr="Base légale RGPD (article 6), obligatoire s'il y a des données personnelles.",
        en="GDPR legal basis (article 6), required when there is personal data.",
    )
    dpia: bool | None = field(
        None,
        fr="Une analyse d'impact (AIPD) a-t-elle été faite ?",
        en="Was a data protection impact assessment done?",
    )
    min_group_size: int | None = field(
        None,
        ge=1,
        fr="Seuil de secret : plus petit groupe publiable.",
        en="Disclosure threshold: smallest group that may be published.",
    )
    retention_days: int | None = field(
        None, ge=1, fr="Durée de conservation, en jours.", en="Retention period, in days."
    )
    publication: bool = field(
        False,
        fr="Les résultats (agrégats) peuvent-ils être publiés auprès du public ?",
        en="May results (aggregates) be published to the public?",
    )
    onward_sharing: bool = field(
        False,
        fr="Les données peuvent-elles être repartagées à des tiers ?",
        en="May the data be shared onwards with third parties?",
    )
    contact: str | None = field(
        None, fr="Contact pour la convention.", en="Contact for the agreement."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "agreement_end_before_start", "end before start", {"at": "end"}
            )
        if self.personal_data and self.legal_basis is None:
            raise PydanticCustomError(
                "agreement_legal_basis", "legal basis needed", {"at": "personal_data"}
            )
        return self
