"""Blueprint Python construit avec les modèles, mais faux : « lang » vaut « breton ».

L'erreur de validation est signalée à la ligne qui construit le blueprint.
"""

from datacites_proto import Blueprint

blueprint = Blueprint.model_validate(
    {
        "datacites": 1,
        "service": {"id": "coeur-de-ville", "title": "Cœur de ville vivant", "lang": "breton"},
        "datasets": {"sites": {"source": {"type": "csv", "path": "data/sites.csv"}}},
        "pages": [{"title": "Accueil", "views": [{"type": "text", "markdown": "Bienvenue."}]}],
    }
)
