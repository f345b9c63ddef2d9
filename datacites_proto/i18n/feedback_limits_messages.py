"""Messages for feedback limits: rate limits, answer sizes, declared choices, the cap and the team view's pages.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # Limites d'envoi (vue feedback) : {wait} vient de feedback_wait_*
    "feedback_limit_session": "Vous avez déjà envoyé plusieurs avis ({limit} en {window} minutes) : réessayez dans {wait}. Votre texte reste dans le formulaire.",
    "feedback_limit_address": "Beaucoup d'avis ont déjà été envoyés depuis votre connexion ({limit} en {window} minutes) : réessayez dans {wait}. Votre texte reste dans le formulaire.",
    "feedback_limit_day": "Le service a reçu le nombre maximal d'avis pour 24 heures ({limit}) : réessayez dans {wait}. Votre texte reste dans le formulaire.",
    "feedback_wait_minute": "1 minute",
    "feedback_wait_minutes": "{minutes} minutes",
    "feedback_wait_hours": "{hours} heures",
    # Réponses vérifiées par le serveur
    "feedback_not_a_choice": "La réponse « {value} » à la question « {question} » n'est pas l'un des choix proposés ({choices}) : choisissez-en un dans la liste.",
    "feedback_not_a_rating": "La réponse à la question « {question} » doit être une note de 1 à 5 (reçu : {value}).",
    "feedback_text_too_long": "Votre réponse « {question} » fait {length} caractères : {limit} au plus. Raccourcissez-la avant d'envoyer.",
    "store_no_secret": "Le stockage des avis « {url} » n'a pas de secret pour compter les envois par adresse : définissez DATACITES_FEEDBACK_SECRET, ou ajoutez une ligne à la table datacites_store_secret.",
    # Vue feedback_summary : pagination
    "summary_page_label": "Page des avis",
    "summary_page_caption": "Avis {first} à {last} sur {total} (page {page} sur {pages}), du plus récent au plus ancien.",
    "summary_page_newer": "← Plus récents",
    "summary_page_older": "Plus anciens →",
    "summary_refusals": "Envois refusés par les limites ces {days} derniers jours : {total} ({parts}). Si ce sont de vrais habitants, relevez les limites de la vue feedback (limits) dans le blueprint.",
    "summary_refusal_session": "par visite : {count}",
    "summary_refusal_address": "par adresse : {count}",
    "summary_refusal_day": "plafond de 24 heures : {count}",
}

EN: dict[str, str] = {
    "feedback_limit_session": "You have already sent several feedback ({limit} in {window} minutes): try again in {wait}. Your text stays in the form.",
    "feedback_limit_address": "Much feedback has already been sent from your connection ({limit} in {window} minutes): try again in {wait}. Your text stays in the form.",
    "feedback_limit_day": "The service has received the most feedback it accepts in 24 hours ({limit}): try again in {wait}. Your text stays in the form.",
    "feedback_wait_minute": "1 minute",
    "feedback_wait_minutes": "{minutes} minutes",
    "feedback_wait_hours": "{hours} hours",
    "feedback_not_a_choice": "The answer '{value}' to the question '{question}' is not one of the choices offered ({choices}): pick one from the list.",
    "feedback_not_a_rating": "The answer to the question '{question}' must be a rating from 1 to 5 (got: {value}).",
    "feedback_text_too_long": "Your answer '{question}' is {length} characters long: {limit} at most. Shorten it before sending.",
    "store_no_secret": "The feedback store '{url}' has no secret to count submissions per address: set DATACITES_FEEDBACK_SECRET, or add a row to the table datacites_store_secret.",
    "summary_page_label": "Feedback page",
    "summary_page_caption": "Feedback {first} to {last} of {total} (page {page} of {pages}), newest first.",
    "summary_page_newer": "← Newer",
    "summary_page_older": "Older →",
    "summary_refusals": "Submissions refused by the limits in the last {days} days: {total} ({parts}). If they are genuine residents, raise the feedback view's limits (limits) in the blueprint.",
    "summary_refusal_session": "per visit: {count}",
    "summary_refusal_address": "per address: {count}",
    "summary_refusal_day": "24-hour cap: {count}",
}
