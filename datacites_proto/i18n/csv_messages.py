"""Messages for reading CSV files: widths, oversized fields, encodings and rows checked against lines.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "csv_too_many_columns": (
        "L'en-tête de « {path} » compte au moins {count} colonnes, au-delà de la limite de"
        " {limit} : ne gardez que les colonnes utiles, ou découpez le fichier en plusieurs."
    ),
    "csv_header_too_long": (
        "La ligne d'en-tête de « {path} » ne se termine pas dans ses {limit_kb} premiers Ko :"
        " un nom de colonne est démesuré ou un guillemet n'est pas refermé ; corrigez la"
        " première ligne du fichier."
    ),
    "csv_no_rows": (
        "« {path} » a un en-tête (ligne {line}, {count} colonnes) mais aucune ligne de données :"
        " ajoutez des lignes sous l'en-tête, ou vérifiez que c'est le bon fichier."
    ),
    "csv_record_too_long": (
        "« {path} » {where} : une ligne de {size_mb} Mo dépasse la limite de {limit_mb} Mo"
        " ({rows}) ; son champ le plus long est dans la colonne « {column} » : il est"
        " anormalement long ou un guillemet n'y est pas refermé ; corrigez cette ligne."
    ),
    "csv_rows_mismatch": (
        "« {path} » : {read} {read:plural:ligne lue|lignes lues} pour {records} {records:plural:ligne|lignes} de données dans le fichier ;"
        " des lignes n'ont pas pu être lues : vérifiez les guillemets et les fins de ligne."
    ),
    "csv_mixed_encoding": (
        "« {path} » {where} : ce texte est en UTF-8 alors que le début du fichier est en"
        " {encoding} (accents lus comme « Ã© ») ; un fichier n'a qu'un encodage :"
        " réenregistrez-le entièrement en UTF-8."
    ),
    "csv_columns_more": "{shown} … et {count} autres",
    "csv_columns_see_above": "voir plus haut",
}

EN: dict[str, str] = {
    "csv_too_many_columns": (
        "The header of '{path}' has at least {count} columns, over the limit of {limit}:"
        " keep only the useful columns, or split the file."
    ),
    "csv_header_too_long": (
        "The header line of '{path}' does not end within its first {limit_kb} KB: a column"
        " name is huge or a quote is not closed; fix the first line of the file."
    ),
    "csv_no_rows": (
        "'{path}' has a header (line {line}, {count} columns) but no data row: add rows"
        " under the header, or check that this is the right file."
    ),
    "csv_record_too_long": (
        "'{path}' {where}: a line of {size_mb} MB is over the {limit_mb} MB limit ({rows});"
        " its longest field is in the column '{column}': it is abnormally long or a quote is"
        " not closed in it; fix this line."
    ),
    "csv_rows_mismatch": (
        "'{path}': {read} {read:plural:row|rows} read for {records} data {records:plural:line|lines} in the file; some lines"
        " could not be read: check the quotes and line ends."
    ),
    "csv_mixed_encoding": (
        "'{path}' {where}: this text is UTF-8 while the start of the file is {encoding}"
        " (accents read as 'Ã©'); a file has one encoding: save all of it as UTF-8."
    ),
    "csv_columns_more": "{shown} … and {count} more",
    "csv_columns_see_above": "see above",
}
