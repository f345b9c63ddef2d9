"""Page icons: a Material name Streamlit knows, or an emoji with a known equivalent."""

from __future__ import annotations

from datacites_proto.blueprint.checks.context import CheckContext
from datacites_proto.blueprint.icons import (
    DEFAULT_ICON,
    emoji_icon,
    looks_material,
    material_name,
    material_names,
)
from datacites_proto.suggest import close_matches


def check(ctx: CheckContext) -> None:
    """A misspelt Material name is an error (Streamlit would refuse it); an emoji with no
    known Material equivalent is a warning (the menu shows the default icon)."""
    for p, page in enumerate(ctx.blueprint.pages):
        icon = page.icon
        if icon is None or not icon.strip():
            continue
        loc = ("pages", p, "icon")
        name = material_name(icon)
        if name is not None:
            if name not in material_names():
                ctx.error(
                    "icon_unknown_material",
                    loc,
                    params={"name": name},
                    suggestions=tuple(
                        f":material/{n}:" for n in close_matches(name, sorted(material_names()))
                    ),
                )
        elif looks_material(icon):
            ctx.error("icon_bad_material", loc, params={"icon": icon})
        elif emoji_icon(icon) is None:
            ctx.warn("icon_unknown_emoji", loc, params={"icon": icon, "default": DEFAULT_ICON})
