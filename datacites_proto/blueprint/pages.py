"""Pages: what citizens (or the team) see, made of views."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, ClassVar, Literal, TypeAlias

from datacites_proto.blueprint.base import PageSlug, Slug, Spec, component_slot, field
from datacites_proto.blueprint.components import ViewSpec

# Any registered view (every one subclasses views.base.View, itself a ViewSpec).
# A type checker sees the base class; pydantic sees the registry's dispatching slot.
if TYPE_CHECKING:
    ViewField: TypeAlias = ViewSpec
else:
    ViewField = component_slot("views", ViewSpec)


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
        None, max_length=8, fr="Émoji affiché dans le menu.", en="Emoji shown in the menu."
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
    views: list[ViewField] = field(
        min_length=1,
        fr="Les vues de la page, de haut en bas.",
        en="The views of the page, top to bottom.",
    )

    @property
    def url_slug(self) -> str:
        return self.slug or slugify(self.title)
