"""Messages for comparisons the data does not support (a period starting before the first
day of data, ending after the last, or with too many days without data).

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "coverage_no_comparison": "Pas de comparaison — {reasons}.",
    "coverage_joiner": " ; ",
    "coverage_previous_data_since": "période précédente incomplète : données depuis le {first}",
    "coverage_current_data_since": "période affichée incomplète : données depuis le {first}",
    "coverage_previous_data_until": "période précédente incomplète : données jusqu'au {last}",
    "coverage_current_data_until": "période affichée incomplète : données jusqu'au {last}",
    "coverage_previous_no_data": "aucune donnée pour la période précédente",
    "coverage_current_no_data": "aucune donnée pour la période affichée",
    "coverage_previous_gaps": "{missing} jours sans données dans la période précédente",
    "coverage_previous_gaps_one": "{missing} jour sans données dans la période précédente",
    "coverage_current_gaps": "{missing} jours sans données dans la période affichée",
    "coverage_current_gaps_one": "{missing} jour sans données dans la période affichée",
}

EN: dict[str, str] = {
    "coverage_no_comparison": "No comparison — {reasons}.",
    "coverage_joiner": "; ",
    "coverage_previous_data_since": "previous period incomplete: data since {first}",
    "coverage_current_data_since": "current period incomplete: data since {first}",
    "coverage_previous_data_until": "previous period incomplete: data until {last}",
    "coverage_current_data_until": "current period incomplete: data until {last}",
    "coverage_previous_no_data": "no data for the previous period",
    "coverage_current_no_data": "no data for the current period",
    "coverage_previous_gaps": "{missing} days without data in the previous period",
    "coverage_previous_gaps_one": "{missing} day without data in the previous period",
    "coverage_current_gaps": "{missing} days without data in the current period",
    "coverage_current_gaps_one": "{missing} day without data in the current period",
}
