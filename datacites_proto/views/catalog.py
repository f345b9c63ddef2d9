"""`catalog` view: each dataset a page may mention, its licence, freshness, coverage,
columns and agreement, and the download of open data (« À propos des données »)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint import clock
from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.base import View

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks.context import CheckContext
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.errors import Loc
    from datacites_proto.views.context import RenderContext


class CatalogView(View):
    """The catalogue of the service's datasets.

    Governance: with `datasets` written, each is a reference validation checks like any
    view's (a restricted dataset on a public page is an error, a shared one whose agreement
    forbids publication too). Without it, the view lists what the page's audience may be
    told of, by the engine's own rule (`engine/governance.py`: restricted data is named
    to the team only). The download offers open data only, through the engine's governed
    rows, which never hold a personal column: so the view shows no whole rows
    (`shows_rows` is None) and personal columns stay allowed in open datasets.
    """

    doc_fr: ClassVar[str] = (
        "Le catalogue des jeux de données du service : licence, fraîcheur, couverture, "
        "colonnes, convention et téléchargement des données ouvertes."
    )

    type: Literal["catalog"] = tag("catalog")
    datasets: list[Slug] | None = field(
        None,
        min_length=1,
        fr=(
            "Jeux présentés, dans l'ordre ; par défaut tous ceux que la page peut nommer "
            "(les jeux « restricted » seulement sur les pages d'équipe)."
        ),
        en=(
            "Datasets presented, in order; by default all those the page may name "
            "('restricted' ones on team pages only)."
        ),
    )
    columns: bool = field(
        True,
        fr="Montrer le dictionnaire des colonnes de chaque jeu.",
        en="Show each dataset's column dictionary.",
    )
    download: bool = field(
        True,
        fr="Proposer le téléchargement CSV des jeux ouverts (les lignes, jamais les fichiers).",
        en="Offer the CSV download of open datasets (their rows, never the files).",
    )

    def references(self) -> list[Ref]:
        return [
            Ref("dataset", name, ("datasets", i), usage="aggregate")
            for i, name in enumerate(self.datasets or ())
        ]

    def shows_rows(self) -> Ref | None:
        return None  # the download is open data without personal columns (see the class)

    def downloads_rows(self, blueprint: Blueprint) -> list[Ref]:
        if not self.download:
            return []
        names = self.datasets if self.datasets is not None else list(blueprint.datasets)
        return [
            Ref("dataset", name, ("download",), usage="raw")
            for name in names
            if name in blueprint.datasets and blueprint.datasets[name].governance.access == "open"
        ]

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        seen: set[str] = set()
        for i, name in enumerate(self.datasets or ()):
            if name in seen:
                ctx.error(
                    "catalog_duplicate_dataset", (*loc, "datasets", i), params={"dataset": name}
                )
            seen.add(name)

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        from datacites_proto.views import catalog_card

        st.header(self.title or ctx.t("catalog_title"))
        if self.description:
            st.markdown(self.description)
        today = clock.today()  # the one clock agreements and freshness are judged by
        cards = []
        for dataset in self.datasets or list(ctx.blueprint.datasets):
            standing = catalog_card.standing(ctx, dataset)
            if standing is not None:
                cards.append((dataset, standing))
        if not cards:
            st.info(ctx.t("catalog_empty"))
            return
        for number, (dataset, standing) in enumerate(cards):
            with st.container(border=True):  # one card per dataset, visibly apart
                catalog_card.show(
                    ctx,
                    dataset,
                    standing,
                    today=today,
                    columns=self.columns,
                    download_key=ctx.key(index, f"download-{number}") if self.download else None,
                )

    def document(self, ctx: RenderContext, index: int) -> str:
        """Each dataset the audience may know of: its facts (producer, licence, access,
        update), and why the public sees none of its data when it is withheld."""
        from datacites_proto.views import catalog_card, printing

        cards = []
        for dataset in self.datasets or list(ctx.blueprint.datasets):
            standing = catalog_card.standing(ctx, dataset)
            if standing is None:
                continue
            spec = ctx.blueprint.datasets[dataset]
            body = f"<h3>{printing.esc(spec.title or dataset)}</h3>"
            if spec.description:
                body += printing.paragraphs([spec.description], "description")
            body += printing.markdown("\n".join(catalog_card._summary(ctx, spec)))
            if standing.withheld:
                body += printing.paragraphs([standing.withheld])
            cards.append(f'<div class="card">{body}</div>')
        if not cards:
            cards.append(printing.paragraphs([ctx.t("catalog_empty")]))
        return printing.section(
            self.title or ctx.t("catalog_title"), "".join(cards), self.description
        )
