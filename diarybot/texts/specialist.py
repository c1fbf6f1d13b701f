"""Every word of sharing with a specialist: first contact, consent levels, the clinic's side.

Whole sentences with named placeholders (a translation issue moves them to gettext later).
"""

from __future__ import annotations

from diarybot import texts
from diarybot.domain.people import ShareLevel
from diarybot.texts.i18n import _, ngettext, pgettext


# -- the patient's side: a code to forward, and what they agree to ------------------------------
def share_message() -> str:
    return _(
        "Forward this message to your specialist.\n\n"
        "To see my pain diary in diarybot, open {link}\n"
        "or send /link {code} to @{bot}.\n\n"
        "(For you: the code works once, within 24 hours, and I will ask you to confirm, and to "
        "choose what they receive, before anything is shared. /sharing stops it at any time.)"
    )


def ask_report_name() -> str:
    return _(
        "Before your first code: which name should the reports your specialist receives carry? "
        "Send it, or keep “{name}”."
    )


def ask_report_reference() -> str:
    return _(
        "Optionally, a date of birth or a clinic reference for the reports (it helps the clinic "
        "find your records). Send it, or tap Skip."
    )


def report_details_set() -> str:
    return _("Your reports will carry: {name}.")


def report_details_set_with_reference() -> str:
    return _("Your reports will carry: {name}, {reference}.")


def reference_too_long() -> str:
    return _("Please keep it under {limit} characters.")


def button_keep_name() -> str:
    return _("Keep “{name}”")


def button_skip_reference() -> str:
    # Translators: a button: no date of birth or clinic reference on the reports.
    return pgettext("reference", "Skip")


def link_confirm() -> str:
    return _(
        "{who} used your sharing code and asks to receive your pain diary.\n\n"
        "Choose what they receive:\n"
        "• Summary: your figures and chart each week and when they ask, without your entries or "
        "notes.\n"
        "• Summary, entries and notes: the same, plus every score with its time, techniques and "
        "note.\n"
        "• Everything, with data files: all of that, and the CSV and FHIR files their clinic's "
        "systems can import, when they ask for them.\n\n"
        "Whatever is sent stays with them: stopping sharing later stops what is sent next, but "
        "cannot take back what they already received. You can change your choice in /sharing."
    )


def level_buttons() -> dict[ShareLevel, str]:
    return {
        ShareLevel.SUMMARY: _("Summary only"),
        ShareLevel.ENTRIES: _("Summary, entries and notes"),
        ShareLevel.FILES: _("Everything, with data files"),
    }


def level_names() -> dict[ShareLevel, str]:
    return {
        ShareLevel.SUMMARY: _("the summary only (figures and chart)"),
        ShareLevel.ENTRIES: _("the summary with every entry and note"),
        ShareLevel.FILES: _("the summary, every entry and note, and the data files (CSV, FHIR)"),
    }


def link_allowed() -> str:
    return _(
        "Done: {who} now receives {level}. /sharing shows whom you share with and changes it."
    )


def sharing_line() -> str:
    return _("• {who}: {level}")


def sharing_list() -> str:
    return _(
        "You share your diary with:\n{lines}\n\n"
        "Tap a name to change what they receive or to stop sharing with them. What was already "
        "sent stays with them."
    )


def button_change() -> str:
    # Translators: a button in /sharing, one per specialist.
    return _("{name}: change or stop")


def sharing_choose() -> str:
    return _("What should {who} receive from now on? Now: {level}.")


def button_stop() -> str:
    return _("Stop sharing with {name}")


def level_changed() -> str:
    return _("From now on {who} receives {level}.")


# -- the specialist's side ---------------------------------------------------------------------
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
    return _(
        "{patient} now shares their pain diary with you ({level}).\n\n"
        "Your weekly digest of all your patients arrives every {weekday} at {time}: /digest "
        "changes the day and time, or turns it off. /alerts on tells you when a patient has a "
        "flare. /summary sends a report now, /patients lists your patients.\n\n"
        "Which time zone are you in? Pick one, or send /timezone with its name, like "
        "/timezone Europe/Berlin. Until then I use {tz}."
    )


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


# -- the specialist's plan note ---------------------------------------------------------------
def plan_pick() -> str:
    return _("Whose plan would you like to write? The patient sees it in /plan.")


def plan_ask() -> str:
    return _(
        "Send the plan for {name} in a few lines (at most {limit} characters), for example "
        "“breathing exercise each evening; ibuprofen no more than 3 a day”. It replaces the "
        "previous one; /cancel keeps it."
    )


def plan_too_long() -> str:
    return _("Please keep the plan under {limit} characters.")


def plan_saved() -> str:
    return _("Saved. {name} sees it in /plan and has been told.")


def plan_new() -> str:
    return _("{who} wrote a plan for you:\n\n{plan}\n\n/plan shows it again.")


def plan_none() -> str:
    return _("No plan from your specialist yet. A specialist you share with can write one.")


def plan_line() -> str:
    return _("From {who}:\n{plan}")


def plan_header() -> str:
    return _("Your plan (written by your specialist; I never add advice of my own):")


def plan_nobody() -> str:
    return _("Nobody shares their diary with you, and no specialist wrote you a plan.")


# -- the weekly digest ------------------------------------------------------------------------
def digest_title() -> str:
    return _("Weekly digest, {start} – {end}: {count} patients, most in need first.")


def digest_title_part() -> str:
    return _("Weekly digest, {start} – {end} (part {part} of {parts}).")


def digest_legend() -> str:
    return _(
        "flare = flare days · Δ = mean vs the week before (! = clinically important, ≥2 points or "
        "≥30%) · ≥7 = high-pain days · log = days logged of 7 · PEG = change. Tap a name for the "
        "full report."
    )


def digest_no_entries() -> str:
    return _("no entries this week")


def digest_empty() -> str:
    return _("Weekly digest, {start} – {end}: none of your patients logged anything.")


def digest_caption() -> str:
    return _("Weekly digest {start} – {end}: the table, then one page per patient.")


# -- help, by role -----------------------------------------------------------------------------
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
    own = [(n, d) for n, d in texts.commands() if n not in SPECIALIST_ONLY]
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
