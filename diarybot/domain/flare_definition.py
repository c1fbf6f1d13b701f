"""When a day belongs to a flare: the two rules and their thresholds, shared by the report's
figures and the patient's flare message (pure)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta

from diarybot.domain.logged_days import LoggedDay

# --- Flares. A day belongs to a flare when either rule holds (thresholds need clinical
# sign-off; they are a starting point, not a validated definition):
#: (a) its daily maximum is >= this, and so is the day before's or the day after's;
FLARE_HIGH_SCORE = 7
#: (b) its daily mean is at least this many points above the patient's recent baseline, ...
FLARE_JUMP_POINTS = 3.0
#: ... the mean of the daily means of the previous this-many calendar days, ...
FLARE_BASELINE_DAYS = 14
#: ... provided at least this many of those days were logged (half the window), so that a
#: baseline of two or three scattered days does not turn an ordinary day into a "flare".
FLARE_BASELINE_MIN_DAYS = 7

#: Daily means are fractions like 16/3; "at least 3 above" must not fail on the last bit.
_EPSILON = 1e-9


def in_flare(day: date, days: Mapping[date, LoggedDay]) -> bool:
    """Whether `day` is in a flare by either rule (see the FLARE_* constants)."""
    if days[day].high >= FLARE_HIGH_SCORE:
        for neighbour in (day - timedelta(days=1), day + timedelta(days=1)):
            if neighbour in days and days[neighbour].high >= FLARE_HIGH_SCORE:
                return True
    window = (day - timedelta(days=offset) for offset in range(1, FLARE_BASELINE_DAYS + 1))
    baseline = [days[previous].mean for previous in window if previous in days]
    if len(baseline) < FLARE_BASELINE_MIN_DAYS:
        return False
    return days[day].mean >= math.fsum(baseline) / len(baseline) + FLARE_JUMP_POINTS - _EPSILON
