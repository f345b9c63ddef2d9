"""Help of the `datacites` command, its sub-commands and their options, in French and English.

Codes: `cli_help_<command path>` for a command (`root`, `validate`, `team_set_password`),
`cli_help_<command path>__<parameter>` for one option or argument, and `cli_help__<parameter>`
for a parameter that says the same in every command (`path`, `output`, `help`).
Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # Words of the help screen itself.
    "cli_help_word_usage": "Utilisation : ",
    "cli_help_word_arguments": "Arguments",
    "cli_help_word_options": "Options",
    "cli_help_word_commands": "Commandes",
    "cli_help_word_default": "[par défaut : {value}]",
    "cli_help_word_envvar": "[variable d'environnement : {value}]",
    "cli_help_word_required": "[obligatoire]",
    "cli_help_word_deprecated": "(obsolète) ",
    "cli_help_word_error": "Erreur",
    "cli_help_word_aborted": "Abandon.",
    "cli_help_word_try_help": "Essayez [blue]« {command_path} {help_option} »[/] pour l'aide.",
    "cli_help_word_subcommand": "COMMANDE [ARGUMENTS]...",
    # Parameters shared by several commands.
    "cli_help__help": "Afficher cette aide et quitter.",
    "cli_help__path": "Fichier blueprint ou dossier du projet.",
    "cli_help__output": "Écrire dans ce fichier plutôt qu'à l'écran.",
    "cli_help__builtin": "Seulement les composants de ce paquet, sans ceux des extensions.",
    # The command and its sub-commands.
    "cli_help_root": (
        "DataCités Proto : prototyper des services de données urbaines à partir d'un blueprint."
    ),
    "cli_help_root__lang": "Langue des messages : fr ou en.",
    "cli_help_root__debug": "Afficher la pile d'appels des erreurs internes.",
    "cli_help_root__version": "Afficher la version.",
    "cli_help_validate": (
        "Vérifier des blueprints : code 0 s'ils sont valides, 1 sinon, 2 pour une erreur "
        "d'utilisation."
    ),
    "cli_help_validate__paths": "Fichiers blueprint (.yaml, .py) ou dossiers de projet.",
    "cli_help_validate__output_format": (
        "text pour les personnes, json pour les éditeurs et l'intégration continue."
    ),
    "cli_help_validate__strict": "Traiter les avertissements comme des erreurs.",
    "cli_help_validate__data": (
        "Charger aussi chaque jeu de données et vérifier ses lignes (types, contraintes, clés)."
    ),
    "cli_help_validate__expiry_warning_days": (
        "Avertir ce nombre de jours avant la fin d'une convention (après sa fin, c'est une erreur)."
    ),
    "cli_help_schema": (
        "Afficher (ou écrire) le schéma JSON, pour la complétion et les vérifications de l'éditeur."
    ),
    "cli_help_components": (
        "Lister les composants installés : genre, type, distribution, version."
    ),
    "cli_help_components__as_json": "Afficher du JSON plutôt qu'un tableau.",
    "cli_help_describe": (
        "Valider un blueprint, puis montrer ses jeux de données, indicateurs et pages."
    ),
    "cli_help_reference": (
        "Afficher (ou écrire) la référence de chaque clé du blueprint, dans la langue choisie."
    ),
    "cli_help_run": (
        "Servir le blueprint dans le navigateur ; la page se recharge quand le blueprint ou "
        "ses données changent."
    ),
    "cli_help_run__host": ("Adresse d'écoute ; 127.0.0.1 garde le service sur cette machine."),
    "cli_help_run__port": "Port d'écoute.",
    "cli_help_run__no_browser": "Ne pas ouvrir le service dans un navigateur.",
    "cli_help_run__force": (
        "Démarrer même si le blueprint est invalide : l'application montre ses problèmes."
    ),
    "cli_help_run__reload": (
        "Recharger la page ouverte quand le blueprint ou ses données changent."
    ),
    "cli_help_run__trusted_proxy": (
        "Adresse ou réseau d'un proxy inverse dont l'en-tête X-Forwarded-For est cru "
        "(répétable ; par défaut : DATACITES_TRUSTED_PROXIES, sinon aucun)."
    ),
    "cli_help_build": (
        "Écrire un dossier autonome qui sert le service : application, données, paquets "
        "aux versions figées."
    ),
    "cli_help_build__output": "Dossier où écrire le service.",
    "cli_help_build__force": "Écrire dans un dossier qui n'est pas vide.",
    "cli_help_convert": ("Convertir un blueprint de YAML en Python, ou de Python en YAML."),
    "cli_help_convert__source": (
        "Le blueprint à convertir (.yaml, .yml ou .py), ou le dossier de son projet."
    ),
    "cli_help_convert__force": "Remplacer le fichier de sortie s'il existe.",
    "cli_help_test": (
        "Afficher chaque page sans navigateur, filtres à leur valeur par défaut puis à une "
        "autre valeur."
    ),
    "cli_help_test__output_format": ("text pour les personnes, json pour l'intégration continue."),
    "cli_help_test__timeout": "Secondes que peut prendre l'affichage d'une page.",
    "cli_help_new": (
        "Créer un projet de service à partir d'un modèle, rempli avec le canevas du service."
    ),
    "cli_help_new__name": "Dossier du nouveau projet.",
    "cli_help_new__template": "Modèle de départ (voir --list).",
    "cli_help_new__no_input": "Ne rien demander : les réponses par défaut du modèle.",
    "cli_help_new__config": "Fichier YAML de réponses (titre, insee…) ; ne demande rien.",
    "cli_help_new__force": "Écrire dans un dossier existant.",
    "cli_help_new__list_templates": "Lister les modèles, y compris ceux des extensions.",
    "cli_help_feedback": (
        "Exporter ou purger les avis des habitants (DATACITES_STORE_URL ou "
        ".datacites/store.sqlite)."
    ),
    "cli_help_feedback_export": (
        "Écrire les avis du service, les plus récents d'abord, en CSV ou en JSON."
    ),
    "cli_help_feedback_export__output_format": "csv ou json.",
    "cli_help_feedback_purge": (
        "Supprimer les avis et les événements d'usage du service plus anciens que la durée "
        "de conservation."
    ),
    "cli_help_feedback_purge__days": (
        "Supprimer ce qui est plus ancien que ce nombre de jours ; par défaut "
        "service.retention_days."
    ),
    "cli_help_team": "Accès de l'équipe : le mot de passe qui ouvre les pages d'équipe.",
    "cli_help_team_set_password": (
        "Définir le mot de passe de l'équipe : seule son empreinte salée est écrite, dans "
        ".streamlit/secrets.toml."
    ),
    "cli_help_team_set_password__password_stdin": (
        "Lire le mot de passe sur la première ligne de l'entrée standard."
    ),
    "cli_help_catalog": (
        "Le catalogue du service pour les portails de données (DCAT-AP 3.0.1, conventions "
        "ODRL 2.2)."
    ),
    "cli_help_catalog_export": (
        "Exporter les jeux de données (couverture temporelle lue dans les données) et leurs "
        "conventions."
    ),
    "cli_help_catalog_export__output_format": (
        "jsonld ou ttl : le catalogue DCAT-AP ; odrl : les conventions seules (JSON-LD)."
    ),
    "cli_help_catalog_export__base_uri": (
        "Adresse où le service est publié ; chaque IRI commence par elle (par défaut "
        "https://datacites.invalid/services/SERVICE_ID/, jamais résolue)."
    ),
    "cli_help_governance": (
        "Le registre de gouvernance des données que demande un délégué à la protection des "
        "données ou un partenaire."
    ),
    "cli_help_governance_report": (
        "Chaque jeu de données : producteur, licence, accès, colonnes personnelles, seuil, "
        "convention et échéance, et les indicateurs, vues et pages qui l'utilisent, à quel "
        "niveau (.md, .html, .csv)."
    ),
    "cli_help_governance_report__as_of": (
        "Date à partir de laquelle on compte les jours restants des conventions "
        "(AAAA-MM-JJ) ; par défaut aujourd'hui."
    ),
    "cli_help_experiment": (
        "Expérimentations : l'effet mesuré d'une intervention et ses contrôles d'honnêteté."
    ),
    "cli_help_experiment_report": (
        "L'effet estimé de chaque expérimentation, son intervalle à 95 % et ses contrôles "
        "d'honnêteté."
    ),
    "cli_help_experiment_report__experiment_id": ("Une expérimentation ; par défaut : toutes."),
    "cli_help_experiment_report__output_format": "md (pour l'équipe) ou json.",
    "cli_help_experiment_report__strict": (
        "Sortir avec le code 1 quand une expérimentation qui n'est pas planifiée n'a pas "
        "d'estimation fiable (un contrôle a échoué, ou trop peu de données)."
    ),
}

EN: dict[str, str] = {
    "cli_help_word_usage": "Usage: ",
    "cli_help_word_arguments": "Arguments",
    "cli_help_word_options": "Options",
    "cli_help_word_commands": "Commands",
    "cli_help_word_default": "[default: {value}]",
    "cli_help_word_envvar": "[env var: {value}]",
    "cli_help_word_required": "[required]",
    "cli_help_word_deprecated": "(deprecated) ",
    "cli_help_word_error": "Error",
    "cli_help_word_aborted": "Aborted.",
    "cli_help_word_try_help": "Try [blue]'{command_path} {help_option}'[/] for help.",
    "cli_help_word_subcommand": "COMMAND [ARGS]...",
    "cli_help__help": "Show this message and exit.",
    "cli_help__path": "Blueprint file or project folder.",
    "cli_help__output": "Write to this file instead of the screen.",
    "cli_help__builtin": "Only this package's components, not plugins'.",
    "cli_help_root": "DataCités Proto: prototype urban data services from a blueprint.",
    "cli_help_root__lang": "Language of messages: fr or en.",
    "cli_help_root__debug": "Show tracebacks of internal errors.",
    "cli_help_root__version": "Show the version.",
    "cli_help_validate": ("Check blueprints: exit 0 when valid, 1 when not, 2 on a usage error."),
    "cli_help_validate__paths": "Blueprint files (.yaml, .py) or project folders.",
    "cli_help_validate__output_format": "text for people, json for editors and CI.",
    "cli_help_validate__strict": "Treat warnings as errors.",
    "cli_help_validate__data": (
        "Also load every dataset and check its rows (types, constraints, keys)."
    ),
    "cli_help_validate__expiry_warning_days": (
        "Warn this many days before an agreement ends (after its end, it is an error)."
    ),
    "cli_help_schema": ("Print (or write) the JSON Schema, for editor completion and checks."),
    "cli_help_components": "List installed components: kind, type, distribution, version.",
    "cli_help_components__as_json": "Print JSON instead of a table.",
    "cli_help_describe": ("Validate a blueprint, then show its datasets, indicators and pages."),
    "cli_help_reference": (
        "Print (or write) the reference of every blueprint key, in the chosen language."
    ),
    "cli_help_run": (
        "Serve the blueprint in the browser; the page reloads when the blueprint or its data "
        "change."
    ),
    "cli_help_run__host": ("Address to listen on; 127.0.0.1 keeps the service on this machine."),
    "cli_help_run__port": "Port to listen on.",
    "cli_help_run__no_browser": "Do not open the service in a browser.",
    "cli_help_run__force": ("Start even if the blueprint is invalid: the app shows its problems."),
    "cli_help_run__reload": "Reload the open page when the blueprint or its data change.",
    "cli_help_run__trusted_proxy": (
        "Address or network of a reverse proxy whose X-Forwarded-For is believed "
        "(repeatable; default: DATACITES_TRUSTED_PROXIES, else none)."
    ),
    "cli_help_build": (
        "Write a self-contained folder that serves the service: app, data, pinned packages."
    ),
    "cli_help_build__output": "Folder to write the service into.",
    "cli_help_build__force": "Write into a folder that is not empty.",
    "cli_help_convert": "Convert a blueprint from YAML to Python, or from Python to YAML.",
    "cli_help_convert__source": (
        "The blueprint to convert (.yaml, .yml or .py), or its project folder."
    ),
    "cli_help_convert__force": "Replace the output file if it exists.",
    "cli_help_test": ("Render every page headless, filters at their default and at another value."),
    "cli_help_test__output_format": "text for people, json for CI.",
    "cli_help_test__timeout": "Seconds a page may take to render.",
    "cli_help_new": ("Create a service project from a template, filled with the service canvas."),
    "cli_help_new__name": "Folder of the new project.",
    "cli_help_new__template": "Template to start from (see --list).",
    "cli_help_new__no_input": "Ask nothing: the template's default answers.",
    "cli_help_new__config": "YAML file of answers (title, insee…); asks nothing.",
    "cli_help_new__force": "Write into an existing folder.",
    "cli_help_new__list_templates": "List the templates, plugins' included.",
    "cli_help_feedback": (
        "Export or purge the citizens' feedback (DATACITES_STORE_URL or .datacites/store.sqlite)."
    ),
    "cli_help_feedback_export": "Write the service's feedback, newest first, as CSV or JSON.",
    "cli_help_feedback_export__output_format": "csv or json.",
    "cli_help_feedback_purge": (
        "Delete the service's feedback and usage events older than the retention period."
    ),
    "cli_help_feedback_purge__days": (
        "Delete what is older than this; default service.retention_days."
    ),
    "cli_help_team": "Team access: the password that opens the team pages.",
    "cli_help_team_set_password": (
        "Set the team password: only its salted hash is written, in .streamlit/secrets.toml."
    ),
    "cli_help_team_set_password__password_stdin": (
        "Read the password from the first line of standard input."
    ),
    "cli_help_catalog": (
        "The service's catalogue for data portals (DCAT-AP 3.0.1, ODRL 2.2 agreements)."
    ),
    "cli_help_catalog_export": (
        "Export the datasets (time coverage read from the data) and their agreements."
    ),
    "cli_help_catalog_export__output_format": (
        "jsonld or ttl: the DCAT-AP catalogue; odrl: the agreements alone (JSON-LD)."
    ),
    "cli_help_catalog_export__base_uri": (
        "Address where the service is published; every IRI starts with it (default "
        "https://datacites.invalid/services/SERVICE_ID/, never resolved)."
    ),
    "cli_help_governance": (
        "The data governance register a data protection officer or a partner asks for."
    ),
    "cli_help_governance_report": (
        "Every dataset: producer, licence, access, personal columns, threshold, agreement and "
        "expiry, and which indicators, views and pages use it, at what level (.md, .html, "
        ".csv)."
    ),
    "cli_help_governance_report__as_of": (
        "Date the agreements' days left are counted from (YYYY-MM-DD); default today."
    ),
    "cli_help_experiment": (
        "Experiments: the measured effect of an intervention and its honesty checks."
    ),
    "cli_help_experiment_report": (
        "The estimated effect of each experiment, its 95 % interval and honesty checks."
    ),
    "cli_help_experiment_report__experiment_id": "One experiment; default: all of them.",
    "cli_help_experiment_report__output_format": "md (for the team) or json.",
    "cli_help_experiment_report__strict": (
        "Exit with code 1 when an experiment that is not planned has no trustworthy estimate "
        "(a check failed, or too little data)."
    ),
}
