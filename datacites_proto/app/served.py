"""What `datacites run` serves: the app script as an `st.App`, warmed up before it listens.

`streamlit run` finds `app` by reading this file (it must stay a module-level `st.App`
call) and serves it with its lifespan (app/launch.py), and the route of the team's
one-time downloads (app/private_download.py); its pages say the service's language
(app/document_language.py).
"""

from pathlib import Path

import streamlit as st

from datacites_proto.app import document_language, private_download
from datacites_proto.app.launch import lifespan_for

app = st.App(
    Path(__file__).with_name("script.py"),
    lifespan=lifespan_for(),
    routes=private_download.routes(),
    middleware=[*private_download.middleware(), *document_language.middleware()],
)
