"""Messages of agreements that live: an ended agreement, one that forbids publication,
`retention_days`, and the clock they are judged by.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
Dates are `LocalDate`s written `{end:fr}` / `{end:en}`: in the message's own language.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "agreement_ended_withheld": (
        "Les données de {dataset} ne sont plus publiées : la convention « {agreement} » "
        "a pris fin le {end:fr}."
    ),
    "agreement_unpublished_withheld": (
        "Les données de {dataset} ne sont pas publiées : la convention « {agreement} » "
        "n'autorise pas la publication de résultats."
    ),
    "agreement_ended_team": (
        "La convention « {agreement} » a pris fin le {end:fr} : les données de {dataset} "
        "ne sont plus montrées sur les pages publiques. Renouvelez-la ou retirez ces données."
    ),
    "agreement_retention_note": (
        "Données de {dataset} limitées aux {days} derniers jours (durée de conservation "
        "de la convention « {agreement} »)."
    ),
    "agreement_ended": (
        "La convention « {path} » a pris fin le {end:fr} : les données de « {dataset} » ne "
        "sont plus publiées. Renouvelez-la (nouvelle date « end ») ou retirez ces données."
    ),
    "agreement_ends_soon": (
        "La convention « {path} » prend fin le {end:fr}, dans {days} {days:plural:jour|jours} : passé cette "
        "date, les données de « {dataset} » ne seront plus publiées. Pensez à la renouveler."
    ),
    "retention_no_date_column": (
        "La convention « {path} » fixe une durée de conservation ({days} jours), mais le jeu "
        "« {dataset} » n'a aucune colonne de date : elle ne peut pas être appliquée. "
        "Déclarez une colonne de type date ou datetime."
    ),
    "retention_rows_dropped": (
        "{rows} {rows:plural:ligne du jeu « {dataset} » est antérieure|lignes du jeu « {dataset} » sont antérieures} au {cutoff:fr} : la durée de "
        "conservation de la convention « {path} » ({days} jours) {rows:plural:l'écarte|les écarte} pour tous."
    ),
    "clock_bad_today": (
        "La variable d'environnement {name} vaut « {value} » : écrivez une date AAAA-MM-JJ, "
        "ou retirez-la pour utiliser la date du jour."
    ),
}

EN: dict[str, str] = {
    "agreement_ended_withheld": (
        "The data of {dataset} is no longer published: the agreement '{agreement}' "
        "ended on {end:en}."
    ),
    "agreement_unpublished_withheld": (
        "The data of {dataset} is not published: the agreement '{agreement}' does not "
        "allow results to be published."
    ),
    "agreement_ended_team": (
        "The agreement '{agreement}' ended on {end:en}: the data of {dataset} is no longer "
        "shown on public pages. Renew it or remove this data."
    ),
    "agreement_retention_note": (
        "Data of {dataset} limited to the last {days} days (retention period of the "
        "agreement '{agreement}')."
    ),
    "agreement_ended": (
        "The agreement '{path}' ended on {end:en}: the data of '{dataset}' is no longer "
        "published. Renew it (a new 'end' date) or remove this data."
    ),
    "agreement_ends_soon": (
        "The agreement '{path}' ends on {end:en}, in {days} {days:plural:day|days}: after that date, the "
        "data of '{dataset}' will no longer be published. Remember to renew it."
    ),
    "retention_no_date_column": (
        "The agreement '{path}' sets a retention period ({days} days), but the dataset "
        "'{dataset}' has no date column: it cannot be enforced. Declare a column of type "
        "date or datetime."
    ),
    "retention_rows_dropped": (
        "{rows} {rows:plural:row|rows} of the dataset '{dataset}' {rows:plural:is|are} older than {cutoff:en}: the retention "
        "period of the agreement '{path}' ({days} days) leaves {rows:plural:it|them} out for everyone."
    ),
    "clock_bad_today": (
        "The environment variable {name} is '{value}': write a YYYY-MM-DD date, or remove "
        "it to use today's date."
    ),
}
