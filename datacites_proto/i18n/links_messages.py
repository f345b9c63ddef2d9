"""Messages for shared links whose values no longer fit a filter, and what public pages may name.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "link_notice_intro": "Ce lien ne correspond plus tout à fait aux données :",
    "link_notice_fixed": "L'adresse de la page a été corrigée : partagez-la pour montrer cette vue.",
    "link_dates_outside": (
        "« {filter} » : le lien demandait la période du {start} au {end}, en dehors des "
        "données ({low} – {high}) : la période affichée est {shown}."
    ),
    "link_dates_clamped": (
        "« {filter} » : le lien demandait la période du {start} au {end}, qui dépasse les "
        "données ({low} – {high}) : la période affichée est {shown}."
    ),
    "link_dates_invalid": (
        "« {filter} » : les dates du lien sont illisibles (il en faut deux, AAAA-MM-JJ) : "
        "la période affichée est {shown}."
    ),
    "link_preset_unknown": (
        "« {filter} » : le lien demandait une période inconnue : la période affichée est {shown}."
    ),
    "link_value_unknown": (
        "« {filter} » : le lien demandait une valeur qui n'est pas proposée : "
        "le filtre affiche {shown}."
    ),
    "link_values_unknown": (
        "« {filter} » : {count} {count:plural:valeur du lien n'est pas proposée et est ignorée|valeurs du lien ne sont pas proposées et sont ignorées} : "
        "le filtre affiche {shown}."
    ),
    "link_range_outside": (
        "« {filter} » : le lien demandait l'intervalle {start} – {end}, en dehors des "
        "données ({low} – {high}) : l'intervalle affiché est {shown}."
    ),
    "link_range_clamped": (
        "« {filter} » : le lien demandait l'intervalle {start} – {end}, qui dépasse les "
        "données ({low} – {high}) : l'intervalle affiché est {shown}."
    ),
    "link_range_invalid": (
        "« {filter} » : l'intervalle du lien est illisible (il faut deux nombres) : "
        "l'intervalle affiché est {shown}."
    ),
    "link_toggle_invalid": (
        "« {filter} » : le lien donnait une valeur illisible (1 ou 0 attendu) : "
        "l'interrupteur est {shown}."
    ),
    "link_period_from_to": "du {start} au {end}",
    "link_all_values": "toutes les valeurs",
    "link_on": "activé",
    "link_off": "désactivé",
    "app_problem_public": (
        "Ce service ne peut pas s'afficher pour le moment ; le détail est noté dans le "
        "journal du serveur, pour l'équipe qui le publie. Réessayez un peu plus tard."
    ),
}

EN: dict[str, str] = {
    "link_notice_intro": "This link no longer quite matches the data:",
    "link_notice_fixed": "The page's address has been corrected: share it to show this view.",
    "link_dates_outside": (
        "'{filter}': the link asked for the period from {start} to {end}, outside the data "
        "({low} – {high}): the period shown is {shown}."
    ),
    "link_dates_clamped": (
        "'{filter}': the link asked for the period from {start} to {end}, beyond the data "
        "({low} – {high}): the period shown is {shown}."
    ),
    "link_dates_invalid": (
        "'{filter}': the link's dates cannot be read (two are needed, YYYY-MM-DD): "
        "the period shown is {shown}."
    ),
    "link_preset_unknown": (
        "'{filter}': the link asked for an unknown period: the period shown is {shown}."
    ),
    "link_value_unknown": (
        "'{filter}': the link asked for a value that is not offered: the filter shows {shown}."
    ),
    "link_values_unknown": (
        "'{filter}': {count} {count:plural:value of the link is|values of the link are} not offered and {count:plural:is|are} ignored: "
        "the filter shows {shown}."
    ),
    "link_range_outside": (
        "'{filter}': the link asked for the interval {start} – {end}, outside the data "
        "({low} – {high}): the interval shown is {shown}."
    ),
    "link_range_clamped": (
        "'{filter}': the link asked for the interval {start} – {end}, beyond the data "
        "({low} – {high}): the interval shown is {shown}."
    ),
    "link_range_invalid": (
        "'{filter}': the link's interval cannot be read (two numbers are needed): "
        "the interval shown is {shown}."
    ),
    "link_toggle_invalid": (
        "'{filter}': the link gave a value that cannot be read (1 or 0 expected): "
        "the switch is {shown}."
    ),
    "link_period_from_to": "from {start} to {end}",
    "link_all_values": "all values",
    "link_on": "on",
    "link_off": "off",
    "app_problem_public": (
        "This service cannot be shown at the moment; the details are written in the "
        "server's log, for the team that publishes it. Please try again a little later."
    ),
}
