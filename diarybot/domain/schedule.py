"""When a daily reminder is due (pure): the rules that make it exactly once per local day."""

from __future__ import annotations

from datetime import date, datetime, time

from diarybot.domain.localtime import instant_on, local_date, zone
from diarybot.domain.people import Profile


def reminder_due(profile: Profile, now: datetime, checked_in_today: bool) -> bool:
    """Whether `profile` should get its reminder at `now`.

    Due once today's reminder time has passed in the patient's zone, unless reminders are off,
    the patient already checked in today, or today's reminder already went out (the day is
    stored, so this holds across restarts). A run that fires late, after local midnight, finds
    the new day's time not yet reached and sends nothing, rather than a reminder at 00:10.
    """
    if not profile.reminders_active or checked_in_today:
        return False
    tz = zone(profile.timezone)
    today = local_date(now, tz)
    if profile.last_reminded == today:
        return False
    return now >= instant_on(today, profile.reminder_time, tz)


def weekday_due(
    weekday: int, at: time, tz_name: str, last_sent: date | None, now: datetime
) -> bool:
    """The rule every weekly item shares (weekly chart, PEG, specialist digest): due on
    `weekday` (0 = Monday) once local `at` has passed, and only if not yet sent that day."""
    tz = zone(tz_name)
    today = local_date(now, tz)
    return today.weekday() == weekday and last_sent != today and now >= instant_on(today, at, tz)
