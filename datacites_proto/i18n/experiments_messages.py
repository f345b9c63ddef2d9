"""Messages about experiments (`experiments:`): their model, their checks and feedback by phase.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # Model
    "experiment_units_empty": (
        "Indiquez au moins une unité : une condition (« sites.site_name in ('Rue Savary') ») "
        "ou des valeurs de filtres ({{site: [Rue Savary]}})."
    ),
    "experiment_filter_values_empty": "Donnez au moins une valeur au filtre « {filter} ».",
    "experiment_end_before_start": (
        "La fin de l'intervention ({end}) est avant son début ({start})."
    ),
    "experiment_min_effect_not_positive": (
        "« min_effect » est un effet relatif strictement positif (0.05 pour 5 %), "
        "pas {value} ; le sens se donne avec « direction: up » ou « direction: down »."
    ),
    "experiment_min_effect_too_large": (
        "Une baisse de 100 % ou plus est impossible : « min_effect » doit être sous 1 "
        "avec « direction: down »."
    ),
    "experiment_adjust_repeated": "« {name} » est écrit deux fois dans « adjust_for ».",
    "experiment_weekday_needs_day": (
        "Corriger le jour de la semaine n'a de sens qu'avec « grain: day » : une "
        "{grain} contient tous les jours de la semaine."
    ),
    "experiment_baseline_too_short_for_grain": (
        "Avec « grain: {grain} », l'avant doit durer au moins {days} jours (deux pas de temps)."
    ),
    "experiment_period_shorter_than_grain": (
        "L'intervention dure moins d'un pas de temps (« grain: {grain} », {days} jours) : "
        "choisissez un pas plus fin."
    ),
    # Checks
    "experiment_indicator_not_measure": (
        "L'indicateur « {indicator} » est une formule : une expérimentation mesure un "
        "indicateur qui a un « dataset » et une « measure »."
    ),
    "experiment_time_not_date": (
        "La colonne « {name} » est de type {type} : le temps d'une expérimentation est une "
        "colonne date ou datetime."
    ),
    "experiment_time_missing": (
        "Le jeu « {dataset} » n'a pas de colonne date ou datetime : indiquez la colonne de "
        "temps avec « time: jeu.colonne »."
    ),
    "experiment_time_ambiguous": (
        "Le jeu « {dataset} » a plusieurs colonnes de date ({candidates}) : choisissez-en une "
        "avec « time: {dataset}.{first} »."
    ),
    "experiment_filter_not_related": (
        "Le filtre « {filter} » porte sur le jeu « {dataset} », qui n'est pas relié au jeu "
        "« {home} » de l'indicateur."
    ),
    "experiment_filter_not_choice": (
        "Le filtre « {filter} » est de type {type} : des unités se désignent par un filtre "
        "select ou multiselect, ou par une condition."
    ),
    "experiment_filter_value_not_allowed": (
        "« {value} » n'est pas une valeur du filtre « {filter} » (valeurs : {allowed})."
    ),
    "experiment_units_overlap": (
        "Les unités traitées et témoins partagent « {value} » (filtre « {filter} ») : une "
        "unité ne peut pas être les deux."
    ),
    "experiment_control_equals_treated": (
        "Les unités témoins sont les mêmes que les unités traitées : il n'y a rien à comparer."
    ),
    "experiment_baseline_short": (
        "L'avant ne dure que {days} jours : en dessous de 28 jours, l'estimation est fragile "
        "(jours de la semaine, météo, événements)."
    ),
    "experiment_ended_without_end": (
        "L'expérimentation est terminée (« status: ended ») mais l'intervention n'a pas de "
        "fin : écrivez « intervention: {{start: …, end: …}} »."
    ),
    "experiment_expected_against_target": (
        "L'effet attendu va vers « {direction} » alors que la cible de l'indicateur "
        "« {indicator} » va vers « {target} » : vérifiez le sens attendu."
    ),
    # Feedback by phase
    "feedback_phase_unknown_experiment": (
        "L'expérimentation « {name} » n'existe pas (expérimentations : {available})."
    ),
    "feedback_phase_label": "Période",
    "feedback_phase_all": "Tout",
    "feedback_phase_before": "Avant l'intervention (avant le {date})",
    "feedback_phase_after": "Après l'intervention (depuis le {date})",
    "feedback_phase_after_temporary": "Pendant l'intervention (du {start} au {end})",
    "feedback_phase_caption": ("Avis de la période « {phase} » de l'expérimentation « {title} »."),
}

EN: dict[str, str] = {
    # Model
    "experiment_units_empty": (
        "Give at least one unit: a condition (\"sites.site_name in ('Rue Savary')\") "
        "or filter values ({{site: [Rue Savary]}})."
    ),
    "experiment_filter_values_empty": "Give at least one value to the filter '{filter}'.",
    "experiment_end_before_start": (
        "The end of the intervention ({end}) is before its start ({start})."
    ),
    "experiment_min_effect_not_positive": (
        "'min_effect' is a strictly positive relative effect (0.05 for 5 %), not {value}; "
        "give the direction with 'direction: up' or 'direction: down'."
    ),
    "experiment_min_effect_too_large": (
        "A fall of 100 % or more is impossible: 'min_effect' must be below 1 with "
        "'direction: down'."
    ),
    "experiment_adjust_repeated": "'{name}' is written twice in 'adjust_for'.",
    "experiment_weekday_needs_day": (
        "Adjusting for the weekday only makes sense with 'grain: day': a {grain} holds "
        "every weekday."
    ),
    "experiment_baseline_too_short_for_grain": (
        "With 'grain: {grain}', the before period must last at least {days} days (two time steps)."
    ),
    "experiment_period_shorter_than_grain": (
        "The intervention lasts less than one time step ('grain: {grain}', {days} days): "
        "choose a finer grain."
    ),
    # Checks
    "experiment_indicator_not_measure": (
        "The indicator '{indicator}' is a formula: an experiment measures an indicator with "
        "a 'dataset' and a 'measure'."
    ),
    "experiment_time_not_date": (
        "The column '{name}' is of type {type}: an experiment's time is a date or datetime column."
    ),
    "experiment_time_missing": (
        "The dataset '{dataset}' has no date or datetime column: name the time column with "
        "'time: dataset.column'."
    ),
    "experiment_time_ambiguous": (
        "The dataset '{dataset}' has several date columns ({candidates}): choose one with "
        "'time: {dataset}.{first}'."
    ),
    "experiment_filter_not_related": (
        "The filter '{filter}' is on the dataset '{dataset}', which is not related to the "
        "indicator's dataset '{home}'."
    ),
    "experiment_filter_not_choice": (
        "The filter '{filter}' is of type {type}: units are named through a select or "
        "multiselect filter, or by a condition."
    ),
    "experiment_filter_value_not_allowed": (
        "'{value}' is not a value of the filter '{filter}' (values: {allowed})."
    ),
    "experiment_units_overlap": (
        "The treated and control units share '{value}' (filter '{filter}'): a unit cannot be both."
    ),
    "experiment_control_equals_treated": (
        "The control units are the same as the treated units: there is nothing to compare."
    ),
    "experiment_baseline_short": (
        "The before period lasts only {days} days: under 28 days, the estimate is fragile "
        "(weekdays, weather, events)."
    ),
    "experiment_ended_without_end": (
        "The experiment has ended ('status: ended') but the intervention has no end: write "
        "'intervention: {{start: …, end: …}}'."
    ),
    "experiment_expected_against_target": (
        "The expected effect goes '{direction}' while the target of the indicator "
        "'{indicator}' goes '{target}': check the expected direction."
    ),
    # Feedback by phase
    "feedback_phase_unknown_experiment": (
        "The experiment '{name}' does not exist (experiments: {available})."
    ),
    "feedback_phase_label": "Period",
    "feedback_phase_all": "All",
    "feedback_phase_before": "Before the intervention (before {date})",
    "feedback_phase_after": "After the intervention (since {date})",
    "feedback_phase_after_temporary": "During the intervention ({start} to {end})",
    "feedback_phase_caption": "Feedback from the '{phase}' period of the experiment '{title}'.",
}
