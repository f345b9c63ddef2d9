"""Messages of `datacites convert` (a blueprint from YAML to Python and back).

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "convert_bad_source": (
        "« {path} » n'est ni un blueprint YAML (.yaml, .yml) ni un blueprint Python (.py)."
    ),
    "convert_bad_output": (
        "« {path} » : un blueprint {source} se convertit en fichier {expected}."
    ),
    "convert_output_exists": (
        "« {path} » existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer."
    ),
    "convert_same_file": "La sortie « {path} » est le fichier à convertir lui-même.",
    "convert_includes_inlined": (
        "Les fragments inclus ({names}) sont recopiés dans le fichier écrit : un blueprint "
        "Python n'a pas d'« include »."
    ),
    "convert_other_folder": (
        "« {path} » est dans un autre dossier que « {source} » : les chemins des données "
        "(relatifs au blueprint) n'y mènent plus aux mêmes fichiers."
    ),
    "convert_not_faithful": (
        "La conversion de « {path} » ne redonne pas le même blueprint ({detail}) : rien n'a "
        "été écrit. Signalez-le à l'équipe du projet."
    ),
}

EN: dict[str, str] = {
    "convert_bad_source": (
        "'{path}' is neither a YAML blueprint (.yaml, .yml) nor a Python blueprint (.py)."
    ),
    "convert_bad_output": "'{path}': a {source} blueprint converts to a {expected} file.",
    "convert_output_exists": (
        "'{path}' already exists: choose another name, or add --force to replace it."
    ),
    "convert_same_file": "The output '{path}' is the file being converted.",
    "convert_includes_inlined": (
        "The included fragments ({names}) are copied into the file written: a Python "
        "blueprint has no 'include'."
    ),
    "convert_other_folder": (
        "'{path}' is in another folder than '{source}': the data paths (relative to the "
        "blueprint) no longer lead to the same files there."
    ),
    "convert_not_faithful": (
        "Converting '{path}' does not give the same blueprint back ({detail}): nothing was "
        "written. Please report it to the project's team."
    ),
}
