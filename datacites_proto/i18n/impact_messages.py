"""Messages of the `impact` view and of `datacites experiment report` (issue 13, part C).

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
The honesty checks' failures reuse the engine's codes (experiment_estimate_messages.py).
"""

from __future__ import annotations

FR: dict[str, str] = {
    # The effect in one sentence
    "impact_opening_date": "Après « {title} », le {date}",
    "impact_opening_period": "Pendant « {title} », du {start} au {end}",
    "impact_versus_control": "par rapport aux témoins ({control})",
    "impact_versus_trend": "par rapport à la tendance d'avant l'intervention",
    "impact_sentence_up": (
        "{opening}, l'indicateur « {indicator} » a augmenté de {value} (entre {low} et "
        "{high}) pour {treated}, {versus}."
    ),
    "impact_sentence_down": (
        "{opening}, l'indicateur « {indicator} » a baissé de {value} (entre {low} et "
        "{high}) pour {treated}, {versus}."
    ),
    "impact_sentence_unclear": (
        "{opening}, on ne peut pas conclure à un effet sur l'indicateur « {indicator} » pour "
        "{treated}, {versus} : selon les données, le changement se situe entre {low} et "
        "{high}, ce qui inclut l'absence d'effet."
    ),
    "impact_sentence_untrusted": (
        "{opening}, on ne peut pas conclure sur l'indicateur « {indicator} » pour {treated} : "
        "les vérifications ci-dessous ne sont pas toutes réussies, et un chiffre serait "
        "trompeur. Aucun effet n'est donc annoncé."
    ),
    "impact_sentence_waiting": (
        "« {title} » : pas encore d'estimation de l'effet sur l'indicateur « {indicator} »."
    ),
    "impact_per_day": "par jour",
    "impact_per_week": "par semaine",
    "impact_per_month": "par mois",
    "impact_units_condition": "les unités où {condition}",
    "impact_units_more": "{names} et {count} autres",
    # The checks
    "impact_checks_title": "Vérifications",
    "impact_check_periods_ok": (
        "Assez de données : {before} périodes avant et {after} après l'intervention (au "
        "moins {needed} de chaque côté, quatre semaines)."
    ),
    "impact_check_placebo_ok": (
        "Test placebo réussi : avec une fausse date d'intervention au {date}, au milieu de "
        "la période avant, le modèle ne trouve pas d'effet, comme attendu."
    ),
    "impact_check_pre_trend_ok": (
        "Pas de tendance avant l'intervention : la série modélisée était stable pendant la "
        "période avant."
    ),
    # The method
    "impact_method_title": "Méthode",
    "impact_method_did": (
        "Différence de différences : on compare l'écart entre les unités traitées et les "
        "témoins {each}, avant et après l'intervention{adjusted}."
    ),
    "impact_method_its": (
        "Série temporelle interrompue (sans témoins) : on mesure le changement de niveau de "
        "la série {each} après l'intervention{adjusted}."
    ),
    "impact_method_hac": (
        "L'intervalle à 95 % tient compte de l'autocorrélation de la série (erreurs types "
        "HAC de Newey–West)."
    ),
    "impact_each_day": "jour par jour",
    "impact_each_week": "semaine par semaine",
    "impact_each_month": "mois par mois",
    "impact_adjusted": ", en corrigeant les effets {names}",
    "impact_adjust_weekday": "du jour de la semaine",
    "impact_adjust_month": "du mois",
    "impact_adjust_holidays": "des jours fériés",
    "impact_holidays_name": "les jours fériés",
    "impact_and": "et",
    # The estimate as a figure
    "impact_estimate_title": "Effet estimé et son intervalle à 95 %",
    "impact_estimate_caption": (
        "Effet estimé : {percent} (intervalle à 95 % : de {percent_low} à {percent_high}), "
        "soit {effect} {per} (de {low} à {high})."
    ),
    "impact_estimate_caption_unit": (
        "Effet estimé : {effect} {per} (intervalle à 95 % : de {low} à {high})."
    ),
    "impact_estimate_alt": (
        "Effet estimé de {value}, intervalle à 95 % de {low} à {high}{expected}."
    ),
    "impact_estimate_alt_expected": ", pour un effet attendu d'au moins {value}",
    "impact_axis_percent": "Effet (en % du niveau attendu sans l'intervention)",
    "impact_axis_unit": "Effet ({per})",
    "impact_estimate_label": "Effet estimé",
    "impact_tooltip_interval": "Intervalle à 95 %",
    "impact_expected_up": "Effet attendu déclaré : une hausse d'au moins {value}.",
    "impact_expected_down": "Effet attendu déclaré : une baisse d'au moins {value}.",
    "impact_expected_label": "effet attendu",
    "impact_expected_reached": "Il est atteint : tout l'intervalle à 95 % va au-delà.",
    "impact_expected_not_reached": (
        "Il n'est pas atteint : tout l'intervalle à 95 % reste en deçà."
    ),
    "impact_expected_uncertain": (
        "On ne peut pas dire s'il est atteint : l'intervalle à 95 % le contient."
    ),
    # The series chart
    "impact_series_title": "{indicator} : unités traitées et témoins",
    "impact_series_title_its": "{indicator} : unités traitées",
    "impact_group_treated": "Traités",
    "impact_group_control": "Témoins",
    "impact_group": "Groupe",
    "impact_index_axis": "Indice (100 = moyenne avant)",
    "impact_index_caption": (
        "Les deux séries sont ramenées à 100 pour leur moyenne avant l'intervention, pour "
        "comparer leurs évolutions ; « Voir les données » donne les valeurs."
    ),
    "impact_after_band": "après l'intervention",
    "impact_during_band": "pendant l'intervention",
    "impact_series_alt": (
        "Courbes de l'indicateur « {indicator} » {each} pour {groups}, du {start} au {end} ; "
        "l'intervention commence le {date}{ending}."
    ),
    "impact_series_alt_ending": " et finit le {date}",
    "impact_col_period": "Période",
    "impact_col_phase": "Phase",
    "impact_phase_before": "avant",
    "impact_phase_after": "après",
    "impact_no_series": "Pas encore de données pour cette expérimentation.",
    # The design and the wait
    "impact_design_title": "Dispositif",
    "impact_design_hypothesis": "Hypothèse : {text}",
    "impact_design_indicator": "Indicateur : {indicator}, {each}",
    "impact_design_treated": "Unités traitées : {text}",
    "impact_design_control": "Témoins : {text}",
    "impact_design_no_control": (
        "Pas de témoins : la série est comparée à sa propre tendance d'avant l'intervention."
    ),
    "impact_design_date": "Intervention : le {date}",
    "impact_design_period": "Intervention : du {start} au {end}",
    "impact_design_expected_up": "Effet attendu : une hausse d'au moins {value}",
    "impact_design_expected_down": "Effet attendu : une baisse d'au moins {value}",
    "impact_waiting_days": (
        "Encore {days} jours de données à recueillir avant une estimation fiable (quatre "
        "semaines après l'intervention)."
    ),
    "impact_waiting_one_day": (
        "Encore 1 jour de données à recueillir avant une estimation fiable (quatre semaines "
        "après l'intervention)."
    ),
    "impact_waiting_no_data": (
        "Pas encore de données pour cette expérimentation : l'estimation viendra avec elles."
    ),
    "impact_planned_ready": (
        "Les données suffisent : l'équipe peut passer l'expérimentation en « running » "
        "pour l'estimer."
    ),
    "impact_planned": "Expérimentation prévue : aucune estimation n'est calculée.",
    # Governance
    "impact_shared_on_public_page": (
        "La page « {page} » est publique, mais l'estimation de l'expérimentation "
        "« {experiment} » se calcule sur les données partagées ({datasets}) sans protection "
        "des petits effectifs : mettez « access: team » sur cette page."
    ),
    "impact_shared_public": (
        "Cette estimation se calcule sur des données partagées ({datasets}) sans protection "
        "des petits effectifs : elle n'est montrée qu'à l'équipe."
    ),
    "impact_unknown_experiment": (
        "L'expérimentation « {name} » n'existe pas (expérimentations : {available})."
    ),
    # datacites experiment report
    "cli_experiment_none": "Aucune expérimentation n'est déclarée dans ce blueprint.",
    "cli_experiment_unknown": (
        "Expérimentation inconnue : « {name} ». Expérimentations déclarées : {available}."
        "{suggestion}"
    ),
    "cli_experiment_strict_failed": (
        "{count} expérimentation(s) sans estimation fiable : {names} (--strict)."
    ),
    "report_experiment_title": "Expérimentation « {title} » ({id})",
    "report_status": "Statut",
    "report_method": "Méthode",
    "report_method_did": "différence de différences",
    "report_method_its": "série temporelle interrompue",
    "report_indicator": "Indicateur",
    "report_intervention": "Intervention",
    "report_periods": "Périodes",
    "report_periods_value": "{before} avant ({baseline}), {after} après ({after_window})",
    "report_estimate": "Estimation",
    "report_percent": "En pourcentage",
    "report_p_value": "Valeur p",
    "report_conclusion": "Conclusion",
    "report_checks": "Vérifications",
    "report_notes": "Notes",
    "report_trustworthy": "Fiable",
    "report_yes": "oui",
    "report_no": "non",
    "report_field": "Élément",
    "report_value": "Valeur",
    "report_none": "—",
}

EN: dict[str, str] = {
    "impact_opening_date": "After '{title}', on {date}",
    "impact_opening_period": "During '{title}', from {start} to {end}",
    "impact_versus_control": "compared with the control units ({control})",
    "impact_versus_trend": "compared with the trend before the intervention",
    "impact_sentence_up": (
        "{opening}, the indicator '{indicator}' rose by {value} (between {low} and {high}) "
        "for {treated}, {versus}."
    ),
    "impact_sentence_down": (
        "{opening}, the indicator '{indicator}' fell by {value} (between {low} and {high}) "
        "for {treated}, {versus}."
    ),
    "impact_sentence_unclear": (
        "{opening}, no effect on the indicator '{indicator}' can be concluded for {treated}, "
        "{versus}: according to the data, the change lies between {low} and {high}, which "
        "includes no effect at all."
    ),
    "impact_sentence_untrusted": (
        "{opening}, nothing can be concluded about the indicator '{indicator}' for "
        "{treated}: the checks below did not all pass, and a figure would mislead. No "
        "effect is claimed."
    ),
    "impact_sentence_waiting": (
        "'{title}': no estimate yet of the effect on the indicator '{indicator}'."
    ),
    "impact_per_day": "a day",
    "impact_per_week": "a week",
    "impact_per_month": "a month",
    "impact_units_condition": "the units where {condition}",
    "impact_units_more": "{names} and {count} more",
    "impact_checks_title": "Checks",
    "impact_check_periods_ok": (
        "Enough data: {before} periods before and {after} after the intervention (at least "
        "{needed} either side, four weeks)."
    ),
    "impact_check_placebo_ok": (
        "Placebo test passed: with a fake intervention date on {date}, halfway through the "
        "before period, the model finds no effect, as it should."
    ),
    "impact_check_pre_trend_ok": (
        "No trend before the intervention: the modelled series was stable during the before period."
    ),
    "impact_method_title": "Method",
    "impact_method_did": (
        "Difference-in-differences: the gap between the treated and the control units is "
        "compared {each}, before and after the intervention{adjusted}."
    ),
    "impact_method_its": (
        "Interrupted time series (no control units): the change in the level of the series "
        "{each} after the intervention is measured{adjusted}."
    ),
    "impact_method_hac": (
        "The 95% interval accounts for the series' autocorrelation (HAC Newey–West "
        "standard errors)."
    ),
    "impact_each_day": "day by day",
    "impact_each_week": "week by week",
    "impact_each_month": "month by month",
    "impact_adjusted": ", adjusting for {names}",
    "impact_adjust_weekday": "the day of the week",
    "impact_adjust_month": "the month",
    "impact_adjust_holidays": "public holidays",
    "impact_holidays_name": "public holidays",
    "impact_and": "and",
    "impact_estimate_title": "Estimated effect and its 95% interval",
    "impact_estimate_caption": (
        "Estimated effect: {percent} (95% interval: {percent_low} to {percent_high}), that "
        "is {effect} {per} ({low} to {high})."
    ),
    "impact_estimate_caption_unit": (
        "Estimated effect: {effect} {per} (95% interval: {low} to {high})."
    ),
    "impact_estimate_alt": "Estimated effect of {value}, 95% interval from {low} to {high}{expected}.",
    "impact_estimate_alt_expected": ", for an expected effect of at least {value}",
    "impact_axis_percent": "Effect (% of the level expected without the intervention)",
    "impact_axis_unit": "Effect ({per})",
    "impact_estimate_label": "Estimated effect",
    "impact_tooltip_interval": "95% interval",
    "impact_expected_up": "Declared expected effect: a rise of at least {value}.",
    "impact_expected_down": "Declared expected effect: a fall of at least {value}.",
    "impact_expected_label": "expected effect",
    "impact_expected_reached": "It is reached: the whole 95% interval goes beyond it.",
    "impact_expected_not_reached": "It is not reached: the whole 95% interval falls short of it.",
    "impact_expected_uncertain": "Whether it is reached cannot be told: the 95% interval contains it.",
    "impact_series_title": "{indicator}: treated and control units",
    "impact_series_title_its": "{indicator}: treated units",
    "impact_group_treated": "Treated",
    "impact_group_control": "Control",
    "impact_group": "Group",
    "impact_index_axis": "Index (100 = mean before)",
    "impact_index_caption": (
        "Both series are scaled to 100 for their mean before the intervention, to compare "
        "how they move; 'See the data' gives the values."
    ),
    "impact_after_band": "after the intervention",
    "impact_during_band": "during the intervention",
    "impact_series_alt": (
        "Lines of the indicator '{indicator}' {each} for {groups}, from {start} to {end}; "
        "the intervention starts on {date}{ending}."
    ),
    "impact_series_alt_ending": " and ends on {date}",
    "impact_col_period": "Period",
    "impact_col_phase": "Phase",
    "impact_phase_before": "before",
    "impact_phase_after": "after",
    "impact_no_series": "No data yet for this experiment.",
    "impact_design_title": "Design",
    "impact_design_hypothesis": "Hypothesis: {text}",
    "impact_design_indicator": "Indicator: {indicator}, {each}",
    "impact_design_treated": "Treated units: {text}",
    "impact_design_control": "Control units: {text}",
    "impact_design_no_control": (
        "No control units: the series is compared with its own trend before the intervention."
    ),
    "impact_design_date": "Intervention: on {date}",
    "impact_design_period": "Intervention: from {start} to {end}",
    "impact_design_expected_up": "Expected effect: a rise of at least {value}",
    "impact_design_expected_down": "Expected effect: a fall of at least {value}",
    "impact_waiting_days": (
        "{days} more days of data to collect before an estimate can be trusted (four weeks "
        "after the intervention)."
    ),
    "impact_waiting_one_day": (
        "1 more day of data to collect before an estimate can be trusted (four weeks after "
        "the intervention)."
    ),
    "impact_waiting_no_data": (
        "No data yet for this experiment: the estimate will come with them."
    ),
    "impact_planned_ready": (
        "There are enough data: the team may set the experiment to 'running' to estimate it."
    ),
    "impact_planned": "Planned experiment: no estimate is computed.",
    "impact_shared_on_public_page": (
        "The page '{page}' is public, but the estimate of the experiment '{experiment}' is "
        "computed on the shared data ({datasets}) without small-group protection: set "
        "'access: team' on this page."
    ),
    "impact_shared_public": (
        "This estimate is computed on shared data ({datasets}) without small-group "
        "protection: it is shown to the team only."
    ),
    "impact_unknown_experiment": (
        "The experiment '{name}' does not exist (experiments: {available})."
    ),
    "cli_experiment_none": "No experiment is declared in this blueprint.",
    "cli_experiment_unknown": (
        "Unknown experiment: '{name}'. Experiments declared: {available}.{suggestion}"
    ),
    "cli_experiment_strict_failed": (
        "{count} experiment(s) without a trustworthy estimate: {names} (--strict)."
    ),
    "report_experiment_title": "Experiment '{title}' ({id})",
    "report_status": "Status",
    "report_method": "Method",
    "report_method_did": "difference-in-differences",
    "report_method_its": "interrupted time series",
    "report_indicator": "Indicator",
    "report_intervention": "Intervention",
    "report_periods": "Periods",
    "report_periods_value": "{before} before ({baseline}), {after} after ({after_window})",
    "report_estimate": "Estimate",
    "report_percent": "In percent",
    "report_p_value": "p-value",
    "report_conclusion": "Conclusion",
    "report_checks": "Checks",
    "report_notes": "Notes",
    "report_trustworthy": "Trustworthy",
    "report_yes": "yes",
    "report_no": "no",
    "report_field": "Item",
    "report_value": "Value",
    "report_none": "—",
}
