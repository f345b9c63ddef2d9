"""Messages of the council report (`datacites report`, the app's « Télécharger en PDF »).

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # The document
    "report_view_not_printable": (
        "Cette vue (« {type} ») n'a pas de version imprimable : consultez-la en ligne."
    ),
    "report_layer_not_printable": (
        "La couche « {type} » n'a pas de version imprimable : consultez la carte en ligne."
    ),
    "report_text_alternative": "Description : {text}",
    "report_chart_data": "Les chiffres du graphique",
    "report_chart_data_online": (
        "Les {count} valeurs du graphique se lisent en ligne, sous « Voir les données »."
    ),
    "report_band": "Niveau : {band}",
    "report_table_cut": (
        "Le document montre les {shown} premières des {total} lignes de l'écran ; toutes se "
        "lisent en ligne."
    ),
    "report_feedback_online": "Les avis se donnent en ligne, sur la page du service.",
    "report_charts_online": "Les graphiques de cette analyse sont consultables en ligne.",
    "report_team_view": "Vue réservée à l'équipe : elle ne figure pas dans le rapport public.",
    "report_no_basemap": (
        "Le fond de carte n'est pas reproduit : seules les données sont dessinées."
    ),
    "report_page_number": "Page {page} sur {pages}",
    "report_exported": "Document produit le {date} à {time}.",
    "report_audience_public": (
        "Rapport public : il montre ce que montrent les pages publiques du service, avec les "
        "mêmes règles de protection des données."
    ),
    "report_audience_team": "Document interne à l'équipe : ne pas diffuser.",
    "report_not_online": "Cette action n'existe qu'en ligne.",
    # The command
    "report_unknown_page": ("Page « {slug} » inconnue. Pages publiques du service : {pages}."),
    "report_team_page": (
        "La page « {slug} » est réservée à l'équipe : le rapport ne montre que des pages publiques."
    ),
    "report_no_public_page": "Le service n'a aucune page publique à imprimer.",
    "report_bad_filter": (
        "« {text} » : écrivez --filter identifiant=valeur (par exemple --filter periode=last_30_days)."
    ),
    "report_unknown_filter": (
        "Filtre « {id} » inconnu sur les pages imprimées. Filtres possibles : {known}."
    ),
    "report_filter_value": "Valeur « {value} » impossible pour le filtre « {id} » : {detail}",
    "report_filter_choices": "valeurs possibles : {choices}.",
    "report_filter_presets": "périodes possibles : {choices}, ou deux dates AAAA-MM-JJ..AAAA-MM-JJ.",
    "report_filter_range": "écrivez deux nombres entre {low} et {high} : bas..haut.",
    "report_filter_dates": "écrivez deux dates entre le {low} et le {high} : AAAA-MM-JJ..AAAA-MM-JJ.",
    "report_filter_toggle": "écrivez 1 ou 0.",
    "report_unknown_format": (
        "Format de sortie inconnu pour « {path} » : le rapport s'écrit en .pdf ou en .html."
    ),
    "report_bad_date": (
        "Date « {value} » illisible pour --as-of : écrivez AAAA-MM-JJ ou AAAA-MM-JJTHH:MM."
    ),
    "report_write_failed": "Impossible d'écrire le rapport dans « {path} » : {detail}.",
    "report_written": "Rapport écrit dans {path} ({pages} pages du service, {seconds} s).",
    # The app
    "report_prepare_help": (
        "Le document reprend la page avec les filtres choisis : chiffres clés, graphiques, "
        "cartes, tableaux et sources, prêt à imprimer."
    ),
    "report_download": "Télécharger en PDF",
    "report_failed_title": "Le document n'a pas pu être préparé",
    "report_failed_text": (
        "La page « {page} » n'a pas pu être mise en forme pour l'impression. Réessayez dans "
        "un instant ; si cela se reproduit, écrivez à {contact} : l'équipe en a été avertie."
    ),
    "report_failed_text_no_contact": (
        "La page « {page} » n'a pas pu être mise en forme pour l'impression. Réessayez dans "
        "un instant : l'équipe du service en a été avertie."
    ),
    # The command's help
    "cli_help_report": (
        "Les pages publiques imprimées : chiffres clés, graphiques, cartes, tableaux, sources "
        "et dates, sur des pages A4 (PDF) ou en un seul fichier HTML autonome, avec les mêmes "
        "règles de gouvernance qu'à l'écran."
    ),
    "cli_help_report__output": "Le document à écrire : FICHIER.pdf ou FICHIER.html.",
    "cli_help_report__page": "L'identifiant (slug) d'une page ; par défaut toutes les pages publiques.",
    "cli_help_report__filters": (
        "La valeur d'un filtre, id=valeur (répétez l'option) : une période (last_30_days…) ou "
        "AAAA-MM-JJ..AAAA-MM-JJ, des valeurs séparées par des virgules, bas..haut, 1 ou 0."
    ),
    "cli_help_report__as_of": (
        "La date d'export écrite dans le document (AAAA-MM-JJ ou AAAA-MM-JJTHH:MM) ; par "
        "défaut maintenant."
    ),
}

EN: dict[str, str] = {
    "report_view_not_printable": ("This view ('{type}') has no printable version: see it online."),
    "report_layer_not_printable": (
        "The '{type}' layer has no printable version: see the map online."
    ),
    "report_text_alternative": "Description: {text}",
    "report_chart_data": "The chart's figures",
    "report_chart_data_online": (
        "The chart's {count} values can be read online, under 'See the data'."
    ),
    "report_band": "Level: {band}",
    "report_table_cut": (
        "The document shows the first {shown} of the screen's {total} rows; all of them can be "
        "read online."
    ),
    "report_feedback_online": "Feedback is given online, on the service's page.",
    "report_charts_online": "The charts of this analysis can be seen online.",
    "report_team_view": "A team-only view: it is not part of the public report.",
    "report_no_basemap": "The background map is not reproduced: only the data are drawn.",
    "report_page_number": "Page {page} of {pages}",
    "report_exported": "Document produced on {date} at {time}.",
    "report_audience_public": (
        "Public report: it shows what the service's public pages show, with the same data "
        "protection rules."
    ),
    "report_audience_team": "Internal team document: do not share.",
    "report_not_online": "This action exists online only.",
    "report_unknown_page": "Unknown page '{slug}'. The service's public pages: {pages}.",
    "report_team_page": ("Page '{slug}' is for the team only: the report shows public pages only."),
    "report_no_public_page": "The service has no public page to print.",
    "report_bad_filter": (
        "'{text}': write --filter id=value (for example --filter periode=last_30_days)."
    ),
    "report_unknown_filter": (
        "Unknown filter '{id}' on the printed pages. Possible filters: {known}."
    ),
    "report_filter_value": "Value '{value}' is not possible for filter '{id}': {detail}",
    "report_filter_choices": "possible values: {choices}.",
    "report_filter_presets": "possible periods: {choices}, or two dates YYYY-MM-DD..YYYY-MM-DD.",
    "report_filter_range": "write two numbers between {low} and {high}: low..high.",
    "report_filter_dates": "write two dates between {low} and {high}: YYYY-MM-DD..YYYY-MM-DD.",
    "report_filter_toggle": "write 1 or 0.",
    "report_unknown_format": (
        "Unknown output format for '{path}': the report is written as .pdf or .html."
    ),
    "report_bad_date": "Unreadable date '{value}' for --as-of: write YYYY-MM-DD or YYYY-MM-DDTHH:MM.",
    "report_write_failed": "Could not write the report to '{path}': {detail}.",
    "report_written": "Report written to {path} ({pages} pages of the service, {seconds} s).",
    "report_prepare_help": (
        "The document shows the page with the chosen filters: key figures, charts, maps, "
        "tables and sources, ready to print."
    ),
    "report_download": "Download as PDF",
    "report_failed_title": "The document could not be made",
    "report_failed_text": (
        "The page '{page}' could not be laid out for printing. Try again in a moment; if it "
        "happens again, write to {contact}: the team has been told."
    ),
    "report_failed_text_no_contact": (
        "The page '{page}' could not be laid out for printing. Try again in a moment: the "
        "service's team has been told."
    ),
    "cli_help_report": (
        "Public pages printed: key figures, charts, maps, tables, sources and dates, on A4 "
        "pages (PDF) or as one self-contained HTML file, governed as on screen."
    ),
    "cli_help_report__output": "The document to write: FILE.pdf or FILE.html.",
    "cli_help_report__page": "The slug of one page; default: every public page.",
    "cli_help_report__filters": (
        "A filter's value, id=value (repeat the option): a period (last_30_days…) or "
        "YYYY-MM-DD..YYYY-MM-DD, values separated by commas, low..high, 1 or 0."
    ),
    "cli_help_report__as_of": (
        "The export date written in the document (YYYY-MM-DD or YYYY-MM-DDTHH:MM); default now."
    ),
}
