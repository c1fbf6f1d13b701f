"""The keyboards of the check-in: the score, the techniques (also /history's), the note."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from diarybot import texts
from diarybot.bot.button_data import (
    CHECKIN_MEDS,
    HISTORY_ENTRY,
    HISTORY_TECHNIQUES_NONE,
    HISTORY_TOGGLE,
    MEDICATION_CODE,
    NOTE_SKIP,
    SCORE,
    TECHNIQUES_DONE,
    TECHNIQUES_NONE,
    TOGGLE,
)
from diarybot.bot.keyboard_shapes import rating_keyboard
from diarybot.domain.entries import Entry, Technique
from diarybot.texts import medications as med_texts
from diarybot.texts import words


def score_keyboard(entry_id: str) -> InlineKeyboardMarkup:
    """0–10 in two rows (6 + 5), sized for a thumb."""
    return rating_keyboard(SCORE, entry_id, skippable=False)


def techniques_keyboard(
    entry: Entry, *, correcting: bool = False, has_list: bool = False
) -> InlineKeyboardMarkup:
    """Toggle buttons for each technique and medication, then Done.

    `correcting`: the same keyboard from /history, whose presses are recorded as corrections
    and whose Done goes back to the entry. `has_list`: the patient keeps a medication list, so
    "Pain medication" opens it instead of being a yes/no tick.
    """
    toggle = HISTORY_TOGGLE if correcting else TOGGLE
    done = HISTORY_ENTRY if correcting else TECHNIQUES_DONE
    none = HISTORY_TECHNIQUES_NONE if correcting else TECHNIQUES_NONE
    rows = []
    for technique in Technique:
        rows.append(
            InlineKeyboardButton(
                texts.toggle_label(
                    texts.technique_names()[technique], ticked=technique in entry.techniques
                ),
                callback_data=f"{toggle}:{entry.id}:{technique.value}",
            )
        )
    if has_list and not correcting:
        opener = (
            med_texts.medication_open_ticked()
            if entry.medication
            else med_texts.medication_open_unticked()
        )
        rows.append(
            InlineKeyboardButton(
                opener,
                callback_data=f"{CHECKIN_MEDS}:{entry.id}",
            )
        )
    else:
        rows.append(
            InlineKeyboardButton(
                texts.toggle_label(texts.medication_name(), ticked=entry.medication),
                callback_data=f"{toggle}:{entry.id}:{MEDICATION_CODE}",
            )
        )
    paired = [rows[i : i + 2] for i in range(0, len(rows), 2)]
    # "None of these" is an answer; Done with nothing ticked is not (stored as not answered).
    paired.append(
        [
            InlineKeyboardButton(words.button_none_of_these(), callback_data=f"{none}:{entry.id}"),
            InlineKeyboardButton(texts.button_done(), callback_data=f"{done}:{entry.id}"),
        ]
    )
    return InlineKeyboardMarkup(paired)


def note_keyboard(entry_id: str) -> InlineKeyboardMarkup:
    """Just Skip: typing the note is the other answer."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.button_skip(), callback_data=f"{NOTE_SKIP}:{entry_id}")]]
    )
