"""Messages of the command line's usage errors (an unknown option, a missing argument…),
which click writes in English only.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "cli_usage_line": "Utilisation : {usage}",
    "cli_usage_hint": "Essayez « {command} {option} » pour l'aide.",
    "cli_usage_error": "Erreur : {message}",
    "cli_usage_no_such_option": "option inconnue : {name}.",
    "cli_usage_no_such_option_near": "option inconnue : {name} (options proches : {near}).",
    "cli_usage_no_such_command": "commande inconnue : « {name} ».",
    "cli_usage_missing_argument": "il manque l'argument « {name} ».",
    "cli_usage_missing_option": "il manque l'option « {name} ».",
    "cli_usage_bad_value": "valeur invalide pour « {name} » : {detail}",
    "cli_usage_extra_arguments": "{count:plural:argument inattendu|arguments inattendus} : {args}.",
}

EN: dict[str, str] = {
    "cli_usage_line": "Usage: {usage}",
    "cli_usage_hint": "Try '{command} {option}' for help.",
    "cli_usage_error": "Error: {message}",
    "cli_usage_no_such_option": "no such option: {name}.",
    "cli_usage_no_such_option_near": "no such option: {name} (close ones: {near}).",
    "cli_usage_no_such_command": "no such command '{name}'.",
    "cli_usage_missing_argument": "missing argument '{name}'.",
    "cli_usage_missing_option": "missing option '{name}'.",
    "cli_usage_bad_value": "invalid value for '{name}': {detail}",
    "cli_usage_extra_arguments": "unexpected {count:plural:argument|arguments}: {args}.",
}
