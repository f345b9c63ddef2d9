"""Messages of experiment estimates: honesty checks, waiting for data, data-time errors.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "unknown_experiment": (
        "Expérimentation inconnue : « {name} ». Expérimentations déclarées : {available}. "
        "{suggestion}"
    ),
    "experiment_no_percent": (
        "Pas d'effet en pourcentage : sans l'intervention, le niveau attendu serait nul ou "
        "négatif, et un pourcentage de rien n'a pas de sens. L'effet est donné dans l'unité "
        "de l'indicateur."
    ),
    "experiment_periods_failed": (
        "Trop peu de données : {before} périodes avant et {after} après l'intervention, "
        "pour au moins {needed} de chaque côté (quatre semaines). L'estimation est fragile."
    ),
    "experiment_placebo_failed": (
        "Test placebo échoué : avec une fausse date d'intervention au milieu de la période "
        "avant, le modèle trouve un effet alors qu'il ne s'est rien passé. La saisonnalité "
        "ou une tendance n'est pas bien prise en compte : l'effet estimé peut en venir."
    ),
    "experiment_pre_trend_failed": (
        "Tendance avant l'intervention : la série évoluait déjà pendant la période avant. "
        "Le changement mesuré après peut être cette évolution qui continue."
    ),
    "experiment_placebo_not_run": (
        "Test placebo impossible : {periods} périodes avant l'intervention, c'est trop peu."
    ),
    "experiment_pre_trend_not_run": (
        "Test de tendance impossible : {periods} périodes avant l'intervention, c'est trop peu."
    ),
    "experiment_no_estimate": (
        "Pas encore d'estimation : {before} périodes avant et {after} après l'intervention "
        "dans les données."
    ),
    "experiment_waiting": (
        "Expérimentation prévue : encore {days} jours de données à recueillir après "
        "l'intervention avant une première estimation."
    ),
    "experiment_adjustment_dropped": (
        "Correction impossible pour {names} : les données ne permettent pas de distinguer "
        "ces effets de l'intervention (par exemple un mois présent seulement après). "
        "L'estimation s'en passe."
    ),
    "experiment_shared_dataset": (
        "Calculé sur les données partagées ({datasets}) telles quelles, pour l'équipe : "
        "une page publique devrait n'en montrer que les chiffres protégés (petits effectifs)."
    ),
    "experiment_intervention_outside_data": (
        "L'intervention du {date} tombe hors des données : la colonne « {column} » va du "
        "{first} au {last}. Il faut des données avant l'intervention (et après, sauf pour "
        "une expérimentation « planned »)."
    ),
    "experiment_units_overlap_rows": (
        "Unités traitées et témoins communes : {rows} lignes du jeu « {dataset} » "
        "répondent aux deux conditions. Un témoin doit être distinct des unités traitées."
    ),
}

EN: dict[str, str] = {
    "unknown_experiment": (
        "Unknown experiment: '{name}'. Experiments declared: {available}. {suggestion}"
    ),
    "experiment_no_percent": (
        "No effect in percent: without the intervention the expected level would be zero or "
        "negative, and a percentage of nothing has no meaning. The effect is given in the "
        "indicator's unit."
    ),
    "experiment_periods_failed": (
        "Too little data: {before} periods before and {after} after the intervention, for "
        "at least {needed} either side (four weeks). The estimate is fragile."
    ),
    "experiment_placebo_failed": (
        "Placebo test failed: with a fake intervention date halfway through the before "
        "period, the model finds an effect where nothing happened. Seasonality or a trend "
        "is not well accounted for: the estimated effect may come from it."
    ),
    "experiment_pre_trend_failed": (
        "Trend before the intervention: the series was already moving during the before "
        "period. The change measured after may be that movement going on."
    ),
    "experiment_placebo_not_run": (
        "Placebo test not possible: {periods} periods before the intervention is too few."
    ),
    "experiment_pre_trend_not_run": (
        "Trend test not possible: {periods} periods before the intervention is too few."
    ),
    "experiment_no_estimate": (
        "No estimate yet: {before} periods before and {after} after the intervention in the data."
    ),
    "experiment_waiting": (
        "Planned experiment: {days} more days of data to collect after the intervention "
        "before a first estimate."
    ),
    "experiment_adjustment_dropped": (
        "No adjustment for {names}: the data cannot tell these effects apart from the "
        "intervention (a month seen only after it, for instance). The estimate does "
        "without."
    ),
    "experiment_shared_dataset": (
        "Computed on the shared data ({datasets}) as they are, for the team: a public page "
        "should show only their protected figures (small groups)."
    ),
    "experiment_intervention_outside_data": (
        "The intervention of {date} falls outside the data: the column '{column}' runs from "
        "{first} to {last}. Data are needed before the intervention (and after it, except "
        "for a 'planned' experiment)."
    ),
    "experiment_units_overlap_rows": (
        "Treated and control units in common: {rows} rows of the dataset '{dataset}' meet "
        "both conditions. A control must be apart from the treated units."
    ),
}
