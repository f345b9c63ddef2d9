"""Many-to-one joins between datasets, written `measures.channel_id -> channels.channel_id`."""

from __future__ import annotations

import re
from collections import deque
from typing import Annotated, Any, ClassVar

from pydantic import WithJsonSchema, model_serializer, model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import Spec, field

_SIDE = r"([a-z][a-z0-9_]*)\.([^\W\d]\w*)"
RELATION_RE = re.compile(rf"^\s*{_SIDE}\s*->\s*{_SIDE}\s*$")


class Relation(Spec):
    """Each row of `from_dataset` matches at most one row of `to_dataset`."""

    doc_fr: ClassVar[str] = (
        "Chaque ligne du jeu « plusieurs » correspond à au plus une ligne du jeu « un »."
    )

    from_dataset: str = field(fr="Jeu de données « plusieurs ».", en="The 'many' dataset.")
    from_column: str = field(fr="Sa colonne de jointure.", en="Its join column.")
    to_dataset: str = field(fr="Jeu de données « un ».", en="The 'one' dataset.")
    to_column: str = field(fr="Sa colonne de jointure (sa clé).", en="Its join column (its key).")

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, dict) and set(data) == set(cls.model_fields):
            return data  # built from its fields, in Python
        if not isinstance(data, str):
            raise PydanticCustomError("relation_syntax", "bad relation", {"value": str(data)})
        match = RELATION_RE.match(data)
        if not match:
            raise PydanticCustomError("relation_syntax", "bad relation", {"value": data})
        a, b, c, d = match.groups()
        return {"from_dataset": a, "from_column": b, "to_dataset": c, "to_column": d}

    @model_serializer
    def _text(self) -> str:
        return str(self)

    def __str__(self) -> str:
        return f"{self.from_dataset}.{self.from_column} -> {self.to_dataset}.{self.to_column}"


RelationText = Annotated[
    Relation,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": RELATION_RE.pattern,
            "description": "'dataset.column -> other_dataset.column' (many-to-one join)",
            "x-description-fr": "« jeu.colonne -> autre_jeu.colonne » (jointure plusieurs-à-un)",
        }
    ),
]


def reachable(relations: list[Relation], start: str) -> set[str]:
    """Every dataset reachable from `start` by many-to-one relations (itself included)."""
    seen = {start}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for rel in relations:
            if rel.from_dataset == current and rel.to_dataset not in seen:
                seen.add(rel.to_dataset)
                queue.append(rel.to_dataset)
    return seen


def relation_path(relations: list[Relation], start: str, goal: str) -> list[Relation] | None:
    """The shortest chain of relations from `start` to `goal` ([] when they are equal)."""
    if start == goal:
        return []
    previous: dict[str, Relation] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        current = queue.popleft()
        for rel in relations:
            if rel.from_dataset != current or rel.to_dataset in seen:
                continue
            previous[rel.to_dataset] = rel
            seen.add(rel.to_dataset)
            if rel.to_dataset == goal:
                path = [rel]
                while path[0].from_dataset != start:
                    path.insert(0, previous[path[0].from_dataset])
                return path
            queue.append(rel.to_dataset)
    return None
