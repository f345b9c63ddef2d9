"""The council report: a service's public pages as a print-ready document (PDF through
WeasyPrint, or one self-contained HTML file), for `datacites report` and the app's
« Télécharger en PDF ». It sits between `app` and `views`: both the CLI and the app call it,
and it asks the views for their printed form (`View.document`)."""
