"""Blueprint Python qui échoue : le dictionnaire SETTINGS n'a pas de clé « titre ».

Le code d'un blueprint Python est celui de l'équipe : son erreur est signalée avec
la ligne où elle se produit, jamais avec une trace de pile.
"""

SETTINGS = {"title": "Cœur de ville vivant", "insee": "29233"}

blueprint = {
    "datacites": 1,
    "service": {
        "id": "coeur-de-ville",
        "title": SETTINGS["titre"],
    },
    "datasets": {"sites": {"source": {"type": "csv", "path": "data/sites.csv"}}},
    "pages": [{"title": "Accueil", "views": [{"type": "text", "markdown": "Bienvenue."}]}],
}
