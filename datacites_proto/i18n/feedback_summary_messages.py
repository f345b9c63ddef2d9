"""Messages of the team's feedback summary: a few ratings told in words, filters and answers
as readable cells.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "summary_few_ratings": "Trop peu de notes pour un graphique ; les voici jour par jour :",
    "summary_day_ratings": "{date} : {parts}",
    "summary_filter_part": "{label} : {values}",
}

EN: dict[str, str] = {
    "summary_few_ratings": "Too few ratings for a chart; here they are day by day:",
    "summary_day_ratings": "{date}: {parts}",
    "summary_filter_part": "{label}: {values}",
}
