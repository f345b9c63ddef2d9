"""Messages for page icons (Material Symbols) and map basemaps, notices and size legends.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "icon_unknown_material": (
        "« {name} » n'est pas une icône Material Symbols connue : choisissez un nom de "
        "https://fonts.google.com/icons, écrit « :material/nom: »."
    ),
    "icon_bad_material": (
        "Icône « {icon} » mal écrite : une icône Material s'écrit « :material/nom: », en "
        "minuscules, chiffres et « _ » (par exemple « :material/home: »)."
    ),
    "icon_unknown_emoji": (
        "L'émoji « {icon} » n'a pas d'équivalent Material connu : le menu montrera l'icône "
        "« {default} ». Écrivez plutôt un nom Material Symbols, par exemple "
        "« :material/home: » (liste : https://fonts.google.com/icons)."
    ),
    "yaml_icon_needs_quotes": (
        'Une icône Material s\'écrit entre guillemets : icon: ":material/home:" (sans '
        "guillemets, YAML lit le dernier « : » comme celui d'une clé)."
    ),
    "basemap_bad": (
        "Fond de carte « {value} » non reconnu : écrivez ign (Plan IGN), osm (OpenStreetMap), "
        "none (aucun) ou l'adresse http(s) de tuiles avec {{z}}, {{x}} et {{y}}."
    ),
    "app_map_basemap_ign": "Plan IGN",
    "app_map_basemap_osm": "OpenStreetMap",
    "app_map_basemap_custom": "tuiles de {host}",
    "app_map_basemap_credit": "Fond de carte : {name} ({attribution}).",
    "app_map_basemap_credit_plain": "Fond de carte : {name}.",
    "app_map_basemap_offline": (
        "Le fond de carte n'a pas pu être chargé ({name} ne répond pas depuis ce serveur) : "
        "les données restent affichées, sans le plan dessous."
    ),
    "app_map_outline": "contour du territoire",
    "app_map_size_legend": "Taille des points : {label}",
    "app_map_size_legend_alt": "Cercles de la légende : {values}.",
}

EN: dict[str, str] = {
    "icon_unknown_material": (
        "'{name}' is not a known Material Symbols icon: choose a name from "
        "https://fonts.google.com/icons, written ':material/name:'."
    ),
    "icon_bad_material": (
        "Icon '{icon}' is badly written: a Material icon is written ':material/name:', in "
        "lower-case letters, digits and '_' (for example ':material/home:')."
    ),
    "icon_unknown_emoji": (
        "The emoji '{icon}' has no known Material equivalent: the menu will show the icon "
        "'{default}'. Write a Material Symbols name instead, for example ':material/home:' "
        "(list: https://fonts.google.com/icons)."
    ),
    "yaml_icon_needs_quotes": (
        'A Material icon is written in quotes: icon: ":material/home:" (without quotes, '
        "YAML reads the last ':' as a key's)."
    ),
    "basemap_bad": (
        "Unknown basemap '{value}': write ign (Plan IGN), osm (OpenStreetMap), none, or the "
        "http(s) address of tiles with {{z}}, {{x}} and {{y}}."
    ),
    "app_map_basemap_ign": "Plan IGN",
    "app_map_basemap_osm": "OpenStreetMap",
    "app_map_basemap_custom": "tiles from {host}",
    "app_map_basemap_credit": "Basemap: {name} ({attribution}).",
    "app_map_basemap_credit_plain": "Basemap: {name}.",
    "app_map_basemap_offline": (
        "The basemap could not be loaded ({name} does not answer from this server): the "
        "data are still shown, without the map beneath."
    ),
    "app_map_outline": "outline of the territory",
    "app_map_size_legend": "Dot size: {label}",
    "app_map_size_legend_alt": "Legend circles: {values}.",
}
