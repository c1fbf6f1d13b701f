"""A line of the specialist's plan in the patient's daily reminder (#16), end to end.

The line is the specialist's own words, marked as theirs; the patient can turn it off in /plan;
a patient without a plan gets the reminder as always; a plan goes when sharing stops.
"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from diarybot import texts
from diarybot.bot import reminders
from diarybot.domain.links import ShareLevel
from diarybot.domain.localtime import instant_on, local_date
from diarybot.texts import plan as plan_texts
from diarybot.texts import specialist as st
from tests.support.fake_bot_api import FakeUser
from tests.support.sharing import link

BERLIN = ZoneInfo("Europe/Berlin")
PLAN = "Breathing exercise each evening; ibuprofen no more than 3 a day\nSee you in March."


@pytest.fixture
async def pat(harness):
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="Europe/Berlin", at="20:00")
    await harness.say(user, "/name Pat Example")
    return user


@pytest.fixture
def doc(harness):
    return harness.users.setdefault(5005, FakeUser(id=5005, first_name="Dr Roe", username="drroe"))


async def write_plan(harness, doc, plan: str) -> None:
    await harness.say(doc, "/plan")
    await harness.press(doc, "Pat Example")
    assert await harness.say(doc, plan) == [st.plan_saved().format(name="Pat Example")]


async def reminder_on(harness, user, day_offset: int) -> str:
    """Fire the patient's reminder at 20:00 Berlin on today + `day_offset`; its text."""
    day = local_date(datetime.now(UTC), BERLIN) + timedelta(days=day_offset)
    harness.clock.set(instant_on(day, time(20), BERLIN) + timedelta(seconds=5))
    mark = harness.api.mark()
    await harness.run_job(reminders.job_id(user.id))
    [sent] = [
        c
        for c in harness.api.calls_for("sendMessage", user.id)
        if c.index >= mark and "check-in" in c.params["text"]
    ]
    assert sent.params["reply_markup"]["inline_keyboard"]  # still the 0-10 keyboard
    return sent.params["text"]


def with_plan(line: str) -> str:
    return plan_texts.reminder_with_plan().format(
        reminder=texts.reminder(), who="Dr Roe", line=line
    )


async def test_the_reminder_carries_the_first_line_of_the_plan_until_the_patient_turns_it_off(
    harness, pat, doc
):
    await link(harness, pat, doc, ShareLevel.SUMMARY)
    await write_plan(harness, doc, PLAN)
    expected = with_plan("Breathing exercise each evening; ibuprofen no more than 3 a day")
    assert await reminder_on(harness, pat, 1) == expected

    await harness.say(pat, "/plan")
    assert await harness.press(pat, plan_texts.hide_in_reminders()) == [plan_texts.turned_off()]
    assert harness.files.get_profile(pat.id).plan_in_reminders is False
    assert await reminder_on(harness, pat, 2) == texts.reminder()

    # ... and back on: /plan now offers the other button.
    await harness.say(pat, "/plan")
    assert await harness.press(pat, plan_texts.show_in_reminders()) == [plan_texts.turned_on()]
    assert await reminder_on(harness, pat, 3) == expected


async def test_a_long_first_line_is_shortened_with_an_ellipsis(harness, pat, doc):
    await link(harness, pat, doc, ShareLevel.SUMMARY)
    long_line = "Gentle walk of twenty minutes after lunch, then stretching " * 3
    await write_plan(harness, doc, long_line.strip())
    text = await reminder_on(harness, pat, 1)
    line = text.split("From Dr Roe's plan: ", 1)[1]
    assert line.endswith("…") and len(line) <= 80
    assert long_line.startswith(line.removesuffix("…"))


async def test_a_patient_without_a_plan_gets_the_reminder_unchanged(harness, pat, doc):
    await link(harness, pat, doc, ShareLevel.SUMMARY)
    assert await reminder_on(harness, pat, 1) == texts.reminder()


async def test_a_plan_from_a_specialist_the_patient_stopped_sharing_with_is_not_shown(
    harness, pat, doc
):
    await link(harness, pat, doc, ShareLevel.SUMMARY)
    await write_plan(harness, doc, PLAN)
    await harness.say(pat, "/unshare")
    await harness.press(pat, st.button_change().format(name="Dr Roe"))
    await harness.press(pat, st.button_stop().format(name="Dr Roe"))
    assert harness.files.links(pat.id) == []
    assert await reminder_on(harness, pat, 1) == texts.reminder()
