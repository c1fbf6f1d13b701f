"""/start and the settings commands, end to end over the fake Bot API."""

import re
from datetime import time
from zoneinfo import ZoneInfo

from telegram.ext import CommandHandler

from diarybot import texts
from diarybot.bot import reminders
from diarybot.domain.links import ShareLevel
from diarybot.texts import specialist as st


async def test_start_shows_privacy_notice_then_timezone_then_time(harness):
    pat = harness.user()
    replies = await harness.say(pat, "/start")
    assert replies[0] == texts.welcome()
    assert "/delete" in replies[0] and "emergency" in replies[0]
    assert replies[1] == texts.ask_timezone()
    labels = [t for row in harness.api.keyboard(pat.id) for t, _ in row]
    assert "Europe/Berlin" in labels

    replies = await harness.press(pat, "Europe/Berlin")
    assert replies[0].startswith("Time zone set to Europe/Berlin")
    assert replies[1] == texts.ask_reminder_time()

    replies = await harness.say(pat, "8pm")
    assert "every day at 20:00 (Europe/Berlin)" in replies[0]
    profile = harness.files.get_profile(pat.id)
    assert profile.timezone == "Europe/Berlin"
    assert profile.reminder_time == time(20, 0)
    assert profile.onboarded


async def test_command_menu_is_set_at_startup(harness):
    scope = {"type": "all_private_chats"}
    names = [c["command"] for c in harness.api.commands(scope)]
    assert names[:3] == ["checkin", "log", "history"]
    assert {"remind", "timezone", "settings", "pause", "resume", "help"} <= set(names)


async def test_mistyped_timezone_gets_suggestions_and_stores_nothing(harness):
    pat = harness.user()
    await harness.say(pat, "/start")
    replies = await harness.say(pat, "Europe/Berln")
    assert "I don't know the time zone “Europe/Berln”" in replies[0]
    assert "Did you mean" in replies[0]
    labels = [t for row in harness.api.keyboard(pat.id) for t, _ in row]
    assert "Europe/Berlin" in labels
    assert harness.files.get_profile(pat.id).timezone == "UTC"
    replies = await harness.press(pat, "Europe/Berlin")
    assert harness.files.get_profile(pat.id).timezone == "Europe/Berlin"


async def test_remind_accepts_common_formats_and_rejects_nonsense(harness):
    pat = harness.user()
    await harness.onboard(pat)
    for typed, expected in [("20.00", time(20)), ("8pm", time(20)), ("07:45", time(7, 45))]:
        replies = await harness.say(pat, f"/remind {typed}")
        assert replies == [
            texts.reminder_set().format(time=f"{expected:%H:%M}", tz="Europe/Berlin")
        ]
        assert harness.files.get_profile(pat.id).reminder_time == expected
    replies = await harness.say(pat, "/remind 25:99")
    assert "couldn't read “25:99” as a time" in replies[0]
    assert harness.files.get_profile(pat.id).reminder_time == time(7, 45)


async def test_timezone_command_changes_zone_and_reschedules(harness):
    pat = harness.user()
    await harness.onboard(pat, tz="Europe/Berlin", at="20:00")
    before = reminders.next_run(harness.app.job_queue, pat.id)
    replies = await harness.say(pat, "/timezone America/New_York")
    assert replies[0].startswith("Time zone set to America/New_York")
    after = reminders.next_run(harness.app.job_queue, pat.id)
    assert after is not None and before is not None
    assert after.astimezone(ZoneInfo("America/New_York")).time() == time(20)


async def test_settings_pause_resume(harness):
    pat = harness.user()
    await harness.onboard(pat)
    replies = await harness.say(pat, "/settings")
    assert "Time zone: Europe/Berlin" in replies[0] and "Daily reminder: 20:00" in replies[0]
    assert await harness.say(pat, "/pause") == [texts.paused()]
    assert harness.files.get_profile(pat.id).paused
    assert harness.app.job_queue.get_jobs_by_name(f"reminder:{pat.id}") == ()
    assert "(paused)" in (await harness.say(pat, "/settings"))[0]
    replies = await harness.say(pat, "/resume")
    assert replies == [texts.resumed().format(time="20:00", tz="Europe/Berlin")]
    assert not harness.files.get_profile(pat.id).paused
    assert len(harness.app.job_queue.get_jobs_by_name(f"reminder:{pat.id}")) == 1


async def test_commands_before_start_ask_to_start(harness):
    pat = harness.user()
    assert await harness.say(pat, "/history") == [texts.need_start()]
    assert await harness.say(pat, "/log 5") == [texts.need_start()]
    assert harness.files.get_profile(pat.id) is None


async def test_help_lists_every_patient_command(harness):
    pat = harness.user()
    replies = await harness.say(pat, "/help")
    for name, _ in texts.commands():
        assert (f"/{name} " in replies[0]) is (name not in st.SPECIALIST_ONLY), name


async def test_privacy_notice_names_every_sharing_level_and_only_commands_that_exist(harness):
    """The notice is the patient's consent text: it must say what each sharing level sends
    (a new level must be added to it) and point only to commands the bot answers."""
    [notice, *_] = await harness.say(harness.user(), "/start")
    said = {
        ShareLevel.SUMMARY: "a summary (figures and chart)",
        ShareLevel.ENTRIES: "every entry and note",
        ShareLevel.FILES: "the data files (CSV, FHIR)",
    }
    assert set(said) == set(ShareLevel)
    assert all(words in notice for words in said.values()), notice
    answered = {
        command
        for group in harness.app.handlers.values()
        for handler in group
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    pointed_to = set(re.findall(r"/(\w+)", notice))
    assert {"share", "sharing", "export", "delete"} <= pointed_to <= answered
