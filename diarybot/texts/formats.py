"""Times, dates, weekday names and quoted words as chat replies write them."""

from __future__ import annotations

from datetime import date, time

from diarybot.texts.i18n import _, format_date


def shorten(typed: str, limit: int = 40) -> str:
    """What a patient typed, quoted back at most `limit` characters long."""
    return typed if len(typed) <= limit else typed[: limit - 1] + "…"


def format_time(value: time) -> str:
    """A time of day as patients read it, 24-hour."""
    return value.strftime("%H:%M")


def short_date(day: date) -> str:
    """A day in chat, as the language writes it (CLDR): "Nov 1, 2026", "1 nov 2026"."""
    return format_date(day, "medium")


def weekdays() -> tuple[str, ...]:
    return (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )
