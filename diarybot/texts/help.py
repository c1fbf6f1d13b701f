"""The command menu and /help, by role: a patient's commands, a specialist's, or both."""

from __future__ import annotations

from diarybot.texts import language
from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.i18n import _


def commands() -> list[tuple[str, str]]:
    return [
        ("checkin", _("Rate your pain now")),
        ("log", log_command()),
        ("history", _("Your entries: page back, correct or remove")),
        ("chart", _("Your pain trend chart")),
        ("undo", _("Remove your last entry")),
        ("weekly", _("Weekly chart on or off")),
        ("breathe", _("A guided breathing exercise")),
        ("relax", _("Guided progressive muscle relaxation")),
        ("practice", _("How your guided exercises went")),
        ("peg", _("The weekly PEG check: day or off")),
        ("meds", _("Your medication list: add, rename, stop")),
        ("treatment", _("Record a treatment: injection, new medication, physio …")),
        ("remind", _("Set the daily reminder time")),
        ("timezone", _("Set your time zone")),
        ("settings", _("Show your settings")),
        ("language", language.command()),
        ("pause", _("Pause daily reminders")),
        ("resume", _("Resume daily reminders")),
        ("export", _("Download your diary: PDF, CSV, FHIR")),
        ("share", _("Share your diary with a specialist")),
        ("sharing", _("Whom you share your diary with")),
        ("unshare", _("Stop sharing with a specialist")),
        ("name", _("The name on your reports")),
        ("link", _("Specialists: link a patient with their code")),
        ("patients", _("Specialists: your patients")),
        ("summary", _("Specialists: a patient's summary now")),
        ("digest", _("Specialists: when weekly summaries arrive")),
        ("alerts", _("Specialists: flare alerts on or off")),
        ("plan", _("Your specialist's plan (specialists: write one)")),
        ("delete", _("Erase all your data")),
        ("help", _("What I can do")),
        ("cancel", _("Stop what we were doing")),
    ]


def log_command() -> str:
    # Translators: the /log line of the command menu; {yesterday}: a word /log reads, in your
    # language.
    text = _("Quick entry: /log 6 note, or earlier: /log {yesterday} 7")
    return with_argument_words(text)


def specialist_commands() -> list[tuple[str, str]]:
    return [
        ("link", _("Link a patient with their code")),
        ("patients", _("Your patients, each with their report")),
        ("summary", _("A patient's report now")),
        ("digest", _("When your weekly digest arrives")),
        ("alerts", _("Flare alerts on or off")),
        ("plan", _("Write a patient's plan note")),
        ("treatment", _("Record a treatment in a patient's diary")),
        ("timezone", _("Your time zone")),
        ("delete", _("Erase all your data")),
        ("help", _("What I can do")),
    ]


SPECIALIST_ONLY = frozenset({"link", "patients", "summary", "digest", "alerts"})


def help_patient_heading() -> str:
    return _("For your own diary:")


def help_specialist_heading() -> str:
    return _("For your patients:")


def help_specialist() -> str:
    return _(
        "I send you the pain diaries your patients share with you.\n\n{commands}\n\n"
        "To keep a pain diary yourself, send /start."
    )


def help_both() -> str:
    return _("{intro}\n\n{patient_heading}\n{patient}\n\n{specialist_heading}\n{specialist}")


def command_line() -> str:
    # Translators: one command in /help: "/chart — Your pain trend chart".
    return _("/{command} — {description}")


def command_lines(commands: list[tuple[str, str]]) -> str:
    """One line per command."""
    line = command_line()
    return "\n".join(line.format(command=name, description=text) for name, text in commands)


def help_patient_intro() -> str:
    return _(
        "I keep your pain diary. Each day I remind you to rate your pain from 0 to 10, note the "
        "coping techniques you used, and add a note if you like. You can also just type a "
        "number at any time."
    )


def help_patient_end() -> str:
    return _(
        "Are you a specialist? A patient sends /share and forwards you the message.\n\n"
        "I don't give medical advice; in an emergency call your local emergency number."
    )


def help_for(*, patient: bool, specialist: bool) -> str:
    """/help for the role(s) this person has: patient, specialist, or both in two sections."""
    own = [(n, d) for n, d in commands() if n not in SPECIALIST_ONLY]
    theirs = [(n, d) for n, d in specialist_commands() if n not in ("delete", "help")]
    if specialist and not patient:
        return help_specialist().format(commands=command_lines(specialist_commands()))
    if specialist and patient:
        return help_both().format(
            intro=help_patient_intro(),
            patient_heading=help_patient_heading(),
            patient=command_lines(own),
            specialist_heading=help_specialist_heading(),
            specialist=command_lines(theirs),
        )
    return help_patient().format(
        intro=help_patient_intro(), commands=command_lines(own), end=help_patient_end()
    )


def help_patient() -> str:
    # Translators: /help for a patient: {intro}, the command list, then {end}; three paragraphs.
    return _("{intro}\n\n{commands}\n\n{end}")
