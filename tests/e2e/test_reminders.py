"""Daily reminders end to end: right local time, once a day, restarts, catch-up, blocked users."""

import asyncio
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from diarybot import texts
from diarybot.bot import reminders
from diarybot.domain.localtime import instant_on, local_date
from tests.conftest import Harness, running_bot

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def reminder_calls(api, chat_id):
    return [
        c
        for c in api.calls_for("sendMessage", chat_id)
        if c.params.get("text") == texts.reminder()
    ]


async def fire(harness, user_id, at: datetime):
    """Run the patient's reminder job now, with the bot's clock at `at`; wait until it's done."""
    harness.clock.set(at)
    await harness.run_job(reminders.job_id(user_id))


async def test_reminders_fire_at_each_patients_local_time(harness):
    ana, ben = harness.user(1, "Ana"), harness.user(2, "Ben")
    await harness.onboard(ana, tz="Europe/Berlin", at="20:00")
    await harness.onboard(ben, tz="America/New_York", at="8am")
    now = datetime.now(UTC)
    assert reminders.next_run(harness.app.job_queue, ana.id) == _next_local(now, time(20), BERLIN)
    assert reminders.next_run(harness.app.job_queue, ben.id) == _next_local(now, time(8), NEW_YORK)

    day = local_date(now, BERLIN)
    ana_time = instant_on(day, time(20), BERLIN)
    await fire(harness, ana.id, ana_time + timedelta(seconds=1))
    assert len(reminder_calls(harness.api, ana.id)) == 1
    assert reminder_calls(harness.api, ben.id) == []  # Ben's job did not run
    labels = [t for row in harness.api.keyboard(ana.id) for t, _ in row]
    assert labels == [str(n) for n in range(11)]
    assert harness.files.get_profile(ana.id).last_reminded == day

    # The reminder's keyboard starts a check-in stored as prompted by the reminder.
    await harness.press(ana, "5")
    [entry] = harness.files.entries(ana.id)
    assert entry.score == 5 and entry.source.value == "reminder"


def _next_local(now, at, tz):
    day = local_date(now, tz)
    candidate = instant_on(day, at, tz)
    return candidate if candidate >= now else instant_on(day + timedelta(days=1), at, tz)


async def test_reminder_before_its_time_or_twice_a_day_is_not_sent(harness):
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="Europe/Berlin", at="20:00")
    day = local_date(datetime.now(UTC), BERLIN)
    at = instant_on(day, time(20), BERLIN)
    await fire(harness, ana.id, at - timedelta(minutes=1))
    assert reminder_calls(harness.api, ana.id) == []
    await fire(harness, ana.id, at + timedelta(minutes=1))
    await fire(harness, ana.id, at + timedelta(hours=2))
    assert len(reminder_calls(harness.api, ana.id)) == 1


async def test_no_reminder_after_checking_in_that_day(harness):
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="Europe/Berlin", at="20:00")
    day = local_date(datetime.now(UTC), BERLIN)
    harness.clock.set(instant_on(day, time(9), BERLIN))
    await harness.say(ana, "/log 4")
    await fire(harness, ana.id, instant_on(day, time(20), BERLIN) + timedelta(seconds=5))
    assert reminder_calls(harness.api, ana.id) == []


async def test_paused_patient_gets_no_reminder_job(harness):
    ana = harness.user(1, "Ana")
    await harness.onboard(ana)
    await harness.say(ana, "/pause")
    assert harness.app.job_queue.get_jobs_by_name(reminders.job_id(ana.id)) == ()


async def test_blocked_bot_pauses_reminders_keeps_data_and_resumes_on_return(harness):
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="Europe/Berlin", at="20:00")
    await harness.say(ana, "/log 6 yesterday was rough")
    harness.api.block(ana.id)
    day = local_date(datetime.now(UTC), BERLIN) + timedelta(days=1)
    await fire(harness, ana.id, instant_on(day, time(20), BERLIN) + timedelta(seconds=1))
    profile = harness.files.get_profile(ana.id)
    assert profile.blocked is True
    assert harness.app.job_queue.get_jobs_by_name(reminders.job_id(ana.id)) == ()
    assert [e.note for e in harness.files.entries(ana.id)] == ["yesterday was rough"]

    harness.api.unblock(ana.id)
    await harness.say(ana, "/settings")
    assert harness.files.get_profile(ana.id).blocked is False
    assert len(harness.app.job_queue.get_jobs_by_name(reminders.job_id(ana.id))) == 1


async def test_restart_rebuilds_reminders_without_duplicates_and_catches_up_once(
    api, tmp_path, clock
):
    h = Harness(api=api, data_dir=tmp_path / "data", clock=clock)
    ana, ben = h.user(1, "Ana"), h.user(2, "Ben")
    now = datetime.now(UTC)
    async with running_bot(h):
        await h.onboard(ana, tz="Europe/Berlin", at="20:00")
        await h.onboard(ben, tz="America/New_York", at="20:00")
    # Ana's reminder time passes while the bot is down; it comes back the same local day.
    day = local_date(now, BERLIN)
    clock.set(instant_on(day, time(20), BERLIN) + timedelta(minutes=30))
    for restart in range(2):
        async with running_bot(h) as app:
            names = [j.name for j in app.job_queue.jobs()]
            assert names.count(reminders.job_id(ana.id)) == 1
            assert names.count(reminders.job_id(ben.id)) == 1
            # Only the first restart has a missed reminder to catch up on; Ben's 20:00 in New
            # York is still hours away.
            assert names.count(f"catchup:{ana.id}") == (1 if restart == 0 else 0)
            assert f"catchup:{ben.id}" not in names
            await api.wait_until(lambda: len(reminder_calls(api, ana.id)) >= 1, timeout=5)
            await asyncio.sleep(0.3)
    assert len(reminder_calls(api, ana.id)) == 1  # once, across two restarts
    assert reminder_calls(api, ben.id) == []
