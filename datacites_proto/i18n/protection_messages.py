"""Messages for small-group protection of shared datasets on public pages (merged values, snapped ranges, rows set aside).

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {}

EN: dict[str, str] = {}
