"""Reminder instants in local time, DST changeover days included."""

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from diarybot.bot.reminders import LocalDailyTrigger
from diarybot.domain.localtime import instant_on, local_date, next_daily, zone
from diarybot.domain.people import Profile
from diarybot.domain.schedule import reminder_due

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def test_instant_in_two_timezones():
    assert instant_on(date(2026, 11, 2), time(20), BERLIN) == datetime(2026, 11, 2, 19, tzinfo=UTC)
    assert instant_on(date(2026, 11, 2), time(20), NEW_YORK) == datetime(
        2026, 11, 3, 1, tzinfo=UTC
    )


def test_nonexistent_time_on_spring_forward_is_moved_forward():
    # 2026-03-29 02:30 does not exist in Berlin: clocks jump from 02:00 to 03:00.
    got = instant_on(date(2026, 3, 29), time(2, 30), BERLIN)
    assert got.astimezone(BERLIN).time() == time(3, 30)


def test_ambiguous_time_on_fall_back_means_the_first():
    # 2026-10-25 02:30 happens twice in Berlin; we remind at the first one only.
    got = instant_on(date(2026, 10, 25), time(2, 30), BERLIN)
    assert got == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def _fire_times(trigger, start, days):
    fires, previous, now = [], None, start
    while True:
        nxt = trigger.get_next_fire_time(previous, now)
        if nxt > start + timedelta(days=days):
            return fires
        fires.append(nxt)
        previous = now = nxt


def test_trigger_fires_once_per_local_day_across_both_dst_changes():
    for tz_name, at in [("Europe/Berlin", time(2, 30)), ("America/New_York", time(1, 30))]:
        trigger = LocalDailyTrigger(at, tz_name)
        start = datetime(2026, 1, 1, tzinfo=UTC)
        fires = _fire_times(trigger, start, 365)
        days = [local_date(f, zone(tz_name)) for f in fires]
        assert len(days) == len(set(days)), tz_name
        assert len(days) in (364, 365), tz_name
        assert all(b - a == timedelta(days=1) for a, b in pairwise(days))


def test_next_daily_inclusive_and_exclusive():
    at = instant_on(date(2026, 5, 1), time(8), BERLIN)
    assert next_daily(time(8), BERLIN, at, inclusive=True) == at
    assert next_daily(time(8), BERLIN, at) == at + timedelta(days=1)


def _profile(**kw):
    base = dict(
        user_id=1, chat_id=1, timezone="Europe/Berlin", reminder_time=time(20), onboarded=True
    )
    base.update(kw)
    return Profile(**base)


def test_reminder_due_only_after_local_time_and_once_a_day():
    before = datetime(2026, 11, 2, 18, 59, tzinfo=UTC)  # 19:59 Berlin
    after = datetime(2026, 11, 2, 19, 0, tzinfo=UTC)
    assert not reminder_due(_profile(), before, checked_in_today=False)
    assert reminder_due(_profile(), after, checked_in_today=False)
    assert not reminder_due(_profile(), after, checked_in_today=True)
    assert not reminder_due(
        _profile(last_reminded=date(2026, 11, 2)), after, checked_in_today=False
    )
    assert not reminder_due(_profile(paused=True), after, checked_in_today=False)
    assert not reminder_due(_profile(blocked=True), after, checked_in_today=False)


def test_late_run_after_midnight_does_not_remind_for_the_new_day():
    profile = _profile(reminder_time=time(23, 30), last_reminded=date(2026, 11, 1))
    just_after_midnight = datetime(2026, 11, 2, 23, 10, tzinfo=UTC)  # 00:10 on Nov 3 in Berlin
    assert not reminder_due(profile, just_after_midnight, checked_in_today=False)


def test_invalid_stored_timezone_falls_back_to_utc():
    profile = _profile(timezone="Not/AZone")
    assert reminder_due(profile, datetime(2026, 11, 2, 20, 0, tzinfo=UTC), checked_in_today=False)
    assert not reminder_due(
        profile, datetime(2026, 11, 2, 19, 59, tzinfo=UTC), checked_in_today=False
    )
