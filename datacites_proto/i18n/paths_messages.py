"""Messages for where a blueprint's files may be (paths, globs, includes), `datacites new`'s answers and blueprint size limits.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {}

EN: dict[str, str] = {}
