"""The keyboards of /timezone and /remind: common time zones (a patient's diary's, or a
specialist's digest's) and common reminder times."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from diarybot.bot.button_data import REMINDER_TIME, SPECIALIST_TZ, TIMEZONE

COMMON_TIMEZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Australia/Sydney",
    "UTC",
)
COMMON_TIMES = ("08:00", "12:00", "18:00", "20:00", "21:00")


def timezone_keyboard(
    names: Sequence[str] = COMMON_TIMEZONES,
) -> InlineKeyboardMarkup:
    """Time zone choices, two per row."""
    buttons = [InlineKeyboardButton(n, callback_data=f"{TIMEZONE}:{n}") for n in names]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def specialist_timezone_keyboard(
    names: Sequence[str] = COMMON_TIMEZONES,
) -> InlineKeyboardMarkup:
    """Time zone choices for a specialist (their digest's clock, not a diary's)."""
    buttons = [InlineKeyboardButton(n, callback_data=f"{SPECIALIST_TZ}:{n}") for n in names]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def reminder_time_keyboard() -> InlineKeyboardMarkup:
    """A few common reminder times in one row."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t, callback_data=f"{REMINDER_TIME}:{t}") for t in COMMON_TIMES]]
    )
