"""The keyboards of /meds and of the check-in's medication list (callback data: `button_data`)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from diarybot import texts
from diarybot.bot import button_data
from diarybot.domain.entries import Entry
from diarybot.domain.medications import Medication, Use, doses_of
from diarybot.texts import medications as med_texts


def meds_list_keyboard(medications: tuple[Medication, ...]) -> InlineKeyboardMarkup:
    """/meds: one button per medication still taken, then Add."""
    rows = [
        [InlineKeyboardButton(m.name, callback_data=f"{button_data.MEDS_OPEN}:{m.id}")]
        for m in medications
        if m.active
    ]
    rows.append(
        [
            InlineKeyboardButton(
                med_texts.button_add(), callback_data=f"{button_data.MEDS_MENU}:add"
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


def meds_use_keyboard(offer_id: str) -> InlineKeyboardMarkup:
    """Regular or as needed, for the name just typed."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    med_texts.button_regular(),
                    callback_data=f"{button_data.MEDS_USE}:{offer_id}:regular",
                ),
                InlineKeyboardButton(
                    med_texts.button_as_needed(),
                    callback_data=f"{button_data.MEDS_USE}:{offer_id}:as_needed",
                ),
            ]
        ]
    )


def med_detail_keyboard(medication: Medication) -> InlineKeyboardMarkup:
    """What can be done with one medication, and the way back to the list."""
    mid = medication.id
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    med_texts.button_rename(), callback_data=f"{button_data.MEDS_RENAME}:{mid}"
                ),
                InlineKeyboardButton(
                    med_texts.button_stop(), callback_data=f"{button_data.MEDS_STOP}:{mid}"
                ),
            ],
            [
                InlineKeyboardButton(
                    med_texts.button_list(), callback_data=f"{button_data.MEDS_MENU}:list"
                )
            ],
        ]
    )


def checkin_meds_keyboard(
    entry: Entry, medications: tuple[Medication, ...]
) -> InlineKeyboardMarkup:
    """The check-in's medication list: tap what was taken (as needed: each tap one dose)."""
    rows = []
    for med in medications:
        count = doses_of(entry.doses, med.id)
        if med.use is Use.REGULAR:
            label = med.name
        elif count:
            label = med_texts.as_needed_count().format(name=med.name, count=count)
        else:
            label = med_texts.as_needed_label().format(name=med.name)
        label = texts.toggle_label(label, ticked=bool(count))
        rows.append(
            [
                InlineKeyboardButton(
                    label, callback_data=f"{button_data.CHECKIN_TAKEN}:{entry.id}:{med.id}"
                )
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                med_texts.button_clear(),
                callback_data=f"{button_data.CHECKIN_MEDS_CLEAR}:{entry.id}",
            ),
            InlineKeyboardButton(
                med_texts.button_back_techniques(),
                callback_data=f"{button_data.CHECKIN_MEDS_BACK}:{entry.id}",
            ),
        ]
    )
    return InlineKeyboardMarkup(rows)
