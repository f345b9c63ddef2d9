"""Messages for where a blueprint's files may be (paths, globs, includes), `datacites new`'s answers and blueprint size limits.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "size_megabytes": "{whole},{tenth} Mo",
    "path_match_outside_project": (
        "Le chemin « {path} » désigne « {match} », qui mène hors du dossier du projet "
        "(par « .. » ou par un lien symbolique) : écrivez un chemin qui reste dans le projet, "
        "ou copiez le fichier dans le projet."
    ),
    "blueprint_file_too_large": (
        "Le fichier « {path} » pèse {size} : c'est plus que la limite de {limit} pour un "
        "blueprint ou un fragment. Découpez-le en fragments (`include:`) ou placez les "
        "données dans des fichiers de données (CSV, Parquet)."
    ),
    "yaml_too_many_nodes": (
        "Le document YAML contient plus de {limit} valeurs : c'est trop pour un blueprint. "
        "Découpez-le en fragments (`include:`) ou placez les données dans des fichiers de "
        "données (CSV, Parquet)."
    ),
    "new_bad_folder_name": (
        "« {name} » n'est pas un nom de dossier utilisable pour un projet : utilisez des "
        "lettres, des chiffres, des espaces, « - », « _ » ou « . » (sans commencer par "
        "« . » ou « - », {max} caractères au plus), par exemple « mon-service »."
    ),
}

EN: dict[str, str] = {
    "size_megabytes": "{whole}.{tenth} MB",
    "path_match_outside_project": (
        "The path '{path}' matches '{match}', which leads outside the project folder "
        "(through '..' or a symbolic link): write a path that stays in the project, "
        "or copy the file into the project."
    ),
    "blueprint_file_too_large": (
        "The file '{path}' is {size}: more than the {limit} limit for a blueprint or a "
        "fragment. Split it into fragments (`include:`) or put the data in data files "
        "(CSV, Parquet)."
    ),
    "yaml_too_many_nodes": (
        "The YAML document holds more than {limit} values: too many for a blueprint. "
        "Split it into fragments (`include:`) or put the data in data files (CSV, Parquet)."
    ),
    "new_bad_folder_name": (
        "'{name}' cannot be used as a project folder name: use letters, digits, spaces, "
        "'-', '_' or '.' (not starting with '.' or '-', at most {max} characters), "
        "for example 'my-service'."
    ),
}
