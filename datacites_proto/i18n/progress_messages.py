"""Messages of long work shown while it runs (CLI progress bar, app status box), of Ctrl-C, and of the rollup threshold.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "rollup_threshold_invalid": "« {value} » n'est pas un seuil de pré-calcul : indiquez un nombre de lignes (1 ou plus, par exemple 500000) ou « never » pour ne jamais pré-calculer ce jeu.",
    "progress_datasets": "Chargement des données",
    "progress_loading": "Lecture et vérification de « {dataset} »",
    "progress_download": "Téléchargement de {url}",
    "progress_rollup": "Pré-calcul des agrégats de « {dataset} » ({rows} lignes)",
    "progress_app_loading": "Chargement des données, une seule fois pour tous les visiteurs…",
    "progress_app_done": "Données chargées",
    "cli_interrupted": "Interrompu. Rien d'inachevé n'est gardé : les tables en cours de chargement et les téléchargements partiels sont effacés, et la prochaine commande reprendra au début.",
}

EN: dict[str, str] = {
    "rollup_threshold_invalid": "'{value}' is not a rollup threshold: write a number of rows (1 or more, e.g. 500000) or 'never' to keep no pre-aggregated table for it.",
    "progress_datasets": "Loading the data",
    "progress_loading": "Reading and checking '{dataset}'",
    "progress_download": "Downloading {url}",
    "progress_rollup": "Pre-aggregating '{dataset}' ({rows} rows)",
    "progress_app_loading": "Loading the data, once for every visitor…",
    "progress_app_done": "Data loaded",
    "cli_interrupted": "Interrupted. Nothing unfinished is kept: tables being loaded and partial downloads are deleted, and the next command starts again from the beginning.",
}
