"""Moved to `datacites_proto.sources.reading.excel_reading`: this name is the same module object."""

from __future__ import annotations

import sys

from datacites_proto.sources.reading import excel_reading

# An alias, not a copy, so that tests patching it and existing importers see one module.
sys.modules[__name__] = excel_reading
