"""Every word about treatment events (/treatment, /history, charts and reports)."""

from __future__ import annotations

from datetime import date

from diarybot.domain.treatments import Kind
from diarybot.texts.i18n import _, format_date, format_skeleton, ngettext


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


# -- /treatment ---------------------------------------------------------------------------------
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


# -- /history -----------------------------------------------------------------------------------
def history_heading() -> str:
    return _("Treatments in your diary:")


def history_line() -> str:
    return _("• {day}: {kind}")


def history_line_words() -> str:
    return _("• {day}: {kind} (“{words}”)")


def history_by_specialist() -> str:
    return _("  recorded by {who}")


def history_hint() -> str:
    return _("Tap one to remove it.")


def button_remove() -> str:
    # Translators: button in /history: remove this treatment event.
    return _("✖ {day}: {kind}")


def confirm_remove() -> str:
    return _("Remove this treatment from your diary? {day}: {kind}")


def button_remove_yes() -> str:
    # Translators: button: yes, remove the treatment.
    return _("Yes, remove it")


def button_keep() -> str:
    # Translators: button: no, keep the treatment.
    return _("No, keep it")


def removed() -> str:
    return _("Removed: {day}, {kind}.")


def kept() -> str:
    return _("Kept. Nothing was removed.")


def gone() -> str:
    return _("That treatment is no longer in your diary.")


# -- reports ------------------------------------------------------------------------------------
def report_heading() -> str:
    return _("Treatments")


def report_event() -> str:
    return _("{day}: {kind}")


def report_event_words() -> str:
    return _("{day}: {kind} (“{words}”)")


def report_by_specialist() -> str:
    return _("Recorded by {who}.")


def days_logged(logged: int, available: int) -> str:
    """How many of a window's days had entries."""
    return ngettext(
        "{logged} of {available} day logged",
        "{logged} of {available} days logged",
        available,
    ).format(logged=logged, available=available)


def report_before() -> str:
    return _("Mean daily pain in the 14 days before: {mean} ({days}).")


def report_after() -> str:
    return _("Mean daily pain in the 14 days after: {mean} ({days}).")


def report_no_pain_logged() -> str:
    return _("no days logged")


def report_fewer_after(days: int) -> str:
    return ngettext(
        "Only {days} day after it falls within this report, so the second window is shorter.",
        "Only {days} days after it fall within this report, so the second window is shorter.",
        days,
    ).format(days=days)


def report_change() -> str:
    return _("Change: {change} points ({percent}%).")


def report_change_no_percent() -> str:
    return _("Change: {change} points.")


def report_important() -> str:
    return _(
        "This change reaches the threshold of a clinically important change (≥ 2 points or "
        "≥ 30 %, Farrar 2001)."
    )


def report_not_important() -> str:
    return _("This change is below the threshold of a clinically important change.")


def report_no_change() -> str:
    return _("No change can be given: one side has no days logged.")


def report_peg_both() -> str:
    return _("PEG {before} on {day_before} before it and {after} on {day_after} after it.")


def report_peg_before() -> str:
    return _("PEG {before} on {day_before} before it; none in the 14 days after.")


def report_peg_after() -> str:
    return _("No PEG in the 14 days before it; PEG {after} on {day_after} after it.")


def report_caveat() -> str:
    return _(
        "These are observations from the diary, not the effect of a treatment: pain changes "
        "for many reasons, and days logged are not all days."
    )


def fhir_text_with_words() -> str:
    # Translators: a treatment in the FHIR file: its kind, then the words written about it.
    return _("{kind}: {words}")


def fhir_procedure_note() -> str:
    return _("Recorded in the pain diary by {who}.")


def patient_word() -> str:
    # Translators: who recorded a treatment, when it was the patient themselves.
    return _("the patient")
