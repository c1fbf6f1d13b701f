"""/history's item corrections pressed late or forged (#14): a keyboard left open while the entry
was removed elsewhere, another patient's entry id, and a language changed mid-correction. The
entry is always looked up in the presser's own diary, so nothing but their own entry changes."""

from diarybot import texts
from diarybot.domain.daily_items import DailyItem, Region
from diarybot.texts import i18n
from tests.e2e.test_daily_items import switch_on
from tests.e2e.test_history import run_corrections
from tests.e2e.test_history_items import ITEM, REGION, checkin, open_newest
from tests.support.fake_bot_api import FakeUser


async def test_a_correction_left_open_after_the_entry_was_removed_stores_nothing(harness):
    pat = harness.user()
    await harness.onboard(pat)
    await switch_on(harness, pat, DailyItem.SLEEP, DailyItem.REGIONS)
    await checkin(harness, pat, 6, 2, [Region.NECK])
    [entry] = harness.files.entries(pat.id)
    await open_newest(harness, pat)
    await harness.press(pat, ITEM[DailyItem.SLEEP])
    ask = harness.api.last_message(pat.id)
    await harness.say(pat, "/undo")
    await harness.press(pat, texts.button_yes_remove())
    assert harness.files.entries(pat.id) == []

    assert await harness.press(pat, "8", message_id=ask.message_id) == [texts.entry_gone()]
    for data in (f"hl:{entry.id}:hips", f"hd:{entry.id}:done", f"hi:{entry.id}:mood"):
        harness.api.press_button(pat, ask.message_id, data, require_button=False)
    await harness.settle()
    assert harness.files.entries(pat.id) == []
    assert harness.api.unanswered_callback_queries() == []


async def test_another_patients_entry_id_reaches_nothing(harness):
    pat, eve = harness.user(), harness.user(1002, "Eve")
    for user in (pat, eve):
        await harness.onboard(user)
    await switch_on(harness, pat, DailyItem.SLEEP, DailyItem.REGIONS)
    await checkin(harness, pat, 6, 2, [Region.NECK])
    [entry] = harness.files.entries(pat.id)
    await harness.say(eve, "/log 5")
    own = harness.api.last_message(eve.id)
    for data in (f"hk:{entry.id}:sleep:9", f"hl:{entry.id}:hips", f"hi:{entry.id}:sleep"):
        harness.api.press_button(eve, own.message_id, data, require_button=False)
    await harness.settle()
    assert harness.files.entries(pat.id) == [entry]
    assert run_corrections(harness, pat) == []
    assert harness.api.last_message(eve.id).text == texts.entry_gone()


async def test_a_language_changed_mid_correction_keeps_the_correction(harness):
    pat = harness.users.setdefault(3301, FakeUser(id=3301, first_name="Paz", language_code="en"))
    await harness.onboard(pat)
    await switch_on(harness, pat, DailyItem.SLEEP)
    await harness.say(pat, "/log 6")
    await harness.press(pat, "2")
    await harness.press(pat, texts.button_done())
    await open_newest(harness, pat)
    await harness.press(pat, ITEM[DailyItem.SLEEP])
    ask = harness.api.last_message(pat.id)
    await harness.say(pat, "/language")
    await harness.press(pat, i18n.LANGUAGES["es"])

    [view] = await harness.press(pat, "8", message_id=ask.message_id)  # the English keyboard
    [stored] = harness.files.entries(pat.id)
    assert stored.sleep == 8
    assert "sueño 8/10" in view  # the entry shown again, in the patient's new language


async def test_a_check_in_keyboard_left_open_cannot_undo_a_correction_without_a_trace(harness):
    """Regions ticked on the check-in, corrected in /history, then Skip pressed on the check-in's
    keyboard still open above: the answer is taken, and the trail shows it replaced the
    correction. Before any correction, check-in answers leave no trail (they are answers)."""
    pat = harness.user()
    await harness.onboard(pat)
    await switch_on(harness, pat, DailyItem.REGIONS)
    await harness.say(pat, "/log 6")
    await harness.press(pat, texts.toggle_label(REGION[Region.NECK], ticked=False))
    checkin_keyboard = harness.api.last_message(pat.id)
    assert run_corrections(harness, pat) == []  # an answer, not a correction

    await open_newest(harness, pat)
    await harness.press(pat, ITEM[DailyItem.REGIONS])
    await harness.press(pat, texts.toggle_label(REGION[Region.HIPS], ticked=False))
    await harness.press(pat, texts.button_done())
    await harness.press(pat, texts.button_skip(), message_id=checkin_keyboard.message_id)

    [stored] = harness.files.entries(pat.id)
    assert stored.regions == ()
    trail = [(c.field, c.old, c.new) for c in run_corrections(harness, pat)]
    assert trail == [("regions", ["neck"], ["neck", "hips"]), ("regions", ["neck", "hips"], [])]
