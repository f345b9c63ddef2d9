"""Messages of the `catalog` view (« À propos des données »): dataset cards, freshness, coverage.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "catalog_title": "Les jeux de données",
    "catalog_empty": "Aucun jeu de données à présenter sur cette page.",
    "catalog_duplicate_dataset": "Le jeu « {dataset} » est listé deux fois dans ce catalogue.",
    "catalog_fact": "**{name}** : {value}",
    "catalog_producer": "Producteur",
    "catalog_producer_unknown": "non indiqué",
    "catalog_licence": "Licence",
    "catalog_licence_link": "{licence} (texte officiel sur {site})",
    "catalog_access": "Accès",
    "catalog_access_open": "données ouvertes : chacun peut les consulter ligne à ligne et les télécharger.",
    "catalog_access_shared": (
        "données partagées par convention : seuls des totaux portant sur au moins {size} "
        "unités sont publiés, jamais les lignes."
    ),
    "catalog_access_restricted": "données réservées à l'équipe du service : jamais montrées au public.",
    "catalog_updated": "Dernière mise à jour",
    "catalog_updated_unknown": "non indiquée",
    "catalog_frequency": "Rythme de mise à jour",
    "catalog_frequency_daily": "quotidien",
    "catalog_frequency_weekly": "hebdomadaire",
    "catalog_frequency_monthly": "mensuel",
    "catalog_frequency_quarterly": "trimestriel",
    "catalog_frequency_yearly": "annuel",
    "catalog_frequency_irregular": "irrégulier",
    "catalog_late": (
        "En retard : la mise à jour était attendue le {due} ; elle a {days} jours de retard."
    ),
    "catalog_on_time": "À jour : prochaine mise à jour attendue le {due}.",
    "catalog_coverage": "Couverture",
    "catalog_territory": "Territoire du service : {name}",
    "catalog_territory_code": "{name} (code INSEE {code})",
    "catalog_communes": "{count} communes (colonne « {column} »)",
    "catalog_communes_one": "1 commune (colonne « {column} »)",
    "catalog_bbox": ("Emprise : longitude de {west} à {east}, latitude de {south} à {north}"),
    "catalog_period": "{column} : du {start} au {end}",
    "catalog_coverage_unknown": "La couverture n'a pas pu être calculée à partir des données.",
    "catalog_columns": "Dictionnaire des colonnes",
    "catalog_columns_caption": "Colonnes du jeu « {title} »",
    "catalog_col_name": "Colonne",
    "catalog_col_label": "Libellé",
    "catalog_col_type": "Type",
    "catalog_col_unit": "Unité",
    "catalog_col_description": "Description",
    "catalog_personal_withheld": (
        "{count} colonne(s) contiennent des données personnelles : elles existent mais ne "
        "sont jamais montrées."
    ),
    "catalog_personal_team": (
        "Colonnes de données personnelles, jamais montrées telles quelles : {columns}."
    ),
    "catalog_personal_mark": "donnée personnelle",
    "catalog_type_string": "texte",
    "catalog_type_integer": "nombre entier",
    "catalog_type_number": "nombre",
    "catalog_type_boolean": "oui/non",
    "catalog_type_date": "date",
    "catalog_type_datetime": "date et heure",
    "catalog_type_geometry": "géométrie",
    "catalog_type_unknown": "non détecté",
    "catalog_agreement": "Convention de partage",
    "catalog_parties": "Parties",
    "catalog_party": "{name} ({role})",
    "catalog_party_siren": "{name} (SIREN {siren}, {role})",
    "catalog_role_producer": "fournit les données",
    "catalog_role_user": "utilise les données",
    "catalog_role_intermediary": "intermédiaire",
    "catalog_purpose": "Objet",
    "catalog_dates": "Durée",
    "catalog_dates_range": "du {start} au {end}",
    "catalog_dates_open": "depuis le {start}, sans date de fin",
    "catalog_threshold": "Seuil de confidentialité",
    "catalog_threshold_value": "aucun total portant sur moins de {size} unités n'est publié",
    "catalog_publication": "Publication des agrégats",
    "catalog_publication_yes": "autorisée",
    "catalog_publication_no": "non autorisée",
    "catalog_agreement_unreadable": "Le fichier de la convention n'a pas pu être lu.",
    "catalog_agreement_expired": (
        "La convention de partage a pris fin le {date} : ces données ne sont plus montrées "
        "au public."
    ),
    "catalog_agreement_expired_team": (
        "La convention de partage a pris fin le {date} : le public ne voit plus ces données."
    ),
    "catalog_withheld": "Données retenues : {reason}",
    "catalog_download": "Télécharger « {title} » (CSV)",
    "catalog_download_help": (
        "Les lignes telles que le service les montre, sans colonne de données personnelles."
    ),
}

EN: dict[str, str] = {
    "catalog_title": "The datasets",
    "catalog_empty": "No dataset to present on this page.",
    "catalog_duplicate_dataset": "The dataset '{dataset}' is listed twice in this catalogue.",
    "catalog_fact": "**{name}**: {value}",
    "catalog_producer": "Producer",
    "catalog_producer_unknown": "not given",
    "catalog_licence": "Licence",
    "catalog_licence_link": "{licence} (official text on {site})",
    "catalog_access": "Access",
    "catalog_access_open": "open data: anyone may see its rows and download them.",
    "catalog_access_shared": (
        "data shared under an agreement: only totals over at least {size} units are "
        "published, never the rows."
    ),
    "catalog_access_restricted": "data reserved to the service's team: never shown to the public.",
    "catalog_updated": "Last update",
    "catalog_updated_unknown": "not given",
    "catalog_frequency": "Update rhythm",
    "catalog_frequency_daily": "daily",
    "catalog_frequency_weekly": "weekly",
    "catalog_frequency_monthly": "monthly",
    "catalog_frequency_quarterly": "quarterly",
    "catalog_frequency_yearly": "yearly",
    "catalog_frequency_irregular": "irregular",
    "catalog_late": "Late: the update was expected on {due}; it is {days} days late.",
    "catalog_on_time": "Up to date: next update expected on {due}.",
    "catalog_coverage": "Coverage",
    "catalog_territory": "Territory of the service: {name}",
    "catalog_territory_code": "{name} (INSEE code {code})",
    "catalog_communes": "{count} communes (column '{column}')",
    "catalog_communes_one": "1 commune (column '{column}')",
    "catalog_bbox": "Extent: longitude from {west} to {east}, latitude from {south} to {north}",
    "catalog_period": "{column}: from {start} to {end}",
    "catalog_coverage_unknown": "The coverage could not be computed from the data.",
    "catalog_columns": "Column dictionary",
    "catalog_columns_caption": "Columns of the dataset '{title}'",
    "catalog_col_name": "Column",
    "catalog_col_label": "Label",
    "catalog_col_type": "Type",
    "catalog_col_unit": "Unit",
    "catalog_col_description": "Description",
    "catalog_personal_withheld": (
        "{count} column(s) hold personal data: they exist but are never shown."
    ),
    "catalog_personal_team": "Columns holding personal data, never shown raw: {columns}.",
    "catalog_personal_mark": "personal data",
    "catalog_type_string": "text",
    "catalog_type_integer": "whole number",
    "catalog_type_number": "number",
    "catalog_type_boolean": "yes/no",
    "catalog_type_date": "date",
    "catalog_type_datetime": "date and time",
    "catalog_type_geometry": "geometry",
    "catalog_type_unknown": "not detected",
    "catalog_agreement": "Data-sharing agreement",
    "catalog_parties": "Parties",
    "catalog_party": "{name} ({role})",
    "catalog_party_siren": "{name} (SIREN {siren}, {role})",
    "catalog_role_producer": "provides the data",
    "catalog_role_user": "uses the data",
    "catalog_role_intermediary": "intermediary",
    "catalog_purpose": "Purpose",
    "catalog_dates": "Term",
    "catalog_dates_range": "from {start} to {end}",
    "catalog_dates_open": "since {start}, with no end date",
    "catalog_threshold": "Confidentiality threshold",
    "catalog_threshold_value": "no total over fewer than {size} units is published",
    "catalog_publication": "Publication of aggregates",
    "catalog_publication_yes": "allowed",
    "catalog_publication_no": "not allowed",
    "catalog_agreement_unreadable": "The agreement's file could not be read.",
    "catalog_agreement_expired": (
        "The data-sharing agreement ended on {date}: this data is no longer shown to the public."
    ),
    "catalog_agreement_expired_team": (
        "The data-sharing agreement ended on {date}: the public no longer sees this data."
    ),
    "catalog_withheld": "Data withheld: {reason}",
    "catalog_download": "Download '{title}' (CSV)",
    "catalog_download_help": "The rows as the service shows them, without personal columns.",
}
