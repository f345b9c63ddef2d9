"""The draft's status says the time as people write it, in the territories' timezone."""

from __future__ import annotations

import datetime as dt

from datacites_proto.views.assessment import clock_text, local_time


def test_a_store_time_in_utc_is_told_in_paris_time() -> None:
    winter = local_time(dt.datetime(2026, 1, 15, 13, 32))
    summer = local_time(dt.datetime(2026, 7, 15, 13, 5))
    assert clock_text(winter, "fr") == "14 h 32"
    assert clock_text(summer, "fr") == "15 h 05"
    assert clock_text(summer, "en") == "15:05"
    assert local_time(dt.datetime(2026, 3, 1, 23, 30)).date() == dt.date(2026, 3, 2)
