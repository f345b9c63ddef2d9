"""The agreement files a blueprint's datasets name, read once each."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from datacites_proto.blueprint.governance import Agreement
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.project_paths import project_file
from datacites_proto.blueprint.yaml_source import read_yaml_file
from datacites_proto.errors import display_path


@dataclass
class AgreementFile:
    """An agreement file and the blueprint's datasets that name it."""

    path: Path
    agreement: Agreement
    datasets: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem


def agreement_files(blueprint: Blueprint) -> list[AgreementFile]:
    """Every agreement file of the blueprint, in the order its datasets name them.

    The blueprint was validated, so each file exists, stays in the project and parses.
    """
    found: dict[Path, AgreementFile] = {}
    for ds_id, dataset in blueprint.datasets.items():
        rel = dataset.governance.agreement
        if not rel:
            continue
        path = project_file(rel, blueprint.base_dir, blueprint.project_dir)
        if path not in found:
            doc = read_yaml_file(path, display_path(path))
            found[path] = AgreementFile(path, Agreement.model_validate(doc.data))
        found[path].datasets.append(ds_id)
    return list(found.values())
