"""Telegram misbehaving: 429 bursts, 403/400, 5xx outages, timeouts, a busy loop, odd clocks.

Each test injects the fault through the fake Bot API (or the clock) and checks the two things
that matter: nothing is lost (every reminder and entry arrives or is stored exactly once) and
the bot recovers by itself.
"""

from __future__ import annotations

import asyncio
import os
import time as time_module
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, JobEvent
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Update
from telegram.ext import TypeHandler

from diarybot import texts
from diarybot.bot import reminders
from diarybot.domain.entries import Technique
from diarybot.domain.localtime import instant_on, local_date, zone
from diarybot.domain.people import Profile
from diarybot.domain.schedule import reminder_due
from diarybot.runtime.rate_limit import MAX_IN_FLIGHT
from tests.conftest import Clock, Harness, running_bot
from tests.support.disk import DiskFiles
from tests.support.fake_bot_api import FakeBotAPI

# CI sends a modest burst; DIARYBOT_BURST=1000 is the long run (about 40 s of sending).
BURST = int(os.environ.get("DIARYBOT_BURST", "60"))
# A Wednesday: no weekly chart or weekly questions ride along with the reminder.
WEDNESDAY = date(2026, 11, 4)
NOT_MODIFIED = "Bad Request: message is not modified: specified new message content and reply"


# -- helpers -------------------------------------------------------------------------------


def seed(data_dir: Path, user_ids: list[int], tz: str = "UTC", at: time = time(20)) -> None:
    """Onboarded patients written straight to disk (cheaper than a chat each)."""
    files = DiskFiles(data_dir)
    for uid in user_ids:
        files.save_profile(
            Profile(user_id=uid, chat_id=uid, timezone=tz, reminder_time=at, onboarded=True)
        )


def reminders_to(api: FakeBotAPI, chat_id: int | None = None) -> list[Any]:
    """Reminder sends that Telegram accepted (to one chat, or to anyone)."""
    return [
        c
        for c in api.calls_for("sendMessage", chat_id)
        if c.ok and c.params.get("text") == texts.reminder()
    ]


def busiest_second(stamps: list[float]) -> int:
    """The most stamps in any window of one second (half-open, like Telegram's count)."""
    stamps = sorted(stamps)
    best = start = 0
    for end, stamp in enumerate(stamps):
        while stamps[start] <= stamp - 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


class JobRuns:
    """Every APScheduler job run that finished or was dropped for being late, in order."""

    def __init__(self, app: Any) -> None:
        self.events: list[tuple[int, str]] = []
        app.job_queue.scheduler.add_listener(
            self._record, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED
        )

    def _record(self, event: JobEvent) -> None:
        self.events.append((event.code, event.job_id))

    def ended(self, job_id: str) -> int:
        return sum(1 for _, jid in self.events if jid == job_id)

    def missed(self) -> list[str]:
        return [jid for code, jid in self.events if code == EVENT_JOB_MISSED]


async def fire(harness: Harness, user_id: int, at: datetime) -> None:
    """Run the patient's daily job now with the bot's clock at `at`; wait until it finished."""
    harness.clock.set(at)
    await harness.run_job(reminders.job_id(user_id))


def count_updates(app: Any) -> Counter[int]:
    """How many times each update went through the bot's handlers (after all of ours)."""
    seen: Counter[int] = Counter()

    async def record(update: object, _context: object) -> None:
        seen[update.update_id] += 1  # type: ignore[attr-defined]

    app.add_handler(TypeHandler(Update, record), group=10_001)
    return seen


def short_timeouts(app: Any, seconds: float) -> None:
    """Make the bot give up on slow answers sooner (PTB's default is 5 s) to keep CI fast."""
    for request in app.bot._request:  # (getUpdates request, everything else)
        # PTB's HTTPXRequest takes its default timeouts from its client's, read per call.
        request._client.timeout = httpx.Timeout(seconds)


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reminder retries after 0.2 s instead of minutes."""
    monkeypatch.setattr(reminders, "RETRY_DELAYS", (timedelta(seconds=0.2),) * 3)


# -- 429 during a burst ----------------------------------------------------------------------


async def test_reminder_burst_keeps_to_flood_limits_and_sends_each_reminder_once(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    ids = [50_000 + n for n in range(BURST)]
    seed(tmp_path / "data", ids)
    clock.set(datetime.combine(WEDNESDAY, time(19), UTC))  # before 20:00: no catch-up at start
    harness = Harness(api=api, data_dir=tmp_path / "data", clock=clock, rate_limiter=None)
    api.set_rate_limit(overall_per_second=30, per_chat_per_second=1, retry_after=1)
    # Telegram also says "slow down" on its own, with everyone queued.
    api.add_fault("sendMessage", status=429, retry_after=1)
    async with running_bot(harness) as app:
        clock.set(datetime.combine(WEDNESDAY, time(20, 0, 5), UTC))
        everyone_at_once = datetime.now(UTC)
        for uid in ids:  # 20:00 for everyone: all daily jobs due at the same instant
            [job] = app.job_queue.get_jobs_by_name(reminders.job_id(uid))
            job.job.modify(next_run_time=everyone_at_once)
        await api.wait_until(lambda: len(reminders_to(api)) >= BURST, timeout=BURST / 10 + 10)
        await asyncio.sleep(0.5)  # room for a duplicate to show up

    per_chat = Counter(c.chat_id for c in reminders_to(api))
    assert per_chat == dict.fromkeys(ids, 1)
    assert all(DiskFiles(tmp_path / "data").get_profile(uid).last_reminded for uid in ids)
    assert api.rate_limit_violations == 0  # neither the 30/s nor the 1/s per chat was hit
    attempts = [c.at for c in api.calls if c.chat_id is not None]
    assert busiest_second(attempts) <= 30
    # After the 429 nothing at all was sent until its retry_after had passed, except what was
    # already on its way when the answer came back: at most the limiter's requests in flight
    # (counted, not timed: on a loaded machine those can arrive a few hundred ms late). Without
    # the pause, the 30/s pace would send ~24 in that window.
    [told] = [c.at for c in api.calls if c.status == 429]
    assert len([at for at in attempts if told < at < told + 1.0]) <= MAX_IN_FLIGHT


# -- 403, 400 --------------------------------------------------------------------------------


async def test_blocked_patient_keeps_data_through_a_restart_and_reminders_resume_on_return(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    harness = Harness(api=api, data_dir=tmp_path / "data", clock=clock)
    ana = harness.user(4242, "Ana")
    async with running_bot(harness) as app:
        await harness.onboard(ana, tz="UTC", at="20:00")
        await harness.say(ana, "/log 6 stairs again")
        api.block(ana.id)
        await fire(harness, ana.id, datetime.combine(WEDNESDAY, time(20, 1), UTC))
    assert reminders_to(api, ana.id) == []

    clock.set(datetime.combine(WEDNESDAY + timedelta(days=1), time(20, 30), UTC))
    async with running_bot(harness) as app:
        # Still blocked after the restart: no job, no catch-up, and the diary is intact.
        assert app.job_queue.get_jobs_by_name(reminders.job_id(ana.id)) == ()
        assert [j.name for j in app.job_queue.jobs() if str(ana.id) in j.name] == []
        assert [e.note for e in harness.files.entries(ana.id)] == ["stairs again"]
        assert harness.files.get_profile(ana.id).blocked

        api.unblock(ana.id)
        await harness.say(ana, "/history")
        assert not harness.files.get_profile(ana.id).blocked
        await fire(
            harness,
            ana.id,
            datetime.combine(WEDNESDAY, time(20), UTC) + timedelta(days=2, minutes=1),
        )
    assert len(reminders_to(api, ana.id)) == 1


@pytest.mark.parametrize(
    ("description", "stops_reminders"),
    [
        ("Bad Request: chat not found", True),
        ("Bad Request: message is too long", False),
    ],
)
async def test_a_400_on_a_reminder_is_tried_once_never_in_a_loop(
    harness: Harness, fast_retries: None, description: str, stops_reminders: bool
) -> None:
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="UTC", at="20:00")
    harness.api.add_fault("sendMessage", chat_id=ana.id, status=400, description=description)
    mark = harness.api.mark()
    await fire(harness, ana.id, datetime.combine(WEDNESDAY, time(20, 1), UTC))
    await asyncio.sleep(0.4)  # twice the retry delay: a retry would have happened by now

    attempts = [c for c in harness.api.calls_for("sendMessage", ana.id) if c.index >= mark]
    assert len(attempts) == 1
    assert [j.name for j in harness.app.job_queue.jobs() if j.name.startswith("retry:")] == []
    jobs = harness.app.job_queue.get_jobs_by_name(reminders.job_id(ana.id))
    assert (jobs == ()) is stops_reminders
    assert harness.files.get_profile(ana.id).blocked is stops_reminders


async def test_message_not_modified_is_one_attempt_and_not_an_error(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    pat = harness.user()
    await harness.onboard(pat)
    await harness.say(pat, "/checkin")
    await harness.press(pat, "4")
    mark = harness.api.mark()
    # A technique toggle and Done, each answered "not modified" by Telegram (injected).
    harness.api.add_fault("editMessageReplyMarkup", status=400, description=NOT_MODIFIED)
    await harness.press(
        pat, texts.toggle_label(texts.technique_names()[Technique.BREATHING], ticked=False)
    )
    harness.api.add_fault("editMessageText", status=400, description=NOT_MODIFIED)
    techniques = harness.api.last_message(pat.id)
    await harness.press(pat, texts.button_done())
    # Done again (the message was left as it was): this edit goes through. Then the same old
    # Done once more, a double tap: now the message really is already what Done makes it.
    done = next(d for row in techniques.keyboard() for t, d in row if t == texts.button_done())
    await harness.press(pat, texts.button_done())
    harness.api.press_button(pat, techniques.message_id, done, require_button=False)
    await harness.settle()

    edits = [
        c for c in harness.api.calls if c.index >= mark and c.method.startswith("editMessage")
    ]
    assert [(c.method, c.status) for c in edits] == [
        ("editMessageReplyMarkup", 400),
        ("editMessageText", 400),
        ("editMessageText", 200),
        ("editMessageText", 400),
    ]
    assert harness.files.entries(pat.id)[0].techniques == (Technique.BREATHING,)
    assert texts.error_generic() not in harness.api.sent_texts(pat.id)
    assert "Error while handling an update" not in caplog.text


# -- 5xx and timeouts ------------------------------------------------------------------------


async def test_reminder_that_met_a_5xx_is_retried_and_delivered_exactly_once(
    harness: Harness, fast_retries: None
) -> None:
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="UTC", at="20:00")
    harness.api.add_fault("sendMessage", chat_id=ana.id, status=502, times=1)
    harness.api.add_fault("sendMessage", chat_id=ana.id, status=500, times=1)
    at = datetime.combine(WEDNESDAY, time(20, 1), UTC)
    await fire(harness, ana.id, at)
    await harness.api.wait_until(lambda: len(reminders_to(harness.api, ana.id)) == 1, timeout=5)
    # The daily job running again that day (a late trigger, a restart) sends nothing more.
    await fire(harness, ana.id, at + timedelta(hours=1))
    await asyncio.sleep(0.5)

    attempts = harness.api.calls_for("sendMessage", ana.id)
    assert [c.status for c in attempts if c.params.get("text") == texts.reminder()] == [
        502,
        500,
        200,
    ]
    assert len(reminders_to(harness.api, ana.id)) == 1
    assert harness.files.get_profile(ana.id).last_reminded == WEDNESDAY


async def test_reminder_whose_answer_timed_out_is_not_sent_again(harness: Harness) -> None:
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="UTC", at="20:00")
    short_timeouts(harness.app, 0.5)
    # Telegram delivers the message but its answer comes too late: the bot sees a timeout.
    harness.api.add_fault("sendMessage", chat_id=ana.id, status=200, delay=1.5)
    mark = harness.api.mark()
    at = datetime.combine(WEDNESDAY, time(20, 1), UTC)
    await fire(harness, ana.id, at)
    await fire(harness, ana.id, at + timedelta(minutes=30))
    await asyncio.sleep(0.5)
    assert harness.api.sent_texts(ana.id).count(texts.reminder()) == 1
    attempts = [c for c in harness.api.calls_for("sendMessage", ana.id) if c.index >= mark]
    assert len(attempts) == 1


async def test_get_updates_outage_recovers_and_handles_each_update_once(
    harness: Harness,
) -> None:
    pat = harness.user()
    await harness.onboard(pat)
    seen = count_updates(harness.app)
    outage = harness.api.add_fault("getUpdates", status=502, times=1)
    harness.api.add_fault("getUpdates", status=500, times=1)
    await harness.say(pat, "/help")  # ends the poll under way: the outage starts at once
    await harness.api.wait_until(lambda: outage.hits == 1)
    ids = [harness.api.send_text(pat, f"/log {n} during the outage {n}") for n in range(3)]
    await harness.settle(timeout=15)  # PTB backs off 1 s, then 1.5 s
    await harness.api.wait_idle()
    assert [e.note for e in harness.files.entries(pat.id)] == [
        f"during the outage {n}" for n in range(3)
    ]
    assert {uid: seen[uid] for uid in ids} == dict.fromkeys(ids, 1)
    failed_polls = [c for c in harness.api.calls_for("getUpdates") if not c.ok]
    assert [c.status for c in failed_polls] == [502, 500]


async def test_a_poll_answered_too_late_is_fetched_again_and_handled_once(
    harness: Harness,
) -> None:
    pat = harness.user()
    await harness.onboard(pat)
    seen = count_updates(harness.app)
    short_timeouts(harness.app, 0.3)  # getUpdates now gives up after 0.3 s + its 1 s timeout
    slow = harness.api.add_fault("getUpdates", status=200, delay=2)
    await harness.say(pat, "/help")  # ends the poll under way, so the next one is the slow one
    await harness.api.wait_until(lambda: slow.hits == 1)  # and it is waiting for news
    update_id = harness.api.send_text(pat, "/log 4 slow network")
    await harness.settle(timeout=10)
    await harness.api.wait_idle()
    assert [e.note for e in harness.files.entries(pat.id)] == ["slow network"]
    assert seen[update_id] == 1
    polls_with_it = [
        c
        for c in harness.api.calls_for("getUpdates")
        if any(u["update_id"] == update_id for u in (c.result or []))
    ]
    assert len(polls_with_it) == 2  # delivered twice by Telegram, handled once by the bot


async def test_saved_reply_lost_to_a_5xx_does_not_store_the_entry_twice(
    harness: Harness,
) -> None:
    pat = harness.user()
    await harness.onboard(pat)
    seen = count_updates(harness.app)
    # The "Saved" reply fails: Telegram stored nothing, the bot stored the entry.
    harness.api.add_fault("sendMessage", chat_id=pat.id, status=500)
    update_id = harness.api.send_text(pat, "/log 5 reply lost")
    await harness.settle()
    await harness.api.wait_idle()
    await asyncio.sleep(0.3)  # more polls: the update is confirmed, not delivered again
    assert seen[update_id] == 1
    assert [e.note for e in harness.files.entries(pat.id)] == ["reply lost"]
    # No "please try again" after it: the entry is saved, a second one would be a duplicate.
    assert texts.error_generic() not in harness.api.sent_texts(pat.id)
    # Telegram is back: the next entry is saved and confirmed as usual.
    replies = await harness.say(pat, "/log 3 next one")
    assert replies[0].startswith("Saved: 3/10")
    assert len(harness.files.entries(pat.id)) == 2


# -- a busy event loop -----------------------------------------------------------------------


async def test_loop_blocked_for_2s_at_reminder_time_still_sends_the_reminder_once(
    harness: Harness,
) -> None:
    ana = harness.user(1, "Ana")
    await harness.onboard(ana, tz="UTC", at="20:00")
    harness.clock.set(datetime.combine(WEDNESDAY, time(20, 0, 1), UTC))
    [job] = harness.app.job_queue.get_jobs_by_name(reminders.job_id(ana.id))
    runs = JobRuns(harness.app)

    async def hog() -> None:
        await asyncio.sleep(0.1)
        time_module.sleep(2)  # noqa: ASYNC251 - the point: a blocking call holds the loop

    hogging = asyncio.create_task(hog())
    job.job.modify(next_run_time=datetime.now(UTC) + timedelta(seconds=0.3))
    await hogging
    await harness.api.wait_until(lambda: runs.ended(job.job.id) >= 1, timeout=5)
    await asyncio.sleep(0.3)
    assert runs.missed() == []  # APScheduler's default grace of 1 s would have dropped it
    assert len(reminders_to(harness.api, ana.id)) == 1


# -- clocks: restarts, DST, bad zones ---------------------------------------------------------


# The changeover days: Berlin springs forward (02:00 -> 03:00), New York springs forward and
# falls back (01:00-02:00 happens twice).
DST_DAYS = [
    ("Europe/Berlin", date(2026, 3, 29)),
    ("America/New_York", date(2026, 3, 8)),
    ("America/New_York", date(2026, 11, 1)),
]
minutes = st.integers(0, 24 * 60 - 1).map(lambda m: time(m // 60, m % 60))
# Times that do not exist, or exist twice, on those days, weighted in.
tricky_times = st.sampled_from([time(1, 30), time(2, 0), time(2, 30), time(2, 59), time(3, 0)])
outages = st.lists(
    st.tuples(st.integers(0, 96 * 60), st.integers(1, 6 * 60)),  # (start, length) in minutes
    max_size=4,
)


def simulate(
    tz_name: str, first: date, at: time, outages: list[tuple[int, int]]
) -> tuple[list[datetime], list[date]]:
    """Run the daily trigger, start-up catch-ups and `reminder_due` as the bot does, over four
    local days, with the bot down during `outages`. Returns the send instants and the days on
    which the bot was up at some moment after that day's reminder time (and so must remind)."""
    tz = zone(tz_name)
    begin = instant_on(first, time(0), tz)
    end = instant_on(first + timedelta(days=4), time(0), tz)
    down: list[tuple[datetime, datetime]] = []
    for offset, length in sorted(outages):
        lo = begin + timedelta(minutes=offset, seconds=17)
        hi = lo + timedelta(minutes=length)
        if down and lo <= down[-1][1]:
            down[-1] = (down[-1][0], max(down[-1][1], hi))
        else:
            down.append((lo, hi))
    ups, cursor = [], begin
    for lo, hi in down:
        if lo > cursor:
            ups.append((cursor, min(lo, end)))
        cursor = max(cursor, hi)
    if cursor < end:
        ups.append((cursor, end))

    profile = Profile(user_id=1, chat_id=1, timezone=tz_name, reminder_time=at, onboarded=True)
    sent: list[datetime] = []
    for up, until in ups:
        if up > begin and reminders.missed_today(profile, up):  # the start-up catch-up
            sent.append(up)
            profile = profile.replace(last_reminded=local_date(up, tz))
        trigger = reminders.LocalDailyTrigger(at, tz_name)  # a new job at every start
        fire_at = trigger.get_next_fire_time(None, up)
        steps = 0
        while fire_at is not None and fire_at < until:
            steps += 1
            assert steps < 10, "the trigger does not advance"
            if reminder_due(profile, fire_at, checked_in_today=False):
                sent.append(fire_at)
                profile = profile.replace(last_reminded=local_date(fire_at, tz))
            fire_at = trigger.get_next_fire_time(fire_at, fire_at)

    owed = []
    for n in range(4):
        day = first + timedelta(days=n)
        due, midnight = instant_on(day, at, tz), instant_on(day + timedelta(days=1), time(0), tz)
        if any(up < midnight and until > due for up, until in ups):
            owed.append(day)
    return sent, owed


@settings(max_examples=int(os.environ.get("DIARYBOT_FUZZ_EXAMPLES", "25")) * 8, deadline=None)
@given(case=st.sampled_from(DST_DAYS), at=minutes | tricky_times, outages=outages)
def test_dst_days_get_exactly_one_reminder_whatever_the_restarts(
    case: tuple[str, date], at: time, outages: list[tuple[int, int]]
) -> None:
    tz_name, changeover = case
    tz = zone(tz_name)
    sent, owed = simulate(tz_name, changeover - timedelta(days=1), at, outages)
    days = [local_date(instant, tz) for instant in sent]
    assert sorted(days) == owed  # once on every day it could, never twice
    for instant, day in zip(sent, days, strict=True):
        assert instant >= instant_on(day, at, tz)  # never before the local time


@pytest.mark.parametrize(
    ("tz", "at", "fires", "sent_on"),
    [
        # Clocks go back at 02:00 EDT: 01:30 happens at 05:30 and again at 06:30 UTC.
        (
            "America/New_York",
            time(1, 30),
            [datetime(2026, 11, 1, 5, 31, tzinfo=UTC), datetime(2026, 11, 1, 6, 31, tzinfo=UTC)],
            [True, False],
        ),
        # Clocks jump from 02:00 to 03:00: 02:30 does not exist, 03:30 CEST stands in.
        (
            "Europe/Berlin",
            time(2, 30),
            [
                datetime(2026, 3, 29, 0, 45, tzinfo=UTC),  # 01:45 CET: too early
                datetime(2026, 3, 29, 1, 31, tzinfo=UTC),  # 03:31 CEST
                datetime(2026, 3, 30, 0, 29, tzinfo=UTC),  # next day, 02:29: too early
                datetime(2026, 3, 30, 0, 31, tzinfo=UTC),
            ],
            [False, True, False, True],
        ),
    ],
)
async def test_dst_changeover_days_get_exactly_one_reminder_through_restarts(
    api: FakeBotAPI,
    tmp_path: Path,
    clock: Clock,
    tz: str,
    at: time,
    fires: list[datetime],
    sent_on: list[bool],
) -> None:
    seed(tmp_path / "data", [7], tz=tz, at=at)
    harness = Harness(api=api, data_dir=tmp_path / "data", clock=clock)
    sent = 0
    for instant, expect in zip(fires, sent_on, strict=True):
        # A restart before every run: the start-up catch-up and the daily job both run, and
        # must agree on "once a day".
        clock.set(instant)
        async with running_bot(harness):
            await fire(harness, 7, instant)
            sent += expect
            await api.wait_until(lambda: len(reminders_to(api, 7)) >= sent)  # noqa: B023
            await asyncio.sleep(0.1)
        assert len(reminders_to(api, 7)) == sent, instant


BAD_ZONES = {7: "Mars/Base", 8: "Europe", 9: "x" * 300, 10: "../../etc/passwd"}


async def test_invalid_zones_in_stored_profiles_mean_utc_not_a_crash(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    for uid, bad_zone in BAD_ZONES.items():
        seed(tmp_path / "data", [uid], tz=bad_zone)
    seed(tmp_path / "data", [11], tz="Europe/Berlin")
    clock.set(datetime.combine(WEDNESDAY, time(19), UTC))
    harness = Harness(api=api, data_dir=tmp_path / "data", clock=clock)
    async with running_bot(harness) as app:  # before the fix, start-up itself crashed
        for uid in [*BAD_ZONES, 11]:
            assert len(app.job_queue.get_jobs_by_name(reminders.job_id(uid))) == 1
        for uid in BAD_ZONES:
            for at in (time(19, 59), time(20, 1), time(23, 59)):
                await fire(harness, uid, datetime.combine(WEDNESDAY, at, UTC))
        replies = await harness.say(harness.user(7), "/log 3")
        assert replies[0] == texts.ask_techniques().format(
            saved=texts.score_saved().format(score=3, time="23:59")
        )
    assert [len(reminders_to(api, uid)) for uid in BAD_ZONES] == [1, 1, 1, 1]
    assert harness.files.entries(7)[0].local_date == WEDNESDAY
