"""Messages for small-group protection of shared datasets on public pages (merged values, snapped ranges, rows set aside).

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "protection_split_not_public": (
        "Le jeu « {dataset} » n'est montré au public qu'en groupes d'au moins le seuil, "
        "découpés comme ses pages publiques le font : « {name} » n'y est ni un filtre ni un "
        "découpage. Ajoutez-le à une page publique ou demandez ce résultat pour l'équipe."
    ),
    "protection_free_cells_refused": (
        "Le jeu « {dataset} » (shared) ne peut pas être montré au public en hexagones ou en "
        "carte de chaleur : ces cellules suivent l'étendue de la carte et permettraient de "
        "retrouver des groupes trop petits par différence. Utilisez une choroplèthe sur un "
        "découpage fixe (IRIS, communes) ou une page d'équipe."
    ),
    "protection_free_cells_on_public_page": (
        "Le calque « {layer} » agrège le jeu « {dataset} » (shared) en cellules qui suivent "
        "l'étendue de la carte : sur une page publique, deux cellules qui se recouvrent "
        "révéleraient des groupes de moins de {size} par différence. Utilisez une "
        "choroplèthe sur un découpage fixe, ou passez la page en « access: team »."
    ),
    "protection_large_share": (
        "Protection des petits effectifs : {rows} lignes du jeu « {dataset} » sur {total} "
        "({share}) ne sont pas comptées sur les pages publiques, car elles formeraient des "
        "groupes de moins de {size}. Ce qui découpe le plus : {causes}. Retirez des filtres "
        "ou des découpages des pages publiques, ou regroupez leurs valeurs."
    ),
    "protection_note_rows": (
        "{rows} lignes ({share}) du jeu « {dataset} » ne sont pas comptées sur les pages "
        "publiques : elles formeraient des groupes de moins de {size}."
    ),
    "protection_note_kpi": "Hors {rows} lignes écartées pour protéger les petits effectifs.",
    "protection_note_kpi_one": "Hors 1 ligne écartée pour protéger les petits effectifs.",
    "protection_note_grain_month": "Période arrondie au mois pour protéger les petits effectifs.",
    "protection_note_grain_year": "Période arrondie à l'année pour protéger les petits effectifs.",
    "protection_note_merged": (
        "Valeurs rares regroupées dans « autres (regroupées) » pour protéger les petits "
        "effectifs : {values}."
    ),
    "protection_note_bins": (
        "Intervalles fixes pour protéger les petits effectifs : {column} de {low} à {high}, "
        "par pas de {step}."
    ),
}

EN: dict[str, str] = {
    "protection_split_not_public": (
        "The dataset '{dataset}' is shown to the public only in groups of at least the "
        "threshold, split as its public pages split it: '{name}' is neither a filter nor a "
        "breakdown there. Add it to a public page or ask for this result as the team."
    ),
    "protection_free_cells_refused": (
        "The dataset '{dataset}' (shared) cannot be shown to the public as hexagons or a "
        "heatmap: their cells follow the map's extent and would let small groups be "
        "recomputed by differencing. Use a choropleth on fixed areas (IRIS, communes) or a "
        "team page."
    ),
    "protection_free_cells_on_public_page": (
        "The layer '{layer}' aggregates the dataset '{dataset}' (shared) in cells that follow "
        "the map's extent: on a public page, two overlapping cells would reveal groups of "
        "fewer than {size} by differencing. Use a choropleth on fixed areas, or set the page "
        "to 'access: team'."
    ),
    "protection_large_share": (
        "Small-group protection: {rows} rows of the dataset '{dataset}' out of {total} "
        "({share}) are not counted on public pages, because they would form groups of fewer "
        "than {size}. What splits most: {causes}. Remove filters or breakdowns from public "
        "pages, or group their values."
    ),
    "protection_note_rows": (
        "{rows} rows ({share}) of the dataset '{dataset}' are not counted on public pages: "
        "they would form groups of fewer than {size}."
    ),
    "protection_note_kpi": "Excluding {rows} rows set aside to protect small groups.",
    "protection_note_kpi_one": "Excluding 1 row set aside to protect small groups.",
    "protection_note_grain_month": "Period rounded to the month to protect small groups.",
    "protection_note_grain_year": "Period rounded to the year to protect small groups.",
    "protection_note_merged": (
        "Rare values grouped under « autres (regroupées) » (others, grouped) to protect small "
        "groups: {values}."
    ),
    "protection_note_bins": (
        "Fixed intervals to protect small groups: {column} from {low} to {high}, in steps of "
        "{step}."
    ),
}
