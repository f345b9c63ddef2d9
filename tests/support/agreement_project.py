"""A small project whose datasets are shared under an agreement (issue 14: agreements live).

`visits` (shared, under `agreements/flux.yaml`) and `bornes` (open data, under the same
agreement, so that a public table offers its rows for download) end on `END`; `places`
is open data under no agreement: it stays on public pages whatever the agreement says.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

END = dt.date(2026, 6, 30)
SECRET = "borne-confidentielle"  # a text only the agreement's rows hold
VISIT_DAYS = 60  # one visit a day for the 60 days up to END

AGREEMENT = """\
title: Convention de fréquentation
parties:
  - {{name: Ville d'Essai, role: user}}
  - {{name: Opérateur, role: producer}}
purpose: Mesurer la fréquentation du centre.
datasets: [visits, bornes]
start: 2026-01-01
end: {end}
access: {access}
{extra}publication: {publication}
"""

BLUEPRINT = """\
datacites: 1
service: {{id: convention, title: Essai de convention, lang: {lang}}}
datasets:
  visits:
    title: Visites estimées
    source: {{type: csv, path: data/visits.csv}}
    governance: {{licence: agreement, agreement: agreements/flux.yaml, access: shared, min_group_size: 3}}
  bornes:
    title: Bornes de l'opérateur
    source: {{type: csv, path: data/bornes.csv}}
    geometry: {{lon: x, lat: y}}
    governance: {{licence: agreement, agreement: agreements/flux.yaml, access: open}}
  places:
    title: Places de la ville
    source: {{type: csv, path: data/places.csv}}
    geometry: {{lon: x, lat: y}}
indicators:
  visites: {{label: Visites, dataset: visits, measure: count(*)}}
  places: {{label: Places, dataset: places, measure: count(*)}}
filters:
  zone: {{type: multiselect, column: visits.zone, label: Zone}}
pages:
  - title: Accueil
    slug: accueil
    views:
      - {{type: kpi, indicator: visites}}
      - {{type: bar, indicator: visites, by: zone}}
      - {{type: table, dataset: bornes, columns: [nom], download: true}}
      - {{type: kpi, indicator: places}}
      - type: map
        title: Carte
        layers:
          - {{type: points, label: Bornes, dataset: bornes, tooltip: [nom]}}
          - {{type: points, label: Places, dataset: places, tooltip: [nom]}}
  - title: Équipe
    slug: equipe
    access: team
    views:
      - {{type: kpi, indicator: visites}}
      - {{type: table, dataset: bornes, columns: [nom]}}
"""


def write_project(
    folder: Path,
    *,
    end: dt.date = END,
    retention_days: int | None = None,
    publication: bool = True,
    lang: str = "fr",
) -> Path:
    """Write the project into `folder`; the blueprint's path."""
    (folder / "agreements").mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    extra = f"retention_days: {retention_days}\n" if retention_days else ""
    (folder / "agreements" / "flux.yaml").write_text(
        AGREEMENT.format(
            end=end.isoformat(),
            access="open",
            extra=extra,
            publication=str(publication).lower(),
        ),
        encoding="utf-8",
    )
    visits = ["zone,day"] + [
        f"{'nord' if i % 2 else 'sud'},{(END - dt.timedelta(days=i)).isoformat()}"
        for i in range(VISIT_DAYS)
    ]
    (folder / "data" / "visits.csv").write_text("\n".join(visits) + "\n", encoding="utf-8")
    bornes = ["nom,day,x,y"] + [
        f"{SECRET}-{i},{END.isoformat()},{-3.55 + i / 1000},{47.87}" for i in range(5)
    ]
    (folder / "data" / "bornes.csv").write_text("\n".join(bornes) + "\n", encoding="utf-8")
    places = ["nom,x,y"] + [f"place-{i},{-3.56 + i / 1000},{47.88}" for i in range(4)]
    (folder / "data" / "places.csv").write_text("\n".join(places) + "\n", encoding="utf-8")
    path = folder / "blueprint.yaml"
    path.write_text(BLUEPRINT.format(lang=lang), encoding="utf-8")
    return path
