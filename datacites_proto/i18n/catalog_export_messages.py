"""Messages of `datacites catalog export` (DCAT-AP catalogue and ODRL agreements).

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "catalog_export_catalog_description": (
        "Les jeux de données du service « {title} », avec leur producteur, leur licence et "
        "leur niveau d'accès."
    ),
    "catalog_export_dataset_description": (
        "« {title} », jeu de données du service « {service} », produit par {producer}."
    ),
    "catalog_export_distribution_title": "{title} (CSV des lignes publiées)",
    "catalog_export_distribution_description": (
        "Les lignes de « {title} » que le service publie, au format CSV, à télécharger depuis "
        "sa page ; les colonnes personnelles n'y figurent jamais."
    ),
    "catalog_export_written": (
        "Catalogue écrit dans {path} : {datasets} {datasets:plural:jeu|jeux} de données, {policies} {policies:plural:convention|conventions}."
    ),
    "catalog_export_bad_base_uri": (
        "--base-uri « {value} » n'est pas une adresse http(s) sans paramètres ni ancre ; "
        "donnez l'adresse où le service est publié, par exemple "
        "https://donnees.ville.fr/coeur-de-ville/."
    ),
}

EN: dict[str, str] = {
    "catalog_export_catalog_description": (
        "The datasets of the service '{title}', with their producer, licence and access level."
    ),
    "catalog_export_dataset_description": (
        "'{title}', a dataset of the service '{service}', produced by {producer}."
    ),
    "catalog_export_distribution_title": "{title} (CSV of the published rows)",
    "catalog_export_distribution_description": (
        "The rows of '{title}' that the service publishes, as CSV, downloaded from its page; "
        "personal columns are never in it."
    ),
    "catalog_export_written": (
        "Catalogue written to {path}: {datasets} {datasets:plural:dataset|datasets}, {policies} {policies:plural:agreement|agreements}."
    ),
    "catalog_export_bad_base_uri": (
        "--base-uri '{value}' is not an http(s) address without query or fragment; give the "
        "address where the service is published, e.g. https://data.city.example/town-centre/."
    ),
}
