"""Moved to `datacites_proto.sources.reading.constraints`: this name is the same module object."""

from __future__ import annotations

import sys

from datacites_proto.sources.reading import constraints

# An alias, not a copy, so that tests patching it and existing importers see one module.
sys.modules[__name__] = constraints
