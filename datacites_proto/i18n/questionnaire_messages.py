"""Messages for questionnaire files (self-assessment): their format and where to find them.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "questionnaire_empty": (
        "Le questionnaire est vide : commencez par « questionnaire: 1 », puis « id: », "
        "« title: », « scale: » et « themes: »."
    ),
    "questionnaire_not_mapping": (
        "Un questionnaire est un dictionnaire de clés (questionnaire, id, title, scale, "
        "themes), pas une liste ni un texte."
    ),
    "questionnaire_version": (
        "Version de questionnaire « {version} » inconnue : écrivez « questionnaire: 1 »."
    ),
    "bad_questionnaire_id": (
        "Identifiant « {value} » non valable : minuscules sans accent, chiffres, « - » et "
        "« _ », en commençant par une lettre (ex. maturite-numerique)."
    ),
    "questionnaire_scale_size": (
        "L'échelle compte {count} {count:plural:niveau|niveaux} : il en faut de {min} à {max}. "
        "Ajoutez ou retirez des niveaux."
    ),
    "questionnaire_scale_not_consecutive": (
        "Niveau « {value} » inattendu : les niveaux se suivent depuis 1 sans trou, celui-ci "
        "doit être le {expected}. Renumérotez l'échelle 1, 2, 3…"
    ),
    "questionnaire_no_theme": "Le questionnaire n'a aucun thème : ajoutez-en au moins un.",
    "questionnaire_duplicate_theme": (
        "Deux thèmes ont l'identifiant « {id} » (déjà le thème n° {first}) : donnez-leur "
        "des identifiants différents."
    ),
    "questionnaire_target_outside": (
        "La cible « {value} » est hors de l'échelle : choisissez un niveau entre {min} et {max}."
    ),
    "questionnaire_no_affirmation": (
        "Le thème « {id} » n'a aucune affirmation : ajoutez-en au moins une sous « affirmations: »."
    ),
    "questionnaire_duplicate_affirmation": (
        "L'identifiant d'affirmation « {id} » est déjà pris (thème « {theme} », affirmation "
        "n° {first}) : chaque affirmation du questionnaire a le sien. Renommez celle-ci."
    ),
    "questionnaire_recommendation_outside": (
        "Recommandation pour le niveau « {value} », qui n'est pas dans l'échelle : les clés "
        "de « recommendations » sont des niveaux de {min} à {max}."
    ),
    "questionnaire_recommendation_top": (
        "Recommandation pour le niveau {value}, le plus haut de l'échelle : il n'y a pas de "
        "niveau suivant à atteindre, elle ne sera jamais montrée. Retirez-la."
    ),
    "questionnaire_recommendation_missing": (
        "L'affirmation « {id} » n'a pas de recommandation pour {count:plural:le niveau|les "
        "niveaux} {levels} : une collectivité qui y répond ne saura pas quoi faire ensuite."
    ),
    "questionnaire_ref_empty": (
        "Aucun questionnaire indiqué : donnez le nom d'un questionnaire fourni "
        "(ex. maturite-numerique) ou le chemin d'un fichier du projet."
    ),
    "questionnaire_not_found": (
        "Questionnaire « {name} » introuvable (ni questionnaire fourni, ni fichier du "
        "projet). Questionnaires fournis : {available}."
    ),
    "questionnaire_is_folder": (
        "« {path} » est un dossier : indiquez le fichier du questionnaire (.yaml)."
    ),
    "cli_help_schema__questionnaire": (
        "Le schéma des fichiers de questionnaire plutôt que celui des blueprints."
    ),
}

EN: dict[str, str] = {
    "questionnaire_empty": (
        "The questionnaire is empty: start with 'questionnaire: 1', then 'id:', 'title:', "
        "'scale:' and 'themes:'."
    ),
    "questionnaire_not_mapping": (
        "A questionnaire is a mapping of keys (questionnaire, id, title, scale, themes), "
        "not a list or a text."
    ),
    "questionnaire_version": (
        "Unknown questionnaire version '{version}': write 'questionnaire: 1'."
    ),
    "bad_questionnaire_id": (
        "Invalid id '{value}': lower-case letters without accents, digits, '-' and '_', "
        "starting with a letter (e.g. maturite-numerique)."
    ),
    "questionnaire_scale_size": (
        "The scale has {count} {count:plural:level|levels}: it needs {min} to {max}. "
        "Add or remove levels."
    ),
    "questionnaire_scale_not_consecutive": (
        "Unexpected level '{value}': levels follow each other from 1 with no gap, this one "
        "must be {expected}. Number the scale 1, 2, 3…"
    ),
    "questionnaire_no_theme": "The questionnaire has no theme: add at least one.",
    "questionnaire_duplicate_theme": (
        "Two themes have the id '{id}' (already theme no. {first}): give them different ids."
    ),
    "questionnaire_target_outside": (
        "The target '{value}' is outside the scale: choose a level between {min} and {max}."
    ),
    "questionnaire_no_affirmation": (
        "Theme '{id}' has no statement: add at least one under 'affirmations:'."
    ),
    "questionnaire_duplicate_affirmation": (
        "The statement id '{id}' is already taken (theme '{theme}', statement no. {first}): "
        "each statement of the questionnaire has its own. Rename this one."
    ),
    "questionnaire_recommendation_outside": (
        "Recommendation for level '{value}', which is not in the scale: the keys of "
        "'recommendations' are levels from {min} to {max}."
    ),
    "questionnaire_recommendation_top": (
        "Recommendation for level {value}, the top of the scale: there is no next level to "
        "reach, so it is never shown. Remove it."
    ),
    "questionnaire_recommendation_missing": (
        "Statement '{id}' has no recommendation for {count:plural:level|levels} {levels}: a collectivité that "
        "answers so will not know what to do next."
    ),
    "questionnaire_ref_empty": (
        "No questionnaire given: name a shipped questionnaire (e.g. maturite-numerique) or "
        "the path of a file in the project."
    ),
    "questionnaire_not_found": (
        "Questionnaire '{name}' not found (neither a shipped questionnaire nor a file of the "
        "project). Shipped questionnaires: {available}."
    ),
    "questionnaire_is_folder": "'{path}' is a folder: give the questionnaire's file (.yaml).",
    "cli_help_schema__questionnaire": "The schema of questionnaire files instead of blueprints.",
}
