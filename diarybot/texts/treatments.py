"""Every word about treatment events: their kinds (buttons, /history, charts, reports) and
/treatment.

Treatments in /history are in `treatment_history`, in the reports and the FHIR file in
`treatment_reports`; the names callers use as ``tt.name`` are re-exported here.
"""

from __future__ import annotations

from datetime import date

from diarybot.domain.treatments import Kind
from diarybot.texts.i18n import _, format_date, format_skeleton
from diarybot.texts.treatment_history import (
    button_keep,
    button_remove,
    button_remove_yes,
    confirm_remove,
    gone,
    history_by_specialist,
    history_heading,
    history_hint,
    history_line,
    history_line_words,
    kept,
    removed,
)
from diarybot.texts.treatment_reports import (
    days_logged,
    fhir_procedure_note,
    fhir_text_with_words,
    patient_word,
    report_after,
    report_before,
    report_by_specialist,
    report_caveat,
    report_change,
    report_change_no_percent,
    report_event,
    report_event_words,
    report_fewer_after,
    report_heading,
    report_important,
    report_no_change,
    report_not_important,
    report_peg_after,
    report_peg_before,
    report_peg_both,
)

__all__ = [
    "ask_date",
    "ask_kind",
    "ask_kind_for",
    "ask_whose",
    "ask_words",
    "button_keep",
    "button_own_diary",
    "button_remove",
    "button_remove_yes",
    "button_skip",
    "button_today",
    "button_yesterday",
    "chart_labels",
    "confirm_remove",
    "date_in_future",
    "date_too_old",
    "date_unreadable",
    "day_button",
    "day_text",
    "days_logged",
    "expired",
    "fhir_procedure_note",
    "fhir_text_with_words",
    "gone",
    "history_by_specialist",
    "history_heading",
    "history_hint",
    "history_line",
    "history_line_words",
    "kept",
    "kind_names",
    "patient_told",
    "patient_told_with_words",
    "patient_word",
    "removed",
    "report_after",
    "report_before",
    "report_by_specialist",
    "report_caveat",
    "report_change",
    "report_change_no_percent",
    "report_event",
    "report_event_words",
    "report_fewer_after",
    "report_heading",
    "report_important",
    "report_no_change",
    "report_not_important",
    "report_peg_after",
    "report_peg_before",
    "report_peg_both",
    "saved",
    "saved_for",
    "saved_with_words",
    "words_too_long",
]


def kind_names() -> dict[Kind, str]:
    """The kinds as buttons, /history and reports name them."""
    return {
        Kind.MEDICATION_STARTED: _("New medication started"),
        Kind.MEDICATION_CHANGED: _("Medication or dose changed"),
        Kind.INJECTION: _("Injection or nerve block"),
        Kind.PHYSIO_START: _("Physiotherapy course started"),
        Kind.PHYSIO_END: _("Physiotherapy course ended"),
        Kind.PSYCHOLOGY_START: _("CBT or psychology course started"),
        Kind.PSYCHOLOGY_END: _("CBT or psychology course ended"),
        Kind.SURGERY: _("Surgery"),
        Kind.OTHER: _("Other treatment"),
    }


def chart_labels() -> dict[Kind, str]:
    """A few letters for the chart's time axis, where a day is a few pixels wide."""
    return {
        # Translators: a very short chart label: a medication was started.
        Kind.MEDICATION_STARTED: _("Med start"),
        # Translators: a very short chart label: a medication or its dose changed.
        Kind.MEDICATION_CHANGED: _("Med change"),
        # Translators: a very short chart label: an injection or nerve block.
        Kind.INJECTION: _("Injection"),
        # Translators: a very short chart label: a physiotherapy course started.
        Kind.PHYSIO_START: _("Physio start"),
        # Translators: a very short chart label: a physiotherapy course ended.
        Kind.PHYSIO_END: _("Physio end"),
        # Translators: a very short chart label: a CBT/psychology course started.
        Kind.PSYCHOLOGY_START: _("CBT start"),
        # Translators: a very short chart label: a CBT/psychology course ended.
        Kind.PSYCHOLOGY_END: _("CBT end"),
        # Translators: a very short chart label: surgery.
        Kind.SURGERY: _("Surgery"),
        # Translators: a very short chart label: any other treatment.
        Kind.OTHER: _("Treatment"),
    }


def day_text(day: date) -> str:
    """A treatment's day as the patient reads it."""
    return format_date(day)


def day_button(day: date) -> str:
    """A recent day on a button: "Mon 30"."""
    return format_skeleton("EEEd", day)


# -- /treatment ----------------------------------------------------------------------------------
def ask_kind() -> str:
    return _(
        "Which treatment do you want to record? Choose the kind; you can add your own words "
        "after the date."
    )


def ask_kind_for() -> str:
    return _(
        "Which treatment do you want to record in {name}'s diary? Choose the kind; you can add "
        "words after the date."
    )


def ask_whose() -> str:
    return _("Whose diary is this treatment for?")


def button_own_diary() -> str:
    # Translators: button: record the treatment in the user's own diary.
    return _("My own diary")


def ask_date() -> str:
    return _("When was it ({kind})? Tap a day, or type a date such as 2026-11-30 or 30.11.")


def button_today() -> str:
    # Translators: button: the treatment was today.
    return _("Today")


def button_yesterday() -> str:
    # Translators: button: the treatment was yesterday.
    return _("Yesterday")


def date_unreadable() -> str:
    return _(
        "I couldn't read that as a date. Type it like 2026-11-30 or 30.11, or tap a day above."
    )


def date_in_future() -> str:
    return _("That day has not come yet. Record a treatment once it has happened.")


def date_too_old() -> str:
    return _("That is more than a year ago. Please choose a day within the last year.")


def ask_words() -> str:
    return _(
        "{kind} on {day}. Anything to add in your own words, such as the medication and dose "
        "or where it was done? Type it, or tap Skip."
    )


def button_skip() -> str:
    # Translators: button: record the treatment without any words.
    return _("Skip")


def words_too_long() -> str:
    return _("Please keep it under {limit} characters, or tap Skip.")


def saved() -> str:
    return _(
        "Recorded: {kind} on {day}. Your reports will show your pain in the two weeks before and "
        "after it. You can remove it in /history."
    )


def saved_with_words() -> str:
    return _(
        "Recorded: {kind} on {day} (“{words}”). Your reports will show your pain in the two "
        "weeks before and after it. You can remove it in /history."
    )


def saved_for() -> str:
    return _("Recorded in {name}'s diary: {kind} on {day}. They have been told and can remove it.")


def patient_told() -> str:
    return _(
        "{who} recorded a treatment in your diary: {kind} on {day}. You can see it, or remove "
        "it, in /history."
    )


def patient_told_with_words() -> str:
    return _(
        "{who} recorded a treatment in your diary: {kind} on {day} (“{words}”). You can see it, "
        "or remove it, in /history."
    )


def expired() -> str:
    return _("That question has expired. Send /treatment to record a treatment.")
