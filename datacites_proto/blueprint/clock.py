"""Today's date for governance (agreement ends, retention), in the service's timezone.

One clock for validation and run time alike: `DATACITES_TODAY=YYYY-MM-DD` sets the date
(tests, or rehearsing what a service will show once an agreement ends); otherwise it is
today in Europe/Paris, the timezone of the territories' agreements.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from datacites_proto.errors import CodedError

ENV_VAR = "DATACITES_TODAY"
TIMEZONE = ZoneInfo("Europe/Paris")


def today() -> dt.date:
    """`DATACITES_TODAY` when set, else today's date in Europe/Paris."""
    written = os.environ.get(ENV_VAR, "").strip()
    if not written:
        return dt.datetime.now(TIMEZONE).date()
    try:
        return dt.date.fromisoformat(written)
    except ValueError:
        raise CodedError("clock_bad_today", name=ENV_VAR, value=written) from None
