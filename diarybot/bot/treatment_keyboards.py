"""The keyboards of /treatment and of the treatments in /history (callback data: `button_data`)."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from diarybot.bot import button_data
from diarybot.domain.treatments import Kind, TreatmentEvent
from diarybot.texts import treatments as tt

#: Recent days offered as buttons after Today and Yesterday (a week in all).
RECENT_DAYS = 5


def whose_keyboard(own_id: int | None, patients: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    """A specialist chooses a linked patient (or their own diary, when they keep one)."""
    rows = []
    if own_id is not None:
        rows.append([_button(tt.button_own_diary(), f"{button_data.TREATMENT_WHOSE}:{own_id}")])
    rows += [[_button(name, f"{button_data.TREATMENT_WHOSE}:{pid}")] for pid, name in patients]
    return InlineKeyboardMarkup(rows)


def kind_keyboard(patient_id: int) -> InlineKeyboardMarkup:
    """One button per kind of treatment."""
    names = tt.kind_names()
    return InlineKeyboardMarkup(
        [
            [_button(names[kind], f"{button_data.TREATMENT_KIND}:{patient_id}:{kind.value}")]
            for kind in Kind
        ]
    )


def day_keyboard(patient_id: int, kind: Kind, today: date) -> InlineKeyboardMarkup:
    """Today and Yesterday, then the five days before them."""
    prefix = f"{button_data.TREATMENT_DAY}:{patient_id}:{kind.value}"

    def data(day: date) -> str:
        return f"{prefix}:{button_data.day_data(day)}"

    yesterday = today - timedelta(days=1)
    recent = [today - timedelta(days=n) for n in range(2, 2 + RECENT_DAYS)]
    return InlineKeyboardMarkup(
        [
            [
                _button(tt.button_today(), data(today)),
                _button(tt.button_yesterday(), data(yesterday)),
            ],
            [_button(tt.day_button(day), data(day)) for day in recent],
        ]
    )


def skip_keyboard(patient_id: int, kind: Kind, day: date) -> InlineKeyboardMarkup:
    """Record it without words."""
    data = f"{button_data.TREATMENT_SKIP}:{patient_id}:{kind.value}:{button_data.day_data(day)}"
    return InlineKeyboardMarkup([[_button(tt.button_skip(), data)]])


def remove_keyboard(events: list[TreatmentEvent]) -> InlineKeyboardMarkup:
    """/history: one button per treatment, newest first, to remove it."""
    names = tt.kind_names()
    return InlineKeyboardMarkup(
        [
            [
                _button(
                    tt.button_remove().format(day=tt.day_text(e.local_date), kind=names[e.kind]),
                    f"{button_data.TREATMENT_REMOVE}:{e.id}",
                )
            ]
            for e in events
        ]
    )


def confirm_remove_keyboard(event_id: str) -> InlineKeyboardMarkup:
    """Yes, remove it / No, keep it."""
    return InlineKeyboardMarkup(
        [
            [
                _button(tt.button_remove_yes(), f"{button_data.TREATMENT_REMOVE_YES}:{event_id}"),
                _button(tt.button_keep(), f"{button_data.TREATMENT_KEEP}:{event_id}"),
            ]
        ]
    )


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)
