"""Every word a patient reads, in one place, so wording (and one day translations) change here.

Plain text throughout (no parse mode), so nothing a patient typed can break the formatting of a
reply that echoes it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from diarybot.domain.entries import Entry, Technique
from diarybot.domain.people import Profile
from diarybot.texts import words

BOT_NAME = "diarybot"

TECHNIQUE_NAMES: dict[Technique, str] = {
    Technique.BREATHING: "Breathing exercises",
    Technique.RELAXATION: "Relaxation / PMR",
    Technique.MINDFULNESS: "Mindfulness / meditation",
    Technique.MOVEMENT: "Stretching / exercise / physio",
    Technique.HEAT_COLD: "Heat or cold",
    Technique.TENS: "TENS",
    Technique.DISTRACTION: "Distraction / pleasant activity",
    Technique.OTHER: "Other",
}
MEDICATION_NAME = "Pain medication"

COMMANDS: list[tuple[str, str]] = [
    ("checkin", "Rate your pain now"),
    ("log", "Quick entry: /log 6 note, or earlier: /log yesterday 7"),
    ("history", "Your entries: page back, correct or remove"),
    ("chart", "Your pain trend chart"),
    ("undo", "Remove your last entry"),
    ("weekly", "Weekly chart on or off"),
    ("breathe", "A guided breathing exercise"),
    ("relax", "Guided progressive muscle relaxation"),
    ("practice", "How your guided exercises went"),
    ("peg", "The weekly PEG check: day or off"),
    ("meds", "Your medication list: add, rename, stop"),
    ("remind", "Set the daily reminder time"),
    ("timezone", "Set your time zone"),
    ("settings", "Show your settings"),
    ("pause", "Pause daily reminders"),
    ("resume", "Resume daily reminders"),
    ("export", "Download your diary: PDF, CSV, FHIR"),
    ("share", "Share your diary with a specialist"),
    ("sharing", "Whom you share your diary with"),
    ("unshare", "Stop sharing with a specialist"),
    ("name", "The name on your reports"),
    ("link", "Specialists: link a patient with their code"),
    ("patients", "Specialists: your patients"),
    ("summary", "Specialists: a patient's summary now"),
    ("digest", "Specialists: when weekly summaries arrive"),
    ("alerts", "Specialists: flare alerts on or off"),
    ("plan", "Your specialist's plan (specialists: write one)"),
    ("delete", "Erase all your data"),
    ("help", "What I can do"),
    ("cancel", "Stop what we were doing"),
]

WELCOME = (
    "Hello, I'm diarybot, a pain diary that lives in this chat.\n\n"
    "Once a day I'll ask you to rate your pain from 0 (no pain) to 10 (worst pain "
    "imaginable), which coping techniques you used, and for an optional note. You can also log "
    "at any time and ask for a chart of your trend.\n\n"
    "Your privacy:\n"
    "• What I store: your scores, techniques, notes, time zone and reminder time.\n"
    "• Where: in a file of your own on the server that runs this bot.\n"
    "• Who can see it: only you, unless you share with a specialist (/share). You choose what "
    "they receive: a summary (figures and chart), or also every entry and note, or also the "
    "data files (CSV, FHIR); you can change or stop it in /sharing. What was sent stays with "
    "them.\n"
    "• /export all sends you all of it (/export alone, the last 30 days); /delete erases "
    "all of it.\n"
    "• Telegram bot chats are not end-to-end encrypted.\n\n"
    "I don't give medical advice. If your pain is severe or you think it's an emergency, "
    "contact your care team or your local emergency number (112 in Europe, 911 in the US)."
)
ASK_TIMEZONE = (
    "Which time zone are you in? Send its name, like Europe/Berlin or America/New_York, "
    "or pick one below."
)
ASK_REMINDER_TIME = (
    "When should I remind you each day? Pick a time or type one, like 20:00 or 8pm."
)
TIMEZONE_UNKNOWN = "I don't know the time zone “{text}”."
TIMEZONE_SUGGEST = " Did you mean one of these?"
TIMEZONE_HOWTO = " Please send a name like Europe/Berlin, or pick one below."
TIMEZONE_SET = "Time zone set to {tz}. It's {local_time} there now."
TIME_UNKNOWN = (
    "I couldn't read “{text}” as a time. Please send something like 20:00, 20.00 or 8pm."
)
REMINDER_SET = "Daily reminder set for {time} ({tz})."
ONBOARDED = (
    "All set. I'll remind you every day at {time} ({tz}).\n"
    "Send /checkin to rate your pain now, or /help to see everything I can do.\n"
    "If you take medication for pain, /meds keeps your own list (optional)."
)
NEED_START = "Let's get you set up first: send /start."
PRIVATE_ONLY = "For your privacy I only work in a private chat with you."

ASK_SCORE = (
    "How is your pain right now?\n"
    "0 = no pain, 10 = worst pain imaginable.\n"
    "Tap a number, or type it."
)
REMINDER = "Time for your daily pain check-in.\n\n" + ASK_SCORE
SCORE_INVALID = (
    "Please send a whole number from 0 to 10 (0 = no pain, 10 = worst pain imaginable), "
    "or tap /checkin for the buttons."
)
TOO_LONG = "That message is too long for me to read as a score."
SCORE_SAVED = "Saved: {score}/10 at {time}."
ASK_TECHNIQUES = "{saved}\n\nWhich of these did you use today? Tap all that apply, then Done."
ASK_NOTE = (
    "Would you like to add a note (what you did, what made it better or worse)? "
    "Type it, or tap Skip."
)
NOTE_SAVED = "Note saved. Thank you for checking in."
CHECKIN_DONE = "Thank you for checking in."
CHECKIN_SUMMARY = "Saved: {score}/10 · {techniques}"
NO_TECHNIQUES = "no techniques"
BUTTON_EXPIRED = "This button has expired. Send /checkin to start a new check-in."
ENTRY_GONE = "That entry no longer exists."
NOT_SAVED = "Sorry, that was not saved because of a problem on my side. Please try again."
FILE_RECOVERED = (
    "I'm sorry: your diary file on this server could not be read, so I set it aside unchanged "
    "and started a fresh one. The operator of this bot can recover the old file. "
    "Everything you log from now on is saved as usual; if I ask you to, send /start to set "
    "your time zone and reminder again."
)
ERROR_GENERIC = "Sorry, something went wrong on my side. Please try again in a moment."

HISTORY_EMPTY = "No entries yet. Send /checkin to add your first one."
UNDO_NOTHING = "There is nothing to undo."
UNDO_CONFIRM = "Remove this entry?\n{entry}"
UNDO_DONE = "Removed."
UNDO_KEPT = "Kept."

SETTINGS = (
    "Your settings:\n"
    "• Time zone: {tz}\n"
    "• Daily reminder: {time}{state}\n"
    "• Weekly chart: {weekly}\n"
    "• Entries stored: {count}\n\n"
    "Change them with /timezone, /remind, /pause, /resume, /weekly."
)
STATE_PAUSED = " (paused)"
STATE_BLOCKED = " (stopped: I could not reach you)"
PAUSED = "Daily reminders paused. You can still log at any time. /resume turns them back on."
RESUMED = "Daily reminders back on, every day at {time} ({tz})."
REMIND_USAGE = "Send the time like this: /remind 20:00 (or 8pm, or 20.00)."
TIMEZONE_USAGE = "Send your time zone like this: /timezone Europe/Berlin"
CANCELLED = "OK, cancelled."
NOTHING_TO_CANCEL = "There was nothing to cancel."
UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do."

DELETE_DONE = "Everything is erased. If you ever want to start again, send /start."
DELETE_KEPT = "Nothing was erased."

SAFETY_HIGH_SCORE = (
    "That's a very high pain score, and I'm sorry you're going through this. I can't give "
    "medical advice: if this is new, worse than usual or worrying you, please contact your "
    "care team. If you think it's an emergency, call your local emergency number "
    "(112 in Europe, 911 in the US) now."
)
BUTTON_DONE = "Done"
BUTTON_SKIP = "Skip"
BUTTON_SKIP_RATING = "Skip"
BUTTON_YES_REMOVE = "Yes, remove it"
BUTTON_YES_ERASE = "Yes, erase everything"
BUTTON_NO = "No, keep it"
CHECKED = "✅ "
UNCHECKED = "⬜ "


def shorten(typed: str, limit: int = 40) -> str:
    """What a patient typed, quoted back at most `limit` characters long."""
    return typed if len(typed) <= limit else typed[: limit - 1] + "…"


def format_time(value: time) -> str:
    """A time of day as patients read it, 24-hour."""
    return value.strftime("%H:%M")


def technique_list(entry: Entry) -> str:
    """The techniques (and medication) of an entry in words."""
    names = [TECHNIQUE_NAMES[t] for t in entry.techniques]
    if entry.medication:
        names.append(MEDICATION_NAME)
    if not names:
        return NO_TECHNIQUES if entry.techniques_answered else words.TECHNIQUES_NOT_ANSWERED
    return ", ".join(names)


def entry_line(entry: Entry, when: datetime) -> str:
    """One entry for /history and /undo: local day and time, score, what was done, note."""
    score = "note" if entry.score is None else f"{entry.score}/10"
    line = f"{when:%a %d %b %H:%M} — {score} · {technique_list(entry)}"
    if entry.note:
        note = entry.note if len(entry.note) <= 80 else entry.note[:79] + "…"
        line += f"\n    “{note}”"
    return line


def settings_text(profile: Profile, entry_count: int) -> str:
    """The /settings reply."""
    state = STATE_BLOCKED if profile.blocked else STATE_PAUSED if profile.paused else ""
    return SETTINGS.format(
        tz=profile.timezone,
        time=format_time(profile.reminder_time),
        state=state,
        weekly="on" if profile.weekly_chart else "off",
        count=entry_count,
    )


CHART_CAPTION = (
    "Pain diary {start} – {end}\nMean {mean} · worst {worst} · {logged} of {days} days logged"
)
CHART_USAGE = (
    "Which period? /chart (last 7 days), /chart 30, /chart 90, /chart month, "
    "or two dates: /chart 2026-10-01 2026-10-31"
)
CHART_EMPTY = "No entries between {start} and {end}, so there is nothing to chart yet."
WEEKLY_USAGE = (
    "Your weekly chart is {state}. /weekly on sends a chart of your week every Sunday at your "
    "reminder time; /weekly off stops it."
)
WEEKLY_ON = "Weekly chart on: every Sunday at your reminder time."
WEEKLY_OFF = "Weekly chart off."
WEEKLY_EMPTY = "Your weekly chart: no entries this week, so there is nothing to chart."


def short_date(day: date) -> str:
    """A day in captions: 1 Nov 2026."""
    return f"{day.day} {day:%b %Y}"


# -- exports -----------------------------------------------------------------------------------
EXPORT_USAGE = (
    "Which period? /export (last 30 days), /export 90, /export all, "
    "or two dates: /export 2026-10-01 2026-10-31"
)
EXPORT_EMPTY = "No entries between {start} and {end}, so there is nothing to export."
EXPORT_INTRO = (
    "Your diary from {start} to {end}: a PDF report to read or show your specialist, a CSV "
    "file for spreadsheets, and a FHIR file that clinical systems can import."
)
PREPARING = "Preparing your files…"

# -- sharing: the patient's side ---------------------------------------------------------------
LINK_DECLINED = "Declined: nothing was shared with {name}."
LINK_REQUEST_GONE = "This request is no longer open."
SHARING_NONE = "You don't share your diary with anyone. /share creates a code for your specialist."
SHARING_PENDING = " (waiting for your confirmation)"
UNSHARED = "Stopped: {name} no longer receives anything from your diary."
BUTTON_DECLINE = "No"
BUTTON_STOP_SHARING = "Stop sharing with {name}"
NAME_SET = "Your reports will show your name as “{name}”."
NAME_USAGE = "Send the name your reports should show, like this: /name Alex Smith"

# -- sharing: the specialist's side ------------------------------------------------------------
LINK_USAGE = "Send the patient's code like this: /link ABCDE-FGHJK"
LINK_INVALID = "That code is not valid. Check it with your patient, or ask them for a new one."
LINK_RATE_LIMITED = "Too many codes that did not work. Please try again in an hour."
LINK_OWN_CODE = "That is your own sharing code: give it to your specialist instead."
LINK_REQUESTED = "Thank you. I've asked your patient to confirm; I'll tell you when they have."
LINK_DECLINED_SPECIALIST = "Your request to see a patient's diary was declined."
DIGEST_USAGE = (
    "Your weekly summaries arrive {state}.\nChange with /digest monday 08:00 (optionally a time "
    "zone: /digest friday 17:30 Europe/Berlin), or /digest off."
)
DIGEST_SET = "Weekly summaries: every {weekday} at {time} ({tz})."
DIGEST_OFF = "Weekly summaries are off. /digest monday 08:00 turns them back on."
DIGEST_STATE_ON = "every {weekday} at {time} ({tz})"
DIGEST_STATE_OFF = "never (turned off)"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# -- the weekly PEG ----------------------------------------------------------------------------
PEG_INTRO = "Your weekly check (PEG, 3 quick questions about the past week)."
PEG_QUESTIONS = {
    "pain": (
        "What number best describes your pain on average in the past week?",
        "0 = no pain, 10 = pain as bad as you can imagine",
    ),
    "enjoyment": (
        "What number best describes how, during the past week, pain has interfered with your "
        "enjoyment of life?",
        "0 = does not interfere, 10 = completely interferes",
    ),
    "activity": (
        "What number best describes how, during the past week, pain has interfered with your "
        "general activity?",
        "0 = does not interfere, 10 = completely interferes",
    ),
}
PEG_QUESTION = "{intro}Question {n} of 3\n{question}\n{anchors}"
PEG_DONE = (
    "Thank you. Your PEG score this week: {score:.1f} "
    "(pain {pain}, enjoyment of life {enjoyment}, general activity {activity})."
)
PEG_USAGE = (
    "The weekly PEG check is {state}. /peg sunday (or any day) sets the day, at your reminder "
    "time; /peg off stops it."
)
PEG_SET = "Weekly PEG check: every {weekday} at your reminder time."
PEG_OFF = "Weekly PEG check off."

# -- flares ------------------------------------------------------------------------------------
FLARE_NOTICE = (
    "Your pain looks higher than usual ({reason}). I'm sorry it's a hard time."
    "{helped}\n\nIf this goes on or worries you, please contact your care team; in an "
    "emergency, call your local emergency number."
)
FLARE_HELPED = (
    "\n\nOn earlier days, your pain was lower on days you used: {techniques}. "
    "Maybe one of them is worth a try today, if it feels right."
)
FLARE_REASON_HIGH = "{today}/10 today after {yesterday}/10 yesterday"
FLARE_REASON_JUMP = "{today}/10 today, your 14-day average is {baseline:.1f}"
FLARE_ALERT = "Flare alert: {name} logged high pain ({reason})."
ALERTS_ON = "Flare alerts on: you'll get a short message when a linked patient has a flare."
ALERTS_OFF = "Flare alerts off."
ALERTS_USAGE = "Flare alerts are {state}. /alerts on or /alerts off."
