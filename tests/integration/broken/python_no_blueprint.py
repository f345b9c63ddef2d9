"""Blueprint Python sans variable « blueprint » : le dictionnaire s'appelle « service ».

DataCités cherche une variable nommée exactement « blueprint ».
"""

service = {
    "datacites": 1,
    "service": {"id": "coeur-de-ville", "title": "Cœur de ville vivant"},
    "datasets": {"sites": {"source": {"type": "csv", "path": "data/sites.csv"}}},
    "pages": [{"title": "Accueil", "views": [{"type": "text", "markdown": "Bienvenue."}]}],
}
