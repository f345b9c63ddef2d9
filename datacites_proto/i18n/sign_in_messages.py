"""Messages for the team sign-in limiter, the team page without a password and restricted downloads.

Each code exists in FR and EN; both are merged into the catalogues of fr.py and en.py.
"""

from __future__ import annotations

FR: dict[str, str] = {}

EN: dict[str, str] = {}
