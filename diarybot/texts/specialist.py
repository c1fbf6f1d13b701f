"""Every word of sharing with a specialist: first contact, consent levels, the clinic's side.

Whole sentences with named placeholders (a translation issue moves them to gettext later).
"""

from __future__ import annotations

from diarybot import texts
from diarybot.domain.people import ShareLevel

# -- the patient's side: a code to forward, and what they agree to ------------------------------
SHARE_MESSAGE = (
    "Forward this message to your specialist.\n\n"
    "To see my pain diary in diarybot, open {link}\n"
    "or send /link {code} to @{bot}.\n\n"
    "(For you: the code works once, within 24 hours, and I will ask you to confirm, and to "
    "choose what they receive, before anything is shared. /sharing stops it at any time.)"
)
ASK_REPORT_NAME = (
    "Before your first code: which name should the reports your specialist receives carry? "
    "Send it, or keep “{name}”."
)
ASK_REPORT_REFERENCE = (
    "Optionally, a date of birth or a clinic reference for the reports (it helps the clinic "
    "find your records). Send it, or tap Skip."
)
REPORT_DETAILS_SET = "Your reports will carry: {name}{reference}."
REPORT_REFERENCE_PART = ", {reference}"
REFERENCE_TOO_LONG = "Please keep it under {limit} characters."
BUTTON_KEEP_NAME = "Keep “{name}”"
BUTTON_SKIP_REFERENCE = "Skip"

LINK_CONFIRM = (
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
LEVEL_BUTTONS: dict[ShareLevel, str] = {
    ShareLevel.SUMMARY: "Summary only",
    ShareLevel.ENTRIES: "Summary, entries and notes",
    ShareLevel.FILES: "Everything, with data files",
}
LEVEL_NAMES: dict[ShareLevel, str] = {
    ShareLevel.SUMMARY: "the summary only (figures and chart)",
    ShareLevel.ENTRIES: "the summary with every entry and note",
    ShareLevel.FILES: "the summary, every entry and note, and the data files (CSV, FHIR)",
}
LINK_ALLOWED = (
    "Done: {who} now receives {level}. /sharing shows whom you share with and changes it."
)
SHARING_LINE = "• {who}: {level}"
SHARING_LIST = (
    "You share your diary with:\n{lines}\n\n"
    "Tap a name to change what they receive or to stop sharing with them. What was already "
    "sent stays with them."
)
BUTTON_CHANGE = "{name}: change or stop"
SHARING_CHOOSE = "What should {who} receive from now on? Now: {level}."
BUTTON_STOP = "Stop sharing with {name}"
LEVEL_CHANGED = "From now on {who} receives {level}."

# -- the specialist's side ---------------------------------------------------------------------
SPECIALIST_WELCOME = (
    "Hello, I'm diarybot. Your patients keep their pain diary with me, and share it with you "
    "when they choose to.\n\n"
    "What you receive: a weekly digest, one message with a table of all your patients (most in "
    "need first) and one PDF; and any patient's report whenever you ask. Each patient decides "
    "what you see (the summary, their entries and notes, or also the data files), can change "
    "it and can stop sharing at any time; I tell you when they do.\n\n"
    "Your commands:\n{commands}"
)
BUTTON_OWN_DIARY = "Keep a pain diary myself"
LINK_CONFIRMED = (
    "{patient} now shares their pain diary with you ({level}). /summary sends their report "
    "now, /patients lists your patients."
)
LINK_CONFIRMED_FIRST = (
    "{patient} now shares their pain diary with you ({level}).\n\n"
    "Your weekly digest of all your patients arrives every {weekday} at {time}: /digest "
    "changes the day and time, or turns it off. /alerts on tells you when a patient has a "
    "flare. /summary sends a report now, /patients lists your patients.\n\n"
    "Which time zone are you in? Pick one, or send /timezone with its name, like "
    "/timezone Europe/Berlin. Until then I use {tz}."
)
SPECIALIST_TIMEZONE_SET = "Time zone set to {tz}. Your digest arrives every {weekday} at {time}."
PATIENT_STOPPED = "{patient} stopped sharing their diary with you; you will receive nothing more."
PATIENTS_NONE = (
    "No patients share their diary with you yet. A patient sends /share and forwards you the "
    "message."
)
PATIENTS_NONE_NOW = "No patients share their diary with you at the moment."
PATIENTS_PAGE = "Patients sharing their diary with you ({count}), page {page} of {pages}:"
PATIENTS_HEADER = "Patients sharing their diary with you ({count}):"
PATIENTS_TAP = "Tap a patient for their report."
BUTTON_PREVIOUS = "‹ Previous"
BUTTON_NEXT = "Next ›"
SUMMARY_PICK = "Whose report would you like (the last {days} days, up to today)?"
SUMMARY_CAPTION = "{name} · pain diary {start} – {end} (last {days} days, up to today)"
SUMMARY_EMPTY = "{name}: no entries from {start} to {end} (the last {days} days, up to today)."
LAST_LOGGED = " They last logged on {day}."
NEVER_LOGGED = " They have not logged anything yet."
BUTTON_DATA_FILES = "Data files (CSV, FHIR)"
FILES_NOT_SHARED = "{name} shares no data files with you."
NOT_AVAILABLE = "That is not available: the patient does not share their diary with you."

# -- the specialist's plan note ---------------------------------------------------------------
PLAN_PICK = "Whose plan would you like to write? The patient sees it in /plan."
PLAN_ASK = (
    "Send the plan for {name} in a few lines (at most {limit} characters), for example "
    "“breathing exercise each evening; ibuprofen no more than 3 a day”. It replaces the "
    "previous one; /cancel keeps it."
)
PLAN_TOO_LONG = "Please keep the plan under {limit} characters."
PLAN_SAVED = "Saved. {name} sees it in /plan and has been told."
PLAN_NEW = "{who} wrote a plan for you:\n\n{plan}\n\n/plan shows it again."
PLAN_NONE = "No plan from your specialist yet. A specialist you share with can write one."
PLAN_LINE = "From {who}:\n{plan}"
PLAN_HEADER = "Your plan (written by your specialist; I never add advice of my own):"
PLAN_NOBODY = "Nobody shares their diary with you, and no specialist wrote you a plan."

# -- the weekly digest ------------------------------------------------------------------------
DIGEST_TITLE = "Weekly digest, {start} – {end}: {count} patients, most in need first."
DIGEST_TITLE_PART = "Weekly digest, {start} – {end} (part {part} of {parts})."
DIGEST_LEGEND = (
    "flare = flare days · Δ = mean vs the week before (! = clinically important, ≥2 points or "
    "≥30%) · ≥7 = high-pain days · log = days logged of 7 · PEG = change. Tap a name for the "
    "full report."
)
DIGEST_NO_ENTRIES = "no entries this week"
DIGEST_EMPTY = "Weekly digest, {start} – {end}: none of your patients logged anything."
DIGEST_CAPTION = "Weekly digest {start} – {end}: the table, then one page per patient."

# -- help, by role -----------------------------------------------------------------------------
SPECIALIST_COMMANDS: list[tuple[str, str]] = [
    ("link", "Link a patient with their code"),
    ("patients", "Your patients, each with their report"),
    ("summary", "A patient's report now"),
    ("digest", "When your weekly digest arrives"),
    ("alerts", "Flare alerts on or off"),
    ("plan", "Write a patient's plan note"),
    ("timezone", "Your time zone"),
    ("delete", "Erase all your data"),
    ("help", "What I can do"),
]
SPECIALIST_ONLY = frozenset({"link", "patients", "summary", "digest", "alerts"})
HELP_PATIENT_HEADING = "For your own diary:"
HELP_SPECIALIST_HEADING = "For your patients:"
HELP_SPECIALIST = (
    "I send you the pain diaries your patients share with you.\n\n{commands}\n\n"
    "To keep a pain diary yourself, send /start."
)
HELP_BOTH = "{intro}\n\n{patient_heading}\n{patient}\n\n{specialist_heading}\n{specialist}"


def command_lines(commands: list[tuple[str, str]]) -> str:
    """One line per command."""
    return "\n".join(f"/{name} — {description}" for name, description in commands)


HELP_PATIENT_INTRO = (
    "I keep your pain diary. Each day I remind you to rate your pain from 0 to 10, note the "
    "coping techniques you used, and add a note if you like. You can also just type a "
    "number at any time."
)
HELP_PATIENT_END = (
    "Are you a specialist? A patient sends /share and forwards you the message.\n\n"
    "I don't give medical advice; in an emergency call your local emergency number."
)


def help_for(*, patient: bool, specialist: bool) -> str:
    """/help for the role(s) this person has: patient, specialist, or both in two sections."""
    own = [(n, d) for n, d in texts.COMMANDS if n not in SPECIALIST_ONLY]
    theirs = [(n, d) for n, d in SPECIALIST_COMMANDS if n not in ("delete", "help")]
    if specialist and not patient:
        return HELP_SPECIALIST.format(commands=command_lines(SPECIALIST_COMMANDS))
    if specialist and patient:
        return HELP_BOTH.format(
            intro=HELP_PATIENT_INTRO,
            patient_heading=HELP_PATIENT_HEADING,
            patient=command_lines(own),
            specialist_heading=HELP_SPECIALIST_HEADING,
            specialist=command_lines(theirs),
        )
    return f"{HELP_PATIENT_INTRO}\n\n{command_lines(own)}\n\n{HELP_PATIENT_END}"
