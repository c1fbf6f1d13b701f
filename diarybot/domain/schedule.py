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


def rebase_reminded_day(profile: Profile, new_tz_name: str) -> date | None:
    """`last_reminded` re-expressed in a new time zone: the local day there of the instant the
    last reminder went out.

    Kept as it was, the marker names a day of the old zone: moving west right after a 05:00
    Berlin reminder (23:00 the evening before in New York) would mark New York's next day as
    reminded, and it would get none. Moving east, the marker moves to the later day, so one
    local day never gets two. Without a stored instant (files from before it was kept, or a
    claim given back after a failed send), the reminder time on that day stands in for it.
    """
    day = profile.last_reminded
    if day is None:
        return None
    old_tz = zone(profile.timezone)
    sent = profile.last_reminded_at
    if sent is None or local_date(sent, old_tz) != day:
        sent = instant_on(day, profile.reminder_time, old_tz)
    return local_date(sent, zone(new_tz_name))


def weekday_due(
    weekday: int, at: time, tz_name: str, last_sent: date | None, now: datetime
) -> bool:
    """The rule every weekly item shares (weekly chart, PEG, specialist digest): due on
    `weekday` (0 = Monday) once local `at` has passed, and only if not yet sent that day."""
    tz = zone(tz_name)
    today = local_date(now, tz)
    return today.weekday() == weekday and last_sent != today and now >= instant_on(today, at, tz)
