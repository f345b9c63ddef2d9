"""Messages of the maturity self-assessment's results: the `assessment_results` view, the
edition export and the peers files (CSV or JSON) read by the importer and the view.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # The view
    "assessment_results_title": "Résultats de l'auto-évaluation",
    "assessment_results_on_public_page": (
        "La page « {page} » est publique, mais la vue assessment_results montre les résultats "
        "de l'équipe : mettez « access: team » sur cette page, ou « public: true » sur la vue "
        "pour publier les niveaux par thème de la collectivité (jamais les réponses ni les "
        "justificatifs)."
    ),
    "assessment_results_questionnaire_invalid": (
        "Le questionnaire « {questionnaire} » ne peut pas être lu : {detail}"
    ),
    "assessment_results_peers_file_broken": (
        "Le fichier de collectivités comparées « {file} » ne peut pas être lu : seules les "
        "collectivités importées sont comparées. {detail}"
    ),
    "assessment_results_team_only": "Ces résultats sont réservés à l'équipe du service.",
    "assessment_results_no_territory": (
        "Indiquez la collectivité évaluée dans « service.territory » (nom et code INSEE ou "
        "SIREN) pour voir ses résultats."
    ),
    "assessment_results_none": (
        "Aucune édition n'a encore été soumise pour {name} : les résultats paraîtront ici "
        "dès la première."
    ),
    "assessment_results_edition": "Édition {year}, soumise le {date}.",
    "assessment_results_draft": (
        "Brouillon {year} : ces résultats ne sont pas définitifs tant que l'édition n'est pas "
        "soumise."
    ),
    "assessment_results_answered": "{answered} affirmations renseignées sur {total}.",
    "assessment_draft_label": "brouillon",
    "assessment_series_level": "Niveau atteint",
    "assessment_series_target": "Cible",
    "assessment_theme": "Thème",
    "assessment_level": "Niveau",
    "assessment_target": "Cible",
    "assessment_gap": "Écart à la cible",
    "assessment_radar_title": "Niveau par thème, comparé à la cible",
    "assessment_radar_alt": (
        "Radar des {count} thèmes de « {questionnaire} », sur une échelle de 1 à {top} : {parts}."
    ),
    "assessment_radar_alt_theme": "{theme} {level} (cible {target})",
    "assessment_not_answered": "non renseigné",
    "assessment_gap_title": "Écart à la cible par thème",
    "assessment_gap_alt": (
        "Barres de l'écart à la cible par thème, du plus grand au plus petit : {parts}. "
        "{below} thèmes sur {count} sont sous leur cible."
    ),
    "assessment_gap_alt_theme": "{theme} {gap}",
    "assessment_gap_caption": (
        "Un écart positif est la distance qui reste jusqu'à la cible ; un écart négatif, "
        "l'avance sur elle."
    ),
    "assessment_gap_none": "Aucun thème n'est encore renseigné.",
    "assessment_next_steps_title": "Prochaines étapes",
    "assessment_next_steps_intro": "Les recommandations des thèmes les plus éloignés de leur cible :",
    "assessment_next_steps_none": "Pas de recommandation : chaque thème renseigné atteint le plus haut niveau.",
    "assessment_trend_title": "Évolution d'une édition à l'autre",
    "assessment_trend_one": "Une seule édition pour l'instant : l'évolution paraîtra à la suivante.",
    "assessment_trend_alt": "Niveau par thème et par édition, de {first} à {last}.",
    "assessment_peers_title": "Comparaison avec des collectivités comparables",
    "assessment_peers_cell": "Collectivités de même statut ({status}) et de même taille ({band} habitants), édition {year}.",
    "assessment_peers_mean": "Moyenne des collectivités comparables",
    "assessment_peers_count": "Collectivités comparées",
    "assessment_peers_too_few": "pas assez de collectivités comparables",
    "assessment_peers_dominant": "pas assez de collectivités comparables",
    "assessment_peers_rule": (
        "Une moyenne n'est montrée que pour au moins 3 autres collectivités, dont aucune ne "
        "pèse plus de 85 % de la population du groupe ; aucune n'est nommée ni classée. "
        "Moyennes pondérées par la population."
    ),
    "assessment_peers_no_profile": (
        "Indiquez la population et le statut de la collectivité dans « service.territory » "
        "pour la comparer à des collectivités semblables."
    ),
    "assessment_peers_alt": "Votre niveau et la moyenne des collectivités comparables, thème par thème.",
    "assessment_peers_sample": "Les collectivités comparées comprennent des données fictives d'exemple ({file}).",
    "assessment_status_commune": "commune",
    "assessment_status_epci": "intercommunalité",
    "assessment_status_departement": "département",
    "assessment_status_region": "région",
    "assessment_status_autre": "autre",
    "assessment_export_title": "Exporter l'édition",
    "assessment_export_csv": "Niveaux par thème (CSV)",
    "assessment_export_json": "Édition complète (JSON)",
    "assessment_export_caption": (
        "Le CSV se partage avec un réseau ou une intercommunalité (niveaux par thème, au "
        "format de « datacites assessment import ») ; le JSON garde aussi les réponses et "
        "les justificatifs, pour l'équipe."
    ),
    # Peers files
    "assessment_file_not_found": "Le fichier de résultats « {path} » n'existe pas.",
    "assessment_file_unreadable": "Le fichier « {path} » ne peut pas être lu ({detail}) : enregistrez-le en UTF-8.",
    "assessment_file_suffix": "Extension « {suffix} » non reconnue : un fichier de résultats est un .csv ou un .json.",
    "assessment_file_empty": "Le fichier ne contient aucune édition.",
    "assessment_file_columns": (
        "Colonnes manquantes : {missing}. Un fichier de résultats a les colonnes {expected}."
    ),
    "assessment_file_bad_text": "Colonne « {column} » vide : elle attend un texte.",
    "assessment_file_bad_integer": "Valeur « {value} » invalide dans la colonne « {column} » : un nombre entier positif est attendu.",
    "assessment_file_bad_year": "Valeur « {value} » invalide dans la colonne « {column} » : une année sur 4 chiffres est attendue.",
    "assessment_file_bad_level": "Valeur « {value} » invalide dans la colonne « {column} » : un niveau entre 1 et 7 est attendu.",
    "assessment_file_bad_status": "Statut « {value} » inconnu : {allowed}.",
    "assessment_file_inconsistent": (
        "« {column} » vaut « {value} » ici mais « {first} » plus haut pour la même édition "
        "({collectivite}, {year})."
    ),
    "assessment_file_duplicate": "Le thème « {theme} » de {collectivite} ({year}) apparaît deux fois.",
    "assessment_file_json": "JSON invalide ({detail}).",
    "assessment_file_json_shape": (
        "Un fichier JSON de résultats contient une liste « editions » (ou une seule édition) "
        "d'objets avec {expected}."
    ),
}

EN: dict[str, str] = {
    # The view
    "assessment_results_title": "Self-assessment results",
    "assessment_results_on_public_page": (
        "Page '{page}' is public, but the assessment_results view shows the team's results: "
        "put 'access: team' on this page, or 'public: true' on the view to publish the "
        "collectivité's theme levels (never the answers nor the evidence)."
    ),
    "assessment_results_questionnaire_invalid": (
        "Questionnaire '{questionnaire}' cannot be read: {detail}"
    ),
    "assessment_results_peers_file_broken": (
        "The file of compared collectivités '{file}' cannot be read: only the imported "
        "collectivités are compared. {detail}"
    ),
    "assessment_results_team_only": "These results are for the service's team only.",
    "assessment_results_no_territory": (
        "Name the collectivité being assessed in 'service.territory' (name and INSEE or SIREN "
        "code) to see its results."
    ),
    "assessment_results_none": (
        "No edition has been submitted yet for {name}: the results will show here after the first."
    ),
    "assessment_results_edition": "Edition {year}, submitted on {date}.",
    "assessment_results_draft": (
        "Draft {year}: these results are not final until the edition is submitted."
    ),
    "assessment_results_answered": "{answered} of {total} statements answered.",
    "assessment_draft_label": "draft",
    "assessment_series_level": "Level reached",
    "assessment_series_target": "Target",
    "assessment_theme": "Theme",
    "assessment_level": "Level",
    "assessment_target": "Target",
    "assessment_gap": "Gap to target",
    "assessment_radar_title": "Level per theme, against the target",
    "assessment_radar_alt": (
        "Radar of the {count} themes of '{questionnaire}', on a scale from 1 to {top}: {parts}."
    ),
    "assessment_radar_alt_theme": "{theme} {level} (target {target})",
    "assessment_not_answered": "not answered",
    "assessment_gap_title": "Gap to target per theme",
    "assessment_gap_alt": (
        "Bars of the gap to target per theme, largest first: {parts}. "
        "{below} of {count} themes are below their target."
    ),
    "assessment_gap_alt_theme": "{theme} {gap}",
    "assessment_gap_caption": (
        "A positive gap is the distance left to the target; a negative gap, the lead over it."
    ),
    "assessment_gap_none": "No theme has been answered yet.",
    "assessment_next_steps_title": "Next steps",
    "assessment_next_steps_intro": "The recommendations of the themes furthest from their target:",
    "assessment_next_steps_none": "No recommendation: every answered theme is at the top level.",
    "assessment_trend_title": "Change from one edition to the next",
    "assessment_trend_one": "Only one edition so far: the change will show with the next one.",
    "assessment_trend_alt": "Level per theme and per edition, from {first} to {last}.",
    "assessment_peers_title": "Comparison with similar collectivités",
    "assessment_peers_cell": "Collectivités of the same status ({status}) and size ({band} inhabitants), edition {year}.",
    "assessment_peers_mean": "Mean of similar collectivités",
    "assessment_peers_count": "Collectivités compared",
    "assessment_peers_too_few": "not enough comparable collectivités",
    "assessment_peers_dominant": "not enough comparable collectivités",
    "assessment_peers_rule": (
        "A mean is shown only for at least 3 other collectivités, none of which weighs more "
        "than 85% of the group's population; none is named or ranked. Means weighted by "
        "population."
    ),
    "assessment_peers_no_profile": (
        "Give the collectivité's population and status in 'service.territory' to compare it "
        "with similar ones."
    ),
    "assessment_peers_alt": "Your level and the mean of similar collectivités, theme by theme.",
    "assessment_peers_sample": "The collectivités compared include fictitious sample data ({file}).",
    "assessment_status_commune": "commune",
    "assessment_status_epci": "intercommunality",
    "assessment_status_departement": "département",
    "assessment_status_region": "region",
    "assessment_status_autre": "other",
    "assessment_export_title": "Export the edition",
    "assessment_export_csv": "Levels per theme (CSV)",
    "assessment_export_json": "Whole edition (JSON)",
    "assessment_export_caption": (
        "The CSV is for sharing with a network or an intercommunality (levels per theme, in "
        "the format of 'datacites assessment import'); the JSON also keeps the answers and "
        "the evidence, for the team."
    ),
    # Peers files
    "assessment_file_not_found": "Results file '{path}' does not exist.",
    "assessment_file_unreadable": "File '{path}' cannot be read ({detail}): save it as UTF-8.",
    "assessment_file_suffix": "Unknown extension '{suffix}': a results file is a .csv or a .json.",
    "assessment_file_empty": "The file holds no edition.",
    "assessment_file_columns": (
        "Missing columns: {missing}. A results file has the columns {expected}."
    ),
    "assessment_file_bad_text": "Column '{column}' is empty: it expects a text.",
    "assessment_file_bad_integer": "Invalid value '{value}' in column '{column}': a positive whole number is expected.",
    "assessment_file_bad_year": "Invalid value '{value}' in column '{column}': a four-digit year is expected.",
    "assessment_file_bad_level": "Invalid value '{value}' in column '{column}': a level between 1 and 7 is expected.",
    "assessment_file_bad_status": "Unknown status '{value}': {allowed}.",
    "assessment_file_inconsistent": (
        "'{column}' is '{value}' here but '{first}' above for the same edition "
        "({collectivite}, {year})."
    ),
    "assessment_file_duplicate": "Theme '{theme}' of {collectivite} ({year}) appears twice.",
    "assessment_file_json": "Invalid JSON ({detail}).",
    "assessment_file_json_shape": (
        "A JSON results file holds a list 'editions' (or a single edition) of objects with "
        "{expected}."
    ),
}
