"""Messages for feedback limits: rate limits, answer sizes, declared choices, the cap and the team view's pages.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {}

EN: dict[str, str] = {}
