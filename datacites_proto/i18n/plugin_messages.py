"""Messages about the messages a plugin ships (`register_messages`, issue 12).

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "plugin_messages_builtin": (
        "L'extension « {owner} » redéfinit le message « {code} », qui appartient aux "
        "composants fournis : donnez-lui un code à elle, préfixé de son nom par exemple."
    ),
    "plugin_messages_taken": (
        "L'extension « {owner} » donne au message « {code} » un autre texte que l'extension "
        "« {other} », qui l'a déclaré avant elle : préfixez vos codes du nom de l'extension."
    ),
    "plugin_messages_no_french": (
        "Le message « {code} » de l'extension « {owner} » n'existe pas en français : chaque "
        "message s'écrit d'abord en français, l'anglais se rabat sur lui."
    ),
    "plugin_messages_lang": (
        "L'extension « {owner} » fournit des messages en « {lang} », langue non prise en "
        "charge (langues : {langs})."
    ),
}

EN: dict[str, str] = {
    "plugin_messages_builtin": (
        "The plugin '{owner}' redefines the message '{code}', which belongs to the built-in "
        "components: give it a code of its own, prefixed with the plugin's name for instance."
    ),
    "plugin_messages_taken": (
        "The plugin '{owner}' gives the message '{code}' another text than the plugin "
        "'{other}', which declared it first: prefix your codes with the plugin's name."
    ),
    "plugin_messages_no_french": (
        "The message '{code}' of the plugin '{owner}' has no French text: every message is "
        "written in French first, and English falls back to it."
    ),
    "plugin_messages_lang": (
        "The plugin '{owner}' ships messages in '{lang}', a language not supported "
        "(languages: {langs})."
    ),
}
