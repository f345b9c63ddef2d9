"""Messages of the maturity self-assessment: the store, the `assessment` view, and the CLI.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # Store
    "assessment_bad_key": (
        "Autodiagnostic : « {value} » n'est pas un {what} valable (1 à {limit} caractères)."
    ),
    "assessment_bad_level": "Autodiagnostic : le niveau {level} n'est pas un niveau de l'échelle.",
    "assessment_evidence_too_long": (
        "La note de preuve fait {length} caractères : {limit} au plus. Raccourcissez-la ou "
        "mettez un lien vers le document."
    ),
    "assessment_nothing_to_submit": (
        "L'édition {year} n'a encore aucune réponse : choisissez un niveau pour au moins une "
        "affirmation avant de la soumettre."
    ),
    "assessment_not_submitted": "L'édition {year} n'a pas encore été soumise.",
    "assessment_peer_duplicate": (
        "Deux résultats de pairs portent sur la même collectivité, le même questionnaire et "
        "la même année."
    ),
    # View: validation
    "assessment_on_public_page": (
        "La page « {page} » est publique, mais la vue {type} montre les réponses de l'équipe "
        "à l'autodiagnostic : mettez « access: team » sur cette page."
    ),
    "assessment_needs_territory": (
        "La vue {type} évalue la collectivité du service : ajoutez « service.territory » avec "
        'son nom et son code INSEE ou SIREN entre guillemets (ex. insee: "29233").'
    ),
    "assessment_questionnaire_invalid": (
        "Le questionnaire « {questionnaire} » ne peut pas être utilisé : {detail}"
    ),
    # View: rendering
    "assessment_team_only": "Cet autodiagnostic est réservé à l'équipe du service.",
    "assessment_intro": "Édition {year} · {collectivite}",
    "assessment_progress": "{answered} / {total} affirmations répondues",
    "assessment_saved_at": "Brouillon enregistré à {time}",
    "assessment_saved_on": "Brouillon enregistré le {date} à {time}",
    "assessment_not_saved_yet": "Aucune réponse pour l'instant : chaque choix est enregistré aussitôt.",
    "assessment_not_known": "Je ne sais pas / non renseigné",
    "assessment_evidence_label": "Élément de preuve (facultatif)",
    "assessment_evidence_default": "Délibération, document, lien…",
    "assessment_theme_progress": "{title} — {answered} / {total}",
    "assessment_submit": "Soumettre l'édition {year}",
    "assessment_submit_confirm": (
        "Soumettre l'édition {year} ? {answered} affirmations sur {total} sont renseignées. "
        "Une fois soumise, l'édition ne se modifie plus qu'en créant une nouvelle version."
    ),
    "assessment_submit_replaces": ("Cette version remplacera l'édition {year} soumise le {date}."),
    "assessment_confirm": "Confirmer la soumission",
    "assessment_cancel": "Annuler",
    "assessment_submitted": "Édition {year} soumise le {date} à {time} (version {version}).",
    "assessment_submitted_now": "L'édition {year} est soumise.",
    "assessment_reopen": "Modifier (nouvelle version de l'édition {year})",
    "assessment_new_version": (
        "Vous préparez une nouvelle version de l'édition {year} : l'édition soumise le {date} "
        "reste celle qui compte tant que celle-ci n'est pas soumise."
    ),
    "assessment_discard": "Abandonner ces modifications",
    "assessment_answer_level": "Réponse : {level}",
    "assessment_answer_none": "Réponse : non renseigné",
    "assessment_answer_evidence": "Preuve : {evidence}",
    "assessment_level_option": "{level} — {label}",
    "assessment_unavailable": "Le questionnaire ne peut pas être chargé : {detail}",
    "assessment_store_error": "Enregistrement impossible : {detail}",
    # CLI
    "cli_assessment_imported": (
        "{count} éditions de pairs importées depuis {path} (stockage : {url})."
    ),
    "cli_assessment_exported": "Édition {year} exportée dans {path}.",
    "cli_assessment_no_edition": (
        "Aucune réponse pour l'édition {year} du questionnaire « {questionnaire} » "
        "(collectivité {collectivite}) : rien à exporter."
    ),
    "cli_assessment_import_failed": (
        "Import refusé : {count} {errors} dans {path}, rien n'a été importé."
    ),
    "cli_assessment_no_view": (
        "Le blueprint n'a pas de vue « assessment » : ajoutez-en une, ou précisez --questionnaire."
    ),
    "assessment_import_at": "{path}, ligne {line} : {message}",
    "assessment_import_unreadable": "Fichier illisible ({detail}) : enregistrez-le en UTF-8.",
    "assessment_import_bad_format": (
        "Format inconnu « {suffix} » : importez un fichier .csv (séparé par « ; » ou « , ») "
        "ou .json."
    ),
    "assessment_import_bad_json": "JSON invalide ({detail}) : vérifiez les virgules et les guillemets.",
    "assessment_import_json_shape": (
        "Le JSON doit être une liste d'éditions, ou un objet avec une clé « editions » qui "
        "en contient la liste."
    ),
    "assessment_import_missing_columns": (
        "Colonnes manquantes : {columns}. L'en-tête attendu est : {expected}."
    ),
    "assessment_import_missing_field": "Le champ « {field} » est vide ou absent : renseignez-le.",
    "assessment_import_bad_code": (
        "Code de collectivité « {value} » invalide : 5 caractères INSEE (ex. 29233) ou "
        "9 chiffres SIREN."
    ),
    "assessment_import_bad_status": "Statut « {value} » inconnu : choisissez parmi {choices}.",
    "assessment_import_bad_integer": "« {value} » n'est pas un nombre entier pour « {field} ».",
    "assessment_import_bad_year": "Année {value} hors limites : écrivez une année entre {min} et {max}.",
    "assessment_import_bad_population": "Population {value} invalide : un nombre entier positif.",
    "assessment_import_bad_level": (
        "Niveau « {value} » invalide pour le thème « {theme} » : un nombre entre {min} et "
        "{max} (virgule ou point décimal)."
    ),
    "assessment_import_unknown_theme": (
        "Thème « {theme} » inconnu du questionnaire « {questionnaire} » : thèmes connus : "
        "{available}."
    ),
    "assessment_import_unknown_questionnaire": (
        "Questionnaire « {questionnaire} » inconnu : {detail}"
    ),
    "assessment_import_no_levels": "Aucun niveau de thème pour cette édition : renseignez au moins un thème.",
    "assessment_import_own_collectivite": (
        "La collectivité {code} est celle du projet : ses propres résultats viennent de "
        "l'autodiagnostic, pas d'un import de pairs. Retirez cette ligne."
    ),
    "assessment_import_duplicate": (
        "Doublon : la collectivité {code}, questionnaire « {questionnaire} », année {year} "
        "figure déjà ligne {first}. Gardez une seule ligne."
    ),
    "assessment_import_conflict": (
        "Ligne incohérente avec la ligne {first} pour la collectivité {code} : « {field} » "
        "y vaut « {before} », ici « {after} »."
    ),
    "assessment_import_empty": "Le fichier ne contient aucune édition.",
}

EN: dict[str, str] = {
    # Store
    "assessment_bad_key": "Self-assessment: '{value}' is not a valid {what} (1 to {limit} characters).",
    "assessment_bad_level": "Self-assessment: level {level} is not a level of the scale.",
    "assessment_evidence_too_long": (
        "The evidence note is {length} characters long: {limit} at most. Shorten it or link "
        "to the document."
    ),
    "assessment_nothing_to_submit": (
        "Edition {year} has no answer yet: choose a level for at least one statement before "
        "submitting it."
    ),
    "assessment_not_submitted": "Edition {year} has not been submitted yet.",
    "assessment_peer_duplicate": (
        "Two peer results are about the same collectivité, questionnaire and year."
    ),
    # View: validation
    "assessment_on_public_page": (
        "Page '{page}' is public, but the {type} view shows the team's self-assessment "
        "answers: put 'access: team' on this page."
    ),
    "assessment_needs_territory": (
        "The {type} view assesses the service's collectivité: add 'service.territory' with "
        'its name and its INSEE or SIREN code in quotes (e.g. insee: "29233").'
    ),
    "assessment_questionnaire_invalid": (
        "Questionnaire '{questionnaire}' cannot be used: {detail}"
    ),
    # View: rendering
    "assessment_team_only": "This self-assessment is for the service's team only.",
    "assessment_intro": "Edition {year} · {collectivite}",
    "assessment_progress": "{answered} / {total} statements answered",
    "assessment_saved_at": "Draft saved at {time}",
    "assessment_saved_on": "Draft saved on {date} at {time}",
    "assessment_not_saved_yet": "No answer yet: each choice is saved at once.",
    "assessment_not_known": "I don't know / not answered",
    "assessment_evidence_label": "Evidence (optional)",
    "assessment_evidence_default": "A decision, a document, a link…",
    "assessment_theme_progress": "{title} — {answered} / {total}",
    "assessment_submit": "Submit the {year} edition",
    "assessment_submit_confirm": (
        "Submit the {year} edition? {answered} of {total} statements are answered. Once "
        "submitted, the edition can only be changed by making a new version."
    ),
    "assessment_submit_replaces": "This version will replace the {year} edition submitted on {date}.",
    "assessment_confirm": "Confirm submission",
    "assessment_cancel": "Cancel",
    "assessment_submitted": "{year} edition submitted on {date} at {time} (version {version}).",
    "assessment_submitted_now": "The {year} edition is submitted.",
    "assessment_reopen": "Edit (new version of the {year} edition)",
    "assessment_new_version": (
        "You are preparing a new version of the {year} edition: the edition submitted on "
        "{date} stays the one that counts until this one is submitted."
    ),
    "assessment_discard": "Discard these changes",
    "assessment_answer_level": "Answer: {level}",
    "assessment_answer_none": "Answer: not answered",
    "assessment_answer_evidence": "Evidence: {evidence}",
    "assessment_level_option": "{level} — {label}",
    "assessment_unavailable": "The questionnaire cannot be loaded: {detail}",
    "assessment_store_error": "Cannot save: {detail}",
    # CLI
    "cli_assessment_imported": "{count} peer editions imported from {path} (store: {url}).",
    "cli_assessment_exported": "{year} edition exported to {path}.",
    "cli_assessment_no_edition": (
        "No answer for the {year} edition of questionnaire '{questionnaire}' (collectivité "
        "{collectivite}): nothing to export."
    ),
    "cli_assessment_import_failed": (
        "Import refused: {count} {errors} in {path}, nothing was imported."
    ),
    "cli_assessment_no_view": (
        "The blueprint has no 'assessment' view: add one, or give --questionnaire."
    ),
    "assessment_import_at": "{path}, line {line}: {message}",
    "assessment_import_unreadable": "Unreadable file ({detail}): save it as UTF-8.",
    "assessment_import_bad_format": (
        "Unknown format '{suffix}': import a .csv file (separated by ';' or ',') or a .json one."
    ),
    "assessment_import_bad_json": "Invalid JSON ({detail}): check the commas and quotes.",
    "assessment_import_json_shape": (
        "The JSON must be a list of editions, or an object whose 'editions' key holds that list."
    ),
    "assessment_import_missing_columns": "Missing columns: {columns}. The expected header is: {expected}.",
    "assessment_import_missing_field": "Field '{field}' is empty or missing: fill it in.",
    "assessment_import_bad_code": (
        "Invalid collectivité code '{value}': 5 INSEE characters (e.g. 29233) or 9 SIREN digits."
    ),
    "assessment_import_bad_status": "Unknown status '{value}': choose among {choices}.",
    "assessment_import_bad_integer": "'{value}' is not a whole number for '{field}'.",
    "assessment_import_bad_year": "Year {value} out of range: write a year between {min} and {max}.",
    "assessment_import_bad_population": "Invalid population {value}: a positive whole number.",
    "assessment_import_bad_level": (
        "Invalid level '{value}' for theme '{theme}': a number between {min} and {max} "
        "(decimal comma or point)."
    ),
    "assessment_import_unknown_theme": (
        "Theme '{theme}' is not in questionnaire '{questionnaire}': known themes: {available}."
    ),
    "assessment_import_unknown_questionnaire": "Unknown questionnaire '{questionnaire}': {detail}",
    "assessment_import_no_levels": "No theme level for this edition: fill in at least one theme.",
    "assessment_import_own_collectivite": (
        "Collectivité {code} is the project's own: its results come from the self-assessment, "
        "not from a peer import. Remove this line."
    ),
    "assessment_import_duplicate": (
        "Duplicate: collectivité {code}, questionnaire '{questionnaire}', year {year} is "
        "already on line {first}. Keep a single line."
    ),
    "assessment_import_conflict": (
        "Line inconsistent with line {first} for collectivité {code}: '{field}' is "
        "'{before}' there, '{after}' here."
    ),
    "assessment_import_empty": "The file holds no edition.",
}
