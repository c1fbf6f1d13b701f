"""The keyboards of sharing: a patient's answer to a link request and their /sharing levels,
and a specialist's list of people (a page at a time in /patients)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from diarybot import texts
from diarybot.bot.button_data import LINK_ALLOW, LINK_DECLINE, PATIENTS_PAGE, SET_LEVEL, UNSHARE
from diarybot.texts import specialist as st


def link_keyboard(specialist_id: int) -> InlineKeyboardMarkup:
    """The patient's answer to a specialist's link request: what to share, or no."""
    rows = level_rows(LINK_ALLOW, specialist_id)
    rows.append(
        [
            InlineKeyboardButton(
                texts.button_decline(), callback_data=f"{LINK_DECLINE}:{specialist_id}"
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


def level_rows(prefix: str, specialist_id: int) -> list[list[InlineKeyboardButton]]:
    """One button per sharing level, least first."""
    return [
        [InlineKeyboardButton(label, callback_data=f"{prefix}:{specialist_id}:{level.value}")]
        for level, label in st.level_buttons().items()
    ]


def level_keyboard(specialist_id: int, name: str) -> InlineKeyboardMarkup:
    """/sharing, one specialist: change what they receive, or stop."""
    rows = level_rows(SET_LEVEL, specialist_id)
    rows.append(
        [
            InlineKeyboardButton(
                st.button_stop().format(name=name), callback_data=f"{UNSHARE}:{specialist_id}"
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


def paged_people_keyboard(
    prefix: str, people: list[tuple[int, str]], page: int, pages: int
) -> InlineKeyboardMarkup:
    """One button per person on this page, then Previous/Next when there are other pages."""
    rows = [
        [InlineKeyboardButton(label, callback_data=f"{prefix}:{pid}")] for pid, label in people
    ]
    turn = []
    if page > 0:
        turn.append(
            InlineKeyboardButton(st.button_previous(), callback_data=f"{PATIENTS_PAGE}:{page - 1}")
        )
    if page < pages - 1:
        turn.append(
            InlineKeyboardButton(st.button_next(), callback_data=f"{PATIENTS_PAGE}:{page + 1}")
        )
    if turn:
        rows.append(turn)
    return InlineKeyboardMarkup(rows)
