"""The optional daily items end to end: switched on in /settings, asked right after the score
on their own keyboards (each skippable), stored on the entry; all off, the check-in is the same
number of taps and messages as before they existed."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from diarybot import texts
from diarybot.bot import reminders
from diarybot.domain.daily_items import DailyItem, Region
from diarybot.domain.entries import Source
from diarybot.domain.localtime import instant_on, local_date
from diarybot.texts import daily_items as item_texts
from tests.conftest import Harness

ITEM = item_texts.item_names()
REGION = item_texts.region_names()
SLEEP_QUESTION = item_texts.ask_sleep().split("\n\n")[1]
MOOD_QUESTION = item_texts.ask_mood().split("\n\n")[1]
REGIONS_QUESTION = item_texts.ask_regions().split("\n\n")[1]
TECHNIQUES_QUESTION = texts.ask_techniques().split("\n\n")[1]


@pytest.fixture
async def pat(harness):
    user = harness.user()
    await harness.onboard(user)
    return user


def labels(harness: Harness, user) -> list[str]:
    return [t for row in harness.api.keyboard(user.id) for t, _ in row]


async def switch_on(harness: Harness, user, *items: DailyItem) -> None:
    await harness.say(user, "/settings")
    for item in items:
        await harness.press(user, texts.toggle_label(ITEM[item], ticked=False))


def bot_calls(harness: Harness, mark: int, chat_id: int) -> list[str]:
    """The bot's messages and edits to this chat since `mark`, by method."""
    return [
        call.method
        for call in harness.api.all_calls[mark:]
        if call.ok
        and call.method in ("sendMessage", "editMessageText", "editMessageReplyMarkup")
        and call.params.get("chat_id") == chat_id
    ]


async def test_settings_offers_each_item_switched_off_and_toggles_it(harness, pat):
    [reply] = await harness.say(pat, "/settings")
    assert item_texts.settings_items() in reply
    assert labels(harness, pat) == [
        texts.toggle_label(ITEM[item], ticked=False) for item in DailyItem
    ]
    assert harness.files.get_profile(pat.id).daily_items == ()

    await harness.press(pat, texts.toggle_label(ITEM[DailyItem.MOOD], ticked=False))
    await harness.press(pat, texts.toggle_label(ITEM[DailyItem.SLEEP], ticked=False))
    assert labels(harness, pat) == [
        texts.toggle_label(ITEM[DailyItem.SLEEP], ticked=True),
        texts.toggle_label(ITEM[DailyItem.MOOD], ticked=True),
        texts.toggle_label(ITEM[DailyItem.REGIONS], ticked=False),
    ]
    assert harness.files.get_profile(pat.id).daily_items == (DailyItem.SLEEP, DailyItem.MOOD)

    await harness.press(pat, texts.toggle_label(ITEM[DailyItem.SLEEP], ticked=True))  # off again
    assert harness.files.get_profile(pat.id).daily_items == (DailyItem.MOOD,)
    assert harness.api.unanswered_callback_queries() == []


async def test_checkin_asks_every_item_switched_on_right_after_the_score(harness, pat):
    await switch_on(harness, pat, DailyItem.SLEEP, DailyItem.MOOD, DailyItem.REGIONS)
    await harness.say(pat, "/checkin")

    [reply] = await harness.press(pat, "6")
    assert reply.startswith("Saved: 6/10 at ") and SLEEP_QUESTION in reply
    assert labels(harness, pat) == [*(str(n) for n in range(11)), texts.button_skip_rating()]
    [entry] = harness.files.entries(pat.id)
    assert entry.score == 6 and entry.sleep is None  # the score is kept before anything else

    [reply] = await harness.press(pat, "3")
    assert MOOD_QUESTION in reply
    [reply] = await harness.press(pat, "8")
    assert REGIONS_QUESTION in reply
    assert texts.toggle_label(REGION[Region.LOWER_BACK], ticked=False) in labels(harness, pat)
    await harness.press(pat, texts.toggle_label(REGION[Region.LOWER_BACK], ticked=False))
    await harness.press(pat, texts.toggle_label(REGION[Region.HIPS], ticked=False))
    await harness.press(pat, texts.toggle_label(REGION[Region.NECK], ticked=False))
    await harness.press(pat, texts.toggle_label(REGION[Region.NECK], ticked=True))  # untick
    [reply] = await harness.press(pat, texts.button_done())
    assert TECHNIQUES_QUESTION in reply

    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.sleep, entry.mood) == (6, 3, 8)
    assert entry.regions == (Region.LOWER_BACK, Region.HIPS)
    await harness.press(pat, texts.button_done())
    replies = await harness.press(pat, texts.button_skip())
    assert replies[0].endswith(texts.checkin_summary_done().split("\n\n")[-1])
    assert harness.api.unanswered_callback_queries() == []


async def test_each_item_can_be_skipped(harness, pat):
    await switch_on(harness, pat, DailyItem.SLEEP, DailyItem.MOOD, DailyItem.REGIONS)
    await harness.say(pat, "/checkin")
    await harness.press(pat, "4")
    [reply] = await harness.press(pat, texts.button_skip_rating())
    assert MOOD_QUESTION in reply
    [reply] = await harness.press(pat, texts.button_skip_rating())
    assert REGIONS_QUESTION in reply
    await harness.press(pat, texts.toggle_label(REGION[Region.FEET], ticked=False))
    [reply] = await harness.press(pat, texts.button_skip())  # skipping drops the tick
    assert TECHNIQUES_QUESTION in reply
    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.sleep, entry.mood, entry.regions) == (4, None, None, ())


async def test_only_the_items_switched_on_are_asked(harness, pat):
    await switch_on(harness, pat, DailyItem.MOOD)
    await harness.say(pat, "/checkin")
    [reply] = await harness.press(pat, "5")
    assert MOOD_QUESTION in reply and SLEEP_QUESTION not in reply
    [reply] = await harness.press(pat, "7")
    assert TECHNIQUES_QUESTION in reply
    [entry] = harness.files.entries(pat.id)
    assert (entry.sleep, entry.mood) == (None, 7)


async def checkin_calls(harness: Harness, user) -> tuple[int, list[str]]:
    """A whole check-in by buttons: score, each item answered, Done, skip the note.
    Returns the taps it took and the bot's messages and edits."""
    mark = harness.api.mark()
    await harness.say(user, "/checkin")
    taps = 1
    await harness.press(user, "6")
    profile = harness.files.get_profile(user.id)
    for _item in profile.daily_items:
        await harness.press(user, "5")
        taps += 1
    await harness.press(user, texts.button_done())
    await harness.press(user, texts.button_skip())
    return taps + 2, bot_calls(harness, mark, user.id)


async def test_with_every_item_off_the_checkin_is_unchanged_in_taps_and_messages(harness, pat):
    taps, calls = await checkin_calls(harness, pat)
    # As before the daily items: the score keyboard, then one message edited in place.
    assert taps == 3
    assert calls == ["sendMessage", "editMessageText", "editMessageText", "editMessageText"]
    [entry] = harness.files.entries(pat.id)
    assert (entry.sleep, entry.mood, entry.regions) == (None, None, ())

    # One item switched on costs one tap and one edit of the same message, nothing more.
    await switch_on(harness, pat, DailyItem.SLEEP)
    taps, calls = await checkin_calls(harness, pat)
    assert taps == 4
    assert calls == ["sendMessage", *["editMessageText"] * 4]


async def test_a_typed_score_and_log_ask_the_items_too(harness, pat):
    await switch_on(harness, pat, DailyItem.SLEEP)
    [reply] = await harness.say(pat, "6 knee bad again")
    assert SLEEP_QUESTION in reply
    await harness.press(pat, "2")
    [reply] = await harness.say(pat, "/log 5")
    assert SLEEP_QUESTION in reply
    [reply] = await harness.press(pat, "9")
    assert TECHNIQUES_QUESTION in reply
    typed, logged = harness.files.entries(pat.id)
    assert (typed.source, typed.score, typed.sleep, typed.note) == (
        Source.TYPED,
        6,
        2,
        "knee bad again",
    )
    assert (logged.source, logged.score, logged.sleep) == (Source.QUICK_LOG, 5, 9)


async def test_the_reminders_keyboard_asks_the_items_too(harness, pat):
    await switch_on(harness, pat, DailyItem.MOOD)
    now = datetime.now(UTC)
    tz = ZoneInfo(harness.files.get_profile(pat.id).timezone)
    harness.clock.set(instant_on(local_date(now, tz), time(20), tz) + timedelta(seconds=1))
    await harness.run_job(reminders.job_id(pat.id))
    [reply] = await harness.press(pat, "4")
    assert MOOD_QUESTION in reply
    await harness.press(pat, "6")
    [entry] = harness.files.entries(pat.id)
    assert (entry.source, entry.score, entry.mood) == (Source.REMINDER, 4, 6)


async def test_a_high_score_gets_the_safety_pointer_before_the_first_item(harness, pat):
    await switch_on(harness, pat, DailyItem.SLEEP)
    await harness.say(pat, "/checkin")
    replies = await harness.press(pat, "9")
    assert replies[1] == texts.safety_high_score()
    assert SLEEP_QUESTION in replies[2]
    await harness.press(pat, "1")
    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.sleep) == (9, 1)
