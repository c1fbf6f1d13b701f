"""/history: correcting an entry's daily items (sleep quality, mood, where the pain is).

A mis-tapped "sleep 2" is fixed on the check-in's own keyboards: the 0–10 rating and the body
regions (each tap a correction, Done back to the entry). There is no Skip here: in the middle
of a correction it would read as "leave it", so "Back to the entry" changes nothing instead.
Every change goes through `diary.correct`, so the audit trail keeps the old value and the
time, as for the score. Only the items the patient has switched on, or that the entry carries,
are offered; a press to open or rate any other item just shows the entry again.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from diarybot import texts
from diarybot.bot import button_data, keyboard_shapes
from diarybot.bot.checkin_steps import regions_keyboard
from diarybot.bot.context import BotContext
from diarybot.bot.history import describe, show_entry
from diarybot.bot.history_keyboards import back_to_entry, correctable_items
from diarybot.bot.replies import Pressed, edit, edit_markup, pressed, profile_or_prompt
from diarybot.domain.daily_items import DailyItem, Region, toggled_region
from diarybot.domain.entries import Entry
from diarybot.domain.people import Profile
from diarybot.texts import daily_items as item_texts


async def _press_on_entry(
    update: Update, context: BotContext
) -> tuple[Pressed, Profile, Entry] | None:
    """The press, the presser's profile and the entry (from their own diary) it names; None
    when any is gone (the patient is told when the entry is)."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return None
    entry = await context.services.store.diary.get(profile.user_id, press.callback.args[0])
    if entry is None:
        await edit(press.query, texts.entry_gone())
        return None
    return press, profile, entry


def _offered(entry: Entry, profile: Profile, code: str) -> DailyItem | None:
    item = DailyItem(code)
    return item if item in correctable_items(entry, profile.daily_items) else None


async def item_button(update: Update, context: BotContext) -> None:
    """Sleep quality, Mood or Where the pain is: the item's question and keyboard."""
    found = await _press_on_entry(update, context)
    if found is None:
        return
    press, profile, entry = found
    item = _offered(entry, profile, press.callback.args[1])
    if item is None:
        await show_entry(press.query, entry, profile)
        return
    line = describe(entry, profile.timezone)
    if item is DailyItem.REGIONS:
        markup = _regions(entry)
        await edit(press.query, item_texts.ask_regions().format(saved=line), markup)
        return
    ask = item_texts.ask_sleep() if item is DailyItem.SLEEP else item_texts.ask_mood()
    prefix = f"{button_data.HISTORY_ITEM_RATING}:{entry.id}"
    markup = keyboard_shapes.rating_keyboard(prefix, item.value, skippable=False)
    await edit(press.query, ask.format(saved=line), back_to_entry(markup, entry.id))


async def rating_button(update: Update, context: BotContext) -> None:
    """The corrected sleep quality or mood, then the entry again."""
    found = await _press_on_entry(update, context)
    if found is None:
        return
    press, profile, entry = found
    _entry_id, code, value = press.callback.args
    item = _offered(entry, profile, code)
    # No Skip is offered here; one from an older keyboard changes nothing, like Back.
    if item is not None and value != button_data.SKIP:
        now = context.services.clock()
        corrected = await context.services.store.diary.correct(
            profile.user_id, entry.id, now, **{item.value: int(value)}
        )
        entry = corrected or entry
    await show_entry(press.query, entry, profile)


async def region_button(update: Update, context: BotContext) -> None:
    """Tick or untick one body region: a correction of the entry's regions. Not checked
    against what is offered: unticking the last region of an item switched off since must not
    lock the patient out of the keyboard they are on."""
    found = await _press_on_entry(update, context)
    if found is None:
        return
    press, profile, entry = found
    regions = toggled_region(entry.regions, Region(press.callback.args[1]))
    corrected = await context.services.store.diary.correct(
        profile.user_id, entry.id, context.services.clock(), regions=regions
    )
    if corrected is None:
        await edit(press.query, texts.entry_gone())
        return
    await edit_markup(press.query, _regions(corrected))


async def regions_end(update: Update, context: BotContext) -> None:
    """Done: every tap is already stored, so the entry again."""
    found = await _press_on_entry(update, context)
    if found is None:
        return
    press, profile, entry = found
    await show_entry(press.query, entry, profile)


def _regions(entry: Entry) -> InlineKeyboardMarkup:
    return regions_keyboard(
        entry, button_data.HISTORY_REGION, button_data.HISTORY_REGIONS_END, skippable=False
    )
