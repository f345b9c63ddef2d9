"""What validation sees of each kind of component: the hooks checks call instead of types.

The language layer never names a built-in view, layer or source: it asks every
component, built-in or plugin alike, through these hooks. `views/base.py`,
`views/maps/base.py` and `sources/base.py` subclass them and add what drawing and
loading need, so `blueprint/` imports nothing from the layers above it.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Protocol, Union, get_args, get_origin

from datacites_proto.blueprint.base import Component, ProjectFile, field
from datacites_proto.blueprint.refs import Ref
from datacites_proto.errors import Loc

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks.context import CheckContext
    from datacites_proto.blueprint.model import Blueprint


class DetectionError(Exception):
    """Data `detect_columns` cannot peek at; validation reports it at the source's file.

    Subclasses set `code` (a message code), `params` and `line` (1-based, or None)."""

    code: str = "data_unreadable"
    params: Mapping[str, Any] = MappingProxyType({})
    line: int | None = None


class DetectedColumns(Protocol):
    """Column names and best-guess types a source read cheaply from its data."""

    # Read-only properties, so a frozen dataclass (sniff.FileColumns) satisfies the protocol.
    @property
    def names(self) -> tuple[str, ...]: ...

    @property
    def types(self) -> Mapping[str, str | None]: ...


def project_file_marker(metadata: list[Any], annotation: Any) -> ProjectFile | None:
    """The ProjectFile marker of a field, also when it hides in `Path | None`."""
    for meta in metadata:
        if isinstance(meta, ProjectFile):
            return meta
    if get_origin(annotation) is Annotated:
        inner, *meta = get_args(annotation)
        return project_file_marker(meta, inner)
    if get_origin(annotation) in (Union, types.UnionType):
        for member in get_args(annotation):
            found = project_file_marker([], member)
            if found is not None:
                return found
    return None


def marked_files(component: Component) -> list[tuple[Loc, str]]:
    """The component's own fields marked as project files (`DataPath`…), where set."""
    found: list[tuple[Loc, str]] = []
    for name, info in type(component).model_fields.items():
        value = getattr(component, name)
        if isinstance(value, str) and value and project_file_marker(info.metadata, info.annotation):
            found.append(((info.alias or name,), value))
    return found


class ViewSpec(Component):
    """The validation side of a view: its references, parts, flags and own rules."""

    kind: ClassVar[str] = "views"
    # Shows what only the team may see (citizens' comments): refused on a public page.
    team_only: ClassVar[bool] = False
    # The message saying why, when a team-only view sits on a public page.
    team_only_code: ClassVar[str] = "team_only_view_on_public_page"
    # Stores what citizens send (a feedback form): the app then opens the store on each
    # page, which purges entries past the retention period once a day.
    stores_feedback: ClassVar[bool] = False
    # Shows one figure per group (bins, classes) of the rows it aggregates, though no
    # reference is used as "group": the governance report then says "groups", not "aggregates".
    shows_groups: ClassVar[bool] = False
    # Small enough to stand beside its like (a KPI card): consecutive ones are laid out in
    # rows of up to four, unless the page says `cards_in_rows: false`.
    groups_in_rows: ClassVar[bool] = False

    width: int | None = field(
        None,
        ge=1,
        le=4,
        fr=(
            "Largeur dans sa rangée, relative aux autres vues de la rangée (1 à 4 ; 1 par "
            "défaut) ; sans effet hors d'une rangée."
        ),
        en=(
            "Width in its row, relative to the row's other views (1 to 4; 1 by default); "
            "no effect outside a row."
        ),
    )

    def references(self) -> list[Ref]:
        """Datasets, indicators and columns this view uses, for validation and governance."""
        return []

    def shows_rows(self) -> Ref | None:
        """The dataset whose whole rows (every column) this view shows, or None."""
        return None

    def downloads_rows(self, blueprint: Blueprint) -> list[Ref]:
        """The datasets whose rows this view offers to download (none by default).

        `blueprint` is the whole blueprint, for a view whose downloads depend on the
        datasets' governance (a catalogue offers open datasets only).
        """
        return []

    def parts(self) -> list[tuple[Loc, Component]]:
        """Components nested in this view (a map's layers), with where each is written."""
        return []

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        """Report this view's own rules through `ctx.error`/`ctx.warn`; `loc` is where it sits."""


class LayerSpec(Component):
    """The validation side of a map layer: its references, files, flags and own rules."""

    kind: ClassVar[str] = "layers"
    # Layers that draw the rows of a dataset need its `geometry`.
    needs_geometry: ClassVar[bool] = False
    # Cells that follow the map's extent (hexagons, heatmaps): never over a shared
    # dataset on a public page (overlapping cells would reveal a small group).
    cells_follow_extent: ClassVar[bool] = False

    id: str | None = field(
        None,
        pattern=r"^[a-z][a-z0-9_-]*$",
        fr="Identifiant de la couche (pour la légende et la sélection) ; déduit si absent.",
        en="Id of the layer (for the legend and selection); derived when absent.",
    )
    label: str | None = field(
        None, fr="Nom de la couche dans la légende.", en="Name of the layer in the legend."
    )
    opacity: float = field(0.8, ge=0, le=1, fr="Opacité, de 0 à 1.", en="Opacity, from 0 to 1.")

    def dataset_ref(self) -> Ref | None:
        """The dataset this layer draws (its first dataset reference), or None."""
        return next((ref for ref in self.references() if ref.kind == "dataset"), None)

    def references(self) -> list[Ref]:
        """Datasets, indicators and columns this layer uses, for validation and governance."""
        return []

    def files(self) -> list[tuple[Loc, str]]:
        """Project files this layer reads (paths as written, and where); its marked fields by default."""
        return marked_files(self)

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        """Report this layer's own rules through `ctx.error`/`ctx.warn`; `loc` is where it sits."""


class SourceSpec(Component):
    """The validation side of a source: detected columns, flags and own rules."""

    kind: ClassVar[str] = "sources"
    # True when the rows live in an external database that computes indicators itself.
    remote: ClassVar[bool] = False

    def detect_columns(self, base_dir: Path) -> DetectedColumns | None:
        """Column names and types read cheaply (a header, a schema), or None when unknown."""
        return None

    def describe(self) -> str:
        """A short human description, e.g. the file it reads."""
        return self.type

    def files(self) -> list[tuple[Loc, str]]:
        """Project files this source reads (paths as written, and where); its marked fields by default."""
        return marked_files(self)

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        """Report this source's own rules through `ctx.error`/`ctx.warn`; `loc` is where it sits."""
