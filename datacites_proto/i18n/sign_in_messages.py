"""Messages for the team sign-in limiter, the team page without a password and restricted downloads.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "team_busy": "Beaucoup d'essais de connexion en ce moment : réessayez dans {seconds} s.",
    "team_not_configured": "L'accès de l'équipe n'est pas configuré pour ce service.",
    "team_setup_hint": "Des pages ou des données de « {path} » sont réservées à l'équipe, mais aucun moyen de connexion n'est configuré : définissez un mot de passe avec `datacites team set-password {folder}`, ou une connexion par compte (section [auth] de .streamlit/secrets.toml).",
    "team_hash_invalid_hint": "Le mot de passe de l'équipe de « {path} » est mal enregistré (team_password_hash illisible) : redéfinissez-le avec `datacites team set-password {folder}`.",
    "private_download_unavailable": "Téléchargement indisponible ici : les fichiers réservés à l'équipe ne sont servis que par `datacites run` ou par le dossier de `datacites build`, à un navigateur connecté.",
    "private_download_refused": "Ce lien de téléchargement n'est pas (ou plus) valable pour ce navigateur : il ne sert qu'une fois, au navigateur de l'équipe connecté qui l'a demandé. Rouvrez la page et cliquez de nouveau sur « Télécharger ces lignes (CSV) ».",
    "cli_run_trusted_proxy": "Adresses des visiteurs lues dans X-Forwarded-For quand la connexion vient de : {proxies}.",
    "cli_run_bad_proxy": "« {value} » (--trusted-proxy) n'est ni une adresse IP ni un réseau (ex. 127.0.0.1, 10.0.0.0/8) : corrigez l'option.",
}

EN: dict[str, str] = {
    "team_busy": "Many sign-in attempts right now: try again in {seconds} s.",
    "team_not_configured": "Team access is not configured for this service.",
    "team_setup_hint": "Pages or data of '{path}' are for the team only, but no way to sign in is configured: set a password with `datacites team set-password {folder}`, or account sign-in (the [auth] section of .streamlit/secrets.toml).",
    "team_hash_invalid_hint": "The team password of '{path}' is stored wrongly (unreadable team_password_hash): set it again with `datacites team set-password {folder}`.",
    "private_download_unavailable": "Download unavailable here: team-only files are served only by `datacites run` or a `datacites build` folder, to a signed-in browser.",
    "private_download_refused": "This download link is not (or no longer) valid for this browser: it serves once, to the signed-in team browser that asked for it. Reopen the page and click 'Download these rows (CSV)' again.",
    "cli_run_trusted_proxy": "Visitors' addresses read from X-Forwarded-For when the connection comes from: {proxies}.",
    "cli_run_bad_proxy": "'{value}' (--trusted-proxy) is neither an IP address nor a network (e.g. 127.0.0.1, 10.0.0.0/8): correct the option.",
}
