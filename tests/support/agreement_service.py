"""A small service whose `dpe` dataset is shared under an agreement file (catalogue export tests)."""

from __future__ import annotations

from pathlib import Path

import yaml

AGREEMENT = {
    "title": "Convention de partage des DPE",
    "parties": [
        {"name": "ADEME", "siren": "385290309", "role": "producer"},
        {"name": "Quimperlé Communauté", "siren": "242900694", "role": "user"},
        {"name": "Tiers de confiance", "role": "intermediary"},
    ],
    "purpose": "Repérer les passoires thermiques pour orienter les conseillers France Rénov'.",
    "datasets": ["dpe"],
    "start": "2026-01-01",
    "end": "2099-12-31",
    "access": "shared",
    "min_group_size": 15,
    "retention_days": 365,
    "publication": True,
    "onward_sharing": False,
}


BLUEPRINT = """\
datacites: 1
service:
  id: partage-dpe
  title: Partage des DPE
  territory: {name: Quimperlé Communauté, insee: "242900694"}
datasets:
  dpe:
    title: DPE partagés
    source: {type: csv, path: dpe.csv}
    columns:
      date_dpe: date
      etiquette: string
    governance:
      producer: ADEME
      licence: agreement
      agreement: agreements/dpe.yaml
      access: shared
      min_group_size: 15
pages:
  - title: Accueil
    views: [{type: text, markdown: Bienvenue.}]
"""


def shared_service(tmp_path: Path, **changes: object) -> Path:
    """A service whose `dpe` dataset is shared under an agreement file."""
    folder = tmp_path / "partage"
    (folder / "agreements").mkdir(parents=True)
    agreement = {k: v for k, v in {**AGREEMENT, **changes}.items() if v is not None}
    (folder / "agreements" / "dpe.yaml").write_text(
        yaml.safe_dump(agreement, allow_unicode=True), encoding="utf-8"
    )
    (folder / "dpe.csv").write_text(
        "date_dpe,etiquette\n2026-02-03,F\n2026-05-20,G\n", encoding="utf-8"
    )
    blueprint = folder / "blueprint.yaml"
    blueprint.write_text(BLUEPRINT, encoding="utf-8")
    return blueprint
