"""Messages of the page header (the active filters told in words) and of the page layout.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "header_period": "Du {start} au {end}",
    "header_period_day": "Le {day}",
    "header_period_all": "Toute la période, du {start} au {end}",
    "header_period_no_data": "Toute la période",
    "header_filter": "{label}\u202f: {values}",
    "header_all": "tous",
    "header_between": "de {low} à {high}",
    "header_on": "oui",
    "header_off": "non",
    "header_more": "{values} et {count} autres",
    "width_outside_row": (
        "« width » ne compte que dans une rangée : cette vue est seule sur sa ligne et prend "
        "toute la largeur. Placez-la dans « row: [...] » avec d'autres vues, ou retirez "
        "« width »."
    ),
}

EN: dict[str, str] = {
    "header_period": "{start} – {end}",
    "header_period_day": "{day}",
    "header_period_all": "Whole period, {start} – {end}",
    "header_period_no_data": "Whole period",
    "header_filter": "{label}: {values}",
    "header_all": "all",
    "header_between": "{low} to {high}",
    "header_on": "yes",
    "header_off": "no",
    "header_more": "{values} and {count} more",
    "width_outside_row": (
        "`width` counts only in a row: this view is alone on its line and takes the whole "
        "width. Put it in `row: [...]` with other views, or remove `width`."
    ),
}
