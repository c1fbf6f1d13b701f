"""Every local day gets its one reminder, whatever the patient changes (issue #12, item 16)."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from diarybot import texts
from diarybot.domain.localtime import instant_on
from tests.e2e.test_reminders import fire, reminder_calls

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
DAY = date(2026, 12, 2)


async def test_moving_west_right_after_the_reminder_keeps_the_next_local_days_reminder(harness):
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="Europe/Berlin", at="05:00")
    # 05:00 in Berlin on 2 December is 23:00 on 1 December in New York.
    sent_at = instant_on(DAY, time(5), BERLIN)
    await fire(harness, ana.id, sent_at + timedelta(seconds=5))
    assert len(reminder_calls(harness.api, ana.id)) == 1
    harness.clock.set(sent_at + timedelta(minutes=5))
    assert (await harness.say(ana, "/timezone America/New_York"))[0].startswith(
        texts.timezone_set().format(tz="America/New_York", local_time="23:05")
    )
    # 2 December in New York is a new day there: it gets its reminder at 05:00 local.
    await fire(harness, ana.id, instant_on(DAY, time(5), NEW_YORK) + timedelta(seconds=5))
    assert len(reminder_calls(harness.api, ana.id)) == 2
    # ...and only one.
    await fire(harness, ana.id, instant_on(DAY, time(9), NEW_YORK))
    assert len(reminder_calls(harness.api, ana.id)) == 2


async def test_moving_east_after_the_reminder_does_not_remind_twice_on_one_local_day(harness):
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="America/New_York", at="20:00")
    # 20:00 in New York on 1 December is 02:00 on 2 December in Berlin.
    sent_at = instant_on(DAY - timedelta(days=1), time(20), NEW_YORK)
    await fire(harness, ana.id, sent_at + timedelta(seconds=5))
    harness.clock.set(sent_at + timedelta(minutes=5))
    await harness.say(ana, "/timezone Europe/Berlin")
    await harness.say(ana, "/remind 21:00")
    # 2 December in Berlin already had its reminder (at 02:00 local): none at 21:00 ...
    await fire(harness, ana.id, instant_on(DAY, time(21), BERLIN) + timedelta(seconds=5))
    assert len(reminder_calls(harness.api, ana.id)) == 1
    # ... and 3 December gets its own.
    await fire(harness, ana.id, instant_on(DAY + timedelta(days=1), time(21), BERLIN))
    assert len(reminder_calls(harness.api, ana.id)) == 2


async def test_changing_the_time_then_the_zone_after_the_reminder_still_reminds_next_day(
    harness,
):
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="Europe/Berlin", at="05:00")
    sent_at = instant_on(DAY, time(5), BERLIN)
    await fire(harness, ana.id, sent_at + timedelta(seconds=5))
    harness.clock.set(sent_at + timedelta(minutes=5))
    # A later reminder time first, then the move west: the reminder really went out at
    # 23:00 on 1 December New York time, whatever the reminder time says now.
    await harness.say(ana, "/remind 22:00")
    await harness.say(ana, "/timezone America/New_York")
    await fire(harness, ana.id, instant_on(DAY, time(22), NEW_YORK) + timedelta(seconds=5))
    assert len(reminder_calls(harness.api, ana.id)) == 2
