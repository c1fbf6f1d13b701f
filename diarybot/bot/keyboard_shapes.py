"""Keyboard shapes several features share: a 0–10 rating, a list of buttons, one button, a
yes/no question (and /delete's). Their callback data is defined in `button_data`."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from diarybot import texts
from diarybot.bot.button_data import DELETE_EXPORT, DELETE_NO, DELETE_YES, SKIP
from diarybot.domain.entries import MAX_SCORE, MIN_SCORE
from diarybot.texts.erasure import button_send_everything


def rating_keyboard(
    prefix: str, record_id: str, *, skippable: bool = True
) -> InlineKeyboardMarkup:
    """0–10 in two rows for a rating tied to a record (exercise, PEG item), with Skip."""
    buttons = [
        InlineKeyboardButton(str(n), callback_data=f"{prefix}:{record_id}:{n}")
        for n in range(MIN_SCORE, MAX_SCORE + 1)
    ]
    rows = [buttons[:6], buttons[6:]]
    if skippable:
        rows.append(
            [
                InlineKeyboardButton(
                    texts.button_skip_rating(), callback_data=f"{prefix}:{record_id}:{SKIP}"
                )
            ]
        )
    return InlineKeyboardMarkup(rows)


def buttons_keyboard(buttons: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One (label, callback data) button per row."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data)] for label, data in buttons]
    )


def single_button(label: str, data: str) -> InlineKeyboardMarkup:
    """One button on its own."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def erase_keyboard(*, offer_everything: bool) -> InlineKeyboardMarkup:
    """The /delete question: send everything first (until it was sent), erase, or keep."""
    rows = [
        [
            InlineKeyboardButton(texts.button_yes_erase(), callback_data=DELETE_YES),
            InlineKeyboardButton(texts.button_no(), callback_data=DELETE_NO),
        ]
    ]
    if offer_everything:
        rows.insert(
            0, [InlineKeyboardButton(button_send_everything(), callback_data=DELETE_EXPORT)]
        )
    return InlineKeyboardMarkup(rows)


def confirm_keyboard(yes_text: str, yes_data: str, no_data: str) -> InlineKeyboardMarkup:
    """A yes/no pair for destructive actions."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(yes_text, callback_data=yes_data),
                InlineKeyboardButton(texts.button_no(), callback_data=no_data),
            ]
        ]
    )
