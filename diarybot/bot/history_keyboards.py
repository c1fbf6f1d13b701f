"""The keyboards of /history: a page of entries with Older / Newer, and one entry's corrections."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from diarybot.bot import button_data
from diarybot.domain.daily_items import DailyItem, ordered_items
from diarybot.domain.entries import Entry
from diarybot.texts import daily_items as item_texts
from diarybot.texts import words


def history_keyboard(
    entries: list[tuple[str, str]], page: int, *, older: bool, newer: bool
) -> InlineKeyboardMarkup:
    """One button per entry shown (label, id), then Older / Newer where there are more."""
    rows = [
        [InlineKeyboardButton(label, callback_data=f"{button_data.HISTORY_ENTRY}:{entry_id}")]
        for label, entry_id in entries
        if button_data.parse_callback(f"{button_data.HISTORY_ENTRY}:{entry_id}") is not None
    ]
    nav = []
    if older:
        nav.append(
            InlineKeyboardButton(
                words.button_older(), callback_data=f"{button_data.HISTORY_PAGE}:{page + 1}"
            )
        )
    if newer:
        nav.append(
            InlineKeyboardButton(
                words.button_newer(), callback_data=f"{button_data.HISTORY_PAGE}:{page - 1}"
            )
        )
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def correctable_items(entry: Entry, switched_on: Iterable[DailyItem]) -> tuple[DailyItem, ...]:
    """The daily items /history offers to correct on `entry`: those the patient has switched on,
    and any the entry carries (an item switched off since stays correctable where it was
    answered)."""
    carried = [
        item
        for item, answered in (
            (DailyItem.SLEEP, entry.sleep is not None),
            (DailyItem.MOOD, entry.mood is not None),
            (DailyItem.REGIONS, bool(entry.regions)),
        )
        if answered
    ]
    return ordered_items([*switched_on, *carried])


def back_to_entry(markup: InlineKeyboardMarkup, entry_id: str) -> InlineKeyboardMarkup:
    """A correction's choices, then the way back to the entry that changes nothing."""
    back = InlineKeyboardButton(
        words.button_back_to_entry(), callback_data=f"{button_data.HISTORY_ENTRY}:{entry_id}"
    )
    return InlineKeyboardMarkup([*markup.inline_keyboard, [back]])


def entry_keyboard(
    entry: Entry, page: int = 0, items: Iterable[DailyItem] = ()
) -> InlineKeyboardMarkup:
    """What can be corrected on one entry (its daily `items` each on a button, two a row), and
    the way back to the list."""
    medication = (
        words.button_edit_medication_yes()
        if entry.medication
        else words.button_edit_medication_no()
    )
    eid = entry.id

    def button(label: str, prefix: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=f"{prefix}:{eid}")

    names = item_texts.item_names()
    item_buttons = [
        InlineKeyboardButton(
            names[item], callback_data=f"{button_data.HISTORY_ITEM}:{eid}:{item.value}"
        )
        for item in items
    ]
    return InlineKeyboardMarkup(
        [
            [
                button(words.button_edit_score(), button_data.HISTORY_SCORE),
                button(words.button_edit_note(), button_data.HISTORY_NOTE),
            ],
            [
                button(words.button_edit_techniques(), button_data.HISTORY_TECHNIQUES),
                button(medication, button_data.HISTORY_MEDICATION),
            ],
            *(item_buttons[i : i + 2] for i in range(0, len(item_buttons), 2)),
            [button(words.button_remove(), button_data.HISTORY_REMOVE)],
            [
                InlineKeyboardButton(
                    words.button_back(), callback_data=f"{button_data.HISTORY_PAGE}:{page}"
                )
            ],
        ]
    )
