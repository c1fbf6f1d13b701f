"""/log at an earlier time (issue #13): what the patient sees and what is stored."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from diarybot import texts
from diarybot.domain.entries import Source
from diarybot.texts import words

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=BERLIN)


@pytest.fixture
async def pat(harness, clock):
    clock.set(NOW)
    user = harness.user()
    await harness.onboard(user, tz="Europe/Berlin", at="20:00")
    return user


#: The day before the test clock's today, as chat writes it (CLDR: "Dec 1, 2026" in English).
DEC_1 = texts.short_date(date(2026, 12, 1))


def local(entry):
    return entry.recorded_at.astimezone(BERLIN).replace(tzinfo=None)


async def test_log_yesterday_with_a_note(harness, pat):
    replies = await harness.say(pat, "/log yesterday 7 bad night")
    assert replies[0] == words.backdated_saved_with_note().format(
        day=DEC_1, time="20:00", score=7, preview="bad night"
    )
    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.note, entry.source) == (7, "bad night", Source.QUICK_LOG)
    assert entry.local_date == date(2026, 12, 1) and local(entry) == datetime(2026, 12, 1, 20)


async def test_log_a_date_and_a_time(harness, pat):
    await harness.say(pat, "/log 2026-11-30 6")
    await harness.say(pat, "/log 29.11 21:15 5")
    first, second = harness.files.entries(pat.id)  # oldest first
    assert local(first) == datetime(2026, 11, 29, 21, 15) and first.score == 5
    assert local(second) == datetime(2026, 11, 30, 20, 0) and second.score == 6


async def test_a_backdated_entry_sorts_into_the_history(harness, pat):
    await harness.say(pat, "/log 3")
    await harness.say(pat, "/log yesterday 8")
    [history] = await harness.say(pat, "/history")
    assert history.index("3/10") < history.index("8/10")  # newest first: today's on top


async def test_the_future_and_more_than_a_year_back_are_refused_clearly(harness, pat):
    assert await harness.say(pat, "/log 23:00 5") == [words.log_in_future()]
    assert await harness.say(pat, "/log 2025-11-01 5") == [words.log_too_old()]
    assert await harness.say(pat, "/log someday 5") == [words.log_usage()]
    assert harness.files.entries(pat.id) == []


async def test_log_alone_opens_the_score_keyboard(harness, pat):
    replies = await harness.say(pat, "/log")
    assert replies == [texts.ask_score()]
    labels = [t for row in harness.api.keyboard(pat.id) for t, _ in row]
    assert labels == [str(n) for n in range(11)]
    await harness.press(pat, "4")
    [entry] = harness.files.entries(pat.id)
    assert entry.score == 4


async def test_the_morning_after_a_missed_reminder_offers_yesterday_evening(harness, pat):
    # Yesterday's reminder was sent (20:00) and not answered; it is 10:00 now.
    await harness.store.profiles.update(pat.id, last_reminded=date(2026, 12, 1))
    await harness.say(pat, "/checkin")
    replies = await harness.press(pat, "3")  # today's check-in, exactly as before
    assert replies[0].startswith("Saved: 3/10")
    assert replies[-1] == words.ask_yesterday().format(day=DEC_1, time="20:00")
    [reply] = await harness.press(pat, "6")  # on the offer's own keyboard
    assert reply == words.backdated_saved().format(day=DEC_1, time="20:00", score=6)
    yesterday, today = harness.files.entries(pat.id)
    assert (yesterday.score, local(yesterday)) == (6, datetime(2026, 12, 1, 20, 0))
    assert today.score == 3
    # Asked once: the next check-in today does not ask again.
    replies = await harness.say(pat, "4")
    assert words.ask_yesterday().format(day=DEC_1, time="20:00") not in replies


async def test_no_offer_when_yesterday_has_a_score_or_no_reminder_was_sent(harness, pat):
    await harness.say(pat, "/log yesterday 5")
    await harness.store.profiles.update(pat.id, last_reminded=date(2026, 12, 1))
    replies = await harness.say(pat, "3")
    assert not any(r.startswith("Yesterday's reminder") for r in replies)


async def test_no_offer_when_no_reminder_was_sent_yesterday(harness, pat):
    await harness.store.profiles.update(pat.id, last_reminded=date(2026, 11, 30))
    replies = await harness.say(pat, "3")
    assert not any(r.startswith("Yesterday's reminder") for r in replies)
