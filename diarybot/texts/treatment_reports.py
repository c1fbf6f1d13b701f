"""A treatment in the reports: the pain before and after it, and its texts in the FHIR file.

Observations from the diary, never the effect of a treatment (the report says so).
"""

from __future__ import annotations

from diarybot.texts.i18n import _, ngettext


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
