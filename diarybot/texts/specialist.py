"""Every word of the specialist's side: the welcome, a patient linked or gone, /patients and
/summary.

Sharing itself (both sides of the link), the plan, the weekly digest and /help have modules of
their own (`sharing`, `plan`, `digest`, `help`); the names callers use as ``st.name`` are
re-exported here.
"""

from __future__ import annotations

from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.digest import digest_caption, digest_legend, digest_title, digest_title_part
from diarybot.texts.help import (
    SPECIALIST_ONLY,
    command_lines,
    help_for,
    help_patient_heading,
    help_specialist_heading,
    specialist_commands,
)
from diarybot.texts.i18n import _, ngettext
from diarybot.texts.plan import (
    plan_ask,
    plan_header,
    plan_line,
    plan_new,
    plan_nobody,
    plan_none,
    plan_pick,
    plan_saved,
    plan_too_long,
)
from diarybot.texts.sharing import (
    ask_report_name,
    ask_report_reference,
    button_change,
    button_keep_name,
    button_skip_reference,
    button_stop,
    level_buttons,
    level_changed,
    level_names,
    link_allowed,
    link_confirm,
    reference_too_long,
    report_details_set,
    report_details_set_with_reference,
    share_message,
    sharing_choose,
    sharing_line,
    sharing_list,
)

__all__ = [
    "SPECIALIST_ONLY",
    "ask_report_name",
    "ask_report_reference",
    "button_change",
    "button_data_files",
    "button_keep_name",
    "button_next",
    "button_own_diary",
    "button_previous",
    "button_skip_reference",
    "button_stop",
    "command_lines",
    "digest_caption",
    "digest_legend",
    "digest_title",
    "digest_title_part",
    "files_not_shared",
    "help_for",
    "help_patient_heading",
    "help_specialist_heading",
    "level_buttons",
    "level_changed",
    "level_names",
    "link_allowed",
    "link_confirm",
    "link_confirmed",
    "link_confirmed_first",
    "not_available",
    "patient_line",
    "patient_stopped",
    "patients_header",
    "patients_list",
    "patients_none",
    "patients_none_now",
    "patients_page",
    "plan_ask",
    "plan_header",
    "plan_line",
    "plan_new",
    "plan_nobody",
    "plan_none",
    "plan_pick",
    "plan_saved",
    "plan_too_long",
    "reference_too_long",
    "report_details_set",
    "report_details_set_with_reference",
    "share_message",
    "sharing_choose",
    "sharing_line",
    "sharing_list",
    "specialist_commands",
    "specialist_timezone_set",
    "specialist_welcome",
    "summary_caption",
    "summary_empty_last_logged",
    "summary_empty_never_logged",
    "summary_pick",
]


def specialist_welcome() -> str:
    return _(
        "Hello, I'm diarybot. Your patients keep their pain diary with me, and share it with you "
        "when they choose to.\n\n"
        "What you receive: a weekly digest, one message with a table of all your patients (most "
        "in "
        "need first) and one PDF; and any patient's report whenever you ask. Each patient decides "
        "what you see (the summary, their entries and notes, or also the data files), can change "
        "it and can stop sharing at any time; I tell you when they do.\n\n"
        "Your commands:\n{commands}"
    )


def button_own_diary() -> str:
    return _("Keep a pain diary myself")


def link_confirmed() -> str:
    return _(
        "{patient} now shares their pain diary with you ({level}). /summary sends their report "
        "now, /patients lists your patients."
    )


def link_confirmed_first() -> str:
    # Translators: {on}: a word the command reads, in your language.
    text = _(
        "{patient} now shares their pain diary with you ({level}).\n\n"
        "Your weekly digest of all your patients arrives every {weekday} at {time}: /digest "
        "changes the day and time, or turns it off. /alerts {on} tells you when a patient has a "
        "flare. /summary sends a report now, /patients lists your patients.\n\n"
        "Which time zone are you in? Pick one, or send /timezone with its name, like "
        "/timezone Europe/Berlin. Until then I use {tz}."
    )
    return with_argument_words(text)


def specialist_timezone_set() -> str:
    return _("Time zone set to {tz}. Your digest arrives every {weekday} at {time}.")


def patient_stopped() -> str:
    return _("{patient} stopped sharing their diary with you; you will receive nothing more.")


def patients_none() -> str:
    return _(
        "No patients share their diary with you yet. A patient sends /share and forwards you the "
        "message."
    )


def patients_none_now() -> str:
    return _("No patients share their diary with you at the moment.")


def patients_page(count: int) -> str:
    return ngettext(
        "Patients sharing their diary with you ({count}), page {page} of {pages}:",
        "Patients sharing their diary with you ({count}), page {page} of {pages}:",
        count,
    )


def patients_header(count: int) -> str:
    return ngettext(
        "Patients sharing their diary with you ({count}):",
        "Patients sharing their diary with you ({count}):",
        count,
    )


def patient_line() -> str:
    # Translators: one patient in the /patients list.
    return _("• {name}")


def patients_list() -> str:
    return _("{heading}\n{lines}\n\nTap a patient for their report.")


def button_previous() -> str:
    # Translators: a button: the previous page of patients.
    return _("‹ Previous")


def button_next() -> str:
    # Translators: a button: the next page of patients.
    return _("Next ›")


def summary_pick(days: int) -> str:
    return ngettext(
        "Whose report would you like (the last {days} day, up to today)?",
        "Whose report would you like (the last {days} days, up to today)?",
        days,
    )


def summary_caption(days: int) -> str:
    return ngettext(
        "{name} · pain diary {start} – {end} (last {days} day, up to today)",
        "{name} · pain diary {start} – {end} (last {days} days, up to today)",
        days,
    )


def summary_empty_last_logged(days: int) -> str:
    return ngettext(
        "{name}: no entries from {start} to {end} (the last {days} day, up to today). They last "
        "logged on {day}.",
        "{name}: no entries from {start} to {end} (the last {days} days, up to today). They "
        "last logged on {day}.",
        days,
    )


def summary_empty_never_logged(days: int) -> str:
    return ngettext(
        "{name}: no entries from {start} to {end} (the last {days} day, up to today). They have "
        "not logged anything yet.",
        "{name}: no entries from {start} to {end} (the last {days} days, up to today). They "
        "have not logged anything yet.",
        days,
    )


def button_data_files() -> str:
    return _("Data files (CSV, FHIR)")


def files_not_shared() -> str:
    return _("{name} shares no data files with you.")


def not_available() -> str:
    return _("That is not available: the patient does not share their diary with you.")
