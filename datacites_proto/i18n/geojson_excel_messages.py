"""Messages for reading GeoJSON and Excel files: limits on features, properties and nesting, broken workbooks.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {}

EN: dict[str, str] = {}
