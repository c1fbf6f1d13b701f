"""The optional daily items: switched on and off in /settings, answered in the check-in.

Each answer updates the entry the score created (so an abandoned check-in keeps what was
given) and moves the same message on to the next question.
"""

from __future__ import annotations

from telegram import Update

from diarybot import texts
from diarybot.bot import button_data
from diarybot.bot.checkin_steps import question_after, regions_keyboard, settings_keyboard
from diarybot.bot.context import BotContext
from diarybot.bot.replies import edit, edit_markup, pressed
from diarybot.domain.daily_items import DailyItem, Region, switched, toggled_region


async def settings_toggle(update: Update, context: BotContext) -> None:
    """A /settings toggle: switch one daily item on or off."""
    press = await pressed(update)
    if press is None:
        return
    profiles = context.services.store.profiles
    profile = await profiles.get(press.user_id)
    if profile is None:
        await edit(press.query, texts.button_expired())
        return
    item = DailyItem(press.callback.args[0])
    updated = await profiles.update(press.user_id, daily_items=switched(profile.daily_items, item))
    await edit_markup(press.query, settings_keyboard(updated or profile))


async def rating_button(update: Update, context: BotContext) -> None:
    """Sleep quality or mood tapped (or skipped): stored, then the next question."""
    press = await pressed(update)
    if press is None:
        return
    entry_id, code, value = press.callback.args
    item = DailyItem(code)
    rating = None if value == button_data.SKIP else int(value)
    store = context.services.store
    now = context.services.clock()
    entry = await store.diary.answer(press.user_id, entry_id, now, **{item.value: rating})
    profile = await store.profiles.get(press.user_id)
    if entry is None or profile is None:
        await edit(press.query, texts.entry_gone())
        return
    text, markup = question_after(profile, entry, item)
    await edit(press.query, text, markup)


async def region_button(update: Update, context: BotContext) -> None:
    """Tick or untick a body region on the entry the keyboard belongs to."""
    press = await pressed(update)
    if press is None:
        return
    entry_id, code = press.callback.args
    diary = context.services.store.diary
    entry = await diary.get(press.user_id, entry_id)
    if entry is not None:
        regions = toggled_region(entry.regions, Region(code))
        now = context.services.clock()
        entry = await diary.answer(press.user_id, entry_id, now, regions=regions)
    if entry is None:
        await edit(press.query, texts.entry_gone())
        return
    await edit_markup(press.query, regions_keyboard(entry))


async def regions_end(update: Update, context: BotContext) -> None:
    """Done (the ticked regions stay) or Skip (none kept): then the next question."""
    press = await pressed(update)
    if press is None:
        return
    entry_id, how = press.callback.args
    store = context.services.store
    if how == "skip":
        now = context.services.clock()
        entry = await store.diary.answer(press.user_id, entry_id, now, regions=())
    else:
        entry = await store.diary.get(press.user_id, entry_id)
    profile = await store.profiles.get(press.user_id)
    if entry is None or profile is None:
        await edit(press.query, texts.entry_gone())
        return
    text, markup = question_after(profile, entry, DailyItem.REGIONS)
    await edit(press.query, text, markup)
