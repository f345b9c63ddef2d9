"""Pages: what citizens (or the team) see, made of views."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeAlias, Union

from pydantic import TypeAdapter, ValidationInfo, WrapValidator

from datacites_proto.blueprint.base import PageSlug, Slug, Spec, component_slot, field
from datacites_proto.blueprint.components import ViewSpec
from datacites_proto.errors import Loc

# Any registered view (every one subclasses views.base.View, itself a ViewSpec).
# A type checker sees the base class; pydantic sees the registry's dispatching slot.
if TYPE_CHECKING:
    ViewField: TypeAlias = ViewSpec
else:
    ViewField = component_slot("views", ViewSpec)


# Views side by side in one row at most: beyond four, cards and charts get too narrow to read.
MAX_PER_ROW = 4


class Row(Spec):
    """Views side by side, in columns (stacked on a phone)."""

    doc_fr: ClassVar[str] = "Des vues côte à côte, en colonnes (empilées sur un téléphone)."

    row: list[ViewField] = field(
        min_length=1,
        max_length=MAX_PER_ROW,
        fr=(
            "Les vues de la rangée, de gauche à droite (4 au plus) ; la largeur de chacune "
            "est sa clé « width » (1 par défaut), relative aux autres. Sur un écran étroit, "
            "elles s'empilent."
        ),
        en=(
            "The views of the row, left to right (4 at most); each one's width is its "
            "`width` key (1 by default), relative to the others. On a narrow screen they "
            "stack."
        ),
    )


# Validates one view of any registered type (the slot dispatches on `type:`).
_VIEW_ADAPTER: TypeAdapter[ViewSpec] = TypeAdapter(ViewField)


def _view_or_row(value: Any, handler: Any, info: ValidationInfo) -> Any:
    """An item of `views:`: a row when it is a mapping with `row:` and no `type:`."""
    if isinstance(value, Row) or (
        isinstance(value, dict) and "row" in value and "type" not in value
    ):
        return Row.model_validate(value, context=info.context)
    return _VIEW_ADAPTER.validate_python(value, context=info.context)


if TYPE_CHECKING:
    ViewItem: TypeAlias = Row | ViewSpec
else:
    # The JSON Schema offers both forms; the validator picks one by its keys, so that a
    # mistake in a view is reported as the view's, never as "not a row either".
    ViewItem = Annotated[Union[Row, ViewField], WrapValidator(_view_or_row)]  # noqa: UP007


@dataclass(frozen=True)
class PlacedView:
    """A view where the page shows it: its place in the blueprint, its order, its width."""

    view: ViewSpec
    loc: Loc  # inside the page: ("views", 2) or ("views", 2, "row", 1)
    index: int  # its rank among the page's views, rows flattened (widget keys)
    width: int = 1


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def slugify(text: str) -> str:
    """A URL slug from a title: `Vue d’ensemble` → `vue-d-ensemble`, `Cœur` → `coeur`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Any other character (apostrophes, punctuation, letters with no ASCII form) separates.
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug or "page"


class Page(Spec):
    """A page of the app."""

    doc_fr: ClassVar[str] = "Une page de l'application."

    title: str = field(
        min_length=1,
        fr="Titre de la page (menu et en-tête).",
        en="Title of the page (menu and header).",
    )
    slug: PageSlug | None = field(
        None,
        fr=(
            "Fin de l'adresse de la page (minuscules, chiffres, tirets) ; déduite du "
            "titre si absente."
        ),
        en=(
            "End of the page's address (lower-case, digits, hyphens); derived from the "
            "title when absent."
        ),
    )
    description: str | None = field(
        None, fr="Texte d'introduction de la page.", en="Introduction of the page."
    )
    icon: str | None = field(
        None,
        max_length=64,
        fr=(
            "Icône du menu : un nom Material Symbols entre guillemets "
            '(icon: ":material/home:") ou un émoji, montré comme l\'icône Material '
            "équivalente (les émojis manquent sans police d'émojis)."
        ),
        en=(
            'Menu icon: a Material Symbols name in quotes (icon: ":material/home:") or an '
            "emoji, shown as the equivalent Material icon (emoji are missing without an "
            "emoji font)."
        ),
    )
    access: Literal["public", "team"] = field(
        "public",
        fr="public : tout le monde ; team : seulement l'équipe connectée.",
        en="public: everyone; team: only signed-in team members.",
    )
    filters: list[Slug] | None = field(
        None,
        fr="Filtres montrés sur cette page ; tous ceux qui s'appliquent si absent, aucun si [].",
        en="Filters shown on this page; all that apply when absent, none when [].",
    )
    views: list[ViewItem] = field(
        min_length=1,
        fr=(
            "Les vues de la page, de haut en bas ; « row: [...] » met des vues côte à côte. "
            "Les cartes d'indicateurs (kpi) qui se suivent sont mises en rangées de 4 au plus."
        ),
        en=(
            "The views of the page, top to bottom; `row: [...]` puts views side by side. "
            "Consecutive indicator cards (kpi) are laid out in rows of at most 4."
        ),
    )
    cards_in_rows: bool = field(
        True,
        fr=(
            "Mettre côte à côte les vues qui se suivent et s'y prêtent (cartes kpi) ; "
            "false : chacune sur toute la largeur, sauf dans une rangée écrite."
        ),
        en=(
            "Put consecutive views that lend themselves to it (kpi cards) side by side; "
            "false: each one full width, except in a written row."
        ),
    )

    @property
    def url_slug(self) -> str:
        return self.slug or slugify(self.title)

    def all_views(self) -> list[PlacedView]:
        """Every view of the page, rows flattened, in reading order, with where it is written."""
        placed: list[PlacedView] = []
        for v, item in enumerate(self.views):
            if isinstance(item, Row):
                for i, view in enumerate(item.row):
                    loc: Loc = ("views", v, "row", i)
                    placed.append(PlacedView(view, loc, len(placed), view.width or 1))
            else:
                placed.append(PlacedView(item, ("views", v), len(placed), item.width or 1))
        return placed

    def layout(self) -> list[list[PlacedView]]:
        """The page's rows, top to bottom: a written row, a run of cards, or one view alone."""
        placed = iter(self.all_views())
        rows: list[list[PlacedView]] = []
        run: list[PlacedView] = []  # consecutive views that group in rows

        def close_run() -> None:
            rows.extend(balanced(run, MAX_PER_ROW))
            run.clear()

        for item in self.views:
            if isinstance(item, Row):
                close_run()
                rows.append([next(placed) for _ in item.row])
                continue
            one = next(placed)
            if self.cards_in_rows and type(item).groups_in_rows:
                run.append(one)
            else:
                close_run()
                rows.append([one])
        close_run()
        return rows


def balanced(items: list[PlacedView], most: int) -> list[list[PlacedView]]:
    """`items` cut into the fewest rows of at most `most`, as even as can be (5 → 3 + 2)."""
    if not items:
        return []
    count = -(-len(items) // most)
    size, extra = divmod(len(items), count)
    rows, start = [], 0
    for r in range(count):
        end = start + size + (1 if r < extra else 0)
        rows.append(items[start:end])
        start = end
    return rows
