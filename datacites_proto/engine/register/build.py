"""The register of a loaded blueprint: a pure function of the blueprint, agreements and uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from datacites_proto.blueprint.checks.context import Use
from datacites_proto.blueprint.governance import Agreement
from datacites_proto.engine import governance
from datacites_proto.engine.register.lineage import HasColumn, indicator_reads, view_uses
from datacites_proto.engine.register.model import (
    AgreementRecord,
    AgreementState,
    DatasetRecord,
    IndicatorUse,
    Party,
    Register,
    ThresholdOrigin,
)


def agreement_record(path: str, agreement: Agreement, as_of: dt.date) -> AgreementRecord:
    """An agreement as a data protection officer reads it on `as_of`."""
    days_left = (agreement.end - as_of).days if agreement.end is not None else None
    state: AgreementState
    if agreement.start > as_of:
        state = "not_started"
    elif days_left is None:
        state = "open_ended"
    else:
        state = "expired" if days_left < 0 else "active"
    return AgreementRecord(
        path=path,
        title=agreement.title,
        parties=tuple(Party(p.name, p.role, p.siren) for p in agreement.parties),
        purpose=agreement.purpose,
        start=agreement.start,
        end=agreement.end,
        state=state,
        days_left=days_left,
        retention_days=agreement.retention_days,
        publication=agreement.publication,
        onward_sharing=agreement.onward_sharing,
        personal_data=agreement.personal_data,
        legal_basis=agreement.legal_basis,
        min_group_size=agreement.min_group_size,
        contact=agreement.contact,
    )


def _threshold_origin(gov: Any, threshold: int) -> ThresholdOrigin:
    if threshold <= 1:
        return "none"
    return "dataset" if gov.min_group_size is not None else "default"


def build_register(
    blueprint: Any,
    *,
    agreements: Mapping[str, Agreement],
    uses: Iterable[Use],
    has_column: HasColumn = lambda dataset, column: None,
    as_of: dt.date,
) -> Register:
    """One record per dataset, in the blueprint's order, with its lineage as of `as_of`.

    `agreements` maps dataset ids to their loaded agreement; `uses` are the uses the
    reference check recorded; `has_column` tells which dataset holds a column (relations).
    """
    reads = indicator_reads(blueprint, has_column)
    shown = view_uses(blueprint, uses, reads)
    records = []
    for ds_id, dataset in blueprint.datasets.items():
        gov = dataset.governance
        # The threshold as the engine applies it (validation keeps it at or above the agreement's).
        threshold = governance.threshold(blueprint, [ds_id])
        agreement = agreements.get(ds_id)
        indicators = tuple(
            IndicatorUse(ind_id, blueprint.indicators[ind_id].label or ind_id, found[ds_id])
            for ind_id, found in reads.items()
            if ds_id in found
        )
        records.append(
            DatasetRecord(
                id=ds_id,
                title=dataset.title or ds_id,
                producer=gov.producer,
                sector=gov.sector,
                licence=gov.licence,
                access=gov.access,
                personal=tuple(gov.personal),
                threshold=threshold,
                threshold_origin=_threshold_origin(gov, threshold),
                updated=gov.updated,
                agreement=(
                    agreement_record(str(gov.agreement), agreement, as_of)
                    if agreement is not None
                    else None
                ),
                agreement_path=str(gov.agreement) if gov.agreement else None,
                indicators=indicators,
                views=tuple(shown.get(ds_id, ())),
                filters=tuple(f for f, filt in blueprint.filters.items() if filt.dataset == ds_id),
            )
        )
    return Register(
        service_id=blueprint.service.id,
        service_title=blueprint.service.title,
        as_of=as_of,
        datasets=tuple(records),
    )
