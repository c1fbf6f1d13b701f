"""The words of /start: the welcome, the time zone and the daily reminder time."""

from __future__ import annotations

from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.i18n import _


def welcome() -> str:
    # Translators: {all}: a word the command reads, in your language.
    text = _(
        "Hello, I'm diarybot, a pain diary that lives in this chat.\n\n"
        "Once a day I'll ask you to rate your pain from 0 (no pain) to 10 (worst pain "
        "imaginable), which coping techniques you used, and for an optional note. You can also "
        "log "
        "at any time and ask for a chart of your trend.\n\n"
        "Your privacy:\n"
        "• What I store: your scores, techniques, notes, time zone and reminder time.\n"
        "• Where: in a file of your own on the server that runs this bot.\n"
        "• Who can see it: only you, unless you share with a specialist (/share). You choose what "
        "they receive: a summary (figures and chart), or also every entry and note, or also the "
        "data files (CSV, FHIR); you can change or stop it in /sharing. What was sent stays with "
        "them.\n"
        "• /export {all} sends you all of it (/export alone, the last 30 days); /delete erases "
        "all of it.\n"
        "• Telegram bot chats are not end-to-end encrypted.\n\n"
        "I don't give medical advice. If your pain is severe or you think it's an emergency, "
        "contact your care team or your local emergency number (112 in Europe, 911 in the US)."
    )
    return with_argument_words(text)


def ask_timezone() -> str:
    return _(
        "Which time zone are you in? Send its name, like Europe/Berlin or America/New_York, "
        "or pick one below."
    )


def ask_reminder_time() -> str:
    return _("When should I remind you each day? Pick a time or type one, like 20:00 or 8pm.")


def timezone_unknown_suggest() -> str:
    return _("I don't know the time zone “{text}”. Did you mean one of these?")


def timezone_unknown_howto() -> str:
    return _(
        "I don't know the time zone “{text}”. Please send a name like Europe/Berlin, or pick one "
        "below."
    )


def timezone_set() -> str:
    return _("Time zone set to {tz}. It's {local_time} there now.")


def time_unknown() -> str:
    return _("I couldn't read “{text}” as a time. Please send something like 20:00, 20.00 or 8pm.")


def reminder_set() -> str:
    return _("Daily reminder set for {time} ({tz}).")


def onboarded() -> str:
    return _(
        "All set. I'll remind you every day at {time} ({tz}).\n"
        "Send /checkin to rate your pain now, or /help to see everything I can do.\n"
        "If you take medication for pain, /meds keeps your own list (optional)."
    )


def need_start() -> str:
    return _("Let's get you set up first: send /start.")
