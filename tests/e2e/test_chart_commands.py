"""/chart and the weekly chart over the fake Bot API, and the period parsing behind them."""

import asyncio
import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from matplotlib.image import imread

import charts
from diarybot import texts
from diarybot.bot import reminders
from diarybot.bot.diary_entries import make_entry
from diarybot.domain.entries import Source, Technique
from diarybot.domain.localtime import instant_on
from diarybot.domain.parsing import parse_period
from tests.support.render_workers import wait_for_file

TODAY = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (date(2026, 11, 12), TODAY)),
        (["30"], (date(2026, 10, 20), TODAY)),
        (["90"], (date(2026, 8, 21), TODAY)),
        (["month"], (date(2026, 11, 1), TODAY)),
        (["2026-10-01", "2026-10-31"], (date(2026, 10, 1), date(2026, 10, 31))),
    ],
)
def test_periods(args, expected):
    assert parse_period(args, TODAY) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["0"],
        ["400"],
        ["-7"],
        ["soon"],
        ["2026-10-31", "2026-10-01"],
        ["2026-13-01", "2026-12-01"],
        ["2020-01-01", "2026-01-01"],
        ["1", "2", "3"],
        ["７"],
    ],
)
def test_bad_periods(args):
    assert parse_period(args, TODAY) is None


@pytest.fixture
async def pat(harness):
    user = harness.user()
    await harness.onboard(user, tz="Europe/Berlin")
    return user


async def _seed(harness, user_id, days, start=None, tz="Europe/Berlin"):
    """Write entries through the bot's own store (as earlier check-ins would have)."""
    store = harness.store
    profile = await store.profiles.get(user_id)
    zone = ZoneInfo(tz)
    start = start or datetime.now(UTC).astimezone(zone).date() - timedelta(days=days - 1)
    for i in range(days):
        at = instant_on(start + timedelta(days=i), time(9 + i % 10), zone)
        entry = make_entry(profile, (i * 3) % 11, at, Source.CHECKIN)
        entry = entry.replace(techniques=(Technique.BREATHING,) if i % 2 else ())
        await store.diary.add(user_id, entry)


async def test_chart_sends_a_photo_with_the_key_numbers(harness, pat):
    await _seed(harness, pat.id, 7)
    mark = harness.api.mark()
    await harness.say(pat, "/chart")
    call = await harness.api.wait_for("sendPhoto", chat_id=pat.id, since=mark)
    [upload] = call.files.values()
    image = imread(io.BytesIO(upload.data), format="png")
    assert image.shape[1] == 1280  # readable on a phone: Telegram shows ~1280 px wide
    caption = call.params["caption"]
    assert "7 of 7 days logged" in caption
    assert "worst 9" in caption  # scores (i*3)%11 for i<7: 0,3,6,9,1,4,7


async def test_chart_longer_periods_and_one_entry(harness, pat):
    await _seed(harness, pat.id, 1)
    for args in ("30", "90", "month"):
        mark = harness.api.mark()
        await harness.say(pat, f"/chart {args}")
        call = await harness.api.wait_for("sendPhoto", chat_id=pat.id, since=mark)
        assert "1 of " in call.params["caption"]


async def test_chart_with_no_entries_says_so_plainly(harness, pat):
    replies = await harness.say(pat, "/chart")
    assert replies and replies[0].startswith("No entries between")
    assert harness.api.calls_for("sendPhoto") == []


async def test_chart_bad_argument_gets_usage(harness, pat):
    assert await harness.say(pat, "/chart fortnight") == [texts.chart_usage()]
    assert await harness.say(pat, "/chart 2026-10-31 2026-10-01") == [texts.chart_usage()]


async def test_log_answers_keep_flowing_while_render_workers_are_busy(
    harness, pat, render_executor, tmp_path
):
    # Both render workers are held by a task that waits for a file: an arbitrarily slow render.
    release = tmp_path / "release"
    held = [
        asyncio.wrap_future(render_executor.submit(wait_for_file, release, 30)) for _ in range(2)
    ]
    others = [harness.user(3000 + i, f"P{i}") for i in range(4)]
    for user in others:
        await harness.onboard(user)
        await _seed(harness, user.id, 30)
    quick = harness.user(4000, "Quick")
    await harness.onboard(quick)
    mark = harness.api.mark()
    for user in others:
        harness.api.send_text(user, "/chart 30")
    harness.api.send_text(quick, "/log 4")
    await harness.api.wait_for(
        "sendMessage",
        chat_id=quick.id,
        since=mark,
        predicate=lambda c: c.params.get("text", "").startswith("Saved: 4/10"),
        timeout=10,
    )
    assert harness.api.calls_for("sendPhoto") == []  # every chart still waiting for a worker
    release.touch()
    assert await asyncio.gather(*held) == [True, True]
    await harness.settle(timeout=30)
    assert len(harness.api.calls_for("sendPhoto")) == len(others)


async def test_charts_are_drawn_outside_the_bot_process(harness, pat, monkeypatch):
    def not_here(*_args, **_kwargs):
        raise AssertionError("rendered in the bot process")

    monkeypatch.setattr(charts, "render_trend", not_here)
    await _seed(harness, pat.id, 7)
    await harness.say(pat, "/chart")
    [photo] = harness.api.calls_for("sendPhoto", pat.id)
    assert "7 of 7 days logged" in photo.params["caption"]


async def test_weekly_chart_on_sunday_with_the_reminder(harness, pat):
    assert (await harness.say(pat, "/weekly on")) == [texts.weekly_on()]
    assert harness.files.get_profile(pat.id).weekly_chart
    berlin = ZoneInfo("Europe/Berlin")
    today = datetime.now(UTC).astimezone(berlin).date()
    sunday = today + timedelta(days=(6 - today.weekday()) % 7)
    await _seed(harness, pat.id, 5, start=sunday - timedelta(days=4))
    harness.clock.set(instant_on(sunday, time(20), berlin) + timedelta(seconds=2))
    for _ in range(2):  # twice the same Sunday: still one chart
        await harness.run_job(reminders.job_id(pat.id))
    photos = harness.api.calls_for("sendPhoto", pat.id)
    assert len(photos) == 1
    assert "5 of 7 days logged" in photos[0].params["caption"]
    assert harness.files.get_profile(pat.id).last_weekly_chart == sunday
    assert (await harness.say(pat, "/weekly off")) == [texts.weekly_off()]
    assert not harness.files.get_profile(pat.id).weekly_chart
