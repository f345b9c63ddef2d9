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
        "L'édition {year} du questionnaire « {questionnaire} » (collectivité {collectivite}) "
        "n'a pas été soumise : soumettez-la depuis la page d'autodiagnostic, puis exportez-la."
    ),
    "cli_assessment_no_view": (
        "Le blueprint n'a pas de vue « assessment » : ajoutez-en une, ou précisez --questionnaire."
    ),
    "assessment_import_bad_level": (
        "Niveau « {value} » invalide pour le thème « {theme} » : un nombre entre {min} et "
        "{max} (virgule ou point décimal)."
    ),
    "assessment_import_unknown_theme": (
        "Thème « {theme} » inconnu du questionnaire « {questionnaire} » : thèmes connus : "
        "{available}."
    ),
    "assessment_import_unknown_questionnaire": (
        "Questionnaire « {questionnaire} » inconnu de ce projet : questionnaires connus : "
        "{available}. Corrigez le questionnaire de cette édition ou ajoutez ce questionnaire au "
        "projet."
    ),
    "assessment_import_own_collectivite": (
        "La collectivité {code} est celle du projet : ses propres résultats viennent de "
        "l'autodiagnostic, pas d'un import de pairs. Retirez cette ligne."
    ),
    # CLI help
    "cli_help_assessment": (
        "Importer les résultats d'autodiagnostic d'autres collectivités, exporter l'édition "
        "de l'équipe."
    ),
    "cli_help_assessment_import": (
        "Vérifier en entier un fichier d'éditions d'autres collectivités, puis les enregistrer "
        "toutes (ou aucune)."
    ),
    "cli_help_assessment_import__file": (
        "Fichier CSV (séparé par « ; » ou « , ») ou JSON des éditions d'autres collectivités."
    ),
    "cli_help_assessment_import__project": "Fichier blueprint ou dossier du projet.",
    "cli_help_assessment_export": (
        "Écrire l'édition soumise de l'équipe : niveaux par thème (CSV), ou niveaux, réponses "
        "et éléments de preuve (JSON)."
    ),
    "cli_help_assessment_export__path": "Fichier blueprint ou dossier du projet.",
    "cli_help_assessment_export__year": "L'année de l'édition.",
    "cli_help_assessment_export__output_format": "csv ou json.",
    "cli_help_assessment_export__answers": (
        "CSV : une ligne par affirmation, avec son élément de preuve."
    ),
    "cli_help_assessment_export__questionnaire": (
        "Son nom ou son chemin ; par défaut, celui du blueprint."
    ),
    "cli_help_assessment_export__output": "Écrire dans ce fichier plutôt qu'à l'écran.",
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
        "The {year} edition of questionnaire '{questionnaire}' (collectivité {collectivite}) "
        "has not been submitted: submit it from the self-assessment page, then export it."
    ),
    "cli_assessment_no_view": (
        "The blueprint has no 'assessment' view: add one, or give --questionnaire."
    ),
    "assessment_import_bad_level": (
        "Invalid level '{value}' for theme '{theme}': a number between {min} and {max} "
        "(decimal comma or point)."
    ),
    "assessment_import_unknown_theme": (
        "Theme '{theme}' is not in questionnaire '{questionnaire}': known themes: {available}."
    ),
    "assessment_import_unknown_questionnaire": (
        "Questionnaire '{questionnaire}' is unknown to this project: known questionnaires: "
        "{available}. Fix this edition's questionnaire or add this questionnaire to the project."
    ),
    "assessment_import_own_collectivite": (
        "Collectivité {code} is the project's own: its results come from the self-assessment, "
        "not from a peer import. Remove this line."
    ),
    # CLI help
    "cli_help_assessment": "Import peers' self-assessment results, export the team's edition.",
    "cli_help_assessment_import": (
        "Check a file of peers' editions whole, then store them all (or none)."
    ),
    "cli_help_assessment_import__file": (
        "CSV (separated by ';' or ',') or JSON file of other collectivités' editions."
    ),
    "cli_help_assessment_import__project": "Blueprint file or project folder.",
    "cli_help_assessment_export": (
        "Write the team's submitted edition: theme levels (CSV), or levels, answers and "
        "evidence (JSON)."
    ),
    "cli_help_assessment_export__path": "Blueprint file or project folder.",
    "cli_help_assessment_export__year": "The edition's year.",
    "cli_help_assessment_export__output_format": "csv or json.",
    "cli_help_assessment_export__answers": "CSV: one row per affirmation with its evidence.",
    "cli_help_assessment_export__questionnaire": "Its name or path; default: the blueprint's.",
    "cli_help_assessment_export__output": "Write to this file instead of the screen.",
}
