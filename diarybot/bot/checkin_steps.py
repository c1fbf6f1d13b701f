"""The check-in's questions after the score, in order: the daily items the patient switched on
(each on its own one-tap keyboard, skippable), then the techniques. With no item switched on the
techniques come straight after the score, exactly as before the items existed."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from diarybot import texts
from diarybot.bot import button_data, checkin_keyboards, keyboard_shapes
from diarybot.domain.daily_items import DailyItem, Region, next_item
from diarybot.domain.entries import Entry
from diarybot.domain.localtime import zone
from diarybot.domain.medications import active
from diarybot.domain.people import Profile
from diarybot.texts import daily_items as item_texts
from diarybot.texts import words

Question = tuple[str, InlineKeyboardMarkup]


def saved_line(profile: Profile, entry: Entry) -> str:
    """ "Saved: 6/10 at 20:00." (with the note's start): the line every question starts with."""
    at = entry.recorded_at.astimezone(zone(profile.timezone))
    saved = texts.score_saved().format(score=entry.score, time=texts.format_time(at.time()))
    if entry.note:
        saved = words.score_with_note().format(saved=saved, preview=texts.shorten(entry.note))
    return saved


def question_after(profile: Profile, entry: Entry, answered: DailyItem | None) -> Question:
    """The question that follows `answered` (None: the score): the next switched-on item, or
    the techniques once no item is left."""
    item = next_item(profile.daily_items, answered)
    if item is None:
        return techniques_question(profile, entry)
    saved = saved_line(profile, entry)
    if item is DailyItem.REGIONS:
        return item_texts.ask_regions().format(saved=saved), regions_keyboard(entry)
    ask = item_texts.ask_sleep() if item is DailyItem.SLEEP else item_texts.ask_mood()
    return ask.format(saved=saved), rating_keyboard(entry.id, item)


def techniques_question(profile: Profile, entry: Entry) -> Question:
    """Which techniques (and medication) were used today: tick, then Done."""
    text = texts.ask_techniques().format(saved=saved_line(profile, entry))
    has_list = bool(active(profile.medications))
    return text, checkin_keyboards.techniques_keyboard(entry, has_list=has_list)


def rating_keyboard(entry_id: str, item: DailyItem) -> InlineKeyboardMarkup:
    """0–10 for sleep quality or mood, with Skip: one tap either way."""
    return keyboard_shapes.rating_keyboard(f"{button_data.ITEM_RATING}:{entry_id}", item.value)


def regions_keyboard(
    entry: Entry,
    tick: str = button_data.ITEM_REGION,
    end_prefix: str = button_data.ITEM_REGIONS_END,
    *,
    skippable: bool = True,
) -> InlineKeyboardMarkup:
    """The body regions, two a row, ticked ones marked; then Skip and Done. /history passes
    its own prefixes (`tick`, `end_prefix`) and no Skip: there each tap is a correction, and
    Done goes back to the entry."""
    names = item_texts.region_names()
    buttons = [
        InlineKeyboardButton(
            texts.toggle_label(names[region], ticked=region in entry.regions),
            callback_data=f"{tick}:{entry.id}:{region.value}",
        )
        for region in Region
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    end = f"{end_prefix}:{entry.id}"
    done = InlineKeyboardButton(texts.button_done(), callback_data=f"{end}:done")
    skip = InlineKeyboardButton(texts.button_skip(), callback_data=f"{end}:skip")
    rows.append([skip, done] if skippable else [done])
    return InlineKeyboardMarkup(rows)


def settings_keyboard(profile: Profile) -> InlineKeyboardMarkup:
    """One toggle per daily item, ticked when it is switched on."""
    names = item_texts.item_names()
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.toggle_label(names[item], ticked=item in profile.daily_items),
                    callback_data=f"{button_data.SETTINGS_ITEM}:{item.value}",
                )
            ]
            for item in DailyItem
        ]
    )
