"""The register laid out once as headings, paragraphs and tables; Markdown and HTML render it."""

from __future__ import annotations

from dataclasses import dataclass, field

from datacites_proto.engine.register.model import LEVELS, DatasetRecord, Register
from datacites_proto.engine.register.words import Words


@dataclass(frozen=True)
class Table:
    """A table with a caption and column headings; with `row_headers`, each row's first
    cell heads the row."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    row_headers: bool = True


@dataclass
class Section:
    title: str
    anchor: str
    blocks: list[Table | str] = field(default_factory=list)


@dataclass
class Document:
    lang: str
    title: str
    intro: list[str]
    bullets: list[str]
    sections: list[Section]


def _summary(register: Register, w: Words) -> Table:
    headers = [
        w.t("register_col_dataset"),
        w.t("register_col_producer"),
        w.t("register_col_licence"),
        w.t("register_col_access"),
        w.t("register_col_personal"),
        w.t("register_col_threshold"),
        w.t("register_col_agreement"),
        w.t("register_col_public_level"),
        w.t("register_col_team_level"),
    ]
    rows = [
        [
            f"{r.title} ({r.id})",
            r.producer or w.t("register_nobody"),
            w.licence(r.licence),
            w.t(f"register_access_short_{r.access}"),
            w.personal(r),
            w.threshold(r),
            w.agreement(r),
            w.level(r.public_level, download=_downloads(r, public=True)),
            w.level(r.team_level, download=_downloads(r, public=False)),
        ]
        for r in register.datasets
    ]
    return Table(w.t("register_summary"), headers, rows)


def _downloads(record: DatasetRecord, *, public: bool) -> bool:
    return any(v.download for v in record.views if v.public == public)


def _sheet(r: DatasetRecord, w: Words) -> Table:
    rows = [
        [w.t("register_col_id"), r.id],
        [w.t("register_col_producer"), r.producer or w.t("register_nobody")],
        [w.t("register_col_sector"), w.sector(r.sector)],
        [w.t("register_col_licence"), w.licence(r.licence)],
        [w.t("register_col_access"), w.access(r)],
        [w.t("register_col_updated"), w.date(r.updated)],
        [w.t("register_col_personal"), w.personal(r)],
        [w.t("register_col_threshold"), w.threshold(r)],
        [w.t("register_col_threshold_origin"), w.threshold_origin(r)],
        [w.t("register_col_agreement"), w.agreement(r)],
    ]
    a = r.agreement
    if a is not None:
        rows += [
            [w.t("register_col_agreement_title"), a.title or w.t("register_nobody")],
            [w.t("register_col_parties"), w.parties(a)],
            [w.t("register_col_purpose"), a.purpose],
            [w.t("register_col_start"), w.date(a.start)],
            [w.t("register_col_end"), w.end(a)],
            [w.t("register_col_state"), w.state(a)],
            [w.t("register_col_retention"), w.retention(a)],
            [w.t("register_col_publication"), w.publication(a)],
            [w.t("register_col_onward"), w.onward(a)],
            [w.t("register_col_personal_data"), w.yes_no(a.personal_data)],
            [w.t("register_col_legal_basis"), w.legal_basis(a)],
            [w.t("register_col_contact"), a.contact or w.t("register_nobody")],
        ]
    rows += [
        [
            w.t("register_col_public_level"),
            w.level(r.public_level, download=_downloads(r, public=True)),
        ],
        [
            w.t("register_col_team_level"),
            w.level(r.team_level, download=_downloads(r, public=False)),
        ],
        [w.t("register_col_filters"), ", ".join(r.filters) or w.t("register_nobody")],
    ]
    headers = [w.t("register_col_field"), w.t("register_col_value")]
    return Table(w.t("register_sheet"), headers, rows)


def _indicators(r: DatasetRecord, w: Words) -> Table | str:
    if not r.indicators:
        return w.t("register_no_indicator")
    headers = [w.t("register_col_indicator"), w.t("register_col_label"), w.t("register_col_via")]
    rows = [[i.id, i.label, w.via(i.via)] for i in r.indicators]
    return Table(w.t("register_indicators"), headers, rows)


def _views(r: DatasetRecord, w: Words) -> Table | str:
    if not r.views:
        return w.t("register_no_view")
    headers = [
        w.t("register_col_page"),
        w.t("register_col_page_access"),
        w.t("register_col_view"),
        w.t("register_col_type"),
        w.t("register_col_level"),
    ]
    rows = [[v.page, w.page_access(v), v.view, v.type, w.view_level(v)] for v in r.views]
    return Table(w.t("register_views"), headers, rows, row_headers=False)


def document(register: Register, lang: str) -> Document:
    """The register as a document in `lang`."""
    w = Words(lang)
    intro = [
        w.t(
            "register_intro",
            id=register.service_id,
            date=w.date(register.as_of),
            count=w.number(len(register.datasets)),
        ),
        w.t("register_levels_intro"),
    ]
    bullets = [w.t(f"register_level_{level}_help") for level in LEVELS]
    sections = [Section(w.t("register_summary"), "synthese", [_summary(register, w)])]
    for r in register.datasets:
        sections.append(
            Section(
                f"{r.title} ({r.id})",
                f"jeu-{r.id}",
                [_sheet(r, w), _indicators(r, w), _views(r, w)],
            )
        )
    title = w.t("register_title", service=register.service_title)
    return Document(lang, title, intro, bullets, sections)
