"""Messages for reading CSV files: widths, oversized fields, encodings and rows checked against lines.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {}

EN: dict[str, str] = {}
