"""Déchets de l'agglomération: a blueprint written in Python, with the public API.

Why Python here: the service has one page per commune and one indicator per waste
stream. Written in YAML that would be 9 nearly identical pages and 40 indicators to
keep in step by hand; here a loop builds them from the communes listed in
`data/communes.csv`, so a commune joining the agglomeration gets its page by itself.

    datacites run examples/intercommunalite_py
    datacites convert examples/intercommunalite_py   # prints the YAML it stands for
"""

import csv
import datetime as dt
import re
import unicodedata
from pathlib import Path

import datacites_proto as dc

HERE = Path(__file__).resolve().parent
GOVERNANCE = dc.Governance(
    producer="Concarneau Cornouaille Agglomération, service déchets",
    licence="etalab-2.0",
    access="open",
    updated=dt.date(2026, 11, 1),
)
# The waste streams: id used in indicator ids, label as written in the data, icon.
STREAMS = {
    "omr": ("Ordures ménagères", "🗑️"),
    "emballages": ("Emballages", "♻️"),
    "verre": ("Verre", "🍾"),
    "biodechets": ("Biodéchets", "🥕"),
}


def slug(name: str) -> str:
    """An id from a commune's name: `Tourc'h` → `tourc_h`, `Trégunc` → `tregunc`."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


def thousands(number: str) -> str:
    """`20200` → `20 200`, as French writes numbers."""
    return f"{int(number):,}".replace(",", "\u202f")


def read_communes() -> list[dict[str, str]]:
    """The communes of the agglomeration, in the order of the data file."""
    with open(HERE / "data" / "communes.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


COMMUNES = read_communes()

datasets = {
    "collectes": dc.Dataset(
        title="Tonnages collectés",
        description="Tonnes collectées par commune, mois et flux de déchets.",
        source=dc.CsvSource(path="data/collectes.csv"),
        columns={
            "code_insee": dc.ColumnSpec(type="string", label="Code INSEE", required=True),
            "mois": dc.ColumnSpec(type="date", label="Mois", required=True),
            "flux": dc.ColumnSpec(
                type="string", label="Flux", enum=[label for label, _ in STREAMS.values()]
            ),
            "tonnes": dc.ColumnSpec(type="number", label="Tonnes", min=0),
        },
        governance=GOVERNANCE,
    ),
    "communes": dc.Dataset(
        title="Communes",
        source=dc.CsvSource(path="data/communes.csv"),
        columns={
            "code_insee": dc.ColumnSpec(type="string", label="Code INSEE", required=True),
            "nom_commune": dc.ColumnSpec(type="string", label="Commune", required=True),
            "population": dc.ColumnSpec(type="integer", label="Habitants", min=0),
        },
        geometry=dc.Geometry(lon="lon", lat="lat"),
        key="code_insee",
        governance=GOVERNANCE.model_copy(update={"producer": "INSEE (populations légales)"}),
    ),
}


def tonnage(label: str, where: str | None = None) -> dc.Indicator:
    return dc.Indicator(
        label=label,
        dataset="collectes",
        measure="sum(tonnes)",
        where=where,
        format="decimal",
        decimals=0,
        unit="t",
    )


def per_inhabitant(label: str, tonnes: str, inhabitants: str) -> dc.Indicator:
    return dc.Indicator(
        label=label,
        formula=f"{tonnes} / {inhabitants} * 1000",
        format="decimal",
        decimals=0,
        unit="kg/hab.",
    )


indicators = {
    "tonnes": tonnage("Déchets collectés"),
    "habitants": dc.Indicator(
        label="Habitants", dataset="communes", measure="sum(population)", format="integer"
    ),
    "kg_par_habitant": per_inhabitant("Déchets par habitant", "tonnes", "habitants"),
}
# One indicator per stream, for the whole agglomeration.
for stream, (label, _) in STREAMS.items():
    indicators[f"tonnes_{stream}"] = tonnage(label, where=f"flux = '{label}'")
# Per commune: its tonnage, its population and the ratio of the two.
for commune in COMMUNES:
    key, code = slug(commune["nom_commune"]), commune["code_insee"]
    indicators[f"tonnes_{key}"] = tonnage(
        f"Déchets collectés à {commune['nom_commune']}", where=f"code_insee = '{code}'"
    )
    indicators[f"habitants_{key}"] = dc.Indicator(
        label=f"Habitants de {commune['nom_commune']}",
        dataset="communes",
        measure="sum(population)",
        where=f"code_insee = '{code}'",
        format="integer",
    )
    indicators[f"kg_par_habitant_{key}"] = per_inhabitant(
        f"Déchets par habitant à {commune['nom_commune']}", f"tonnes_{key}", f"habitants_{key}"
    )

filters: dict[str, dc.Filter] = {
    "periode": dc.DateRangeFilter(column="collectes.mois", label="Période"),
    "flux": dc.MultiselectFilter(column="collectes.flux", label="Flux de déchets"),
}

overview = dc.Page(
    title="L'agglomération",
    slug="accueil",
    icon=":material/holiday_village:",
    description="Les déchets ménagers collectés dans les communes de l'agglomération.",
    views=[
        # The two totals side by side, then one card per stream (four: one row).
        dc.Row(row=[dc.KpiView(indicator="tonnes"), dc.KpiView(indicator="kg_par_habitant")]),
        dc.Row(row=[dc.KpiView(indicator=f"tonnes_{stream}") for stream in STREAMS]),
        dc.LineView(
            indicator="tonnes",
            by="month(mois)",
            series="flux",
            title="Tonnages mois par mois, par flux",
        ),
        dc.BarView(
            indicator="kg_par_habitant",
            by="communes.nom_commune",
            title="Déchets par habitant, commune par commune",
        ),
        dc.MapView(
            title="Les communes",
            layers=[
                dc.PointsLayer(
                    label="Communes",
                    dataset="communes",
                    size="population",
                    radius=300,
                    tooltip=["nom_commune", "population"],
                )
            ],
        ),
    ],
)


def commune_page(commune: dict[str, str]) -> dc.Page:
    """The page of one commune: its figures and its months, stream by stream."""
    key, name = slug(commune["nom_commune"]), commune["nom_commune"]
    return dc.Page(
        title=name,
        slug=key.replace("_", "-"),
        icon=":material/location_on:",
        description=f"Les déchets collectés à {name} ({thousands(commune['population'])} habitants).",
        filters=["periode", "flux"],
        views=[
            dc.Row(
                row=[
                    dc.KpiView(indicator=f"tonnes_{key}"),
                    dc.KpiView(indicator=f"kg_par_habitant_{key}"),
                ]
            ),
            dc.AreaView(
                indicator=f"tonnes_{key}",
                by="month(mois)",
                series="flux",
                title=f"{name} : tonnages mois par mois",
            ),
            dc.BarView(indicator=f"tonnes_{key}", by="flux", title=f"{name} : tonnes par flux"),
        ],
    )


about = dc.Page(
    title="À propos",
    slug="a-propos",
    icon=":material/info:",
    filters=[],
    views=[
        dc.TextView(
            markdown=(
                "Données fictives, générées par `python -m examples.intercommunalite_py.generate` "
                "aux ordres de grandeur nationaux (ADEME).\n\n"
                "Ce service est écrit en Python (`blueprint.py`) : une page par commune et un "
                "indicateur par flux, construits par des boucles."
            )
        )
    ],
)

blueprint = dc.Blueprint(
    datacites=1,
    service=dc.ServiceInfo(
        id="dechets-agglomeration",
        title="Déchets de l'agglomération",
        summary=(
            "Combien de déchets chaque commune de l'agglomération produit, flux par flux et "
            "mois par mois, pour orienter la prévention et les collectes."
        ),
        territory=dc.Territory(name="Concarneau Cornouaille Agglomération", insee="242900769"),
        lang="fr",
        contact="dechets@cca.example",
        canvas=dc.Canvas(
            problem="Les communes ne savent pas comment leurs déchets évoluent ni où agir d'abord.",
            users=["élus", "service déchets", "habitants"],
            expected_impact="Des actions de prévention là où les tonnages par habitant sont les plus hauts.",
            success_indicators=["kg_par_habitant"],
        ),
    ),
    datasets=datasets,
    relations=[
        dc.Relation(
            from_dataset="collectes",
            from_column="code_insee",
            to_dataset="communes",
            to_column="code_insee",
        )
    ],
    indicators=indicators,
    filters=filters,
    pages=[overview, *(commune_page(c) for c in COMMUNES), about],
)
