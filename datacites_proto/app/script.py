"""The script `streamlit run` executes: it serves the blueprint named by DATACITES_BLUEPRINT."""

import os
import sys

from datacites_proto.app.launch import BLUEPRINT_ENV
from datacites_proto.app.main import run

run(os.environ.get(BLUEPRINT_ENV) or (sys.argv[1] if len(sys.argv) > 1 else "blueprint.yaml"))
