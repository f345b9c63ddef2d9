"""Messages for reading GeoJSON and Excel files: limits on features, properties and nesting, broken workbooks.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "geojson_too_deep": (
        "« {path} » : imbrication trop profonde (plus de {limit} niveaux de [ ] ou {{ }} "
        "à la ligne indiquée). Une géométrie GeoJSON n'en demande que quelques-uns : "
        "réexportez le fichier depuis votre SIG ou corrigez-le."
    ),
    "geojson_number_too_long": (
        "« {path} » : un nombre de plus de {limit} chiffres à la ligne indiquée, illisible. "
        "Écrivez-le entre guillemets (c'est sans doute un identifiant) ou corrigez-le."
    ),
    "geojson_too_many_features": (
        "« {path} » contient {count} entités, au-delà de la limite de {limit} : "
        "découpez le fichier ou convertissez-le en Parquet (GeoParquet)."
    ),
    "geojson_too_many_properties": (
        "« {path} », entité n° {feature} : {count} propriétés, au-delà de la limite de {limit} "
        "(par entité et sur tout le fichier). Gardez les propriétés utiles au service "
        "(ogr2ogr -select, mapshaper -filter-fields)."
    ),
    "geojson_geometry_too_big": (
        "« {path} », entité n° {feature} : la géométrie a {count} positions, au-delà de la "
        "limite de {limit}. Simplifiez-la (mapshaper -simplify, ogr2ogr -simplify)."
    ),
    "geojson_bad_geometry": (
        "« {path} », entité n° {feature} : « geometry » doit être un objet GeoJSON "
        "(avec « type » et « coordinates ») ou null, pas une valeur de type {found}."
    ),
    "excel_found_xls": (
        "c'est un ancien classeur .xls : ouvrez-le dans votre tableur et enregistrez-le au "
        "format « Classeur Excel (.xlsx) »"
    ),
    "excel_not_zip": (
        "ce n'est pas un classeur .xlsx, qui est une archive zip : enregistrez-le au format "
        "« Classeur Excel (.xlsx) », ou déclarez-le en CSV s'il en est un"
    ),
    "excel_too_big": (
        "« {path} » se décompresse en {size_mb} Mo (surtout « {part} »), au-delà de la "
        "limite de {limit_mb} Mo : le fichier est corrompu ou trop gros pour un classeur ; "
        "convertissez la feuille en CSV ou en Parquet."
    ),
    "excel_broken_sheet": (
        "La feuille « {sheet} » de « {path} » est illisible à partir de la ligne {line} "
        "({detail}) : ouvrez le classeur dans votre tableur et réenregistrez-le."
    ),
    "excel_too_many_cells": (
        "La feuille « {sheet} » de « {path} » dépasse {limit} cellules à la ligne {line} "
        "(cellules vides comprises) : supprimez les lignes et colonnes inutiles, ou "
        "convertissez la feuille en CSV ou en Parquet."
    ),
    "excel_too_many_rows": (
        "La feuille « {sheet} » de « {path} » a des lignes au-delà de la ligne {limit}, "
        "la limite d'Excel : le classeur est corrompu ; réenregistrez-le depuis votre tableur "
        "ou convertissez la feuille en CSV."
    ),
    "excel_no_sheet": (
        "« {path} » n'a aucune feuille de calcul lisible : ouvrez le classeur dans votre "
        "tableur, vérifiez qu'il contient une feuille de données et réenregistrez-le."
    ),
    "excel_too_many_columns": (
        "La ligne d'en-tête de la feuille « {sheet} » de « {path} » a {count} colonnes, "
        "au-delà de la limite de {limit} : gardez les colonnes utiles au service."
    ),
}

EN: dict[str, str] = {
    "geojson_too_deep": (
        "'{path}': nesting too deep (more than {limit} levels of [ ] or {{ }} at the line "
        "shown). A GeoJSON geometry needs only a few: export the file again from your GIS or "
        "fix it."
    ),
    "geojson_number_too_long": (
        "'{path}': a number of more than {limit} digits at the line shown cannot be read. "
        "Write it in quotes (it is probably an identifier) or fix it."
    ),
    "geojson_too_many_features": (
        "'{path}' has {count} features, over the limit of {limit}: split the file or convert "
        "it to Parquet (GeoParquet)."
    ),
    "geojson_too_many_properties": (
        "'{path}', feature {feature}: {count} properties, over the limit of {limit} (per "
        "feature and over the whole file). Keep the properties the service uses "
        "(ogr2ogr -select, mapshaper -filter-fields)."
    ),
    "geojson_geometry_too_big": (
        "'{path}', feature {feature}: the geometry has {count} positions, over the limit of "
        "{limit}. Simplify it (mapshaper -simplify, ogr2ogr -simplify)."
    ),
    "geojson_bad_geometry": (
        "'{path}', feature {feature}: 'geometry' must be a GeoJSON object (with 'type' and "
        "'coordinates') or null, not a {found}."
    ),
    "excel_found_xls": (
        "it is an old .xls workbook: open it in your spreadsheet and save it as "
        "'Excel Workbook (.xlsx)'"
    ),
    "excel_not_zip": (
        "it is not an .xlsx workbook, which is a zip archive: save it as 'Excel Workbook "
        "(.xlsx)', or declare it as CSV if it is one"
    ),
    "excel_too_big": (
        "'{path}' decompresses to {size_mb} MB (mostly '{part}'), over the limit of "
        "{limit_mb} MB: the file is corrupt or too big for a workbook; convert the sheet to "
        "CSV or Parquet."
    ),
    "excel_broken_sheet": (
        "The sheet '{sheet}' of '{path}' cannot be read from line {line} on ({detail}): open "
        "the workbook in your spreadsheet and save it again."
    ),
    "excel_too_many_cells": (
        "The sheet '{sheet}' of '{path}' goes over {limit} cells at line {line} (empty cells "
        "included): delete the unused rows and columns, or convert the sheet to CSV or Parquet."
    ),
    "excel_too_many_rows": (
        "The sheet '{sheet}' of '{path}' has rows past row {limit}, Excel's limit: the "
        "workbook is corrupt; save it again from your spreadsheet or convert the sheet to CSV."
    ),
    "excel_no_sheet": (
        "'{path}' has no readable worksheet: open the workbook in your spreadsheet, check "
        "that it holds a data sheet and save it again."
    ),
    "excel_too_many_columns": (
        "The header row of the sheet '{sheet}' of '{path}' has {count} columns, over the "
        "limit of {limit}: keep the columns the service uses."
    ),
}
