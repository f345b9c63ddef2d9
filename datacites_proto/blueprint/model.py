"""The blueprint: the whole declaration of a service (contract: docs/ and BLUEPRINT.md)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import PrivateAttr, field_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import Slug, Spec, field
from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.blueprint.experiments import Experiment
from datacites_proto.blueprint.filters import Filter
from datacites_proto.blueprint.indicators import Indicator
from datacites_proto.blueprint.pages import Page
from datacites_proto.blueprint.relations import RelationText
from datacites_proto.blueprint.service import ServiceInfo

SPEC_VERSION = 1


class Blueprint(Spec):
    """A service blueprint, version 1."""

    doc_fr: ClassVar[str] = "Un blueprint de service, version 1."

    datacites: Literal[1] = field(
        fr="Version du langage de blueprint ; écrivez 1.",
        en="Version of the blueprint language; write 1.",
    )
    service: ServiceInfo = field(
        fr="Ce qu'est le service et pour qui.", en="What the service is and for whom."
    )
    datasets: dict[Slug, Dataset] = field(
        {},
        fr="Les données d'entrée, par identifiant.",
        en="The data inputs, by id.",
    )
    relations: list[RelationText] = field(
        [],
        fr="Jointures plusieurs-à-un : « measures.channel_id -> channels.channel_id ».",
        en="Many-to-one joins: 'measures.channel_id -> channels.channel_id'.",
    )
    indicators: dict[Slug, Indicator] = field(
        {},
        fr="Les indicateurs, par identifiant.",
        en="The indicators, by id.",
    )
    filters: dict[Slug, Filter] = field(
        {},
        fr="Les filtres partagés par les pages, par identifiant.",
        en="The filters shared by the pages, by id.",
    )
    pages: list[Page] = field(
        min_length=1,
        fr="Les pages, dans l'ordre du menu.",
        en="The pages, in menu order.",
    )
    experiments: dict[Slug, Experiment] = field(
        {},
        fr="Les expérimentations dont on mesure l'impact, par identifiant.",
        en="The experiments whose impact is measured, by id.",
    )
    include: list[str] = field(
        [],
        fr=(
            "Fragments réutilisables fusionnés dans ce blueprint : un chemin relatif "
            "ou le nom d'un fragment fourni (« a-propos »)."
        ),
        en=(
            "Reusable fragments merged into this blueprint: a relative path "
            "or the name of a shipped fragment ('a-propos')."
        ),
    )

    _path: Path | None = PrivateAttr(None)
    _project_dir: Path | None = PrivateAttr(None)

    @field_validator("datacites", mode="before")
    @classmethod
    def _version_is_a_number(cls, value: object) -> object:
        # `true` is not a version, even if Python says True == 1.
        if isinstance(value, bool):
            raise PydanticCustomError("unsupported_version", "bad version", {"version": value})
        return value

    @property
    def lang(self) -> str:
        return self.service.lang

    @property
    def path(self) -> Path | None:
        """The file this blueprint was loaded from, if any."""
        return self._path

    @property
    def base_dir(self) -> Path:
        """The folder data paths are relative to: the blueprint's own folder."""
        return self._path.parent if self._path else Path.cwd()

    @property
    def project_dir(self) -> Path:
        """The folder no data path may leave."""
        return self._project_dir or self.base_dir

    def leaf_datasets(self, indicator_id: str, _seen: frozenset[str] = frozenset()) -> set[str]:
        """The declared datasets an indicator measures, through its formula's parts."""
        indicator = self.indicators.get(indicator_id)
        if indicator is None or indicator_id in _seen:
            return set()
        if indicator.dataset:
            return {indicator.dataset} if indicator.dataset in self.datasets else set()
        from datacites_proto.blueprint.expressions import indicators_in

        found: set[str] = set()
        for ref in indicators_in(indicator.formula_ast):
            found |= self.leaf_datasets(ref.name, _seen | {indicator_id})
        return found

    def attach_origin(self, path: Path, project_dir: Path | None = None) -> None:
        """Remember where the blueprint was loaded from (paths are relative to it)."""
        self._path = path
        self._project_dir = project_dir
