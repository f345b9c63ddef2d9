"""The registry of components (sources, views, map layers), filled from entry points.

Built-in components are declared in this package's own entry points, exactly like
plugins, so there is one path for both. The registry is an ordinary object passed to
validation in the pydantic context: nothing global is mutated.
"""

from __future__ import annotations

import builtins
import functools
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from datacites_proto.errors import CodedError

ENTRY_POINT_GROUPS: dict[str, str] = {
    "sources": "datacites.sources",
    "views": "datacites.views",
    "layers": "datacites.layers",
}
BUILTIN_DISTRIBUTION = "datacites-proto"


# The base class every component of a kind subclasses, as each base declares it in its
# `component_base` class flag: the registry sits below the kinds (ARCHITECTURE.md, layers)
# and checks the flag instead of importing the bases.
KIND_BASES: dict[str, str] = {
    "sources": "datacites_proto.Source",
    "views": "datacites_proto.View",
    "layers": "datacites_proto.Layer",
}


def _is_component_of(cls: Any, kind: str) -> bool:
    return (
        isinstance(cls, type)
        and getattr(cls, "component_base", None) == KIND_BASES[kind]
        and callable(getattr(cls, "type_tag", None))
    )


@dataclass(frozen=True)
class ComponentInfo:
    """One registered component, as `datacites components` lists it."""

    kind: str
    type: str
    cls: builtins.type[Any]  # `type` alone would name the field above
    distribution: str
    version: str

    @property
    def builtin(self) -> bool:
        return self.distribution == BUILTIN_DISTRIBUTION


class RegistryError(CodedError):
    """A plugin that cannot be used; the message names its distribution."""


class Registry:
    """Components by kind and tag."""

    def __init__(self) -> None:
        self._components: dict[str, dict[str, ComponentInfo]] = {k: {} for k in ENTRY_POINT_GROUPS}

    def register(
        self,
        kind: str,
        cls: Any,
        *,
        distribution: str = "(local)",
        version: str = "",
        name: str | None = None,
    ) -> ComponentInfo:
        """Add `cls` as a component of `kind`; refuse wrong classes and duplicate tags."""
        if kind not in ENTRY_POINT_GROUPS:
            raise RegistryError(
                "registry_unknown_kind", kind=kind, kinds=", ".join(ENTRY_POINT_GROUPS)
            )
        if not _is_component_of(cls, kind):
            raise RegistryError(
                "registry_not_subclass",
                distribution=distribution,
                name=name or getattr(cls, "__name__", repr(cls)),
                base=KIND_BASES[kind],
            )
        tag = cls.type_tag()
        if tag is None:
            raise RegistryError("registry_no_type", distribution=distribution, name=cls.__name__)
        if name is not None and name != tag:
            raise RegistryError(
                "registry_name_mismatch", distribution=distribution, name=name, type=tag
            )
        existing = self._components[kind].get(tag)
        if existing is not None:
            raise RegistryError(
                "registry_duplicate",
                kind=kind,
                type=tag,
                distribution=distribution,
                other=existing.distribution,
            )
        info = ComponentInfo(kind, tag, cls, distribution, version)
        self._components[kind][tag] = info
        return info

    def get(self, kind: str, tag: str) -> type[Any] | None:
        info = self._components.get(kind, {}).get(tag)
        return info.cls if info else None

    def info(self, kind: str, tag: str) -> ComponentInfo | None:
        return self._components.get(kind, {}).get(tag)

    def types(self, kind: str) -> list[str]:
        return sorted(self._components.get(kind, {}))

    def components(self, kind: str | None = None) -> list[ComponentInfo]:
        kinds = [kind] if kind else list(ENTRY_POINT_GROUPS)
        return [self._components[k][t] for k in kinds for t in sorted(self._components[k])]

    def load_entry_point(self, kind: str, ep: EntryPoint) -> ComponentInfo:
        """Import one entry point and register it; any failure names the distribution."""
        dist = ep.dist.name if ep.dist is not None else "(unknown distribution)"
        version = ep.dist.version if ep.dist is not None else ""
        try:
            cls = ep.load()
        except Exception as exc:  # a broken plugin must fail loudly, naming who shipped it
            raise RegistryError(
                "registry_import_failed",
                distribution=dist,
                name=ep.name,
                target=ep.value,
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc
        return self.register(kind, cls, distribution=dist, version=version, name=ep.name)

    @classmethod
    def from_entry_points(cls, groups: dict[str, str] | None = None) -> Registry:
        """A registry holding every installed component, built-ins included."""
        registry = cls()
        for kind, group in (groups or ENTRY_POINT_GROUPS).items():
            # Sorting makes the winner of a duplicate irrelevant: the error names both.
            found = sorted(
                entry_points(group=group), key=lambda e: (e.dist.name if e.dist else "", e.name)
            )
            for ep in found:
                registry.load_entry_point(kind, ep)
        if not registry.types("sources"):
            raise RegistryError("registry_not_installed")
        return registry

    @classmethod
    def builtin(cls) -> Registry:
        """Only this package's components, whatever else is installed."""
        registry = cls()
        for kind, group in ENTRY_POINT_GROUPS.items():
            for ep in sorted(entry_points(group=group), key=lambda e: e.name):
                if ep.dist is not None and ep.dist.name == BUILTIN_DISTRIBUTION:
                    registry.load_entry_point(kind, ep)
        return registry


@functools.cache
def default_registry() -> Registry:
    """The registry of installed components, built once per process."""
    return Registry.from_entry_points()
