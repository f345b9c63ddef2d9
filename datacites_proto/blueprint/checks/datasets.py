"""Datasets: columns read from the data, keys, geometry, agreements and relations."""

from __future__ import annotations

from pydantic import ValidationError

from datacites_proto.blueprint.checks.context import CheckContext, KnownColumns
from datacites_proto.blueprint.checks.paths import safe_path
from datacites_proto.blueprint.components import DetectionError
from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.blueprint.governance import Agreement
from datacites_proto.blueprint.project_paths import PathRefused
from datacites_proto.blueprint.source_map import SourceMap
from datacites_proto.blueprint.validation_errors import problems_from_validation
from datacites_proto.blueprint.yaml_source import YamlProblems, read_yaml_file
from datacites_proto.errors import Problem, display_path

ACCESS_ORDER = {"restricted": 0, "shared": 1, "open": 2}


def _detect(ctx: CheckContext, ds_id: str, dataset: Dataset) -> None:
    known = KnownColumns()
    source = dataset.source
    files = source.files()  # the hook: the data file it reads, if any
    path = files[0][1] if files else None
    if not (isinstance(path, str) and safe_path(ctx, path) is None):
        try:
            detected = source.detect_columns(ctx.base_dir)
        except DetectionError as exc:
            shown = display_path(ctx.base_dir / path) if isinstance(path, str) else ds_id
            ctx.problems.append(
                Problem(
                    exc.code,
                    {**exc.params, "dataset": ds_id, "path": shown},
                    file=shown,
                    line=exc.line,
                    loc=("datasets", ds_id, "source"),
                )
            )
            detected = None
        except PathRefused:
            detected = None  # a project wider than the blueprint's folder: the path check judged
        except OSError as exc:
            ctx.error(
                "data_unreadable",
                ("datasets", ds_id, "source"),
                params={"path": path, "detail": exc.strerror},
            )
            detected = None
        if detected is not None:
            known = KnownColumns(dict(detected.types), complete=True)
    for name, spec in dataset.columns.items():
        if known.complete and name not in known.types:
            ctx.unknown(
                "declared_column_missing",
                ("datasets", ds_id, "columns", name),
                name,
                list(known.types),
                path=path or ds_id,
            )
        known.types[name] = spec.type
    ctx.columns[ds_id] = known


def _check_named_columns(ctx: CheckContext, ds_id: str, dataset: Dataset) -> None:
    known = ctx.columns[ds_id]
    named: list[tuple[tuple, str]] = []
    if isinstance(dataset.key, str):
        named.append((("key",), dataset.key))
    elif dataset.key:
        named += [(("key", i), k) for i, k in enumerate(dataset.key)]
    if dataset.geometry:
        for attr in ("lon", "lat", "column"):
            value = getattr(dataset.geometry, attr)
            if value:
                named.append((("geometry", attr), value))
    named += [(("governance", "personal", i), c) for i, c in enumerate(dataset.governance.personal)]
    for loc, name in named:
        if known.complete and name not in known.types:
            ctx.unknown(
                "unknown_column",
                ("datasets", ds_id, *loc),
                name,
                sorted(known.types),
                dataset=ds_id,
            )
    if dataset.geometry and dataset.geometry.lon:
        for attr in ("lon", "lat"):
            name = getattr(dataset.geometry, attr)
            kind = known.types.get(name)
            if kind is not None and kind not in ("number", "integer"):
                ctx.error(
                    "coordinate_not_numeric",
                    ("datasets", ds_id, "geometry", attr),
                    params={"name": name, "type": kind},
                )


def _load_agreement(ctx: CheckContext, ds_id: str, dataset: Dataset) -> None:
    rel = dataset.governance.agreement
    loc = ("datasets", ds_id, "governance", "agreement")
    if not rel:
        return
    full = safe_path(ctx, rel)
    if full is None or not full.is_file():
        return  # reported by the path check
    try:
        doc = read_yaml_file(full, display_path(full))
    except YamlProblems as exc:
        ctx.problems.extend(exc.problems)
        return
    smap = SourceMap(display=doc.display, main=doc, data=doc.data)
    if not isinstance(doc.data, dict):
        ctx.problems.append(smap.problem("agreement_not_mapping", ()))
        return
    try:
        agreement = Agreement.model_validate(doc.data)
    except ValidationError as exc:
        ctx.problems.extend(problems_from_validation(exc, smap, Agreement, ctx.registry))
        return
    ctx.agreements[ds_id] = agreement
    gov = dataset.governance
    if ds_id not in agreement.datasets:
        ctx.error("agreement_dataset_not_listed", loc, params={"dataset": ds_id, "path": rel})
    if ACCESS_ORDER[gov.access] > ACCESS_ORDER[agreement.access]:
        ctx.error(
            "access_exceeds_agreement",
            ("datasets", ds_id, "governance", "access"),
            params={"access": gov.access, "allowed": agreement.access, "path": rel},
        )
    if agreement.min_group_size and gov.group_size < agreement.min_group_size:
        ctx.error(
            "group_size_below_agreement",
            ("datasets", ds_id, "governance"),
            params={"size": gov.group_size, "required": agreement.min_group_size, "path": rel},
        )
    # Its end date is judged by `datacites validate` (checks/governance.expiry_problems).
    if agreement.personal_data and not gov.personal:
        ctx.warn("agreement_personal_undeclared", loc, params={"path": rel})


def _check_relations(ctx: CheckContext) -> None:
    seen: dict[tuple[str, str], int] = {}
    datasets = ctx.blueprint.datasets
    for i, rel in enumerate(ctx.blueprint.relations):
        loc = ("relations", i)
        ok = True
        written = ctx.smap.data_at(loc)
        text = written if isinstance(written, str) else ""
        arrow = max(text.find("->"), 0)
        sides = ((rel.from_dataset, rel.from_column, 0), (rel.to_dataset, rel.to_column, arrow))
        for ds, col, start in sides:
            # Point at the side that is wrong, inside the relation's text.
            offset = max(text.find(f"{ds}.{col}", start), 0)
            if ds not in datasets:
                ctx.unknown("unknown_dataset", loc, ds, sorted(datasets), offset=offset)
                ok = False
                continue
            known = ctx.columns.get(ds)
            if known and known.complete and col not in known.types:
                offset += len(ds) + 1
                ctx.unknown(
                    "unknown_column", loc, col, sorted(known.types), offset=offset, dataset=ds
                )
        pair = (rel.from_dataset, rel.to_dataset)
        if pair in seen:
            ctx.error(
                "duplicate_relation",
                loc,
                params={"from": pair[0], "to": pair[1], "first": seen[pair] + 1},
            )
        seen[pair] = i
        if ok and rel.from_dataset == rel.to_dataset:
            ctx.error("relation_self", loc, params={"dataset": rel.from_dataset})
    # A many-to-one cycle has no "one" side: joins along it never end.
    for i, rel in enumerate(ctx.blueprint.relations):
        if rel.from_dataset != rel.to_dataset and rel.from_dataset in ctx.related(rel.to_dataset):
            ctx.error(
                "relation_cycle",
                ("relations", i),
                params={"from": rel.from_dataset, "to": rel.to_dataset},
            )
            break


def check(ctx: CheckContext) -> None:
    """Read columns from the data files, then check what datasets name."""
    for ds_id, dataset in ctx.blueprint.datasets.items():
        _detect(ctx, ds_id, dataset)
        _check_named_columns(ctx, ds_id, dataset)
        _load_agreement(ctx, ds_id, dataset)
        dataset.source.check(ctx, ("datasets", ds_id, "source"))  # the source's own rules
    _check_relations(ctx)
