"""Messages for YAML syntax problems that PyYAML words for its own developers (issue 15).

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "yaml_flow_mapping_separator": (
        "Il manque une virgule ou l'accolade fermante « }} » ici : l'accolade « {{ » "
        "ouverte ligne {open_line} sépare ses éléments par des virgules et se ferme par « }} »."
    ),
    "yaml_flow_sequence_separator": (
        "Il manque une virgule ou le crochet fermant « ] » ici : le crochet « [ » ouvert "
        "ligne {open_line} sépare ses éléments par des virgules et se ferme par « ] »."
    ),
    "yaml_bad_start_character": (
        "Le caractère « {char} » ne peut pas commencer une valeur YAML : mettez la valeur "
        "entre guillemets."
    ),
    "yaml_dash_in_mapping": (
        "Élément de liste « - » inattendu : indentez-le sous la clé dont il fait partie, ou "
        "ajoutez la clé qui manque avant lui."
    ),
    "yaml_text_after_value": (
        "Texte inattendu après une valeur : une valeur entre guillemets s'arrête au guillemet "
        "fermant ; mettez toute la valeur entre guillemets, ou passez à la ligne."
    ),
    "yaml_bad_anchor": (
        "Nom d'ancre ou d'alias YAML illisible après « & » ou « * » : utilisez des lettres, "
        "des chiffres, « - » ou « _ », ou mettez la valeur entre guillemets."
    ),
    "yaml_bad_block_scalar": (
        "Texte sur plusieurs lignes mal commencé : après « | » ou « > », passez à la ligne "
        "et indentez le texte."
    ),
}

EN: dict[str, str] = {
    "yaml_flow_mapping_separator": (
        "A comma or the closing brace '}}' is missing here: the brace '{{' opened on line "
        "{open_line} separates its items with commas and ends with '}}'."
    ),
    "yaml_flow_sequence_separator": (
        "A comma or the closing bracket ']' is missing here: the bracket '[' opened on line "
        "{open_line} separates its items with commas and ends with ']'."
    ),
    "yaml_bad_start_character": (
        "The character '{char}' cannot start a YAML value: put the value in quotes."
    ),
    "yaml_dash_in_mapping": (
        "Unexpected list item '-': indent it under the key it belongs to, or add the missing "
        "key before it."
    ),
    "yaml_text_after_value": (
        "Unexpected text after a value: a quoted value ends at its closing quote; quote the "
        "whole value, or start a new line."
    ),
    "yaml_bad_anchor": (
        "Unreadable YAML anchor or alias name after '&' or '*': use letters, digits, '-' or "
        "'_', or put the value in quotes."
    ),
    "yaml_bad_block_scalar": (
        "Badly started multi-line text: after '|' or '>', start a new line and indent the text."
    ),
}
