"""Page icons: Material Symbols names, and the emoji a blueprint may still write.

Streamlit bundles the Material Symbols font, so `:material/home:` shows on every
machine; an emoji needs a system emoji font and is an empty box without one. A
blueprint may keep writing emoji: the app shows the Material Symbol that stands for it
(`EMOJI_ICONS`), or `DEFAULT_ICON` for an emoji with no known equivalent.
`material_icons.txt` lists the names Streamlit 1.67 knows (it refuses any other name);
a test compares it with Streamlit's own list.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

MATERIAL_RE = re.compile(r"^:material/([a-z0-9_]+):$")
DEFAULT_ICON = ":material/article:"
APP_ICON = ":material/location_city:"  # the browser tab's icon

# Emoji -> Material Symbol, keyed without the variation selector (U+FE0F) that makes
# « ℹ » show as an emoji: `ℹ️` and `ℹ` are the same icon.
EMOJI_ICONS: dict[str, str] = {
    # People and moving around
    "🚶": "directions_walk",
    "🚴": "directions_bike",
    "🚲": "pedal_bike",
    "🛴": "electric_scooter",
    "🚗": "directions_car",
    "🚙": "directions_car",
    "🚕": "local_taxi",
    "🚌": "directions_bus",
    "🚆": "train",
    "🚇": "subway",
    "🚋": "tram",
    "🅿": "local_parking",
    "🚦": "traffic",
    "♿": "accessible",
    "👥": "group",
    "👤": "person",
    # Places
    "🏠": "home",
    "🏡": "cottage",
    "🏘": "holiday_village",
    "🏢": "apartment",
    "🏙": "location_city",
    "🏛": "account_balance",
    "🏪": "storefront",
    "🏬": "local_mall",
    "🛒": "shopping_cart",
    "🏫": "school",
    "🏥": "local_hospital",
    "🏗": "construction",
    "🌳": "park",
    "🌲": "forest",
    "🌱": "eco",
    "📍": "location_on",
    "🗺": "map",
    "🧭": "explore",
    # Energy, climate, waste
    "🔌": "ev_station",
    "⚡": "bolt",
    "💡": "lightbulb",
    "🌡": "thermostat",
    "🔥": "local_fire_department",
    "❄": "ac_unit",
    "☀": "light_mode",
    "💧": "water_drop",
    "🌊": "water",
    "♻": "recycling",
    "🗑": "delete",
    # Data and documents
    "📊": "bar_chart",
    "📈": "trending_up",
    "📉": "trending_down",
    "📋": "list_alt",
    "📄": "description",
    "📝": "edit_note",
    "📁": "folder",
    "📂": "folder_open",
    "📅": "calendar_month",
    "📆": "calendar_month",
    "🗓": "calendar_month",
    "⏱": "timer",
    "⏰": "alarm",
    "⏳": "hourglass_empty",
    "🔎": "search",
    "🔍": "search",
    "🏷": "sell",
    "⬇": "download",
    "📥": "download",
    "📤": "upload",
    "🔗": "link",
    "🧪": "science",
    "🔬": "biotech",
    "🎯": "target",
    "🏁": "flag",
    "🚩": "flag",
    "💶": "euro",
    "💰": "savings",
    "📣": "campaign",
    "📢": "campaign",
    "📰": "newspaper",
    # Talking to people
    "ℹ": "info",
    "💬": "chat",
    "🗨": "chat",
    "🗣": "record_voice_over",
    "✉": "mail",
    "📧": "mail",
    "📞": "call",
    "❓": "help",
    "⭐": "star",
    "👍": "thumb_up",
    "❤": "favorite",
    # Team and safety
    "🔑": "key",
    "🔒": "lock",
    "🔐": "lock",
    "🛠": "build",
    "⚙": "settings",
    "⚠": "warning",
    "✅": "check_circle",
    "🚧": "construction",
}


@cache
def material_names() -> frozenset[str]:
    """The Material Symbols names Streamlit accepts (shipped list)."""
    text = resources.files(__package__).joinpath("material_icons.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _bare(emoji: str) -> str:
    return emoji.strip().replace("\ufe0f", "")


def material_name(icon: str) -> str | None:
    """`home` for `:material/home:`; None when the text is not written that way."""
    match = MATERIAL_RE.match(icon.strip())
    return match.group(1) if match else None


def looks_material(icon: str) -> bool:
    """True when the icon is meant as a Material name (even misspelt)."""
    return icon.strip().lower().startswith(":material")


def emoji_icon(emoji: str) -> str | None:
    """The Material Symbol standing for an emoji, or None when none is known."""
    name = EMOJI_ICONS.get(_bare(emoji))
    return f":material/{name}:" if name else None


def page_icon(icon: str | None) -> str | None:
    """What the app shows for a page's `icon`: always a Material Symbol Streamlit knows
    (the emoji's equivalent, or DEFAULT_ICON), None when the page has no icon."""
    if icon is None or not icon.strip():
        return None
    name = material_name(icon)
    if name is not None:
        return f":material/{name}:" if name in material_names() else DEFAULT_ICON
    if looks_material(icon):
        return DEFAULT_ICON
    return emoji_icon(icon) or DEFAULT_ICON
